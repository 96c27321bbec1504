#!/usr/bin/python3
"""Writes tests/hardening/hostile_bank.json: a valid bank (the shape of the placeholder bank) in
which every text a person sees - title, introduction, disclaimer, outcome texts, question and help
texts, option labels, scale and band labels, rule messages and notes - carries terminal escape
sequences, an OSC title change, C1 controls, bidi overrides and other control characters.
Run once to regenerate the fixture: /usr/bin/python3 tests/hardening/make_hostile_bank.py"""
import json
import os
import sys

# Each of these must never reach a terminal. JSON-escaped in the file, so the file itself is ASCII.
HOSTILE = (
    "\u001b[2J\u001b[H"            # clear screen, cursor home (CSI)
    "\u001b]0;pwned-title\u0007"    # OSC: set the window title
    "\u001b]8;;http://evil.example/\u001b\\link\u001b]8;;\u001b\\"  # OSC 8 hyperlink, ST-terminated
    "\u009b31m"                     # C1 CSI: red
    "\u0085\u008d"                  # C1 NEL, RI
    "\u202e"                        # RIGHT-TO-LEFT OVERRIDE
    "\u2066\u2069"                  # LRI, PDI
    "\u0007\u0008\r\u007f"          # bell, backspace, carriage return, DEL
    "\u001bP+q\u001b\\"             # DCS
)


def hostile(text):
    return HOSTILE + text + HOSTILE


def walk(node, key=None):
    """Makes every {"nl": ..., "en": ...} text hostile; leaves ids and structure alone."""
    if isinstance(node, dict):
        if set(node) <= {"nl", "en"} and node and all(isinstance(v, str) for v in node.values()):
            return {lang: hostile(text) for lang, text in node.items()}
        return {k: walk(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [walk(v) for v in node]
    return node


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "placeholder_bank.json"), encoding="utf-8") as f:
        bank = json.load(f)
    bank["id"] = "hostile-texts"
    out = os.path.join(here, "hostile_bank.json")
    with open(out, "w", encoding="ascii") as f:
        json.dump(walk(bank), f, ensure_ascii=True, indent=1)
        f.write("\n")
    print(out, file=sys.stderr)


if __name__ == "__main__":
    main()

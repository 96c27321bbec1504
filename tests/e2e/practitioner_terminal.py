#!/usr/bin/python3
"""End-to-end test of `wegwijzer ask --bank practitioner --lang en` in a real terminal (an 80x24 tmux screen).

Usage: practitioner_terminal.py BINARY SOURCE_DIR CASE
CASE is a reference case of tests/vignettes-practitioner/ (P08: go on within the role; P06: act now, with the crisis
box in the middle of the questionnaire). The script reads each question off the screen as the practitioner sees it,
finds it in data/banks/practitioner.json, and types the number(s) of the case's answer; Enter after a crisis box and
at the optional note. After the summary it checks, on the screen, that the summary is addressed to the practitioner
and says the case's advice, and that the recap repeats it.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

BINARY, SOURCE, CASE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
TIMEOUT = 15
EXPECTED = {
    "P08": {"advice": "What you had best do now: go on within your role", "crisis": False,
            "soon": "How soon: There is no hurry: read below what this means for you"},
    "P06": {"advice": "What you had best do now: act today", "crisis": True,
            "soon": "How soon: Arrange help today: call 113 (or 0800-0113) together"},
}


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


class Tmux:
    """A detached tmux server of our own (its own socket) with one window of ROWS x COLUMNS."""

    def __init__(self, rows, columns, command, workdir, env):
        self.name = "wegwijzer-prac-%d" % os.getpid()
        self.base = ["tmux", "-L", self.name, "-f", "/dev/null", "-u"]
        self.run("start-server", ";", "set-option", "-g", "status", "off", ";",
                 "set-option", "-g", "history-limit", "20000", ";",
                 "new-session", "-d", "-s", "ask", "-x", str(columns), "-y", str(rows), "-c", workdir,
                 command, env=env)

    def run(self, *args, env=None):
        return subprocess.run(self.base + list(args), capture_output=True, timeout=TIMEOUT, check=True,
                              env=env).stdout.decode("utf-8", "replace")

    def screen(self):
        return self.run("capture-pane", "-p", "-t", "ask").split("\n")

    def everything(self):
        return self.run("capture-pane", "-p", "-S", "-", "-t", "ask").split("\n")

    def send(self, text):
        if text:
            self.run("send-keys", "-t", "ask", "-l", text)
        self.run("send-keys", "-t", "ask", "Enter")

    def close(self):
        subprocess.run(self.base + ["kill-server"], capture_output=True, timeout=TIMEOUT)


def words(text):
    return re.sub(r"\s+", " ", text).strip()


def paragraph(lines, start):
    """The wrapped paragraph that starts with `start`, as one line."""
    for i, line in enumerate(lines):
        if line.startswith(start):
            parts = [line.strip()]
            for rest in lines[i + 1:]:
                if not rest.startswith("  ") or not rest.strip() or rest.lstrip().startswith(("\u2022", "-")):
                    break
                parts.append(rest.strip())
            return " ".join(parts)
    return None


def main():
    with open(os.path.join(SOURCE, "data/banks/practitioner.json"), encoding="utf-8") as handle:
        bank = json.load(handle)
    with open(os.path.join(SOURCE, "tests/vignettes-practitioner/%s.json" % CASE), encoding="utf-8") as handle:
        answers = json.load(handle)["answers"]
    expected = EXPECTED[CASE]
    questions = [q for q in bank["questions"] if q["id"] in answers or q["type"] == "text"]

    def reply(block):
        """The answer to type for the question in `block` (the screen since the last question counter)."""
        shown = words(" ".join(block))
        found = [q for q in questions if words(q["text"]["en"])[:60] in shown]
        check(len(found) == 1, "cannot tell which question is on screen (%d matches): %r" % (len(found), shown[-300:]))
        question = found[0]
        if question["type"] == "text":
            return ""
        chosen = answers[question["id"]]
        chosen = chosen if isinstance(chosen, list) else [chosen]
        ids = [o["id"] for o in question["options"]]
        return " ".join(str(ids.index(c) + 1) for c in chosen)

    rows, columns = 24, 80
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LC_ALL", "LC_CTYPE", "COLUMNS", "LINES", "TMUX")}
    env.update({"TERM": "xterm", "LANG": "en_US.UTF-8"})
    with tempfile.TemporaryDirectory() as workdir:
        command = "%s ask --bank practitioner --lang en; echo \"[exit $?]\"; exec sleep 600" % shlex.quote(BINARY)
        tmux = Tmux(rows, columns, command, workdir, env)
        try:
            answered = 0
            crisis_boxes = 0
            deadline = time.time() + 10 * TIMEOUT
            while True:
                check(time.time() < deadline, "the questionnaire did not end")
                lines = tmux.everything()
                if any(line.startswith("[exit ") for line in lines):
                    break
                prompts = sum(1 for line in lines if line == ">" or line.startswith("> "))
                filled = [line for line in lines if line.strip()]
                if prompts <= answered or not filled or filled[-1] != ">":
                    time.sleep(0.05)
                    continue
                check(answered < 80, "too many prompts")
                if "Press Enter to go on with the questions" in " ".join(lines[-6:]):
                    crisis_boxes += 1
                    tmux.send("")
                else:
                    start = max(i for i, line in enumerate(lines) if line.startswith("Question "))
                    tmux.send(reply(lines[start:]))
                answered += 1
            everything = tmux.everything()
            screen = tmux.screen()[:rows]
            print("\n".join(everything))
            print("---- the last screen ----")
            print("\n".join(screen))
            ended = [line for line in everything if line.startswith("[exit ")]
            check(ended == ["[exit 0]"], "exit status: %r" % ended)
            # Before the first question: the bank's crisis lines under its own heading.
            first = min(i for i, line in enumerate(everything) if line.startswith("Question "))
            intro = words(" ".join(everything[:first]))
            check("Is your client in danger now?" in intro, "the intro does not ask whether the client is in danger")
            check("0800-0113" in intro and "112" in intro and "Veilig Thuis" in intro and "0800-2000" in intro,
                  "the intro lacks 113, 112 or Veilig Thuis")
            check((crisis_boxes > 0) == expected["crisis"], "crisis boxes during the questions: %d" % crisis_boxes)
            done = max(i for i, line in enumerate(everything) if line.startswith("Done. The advice follows."))
            recap = max(i for i, line in enumerate(everything) if line.startswith("\u2500\u2500 In short"))
            summary = everything[done + 1:recap]
            text = words(" ".join(summary))
            check("Advice for you as a practitioner" in text, "the summary's title is not for the practitioner")
            check(paragraph(summary, "What you had best do now: ") == expected["advice"],
                  "advice: %r" % paragraph(summary, "What you had best do now: "))
            soon = paragraph(summary, "How soon: ") or ""
            check(soon.startswith(expected["soon"]), "how soon: %r" % soon)
            for label in ("What this means for you:", "What to tell your client or the parents:",
                          "Who to involve / where to refer:"):
                check(label in text, "the summary lacks " + label)
            check("not a diagnosis" in text, "the disclaimer lacks 'not a diagnosis'")
            check("Do you need help right now?" not in text, "the person-facing crisis title shows")
            check(("\u2554" in "".join(summary)) == expected["crisis"], "crisis box iff the case is a crisis")
            if expected["crisis"]:
                check("Is your client in danger now?" in text, "the crisis box does not speak to the practitioner")
            # The last screen repeats the advice.
            check(any(line.startswith("\u2500\u2500 In short") for line in screen), "no recap on the last screen")
            check(paragraph(screen, "What you had best do now: ") == expected["advice"], "the recap lacks the advice")
            check(paragraph(screen, "To save this summary, run again with --out FILE.") is not None,
                  "the recap does not say how to save")
            print("answered %d prompts; %s" % (answered, expected["advice"]))
        finally:
            tmux.close()
    print("\nPASS: " + CASE)


if __name__ == "__main__":
    main()

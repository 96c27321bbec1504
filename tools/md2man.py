#!/usr/bin/env python3
"""Turns one of the project's Markdown documents into a man page (roff), so that a page such as
wegwijzer-bank(5) is generated from the document it describes and cannot drift from it.

Handles the Markdown the docs use: headings, paragraphs, lists, fenced code, tables, block quotes,
inline code, emphasis and links. Usage: md2man.py INPUT.md OUTPUT NAME SECTION "one-line summary" VERSION [SEE_ALSO,...]
"""
import re
import sys


def escape(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return text


def inline(text):
    """Markdown inline markup to roff font changes; links keep their text (and a web address)."""
    text = escape(text)
    text = re.sub(r"\[([^\]]+)\]\((http[^)]+)\)", r"\1 <\2>", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", text)
    text = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"\\fI\1\\fR", text)
    return text


def line_out(text):
    """A text line that roff will not take for a request."""
    return "\\&" + text if text[:1] in (".", "'") else text


def split_row(row):
    cells = row.strip().strip("|").split("|")
    return [cell.strip() for cell in cells]


def see_also(pages):
    """SEE ALSO from "wegwijzer(1),wegwijzer-check(1)"."""
    refs = []
    for page in pages:
        title, _, rest = page.partition("(")
        refs.append(f"\\fB{escape(title)}\\fR({rest}")
    return [".SH SEE ALSO", ",\n".join(refs)] if refs else []


def convert(lines, name, section, summary, version, related=()):
    out = [f'.TH {name.upper()} {section} "" "wegwijzer {version}" "wegwijzer manual"',
           ".SH NAME", f"{escape(name)} \\- {escape(summary)}"]
    i = 0
    paragraph = []

    def flush():
        if paragraph:
            out.append(".PP")
            out.append(line_out(inline(" ".join(paragraph))))  # inline code may span lines
            paragraph.clear()

    while i < len(lines):
        line = lines[i].rstrip("\n")
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            out.extend([".PP", ".RS 4", ".nf"])
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                out.append(line_out(escape(lines[i].rstrip("\n"))))
                i += 1
            out.extend([".fi", ".RE"])
        elif m := re.match(r"^(#+)\s+(.*)", line):
            flush()
            level, title = len(m.group(1)), m.group(2)
            if level == 1:
                out.append(".SH DESCRIPTION")
            elif level == 2:
                out.append(".SH " + inline(title.upper()))  # upper-case first: \\fB must stay lower-case
            else:
                out.append(".SS " + inline(title))
        elif stripped.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(split_row(lines[i]))
                i += 1
            i -= 1
            header, body = rows[0], [r for r in rows[2:]]
            for row in body:
                out.append(".TP")
                out.append(line_out(inline(row[0])))
                parts = [f"{header[c]}: {row[c]}." for c in range(1, len(row) - 1) if c < len(header)]
                parts.append(row[-1] if len(row) > 1 else "")
                out.append(line_out(inline(" ".join(parts))))
        elif re.match(r"^- \[[^\]]+\]\(#[^)]+\)$", stripped):
            pass  # a table of contents: the page's sections serve instead
        elif m := re.match(r"^(\s*)(?:[-*]|\d+\.)\s+(.*)", line):
            flush()
            text = [m.group(2)]
            while i + 1 < len(lines) and lines[i + 1].strip() and re.match(r"^\s{2,}\S", lines[i + 1]) \
                    and not re.match(r"^\s*(?:[-*]|\d+\.)\s", lines[i + 1]):
                i += 1
                text.append(lines[i].strip())
            indent = 4 if m.group(1) == "" else 8
            out.append(f".IP \\(bu {indent}" if indent == 4 else ".RS 4\n.IP \\(bu 4")
            out.append(line_out(inline(" ".join(text))))
            if indent == 8:
                out.append(".RE")
        elif stripped.startswith(">"):
            flush()
            out.extend([".PP", ".RS 4"])
            while i < len(lines) and lines[i].strip().startswith(">"):
                out.append(line_out(inline(lines[i].strip().lstrip(">").strip())))
                i += 1
            i -= 1
            out.append(".RE")
        elif not stripped:
            flush()
        else:
            paragraph.append(stripped)
        i += 1
    flush()
    out.extend(see_also(related))
    return "\n".join(out) + "\n"


def main():
    source, target, name, section, summary, version = sys.argv[1:7]
    related = sys.argv[7].split(",") if len(sys.argv) > 7 else []
    with open(source, encoding="utf-8") as f:
        lines = f.readlines()
    text = convert(lines, name, section, summary, version, related)
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()

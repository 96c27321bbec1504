#!/usr/bin/python3
"""codebook --format csv round-trips: answers written as the codebook's numeric codes score with
`score --codes` exactly as the same answers written as option ids (issue 17)."""
import csv
import io
import json
import subprocess
import sys

binary = sys.argv[1]
codebook = subprocess.run([binary, "codebook", "--format", "csv", "--lang", "en"], check=True,
                          capture_output=True, text=True).stdout
code_of = {}
questions = []
for row in csv.DictReader(io.StringIO(codebook)):
    if row["section"] != "question":
        continue
    if row["variable"] not in questions:
        questions.append(row["variable"])
    if row["code"]:
        code_of[(row["variable"], row["value"])] = row["code"]

records = subprocess.run([binary, "sample", "--count", "200", "--seed", "17"], check=True, capture_output=True,
                         text=True).stdout.splitlines()


def table(as_codes):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id"] + questions)
    for line in records:
        record = json.loads(line)
        cells = [record["id"]]
        for question in questions:
            answer = record["answers"].get(question)
            if answer is None:
                cells.append("")
                continue
            options = answer if isinstance(answer, list) else [answer]
            if (question, options[0]) not in code_of:  # free text
                cells.append(answer)
                continue
            cells.append(";".join(code_of[(question, o)] if as_codes else o for o in options))
        writer.writerow(cells)
    return out.getvalue()


def score(text, *flags):
    run = subprocess.run([binary, "score", "--input-format", "csv", "--format", "csv", "--errors-ok", *flags],
                         input=text, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"score {' '.join(flags)} exited {run.returncode}: {run.stderr}")
    return run.stdout


by_id = score(table(False))
by_code = score(table(True), "--codes")
if by_id != by_code:
    sys.exit("scoring the codebook's codes with --codes differs from scoring the option ids")
if score(table(True)) == by_code:
    sys.exit("the codes table scores the same without --codes: it holds no codes")
if len(by_code.splitlines()) != len(records) + 1 or ",complete," not in by_code:
    sys.exit("unexpected output of score")
print("codebook round trip ok")

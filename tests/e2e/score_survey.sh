#!/usr/bin/env bash
# A survey tool's export scores as it comes (issue 17), on the real binary:
# - a ';'-separated CSV with a byte-order mark and CRLF, the columns survey tools add (ResponseId, StartDate,
#   UserLanguage, an email column), a wave column, multi-select joined with commas and numeric option codes:
#   with --id ResponseId --keep wave --codes every row scores, to the same advice as the answers it came from;
#   the unknown columns are named once on stderr (the email column by position); ids and wave come through;
# - a CSV without a header row is fatal before any output and echoes no cell;
# - one stray quote costs one error record: count in = count out;
# - on standard input a corrupt first JSON Lines line does not turn the input into CSV.
# Usage: score_survey.sh WEGWIJZER_BIN SOURCE_DIR
set -uo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
count=400

"$bin" sample --count "$count" --seed 17 > "$work/answers.jsonl" || fail "sample"
/usr/bin/python3 - "$src/data/banks/default.json" "$work/answers.jsonl" "$work/export.csv" "$work/expected.tsv" <<'PY' || fail "export"
import json, random, sys
bank = json.load(open(sys.argv[1], encoding="utf-8"))
questions = bank["questions"]
random.seed(3)
header = ["ResponseId", "StartDate", "UserLanguage", "Email address", "wave"] + [q["id"] for q in questions]
rows, expected = [header], []
comma_joined = 0
for number, line in enumerate(open(sys.argv[2], encoding="utf-8")):
    record = json.loads(line)
    rid = f"R_{number:05d}"
    row = [rid, f"2026-11-{number % 28 + 1:02d} 09:{number % 60:02d}", "NL", f"person{number}@example.org",
           str(number % 3 + 1)]
    for q in questions:
        answer = record["answers"].get(q["id"])
        ids = [o["id"] for o in q.get("options", [])]
        if answer is None:
            cell = ""
        elif q["type"] == "text":
            cell = answer
        elif isinstance(answer, list):
            # Survey tools join multi-select with commas; some write codes, some labels: mix ids and codes.
            cell = ",".join(str(ids.index(a) + 1) if random.random() < 0.5 else a for a in answer)
            comma_joined += len(answer) > 1
        else:
            cell = str(ids.index(answer) + 1)  # numeric codes: 1 for the first option
        row.append(cell)
    rows.append(row)
    expected.append(f"{rid}\t{number % 3 + 1}")
assert comma_joined > 20, comma_joined

def field(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ';"\r\n') else text

with open(sys.argv[3], "w", encoding="utf-8-sig", newline="") as out:  # BOM, CRLF, ';'
    for row in rows:
        out.write(";".join(field(c) for c in row) + "\r\n")
open(sys.argv[4], "w").write("\n".join(expected) + "\n")
PY

# The export: every row scores.
"$bin" score --id ResponseId --keep wave --codes --format csv "$work/export.csv" > "$work/out.csv" 2> "$work/err" ||
  { cat "$work/err"; fail "the export did not score cleanly"; }
[ "$(wc -l < "$work/out.csv")" -eq $((count + 1)) ] || fail "expected $count rows and a header"
head -n 1 "$work/out.csv" | grep -q '^id,wave,line,status,recommendation,' || fail "header: id, then the kept wave"
[ "$(tail -n +2 "$work/out.csv" | cut -d, -f4 | sort -u)" = complete ] || fail "a row did not score"
# Ids from ResponseId, the wave carried through unchanged.
tail -n +2 "$work/out.csv" | cut -d, -f1,2 | tr , '\t' | diff - "$work/expected.tsv" > /dev/null ||
  fail "ids or wave differ from the export"
# The unknown columns, once, by name (the email column's name is no id: by position).
[ "$(wc -l < "$work/err")" -eq 1 ] || { cat "$work/err"; fail "expected one line on stderr"; }
grep -qF 'ignoring 3 columns that name no question of the bank: StartDate, UserLanguage, column 4' "$work/err" ||
  { cat "$work/err"; fail "unknown columns not named"; }
grep -q 'Email' "$work/err" && fail "a column name that is no id was echoed"
# The same advice as the answers the export was made from.
"$bin" score --format csv "$work/answers.jsonl" > "$work/direct.csv" || fail "direct run"
diff <(tail -n +2 "$work/direct.csv" | cut -d, -f4-) <(tail -n +2 "$work/out.csv" | cut -d, -f5-) \
  > /dev/null || fail "the export scores differently from its answers"
# The scored export, kept wave and all, is what `report --by wave` reads: JSON Lines and CSV give the same report.
"$bin" score --id ResponseId --keep wave --codes "$work/export.csv" > "$work/out.jsonl" 2> /dev/null || fail "jsonl run"
"$bin" report --by wave --format json --lang en "$work/out.jsonl" > "$work/report.json" || fail "report of jsonl"
"$bin" report --by wave --format json --lang en "$work/out.csv" > "$work/report-csv.json" || fail "report of csv"
cmp -s "$work/report.json" "$work/report-csv.json" || fail "the report differs between JSON Lines and CSV output"
/usr/bin/python3 - "$work/report.json" "$count" <<'PY' || fail "report --by wave"
import json, sys
report = json.load(open(sys.argv[1]))
records = next(s for s in report["sections"] if s["id"] == "records")
assert [c["count"] for c in records["base"]][-1] == int(sys.argv[2]), records["base"]
labels = json.dumps(report["columns"])
assert all(f'"{wave}"' in labels for wave in ("1", "2", "3")), labels
PY
# --strict: the unknown columns are errors again.
"$bin" score --strict --id ResponseId --codes "$work/export.csv" > "$work/strict.jsonl" 2> /dev/null
[ $? -eq 65 ] || fail "--strict: expected exit 65"
grep -c '"code":"unknown_question"' "$work/strict.jsonl" | grep -qx "$count" || fail "--strict: unknown_question"

# A CSV without a header row: fatal before any output, no cell echoed.
tail -n +2 "$work/export.csv" | sed '1s/;;/;GEHEIM-antwoord;/' > "$work/headerless.csv"
"$bin" score --codes "$work/headerless.csv" > "$work/headerless.out" 2> "$work/headerless.err"
[ $? -eq 65 ] || fail "headerless: expected exit 65"
[ -s "$work/headerless.out" ] && fail "headerless: output written"
grep -q 'no column names a question of the bank' "$work/headerless.err" || fail "headerless: no clear message"
grep -qE 'GEHEIM|example\.org|R_0' "$work/headerless.err" && fail "headerless: a cell was echoed"

# A stray quote in record 1 of a large CSV: one error record, every other record scored; count in = count out.
/usr/bin/python3 - "$work/stray.csv" <<'PY'
import sys
rows = ["id,need,work_situation"] + [f"r{i},goal,employed" for i in range(200000)]
rows[1] = 'r0,"goal,employed'       # the quote never closes
rows[150001] = 'r150000,goal,"em'   # nor this one, near the end
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
"$bin" score --errors-ok "$work/stray.csv" > "$work/stray.out" || fail "stray: run"
[ "$(wc -l < "$work/stray.out")" -eq 200000 ] || fail "stray: count in != count out"
[ "$(grep -c '"code":"invalid_csv"' "$work/stray.out")" -eq 2 ] || fail "stray: expected 2 invalid_csv records"
grep -q '"id":"r1",' "$work/stray.out" || fail "stray: record 2 lost"
grep -q '"id":"r150001",' "$work/stray.out" || fail "stray: the record after the second quote lost"

# A corrupt first JSON Lines line on standard input: still JSON Lines, one error record.
{ echo 'answers": {"need": "goal"}}'; head -n 20 "$work/answers.jsonl"; } |
  "$bin" score --errors-ok > "$work/stdin.out" 2> "$work/stdin.err" || { cat "$work/stdin.err"; fail "stdin: run"; }
[ "$(wc -l < "$work/stdin.out")" -eq 21 ] || fail "stdin: expected 21 records"
head -n 1 "$work/stdin.out" | grep -q '"code":"invalid_json"' || fail "stdin: the first line is not an invalid_json record"
[ "$(grep -c '"status":"complete"' "$work/stdin.out")" -eq 20 ] || fail "stdin: the other records did not score"
echo "ok: a survey export scores as it comes"

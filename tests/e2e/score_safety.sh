#!/usr/bin/env bash
# Batch scoring keeps every red flag, on the real binary: incomplete and partly invalid records are error records
# that carry the urgency, red flags and unknown red flags of their valid answers (JSON Lines and CSV), --report
# counts them, and every output line matches data/schema/batch_record.schema.json.
# Usage: score_safety.sh WEGWIJZER_BIN SOURCE_DIR
set -uo pipefail
bin=$1
src=$2
bank=$src/tests/batch/bank.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

flags='"red_flags":[{"rule":"life-not-worth-living","tier":"crisis"},{"rule":"daily-low-mood","tier":"clinical"}]'
# The scale whose items are all answered, and the answered count (issue 17: partial data is not lost).
severe='"scales":[{"id":"distress","value":3,"min":0,"max":3,"band":"severe","answered_items":1}]'
# --strict: the answer to "extra" is an unknown_question error, as it was before unknown keys were ignored.
"$bin" score --strict --bank "$bank" --report "$work/report.txt" "$src/tests/batch/safety.jsonl" > "$work/out.jsonl" 2> "$work/err"
status=$?
[ "$status" -eq 65 ] || fail "expected exit 65 (error records), got $status"
[ -s "$work/err" ] && { cat "$work/err"; fail "unexpected stderr"; }
[ "$(wc -l < "$work/out.jsonl")" -eq 8 ] || fail "expected 8 output lines"
expect_line() { grep -qxF -- "$1" "$work/out.jsonl" || { cat "$work/out.jsonl"; fail "missing line: $1"; }; }
expect_line '{"id":"s-incomplete","line":1,"status":"error","error":{"code":"incomplete","message":"required questions unanswered: need","missing":["need"]},"urgency":"crisis",'"$flags"',"unknown_red_flags":[],"answered":2,'"$severe"'}'
expect_line '{"id":"s-unknown-option","line":2,"status":"error","error":{"code":"unknown_option","message":"question \"need\": unknown option","question":"need"},"urgency":"crisis",'"$flags"',"unknown_red_flags":[],"answered":2,'"$severe"'}'
expect_line '{"id":"s-unknown-question","line":3,"status":"error","error":{"code":"unknown_question","message":"unknown question \"extra\"","question":"extra"},"urgency":"crisis",'"$flags"',"unknown_red_flags":[],"answered":3,'"$severe"'}'
expect_line '{"id":"s-wrong-type","line":4,"status":"error","error":{"code":"wrong_type","message":"question \"need\" (single) takes one option id (a string)","question":"need"},"urgency":"crisis",'"$flags"',"unknown_red_flags":[],"answered":2,'"$severe"'}'
expect_line '{"id":"s-rather-not-say","line":6,"status":"error","error":{"code":"incomplete","message":"required questions unanswered: need","missing":["need"]},"urgency":"routine","red_flags":[],"unknown_red_flags":["life_worth"],"answered":2,"scales":[{"id":"distress","value":2,"min":0,"max":3,"band":"moderate","answered_items":1}]}'
# Broken JSON has no valid answers: the error record as before, without urgency.
expect_line '{"id":"7","line":7,"status":"error","error":{"code":"invalid_json","message":"the line is not valid JSON"}}'
expect_line '{"id":"s-no-answers","line":8,"status":"error","error":{"code":"missing_answers","message":"the record has no \"answers\" object"}}'
grep -q '"id":"s-scored","status":"complete","recommendation":"therapie","urgency":"crisis"' "$work/out.jsonl" ||
  fail "the scored record changed"

# --report: the crisis of the error records counts.
grep -qx 'assessed 6  (records with urgency and red flags: 1 scored, 5 error records incomplete or partly invalid)' \
  "$work/report.txt" || { cat "$work/report.txt"; fail "report: assessed count"; }
grep -qE '^  crisis +5 +83\.3%' "$work/report.txt" || { cat "$work/report.txt"; fail "report: crisis count"; }
grep -qE '^  life-not-worth-living +5 ' "$work/report.txt" || { cat "$work/report.txt"; fail "report: red flag count"; }
grep -qE '^  incomplete +2 ' "$work/report.txt" || { cat "$work/report.txt"; fail "report: error code count"; }

# CSV in, CSV out: the urgency and red_flags columns of error rows are filled (not for a row of the wrong width),
# and the scale columns of the scales whose items are all answered, and the answered count.
"$bin" score --strict --bank "$bank" --format csv --errors-ok "$src/tests/batch/safety.csv" > "$work/out.csv" || fail "csv run"
expect_csv() { grep -qxF -- "$1" "$work/out.csv" || { cat "$work/out.csv"; fail "missing CSV row: $1"; }; }
expect_csv 'c-unknown-column,2,error,,crisis,,,,,3,severe,life-not-worth-living;daily-low-mood,unknown_question,"unknown question ""extra""",,,,,3'
expect_csv 'c-unknown-option,3,error,,crisis,,,,,3,severe,life-not-worth-living;daily-low-mood,unknown_option,"question ""need"": unknown option",,,,,2'
expect_csv 'c-incomplete,4,error,,crisis,,,,,3,severe,life-not-worth-living;daily-low-mood,incomplete,required questions unanswered: need,,,,,2'
expect_csv 'c-scored,,complete,therapie,crisis,0,3,0,2,3,severe,life-not-worth-living;daily-low-mood,,,,life-not-worth-living;daily-low-mood,,false,3'
expect_csv '6,6,error,,,,,,,,,,invalid_csv,"the record has 4 fields, the header has 5",,,,,'
"$bin" score --strict --bank "$bank" --errors-ok "$src/tests/batch/safety.csv" > "$work/csv.jsonl" || fail "csv to jsonl run"

# Every output line matches the batch record schema; the schema rejects what must not be.
cat > "$work/bad.jsonl" <<'BAD'
{"id":"7","line":7,"status":"error","error":{"code":"invalid_json","message":"x"},"urgency":"crisis","red_flags":[],"unknown_red_flags":[]}
{"id":"a","line":1,"status":"error","error":{"code":"incomplete","message":"x","missing":["need"]}}
{"id":"a","line":1,"status":"error","error":{"code":"unknown_option","message":"x"},"urgency":"crisis","red_flags":[],"unknown_red_flags":[],"recommendation":"coaching"}
{"id":"a","line":1,"status":"error","error":{"code":"wrong_type","message":"x"},"urgency":"crisis"}
BAD
# Records with their nearest flip (score --explain) match it too.
"$bin" sample --count 300 --seed 5 > "$work/sampled.jsonl" || fail "sample"
"$bin" score --explain "$work/sampled.jsonl" > "$work/explained.jsonl" || fail "explain run"
grep -q '"nearest_flip":{"outcome":' "$work/explained.jsonl" || fail "no nearest flip in the explained records"
grep -q '"nearest_flip":null' "$work/explained.jsonl" || fail "no record without a nearest flip"
/usr/bin/python3 - "$src/data/schema" "$work/out.jsonl" "$work/csv.jsonl" "$work/explained.jsonl" "$work/bad.jsonl" <<'PY' || fail "schema"
import json, pathlib, sys
import jsonschema
schema_dir = pathlib.Path(sys.argv[1])
schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in schema_dir.glob("*.schema.json")}
for schema in schemas.values():
    jsonschema.Draft202012Validator.check_schema(schema)
store = {schema["$id"]: schema for schema in schemas.values()}
main = schemas["batch_record.schema.json"]
validator = jsonschema.Draft202012Validator(main, resolver=jsonschema.RefResolver.from_schema(main, store=store))
problems = 0
for path in sys.argv[2:-1]:
    for number, line in enumerate(pathlib.Path(path).read_text(encoding="utf-8").splitlines(), 1):
        for error in validator.iter_errors(json.loads(line)):
            print(f"{path}:{number}: {error.message[:200]}")
            problems += 1
for number, line in enumerate(pathlib.Path(sys.argv[-1]).read_text(encoding="utf-8").splitlines(), 1):
    if validator.is_valid(json.loads(line)):
        print(f"bad record {number} passes the schema")
        problems += 1
sys.exit(1 if problems else 0)
PY
echo "ok: error records keep urgency and red flags"

#!/usr/bin/env bash
# A closed output pipe ends `wegwijzer score` quietly with exit 74; bad records put nothing on stderr.
# Usage: score_pipe.sh WEGWIJZER_BIN
set -uo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" sample --count 20000 --seed 3 > "$work/in.jsonl" || exit 1
for jobs in 1 2; do
  "$bin" score --jobs "$jobs" "$work/in.jsonl" 2> "$work/err" | head -n 1 > /dev/null
  status=${PIPESTATUS[0]}
  if [ "$status" -ne 74 ]; then echo "jobs $jobs: expected exit 74 on a closed pipe, got $status"; exit 1; fi
  if [ -s "$work/err" ]; then echo "jobs $jobs: unexpected stderr:"; cat "$work/err"; exit 1; fi
done
# Bad records with secrets: error records on stdout, nothing on stderr.
printf '%s\n' '{"id":"s1","answers":{"need":"SECRET-OPTION"}}' 'SECRET-RAW-LINE' \
  '{"id":"s2","answers":{"remarks":["SECRET-TEXT"]}}' > "$work/bad.jsonl"
"$bin" score "$work/bad.jsonl" > "$work/out" 2> "$work/err"
status=$?
if [ "$status" -ne 65 ]; then echo "expected 65 for error records, got $status"; exit 1; fi
if [ -s "$work/err" ]; then echo "unexpected stderr:"; cat "$work/err"; exit 1; fi
if grep -q SECRET "$work/out"; then echo "an error record echoes input:"; cat "$work/out"; exit 1; fi
test "$(wc -l < "$work/out")" -eq 3 || { echo "expected 3 output lines"; exit 1; }
echo ok

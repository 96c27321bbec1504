#!/usr/bin/env bash
# `wegwijzer score` under GNU parallel --pipe -k gives byte for byte the output of a single run.
# Usage: score_parallel.sh WEGWIJZER_BIN
set -euo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" sample --count 5000 --seed 7 > "$work/in.jsonl"
test "$(wc -l < "$work/in.jsonl")" -eq 5000
"$bin" score --jobs 1 "$work/in.jsonl" > "$work/single.jsonl"
# Small blocks so that the input is cut into many chunks, each scored by its own process.
parallel --will-cite --pipe -k --block 200k -j 2 "$bin" score < "$work/in.jsonl" > "$work/parallel.jsonl"
test "$(wc -l < "$work/parallel.jsonl")" -eq 5000
cmp "$work/single.jsonl" "$work/parallel.jsonl"
# And the threads of one process agree too.
"$bin" score --jobs 2 < "$work/in.jsonl" | cmp - "$work/single.jsonl"
echo "parallel --pipe -k output identical to a single run (5000 records)"

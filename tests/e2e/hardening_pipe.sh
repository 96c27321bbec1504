#!/usr/bin/env bash
# A closed pipe ends quietly: `wegwijzer sample --count 1000000 | head -1` and
# `wegwijzer score big.jsonl | head -1` print nothing on stderr and exit 74 (EPIPE seen) or
# 141 (killed by SIGPIPE, the conventional status); never a crash, a hang or a message.
# Usage: hardening_pipe.sh WEGWIJZER_BINARY sample|score
set -uo pipefail
bin=$1
what=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {  # check NAME STATUS HEAD_STATUS STDERR_FILE FIRST_LINE_FILE
  local name=$1 status=$2 head_status=$3 err=$4 first=$5
  if [ "$status" != 74 ] && [ "$status" != 141 ]; then
    echo "FAIL $name: exit $status after the reader closed the pipe (expected 74 or 141)" >&2
    head -c 600 "$err" >&2
    exit 1
  fi
  if [ -s "$err" ]; then
    echo "FAIL $name: wrote to stderr on a closed pipe:" >&2
    head -c 600 "$err" >&2
    exit 1
  fi
  if [ "$head_status" != 0 ] || [ "$(wc -l <"$first")" != 1 ]; then
    echo "FAIL $name: head did not get one line" >&2
    exit 1
  fi
  echo "ok $name: exit $status, stderr empty"
}

case $what in
  sample)
    timeout 120 "$bin" sample --count 1000000 2>"$tmp/err" | head -n 1 >"$tmp/first"
    statuses=("${PIPESTATUS[@]}")
    check "sample | head -1" "${statuses[0]}" "${statuses[1]}" "$tmp/err" "$tmp/first"
    ;;
  score)
    "$bin" sample --count 200000 --seed 7 >"$tmp/big.jsonl" || { echo "FAIL: sample failed" >&2; exit 1; }
    timeout 120 "$bin" score "$tmp/big.jsonl" 2>"$tmp/err" | head -n 1 >"$tmp/first"
    statuses=("${PIPESTATUS[@]}")
    check "score big.jsonl | head -1" "${statuses[0]}" "${statuses[1]}" "$tmp/err" "$tmp/first"
    timeout 120 "$bin" score --jobs 2 "$tmp/big.jsonl" 2>"$tmp/err" | head -n 1 >"$tmp/first"
    statuses=("${PIPESTATUS[@]}")
    check "score --jobs 2 big.jsonl | head -1" "${statuses[0]}" "${statuses[1]}" "$tmp/err" "$tmp/first"
    timeout 120 "$bin" score --format csv "$tmp/big.jsonl" 2>"$tmp/err" | head -n 1 >"$tmp/first"
    statuses=("${PIPESTATUS[@]}")
    check "score --format csv big.jsonl | head -1" "${statuses[0]}" "${statuses[1]}" "$tmp/err" "$tmp/first"
    ;;
  *)
    echo "usage: $0 BINARY sample|score" >&2
    exit 2
    ;;
esac

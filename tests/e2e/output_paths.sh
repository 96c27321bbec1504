#!/usr/bin/env bash
# Output paths of the real binary (issue 16): a symlink is never replaced, /dev/stdout and /dev/stderr
# are written in place (the links stay), a failing stream is exit 74.
# Usage: output_paths.sh WEGWIJZER_BINARY PLACEHOLDER_BANK CASE
# Writes only inside a fresh temporary directory. The /dev/stdout case runs only after the same
# protection held on a link of its own, and puts /dev/stdout back if it was replaced anyway (CTest
# runs as root in CI: a replaced /dev/stdout would break every later program).
set -u
bin=$1
bank=$2
what=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
answers=$'2\n1\n1\n\n'  # completes the placeholder bank without a red flag

fail() {
  echo "FAIL $what: $*" >&2
  for f in "$tmp"/err*; do [ -f "$f" ] && head -c 600 "$f" >&2; done
  exit 1
}

# ask --out LINK (LINK -> real.txt): exit 73, the link and the file it points to unchanged, nothing left.
own_symlink() {
  mkdir "$tmp/own" && printf 'the person'\''s own file\n' >"$tmp/own/real.txt" && ln -s real.txt "$tmp/own/link.txt" ||
    fail "setup"
  printf '%s' "$answers" | "$bin" ask --bank "$bank" --no-color --out "$tmp/own/link.txt" >"$tmp/out-own" 2>"$tmp/err-own"
  local status=$?
  [ "$status" = 73 ] || fail "ask --out LINK: exit $status, expected 73"
  [ -L "$tmp/own/link.txt" ] || fail "ask --out LINK replaced the symlink"
  [ "$(readlink "$tmp/own/link.txt")" = real.txt ] || fail "the symlink points elsewhere"
  [ "$(cat "$tmp/own/real.txt")" = "the person's own file" ] || fail "the file behind the link changed"
  [ "$(ls -A "$tmp/own" | tr '\n' ' ')" = "link.txt real.txt " ] || fail "files left: $(ls -A "$tmp/own")"
  grep -q -- "--out" "$tmp/err-own" && grep -q "symbolic link" "$tmp/err-own" || fail "no message naming --out and the link"
}

repair() {
  for name in stdout stderr; do
    if [ ! -L "/dev/$name" ] && [ "$(id -u)" = 0 ]; then
      local fd=1
      [ "$name" = stderr ] && fd=2
      rm -f "/dev/$name" && ln -s "/proc/self/fd/$fd" "/dev/$name"
      echo "FAIL $what: /dev/$name was replaced (put back)" >&2
      exit 1
    fi
  done
}

case $what in
  own-symlink)
    own_symlink
    ;;
  dev-stdout)
    own_symlink  # never risk /dev/stdout with a binary that replaces links
    printf '%s' "$answers" | "$bin" ask --bank "$bank" --format json --out /dev/stdout >"$tmp/out" 2>"$tmp/err-ask"
    status=$?
    repair
    [ "$status" = 0 ] || fail "ask --out /dev/stdout: exit $status"
    [ "$(grep -c '"result"' "$tmp/out")" -ge 2 ] || fail "the summary did not reach standard output twice"
    printf '{"id":"a","answers":{}}\n' >"$tmp/in.jsonl"
    "$bin" score --bank "$bank" --errors-ok --report /dev/stderr "$tmp/in.jsonl" >"$tmp/out-score" 2>"$tmp/err-score"
    status=$?
    repair
    [ "$status" = 0 ] || fail "score --report /dev/stderr: exit $status"
    grep -q '"id":"a"' "$tmp/out-score" || fail "no record on standard output"
    [ -s "$tmp/err-score" ] || fail "no report on standard error"
    [ -L /dev/stdout ] && [ -L /dev/stderr ] || fail "/dev/stdout or /dev/stderr is no longer a symlink"
    ;;
  report-dash-full)
    printf '{"id":"a","answers":{}}\n' >"$tmp/in.jsonl"
    for report in - /dev/stderr; do
      "$bin" score --bank "$bank" --errors-ok --report "$report" "$tmp/in.jsonl" >/dev/null 2>/dev/full
      status=$?
      [ "$status" = 74 ] || fail "score --report $report with stderr on /dev/full: exit $status, expected 74"
    done
    ;;
  ask-out-full)
    printf '%s' "$answers" | "$bin" ask --bank "$bank" --no-color --out "$tmp/summary.txt" >/dev/full 2>"$tmp/err"
    status=$?
    [ "$status" = 74 ] || fail "ask --out F >/dev/full: exit $status, expected 74"
    [ -s "$tmp/summary.txt" ] || fail "the summary file was not saved"
    grep -q "saved to '$tmp/summary.txt'" "$tmp/err" || fail "the message does not say the file was saved"
    ;;
  *)
    fail "unknown case"
    ;;
esac
echo "PASS: $what"

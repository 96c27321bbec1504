#!/usr/bin/env bash
# `cmake --install` into a DESTDIR, then the installed files used as a person would: the binary (check, ask with
# piped answers, score), every man page through man -l, and the bash and zsh completion (subcommands, --lang from
# the bank's languages, --format, bank names). Usage: install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/root"
prefix=/usr/local
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

DESTDIR="$root" cmake --install "$build" --prefix "$prefix" >"$work/install.log" || fail "cmake --install: $(cat "$work/install.log")"
bin="$root$prefix/bin/wegwijzer"
share="$root$prefix/share"
for path in "$bin" "$share/man/man1/wegwijzer.1.gz" "$share/man/man5/wegwijzer-bank.5.gz" \
  "$share/bash-completion/completions/wegwijzer" "$share/zsh/site-functions/_wegwijzer" \
  "$share/wegwijzer/banks/default.json" "$share/wegwijzer/schema/bank.schema.json" \
  "$share/doc/wegwijzer/README.md" "$share/doc/wegwijzer/docs/bank-format.md" "$share/doc/wegwijzer/copyright"; do
  [ -e "$path" ] || fail "not installed: ${path#"$root"}"
done
echo "installed: $(find "$root" -type f | wc -l) files"

# The installed program, run from the installed place.
"$bin" --version | grep -qx "wegwijzer [0-9.]*" || fail "--version"
"$bin" check "$share/wegwijzer/banks/default.json" >"$work/check.out" || fail "check of the installed bank: $(cat "$work/check.out")"
grep -q "0 errors" "$work/check.out" || fail "check: $(cat "$work/check.out")"
printf '2\n%.0s' {1..100} | "$bin" ask --lang en --format json >"$work/summary.json" || fail "ask with piped answers"
grep -q '"status": "complete"' "$work/summary.json" || fail "ask: no complete summary"
"$bin" sample --count 20 --seed 3 >"$work/in.jsonl"
"$bin" score "$work/in.jsonl" >"$work/out.jsonl" || fail "score"
[ "$(wc -l <"$work/out.jsonl")" -eq 20 ] || fail "score: expected 20 lines"
echo "program: check, ask, score ok"

# Every page the program has a command for, and the bank format, through man -l without warnings.
pages=("$share/man/man1/wegwijzer.1.gz" "$share/man/man5/wegwijzer-bank.5.gz")
for command in $("$bin" completion bash | sed -n 's/^_wegwijzer_commands="\(.*\)"$/\1/p'); do
  pages+=("$share/man/man1/wegwijzer-$command.1.gz")
done
[ ${#pages[@]} -ge 9 ] || fail "expected a page per command, got ${#pages[@]} pages"
for page in "${pages[@]}"; do
  [ -e "$page" ] || fail "no man page ${page#"$root"}"
  LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" >"$work/page.txt" 2>"$work/page.err" || fail "man -l ${page##*/}"
  [ ! -s "$work/page.err" ] || fail "man -l ${page##*/} warns: $(cat "$work/page.err")"
  grep -q "SEE ALSO" "$work/page.txt" || fail "${page##*/} has no SEE ALSO"
done
LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$share/man/man1/wegwijzer-score.1.gz" | grep -q -- "--jobs" || fail "score page lacks --jobs"
LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$share/man/man5/wegwijzer-bank.5.gz" | grep -q "CONDITIONS" || fail "bank page lacks CONDITIONS"
echo "man: ${#pages[@]} pages ok"

# bash completion as bash runs it: the installed script sourced, the installed program on the PATH.
completions() {
  PATH="$root$prefix/bin:$PATH" bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=()
    _wegwijzer
    printf "%s\n" "${COMPREPLY[@]}"' bash "$share/bash-completion/completions/wegwijzer" "$@" | sort | tr '\n' ' '
}
expect() {
  local want=$1
  shift
  local got
  got=$(completions "$@")
  [ "$got" = "$want" ] || fail "completing '$*': expected '$want', got '$got'"
}
expect "score " wegwijzer sc
expect "en nl " wegwijzer ask --lang ""
expect "en nl " wegwijzer --lang ""
expect "csv jsonl " wegwijzer score --format ""
expect "json markdown text " wegwijzer ask --format ""
expect "default " wegwijzer ask --bank def
expect "--jobs " wegwijzer score --jo
expect "bash zsh " wegwijzer completion ""
# --lang follows the bank chosen on the same line: a bank with other languages offers those.
expect "en " wegwijzer ask --bank "$source_dir/tests/banks/session_bank_en.json" --lang ""
echo "bash completion ok"

# zsh completion as zsh runs it: a real zsh in tmux with the installed function on its fpath, Tab pressed.
zsh -n "$share/zsh/site-functions/_wegwijzer" || fail "zsh completion does not parse"
session="wegwijzer-install-$$"
tmux kill-session -t "$session" 2>/dev/null || true
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
tmux new-session -d -s "$session" -x 150 -y 40 \
  "env -i HOME=$work TERM=xterm PATH=$root$prefix/bin:/usr/bin:/bin zsh -f"
tmux send-keys -t "$session" "fpath=($share/zsh/site-functions \$fpath); autoload -U compinit; compinit -u -D" Enter
zsh_expect() {  # types $1 at an empty prompt, presses Tab, waits for the screen to match the regex $2
  local typed=$1 pattern=$2 screen=""
  tmux send-keys -t "$session" C-u "clear" Enter
  sleep 0.3
  tmux send-keys -t "$session" "$typed" Tab
  for _ in $(seq 1 50); do
    screen=$(tmux capture-pane -p -t "$session")
    grep -Eq -- "$pattern" <<<"$screen" && return 0
    sleep 0.2
  done
  fail "zsh: completing '$typed' did not show /$pattern/; the screen: $screen"
}
zsh_expect "wegwijzer sc" "wegwijzer score"
zsh_expect "wegwijzer ask --lang " "^en +nl"
zsh_expect "wegwijzer score --format " "^csv +jsonl"
zsh_expect "wegwijzer ask --bank def" "wegwijzer ask --bank default"
zsh_expect "wegwijzer help sa" "wegwijzer help sample"
echo "zsh completion ok"
echo "PASS: install"

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
# A built-in bank's name beside a file of that name: the built-in bank is read, and a note says how to get the file.
printf '{ not a bank' >"$work/default"
(cd "$work" && "$bin" check default >"$work/shadow.out" 2>"$work/shadow.err") || fail "check default beside a file named default"
grep -q "<built-in>: 0 errors" "$work/shadow.out" || fail "check default did not read the built-in bank"
grep -q "write ./default" "$work/shadow.err" || fail "no note about the file named default: $(cat "$work/shadow.err")"
(cd "$work" && "$bin" check ./default >/dev/null 2>&1) && fail "check ./default should read the (broken) file"
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
  cp "$work/page.txt" "$work/${page##*/}.txt"
  # groff's PostScript device also checks fonts (a \FB where \fB was meant), which the terminal device ignores.
  zcat "$page" | preconv | groff -man -Tps -ww -z 2>"$work/groff.err" || fail "groff on ${page##*/}"
  [ ! -s "$work/groff.err" ] || fail "groff warns on ${page##*/}: $(cat "$work/groff.err")"
done
grep -q -- "--jobs" "$work/wegwijzer-score.1.gz.txt" || fail "score page lacks --jobs"
grep -q "CONDITIONS" "$work/wegwijzer-bank.5.gz.txt" || fail "bank page lacks CONDITIONS"
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
expect "csv fhir jsonl " wegwijzer score --format ""
expect "fhir json markdown text " wegwijzer ask --format ""
expect "default " wegwijzer ask --bank def
expect "--jobs " wegwijzer score --jo
expect "bash zsh " wegwijzer completion ""
# --lang follows the bank chosen on the same line: a bank with other languages offers those.
expect "en " wegwijzer ask --bank "$source_dir/tests/banks/session_bank_en.json" --lang ""
echo "bash completion ok (functions)"

# And in a real bash in tmux, Tab pressed: words that bash itself splits or quotes (--lang=, a bank path with a
# space written with a backslash and ~/).
cp "$source_dir/tests/banks/session_bank_en.json" "$work/my bank.json"
sessions=()
trap 'for s in "${sessions[@]}"; do tmux kill-session -t "$s" 2>/dev/null || true; done; rm -rf "$work"' EXIT
# start_shell NAME COMMAND: a shell in tmux with the installed program on its PATH and HOME in the work folder.
start_shell() {
  sessions+=("$1")
  tmux kill-session -t "$1" 2>/dev/null || true
  tmux new-session -d -s "$1" -x 150 -y 40 "env -i HOME=$work TERM=xterm PATH=$root$prefix/bin:/usr/bin:/bin $2"
}
# tab_expect SESSION TABS TYPED PATTERN: types at an empty prompt, presses Tab TABS times, and waits for the screen
# to match the regex.
tab_expect() {
  local session=$1 tabs=$2 typed=$3 pattern=$4 screen="" keys=()
  for _ in $(seq 1 "$tabs"); do keys+=(Tab); done
  tmux send-keys -t "$session" C-u "clear" Enter
  sleep 0.3
  tmux send-keys -t "$session" "$typed" "${keys[@]}"
  for _ in $(seq 1 50); do
    screen=$(tmux capture-pane -p -t "$session")
    grep -Eq -- "$pattern" <<<"$screen" && return 0
    sleep 0.2
  done
  fail "$session: completing '$typed' did not show /$pattern/; the screen: $screen"
}

bash_session="wegwijzer-bash-$$"
start_shell "$bash_session" "bash --norc --noprofile"
tmux send-keys -t "$bash_session" "source $share/bash-completion/completions/wegwijzer; PS1='> '" Enter
tab_expect "$bash_session" 2 "wegwijzer sc" "wegwijzer score"
tab_expect "$bash_session" 2 "wegwijzer ask --lang=" "^en +nl"
tab_expect "$bash_session" 2 'wegwijzer ask --bank ~/my\ bank.json --lang ' "--lang en"
tab_expect "$bash_session" 2 "wegwijzer ask --bank=~/my\\ bank.json --lang " "--lang en"
echo "bash completion ok (in bash)"

# zsh completion as zsh runs it: a real zsh in tmux with the installed function on its fpath, Tab pressed.
zsh -n "$share/zsh/site-functions/_wegwijzer" || fail "zsh completion does not parse"
zsh_session="wegwijzer-zsh-$$"
start_shell "$zsh_session" "zsh -f"
tmux send-keys -t "$zsh_session" "fpath=($share/zsh/site-functions \$fpath); autoload -U compinit; compinit -u -D" Enter
tab_expect "$zsh_session" 1 "wegwijzer sc" "wegwijzer score"
tab_expect "$zsh_session" 1 "wegwijzer ask --lang " "^en +nl"
tab_expect "$zsh_session" 1 "wegwijzer score --format " "^csv +fhir +jsonl"
tab_expect "$zsh_session" 1 "wegwijzer ask --bank def" "wegwijzer ask --bank default"
tab_expect "$zsh_session" 1 "wegwijzer help sa" "wegwijzer help sample"
tab_expect "$zsh_session" 1 "wegwijzer --lang " "^en +nl"
tab_expect "$zsh_session" 1 "wegwijzer ask --lang=" "^en +nl"
tab_expect "$zsh_session" 1 "wegwijzer score --format=" "^csv +fhir +jsonl"
tab_expect "$zsh_session" 1 'wegwijzer ask --bank ~/my\ bank.json --lang ' "--lang en"
echo "zsh completion ok"
echo "PASS: install"

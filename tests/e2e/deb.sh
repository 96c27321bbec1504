#!/usr/bin/env bash
# The Debian package: CPack builds wegwijzer_<version>_<arch>.deb from BUILD_DIR, lintian finds no errors or
# warnings (the informational tags that stay are listed in docs/install.md), dpkg -i installs it into this machine,
# wegwijzer --version and man -w wegwijzer work from the PATH, and dpkg -r removes it again.
# Needs root (dpkg -i); exits 77 (skipped) otherwise, or when a wegwijzer package is installed already.
# Usage: deb.sh BUILD_DIR VERSION
set -euo pipefail
build=$1
version=$2
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: dpkg -i needs root"
  exit 77
fi
for tool in cpack lintian dpkg-shlibdeps man; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/packages test installs it)"
done
if dpkg-query -W -f='${Status}' wegwijzer 2>/dev/null | grep -q "install ok installed"; then
  echo "SKIP: a wegwijzer package is installed already; this test would replace and remove it"
  exit 77
fi
work=$(mktemp -d)
cleanup() {
  dpkg-query -W wegwijzer >/dev/null 2>&1 && dpkg -r wegwijzer >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 || fail "cpack: $(tail -20 "$work/cpack.log")"
deb="$work/wegwijzer_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "no $(basename "$deb"); cpack wrote: $(ls "$work")"
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"
depends=$(dpkg-deb -f "$deb" Depends)
[[ $depends == *libsimdjson* && $depends == *libfmt* ]] || fail "Depends lacks libsimdjson or libfmt: $depends"
dpkg-deb -c "$deb" >"$work/contents.txt"
grep -q "usr/share/doc/wegwijzer/copyright$" "$work/contents.txt" || fail "no copyright file"

# lintian: no errors and no warnings (informational tags are fine and listed in docs/install.md).
lintian --allow-root --fail-on error,warning "$deb" >"$work/lintian.txt" 2>&1 || fail "lintian: $(cat "$work/lintian.txt")"
echo "lintian: $(grep -c '^[EW]:' "$work/lintian.txt" || true) errors or warnings"

dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || fail "dpkg -i: $(cat "$work/dpkg.log")"
PATH=/usr/sbin:/usr/bin:/sbin:/bin
[ "$(command -v wegwijzer)" = /usr/bin/wegwijzer ] || fail "wegwijzer is not /usr/bin/wegwijzer on the PATH"
[ "$(wegwijzer --version)" = "wegwijzer $version" ] || fail "wegwijzer --version: $(wegwijzer --version)"
if grep -rqs '^path-exclude=/usr/share/man' /etc/dpkg/dpkg.cfg.d/; then
  echo "note: this machine's dpkg excludes /usr/share/man (a slim image); man -w is not checked"
else
  [ "$(man -w wegwijzer)" = /usr/share/man/man1/wegwijzer.1.gz ] || fail "man -w wegwijzer: $(man -w wegwijzer 2>&1)"
  man -w 5 wegwijzer-bank >/dev/null || fail "man -w 5 wegwijzer-bank"
fi
[ -f /usr/share/zsh/vendor-completions/_wegwijzer ] || fail "zsh completion not in vendor-completions"
echo "installed: $(wegwijzer --version), $(man -w wegwijzer)"

dpkg -r wegwijzer >"$work/dpkg.log" 2>&1 || fail "dpkg -r: $(cat "$work/dpkg.log")"
[ ! -e /usr/bin/wegwijzer ] || fail "/usr/bin/wegwijzer is still there after dpkg -r"
[ ! -e /usr/share/man/man1/wegwijzer.1.gz ] || fail "the man page is still there after dpkg -r"
echo "removed"
echo "PASS: deb"

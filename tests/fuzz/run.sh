#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz (ASan + UBSan + coverage) and runs each
# for SECONDS (default 20), starting from the seed corpus in tests/fuzz/corpus/<target>/.
# Fails on any crash, leak, sanitizer report, timeout or out-of-memory; the input that broke a
# target is kept under build-fuzz/artifacts/ (turn it into a regression test under tests/hardening/).
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]      every target in turn, SECONDS each (CI: 20)
#        tests/fuzz/run.sh --long [TARGET...]         the long schedule: 1800 s per target, up to
#                                                     WEGWIJZER_FUZZ_PARALLEL targets at once
#                                                     (default: nproc), with a table of the figures
#   WEGWIJZER_FUZZ_BUILD_DIR  build directory (default build-fuzz)
#   WEGWIJZER_FUZZ_JOBS       parallel build jobs (default: nproc)
#   WEGWIJZER_FUZZ_LONG_SECONDS  time per target of --long (default 1800)
set -euo pipefail
cd "$(dirname "$0")/../.."

long=0
if [ "${1:-}" = --long ]; then
  long=1
  shift
  seconds=${WEGWIJZER_FUZZ_LONG_SECONDS:-1800}
else
  seconds=${1:-20}
  shift || true
fi
case "$seconds" in '' | *[!0-9]*) echo "fuzz: SECONDS must be a whole number, not '$seconds'" >&2; exit 64 ;; esac
build=${WEGWIJZER_FUZZ_BUILD_DIR:-build-fuzz}
flags="-fsanitize=address,undefined -fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

mkdir -p "$build"
if ! cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DWEGWIJZER_FUZZ=ON -DWEGWIJZER_BUILD_TESTS=OFF -DCMAKE_CXX_FLAGS="$flags" >"$build/configure.log" 2>&1; then
  cat "$build/configure.log" >&2
  exit 1
fi
mapfile -t targets < <(grep -v '^$' "$build/tests/fuzz/targets.txt")
[ $# -gt 0 ] && targets=("$@")
if ! cmake --build "$build" --parallel "${WEGWIJZER_FUZZ_JOBS:-$(nproc)}" --target "${targets[@]}" \
  >"$build/build.log" 2>&1; then
  grep -E -A5 'error|FAILED' "$build/build.log" | head -n 60 >&2
  echo "fuzz: building ${targets[*]} failed (full log: $build/build.log)" >&2
  exit 1
fi

artifacts="$build/artifacts"
mkdir -p "$artifacts"

# fuzz_one TARGET: runs it for $seconds; prints its figures; returns non-zero on any finding.
fuzz_one() {
  local target=$1
  local seeds="tests/fuzz/corpus/$target"
  local work="$build/corpus/$target"  # new inputs go here, never into the source tree
  mkdir -p "$work"
  local log="$build/$target.log"
  local dict=()
  [ -f "tests/fuzz/$target.dict" ] && dict=(-dict="tests/fuzz/$target.dict")
  local started=$SECONDS
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    "${dict[@]}" -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "$work" "$seeds" >"$log" 2>&1; then
    local runs rss cov
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    echo "  $target: $((SECONDS - started)) s, ${runs:-?} executions, coverage ${cov:-?}, peak RSS ${rss:-?} MB," \
      "$(find "$work" -type f | wc -l) corpus inputs, no findings" >&2
  else
    echo "fuzz: $target FAILED after $((SECONDS - started)) s; last lines of $log:" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
}

status=0
if [ "$long" = 0 ]; then
  for target in "${targets[@]}"; do
    echo "== fuzzing $target for ${seconds}s" >&2
    fuzz_one "$target" || status=1
  done
  exit "$status"
fi

parallel=${WEGWIJZER_FUZZ_PARALLEL:-$(nproc)}
echo "== long schedule: ${#targets[@]} targets, ${seconds}s each, $parallel at a time (logs: $build/<target>.log)" >&2
rm -f "$build"/*.failed
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do sleep 5; done
  echo "   starting $target at $(date +%H:%M:%S)" >&2
  (fuzz_one "$target" || touch "$build/$target.failed") &
done
wait
compgen -G "$build/*.failed" >/dev/null && status=1
echo "== long schedule done: $([ "$status" = 0 ] && echo 'no findings' || echo 'FINDINGS, see above')" >&2
exit "$status"

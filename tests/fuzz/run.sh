#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz (ASan + UBSan + coverage) and runs each
# for SECONDS (default 20), starting from the seed corpus in tests/fuzz/corpus/<target>/.
# Fails on any crash, leak, sanitizer report, timeout or out-of-memory; the input that broke a
# target is kept under build-fuzz/artifacts/ (turn it into a regression test under tests/hardening/).
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
#   WEGWIJZER_FUZZ_BUILD_DIR  build directory (default build-fuzz)
#   WEGWIJZER_FUZZ_JOBS       parallel build jobs (default: nproc)
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-20}
shift || true
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
status=0
for target in "${targets[@]}"; do
  seeds="tests/fuzz/corpus/$target"
  work="$build/corpus/$target"  # new inputs go here, never into the source tree
  mkdir -p "$work"
  echo "== fuzzing $target for ${seconds}s" >&2
  log="$build/$target.log"
  dict=()
  [ -f "tests/fuzz/$target.dict" ] && dict=(-dict="tests/fuzz/$target.dict")
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    "${dict[@]}" -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "$work" "$seeds" >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" | sed "s/^/  $target /" >&2 || true
  else
    echo "fuzz: $target FAILED; last lines of $log:" >&2
    tail -n 40 "$log" >&2
    status=1
  fi
done
exit "$status"

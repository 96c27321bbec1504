#!/usr/bin/env bash
# Batch scoring benchmark: `wegwijzer score` (--jobs 1 and 2, and --explain with one job) next to `jq -c .` and a
# minimal Python loop on the same sampled file, in one run; then peak memory on 10,000,000 records.
# Not part of the tests. See bench/README.md.
#
# Usage: bench/run.sh [BUILD_DIR] [COUNT] [BIG_COUNT]
#   BUILD_DIR  a Release build (default: build-release); configure it with -DCMAKE_BUILD_TYPE=Release
#   COUNT      records for the throughput runs (default 1000000)
#   BIG_COUNT  records for the memory check, streamed from `wegwijzer sample` (default 10000000; 0 skips it)
# Environment: BENCH_DIR keeps the sampled file there (default: a temporary directory, removed after);
#   BENCH_ROUNDS runs every contender that many times, in turn, and keeps each one's best (default 3):
#   on a shared machine the load changes from second to second, and the best of interleaved rounds
#   is the figure least disturbed by it.
set -euo pipefail

build=${1:-build-release}
count=${2:-1000000}
big_count=${3:-10000000}
rounds=${BENCH_ROUNDS:-3}
bin=$build/wegwijzer
python=/usr/bin/python3
[ -x "$bin" ] || { echo "no binary at $bin: build it first (cmake -DCMAKE_BUILD_TYPE=Release)" >&2; exit 1; }

# Install what the benchmark needs, if missing.
missing=()
command -v jq > /dev/null || missing+=(jq)
[ -x /usr/bin/time ] || missing+=(time)
[ -x "$python" ] || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get install -y "${missing[@]}"
fi

if [ -n "${BENCH_DIR:-}" ]; then
  work=$BENCH_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
input=$work/records-$count.jsonl
if [ ! -s "$input" ] || [ "$(wc -l < "$input")" -ne "$count" ]; then
  echo "sampling $count records ..." >&2
  "$bin" sample --count "$count" --seed 1 > "$input"
fi
bytes=$(stat -c %s "$input")

py_loop='import sys, json
write = sys.stdout.write
for line in sys.stdin:
    record = json.loads(line)
    write(json.dumps({"id": record.get("id"), "status": "ok"}) + "\n")
'

# measure NAME COMMAND...: runs COMMAND < input > /dev/null once; keeps the best elapsed and CPU
# seconds of NAME so far (and the peak RSS of the run with the best elapsed time).
declare -A best_elapsed best_cpu best_rss rate cpu
names=()
measure() {
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" < "$input" > /dev/null 2> "$work/stderr" || {
    local status=$?
    # score exits 65 only when some record was an error record: not expected for sampled input.
    echo "$name failed with exit $status" >&2
    cat "$work/stderr" >&2
    exit 1
  }
  local elapsed user sys rss used
  read -r elapsed user sys rss < "$work/time"
  used=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  if [ -z "${best_elapsed[$name]:-}" ]; then
    names+=("$name")
    best_elapsed[$name]=$elapsed best_cpu[$name]=$used best_rss[$name]=$rss
  fi
  if awk -v a="$elapsed" -v b="${best_elapsed[$name]}" 'BEGIN { exit !(a < b) }'; then
    best_elapsed[$name]=$elapsed best_rss[$name]=$rss
  fi
  if awk -v a="$used" -v b="${best_cpu[$name]}" 'BEGIN { exit !(a < b) }'; then best_cpu[$name]=$used; fi
}

echo "input: $count records, $((bytes / count)) bytes per record on average, $(nproc) cores"
echo "machine load before: $(cut -d' ' -f1-3 /proc/loadavg); best of $rounds interleaved rounds"
for ((round = 1; round <= rounds; round++)); do
  measure "wegwijzer --jobs 1" "$bin" score --jobs 1
  measure "wegwijzer --jobs 2" "$bin" score --jobs 2
  measure "wegwijzer --explain" "$bin" score --jobs 1 --explain
  measure "jq -c ." jq -c .
  measure "python json loop" "$python" -c "$py_loop"
done
for name in "${names[@]}"; do
  rate[$name]=$(awk -v n="$count" -v t="${best_elapsed[$name]}" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }')
  cpu[$name]=${best_cpu[$name]}
  printf "%-22s %9.2f s %12s rec/s %9.2f s CPU %9.1f MiB peak RSS\n" "$name" "${best_elapsed[$name]}" \
    "${rate[$name]}" "${cpu[$name]}" "$(awk -v k="${best_rss[$name]}" 'BEGIN { print k / 1024 }')"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo
echo "ratios (targets in brackets; in CPU seconds, the steadier figure on a shared machine):"
echo "  jobs 1 / jq       $(ratio "${rate[wegwijzer --jobs 1]}" "${rate[jq -c .]}")x  [>= 8]  (CPU $(ratio "${cpu[jq -c .]}" "${cpu[wegwijzer --jobs 1]}")x)"
echo "  jobs 1 / python   $(ratio "${rate[wegwijzer --jobs 1]}" "${rate[python json loop]}")x  [>= 4]  (CPU $(ratio "${cpu[python json loop]}" "${cpu[wegwijzer --jobs 1]}")x)"
echo "  jobs 2 / jobs 1   $(ratio "${rate[wegwijzer --jobs 2]}" "${rate[wegwijzer --jobs 1]}")x  [>= 1.7]"
echo "  explain / jobs 1  $(ratio "${best_elapsed[wegwijzer --explain]}" "${best_elapsed[wegwijzer --jobs 1]}")x  [<= 3]  (CPU $(ratio "${cpu[wegwijzer --explain]}" "${cpu[wegwijzer --jobs 1]}")x; time, not speed: lower is better)"

if [ "$big_count" -gt 0 ]; then
  echo
  echo "peak memory on $big_count records streamed from 'wegwijzer sample' (target < 64 MiB):"
  for jobs in 1 2; do
    "$bin" sample --count "$big_count" --seed 1 |
      /usr/bin/time -f "%e %M" -o "$work/time" "$bin" score --jobs "$jobs" > /dev/null
    read -r elapsed rss < "$work/time"
    printf "  --jobs %d  %9.1f MiB peak RSS  (%.0f s)\n" "$jobs" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$elapsed"
  done
fi

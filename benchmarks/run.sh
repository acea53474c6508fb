#!/bin/sh
# Runs the benchmark cases, one process each (so each case's peak memory is its own), and
# prints one JSON line per case on stdout; a short summary (2-thread speed-up, memory growth)
# goes to stderr.
#
#   benchmarks/run.sh [BUILD_DIR]          (default: build; needs prostup and prostup_bench)
#
# Environment: RUNS (timed runs per case, default 5, after one warm-up run), LONG_REPS
# (replications of the memory-independence case, default 1000; 0 skips it; it runs once).
set -eu

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
bench="$build/prostup_bench"
prostup="$build/prostup"
runs=${RUNS:-5}
long_reps=${LONG_REPS:-1000}
scenario="$here/bench-ladder-1.json"

for exe in "$bench" "$prostup"; do
  if [ ! -x "$exe" ]; then
    echo "run.sh: $exe not found; build it first:" >&2
    echo "  cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release && cmake --build $build --target prostup prostup_bench" >&2
    exit 2
  fi
done

ladder() {  # households replications threads [runs warmup]
  "$bench" ladder --scenario "$scenario" --households "$1" --months 120 --replications "$2" \
    --threads "$3" --runs "${4:-$runs}" --warmup "${5:-1}"
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
{
  ladder 100000 1 1           # the headline: one replication, one thread
  ladder 100000 8 1           # the scaling pair: 8 replications on 1 and on 2 threads
  ladder 100000 8 2
  ladder 1000000 1 1          # memory at a million households
  ladder 100000 10 2          # memory against replications: 10 ...
  if [ "$long_reps" -gt 0 ]; then
    ladder 100000 "$long_reps" 2 1 0   # ... and many (one run: it is about memory)
  fi
  "$bench" default --prostup "$prostup" --runs "$runs" --warmup 1
} | tee "$out"

# field NAME LINE: a number from one JSON line
field() { printf '%s\n' "$2" | sed -n "s/.*\"$1\":\([0-9.e+-]*\).*/\1/p"; }
line() { sed -n "$1p" "$out"; }
t1=$(field hm_per_s "$(line 2)")
t2=$(field hm_per_s "$(line 3)")
m10=$(field peak_rss_mb "$(line 5)")
awk -v a="$t1" -v b="$t2" 'BEGIN { printf "2 threads / 1 thread (8 replications): %.2fx\n", b / a }' >&2
if [ "$long_reps" -gt 0 ]; then
  mlong=$(field peak_rss_mb "$(line 6)")
  awk -v a="$m10" -v b="$mlong" -v r="$long_reps" \
    'BEGIN { printf "peak memory, %d vs 10 replications: %.1f MB vs %.1f MB (%+.1f %%)\n", r, b, a, 100 * (b / a - 1) }' >&2
fi

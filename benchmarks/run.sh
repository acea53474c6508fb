#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs the benchmark cases, one process each (so each case's peak memory is its own), and
# prints one JSON line per case on stdout; a short summary (2-thread speed-up, memory growth)
# goes to stderr.
#
#   benchmarks/run.sh [BUILD_DIR]          (default: build; needs prostup and prostup_bench)
#
# Environment: RUNS (timed runs per case, default 5, after one warm-up run), LONG_REPS
# (replications of the memory-independence case, default 1000; 0 skips it; it runs once),
# KERNEL (the reference kernel binary, default ../shared/tools/bench-ladder-kernel from the
# repository root; absent: the kernel pairs are skipped with a printed reason), KERNEL_PAIRS
# (alternating pinned engine/kernel pairs, default 7; 0 skips them), CPU (the CPU they are
# pinned to, default 1).
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

# The engine against the reference kernel (the same rules, see docs/benchmark-model.md):
# alternating pairs pinned to one CPU, the simulation phase (household-months per second of
# the month loop) and the whole one-replication process (wall seconds).
kernel=${KERNEL:-$here/../../shared/tools/bench-ladder-kernel}
kpairs=${KERNEL_PAIRS:-7}
if [ "$kpairs" -le 0 ]; then
  echo "engine/kernel pairs: skipped (KERNEL_PAIRS=0)" >&2
elif [ ! -x "$kernel" ]; then
  echo "engine/kernel pairs: skipped: no reference kernel at $kernel (set KERNEL=PATH)" >&2
elif ! command -v taskset >/dev/null 2>&1; then
  echo "engine/kernel pairs: skipped: taskset not found (the pairs must be pinned)" >&2
else
  pin="taskset -c ${CPU:-1}"
  tmpd=$(mktemp -d)
  trap 'rm -f "$out"; rm -rf "$tmpd"' EXIT
  now() { date +%s.%N; }
  hm() { sed -n 's/.*"hm_per_s":\([0-9.e+-]*\).*/\1/p' | head -n 1; }
  engine_sim() {
    $pin "$bench" ladder --scenario "$scenario" --households 100000 --months 120 \
      --replications 1 --threads 1 --runs 1 --warmup 0 | hm
  }
  engine_run() {
    rm -rf "$tmpd/o"
    t0=$(now)
    $pin "$prostup" run "$scenario" --replications 1 --threads 1 --no-report --quiet \
      -o "$tmpd/o" >/dev/null 2>&1
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
  }
  kernel_both() {  # prints "hm_per_s wall_s" of one kernel process
    t0=$(now)
    r=$($pin "$kernel" 100000 120 1 1 | hm)
    t1=$(now)
    awk -v r="$r" -v a="$t0" -v b="$t1" 'BEGIN { print r, b - a }'
  }
  engine_sim >/dev/null
  $pin "$kernel" 100000 120 1 1 >/dev/null
  k=1
  : >"$tmpd/p"
  while [ "$k" -le "$kpairs" ]; do
    if [ $((k % 2)) -eq 1 ]; then
      kb=$(kernel_both); es=$(engine_sim); ew=$(engine_run)
    else
      es=$(engine_sim); ew=$(engine_run); kb=$(kernel_both)
    fi
    echo "$es $ew $kb" >>"$tmpd/p"
    k=$((k + 1))
  done
  # columns: engine hm/s, engine wall, kernel hm/s, kernel wall
  stats() {  # expression over the columns -> median (min-max)
    awk "{ print $1 }" "$tmpd/p" | sort -g |
      awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
             printf "%.3f (%.3f-%.3f)", m, v[1], v[NR] }'
  }
  echo "engine/kernel, simulation phase (hm/s ratio, N = 100,000, M = 120, 1 thread, $kpairs pinned pairs): $(stats '$1 / $3')" >&2
  echo "engine/kernel, whole process (wall ratio, prostup run 1 replication --no-report vs the kernel): $(stats '$2 / $4')" >&2
fi

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# A/B guard: builds another revision in a temporary git worktree (Release, ccache when
# CMAKE_CXX_COMPILER_LAUNCHER says so) and runs the same command with both builds in
# alternating pairs pinned to one CPU (same machine, same minute), then prints each pair's
# ratio and the ratio of the medians with its spread. Ratios are "this build / REV" as speeds:
# above 1 means this build is faster.
#
#   benchmarks/ab.sh REV [BUILD_DIR]        (default BUILD_DIR: build, must hold this tree's
#                                            prostup and prostup_bench)
#
# Environment:
#   CASE   sim (default): the simulation phase, `prostup_bench ladder` on bench-ladder-1
#          (household_months / simulate_seconds of one run, no warm-up)
#          run: the whole process, `prostup run benchmarks/bench-ladder-1.json --replications 1
#          --threads 1 --no-report -o TMP` (wall seconds, inverted to a speed)
#   PAIRS  alternating pairs (default 7); the order inside a pair alternates too
#   N, REPS households and replications for CASE=sim (default 100000 and 4)
#   CPU    the CPU to pin to (default 1; taskset)
#   KEEP   1 keeps the other build's worktree (printed) for another call: AB_OLD=that dir
#   AB_OLD a folder that already holds REV's build (skips the build)
set -eu

[ $# -ge 1 ] || { echo "usage: benchmarks/ab.sh REV [BUILD_DIR]" >&2; exit 2; }
rev=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${2:-$root/build}" && pwd)
case_=${CASE:-sim}
pairs=${PAIRS:-7}
n=${N:-100000}
reps=${REPS:-4}
cpu=${CPU:-1}
pin="taskset -c $cpu"
command -v taskset >/dev/null 2>&1 || { echo "ab.sh: taskset not found: pairs unpinned" >&2; pin=""; }

for exe in "$build/prostup" "$build/prostup_bench"; do
  [ -x "$exe" ] || { echo "ab.sh: $exe not found; build this tree first" >&2; exit 2; }
done

tmp=$(mktemp -d)
cleanup() {
  rm -rf "$tmp/out"
  if [ -z "${AB_OLD:-}" ] && [ "${KEEP:-0}" != 1 ]; then
    git -C "$root" worktree remove --force "$tmp/src" >/dev/null 2>&1 || true
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

if [ -n "${AB_OLD:-}" ]; then
  old=$AB_OLD
else
  sha=$(git -C "$root" rev-parse --verify "$rev^{commit}")
  git -C "$root" worktree add --detach "$tmp/src" "$sha" >/dev/null 2>&1
  echo "ab.sh: building $rev ($sha) in $tmp/src/build ..." >&2
  cmake -S "$tmp/src" -B "$tmp/src/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$tmp/src/build" -j"${JOBS:-2}" --target prostup prostup_bench >/dev/null
  old=$tmp/src/build
  [ "${KEEP:-0}" = 1 ] && echo "ab.sh: kept; next time AB_OLD=$old" >&2
fi

scenario=$root/benchmarks/bench-ladder-1.json
now() { date +%s.%N; }

# speed BUILD: one measurement as a speed (larger = faster)
speed() {
  if [ "$case_" = run ]; then
    rm -rf "$tmp/out"
    t0=$(now)
    $pin "$1/prostup" run "$scenario" --replications 1 --threads 1 --no-report --quiet \
      -o "$tmp/out" >/dev/null 2>&1
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", 1 / (b - a) }'
  else
    $pin "$1/prostup_bench" ladder --scenario "$scenario" --households "$n" --months 120 \
      --replications "$reps" --threads 1 --runs 1 --warmup 0 |
      sed -n 's/.*"hm_per_s":\([0-9.e+-]*\).*/\1/p'
  fi
}

speed "$build" >/dev/null  # warm both (page cache, CPU frequency)
speed "$old" >/dev/null
list=$tmp/pairs
: >"$list"
k=1
while [ "$k" -le "$pairs" ]; do
  if [ $((k % 2)) -eq 1 ]; then a=$(speed "$old"); b=$(speed "$build"); else b=$(speed "$build"); a=$(speed "$old"); fi
  echo "$a $b" >>"$list"
  k=$((k + 1))
done

unit="hm/s (simulation phase, N = $n, $reps replications, 1 thread)"
[ "$case_" = run ] && unit="1/wall s (prostup run bench-ladder-1, 1 replication, 1 thread, --no-report)"
echo "ab.sh: this tree ($(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD || echo '+changes')) vs $rev; $unit; pinned: ${pin:-no}"
sort_col() { awk -v c="$1" '{ print $c }' "$list" | sort -g; }
median() { awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
awk '{ printf "  pair %d: %s %.4g  this %.4g  ratio %.3f\n", NR, "'"$rev"'", $1, $2, $2 / $1 }' "$list"
ma=$(sort_col 1 | median)
mb=$(sort_col 2 | median)
awk '{ print $2 / $1 }' "$list" | sort -g >"$tmp/r"
lo=$(head -n 1 "$tmp/r")
hi=$(tail -n 1 "$tmp/r")
mr=$(median <"$tmp/r")
awk -v a="$ma" -v b="$mb" -v lo="$lo" -v hi="$hi" -v mr="$mr" -v p="$pairs" 'BEGIN {
  printf "ratio of medians (this / REV): %.3f  (median of pair ratios %.3f, spread %.3f-%.3f, %d pairs)\n", b / a, mr, lo, hi, p }'

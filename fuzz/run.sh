#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and fuzzes, in SECONDS
# seconds in all: the scenario loader and one month of the engine (fuzz_scenario, 3/4 of the
# time) and the command-line parser (fuzz_cli, the rest; it exhausts its smaller space fast).
# Usage: fuzz/run.sh SECONDS [extra libFuzzer flags, given to both]
# The scenario seeds are copied at run time from scenarios/*.json, benchmarks/*.json,
# examples/calibration/*.json (scenarios with observed targets), tests/bad/* and
# tests/regressions/*.json; the command-line seeds are the lines of
# fuzz/cli_seeds.txt (arguments separated by spaces, given to the target separated by NUL
# bytes), and its dictionary adds every option and command named in sim/app/command_line.cpp
# to fuzz/cli.dict. What the fuzzers find on top accumulates in fuzz/corpus-run/ and
# fuzz/corpus-cli/ (ignored by git). A crash, leak, timeout or sanitizer report is saved as
# build-fuzz/artifacts/<kind>-<hash>; the script then exits non-zero.
# FUZZ_BUILD_DIR=dir builds elsewhere (for two runs at once).
set -eu
seconds=${1:?usage: fuzz/run.sh SECONDS [libFuzzer flags]}
shift
cd "$(dirname "$0")/.."
b=${FUZZ_BUILD_DIR:-build-fuzz}
if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 77
fi
cli_seconds=$((seconds / 4))
[ "$cli_seconds" -ge 1 ] || cli_seconds=1
scenario_seconds=$((seconds - cli_seconds))
[ "$scenario_seconds" -ge 1 ] || scenario_seconds=1

# -O1 -g1: half the build time of -O2 -g; libFuzzer's usual optimisation level.
CXX=clang++ cmake -S . -B "$b" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DPROSTUP_FUZZ=ON \
  -DPROSTUP_BUILD_TESTS=OFF -DPROSTUP_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$b" -j"$(nproc)" --target fuzz_scenario fuzz_cli >/dev/null

seeds=$b/seeds
cli_seeds=$b/cli-seeds
rm -rf "$seeds" "$cli_seeds" "$b/artifacts"
mkdir -p "$seeds" "$cli_seeds" "$b/artifacts" fuzz/corpus-run fuzz/corpus-cli
for f in scenarios/*.json benchmarks/*.json examples/calibration/*.json tests/bad/* \
  tests/regressions/*.json; do
  [ -f "$f" ] || continue
  cp "$f" "$seeds/$(echo "$f" | tr / _)"
done
n=0
grep -v '^#' fuzz/cli_seeds.txt | while IFS= read -r line; do
  n=$((n + 1))
  printf '%s' "$line" | tr ' ' '\000' >"$cli_seeds/line-$n"
done
{
  cat fuzz/cli.dict
  # Every option and command the parser defines today, so a new one is fuzzed at once.
  {
    grep -o -e '"-[a-z],--[a-z-]*"' -e '"--[a-z][a-z-]*"' sim/app/command_line.cpp |
      tr -d '"' | tr ',' '\n'
    sed -n 's/.*add_subcommand(\("[a-z-]*"\).*/\1/p' sim/app/command_line.cpp | tr -d '"'
  } | sort -u | sed 's/.*/"&"/'
} >"$b/cli.dict"

# fuzz TARGET SECONDS CORPUS SEEDS DICT MAX_LEN [flags]: runs one target, prints its count.
fuzz() {
  target=$1 secs=$2 corpus=$3 seed_dir=$4 dict=$5 max_len=$6
  shift 6
  log=$b/$target.log
  set +e
  # -timeout: one input may take at most 10 s (a valid scenario simulates one month);
  # -rss_limit_mb: more than 2 GiB for one input is a bug (the validator bounds sizes).
  "$b/fuzz/$target" "$corpus" "$seed_dir" -dict="$dict" -max_total_time="$secs" -timeout=10 \
    -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="$b/artifacts/" "$@" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  echo "fuzz: $target: ${runs:-?} executions in $secs s (corpus: $(ls "$corpus" | wc -l) inputs)"
  if [ "$rc" -ne 0 ]; then
    echo "fuzz: $target: FAILED (libFuzzer exit $rc); the input is in $b/artifacts/:" >&2
    ls -l "$b/artifacts" >&2
    tail -n 60 "$log" >&2
    echo "fuzz: reproduce with $b/fuzz/$target $b/artifacts/<file>" >&2
  fi
  return "$rc"
}

failed=0
fuzz fuzz_scenario "$scenario_seconds" fuzz/corpus-run "$seeds" fuzz/scenario.dict 65536 "$@" ||
  failed=1
fuzz fuzz_cli "$cli_seconds" fuzz/corpus-cli "$cli_seeds" "$b/cli.dict" 4096 "$@" || failed=1
if [ "$failed" -eq 0 ]; then
  echo "fuzz: result: no crash, leak, timeout or sanitizer report"
else
  echo "fuzz: result: FAILED" >&2
fi
exit "$failed"

#!/bin/sh
# Builds the libFuzzer target (clang, ASan + UBSan) in build-fuzz/ and fuzzes the scenario
# loader and one month of the engine for SECONDS seconds.
# Usage: fuzz/run.sh SECONDS [extra libFuzzer flags]
# The seed corpus is copied at run time from scenarios/*.json, benchmarks/*.json,
# tests/bad/* and tests/regressions/*.json; what the fuzzer finds on top accumulates in
# fuzz/corpus-run/ (ignored by git). A crash, leak, timeout or sanitizer report is saved
# as build-fuzz/artifacts/<kind>-<hash>; the script then exits non-zero.
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

CXX=clang++ cmake -S . -B "$b" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROSTUP_FUZZ=ON \
  -DPROSTUP_BUILD_TESTS=OFF -DPROSTUP_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$b" -j"$(nproc)" --target fuzz_scenario >/dev/null

seeds=$b/seeds
rm -rf "$seeds" "$b/artifacts"
mkdir -p "$seeds" "$b/artifacts" fuzz/corpus-run
for f in scenarios/*.json benchmarks/*.json tests/bad/* tests/regressions/*.json; do
  [ -f "$f" ] || continue
  cp "$f" "$seeds/$(echo "$f" | tr / _)"
done

log=$b/fuzz.log
set +e
# -timeout: one input may take at most 10 s (a valid scenario simulates one month);
# -rss_limit_mb: more than 2 GiB for one input is a bug (the validator bounds sizes).
"$b/fuzz/fuzz_scenario" fuzz/corpus-run "$seeds" -dict=fuzz/scenario.dict \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$b/artifacts/" "$@" >"$log" 2>&1
rc=$?
set -e

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
echo "fuzz: ${runs:-?} executions in ${seconds} s (corpus: $(ls fuzz/corpus-run | wc -l) inputs)"
if [ "$rc" -eq 0 ]; then
  echo "fuzz: result: no crash, leak, timeout or sanitizer report"
else
  echo "fuzz: result: FAILED (libFuzzer exit $rc); the input is in $b/artifacts/:" >&2
  ls -l "$b/artifacts" >&2
  tail -n 60 "$log" >&2
  echo "fuzz: reproduce with $b/fuzz/fuzz_scenario $b/artifacts/<file>" >&2
fi
exit "$rc"

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds everything and runs the whole test suite through ctest (Release), then the
# reliability checks: the sanitizer builds (scripts/sanitizers.sh) and a 60-second fuzz run
# (fuzz/run.sh). Each part prints its wall time. PROSTUP_TEST_QUICK=1 stops after the
# main suite (for a quick local check; CI runs everything).
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh test
start=$(date +%s)
since() { echo "$(( $(date +%s) - $1 )) s"; }

echo "==== 1. main build and test suite (Release)"
t=$(date +%s)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
(cd build && ctest --output-on-failure -j"$(nproc)")
echo "==== 1. main build and test suite: passed in $(since "$t")"

if [ "${PROSTUP_TEST_QUICK:-0}" = 1 ]; then
  echo "==== 2-4 skipped: PROSTUP_TEST_QUICK=1"
  exit 0
fi

echo "==== 2. AddressSanitizer + UndefinedBehaviorSanitizer: the whole suite (build-asan)"
t=$(date +%s)
scripts/sanitizers.sh asan
echo "==== 2. ASan + UBSan: passed in $(since "$t")"

echo "==== 3. ThreadSanitizer: the parallel runner's tests (build-tsan)"
t=$(date +%s)
scripts/sanitizers.sh tsan
echo "==== 3. TSan: passed in $(since "$t")"

echo "==== 4. fuzzing the scenario loader and engine, and the command-line parser, for 60 s (build-fuzz)"
t=$(date +%s)
if ! command -v clang++ >/dev/null 2>&1; then
  echo "==== 4. skipped: clang++ not found (libFuzzer needs clang; apt-get install clang libclang-rt-14-dev)"
else
  fuzz/run.sh 60
  echo "==== 4. fuzzing: passed in $(since "$t")"
fi
echo "==== all passed in $(since "$start")"

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Sanitizer builds of the test suite, for CI (scripts/test.sh) and by hand.
#   scripts/sanitizers.sh [asan|tsan|all]     (default: all)
# asan: AddressSanitizer + UndefinedBehaviorSanitizer (with leak checking), the whole ctest
#       suite in build-asan/.
# tsan: ThreadSanitizer in build-tsan/, only the tests that exercise the parallel runner
#       (test_engine's [runner] tests): the rest is single-threaded and ASan covers it.
# Both build with -O1 -g1 (line tables): half the compile time of -O2 -g (measured on the
# 2-core CI machine: scenario_json.cpp 172 -> 90 s, runner.cpp 177 -> 84 s, test_engine.cpp
# 79 -> 39 s under ASan + UBSan), still fast enough for the statistical tests, and traces
# keep function names, files and lines.
set -eu
cd "$(dirname "$0")/.."
what=${1:-all}
jobs=$(nproc)

# Every report aborts the test that caused it (the build also has -fno-sanitize-recover).
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# history_size=4: keep more of each thread's history so the other access's stack can be
# restored (tsan.supp matches on it); the default 2 loses it more often under load.
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:history_size=4:suppressions=$(pwd)/scripts/tsan.supp"

flags="-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
elapsed() { echo $(( $(date +%s) - $1 )); }

if [ "$what" = asan ] || [ "$what" = all ]; then
  t0=$(date +%s)
  echo "== sanitizers: address,undefined (build-asan, whole ctest suite)"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo "$flags" \
    -DPROSTUP_SANITIZE=address,undefined -DPROSTUP_BUILD_BENCHMARKS=OFF \
    -DPROSTUP_WITH_MPI=OFF >/dev/null  # Open MPI itself leaks at exit; LeakSanitizer would flag it
  cmake --build build-asan -j"$jobs" >/dev/null
  t1=$(date +%s)
  # Checks of the sources and the browser's rendering run in the Release suite only: the
  # sanitizers add nothing to a clang-format diff, the layering of the compile commands or
  # Chromium's layout of report.html (its writing is covered by the report tests here).
  # docs_run and cli.install run the same commands as the CLI tests here (the docs and the
  # install layout are what they check).
  release_only="^(format_check|layering_check|docs_run|cli\.install|cli\.report_browser)$"
  echo "== not under the sanitizers (Release suite only): format_check, layering_check, docs_run, cli.install, cli.report_browser"
  (cd build-asan && ctest --output-on-failure -j"$jobs" -E "$release_only")
  echo "== sanitizers: address,undefined passed (build $((t1 - t0)) s, tests $(elapsed "$t1") s)"
fi

if [ "$what" = tsan ] || [ "$what" = all ]; then
  t0=$(date +%s)
  echo "== sanitizers: thread (build-tsan, the parallel runner's tests)"
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo "$flags" -DPROSTUP_SANITIZE=thread \
    -DPROSTUP_BUILD_BENCHMARKS=OFF -DPROSTUP_WITH_MPI=OFF >/dev/null
  cmake --build build-tsan -j"$jobs" --target test_engine >/dev/null
  t1=$(date +%s)
  # These run the runner with 1, 2 and 8 threads, so its tasks really overlap.
  build-tsan/tests/test_engine "[runner]"
  echo "== sanitizers: thread passed (build $((t1 - t0)) s, tests $(elapsed "$t1") s)"
fi

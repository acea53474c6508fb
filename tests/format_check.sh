#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every C++ source and header is formatted as .clang-format says (clang-format 14, Debian 12's).
# Args: $1 = source directory. Exit 77 = skipped (no clang-format; the reason is printed).
set -u
cd "$1" || exit 1
# Another major version formats some constructs differently: check only with 14.
cf=""
for c in clang-format-14 clang-format; do
  if command -v "$c" >/dev/null 2>&1 && "$c" --version | grep -q "version 14\."; then
    cf=$c
    break
  fi
done
if [ -z "$cf" ]; then
  echo "SKIP: clang-format 14 not found (apt-get install clang-format on Debian 12)"
  exit 77
fi
files=$(git ls-files '*.cpp' '*.hpp' 2>/dev/null)
[ -n "$files" ] || files=$(find include sim tests benchmarks fuzz -name '*.[ch]pp')
[ -n "$files" ] || { echo "FAIL: no C++ files found under $1"; exit 1; }
bad=""
for f in $files; do
  "$cf" --dry-run -Werror "$f" >/dev/null 2>&1 || bad="$bad $f"
done
if [ -n "$bad" ]; then
  echo "FAIL: not formatted (run clang-format -i on them):$bad"
  exit 1
fi
echo "PASS: every C++ file is formatted"

#!/bin/sh
# Every C++ source and header is formatted as .clang-format says (clang-format 14, Debian 12's).
# Args: $1 = source directory. Exit 77 = skipped (no clang-format; the reason is printed).
set -u
cd "$1" || exit 1
if ! command -v clang-format >/dev/null 2>&1; then
  echo "SKIP: clang-format not found (apt-get install clang-format)"
  exit 77
fi
bad=""
for f in $(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find include sim tests benchmarks fuzz -name '*.[ch]pp'); do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad="$bad $f"
done
if [ -n "$bad" ]; then
  echo "FAIL: not formatted (run clang-format -i on them):$bad"
  exit 1
fi
echo "PASS: every C++ file is formatted"

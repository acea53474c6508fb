#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Puts the licence identifier into every tracked source file lacking it (idempotent):
#   // SPDX-License-Identifier: Apache-2.0   C++ (*.cpp, *.hpp, *.h)
#   # SPDX-License-Identifier: Apache-2.0    shell, Python, CMake (*.sh, *.py, *.cmake,
#                                            CMakeLists.txt)
# as the first line, or the second after a `#!` line.
# Usage: scripts/spdx.sh [--check] [SOURCE_DIR]
#   --check  change nothing; list the files lacking it and exit 1 if there are any.
set -eu
check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
cd "${1:-$(dirname "$0")/..}"
id="SPDX-License-Identifier: Apache-2.0"
missing=0
files=$(git ls-files -- '*.cpp' '*.hpp' '*.h' '*.sh' '*.py' '*.cmake' 'CMakeLists.txt' '*/CMakeLists.txt')
for f in $files; do
  [ -f "$f" ] || continue
  [ -s "$f" ] || continue
  head -n 2 "$f" | grep -q "$id" && continue
  missing=$((missing + 1))
  if [ "$check" = 1 ]; then
    echo "no SPDX identifier: $f"
    continue
  fi
  case "$f" in
    *.cpp | *.hpp | *.h) line="// $id" ;;
    *) line="# $id" ;;
  esac
  tmp="$f.spdx.$$"
  if head -n 1 "$f" | grep -q '^#!'; then
    { head -n 1 "$f"; echo "$line"; tail -n +2 "$f"; } >"$tmp"
  else
    { echo "$line"; cat "$f"; } >"$tmp"
  fi
  chmod --reference="$f" "$tmp"
  mv "$tmp" "$f"
done
if [ "$check" = 1 ]; then
  [ "$missing" = 0 ] && echo "every source file carries the SPDX identifier" && exit 0
  echo "$missing file(s) lack it: run scripts/spdx.sh"
  exit 1
fi
echo "scripts/spdx.sh: added the identifier to $missing file(s)"

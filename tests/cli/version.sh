#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# One version number: CMake's project version is what `prostup --version` prints (with the
# commit when built from git), and what CITATION.cff and codemeta.json state.
# Args: $1 = prostup binary, $2 = source directory.
set -u
PROSTUP=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
v=$(sed -n 's/^project(prostup VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$v" ] || fail "no project(prostup VERSION x.y.z) in CMakeLists.txt"
out=$("$PROSTUP" --version) || fail "prostup --version exited $?"
case "$out" in
  "prostup $v" | "prostup $v (git "*")") ;;
  *) fail "prostup --version printed '$out', expected 'prostup $v' [(git COMMIT)]" ;;
esac
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
  case "$out" in *"(git "*) ;; *) fail "built from git but --version names no commit: $out" ;; esac
fi
grep -q "^version: \"$v\"" "$src/CITATION.cff" || fail "CITATION.cff does not state version $v"
grep -q "\"version\": \"$v\"" "$src/codemeta.json" || fail "codemeta.json does not state version $v"
grep -q "^license: Apache-2.0" "$src/CITATION.cff" || fail "CITATION.cff: no Apache-2.0 licence"
grep -q "Apache License" "$src/LICENSE" || fail "LICENSE is not the Apache licence"
echo "PASS: version $v everywhere ($out)"

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# One version number: CMake's project version is what `prostup --version` prints (with the
# commit when built from git), what a run's manifest.json records (and so the catalog, which
# reads it), and what CITATION.cff and codemeta.json state; Python's __version__ is checked
# by tests/cli/install.sh.
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
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
"$PROSTUP" run "$src/tests/fixtures/minimal.json" -o "$TMP/out" --replications 2 --months 2 \
  --quiet --no-report --no-catalog >/dev/null || fail "a small run exited $?"
grep -q "\"program_version\": \"$v\"" "$TMP/out/manifest.json" ||
  fail "manifest.json's program_version is not $v: $(grep program_version "$TMP/out/manifest.json")"
grep -q "^version: \"$v\"" "$src/CITATION.cff" || fail "CITATION.cff does not state version $v"
grep -q "\"version\": \"$v\"" "$src/codemeta.json" || fail "codemeta.json does not state version $v"
grep -q "^license: Apache-2.0" "$src/CITATION.cff" || fail "CITATION.cff: no Apache-2.0 licence"
grep -q "Apache License" "$src/LICENSE" || fail "LICENSE is not the Apache licence"
echo "PASS: version $v everywhere ($out)"

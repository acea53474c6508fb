#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `prostup validate` and `prostup describe`: exit codes and the FILE: /pointer: message lines.
# 0 all valid, 2 any invalid, 1 a file that cannot be read (a directory, missing, unreadable).
# Args: $1 = prostup binary, $2 = source directory.
set -u
prostup=$1
src=$2
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
# expect CODE COMMAND...: runs the command, output in $tmp/out and $tmp/err.
expect() {
  want=$1
  shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  [ "$got" -eq "$want" ] || fail "$* exited $got, expected $want; stderr: $(head -c 500 "$tmp/err")"
}

good="$src/tests/fixtures/small.json"
minimal="$src/tests/fixtures/minimal.json"

expect 0 "$prostup" validate "$good" "$minimal"
grep -qx "$good: ok" "$tmp/out" || fail "no '$good: ok' line on stdout"
grep -qx "$minimal: ok" "$tmp/out" || fail "no '$minimal: ok' line on stdout"
[ -s "$tmp/err" ] && fail "validate of valid files wrote to stderr"

expect 0 "$prostup" validate --quiet "$good"
[ -s "$tmp/out" ] && fail "--quiet still printed: $(cat "$tmp/out")"

# Every file of the bad catalogue: exit 2 and its expected line on stderr.
grep -v '^#' "$src/tests/bad/expected.txt" | while IFS='|' read -r file pointer fragment schema; do
  file=$(echo "$file" | sed 's/^ *//; s/ *$//')
  pointer=$(echo "$pointer" | sed 's/^ *//; s/ *$//')
  fragment=$(echo "$fragment" | sed 's/^ *//; s/ *$//')
  path="$src/tests/bad/$file"
  if [ "$pointer" = "(cli)" ]; then
    expect 1 "$prostup" validate "$path"
    grep -qF "cannot read $path: " "$tmp/err" || fail "$file: no 'cannot read' message"
    continue
  fi
  expect 2 "$prostup" validate "$path"
  grep -qF "$path: $pointer: " "$tmp/err" || fail "$file: no line '$path: $pointer: ...'"
  grep -F "$path: $pointer: " "$tmp/err" | grep -qF -- "$fragment" ||
    fail "$file: no message containing '$fragment'"
  [ -s "$tmp/out" ] && fail "$file: an invalid file printed on stdout"
  [ "$failures" -eq 0 ] || exit 1  # the subshell's count is lost: stop at the first failure
done || failures=$((failures + 1))

# One line per problem, FILE: /pointer: message.
expect 2 "$prostup" validate "$src/tests/bad/07-duplicate-key.json"
[ "$(cat "$tmp/err")" = "$src/tests/bad/07-duplicate-key.json: /simulation/months: duplicate key 'months' (JSON parsers keep only one of the values; remove or rename one)" ] ||
  fail "unexpected duplicate-key output: $(cat "$tmp/err")"

# Valid and invalid together: 2, and the valid one is still reported ok.
expect 2 "$prostup" validate "$good" "$src/tests/bad/12-top-level-array.json"
grep -qx "$good: ok" "$tmp/out" || fail "the valid file was not reported ok next to an invalid one"

# The README's first command: the JSON Schema beside the scenarios is skipped, not an error;
# a scenario that names the schema in its own "$schema" is still validated.
expect 0 "$prostup" validate "$src"/scenarios/*.json
grep -qx "$src/scenarios/scenario.schema.json: skipped (a JSON Schema, not a scenario)" "$tmp/out" ||
  fail "the schema file was not skipped: $(cat "$tmp/out" "$tmp/err")"
grep -qx "$src/scenarios/default.json: ok" "$tmp/out" || fail "default.json not validated"
printf '{"$schema": "../scenarios/scenario.schema.json", "format_version": 1}' >"$tmp/named.json"
expect 2 "$prostup" validate "$tmp/named.json"

# Files that cannot be read: 1.
expect 1 "$prostup" validate "$tmp/no-such-file.json"
grep -qF "cannot read $tmp/no-such-file.json: " "$tmp/err" || fail "missing file: $(cat "$tmp/err")"
expect 1 "$prostup" validate "$tmp"
grep -qF "cannot read $tmp: " "$tmp/err" || fail "directory: $(cat "$tmp/err")"
cp "$good" "$tmp/unreadable.json"
chmod 000 "$tmp/unreadable.json"
if cat "$tmp/unreadable.json" >/dev/null 2>&1; then
  echo "note: skipping the unreadable-file check: running as root, chmod 000 does not stop reading"
else
  expect 1 "$prostup" validate "$tmp/unreadable.json"
  grep -qF "cannot read $tmp/unreadable.json: " "$tmp/err" || fail "unreadable: $(cat "$tmp/err")"
fi

# describe: the built-in default, a file, an invalid file (2, diagnostics), a directory (1).
expect 0 "$prostup" describe
grep -q "The ladder, top rung first" "$tmp/out" || fail "describe printed no ladder"
expect 0 "$prostup" describe "$good"
grep -q "Tréninkový byt" "$tmp/out" || fail "describe lost the Czech labels"
expect 2 "$prostup" describe "$src/tests/bad/37-promotion-unknown-to.json"
grep -qF "/promotions/shelter_to_lease/to: unknown stage 'leas'" "$tmp/err" || fail "describe of an invalid file: $(cat "$tmp/err")"
expect 1 "$prostup" describe "$tmp"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "ok"

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Reading the run catalog never changes a file (docs/reliability.md, "Promises and their
# tests"; docs/catalog.md): `runs list/show/diff` open it read-only, check its version first,
# and refuse a newer catalog, another application's SQLite file and an empty file with their
# bytes unchanged; `--catalog /dev/null` creates nothing beside it; a catalog in a folder the
# user cannot write is readable; a tampered row nested 50,000 levels deep does not crash
# `runs diff`; paths and names with control characters print escaped (a newline cannot forge
# a line); a run with `-o ./x/../out` is recorded. Args: $1 = prostup binary, $2 = source directory.
set -u
PROSTUP=$1
SRC=$2
S="$SRC/tests/fixtures/small.json"
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

C="$TMP/c.sqlite"
for seed in 1 2; do
  "$PROSTUP" run "$S" --replications 2 --months 3 --seed $seed --quiet --no-report \
    --catalog "$C" -o "$TMP/o$seed" >/dev/null 2>"$TMP/e" || fail "recording run: $(cat "$TMP/e")"
done
"$PROSTUP" runs list --catalog "$C" >"$TMP/l" || fail "runs list of a good catalog"
[ "$(grep -c '^ *[0-9]' "$TMP/l")" -eq 2 ] || fail "two runs expected: $(cat "$TMP/l")"

# $1 = name, $2 = file: every reading command is refused (exit 1) and the bytes stay.
unchanged() {
  cp "$2" "$TMP/before"
  for args in "list" "show 1" "diff 1 2"; do
    # shellcheck disable=SC2086
    "$PROSTUP" runs $args --catalog "$2" >/dev/null 2>"$TMP/e"
    rc=$?
    [ $rc -eq 1 ] || fail "$1: runs $args: exit $rc, expected 1: $(cat "$TMP/e")"
    cmp -s "$2" "$TMP/before" || fail "$1: runs $args changed the file"
  done
  echo "ok: $1 refused and unchanged: $(head -n 1 "$TMP/e")"
}

cp "$C" "$TMP/newer.sqlite"
sql() { python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.executescript(sys.argv[2]); db.commit(); db.close()' "$@"; }
sql "$TMP/newer.sqlite" "PRAGMA user_version=99; PRAGMA journal_mode=DELETE;" ||
  fail "cannot make a newer catalog"
unchanged "a newer catalog" "$TMP/newer.sqlite"
grep -q "schema version 99, newer" "$TMP/e" || fail "newer: message $(cat "$TMP/e")"

sql "$TMP/foreign.sqlite" "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);" ||
  fail "cannot make a foreign file"
unchanged "another application's SQLite file" "$TMP/foreign.sqlite"
grep -q "not a prostup catalog" "$TMP/e" || fail "foreign: message $(cat "$TMP/e")"
: >"$TMP/empty.sqlite"
unchanged "an empty file" "$TMP/empty.sqlite"
[ ! -s "$TMP/empty.sqlite" ] || fail "the empty file is no longer empty"

# A run that records into another application's file leaves it alone too (a warning).
cp "$TMP/foreign.sqlite" "$TMP/before"
"$PROSTUP" run "$S" --replications 2 --months 3 --quiet --no-report \
  --catalog "$TMP/foreign.sqlite" -o "$TMP/o3" >/dev/null 2>"$TMP/e" || fail "run: $(cat "$TMP/e")"
cmp -s "$TMP/foreign.sqlite" "$TMP/before" || fail "a run changed another application's file"
grep -q "warning" "$TMP/e" || fail "no warning for a foreign catalog: $(cat "$TMP/e")"
echo "ok: a run does not record into another application's file"

# /dev/null: nothing is created beside it.
if [ -e /dev/null-journal ] || [ -e /dev/null-wal ]; then
  echo "not tested: /dev/null-journal already exists"
else
  "$PROSTUP" runs list --catalog /dev/null >/dev/null 2>"$TMP/e"
  [ $? -eq 1 ] || fail "runs list --catalog /dev/null: $(cat "$TMP/e")"
  "$PROSTUP" run "$S" --replications 2 --months 3 --quiet --no-report --catalog /dev/null \
    -o "$TMP/o4" >/dev/null 2>&1 || fail "run --catalog /dev/null failed"
  [ ! -e /dev/null-journal ] && [ ! -e /dev/null-wal ] || {
    rm -f /dev/null-journal /dev/null-wal
    fail "--catalog /dev/null created /dev/null-journal"
  }
  echo "ok: --catalog /dev/null creates nothing"
fi

# A catalog in a folder this user cannot write: as nobody (root writes everywhere).
mkdir "$TMP/ro"
cp "$C" "$TMP/ro/c.sqlite"
chmod 755 "$TMP" && chmod 555 "$TMP/ro" && chmod 444 "$TMP/ro/c.sqlite"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
  setpriv --reuid=65534 --regid=65534 --clear-groups "$PROSTUP" --version >/dev/null 2>&1; then
  setpriv --reuid=65534 --regid=65534 --clear-groups "$PROSTUP" runs show 2 \
    --catalog "$TMP/ro/c.sqlite" >"$TMP/l" 2>"$TMP/e" ||
    fail "a read-only catalog is not readable: $(cat "$TMP/e")"
  grep -q "seed: *2" "$TMP/l" || fail "read-only catalog: $(cat "$TMP/l")"
  echo "ok: a catalog in a read-only folder is readable (as nobody)"
elif [ "$(id -u)" -ne 0 ]; then
  "$PROSTUP" runs show 2 --catalog "$TMP/ro/c.sqlite" >"$TMP/l" 2>"$TMP/e" ||
    fail "a read-only catalog is not readable: $(cat "$TMP/e")"
  echo "ok: a catalog in a read-only folder is readable"
else
  echo "not tested: a read-only catalog (root without setpriv, or the binary is not reachable)"
fi
chmod 755 "$TMP/ro"

# A tampered row: 50,000 levels of nesting, and control characters in a path.
python3 - "$C" <<'EOF' || fail "cannot tamper with the catalog"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE runs SET scenario_text = ?, output_dir = ? WHERE id = 1",
           ("[" * 50000 + "]" * 50000, "/tmp/x\nforged line \x1b[31mred"))
db.commit()
EOF
"$PROSTUP" runs diff 1 2 --catalog "$C" >"$TMP/l" 2>"$TMP/e" ||
  fail "runs diff of a deeply nested row: exit $?: $(cat "$TMP/e")"
grep -q "nested deeper than" "$TMP/l" || fail "runs diff: $(cat "$TMP/l")"
echo "ok: runs diff of a row nested 50,000 levels deep"
"$PROSTUP" runs list --catalog "$C" >"$TMP/l" || fail "runs list of the tampered catalog"
! grep -q "^forged line" "$TMP/l" || fail "a newline in a path forged a line: $(cat "$TMP/l")"
! grep -q "$(printf '\033')" "$TMP/l" || fail "runs list printed an escape code"
"$PROSTUP" runs show 1 --catalog "$C" >"$TMP/l" || fail "runs show of the tampered catalog"
! grep -q "^forged line" "$TMP/l" || fail "runs show: a newline forged a line"
echo "ok: runs list/show escape control characters in paths"

# `-o ./x/../out` (x missing) is recorded, under the folder it names.
(cd "$TMP" && "$PROSTUP" run "$S" --replications 2 --months 3 --quiet --no-report \
  --catalog "$TMP/c2.sqlite" -o ./nox/../rel) >/dev/null 2>"$TMP/e" || fail "run -o ./nox/../rel"
! grep -q "not recorded" "$TMP/e" || fail "-o ./nox/../rel was not recorded: $(cat "$TMP/e")"
"$PROSTUP" runs list --catalog "$TMP/c2.sqlite" | grep -q "/rel$" ||
  fail "-o ./nox/../rel: $("$PROSTUP" runs list --catalog "$TMP/c2.sqlite")"
echo "ok: -o ./x/../out is recorded"
echo "PASS"

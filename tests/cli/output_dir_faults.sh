#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Output directories under concurrent writers and odd paths (docs/reliability.md):
# - a second writer of the same -o is refused (exit 2) while the first holds the lock, also
#   with --force, and the first one's output is kept;
# - a file that appears in the output directory, or a directory that appears at its path,
#   while a run writes is never deleted: the run fails (exit 1) and writes nothing;
# - `-o DIR/`, `-o .` in an empty directory and a symlink to an empty directory are written
#   in place (the symlink stays a symlink);
# - leftovers of killed runs beside DIR are reported and kept.
# Runs are held still with SIGSTOP while the test changes the directory.
# Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
S="$SRC/tests/fixtures/small.json"
TMP=$(mktemp -d)
PID=""
cleanup() {
  [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

quick() { "$PROSTUP" run "$S" --replications 2 --months 3 --quiet --no-report "$@"; }
# A run that lasts long enough to be stopped once its staging directory exists.
slow() { "$PROSTUP" run "$S" --replications 1200 --threads 1 --quiet --no-report "$@"; }

# Starts `slow -o $1` in the background and stops it once $2 (a find pattern under $3) exists.
start_and_stop() {
  slow -o "$1" >"$TMP/slow.log" 2>&1 &
  PID=$!
  i=0
  while [ -z "$(find "$3" -maxdepth 1 -name "$2" 2>/dev/null)" ]; do
    kill -0 "$PID" 2>/dev/null || fail "the slow run ended before it could be stopped: $(cat "$TMP/slow.log")"
    i=$((i + 1))
    [ "$i" -lt 1000 ] || fail "no staging directory $3/$2 after 20 s"
    sleep 0.02
  done
  kill -STOP "$PID"
}
resume_and_wait() {
  kill -CONT "$PID"
  wait "$PID"
  rc=$?
  PID=""
  return $rc
}
no_leftovers() {
  left=$(find "$1" -maxdepth 2 \( -name '.*.tmp-*' -o -name '*.old-*' -o -name '.*.lock' \) 2>/dev/null)
  [ -z "$left" ] || fail "$2: left behind: $left"
}

# 1. Two writers of one -o: the second is refused at start, also with --force.
start_and_stop "$TMP/out" ".out.tmp-*" "$TMP"
quick -o "$TMP/out" >"$TMP/second.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "second writer: exit $rc, expected 2: $(cat "$TMP/second.log")"
grep -q "another prostup" "$TMP/second.log" || fail "second writer: no clear message: $(cat "$TMP/second.log")"
quick -o "$TMP/out" --force >"$TMP/second.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "second writer with --force: exit $rc, expected 2: $(cat "$TMP/second.log")"
resume_and_wait || fail "first writer: exit $?: $(cat "$TMP/slow.log")"
[ -f "$TMP/out/manifest.json" ] || fail "first writer: no manifest.json"
grep -q '"replications": 1200' "$TMP/out/manifest.json" || fail "the output is not the first writer's"
no_leftovers "$TMP" "two writers"
echo "ok: a second writer is refused with exit 2 while the first runs; the first one's output is kept"

# 2. A file added to an empty output directory while a run writes into it is kept, and the
#    run fails without writing anything.
mkdir "$TMP/inplace"
start_and_stop "$TMP/inplace" ".prostup.tmp-*" "$TMP/inplace"
echo "planner's notes" >"$TMP/inplace/notes.txt"
resume_and_wait
rc=$?
[ "$rc" -eq 1 ] || fail "file added during the run: exit $rc, expected 1: $(cat "$TMP/slow.log")"
grep -q "appeared" "$TMP/slow.log" || fail "file added during the run: no clear message: $(cat "$TMP/slow.log")"
[ "$(ls -A "$TMP/inplace")" = "notes.txt" ] || fail "file added during the run: contents now: $(ls -A "$TMP/inplace")"
echo "ok: a file added during the run is kept; the run fails with exit 1: $(head -n 1 "$TMP/slow.log")"

# 3. A directory created at the output path while a run writes beside it is kept.
start_and_stop "$TMP/late" ".late.tmp-*" "$TMP"
mkdir "$TMP/late" && echo mine >"$TMP/late/mine.txt"
resume_and_wait
rc=$?
[ "$rc" -eq 1 ] || fail "directory created during the run: exit $rc, expected 1: $(cat "$TMP/slow.log")"
[ "$(ls -A "$TMP/late")" = "mine.txt" ] || fail "directory created during the run: contents now: $(ls -A "$TMP/late")"
no_leftovers "$TMP" "directory created during the run"
echo "ok: a directory created at the output path during the run is kept; exit 1"

# 4. Paths written in place: a trailing slash, `.` in an empty directory, a symlink.
quick -o "$TMP/slash/" >"$TMP/p.log" 2>&1 || fail "-o DIR/: exit $?: $(cat "$TMP/p.log")"
[ -f "$TMP/slash/manifest.json" ] || fail "-o DIR/: no manifest.json"
mkdir "$TMP/here"
(cd "$TMP/here" && quick -o .) >"$TMP/p.log" 2>&1 || fail "-o . in an empty directory: exit $?: $(cat "$TMP/p.log")"
[ -f "$TMP/here/manifest.json" ] || fail "-o .: no manifest.json"
mkdir "$TMP/real" && ln -s real "$TMP/link"
quick -o "$TMP/link" >"$TMP/p.log" 2>&1 || fail "symlink to an empty directory: exit $?: $(cat "$TMP/p.log")"
[ -L "$TMP/link" ] || fail "symlink to an empty directory: the symlink was replaced"
[ -f "$TMP/real/manifest.json" ] || fail "symlink to an empty directory: nothing written into its target"
no_leftovers "$TMP" "in-place paths"
echo "ok: -o DIR/, -o . in an empty directory and a symlink to an empty directory are written in place"

# 5. Leftovers of killed commands beside DIR (no such process) are reported and kept.
mkdir "$TMP/slash.old-99999999" "$TMP/.slash.tmp-99999999"
quick -o "$TMP/slash" --force >"$TMP/p.log" 2>&1 || fail "--force with leftovers: exit $?: $(cat "$TMP/p.log")"
grep -q "slash.old-99999999 is left from an interrupted command" "$TMP/p.log" ||
  fail "leftover NAME.old-PID not reported: $(cat "$TMP/p.log")"
grep -q ".slash.tmp-99999999 is left from an interrupted command" "$TMP/p.log" ||
  fail "leftover .NAME.tmp-PID not reported: $(cat "$TMP/p.log")"
[ -d "$TMP/slash.old-99999999" ] || fail "a leftover was deleted"
[ -f "$TMP/slash/manifest.json" ] || fail "--force: no manifest.json"
echo "ok: leftovers of killed commands are reported and kept"
echo "PASS"

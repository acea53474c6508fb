#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Ctrl-C while a run waits for a locked catalog (another process holds its write lock; the
# busy wait lasts up to 10 s): the run stops within 2 s with exit 130, says on stderr that it
# was not recorded in the catalog, and its committed outputs stay (docs/reliability.md).
# It used to wait out the lock and exit 0. Args: $1 = prostup binary, $2 = source directory.
# Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
FIX="$SRC/tests/fixtures/small.json"
TMP=$(mktemp -d)
PID=""
LOCKER=""
cleanup() {
  [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null
  [ -n "$LOCKER" ] && kill -KILL "$LOCKER" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
python3 -c 'import sqlite3' 2>/dev/null || { echo "SKIP: python3 with sqlite3 is needed"; exit 77; }
CAT="$TMP/catalog.sqlite"
"$PROSTUP" run "$FIX" -o "$TMP/first" --replications 2 --months 3 --threads 1 --quiet \
  --no-report --catalog "$CAT" >"$TMP/first.log" 2>&1 || fail "the first run failed: $(cat "$TMP/first.log")"

# Another process takes the write lock and keeps it.
python3 - "$CAT" "$TMP/locked" <<'EOF' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(60)
EOF
LOCKER=$!
i=0
while [ ! -e "$TMP/locked" ]; do
  i=$((i + 1))
  [ "$i" -lt 200 ] || fail "the catalog was not locked after 10 s"
  sleep 0.05
done

# Not through the function: $! would be a subshell, which ignores SIGINT.
"$PROSTUP" run "$FIX" -o "$TMP/second" --replications 2 --months 3 --threads 1 --quiet \
  --no-report --catalog "$CAT" >"$TMP/second.log" 2>&1 &
PID=$!
# The outputs are committed before the catalog is opened: then it waits for the lock.
i=0
while [ ! -e "$TMP/second/manifest.json" ]; do
  kill -0 "$PID" 2>/dev/null || fail "the run ended before it waited: $(cat "$TMP/second.log")"
  i=$((i + 1))
  [ "$i" -lt 200 ] || fail "no output after 10 s"
  sleep 0.05
done
sleep 0.3
kill -0 "$PID" 2>/dev/null || fail "the run did not wait for the lock: $(cat "$TMP/second.log")"
t0=$(now_ms)
kill -INT "$PID"
i=0
while kill -0 "$PID" 2>/dev/null && [ "$i" -lt 40 ]; do
  sleep 0.05
  i=$((i + 1))
done
waited=$(( $(now_ms) - t0 ))
kill -0 "$PID" 2>/dev/null && fail "still waiting ${waited} ms after SIGINT: $(cat "$TMP/second.log")"
wait "$PID"
rc=$?
PID=""
[ "$rc" -eq 130 ] || fail "exit $rc after SIGINT, expected 130: $(cat "$TMP/second.log")"
grep -q "interrupted by SIGINT.*not recorded in the catalog" "$TMP/second.log" ||
  fail "no message saying the run was not recorded: $(cat "$TMP/second.log")"
[ -f "$TMP/second/outcomes.csv" ] || fail "the committed outputs are gone"
kill -KILL "$LOCKER" 2>/dev/null
wait "$LOCKER" 2>/dev/null
LOCKER=""
"$PROSTUP" runs --catalog "$CAT" list >"$TMP/list" 2>&1 || fail "runs list: $(cat "$TMP/list")"
grep -qF "$TMP/second" "$TMP/list" && fail "the interrupted run was recorded: $(cat "$TMP/list")"
echo "ok: SIGINT while waiting for a locked catalog: exit 130 in ${waited} ms, outputs kept, not recorded"
echo "PASS"

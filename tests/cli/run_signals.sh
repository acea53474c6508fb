#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SIGINT and SIGTERM during a long run: the workers stop within 2 s, the exit code is 130 or
# 143, a message says so, and neither the output directory nor the temporary directory
# beside it is left. Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
TMP=$(mktemp -d)
PID=""
cleanup() {
  [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# $1 = signal name, $2 = expected exit code, $3 = the word in the message
interrupt() {
  out="$TMP/out-$1"
  # Many minutes of work (5 towns x 4 models x 5000 replications x 600 months), so only the signal
  # can end it; its memory estimate (about 100 MB) is within reach of any CI machine.
  "$PROSTUP" run "$SRC/scenarios/default.json" --replications 5000 --months 600 --threads 2 \
    --quiet -o "$out" >"$TMP/$1.log" 2>&1 &
  PID=$!
  # Wait until the run is under way: its temporary directory exists (made after the
  # signal handlers are installed) and it has simulated for a moment.
  i=0
  while [ -z "$(find "$TMP" -maxdepth 1 -name ".out-$1.tmp-*")" ]; do
    if ! kill -0 "$PID" 2>/dev/null; then
      wait "$PID"
      rc=$?
      if grep -q "not implemented" "$TMP/$1.log"; then
        echo "SKIP: prostup run is not implemented in this build"
        exit 77
      fi
      fail "$1: the run ended (exit $rc) before it could be interrupted: $(cat "$TMP/$1.log")"
    fi
    i=$((i + 1))
    [ "$i" -lt 600 ] || fail "$1: no temporary directory after 30 s"
    sleep 0.05
  done
  sleep 1
  kill -0 "$PID" 2>/dev/null || fail "$1: the run ended by itself: $(cat "$TMP/$1.log")"

  t0=$(now_ms)
  kill -"$1" "$PID"
  # Give it 2 s, polling; then kill it so a hang fails the test instead of blocking it.
  i=0
  while kill -0 "$PID" 2>/dev/null && [ "$i" -lt 40 ]; do
    sleep 0.05
    i=$((i + 1))
  done
  waited=$(( $(now_ms) - t0 ))
  if kill -0 "$PID" 2>/dev/null; then
    kill -KILL "$PID"
    wait "$PID"
    PID=""
    fail "$1: still running ${waited} ms after the signal"
  fi
  wait "$PID"
  rc=$?
  PID=""
  [ "$waited" -le 2000 ] || fail "$1: took ${waited} ms to stop (limit 2000 ms)"
  [ "$rc" -eq "$2" ] || fail "$1: exit $rc, expected $2: $(cat "$TMP/$1.log")"
  # A shell reports death by the signal as 128+N too; the message proves prostup handled it.
  grep -q "interrupted by $3" "$TMP/$1.log" || fail "$1: no message saying so: $(cat "$TMP/$1.log")"
  [ ! -e "$out" ] || fail "$1: the output directory $out exists"
  left=$(find "$TMP" -maxdepth 1 -name ".out-$1*")
  [ -z "$left" ] || fail "$1: left behind: $left"
  echo "ok: $1 stopped the run in ${waited} ms, exit $rc, no output and no temporary directory"
}

interrupt INT 130 SIGINT
interrupt TERM 143 SIGTERM
echo "PASS"

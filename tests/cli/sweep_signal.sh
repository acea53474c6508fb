#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SIGINT while a large sweep writes sweep.csv (64 MB) and while its report reads it and draws
# stops it within 1 s with exit 130 and nothing left (docs/reliability.md, Signals).
# sweep.csv used to be built whole, and the report's sweep charts computed whole, before the
# flag was looked at: 1.4 s and 4.3 s here, 5-8 s for larger sweeps. Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
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
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed"; exit 77; }
if [ -n "${PROSTUP_SANITIZE:-}" ]; then
  echo "SKIP: the timing of a 64 MB write means nothing under sanitizers"
  exit 77
fi

# The test fixture's first town, 200 times over (no variants).
python3 - "$SRC/tests/fixtures/small.json" "$TMP/towns.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
town = d["towns"]["jirkov"]
d["towns"] = {("jirkov" if i == 0 else "t%d" % i): town for i in range(200)}
d.pop("variants", None)
json.dump(d, open(sys.argv[2], "w"))
PY
# One swept value of ten and seven fixed ones (each --set repeats every row): 64 MB of
# sweep.csv from 200 towns x 10 points, for a second of simulating.
SETS=""
for k in 1 2 3 4 5 6 7; do SETS="$SETS --set /towns/t$k/capacity/shelter=15:15:1"; done

# $1 = what appears in the staging directory when the signal is sent: manifest.json (sweep.csv
# is being written next) or charts (the report is reading sweep.csv and drawing).
interrupt() {
  rm -rf "$TMP/out"
  # shellcheck disable=SC2086
  "$PROSTUP" sweep "$TMP/towns.json" --set /towns/jirkov/capacity/shelter=10:19:1 $SETS \
    --replications 2 --months 1 --threads 2 --quiet --no-catalog -o "$TMP/out" >"$TMP/log" 2>&1 &
  PID=$!
  i=0
  while [ -z "$(find "$TMP" -path "$TMP/.out.tmp-*/$1" 2>/dev/null)" ]; do
    kill -0 "$PID" 2>/dev/null || fail "$1: the sweep ended before it wrote: $(cat "$TMP/log")"
    i=$((i + 1))
    [ "$i" -lt 3000 ] || fail "$1: not there after 30 s"
    sleep 0.01
  done
  t0=$(now_ms)
  kill -INT "$PID"
  i=0
  while kill -0 "$PID" 2>/dev/null && [ "$i" -lt 60 ]; do
    sleep 0.05
    i=$((i + 1))
  done
  waited=$(( $(now_ms) - t0 ))
  if kill -0 "$PID" 2>/dev/null; then
    kill -KILL "$PID"
    wait "$PID"
    PID=""
    fail "$1: still writing ${waited} ms after SIGINT"
  fi
  wait "$PID"
  rc=$?
  PID=""
  [ "$waited" -le 1000 ] || fail "$1: took ${waited} ms to stop (limit 1000 ms)"
  [ "$rc" -eq 130 ] || fail "$1: exit $rc, expected 130: $(cat "$TMP/log")"
  grep -q "interrupted by SIGINT" "$TMP/log" || fail "$1: no message: $(cat "$TMP/log")"
  left=$(find "$TMP" -mindepth 1 -maxdepth 1 -name '*out*')
  [ -z "$left" ] || fail "$1: left behind: $left"
  echo "ok: SIGINT once $1 was written stopped the sweep in ${waited} ms, exit 130, nothing left"
}
interrupt manifest.json
interrupt charts
echo "PASS"

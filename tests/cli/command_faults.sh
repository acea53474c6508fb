#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every command that writes an output directory keeps "all or nothing" under faults
# (docs/reliability.md): an allocation failure in a worker (test hook PROSTUP_TEST_FAIL_ALLOC)
# ends in exit 1 with a `prostup CMD:` message and nothing left; SIGTERM while the files are
# being written (test hook PROSTUP_TEST_SIGNAL_AT=write raises it there) ends in exit 143
# with nothing committed, for run, sweep, plan and cohort; `report` keeps the old report.
# Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
S="$SRC/tests/fixtures/small.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

FEW="--replications 2 --months 3 --no-report"
run_cmd() {  # $1 = command; the rest are its arguments
  cmd=$1
  shift
  case $cmd in
  run) "$PROSTUP" run "$S" $FEW --quiet "$@" ;;
  sweep) "$PROSTUP" sweep "$S" $FEW --quiet --set /towns/jirkov/capacity/shelter=10:12:2 "$@" ;;
  plan) "$PROSTUP" plan "$S" $FEW --quiet --vary /towns/jirkov/capacity/shelter=5:8 \
    --target "reached_lease_share>=0" "$@" ;;
  cohort) "$PROSTUP" cohort "$S" "$@" ;;
  esac
}
nothing_left() {  # $1 = what
  left=$(find "$TMP" -mindepth 1 -maxdepth 1 ! -name '*.log' ! -name keep)
  [ -z "$left" ] || fail "$1: left behind: $left"
}

# 1. An allocation failure in a worker.
for cmd in run sweep plan; do
  PROSTUP_TEST_FAIL_ALLOC=0 run_cmd "$cmd" -o "$TMP/out" >"$TMP/$cmd.log" 2>&1
  rc=$?
  [ "$rc" -eq 1 ] || fail "$cmd, allocation failure: exit $rc, expected 1: $(cat "$TMP/$cmd.log")"
  grep -q "^prostup $cmd: out of memory" "$TMP/$cmd.log" ||
    fail "$cmd, allocation failure: no clear message: $(cat "$TMP/$cmd.log")"
  nothing_left "$cmd, allocation failure"
  echo "ok: $cmd: an allocation failure in a worker gives exit 1: $(head -n 1 "$TMP/$cmd.log")"
done

# 2. SIGTERM while writing.
for cmd in run sweep plan cohort; do
  PROSTUP_TEST_SIGNAL_AT=write run_cmd "$cmd" -o "$TMP/out" >"$TMP/$cmd.log" 2>&1
  rc=$?
  [ "$rc" -eq 143 ] || fail "$cmd, SIGTERM while writing: exit $rc, expected 143: $(cat "$TMP/$cmd.log")"
  grep -q "interrupted by SIGTERM" "$TMP/$cmd.log" ||
    fail "$cmd, SIGTERM while writing: no message: $(cat "$TMP/$cmd.log")"
  nothing_left "$cmd, SIGTERM while writing"
  echo "ok: $cmd: SIGTERM while writing gives exit 143 and nothing committed"
done

# 3. `report` interrupted while drawing keeps the old report as it was.
"$PROSTUP" run "$S" --replications 2 --months 3 --quiet -o "$TMP/keep" >"$TMP/keep.log" 2>&1 ||
  fail "a run for the report test failed: $(cat "$TMP/keep.log")"
cksum "$TMP/keep/report.html" >"$TMP/before.log"
PROSTUP_TEST_SIGNAL_AT=write "$PROSTUP" report "$TMP/keep" >"$TMP/report.log" 2>&1
rc=$?
[ "$rc" -eq 143 ] || fail "report, SIGTERM while drawing: exit $rc, expected 143: $(cat "$TMP/report.log")"
cksum "$TMP/keep/report.html" | cmp -s - "$TMP/before.log" || fail "report: report.html changed"
left=$(find "$TMP/keep" -name '.report.tmp-*')
[ -z "$left" ] || fail "report: left behind: $left"
"$PROSTUP" report "$TMP/keep" >"$TMP/report.log" 2>&1 || fail "report: exit $?: $(cat "$TMP/report.log")"
[ -s "$TMP/keep/report.html" ] && [ -d "$TMP/keep/charts" ] || fail "report: no report after a redraw"
echo "ok: report: SIGTERM while drawing gives exit 143 and the old report unchanged; a redraw works"
echo "PASS"

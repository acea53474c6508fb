#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Smaller promises of the command line (docs/reliability.md, "Promises and their tests"):
# --months past the file's horizon keeps schedule steps; a variant may not patch /simulation;
# --seed >= 2^63, --months 0, repeated --variants and --confidence nan are refused in words;
# a failed write to stdout is exit 1; control characters in keys do not fake diagnostic
# lines; a file with 100,000 keys is validated in under a second (4 s under sanitizers).
# Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
S="$SRC/tests/fixtures/small.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. small.json's Jirkov gets 20 training flats from month 24; in a 12-month file run for
#    30 months the step must still happen.
sed 's/"months": 36/"months": 12/' "$S" >"$TMP/short.json"
grep -q '"months": 12' "$TMP/short.json" || fail "could not shorten small.json"
"$PROSTUP" run "$TMP/short.json" --months 30 --replications 2 --quiet --no-report \
  -o "$TMP/long" >"$TMP/long.log" 2>&1 || fail "--months 30: exit $?: $(cat "$TMP/long.log")"
grep -q '^jirkov,baseline,\*,23,capacity:training_flat,10,' "$TMP/long/timeseries.csv" ||
  fail "--months 30: month 23 capacity is not 10"
grep -q '^jirkov,baseline,\*,30,capacity:training_flat,20,' "$TMP/long/timeseries.csv" ||
  fail "--months 30: the step to 20 flats at month 24 was dropped: $(grep '^jirkov,baseline,\*,30,capacity:training_flat' "$TMP/long/timeseries.csv")"
echo "ok: --months past the file's horizon keeps the schedule's later steps"

# 2. A variant's patch to /simulation is refused with its pointer.
sed 's|"patch": {"towns": {"jirkov": {"capacity": {"training_flat": 20}}}}|"patch": {"simulation": {"seed": 99}, "towns": {"jirkov": {"capacity": {"training_flat": 20}}}}|' \
  "$S" >"$TMP/simpatch.json"
grep -q '"seed": 99' "$TMP/simpatch.json" || fail "could not add a /simulation patch"
"$PROSTUP" validate "$TMP/simpatch.json" >"$TMP/v.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "/simulation patch: exit $rc, expected 2: $(cat "$TMP/v.log")"
grep -q ": /variants/more_flats/patch/simulation: a variant may not change 'simulation'" "$TMP/v.log" ||
  fail "/simulation patch: no pointer error: $(cat "$TMP/v.log")"
echo "ok: a variant's patch to /simulation is refused with its pointer"

# 3. Options refused in words, before anything runs.
expect_usage() {  # $1 = expected fragment; the rest = arguments
  want=$1
  shift
  "$PROSTUP" "$@" >"$TMP/u.log" 2>&1
  rc=$?
  [ "$rc" -eq 2 ] || fail "$*: exit $rc, expected 2: $(cat "$TMP/u.log")"
  grep -q -- "$want" "$TMP/u.log" || fail "$*: the message does not say '$want': $(cat "$TMP/u.log")"
  grep -q "e+308\|e-308" "$TMP/u.log" && fail "$*: the message prints DBL_MIN/DBL_MAX: $(cat "$TMP/u.log")"
  echo "ok: $* refused: $(grep -m 1 -- "$want" "$TMP/u.log")"
}
expect_usage "9223372036854775808 is not a whole number from 0 to 9223372036854775807" \
  run "$S" --dry-run --seed 9223372036854775808
expect_usage "is not a whole number from 0 to 9223372036854775807" \
  sweep "$S" --seed 18446744073709551616 --set /towns/jirkov/capacity/shelter=10:12:2
expect_usage "0 is not a whole number from 1 to 600" run "$S" --dry-run --months 0
expect_usage "names 'more_flats' more than once" run "$S" --dry-run --variants more_flats,more_flats
# NaN passes CLI::Range (every comparison with it is false); found by fuzz/fuzz_cli.cpp.
expect_usage "Value nan not in range" plan "$S" --confidence nan \
  --vary /towns/jirkov/capacity/shelter=10:12 --target 'reached_lease_share>=30%'
"$PROSTUP" run "$S" --dry-run --seed 9223372036854775807 >"$TMP/u.log" 2>&1 ||
  fail "--seed 2^63-1: exit $?: $(cat "$TMP/u.log")"

# 4. A failed write to standard output is a failure.
if [ -w /dev/full ]; then
  "$PROSTUP" validate "$S" >/dev/full 2>"$TMP/full.log"
  rc=$?
  [ "$rc" -eq 1 ] || fail "validate >/dev/full: exit $rc, expected 1"
  grep -q "cannot write to standard output" "$TMP/full.log" || fail "stdout full: no message: $(cat "$TMP/full.log")"
  echo "ok: a failed write to stdout gives exit 1: $(cat "$TMP/full.log")"
else
  echo "not tested: /dev/full is not writable here"
fi

# 5. A key with a newline and an escape code cannot fake a diagnostic line or reach the
#    terminal raw: one problem, one line.
printf '{"format_version": 1, "name": "x", "bad\\nx.json: /fake: line\\u001b[2J": 1}\n' >"$TMP/ctl.json"
"$PROSTUP" validate "$TMP/ctl.json" >"$TMP/ctl.out" 2>"$TMP/ctl.err"
grep -q "fake" "$TMP/ctl.err" || fail "control characters: the key is not in the diagnostics: $(cat "$TMP/ctl.err")"
grep "fake" "$TMP/ctl.err" | grep -q '^[^ ]*ctl.json: /bad\\nx.json: ~1fake: line\\x1b\[2J' ||
  fail "control characters: not escaped: $(cat "$TMP/ctl.err")"
grep -q "$(printf '\033')" "$TMP/ctl.err" && fail "control characters: a raw ESC was printed"
echo "ok: control characters in keys are escaped in diagnostics"

# 6. 100,000 keys in one object: validated in linear time.
# (documentation keys, "_...", are allowed anywhere and ignored)
awk 'BEGIN { printf "{"; for (i = 0; i < 100000; i++) printf "\"_k%d\": \"s\", ", i }' >"$TMP/many.json"
tail -c +2 "$S" >>"$TMP/many.json"
# CPU time (user + system, from the shell's `times`), not wall time: the result must not
# depend on what else the machine runs. Quadratic parsing took about 10 s here.
( "$PROSTUP" validate "$TMP/many.json" >"$TMP/many.log" 2>&1 || echo "exit $?" >>"$TMP/many.log"
  times ) >"$TMP/times.log"
grep -q "^exit" "$TMP/many.log" && fail "100,000 keys: $(cat "$TMP/many.log")"
ms=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' "$TMP/times.log")
limit=1000
[ -n "${PROSTUP_SANITIZE:-}" ] && limit=4000
[ "$ms" -le "$limit" ] || fail "100,000 keys: validated in $ms ms of CPU time (limit $limit ms)"
echo "ok: a file with 100,000 keys ($(wc -c <"$TMP/many.json") bytes) validated in $ms ms of CPU time"
echo "PASS"

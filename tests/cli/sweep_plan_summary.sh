#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# What sweep and plan print: sweep a table of every headline metric per point and, with two
# swept parameters, a grid; plan, when no value meets the target, what the range assures and
# the binding constraints with what one more unit does.
# Both record the scenario's own value of each varied number (the report marks it).
# Args: $1 = prostup binary, $2 = source directory.
set -u
prostup=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
scen="$src/scenarios/jirkov.json"
"$prostup" sweep "$scen" --set /towns/jirkov/capacity/training_flat=4:12:8 \
  --set /towns/jirkov/capacity/lease=30:50:20 --replications 2 --months 12 --no-report \
  -o "$tmp/sweep" >"$tmp/sweep.out" 2>"$tmp/sweep.err" || fail "sweep exited $?: $(cat "$tmp/sweep.err")"
# Four points: a header with the four coordinates, then one row per headline metric.
grep -Eq '^ +point +4, 30 +4, 50 +12, 30 +12, 50$' "$tmp/sweep.out" || fail "no table header with the 4 points"
for metric in "reached a lease" "stabilised in a lease" "median months to a lease" "evictions" \
  "returns to the street" "household-months roofless" "months on a waiting list" "public cost"; do
  grep -Eq "^ +$metric(, [A-Za-z ]+)? +[^ ]+( %| [kMb]n?)? +[^ ]+" "$tmp/sweep.out" || fail "no table row for '$metric'"
done
grep -q "^reached a lease: /towns/jirkov/capacity/training_flat down, /towns/jirkov/capacity/lease across$" "$tmp/sweep.out" ||
  fail "no grid title for two swept parameters"
grep -Eq '^ +30 +50$' "$tmp/sweep.out" || fail "no grid header 30 50"
[ "$(grep -Ec '^ +(4|12) +[0-9.]+ % +[0-9.]+ %$' "$tmp/sweep.out")" -eq 2 ] || fail "the grid has not 2 rows of 2 shares"
# jirkov.json has 8 training flats and 30 leases.
[ "$(grep -Ec '"scenario_value": (8|30),?$' "$tmp/sweep/manifest.json")" -eq 2 ] ||
  fail "manifest.json does not record the scenario's own values 8 and 30"

"$prostup" plan "$scen" --vary /towns/jirkov/capacity/training_flat=0:4 \
  --target 'reached_lease_share>=90%' --town jirkov --replications 2 --months 12 --no-report \
  -o "$tmp/plan" >"$tmp/plan.out" 2>"$tmp/plan.err" || fail "plan exited $?: $(cat "$tmp/plan.err")"
grep -q "^No value in 0..4 meets the target." "$tmp/plan.out" || fail "plan met an unreachable target"
grep -q "^  Binding at 4 (expected demand without limits), ranked by what one more unit does to reached a lease" "$tmp/plan.out" ||
  fail "plan does not name the binding constraint: $(cat "$tmp/plan.out")"
grep -Eq '^    1\. .*: demand [0-9]+ for [0-9]+ places from month [0-9]+' "$tmp/plan.out" ||
  fail "no ranked binding line with demand and places"
# One parameter set gives one pair: no interval, so nothing has a clear gain.
grep -Eq '^    measured, no clear gain: .*\(caseload\)' "$tmp/plan.out" ||
  fail "the measured constraints without a clear gain are not named"
grep -Eq "^  At 4, .*(reach at least|lower bound of the mean is) [0-9.]+ %: the most this range assures" "$tmp/plan.out" ||
  fail "plan does not say what the range assures"
grep -Eq '"scenario_value": 8,?$' "$tmp/plan/plan.json" || fail "plan.json does not record the scenario's own value 8"
[ "$failures" -eq 0 ] || { cat "$tmp/sweep.out" "$tmp/plan.out"; exit 1; }
echo "OK"

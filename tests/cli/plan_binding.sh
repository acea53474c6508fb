#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# When no value meets its target, plan ranks what binds at the top of the range by what one
# more unit does to the target metric (a paired run), not by excess demand (docs/planning.md,
# "What binds"). The fixture's counselling has the largest excess demand and no effect; its
# training flat binds. The measured gain must agree with a larger paired sweep.
# Args: $1 = prostup binary, $2 = source directory.
set -u
prostup=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fix="$src/tests/fixtures/plan-two-constraints.json"
"$prostup" plan "$fix" --vary /towns/town/capacity/lease=100:110 \
  --target 'reached_lease_share>=90%' --no-report --quiet -o "$tmp/plan" >"$tmp/plan.out" 2>&1 ||
  { cat "$tmp/plan.out"; echo "FAIL: plan exited non-zero"; exit 1; }
# One more flat against 400 paired replications: the sweep's difference at lease = 110.
"$prostup" sweep "$fix" --set /towns/town/capacity/flat=2:3:1 --set /towns/town/capacity/lease=110:110:1 \
  --replications 400 --no-report --quiet -o "$tmp/sweep" >"$tmp/sweep.out" 2>&1 ||
  { cat "$tmp/sweep.out"; echo "FAIL: sweep exited non-zero"; exit 1; }
python3 - "$tmp" <<'PY' || { cat "$tmp/plan.out"; exit 1; }
import csv, json, sys
tmp = sys.argv[1]
rows = json.load(open(tmp + "/plan/plan.json"))["binding_at_hi"]
names = [r["constraint"] for r in rows]
if len(rows) != 2:
    sys.exit("FAIL: expected 2 binding constraints, got %s" % names)
flat, counselling = rows
# By excess demand counselling (200 for 10 places) would come first.
if not flat["constraint"].endswith("Training flat"):
    sys.exit("FAIL: the binding flat does not rank first: %s" % names)
if counselling["demand"] - counselling["capacity"] <= flat["demand"] - flat["capacity"]:
    sys.exit("FAIL: the fixture no longer gives counselling the larger excess demand")
if not flat["clear_gain"] or counselling["clear_gain"]:
    sys.exit("FAIL: clear_gain flat %s counselling %s" % (flat["clear_gain"], counselling["clear_gain"]))
if counselling["change"] != 0 or counselling["change_ci_high"] != 0:
    sys.exit("FAIL: counselling without effect changes the share by %s" % counselling["change"])
if flat["cost_horizon"] != 36 * 10000 or counselling["cost_horizon"] != 36 * 10 * 500:
    sys.exit("FAIL: unit costs %s, %s" % (flat["cost_horizon"], counselling["cost_horizon"]))
mean = {}
for r in csv.DictReader(open(tmp + "/sweep/sweep.csv")):
    if r["town"] == "town" and r["metric"] == "reached_lease_share" and r["parameter"].endswith("/flat"):
        mean[int(r["point"])] = float(r["mean"])
d = mean[2] - mean[1]
if not flat["change_ci_low"] < d < flat["change_ci_high"]:
    sys.exit("FAIL: 400 paired replications give %.4f, outside plan's [%.4f, %.4f]"
             % (d, flat["change_ci_low"], flat["change_ci_high"]))
print("OK: flat first, +%.4f [%.4f, %.4f] per place; 400 pairs give %+.4f"
      % (flat["change"], flat["change_ci_low"], flat["change_ci_high"], d))
PY
grep -q "^    1\. Town: Training flat: demand 29 for 2 places from month 1; one more place: +" "$tmp/plan.out" ||
  { cat "$tmp/plan.out"; echo "FAIL: the terminal does not name the flat first with its gain"; exit 1; }
grep -q "one more worker: .*(no clear gain)$" "$tmp/plan.out" ||
  { cat "$tmp/plan.out"; echo "FAIL: counselling is not marked as no clear gain"; exit 1; }
echo OK

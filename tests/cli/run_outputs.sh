#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `prostup run` writes every documented file with the documented columns, and the summary
# names each town. Usage: run_outputs.sh PROSTUP SOURCE_DIR
set -eu
PROSTUP=$1
SRC=$2
OUT=$(mktemp -d)/out
trap 'rm -rf "$(dirname "$OUT")"' EXIT
"$PROSTUP" run "$SRC/scenarios/jirkov.json" -o "$OUT" --replications 6 --threads 2 --quiet
for f in manifest.json outcomes.csv timeseries.csv flows.csv flows_yearly.csv flows_monthly.csv time_to_lease.csv comparison.csv equity.csv results.json report.html; do
  [ -s "$OUT/$f" ] || { echo "missing or empty: $f"; exit 1; }
done
head -1 "$OUT/outcomes.csv" | grep -qx 'town,variant,profile,cohort,metric,mean,sd,ci_low,ci_high,p05,p50,p95,replications,share_from_parameters' || { echo "bad outcomes.csv header"; head -1 "$OUT/outcomes.csv"; exit 1; }
head -1 "$OUT/timeseries.csv" | grep -qx 'town,variant,profile,month,series,mean,ci_low,ci_high' || { echo "bad timeseries.csv header"; exit 1; }
head -1 "$OUT/flows.csv" | grep -qx 'town,variant,from,to,kind,mean_per_replication' || { echo "bad flows.csv header"; exit 1; }
head -1 "$OUT/flows_yearly.csv" | grep -qx 'town,variant,profile,year,months,stage,flow,kind,from_or_to,mean_per_replication' || { echo "bad flows_yearly.csv header"; exit 1; }
grep -q '^\*,baseline,\*,5,12,street,stock_end,,,[0-9]' "$OUT/flows_yearly.csv" || { echo "no all-towns stock of the street in year 5"; exit 1; }
head -1 "$OUT/flows_monthly.csv" | grep -qx 'town,variant,profile,year,month,stage,flow,kind,from_or_to,mean_per_replication' || { echo "bad flows_monthly.csv header"; exit 1; }
grep -q '^\*,baseline,\*,5,60,street,stock_end,,,[0-9]' "$OUT/flows_monthly.csv" || { echo "no all-towns stock of the street in month 60"; exit 1; }
grep -q 'class="flows-yearly"' "$OUT/report.html" || { echo "no flows by year in the report"; exit 1; }
[ -s "$OUT/charts/flows_yearly_jirkov_baseline.svg" ] || { echo "no yearly flow chart"; exit 1; }
head -1 "$OUT/time_to_lease.csv" | grep -qx 'town,variant,profile,month,cum_incidence,ci_low,ci_high' || { echo "bad time_to_lease.csv header"; exit 1; }
head -1 "$OUT/comparison.csv" | grep -qx 'town,variant,baseline,profile,cohort,metric,diff_mean,diff_ci_low,diff_ci_high,share_better,replications,note,share_from_parameters' || { echo "bad comparison.csv header"; exit 1; }
for m in households_seen reached_lease_share stabilized_share median_months_to_lease evictions \
         returns_to_street expiries exits demotions roofless_household_months mean_waiting_months \
         cost_total cost_per_stabilized housed_share_end ever_housed_share months_housed_share \
         months_housed_share_in_need \
         retention:6 retention:12 retention:24 exits:to_own_housing exits:to_institution \
         exits:unknown lost_from_view_share months_roofless_mean months_roofless_median \
         cost_per_household; do
  grep -q "^jirkov,baseline,\*,all,$m," "$OUT/outcomes.csv" || { echo "metric $m missing"; exit 1; }
done
grep -q '^\*,baseline,\*,all,reached_lease_share,' "$OUT/outcomes.csv" || { echo "all-towns row missing"; exit 1; }
# By profile (docs/model.md, "Outcomes by profile" and "Equity"): the lease share of each of the
# scenario's four profiles, its curve, the gaps; no stage metric and no series by profile.
head -1 "$OUT/equity.csv" | grep -qx 'town,variant,figure,profile,best,worst,mean,ci_low,ci_high,replications' || { echo "bad equity.csv header"; exit 1; }
for p in family transitional episodic chronic; do
  grep -q "^jirkov,baseline,$p,all,reached_lease_share," "$OUT/outcomes.csv" || { echo "no lease share of $p"; exit 1; }
  grep -q "^jirkov,baseline,$p,60," "$OUT/time_to_lease.csv" || { echo "no time to lease of $p"; exit 1; }
  grep -q "^jirkov,baseline,roofless_share,$p," "$OUT/equity.csv" || { echo "no roofless share of $p"; exit 1; }
done
grep -q '^jirkov,baseline,lease_gap,\*,[a-z]*,[a-z]*,[0-9.]' "$OUT/equity.csv" || { echo "no lease gap"; cat "$OUT/equity.csv"; exit 1; }
if grep -q '^jirkov,baseline,family,all,occupancy_end:' "$OUT/outcomes.csv"; then echo "a stage metric by profile"; exit 1; fi
if grep -q '^jirkov,baseline,family,' "$OUT/timeseries.csv"; then echo "series by profile not asked for"; exit 1; fi
if grep -qi 'nan' "$OUT/outcomes.csv" "$OUT/timeseries.csv" "$OUT/comparison.csv" "$OUT/equity.csv"; then echo "NaN written"; exit 1; fi
# The summary (not --quiet) names the town and the output path.
"$PROSTUP" run "$SRC/scenarios/jirkov.json" -o "$OUT" --replications 4 --force --no-report --by-profile-series > "$OUT.summary"
grep -q '^jirkov,baseline,chronic,60,occupancy:' "$OUT/timeseries.csv" || { echo "--by-profile-series wrote no series by profile"; exit 1; }
grep -q "Outputs: $OUT" "$OUT.summary" || { echo "summary lacks the output path"; cat "$OUT.summary"; exit 1; }
grep -q "reached a lease" "$OUT.summary" || { echo "summary lacks headline metrics"; exit 1; }
rm -f "$OUT.summary"
# A non-empty output directory is refused without --force (exit 2).
set +e
"$PROSTUP" run "$SRC/scenarios/jirkov.json" -o "$OUT" --replications 2 --quiet 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "expected exit 2 for a non-empty output dir, got $rc"; exit 1; }
# An unknown variant is a usage error.
set +e
"$PROSTUP" run "$SRC/scenarios/jirkov.json" -o "$OUT.x" --variants nosuch --quiet 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "expected exit 2 for an unknown variant, got $rc"; exit 1; }
echo ok

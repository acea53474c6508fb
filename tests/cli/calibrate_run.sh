#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# prostup calibrate end to end on the shipped example (examples/calibration/): the same
# posterior.csv, fit.csv and calibrated.json on 1 and 2 threads; calibrated.json validates
# and runs; a signal while writing leaves nothing behind; an unmeetable target ends with
# exit 3 and a message naming it; the Litvínov example (published figures) runs a tiny
# calibration to the end. Args: $1 = prostup binary, $2 = source directory.
# Exit 77 = skipped (this prostup cannot read the example's parameter distributions).
set -u
PROSTUP=$1
SRC=$2
EX="$SRC/examples/calibration/jirkov-calibration.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }

if ! "$PROSTUP" validate --quiet "$EX" >"$TMP/validate.log" 2>&1; then
  echo "skipped: this prostup does not read the example's priors ({\"dist\": ...} values):"
  head -3 "$TMP/validate.log"
  exit 77
fi
SMALL="--particles 60 --max-simulations 2000 --quiet"

for t in 1 2; do
  "$PROSTUP" calibrate "$EX" -o "$TMP/t$t" --threads $t $SMALL --catalog "$TMP/cat.sqlite" \
    2>"$TMP/t$t.err"
  rc=$?
  [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || fail "threads $t: exit $rc: $(cat "$TMP/t$t.err")"
  for f in posterior.csv fit.csv calibrated.json manifest.json report.html; do
    [ -s "$TMP/t$t/$f" ] || fail "threads $t: no $f"
  done
done
for f in posterior.csv fit.csv calibrated.json; do
  cmp -s "$TMP/t1/$f" "$TMP/t2/$f" || fail "$f differs between 1 and 2 threads"
done
echo "ok: 1 and 2 threads give the same posterior, fit and calibrated scenario"
# Calibrations are recorded in the run catalog: each target's simulated mean and interval.
"$PROSTUP" runs --catalog "$TMP/cat.sqlite" list >"$TMP/list" || fail "runs list failed"
[ "$(grep -c ' calibrate ' "$TMP/list")" -eq 2 ] || fail "calibrations not recorded: $(cat "$TMP/list")"
"$PROSTUP" runs --catalog "$TMP/cat.sqlite" show 1 >"$TMP/show" || fail "runs show failed"
target=$(python3 -c "import csv,sys; print(next(csv.DictReader(open(sys.argv[1])))['target'])" "$TMP/t1/fit.csv")
grep -qF "    $target" "$TMP/show" || fail "runs show lacks the target '$target': $(cat "$TMP/show")"
grep -qF '"converged"' "$TMP/show" || fail "runs show lacks how the fit ended: $(cat "$TMP/show")"
head -1 "$TMP/t1/fit.csv" | grep -q '^target,observed,low,high,simulated_mean,sim_low,sim_high,within' ||
  fail "fit.csv columns: $(head -1 "$TMP/t1/fit.csv")"
"$PROSTUP" validate --quiet "$TMP/t1/calibrated.json" || fail "calibrated.json does not validate"
grep -q '"parameter_sample"' "$TMP/t1/calibrated.json" || fail "calibrated.json has no parameter_sample"
"$PROSTUP" run "$TMP/t1/calibrated.json" -o "$TMP/run" --replications 2 --quiet --no-report \
  --no-catalog || fail "prostup run calibrated.json failed"
echo "ok: calibrated.json validates and runs"

PROSTUP_TEST_SIGNAL_AT=write "$PROSTUP" calibrate "$EX" -o "$TMP/sig" $SMALL 2>"$TMP/sig.err"
rc=$?
[ "$rc" -eq 143 ] || fail "signal while writing: exit $rc, expected 143: $(cat "$TMP/sig.err")"
[ ! -e "$TMP/sig" ] || fail "signal while writing: the output directory was left"
[ -z "$(find "$TMP" -maxdepth 1 -name '.sig.tmp-*')" ] || fail "signal: temporary directory left"
echo "ok: a signal while writing leaves nothing behind"

python3 - "$EX" >"$TMP/unmeetable.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc["towns"]["jirkov"]["observed"].append(
    {"metric": "occupancy:hostel", "months": [13, 24], "value": 55, "se": 3,
     "source": "test: above the hostel's 40 places"})
json.dump(doc, sys.stdout, ensure_ascii=False)
PY
"$PROSTUP" calibrate "$TMP/unmeetable.json" -o "$TMP/unmet" $SMALL 2>"$TMP/unmet.err"
rc=$?
[ "$rc" -eq 3 ] || fail "unmeetable target: exit $rc, expected 3: $(cat "$TMP/unmet.err")"
grep -qF "cannot meet 'jirkov occupancy:hostel months 13-24'" "$TMP/unmet.err" ||
  fail "unmeetable target not named: $(cat "$TMP/unmet.err")"
echo "ok: an unmeetable target is named"

# The second shipped example, small (CI runs this under sanitizers): it validates, and 20
# particles within 60 simulations end with every output written and its three targets in fit.csv.
LV="$SRC/examples/calibration/litvinov-calibration.json"
"$PROSTUP" validate --quiet "$LV" || fail "litvinov-calibration.json does not validate"
"$PROSTUP" calibrate "$LV" -o "$TMP/lv" --particles 20 --max-simulations 60 --quiet 2>"$TMP/lv.err"
rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || fail "litvinov example: exit $rc: $(cat "$TMP/lv.err")"
for f in posterior.csv fit.csv calibrated.json manifest.json report.html; do
  [ -s "$TMP/lv/$f" ] || fail "litvinov example: no $f"
done
[ "$(grep -c '^litvinov ' "$TMP/lv/fit.csv")" -eq 3 ] ||
  fail "litvinov example: fit.csv does not list its 3 targets: $(cat "$TMP/lv/fit.csv")"
echo "ok: the Litvínov example calibrates (20 particles, 60 simulations)"
echo "ok"

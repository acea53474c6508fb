#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# prostup sweep refuses malformed --set options and invalid points with exit 2, a message
# that names the offending option or point, and no output directory; a good grid runs.
# Args: $1 = prostup binary, $2 = source directory.
set -u
PROSTUP=$1
FIX="$2/tests/fixtures/plan-one-lease.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }

# expect_error SET MESSAGE-FRAGMENT [SET2]
expect_error() {
  set_a=$1 want=$2
  shift 2
  if [ $# -gt 0 ]; then
    "$PROSTUP" sweep "$FIX" --set "$set_a" --set "$1" -o "$TMP/out" --replications 2 --quiet \
      >"$TMP/stdout" 2>"$TMP/stderr"
  else
    "$PROSTUP" sweep "$FIX" --set "$set_a" -o "$TMP/out" --replications 2 --quiet \
      >"$TMP/stdout" 2>"$TMP/stderr"
  fi
  rc=$?
  [ "$rc" -eq 2 ] || fail "--set '$set_a': exit $rc, expected 2 ($(cat "$TMP/stderr"))"
  grep -qF -- "$want" "$TMP/stderr" || fail "--set '$set_a': no '$want' in: $(cat "$TMP/stderr")"
  [ ! -e "$TMP/out" ] || fail "--set '$set_a': output directory written"
  echo "ok: $set_a -> $want"
}

L=/towns/town/capacity/lease
expect_error "towns/town/capacity/lease=0:10:5" "must start with '/'"
expect_error "/towns/town/capacity/lease~=0:10:5" "'~' must be followed by 0 or 1"
expect_error "/towns/town/capacity/leas=0:10:5" "/towns/town/capacity has no 'leas' (it has: shelter, lease)"
expect_error "/towns/nowhere/capacity/lease=0:10:5" "/towns has no 'nowhere'"
expect_error "/towns/town/label=0:10:5" "/towns/town/label is a string, not a number"
expect_error "$L=10:0:5" "FROM (10) is greater than TO (0)"
expect_error "$L=0:10:0" "STEP must be greater than 0"
expect_error "$L=0:10:-1" "STEP must be greater than 0"
expect_error "$L=0:ten:1" "TO 'ten' is not a number"
expect_error "$L=0:10" "POINTER=FROM:TO:STEP"
expect_error "$L" "no '='"
expect_error "$L=0:1000:1" "a sweep has at most 1000 points"
expect_error "$L=0:100:1" "101 x 10 = 1010 points; a sweep has at most 1000" "/towns/town/capacity/shelter=100:109:1"
expect_error "$L=-10:0:5" "point 1 ($L = -10) gives an invalid scenario"
grep -qF "$L: must be at least 0" "$TMP/stderr" || fail "the point's diagnostic is not listed"
# With several --set options the message names the one at fault.
expect_error "$L=0:10:5" "--set '/towns/town/capacity/shelterr=1:2:1'" "/towns/town/capacity/shelterr=1:2:1"
expect_error "$L=0:10:5" "already set by an earlier --set" "$L=0:4:2"
# A good sweep.
"$PROSTUP" sweep "$FIX" --set "$L=0:10:5" -o "$TMP/good" --replications 3 --quiet --no-report \
  >"$TMP/stdout" 2>"$TMP/stderr" || fail "good sweep failed: $(cat "$TMP/stderr")"
head -1 "$TMP/good/sweep.csv" | grep -qx "town,point,parameter,value,metric,mean,ci_low,ci_high" ||
  fail "sweep.csv header: $(head -1 "$TMP/good/sweep.csv")"
for f in manifest.json sweep_points.json; do [ -f "$TMP/good/$f" ] || fail "no $f"; done
# --variant: an unknown one is refused; a known one's patch is applied (more_leases doubles
# the leases, so sweeping the shelter gives other results).
S=/towns/town/capacity/shelter
"$PROSTUP" sweep "$FIX" --set "$S=100:200:100" --variant nope -o "$TMP/out" --replications 2 \
  --quiet >/dev/null 2>"$TMP/stderr"
[ $? -eq 2 ] || fail "--variant nope was not refused"
grep -qF -- "--variant 'nope': no such variant (the scenario has: more_leases)" "$TMP/stderr" ||
  fail "--variant nope: $(cat "$TMP/stderr")"
[ ! -e "$TMP/out" ] || fail "--variant nope: output directory written"
# baseline_and_variant SET DIR: the sweep without --variant into DIR, with more_leases into
# DIRmore_leases.
baseline_and_variant() {
  for v in "" more_leases; do
    "$PROSTUP" sweep "$FIX" --set "$1" ${v:+--variant "$v"} -o "$2$v" --replications 3 \
      --quiet --no-report >/dev/null 2>"$TMP/stderr" ||
      fail "sweep --set '$1' --variant '$v' failed: $(cat "$TMP/stderr")"
  done
}
baseline_and_variant "$S=100:200:100" "$TMP/v"
grep -q '"variant": "more_leases"' "$TMP/vmore_leases/manifest.json" ||
  fail "the sweep's manifest does not record its variant"
grep -q '"variant": "baseline"' "$TMP/v/manifest.json" || fail "baseline sweep's manifest"
! cmp -s "$TMP/v/sweep.csv" "$TMP/vmore_leases/sweep.csv" ||
  fail "sweep --variant more_leases gave the baseline's results"
[ ! -e "$TMP/v/report.html" ] || fail "--no-report drew a report"
# The --set value wins over the variant's own value of the same parameter: sweeping the leases
# under more_leases gives the baseline's sweep of the leases (same seed, same values).
baseline_and_variant "$L=5:10:5" "$TMP/l"
cmp -s "$TMP/l/sweep.csv" "$TMP/lmore_leases/sweep.csv" ||
  fail "under --variant the --set value did not replace the variant's value"
# An existing non-empty directory is refused without --force.
"$PROSTUP" sweep "$FIX" --set "$L=0:10:5" -o "$TMP/good" --replications 3 --quiet >/dev/null 2>&1
[ $? -eq 2 ] || fail "a non-empty output directory was not refused"
echo "PASS"

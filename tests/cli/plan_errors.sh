#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# prostup plan refuses malformed --vary/--target options, unknown metrics, towns and
# variants with exit 2 and a clear message, writing nothing; a good plan prints its answer.
# Args: $1 = prostup binary, $2 = source directory.
set -u
PROSTUP=$1
FIX="$2/tests/fixtures/plan-one-lease.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }

L=/towns/town/capacity/lease
# expect_error VARY TARGET MESSAGE-FRAGMENT [more plan options]
expect_error() {
  vary=$1 target=$2 want=$3
  shift 3
  "$PROSTUP" plan "$FIX" --vary "$vary" --target "$target" -o "$TMP/out" --replications 4 \
    --quiet "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
  [ "$rc" -eq 2 ] || fail "--vary '$vary' --target '$target' $*: exit $rc, expected 2 ($(cat "$TMP/stderr"))"
  grep -qF -- "$want" "$TMP/stderr" || fail "no '$want' in: $(cat "$TMP/stderr")"
  [ ! -e "$TMP/out" ] || fail "--vary '$vary' --target '$target': output directory written"
  echo "ok: $vary $target $* -> $want"
}

G="reached_lease_share>=0.5"
expect_error "towns/town/capacity/lease=0:10" "$G" "must start with '/'"
expect_error "/towns/town/capacity/leas=0:10" "$G" "/towns/town/capacity has no 'leas'"
expect_error "$L=10:0" "$G" "LO (10) is greater than HI (0)"
expect_error "$L=0:2.5" "$G" "HI '2.5' is not a whole number"
expect_error "$L=0:x" "$G" "HI 'x' is not a number"
expect_error "$L=0:10:1" "$G" "POINTER=LO:HI"
expect_error "$L=-3:10" "$G" "$L = -3 gives an invalid scenario"
expect_error "$L=0:10" "reached_lease_share>0.5" "only >= and <= are supported"
expect_error "$L=0:10" "reached_lease_share 0.5" "no comparison"
expect_error "$L=0:10" ">=0.5" "no metric before '>='"
expect_error "$L=0:10" "reached_lease_share>=half" "'half' is not a number"
expect_error "$L=0:10" "reached_lease_shar>=0.5" "no metric 'reached_lease_shar' (did you mean: reached_lease_share"
expect_error "$L=0:10" "$G" "--town 'nowhere': no such town (the scenario has: town" --town nowhere
expect_error "$L=0:10" "$G" "--variant 'nope': no such variant (the scenario has: more_leases)" --variant nope
expect_error "/variants/more_leases/patch/towns/town/capacity/lease=0:10" "$G" "points into /variants"

# A good plan: the answer on stdout, plan.json and manifest.json written.
"$PROSTUP" plan "$FIX" --vary "$L=0:40" --target "reached_lease_share>=30%" -o "$TMP/good" \
  --replications 10 --quiet >"$TMP/stdout" 2>"$TMP/stderr" || fail "good plan failed: $(cat "$TMP/stderr")"
grep -q "^Answer: [0-9]" "$TMP/stdout" || fail "no answer line in: $(cat "$TMP/stdout")"
for f in plan.json manifest.json report.html charts/plan.svg; do
  [ -f "$TMP/good/$f" ] || fail "no $f"
done
# --no-report: the same plan without the charts and report.
"$PROSTUP" plan "$FIX" --vary "$L=0:40" --target "reached_lease_share>=30%" -o "$TMP/bare" \
  --replications 10 --quiet --no-report >"$TMP/stdout2" 2>"$TMP/stderr" ||
  fail "plan --no-report failed: $(cat "$TMP/stderr")"
[ -f "$TMP/bare/plan.json" ] || fail "--no-report: no plan.json"
[ ! -e "$TMP/bare/report.html" ] && [ ! -e "$TMP/bare/charts" ] || fail "--no-report drew a report"
[ "$(grep '^Answer' "$TMP/stdout")" = "$(grep '^Answer' "$TMP/stdout2")" ] ||
  fail "--no-report changed the answer"
echo "PASS"

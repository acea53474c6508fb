#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# A folder per run (docs/reliability.md, "A folder per run"): without -o, two runs of the same
# scenario both succeed without --force, each in its own prostup-out/NAME/RUN-ID (the second
# in the same second takes the next name), latest points at the second, and the catalog's two
# entries name their own folders, whose files stay as their run wrote them. Runs started at
# once get their own folders too; a `latest` of the user's is left alone; sweep and plan do
# the same under NAME-sweep and NAME-plan. Args: $1 = prostup binary, $2 = source directory.
set -u
PROSTUP=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: the test works in a folder of its own
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
cp "$SRC/tests/fixtures/small.json" "$TMP/small.json"
cd "$TMP" || exit 1
CAT="$TMP/catalog.sqlite"
ID='^[0-9]{8}-[0-9]{6}(-[0-9]{2})?$'
run() { "$PROSTUP" run small.json --replications 2 --months 12 --threads 1 --quiet --no-report "$@"; }

run --seed 1 --catalog "$CAT" || fail "the first run failed"
run --seed 2 --catalog "$CAT" || fail "the second run of the same scenario failed (exit $?)"
base=prostup-out/small-ladder
ids=$(ls "$base" | grep -E "$ID")
[ "$(echo "$ids" | wc -l)" -eq 2 ] || fail "expected two run folders in $base: $(ls -a "$base")"
first=$(echo "$ids" | head -n 1)
second=$(echo "$ids" | tail -n 1)
[ -L "$base/latest" ] || fail "$base/latest is not a symbolic link"
[ "$(readlink "$base/latest")" = "$second" ] || fail "latest -> $(readlink "$base/latest"), not $second"
grep -q '"seed": 1,' "$base/$first/manifest.json" || fail "the first folder's files changed"
grep -q '"seed": 2,' "$base/latest/manifest.json" || fail "latest is not the second run"
ls -a "$base" | grep -qv -E "$ID|^latest$|^\.\.?$" && fail "leftovers in $base: $(ls -a "$base")"
for n in 1 2; do
  "$PROSTUP" runs --catalog "$CAT" show $n >"$TMP/show$n" || fail "runs show $n failed"
done
grep -qF "output:       $TMP/$base/$first" "$TMP/show1" || fail "run 1 is not recorded at $first: $(cat "$TMP/show1")"
grep -qF "output:       $TMP/$base/$second" "$TMP/show2" || fail "run 2 is not recorded at $second: $(cat "$TMP/show2")"

# Started at once, without a catalog: each gets a folder of its own.
run --seed 3 --no-catalog &
p1=$!
run --seed 4 --no-catalog &
p2=$!
wait $p1 || fail "a concurrent run failed"
wait $p2 || fail "a concurrent run failed"
[ "$(ls "$base" | grep -cE "$ID")" -eq 4 ] || fail "expected four run folders: $(ls "$base")"

# A `latest` that is the user's own folder is left alone; the run succeeds.
mkdir -p prostup-out/other/latest
echo keep >prostup-out/other/latest/mine.txt
sed 's/"name": "small-ladder"/"name": "other"/' small.json >other.json
"$PROSTUP" run other.json --replications 2 --months 12 --threads 1 --quiet --no-report \
  --no-catalog 2>"$TMP/err" || fail "a run beside a user's latest folder failed"
grep -q "is not a symbolic link" "$TMP/err" || fail "no note about the user's latest: $(cat "$TMP/err")"
[ "$(cat prostup-out/other/latest/mine.txt)" = keep ] || fail "the user's latest was touched"

# sweep and plan: their own folders under NAME-sweep and NAME-plan, latest the newest.
for k in 1 2; do
  "$PROSTUP" sweep small.json --set /towns/jirkov/capacity/shelter=10:12:2 --replications 2 \
    --months 12 --threads 1 --quiet --no-report --no-catalog >/dev/null || fail "sweep $k failed"
done
[ "$(ls prostup-out/small-ladder-sweep | grep -cE "$ID")" -eq 2 ] || fail "sweep folders: $(ls prostup-out/small-ladder-sweep)"
[ -f prostup-out/small-ladder-sweep/latest/sweep.csv ] || fail "no sweep.csv in the sweep's latest"
"$PROSTUP" plan small.json --vary /towns/jirkov/capacity/shelter=10:11 --target 'reached_lease_share>=1%' \
  --town jirkov --replications 2 --months 12 --threads 1 --quiet --no-report --no-catalog >"$TMP/plan" \
  || fail "plan failed"
grep -qE "Written to prostup-out/small-ladder-plan/[0-9]{8}-[0-9]{6}(-[0-9]{2})?/" "$TMP/plan" \
  || fail "plan does not name its run folder: $(cat "$TMP/plan")"
[ -f prostup-out/small-ladder-plan/latest/plan.json ] || fail "no plan.json in the plan's latest"
echo "ok"

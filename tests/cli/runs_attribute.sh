#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `prostup runs diff A B --attribute` (docs/catalog.md, "Which change moved the answer"): two
# runs at one seed whose scenarios differ in two inputs with known effects. A stage's label
# (the engine never reads it) explains exactly 0 of every headline's change; Jirkov's 10 more
# leases, re-simulated alone and paired with run A, explain the whole of it (B differs from
# A by nothing else), so the remainder is 0. Also: what it will run is said first, and
# --attribute of a sweep is refused (exit 2). Args: $1 = prostup binary, $2 = source.
set -u
PROSTUP=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
CAT="$TMP/catalog.sqlite"
FIX="$SRC/tests/fixtures/small.json"
sed -e 's|"lease": 30},|"lease": 40},|' \
  -e 's|"label": "Azylový dům", "kind"|"label": "Azylový dům (nový název)", "kind"|' \
  "$FIX" >"$TMP/b.json"
[ "$(diff "$FIX" "$TMP/b.json" | grep -c '^>')" -eq 2 ] || fail "the two edits did not apply"
run() {
  "$PROSTUP" run "$1" -o "$TMP/$2" --seed 5 --replications 6 --months 24 --threads 1 --quiet \
    --no-report --catalog "$CAT" || fail "run $2 failed"
}
run "$FIX" a
run "$TMP/b.json" b

"$PROSTUP" runs --catalog "$CAT" diff 1 2 --attribute --threads 1 >"$TMP/out" 2>"$TMP/err" \
  || fail "runs diff --attribute failed: $(cat "$TMP/err")"
grep -qF "3 simulations of run 1's scenario (as recorded, then with each changed input alone: 2 of 2 change the model)" "$TMP/err" || fail "it does not say what it runs: $(cat "$TMP/err")"
grep -qF "seed 5, 6 replications, 24 months" "$TMP/err" || fail "not the runs' own settings: $(cat "$TMP/err")"
for want in "Which change moved the answer" "/stages/shelter/label" "/towns/jirkov/capacity/lease" \
  "remainder (interactions, noise)"; do
  grep -qF -- "$want" "$TMP/out" || fail "the attribution lacks '$want': $(cat "$TMP/out")"
done

"$PROSTUP" runs --catalog "$CAT" diff 1 2 --attribute --threads 1 --json >"$TMP/out.json" \
  2>/dev/null || fail "runs diff --attribute --json failed"
python3 - "$TMP/out.json" <<'PY' || fail "the attribution is not what the two inputs explain"
import json, sys
d = json.load(open(sys.argv[1]))
at = d["attribution"]
assert at["inputs"] == ["/stages/shelter/label", "/towns/jirkov/capacity/lease"], at["inputs"]
assert at["base_reproduced"] is True, "run 1 simulated again is not run 1"
moved = 0
for row in at["outcomes"]:
    label, lease = row["inputs"]
    if row["change"] is None:  # undefined in a run (a median never reached): nothing to explain
        assert lease["share"] is None and row["remainder"] is None, row
        continue
    assert label["explained"] == 0 and label["ci_low"] == 0 and label["ci_high"] == 0, row
    change = row["change"]
    # The catalog keeps each mean as outcomes.csv writes it (shortest round trip of the
    # double): the re-simulated paired difference equals the recorded change to rounding.
    tol = 1e-9 * max(1.0, abs(change))
    assert abs(lease["explained"] - change) <= tol, row
    assert abs(row["remainder"]) <= tol, row
    if change != 0:
        moved += 1
        assert abs(lease["share"] - 1) <= 1e-9 and label["share"] == 0, row
assert moved >= 3, "too few headline outcomes moved for a test: %d" % moved
PY

# --attribute compares runs of `prostup run`.
"$PROSTUP" sweep "$FIX" --set /towns/jirkov/capacity/shelter=10:12:2 -o "$TMP/s" --replications 2 \
  --months 12 --threads 1 --quiet --no-report --catalog "$CAT" >/dev/null || fail "sweep failed"
"$PROSTUP" runs --catalog "$CAT" diff 1 3 --attribute >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] || fail "--attribute of a sweep did not exit 2"
grep -qF "compares two runs of \`prostup run\`" "$TMP/err" || fail "no reason given: $(cat "$TMP/err")"
echo "ok"

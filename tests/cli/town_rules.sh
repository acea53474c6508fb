#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# One town, one file (issue 24): scenarios/default.json's Jirkov runs jirkov.json's Jirkov
# exactly, its own rules (towns.jirkov.rules) included. With the same seed, the parameters at
# their means and the same replications, Jirkov's baseline rows of outcomes.csv from the five
# towns of default.json and from jirkov.json alone are identical, to the last digit (the
# default's three more rows are of its Housing First case management, which Jirkov does not
# staff: 0); and another town of default.json is not changed by Jirkov's rules (its rows equal
# a run of default.json without them), while Jirkov is.
# Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed"; exit 77; }

run() {  # $1 = scenario file, $2 = output name
  "$PROSTUP" run "$1" --seed 424242 --replications 6 --fixed-parameters --variants "" \
    --no-report --no-catalog --quiet -o "$TMP/$2" >"$TMP/$2.log" 2>&1 ||
    fail "run $1: $(cat "$TMP/$2.log")"
}
# The baseline rows of one town, without the town column (every other column compared).
rows() {  # $1 = output name, $2 = town id
  python3 - "$TMP/$1/outcomes.csv" "$2" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    r = csv.DictReader(f)
    out = [{k: v for k, v in row.items() if k != "town"} for row in r
           if row["town"] == sys.argv[2] and row["variant"] == "baseline"]
if not out:
    sys.exit("no baseline rows of town " + sys.argv[2] + " in " + sys.argv[1])
for row in out:
    print(",".join(k + "=" + v for k, v in row.items()))
PY
}

run "$SRC/scenarios/default.json" default
run "$SRC/scenarios/jirkov.json" alone
rows default jirkov >"$TMP/default.rows" || fail "default.json: $(cat "$TMP/default.rows")"
rows alone jirkov >"$TMP/alone.rows" || fail "jirkov.json: $(cat "$TMP/alone.rows")"
[ "$(wc -l <"$TMP/alone.rows")" -gt 200 ] || fail "too few rows: $(wc -l <"$TMP/alone.rows")"
grep -q ',cohort=all,metric=cost_total,' "$TMP/alone.rows" || fail "no cost row"
# Every row of jirkov.json's Jirkov is in default.json's, equal; default.json has rows of its
# own only for a service jirkov.json lacks (housing_first_cm, unstaffed in Jirkov: all 0).
python3 - "$TMP/default.rows" "$TMP/alone.rows" <<'PY' || fail "default.json's Jirkov differs from jirkov.json's"
import sys
default = open(sys.argv[1], encoding="utf-8").read().splitlines()
alone = open(sys.argv[2], encoding="utf-8").read().splitlines()
missing = [r for r in alone if r not in default]
for r in missing[:10]:
    print("jirkov.json's row not in default.json's:", r)
extra = [r for r in default if r not in alone]
bad = [r for r in extra if "housing_first_cm" not in r or
       any(f.split("=")[0] in ("mean", "sd", "ci_low", "ci_high") and f.split("=")[1] != "0"
           for f in r.split(","))]
for r in bad[:10]:
    print("default.json's row not in jirkov.json's:", r)
if len(extra) != 3:
    print("expected 3 rows of housing_first_cm, got", len(extra))
sys.exit(1 if missing or bad or len(extra) != 3 else 0)
PY

# Without Jirkov's rules (the default's file with towns.jirkov.rules removed), Jirkov differs
# (the rules matter) and Most does not (they are Jirkov's only).
python3 - "$SRC/scenarios/default.json" "$TMP/common.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
del doc["towns"]["jirkov"]["rules"]
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
run "$TMP/common.json" common
rows common jirkov >"$TMP/common.rows" || fail "common: $(cat "$TMP/common.rows")"
cmp -s "$TMP/common.rows" "$TMP/alone.rows" && fail "Jirkov's rules changed nothing"
rows default most >"$TMP/most.rows" && rows common most >"$TMP/most-common.rows" ||
  fail "no rows of most"
cmp -s "$TMP/most.rows" "$TMP/most-common.rows" || fail "Jirkov's rules changed Most's results"
echo "ok: default.json's Jirkov = jirkov.json's ($(wc -l <"$TMP/alone.rows") baseline rows)"

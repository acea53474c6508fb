#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The run catalog from the command line (docs/catalog.md): run, sweep and plan record
# themselves (--catalog, $PROSTUP_CATALOG, --no-catalog); `runs list/show/diff` print what
# was recorded; two runs finishing at once are both recorded; a damaged catalog gives a
# warning and keeps the run's output and exit code. Args: $1 = prostup binary, $2 = source.
set -u
PROSTUP=$1
SRC=$2
FIX="$SRC/tests/fixtures/small.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
CAT="$TMP/c/catalog.sqlite"
run() {  # run OUT [options]
  out=$1
  shift
  "$PROSTUP" run "$FIX" -o "$TMP/$out" --replications 3 --months 12 --threads 1 --quiet \
    --no-report "$@"
}

# Recorded under --catalog, with what `runs show` prints.
run a --seed 1 --catalog "$CAT" || fail "run a failed"
[ -f "$CAT" ] || fail "no catalog at $CAT"
"$PROSTUP" runs --catalog "$CAT" show 1 >"$TMP/show" || fail "runs show 1 failed"
for want in "Run 1: prostup run" "scenario:     small-ladder ($FIX)" "seed:         1" \
  "replications: 3" "output:       $TMP/a" "reached_lease_share" "jirkov, baseline"; do
  grep -qF "$want" "$TMP/show" || fail "runs show lacks '$want': $(cat "$TMP/show")"
done
sha=$(sha256sum "$FIX" | cut -c1-64)
grep -qF "sha256:       $sha" "$TMP/show" || fail "runs show has not the file's SHA-256"

# $PROSTUP_CATALOG names the catalog when --catalog is not given; --no-catalog skips it.
sed 's|"capacity": {"shelter": 15,|"capacity": {"shelter": 16,|' "$FIX" >"$TMP/changed.json"
PROSTUP_CATALOG="$CAT" "$PROSTUP" run "$TMP/changed.json" -o "$TMP/b" --replications 3 \
  --months 12 --threads 1 --quiet --no-report --seed 2 || fail "run b failed"
run nc --seed 3 --catalog "$CAT" --no-catalog || fail "run with --no-catalog failed"
PROSTUP_CATALOG="$CAT" "$PROSTUP" runs list >"$TMP/list" || fail "runs list failed"
[ "$(grep -c ' run ' "$TMP/list")" -eq 2 ] || fail "expected 2 runs listed: $(cat "$TMP/list")"
grep -qF "$TMP/nc" "$TMP/list" && fail "--no-catalog was recorded"
"$PROSTUP" runs list --scenario nosuch --catalog "$CAT" | grep -q "No runs recorded" \
  || fail "runs list --scenario does not filter"

# runs diff: the scenario change as written by pointer, the settings, both intervals per town
# with the mark against them (two towns: each, then all towns, "*").
"$PROSTUP" runs --catalog "$CAT" diff 1 2 >"$TMP/diff" || fail "runs diff failed"
for want in "Scenario as written" "changed  /towns/jirkov/capacity/shelter: 15 -> 16" \
  "seed: 1 -> 2" "Headline outcomes and total cost (mean [95 % CI], run 1 -> run 2" \
  "  jirkov, baseline" "  *, baseline" "    cost_total"; do
  grep -qF "$want" "$TMP/diff" || fail "runs diff lacks '$want': $(cat "$TMP/diff")"
done
grep -qE '^    reached_lease_share +[0-9.]+ % \[.*\] -> [0-9.]+ % \[.*\]  \([+-][0-9.]+ pp\) (▲|▼|=)$' \
  "$TMP/diff" || fail "runs diff shows no interval -> interval line: $(cat "$TMP/diff")"
"$PROSTUP" runs --catalog "$CAT" diff 1 2 --json >"$TMP/diff.json" || fail "runs diff --json failed"
python3 - "$TMP/diff.json" <<'PY' || fail "runs diff --json: $(cat "$TMP/diff.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["runs"] == [1, 2]
assert {"pointer": "/towns/jirkov/capacity/shelter", "before": 15, "after": 16} in d["scenario"]["changes"]
assert {"name": "seed", "before": "1", "after": "2"} in d["settings"]
rows = [o for o in d["outcomes"] if o["metric"] == "reached_lease_share" and o["variant"] == "baseline"]
assert rows and all(o["mark"] in ("▲", "▼", "=") for o in rows), rows
PY
"$PROSTUP" runs --catalog "$CAT" show 99 2>"$TMP/err" && fail "runs show 99 succeeded"
grep -q "no run 99" "$TMP/err" || fail "runs show 99: $(cat "$TMP/err")"
"$PROSTUP" runs --catalog "$TMP/none.sqlite" list 2>"$TMP/err" && fail "a missing catalog was listed"
grep -q "no catalog at" "$TMP/err" || fail "missing catalog: $(cat "$TMP/err")"
[ -e "$TMP/none.sqlite" ] && fail "runs list created a catalog"

# Sweep and plan record themselves too.
"$PROSTUP" sweep "$FIX" --set /towns/jirkov/capacity/lease=20:30:10 -o "$TMP/s" --months 12 \
  --replications 2 --threads 1 --quiet --no-report --catalog "$CAT" || fail "sweep failed"
"$PROSTUP" runs --catalog "$CAT" show 3 >"$TMP/show" || fail "runs show 3 failed"
grep -qF "Run 3: prostup sweep" "$TMP/show" || fail "sweep not recorded: $(cat "$TMP/show")"
grep -qF "jirkov, baseline (point 2)" "$TMP/show" || fail "sweep points not recorded"

# Two runs finishing at the same time are both recorded.
run p1 --seed 11 --catalog "$CAT" &
p1=$!
run p2 --seed 12 --catalog "$CAT" &
p2=$!
wait $p1 || fail "parallel run 1 failed"
wait $p2 || fail "parallel run 2 failed"
"$PROSTUP" runs --catalog "$CAT" list >"$TMP/list"
grep -qF "$TMP/p1" "$TMP/list" && grep -qF "$TMP/p2" "$TMP/list" \
  || fail "not both parallel runs recorded: $(cat "$TMP/list")"

# A damaged catalog: a warning, the output complete, exit 0.
head -c 8192 /dev/urandom >"$TMP/bad.sqlite"
run d --catalog "$TMP/bad.sqlite" 2>"$TMP/err" || fail "a damaged catalog failed the run"
grep -q "warning: not recorded in the catalog $TMP/bad.sqlite" "$TMP/err" \
  || fail "no warning for a damaged catalog: $(cat "$TMP/err")"
[ -s "$TMP/d/outcomes.csv" ] || fail "the run's output is missing after a damaged catalog"
echo ok

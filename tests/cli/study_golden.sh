#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Pins what the commands compute, not only what the engine does: a small run under input
# uncertainty (outcomes.csv, comparison.csv, equity.csv, results.json without the run
# record's timing fields), a sweep (sweep.csv) and a plan (its answer and plan.csv), as
# readable text files in tests/golden/study/. Any change to a figure shows as a line diff.
# A deliberate change updates them: PROSTUP_UPDATE_GOLDEN=1 ctest -R study_golden, then
# review `git diff tests/golden/study` and say why in the commit message.
# Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
prostup=$1
src=$2
gold="$src/tests/golden/study"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed to strip the run record"; exit 77; }
if [ -n "${PROSTUP_SANITIZE:-}" ]; then
  # The figures do not depend on the build; the Release suite checks them.
  echo "SKIP: pinned figures are checked in the Release suite (sanitizer build)"
  exit 77
fi
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
scen="$src/scenarios/jirkov.json"
# Under input uncertainty (the scenario's distributions): 4 parameter sets x 2 replications.
"$prostup" run "$scen" --replications 8 --months 24 --seed 7 --threads 2 --quiet --no-report \
  --no-catalog -o "$tmp/run" >"$tmp/run.out" 2>&1 || fail "run exited $?: $(cat "$tmp/run.out")"
"$prostup" sweep "$scen" --set /towns/jirkov/capacity/training_flat=4:12:8 --replications 4 \
  --months 24 --seed 7 --threads 2 --no-report --no-catalog -o "$tmp/sweep" \
  >"$tmp/sweep.out" 2>&1 || fail "sweep exited $?: $(cat "$tmp/sweep.out")"
"$prostup" plan "$scen" --vary /towns/jirkov/capacity/lease=20:60 \
  --target 'reached_lease_share>=10%' --town jirkov --replications 4 --months 24 --seed 7 \
  --threads 2 --no-report --no-catalog -o "$tmp/plan" >"$tmp/plan.out" 2>&1 ||
  fail "plan exited $?: $(cat "$tmp/plan.out")"

# results.json without the run record's timing and thread fields, keys sorted, and without
# the tables that outcomes.csv, comparison.csv, equity.csv and budget.csv already pin.
python3 -c '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
for k in ("results", "comparisons", "by_profile", "profile_comparisons", "equity", "budget"):
    doc.pop(k, None)
m = doc.get("manifest", {})
for k in ("started_at", "simulate_seconds", "wall_seconds", "threads", "program_version"):
    m.pop(k, None)
m.get("scenario", {}).pop("path", None)  # where this checkout is
print(json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=1))
' "$tmp/run/results.json" >"$tmp/run/results.stable.json" || fail "results.json is not JSON"

mkdir -p "$tmp/actual"
cp "$tmp/run/outcomes.csv" "$tmp/actual/run_outcomes.csv"
cp "$tmp/run/comparison.csv" "$tmp/actual/run_comparison.csv"
cp "$tmp/run/equity.csv" "$tmp/actual/run_equity.csv"
cp "$tmp/run/budget.csv" "$tmp/actual/run_budget.csv"
cp "$tmp/run/results.stable.json" "$tmp/actual/run_results.json"
cp "$tmp/sweep/sweep.csv" "$tmp/actual/sweep.csv"
for f in "$tmp"/plan/*.csv; do [ -e "$f" ] || continue; cp "$f" "$tmp/actual/plan_$(basename "$f")"; done
# The plan's printed answer, without the output path line.
grep -v -e "$tmp" "$tmp/plan.out" >"$tmp/actual/plan_answer.txt"

if [ "${PROSTUP_UPDATE_GOLDEN:-0}" = 1 ]; then
  rm -f "$gold"/*
  cp "$tmp"/actual/* "$gold"/
  echo "updated $(ls "$gold" | wc -l) files in tests/golden/study: review git diff and say why in the commit"
  exit "$failures"
fi
for f in "$tmp"/actual/*; do
  name=$(basename "$f")
  if [ ! -f "$gold/$name" ]; then
    fail "$name: no golden file (PROSTUP_UPDATE_GOLDEN=1 ctest -R study_golden)"
  elif ! cmp -s "$gold/$name" "$f"; then
    fail "$name differs from tests/golden/study/$name (first 40 lines of the diff):"
    diff -u "$gold/$name" "$f" | head -40
  fi
done
for g in "$gold"/*; do
  [ -e "$g" ] || continue
  [ -f "$tmp/actual/$(basename "$g")" ] || fail "$(basename "$g") is pinned but no longer written"
done
[ "$failures" -eq 0 ] || echo "if the change is intended: PROSTUP_UPDATE_GOLDEN=1 ctest -R study_golden, review git diff tests/golden/study, say why in the commit"
exit "$failures"

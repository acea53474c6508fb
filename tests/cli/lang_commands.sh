#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `--lang cs` beyond `run`: describe, sweep and plan answer in Czech (their report too), the
# full listing of `run --verbose` reads in Czech, and a scenario that says "language": "cs"
# gets Czech without --lang (which still overrides it). The English texts stay as they were.
# Args: $1 = prostup binary, $2 = source directory.
set -u
prostup=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
scen="$src/scenarios/jirkov.json"
common="--replications 2 --months 12 --seed 3 --no-catalog"

"$prostup" describe "$scen" --lang cs >"$tmp/describe.cs" || fail "describe --lang cs exited $?"
grep -q "^Žebřík, od nejvyššího stupně$" "$tmp/describe.cs" || fail "describe: no Czech ladder heading"
grep -q "^Podpůrné služby$" "$tmp/describe.cs" || fail "describe: no Czech services heading"
grep -Eq "Kč za obsazenou jednotku a měsíc" "$tmp/describe.cs" || fail "describe: no Czech stage cost"
grep -Eq "The ladder|Support services|per occupied unit|newcomers go to" "$tmp/describe.cs" &&
  fail "describe --lang cs: English words"
"$prostup" describe "$scen" >"$tmp/describe.en" || fail "describe exited $?"
grep -q "^The ladder, top rung first$" "$tmp/describe.en" || fail "describe: the default is not English"

# shellcheck disable=SC2086
"$prostup" sweep "$scen" --set /towns/jirkov/capacity/training_flat=4:12:8 $common --lang cs \
  -o "$tmp/sweep" >"$tmp/sweep.out" 2>"$tmp/sweep.err" || fail "sweep --lang cs exited $?: $(cat "$tmp/sweep.err")"
grep -q "^Citlivost na parametr: 2 body, každý s 2 replikacemi" "$tmp/sweep.out" || fail "sweep: no Czech header"
grep -Eq "^ +bod +4 +12$" "$tmp/sweep.out" || fail "sweep: no Czech table header"
grep -Eq "^ +získali nájem +[0-9]+,[0-9] % +[0-9]+,[0-9] %$" "$tmp/sweep.out" ||
  fail "sweep: no Czech row with a decimal comma"
grep -Eq "Sweep of|Headline outcomes|Written to|reached a lease" "$tmp/sweep.out" && fail "sweep --lang cs: English words"
grep -q '<html lang="cs">' "$tmp/sweep/report.html" || fail "sweep: report.html is not Czech"
grep -q 'Tréninkový byt (nájem na 12 měsíců): počet míst (Jirkov)' "$tmp/sweep/charts/"sweep_*reached_lease_share.svg ||
  fail "sweep: the chart does not name the setting in Czech"

# shellcheck disable=SC2086
"$prostup" plan "$scen" --vary /towns/jirkov/capacity/training_flat=0:4 --target 'reached_lease_share>=90%' \
  --town jirkov $common --lang cs -o "$tmp/plan" >"$tmp/plan.out" 2>"$tmp/plan.err" ||
  fail "plan --lang cs exited $?: $(cat "$tmp/plan.err")"
grep -q "^Cíl nesplňuje žádná hodnota v rozsahu 0..4." "$tmp/plan.out" || fail "plan: no Czech 'no value' line"
grep -q "^  Omezující kapacity při 4 " "$tmp/plan.out" || fail "plan: no Czech binding heading"
grep -Eq "^    .*: poptávka [0-9]+ na [0-9]+ míst od [0-9]+\. měsíce$" "$tmp/plan.out" ||
  fail "plan: no Czech binding line"
grep -Eq "Target:|No value|Binding at|Written to" "$tmp/plan.out" && fail "plan --lang cs: English words"
grep -q '<html lang="cs">' "$tmp/plan/report.html" || fail "plan: report.html is not Czech"

# shellcheck disable=SC2086
"$prostup" run "$scen" $common --no-report --verbose --lang cs -o "$tmp/verbose" >"$tmp/verbose.out" 2>&1 ||
  fail "run --verbose --lang cs exited $?"
grep -q "minus výchozí stav (párově" "$tmp/verbose.out" || fail "verbose: no Czech comparison heading"
grep -Eq "^    získali nájem +[-+][0-9]+,[0-9] p\. b\. \[" "$tmp/verbose.out" || fail "verbose: no Czech share difference"
grep -q "^Výstupy: " "$tmp/verbose.out" || fail "verbose: no Czech outputs line"
grep -Eq "minus baseline|Outputs:|not distinguishable" "$tmp/verbose.out" && fail "verbose --lang cs: English words"

# "language": "cs" in the scenario: Czech by default, --lang en overrides.
sed 's/^  "name": "jirkov",$/  "name": "jirkov",\n  "language": "cs",/' "$scen" >"$tmp/jirkov-cs.json"
grep -q '"language": "cs"' "$tmp/jirkov-cs.json" || fail "could not write the Czech scenario"
"$prostup" describe "$tmp/jirkov-cs.json" | grep -q "^Žebřík, od nejvyššího stupně$" ||
  fail "describe of a Czech scenario is not Czech"
"$prostup" describe "$tmp/jirkov-cs.json" --lang en | grep -q "^The ladder, top rung first$" ||
  fail "--lang en does not override the scenario's language"
# shellcheck disable=SC2086
"$prostup" run "$tmp/jirkov-cs.json" $common -o "$tmp/run-cs" >"$tmp/run-cs.out" 2>&1 ||
  fail "run of a Czech scenario exited $?"
grep -q "^Každá varianta proti výchozímu stavu" "$tmp/run-cs.out" || fail "run of a Czech scenario is not Czech"
sed 's/^  "name": "jirkov",$/  "name": "jirkov",\n  "language": "de",/' "$scen" >"$tmp/jirkov-de.json"
"$prostup" validate "$tmp/jirkov-de.json" >"$tmp/de.out" 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "\"language\": \"de\" validated with exit $rc, not 2"
grep -q "/language" "$tmp/de.out" || fail "the error does not point at /language: $(cat "$tmp/de.out")"
[ "$failures" -eq 0 ] || { cat "$tmp/sweep.out" "$tmp/plan.out" "$tmp/verbose.out"; exit 1; }
echo "OK: describe, sweep, plan and --verbose in Czech; the scenario's language"

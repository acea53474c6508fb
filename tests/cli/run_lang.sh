#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `--lang cs`: the terminal answer of `prostup run` and report.html in Czech (the catalogues
# themselves: tests/test_strings.cpp), CSV files unchanged by it, `prostup report --lang` redraws
# in the language asked (without --lang: the run's own, kept in manifest.json), and an unknown
# language is refused with exit 2.
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
common="--replications 2 --months 12 --seed 3 --no-catalog"
# shellcheck disable=SC2086
"$prostup" run "$src/scenarios/jirkov.json" $common --lang cs -o "$tmp/cs" >"$tmp/answer" 2>"$tmp/err" ||
  { cat "$tmp/err"; echo "FAIL: run --lang cs exited $?"; exit 1; }
grep -q "^Každá varianta proti výchozímu stavu" "$tmp/answer" || fail "no Czech marker key"
grep -q "^Jirkov (výchozí stav: podíl měsíců v bydlení (potřební) [0-9]*,[0-9] %" "$tmp/answer" ||
  fail "no Czech town line with a decimal comma"
grep -qx "Zpráva: $tmp/cs/report.html" "$tmp/answer" || fail "no 'Zpráva: PATH' line"
grep -Eq "Report:|baseline|better|worse|months" "$tmp/answer" && fail "English words in the Czech answer"
grep -q '<html lang="cs">' "$tmp/cs/report.html" || fail "report.html is not marked Czech"
grep -q '<h2>Odpověď</h2>' "$tmp/cs/report.html" || fail "report.html has no Czech summary heading"
# The files for programs do not change with the language.
# shellcheck disable=SC2086
"$prostup" run "$src/scenarios/jirkov.json" $common --quiet -o "$tmp/en" ||
  fail "run (English) exited $?"
cmp -s "$tmp/cs/outcomes.csv" "$tmp/en/outcomes.csv" || fail "outcomes.csv differs between languages"
grep -q '<html lang="en">' "$tmp/en/report.html" || fail "the default report is not English"
"$prostup" report "$tmp/en" --lang cs >/dev/null || fail "report --lang cs exited $?"
grep -q '<h2>Odpověď</h2>' "$tmp/en/report.html" || fail "report --lang cs did not redraw in Czech"
# The run's language is kept in manifest.json, and `report` without --lang redraws in it.
grep -q '"language": "cs"' "$tmp/cs/manifest.json" || fail "manifest.json does not keep the language cs"
rm "$tmp/cs/report.html"
"$prostup" report "$tmp/cs" >/dev/null || fail "report (no --lang) exited $?"
grep -q '<html lang="cs">' "$tmp/cs/report.html" || fail "report without --lang did not redraw a Czech run in Czech"
"$prostup" report "$tmp/cs" --lang en >/dev/null || fail "report --lang en exited $?"
grep -q '<html lang="en">' "$tmp/cs/report.html" || fail "report --lang en did not override the run's language"
# The scenario's own texts follow: the Czech run redrawn in English names its stages, title and
# binding constraints in English (results.json keeps both languages), and back.
grep -q '<h1>Jirkov: night shelter -&gt; hostel -&gt; training flat -&gt; regular flat</h1>' \
  "$tmp/cs/report.html" || fail "report --lang en kept the Czech title"
grep -q 'Training flat (12-month lease): demand' "$tmp/cs/report.html" ||
  fail "report --lang en kept the Czech label in a binding constraint"
grep -q 'Tréninkový byt' "$tmp/cs/report.html" && fail "Czech labels in the English redraw"
"$prostup" report "$tmp/cs" --lang cs >/dev/null || fail "report --lang cs exited $?"
grep -q '<h1>Jirkov: noclehárna -&gt; ubytovna' "$tmp/cs/report.html" ||
  fail "report --lang cs did not bring the Czech title back"
grep -q 'Training flat' "$tmp/cs/report.html" && fail "English labels in the Czech redraw"
"$prostup" run --lang de --dry-run >/dev/null 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "an unknown language exited $rc, not 2"
[ "$failures" -eq 0 ] || { cat "$tmp/answer"; exit 1; }
echo "OK: Czech answer and report"

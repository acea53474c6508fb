#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The terminal summary of `prostup run` for the default scenario: the answer in under 40 lines,
# per town only the variants that change it, markers, one money format, the top 3 binding
# constraints ranked by excess demand, and the report's path; --verbose keeps the full listing.
# Args: $1 = prostup binary, $2 = source directory.
set -u
prostup=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
# Lines unwrapped (tests/cli/answer_width.sh checks the wrapping).
COLUMNS=1000 "$prostup" run --replications 4 --months 24 -o "$tmp/out" >"$tmp/short" 2>"$tmp/err" ||
  { cat "$tmp/err"; echo "FAIL: run exited $?"; exit 1; }
lines=$(wc -l <"$tmp/short")
[ "$lines" -lt 40 ] || fail "the summary has $lines lines (40 or more)"
grep -qx "Report: $tmp/out/report.html" "$tmp/short" || fail "no 'Report: PATH' line"
for town in Most Litvínov Jirkov Obrnice Trmice "All towns"; do
  grep -q "^$town (baseline: " "$tmp/short" || fail "no answer for $town"
done
# The Jirkov variant touches Jirkov only: said once, and absent from Most's answer.
grep -q "^Left out where they change nothing: Jirkov: +20 training flats (Most, Litvínov, Obrnice, Trmice)" "$tmp/short" ||
  fail "the untouched variants are not said once: $(grep '^Left out' "$tmp/short")"
# Most's section: its heading and the indented lines under it (the next town's heading ends it).
awk '/^Most \(baseline/ { on = 1; next } on && /^  / { print; next } { on = 0 }' "$tmp/short" |
  grep -q "Jirkov: +20" &&
  fail "Most's answer lists the Jirkov-only variant"
grep -q "▲ better, ▼ worse, = no clear difference" "$tmp/short" || fail "no marker key"
# Money: one format, "N[.NN] bn|M|k CZK", never "1249.26 M" or a bare long number.
grep -o '[^ ]* [^ ]* CZK' "$tmp/short" | grep -Ev '^[[+-]*[0-9]+(\.[0-9]+)? (bn|M|k) CZK$|^[^ ]* [[+-]*[0-9]{1,3} CZK$' |
  sed 's/^/  money not in the one format: /' | grep . && fail "money in another format"
# Binding constraints: at most 3, in decreasing excess.
grep -E '^  [0-9]+\. .*demand [0-9]+ for [0-9]+ places \([+-][0-9]+\)' "$tmp/short" >"$tmp/binding"
n=$(wc -l <"$tmp/binding")
{ [ "$n" -ge 1 ] && [ "$n" -le 3 ]; } || fail "$n binding constraints listed (want 1 to 3)"
sed 's/.*(\([+-][0-9]*\)).*/\1/' "$tmp/binding" | tr -d + | sort -n -r -c 2>/dev/null ||
  fail "binding constraints not ranked by excess: $(cat "$tmp/binding")"
# --verbose: today's full listing, every variant for every town.
"$prostup" run --replications 4 --months 24 --no-report --verbose -o "$tmp/verbose" >"$tmp/long" 2>&1 ||
  fail "run --verbose exited $?"
[ "$(grep -c 'minus baseline' "$tmp/long")" -eq 24 ] ||
  fail "--verbose does not list 4 variants x 6 rows: $(grep -c 'minus baseline' "$tmp/long")"
# ... with each variant's budget against the baseline by year and payer, the same numbers as
# budget.csv (issue 29): Most's Housing First, year 1, the total.
[ "$(grep -c 'budget against the baseline by year and payer' "$tmp/long")" -eq 24 ] ||
  fail "--verbose does not give every variant's budget by year"
python3 - "$tmp/long" "$tmp/verbose/budget.csv" <<'EOF' || fail "--verbose's budget differs from budget.csv"
import csv, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
block = text[text.index("Most (baseline"):]
block = block[block.index("housing_first minus baseline"):]
line = re.search(r"year 1 \(\d+\): (.*)", block).group(1)
shown = re.search(r"total ([+-]?[\d.]+) (k |M )?CZK", line)
scale = {"k ": 1e3, "M ": 1e6, None: 1}[shown.group(2)]
row = [r for r in csv.DictReader(open(sys.argv[2])) if r["town"] == "most" and
       r["variant"] == "housing_first" and r["year"] == "1" and r["payer"] == "*"][0]
value = float(row["diff_mean"])
if abs(float(shown.group(1)) * scale - value) > 0.01 * abs(value) + 1:
    sys.exit("verbose %s, budget.csv %s" % (line, value))
EOF
[ "$failures" -eq 0 ] || { cat "$tmp/short"; exit 1; }
echo "OK: summary in $lines lines"

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The trial arms (issue 24; docs/model.md, "Cohorts"): the terminal answer's line for each
# tagged cohort a variant changes ("Housing First arm (50 households): stabilised ... in the
# variant against ... of the same households in the baseline ...; 12-month retention ...
# (published 48/50 ...)") is in report.html's answer box with the same numbers, when `prostup
# report` redraws a saved run from results.json (which keeps the cohorts and their published
# figures), in English and in Czech. And simulation.willingness_to_pay: comparison.csv's
# nmb:<value> rows are value x the difference in households stabilised - the difference in
# cost (docs/model.md, "Incremental analysis"). And an empty street at month 0 is said so.
# Args: $1 = prostup binary, $2 = source directory.
set -eu
PROSTUP=$1
SRC=$2
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 - "$SRC/scenarios/brno-rapid-rehousing.json" "$TMP/brno.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["simulation"]["willingness_to_pay"] = [200000, 1000000]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
for lang in en cs; do
  COLUMNS=100000 "$PROSTUP" run "$TMP/brno.json" -o "$TMP/$lang" --replications 4 \
    --months 12 --threads 2 --no-catalog --lang "$lang" > "$TMP/$lang.answer"
  rm "$TMP/$lang/report.html"
  "$PROSTUP" report "$TMP/$lang" --lang "$lang" > /dev/null
  python3 - "$TMP/$lang.answer" "$TMP/$lang/report.html" "$TMP/$lang/results.json" <<'PY'
import html, json, re, sys

answer, report, results = sys.argv[1:4]
# The arm lines: indented by four spaces under a variant, before its "all households" line.
arms = [l.strip() for l in open(answer, encoding="utf-8") if l.startswith("    ")]
cohorts = json.load(open(results, encoding="utf-8"))["cohorts"]
# A label per language ({"cs": ..., "en": ...}): the one of this run's language.
lang = json.load(open(results, encoding="utf-8"))["manifest"]["language"]
labels = [c["label"][lang] if isinstance(c["label"], dict) else c["label"] for c in cohorts]
assert [c["id"] for c in cohorts] == ["hf_arm", "controls"], cohorts
assert cohorts[0]["published"][0]["text"] == "48/50", cohorts[0]
arms = [a for a in arms if any(a.startswith(x + " (") for x in labels)]
if len(arms) < 2:
    sys.exit("the terminal answer has %d arm lines, expected both arms:\n%s"
             % (len(arms), open(answer, encoding="utf-8").read()))
if not any("48/50" in a for a in arms):
    sys.exit("no arm line cites the published 48/50: %s" % arms)
page = open(report, encoding="utf-8").read()
box = page[page.index('<section id="summary"'):]
box = box[:box.index("</section>")]
items = [html.unescape(x) for u in re.findall(r'<ul class="arms"[^>]*>(.*?)</ul>', box, re.S)
         for x in re.findall(r"<li>(.*?)</li>", u, re.S)]
for a in arms:
    if a not in items:
        sys.exit("report.html's answer box lacks the arm line\n  %s\nit has\n  %s"
                 % (a, "\n  ".join(items) or "(none)"))
print("%d arm lines in both" % len(arms))
PY
done
# Brno's families start in hostels: functional zero from month 1 says nothing (docs/model.md,
# "Functional zero"), so the answer says the street was empty from the start.
grep -q "street empty from the start (no roofless household at month 0)" "$TMP/en.answer" ||
  { cat "$TMP/en.answer"; echo "FAIL: no 'street empty from the start'"; exit 1; }
if grep -q "street empties by month 1 \[1, 1\]" "$TMP/en.answer"; then
  echo "FAIL: an empty street reads as emptied by month 1"; exit 1
fi
grep -q "ulice prázdná od začátku" "$TMP/cs.answer" || { echo "FAIL: no Czech 'empty from the start'"; exit 1; }
python3 - "$TMP/en/comparison.csv" <<'PY'
import csv, sys
rows = {}
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["profile"] == "*":
        rows[(r["town"], r["variant"], r["cohort"], r["metric"])] = r
checked = 0
for (town, variant, cohort, metric), r in rows.items():
    if not metric.startswith("nmb:"):
        continue
    wtp = float(metric[4:])
    d_e = float(rows[(town, variant, cohort, "cohort_stabilized")]["diff_mean"])
    d_c = float(rows[(town, variant, cohort, "incremental_cost")]["diff_mean"])
    nmb = float(r["diff_mean"])
    if abs(nmb - (wtp * d_e - d_c)) > 1e-6 * max(1.0, abs(nmb)):
        sys.exit("%s: %s, but %g x %g - %g = %g" % (metric, nmb, wtp, d_e, d_c, wtp * d_e - d_c))
    if not float(r["diff_ci_low"]) <= nmb <= float(r["diff_ci_high"]):
        sys.exit("%s: the interval [%s, %s] leaves out the mean %s"
                 % (metric, r["diff_ci_low"], r["diff_ci_high"], nmb))
    checked += 1
if checked < 2 * 3:  # two values, for all, hf_arm and controls at least
    sys.exit("only %d nmb rows" % checked)
print("%d nmb rows" % checked)
PY

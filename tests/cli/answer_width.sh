#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The terminal answer fits the screen (issue 26): at COLUMNS=80 and 120, in English and Czech,
# for the default and the national scenario, no line is wider than the terminal (code points),
# no word is broken (every word of the wrapped answer is a word of the unwrapped one), the
# default answer takes at most 40 rows at 120 columns and every answer at most 60, and towns
# left out are counted ("N more towns") and those shown are the largest by households. The Brno
# answer keeps its trial-arm lines.
# Args: $1 = prostup binary, $2 = source directory.
set -u
prostup=$1
src=$2
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
answer() {  # name lang columns [scenario]: the answer in $tmp/name.lang.columns
  name=$1 lang=$2 cols=$3
  shift 3
  COLUMNS=$cols "$prostup" run "$@" --replications 2 --months 12 --threads 2 --no-report \
    --no-catalog --lang "$lang" -o "$tmp/out" >"$tmp/$name.$lang.$cols" 2>"$tmp/err" ||
    { cat "$tmp/err"; echo "FAIL: $name --lang $lang at $cols columns exited"; exit 1; }
  if [ "$name.$lang.$cols" = national.en.120 ]; then mv "$tmp/out" "$tmp/national"; fi
  rm -rf "$tmp/out"
}
for lang in en cs; do
  for cols in 100000 120 80; do
    answer default "$lang" "$cols"
    answer national "$lang" "$cols" "$src/scenarios/cesko-national.json"
  done
done
answer brno en 80 "$src/scenarios/brno-rapid-rehousing.json"
python3 - "$tmp" <<'PY'
import re, sys

tmp = sys.argv[1]
failures = []
for name, limit in (("default", 40), ("national", 60)):
    for lang in ("en", "cs"):
        # The last line's wall time differs from run to run: its words are not compared.
        timed = re.compile(r"^(Outputs|Výstupy): .*", re.M | re.S)
        wide = timed.sub("", open("%s/%s.%s.100000" % (tmp, name, lang),
                                  encoding="utf-8").read()).split()
        words = set(wide)
        for cols in (120, 80):
            text = open("%s/%s.%s.%d" % (tmp, name, lang, cols), encoding="utf-8").read()
            lines = text.splitlines()
            rows = sum(max(1, -(-len(l) // cols)) for l in lines)
            where = "%s --lang %s at %d columns" % (name, lang, cols)
            for l in lines:
                if len(l) > cols:
                    failures.append("%s: a line of %d columns: %r" % (where, len(l), l))
            # The words of "N more towns ..." (a line the unwrapped answer may not need).
            extra = re.search(r"^(\d+ more towns|Další města ve zprávě).*?(?=\n\n)", text,
                              re.M | re.S)
            known = words | set(extra.group(0).split() if extra else [])
            broken = [w for w in timed.sub("", text).split() if w not in known]
            if broken:
                failures.append("%s: words not in the unwrapped answer: %r" % (where, broken[:5]))
            if rows > (limit if cols == 120 else 60):
                failures.append("%s: %d rows" % (where, rows))
            # The national scenario's 14 towns: those not shown are counted.
            heads = len(re.findall(r"^\S.* \((baseline|výchozí stav): ", text, re.M))
            more = re.search(r"^(\d+) more towns|^Další města ve zprávě a v --verbose: (\d+)",
                             text, re.M)
            n = int(more.group(1) or more.group(2)) if more else 0
            if name == "national" and heads + n != 15:
                failures.append("%s: %d towns shown and %d counted, not 14 + the total"
                                % (where, heads, n))
            print("%s: %d lines, %d rows, %d towns shown" % (where, len(lines), rows, heads))
# The national towns shown are those whose baseline saw the most households.
import csv, json
seen = {r["town"]: float(r["mean"]) for r in csv.DictReader(open(tmp + "/national/outcomes.csv"))
        if r["variant"] == "baseline" and r["cohort"] == "all" and r["profile"] == "*"
        and r["metric"] == "households_seen" and r["town"] != "*"}
# A label is a string or, per language, {"cs": ..., "en": ...} (the English answer's).
def english(label):
    return label.get("en") or next(iter(label.values())) if isinstance(label, dict) else label
labels = {english(t["label"]) or t["id"]: t["id"] for t in
          json.load(open(tmp + "/national/results.json"))["manifest"]["towns"]}
text = open(tmp + "/national.en.120", encoding="utf-8").read()
shown = [labels[m] for m in re.findall(r"^(\S.*?) \(baseline: ", text, re.M) if m in labels]
largest = sorted(seen, key=lambda t: -seen[t])[:len(shown)]
print("national: shown %s" % shown)
if not shown or sorted(shown) != sorted(largest):
    failures.append("national: shows %s, the largest by households are %s" % (shown, largest))
brno = open(tmp + "/brno.en.80", encoding="utf-8").read()
flat = re.sub(r"\n +", " ", brno)
if not re.search(r"households\): stabilised \S+ in the variant", flat):
    failures.append("brno: no trial-arm lines:\n" + brno)
if failures:
    print("\n".join("FAIL: " + f for f in failures))
    sys.exit(1)
print("OK")
PY

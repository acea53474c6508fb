#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# One name, one number (issue 24): every figure of the terminal answer and of the report's
# answer box is the value of one metric, found under that name in outcomes.csv (baseline
# levels) or comparison.csv (differences, their intervals, the value for money); the baseline's
# "roofless households A -> B" is timeseries.csv's outside occupancy at month 0 and
# outcomes.csv's roofless_end. The words of each metric are read from sim/output/strings_en.cpp
# ("words.<metric>"), so a figure whose words name another metric than its number fails.
set -eu
PROSTUP=$1
SRC=$2
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed"; exit 77; }
OUT=$(mktemp -d)/out
trap 'rm -rf "$(dirname "$OUT")"' EXIT
# One line per variant (no wrapping), as the parser below reads it.
COLUMNS=100000 "$PROSTUP" run "$SRC/tests/fixtures/small.json" -o "$OUT" --replications 8 --threads 2 \
  --no-catalog > "$OUT.answer"
python3 - "$SRC" "$OUT" "$OUT.answer" <<'PY'
import csv, html, re, sys

src, out, answer = sys.argv[1:4]
words = {}
for m in re.finditer(r'\{"words\.([^"]+)", "([^"]+)"\}', open(src + "/sim/output/strings_en.cpp").read()):
    words[m.group(2)] = m.group(1)
units = {"share"}
outcomes, comparison, info = {}, {}, {}
for r in csv.DictReader(open(out + "/outcomes.csv")):
    if r["profile"] == "*" and r["cohort"] == "all":
        outcomes[(r["town"], r["variant"], r["metric"])] = float(r["mean"]) if r["mean"] else None
by_profile = {}
for r in csv.DictReader(open(out + "/comparison.csv")):
    if r["profile"] != "*" and r["cohort"] == "all":
        by_profile[(r["town"], r["variant"], r["profile"], r["metric"])] = [
            float(x) if x not in ("", "nan") else None
            for x in (r["diff_mean"], r["diff_ci_low"], r["diff_ci_high"])]
    if r["profile"] == "*" and r["cohort"] == "all":
        comparison[(r["town"], r["variant"], r["metric"])] = [
            float(x) if x not in ("", "nan") else None
            for x in (r["diff_mean"], r["diff_ci_low"], r["diff_ci_high"])]
import json
res = json.load(open(out + "/results.json"))
share = {m["name"] for m in res["metric_info"] if m["unit"] == "share"}
man = res["manifest"]
towns = {t["label"] or t["id"]: t["id"] for t in man["towns"]}
outside = [s["id"] for s in man["stages"] if s["kind"] == "outside"]
variants = {(v["label"] or v["id"]): v["id"] for v in res["variants"]}
variants["Baseline"] = "baseline"
profiles = {(p["label"] or p["id"]): p["id"] for p in res["profiles"]}
towns.setdefault("All towns", "*")
scale = {"k": 1e3, "M": 1e6, "bn": 1e9}
num = r"([+-]?\d+(?:\.\d+)?)(?: (k|M|bn))?"
checked = 0


def close(shown, decimals, value, where):
    global checked
    tol = 0.5 * 10 ** (-decimals) + 1e-9
    if value is None or abs(shown - value) > tol * max(1, abs(shown)) and abs(shown - value) > tol:
        sys.exit("%s: shows %s, the CSV has %s" % (where, shown, value))
    checked += 1


def parse(text):
    m = re.match(num, text)
    if not m:
        return None
    v, sc = m.group(1), m.group(2)
    dec = len(v.split(".")[1]) if "." in v else 0
    f = float(v) * scale.get(sc, 1)
    return f, dec + 0, scale.get(sc, 1), m.end()


def figure(town, variant, piece, where):
    # "WORDS VALUE[ unit][ [LO, HI]]": the longest words that name a metric.
    piece = piece.strip()
    for mark in ("▲ ", "▼ ", "↑ ", "↓ "):
        if piece.startswith(mark):
            piece = piece[len(mark):]
    best = None
    for w, name in words.items():
        if piece.startswith(w + " ") and (best is None or len(w) > len(best[0])):
            best = (w, name)
    if best is None:
        return False
    w, name = best
    rest = piece[len(w) + 1:]
    p = parse(rest)
    if p is None:
        return True  # n/a
    shown, dec, sc, end = p
    factor = 100 if name in share else 1
    where = "%s: %s (%s)" % (where, piece, name)
    if variant == "baseline":
        close(shown, dec - (6 if sc == 1e6 else 3 if sc == 1e3 else 9 if sc == 1e9 else 0),
              factor * outcomes[(town, "baseline", name)] if (town, "baseline", name) in outcomes else None, where)
    else:
        c = comparison.get((town, variant, name))
        if c is None:
            sys.exit("%s: no comparison.csv row" % where)
        close(shown, dec - (6 if sc == 1e6 else 3 if sc == 1e3 else 9 if sc == 1e9 else 0), factor * c[0], where)
        ci = re.search(r"\[" + num + ", " + num + r"\]", rest)
        if ci:
            for k, (v, s) in enumerate(((ci.group(1), ci.group(2)), (ci.group(3), ci.group(4)))):
                d = len(v.split(".")[1]) if "." in v else 0
                s = scale.get(s, 1)
                d -= 6 if s == 1e6 else 3 if s == 1e3 else 9 if s == 1e9 else 0
                close(float(v) * s, d, factor * c[1 + k], where + " CI")
    return True


def vfm(town, variant, piece, where):
    m = re.match(num + r" CZK per extra household stabilised", piece.strip())
    if not m:
        return False
    f = float(m.group(1)) * scale.get(m.group(2), 1)
    dec = (len(m.group(1).split(".")[1]) if "." in m.group(1) else 0) - {1e3: 3, 1e6: 6, 1e9: 9}.get(scale.get(m.group(2), 1), 0)
    close(f, dec, comparison[(town, variant, "icer:cohort_stabilized")][0], where + ": " + piece)
    return True


def profile_figures(town, variant, piece, where):
    # "[by household type, ]WORDS: most LABEL +x pp [lo, hi], least LABEL +y pp [lo, hi]"
    piece = re.sub(r"^(by household type|By household type), ", "", piece.strip())
    m = re.match(r"(.+?): most (.+) (" + num + r" pp \[.*?\]), least (.+) (" + num + r" pp \[.*?\])$",
                 piece)
    if not m or m.group(1) not in words:
        return False
    name = words[m.group(1)]
    for label, change in ((m.group(2), m.group(3)), (m.group(6), m.group(7))):
        row = by_profile.get((town, variant, profiles.get(label), name))
        if row is None:
            sys.exit("%s: no comparison.csv row for profile %r" % (where, label))
        saved = comparison.get((town, variant, name))
        comparison[(town, variant, name)] = row
        figure(town, variant, m.group(1) + " " + change, where + " profile " + label)
        comparison[(town, variant, name)] = saved
    return True


def moves(town, text, where):
    m = re.search(r"roofless households (\d+) → (\d+) over (\d+) months \((\w+)\)", text)
    if not m:
        sys.exit("%s: no baseline line in %r" % (where, text))
    a, b = int(m.group(1)), int(m.group(2))
    trend = "growing" if b > a else "shrinking" if b < a else "steady"
    if m.group(4) != trend:
        sys.exit("%s: %d -> %d said %r, not %r" % (where, a, b, m.group(4), trend))
    start = 0.0
    for r in csv.DictReader(open(out + "/timeseries.csv")):
        if r["town"] == town and r["variant"] == "baseline" and r["profile"] == "*" and \
                r["month"] == "0" and r["series"] in ["occupancy:" + o for o in outside]:
            start += float(r["mean"])
    close(float(m.group(1)), 0, start, where + " roofless at month 0")
    close(float(m.group(2)), 0, outcomes[(town, "baseline", "roofless_end")], where + " roofless_end")


# Functional zero (docs/model.md): "street empties by month M [p05, p95] (p = P)" or "street not
# at functional zero within the horizon", against outcomes.csv.
fz = {}
for r in csv.DictReader(open(out + "/outcomes.csv")):
    if r["profile"] == "*" and r["cohort"] == "all" and r["metric"] == "functional_zero_month":
        fz[(r["town"], r["variant"])] = [float(r[k]) if r[k] else None for k in ("p50", "p05", "p95")]


def functional_zero(town, variant, piece, where):
    m = re.match(r"street empties by month (\d+) \[(\d+), (\d+)\] \(p = ([\d.]+)\)$", piece)
    rare = re.match(r"street mostly not at functional zero within the horizon \(p = ([\d.]+), by month "
                    r"(\d+) \[(\d+), (\d+)\] where reached\)$", piece)
    if rare:
        # The headline follows the probability: "mostly not" only below one half.
        p = float(rare.group(1))
        if p >= 0.5:
            sys.exit("%s: says mostly not at functional zero with p = %s" % (where, p))
        for shown, value in zip(rare.groups()[1:], fz[(town, variant)]):
            close(float(shown), 0, value, where + " functional_zero_month")
        close(p, 2, outcomes[(town, variant, "functional_zero_reached")], where + " functional_zero_reached")
        return True
    if m:
        if float(m.group(4)) < 0.5:
            sys.exit("%s: says the street empties with p = %s" % (where, m.group(4)))
        for shown, value in zip(m.groups()[:3], fz[(town, variant)]):
            close(float(shown), 0, value, where + " functional_zero_month")
        close(float(m.group(4)), 2, outcomes[(town, variant, "functional_zero_reached")],
              where + " functional_zero_reached")
        return True
    if piece == "street empty from the start (no roofless household at month 0)":
        if fz[(town, variant)][2] != 1 or outcomes[(town, variant, "functional_zero_reached")] != 1:
            sys.exit("%s: says empty from the start, the CSV has %s" % (where, fz[(town, variant)]))
        return True
    if piece == "street not at functional zero within the horizon":
        if fz[(town, variant)][0] is not None and outcomes[(town, variant, "functional_zero_reached")]:
            sys.exit("%s: says not reached, the CSV has %s" % (where, fz[(town, variant)]))
        return True
    return False


# The terminal answer.
town = None
lines = open(answer).read().splitlines()
for line in lines:
    t = re.match(r"^(\S.*) \(baseline: (.*)\)$", line)
    if t and t.group(1) in towns:
        town = towns[t.group(1)]
        head, _, move = t.group(2).partition("; ")
        moves(town, move, "terminal " + town)
        for piece in move.split("; ")[1:]:
            if not functional_zero(town, "baseline", piece, "terminal " + town):
                sys.exit("terminal: unknown figure %r" % piece)
        for piece in head.split(", "):
            if not figure(town, "baseline", piece, "terminal " + town):
                sys.exit("terminal: unknown figure %r" % piece)
        continue
    v = re.match(r"^  (.+?): (.*)$", line)
    if town and v and v.group(1) in variants:
        for piece in v.group(2).split("; "):
            piece = piece.strip()  # the columns are aligned with spaces
            if piece.startswith(("= ", "… ")) or profile_figures(town, variants[v.group(1)], piece,
                                                         "terminal " + town):
                continue
            if functional_zero(town, variants[v.group(1)], piece, "terminal " + town):
                continue
            if not figure(town, variants[v.group(1)], piece, "terminal " + town) and \
                    not vfm(town, variants[v.group(1)], piece, "terminal " + town):
                if re.search(r"\d", piece) and not piece.startswith(("dominant", "dominated", "no difference")):
                    sys.exit("terminal: figure without a metric name %r" % piece)
terminal_checked = checked
if terminal_checked < 10:
    sys.exit("terminal: only %d figures read; the answer's format changed?\n%s" % (checked, "\n".join(lines)))

# The report's answer box.
doc = open(out + "/report.html").read()
for block in re.findall(r'<div class="town-answer">(.*?)</div>', doc, re.S):
    town = html.unescape(re.search(r'href="#town-([^"]+)"', block).group(1))
    label = html.unescape(re.search(r'">([^<]+)</a></h3>', block).group(1))
    town = towns.get(label, town)
    base = re.search(r'<p class="base">Baseline: (.*?)\.</p>', block)
    if not base:
        sys.exit("report %s: no baseline line" % town)
    text = html.unescape(base.group(1))
    head, _, move = text.partition("; ")
    for piece in head.split(", "):
        if not figure(town, "baseline", piece, "report " + town):
            sys.exit("report: unknown figure %r" % piece)
    moves(town, move, "report " + town)
    for row in re.findall(r"<tr><td[^>]*>(.*?)</td>(.*?)</tr>", block, re.S):
        variant = variants.get(html.unescape(row[0]))
        for li in re.findall(r"<li[^>]*>(.*?)</li>", row[1]):
            piece = html.unescape(li)
            if piece.startswith("= "):
                continue
            if not figure(town, variant, piece, "report " + town) and not vfm(town, variant, piece, "report " + town):
                if re.search(r"\d", piece) and not piece.startswith(("dominant", "dominated", "no difference")):
                    sys.exit("report: figure without a metric name %r" % piece)
if checked - terminal_checked < 10:
    sys.exit("report: only %d figures read" % (checked - terminal_checked))
print("answer_names: %d figures (terminal %d) each found under its name" % (checked, terminal_checked))
PY

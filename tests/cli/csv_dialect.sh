#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `--csv-dialect excel-cs` in every CSV writer (run, sweep, cohort, calibrate): semicolons,
# decimal commas and a UTF-8 BOM, read back with Python's csv module under that dialect; every
# file holds the same table as the default (RFC 4180) files of the same command, its numbers
# rounded to 12 significant digits and written without an exponent (docs/report.md). The
# report reads an excel-cs sweep.csv back. Args: $1 = prostup binary, $2 = source directory.
set -u
prostup=$1
src=$2
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
common="--replications 2 --months 6 --seed 3 --quiet --no-report"
# shellcheck disable=SC2086
"$prostup" run $common -o "$tmp/plain" || { echo "FAIL: run exited $?"; exit 1; }
# shellcheck disable=SC2086
"$prostup" run $common --csv-dialect excel-cs -o "$tmp/excel" 2>"$tmp/excel.err" ||
  { echo "FAIL: run --csv-dialect excel-cs exited $?"; exit 1; }
# The run catalog reads the excel-cs outcomes.csv back (a run in that dialect is recorded too).
if grep -q "not recorded" "$tmp/excel.err"; then
  echo "FAIL: the excel-cs run was not recorded: $(cat "$tmp/excel.err")"
  exit 1
fi
"$prostup" run --csv-dialect excel --dry-run >/dev/null 2>&1 &&
  { echo "FAIL: an unknown dialect was accepted"; exit 1; }
fix="$src/tests/fixtures/small.json"
sweep="sweep $fix --set /profiles/single/job_gain=0.05:0.15:0.1 --replications 2 --months 6"
for d in plain excel; do
  dialect=rfc4180
  [ $d = excel ] && dialect=excel-cs
  # shellcheck disable=SC2086
  "$prostup" $sweep --quiet --no-catalog --csv-dialect $dialect -o "$tmp/sweep-$d" >/dev/null ||
    { echo "FAIL: sweep --csv-dialect $dialect exited $?"; exit 1; }
  "$prostup" cohort "$fix" --csv-dialect $dialect -o "$tmp/cohort-$d" >/dev/null ||
    { echo "FAIL: cohort --csv-dialect $dialect exited $?"; exit 1; }
  "$prostup" calibrate "$src/examples/calibration/jirkov-calibration.json" --particles 10 \
    --max-simulations 20 --threads 1 --quiet --csv-dialect $dialect -o "$tmp/calibrate-$d" \
    >/dev/null 2>&1
  rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 3 ] || { echo "FAIL: calibrate --csv-dialect $dialect exited $rc"; exit 1; }
done
grep -q "sweep" "$tmp/sweep-excel/report.html" 2>/dev/null ||
  { echo "FAIL: no report drawn from an excel-cs sweep.csv"; exit 1; }
python3 - "$tmp" <<'EOF'
import csv, math, sys, pathlib
tmp = pathlib.Path(sys.argv[1])
pairs = [(tmp / "plain", tmp / "excel")] + [
    (tmp / f"{c}-plain", tmp / f"{c}-excel") for c in ("sweep", "cohort", "calibrate")]
class ExcelCs(csv.Dialect):
    delimiter = ";"
    quotechar = '"'
    doublequote = True
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    skipinitialspace = False
failures = []
files = [(plain, excel, p.name) for plain, excel in pairs for p in sorted(plain.glob("*.csv"))]
for plain, excel in pairs:
    if not list(plain.glob("*.csv")):
        failures.append(f"{plain.name}: no CSV files")
for plain, excel, name in files:
    raw = (excel / name).read_bytes()
    name_in, name = name, f"{plain.name}/{name}"
    if not raw.startswith(b"\xef\xbb\xbf"):
        failures.append(f"{name}: no UTF-8 BOM")
    with open(excel / name_in, encoding="utf-8-sig", newline="") as f:
        got = list(csv.reader(f, ExcelCs()))
    with open(plain / name_in, encoding="utf-8", newline="") as f:
        want = list(csv.reader(f))
    if got[0] != want[0]:
        failures.append(f"{name}: header {got[0]} != {want[0]}")
    if len(got) != len(want):
        failures.append(f"{name}: {len(got)} rows, expected {len(want)}")
        continue
    numbers = 0
    for g_row, w_row in zip(got[1:], want[1:]):
        if len(g_row) != len(w_row):
            failures.append(f"{name}: row {g_row} has {len(g_row)} fields, expected {len(w_row)}")
            break
        for g, w in zip(g_row, w_row):
            try:
                wv = float(w)
            except ValueError:
                if g != w:
                    failures.append(f"{name}: text {g!r} != {w!r}")
                continue
            if "." in g or "e" in g.lower():
                failures.append(f"{name}: decimal point or exponent in {g!r}")
            gv = float(g.replace(",", "."))
            # 12 significant digits, then at most 12 decimals (docs/report.md)
            if not (abs(gv - wv) <= 5.01e-12 * abs(wv) + 5.01e-13
                    or (math.isnan(gv) and math.isnan(wv))):
                failures.append(f"{name}: {g!r} reads as {gv}, expected {wv}")
            numbers += 1
    if numbers == 0 and len(want) > 1:  # a file with only its header has none to compare
        failures.append(f"{name}: no numbers compared")
for f in failures[:20]:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
EOF

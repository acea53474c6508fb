#!/bin/sh
# `prostup run --csv-dialect excel-cs`: semicolons, decimal commas and a UTF-8 BOM, read back
# with Python's csv module under that dialect; every file holds the same table as the
# default (RFC 4180) files of the same run. Args: $1 = prostup binary, $2 = source directory.
set -u
prostup=$1
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
python3 - "$tmp/plain" "$tmp/excel" <<'EOF'
import csv, math, sys, pathlib
plain, excel = map(pathlib.Path, sys.argv[1:3])
class ExcelCs(csv.Dialect):
    delimiter = ";"
    quotechar = '"'
    doublequote = True
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    skipinitialspace = False
failures = []
files = sorted(p.name for p in plain.glob("*.csv"))
assert files, "no CSV files"
for name in files:
    raw = (excel / name).read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        failures.append(f"{name}: no UTF-8 BOM")
    with open(excel / name, encoding="utf-8-sig", newline="") as f:
        got = list(csv.reader(f, ExcelCs()))
    with open(plain / name, encoding="utf-8", newline="") as f:
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
            if "." in g:
                failures.append(f"{name}: decimal point in {g!r}")
            gv = float(g.replace(",", "."))
            if not (gv == wv or (math.isnan(gv) and math.isnan(wv))):
                failures.append(f"{name}: {g!r} reads as {gv}, expected {wv}")
            numbers += 1
    if numbers == 0 and len(want) > 1:  # a file with only its header has none to compare
        failures.append(f"{name}: no numbers compared")
for f in failures[:20]:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
EOF

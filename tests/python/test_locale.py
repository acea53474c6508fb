# SPDX-License-Identifier: Apache-2.0
"""Numbers do not follow the C locale (issue 27 item 6; docs/architecture.md): after
locale.setlocale(LC_ALL, "cs_CZ.UTF-8") a run's and a sweep's CSV and SVG files are the same
bytes as in the C locale (charts were written as width="860,0" and rendered blank), and a
sweep over fractional values parses them ("FROM '0.5' is not a number" before).
Args: PROSTUP_BINARY SOURCE_DIR. Exit 77 = skipped (no module, or no cs_CZ.UTF-8 locale)."""

import locale
import sys
import tempfile
from pathlib import Path

try:
    import prostup
except ImportError as e:  # the module is not built here
    print(f"SKIP: cannot import the prostup module: {e}")
    sys.exit(77)

SRC = Path(sys.argv[2])
FIX = str(SRC / "tests" / "fixtures" / "small.json")
SHARE = "/profiles/single/job_gain"  # a fractional parameter: FROM:TO:STEP with points


def outputs(where: Path) -> dict:
    run = prostup.run(FIX, replications=2, months=6, seed=3, threads=1)
    run.write(where / "run")
    sweep = prostup.sweep(FIX, set={SHARE: (0.05, 0.15, 0.1)}, months=6, replications=2,
                          seed=3, threads=1)
    sweep.write(where / "sweep")
    return {p.relative_to(where).as_posix(): p.read_bytes() for p in sorted(where.rglob("*"))
            if p.suffix in (".csv", ".svg")}


def main() -> int:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        locale.setlocale(locale.LC_ALL, "C")
        want = outputs(tmp / "c")
        try:
            locale.setlocale(locale.LC_ALL, "cs_CZ.UTF-8")
        except locale.Error:
            print("SKIP: the cs_CZ.UTF-8 locale is not installed (scripts/deps.sh test makes it)")
            return 77
        assert locale.localeconv()["decimal_point"] == ","
        try:
            got = outputs(tmp / "cs")
        finally:
            locale.setlocale(locale.LC_ALL, "C")
    failures = []
    if not any(name.endswith(".svg") for name in want):
        failures.append("no SVG chart written")
    if sorted(got) != sorted(want):
        failures.append(f"files {sorted(got)} != {sorted(want)}")
    for name in sorted(want):
        if name in got and got[name] != want[name]:
            failures.append(f"{name} differs under cs_CZ.UTF-8")
    for f in failures[:20]:
        print("FAIL:", f)
    return 1 if failures else 0


sys.exit(main())

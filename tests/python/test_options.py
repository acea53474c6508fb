# SPDX-License-Identifier: Apache-2.0
"""The Python functions' keywords against the options table (docs/options.md) and the command
line: each function's keywords are the table's Python keywords of its command, each names an
option that `prostup COMMAND --help` lists; a keyword the command does not have raises
TypeError naming it, a value outside the option's range (or of the wrong type) raises naming
the option, before anything runs. Args: PROSTUP_BINARY SOURCE_DIR. Exit 77 = skipped."""

import inspect
import math
import subprocess
import sys
from pathlib import Path

try:
    import prostup
    from prostup import _core
except ImportError as e:  # the module is not built here
    print(f"SKIP: cannot import the prostup module: {e}")
    sys.exit(77)

PROSTUP, SRC = sys.argv[1], Path(sys.argv[2])
FIX = str(SRC / "tests" / "fixtures" / "small.json")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def raises(kind, function, *args, **kwargs):
    try:
        function(*args, **kwargs)
    except kind as e:
        return e
    except Exception as e:  # noqa: BLE001 - the wrong exception is the failure reported
        check(False, f"{function.__name__}(**{kwargs}) raised {type(e).__name__}: {e}")
        return None
    check(False, f"{function.__name__}(**{kwargs}) raised nothing")
    return None


docs = (SRC / "docs" / "options.md").read_text(encoding="utf-8")
for command in ("run", "sweep", "plan", "cohort"):
    function = getattr(prostup, command)
    table = {k: option for k, _default, _required, option in _core.options(command)}
    signature = [p for p in inspect.signature(function).parameters if p != "scenario"]
    check(sorted(signature) == sorted(table),
          f"{command}(): keywords {sorted(signature)} != the table's {sorted(table)}")
    helptext = subprocess.run([PROSTUP, command, "--help"], capture_output=True,
                              text=True).stdout
    section = docs.split(f"options {command} -->", 1)[1].split("<!-- end of generated", 1)[0]
    for keyword, option in table.items():
        check(option in helptext, f"{command}(): {keyword}= is {option}, which "
              f"`prostup {command} --help` does not list")
        check(f"`{keyword}`" in section, f"docs/options.md: {command} has no keyword {keyword}")
    # A keyword the command does not have: TypeError naming it, nothing run.
    e = raises(TypeError, function, FIX, no_such_option=1)
    check(e is not None and "no_such_option" in str(e), f"{command}(no_such_option=1): {e}")

SET = {"/towns/jirkov/capacity/lease": (20, 30, 10)}
VARY = dict(vary=("/towns/jirkov/capacity/lease", 0, 40), target="reached_lease_share>=30%")
# run's CLI-only options are not keywords (--quiet, --csv-dialect).
for keyword in ("quiet", "csv_dialect", "replication"):
    e = raises(TypeError, prostup.run, FIX, **{keyword: 1})
    check(e is not None and keyword in str(e), f"run({keyword}=1) was not refused by name: {e}")
e = raises(TypeError, prostup.sweep, FIX, set=SET, vary="x")
check(e is not None and "vary" in str(e), f"sweep(vary=...) was accepted: {e}")

# Values outside the option's range, or of the wrong type: refused naming the option.
for function, base, kwargs, option, kind in (
        (prostup.run, {}, {"replications": 0}, "--replications", ValueError),
        (prostup.run, {}, {"seed": -5}, "--seed", ValueError),
        (prostup.run, {}, {"months": 601}, "--months", ValueError),
        (prostup.run, {}, {"threads": 1025}, "--threads", ValueError),
        (prostup.run, {}, {"months": 1.5}, "--months", TypeError),
        (prostup.run, {}, {"inner_replications": 0}, "--inner-replications", ValueError),
        (prostup.run, {}, {"fixed_parameters": "yes"}, "--fixed-parameters", TypeError),
        (prostup.run, {}, {"variants": 3}, "--variants", TypeError),
        (prostup.sweep, {"set": SET}, {"replications": 0}, "--replications", ValueError),
        (prostup.sweep, {}, {"set": []}, "--set", ValueError),
        (prostup.sweep, {}, {}, "--set", ValueError),
        (prostup.plan, VARY, {"confidence": math.nan}, "--confidence", ValueError),
        (prostup.plan, VARY, {"assurance": 2}, "--assurance", ValueError),
        (prostup.plan, VARY, {"seed": -5}, "--seed", ValueError),
        (prostup.plan, VARY, {"town": 3}, "--town", TypeError)):
    e = raises(kind, function, FIX, **base, **kwargs)
    check(e is not None and option in str(e),
          f"{function.__name__}(**{kwargs}): {option} not named in {e}")
    if kind is ValueError and e is not None:
        check(isinstance(e, prostup.OptionError) and e.exit_code == 2,
              f"{function.__name__}(**{kwargs}): {type(e).__name__}, not OptionError")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("ok")

# SPDX-License-Identifier: Apache-2.0
"""The Python module against the CLI (docs/python.md): validation errors with every JSON
pointer, tables byte-identical to the CLI's files for the same scenario and seed (also with
another thread count), DataFrame columns and types, write(dir), sweep/plan/cohort, the
catalog as a DataFrame (Ctrl-C: test_interrupt.py). Args: PROSTUP_BINARY SOURCE_DIR. Exit 77 = skipped."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import pandas as pd
    import prostup
except ImportError as e:  # the module is not built here, or pandas is missing
    print(f"SKIP: cannot import the prostup module with pandas: {e}")
    sys.exit(77)

PROSTUP, SRC = sys.argv[1], Path(sys.argv[2])
FIX = str(SRC / "tests" / "fixtures" / "small.json")
TABLES = ["outcomes", "timeseries", "flows", "flows_yearly", "flows_monthly", "time_to_lease",
          "comparison", "equity", "budget"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def cli(*args):
    r = subprocess.run([PROSTUP, *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"prostup {' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r.stdout


tmp = Path(tempfile.mkdtemp(prefix="prostup-py-"))
try:
    # --- validation: every problem, each with its pointer
    bad = prostup.load(FIX).document
    bad["simulation"]["months"] = -3
    bad["profiles"]["single"]["share"] = "lots"
    try:
        prostup.load(bad)
        check(False, "an invalid scenario loaded")
    except prostup.ScenarioError as e:
        pointers = [p for p, _ in e.problems]
        check("/simulation/months" in pointers, f"no /simulation/months problem in {pointers}")
        check("/profiles/single/share" in pointers, f"no /profiles/single/share in {pointers}")
        check("/simulation/months" in str(e), "the message does not show the pointers")
    check(isinstance(prostup.ScenarioError("x", []), ValueError), "ScenarioError is no ValueError")

    # --- run: the CLI's bytes (the CLI with 2 threads, the module with 1)
    cli("run", FIX, "-o", str(tmp / "cli"), "--replications", "3", "--months", "12",
        "--seed", "5", "--threads", "2", "--quiet", "--no-catalog")
    r = prostup.run(FIX, replications=3, months=12, seed=5, threads=1)
    for t in TABLES:
        want = (tmp / "cli" / f"{t}.csv").read_bytes()
        check(r.files[f"{t}.csv"] == want, f"{t}.csv differs from the CLI's")
        frame = getattr(r, t)
        header = want.split(b"\n", 1)[0].decode().split(",")
        check(list(frame.columns) == header, f"{t}: columns {list(frame.columns)} != {header}")
        check(len(frame) == want.count(b"\n") - 1, f"{t}: {len(frame)} rows")
    o = r.outcomes
    check(o["town"].dtype == object and o["metric"].dtype == object, "outcomes: text columns")
    check(str(o["mean"].dtype) == "float64" and str(o["replications"].dtype) == "int64",
          f"outcomes: number columns {o.dtypes.to_dict()}")
    check(str(r.timeseries["month"].dtype) == "int64", "timeseries.month is not int64")
    check(str(r.flows["mean_per_replication"].dtype) == "float64", "flows: mean not float64")
    share = o[(o.town == "*") & (o.variant == "baseline") & (o.profile == "*")
              & (o.metric == "reached_lease_share")]
    check(len(share) == 1 and 0 <= share["mean"].iloc[0] <= 1, "no all-towns lease share")
    check(r.manifest["seed"] == 5 and r.manifest["threads"] == 1, "manifest settings")

    # write(dir): the files `prostup run` writes, report included (the CLI's run above drew it).
    r.write(tmp / "py-report")
    listing = lambda d: sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())
    check(listing(tmp / "py-report") == listing(tmp / "cli"),
          f"write() files {listing(tmp / 'py-report')} != {listing(tmp / 'cli')}")
    for t in TABLES:
        check((tmp / "py-report" / f"{t}.csv").read_bytes()
              == (tmp / "cli" / f"{t}.csv").read_bytes(), f"written {t}.csv differs")
    try:
        r.write(tmp / "py-report")
        check(False, "write() replaced a non-empty folder without force")
    except FileExistsError:
        pass

    # --- PSA: parameter sets drawn from distributions; the PSA tables as DataFrames with
    # the CLI's bytes, and none under fixed_parameters=True.
    psa = prostup.load(FIX).document
    psa["format_version"] = 2
    psa["stages"]["shelter"]["cost_per_month"] = {"dist": "gamma", "mean": 9000, "sd": 1500}
    (tmp / "psa.json").write_text(json.dumps(psa), encoding="utf-8")
    cli("run", str(tmp / "psa.json"), "-o", str(tmp / "cli-psa"), "--replications", "4",
        "--months", "6", "--seed", "3", "--inner-replications", "2", "--quiet", "--no-catalog",
        "--no-report")
    p = prostup.run(str(tmp / "psa.json"), replications=4, months=6, seed=3, threads=1,
                    inner_replications=2)
    check(p.has_psa, "a run with a distribution has no PSA tables")
    for t in ["parameters", "ce_plane", "ceac", "evpi", "tornado"]:
        want = (tmp / "cli-psa" / f"{t}.csv").read_bytes()
        check(p.files[f"{t}.csv"] == want, f"PSA {t}.csv differs from the CLI's")
        frame = getattr(p, t)
        header = want.split(b"\n", 1)[0].decode().split(",")
        check(list(frame.columns) == header, f"PSA {t}: columns {list(frame.columns)}")
    check(str(p.parameters["parameter_set"].dtype) == "int64", "parameters.parameter_set type")
    check(p.ceac["outcome"].dtype == object, "ceac.outcome is not text")
    f = prostup.run(str(tmp / "psa.json"), replications=4, months=6, seed=3,
                    fixed_parameters=True)
    check(not f.has_psa and not hasattr(f, "ceac"), "fixed_parameters=True wrote PSA tables")
    try:
        prostup.run(str(tmp / "psa.json"), replications=4, months=6, inner_replications=0)
        check(False, "inner_replications=0 was accepted")
    except prostup.CommandError as e:
        check(e.exit_code == 2, f"inner_replications=0: exit {e.exit_code}")

    # variants=[] is the baseline alone; an unknown variant is the CLI's usage error.
    check(set(prostup.run(FIX, replications=2, months=6, variants=[]).outcomes.variant)
          == {"baseline"}, "variants=[] ran variants")
    try:
        prostup.run(FIX, replications=2, months=6, variants=["nosuch"])
        check(False, "an unknown variant ran")
    except prostup.CommandError as e:
        check(e.exit_code == 2 and "unknown variant 'nosuch'" in str(e), f"variant error: {e}")

    # --- sweep, plan, cohort: the CLI's bytes
    lease = "/towns/jirkov/capacity/lease"
    cli("sweep", FIX, "--set", f"{lease}=20:30:10", "-o", str(tmp / "cli-sweep"), "--months",
        "12", "--replications", "2", "--seed", "4", "--quiet", "--no-report", "--no-catalog")
    s = prostup.sweep(FIX, set={lease: (20, 30, 10)}, months=12, replications=2, seed=4)
    check(s.files["sweep.csv"] == (tmp / "cli-sweep" / "sweep.csv").read_bytes(),
          "sweep.csv differs from the CLI's")
    check(sorted(set(s.sweep.point)) == [1, 2], "sweep points")
    plan_fix = str(SRC / "tests" / "fixtures" / "plan-one-lease.json")
    cli("plan", plan_fix, "--vary", "/towns/town/capacity/lease=0:40", "--target",
        "reached_lease_share>=30%", "-o", str(tmp / "cli-plan"), "--replications", "10",
        "--quiet", "--no-report", "--no-catalog")
    p = prostup.plan(plan_fix, vary=("/towns/town/capacity/lease", 0, 40),
                     target="reached_lease_share>=30%", replications=10)
    check(p.files["plan.json"] == (tmp / "cli-plan" / "plan.json").read_bytes(),
          "plan.json differs from the CLI's")
    check(isinstance(p.answer, int) and list(p.points.columns)[:2] == ["value", "mean"],
          f"plan answer {p.answer!r}")
    subprocess.run([PROSTUP, "cohort", FIX, "-o", str(tmp / "cli-cohort")], check=True,
                   capture_output=True)
    c = prostup.cohort(FIX)
    for t in ["cohort", "cohort_summary", "bottlenecks"]:
        check(c.files[f"{t}.csv"] == (tmp / "cli-cohort" / f"{t}.csv").read_bytes(),
              f"{t}.csv differs from the CLI's")

    # --- the catalog as DataFrames
    cat = tmp / "catalog.sqlite"
    for seed in ("1", "2"):
        cli("run", FIX, "-o", str(tmp / f"cat{seed}"), "--replications", "2", "--months", "6",
            "--seed", seed, "--quiet", "--no-report", "--catalog", str(cat))
    runs = prostup.runs(cat)
    check(list(runs.seed) == [1, 2] and list(runs.command) == ["run", "run"], f"runs: {runs}")
    oc = prostup.run_outcomes(int(runs.id.iloc[1]), catalog=cat)
    check({"town", "metric", "mean", "ci_low", "ci_high", "headline"} <= set(oc.columns),
          f"run_outcomes columns {list(oc.columns)}")
    cli_rows = pd.read_csv(tmp / "cat2" / "outcomes.csv", keep_default_na=False)
    cli_rows = cli_rows[cli_rows.profile == "*"]  # the catalog keeps the rows of all profiles
    check(len(oc) == len(cli_rows), "the catalog's outcomes are not the run's outcomes.csv")
    check("seed: 1 -> 2" in prostup.run_diff(1, 2, catalog=cat), "run_diff")
    # Edits to a loaded scenario are what runs (they were silently ignored: the file ran).
    town = prostup.load(FIX)
    before = prostup.run(town, replications=2, months=12, seed=1, variants=[])
    town.document["towns"]["jirkov"]["capacity"]["lease"] = 0
    after = prostup.run(town, replications=2, months=12, seed=1, variants=[])
    def leases(r):
        o = r.outcomes
        return o[(o.town == "jirkov") & (o.metric == "reached_lease_share") & (o.profile == "*")
                 & (o.cohort == "all")]["mean"].iloc[0]
    check(leases(before) > 0 and leases(after) == 0,
          f"an edit to a loaded scenario did not run: {leases(before)} -> {leases(after)}")
    town.document["towns"]["jirkov"]["capacity"]["lease"] = -1
    try:
        prostup.run(town, replications=2, months=12)
        check(False, "an invalid edit ran")
    except prostup.ScenarioError as e:
        check("/towns/jirkov/capacity/lease" in str(e), f"the edit's problem: {e}")

    # A run from Python is recorded when asked (catalog=), with the scenario as written: an
    # edited distribution reads as its mean and sd, and the diff marks outcomes against both
    # runs' intervals (also as a DataFrame).
    pycat = tmp / "python-catalog.sqlite"
    os.chdir(tmp)  # recorded runs keep their folders under ./prostup-out
    doc = json.loads(Path(FIX).read_text(encoding="utf-8"))
    doc["format_version"] = 2
    doc["profiles"]["single"]["comply"] = {"dist": "beta", "mean": 0.9, "sd": 0.05}
    prostup.run(doc, replications=2, months=6, seed=1, catalog=pycat)
    doc["profiles"]["single"]["comply"]["mean"] = 0.8
    doc["sources"]["python_edit"] = "a source added between the runs"
    prostup.run(doc, replications=2, months=6, seed=1, catalog=pycat)
    prostup.run(doc, replications=2, months=6, seed=1)  # the default: not recorded
    pr = prostup.runs(pycat)
    check(len(pr) == 2, f"Python runs recorded: {len(pr)} (expected 2)")
    # Each recorded run keeps its own folder, which its entry names (it named a temporary
    # folder that was gone), and latest points at the second.
    folders = [Path(f) for f in pr["output_dir"]] if "output_dir" in pr else []
    check(len(folders) == 2 and folders[0] != folders[1]
          and all((f / "outcomes.csv").is_file() for f in folders),
          f"the recorded runs' folders: {list(pr.columns)} {folders}")
    # A recorded run that fails before writing leaves no reservation behind.
    try:
        prostup.run(doc, replications=2, months=6, variants=["no-such-variant"], catalog=pycat)
        check(False, "an unknown variant ran")
    except prostup.CommandError:
        pass
    left = sorted(p.name for p in (tmp / "prostup-out").rglob(".*.lock"))
    check(left == [], f"a failed recorded run left its reservation: {left}")
    latest = folders[1].parent / "latest" if folders else None
    check(latest is not None and latest.resolve() == folders[1].resolve(),
          f"latest does not point at the second recorded run: {latest}")
    text = prostup.run_diff(1, 2, catalog=pycat)
    check("changed  /profiles/single/comply/mean: 0.9 -> 0.8" in text
          and "added    /sources/python_edit" in text,
          f"the diff does not read as written:\n{text}")
    frame = prostup.run_diff(1, 2, catalog=pycat, as_frame=True)
    check({"mean_before", "mean_after", "mark", "cohort"} <= set(frame.columns)
          and set(frame["mark"]) <= {"▲", "▼", "=", ""} and len(frame) > 0,
          f"run_diff(as_frame=True): {list(frame.columns)}")
    check({"pointer": "/profiles/single/comply/mean", "before": 0.9, "after": 0.8}
          in frame.attrs["scenario"]["changes"], "the DataFrame's scenario changes")
    # attribute=True (--attribute): the distribution's change is one input, which alone explains
    # the whole change (the runs differ by nothing else that reaches the model: same seed and
    # replications); the added source changes no model and explains exactly 0.
    att = prostup.run_diff(1, 2, catalog=pycat, as_frame=True, attribute=True,
                           threads=1).attrs["attribution"]
    check(set(att["input"]) == {"/profiles/single/comply", "/sources/python_edit", "remainder"},
          f"the attribution's inputs: {sorted(set(att['input']))}")
    check((att[att.input == "/sources/python_edit"].explained == 0).all(), "a source explains 0")
    moved = att[(att.input == "/profiles/single/comply") & att.change.notna() & (att.change != 0)]
    check(len(moved) > 0 and ((moved.explained - moved.change).abs()
                              <= 1e-9 * moved.change.abs().clip(lower=1)).all(),
          f"the distribution's change does not explain the whole change:\n{moved}")
    try:
        prostup.run(doc, replications=2, months=6, catalog=3)
        check(False, "catalog=3 was accepted")
    except TypeError:
        pass
    try:
        prostup.runs(tmp / "missing.sqlite")
        check(False, "a missing catalog was read")
    except FileNotFoundError:
        check(not (tmp / "missing.sqlite").exists(), "reading created a catalog")

finally:
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("ok")

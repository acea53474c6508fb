# SPDX-License-Identifier: Apache-2.0
"""prostup for notebooks and scripts (docs/python.md).

Every function calls the library's use cases (the study layer) that the ``prostup`` command
calls, and its files come back in memory from the command's own writers, so a table here is
the CLI's CSV byte for byte (``Result.files``) and, parsed, a pandas DataFrame with exactly
the CSV's columns. Nothing is written where you can see it unless you call ``write(dir)`` or
record the run (``catalog=``).

    import prostup
    town = prostup.load("scenarios/default.json")
    result = prostup.run(town, replications=50, seed=1)
    result.outcomes            # pandas DataFrame, the columns of outcomes.csv
    result.write("out/today")  # exactly what `prostup run -o out/today` writes
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

try:
    from . import _core
except ImportError as _error:  # built for another interpreter: say so (prostup/_abi.py)
    from ._abi import explain as _explain

    raise ImportError(_explain(_error)) from None

__version__ = _core.version
CatalogError = _core.CatalogError

__all__ = [
    "CatalogError",
    "CommandError",
    "OptionError",
    "Scenario",
    "ScenarioError",
    "cohort",
    "load",
    "plan",
    "run",
    "run_diff",
    "run_outcomes",
    "runs",
    "sweep",
]


class ScenarioError(ValueError):
    """A scenario that does not validate. ``problems`` lists every one as
    ``(json_pointer, message)``; the message shows them all, one per line."""

    def __init__(self, source: str, problems: list[tuple[str, str]]):
        self.source = source
        self.problems = list(problems)
        lines = [f"{source}: {len(self.problems)} problem(s)"]
        lines += [f"  {p}: {m}" for p, m in self.problems]
        super().__init__("\n".join(lines))


class CommandError(RuntimeError):
    """A command that failed; ``exit_code`` is what ``prostup`` would have exited with
    (2 invalid input or options, 1 a runtime failure) and the message is its stderr."""

    def __init__(self, command: str, exit_code: int, message: str):
        self.command = command
        self.exit_code = exit_code
        super().__init__(message.strip() or f"prostup {command} failed (exit {exit_code})")


class OptionError(CommandError, ValueError):
    """An option outside the command line's limits (``months=0``, ``seed=-2``), refused before
    anything runs with the option's name; ``exit_code`` is 2, as the CLI's usage error."""


class Scenario:
    """A validated scenario: ``document`` is the JSON as a dict, ``name`` its name,
    ``path`` the file it came from (None for a dict), ``canonical`` the canonical JSON text
    (defaults written out) that the run catalog stores."""

    def __init__(self, text: str, path: str | None, source: str | None = None):
        self.text = text
        self.path = path
        # What the manifest and the catalog name as the scenario's path: the file, else
        # "(built-in default)" or "(dict)".
        self.source = path if path is not None else (source or "(dict)")
        self.document = json.loads(text)
        self.name = self.document.get("name", "")

    @property
    def canonical(self) -> str:
        return _core.canonical(self.text)

    def __repr__(self) -> str:
        where = self.path or "(dict)"
        return f"<prostup.Scenario {self.name!r} from {where}>"


def load(source=None) -> Scenario:
    """A scenario from a file path, a dict (the JSON document) or None (the built-in
    default). Raises ScenarioError listing every problem with its JSON pointer."""
    if source is None:
        text, path, label = _core.default_scenario(), None, "(built-in default)"
    elif isinstance(source, Scenario):
        return source
    elif isinstance(source, dict):
        text, path, label = json.dumps(source, ensure_ascii=False, indent=2), None, "(dict)"
    else:
        path = os.fspath(source)
        with open(path, "rb") as f:
            raw = f.read()
        label = path
        # The bytes as `prostup validate` reads them: invalid UTF-8 is a problem, not replaced.
        problems = _core.validate(raw)
        if problems:
            raise ScenarioError(label, problems)
        return Scenario(raw.decode("utf-8"), path)
    problems = _core.validate(text)
    if problems:
        raise ScenarioError(label, problems)
    return Scenario(text, path, label)


# Column types of every table, so that a column's type does not depend on its values (a
# column of whole numbers is still float where the CSV column is a real number).
_TEXT = {
    "town", "variant", "metric", "series", "from", "to", "kind", "baseline", "parameter",
    "stage", "profile", "entry_stage", "id", "cohort", "note", "figure", "best", "worst",
    "outcome", "payer", "option", "status", "flow", "from_or_to",
}
_INTEGER = {"month", "replications", "point", "parameter_set"}


def _pandas():
    """pandas, or an ImportError that names the interpreter lacking it (another Python first
    on PATH, e.g. pyenv's, has its own packages): not a bare "No module named 'pandas'"."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "prostup's tables are pandas DataFrames, and pandas does not import in %s "
            "(Python %d.%d): install it for that interpreter (pip install pandas; for Debian's "
            "/usr/bin/python3: apt-get install python3-pandas), or use one that has it (%s)"
            % (sys.executable, sys.version_info[0], sys.version_info[1], e)) from None
    return pandas


def _frame(data: bytes):
    pd = _pandas()

    header = data.split(b"\n", 1)[0].decode("utf-8").strip().split(",")
    dtype = {c: (str if c in _TEXT else "int64" if c in _INTEGER else "float64") for c in header}
    return pd.read_csv(io.BytesIO(data), dtype=dtype, keep_default_na=False, na_values=[""])


# The probabilistic sensitivity analysis' tables (docs/uncertainty.md): only in a run whose
# parameters carry distributions.
_PSA_TABLES = ("parameters", "ce_plane", "ceac", "evpi", "tornado")


class _Output:
    """The files a command wrote, kept in memory."""

    _tables: tuple[str, ...] = ()
    _command = ""

    def __init__(self, files: dict[str, bytes], scenario: Scenario):
        self.files = files
        self.scenario = scenario
        self._cache = {}

    def table(self, name: str):
        """The CSV file ``name`` (without .csv) as a DataFrame."""
        if name not in self._cache:
            key = name + ".csv"
            if key not in self.files:
                why = (" (written only when parameters carry distributions and the run is"
                       " not fixed_parameters=True)" if name in _PSA_TABLES else "")
                raise KeyError(f"no {key} in this {self._command}'s output{why}")
            self._cache[name] = _frame(self.files[key])
        return self._cache[name].copy()

    def __getattr__(self, name):
        if name in type(self)._tables:
            if name in _PSA_TABLES and name + ".csv" not in self.files:
                # An attribute error, so that hasattr(result, "ceac") answers False.
                raise AttributeError(f"no {name}.csv in this {self._command}'s output (written"
                                     " only when parameters carry distributions and the run is"
                                     " not fixed_parameters=True)")
            return self.table(name)
        raise AttributeError(name)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(type(self)._tables))

    @property
    def manifest(self) -> dict:
        return json.loads(self.files["manifest.json"])

    def write(self, directory, force: bool = False, report: bool = True) -> Path:
        """Writes exactly what the ``prostup`` command writes into ``directory``: the same
        files, and charts/ with report.html drawn from them (``report=False`` skips them, as
        ``--no-report``). Refuses a non-empty directory unless ``force``; the folder appears
        whole or not at all."""
        # The CLI's own output staging (docs/reliability.md, "Output directories"): a new
        # folder appears whole; an empty one (also ".", a symlink to one) is written in place;
        # a non-empty one is refused unless force, which replaces it as --force does; a file,
        # and the working directory or a folder above it, are never replaced.
        target = Path(directory)
        _core.write_files(os.fspath(target), self.files, bool(force),
                          bool(report and self._command in ("run", "sweep", "plan")))
        return target


class RunResult(_Output):
    """``prostup run``: outcomes, timeseries, flows, flows_yearly, flows_monthly, time_to_lease,
    comparison, equity,
    budget and, when parameters carry distributions, the PSA tables parameters, ce_plane, ceac,
    evpi and tornado (DataFrames with the CSV's columns; ``has_psa`` says whether they are
    there), ``results`` (results.json as a dict), ``manifest``."""

    _tables = ("outcomes", "timeseries", "flows", "flows_yearly", "flows_monthly", "time_to_lease",
               "comparison", "equity", "budget") + _PSA_TABLES

    @property
    def has_psa(self) -> bool:
        """True when the run drew parameter sets (the PSA tables exist)."""
        return "parameters.csv" in self.files
    _command = "run"

    @property
    def results(self) -> dict:
        return json.loads(self.files["results.json"])

    def __repr__(self):
        m = self.manifest
        return (f"<prostup.RunResult {m['scenario']['name']!r}: {m['replications']} replications"
                f" x {m['months']} months, seed {m['seed']}, variants {m['variants']}>")


class SweepResult(_Output):
    """``prostup sweep``: ``sweep`` (sweep.csv), ``points`` (sweep_points.json), manifest."""

    _tables = ("sweep",)
    _command = "sweep"

    @property
    def points(self) -> dict:
        return json.loads(self.files["sweep_points.json"])


class PlanResult(_Output):
    """``prostup plan``: ``plan`` (plan.json as a dict), ``answer`` (None when no value in
    the range meets the target), ``points`` (a DataFrame of the values tried, sorted)."""

    _command = "plan"

    @property
    def plan(self) -> dict:
        return json.loads(self.files["plan.json"])

    @property
    def answer(self):
        return self.plan["answer"]

    @property
    def points(self):
        pd = _pandas()

        return pd.DataFrame(self.plan["points_sorted"])


class CohortResult(_Output):
    """``prostup cohort``: cohort, cohort_summary, bottlenecks (DataFrames)."""

    _tables = ("cohort", "cohort_summary", "bottlenecks")
    _command = "cohort"


def _loaded(scenario) -> Scenario:
    sc = load(scenario)
    if sc.document != json.loads(sc.text):
        # The loaded scenario was edited (town.document[...] = ...): its edits are what runs,
        # validated as a dict is, not the file it was read from.
        sc = load(sc.document)
    return sc


def _call(command: str, scenario, options: dict, result_type):
    """A command through the study layer: the scenario's text goes in, the files come back
    in memory (no folder unless the run is recorded, catalog=)."""
    import warnings

    sc = _loaded(scenario)
    try:
        # The keywords are read through the options table (docs/options.md): a keyword the
        # command does not have is a TypeError, a value outside the option's range a
        # ValueError naming the option; None is the option's default.
        rc, err, files, _folder = getattr(_core, command)(sc.text, sc.source, dict(options))
    except ValueError as e:  # an option outside the CLI's limits
        raise OptionError(command, 2, f"prostup {command}: {e}") from None
    if rc != 0:
        raise CommandError(command, rc, err)
    if err.strip():
        warnings.warn(err.strip(), stacklevel=3)
    return result_type(files, sc)


def _signature(command: str):
    """The function's signature from the options table: the scenario, then the command's
    keywords (keyword-only) with the defaults of the command's own arguments (None: the
    scenario's value, or not given)."""
    import inspect

    params = [inspect.Parameter("scenario", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                default=None)]
    for keyword, default, required, _option in _core.options(command):
        params.append(inspect.Parameter(
            keyword, inspect.Parameter.KEYWORD_ONLY,
            default=inspect.Parameter.empty if required else default))
    return inspect.Signature(params)


def run(scenario=None, **options):
    """Simulates every town under the baseline and the variants (all of them when
    ``variants`` is None, only the baseline when it is ``[]``), as ``prostup run``; the
    keywords are its options (docs/options.md): ``replications``, ``seed``, ``threads``,
    ``months``, ``by_profile_series``, ``fixed_parameters``, ``inner_replications`` as
    ``--replications`` ... ``--inner-replications``, with their ranges. ``catalog``: None (the
    default) records nothing; True records the run in the catalog the command line uses
    ($PROSTUP_CATALOG, else prostup-out/catalog.sqlite), a path in that catalog; a recorded
    run keeps its files in prostup-out/NAME/RUN-ID (prostup-out/NAME/latest points at it), as
    the command line's do, and the catalog's entry names that folder. The GIL is
    released while it simulates; Ctrl-C (a notebook's interrupt) stops it with
    KeyboardInterrupt. Returns a RunResult."""
    variants = options.get("variants")
    if isinstance(variants, str):
        options["variants"] = [v for v in variants.split(",") if v]
    elif variants is not None and hasattr(variants, "__iter__"):
        options["variants"] = list(variants)  # a set, a generator; else the module refuses it
    if "catalog" in options:
        options["catalog"] = _catalog_option(options["catalog"])
    return _call("run", scenario, options, RunResult)


def _set_specs(set):
    """--set values from ["POINTER=FROM:TO:STEP", ...] or {pointer: (from, to, step)}."""
    if isinstance(set, str):
        return [set]
    if isinstance(set, dict):
        specs = []
        for pointer, r in set.items():
            if isinstance(r, str):
                specs.append(f"{pointer}={r}")
            else:
                specs.append(f"{pointer}=" + ":".join(str(x) for x in r))
        return specs
    return list(set)


def sweep(scenario=None, **options):
    """A grid of values with common random numbers, as ``prostup sweep``; the keywords are its
    options (docs/options.md). ``set`` is a dict {pointer: (from, to, step)} or a list of
    "POINTER=FROM:TO:STEP" (at least one). Every point runs the same parameter sets unless
    ``fixed_parameters``. Returns a SweepResult."""
    if options.get("set") is not None:
        options["set"] = _set_specs(options["set"])
    if "catalog" in options:
        options["catalog"] = _catalog_option(options["catalog"])
    return _call("sweep", scenario, options, SweepResult)


def plan(scenario=None, **options):
    """The smallest value that meets a target, as ``prostup plan``; the keywords are its
    options (docs/options.md): in at least ``assurance`` of the parameter sets, or with
    ``fixed_parameters`` with one-sided ``confidence`` of the mean. ``vary`` is
    "POINTER=LO:HI" or (pointer, lo, hi); ``target`` "METRIC>=VALUE" or "METRIC<=VALUE".
    Returns a PlanResult."""
    vary = options.get("vary")
    if vary is not None and not isinstance(vary, str):
        pointer, lo, hi = vary
        options["vary"] = f"{pointer}={lo}:{hi}"
    if "catalog" in options:
        options["catalog"] = _catalog_option(options["catalog"])
    return _call("plan", scenario, options, PlanResult)


def _catalog_option(catalog):
    """catalog= as the module takes it: None/False, True or a path (str)."""
    if catalog is None or isinstance(catalog, bool):
        return catalog
    if isinstance(catalog, (str, os.PathLike)):
        return os.fspath(catalog)
    raise TypeError(f"catalog={catalog!r}: a catalog path, True (the default catalog) or None "
                    "(not recorded)")


def cohort(scenario=None, **options):
    """Exact expected trajectories without capacity limits, as ``prostup cohort`` (no
    keywords: its options are the command line's only)."""
    return _call("cohort", scenario, options, CohortResult)


for _function in (run, sweep, plan, cohort):
    _function.__signature__ = _signature(_function.__name__)
del _function


# ---- the run catalog (docs/catalog.md) ----

def _catalog(path) -> str:
    """The catalog's path; reading never creates one."""
    path = _core.catalog_path("" if path is None else os.fspath(path))
    if not os.path.exists(path):
        raise FileNotFoundError(f"no catalog at {path} (runs record themselves there)")
    return path


def runs(catalog=None, scenario=None):
    """The runs recorded in the catalog (default: $PROSTUP_CATALOG, else
    prostup-out/catalog.sqlite) as a DataFrame, one row per run, oldest first."""
    pd = _pandas()

    rows = _core.catalog_runs(_catalog(catalog), scenario or "")
    columns = ["id", "recorded_at", "started_at", "command", "program_version",
               "scenario_name", "scenario_path", "scenario_sha256", "seed", "replications",
               "months", "variants", "output_dir", "details", "scenario_text", "scenario_source"]
    return pd.DataFrame(rows, columns=columns)


def run_outcomes(run_id: int, catalog=None):
    """One recorded run's outcomes table (mean and 95 % CI per town, variant, point and
    metric) as a DataFrame."""
    pd = _pandas()

    path = _catalog(catalog)
    if _core.catalog_run(path, int(run_id)) is None:
        raise KeyError(f"no run {run_id} in {path}")
    columns = ["run_id", "town", "variant", "cohort", "point", "metric", "unit", "headline",
               "mean", "ci_low", "ci_high", "replications"]
    frame = pd.DataFrame(_core.catalog_outcomes(path, int(run_id)), columns=columns)
    frame["point"] = frame["point"].astype("Int64")
    return frame


def run_diff(run_a: int, run_b: int, catalog=None, as_frame=False, attribute=False,
             replications=None, threads=0):
    """What `prostup runs diff A B` prints; with ``as_frame=True`` the outcomes part as a
    DataFrame (one row per town, variant, cohort, point and metric: both runs' mean and
    95 % interval, the change and the mark ▲ ▼ =), with the scenario's changes as written
    in ``frame.attrs["scenario"]`` and the settings in ``frame.attrs["settings"]``
    (`prostup runs diff --json`). ``attribute=True`` is ``--attribute`` (it simulates, with
    ``replications`` and ``threads`` as its options): the text with the attribution, or with
    ``as_frame=True`` the attribution as ``frame.attrs["attribution"]``, a DataFrame with
    one row per town, variant, cohort, metric and input (the remainder as input
    "remainder"): change, explained, ci_low, ci_high, share."""
    path = _catalog(catalog)
    if attribute:
        rc, err, out = _core.catalog_attribute(path, int(run_a), int(run_b), bool(as_frame),
                                               -1 if replications is None else int(replications),
                                               int(threads))
        if rc != 0:
            raise CommandError("runs", rc, err)
        if not as_frame:
            return out
        d = json.loads(out)
    elif not as_frame:
        return _core.catalog_diff(path, int(run_a), int(run_b))
    else:
        d = json.loads(_core.catalog_diff_json(path, int(run_a), int(run_b)))
    pd = _pandas()

    rows = []
    for o in d["outcomes"]:
        row = {k: o[k] for k in ("town", "variant", "cohort", "point", "metric", "unit")}
        for side in ("before", "after"):
            for k in ("mean", "ci_low", "ci_high"):
                row[f"{k}_{side}"] = o[side][k]
        row["change"] = o["change"]
        row["mark"] = o["mark"]
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[
        "town", "variant", "cohort", "point", "metric", "unit", "mean_before", "ci_low_before",
        "ci_high_before", "mean_after", "ci_low_after", "ci_high_after", "change", "mark"])
    frame["point"] = frame["point"].astype("Int64")
    frame.attrs["scenario"] = d["scenario"]
    frame.attrs["settings"] = d["settings"]
    if "attribution" in d:
        rows = []
        for o in d["attribution"]["outcomes"]:
            key = {k: o[k] for k in ("town", "variant", "cohort", "metric", "unit", "change")}
            for i in o["inputs"]:
                rows.append(dict(key, input=i["input"], explained=i["explained"],
                                 ci_low=i["ci_low"], ci_high=i["ci_high"], share=i["share"]))
            rows.append(dict(key, input="remainder", explained=o["remainder"], ci_low=None,
                             ci_high=None, share=o["remainder_share"]))
        frame.attrs["attribution"] = pd.DataFrame(rows, columns=[
            "town", "variant", "cohort", "metric", "unit", "change", "input", "explained",
            "ci_low", "ci_high", "share"])
    return frame

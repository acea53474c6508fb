# SPDX-License-Identifier: Apache-2.0
"""`pip install . --no-build-isolation` into a venv with the system's site packages, offline
(--no-index, with the system's setuptools), from a clean copy of the source; then the example
notebook's code cells run with the venv's python from a folder outside the source and build
trees. Checks: `pip show prostup` names numpy and pandas as requirements, and prostup and its
extension are imported from the venv's site-packages (nothing from the build tree or the copy).
The extension is not compiled again: PROSTUP_BUILD_DIR names this test's own build, which
setup.py builds as it is configured (a no-op when it is up to date).
Args: PROSTUP_BINARY SOURCE_DIR. Exit 77 = skipped."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import matplotlib  # noqa: F401  (the notebook plots)
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import setuptools  # noqa: F401
    import wheel  # noqa: F401
except ImportError as e:
    print(f"SKIP: the notebook and an offline pip install need the system's {e.name}")
    sys.exit(77)
if sys.prefix != sys.base_prefix:
    print(f"SKIP: {sys.executable} is a venv's; a venv made from it would not see its packages")
    sys.exit(77)
if subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode:
    print(f"SKIP: {sys.executable} has no pip")
    sys.exit(77)

SRC = Path(sys.argv[2]).resolve()
build = Path(sys.argv[1]).resolve().parent
while not (build / "CMakeCache.txt").is_file() and build != build.parent:
    build = build.parent


def fail(msg: str):
    print("FAIL: " + msg)
    sys.exit(1)


def run(args, **kw):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kw)
    if r.returncode != 0:
        fail("%s exited %d:\n%s%s" % (" ".join(map(str, args)), r.returncode,
                                       r.stdout[-3000:], r.stderr[-3000:]))
    return r.stdout


# Nothing of the build tree reaches the venv's python (ctest puts build/python on PYTHONPATH),
# nor the user's site or pip configuration.
env = {k: v for k, v in os.environ.items()
       if not k.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV", "PROSTUP_"))}
env.update(PYTHONNOUSERSITE="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1",
           PIP_CONFIG_FILE=os.devnull, MPLBACKEND="Agg")

with tempfile.TemporaryDirectory(prefix="prostup-pip-") as tmp:
    tmp = Path(tmp)
    # A clean copy: what a fresh clone holds, without build folders or earlier outputs.
    copy = tmp / "src"
    skip = {".git", "prostup-out", "out"}
    shutil.copytree(SRC, copy, symlinks=True, ignore=lambda d, names: [
        n for n in names if n.endswith(".egg-info") or n == "__pycache__"
        or (Path(d) == SRC and (n in skip or n.startswith("build")))])
    venv = tmp / "venv"
    t0 = time.monotonic()
    run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv], env=env)
    py = venv / "bin" / "python"
    pip_env = dict(env, PROSTUP_BUILD_DIR=str(build))
    run([py, "-m", "pip", "install", "--no-build-isolation", "--no-index", copy], env=pip_env,
        cwd=tmp)
    took = time.monotonic() - t0

    show = run([py, "-m", "pip", "show", "prostup"], env=env, cwd=tmp)
    fields = dict(line.split(":", 1) for line in show.splitlines() if ":" in line)
    requires = {r.strip().lower() for r in fields.get("Requires", "").split(",") if r.strip()}
    if not {"numpy", "pandas"} <= requires:
        fail(f"pip show prostup: Requires is {sorted(requires)}, not numpy and pandas:\n{show}")
    location = Path(fields.get("Location", "").strip()).resolve()
    if venv.resolve() not in location.parents:
        fail(f"pip show prostup: Location {location} is not in the venv {venv}")

    # The notebook's code cells as one script, in a folder outside both trees; then where
    # every module it loaded came from.
    nb = SRC / "examples" / "jirkov_training_flats.ipynb"
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    code += """

import json as _json, sys as _sys
_files = sorted({getattr(m, "__file__", None) or "" for m in list(_sys.modules.values())})
print(_json.dumps({"prostup": prostup.__file__, "core": prostup._core.__file__,
                   "files": _files, "written": sorted(p.name for p in out.iterdir())}))
"""
    work = tmp / "notebook"
    work.mkdir()
    (work / "notebook.py").write_text(code, encoding="utf-8")
    nb_env = dict(env, PROSTUP_EXAMPLE_REPLICATIONS="3", PROSTUP_SCENARIOS=str(copy / "scenarios"),
                  PROSTUP_CATALOG=str(tmp / "catalog.sqlite"))
    t1 = time.monotonic()
    got = json.loads(run([py, "notebook.py"], env=nb_env, cwd=work).splitlines()[-1])
    took_nb = time.monotonic() - t1
    site = location
    for key in ("prostup", "core"):
        if site not in Path(got[key]).resolve().parents:
            fail(f"prostup's {key} was imported from {got[key]}, not the venv's {site}")
    trees = [build, copy.resolve(), SRC]
    leaked = [f for f in got["files"] if f and any(
        t == Path(f).resolve() or t in Path(f).resolve().parents for t in trees)]
    if leaked:
        fail(f"the notebook loaded files from the build or source tree: {leaked}")
    if "report.html" not in got["written"]:
        fail(f"the notebook's last cell wrote {got['written']}, no report.html")
    print(f"ok: pip install (venv, offline, reusing {build}) took {took:.1f} s; the notebook "
          f"ran in {took_nb:.1f} s with prostup from {site}; Requires: "
          f"{fields['Requires'].strip()}")

# SPDX-License-Identifier: Apache-2.0
"""Every examples/*.ipynb runs from top to bottom without an error (docs/python.md): in a
Jupyter kernel through nbclient when it is installed, otherwise its code cells as one script.
Headless (matplotlib's Agg backend), 3 replications, in a temporary folder.
Args: PROSTUP_BINARY SOURCE_DIR. Exit 77 = skipped."""

import json
import os
import sys
import tempfile
from pathlib import Path

try:
    import matplotlib
    import pandas  # noqa: F401
    import prostup  # noqa: F401
except ImportError as e:
    print(f"SKIP: cannot import the prostup module, pandas and matplotlib: {e}")
    sys.exit(77)

matplotlib.use("Agg")
SRC = Path(sys.argv[2])
os.environ.update(MPLBACKEND="Agg", PROSTUP_EXAMPLE_REPLICATIONS="3",
                  PROSTUP_SCENARIOS=str(SRC / "scenarios"))
notebooks = sorted((SRC / "examples").glob("*.ipynb"))
if not notebooks:
    print("FAIL: no examples/*.ipynb")
    sys.exit(1)

try:
    import nbformat
    from jupyter_client.kernelspec import find_kernel_specs
    from nbclient import NotebookClient

    use_kernel = "python3" in find_kernel_specs()
except ImportError:
    use_kernel = False

for path in notebooks:
    with tempfile.TemporaryDirectory(prefix="prostup-nb-") as tmp:
        if use_kernel:
            nb = nbformat.read(path, as_version=4)
            NotebookClient(nb, timeout=120, kernel_name="python3",
                           resources={"metadata": {"path": tmp}}).execute()
            last = json.dumps(nb.cells[-1].get("outputs", []))
            how = "in a Jupyter kernel (nbclient)"
        else:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
            cwd = os.getcwd()
            os.chdir(tmp)
            scope = {}
            try:
                exec(compile(code, str(path), "exec"), scope)
            finally:
                os.chdir(cwd)
            last = repr(scope.get("out") and sorted(p.name for p in scope["out"].iterdir()))
            how = "as a script (nbclient is not installed)"
        if "report.html" not in last:
            print(f"FAIL: {path.name}: the last cell did not list the written report: {last}")
            sys.exit(1)
        print(f"ok: {path.name} ran {how}")

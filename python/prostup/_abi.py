# SPDX-License-Identifier: Apache-2.0
"""Why ``prostup._core`` did not import: names the interpreter running and the one the
extension was built for, instead of Python's misleading "partially initialized module ...
(most likely due to a circular import)"."""

from __future__ import annotations

import re
import sys
from pathlib import Path


def explain(error: BaseException) -> str:
    here = Path(__file__).resolve().parent
    running = "%d.%d" % sys.version_info[:2]
    built = sorted(p.name for p in here.glob("_core*.so"))
    versions = []
    for name in built:
        m = re.search(r"cpython-(\d)(\d+)", name)
        if m:
            versions.append("%s.%s" % (m.group(1), m.group(2)))
    where = "%s (Python %s, %s)" % (sys.executable, running, sys.implementation.cache_tag)
    if not built:
        return ("prostup's compiled extension (_core*.so) is missing from %s: build it "
                "(cmake --build build --target prostup_python) or install the package; "
                "the running interpreter is %s. (%s)" % (here, where, error))
    if versions and running not in versions:
        return ("prostup was built for Python %s but this is %s: run it with Python %s "
                "(the interpreter CMake was configured with), or rebuild prostup for this one "
                "(cmake -S . -B build -DPython_EXECUTABLE=%s, or pip install . "
                "--no-build-isolation with it). Extension: %s" %
                (", ".join(versions), where, versions[0], sys.executable,
                 ", ".join(str(here / b) for b in built)))
    return "prostup's extension %s does not load in %s: %s" % (
        ", ".join(str(here / b) for b in built), where, error)

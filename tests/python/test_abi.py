# SPDX-License-Identifier: Apache-2.0
"""`import prostup` with an interpreter the extension was not built for names both versions
(python/prostup/_abi.py) instead of Python's "partially initialized module ... (most likely
due to a circular import)". Simulated: a copy of the package whose only extension is tagged
cpython-399 (Python 3.99). Args: PROSTUP_BINARY SOURCE_DIR. Exit 77 = skipped."""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

src = Path(sys.argv[2])
running = "%d.%d" % sys.version_info[:2]
with tempfile.TemporaryDirectory() as tmp:
    pkg = Path(tmp) / "prostup"
    pkg.mkdir()
    for f in ("__init__.py", "_abi.py"):
        shutil.copy(src / "python" / "prostup" / f, pkg / f)
    (pkg / "_core.cpython-399-x86_64-linux-gnu.so").write_bytes(b"not a library")
    r = subprocess.run([sys.executable, "-c", "import prostup"], cwd=tmp, text=True,
                       capture_output=True, env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"})
    message = r.stderr.strip().split("\n")[-1]
    if r.returncode == 0:
        print("FAIL: import prostup worked with no extension for this interpreter")
        sys.exit(1)
    problems = [w for w in ("built for Python 3.99", "Python " + running, sys.executable)
                if w not in message]
    if "circular import" in message or problems:
        print("FAIL: the message does not name both versions (%s): %s" % (problems, message))
        sys.exit(1)
print("PASS: " + message[:160])

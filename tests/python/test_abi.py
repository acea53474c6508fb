# SPDX-License-Identifier: Apache-2.0
"""`import prostup` with an interpreter the extension was not built for names both versions
(python/prostup/_abi.py) instead of Python's "partially initialized module ... (most likely
due to a circular import)". Simulated: a copy of the package whose only extension is tagged
cpython-399 (Python 3.99). Likewise a table read where pandas does not import names the
interpreter, not only "No module named 'pandas'" (simulated with the built module and pandas
blocked). Args: PROSTUP_BINARY SOURCE_DIR. Exit 77 = skipped."""

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

# A table without pandas (another Python first on PATH): the message names the interpreter.
code = """
import sys
sys.modules["pandas"] = None  # import pandas raises ImportError
try:
    import prostup
except ImportError as e:
    print("SKIP", e)
    sys.exit(0)
try:
    prostup._frame(b"town,mean\\njirkov,1\\n")
except ImportError as e:
    print(e)
"""
r = subprocess.run([sys.executable, "-c", code], text=True, capture_output=True)
message = r.stdout.strip()
if message.startswith("SKIP"):
    print("note: the built module does not import here, the pandas message is not checked")
elif r.returncode != 0 or "pandas" not in message or sys.executable not in message:
    print("FAIL: a table without pandas: %r %s" % (message, r.stderr[-500:]))
    sys.exit(1)
else:
    print("PASS: " + message[:160])

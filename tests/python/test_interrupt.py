# SPDX-License-Identifier: Apache-2.0
"""Ctrl-C in a notebook or script (docs/python.md): SIGINT during prostup.run stops the
workers within moments as KeyboardInterrupt, Python's own SIGINT handler is back afterwards,
and the next run works. Args: PROSTUP_BINARY SOURCE_DIR. Exit 77 = skipped."""

import os
import signal
import sys
import threading
import time
from pathlib import Path

try:
    import prostup
except ImportError as e:  # the module is not built here
    print(f"SKIP: cannot import the prostup module: {e}")
    sys.exit(77)

FIX = str(Path(sys.argv[2]) / "tests" / "fixtures" / "small.json")
before = signal.getsignal(signal.SIGINT)
threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
t0 = time.monotonic()
try:  # many minutes of work (5 towns x 4 models x 5000 replications x 600 months)
    prostup.run(None, replications=5000, months=600, threads=2)
    print("FAIL: the long run was not interrupted")
    sys.exit(1)
except KeyboardInterrupt:
    took = time.monotonic() - t0
if took > 5:
    print(f"FAIL: the interrupt took {took:.1f} s")
    sys.exit(1)
if signal.getsignal(signal.SIGINT) is not before:
    print("FAIL: Python's SIGINT handler was not restored")
    sys.exit(1)
r = prostup.run(FIX, replications=2, months=6)
if b"reached_lease_share" not in r.files["outcomes.csv"]:
    print("FAIL: no run after the interrupt")
    sys.exit(1)
print(f"ok (stopped {took:.2f} s after the start, the signal at 0.3 s)")

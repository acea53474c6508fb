# SPDX-License-Identifier: Apache-2.0
"""Two runs in two threads overlap in time (docs/python.md, issue 27): the module holds no
global lock, so a short run finishes while a long one in another thread is still running; a
SIGINT then stops the long one (exit 130 in its thread, KeyboardInterrupt in the main thread).
Args: PROSTUP_BINARY SOURCE_DIR. Exit 77 = skipped."""

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
long_result = {}


def long_run():
    try:  # many minutes of work: 5 towns x 4 models x 5000 replications x 600 months
        prostup.run(None, replications=5000, months=600, threads=1)
        long_result["result"] = "finished"
    except BaseException as e:  # noqa: BLE001 - what reached the thread is the result
        long_result["result"] = e


short_result = {}


def short_run():
    t0 = time.monotonic()
    r = prostup.run(FIX, replications=2, months=6, threads=1)
    short_result["seconds"] = time.monotonic() - t0
    short_result["ok"] = b"reached_lease_share" in r.files["outcomes.csv"]


failures = []
long_thread = threading.Thread(target=long_run)
long_thread.start()
time.sleep(1.0)  # the long run is simulating
short_thread = threading.Thread(target=short_run)
short_thread.start()
short_thread.join(120)
if short_thread.is_alive() or not short_result.get("ok"):
    failures.append("the short run did not finish beside the long one (a global lock?)")
if not long_thread.is_alive():
    failures.append(f"the long run ended before the short one: {long_result.get('result')!r}")
main_got = False
try:
    os.kill(os.getpid(), signal.SIGINT)
    long_thread.join(30)
    time.sleep(0.1)  # Python runs the handler between bytecodes
except KeyboardInterrupt:
    main_got = True
    long_thread.join(30)
got = long_result.get("result")
if not main_got:
    failures.append("Ctrl-C did not reach the main thread")
if not (isinstance(got, prostup.CommandError) and got.exit_code == 130):
    failures.append(f"the long run's thread got {got!r}, expected CommandError exit 130")
for f in failures:
    print("FAIL:", f)
if failures:
    sys.exit(1)
print(f"ok (the short run took {short_result['seconds']:.2f} s beside the long one)")

# SPDX-License-Identifier: Apache-2.0
"""The Python module keeps the CLI's promises (issue 30; docs/reliability.md): an empty sweep
grid is refused (it crashed the interpreter); write() never deletes a user's folder or file
(".", ".." and a file with force=True) and writes into an empty folder, or one behind a
symlink, in place; out-of-range options are refused with the CLI's option name; load()
refuses invalid UTF-8 as validate does; Ctrl-C while a worker thread runs a command goes to
the main thread; SIGTERM leaves no temporary folder. Args: PROSTUP_BINARY SOURCE_DIR.
Exit 77 = skipped."""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

try:
    import prostup
    from prostup import _core
except ImportError as e:  # the module is not built here
    print(f"SKIP: cannot import the prostup module: {e}")
    sys.exit(77)

SRC = Path(sys.argv[2])
FIX = str(SRC / "tests" / "fixtures" / "small.json")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def raises(exc, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except exc as e:
        return e
    return None


tmp = Path(tempfile.mkdtemp(prefix="prostup-safety-"))
cwd = os.getcwd()
try:
    # 1. An empty grid: refused by Python, and by the module when called directly.
    for empty in ((), {}, []):
        e = raises(ValueError, prostup.sweep, FIX, set=empty)
        check(e is not None and "set" in str(e), f"sweep(set={empty!r}) was not refused")
    e = raises(ValueError, _core.sweep, FIX, str(tmp / "g"), {"set": []})
    check(e is not None and "--set" in str(e) and not (tmp / "g").exists(),
          f"the library ran an empty grid: {e!r}")

    # 2. write(): never deletes; "." in an empty folder and a symlink to one are written in place.
    r = prostup.run(FIX, replications=2, months=3, seed=1)
    work = tmp / "work"
    (work / "sub").mkdir(parents=True)
    (work / "keep.txt").write_text("mine")
    (work / "notes.txt").write_text("notes")
    os.chdir(work / "sub")
    (work / "sub" / "x.txt").write_text("x")
    for target in (".", ".."):
        e = raises(FileExistsError, r.write, target, force=True)
        check(e is not None, f"write({target!r}, force=True) was not refused")
    check((work / "sub" / "x.txt").exists() and (work / "keep.txt").read_text() == "mine",
          "write('.'/'..', force=True) deleted files")
    os.chdir(work)
    e = raises(FileExistsError, r.write, "notes.txt", force=True)
    check(e is not None and (work / "notes.txt").read_text() == "notes",
          "write('notes.txt', force=True) replaced a file")
    (work / "empty").mkdir()
    inode = (work / "empty").stat().st_ino
    r.write(work / "empty", report=False)
    check((work / "empty").stat().st_ino == inode and (work / "empty" / "outcomes.csv").exists(),
          "write() replaced an empty folder instead of writing into it")
    (work / "empty2").mkdir()
    (work / "link").symlink_to(work / "empty2")
    r.write(work / "link", report=False)
    check((work / "link").is_symlink() and (work / "empty2" / "outcomes.csv").exists(),
          "write() onto a symlink to an empty folder failed or replaced the link")
    os.chdir(work / "empty2")
    e = raises(FileExistsError, r.write, ".", force=True)
    check(e is not None and (work / "empty2" / "outcomes.csv").exists(),
          "write('.', force=True) replaced the working directory")
    os.chdir(cwd)

    # 7. Options out of the CLI's range name the option, as the CLI does.
    for kwargs, option in (({"months": 0}, "--months"), ({"replications": -1}, "--replications"),
                           ({"seed": -2}, "--seed"), ({"threads": -1}, "--threads"),
                           ({"months": 601}, "--months")):
        e = raises(ValueError, prostup.run, FIX, **kwargs)
        check(e is not None and option in str(e), f"run(**{kwargs}) was not refused: {e}")
    e = raises(ValueError, prostup.sweep, FIX, set={"/towns/jirkov/capacity/lease": (20, 30, 10)},
               months=0)
    check(e is not None and "--months" in str(e), "sweep(months=0) was not refused")

    # load(): invalid UTF-8 is a problem, as `prostup validate` says.
    bad = tmp / "latin1.json"
    bad.write_bytes(Path(FIX).read_bytes().replace("Malý".encode(), "Mal\xfd".encode("latin-1")))
    e = raises(prostup.ScenarioError, prostup.load, bad)
    check(e is not None and "UTF-8" in str(e), f"load() accepted invalid UTF-8: {e}")

    # Ctrl-C while another thread runs a command: KeyboardInterrupt in the main thread, the
    # command stopped with CommandError (exit 130) in its own thread.
    outcome = {}

    def worker():
        try:
            prostup.run(None, replications=5000, months=600, threads=2)
            outcome["result"] = "finished"
        except BaseException as e:  # noqa: BLE001 - what reached the worker is the result
            outcome["result"] = e

    t = threading.Thread(target=worker)
    t.start()
    time.sleep(0.5)
    main_got = False
    try:
        os.kill(os.getpid(), signal.SIGINT)  # the main thread's KeyboardInterrupt comes at once
        t.join(20)
        time.sleep(0.1)  # Python runs the handler between bytecodes
    except KeyboardInterrupt:
        main_got = True
        t.join(20)
    got = outcome.get("result")
    check(main_got, f"Ctrl-C did not reach the main thread (the worker got {got!r})")
    check(isinstance(got, prostup.CommandError) and got.exit_code == 130,
          f"the worker thread got {got!r}, expected CommandError exit 130")

    # SIGTERM: the process ends by SIGTERM and its temporary folder is gone.
    private = tmp / "tmpdir"
    private.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import prostup, sys; print('go', flush=True); "
         "prostup.run(None, replications=5000, months=600, threads=2)"],
        env={**os.environ, "TMPDIR": str(private)}, stdout=subprocess.PIPE)
    child.stdout.readline()
    for _ in range(200):  # the command has made its temporary folder: it is running
        if any(private.iterdir()):
            break
        time.sleep(0.05)
    time.sleep(0.5)
    child.send_signal(signal.SIGTERM)
    child.wait(30)
    check(child.returncode == -signal.SIGTERM, f"SIGTERM: exit {child.returncode}")
    left = list(private.iterdir())
    check(not left, f"SIGTERM left {left}")
finally:
    os.chdir(cwd)
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("ok")

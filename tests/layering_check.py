#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks the layering of sim/ (docs/architecture.md) from the real compile commands.

For every source of a layer it asks the compiler which headers the file pulls in (-M, with the
file's own flags from compile_commands.json) and fails if a header of a library that layer must
not use appears. Include directories alone cannot enforce this on Debian: nlohmann/json, TBB and
CLI11 live in /usr/include, on every target's path.

Usage: layering_check.py BUILD_DIR SOURCE_DIR
"""
import json
import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

# Header path fragments each layer may not reach, directly or through another header.
FORBIDDEN = {
    "model": ["nlohmann/", "/tbb/", "oneapi/", "/CLI/", "mpi.h", "/Eigen/"],
    "core": ["nlohmann/", "/tbb/", "oneapi/", "/CLI/", "mpi.h"],
    "scenario": ["/tbb/", "oneapi/", "/CLI/", "mpi.h"],
    "run": ["nlohmann/", "/CLI/"],
    "output": ["/tbb/", "oneapi/", "/CLI/", "mpi.h"],
    # The use cases: no argument parsing, nothing of the command line's (its private headers:
    # signals, the progress bar, the exit codes) and no public CLI header.
    "study": ["/CLI/", "/sim/app/", "prostup/cli.hpp", "prostup/command_line.hpp"],
    "app": ["/CLI/"],  # only command_line.cpp parses arguments
}

# What a layer's sources may not call, read from the source text: the study layer prints
# nothing on standard output (the commands print; a library caller gets results).
FORBIDDEN_CALLS = {
    "study": ["std::cout", "printf(", "puts(", "putchar("],
}


def headers_of(entry):
    args = shlex.split(entry["command"]) if "command" in entry else list(entry["arguments"])
    out = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a == "-c":
            continue
        out.append(a)
    if out and os.path.basename(out[0]) == "ccache":
        out = out[1:]
    res = subprocess.run(out + ["-M"], cwd=entry["directory"], capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"layering_check: cannot list the headers of {entry['file']}:\n{res.stderr}")
    return res.stdout.replace("\\\n", " ").split()[1:]


def main():
    build, source = sys.argv[1], os.path.realpath(sys.argv[2])
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    sim = os.path.join(source, "sim") + os.sep
    problems, todo = [], []
    for e in entries:
        path = os.path.realpath(os.path.join(e["directory"], e["file"]))
        if not path.startswith(sim):
            continue
        layer = os.path.relpath(path, sim).split(os.sep)[0]
        if layer not in FORBIDDEN:
            problems.append(f"{path}: not in a layer folder ({', '.join(FORBIDDEN)})")
            continue
        if layer == "app" and os.path.basename(path) == "command_line.cpp":
            continue
        todo.append((e, path, layer))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        listed = list(pool.map(lambda t: headers_of(t[0]), todo))
    for (e, path, layer), headers in zip(todo, listed):
        for bad in FORBIDDEN[layer]:
            hits = [h for h in headers if bad in h]
            if hits:  # the first is enough to find the include; the count says how deep
                problems.append(f"sim/{os.path.relpath(path, sim)} ({layer}) reaches {hits[0]}"
                                f" ({len(hits)} headers matching '{bad}')")
    for e, path, layer in todo:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for call in FORBIDDEN_CALLS.get(layer, []):
            for n, line in enumerate(text.splitlines(), 1):
                code = line.split("//")[0]
                # snprintf/fprintf(stderr...) are not printing on standard output, and a
                # name that only ends in the call (write_calibration_outputs() is no puts()).
                if call == "printf(":
                    hit = call in code and not ("snprintf(" in code or "fprintf(stderr" in code)
                else:
                    hit = re.search(r"(?<![A-Za-z0-9_])" + re.escape(call), code) is not None
                if hit:
                    problems.append(f"sim/{os.path.relpath(path, sim)}:{n} ({layer}) calls {call}")
    checked = len(todo)
    if checked == 0:
        sys.exit("layering_check: no sources of sim/ in compile_commands.json")
    for p in problems:
        print(p)
    print(f"layering_check: {checked} sources checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: Apache-2.0
"""The docs run as written: every fenced ``sh`` block of README.md and docs/*.md, in that
order (README first, then docs/ by name), runs in a fresh copy of the source tree after the
README's set-up (``scripts/quickstart.sh``: its build is the build directory under test,
linked as ``build/``; its run of the default scenario is repeated in the copy, with 8
replications), with the outputs the docs promise checked. ``console`` blocks are transcripts: their ``$ `` lines
run too, and each line of the transcript's output must appear in the real output.

A block is classified by HTML comments on the lines right above its fence:

  <!-- docs-run: skip (REASON) -->        not run; printed as skipped with the reason
  <!-- docs-run: expect REGEX -->         its output must have a line matching REGEX
  <!-- docs-run: replications N (REASON) -->
        its ``build/prostup run|sweep|plan`` commands run with ``--replications N``
        (a full-size run the docs show, too long for the suite); outputs are then not compared
  <!-- docs-run: ignore REGEX -->         transcript lines matching REGEX are not compared
                                          (wall times)

Usage: docs_run.py PROSTUP_BINARY SOURCE_DIR (DOCS_RUN_ONLY=REGEX: only the blocks whose
"file:line" matches, e.g. while fixing one document; their IDs and folders may then differ). Exit 0 when every block ran and kept its
promises, 1 otherwise (each failure with its file, line, command and output).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BLOCK_TIMEOUT = 120
MARKER = re.compile(r"^\s*<!--\s*docs-run:\s*(\w+)\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)```\s*([\w-]*)\s*$")


class Block:
    def __init__(self, path, line, lang, text, markers):
        self.path, self.line, self.lang, self.text = path, line, lang, text
        self.markers = markers  # [(kind, argument)]

    def where(self):
        return "%s:%d" % (self.path, self.line)

    def marker(self, kind):
        return [a for k, a in self.markers if k == kind]


def blocks_of(src, rel):
    lines = (src / rel).read_text(encoding="utf-8").split("\n")
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, lang = m.group(1), m.group(2)
        j = i + 1
        while j < len(lines) and not re.match(r"^\s*```\s*$", lines[j]):
            j += 1
        markers, k = [], i - 1
        while k >= 0 and MARKER.match(lines[k]):
            mm = MARKER.match(lines[k])
            markers.insert(0, (mm.group(1), mm.group(2)))
            k -= 1
        body = [l[len(indent):] if l.startswith(indent) else l for l in lines[i + 1:j]]
        if lang in ("sh", "console"):
            out.append(Block(rel, i + 1, lang, "\n".join(body), markers))
        i = j + 1
    return out


def transcript(text):
    """A console block: (commands as one script, expected output lines)."""
    commands, expected, cont = [], [], False
    for line in text.split("\n"):
        if cont or line.startswith("$ "):
            commands.append(line[2:] if line.startswith("$ ") and not cont else line)
            cont = line.rstrip().endswith("\\")
        else:
            expected.append(line)
    return "\n".join(commands), expected


def with_replications(script, n):
    return re.sub(r"(^|\n)(\s*(?:\$ )?build/prostup (?:run|sweep|plan))\b",
                  r"\1\2 --replications %s" % n, script)


# A run folder's RUN-ID (prostup-out/NAME/20261207-160512/, "-02" for a second run in the
# same second) is the time of the run: a transcript's and the real one compare as equal.
RUN_ID = re.compile(r"\b\d{8}-\d{6}(?:-\d{2})?\b")


def norm(line):
    return " ".join(RUN_ID.sub("RUN-ID", line).split())


def main():
    binary, src = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    build = binary.parent
    docs = ["README.md"] + sorted("docs/" + p.name for p in (src / "docs").glob("*.md"))
    blocks = [b for rel in docs for b in blocks_of(src, rel)]
    only = os.environ.get("DOCS_RUN_ONLY")  # a regex on "file:line", to try one doc's blocks
    if only:
        blocks = [b for b in blocks if re.search(only, b.where())]
    work = Path(tempfile.mkdtemp(prefix="prostup-docs-"))
    failures, ran, skipped = [], 0, 0
    start = time.time()
    try:
        tree = work / "prostup"
        top = re.compile(r"^(\.git|build.*|prostup-out|out|dist)$")

        def ignore(folder, names):  # build trees and outputs at the top; caches anywhere
            at_top = Path(folder) == src
            return [n for n in names if n == "__pycache__" or n.startswith("corpus-")
                    or (at_top and top.match(n))]

        shutil.copytree(src, tree, symlinks=True, ignore=ignore)
        (tree / "build").symlink_to(build)
        env = dict(os.environ)
        # as a user's shell would have it: the catalog in prostup-out/ of the copy
        for k in ("PROSTUP_CATALOG", "PROSTUP_SANITIZE"):
            env.pop(k, None)
        env["MPLBACKEND"] = "Agg"
        env["HOME"] = str(work / "home")
        (work / "home").mkdir()
        # the set-up's own run (scripts/quickstart.sh ends with it): run 1 of the catalog and
        # prostup-out/default/RUN-ID/, which no block reads, so with fewer replications
        r = subprocess.run(["build/prostup", "run", "--quiet", "--replications", "8"],
                           cwd=tree, env=env,
                           capture_output=True, text=True, timeout=BLOCK_TIMEOUT)
        if r.returncode != 0:
            failures.append("set-up run (scripts/quickstart.sh's build/prostup run) "
                            "exited %d:\n%s%s" % (r.returncode, r.stdout, r.stderr))
        python_built = (build / "python" / "prostup" / "__init__.py").exists()
        for b in blocks:
            skip = b.marker("skip")
            if skip:
                print("SKIP %s: %s" % (b.where(), skip[0].strip("() ")))
                skipped += 1
                continue
            if "PYTHONPATH=build/python" in b.text and not python_built:
                print("SKIP %s: the Python module is not built here (PROSTUP_PYTHON off)"
                      % b.where())
                skipped += 1
                continue
            script, expected = (b.text, []) if b.lang == "sh" else transcript(b.text)
            reps = b.marker("replications")
            if reps:
                script = with_replications(script, reps[0].split()[0])
                expected = []
            t = time.time()
            try:
                r = subprocess.run(["sh", "-e", "-c", script], cwd=tree, env=env,
                                   capture_output=True, text=True, timeout=BLOCK_TIMEOUT)
                code, out = r.returncode, r.stdout + r.stderr
            except subprocess.TimeoutExpired as e:
                code, out = "timeout after %d s" % BLOCK_TIMEOUT, str(e.stdout or "")
            ran += 1
            print("RUN  %s (%s, %.1f s)%s" % (b.where(), b.lang, time.time() - t,
                  " --replications " + reps[0].split()[0] if reps else ""))
            problems = []
            if code != 0:
                problems.append("exited %s" % code)
            for rx in b.marker("expect"):
                if not re.search(rx, out, re.M):
                    problems.append("no line matches %r" % rx)
            ignore = [re.compile(rx) for rx in b.marker("ignore")]
            have = [norm(l) for l in out.split("\n")]
            for line in expected:
                if not line.strip() or any(rx.search(line) for rx in ignore):
                    continue
                if norm(line) not in have:
                    problems.append("the transcript's line is not in the output: %s" % line)
            if problems:
                failures.append("%s: %s\n--- script:\n%s\n--- output:\n%s" % (
                    b.where(), "; ".join(problems), script, out[-4000:]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d blocks run, %d skipped, %d failed, %.1f s" % (ran, skipped, len(failures),
                                                           time.time() - start))
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

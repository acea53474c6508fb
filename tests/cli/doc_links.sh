#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The docs stand alone: every link and every file name that README.md and docs/*.md mention
# exists in the repository, and none points outside it (../shared, /work/..., /home/...).
# Args: $1 = prostup binary (unused), $2 = source directory.
set -u
src=$2
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not found"; exit 77; }
python3 - "$src" <<'PY'
import os, re, sys
src = sys.argv[1]
files = [os.path.join(src, "README.md")] + sorted(
    os.path.join(src, "docs", f) for f in os.listdir(os.path.join(src, "docs")) if f.endswith(".md"))
bad = []
link = re.compile(r"\]\(([^)\s]+)\)")
# A file name in backticks or bare text: a path or name ending in a known extension.
name = re.compile(r"(?<![\w./-])((?:[\w.-]+/)*[\w.-]+\.(?:md|json|sh|cpp|hpp|py|csv|txt|svg|html|cmake))(?![\w/-])")
def exists(ref, base):
    ref = ref.split("#")[0]
    if not ref:
        return True
    cands = [os.path.join(base, ref), os.path.join(src, ref), os.path.join(src, "docs", ref)]
    return any(os.path.exists(c) for c in cands)
# Outputs prostup writes and names of files made by the reader (not in the repository).
written = re.compile(r"^(?:[\w-]+\.(?:csv|json|svg|html|txt)|charts/|prostup-out/|out/|build/|results\.json|report\.html|manifest\.json|.*<.*|.*\b[A-Z]{2,}\.\w+$)")
for path in files:
    base = os.path.dirname(path)
    text = open(path, encoding="utf-8").read()
    for n, line in enumerate(text.splitlines(), 1):
        where = "%s:%d" % (os.path.relpath(path, src), n)
        if re.search(r"(\.\./shared|/work/|/home/|/tmp/[\w-]+\.md)", line):
            bad.append("%s: points outside the repository: %s" % (where, line.strip()))
        for ref in link.findall(line):
            if re.match(r"^(https?|mailto):", ref):
                continue
            if not exists(ref, base):
                bad.append("%s: link to a missing file: %s" % (where, ref))
        for ref in name.findall(line):
            if ref.endswith(".md") and not exists(ref, base):
                bad.append("%s: names a document not in the repository: %s" % (where, ref))
            elif "/" in ref and not written.match(ref) and ref.split("/")[0] in (
                    "docs", "scenarios", "sim", "include", "tests", "benchmarks", "scripts",
                    "cmake", "fuzz") and not exists(ref, base):
                bad.append("%s: names a file not in the repository: %s" % (where, ref))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY

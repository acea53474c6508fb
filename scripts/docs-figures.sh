#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Regenerates the outputs the docs quote from real runs of the shipped scenarios, so the docs
# can be checked against what prostup prints today.
#
#   scripts/docs-figures.sh [--check] [--quick] [PROSTUP]
#
# A quoted output in docs/*.md sits between two markers:
#
#   <!-- docs-figures: run [quick] -->       a ``` block whose first line is "$ build/prostup ..."
#   <!-- docs-figures: end -->                (continued with "\"): the command is run as
#                                             written and the lines after it are its output
#   <!-- docs-figures: grid CSV TOWN METRIC -->  a Markdown table of METRIC's mean in TOWN
#   <!-- docs-figures: end -->                    from a sweep.csv written by an earlier block
#
# Commands run in order in one scratch directory that has scenarios/ (so default output paths
# such as prostup-out/jirkov-plan/RUN-ID/ read as in the docs; a quoted RUN-ID, the time of a
# run, matches any), with a scratch run catalog.
# Without --check the blocks are rewritten in place; the prose around them (a number quoted
# in a sentence) is not, so read the diff. --check rewrites nothing and exits 1 if a block
# differs from today's output. --quick runs only the blocks marked "quick" (seconds; what
# ctest runs: tests/cli/docs_figures.sh); the rest takes about a minute on two cores.
# PROSTUP: the binary (default build/prostup).
set -eu
cd "$(dirname "$0")/.."
check=0
quick=0
prostup=build/prostup
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    --quick) quick=1 ;;
    -h | --help)
      sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "docs-figures.sh: unknown option $arg (--check, --quick)" >&2
      exit 2
      ;;
    *) prostup=$arg ;;
  esac
done
[ -x "$prostup" ] || { echo "docs-figures.sh: $prostup is not executable (build it first)" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "docs-figures.sh: python3 is needed" >&2; exit 2; }
prostup=$(cd "$(dirname "$prostup")" && pwd)/$(basename "$prostup")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$(pwd)/scenarios" "$work/scenarios"

python3 - "$prostup" "$work" "$check" "$quick" docs/*.md <<'EOF'
import csv, os, re, shlex, subprocess, sys

prostup, work, check, quick = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4] == "1"
docs = sys.argv[5:]
env = dict(os.environ, PROSTUP_CATALOG=os.path.join(work, "catalog.sqlite"))
begin = re.compile(r"^<!-- docs-figures: (.*?) -->$")
end = "<!-- docs-figures: end -->"


def run_block(lines):
    """A ``` block: "$ prostup ARGS" (continued with "\\"), then its output."""
    fence = lines[0]
    body = lines[1:-1]
    command, k = "", 0
    while k < len(body):
        part = body[k]
        command += (" " if command else "") + (part[2:] if not command else part.strip())
        k += 1
        if not command.endswith("\\"):
            break
        command = command[:-1].rstrip()
    argv = shlex.split(command)
    if argv[0] not in ("prostup", "build/prostup"):
        raise SystemExit("a docs-figures run block must start with '$ build/prostup' "
                         "(or '$ prostup'): " + command)
    r = subprocess.run([prostup] + argv[1:], cwd=work, env=env, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise SystemExit("'%s' exited %d:\n%s" % (command, r.returncode, r.stderr))
    output = r.stdout.rstrip("\n")
    return [fence] + body[:k] + (output.split("\n") if output else []) + [lines[-1]]


# A run folder's RUN-ID (prostup-out/NAME/20261207-160512/) is the time of the run: quoted and
# today's outputs that differ only there are the same.
RUN_ID = re.compile(r"\b\d{8}-\d{6}(?:-\d{2})?\b")


def same_run_ids(line):
    return RUN_ID.sub("RUN-ID", line)


def grid_block(lines, args):
    """A Markdown table: the first swept parameter down, the second across."""
    path, town, metric = args
    rows = [r for r in csv.DictReader(open(os.path.join(work, path), encoding="utf-8"))
            if r["town"] == town]
    params = list(dict.fromkeys(r["parameter"] for r in rows))
    points = {}
    for r in rows:
        points.setdefault(r["point"], {})[r["parameter"]] = float(r["value"])
        if r["metric"] == metric:
            points[r["point"]]["mean"] = float(r["mean"])
    down = sorted({p[params[0]] for p in points.values()})
    across = sorted({p[params[1]] for p in points.values()})
    cell = {(p[params[0]], p[params[1]]): p["mean"] for p in points.values() if "mean" in p}
    num = lambda v: "%g" % v
    corner = lines[0].split("|")[1].strip() if lines and lines[0].startswith("|") else "\\"
    out = ["| %s | %s |" % (corner, " | ".join(num(a) for a in across)),
           "|---|" + "---|" * len(across)]
    for d in down:
        out.append("| %s | %s |" % (num(d), " | ".join(
            "%.1f %%" % (100 * cell[(d, a)]) for a in across)))
    return out


changed = []
for doc in docs:
    text = open(doc, encoding="utf-8").read().split("\n")
    out, k = [], 0
    while k < len(text):
        m = begin.match(text[k])
        if not m or text[k] == end:
            out.append(text[k])
            k += 1
            continue
        stop = text.index(end, k + 1)
        spec = m.group(1).split()
        block = text[k + 1:stop]
        if quick and "quick" not in spec[1:]:
            new = block
        elif spec[0] == "run":
            new = run_block(block)
        elif spec[0] == "grid":
            new = grid_block(block, spec[1:4])
        else:
            raise SystemExit("%s: unknown docs-figures block '%s'" % (doc, spec[0]))
        if [same_run_ids(l) for l in new] == [same_run_ids(l) for l in block]:
            new = block  # the same but for the time a run folder is named by
        else:
            changed.append("%s:%d" % (doc, k + 2))
            if check:
                import difflib
                sys.stdout.writelines(difflib.unified_diff(
                    [l + "\n" for l in block], [l + "\n" for l in new],
                    "%s:%d (quoted)" % (doc, k + 2), "today's output"))
        out += [text[k]] + new + [end]
        k = stop + 1
    if not check:
        open(doc, "w", encoding="utf-8").write("\n".join(out))

if check and changed:
    print("docs-figures: %d quoted output(s) differ from today's: %s" % (len(changed), ", ".join(changed)))
    print("Regenerate with scripts/docs-figures.sh and update the prose that quotes them.")
    sys.exit(1)
print("docs-figures: %s (%s)" % ("checked" if check else "rewritten",
                                "changed: " + ", ".join(changed) if changed else "no change"))
EOF

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The same run with --threads 1, 2 and 8, and twice with 2 threads, gives byte-identical
# output files. Only the run record may differ: its timing fields (started_at,
# simulate_seconds, wall_seconds) and the thread count. It appears in manifest.json, in
# results.json's copy of the manifest ("manifest") and in report.html's run table; those
# three files are compared with exactly these fields or table rows removed, and every byte
# of the rest must agree.
# Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed to compare manifest.json"; exit 77; }

# default.json: five towns, a baseline and three variants; few replications and months keep
# this quick while every town, variant and output file is still produced.
run() {  # $1 = name, $2 = threads
  "$PROSTUP" run "$SRC/scenarios/default.json" --replications 12 --months 36 --seed 20240607 \
    --threads "$2" --quiet -o "$TMP/$1" >"$TMP/$1.log" 2>&1
  rc=$?
  if [ "$rc" -ne 0 ] && grep -q "not implemented" "$TMP/$1.log"; then
    echo "SKIP: prostup run is not implemented in this build"
    exit 77
  fi
  [ "$rc" -eq 0 ] || fail "run with --threads $2: exit $rc: $(cat "$TMP/$1.log")"
}

# Prints a JSON file without the run record's varying fields (at the top for manifest.json,
# under "manifest" for results.json), keys sorted.
stable_json() {  # $1 = file, $2 = "" or the key holding the manifest
  python3 -c '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
m = doc[sys.argv[2]] if sys.argv[2] else doc
for k in ("started_at", "simulate_seconds", "wall_seconds", "threads"):
    if k not in m:
        sys.exit(sys.argv[1] + " has no field " + k + " (update this test if it was renamed)")
    del m[k]
print(json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=1))
' "$1" "$2"
}

# report.html without its run table's rows for the same fields (one row each).
stable_report() {
  rows=$(grep -c -E '<tr><th>(Threads|Simulation time|Wall time|Started \(UTC\))</th>' "$1")
  [ "$rows" -eq 4 ] || fail "$1: expected the 4 run-table rows with timing and threads, found $rows"
  grep -v -E '<tr><th>(Threads|Simulation time|Wall time|Started \(UTC\))</th>' "$1"
}

compare() {  # $1, $2 = run names
  (cd "$TMP/$1" && find . -type f | sort) >"$TMP/files-$1"
  (cd "$TMP/$2" && find . -type f | sort) >"$TMP/files-$2"
  cmp -s "$TMP/files-$1" "$TMP/files-$2" ||
    fail "$1 vs $2: different files: $(diff "$TMP/files-$1" "$TMP/files-$2")"
  n=0
  while read -r f; do
    case "$f" in
      ./manifest.json | ./results.json | ./report.html)
        case "$f" in
          ./manifest.json) key="" ;;
          ./results.json) key=manifest ;;
        esac
        if [ "$f" = ./report.html ]; then
          stable_report "$TMP/$1/$f" >"$TMP/s1"
          stable_report "$TMP/$2/$f" >"$TMP/s2"
        else
          stable_json "$TMP/$1/$f" "$key" >"$TMP/s1" || fail "$1: cannot read $f"
          stable_json "$TMP/$2/$f" "$key" >"$TMP/s2" || fail "$2: cannot read $f"
        fi
        cmp -s "$TMP/s1" "$TMP/s2" || fail "$1 vs $2: $f differs: $(diff "$TMP/s1" "$TMP/s2" | head -n 20)"
        ;;
      *)
        cmp "$TMP/$1/$f" "$TMP/$2/$f" || fail "$1 vs $2: $f differs"
        ;;
    esac
    n=$((n + 1))
  done <"$TMP/files-$1"
  [ "$n" -ge 7 ] || fail "only $n output files"
  echo "ok: $1 and $2 give the same $n files"
}

run t1 1
run t2 2
run t8 8
run t2again 2
compare t1 t2
compare t1 t8
compare t2 t2again

# The comparison can fail: the threads field really differs between t1 and t8.
grep -q '"threads": *1' "$TMP/t1/manifest.json" && grep -q '"threads": *8' "$TMP/t8/manifest.json" ||
  fail "manifest.json does not record the thread count"
echo "PASS"

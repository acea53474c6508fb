#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Disk full while plan draws its report: the data files (manifest.json and plan.json, three
# 4 KiB pages) fit in a 20 KiB tmpfs, the report (report.html and charts/plan.svg, five
# pages) does not. plan must fail with exit 1, say the disk is full, print no answer and
# commit nothing (no half-written folder). Needs root (mount); else skipped.
# Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
TMP=$(mktemp -d)
MNT="$TMP/small"
MOUNTED=""
cleanup() {
  [ -n "$MOUNTED" ] && umount "$MNT" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir "$MNT"
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: disk full needs a small tmpfs, and mounting one needs root"
  exit 77
fi
if ! mount -t tmpfs -o size=20k tmpfs "$MNT" 2>"$TMP/mount.log"; then
  echo "SKIP: cannot mount a 20 KiB tmpfs here: $(cat "$TMP/mount.log")"
  exit 77
fi
MOUNTED=1

"$PROSTUP" plan "$SRC/tests/fixtures/plan-one-lease.json" --vary /towns/town/capacity/lease=0:40 \
  --target 'reached_lease_share>=30%' --replications 4 --quiet -o "$MNT/out" \
  >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
cat "$TMP/stdout" "$TMP/stderr"
[ "$rc" -eq 1 ] || fail "disk full: exit $rc, expected 1"
grep -qi "no space left" "$TMP/stderr" || fail "disk full: the message does not say the disk is full"
# The data files fitted: what failed is the report, which is part of the output.
grep -q -e "report.html" -e "charts/" "$TMP/stderr" || fail "the disk filled before the report"
grep -q "^Answer" "$TMP/stdout" && fail "an answer was printed although nothing was committed"
[ -z "$(ls -A "$MNT")" ] || fail "disk full: left behind: $(ls -A "$MNT")"
echo "PASS: disk full while drawing plan's report gives exit 1 and commits nothing"

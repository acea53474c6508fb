#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Disk full while sweep draws its report: the data files (about 20 KiB) fit in a 64 KiB
# tmpfs, the report (about 150 KiB) does not. sweep must fail with exit 1 and commit nothing
# (no half-written folder with a 0-byte SVG and no report.html). Needs root (mount); else
# skipped. Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
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
if ! mount -t tmpfs -o size=64k tmpfs "$MNT" 2>"$TMP/mount.log"; then
  echo "SKIP: cannot mount a 64 KiB tmpfs here: $(cat "$TMP/mount.log")"
  exit 77
fi
MOUNTED=1

"$PROSTUP" sweep "$SRC/tests/fixtures/small.json" --replications 2 --months 3 --quiet \
  --set /towns/jirkov/capacity/shelter=10:12:2 -o "$MNT/out" >"$TMP/sweep.log" 2>&1
rc=$?
cat "$TMP/sweep.log"
[ "$rc" -eq 1 ] || fail "disk full: exit $rc, expected 1"
grep -qi "no space left" "$TMP/sweep.log" || fail "disk full: the message does not say the disk is full"
[ -z "$(ls -A "$MNT")" ] || fail "disk full: left behind: $(ls -A "$MNT")"
echo "PASS: disk full while drawing sweep's report gives exit 1 and commits nothing"

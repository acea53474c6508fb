#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Disk full: prostup run on a 64 KiB tmpfs fails with exit 1 and a message, and leaves no
# output directory and no temporary directory behind. Needs root (mount); else skipped.
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
if ! mount -t tmpfs -o size=64k tmpfs "$MNT" 2>"$TMP/mount.log"; then
  echo "SKIP: cannot mount a 64 KiB tmpfs here: $(cat "$TMP/mount.log")"
  exit 77
fi
MOUNTED=1

# The outputs of this run are several hundred KiB (time series of 24 months, 5 towns, 4 models).
"$PROSTUP" run "$SRC/scenarios/default.json" --replications 4 --months 24 --quiet \
  -o "$MNT/out" >"$TMP/run.log" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q "not implemented" "$TMP/run.log"; then
  echo "SKIP: prostup run is not implemented in this build"
  exit 77
fi
cat "$TMP/run.log"
[ "$rc" -eq 1 ] || fail "disk full: exit $rc, expected 1"
grep -qi "no space left" "$TMP/run.log" || fail "disk full: the message does not say the disk is full"
[ -z "$(ls -A "$MNT")" ] || fail "disk full: left behind in the file system: $(ls -A "$MNT")"
# The space is given back: the small file system is empty again.
used=$(df -k "$MNT" | awk 'NR == 2 { print $3 }')
[ "${used:-1}" -eq 0 ] || fail "disk full: $used KiB still used on the tmpfs"
echo "PASS: disk full gives exit 1, a clear message, and no partial output"

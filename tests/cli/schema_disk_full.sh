#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `schema --update` on a full disk: exit 1 with a message that says so, every generated file
# as it was (each is written beside and renamed), no temporary file left. Needs root (mount);
# else skipped. Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
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
if ! mount -t tmpfs -o size=400k tmpfs "$MNT" 2>"$TMP/mount.log"; then
  echo "SKIP: cannot mount a 400 KiB tmpfs here: $(cat "$TMP/mount.log")"
  exit 77
fi
MOUNTED=1

# The files schema --update generates, one of them out of date, then the disk filled.
T="$MNT/tree"
mkdir -p "$T/scenarios" "$T/docs" "$T/fuzz"
cp "$SRC/scenarios/scenario.schema.json" "$T/scenarios/"
cp "$SRC/docs/scenario-format.md" "$SRC/docs/model.md" "$SRC/docs/options.md" "$T/docs/"
cp "$SRC/fuzz/scenario.dict" "$T/fuzz/"
echo "out of date" >>"$T/docs/model.md"
(cd "$T" && cksum scenarios/* docs/* fuzz/*) >"$TMP/before"
dd if=/dev/zero of="$MNT/fill" bs=1k count=1000 2>/dev/null

"$PROSTUP" schema --update "$T" >"$TMP/out.log" 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "disk full: exit $rc, expected 1: $(cat "$TMP/out.log")"
grep -qi "no space left" "$TMP/out.log" || fail "the message does not say the disk is full: $(cat "$TMP/out.log")"
(cd "$T" && cksum scenarios/* docs/* fuzz/*) | cmp -s - "$TMP/before" ||
  fail "a generated file changed on a full disk"
left=$(find "$T" -name '*.tmp-*')
[ -z "$left" ] || fail "left behind: $left"
echo "ok: $(head -n 1 "$TMP/out.log"); the files as they were"
echo "PASS"

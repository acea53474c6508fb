#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# prostup run never leaves a partial output directory: an existing non-empty DIR is refused
# (exit 2) unless --force; an empty one is used; a DIR that cannot be created (a file where
# a directory is expected, a path under /proc, a read-only file system, a directory its
# user may not write) gives exit 1, a message naming the path, and nothing left behind.
# Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
TMP=$(mktemp -d)
RO=""
cleanup() {
  [ -n "$RO" ] && umount "$RO" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A short run: the default scenario, few replications and months, no report.
quick() { "$PROSTUP" run "$SRC/scenarios/default.json" --replications 2 --months 3 --quiet \
  --no-report "$@"; }

quick -o "$TMP/probe" >"$TMP/probe.log" 2>&1
if [ $? -ne 0 ] && grep -q "not implemented" "$TMP/probe.log"; then
  echo "SKIP: prostup run is not implemented in this build"
  exit 77
fi
[ -f "$TMP/probe/manifest.json" ] || fail "a quick run wrote no manifest.json: $(cat "$TMP/probe.log")"

# No temporary directory (.NAME.tmp-PID) and no half-replaced one (NAME.old-PID) left in $1.
no_leftovers() {
  left=$(find "$1" -maxdepth 1 \( -name '.*.tmp-*' -o -name '*.old-*' \) 2>/dev/null)
  [ -z "$left" ] || fail "$2: left behind: $left"
}

# 1. An existing non-empty directory is refused with exit 2 and left untouched.
mkdir "$TMP/full" && echo "planner's notes" >"$TMP/full/notes.txt"
quick -o "$TMP/full" >"$TMP/full.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "non-empty DIR: exit $rc, expected 2: $(cat "$TMP/full.log")"
grep -q "not empty" "$TMP/full.log" || fail "non-empty DIR: no clear message: $(cat "$TMP/full.log")"
grep -q -- "--force" "$TMP/full.log" || fail "non-empty DIR: the message does not mention --force"
[ "$(ls -A "$TMP/full")" = "notes.txt" ] || fail "non-empty DIR: its contents changed: $(ls -A "$TMP/full")"
[ "$(cat "$TMP/full/notes.txt")" = "planner's notes" ] || fail "non-empty DIR: notes.txt changed"
no_leftovers "$TMP" "refused run"
echo "ok: a non-empty output directory is refused with exit 2 and left as it was"

# 2. --force replaces it: the new outputs and nothing of the old contents.
quick -o "$TMP/full" --force >"$TMP/force.log" 2>&1 || fail "--force: exit $?: $(cat "$TMP/force.log")"
[ -f "$TMP/full/manifest.json" ] || fail "--force: no manifest.json"
[ ! -e "$TMP/full/notes.txt" ] || fail "--force: the old contents are still there"
no_leftovers "$TMP" "--force run"
echo "ok: --force replaces a non-empty output directory"

# 3. An existing empty directory is used.
mkdir "$TMP/empty"
quick -o "$TMP/empty" >"$TMP/empty.log" 2>&1 || fail "empty DIR: exit $?: $(cat "$TMP/empty.log")"
[ -f "$TMP/empty/manifest.json" ] || fail "empty DIR: no manifest.json"
echo "ok: an empty output directory is used"

# 4. A path that exists as a file is invalid usage (exit 2), and the file is kept.
echo data >"$TMP/afile"
quick -o "$TMP/afile" >"$TMP/afile.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "DIR is a file: exit $rc, expected 2: $(cat "$TMP/afile.log")"
[ "$(cat "$TMP/afile")" = data ] || fail "DIR is a file: the file changed"
echo "ok: an output path that is a file is refused with exit 2"

# Cannot-write cases: exit 1, a message naming the path, no DIR and no temporary directory.
expect_write_failure() {  # $1 = DIR, $2 = what, $3 = where leftovers would be
  quick -o "$1" >"$TMP/w.log" 2>&1
  rc=$?
  [ "$rc" -eq 1 ] || fail "$2: exit $rc, expected 1: $(cat "$TMP/w.log")"
  grep -q "prostup run: cannot" "$TMP/w.log" || fail "$2: no clear message: $(cat "$TMP/w.log")"
  [ ! -e "$1" ] || fail "$2: $1 exists after the failure"
  [ -z "$3" ] || no_leftovers "$3" "$2"
  echo "ok: $2: exit 1, \"$(head -n 1 "$TMP/w.log")\""
}

# 5. A file where a directory is expected (the parent of DIR).
expect_write_failure "$TMP/afile/out" "DIR's parent is a file" "$TMP"

# 6. Under /proc, where nothing can be created even by root.
if [ -d /proc/self ]; then
  expect_write_failure "/proc/prostup-test/out" "DIR under /proc" ""
else
  echo "not tested: DIR under /proc (no /proc on this system)"
fi

# 7. A read-only file system (as root: a read-only tmpfs; root ignores directory modes).
mkdir "$TMP/ro"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o ro,size=64k tmpfs "$TMP/ro" 2>/dev/null; then
  RO="$TMP/ro"
  expect_write_failure "$TMP/ro/out" "read-only file system" "$TMP/ro"
  umount "$RO" && RO=""
elif [ "$(id -u)" -ne 0 ]; then
  # 8. Not root: a directory without write permission stops us.
  chmod 555 "$TMP/ro"
  expect_write_failure "$TMP/ro/out" "DIR's parent is read-only" "$TMP/ro"
  chmod 755 "$TMP/ro"
else
  echo "not tested: read-only file system (mount -t tmpfs -o ro failed: no CAP_SYS_ADMIN here)"
fi

# 9. As root, a directory that an unprivileged user may not write: run as nobody.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
   setpriv --reuid=65534 --regid=65534 --clear-groups "$PROSTUP" --version >/dev/null 2>&1; then
  mkdir "$TMP/locked" && chmod 555 "$TMP/locked" && chmod 755 "$TMP"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$PROSTUP" run \
    "$SRC/scenarios/default.json" --replications 2 --months 3 --quiet --no-report \
    -o "$TMP/locked/out" >"$TMP/w.log" 2>&1
  rc=$?
  [ "$rc" -eq 1 ] || fail "permission denied: exit $rc, expected 1: $(cat "$TMP/w.log")"
  grep -q "ermission denied" "$TMP/w.log" || fail "permission denied: unclear message: $(cat "$TMP/w.log")"
  [ -z "$(ls -A "$TMP/locked")" ] || fail "permission denied: left $(ls -A "$TMP/locked")"
  echo "ok: permission denied (as nobody): exit 1, \"$(head -n 1 "$TMP/w.log")\""
else
  echo "not tested: permission denied as an unprivileged user (not root, no setpriv, or the" \
    "binary is not reachable by nobody)"
fi
echo "PASS"

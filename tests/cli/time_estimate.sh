#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `run --dry-run`'s time estimate counts what each town costs besides its households: a task
# per (town, replication) a month, and each town's rows in the files and the report
# (docs/reliability.md, "Time"). It used to scale by household-months alone and was 34-165
# times too low for many small towns. No timing is measured here: the estimate for 100 copies
# of a town must be about 10 times (at least 5 times) that for 10, and --no-report must
# lower it. Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed"; exit 77; }

python3 - "$SRC/tests/fixtures/small.json" "$TMP" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
town = d["towns"]["jirkov"]
d.pop("variants", None)
for n in (10, 100):
    d["towns"] = {("jirkov" if i == 0 else "t%d" % i): town for i in range(n)}
    json.dump(d, open("%s/towns%d.json" % (sys.argv[2], n), "w"))
PY
# "about 12.3 s on 2 thread(s) (simulating 2.1 s, writing 10.0 s)" -> 12.3
seconds() {
  "$PROSTUP" run "$@" --replications 20 --threads 2 --dry-run >"$TMP/log" 2>&1 ||
    fail "--dry-run $*: $(cat "$TMP/log")"
  sed -n 's/.*, about \([0-9.]*\) s on 2 thread(s).*/\1/p' "$TMP/log"
}
ten=$(seconds "$TMP/towns10.json")
many=$(seconds "$TMP/towns100.json")
quiet=$(seconds "$TMP/towns100.json" --no-report)
[ -n "$ten" ] && [ -n "$many" ] && [ -n "$quiet" ] || fail "no estimate: $(cat "$TMP/log")"
awk -v a="$ten" -v b="$many" 'BEGIN { exit !(b >= 5 * a) }' ||
  fail "100 towns are estimated at $many s, 10 at $ten s: not about 10 times"
awk -v a="$quiet" -v b="$many" 'BEGIN { exit !(a < b) }' ||
  fail "--no-report does not lower the estimate ($quiet s, with the report $many s)"
echo "ok: 10 towns $ten s, 100 towns $many s ($quiet s without the report)"
echo "PASS"

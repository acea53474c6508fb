#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# A scenario whose collections are far over their limits (docs/scenario-format.md: 32 stages,
# 1000 towns, ...) is refused right after parsing, with one diagnostic per oversize collection
# naming its pointer and the limit, before any entry is checked (a million towns took over a
# minute and printed a million lines); and no command prints more than 100 diagnostics
# (then "... and N more problems"). Args: $1 = prostup binary, $2 = source directory.
set -u
PROSTUP=$1
SRC=$2
S="$SRC/tests/fixtures/small.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed"; exit 77; }

# 1. 5,000 towns and 20,000 stages, each with a wrong key: two lines, in linear time.
python3 - "$S" "$TMP/huge.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
town = dict(next(iter(doc["towns"].values())), wrong_key=1)
doc["towns"] = {"t%d" % i: town for i in range(5000)}
doc["stages"] = dict(doc["stages"], **{"s%d" % i: {"kind": "outside", "wrong": 1}
                                        for i in range(20000)})
json.dump(doc, open(sys.argv[2], "w"))
EOF
( "$PROSTUP" validate "$TMP/huge.json" >"$TMP/huge.log" 2>&1; echo "exit $?" >"$TMP/rc"
  times ) >"$TMP/times.log"
grep -q "^exit 2$" "$TMP/rc" || fail "oversize: $(cat "$TMP/rc"), expected exit 2: $(head -5 "$TMP/huge.log")"
lines=$(wc -l <"$TMP/huge.log")
[ "$lines" -eq 2 ] || fail "oversize: $lines lines, expected one per collection: $(head -5 "$TMP/huge.log")"
grep -q "huge.json: /stages: at most 32 stages .*got 20004" "$TMP/huge.log" ||
  fail "oversize: no line for /stages with its limit: $(cat "$TMP/huge.log")"
grep -q "huge.json: /towns: at most 1000 towns .*got 5000" "$TMP/huge.log" ||
  fail "oversize: no line for /towns with its limit: $(cat "$TMP/huge.log")"
# CPU time (user + system), as in cli_promises.sh 6; checking every town took seconds.
ms=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' "$TMP/times.log")
limit=1000
[ -n "${PROSTUP_SANITIZE:-}" ] && limit=4000
[ "$ms" -le "$limit" ] || fail "oversize: refused in $ms ms of CPU time (limit $limit ms)"
echo "ok: 5,000 towns and 20,000 stages refused in two lines, $ms ms of CPU time"

# 2. 300 towns (within the limit), each with a wrong key: 100 lines and a count of the rest,
#    from validate and from run (which names the total).
python3 - "$S" "$TMP/many.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
town = dict(next(iter(doc["towns"].values())), wrong_key=1)
doc["towns"] = {"t%d" % i: town for i in range(300)}
json.dump(doc, open(sys.argv[2], "w"))
EOF
"$PROSTUP" validate "$TMP/many.json" >"$TMP/many.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "300 problems: validate exit $rc, expected 2"
lines=$(wc -l <"$TMP/many.log")
[ "$lines" -eq 101 ] || fail "300 problems: validate printed $lines lines, expected 101"
tail -n 1 "$TMP/many.log" | grep -q "many.json: \.\.\. and 200 more problems" ||
  fail "300 problems: no count of the rest: $(tail -n 1 "$TMP/many.log")"
"$PROSTUP" run "$TMP/many.json" --quiet -o "$TMP/out" >"$TMP/run.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "300 problems: run exit $rc, expected 2"
lines=$(wc -l <"$TMP/run.log")
[ "$lines" -eq 102 ] || fail "300 problems: run printed $lines lines, expected 102: $(tail -n 2 "$TMP/run.log")"
grep -q "(300 problems)" "$TMP/run.log" || fail "300 problems: run does not name the total"
echo "ok: 300 problems: 100 lines and the count of the rest"
echo "PASS"

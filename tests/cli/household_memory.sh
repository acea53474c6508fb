#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Memory per household (issue 31; docs/performance.md, "Memory layout"): bench-ladder-1 at
# N = 1,000,000 against N = 1,000, 24 months, one replication, the peak resident memory from
# the test hook PROSTUP_TEST_PEAK_RSS. The engine keeps 32 + 4 + 16 bytes a household there
# (its record, its number and its Cold record), and the waiting lists and the month's
# applications add about 11: 63 in all. A bound of 72 fails for the 82 that a separate Track
# (20 bytes) and fallback (12), a full-size application buffer (4) and unpurged lists cost.
# Skipped under sanitizers (they inflate memory). Args: $1 = prostup binary, $2 = source
# directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

if [ -n "${PROSTUP_SANITIZE:-}" ]; then
  echo "SKIP: built with sanitizers ($PROSTUP_SANITIZE): memory is theirs"
  exit 77
fi

# bench-ladder-1 with every initial count and capacity scaled by $1 / 100000.
scaled() {
  python3 - "$SRC/benchmarks/bench-ladder-1.json" "$1" "$TMP/n$1.json" <<'PY' ||
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
f = int(sys.argv[2])
town = d["towns"]["bench"]
for part in ("initial", "capacity"):
    town[part] = {k: v * f // 100000 for k, v in town[part].items()}
json.dump(d, open(sys.argv[3], "w", encoding="utf-8"))
PY
    fail "cannot write the scaled scenario"
}

peak() {  # households -> peak resident bytes
  scaled "$1"
  PROSTUP_TEST_PEAK_RSS=1 "$PROSTUP" run "$TMP/n$1.json" --months 24 --replications 1 \
    --threads 1 --no-report --no-catalog --quiet -o "$TMP/out$1" >"$TMP/log" 2>&1 ||
    fail "run at N = $1: exit $?: $(cat "$TMP/log")"
  p=$(sed -n 's/^peak_rss_bytes \([0-9]*\)$/\1/p' "$TMP/log")
  [ -n "$p" ] || fail "no peak_rss_bytes line: $(cat "$TMP/log")"
  echo "$p"
}

small=$(peak 1000)
large=$(peak 1000000)
awk -v a="$small" -v b="$large" 'BEGIN {
  per = (b - a) / 999000
  printf "bytes per household: %.1f (peak %.1f MB at N = 1,000,000, %.1f MB at N = 1,000)\n",
    per, b / 1e6, a / 1e6
  exit !(per <= 72) }' || fail "more than 72 bytes per household"
echo "ok"

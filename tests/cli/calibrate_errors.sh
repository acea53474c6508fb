#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# prostup calibrate refuses what it cannot calibrate with exit 2, the JSON pointer of the
# problem and no output directory: bad targets (unknown metric, unknown stage, a month beyond
# the horizon, a negative standard error) and targets without a free parameter.
# Args: $1 = prostup binary, $2 = source directory.
set -u
PROSTUP=$1
FIX="$2/tests/fixtures/minimal.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }

# with_observed TARGET: minimal.json with the town's observed list holding TARGET.
with_observed() {
  python3 - "$FIX" "$1" >"$TMP/s.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc["towns"]["most"]["observed"] = [json.loads(sys.argv[2])]
json.dump(doc, sys.stdout, ensure_ascii=False)
PY
}

# expect_error TARGET MESSAGE-FRAGMENT
expect_error() {
  with_observed "$1"
  "$PROSTUP" calibrate "$TMP/s.json" -o "$TMP/out" --quiet >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
  [ "$rc" -eq 2 ] || fail "$1: exit $rc, expected 2 ($(cat "$TMP/stderr"))"
  grep -qF -- "$2" "$TMP/stderr" || fail "$1: no '$2' in: $(cat "$TMP/stderr")"
  [ ! -e "$TMP/out" ] || fail "$1: output directory written"
  echo "ok: $2"
}

S='"value": 8, "se": 1, "source": "synthetic"'
expect_error "{\"metric\": \"evictons\", $S}" \
  "/towns/most/observed/0/metric: unknown metric 'evictons' (did you mean 'evictions'?)"
expect_error "{\"metric\": \"occupancy:hostel\", \"month\": 3, $S}" \
  "/towns/most/observed/0/metric: unknown stage 'hostel'"
expect_error "{\"metric\": \"occupancy:shelter\", \"months\": [1, 25], $S}" \
  "/towns/most/observed/0/months/1: month 25 is beyond the horizon"
expect_error '{"metric": "evictions", "value": 8, "se": -1, "source": "s"}' \
  "/towns/most/observed/0/se: a standard error cannot be negative"
# A valid target, but no parameter carries a distribution.
expect_error "{\"metric\": \"occupancy:shelter\", \"months\": [1, 12], $S}" \
  "/towns/most/observed: the scenario has observed targets but no free parameter"
echo "ok"

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The memory estimate (docs/reliability.md, "Memory"): within 1.5x of the measured peak
# resident memory (VmHWM, printed by the test hook PROSTUP_TEST_PEAK_RSS) for a run whose
# variants add households and for a run dominated by per-replication results; and a command
# that would not fit under `ulimit -v` is refused before simulating (exit 2), for run, sweep
# and plan. Skipped under sanitizers (they inflate memory and cannot run under ulimit -v).
# Args: $1 = prostup binary, $2 = source directory. Exit 77 = skipped.
set -u
PROSTUP=$1
SRC=$2
S="$SRC/tests/fixtures/small.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

if [ -n "${PROSTUP_SANITIZE:-}" ]; then
  echo "SKIP: built with sanitizers ($PROSTUP_SANITIZE): memory is theirs, and ulimit -v breaks them"
  exit 77
fi

# small.json with variants that add $1, $2, ... households to Jirkov's street.
with_variants() {
  v=""
  k=0
  for n in "$@"; do
    k=$((k + 1))
    v="$v\"big$k\": {\"patch\": {\"towns\": {\"jirkov\": {\"initial\": {\"street\": $n}}}}}, "
  done
  sed "s/\"variants\": {/\"variants\": {$v/" "$S"
}

# $1 = scenario, the rest = run options: the estimate against the measured peak.
compare() {
  file=$1
  shift
  est=$("$PROSTUP" run "$file" --dry-run "$@" | sed -n 's/.*peak memory \([0-9]*\) MB.*/\1/p')
  [ -n "$est" ] || fail "no estimate from --dry-run $*"
  PROSTUP_TEST_PEAK_RSS=1 "$PROSTUP" run "$file" "$@" --quiet -o "$TMP/out" >"$TMP/run.log" 2>&1 ||
    fail "run $*: exit $?: $(cat "$TMP/run.log")"
  rm -rf "$TMP/out"
  peak=$(sed -n 's/^peak_rss_bytes \([0-9]*\)$/\1/p' "$TMP/run.log")
  [ -n "$peak" ] || fail "no peak_rss_bytes line: $(cat "$TMP/run.log")"
  peak=$((peak / 1000000))
  awk -v e="$est" -v p="$peak" 'BEGIN { exit !(e <= 1.5 * p && p <= 1.5 * e) }' ||
    fail "run $*: estimate $est MB, measured peak $peak MB: not within 1.5x"
  echo "ok: run $*: estimate $est MB, measured peak $peak MB"
}

with_variants 150000 300000 450000 >"$TMP/heavy.json"
compare "$TMP/heavy.json" --replications 2 --months 12 --threads 1
compare "$TMP/heavy.json" --replications 2 --months 12 --threads 2
compare "$S" --replications 8000 --months 3 --threads 2

# A heavy-tailed arrival rate (gamma, sd 5x its mean; issue 30: estimated from the mean it
# was 40x too low): the households of the largest drawn rate count.
python3 - "$S" "$TMP/tail.json" <<'EOF' || fail "cannot write the heavy-tailed scenario"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["format_version"] = 2
d["towns"]["jirkov"]["arrivals"] = {"rate": {"dist": "gamma", "mean": 4000, "sd": 20000}}
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
EOF
compare "$TMP/tail.json" --replications 40 --months 12 --threads 1 --variants '' --no-report

# 8 million more households (about 520 MB) under a 400 MB address-space limit.
with_variants 8000000 >"$TMP/huge.json"
limited() { (ulimit -v 400000 && "$PROSTUP" "$@" --threads 1 --replications 2 --months 3 --quiet); }
for cmd in run sweep plan; do
  case $cmd in
  run) limited run "$TMP/huge.json" -o "$TMP/out" >"$TMP/l.log" 2>&1 ;;
  sweep) limited sweep "$TMP/huge.json" --variant big1 -o "$TMP/out" \
    --set /towns/jirkov/capacity/shelter=10:12:2 >"$TMP/l.log" 2>&1 ;;
  plan) limited plan "$TMP/huge.json" --variant big1 -o "$TMP/out" \
    --vary /towns/jirkov/capacity/shelter=5:8 --target "reached_lease_share>=0" >"$TMP/l.log" 2>&1 ;;
  esac
  rc=$?
  [ "$rc" -eq 2 ] || fail "$cmd under ulimit -v: exit $rc, expected 2: $(cat "$TMP/l.log")"
  grep -q "^prostup $cmd: the $cmd needs an estimated .* address-space limit" "$TMP/l.log" ||
    fail "$cmd under ulimit -v: no clear message: $(cat "$TMP/l.log")"
  [ ! -e "$TMP/out" ] || fail "$cmd under ulimit -v: an output directory was made"
  echo "ok: $(cat "$TMP/l.log")"
done
# calibrate estimates too (it had no estimate and grew to 8 GB).
python3 - "$SRC/examples/calibration/jirkov-calibration.json" "$TMP/cal.json" <<'EOF' ||
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["towns"]["jirkov"]["initial"]["street"] = 8000000
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
EOF
  fail "cannot write the huge calibration"
(ulimit -v 400000 && "$PROSTUP" calibrate "$TMP/cal.json" -o "$TMP/out" --threads 1 \
  --particles 10 --max-simulations 20 --quiet) >"$TMP/l.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "calibrate under ulimit -v: exit $rc, expected 2: $(cat "$TMP/l.log")"
grep -q "^prostup calibrate: the calibration needs an estimated .* address-space limit" \
  "$TMP/l.log" || fail "calibrate under ulimit -v: no clear message: $(cat "$TMP/l.log")"
echo "ok: $(cat "$TMP/l.log")"
echo "PASS"

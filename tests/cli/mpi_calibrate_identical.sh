#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `prostup calibrate` under mpirun (2 and 3 ranks) writes the same posterior.csv, fit.csv and
# calibrated.json as one process with the same seed, and only rank 0 writes and prints.
# 46 particles: they do not divide evenly over 3 ranks.
# Usage: mpi_calibrate_identical.sh PROSTUP SOURCE_DIR
set -eu
PROSTUP=$1
SRC=$2
. "$SRC/tests/cli/mpi_common.inc"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
EX="$SRC/examples/calibration/jirkov-calibration.json"
SMALL="--particles 46 --max-simulations 400 --seed 5"
rc=0
"$PROSTUP" calibrate "$EX" -o "$TMP/one" $SMALL --threads 2 --quiet || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { echo "one process: exit $rc"; exit 1; }
for n in 2 3; do
  rc=0
  $MPIRUN -n $n "$PROSTUP" calibrate "$EX" -o "$TMP/r$n" $SMALL --threads 1 >"$TMP/r$n.out" || rc=$?
  [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { echo "$n ranks: exit $rc"; cat "$TMP/r$n.out"; exit 1; }
  for f in posterior.csv fit.csv calibrated.json; do
    cmp -s "$TMP/one/$f" "$TMP/r$n/$f" || { echo "$n ranks: $f differs from one process"; exit 1; }
  done
  k=$(grep -c '^Outputs: ' "$TMP/r$n.out" || true)
  [ "$k" -eq 1 ] || { echo "$n ranks: expected one summary (rank 0 only), got $k"; exit 1; }
done
left=$(ls -A "$TMP" | grep -v -x -e one -e r2 -e r3 -e 'r[23]\.out' || true)
[ -z "$left" ] || { echo "unexpected files: $left"; exit 1; }
echo "ok: 1, 2 and 3 ranks give the same posterior, fit and calibrated scenario"

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `prostup run` under mpirun with 2 ranks writes the same files as one process with the same
# seed (timing fields aside), and only rank 0 writes. Usage: mpi_run_identical.sh PROSTUP SOURCE_DIR
set -eu
PROSTUP=$1
SRC=$2
. "$SRC/tests/cli/mpi_common.inc"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# 37 replications: blocks do not divide evenly over the ranks.
"$PROSTUP" run "$SRC/scenarios/default.json" -o "$TMP/one" --replications 37 --seed 11 --threads 2 --quiet
$MPIRUN -n 2 "$PROSTUP" run "$SRC/scenarios/default.json" -o "$TMP/two" --replications 37 --seed 11 --threads 1 --quiet
same_outputs "$TMP/one" "$TMP/two"
# Three ranks with two threads each, and the summary printed once.
$MPIRUN -n 3 "$PROSTUP" run "$SRC/scenarios/default.json" -o "$TMP/three" --replications 37 --seed 11 --threads 2 > "$TMP/summary"
same_outputs "$TMP/one" "$TMP/three"
n=$(grep -c '^Outputs: ' "$TMP/summary" || true)
[ "$n" -eq 1 ] || { echo "expected one summary (rank 0 only), got $n"; exit 1; }
# Nothing but the output directories (no stray staging directories from other ranks).
left=$(ls -A "$TMP" | grep -v -x -e one -e two -e three -e summary -e '.*\.list' -e '.*\.a' || true)
[ -z "$left" ] || { echo "unexpected files: $left"; exit 1; }
echo "ok"

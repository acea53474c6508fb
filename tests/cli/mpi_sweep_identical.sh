#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `prostup sweep` and `prostup plan` under mpirun with 2 ranks write the same files as one
# process. Usage: mpi_sweep_identical.sh PROSTUP SOURCE_DIR
set -eu
PROSTUP=$1
SRC=$2
. "$SRC/tests/cli/mpi_common.inc"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SET='/towns/jirkov/capacity/training_flat=4:12:4'
"$PROSTUP" sweep "$SRC/scenarios/jirkov.json" --set "$SET" -o "$TMP/one" --replications 9 --seed 5 --threads 1 --quiet
$MPIRUN -n 2 "$PROSTUP" sweep "$SRC/scenarios/jirkov.json" --set "$SET" -o "$TMP/two" --replications 9 --seed 5 --threads 1 --quiet
same_outputs "$TMP/one" "$TMP/two"
# Goal seeking: every rank must take the same bisection steps (they all hold the results).
PLAN='--vary /towns/jirkov/capacity/training_flat=0:24 --target reached_lease_share>=0.065'
"$PROSTUP" plan "$SRC/scenarios/jirkov.json" $PLAN -o "$TMP/p1" --replications 9 --seed 5 --threads 1 --quiet
$MPIRUN -n 2 "$PROSTUP" plan "$SRC/scenarios/jirkov.json" $PLAN -o "$TMP/p2" --replications 9 --seed 5 --threads 1 --quiet
same_outputs "$TMP/p1" "$TMP/p2"
echo "ok"

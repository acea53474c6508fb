#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# A folder per run under MPI (docs/reliability.md, "A folder per run"): without -o,
# `mpirun -n 2 prostup run` makes one run folder, chosen and written by the output rank
# alone, with latest pointing at it, and leaves no reservation of another rank behind.
# Args: $1 = prostup binary, $2 = source directory.
set -u
PROSTUP=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: the test works in a folder of its own
SRC=$2
. "$SRC/tests/cli/mpi_common.inc"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
cp "$SRC/tests/fixtures/small.json" "$TMP/small.json"
cd "$TMP" || exit 1
$MPIRUN -n 2 "$PROSTUP" run small.json --replications 4 --months 12 --threads 1 --quiet \
  --no-report --no-catalog || fail "mpirun -n 2 prostup run failed"
base=prostup-out/small-ladder
[ "$(ls "$base" | grep -cE '^[0-9]{8}-[0-9]{6}(-[0-9]{2})?$')" -eq 1 ] || fail "expected one run folder: $(ls -a "$base")"
[ -f "$base/latest/outcomes.csv" ] || fail "latest has no outcomes.csv"
ls -a "$base" | grep -q '\.lock$' && fail "a reservation was left: $(ls -a "$base")"
echo "ok"

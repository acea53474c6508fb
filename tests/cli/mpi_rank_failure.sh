#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# A rank that fails ends the whole job: rank 0 names the failing rank, mpirun exits non-zero
# and no output directory is left. PROSTUP_TEST_FAIL_RANK is the test hook of
# docs/distributed.md. Usage: mpi_rank_failure.sh PROSTUP SOURCE_DIR
set -eu
PROSTUP=$1
SRC=$2
. "$SRC/tests/cli/mpi_common.inc"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
set +e
PROSTUP_TEST_FAIL_RANK=1 $MPIRUN -x PROSTUP_TEST_FAIL_RANK -n 2 "$PROSTUP" run "$SRC/scenarios/default.json" \
  -o "$TMP/out" --replications 20 --threads 1 --quiet > "$TMP/log" 2>&1
rc=$?
set -e
[ "$rc" -ne 0 ] || { echo "the job exited 0 although rank 1 failed"; cat "$TMP/log"; exit 1; }
grep -q 'rank 1 of 2 failed' "$TMP/log" || { echo "no message naming rank 1"; cat "$TMP/log"; exit 1; }
[ ! -e "$TMP/out" ] || { echo "an output directory was left behind"; exit 1; }
left=$(ls -A "$TMP" | grep -v -x log || true)
[ -z "$left" ] || { echo "staging left behind: $left"; exit 1; }
# A scenario that differs between ranks is refused before anything runs: rank 1 reads
# another file through a per-rank path (OMPI_COMM_WORLD_RANK is set by mpirun).
cp "$SRC/scenarios/default.json" "$TMP/s0.json"
sed 's/"replications": *[0-9]*/"replications": 7/' "$SRC/scenarios/default.json" > "$TMP/s1.json"
cmp -s "$TMP/s0.json" "$TMP/s1.json" && { echo "could not make a differing scenario"; exit 1; }
cat > "$TMP/by_rank.sh" <<EOS
#!/bin/sh
exec "$PROSTUP" run "$TMP/s\${OMPI_COMM_WORLD_RANK}.json" -o "$TMP/out2" --replications 4 --threads 1 --quiet
EOS
set +e
$MPIRUN -n 2 sh "$TMP/by_rank.sh" > "$TMP/log2" 2>&1
rc=$?
set -e
[ "$rc" -ne 0 ] || { echo "differing scenarios were accepted"; cat "$TMP/log2"; exit 1; }
grep -q 'rank 1 read a different scenario' "$TMP/log2" || { echo "no message about the differing scenario"; cat "$TMP/log2"; exit 1; }
[ ! -e "$TMP/out2" ] || { echo "an output directory was left behind"; exit 1; }
echo "ok"

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# A non-root rank killed with SIGKILL (as the OOM killer does) while the job simulates:
# mpirun then ends rank 0 too (SIGTERM, SIGKILL a second later), possibly while it waits in
# a collective for the dead rank where it cannot clean up. No NAME and no .NAME.tmp-PID may
# be left (only the empty lock file .NAME.lock, which the next command reuses).
# Usage: mpi_rank_killed.sh PROSTUP SOURCE_DIR
set -eu
PROSTUP=$1
SRC=$2
. "$SRC/tests/cli/mpi_common.inc"
TMP=$(mktemp -d)
JOB=""
cleanup() {
  [ -n "$JOB" ] && kill -KILL "$JOB" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Each rank records its PID (exec keeps it), so the test can kill rank 1 alone.
cat > "$TMP/by_rank.sh" <<EOS
#!/bin/sh
echo \$\$ > "$TMP/pid.\${OMPI_COMM_WORLD_RANK}"
exec "$PROSTUP" run "$SRC/scenarios/default.json" -o "$TMP/out" --replications 2000 --threads 1 --quiet
EOS
$MPIRUN -n 2 sh "$TMP/by_rank.sh" > "$TMP/log" 2>&1 &
JOB=$!
# Rank 0 has checked and locked the output path (until the fix it also created its
# temporary directory then): kill rank 1 0.3 s later, while the ranks simulate.
i=0
until [ -e "$TMP/.out.lock" ] && [ -s "$TMP/pid.1" ]; do
  kill -0 "$JOB" 2>/dev/null || fail "the job ended before rank 1 could be killed: $(cat "$TMP/log")"
  i=$((i + 1))
  [ "$i" -lt 1500 ] || fail "the job did not start in 30 s"
  sleep 0.02
done
sleep 0.3
kill -KILL "$(cat "$TMP/pid.1")"
set +e
wait "$JOB"
rc=$?
set -e
JOB=""
[ "$rc" -ne 0 ] || fail "the job exited 0 although rank 1 was killed"
[ ! -e "$TMP/out" ] || fail "an output directory was left behind"
left=$(find "$TMP" -maxdepth 2 \( -name '.*.tmp-*' -o -name '*.old-*' \))
[ -z "$left" ] || fail "rank 0 left its temporary directory: $left"
echo "ok: killing rank 1 left no output and no temporary directory"

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Calibration speed: runs `prostup calibrate` on the shipped examples and prints one JSON line
# per example with the parameter sets simulated per second (manifest.json: simulations /
# simulate_seconds).
#
#   benchmarks/calibrate.sh [BUILD_DIR] [SCENARIO] [THREADS]
#
# Defaults: build, every examples/calibration/*.json (jirkov-calibration, litvinov-calibration),
# 2 threads. SCENARIO "" also means every example.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
threads=${3:-2}
prostup="$build/prostup"
[ -x "$prostup" ] || { echo "calibrate.sh: $prostup not found; build it first" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM
# bench SCENARIO: one calibration, one JSON line.
bench() {
  rm -rf "$out/run"
  start=$(date +%s.%N)
  rc=0
  "$prostup" calibrate "$1" -o "$out/run" --threads "$threads" --quiet || rc=$?
  end=$(date +%s.%N)
  # 3 = finished without meeting every target: still a timing.
  [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || exit "$rc"
  python3 - "$out/run/manifest.json" "$start" "$end" "$threads" <<'PY'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
wall = float(sys.argv[3]) - float(sys.argv[2])
print(json.dumps({"case": "calibrate", "scenario": m["scenario"]["name"],
                  "threads": int(sys.argv[4]), "particles": m["particles"],
                  "simulations": m["simulations"], "converged": m["converged"],
                  "simulate_seconds": round(m["simulate_seconds"], 3),
                  "wall_seconds": round(wall, 3),
                  "simulations_per_second": round(m["simulations"] / m["simulate_seconds"], 1)}))
PY
}
if [ -n "${2:-}" ]; then
  bench "$2"
else
  for scenario in "$here"/../examples/calibration/*.json; do
    bench "$scenario"
  done
fi

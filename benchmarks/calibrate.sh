#!/bin/sh
# Calibration speed: runs `prostup calibrate` on the shipped example and prints one JSON line
# with the parameter sets simulated per second (manifest.json: simulations / simulate_seconds).
#
#   benchmarks/calibrate.sh [BUILD_DIR] [SCENARIO] [THREADS]
#
# Defaults: build, examples/calibration/jirkov-calibration.json, 2 threads.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
scenario=${2:-$here/../examples/calibration/jirkov-calibration.json}
threads=${3:-2}
prostup="$build/prostup"
[ -x "$prostup" ] || { echo "calibrate.sh: $prostup not found; build it first" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM
start=$(date +%s.%N)
rc=0
"$prostup" calibrate "$scenario" -o "$out/run" --threads "$threads" --quiet || rc=$?
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

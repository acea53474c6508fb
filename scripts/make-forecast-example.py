#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes examples/calibration/jirkov-counts-forecast.json: the Jirkov calibration example
with its targets replaced by a town's own monthly counts (households roofless at the end of
each month, placements into housing in each month), averaged over each half-year of two
years (a quarter of single counts is too noisy for every one of them to be met at once).

The counts are SYNTHETIC and labelled so: one simulation (seed 424242) of the example's
scenario at known values (transitional comply 0.86, chronic comply 0.66, arrivals 4.2 a
month, family job_loss 0.05, the same "truth" as jirkov-calibration.json), so a calibration
can be checked against the values that made them (docs/calibration.md, "A forecast from the
town's own counts").

Usage: scripts/make-forecast-example.py PROSTUP [SOURCE_DIR]   (python3 only)
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

TRUTH = {
    ("profiles", "transitional", "comply"): 0.86,
    ("profiles", "chronic", "comply"): 0.66,
    ("towns", "jirkov", "arrivals", "rate"): 4.2,
    ("profiles", "family", "job_loss"): 0.05,
}
SEED = 424242
PERIOD = 6  # months averaged into one target
SOURCE = ("SYNTHETIC: one simulation (seed 424242) of this scenario at transitional comply "
          "0.86, chronic comply 0.66, arrivals 4.2/month, family job_loss 0.05 "
          "(scripts/make-forecast-example.py); stands for the town's own monthly count of ")


def main():
    prostup = sys.argv[1]
    src = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))
    base_path = os.path.join(src, "examples", "calibration", "jirkov-calibration.json")
    with open(base_path, encoding="utf-8") as f:
        doc = json.load(f)
    months = doc["simulation"]["months"]

    truth = json.loads(json.dumps(doc))
    for path, value in TRUTH.items():
        node = truth
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    truth["towns"]["jirkov"].pop("observed")
    with tempfile.TemporaryDirectory() as tmp:
        scen = os.path.join(tmp, "truth.json")
        with open(scen, "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False)
        subprocess.run([prostup, "run", scen, "--replications", "1", "--seed", str(SEED),
                        "--threads", "1", "--quiet", "--no-report",
                        "--no-catalog", "-o", os.path.join(tmp, "out")], check=True)
        series = {}
        with open(os.path.join(tmp, "out", "timeseries.csv"), newline="") as f:
            for row in csv.DictReader(f):
                if row["town"] == "jirkov" and row["variant"] == "baseline" and row["profile"] == "*":
                    series.setdefault(row["series"], {})[int(row["month"])] = float(row["mean"])

    observed = []
    words = {"roofless": "households roofless at the end of the month (outreach count), "
                         "half-yearly average",
             "housing_placements": "placements into housing in the month (moves into a "
                                   "lease), half-yearly average"}
    for metric in ("roofless", "housing_placements"):
        for first in range(1, months + 1, PERIOD):
            last = min(first + PERIOD - 1, months)
            values = [series[metric][m] for m in range(first, last + 1)]
            n = len(values)
            mean = sum(values) / n
            # A count's sampling error: Poisson for the placements (sd of an average of n
            # months), and a tenth of the count (at least one household) for a street count
            # whose own error is its coverage.
            se = (max(math.sqrt(sum(values)), 1.0) / n if metric == "housing_placements"
                  else max(0.1 * mean, 1.0))
            observed.append({"metric": metric, "months": [first, last],
                             "value": round(mean, 2), "se": round(se, 2),
                             "source": SOURCE + words[metric]})

    out = json.loads(json.dumps(doc))
    out["name"] = "jirkov-counts-forecast"
    out["title"] = {
        "cs": "Jirkov: předpověď z vlastních měsíčních počtů města (SYNTETICKÉ údaje)",
        "en": "Jirkov: a forecast from the town's own monthly counts (SYNTHETIC data)"}
    out["description"] = {
        "cs": "Kalibrační příklad Jirkova, jehož cíle jsou měsíční počty, které město samo vede: "
              "domácnosti bez přístřeší na konci měsíce a umístění do bydlení za měsíc, po "
              "pololetích za dva roky. Počty jsou SYNTETICKÉ (jedna simulace při známých "
              "hodnotách, scripts/make-forecast-example.py), aby šlo ověřit, že kalibrace "
              "najde hodnoty, ze kterých vznikly. prostup calibrate je napasuje a prostup run "
              "nad calibrated.json s delším horizontem (--months 60) z nich předpoví funkční "
              "nulu a rozpočet po letech.",
        "en": "The Jirkov calibration example with the counts a town keeps itself as targets: "
              "households roofless at the end of the month and placements into housing in the "
              "month, half-year by half-year over two years. The counts are SYNTHETIC (one "
              "simulation at known values, scripts/make-forecast-example.py), so that one can "
              "check the calibration finds the values that made them. prostup calibrate fits "
              "them, and prostup run on calibrated.json with a longer horizon (--months 60) "
              "forecasts functional zero and the budget by year from them."}
    out["assumptions"]["calibration_targets"] = (
        "The town's monthly counts by half-year (the average of six months): roofless households "
        "at the end of each month with a standard error of a tenth of the count (at least one "
        "household: an outreach count misses some and counts some twice), placements into "
        "housing with a Poisson standard error. SYNTHETIC, from the simulation named in each "
        "target's source.")
    out["notes"]["forecast"] = (
        "What calibrate should show: the arrival rate informed (the street count and the "
        "placements pin the inflow down) and its posterior covering 4.2; the compliance and "
        "job_loss values less informed. Then: prostup run calibrated.json --months 60 forecasts "
        "the street and the budget three years past the counts.")
    out["towns"]["jirkov"]["observed"] = observed
    dest = os.path.join(src, "examples", "calibration", "jirkov-counts-forecast.json")
    with open(dest, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote", dest, "with", len(observed), "targets")


if __name__ == "__main__":
    main()

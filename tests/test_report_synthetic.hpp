// SPDX-License-Identifier: Apache-2.0
// A small, fixed RunResult for the writer and report tests: two towns with Czech labels,
// a four-rung ladder and two variants. Values come from simple formulas so they are the
// same on every machine; a few are NaN on purpose (undefined medians).
#pragma once

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "prostup/results.hpp"
#include "prostup/writers.hpp"

namespace prostup::testing {

inline RunResult synthetic_run(int months = 24, int reps = 40) {
  RunResult r;
  RunInfo& in = r.info;
  in.program_version = "0.1.0-test";
  in.scenario_name = "synthetic";
  in.scenario_title = "Prostupné bydlení: zkušební běh";
  in.scenario_description =
      "Two towns, a street–hostel–training flat–lease ladder & a variant with more flats.";
  in.scenario_path = "tests/synthetic.json";
  in.scenario_sha256 = std::string(64, 'a');
  in.seed = 12345;
  in.replications = reps;
  in.months = months;
  in.threads = 2;
  in.variants = {"baseline", "more_flats"};
  in.variant_descriptions = {"", "+6 tréninkových bytů od 6. měsíce & <víc> podpory"};
  in.towns = {"litvinov", "kutna_hora"};
  in.town_labels = {"Litvínov", "Kutná Hora"};
  in.stages = {{"street", "Ulice", "outside"},
               {"hostel", "Ubytovna", "temporary"},
               {"training_flat", "Tréninkový byt", "supported"},
               {"lease", "Nájemní byt", "permanent"}};
  in.services = {"social_work"};
  in.service_labels = {"Terénní sociální práce"};
  in.household_months = 123456789;
  in.simulate_seconds = 1.25;
  in.wall_seconds = 1.5;
  in.started_at = "2026-01-02T03:04:05Z";

  auto metric = [&](std::string name, std::string unit, Better b, bool headline) {
    r.metric_info.push_back({std::move(name), std::move(unit), b, headline});
  };
  metric("households_seen", "households", Better::none, false);
  metric("reached_lease_share", "share", Better::higher, true);
  metric("stabilized_share", "share", Better::higher, true);
  metric("median_months_to_lease", "months", Better::lower, true);
  metric("evictions", "households", Better::lower, true);
  metric("occupancy_end:hostel", "households", Better::none, false);
  metric("cost_total", "CZK", Better::lower, true);
  metric("cost_per_stabilized", "CZK per household", Better::lower, true);

  const std::vector<std::string> towns = {"litvinov", "kutna_hora", "*"};
  const std::vector<double> caps = {0, 40, 12, 30};  // street has no capacity
  for (int v = 0; v < 2; ++v)
    for (std::size_t t = 0; t < towns.size(); ++t) {
      TownVariantResult tv;
      tv.town = towns[t];
      tv.variant = in.variants[v];
      const double scale = t == 2 ? 2.0 : 1.0 + 0.25 * static_cast<double>(t);
      const double lift = v == 1 ? 1.2 : 1.0;
      const std::vector<double> means = {
          100 * scale,          0.4 * lift,
          0.25 * lift,          (v == 1 && t == 1) ? kUndefined : 14.0 / lift,
          6 * scale / lift,     30 * scale,
          2.5e6 * scale * lift, 1e5 / lift};
      for (double m : means) {
        Summary s;
        s.mean = m;
        s.sd = std::isfinite(m) ? 0.1 * m : kUndefined;
        s.ci_low = std::isfinite(m) ? 0.95 * m : kUndefined;
        s.ci_high = std::isfinite(m) ? 1.05 * m : kUndefined;
        s.p05 = std::isfinite(m) ? 0.8 * m : kUndefined;
        s.p50 = m;
        s.p95 = std::isfinite(m) ? 1.2 * m : kUndefined;
        s.replications = std::isfinite(m) ? reps : 0;
        tv.metrics.push_back(s);
      }
      for (std::size_t s = 0; s < in.stages.size(); ++s) {
        Series occ{"occupancy:" + in.stages[s].id, {}, {}};
        Series wait{"waiting:" + in.stages[s].id, {}, {}};
        for (int m = 0; m <= months; ++m) {
          const double x = static_cast<double>(m) / months;
          double o = scale * (s == 0   ? 30 * (1 - 0.5 * x)
                              : s == 1 ? 35 + 3 * x
                              : s == 2 ? 10 * lift * x + 2
                                       : 5 + 20 * x * lift);
          occ.by_month.push_back({o, o * 0.9, o * 1.1});
          const double w = s >= 2 ? scale * (s == 2 ? 8 * x : 4 * x * x) : 0;
          wait.by_month.push_back({w, w * 0.8, w * 1.2});
          if (s > 0) occ.capacity.push_back(caps[s] * scale + (s == 2 && m >= months / 2 ? 6 : 0));
        }
        tv.series.push_back(std::move(occ));
        tv.series.push_back(std::move(wait));
      }
      Series svc{"in_service:social_work", {}, {}};
      for (int m = 0; m <= months; ++m) svc.by_month.push_back({10, 9, 11});
      tv.series.push_back(std::move(svc));
      tv.flows = {{"arrival", "street", "arrival", 20 * scale},
                  {"street", "hostel", "promotion", 15 * scale},
                  {"hostel", "training_flat", "promotion", 9 * scale * lift},
                  {"training_flat", "lease", "promotion", 7 * scale * lift},
                  {"hostel", "lease", "promotion", 1.5 * scale},
                  {"training_flat", "hostel", "demotion", 2 * scale},
                  {"lease", "street", "demotion", 1 * scale / lift},
                  {"training_flat", "hostel", "expiry", 1.5 * scale},
                  {"street", "exit", "exit", 4 * scale},
                  {"lease", "exit", "exit", 0.5 * scale}};
      for (int m = 0; m <= months; ++m) {
        const double c = 0.5 * lift * (1 - std::exp(-m / 10.0)) * (t == 1 ? 0.8 : 1.0);
        tv.time_to_lease.push_back({m, c, std::max(0.0, c - 0.04), c + 0.04});
      }
      r.results.push_back(std::move(tv));
    }
  for (const auto& town : towns)
    for (std::size_t k = 0; k < r.metric_info.size(); ++k) {
      Comparison c;
      c.town = town;
      c.variant = "more_flats";
      c.baseline = "baseline";
      c.metric = r.metric_info[k].name;
      const double d = k == 3 && town == "kutna_hora" ? kUndefined : 0.1 * (k + 1) - 0.35;
      c.diff_mean = d;
      c.diff_ci_low = d - 0.2;
      c.diff_ci_high = d + 0.2;
      c.share_better = std::isfinite(d) ? 0.6 : kUndefined;
      c.replications = std::isfinite(d) ? reps : 0;
      r.comparisons.push_back(c);
    }
  return r;
}

// A sweep over training-flat capacity and a plan answer, in the formats `prostup sweep` and
// `prostup plan` write, into `dir` (next to a run's files or alone).
inline void write_sweep_and_plan(const std::filesystem::path& dir) {
  auto spit = [](const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out.good()) throw std::runtime_error("cannot write " + p.string());
  };
  std::string csv = "town,point,parameter,value,metric,mean,ci_low,ci_high\n";
  for (int p = 0; p < 5; ++p) {
    const double v = 10 + 5 * p;
    const double share = 0.3 + 0.1 * p - 0.01 * p * p;
    for (const char* town : {"litvinov", "*"}) {
      csv += std::string(town) + ",p" + std::to_string(p) +
             ",/towns/litvinov/capacity/training_flat," + prostup::format_number(v) +
             ",reached_lease_share," + prostup::format_number(share) + "," +
             prostup::format_number(share - 0.03) + "," + prostup::format_number(share + 0.03) +
             "\n";
      csv += std::string(town) + ",p" + std::to_string(p) +
             ",/towns/litvinov/capacity/training_flat," + prostup::format_number(v) +
             ",cost_total," + prostup::format_number(1e6 + 2e5 * p) + "," +
             prostup::format_number(0.9e6 + 2e5 * p) + "," +
             prostup::format_number(1.1e6 + 2e5 * p) + "\n";
    }
  }
  spit(dir / "sweep.csv", csv);
  spit(dir / "plan.json", R"({
  "vary": "/towns/litvinov/capacity/training_flat",
  "target": {"metric": "reached_lease_share", "op": ">=", "value": 0.55},
  "town": "litvinov", "variant": "baseline", "confidence": 0.95, "answer": 26,
  "points": [
    {"value": 10, "mean": 0.31, "ci_low": 0.28, "ci_high": 0.34, "bound": 0.285, "meets": false},
    {"value": 20, "mean": 0.50, "ci_low": 0.47, "ci_high": 0.53, "bound": 0.475, "meets": false},
    {"value": 26, "mean": 0.58, "ci_low": 0.56, "ci_high": 0.60, "bound": 0.562, "meets": true},
    {"value": 30, "mean": 0.61, "ci_low": 0.58, "ci_high": 0.64, "bound": 0.585, "meets": true}
  ]
})");
}

}  // namespace prostup::testing

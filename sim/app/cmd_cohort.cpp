// SPDX-License-Identifier: Apache-2.0
// `prostup cohort`: exact expected trajectories without capacity limits, and bottlenecks.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <utility>

#include "app_support.hpp"
#include "prostup/cli.hpp"
#include "prostup/cohort.hpp"
#include "prostup/number_text.hpp"
#include "prostup/study.hpp"
#include "prostup/writers.hpp"
#include "run_support.hpp"
#include "scenario_cli.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace detail;

int cmd_cohort(const CohortArgs& a) {
  install_signal_handlers();
  return run_command("cohort", "nothing was written", [&] {
    study::CohortRequest q;
    q.file = a.file;
    const study::CohortOutcome co = study::cohort(q, {{}, &g_cancel});
    const LoadedScenario& ls = co.source;
    const std::vector<CompiledModel>& models = co.models;
    const fs::path out = a.out_dir.empty()
                             ? fs::path("prostup-out") / (ls.scenario.name + "-cohort")
                             : fs::path(a.out_dir);
    StagedOutput staged(out, a.force, "cohort", &g_cancel);
    test_signal_point("write");
    if (g_cancel) throw RunCancelled();
    const CsvDialect dialect = csv_dialect_of(a.csv_dialect);
    CsvWriter occ(dialect), sum(dialect), bott(dialect);
    occ.header({"town", "variant", "month", "stage", "expected"});
    sum.header(
        {"town", "variant", "profile", "entry_stage", "p_reach_lease", "expected_months_to_lease"});
    bott.header({"town", "variant", "kind", "id", "month", "demand", "capacity"});
    for (std::size_t i = 0; i < models.size(); ++i) {
      const CompiledModel& m = models[i];
      const CohortResult& r = co.results[i];
      for (std::size_t t = 0; t < r.towns.size(); ++t) {
        const CohortTown& ct = r.towns[t];
        const CompiledTown& tw = m.towns[t];
        if (g_cancel) throw RunCancelled();
        for (int month = 0; month <= r.months; ++month)
          for (int s = 0; s < m.n_stages(); ++s) {
            occ.text(ct.town).text(m.variant).integer(month).text(m.stages[s].id);
            occ.num(ct.occupancy[s][month]).end_row();
            if (!m.stages[s].outside && month > 0) {
              bott.text(ct.town).text(m.variant).text("stage").text(m.stages[s].id);
              bott.integer(month).num(ct.occupancy[s][month]).integer(tw.capacity[s][month]);
              bott.end_row();
            }
          }
        for (int v = 0; v < m.n_services(); ++v)
          if (tw.service_capacity[v] > 0)  // a service without staff is not offered there
            for (int month = 1; month <= r.months; ++month)
              bott.text(ct.town)
                  .text(m.variant)
                  .text("service")
                  .text(m.services[v].id)
                  .integer(month)
                  .num(ct.service_demand[v][month])
                  .integer(tw.service_capacity[v])
                  .end_row();
        for (const auto& e : ct.entries)
          sum.text(ct.town)
              .text(m.variant)
              .text(e.profile)
              .text(e.stage)
              .num(e.p_reach_lease)
              .num(e.expected_months_to_lease)
              .end_row();
        std::printf("%s (%s):", on_terminal(tw.label.in(m.language, tw.id)).c_str(),
                    on_terminal(m.variant).c_str());
        if (ct.binding.empty())
          std::printf(" no stage's or service's expected demand exceeds its capacity\n");
        else
          std::printf("\n");
        for (const auto& b : ct.binding) std::printf("  %s\n", on_terminal(b).c_str());
        std::printf("  newcomers by profile, capacities unlimited:\n");
        for (const auto& line : profile_summary(m, r, static_cast<int>(t)))
          std::printf("    %s\n", on_terminal(line).c_str());
        // Not the Monte Carlo's reached_lease_share or ever_housed_share: this model has no
        // capacities and no horizon, so the label says which estimator it is.
        for (const auto& e : ct.entries)
          std::printf(
              "  %s entering %s: eventual probability of a lease, cohort model without "
              "capacity limits or horizon: %s %%\n",
              on_terminal(e.profile).c_str(), on_terminal(e.stage).c_str(),
              number_text::fixed(100 * e.p_reach_lease, 1).c_str());
      }
    }
    using File = std::pair<const char*, const CsvWriter*>;
    for (const auto& [name, csv] : {File{"cohort.csv", &occ}, File{"cohort_summary.csv", &sum},
                                    File{"bottlenecks.csv", &bott}}) {
      std::ofstream f(staged.staging() / name, std::ios::binary);
      f << csv->str();
      f.close();
      if (!f) throw std::runtime_error("cannot write the cohort files in " + out.string());
    }
    staged.commit();
    std::printf("Outputs: %s\n", out.string().c_str());
    return kExitOk;
  });
}

}  // namespace prostup

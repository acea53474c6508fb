// SPDX-License-Identifier: Apache-2.0
// `prostup cohort`: exact expected trajectories without capacity limits, and bottlenecks.
#include <cmath>
#include <cstdio>
#include <iostream>

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
    OutputFiles files(staged.staging());
    study::write_cohort_files(co, files, csv_dialect_of(a.csv_dialect), &g_cancel);
    for (std::size_t i = 0; i < models.size(); ++i) {
      const CompiledModel& m = models[i];
      const CohortResult& r = co.results[i];
      for (std::size_t t = 0; t < r.towns.size(); ++t) {
        const CohortTown& ct = r.towns[t];
        const CompiledTown& tw = m.towns[t];
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
    staged.commit();
    std::printf("Outputs: %s\n", out.string().c_str());
    return kExitOk;
  });
}

}  // namespace prostup

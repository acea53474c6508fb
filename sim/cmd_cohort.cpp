// `prostup cohort`: exact expected trajectories without capacity limits, and bottlenecks.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "prostup/cli.hpp"
#include "prostup/cohort.hpp"
#include "prostup/writers.hpp"
#include "run_support.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace detail;

int cmd_cohort(const CohortArgs& a) {
  try {
    LoadedScenario ls = load_or_report(a.file);
    std::vector<CompiledModel> models = compile_models(ls, {}, true);
    const fs::path out = a.out_dir.empty()
                             ? fs::path("prostup-out") / (ls.scenario.name + "-cohort")
                             : fs::path(a.out_dir);
    StagedOutput staged(out, a.force);
    std::ofstream occ(staged.staging() / "cohort.csv"),
        sum(staged.staging() / "cohort_summary.csv"), bott(staged.staging() / "bottlenecks.csv");
    occ << "town,variant,month,stage,expected\n";
    sum << "town,variant,profile,entry_stage,p_reach_lease,expected_months_to_lease\n";
    bott << "town,variant,kind,id,month,demand,capacity\n";
    for (const CompiledModel& m : models) {
      const CohortResult r = cohort(m);
      for (std::size_t t = 0; t < r.towns.size(); ++t) {
        const CohortTown& ct = r.towns[t];
        const CompiledTown& tw = m.towns[t];
        for (int month = 0; month <= r.months; ++month)
          for (int s = 0; s < m.n_stages(); ++s) {
            occ << ct.town << ',' << m.variant << ',' << month << ',' << m.stages[s].id << ','
                << format_number(ct.occupancy[s][month]) << '\n';
            if (!m.stages[s].outside && month > 0)
              bott << ct.town << ',' << m.variant << ",stage," << m.stages[s].id << ',' << month
                   << ',' << format_number(ct.occupancy[s][month]) << ',' << tw.capacity[s][month]
                   << '\n';
          }
        for (int v = 0; v < m.n_services(); ++v)
          if (tw.service_capacity[v] > 0)  // a service without staff is not offered there
            for (int month = 1; month <= r.months; ++month)
              bott << ct.town << ',' << m.variant << ",service," << m.services[v].id << ',' << month
                   << ',' << format_number(ct.service_demand[v][month]) << ','
                   << tw.service_capacity[v] << '\n';
        for (const auto& e : ct.entries)
          sum << ct.town << ',' << m.variant << ',' << e.profile << ',' << e.stage << ','
              << format_number(e.p_reach_lease) << ',' << format_number(e.expected_months_to_lease)
              << '\n';
        std::printf("%s (%s):", tw.label.c_str(), m.variant.c_str());
        if (ct.binding.empty())
          std::printf(" no stage's or service's expected demand exceeds its capacity\n");
        else
          std::printf("\n");
        for (const auto& b : ct.binding) std::printf("  %s\n", b.c_str());
        // Not the Monte Carlo's reached_lease_share or ever_housed_share: this model has no
        // capacities and no horizon, so the label says which estimator it is.
        for (const auto& e : ct.entries)
          std::printf(
              "  %s entering %s: eventual probability of a lease, cohort model without "
              "capacity limits or horizon: %.1f %%\n",
              e.profile.c_str(), e.stage.c_str(), 100 * e.p_reach_lease);
      }
    }
    occ.close();
    sum.close();
    bott.close();
    if (!occ || !sum || !bott)
      throw std::runtime_error("cannot write the cohort files in " + out.string());
    staged.commit();
    std::printf("Outputs: %s\n", out.string().c_str());
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "prostup cohort: " << e.what() << "\n";
    return kExitInvalid;
  } catch (const std::runtime_error& e) {
    std::cerr << "prostup cohort: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace prostup

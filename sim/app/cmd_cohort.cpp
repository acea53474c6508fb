// `prostup cohort`: exact expected trajectories without capacity limits, and bottlenecks.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "prostup/cli.hpp"
#include "prostup/cohort.hpp"
#include "prostup/writers.hpp"
#include "run_support.hpp"
#include "scenario_cli.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace detail;

int cmd_cohort(const CohortArgs& a) {
  install_signal_handlers();
  try {
    LoadedScenario ls = load_or_report(a.file);
    std::vector<CompiledModel> models = compile_models(ls, {}, true);
    const fs::path out = a.out_dir.empty()
                             ? fs::path("prostup-out") / (ls.scenario.name + "-cohort")
                             : fs::path(a.out_dir);
    StagedOutput staged(out, a.force, "cohort");
    test_signal_point("write");
    std::ofstream occ(staged.staging() / "cohort.csv"),
        sum(staged.staging() / "cohort_summary.csv"), bott(staged.staging() / "bottlenecks.csv");
    occ << "town,variant,month,stage,expected\n";
    sum << "town,variant,profile,entry_stage,p_reach_lease,expected_months_to_lease\n";
    bott << "town,variant,kind,id,month,demand,capacity\n";
    for (const CompiledModel& m : models) {
      if (g_cancel) throw RunCancelled();
      const CohortResult r = cohort(m);
      for (std::size_t t = 0; t < r.towns.size(); ++t) {
        const CohortTown& ct = r.towns[t];
        const CompiledTown& tw = m.towns[t];
        if (g_cancel) throw RunCancelled();
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
        std::printf("%s (%s):", on_terminal(tw.label).c_str(), on_terminal(m.variant).c_str());
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
              "capacity limits or horizon: %.1f %%\n",
              on_terminal(e.profile).c_str(), on_terminal(e.stage).c_str(), 100 * e.p_reach_lease);
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
  } catch (const RunCancelled&) {
    std::cerr << "prostup cohort: interrupted by " << signal_name() << "; nothing was written\n";
    return exit_code_for_signal();
  } catch (const std::exception& e) {
    std::cerr << "prostup cohort: " << failure_text(e) << "\n";
    return kExitFailure;
  }
}

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// `prostup calibrate`: fits the parameters that carry a distribution to what the towns have
// observed (docs/calibration.md); output staged and committed as `run` does.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

#include "app_support.hpp"
#include "prostup/calibrate.hpp"
#include "prostup/calibration_writers.hpp"
#include "prostup/cli.hpp"
#include "prostup/number_text.hpp"
#include "prostup/parallel.hpp"
#include "prostup/study.hpp"
#include "prostup/writers.hpp"
#include "run_folders.hpp"
#include "run_support.hpp"
#include "scenario_cli.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace detail;

namespace {

void print_result(const CalibrationResult& r, const fs::path& out) {
  using number_text::general;
  auto g4 = [](double v) { return general(v, 4); };
  std::printf("%s after %lld simulations in %s s (%zu generations, tolerance %s)\n",
              r.converged ? "Calibrated: every target met" : "Not calibrated", r.simulations,
              number_text::fixed(r.seconds, 1).c_str(), r.generations.size() - 1,
              std::isfinite(r.tolerance) ? format_number(r.tolerance).c_str() : "none");
  std::printf("\nParameters (prior mean [95 %%] -> posterior mean [95 %%]):\n");
  for (const auto& p : r.parameters)
    std::printf("  %-40s %s [%s, %s] -> %s [%s, %s]%s\n", on_terminal(p.pointer).c_str(),
                g4(p.prior_mean).c_str(), g4(p.prior_low).c_str(), g4(p.prior_high).c_str(),
                g4(p.post_mean).c_str(), g4(p.post_low).c_str(), g4(p.post_high).c_str(),
                p.informed ? "" : "  not informed by these targets");
  std::printf("\nTargets (observed [range] vs simulated mean [95 %%]):\n");
  for (const auto& t : r.targets)
    std::printf("  %-40s %s [%s, %s] vs %s [%s, %s]%s\n", on_terminal(t.name).c_str(),
                g4(t.observed.value).c_str(), g4(t.observed.low).c_str(),
                g4(t.observed.high).c_str(), g4(t.sim_mean).c_str(), g4(t.sim_low).c_str(),
                g4(t.sim_high).c_str(), t.within ? "" : "  OUTSIDE");
  std::printf("\nReport: %s\nOutputs: %s\n", (out / "report.html").string().c_str(),
              out.string().c_str());
}

}  // namespace

study::CalibrateRequest calibrate_request(const CalibrateArgs& a) {
  study::CalibrateRequest q;
  q.file = a.file;
  q.particles = a.particles;
  q.max_simulations = a.max_simulations;
  q.max_seconds = a.max_seconds;
  q.seed = a.seed;
  q.threads = a.threads;
  return q;
}

int cmd_calibrate(const CalibrateArgs& a) {
  install_signal_handlers();
  return run_command("calibrate", "stopped and removed the partial output", [&] {
    // Under MPI every rank samples; only the output rank writes and prints.
    Progress progress(!a.quiet && is_output_rank());
    fs::path out;  // -o DIR, else a new folder prostup-out/NAME-calibrate/RUN-ID
    study::CalibrateSetup setup;
    study::CalibrateOutcome co;
    std::optional<StagedOutput> staged;
    try {
      setup = study::prepare_calibrate(calibrate_request(a));
      check_memory(setup.estimate, setup.limit, a.force, "the calibration");
      out = command_output_dir(a.out_dir, setup.source.scenario.name + "-calibrate");
      if (is_output_rank()) staged.emplace(out, a.force, "calibrate", &g_cancel);
      co = study::calibrate(setup,
                            {[&](long long d, long long n) { progress.update(d, n); }, &g_cancel});
    } catch (const CalibrationError& e) {
      progress.finish();
      std::cerr << (a.file.empty() ? "(built-in default)" : a.file) << ": "
                << (e.pointer.empty() ? "" : e.pointer + ": ") << e.what() << "\n";
      std::cerr << "prostup calibrate: nothing to calibrate; nothing was written\n";
      return kExitInvalid;
    } catch (const RunCancelled&) {
      progress.finish();
      std::cerr << "prostup calibrate: interrupted by " << signal_name()
                << "; stopped the workers and removed the partial output\n";
      return exit_code_for_signal();
    }
    progress.finish();
    if (!is_output_rank()) return kExitOk;  // rank 0's exit status speaks for the job
    const CalibrationResult& r = co.result;
    if (!setup.source.scenario.parameter_sample.empty() && !a.quiet)
      std::cerr << "prostup calibrate: the scenario's parameter_sample is replaced by the "
                   "posterior in calibrated.json\n";
    test_signal_point("write");
    if (g_cancel) throw RunCancelled();
    OutputFiles files(staged->staging());
    study::write_calibrate_files(co, files, csv_dialect_of(a.csv_dialect), &g_cancel);
    staged->commit();
    if (a.out_dir.empty()) point_latest(out, "calibrate");
    record_in_catalog(a.catalog, "calibrate", setup.source.text, out);
    if (g_cancel) return exit_code_for_signal();  // Ctrl-C while the catalog was locked
    if (!a.quiet) print_result(r, out);
    if (!r.converged) {
      std::cerr << "prostup calibrate: " << r.message << "\n";
      return kExitNotCalibrated;
    }
    return kExitOk;
  });
}

}  // namespace prostup

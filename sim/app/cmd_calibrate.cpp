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
#include "prostup/writers.hpp"
#include "run_folders.hpp"
#include "run_support.hpp"
#include "scenario_cli.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace detail;

namespace {

void write_calibrated_json(const fs::path& path, const Scenario& s) {
  const ojson doc = to_json(s);
  // What calibrate writes must read back: a bug here would otherwise surface in `run`.
  const LoadResult check = load_scenario_json(doc);
  if (!check.ok())
    throw std::runtime_error(
        "internal error: calibrated.json does not validate: " + check.diagnostics.front().pointer +
        ": " + check.diagnostics.front().message);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error(path.string() + ": cannot open for writing");
  const std::string text = doc.dump(2) + "\n";
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !ok) throw std::runtime_error(path.string() + ": write failed");
}

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

int cmd_calibrate(const CalibrateArgs& a) {
  const double wall0 = seconds_now();
  const std::string started = utc_now_iso8601();
  install_signal_handlers();
  return run_command("calibrate", "stopped and removed the partial output", [&] {
    LoadedScenario ls = load_or_report(a.file);
    mpi_require_same_scenario(ls.sha256);  // every MPI rank must calibrate the same file
    if (a.particles < 10 || a.particles > 100000)
      throw UserError("--particles must be from 10 to 100000");
    if (a.max_simulations < 2LL * a.particles)
      throw UserError("--max-simulations " + std::to_string(a.max_simulations) +
                      " is less than two generations of " + std::to_string(a.particles) +
                      " particles; give at least " + std::to_string(2LL * a.particles));
    if (a.threads > 1024) throw UserError("--threads exceeds the limit of 1024");
    // CLI11's range check lets NaN through (every comparison with it is false).
    if (!(a.max_seconds >= 0 && a.max_seconds <= 1e9))
      throw UserError("--max-seconds must be a number from 0 to 1e9 (0 = no budget)");
    fs::path out;  // -o DIR, else a new folder prostup-out/NAME-calibrate/RUN-ID
    CalibrationOptions opt;
    opt.particles = a.particles;
    opt.max_simulations = a.max_simulations;
    opt.max_seconds = a.max_seconds;
    opt.seed = a.seed;
    opt.threads = resolved_threads(a.threads);
    opt.cancel = &g_cancel;
    // Under MPI every rank samples; only the output rank writes and prints.
    Progress progress(!a.quiet && is_output_rank());
    opt.progress = [&](const CalibrationProgress& p) { progress.update(p.simulations, p.budget); };
    CalibrationResult r;
    std::optional<StagedOutput> staged;
    try {
      check_calibratable(ls.scenario);  // before the output path is touched
      // As run, sweep and plan: the memory the workers' simulations need, with each
      // uncertain size (an arrival rate's prior) at a high quantile of the particles' draws.
      check_memory(estimate_resources({&ls.scenario}, a.particles, ls.scenario.simulation.months,
                                      opt.threads, false),
                   memory_limit(opt.threads), a.force, "the calibration");
      out = command_output_dir(a.out_dir, ls.scenario.name + "-calibrate");
      if (is_output_rank()) staged.emplace(out, a.force, "calibrate", &g_cancel);
      r = calibrate(ls.scenario, opt);
    } catch (const CalibrationError& e) {
      progress.finish();
      std::cerr << ls.path << ": " << (e.pointer.empty() ? "" : e.pointer + ": ") << e.what()
                << "\n";
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
    if (!ls.scenario.parameter_sample.empty() && !a.quiet)
      std::cerr << "prostup calibrate: the scenario's parameter_sample is replaced by the "
                   "posterior in calibrated.json\n";
    CalibrationRecord rec;
    rec.scenario_name = ls.scenario.name;
    rec.scenario_title = ls.scenario.title.in("en");  // calibration.html is in English
    rec.scenario_path = ls.path;
    rec.scenario_sha256 = ls.sha256;
    rec.started_at = started;
    rec.max_simulations = a.max_simulations;
    test_signal_point("write");
    if (g_cancel) throw RunCancelled();
    const std::string source = "prostup calibrate " + ls.path + " (seed " + std::to_string(r.seed) +
                               ", " + std::to_string(r.particles.size()) + " particles, " +
                               (r.converged ? "every target met" : "NOT every target met") + ")";
    write_calibrated_json(staged->staging() / "calibrated.json",
                          calibrated_scenario(ls.scenario, r, r.particles.size(), source));
    rec.wall_seconds = seconds_now() - wall0;
    write_calibration_outputs(r, rec, staged->staging(), &g_cancel, csv_dialect_of(a.csv_dialect));
    staged->commit();
    if (a.out_dir.empty()) point_latest(out, "calibrate");
    record_in_catalog(a.catalog, "calibrate", ls.text, out);
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

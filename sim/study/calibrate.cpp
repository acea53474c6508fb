// SPDX-License-Identifier: Apache-2.0
// The calibrate use case (include/prostup/study.hpp): load, check, size, calibrate, and the
// files of the result.
#include <cmath>

#include "prostup/parallel.hpp"
#include "prostup/runner.hpp"
#include "prostup/study.hpp"
#include "run_support.hpp"

namespace prostup::study {

using namespace detail;

CalibrateSetup prepare_calibrate(const CalibrateRequest& req) {
  CalibrateSetup s;
  s.start_seconds = seconds_now();
  s.started_at = utc_now_iso8601();
  s.request = req;
  s.source = load_or_report(req.file, req.text);
  mpi_require_same_scenario(s.source.sha256);  // every MPI rank must calibrate the same file
  // The options table checks these for the command line; a library caller gets the same.
  if (req.particles < kMinParticles || req.particles > kMaxParticles)
    throw UserError("--particles must be from " + std::to_string(kMinParticles) + " to " +
                        std::to_string(kMaxParticles),
                    "--particles");
  if (req.max_simulations < 2LL * req.particles)
    throw UserError("--max-simulations " + std::to_string(req.max_simulations) +
                        " is less than two generations of " + std::to_string(req.particles) +
                        " particles; give at least " + std::to_string(2LL * req.particles),
                    "--max-simulations");
  // A range check lets NaN through (every comparison with it is false).
  if (!(req.max_seconds >= 0 && req.max_seconds <= 1e9))
    throw UserError("--max-seconds must be a number from 0 to 1e9 (0 = no budget)",
                    "--max-seconds");
  s.threads = resolved_threads(req.threads);
  check_calibratable(s.source.scenario);  // before any output folder is touched
  // As run, sweep and plan: the memory the workers' simulations need, with each uncertain
  // size (an arrival rate's prior) at a high quantile of the particles' draws.
  s.estimate = estimate_resources({&s.source.scenario}, req.particles,
                                  s.source.scenario.simulation.months, s.threads, false);
  s.limit = memory_limit(s.threads);
  return s;
}

CalibrateOutcome calibrate(const CalibrateSetup& setup, const Hooks& hooks) {
  const CalibrateRequest& q = setup.request;
  const LoadedScenario& ls = setup.source;
  CalibrationOptions opt;
  opt.particles = q.particles;
  opt.max_simulations = q.max_simulations;
  opt.max_seconds = q.max_seconds;
  opt.seed = q.seed;
  opt.threads = setup.threads;
  opt.cancel = hooks.cancel;
  if (hooks.progress)
    opt.progress = [&](const CalibrationProgress& p) { hooks.progress(p.simulations, p.budget); };
  CalibrateOutcome out;
  out.result = prostup::calibrate(ls.scenario, opt);
  const CalibrationResult& r = out.result;
  const std::string source = "prostup calibrate " + ls.path + " (seed " + std::to_string(r.seed) +
                             ", " + std::to_string(r.particles.size()) + " particles, " +
                             (r.converged ? "every target met" : "NOT every target met") + ")";
  out.calibrated = calibrated_scenario(ls.scenario, r, r.particles.size(), source);
  CalibrationRecord& rec = out.record;
  rec.scenario_name = ls.scenario.name;
  rec.scenario_title = ls.scenario.title.in("en");  // calibration.html is in English
  rec.scenario_path = ls.path;
  rec.scenario_sha256 = ls.sha256;
  rec.started_at = setup.started_at;
  rec.max_simulations = q.max_simulations;
  rec.wall_seconds = seconds_now() - setup.start_seconds;
  return out;
}

CalibrateOutcome calibrate(const CalibrateRequest& request, const Hooks& hooks) {
  return calibrate(prepare_calibrate(request), hooks);
}

void write_calibrate_files(const CalibrateOutcome& outcome, OutputFiles& to, CsvDialect dialect,
                           const std::atomic<bool>* cancel) {
  const ojson doc = to_json(outcome.calibrated);
  // What calibrate writes must read back: a bug here would otherwise surface in `run`.
  const LoadResult check = load_scenario_json(doc);
  if (!check.ok())
    throw std::runtime_error(
        "internal error: calibrated.json does not validate: " + check.diagnostics.front().pointer +
        ": " + check.diagnostics.front().message);
  to.put("calibrated.json", doc.dump(2) + "\n");
  write_calibration_outputs(outcome.result, outcome.record, to, cancel, dialect);
}

}  // namespace prostup::study

// SPDX-License-Identifier: Apache-2.0
// Calibration (`prostup calibrate`, docs/calibration.md): approximate Bayesian computation by
// sequential Monte Carlo with adaptive tolerances (Del Moral, Doucet & Jasra 2012), fitting
// the parameters that carry a distribution (Scenario::uncertain, the priors) to what the
// towns have observed (Town::observed, the targets).
//
// The structs are plain (the output layer writes them); calibrate() lives in the run layer
// (sim/run/calibrate.cpp) and simulates with the engine in parallel (TBB).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "prostup/errors.hpp"
#include "prostup/scenario.hpp"

namespace prostup {

// A scenario that cannot be calibrated (no targets, targets but no free parameter): a user
// error; `pointer` (also where()) is the JSON pointer the message is about.
struct CalibrationError : UserError {
  std::string pointer;
  CalibrationError(std::string p, const std::string& message)
      : UserError(message, p), pointer(std::move(p)) {}
};

struct CalibrationProgress {
  int generation = 0;
  double tolerance = 0;   // the current one; 1 = every target inside its range
  double acceptance = 1;  // share of moves accepted in this generation
  long long simulations = 0, budget = 0;
};

struct CalibrationOptions {
  int particles = 200;
  long long max_simulations = 20000;  // parameter sets simulated, every generation together
  // Wall-time budget in seconds, checked between generations; 0 = none. A run it stops
  // depends on the machine's speed (the only thing that does).
  double max_seconds = 0;
  long long seed = -1;           // -1 = the scenario's simulation.seed
  int threads = 0;               // 0 = every hardware thread; the result does not depend on it
  double keep = 0.5;             // share of the particles each new tolerance keeps
  double min_acceptance = 0.02;  // stop when fewer moves than this are accepted
  int max_generations = 60;
  int max_moves = 10;  // Metropolis-Hastings moves per generation, at most
  std::function<void(const CalibrationProgress&)> progress;  // after each generation
  const std::atomic<bool>* cancel = nullptr;  // set asynchronously: calibrate throws RunCancelled
};

// One target and how the posterior reproduces it.
struct CalibrationTarget {
  std::string town;
  std::string name;  // "jirkov occupancy:shelter months 1-12": what fit.csv calls it
  ObservedTarget observed;
  // Posterior predictive (one simulation per particle, weighted): mean and 95 % band.
  double sim_mean = 0, sim_low = 0, sim_high = 0;
  bool within = false;   // sim_mean inside [observed.low, observed.high]
  double met_share = 0;  // share of the posterior whose simulation falls inside that range
};

// One free parameter: its prior and posterior summaries (2.5 % and 97.5 % quantiles).
struct CalibratedParameter {
  std::string pointer, group;
  Distribution prior;
  double prior_mean = 0, prior_low = 0, prior_high = 0;
  double post_mean = 0, post_sd = 0, post_low = 0, post_high = 0;
  // False when the posterior is indistinguishable from the prior (docs/calibration.md):
  // the targets say nothing about this parameter.
  bool informed = true;
};

struct Particle {
  std::vector<double> values;     // parallel to CalibrationResult::parameters
  double weight = 0;              // sums to 1 over the population
  double distance = 0;            // the largest target's distance (1 = at its range's edge)
  std::vector<double> simulated;  // parallel to CalibrationResult::targets
};

struct CalibrationGeneration {
  int index = 0;
  double tolerance = 0;
  double acceptance = 1;
  long long simulations = 0;  // cumulative
};

struct CalibrationResult {
  std::vector<CalibratedParameter> parameters;
  std::vector<CalibrationTarget> targets;
  std::vector<Particle> particles;               // the final population
  std::vector<std::vector<double>> prior_draws;  // generation 0's parameter sets (the prior)
  std::vector<CalibrationGeneration> generations;
  long long simulations = 0;
  double seconds = 0;
  std::uint64_t seed = 0;
  int particles_requested = 0, threads = 0;
  double tolerance = 0;     // the final one
  bool converged = false;   // every particle meets every target (tolerance 1)
  std::string stop_reason;  // "converged", "budget", "time", "acceptance", "stalled", "generations"
  // When not converged: the targets no particle met, or else those met least; and a
  // message that names them.
  std::vector<std::string> unmet;
  std::string message;
  // The posterior resampled to equal weights (systematic resampling): calibrated.json's
  // parameter_sample rows.
  std::vector<std::vector<double>> equal_weight_rows(std::size_t n) const;
};

// Throws CalibrationError when `s` cannot be calibrated (no target, no free parameter):
// what calibrate() checks first, for a command to ask before it prepares its output.
void check_calibratable(const Scenario& s);

// Calibrates `s`: throws CalibrationError when it has no target or no free parameter,
// RunCancelled when opt.cancel was set. Deterministic in the seed, independent of threads.
CalibrationResult calibrate(const Scenario& s, const CalibrationOptions& opt);

// The scenario with the posterior in place of the priors: the calibrated parameters leave
// Scenario::uncertain, take their posterior mean as the field's value, and `rows` become
// parameter_sample (with `source`).
Scenario calibrated_scenario(const Scenario& s, const CalibrationResult& r, std::size_t rows,
                             const std::string& source);

}  // namespace prostup

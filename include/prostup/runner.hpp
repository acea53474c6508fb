// SPDX-License-Identifier: Apache-2.0
// The parallel runner: every (variant, town, replication) as a TBB task, merged in a
// fixed order so the results do not depend on the number of threads.
#pragma once

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/results.hpp"
#include "prostup/statistics.hpp"  // summarize, incremental_analysis, ... (tests use them)

namespace prostup {

struct RunOptions {
  int threads = 0;  // 0 = all hardware threads
  int replications = -1;
  int months = -1;
  long long seed = -1;  // -1 = the scenario's
  // Called from one thread at most every ~100 ms with (tasks done, tasks total).
  std::function<void(long long, long long)> progress;
  // Set asynchronously (another thread, or a signal handler's lock-free store) to stop early.
  const std::atomic<bool>* cancel = nullptr;
  // Parameter uncertainty (PSA, docs/uncertainty.md). When set, parallel to the models: the
  // scenarios they were compiled from. If one of them has parameter uncertainty
  // (has_parameter_uncertainty) and fixed_parameters is false, the run draws parameter sets:
  // set k (keyed to the seed and k, the same in every model: paired) is applied to each
  // model's scenario and compiled, and replications k * inner .. k * inner + inner - 1 run
  // under it. The replications are rounded up to a multiple of inner_replications.
  const std::vector<Scenario>* scenarios = nullptr;
  bool fixed_parameters = false;
  int inner_replications = 2;
  // Monthly series by household profile too (run --by-profile-series): every month a pass
  // over the households, and a series per profile in timeseries.csv.
  bool by_profile_series = false;
};

// Thrown by run_models when RunOptions::cancel was set during the run.
struct RunCancelled : std::runtime_error {
  RunCancelled() : std::runtime_error("run cancelled") {}
};

// Runs the models (baseline first, then variants; all with the same random keys)
// and summarises them. `models` must share stages, services and towns ids order.
RunResult run_models(const std::vector<CompiledModel>& models, const RunOptions& opt);

// Metric catalogue for a model (names, units, direction).
std::vector<MetricInfo> metric_catalogue(const CompiledModel& m);

// Derives the metric vector (parallel to metric_catalogue) from raw counters.
std::vector<double> derive_metrics(const CompiledModel& m, const ReplicationOutcome& o);

// The counters of household profile `p` of `o` as an outcome of their own (the counters kept
// by profile; stage, service and cost counters zero), for derive_metrics: its metrics with
// MetricInfo::by_profile are the profile's.
ReplicationOutcome profile_outcome(const ReplicationOutcome& o, int p);

// The PSA analyses of a run with parameter sets (docs/uncertainty.md): acceptability curves,
// EVPI and EVPPI, and the regression tornado. Fills res.uncertainty; a no-op without sets.
void analyse_uncertainty(RunResult& res);

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// The runner's parts (run_models in runner.cpp drives them, in this order):
//   run_setup.cpp  the run's options applied to the models: seed and horizon overrides, PSA
//                  parameter sets drawn and compiled;
//   TaskPlan       (below) which (variant, town, replication) task runs in which block and on
//                  which MPI rank (mpi_session.cpp: the collectives);
//   merge.cpp      the deterministic merge: every block's outcomes into per-row accumulators,
//                  in a fixed order (variant, replication, town), whatever the threads or ranks;
//   summaries.cpp  the accumulators into result rows, paired comparisons, the incremental
//                  analysis and the rows and equity figures by household profile.
// The numbers themselves come from the statistics unit (prostup/statistics.hpp) and the
// metric table (metrics.cpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "prostup/observed.hpp"
#include "prostup/runner.hpp"
#include "prostup/statistics.hpp"

namespace prostup::detail {

// ---- uncertainty_analysis.cpp ----

// Least squares min |X b - y| by a complete orthogonal decomposition (QR) of the design: X is
// row-major n x p; returns the p coefficients, the minimum-norm ones when X is collinear.
// The EVPPI's cubic fit and the tornado's linear metamodel.
std::vector<double> least_squares(const std::vector<double>& X, const std::vector<double>& y,
                                  std::size_t p);

// ---- run_setup.cpp ----

// True when the run draws parameter sets: RunOptions::scenarios given, one of them with
// parameter uncertainty, and fixed_parameters off. Throws std::logic_error when scenarios do
// not parallel the models.
bool uses_parameter_sets(const std::vector<CompiledModel>& models, const RunOptions& opt);

// Throws std::invalid_argument when a variant adds or removes towns (results are compared
// town by town).
void check_same_towns(const std::vector<CompiledModel>& models);

// The models the run simulates: `models` itself, or when the options override the seed or
// extend the horizon (common to every model: common random numbers) copies in `local`.
const std::vector<CompiledModel>& apply_overrides(const std::vector<CompiledModel>& models,
                                                  const RunOptions& opt,
                                                  std::vector<CompiledModel>& local);

// PSA: every parameter any scenario draws, in first-seen order (RunInfo::parameters and
// parameter_groups), and the slot of each JSON pointer there.
std::map<std::string, int> collect_parameters(const std::vector<Scenario>& scenarios,
                                              RunInfo& info);

// PSA: parameter set `k` of `scenario` (keyed to the model's seed and k, the same in every
// model: paired) compiled for `model`'s variant and `months`; the drawn values go to
// `values` at their slots.
CompiledModel compile_parameter_set(const Scenario& scenario, const CompiledModel& model, int k,
                                    int months, const std::map<std::string, int>& slot,
                                    std::vector<double>& values);

// The household profiles that pair across models: the baseline's, when every model has them
// in the same order; else 0.
std::size_t paired_profiles(const std::vector<CompiledModel>& models);

// ---- the task plan ----

// Replications go in blocks; inside a block every (variant, town, replication) is a task
// ("item"); blocks are merged in replication order, so the thread count changes nothing.
// Under MPI, item `it` of a block is simulated by rank it % ranks and every rank receives all
// outcomes before the merge (docs/distributed.md); the block grows with the ranks. Under PSA
// a block holds whole parameter sets.
struct TaskPlan {
  int variants = 0, towns = 0, reps = 0, inner = 1;
  int ranks = 1, rank = 0;
  int block = 8;  // replications per block

  // `threads`: this rank's worker threads (the block size is agreed across ranks).
  TaskPlan(int variants, int towns, int reps, int inner, int threads, int ranks, int rank);
  long long total_items() const { return static_cast<long long>(variants) * towns * reps; }
  // Replications in the block that starts at replication r0.
  int block_reps(int r0) const { return std::min(block, reps - r0); }
  // Items in a block of nb replications, and how many of them this rank simulates.
  std::size_t items(int nb) const { return static_cast<std::size_t>(variants) * towns * nb; }
  std::size_t items_of_rank(std::size_t items) const {
    return (items + static_cast<std::size_t>(ranks - 1 - rank)) / static_cast<std::size_t>(ranks);
  }
  // This rank's j-th item of a block.
  std::size_t item(std::size_t j) const {
    return j * static_cast<std::size_t>(ranks) + static_cast<std::size_t>(rank);
  }
  struct Task {
    int variant, town, replication;  // replication: of the run, r0 + its place in the block
  };
  Task task(std::size_t it, int r0, int nb) const {
    const std::size_t per_variant = static_cast<std::size_t>(towns) * nb;
    const int rest = static_cast<int>(it % per_variant);
    return {static_cast<int>(it / per_variant), rest / nb, r0 + rest % nb};
  }
  // Where the outcome of (variant, town, replication k of the block) goes in the block.
  static std::size_t slot(int v, int town, int k, int towns, int nb) {
    return (static_cast<std::size_t>(v) * towns + town) * nb + k;
  }
};

// ---- metrics.cpp ----

// The run's metric list (the baseline's catalogue followed by any metric a variant adds) in
// `metric_info`, and for each model the index there of each of its own metrics.
void unite_metric_catalogues(const std::vector<CompiledModel>& models,
                             std::vector<MetricInfo>& metric_info,
                             std::vector<std::vector<std::size_t>>& metric_slot);

// ---- merge.cpp ----

// One result row's running totals: the metric values of every replication, the monthly
// series, the flows.
struct RowAccumulator {
  std::vector<std::vector<double>> per_rep;  // [metric][rep] (PSA: every replication)
  std::vector<Welford> occupancy, waiting, in_service, cif;
  // The town's own counts (kTownSeries) by month, [k * (M+1) + month]: households roofless
  // at the end of the month (the outside stages together) and placements into housing.
  std::vector<Welford> town_counts;
  std::vector<double> promo, demo, expi, arrivals, exits;
  // The flow account (docs/model.md, "Flows by year"): ReplicationOutcome::flows_by_month
  // summed over replications, and the occupancy at the end of each month, [t * stages + stage]
  // for t = 0..M, summed likewise; whole numbers, so the sums are exact and the years are sums
  // of months. Rows by profile: only with --by-profile-series and several profiles (else
  // empty).
  std::vector<double> month_flows, month_stock;
  int reps = 0;
  // PSA, rows by profile: the current parameter set's sums of the series above, until its
  // last replication adds their mean.
  std::vector<double> set_occupancy, set_waiting, set_cif;
  int set_reps = 0;
};

// The shape of a run's results, shared by the merge and the summaries.
struct RunShape {
  const std::vector<CompiledModel>* models = nullptr;  // as simulated (overrides applied)
  int variants = 0, towns = 0, reps = 0, inner = 1;
  bool psa = false, by_profile_series = false;
  std::size_t metrics = 0, months1 = 0, profiles = 0;  // months1 = months + 1
  int rows_per_variant() const { return towns + 1; }   // the towns, then all towns ("*")
};

// The accumulators of every row (variant-major, the towns then "*") and of every row by
// household profile, filled block by block in a fixed order.
class RunMerge {
 public:
  RunMerge(const RunShape& shape, const std::vector<MetricInfo>& metric_info,
           const std::vector<std::vector<std::size_t>>& metric_slot);
  // Merges a block of `nb` replications: outs[(v * towns + town) * nb + k] is replication
  // k of the block; under PSA the block holds whole parameter sets.
  void merge_block(const std::vector<ReplicationOutcome>& outs, int nb);
  const std::vector<RowAccumulator>& rows() const { return acc_; }
  const std::vector<RowAccumulator>& profile_rows() const { return pacc_; }

 private:
  void merge(RowAccumulator& a, int v, const ReplicationOutcome& o);
  void merge_profiles(int v, int row, const ReplicationOutcome& o);
  void merge_set_series(RowAccumulator& a, int v, const std::vector<const ReplicationOutcome*>& os);
  RunShape s_;
  const std::vector<MetricInfo>& metric_info_;
  const std::vector<std::vector<std::size_t>>& metric_slot_;
  std::vector<RowAccumulator> acc_, pacc_;
};

// ---- budget.cpp ----

// The budget by year and payer (docs/model.md, "Budget by year and payer"), streamed: each
// replication's (PSA: each parameter set's mean) cost per year and payer, its difference from
// the baseline's same replication and the cumulative difference go into Welford accumulators,
// so memory does not grow with replications.
class BudgetMerge {
 public:
  explicit BudgetMerge(const RunShape& shape);
  // The same block as RunMerge::merge_block.
  void merge_block(const std::vector<ReplicationOutcome>& outs, int nb);
  // res.budget (needs res.info.price_year).
  void summarize(RunResult& res) const;

 private:
  // One unit's cells [year * (payers + 1) + payer], payer index `payers` = all payers.
  void cells(int v, const ReplicationOutcome& o, std::vector<double>& c) const;
  RunShape s_;
  int years_ = 0;
  bool discounted_ = false;
  std::vector<std::string> payers_;           // every model's payers, first seen first
  std::vector<std::vector<int>> line_payer_;  // [variant][stage lines, then service lines]
  std::vector<Welford> cost_, diff_, cum_;    // [(variant * rows + row) * cells + cell]
};

// ---- summaries.cpp ----

// res.results, res.comparisons (with the incremental analysis), res.by_profile,
// res.profile_comparisons and res.equity from the merged accumulators; res.metric_info is set.
void summarize_run(RunResult& res, const RunShape& shape, const RunMerge& merged);

}  // namespace prostup::detail

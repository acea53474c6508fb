// SPDX-License-Identifier: Apache-2.0
// What one more unit of a binding constraint is worth (docs/cohort.md, "Marginal values"):
// for the stages and staffed services whose expected demand exceeds their capacity in the
// exact cohort model, a paired Monte Carlo of the town with one more unit (a stage) or one
// more worker (a service) against the town as it is, with common random numbers. The cohort
// model takes capacities as unlimited, so it ranks the candidates by excess demand but cannot
// say what an added unit changes; the paired runs do.
#pragma once

#include <string>
#include <vector>

#include "prostup/cohort.hpp"
#include "prostup/model.hpp"
#include "prostup/results.hpp"

namespace prostup {

struct MarginalOptions {
  int replications = 40;  // paired replications per candidate (and of the town as it is), at most
  int candidates = 3;     // per town: the largest excess demands of the cohort model
  int threads = 0;        // 0 = TBB's default
  // The measurement never costs more than the run it explains (issue 31): when > 0, the
  // single-town replications the run itself simulated per town (its replications x models),
  // and a town's candidates get min(replications, run_simulations / (1 + candidates)) paired
  // replications each; 0 = no such bound.
  long long run_simulations = 0;
  // Fewer paired replications than this give no interval worth ranking by (a t-interval on one
  // or two pairs spans tens of households): the town's candidates are then not measured.
  int min_replications = 5;
};

// The paired replications marginal_values gives each candidate of a town with `candidates`
// of them under `opt` (0: not measured).
int marginal_replications(const MarginalOptions& opt, int candidates);

// A stage or staffed service whose expected demand in the exact cohort model exceeds its
// capacity (caseload) by more than half a household in some month, as in the binding lines.
struct BindingCandidate {
  int town = 0, index = 0;  // the town's index; the stage's or service's index in the model
  bool service = false;
  double excess = 0;  // peak expected demand less capacity
  std::string what;   // the stage's label, "<service label> (caseload)"
};

// The binding candidates of town `town`, largest excess first.
std::vector<BindingCandidate> binding_candidates(const CompiledModel& m, const CohortResult& exact,
                                                 int town);

// One candidate per binding stage or service of every town (by excess demand, the largest
// `candidates` of each town), in town order and then by excess demand. The gain is the paired
// difference in households stabilised (the ICER's effect, the `stabilized` counter of the
// cohort `all`) per unit added, with its 95 % t-interval over marginal_replications pairs (a
// town whose bound leaves fewer than opt.min_replications has no entries); the cost per unit is the
// stage's cost per occupied unit-month (a worker: caseload x cost per case-month) in that town.
std::vector<MarginalValue> marginal_values(const CompiledModel& m, const CohortResult& exact,
                                           const MarginalOptions& opt = {});

// The model with `units` more places in stage `stage` (every month) or, with `service`, that
// many more workers' caseload slots, in town `town` only.
CompiledModel with_more(const CompiledModel& m, int town, bool service, int index, int units = 1);

}  // namespace prostup

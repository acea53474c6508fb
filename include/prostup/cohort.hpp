// SPDX-License-Identifier: Apache-2.0
// The exact cohort model: with capacities and caseloads unlimited, a household's state is
// a finite Markov chain; propagating expected counts gives the Monte Carlo's expectation.
#pragma once

#include <string>
#include <vector>

#include "prostup/model.hpp"

namespace prostup {

struct CohortTown {
  std::string town;
  // Expected occupancy [stage][month 0..M] and expected households that have reached a
  // permanent stage by the end of each month (households in need only) [month].
  std::vector<std::vector<double>> occupancy;
  std::vector<double> reached_lease;
  // Expected households in a stage each service serves at the month's service step (its
  // demand with an unlimited caseload) [service][month 1..M]; 0 at month 0.
  std::vector<std::vector<double>> service_demand;
  double in_need_initial = 0;  // initial households not in a permanent stage
  // Per profile and entry stage (the town's first entry stage and every initially
  // populated non-permanent stage): P(ever reach a permanent stage before exit) and
  // E[monthly steps until the first permanent stage | reached].
  struct Entry {
    std::string profile, stage;
    double p_reach_lease = 0, expected_months_to_lease = 0;
  };
  std::vector<Entry> entries;
  // Demand (expected occupancy without limits) against capacity, per stage and month.
  // Stages and services whose expected demand exceeds capacity, with the peak demand, the
  // capacity in that month and the first month: "Tréninkový byt: demand 42, capacity 20
  // from month 9"; a service's line names its caseload.
  std::vector<std::string> binding;
};

struct CohortResult {
  std::string variant;
  int months = 0;
  std::size_t states_per_profile = 0;
  std::vector<CohortTown> towns;
};

// Caps on the counters the chain keeps; 0 = derive the smallest exact caps from the rules.
struct CohortCaps {
  int months_in_stage = 0, streak = 0, arrears = 0;
};

CohortResult cohort(const CompiledModel& m, const CohortCaps& caps = {});

// The binding lines of town `town` prefixed with its label ("Jirkov: Tréninkový byt: demand
// 42, capacity 20 from month 9"); empty where nothing binds.
std::vector<std::string> binding_constraints(const CompiledModel& m, const CohortResult& r,
                                             int town);

// One line per profile of town `town`, from the profile's own entry stage (its
// entry_by_profile one, else the town's): "Rodina s dětmi, entering Ulice: 41.2 % reach a
// lease, in 18.3 months on average if they do". Profiles whose chain could not be solved are
// left out.
std::vector<std::string> profile_summary(const CompiledModel& m, const CohortResult& r, int town);

}  // namespace prostup

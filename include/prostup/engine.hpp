// SPDX-License-Identifier: Apache-2.0
// The simulation core: one town, one replication, no I/O, no globals.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

#include "prostup/metric_table.hpp"  // kRetentionMonths
#include "prostup/model.hpp"

namespace prostup {

// Per-cohort counters (docs/model.md, "Cohort outcomes"): one block of kCohortFields doubles
// per cohort (model.cohort_ids(): all, initial, arrivals, tagged...). Every household adds
// to the blocks of its cohorts once, when it exits or at the horizon.
enum CohortField : int {
  kHouseholds,             // households in the cohort
  kHousedEnd,              // in a permanent stage at the horizon
  kEverHoused,             // in a permanent stage at some month (month 0 included)
  kMonthsObserved,         // household-months in the system, months 1..M
  kMonthsHoused,           // of which in a permanent stage
  kStabilized,             // households with >= stabilized_months consecutive housed months
  kStabilizationEligible,  // households that entered early enough to be able to
  kStabilizedEligible,     // stabilised households among those
  kRetentionEligible,      // 3 fields, one per kRetentionMonths: first housed >= N before M
  kRetained = kRetentionEligible + 3,  // 3 fields: of which housed N months later
  kReturned = kRetained + 3,           // lost a permanent stage to a non-permanent one
  // 3 fields, one per kRetentionMonths, of the kRetentionEligible: the first loss of housing
  // was a return to a non-permanent stage within N months of first housed (HUD's returns).
  kReturnedWithin,
  // Length of time roofless (docs/model.md): households counted on an outside stage at the
  // end of at least one month 1..M, and their months there, all their stays added up.
  kRooflessHouseholds = kReturnedWithin + 3,
  kMonthsRoofless,
  kExitsToOwnHousing,
  kExitsToInstitution,
  kExitsUnknown,
  kCohortCost,  // stage and service costs of the cohort's households, CZK
  // Discounted (docs/model.md, "Discounting"; equal to the undiscounted figures' weights of 1
  // when the rate is 0): cost, months housed, and households stabilised, each stabilisation
  // weighed by the factor of the month its run of months housed became long enough.
  kCohortCostDiscounted,
  kMonthsHousedDiscounted,
  kStabilizedDiscounted,
  // Person-time of the households in need (docs/model.md, "Who is in need"): kMonthsObserved
  // and kMonthsHoused of every household but those the baseline has in a permanent stage at
  // month 0, so the share has the same denominator in every arm.
  kMonthsObservedInNeed,
  kMonthsHousedInNeed,
  kCohortFields
};

// Raw, summable counters of one replication of one town (or of several towns added up).
// Everything reported is derived from these, so the all-towns row ("*") is exact.
struct ReplicationOutcome {
  int n_stages = 0, n_services = 0, months = 0;
  double households_seen = 0;
  double housed_at_start = 0;  // initial population already in a permanent stage
  double reached_lease = 0;    // households ever in a permanent stage
  double stabilized = 0;       // households with >= stabilized_months consecutive there
  double evictions = 0, expiries = 0, returns_to_street = 0, exits = 0, demotions = 0;
  double arrivals = 0, entry_fallbacks = 0;
  double roofless_household_months = 0;
  double placements = 0, waiting_months_placed = 0;  // for mean months waiting
  std::vector<double> promotions_to;                 // [stage]
  std::vector<double> occupancy_end;                 // [stage]
  std::vector<double> occupancy_sum;                 // [stage] sum over months 1..M
  std::vector<double> stage_cost;                    // [stage] CZK
  std::vector<double> service_case_months;           // [service]
  std::vector<double> service_waiting_sum;  // [service] eligible-not-served, summed over months
  std::vector<double> service_cost;         // [service] CZK
  double cost_discounted = 0;               // stage, service and other costs, discounted, CZK
  // [stage] CZK to other services: occupancy x the stage's other_services_cost_per_month.
  std::vector<double> other_cost;
  // The budget by year (docs/model.md, "Budget by year and payer"): each cost line's cost in
  // year y = (month - 1) / 12 of the horizon, [y * (S + V + 1) + line], the stages' lines
  // first, then the services', then the stages' costs to other services together;
  // undiscounted, and discounted as cost_discounted (zero when r = 0).
  std::vector<double> cost_by_year, cost_by_year_discounted;
  std::vector<double> promotion_flow, demotion_flow, expiry_flow;  // [from * S + to]
  std::vector<double> arrivals_to, exits_from;                     // [stage]
  // The same moves by year of the horizon, y = (month - 1) / 12 (docs/model.md, "Flows by
  // year"), where flow_layout(model) says (arrivals, exits by destination, and the moves the
  // model can make); empty in an outcome by profile.
  std::vector<double> flows_by_year;
  // The same moves by month of the horizon, [(month - 1) * block + slot] for month 1..M
  // (flows_monthly.csv), counted at the same events.
  std::vector<double> flows_by_month;
  // Monthly series, month 0..M: [stage * (M+1) + month] etc.
  std::vector<double> occupancy;   // [stage][month]
  std::vector<double> waiting;     // [stage][month] waiting-list length (target stage)
  std::vector<double> in_service;  // [service][month]
  // [month] placements into housing: moves from a non-permanent stage into a permanent one
  // (step 5) and arrivals entering a permanent stage (docs/model.md, "Functional zero").
  std::vector<double> housing_placements;
  // Time to first permanent stage by months since entry d = 0..M.
  std::vector<double> lease_at;     // first permanent stage reached d months after entry
  std::vector<double> exit_at;      // exited before reaching it, d months after entry
  std::vector<double> censored_at;  // still not reached at the horizon, d months after entry
  // By household profile [profile] (issue: who gets stuck): the household counts above split
  // by profile, and those on an outside stage at the horizon.
  int n_profiles = 0;
  std::vector<double> profile_seen, profile_housed_at_start, profile_reached_lease,
      profile_stabilized, profile_evictions, profile_exits, profile_arrivals, profile_roofless_end;
  std::array<std::vector<double>*, 8> profile_counts() {
    return {&profile_seen,       &profile_housed_at_start, &profile_reached_lease,
            &profile_stabilized, &profile_evictions,       &profile_exits,
            &profile_arrivals,   &profile_roofless_end};
  }
  std::array<const std::vector<double>*, 8> profile_counts() const {
    return {&profile_seen,       &profile_housed_at_start, &profile_reached_lease,
            &profile_stabilized, &profile_evictions,       &profile_exits,
            &profile_arrivals,   &profile_roofless_end};
  }

  // The rest of the household-level counters by profile (not pinned in the golden texts):
  // every scalar outcome the runner reports by profile is derived from these (docs/model.md,
  // "Outcomes by profile"). profile_roofless_months: household-months on an outside stage.
  std::vector<double> profile_expiries, profile_demotions, profile_returns_to_street,
      profile_entry_fallbacks, profile_roofless_months, profile_placements,
      profile_waiting_months_placed;
  std::vector<double> profile_lease_at, profile_exit_at, profile_censored_at;  // [p * (M+1) + d]
  std::vector<double> profile_cohort;  // the cohort "all" by profile: [p * kCohortFields + field]
  // Households by months roofless n = 1..M (kMonthsRoofless of one household; [0] unused), for
  // the median length of time roofless of the cohort "all" by profile: [p * (M+1) + n].
  std::vector<double> profile_roofless_length;
  // Monthly series by profile, only with SimulateOptions::by_profile_series (else empty):
  // [(profile * stages + stage) * (M+1) + month].
  std::vector<double> profile_occupancy, profile_waiting;
  // flows_by_month by profile, also only with by_profile_series (else empty):
  // [(profile * M + month - 1) * block + slot], the stocks being profile_occupancy.
  std::vector<double> profile_flows_by_month;
  std::array<std::vector<double>*, 15> profile_detail() {
    return {&profile_expiries,
            &profile_demotions,
            &profile_returns_to_street,
            &profile_entry_fallbacks,
            &profile_roofless_months,
            &profile_placements,
            &profile_waiting_months_placed,
            &profile_lease_at,
            &profile_exit_at,
            &profile_censored_at,
            &profile_cohort,
            &profile_roofless_length,
            &profile_occupancy,
            &profile_waiting,
            &profile_flows_by_month};
  }
  std::array<const std::vector<double>*, 15> profile_detail() const {
    return {&profile_expiries,
            &profile_demotions,
            &profile_returns_to_street,
            &profile_entry_fallbacks,
            &profile_roofless_months,
            &profile_placements,
            &profile_waiting_months_placed,
            &profile_lease_at,
            &profile_exit_at,
            &profile_censored_at,
            &profile_cohort,
            &profile_roofless_length,
            &profile_occupancy,
            &profile_waiting,
            &profile_flows_by_month};
  }

  int n_cohorts = 0;
  std::vector<double> cohorts;  // [cohort * kCohortFields + CohortField]
  // Households of each cohort by months roofless n = 1..M ([0] unused): [cohort * (M+1) + n],
  // for the median length of time roofless (docs/model.md).
  std::vector<double> roofless_length;
  double cohort(int c, int field) const {
    return cohorts[static_cast<std::size_t>(c) * kCohortFields + field];
  }

  void resize(int stages, int services, int months, int n_cohorts = 3, int profiles = 0);
  void add(const ReplicationOutcome& o);  // element-wise sum
  // Flat form for sending between MPI ranks: appends every field to `out` (doubles are
  // copied exactly); deserialize reads one outcome back and returns the position after it.
  void serialize(std::vector<double>& out) const;
  const double* deserialize(const double* p);
};

// Optional per-month check hook for tests: called after accounting with the
// households' state; never set in production runs.
struct MonthAudit {
  int month;
  const std::vector<std::int64_t>* occupancy;       // [stage]
  const std::vector<std::int64_t>* capacity;        // [stage]
  std::int64_t alive, exited_total, entered_total;  // entered includes the initial population
};
using AuditFn = void (*)(const MonthAudit&, void* user);

struct SimulateOptions {
  int months = -1;  // -1 = the model's
  AuditFn audit = nullptr;
  void* audit_user = nullptr;
  // Polled once per month; set from another thread or a signal handler (a lock-free store).
  const std::atomic<bool>* cancel = nullptr;
  // When set, receives the household-months simulated (for rates: benchmarks, progress).
  std::uint64_t* household_months = nullptr;
  // Fill ReplicationOutcome::profile_occupancy, profile_waiting (a pass over the
  // households every month, so only when asked: `run --by-profile-series`) and
  // profile_flows_by_month (counted at the events).
  bool by_profile_series = false;
};

// Simulates town `town` for replication `replication`. Deterministic in its arguments.
ReplicationOutcome simulate(const CompiledModel& m, int town, int replication,
                            const SimulateOptions& opt = {});

}  // namespace prostup

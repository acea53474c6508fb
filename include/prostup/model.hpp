// SPDX-License-Identifier: Apache-2.0
// Compiled, immutable rule tables: what the simulation core and the cohort model read.
//
// A Scenario is compiled once per variant. Probabilities become 32-bit thresholds
// indexed by a small state (profile, stage, employment, service mask) so the hot loop
// does table look-ups and integer compares only.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "prostup/scenario.hpp"

namespace prostup {

inline constexpr int kMaxStages = 32;
inline constexpr int kMaxProfiles = 32;
inline constexpr int kMaxServices = 8;  // engagement is a bit mask per household
inline constexpr std::uint8_t kNoStage = 0xff;

// Thresholds for one (profile, stage, service mask): u32 < threshold means "yes".
// A threshold is a 64-bit value so that p = 1 (2^32) is exact.
struct Thresholds {
  std::uint64_t job_gain, job_loss, pay_unemployed, pay_employed, comply, exit;
};

// What the household step (docs/model.md, step 4) needs of one stage, flattened for the
// engine: the limits of steps 4c and 4d. kNoLimit (above any 16-bit counter) = none.
inline constexpr std::uint32_t kNoLimit = 0x10000;
struct StageRule {
  std::uint32_t arrears_limit;  // 4c eviction: arrears >= this
  std::uint32_t max_stay;       // 4c expiry: months in stage >= this
  // 4d: the smallest months-in-stage and streak of the promotion edges from the stage
  // (kNoLimit if none): a household below either cannot apply, so the edge list is read
  // only for the rest.
  std::uint32_t apply_months, apply_streak;
  std::uint32_t pays_rent, permanent;  // 0 or 1
};

// Everything step 4 reads for one (profile, stage, service mask) and two facts about the
// household (an application pending, already stabilised), in one cache line, laid out so that
// the engine's household loop indexes instead of choosing. Built once per compiled model:
// row (t << 2) | (pending << 1) | stabilised for threshold index t (CompiledModel::thresholds).
struct alignas(64) StepRow {
  // [0] job_gain, [1] job_loss: indexed by employment at the start of the month (4a);
  // [2] unemployed, [3] employed: the good-month threshold by employment after 4a (pay_rent
  // where rent is due, comply elsewhere; 4b); [4] exit (4e).
  std::uint64_t below[5];
  // The stage's limits less one (StageRule; kNoLimit - 1 is above any counter): the engine
  // tests "x >= limit" as the sign bit of (limit - 1 - x), see its sign-flag helpers.
  // A pending application keeps apply_months_m1 at kNoLimit - 1 (4d applies only without
  // one); stable_m1 is the stabilisation rule's months less one, kNoLimit - 1 once stabilised.
  std::int32_t arrears_m1, stay_m1, apply_months_m1, apply_streak_m1, stable_m1;
  std::uint16_t repay;           // arrears cleared by a good month (1 + the services' repayment)
  std::uint8_t rent, permanent;  // 0 or 1
};
// StepRow's index bits below the threshold index.
inline constexpr unsigned kRowPending = 2, kRowStabilized = 1, kRowFactBits = 2;
static_assert(sizeof(StepRow) == 64, "a step row is one cache line");

struct CompiledPromotion {
  std::uint8_t from, to;
  std::uint16_t min_months_in_stage;
  std::uint16_t min_streak;
  std::uint16_t max_arrears;  // 0xffff = no limit
  bool employment_required;
  std::int8_t service_required;  // -1 = none
};

struct CompiledStage {
  std::string id;
  LocalText label;
  StageKind kind;
  bool pays_rent;
  bool outside;
  std::uint16_t max_stay_months;  // 0 = none
  std::uint16_t arrears_limit;    // 0 = none
  std::vector<std::uint8_t> on_expiry, on_arrears;
  WaitingPolicy waiting_list;
  PriorityPoints priority_points;
};

struct CompiledService {
  std::string id;
  LocalText label;
  std::uint32_t eligible_stage_mask;
  int caseload_per_worker;
  ServicePriority priority;
  int engagement_months;  // 0 = while eligible
  int arrears_repayment;
};

struct CompiledProfile {
  std::string id;
  LocalText label;
  double share;
  int household_size, children;
  std::uint64_t employed_at_entry;  // threshold
  // The untransformed base probabilities (the cohort model uses doubles).
  double job_gain, job_loss, pay_unemployed, pay_employed, comply, exit;
  // Exit destination: a draw below exit_own goes to own housing, below exit_institution to
  // an institution, else unknown (exit_own = exit_institution = 0: every exit unknown).
  std::uint64_t exit_own, exit_institution;
};

// Households in the built-in cohorts 0 = all, 1 = initial population, 2 = arrivals, then
// the tagged ones; a household carries them as a bit mask.
inline constexpr int kBuiltinCohorts = 3;
struct CompiledCohort {
  std::string id;
  LocalText label;
  int initial_stage = -1;  // >= 0: the households placed in this stage at month 0
  int count = 0;           // > 0: that many of them, by a keyed draw; 0 = all
  int start_stage = -1;    // >= 0: where they start at month 0 (else initial_stage)
  std::vector<PublishedFigure> published;
  int from_month = 0, to_month = 0;  // arrivals in from..to (when initial_stage < 0)
  int profile = -1;                  // -1 = every profile
};

// Per town, every schedule resolved to one value per month 1..months (index 0 = start).
struct CompiledTown {
  std::string id;
  LocalText label;
  std::uint64_t stream_key;  // stable hash of the id: a town keeps its streams across variants
  std::vector<std::vector<std::int64_t>> capacity;  // [stage][month]; outside = huge
  std::vector<double> arrival_rate;                 // [month]
  bool replace_exits;
  std::vector<std::uint8_t> entry;                          // entry stage then fallbacks
  std::vector<std::vector<std::uint8_t>> entry_by_profile;  // [profile]: its list (default entry)
  std::vector<int> initial;                                 // households per stage at month 0
  std::vector<int> service_capacity;                        // [service] caseload slots
  std::vector<double> stage_cost;                           // [stage] CZK per occupied unit-month
  std::vector<double> service_cost;                         // [service] CZK per case-month
  // The same by household profile (the stages' and services' profile_cost_factors applied):
  // [profile * stages + stage], [profile * services + service]. A stage or service whose
  // figure is the same for every profile has cost_by_profile 0 in *_cost_varies, and its
  // monthly totals are then occupancy x stage_cost as before.
  std::vector<double> stage_cost_by_profile, service_cost_by_profile;
  std::vector<std::uint8_t> stage_cost_varies, service_cost_varies;  // [stage], [service]
  // [stage] CZK per household-month to other public services (Stage::
  // other_services_cost_per_month; payer kOtherServicesPayer), the same for every profile.
  std::vector<double> stage_other_cost;
};

struct CompiledModel;

struct CompiledModel {
  std::string scenario_name;
  // The language of the texts the core writes (the binding constraints' labels): the
  // scenario's `language` ("" = English); the run's commands set it to the run's language.
  std::string language;
  std::string variant;  // "baseline" or the variant id
  int months;
  int replications;
  std::uint64_t seed;
  int stabilized_months;
  int functional_zero_months = 3;  // docs/model.md, "Functional zero"
  // Prices (docs/model.md, "Discounting"): the scenario's price year (0 = not stated) and
  // annual discount rate r. discount[t] = (1 + r)^(-t/12) for months t = 0..months + 1;
  // discount_sum[t] = discount[0] + ... + discount[t - 1], so months a..b-1 weigh
  // discount_sum[b] - discount_sum[a] (all 1 and t when r = 0).
  int price_year = 0;
  double discount_rate = 0;
  std::vector<double> discount, discount_sum;
  bool discounting() const { return discount_rate > 0; }
  // simulation.willingness_to_pay: CZK per household stabilised (net monetary benefit).
  std::vector<double> willingness_to_pay;
  std::vector<CompiledStage> stages;
  std::vector<CompiledPromotion> promotions;  // in priority order
  std::vector<CompiledProfile> profiles;
  std::vector<CompiledService> services;
  std::vector<CompiledTown> towns;
  std::vector<CompiledCohort> cohorts;  // tagged cohorts only
  // Payers of the cost lines (cost:<payer>), empty when no line names one; a line without a
  // payer is "unspecified" then. Index per stage and per service.
  // The stages' costs to other services (stage_other_cost) are the payer "other_services"
  // (other_services_payer its index, -1 when no stage has such a cost).
  std::vector<std::string> payers;
  std::vector<int> stage_payer, service_payer;
  int other_services_payer = -1;
  // Multipliers already folded: probability used = base * stage mult * service mults, clamped.
  std::vector<Thresholds> thresholds;  // [(profile * n_stages + stage) << n_services | mask]
  std::vector<std::array<double, kProbCount>> stage_multipliers;    // [stage]
  std::vector<std::array<double, kProbCount>> service_multipliers;  // [service]
  // The household step's tables, derived from the above by compile():
  std::vector<StageRule> stage_rules;             // [stage]
  std::vector<std::vector<int>> promotions_from;  // [stage]: promotion indices, priority order
  std::vector<StepRow> step_rows;  // [(threshold index << kRowFactBits) | facts], see StepRow
  // Towns with rules of their own (towns.<id>.rules; docs/model.md, "A town's own rules"):
  // [town] the ladder that town runs, compiled from town_ladder() (its only town is that one),
  // null for a town on the common ladder above; empty when no town has rules. The engine and
  // the cohort model read a town's rules from rules_of(town), chosen once per town; its seed,
  // horizon and CompiledTown they take from this model (towns[town], a copy of the town's
  // there, which a run's --seed and --months change here).
  std::vector<std::shared_ptr<const CompiledModel>> town_rules;
  bool has_own_rules(int town) const {
    return !town_rules.empty() && town_rules[static_cast<std::size_t>(town)] != nullptr;
  }
  const CompiledModel& rules_of(int town) const {
    return has_own_rules(town) ? *town_rules[static_cast<std::size_t>(town)] : *this;
  }

  int n_stages() const { return static_cast<int>(stages.size()); }
  int n_services() const { return static_cast<int>(services.size()); }
  int n_cohorts() const { return kBuiltinCohorts + static_cast<int>(cohorts.size()); }
  // The stabilisation rule (docs/model.md): a household is stabilised by a run of at least
  // this many consecutive months housed in permanent stages (stabilized_months, at least 1).
  int months_to_stabilize() const { return stabilized_months > 1 ? stabilized_months : 1; }
  // "all", "initial", "arrivals", then the tagged cohorts' ids.
  std::vector<std::string> cohort_ids() const;
  const Thresholds& threshold(int profile, int stage, unsigned mask) const {
    return thresholds[((static_cast<std::size_t>(profile) * stages.size() + stage)
                       << services.size()) |
                      mask];
  }
  // The effective probability of `p` (as the engine uses it) for one state.
  double probability(int profile, int stage, unsigned mask, Prob p, bool employed) const;
};

// Where ReplicationOutcome::flows_by_year keeps each count (docs/model.md, "Flows by year"):
// one block per year of the horizon, holding the moves between stages that the model can make
// (`edges`: promotions by their edges, demotions and expiries to the stages of their lists,
// each (kind, from, to) once, those of towns with their own rules after the common ladder's;
// kind 0 promotion, 1 demotion, 2 expiry), then arrivals by stage,
// then exits by stage and destination (0 own housing, 1 institution, 2 unknown). Only the
// possible moves, so the block grows with the ladder's edges, not with stages squared.
struct FlowLayout {
  struct Edge {
    int kind, from, to;
  };
  int stages = 0;
  std::vector<Edge> edges;
  std::vector<int> edge_of;  // [(kind * stages + from) * stages + to]: index in edges, -1 = none
  std::size_t block() const { return edges.size() + 4 * static_cast<std::size_t>(stages); }
  // The slot of a move, or -1 where the model cannot make it.
  long long move(int year, int kind, int from, int to) const {
    const int e = edge_of[(static_cast<std::size_t>(kind) * stages + from) * stages + to];
    return e < 0 ? -1 : static_cast<long long>(static_cast<std::size_t>(year) * block() + e);
  }
  std::size_t arrival(int year, int to) const {
    return static_cast<std::size_t>(year) * block() + edges.size() + static_cast<std::size_t>(to);
  }
  std::size_t exit(int year, int from, int destination) const {
    return static_cast<std::size_t>(year) * block() + edges.size() + stages +
           3 * static_cast<std::size_t>(from) + static_cast<std::size_t>(destination);
  }
};
FlowLayout flow_layout(const CompiledModel& m);

// Compiles a validated scenario. Throws std::logic_error only on a bug (the scenario
// layer has already refused anything invalid). `months` > 0 compiles every schedule to that
// horizon in place of the file's (`--months`), so a step after the file's horizon is kept.
CompiledModel compile(const Scenario& s, const std::string& variant = "baseline", int months = 0);

// Stable 64-bit hash (FNV-1a) used to key random streams by model ids.
std::uint64_t stable_hash(const std::string& s);

}  // namespace prostup

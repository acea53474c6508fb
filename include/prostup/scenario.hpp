// SPDX-License-Identifier: Apache-2.0
// Scenario layer: the validated plain structs a scenario JSON becomes.
//
// Nothing here knows about JSON; sim/scenario/scenario_json.cpp fills these structs and
// reports every problem with its JSON pointer. Collections keep the order of the
// file (stages bottom rung first, promotion edges in priority order).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "prostup/local_text.hpp"
#include "prostup/observed.hpp"
#include "prostup/uncertainty.hpp"

namespace prostup {

// Version 2 added distributions on parameters (PSA); version-1 files read unchanged.
inline constexpr int kFormatVersion = 2;

enum class StageKind : std::uint8_t {
  outside,    // street, roofless (bez přístřeší): unlimited, no rent
  temporary,  // night shelter (noclehárna), asylum home (azylový dům), hostel (ubytovna)
  supported,  // training flat (tréninkový byt)
  permanent,  // standard lease (běžný nájem)
};

enum class WaitingPolicy : std::uint8_t { fifo, longest_streak, families_first, points };

// The weights of a `points` waiting list: an applicant's score is the weighted sum of months
// on the list, children, months roofless (in an outside stage, since entry) and months of
// arrears; the highest score goes first.
struct PriorityPoints {
  double waiting_months = 0, children = 0, roofless_months = 0, arrears_months = 0;
};
enum class ServicePriority : std::uint8_t { fifo, highest_arrears, families_first };

// The monthly probabilities a profile has and multipliers can scale.
enum class Prob : std::uint8_t { job_gain, job_loss, pay_rent, comply, exit, count };
inline constexpr int kProbCount = static_cast<int>(Prob::count);

// Multipliers keyed by probability; absent = 1.
struct Multipliers {
  double factor[kProbCount] = {1, 1, 1, 1, 1};
};

// The payer of the stages' costs to other public services (other_services_cost_per_month).
inline constexpr const char* kOtherServicesPayer = "other_services";

struct Stage {
  std::string id;
  LocalText label;  // UTF-8, Czech labels are normal; may be given per language
  StageKind kind = StageKind::temporary;
  bool pays_rent = false;
  double cost_per_month = 0;  // public cost per occupied unit, CZK/month
  std::string payer;          // who pays cost_per_month (cost:<payer>); empty = unspecified
  // Cost to other public services (emergency care, health, child protection, police) per
  // household-month in this stage, CZK; paid by the payer `other_services`.
  double other_services_cost_per_month = 0;
  // Factors on the cost (the stage's or a town's) for households of a profile; absent = 1.
  std::map<std::string, double> profile_cost_factors;
  std::optional<int> max_stay_months;
  std::vector<std::string> on_expiry;   // ordered destinations, ends in an outside stage
  std::optional<int> arrears_limit;     // months of arrears that trigger eviction
  std::vector<std::string> on_arrears;  // ordered destinations, ends in an outside stage
  Multipliers multipliers;
  WaitingPolicy waiting_list = WaitingPolicy::fifo;
  PriorityPoints priority_points;  // used by waiting_list `points`
};

struct Promotion {
  std::string id;
  std::string from, to;
  int min_months_in_stage = 0;
  int min_streak = 0;
  std::optional<int> max_arrears;  // absent = no limit
  bool employment_required = false;
  std::string service_required;  // empty = none; else engaged now or completed before
};

struct Profile {
  std::string id;
  LocalText label;
  double share = 0;  // of arrivals and of the initial population
  int household_size = 1;
  int children = 0;
  double job_gain = 0, job_loss = 0;
  double pay_rent_unemployed = 0, pay_rent_employed = 0;
  double comply = 0;
  double exit = 0;
  double employed_at_entry = 0;  // probability a new household starts employed
  // Where the profile's exits go, as shares summing to 1 (format: exit_destinations). A
  // version-1 file without them sends every exit to `unknown`.
  double exit_to_own_housing = 0, exit_to_institution = 0, exit_unknown = 1;
};

// A figure published for a cohort (format: cohorts.<id>.published), shown beside the
// simulated one in the answer: `metric` is a cohort metric ("retention_12"), `text` how the
// source states it ("48/50"); fitted = it set a parameter, so agreeing with it is no test.
struct PublishedFigure {
  std::string metric;
  double value = 0;
  LocalText text;
  std::string source;
  bool fitted = false;
};

// A tagged household cohort (format: cohorts), reported on its own, intention to treat:
// its households stay in it wherever they go. Exactly one of initial_stage / arrivals.
// With `count`, the cohort is `count` of the stage's initial households chosen by a keyed
// random draw (docs/model.md, "Cohorts"): the same households in every arm. `start_stage`
// places them elsewhere at month 0 (a variant's Housing First flat) without changing who
// is in need.
inline constexpr int kMaxCohorts = 8;
struct Cohort {
  std::string id;
  LocalText label;
  std::string initial_stage;         // the households placed in this stage at month 0
  int count = 0;                     // > 0: that many of them, by a keyed draw; 0 = all
  std::string start_stage;           // empty = initial_stage
  bool arrivals = false;             // households arriving in months from_month..to_month
  int from_month = 1, to_month = 0;  // to_month 0 = the horizon
  std::string profile;               // empty = every profile
  std::vector<PublishedFigure> published;
};

struct Service {
  std::string id;
  LocalText label;
  std::vector<std::string> eligible_stages;
  int caseload_per_worker = 0;
  ServicePriority priority = ServicePriority::fifo;
  std::optional<int> engagement_months;  // absent = while eligible
  Multipliers effects;                   // on the household's probabilities while engaged
  int arrears_repayment = 0;  // extra months of arrears cleared per good month while engaged
  double cost_per_case_month = 0;
  std::string payer;  // who pays cost_per_case_month; empty = unspecified
  std::map<std::string, double> profile_cost_factors;  // as Stage's
};

// A value that changes from given months on (capacity, arrival rate).
template <class T>
struct Scheduled {
  T initial{};
  std::vector<std::pair<int, T>> changes;  // (from_month, value), strictly increasing months
  T at(int month) const {
    T v = initial;
    for (const auto& [m, x] : changes)
      if (m <= month) v = x;
    return v;
  }
};

// Where newcomers of one profile go: the first stage with a free unit, in order.
struct EntryRoute {
  std::string stage;
  std::vector<std::string> fallbacks;  // ordered; ends in an outside stage
};

// A town's own rules (format: towns.<id>.rules): fields of the common ladder's stages, promotion
// edges and services that are different in this town. Each field given replaces the common
// ladder's for this town only; the ids of stages, edges, services and profiles stay those of the
// scenario, so every town's outputs keep one layout.
struct StageRules {
  std::optional<int> max_stay_months;  // 0 = no maximum stay in this town
  std::optional<std::vector<std::string>> on_expiry;
  std::optional<std::map<std::string, double>> profile_cost_factors;  // replaces the stage's
};
struct PromotionRules {
  std::optional<int> min_months_in_stage, min_streak, max_arrears;
  std::optional<bool> employment_required;
  std::optional<std::string> service_required;
};
struct ServiceRules {
  std::optional<std::vector<std::string>> eligible_stages;
};
struct TownRules {
  std::map<std::string, StageRules> stages;          // stage id ->
  std::map<std::string, PromotionRules> promotions;  // promotion edge id ->
  std::map<std::string, ServiceRules> services;      // service id ->
  bool empty() const { return stages.empty() && promotions.empty() && services.empty(); }
};

struct Town {
  std::string id;
  LocalText label;
  std::map<std::string, int> initial;              // households per stage at month 0
  std::map<std::string, Scheduled<int>> capacity;  // every non-outside stage; units
  Scheduled<double> arrival_rate;                  // Poisson mean, households/month
  bool replace_exits = false;
  std::string entry_stage;
  std::vector<std::string> entry_fallbacks;            // ordered; ends in an outside stage
  std::map<std::string, EntryRoute> entry_by_profile;  // profile id -> own list; absent = above
  std::map<std::string, double> staffing;              // service id -> workers (FTE)
  std::map<std::string, double> stage_costs;           // overrides of Stage::cost_per_month
  std::map<std::string, double> service_costs;         // overrides of Service::cost_per_case_month
  std::vector<ObservedTarget> observed;                // calibration targets (prostup/observed.hpp)
  TownRules rules;                                     // this town's own rules; empty = common
};

struct Simulation {
  int months = 60;
  int replications = 200;
  std::uint64_t seed = 1;
  int stabilized_months = 12;      // consecutive months in a permanent stage
  int functional_zero_months = 3;  // consecutive months roofless <= placements into housing
  std::optional<int> price_year;   // the year of the costs' prices; absent = not stated
  double discount_rate = 0;        // annual; 0 = undiscounted (docs/model.md, "Discounting")
  // CZK per household stabilised at which the net monetary benefit is reported
  // (docs/model.md, "Incremental analysis"); empty = none.
  std::vector<double> willingness_to_pay;
};

struct Variant {
  std::string id;
  LocalText label;
  LocalText description;
  std::string patch_json;  // the RFC 7396 merge patch, serialised
};

struct Scenario {
  int format_version = kFormatVersion;
  std::string name;  // short id used for output directories
  // The human texts (title, description, labels) may be given per language (LocalText).
  LocalText title;
  LocalText description;
  std::string language;  // "en", "cs" or "" (English): the words of answers and reports
  Simulation simulation;
  std::vector<Stage> stages;  // bottom rung first
  std::vector<Promotion> promotions;
  std::vector<Profile> profiles;
  std::vector<Service> services;
  std::vector<Town> towns;
  std::vector<Variant> variants;
  std::vector<Cohort> cohorts;
  // Parameters that carry a distribution (PSA; prostup/uncertainty.hpp), in file order. The
  // fields themselves hold each distribution's mean.
  std::vector<UncertainParameter> uncertain;
  ParameterSample parameter_sample;  // a joint sample (a calibration's posterior); may be empty

  int stage_index(const std::string& id) const;
  int service_index(const std::string& id) const;
  int town_index(const std::string& id) const;
};

// The scenario as town `town` runs it: its rules (Town::rules) applied to the stages, promotion
// edges and services, and only that town left in `towns`, without rules of its own. A town
// without rules runs the scenario's common ladder.
Scenario town_ladder(const Scenario& s, int town);

const char* to_string(StageKind k);
const char* to_string(WaitingPolicy p);
const char* to_string(ServicePriority p);
const char* to_string(Prob p);

}  // namespace prostup

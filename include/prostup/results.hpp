// SPDX-License-Identifier: Apache-2.0
// Result structs: what the runner produces and the writers (CSV, JSON, SVG, HTML) read.
//
// Undefined values (a median never reached, a ratio over zero) are quiet NaN here;
// writers print them as an empty CSV field or JSON null, never "nan".
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "prostup/local_text.hpp"
#include "prostup/metric_table.hpp"  // Better

namespace prostup {

inline constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

struct MetricInfo {
  std::string name;  // e.g. "reached_lease_share", "occupancy_end:hostel"
  std::string unit;  // "share", "households", "months", "CZK", ...
  Better better = Better::none;
  bool headline = false;       // shown in the run summary
  std::string cohort = "all";  // the household cohort it is about (docs/model.md)
  bool by_profile = false;     // also reported per household profile (RunResult::by_profile)
};

struct Summary {
  double mean = kUndefined, sd = kUndefined, ci_low = kUndefined, ci_high = kUndefined;
  double p05 = kUndefined, p50 = kUndefined, p95 = kUndefined;
  int replications = 0;  // replications (PSA: parameter sets) where the value is defined
  // PSA: the share of one replication's variance that comes from the parameters (0 in a run
  // with fixed parameters; NaN when it cannot be estimated).
  double share_from_parameters = 0;
};

struct SeriesPoint {
  double mean = kUndefined, ci_low = kUndefined, ci_high = kUndefined;
};

struct Series {
  // "occupancy:<stage>", "waiting:<stage>", "in_service:<service>", and the town's own counts
  // "roofless" and "housing_placements" (prostup/observed.hpp, kTownSeries)
  std::string name;
  std::vector<SeriesPoint> by_month;  // month 0..M
  std::vector<double> capacity;       // for occupancy series: capacity by month (empty else)
};

struct Flow {
  std::string from, to, kind;  // kind: promotion, demotion, expiry, arrival, exit
  double mean_per_replication = 0;
};

// One line of the flow account by year (flows_yearly.csv; docs/model.md, "Flows by year"), or
// by month (flows_monthly.csv, `month` > 0): a stage's stock at the start or end of a year
// (month) of the horizon, or one kind of move into or out of it then, as a mean per replication
// (under parameter uncertainty the mean of the parameter sets' means, the same number as every set
// has as many replications). For every stage and year, stock_end = stock_start + the "in" lines -
// the "out" lines.
struct FlowYear {
  int year = 0;    // 1..N: year 1 = months 1-12
  int months = 0;  // months of the horizon in this year (the last may be shorter)
  std::string stage;
  std::string flow;  // stock_start, in, out, stock_end
  // arrival, promotion, demotion, expiry (in); promotion, demotion, expiry, exit (out); empty
  // for the stocks.
  std::string kind;
  // in: the stage it came from (empty for an arrival); out: the stage it went to, or for an
  // exit its destination (own_housing, institution, unknown); empty for the stocks.
  std::string from_or_to;
  double mean_per_replication = 0;
  int month = 0;  // flows_monthly: the month 1..M of the horizon (months = 1); 0 for a year
};

struct IncidencePoint {
  int month = 0;  // months since entry
  double cum_incidence = kUndefined, ci_low = kUndefined, ci_high = kUndefined;
};

struct TownVariantResult {
  std::string town;                                  // town id, "*" = all towns together
  std::string variant;                               // "baseline" or a variant id
  std::string profile = "*";                         // household profile id, "*" = all
  std::vector<Summary> metrics;                      // parallel to RunResult::metric_info
  std::vector<std::vector<double>> per_replication;  // [metric][replication], NaN = undefined
  std::vector<Series> series;
  std::vector<Flow> flows;
  // The flow account by year and by month, periods then stages in order: every row of all
  // profiles; a row of one profile only with --by-profile-series and several profiles.
  std::vector<FlowYear> flows_yearly, flows_monthly;
  std::vector<IncidencePoint> time_to_lease;
};

struct Comparison {
  std::string town, variant, baseline, metric;
  std::string cohort = "all";
  std::string profile = "*";  // household profile id, "*" = all
  // For icer:* rows: "no difference", "no difference in effect", "no clear difference in
  // effect", "dominant", "dominated", "more effect, more cost", "more effect, cost uncertain",
  // "less effect, less cost" or "less effect, cost uncertain" (docs/model.md, "Incremental
  // analysis"); empty elsewhere.
  std::string note;
  double diff_mean = kUndefined, diff_ci_low = kUndefined, diff_ci_high = kUndefined;
  double share_better = kUndefined;  // ties count half (PSA: over parameter sets)
  int replications = 0;
  double share_from_parameters = 0;  // as Summary's, for the paired difference
};

// A derived equity figure of one town and variant (equity.csv; docs/model.md, "Equity").
// lease_gap, eviction_gap: best minus worst profile (best/worst by their means), and their
// change against the baseline (the baseline's best and worst in both); roofless_share,
// arrival_share, roofless_excess (the first minus the second): per profile.
struct EquityFigure {
  std::string town, variant, figure;
  std::string profile = "*";  // for the per-profile figures; "*" for the gaps
  std::string best, worst;    // for the gaps: the profiles compared
  double mean = kUndefined, ci_low = kUndefined, ci_high = kUndefined;
  int replications = 0;  // replications where the figure is defined
};

// One cell of the budget by year and payer (budget.csv; docs/model.md, "Budget by year and
// payer"): the costs a payer ("*" = all payers) bears in one year of the horizon in one town
// ("*" = all towns) and variant, discounted where the scenario gives a rate, and the variant's
// paired difference from the baseline that year and cumulatively up to it (NaN for the
// baseline). Means with the run's kind of interval: over replications (Student t), or under
// parameter uncertainty over parameter sets (their spread), as timeseries.csv.
struct BudgetRow {
  std::string town, variant, payer;
  int year = 0;           // 1..N: year 1 = months 1-12
  int calendar_year = 0;  // price_year + year - 1 where the scenario states a price year; else 0
  int months = 0;         // months of the horizon in this year (the last may be shorter)
  bool discounted = false;
  SeriesPoint cost, diff, cum_diff;
  // The first year from which the mean cumulative difference stays below 0 to the horizon
  // (this payer's; 0 = never, and for the baseline).
  int break_even_year = 0;
};

struct StageInfo {
  std::string id;
  LocalText label;
  std::string kind;
};

// What one more unit of a binding constraint is worth (prostup/marginal.hpp): per town, for
// the candidates with the largest excess demand in the cohort model, the paired difference in
// households stabilised per unit added and the unit's cost.
struct MarginalValue {
  std::string town;      // id
  std::string what;      // as in the binding line: the stage's label, "<service> (caseload)"
  bool service = false;  // a worker of a service rather than a unit of a stage
  std::string id;        // the stage's or service's id
  double excess = 0;     // peak expected demand less capacity (cohort model)
  int units = 1;         // units or workers added (a worker adds caseload slots)
  double gain = kUndefined, gain_low = kUndefined, gain_high = kUndefined;  // per unit, 95 %
  double cost_per_month = 0;  // CZK per unit (per worker) and month; 0 = not priced
  double cost_horizon = 0;    // the same over the run's months
  int replications = 0;       // paired replications
  // Whether the gain is clearly positive (the interval's lower end above 0).
  bool clear_gain() const { return gain_low > 0; }
  // Households stabilised per million CZK over the horizon; NaN when not priced.
  double gain_per_mczk() const { return cost_horizon > 0 ? gain / cost_horizon * 1e6 : kUndefined; }
};

// A tagged cohort of the baseline (docs/model.md, "Cohorts") and the figures a source
// published for it (format: cohorts.<id>.published), for the answer.
struct CohortInfo {
  struct Published {
    std::string metric;
    LocalText text;
    std::string source;
    double value = 0;
    bool fitted = false;
  };
  std::string id;
  LocalText label;
  std::vector<Published> published;
};

struct RunInfo {
  std::string program_version;
  // The scenario's texts are LocalText (prostup/local_text.hpp): results.json and
  // manifest.json keep every language given, so that `prostup report --lang` redraws in any.
  std::string scenario_name;
  LocalText scenario_title, scenario_description;
  std::string scenario_path;  // "(built-in default)" when none
  std::string scenario_sha256;
  std::uint64_t seed = 0;
  int replications = 0, months = 0, threads = 0;
  // Prices (docs/model.md, "Discounting"): the costs' price year (0 = not stated) and the
  // annual discount rate of the *_discounted metrics (0 = none).
  int price_year = 0;
  double discount_rate = 0;
  // simulation.willingness_to_pay (CZK per household stabilised): comparison.csv's
  // nmb:<value> rows (docs/model.md, "Incremental analysis").
  std::vector<double> willingness_to_pay;
  std::vector<std::string> variants;  // "baseline" first
  std::vector<LocalText> variant_descriptions;
  std::vector<LocalText> variant_labels;  // parallel to variants; "" = none (use the id)
  // Per town (parallel to towns): where the baseline's expected demand without limits exceeds
  // a capacity or caseload, from the exact cohort model ("Tréninkový byt: demand 58, ...").
  std::vector<std::vector<std::string>> binding_constraints;  // parallel to variants (may be empty)
  std::vector<MarginalValue> marginal_values;  // all towns, in town order (may be empty)
  std::vector<std::string> towns;              // ids, in scenario order
  std::vector<LocalText> town_labels;
  std::vector<StageInfo> stages;
  std::vector<std::string> services;
  std::vector<LocalText> service_labels;
  std::vector<std::string> profiles;  // household profiles, scenario order
  std::vector<LocalText> profile_labels;
  std::vector<CohortInfo> cohorts;  // the baseline's tagged cohorts
  std::uint64_t household_months = 0;
  double simulate_seconds = 0, wall_seconds = 0;
  std::string started_at;  // ISO 8601 UTC
  // The language of the answer and report.html ("en", "cs"; --lang, else the scenario's):
  // manifest.json keeps it and `prostup report` redraws in it. "" = not recorded.
  std::string language;
  // PSA (docs/uncertainty.md): parameter sets drawn, each run `inner_replications` times;
  // intervals are then uncertainty intervals over the sets, per_replication holds set means.
  bool psa = false;
  int parameter_sets = 0, inner_replications = 1;
  std::vector<std::string> parameters;        // JSON pointers of the drawn parameters
  std::vector<std::string> parameter_groups;  // parallel: the group of each ("" = none)
};

// PSA results (docs/uncertainty.md). `outcome` is "cohort_stabilized" (effect: the metric
// cohort_stabilized of the cohort all, the ICER's denominator) or "months_housed" (effect:
// household-months housed); net benefit of a variant = willingness_to_pay * effect - cost_total.
struct CeacPoint {
  std::string town, variant, outcome;
  double willingness_to_pay = 0;  // CZK per unit of effect
  double probability_most_cost_effective = 0;
};
struct EvpiRow {
  std::string town, outcome;
  std::string parameter = "*";  // "*" = EVPI (all parameters); else EVPPI of this parameter
  double willingness_to_pay = 0;
  double value = 0;  // CZK per run of the town (the horizon), expected
};
struct TornadoRow {
  std::string town, variant, outcome, parameter;
  double low = kUndefined, high = kUndefined;  // the outcome at the parameter's 5 % and 95 %
  double base = kUndefined;                    // at every parameter's mean
};
// The cost-effectiveness plane of a variant in a town: per parameter set, its difference to
// the baseline in cost_total and in households stabilised and months housed (cohort all).
struct CePlane {
  std::string town, variant;
  std::vector<double> d_cost, d_stabilized, d_months_housed;
};
struct UncertaintyResult {
  std::vector<CePlane> plane;
  std::vector<CeacPoint> ceac;
  std::vector<EvpiRow> evpi;
  std::vector<TornadoRow> tornado;
  std::string tornado_outcome;  // e.g. "reached_lease_share" (difference to the baseline)
  double evpi_willingness_to_pay = kUndefined;  // the WTP of the EVPPI rows, per household
};

// One option of a town on the efficient frontier (docs/model.md, "Incremental analysis";
// frontier.csv): where a town has three options or more (the baseline included), per effect
// (`outcome` "stabilized" or "months_housed", cohort all).
struct FrontierRow {
  std::string town, outcome, option;
  std::string status;  // reference, frontier, dominated, extendedly dominated
  double cost = kUndefined, effect = kUndefined;  // means over the paired units
  double icer = kUndefined;                       // against the previous frontier option
};

struct RunResult {
  RunInfo info;
  std::vector<MetricInfo> metric_info;
  // The index of a metric in metric_info (and in every row's metrics); -1 if absent.
  int metric_index(const std::string& name, const std::string& cohort = "all") const {
    for (std::size_t k = 0; k < metric_info.size(); ++k)
      if (metric_info[k].name == name && metric_info[k].cohort == cohort)
        return static_cast<int>(k);
    return -1;
  }
  std::vector<TownVariantResult> results;  // variant-major, towns in order then "*"
  std::vector<Comparison> comparisons;     // each variant vs baseline
  // PSA: parameter_values[variant][set][i], the value of info.parameters[i] in parameter set
  // `set` of that variant (NaN where the variant has no such parameter). Empty without PSA.
  std::vector<std::vector<std::vector<double>>> parameter_values;
  UncertaintyResult uncertainty;
  // The same by household profile (only metrics with by_profile; series only when asked,
  // flows never): variant-major, then towns and "*", then profiles in scenario order.
  std::vector<TownVariantResult> by_profile;
  std::vector<Comparison> profile_comparisons;
  std::vector<EquityFigure> equity;
  std::vector<FrontierRow> frontier;  // empty where no town has three options
  std::vector<BudgetRow> budget;      // variant-major, towns then "*", years, payers then "*"
  // Inline: the result structs are shared by the runner (which fills them) and the writers
  // (which read them); neither layer links the other.
  const TownVariantResult* find(const std::string& town, const std::string& variant) const {
    for (const auto& r : results)
      if (r.town == town && r.variant == variant) return &r;
    return nullptr;
  }
  // A profile's row ("*" = the row of all profiles, as find).
  const TownVariantResult* find(const std::string& town, const std::string& variant,
                                const std::string& profile) const {
    if (profile == "*") return find(town, variant);
    for (const auto& r : by_profile)
      if (r.town == town && r.variant == variant && r.profile == profile) return &r;
    return nullptr;
  }
};

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// A model's metrics: the metric table (prostup/metric_table.hpp) expanded for its stages,
// services, payers and cohorts (metric_catalogue), and how each metric is computed from a
// replication's counters (derive_metrics, in the catalogue's order).
#include <algorithm>
#include <cmath>

#include "prostup/metric_table.hpp"
#include "run_internal.hpp"

namespace prostup {

namespace {

double ratio(double a, double b) {
  return b > 0 ? a / b : kUndefined;
}

// The lower median of row `row` of histogram `h` ([row * M1 + n], n = 0..M1-1), `total`
// counts in all: the smallest n with at least half of them at or below it, as
// median_months_to_lease; undefined where there are none.
double lower_median(const std::vector<double>& h, std::size_t row, std::size_t M1, double total) {
  if (!(total > 0) || h.size() < (row + 1) * M1) return kUndefined;
  double cum = 0;
  for (std::size_t n = 0; n < M1; ++n) {
    cum += h[row * M1 + n];
    if (cum * 2 >= total) return static_cast<double>(n);
  }
  return kUndefined;
}

}  // namespace

std::vector<MetricInfo> metric_catalogue(const CompiledModel& m) {
  // The metric table (prostup/metric_table.hpp) expanded for the model's stages, services,
  // payers and cohorts: the run's metrics, then every cohort's (the built-in "all" first).
  std::vector<MetricInfo> c;
  const auto& table = metric_definitions();
  const bool discounted = m.discounting();
  for (const MetricDefinition& d : table) {
    if (d.only_discounted && !discounted) continue;
    auto add = [&](std::string name) {
      c.push_back({std::move(name), d.unit, d.better, d.headline, "all", d.by_profile});
    };
    const std::string prefix = metric_prefix(d);
    switch (d.scope) {
      case MetricScope::run:
        add(d.name);
        break;
      case MetricScope::per_stage:
        for (const auto& s : m.stages) add(prefix + s.id);
        break;
      case MetricScope::per_service:
        for (const auto& v : m.services) add(prefix + v.id);
        break;
      case MetricScope::per_payer:
        for (const auto& p : m.payers) add(prefix + p);
        break;
      case MetricScope::cohort:
      case MetricScope::cohort_not_all:
      case MetricScope::retention:
        break;  // below
    }
  }
  for (const std::string& cohort : m.cohort_ids()) {
    const bool all = cohort == "all";
    for (const MetricDefinition& d : table) {
      if (!is_cohort_metric(d) || (all && d.scope == MetricScope::cohort_not_all) ||
          (d.only_discounted && !discounted))
        continue;
      auto add = [&](std::string name, bool headline) {
        c.push_back(
            {std::move(name), d.unit, d.better, headline && all, cohort, d.by_profile && all});
      };
      if (d.scope == MetricScope::retention)
        for (int n : kRetentionMonths)
          add(metric_prefix(d) + std::to_string(n), d.headline && n == 12);
      else
        add(d.name, d.headline);
    }
  }
  return c;
}

ReplicationOutcome profile_outcome(const ReplicationOutcome& o, int p) {
  ReplicationOutcome po;
  po.resize(o.n_stages, o.n_services, o.months, 1, 1);
  const std::size_t P = static_cast<std::size_t>(p);
  po.households_seen = o.profile_seen[P];
  po.housed_at_start = o.profile_housed_at_start[P];
  po.reached_lease = o.profile_reached_lease[P];
  po.stabilized = o.profile_stabilized[P];
  po.evictions = o.profile_evictions[P];
  po.expiries = o.profile_expiries[P];
  po.returns_to_street = o.profile_returns_to_street[P];
  po.exits = o.profile_exits[P];
  po.demotions = o.profile_demotions[P];
  po.arrivals = o.profile_arrivals[P];
  po.entry_fallbacks = o.profile_entry_fallbacks[P];
  po.roofless_household_months = o.profile_roofless_months[P];
  po.placements = o.profile_placements[P];
  po.waiting_months_placed = o.profile_waiting_months_placed[P];
  const auto mine = po.profile_counts();
  const auto theirs = o.profile_counts();
  for (std::size_t k = 0; k < mine.size(); ++k) (*mine[k])[0] = (*theirs[k])[P];
  auto slice = [](std::vector<double>& to, const std::vector<double>& from, std::size_t at) {
    if (from.size() >= at + to.size())
      std::copy(from.begin() + static_cast<std::ptrdiff_t>(at),
                from.begin() + static_cast<std::ptrdiff_t>(at + to.size()), to.begin());
  };
  const std::size_t M1 = po.lease_at.size();
  slice(po.lease_at, o.profile_lease_at, P * M1);
  slice(po.exit_at, o.profile_exit_at, P * M1);
  slice(po.censored_at, o.profile_censored_at, P * M1);
  slice(po.cohorts, o.profile_cohort, P * kCohortFields);
  slice(po.roofless_length, o.profile_roofless_length, P * M1);
  slice(po.occupancy, o.profile_occupancy, P * po.occupancy.size());
  slice(po.waiting, o.profile_waiting, P * po.waiting.size());
  if (!o.profile_flows_by_month.empty()) {
    po.flows_by_month.assign(o.flows_by_month.size(), 0);
    slice(po.flows_by_month, o.profile_flows_by_month, P * po.flows_by_month.size());
  }
  return po;
}

namespace {

// docs/model.md, "Functional zero": the first month m from which, for functional_zero_months
// consecutive months, the end-of-month occupancy of the outside stages is no more than the
// month's placements into housing; NaN where no such run ends within the horizon.
double functional_zero_month(const CompiledModel& m, const ReplicationOutcome& o) {
  const std::size_t M1 = static_cast<std::size_t>(o.months) + 1;
  if (o.housing_placements.size() != M1 || o.occupancy.size() < M1 * o.n_stages) return kUndefined;
  const int need = std::max(1, m.functional_zero_months);
  int run = 0;
  for (std::size_t t = 1; t < M1; ++t) {
    double roofless = 0;
    for (int s = 0; s < o.n_stages && s < m.n_stages(); ++s)
      if (m.stages[s].outside) roofless += o.occupancy[static_cast<std::size_t>(s) * M1 + t];
    run = roofless <= o.housing_placements[t] ? run + 1 : 0;
    if (run == need) return static_cast<double>(t) - need + 1;
  }
  return kUndefined;
}

}  // namespace

std::vector<double> derive_metrics(const CompiledModel& m, const ReplicationOutcome& o) {
  std::vector<double> x;
  const double months = o.months > 0 ? o.months : 1;
  x.push_back(o.households_seen);
  x.push_back(o.housed_at_start);
  // Households the ladder has to move: everyone but those already housed at the start.
  const double in_need = o.households_seen - o.housed_at_start;
  x.push_back(ratio(o.reached_lease, in_need));
  x.push_back(ratio(o.stabilized, in_need));
  x.push_back(o.stabilized);
  // Person-time of the households in need (the cohort "all"'s counters restricted to them).
  x.push_back(o.cohorts.size() >= kCohortFields
                  ? ratio(o.cohort(0, kMonthsHousedInNeed), o.cohort(0, kMonthsObservedInNeed))
                  : kUndefined);
  // Median months from entry to the first permanent stage among those who reached it.
  double median = kUndefined;
  if (o.reached_lease > 0) {
    double cum = 0;
    for (std::size_t d = 0; d < o.lease_at.size(); ++d) {
      cum += o.lease_at[d];
      if (cum * 2 >= o.reached_lease) {
        median = static_cast<double>(d);
        break;
      }
    }
  }
  x.push_back(median);
  x.push_back(o.evictions);
  x.push_back(o.returns_to_street);
  x.push_back(o.expiries);
  x.push_back(o.exits);
  x.push_back(o.demotions);
  x.push_back(o.arrivals);
  x.push_back(o.entry_fallbacks);
  x.push_back(o.roofless_household_months);
  double roofless_end = 0;
  for (double n : o.profile_roofless_end) roofless_end += n;
  x.push_back(roofless_end);
  const double fz = functional_zero_month(m, o);
  x.push_back(fz);
  x.push_back(std::isnan(fz) ? 0.0 : 1.0);
  x.push_back(ratio(o.waiting_months_placed, o.placements));
  const int S = m.n_stages(), V = m.n_services();
  for (int s = 0; s < S; ++s) x.push_back(o.promotions_to[s]);
  for (int s = 0; s < S; ++s) x.push_back(o.occupancy_end[s]);
  for (int s = 0; s < S; ++s) x.push_back(o.occupancy_sum[s] / months);
  for (int v = 0; v < V; ++v) x.push_back(o.service_case_months[v]);
  for (int v = 0; v < V; ++v) x.push_back(o.service_waiting_sum[v] / months);
  double total = 0;
  for (int s = 0; s < S; ++s) {
    x.push_back(o.stage_cost[s]);
    total += o.stage_cost[s];
  }
  for (int v = 0; v < V; ++v) {
    x.push_back(o.service_cost[v]);
    total += o.service_cost[v];
  }
  const double ladder = total;
  double other = 0;
  for (int s = 0; s < S; ++s) other += o.other_cost[s];
  total += other;
  x.push_back(total);
  x.push_back(ladder);
  if (!m.payers.empty()) {
    std::vector<double> by_payer(m.payers.size(), 0);
    for (int s = 0; s < S; ++s) by_payer[m.stage_payer[s]] += o.stage_cost[s];
    for (int v = 0; v < V; ++v) by_payer[m.service_payer[v]] += o.service_cost[v];
    if (m.other_services_payer >= 0) by_payer[m.other_services_payer] += other;
    x.insert(x.end(), by_payer.begin(), by_payer.end());
  }
  x.push_back(ratio(total, o.stabilized));
  // Discounted figures only where the scenario gives a rate (the table's only_discounted).
  const bool discounted = m.discounting();
  if (discounted) x.push_back(o.cost_discounted);
  for (int c = 0; c < o.n_cohorts; ++c) {
    auto f = [&](int field) { return o.cohort(c, field); };
    const double households = f(kHouseholds);
    if (c > 0) x.push_back(households);
    x.push_back(ratio(f(kHousedEnd), households));
    x.push_back(ratio(f(kEverHoused), households));
    x.push_back(ratio(f(kMonthsHoused), f(kMonthsObserved)));
    x.push_back(f(kMonthsHoused));
    if (discounted) x.push_back(f(kMonthsHousedDiscounted));
    for (int r = 0; r < 3; ++r) x.push_back(ratio(f(kRetained + r), f(kRetentionEligible + r)));
    for (int r = 0; r < 3; ++r)
      x.push_back(ratio(f(kReturnedWithin + r), f(kRetentionEligible + r)));
    x.push_back(ratio(f(kReturned), f(kEverHoused)));
    x.push_back(ratio(f(kStabilizedEligible), f(kStabilizationEligible)));
    x.push_back(f(kStabilized));
    if (discounted) x.push_back(f(kStabilizedDiscounted));
    x.push_back(f(kExitsToOwnHousing));
    x.push_back(f(kExitsToInstitution));
    x.push_back(f(kExitsUnknown));
    x.push_back(ratio(f(kExitsUnknown), households));
    // Length of time roofless: the mean and the (lower) median of the households' months
    // on outside stages, among those with at least one (the cohort's histogram).
    const double roofless = f(kRooflessHouseholds);
    x.push_back(ratio(f(kMonthsRoofless), roofless));
    x.push_back(lower_median(o.roofless_length, static_cast<std::size_t>(c),
                             static_cast<std::size_t>(o.months) + 1, roofless));
    if (c > 0) x.push_back(f(kCohortCost));
    if (c > 0 && discounted) x.push_back(f(kCohortCostDiscounted));
    x.push_back(ratio(f(kCohortCost), households));
  }
  return x;
}

namespace detail {

void unite_metric_catalogues(const std::vector<CompiledModel>& models,
                             std::vector<MetricInfo>& metric_info,
                             std::vector<std::vector<std::size_t>>& metric_slot) {
  // The metric list is the baseline's followed by any a variant adds; a metric a model does
  // not have is undefined (NaN) for it.
  metric_info = metric_catalogue(models.front());
  metric_slot.assign(models.size(), {});
  for (std::size_t v = 0; v < models.size(); ++v)
    for (const MetricInfo& mi : metric_catalogue(models[v])) {
      std::size_t k = 0;
      while (k < metric_info.size() &&
             (metric_info[k].name != mi.name || metric_info[k].cohort != mi.cohort))
        ++k;
      if (k == metric_info.size()) metric_info.push_back(mi);
      metric_slot[v].push_back(k);
    }
}

}  // namespace detail

}  // namespace prostup

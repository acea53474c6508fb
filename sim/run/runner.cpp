#include "prostup/runner.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <map>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>

#include "mpi_internal.hpp"
#include "prostup/parallel.hpp"
#include "prostup/parameter_draw.hpp"

namespace prostup {

double student_t_975(int dof) {
  // Two-sided 95 % quantiles of Student's t; beyond the table a 1/dof expansion.
  static const double table[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                                 2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                                 2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                                 2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (dof <= 0) return kUndefined;
  if (dof <= 30) return table[dof];
  const double z = 1.959963984540054, d = dof;
  return z + (z * z * z + z) / (4 * d) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d);
}

namespace {

double quantile_sorted(const std::vector<double>& v, double q) {
  if (v.empty()) return kUndefined;
  const double h = (static_cast<double>(v.size()) - 1) * q;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

// Welford's streaming mean and variance, merged in replication order.
struct Welford {
  double n = 0, mean = 0, m2 = 0;
  void add(double x) {
    if (std::isnan(x)) return;
    n += 1;
    const double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  SeriesPoint point() const {
    SeriesPoint p;
    if (n == 0) return p;
    p.mean = mean;
    if (n < 2) return p;
    const double half = student_t_975(static_cast<int>(n) - 1) * std::sqrt(m2 / (n - 1) / n);
    p.ci_low = mean - half;
    p.ci_high = mean + half;
    return p;
  }
  // PSA: the values are parameter sets' means; the interval is their spread (normal
  // approximation of the central 95 %), not the precision of the mean.
  SeriesPoint spread() const {
    SeriesPoint p;
    if (n == 0) return p;
    p.mean = mean;
    if (n < 2) return p;
    const double half = 1.959963984540054 * std::sqrt(m2 / (n - 1));
    p.ci_low = mean - half;
    p.ci_high = mean + half;
    return p;
  }
};

double ratio(double a, double b) {
  return b > 0 ? a / b : kUndefined;
}

// Cumulative incidence of the first permanent stage (Aalen-Johansen with exit competing
// and the horizon censoring), by months since entry.
std::vector<double> cumulative_incidence(const ReplicationOutcome& o) {
  const std::size_t M1 = o.lease_at.size();
  double at_risk = 0;
  for (std::size_t d = 0; d < M1; ++d) at_risk += o.lease_at[d] + o.exit_at[d] + o.censored_at[d];
  std::vector<double> cif(M1, kUndefined);
  if (at_risk <= 0) return cif;
  double surv = 1, acc = 0;
  for (std::size_t d = 0; d < M1; ++d) {
    if (at_risk > 0) {
      acc += surv * o.lease_at[d] / at_risk;
      surv *= 1 - (o.lease_at[d] + o.exit_at[d]) / at_risk;
    }
    cif[d] = acc;
    at_risk -= o.lease_at[d] + o.exit_at[d] + o.censored_at[d];
  }
  return cif;
}

struct RowAccumulator {
  std::vector<std::vector<double>> per_rep;  // [metric][rep] (PSA: every replication)
  std::vector<Welford> occupancy, waiting, in_service, cif;
  std::vector<double> promo, demo, expi, arrivals, exits;
  int reps = 0;
  // PSA, rows by profile: the current parameter set's sums of the series above, until its
  // last replication adds their mean.
  std::vector<double> set_occupancy, set_waiting, set_cif;
  int set_reps = 0;
};

}  // namespace

Summary summarize(const std::vector<double>& values) {
  std::vector<double> v;
  v.reserve(values.size());
  for (double x : values)
    if (!std::isnan(x)) v.push_back(x);
  Summary s;
  s.replications = static_cast<int>(v.size());
  if (v.empty()) return s;
  double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  s.mean = mean;
  if (v.size() >= 2) {
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    s.sd = std::sqrt(ss / static_cast<double>(v.size() - 1));
    const double half = student_t_975(static_cast<int>(v.size()) - 1) * s.sd /
                        std::sqrt(static_cast<double>(v.size()));
    s.ci_low = mean - half;
    s.ci_high = mean + half;
  }
  std::sort(v.begin(), v.end());
  s.p05 = quantile_sorted(v, 0.05);
  s.p50 = quantile_sorted(v, 0.50);
  s.p95 = quantile_sorted(v, 0.95);
  return s;
}

double share_from_parameters(const std::vector<double>& values, int inner) {
  if (inner < 2) return kUndefined;
  const std::size_t sets = values.size() / static_cast<std::size_t>(inner);
  Welford between;  // set means
  double within = 0, within_n = 0;
  for (std::size_t k = 0; k < sets; ++k) {
    Welford w;
    for (int i = 0; i < inner; ++i) w.add(values[k * inner + i]);
    if (w.n < static_cast<double>(inner)) continue;  // an undefined value: set left out
    between.add(w.mean);
    within += w.m2 / (w.n - 1);
    within_n += 1;
  }
  if (between.n < 2) return kUndefined;
  const double B = between.m2 / (between.n - 1), W = within / within_n;
  const double param = std::max(0.0, B - W / inner);
  if (param + W == 0) return 0;
  return std::clamp(param / (param + W), 0.0, 1.0);
}

namespace {

// Set means of `values` (inner replications per set; the defined ones; NaN when none is).
std::vector<double> set_means(const std::vector<double>& values, int inner) {
  std::vector<double> out(values.size() / static_cast<std::size_t>(inner), kUndefined);
  for (std::size_t k = 0; k < out.size(); ++k) {
    double sum = 0, n = 0;
    for (int i = 0; i < inner; ++i)
      if (!std::isnan(values[k * inner + i])) {
        sum += values[k * inner + i];
        n += 1;
      }
    if (n > 0) out[k] = sum / n;
  }
  return out;
}

// PSA: the summary over parameter sets, with the central 95 % of the set means as interval.
Summary summarize_sets(const std::vector<double>& means) {
  Summary s = summarize(means);
  std::vector<double> v;
  for (double x : means)
    if (!std::isnan(x)) v.push_back(x);
  std::sort(v.begin(), v.end());
  if (v.size() >= 2) {
    s.ci_low = quantile_sorted(v, 0.025);
    s.ci_high = quantile_sorted(v, 0.975);
  }
  return s;
}

// Variant minus baseline, unit by unit, for metric k of two rows: `units` replications, or
// under PSA (`sets`) parameter sets, whose interval is then their central 95 %.
Comparison paired_comparison(const MetricInfo& mi, const TownVariantResult& b,
                             const TownVariantResult& x, std::size_t k, int units, bool sets) {
  std::vector<double> diffs;
  double better = 0;
  for (int r = 0; r < units; ++r) {
    const double xb = b.per_replication[k][r], xv = x.per_replication[k][r];
    if (std::isnan(xb) || std::isnan(xv)) continue;
    const double d = xv - xb;
    diffs.push_back(d);
    if (d == 0)
      better += 0.5;
    else if ((mi.better == Better::higher && d > 0) || (mi.better == Better::lower && d < 0))
      better += 1;
  }
  Summary s = sets ? summarize_sets(diffs) : summarize(diffs);
  Comparison c;
  c.town = x.town;
  c.variant = x.variant;
  c.baseline = b.variant;
  c.profile = x.profile;
  c.metric = mi.name;
  c.cohort = mi.cohort;
  c.diff_mean = s.mean;
  c.diff_ci_low = s.ci_low;
  c.diff_ci_high = s.ci_high;
  // With equal values the CI of the difference is exactly zero.
  if (s.replications >= 2 && s.sd == 0) c.diff_ci_low = c.diff_ci_high = s.mean;
  c.share_better = (mi.better == Better::none || diffs.empty())
                       ? kUndefined
                       : better / static_cast<double>(diffs.size());
  c.replications = s.replications;
  return c;
}

// A figure from per-replication values (PSA, `sets`: per parameter set; NaN = undefined
// there); identical values give an interval of exactly their value, as the paired
// differences do.
void fill_figure(EquityFigure& f, const std::vector<double>& values, bool sets) {
  const Summary s = sets ? summarize_sets(values) : summarize(values);
  f.mean = s.mean;
  f.ci_low = s.replications >= 2 && s.sd == 0 ? s.mean : s.ci_low;
  f.ci_high = s.replications >= 2 && s.sd == 0 ? s.mean : s.ci_high;
  f.replications = s.replications;
}

// equity.csv (docs/model.md, "Equity"): `rows[p]` are the profiles' rows of one town and
// variant, `base[p]` the baseline's (the same rows for the baseline itself); `units` values per
// row: replications, or under PSA (`sets`) parameter sets.
void equity_figures(const RunResult& res, const std::vector<const TownVariantResult*>& rows,
                    const std::vector<const TownVariantResult*>& base, int units, bool sets,
                    std::vector<EquityFigure>& out) {
  const std::size_t P = rows.size();
  const int k_lease = res.metric_index("reached_lease_share"),
            k_evict = res.metric_index("evictions"), k_seen = res.metric_index("households_seen"),
            k_roofless = res.metric_index("roofless_end"), k_arr = res.metric_index("arrivals");
  if (P < 2 || k_lease < 0 || k_evict < 0 || k_seen < 0 || k_roofless < 0 || k_arr < 0) return;
  const std::string& town = rows[0]->town;
  const std::string& variant = rows[0]->variant;
  // values[p][r] of one figure of one row set.
  auto lease = [&](const std::vector<const TownVariantResult*>& set) {
    std::vector<std::vector<double>> v;
    for (const auto* row : set) v.push_back(row->per_replication[k_lease]);
    return v;
  };
  auto evictions_per_100 = [&](const std::vector<const TownVariantResult*>& set) {
    std::vector<std::vector<double>> v;
    for (const auto* row : set) {
      std::vector<double> x(units, kUndefined);
      for (int r = 0; r < units; ++r) {
        const double seen = row->per_replication[k_seen][r];
        if (seen > 0) x[r] = 100 * row->per_replication[k_evict][r] / seen;
      }
      v.push_back(std::move(x));
    }
    return v;
  };
  // The best and worst profile by mean (higher_is_better: the lease share), -1 if fewer than
  // two profiles have a mean; ties go to the earlier profile.
  auto best_worst = [&](const std::vector<std::vector<double>>& v, bool higher_is_better) {
    int best = -1, worst = -1;
    std::vector<double> mean(P);
    for (std::size_t p = 0; p < P; ++p) {
      mean[p] = summarize(v[p]).mean;
      if (std::isnan(mean[p])) continue;
      const int q = static_cast<int>(p);
      auto above = [&](int a, int b) {
        return higher_is_better ? mean[a] > mean[b] : mean[a] < mean[b];
      };
      if (best < 0 || above(q, best)) best = q;
      if (worst < 0 || above(worst, q)) worst = q;
    }
    if (best == worst) best = worst = -1;
    return std::make_pair(best, worst);
  };
  auto gap = [&](const std::vector<std::vector<double>>& v, int best, int worst, bool higher) {
    std::vector<double> g(units, kUndefined);
    for (int r = 0; r < units; ++r)
      g[r] = higher ? v[best][r] - v[worst][r] : v[worst][r] - v[best][r];
    return g;
  };
  auto figure = [&](const char* name) {
    EquityFigure f;
    f.town = town;
    f.variant = variant;
    f.figure = name;
    return f;
  };
  const bool is_base = rows[0] == base[0];
  for (const bool is_lease : {true, false}) {
    const auto v = is_lease ? lease(rows) : evictions_per_100(rows);
    const auto [best, worst] = best_worst(v, is_lease);
    if (best >= 0) {
      EquityFigure f = figure(is_lease ? "lease_gap" : "eviction_gap");
      f.best = rows[best]->profile;
      f.worst = rows[worst]->profile;
      fill_figure(f, gap(v, best, worst, is_lease), sets);
      out.push_back(std::move(f));
    }
    if (is_base) continue;
    // Does the variant close the baseline's gap: the same two profiles in both, paired.
    const auto vb = is_lease ? lease(base) : evictions_per_100(base);
    const auto [bb, bw] = best_worst(vb, is_lease);
    if (bb < 0) continue;
    const auto gv = gap(v, bb, bw, is_lease), gb = gap(vb, bb, bw, is_lease);
    std::vector<double> d(units);
    for (int r = 0; r < units; ++r) d[r] = gv[r] - gb[r];
    EquityFigure f = figure(is_lease ? "lease_gap_change" : "eviction_gap_change");
    f.best = base[bb]->profile;
    f.worst = base[bw]->profile;
    fill_figure(f, d, sets);
    out.push_back(std::move(f));
  }
  // Each profile's share among those roofless at the horizon and among arrivals.
  auto shares = [&](int k) {
    std::vector<std::vector<double>> v(P, std::vector<double>(units, kUndefined));
    for (int r = 0; r < units; ++r) {
      double total = 0;
      for (std::size_t p = 0; p < P; ++p) total += rows[p]->per_replication[k][r];
      if (total > 0)
        for (std::size_t p = 0; p < P; ++p) v[p][r] = rows[p]->per_replication[k][r] / total;
    }
    return v;
  };
  const auto roofless = shares(k_roofless), arrivals = shares(k_arr);
  for (std::size_t p = 0; p < P; ++p) {
    std::vector<double> excess(units);
    for (int r = 0; r < units; ++r) excess[r] = roofless[p][r] - arrivals[p][r];
    const char* names[] = {"roofless_share", "arrival_share", "roofless_excess"};
    const std::vector<double>* values[] = {&roofless[p], &arrivals[p], &excess};
    for (int n = 0; n < 3; ++n) {
      EquityFigure f = figure(names[n]);
      f.profile = rows[p]->profile;
      fill_figure(f, *values[n], sets);
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

std::vector<MetricInfo> metric_catalogue(const CompiledModel& m) {
  std::vector<MetricInfo> c;
  auto add = [&](std::string name, std::string unit, Better b, bool headline = false) {
    c.push_back({std::move(name), std::move(unit), b, headline});
  };
  add("households_seen", "households", Better::none);
  add("housed_at_start", "households", Better::none);
  add("reached_lease_share", "share", Better::higher, true);
  add("stabilized_share", "share", Better::higher, true);
  add("stabilized", "households", Better::higher);
  add("median_months_to_lease", "months", Better::lower, true);
  add("evictions", "households", Better::lower, true);
  add("returns_to_street", "households", Better::lower, true);
  add("expiries", "households", Better::lower);
  add("exits", "households", Better::none);
  add("demotions", "households", Better::lower);
  add("arrivals", "households", Better::none);
  add("entry_fallbacks", "households", Better::lower);
  add("roofless_household_months", "household-months", Better::lower, true);
  add("roofless_end", "households", Better::lower);
  add("mean_waiting_months", "months", Better::lower, true);
  for (const auto& s : m.stages) add("promotions:" + s.id, "households", Better::higher);
  for (const auto& s : m.stages) add("occupancy_end:" + s.id, "households", Better::none);
  for (const auto& s : m.stages) add("occupancy_mean:" + s.id, "households", Better::none);
  for (const auto& v : m.services) add("service_case_months:" + v.id, "case-months", Better::none);
  for (const auto& v : m.services) add("service_waiting_mean:" + v.id, "households", Better::lower);
  for (const auto& s : m.stages) add("cost:" + s.id, "CZK", Better::lower);
  for (const auto& v : m.services) add("cost:" + v.id, "CZK", Better::lower);
  add("cost_total", "CZK", Better::lower, true);
  for (const auto& p : m.payers) add("cost:" + p, "CZK", Better::lower);
  // A ratio of averages: its difference between variants is no measure of value for money
  // (icer:stabilized is), so it has no "better" direction.
  add("cost_per_stabilized", "CZK per household", Better::none);
  // Discounted figures only where the scenario gives a rate (docs/model.md, "Discounting"):
  // the undiscounted ones keep their meaning.
  const bool discounted = m.discounting();
  if (discounted) add("cost_total_discounted", "CZK", Better::lower);
  // Cohort outcomes (docs/model.md): every cohort, the built-in "all" first.
  const std::size_t first_cohort_metric = c.size();
  for (const std::string& cohort : m.cohort_ids()) {
    const bool all = cohort == "all";
    auto addc = [&](std::string name, std::string unit, Better b, bool headline = false) {
      c.push_back({std::move(name), std::move(unit), b, headline && all, cohort});
    };
    if (!all) addc("households", "households", Better::none);
    addc("housed_share_end", "share", Better::higher, true);
    addc("ever_housed_share", "share", Better::higher);
    addc("months_housed_share", "share", Better::higher, true);
    addc("months_housed", "household-months", Better::higher);
    if (discounted) addc("months_housed_discounted", "household-months", Better::higher);
    for (int n : kRetentionMonths)
      addc("retention:" + std::to_string(n), "share", Better::higher, n == 12);
    addc("returned_share", "share", Better::lower);
    addc("stabilization_share", "share", Better::higher);
    addc("stabilized_households", "households", Better::higher);
    if (discounted) addc("stabilized_households_discounted", "households", Better::higher);
    addc("exits:to_own_housing", "households", Better::none);
    addc("exits:to_institution", "households", Better::none);
    addc("exits:unknown", "households", Better::none);
    if (!all) addc("cost_total", "CZK", Better::lower);
    if (!all && discounted) addc("cost_total_discounted", "CZK", Better::lower);
    addc("cost_per_household", "CZK per household", Better::none);
  }
  // What the engine counts by household profile (profile_outcome): the household counts and
  // the cohort "all"; not stages, services or costs by stage.
  static const char* const kByProfile[] = {"households_seen",
                                           "housed_at_start",
                                           "reached_lease_share",
                                           "stabilized_share",
                                           "stabilized",
                                           "median_months_to_lease",
                                           "evictions",
                                           "returns_to_street",
                                           "expiries",
                                           "exits",
                                           "demotions",
                                           "arrivals",
                                           "entry_fallbacks",
                                           "roofless_household_months",
                                           "roofless_end",
                                           "mean_waiting_months"};
  for (MetricInfo& mi : c) {
    if (mi.cohort != "all") continue;
    const std::size_t k = static_cast<std::size_t>(&mi - c.data());
    mi.by_profile =
        std::find(std::begin(kByProfile), std::end(kByProfile), mi.name) != std::end(kByProfile) ||
        k >= first_cohort_metric;
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
  slice(po.occupancy, o.profile_occupancy, P * po.occupancy.size());
  slice(po.waiting, o.profile_waiting, P * po.waiting.size());
  return po;
}

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
  x.push_back(total);
  if (!m.payers.empty()) {
    std::vector<double> by_payer(m.payers.size(), 0);
    for (int s = 0; s < S; ++s) by_payer[m.stage_payer[s]] += o.stage_cost[s];
    for (int v = 0; v < V; ++v) by_payer[m.service_payer[v]] += o.service_cost[v];
    x.insert(x.end(), by_payer.begin(), by_payer.end());
  }
  x.push_back(ratio(total, o.stabilized));
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
    x.push_back(ratio(f(kReturned), f(kEverHoused)));
    x.push_back(ratio(f(kStabilizedEligible), f(kStabilizationEligible)));
    x.push_back(f(kStabilized));
    if (discounted) x.push_back(f(kStabilizedDiscounted));
    x.push_back(f(kExitsToOwnHousing));
    x.push_back(f(kExitsToInstitution));
    x.push_back(f(kExitsUnknown));
    if (c > 0) x.push_back(f(kCohortCost));
    if (c > 0 && discounted) x.push_back(f(kCohortCostDiscounted));
    x.push_back(ratio(f(kCohortCost), households));
  }
  return x;
}

Incremental incremental_analysis(const std::vector<double>& d_cost,
                                 const std::vector<double>& d_effect) {
  std::vector<double> dc, de;
  for (std::size_t r = 0; r < d_cost.size() && r < d_effect.size(); ++r)
    if (!std::isnan(d_cost[r]) && !std::isnan(d_effect[r])) {
      dc.push_back(d_cost[r]);
      de.push_back(d_effect[r]);
    }
  Incremental out;
  if (dc.empty()) return out;
  const Summary sc = summarize(dc), se = summarize(de);
  // A difference counts when its 95 % interval (paired t) excludes 0; with one replication,
  // or identical differences, when it is not 0.
  auto differs = [](const Summary& s) {
    if (s.replications < 2 || s.sd == 0) return s.mean != 0;
    return s.ci_low > 0 || s.ci_high < 0;
  };
  if (!differs(sc) && !differs(se)) {
    out.note = "no difference";
    return out;
  }
  if (se.mean >= 0 && sc.mean <= 0) {
    out.note = "dominant";
    return out;
  }
  if (se.mean <= 0 && sc.mean >= 0) {
    out.note = "dominated";
    return out;
  }
  out.note = se.mean > 0 ? "more effect, more cost" : "less effect, less cost";
  out.icer = sc.mean / se.mean;
  // Percentile bootstrap over the paired replications (2,000 resamples, a fixed stream, so
  // the interval is reproducible). Where a resample's effect difference reaches 0 or changes
  // sign the ratio is unbounded and the interval is left undefined.
  const std::size_t n = dc.size();
  if (n < 2) return out;
  constexpr int kResamples = 2000;
  std::vector<double> ratios;
  ratios.reserve(kResamples);
  std::uint64_t state = 0x5eed1ce5u;
  auto next = [&state] {
    state += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  for (int b = 0; b < kResamples; ++b) {
    double sum_c = 0, sum_e = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t r = static_cast<std::size_t>(next() % n);
      sum_c += dc[r];
      sum_e += de[r];
    }
    if (sum_e == 0 || (sum_e > 0) != (se.mean > 0)) return out;
    ratios.push_back(sum_c / sum_e);
  }
  std::sort(ratios.begin(), ratios.end());
  out.icer_low = quantile_sorted(ratios, 0.025);
  out.icer_high = quantile_sorted(ratios, 0.975);
  return out;
}

namespace {

// The rows, paired comparisons and equity figures by household profile (RunResult::
// by_profile, profile_comparisons, equity) from their accumulators. Under PSA (`psa`, `inner`
// replications per parameter set) as the rows of all profiles: per_replication holds set
// means, intervals are over sets, and comparisons and equity figures pair per set.
void by_profile_results(RunResult& res, const std::vector<CompiledModel>& ms,
                        const std::vector<RowAccumulator>& pacc, std::size_t P, int reps,
                        std::size_t M1, bool psa, int inner) {
  if (P == 0) return;
  const int NV = static_cast<int>(ms.size());
  const int T = static_cast<int>(ms.front().towns.size());
  const std::size_t K = res.metric_info.size();
  for (int v = 0; v < NV; ++v)
    for (int row = 0; row <= T; ++row)
      for (std::size_t p = 0; p < P; ++p) {
        const RowAccumulator& a = pacc[(static_cast<std::size_t>(v) * (T + 1) + row) * P + p];
        const CompiledModel& m = ms[v];
        TownVariantResult tr;
        tr.town = row < T ? m.towns[row].id : "*";
        tr.variant = m.variant;
        tr.profile = m.profiles[p].id;
        if (!psa) {
          for (std::size_t k = 0; k < K; ++k) tr.metrics.push_back(summarize(a.per_rep[k]));
          tr.per_replication = a.per_rep;
        } else {
          for (std::size_t k = 0; k < K; ++k) {
            tr.per_replication.push_back(set_means(a.per_rep[k], inner));
            Summary sm = summarize_sets(tr.per_replication.back());
            sm.share_from_parameters = share_from_parameters(a.per_rep[k], inner);
            tr.metrics.push_back(sm);
          }
        }
        auto point = [&](const Welford& w) { return psa ? w.spread() : w.point(); };
        if (!a.occupancy.empty())
          for (int s = 0; s < m.n_stages(); ++s) {
            Series occ{"occupancy:" + m.stages[s].id, {}, {}};
            Series wait{"waiting:" + m.stages[s].id, {}, {}};
            for (std::size_t t = 0; t < M1; ++t) {
              occ.by_month.push_back(point(a.occupancy[s * M1 + t]));
              wait.by_month.push_back(point(a.waiting[s * M1 + t]));
            }
            tr.series.push_back(std::move(occ));
            tr.series.push_back(std::move(wait));
          }
        for (std::size_t d = 0; d < M1; ++d) {
          SeriesPoint pt = point(a.cif[d]);
          tr.time_to_lease.push_back({static_cast<int>(d), pt.mean, pt.ci_low, pt.ci_high});
        }
        res.by_profile.push_back(std::move(tr));
      }
  const std::size_t per_variant = static_cast<std::size_t>(T + 1) * P;
  const int units = psa ? reps / inner : reps;  // paired units: parameter sets or replications
  for (int v = 1; v < NV; ++v)
    for (std::size_t i = 0; i < per_variant; ++i) {
      const auto& b = res.by_profile[i];
      const auto& x = res.by_profile[v * per_variant + i];
      for (std::size_t k = 0; k < K; ++k) {
        if (!res.metric_info[k].by_profile) continue;
        Comparison c = paired_comparison(res.metric_info[k], b, x, k, units, psa);
        if (psa) {
          const auto& raw_b = pacc[i].per_rep[k];
          const auto& raw_x = pacc[v * per_variant + i].per_rep[k];
          std::vector<double> raw(reps);
          for (int r = 0; r < reps; ++r) raw[r] = raw_x[r] - raw_b[r];
          c.share_from_parameters = share_from_parameters(raw, inner);
        }
        res.profile_comparisons.push_back(std::move(c));
      }
    }
  for (int v = 0; v < NV; ++v)
    for (int row = 0; row <= T; ++row) {
      std::vector<const TownVariantResult*> rows, base;
      for (std::size_t p = 0; p < P; ++p) {
        base.push_back(&res.by_profile[row * P + p]);
        rows.push_back(&res.by_profile[v * per_variant + row * P + p]);
      }
      equity_figures(res, rows, base, units, psa, res.equity);
    }
}

}  // namespace

RunResult run_models(const std::vector<CompiledModel>& models, const RunOptions& opt) {
  if (models.empty()) throw std::logic_error("run_models: no models");
  const CompiledModel& base = models.front();
  // PSA when a scenario has parameter uncertainty (RunOptions::scenarios).
  bool psa = false;
  if (opt.scenarios && !opt.fixed_parameters) {
    if (opt.scenarios->size() != models.size())
      throw std::logic_error("run_models: RunOptions::scenarios must parallel the models");
    for (const Scenario& s : *opt.scenarios) psa = psa || has_parameter_uncertainty(s);
  }
  const int inner = psa ? std::max(1, opt.inner_replications) : 1;
  const int reps = [&] {
    const int r = opt.replications > 0 ? opt.replications : base.replications;
    return (r + inner - 1) / inner * inner;
  }();
  const int sets = reps / inner;
  const int months = opt.months > 0 ? opt.months : base.months;
  const int T = static_cast<int>(base.towns.size());
  const int NV = static_cast<int>(models.size());
  // A variant may add stages or services (Housing First adds a lease and case management)
  // but not towns: results are compared town by town.
  for (const auto& m : models) {
    bool same = static_cast<int>(m.towns.size()) == T;
    for (int t = 0; same && t < T; ++t) same = m.towns[t].id == base.towns[t].id;
    if (!same)
      throw std::invalid_argument(
          "variant '" + m.variant +
          "' changes the set of towns; a variant may not add or remove towns");
  }

  // The seed and horizon apply to every model alike (common random numbers).
  std::vector<CompiledModel> local;
  const std::vector<CompiledModel>* use = &models;
  if (opt.seed >= 0 || opt.months > 0) {
    local = models;
    for (auto& m : local) {
      if (opt.seed >= 0) m.seed = static_cast<std::uint64_t>(opt.seed);
      if (opt.months > 0 && opt.months > m.months) {
        // Extend schedules: the last value holds.
        for (auto& tw : m.towns) {
          for (auto& c : tw.capacity) c.resize(opt.months + 1, c.back());
          tw.arrival_rate.resize(opt.months + 1, tw.arrival_rate.back());
        }
      }
      if (opt.months > 0) m.months = opt.months;
    }
    use = &local;
  }
  const auto& ms = *use;

  RunResult res;
  // PSA: every parameter any model draws, in first-seen order, and its value per set.
  std::map<std::string, int> parameter_slot;
  if (psa) {
    auto add = [&](const std::string& pointer, const std::string& group) {
      if (parameter_slot.emplace(pointer, static_cast<int>(res.info.parameters.size())).second) {
        res.info.parameters.push_back(pointer);
        res.info.parameter_groups.push_back(group);
      }
    };
    for (const Scenario& s : *opt.scenarios) {
      for (const UncertainParameter& p : s.uncertain) add(p.pointer, p.group);
      // A joint sample's parameters move together: one group.
      for (const std::string& p : s.parameter_sample.pointers) add(p, "parameter_sample");
    }
    res.parameter_values.assign(
        NV, std::vector<std::vector<double>>(
                sets, std::vector<double>(res.info.parameters.size(), kUndefined)));
  }
  // The metric list is the baseline's followed by any a variant adds; a metric a model does
  // not have is undefined (NaN) for it.
  res.metric_info = metric_catalogue(base);
  std::vector<std::vector<std::size_t>> metric_slot(NV);
  for (int v = 0; v < NV; ++v)
    for (const MetricInfo& mi : metric_catalogue(ms[v])) {
      std::size_t k = 0;
      while (k < res.metric_info.size() &&
             (res.metric_info[k].name != mi.name || res.metric_info[k].cohort != mi.cohort))
        ++k;
      if (k == res.metric_info.size()) res.metric_info.push_back(mi);
      metric_slot[v].push_back(k);
    }
  const std::size_t K = res.metric_info.size();
  const std::size_t M1 = static_cast<std::size_t>(months) + 1;
  const int rows_per_variant = T + 1;
  std::vector<RowAccumulator> acc(static_cast<std::size_t>(NV) * rows_per_variant);
  for (std::size_t ai = 0; ai < acc.size(); ++ai) {
    RowAccumulator& a = acc[ai];
    const CompiledModel& m = ms[ai / rows_per_variant];
    const std::size_t S = m.n_stages(), V = m.n_services();
    a.per_rep.assign(K, {});
    for (auto& v : a.per_rep) v.reserve(reps);
    a.occupancy.assign(S * M1, {});
    a.waiting.assign(S * M1, {});
    a.in_service.assign(V * M1, {});
    a.cif.assign(M1, {});
    a.promo.assign(S * S, 0);
    a.demo.assign(S * S, 0);
    a.expi.assign(S * S, 0);
    a.arrivals.assign(S, 0);
    a.exits.assign(S, 0);
  }

  // PSA: a row's series take the mean of each parameter set's replications, so their
  // interval is the spread over parameter sets (Welford::spread).
  auto merge_set_series = [&](RowAccumulator& a, const std::vector<const ReplicationOutcome*>& os) {
    const double n = static_cast<double>(os.size());
    auto add_mean = [&](std::vector<Welford>& acc_series, auto field) {
      for (std::size_t k = 0; k < acc_series.size(); ++k) {
        double sum = 0;
        for (const ReplicationOutcome* o : os) sum += (o->*field)[k];
        acc_series[k].add(sum / n);
      }
    };
    add_mean(a.occupancy, &ReplicationOutcome::occupancy);
    add_mean(a.waiting, &ReplicationOutcome::waiting);
    add_mean(a.in_service, &ReplicationOutcome::in_service);
    std::vector<double> cif(M1, 0);
    for (const ReplicationOutcome* o : os) {
      const auto c = cumulative_incidence(*o);
      for (std::size_t d = 0; d < M1; ++d) cif[d] += c[d];
    }
    for (std::size_t d = 0; d < M1; ++d) a.cif[d].add(cif[d] / n);
  };

  // By household profile (docs/model.md, "Outcomes by profile"): rows pair across variants
  // only where every model has the baseline's profiles in the same order.
  std::size_t P = base.profiles.size();
  for (const auto& m : ms) {
    bool same = m.profiles.size() == P;
    for (std::size_t p = 0; same && p < P; ++p) same = m.profiles[p].id == base.profiles[p].id;
    if (!same) P = 0;
  }
  auto profile_row = [&](int v, int row, std::size_t p) {
    return (static_cast<std::size_t>(v) * rows_per_variant + row) * P + p;
  };
  std::vector<RowAccumulator> pacc(static_cast<std::size_t>(NV) * rows_per_variant * P);
  for (std::size_t ai = 0; ai < pacc.size(); ++ai) {
    RowAccumulator& a = pacc[ai];
    const std::size_t S = ms[ai / (rows_per_variant * P)].n_stages();
    a.per_rep.assign(K, {});
    for (auto& v : a.per_rep) v.reserve(reps);
    a.cif.assign(M1, {});
    if (opt.by_profile_series) {
      a.occupancy.assign(S * M1, {});
      a.waiting.assign(S * M1, {});
    }
  }
  auto merge_profiles = [&](int v, int row, const ReplicationOutcome& o) {
    for (std::size_t p = 0; p < P; ++p) {
      RowAccumulator& a = pacc[profile_row(v, row, p)];
      const ReplicationOutcome po = profile_outcome(o, static_cast<int>(p));
      const auto x = derive_metrics(ms[v], po);
      std::vector<double> values(K, kUndefined);
      for (std::size_t k = 0; k < x.size(); ++k)
        if (res.metric_info[metric_slot[v][k]].by_profile) values[metric_slot[v][k]] = x[k];
      for (std::size_t k = 0; k < K; ++k) a.per_rep[k].push_back(values[k]);
      const auto cif = cumulative_incidence(po);
      if (!psa) {
        for (std::size_t k = 0; k < a.occupancy.size() && k < po.occupancy.size(); ++k)
          a.occupancy[k].add(po.occupancy[k]);
        for (std::size_t k = 0; k < a.waiting.size() && k < po.waiting.size(); ++k)
          a.waiting[k].add(po.waiting[k]);
        for (std::size_t d = 0; d < cif.size(); ++d) a.cif[d].add(cif[d]);
      } else {
        // As merge_set_series: the series of a parameter set's mean (replications of one row
        // come in order, whole sets per block).
        auto sum = [](std::vector<double>& to, const std::vector<double>& from) {
          to.resize(std::max(to.size(), from.size()), 0.0);
          for (std::size_t k = 0; k < from.size(); ++k) to[k] += from[k];
        };
        if (!a.occupancy.empty()) {  // --by-profile-series
          sum(a.set_occupancy, po.occupancy);
          sum(a.set_waiting, po.waiting);
        }
        sum(a.set_cif, cif);
        if (++a.set_reps == inner) {
          auto add_mean = [&](std::vector<Welford>& to, std::vector<double>& from) {
            for (std::size_t k = 0; k < to.size() && k < from.size(); ++k)
              to[k].add(from[k] / inner);
            std::fill(from.begin(), from.end(), 0.0);
          };
          add_mean(a.occupancy, a.set_occupancy);
          add_mean(a.waiting, a.set_waiting);
          add_mean(a.cif, a.set_cif);
          a.set_reps = 0;
        }
      }
      ++a.reps;
    }
  };

  auto merge = [&](RowAccumulator& a, int v, const ReplicationOutcome& o) {
    const CompiledModel& m = ms[v];
    const int S = m.n_stages();
    const auto x = derive_metrics(m, o);
    std::vector<double> row(K, kUndefined);
    for (std::size_t k = 0; k < x.size(); ++k) row[metric_slot[v][k]] = x[k];
    for (std::size_t k = 0; k < K; ++k) a.per_rep[k].push_back(row[k]);
    if (!psa) {
      for (std::size_t k = 0; k < o.occupancy.size(); ++k) a.occupancy[k].add(o.occupancy[k]);
      for (std::size_t k = 0; k < o.waiting.size(); ++k) a.waiting[k].add(o.waiting[k]);
      for (std::size_t k = 0; k < o.in_service.size(); ++k) a.in_service[k].add(o.in_service[k]);
      auto cif = cumulative_incidence(o);
      for (std::size_t d = 0; d < cif.size(); ++d) a.cif[d].add(cif[d]);
    }
    for (std::size_t k = 0; k < o.promotion_flow.size(); ++k) {
      a.promo[k] += o.promotion_flow[k];
      a.demo[k] += o.demotion_flow[k];
      a.expi[k] += o.expiry_flow[k];
    }
    for (int s = 0; s < S; ++s) {
      a.arrivals[s] += o.arrivals_to[s];
      a.exits[s] += o.exits_from[s];
    }
    ++a.reps;
  };

  const long long total_items = static_cast<long long>(NV) * T * reps;
  std::atomic<long long> done{0};
  std::atomic<std::uint64_t> household_months{0};
  std::atomic<bool> finished{false};
  std::mutex mu;
  std::condition_variable cv;
  std::thread monitor;
  // Stops the progress thread on every way out, an exception from a worker included (a
  // joinable std::thread destroyed by unwinding would call std::terminate).
  auto stop_monitor = [&] {
    {
      std::lock_guard<std::mutex> lock(mu);
      finished = true;
    }
    cv.notify_all();
    if (monitor.joinable()) monitor.join();
  };
  struct MonitorGuard {
    decltype(stop_monitor)& stop;
    ~MonitorGuard() { stop(); }
  } monitor_guard{stop_monitor};
  if (opt.progress) {
    monitor = std::thread([&] {
      std::unique_lock<std::mutex> lock(mu);
      while (!finished.load()) {
        cv.wait_for(lock, std::chrono::milliseconds(100));
        if (!finished.load()) opt.progress(done.load(), total_items);
      }
    });
  }
  // Test hook (tests/cli/run_faults.sh): an allocation failure in task N of the first block.
  const long long fail_alloc_at = detail::test_fail_alloc_at();

  const int threads =
      opt.threads > 0 ? opt.threads : static_cast<int>(std::thread::hardware_concurrency());
  // Allow more workers than cores when asked (the determinism tests use 8 on 2 cores).
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(std::max(1, threads)));
  tbb::task_arena arena(std::max(1, threads));
  // Replications go in blocks; inside a block every (variant, town, replication) is a
  // task; blocks are merged in replication order, so the thread count changes nothing.
  // Under MPI, item it of a block is simulated by rank it % ranks and every rank receives
  // all outcomes before the merge (docs/distributed.md); the block grows with the ranks.
  const int ranks = mpi_size(), rank = mpi_rank();
  const int block = [&] {
    const int b = std::max(8, 4 * detail::mpi_max_int(std::max(1, threads)) * ranks);
    return (b + inner - 1) / inner * inner;  // whole parameter sets
  }();
  const auto t0 = std::chrono::steady_clock::now();
  bool cancelled = false;
  for (int r0 = 0; r0 < reps && !cancelled; r0 += block) {
    const int nb = std::min(block, reps - r0);
    const std::size_t items = static_cast<std::size_t>(NV) * T * nb;
    std::vector<ReplicationOutcome> outs(items);
    SimulateOptions so;
    so.months = months;
    so.cancel = opt.cancel;
    so.by_profile_series = opt.by_profile_series && P > 0;
    // PSA: the block's parameter sets, drawn and compiled for every model (each rank
    // compiles all of them: cheap, and the same on every rank).
    const int k0 = r0 / inner, nk = psa ? nb / inner : 0;
    std::vector<CompiledModel> set_models(static_cast<std::size_t>(NV) * nk);
    if (psa) {
      arena.execute([&] {
        tbb::parallel_for(0, NV * nk, [&](int j) {
          const int v = j / nk, k = k0 + j % nk;
          std::vector<std::pair<std::string, double>> drawn;
          const Scenario drawn_scenario = draw_parameter_set((*opt.scenarios)[v], ms[v].seed,
                                                             static_cast<std::uint64_t>(k), &drawn);
          CompiledModel cm = compile(drawn_scenario, ms[v].variant, months);
          cm.seed = ms[v].seed;
          for (const auto& [pointer, value] : drawn)
            res.parameter_values[v][k][parameter_slot.at(pointer)] = value;
          set_models[j] = std::move(cm);
        });
      });
    }
    const std::size_t mine = (items + ranks - 1 - rank) / ranks;  // items of this rank
    auto simulate_mine = [&] {
      if (r0 == 0 && ranks > 1 && detail::test_fail_this_rank())
        throw std::runtime_error("failing on purpose (test hook PROSTUP_TEST_FAIL_RANK)");
      tbb::parallel_for(std::size_t{0}, mine, [&](std::size_t j) {
        if (opt.cancel && *opt.cancel) return;
        const std::size_t it = j * ranks + rank;
        const int v = static_cast<int>(it / (static_cast<std::size_t>(T) * nb));
        const int rest = static_cast<int>(it % (static_cast<std::size_t>(T) * nb));
        const int town = rest / nb, r = r0 + rest % nb;
        if (r0 == 0 && static_cast<long long>(it) == fail_alloc_at) throw std::bad_alloc();
        std::uint64_t hm = 0;
        SimulateOptions task_opt = so;
        task_opt.household_months = &hm;
        const CompiledModel& model =
            psa ? set_models[static_cast<std::size_t>(v) * nk + (r - r0) / inner] : ms[v];
        outs[it] = simulate(model, town, r, task_opt);
        household_months += hm;
        ++done;
      });
    };
    if (ranks == 1) {
      arena.execute(simulate_mine);
    } else {
      // A rank that fails or is cancelled must not leave the others waiting in the gather.
      int status = 0;
      std::string why;
      try {
        arena.execute(simulate_mine);
      } catch (const std::exception& e) {
        status = 2;
        why = e.what();
      }
      if (status == 0 && opt.cancel && *opt.cancel) status = 1;
      status = detail::mpi_agree_status(status, why);
      if (status == 2) throw std::runtime_error(why);
      if (status == 1) {
        cancelled = true;
        break;
      }
      detail::mpi_share_outcomes(outs);
      done += static_cast<long long>(items - mine);  // the other ranks' items of this block
    }
    // Every task published its outcome with the release half of `++done`; this acquire
    // restates, in code ThreadSanitizer instruments, the join that happens inside libtbb
    // (Debian's build is not instrumented, so TSan would otherwise see the merge below
    // race with the workers' writes). It costs one load per block.
    (void)done.load(std::memory_order_acquire);
    // Under MPI only the agreed status above may stop the loop (all ranks stop together).
    if (ranks == 1 && opt.cancel && *opt.cancel) {
      cancelled = true;
      break;
    }
    for (int v = 0; v < NV; ++v) {
      std::vector<ReplicationOutcome> stars(nb);
      for (int k = 0; k < nb; ++k) {
        ReplicationOutcome& star = stars[k];
        for (int town = 0; town < T; ++town) {
          const auto& o = outs[(static_cast<std::size_t>(v) * T + town) * nb + k];
          merge(acc[static_cast<std::size_t>(v) * rows_per_variant + town], v, o);
          merge_profiles(v, town, o);
          star.add(o);
        }
        merge(acc[static_cast<std::size_t>(v) * rows_per_variant + T], v, star);
        merge_profiles(v, T, star);
      }
      for (int j = 0; j < nk; ++j)
        for (int row = 0; row <= T; ++row) {
          std::vector<const ReplicationOutcome*> os;
          for (int i = 0; i < inner; ++i) {
            const int k = j * inner + i;
            os.push_back(row < T ? &outs[(static_cast<std::size_t>(v) * T + row) * nb + k]
                                 : &stars[k]);
          }
          merge_set_series(acc[static_cast<std::size_t>(v) * rows_per_variant + row], os);
        }
    }
  }
  const auto t1 = std::chrono::steady_clock::now();
  stop_monitor();
  if (cancelled) throw RunCancelled();

  RunInfo& info = res.info;
  info.program_version = PROSTUP_VERSION;
  info.scenario_name = base.scenario_name;
  info.seed = ms.front().seed;
  info.price_year = ms.front().price_year;
  info.discount_rate = ms.front().discount_rate;
  info.replications = reps;
  info.psa = psa;
  info.parameter_sets = psa ? sets : 0;
  info.inner_replications = inner;
  info.months = months;
  info.threads = std::max(1, threads);
  for (const auto& m : ms) info.variants.push_back(m.variant);
  for (const auto& tw : base.towns) {
    info.towns.push_back(tw.id);
    info.town_labels.push_back(tw.label);
  }
  // Stages and services of every model (a variant may add some), the baseline's first.
  for (const auto& m : ms) {
    for (const auto& s : m.stages) {
      bool known = false;
      for (const auto& x : info.stages) known |= x.id == s.id;
      if (!known) info.stages.push_back({s.id, s.label, to_string(s.kind)});
    }
    for (const auto& v : m.services)
      if (std::find(info.services.begin(), info.services.end(), v.id) == info.services.end()) {
        info.services.push_back(v.id);
        info.service_labels.push_back(v.label);
      }
  }
  for (std::size_t p = 0; p < P; ++p) {
    info.profiles.push_back(base.profiles[p].id);
    info.profile_labels.push_back(base.profiles[p].label);
  }
  info.household_months = detail::mpi_sum_u64(household_months.load());
  info.simulate_seconds = std::chrono::duration<double>(t1 - t0).count();

  for (int v = 0; v < NV; ++v)
    for (int row = 0; row < rows_per_variant; ++row) {
      const auto& a = acc[static_cast<std::size_t>(v) * rows_per_variant + row];
      const CompiledModel& m = ms[v];
      const int S = m.n_stages(), V = m.n_services();
      TownVariantResult tr;
      tr.town = row < T ? m.towns[row].id : "*";
      tr.variant = m.variant;
      if (!psa) {
        for (std::size_t k = 0; k < K; ++k) tr.metrics.push_back(summarize(a.per_rep[k]));
        tr.per_replication = a.per_rep;
      } else {
        for (std::size_t k = 0; k < K; ++k) {
          tr.per_replication.push_back(set_means(a.per_rep[k], inner));
          Summary sm = summarize_sets(tr.per_replication.back());
          sm.share_from_parameters = share_from_parameters(a.per_rep[k], inner);
          tr.metrics.push_back(sm);
        }
      }
      auto point = [&](const Welford& w) { return psa ? w.spread() : w.point(); };
      for (int s = 0; s < S; ++s) {
        Series occ{"occupancy:" + m.stages[s].id, {}, {}};
        Series wait{"waiting:" + m.stages[s].id, {}, {}};
        for (std::size_t t = 0; t < M1; ++t) {
          occ.by_month.push_back(point(a.occupancy[s * M1 + t]));
          wait.by_month.push_back(point(a.waiting[s * M1 + t]));
        }
        if (!m.stages[s].outside) {
          for (std::size_t t = 0; t < M1; ++t) {
            double c = 0;
            if (row < T)
              c = static_cast<double>(m.towns[row].capacity[s][t]);
            else
              for (const auto& tw : m.towns) c += static_cast<double>(tw.capacity[s][t]);
            occ.capacity.push_back(c);
          }
        }
        tr.series.push_back(std::move(occ));
        tr.series.push_back(std::move(wait));
      }
      for (int sv = 0; sv < V; ++sv) {
        Series ser{"in_service:" + m.services[sv].id, {}, {}};
        for (std::size_t t = 0; t < M1; ++t)
          ser.by_month.push_back(point(a.in_service[sv * M1 + t]));
        tr.series.push_back(std::move(ser));
      }
      const double R = a.reps > 0 ? a.reps : 1;
      for (int f = 0; f < S; ++f) {
        if (a.arrivals[f] > 0)
          tr.flows.push_back({"arrival", m.stages[f].id, "arrival", a.arrivals[f] / R});
        for (int to = 0; to < S; ++to) {
          const std::size_t k = static_cast<std::size_t>(f) * S + to;
          if (a.promo[k] > 0)
            tr.flows.push_back({m.stages[f].id, m.stages[to].id, "promotion", a.promo[k] / R});
          if (a.demo[k] > 0)
            tr.flows.push_back({m.stages[f].id, m.stages[to].id, "demotion", a.demo[k] / R});
          if (a.expi[k] > 0)
            tr.flows.push_back({m.stages[f].id, m.stages[to].id, "expiry", a.expi[k] / R});
        }
        if (a.exits[f] > 0) tr.flows.push_back({m.stages[f].id, "exit", "exit", a.exits[f] / R});
      }
      for (std::size_t d = 0; d < M1; ++d) {
        SeriesPoint p = point(a.cif[d]);
        tr.time_to_lease.push_back({static_cast<int>(d), p.mean, p.ci_low, p.ci_high});
      }
      res.results.push_back(std::move(tr));
    }

  // Paired differences, variant minus baseline, replication by replication.
  for (int v = 1; v < NV; ++v)
    for (int row = 0; row < rows_per_variant; ++row) {
      const auto& b = res.results[row];
      const auto& x = res.results[static_cast<std::size_t>(v) * rows_per_variant + row];
      const auto& raw_b = acc[row].per_rep;
      const auto& raw_x = acc[static_cast<std::size_t>(v) * rows_per_variant + row].per_rep;
      const int units = psa ? sets : reps;  // paired units: parameter sets or replications
      for (std::size_t k = 0; k < K; ++k) {
        Comparison c = paired_comparison(res.metric_info[k], b, x, k, units, psa);
        if (psa) {
          std::vector<double> raw(reps);
          for (int r = 0; r < reps; ++r) raw[r] = raw_x[k][r] - raw_b[k][r];
          c.share_from_parameters = share_from_parameters(raw, inner);
        }
        res.comparisons.push_back(std::move(c));
      }
      // Incremental analysis per cohort: extra cost, and the cost per extra household
      // stabilised and per extra month housed (docs/model.md, "Incremental analysis").
      std::vector<std::string> cohorts;
      for (const auto& mi : res.metric_info)
        if (std::find(cohorts.begin(), cohorts.end(), mi.cohort) == cohorts.end())
          cohorts.push_back(mi.cohort);
      // Discounted (docs/model.md, "Discounting"): the same from the discounted figures,
      // under names of their own, where the scenario gives a rate.
      for (const char* suffix : {"", "_discounted"})
        for (const std::string& cohort : cohorts) {
          const std::string sfx = suffix;
          const int kc = res.metric_index("cost_total" + sfx, cohort);
          if (kc < 0) continue;
          auto diffs = [&](int k) {
            std::vector<double> d(units, kUndefined);
            for (int r = 0; r < units; ++r)
              d[r] = x.per_replication[k][r] - b.per_replication[k][r];
            return d;
          };
          const std::vector<double> d_cost = diffs(kc);
          const Summary sc = psa ? summarize_sets(d_cost) : summarize(d_cost);
          if (sc.replications == 0) continue;  // the cohort is not in both runs
          Comparison inc;
          inc.town = x.town;
          inc.variant = x.variant;
          inc.baseline = b.variant;
          inc.cohort = cohort;
          inc.metric = "incremental_cost" + sfx;
          inc.diff_mean = sc.mean;
          inc.diff_ci_low = sc.replications >= 2 && sc.sd == 0 ? sc.mean : sc.ci_low;
          inc.diff_ci_high = sc.replications >= 2 && sc.sd == 0 ? sc.mean : sc.ci_high;
          inc.replications = sc.replications;
          res.comparisons.push_back(inc);
          for (const char* effect : {"stabilized_households", "months_housed"}) {
            const int ke = res.metric_index(effect + sfx, cohort);
            if (ke < 0) continue;
            const Incremental ia = incremental_analysis(d_cost, diffs(ke));
            Comparison ic = inc;
            ic.metric = (sfx.empty() ? "icer:" : "icer_discounted:") +
                        std::string(std::string(effect) == "months_housed" ? "months_housed"
                                                                           : "stabilized");
            ic.diff_mean = ia.icer;
            ic.diff_ci_low = ia.icer_low;
            ic.diff_ci_high = ia.icer_high;
            ic.note = ia.note;
            res.comparisons.push_back(std::move(ic));
          }
        }
    }
  by_profile_results(res, ms, pacc, P, reps, M1, psa, inner);
  if (psa) analyse_uncertainty(res);
  return res;
}

}  // namespace prostup

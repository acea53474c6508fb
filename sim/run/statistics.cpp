// SPDX-License-Identifier: Apache-2.0
#include "prostup/statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

namespace prostup {

double student_t_quantile(double p, double dof) {
  if (!(dof > 0) || !(p > 0 && p < 1)) return kUndefined;
  const boost::math::students_t_distribution<double> t(dof);
  return boost::math::quantile(t, p);
}

double quantile_sorted(const std::vector<double>& v, double q) {
  if (v.empty()) return kUndefined;
  const double h = (static_cast<double>(v.size()) - 1) * q;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

void Welford::add(double x) {
  if (std::isnan(x)) return;
  n += 1;
  const double d = x - mean;
  mean += d / n;
  m2 += d * (x - mean);
}

SeriesPoint Welford::point() const {
  SeriesPoint p;
  if (n == 0) return p;
  p.mean = mean;
  if (n < 2) return p;
  const double half = student_t_quantile(0.975, n - 1) * std::sqrt(m2 / (n - 1) / n);
  p.ci_low = mean - half;
  p.ci_high = mean + half;
  return p;
}

SeriesPoint Welford::spread() const {
  SeriesPoint p;
  if (n == 0) return p;
  p.mean = mean;
  if (n < 2) return p;
  const double half = 1.959963984540054 * std::sqrt(m2 / (n - 1));
  p.ci_low = mean - half;
  p.ci_high = mean + half;
  return p;
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
    const double half = student_t_quantile(0.975, static_cast<double>(v.size() - 1)) * s.sd /
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

NetBenefit net_monetary_benefit(const std::vector<double>& d_cost,
                                const std::vector<double>& d_effect, double wtp, bool sets) {
  std::vector<double> nb;
  double positive = 0;
  for (std::size_t k = 0; k < d_cost.size() && k < d_effect.size(); ++k) {
    if (std::isnan(d_cost[k]) || std::isnan(d_effect[k])) continue;
    const double x = wtp * d_effect[k] - d_cost[k];
    nb.push_back(x);
    positive += x > 0 ? 1 : x == 0 ? 0.5 : 0;
  }
  NetBenefit out;
  out.nmb = sets ? summarize_sets(nb) : summarize(nb);
  if (!nb.empty()) out.share_positive = positive / static_cast<double>(nb.size());
  return out;
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

namespace {

// The q-quantile of sorted values that may hold infinities: NaN where the interpolation
// touches one (an unbounded end).
double bounded_quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kUndefined;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  if (!std::isfinite(sorted[lo]) || !std::isfinite(sorted[hi])) return kUndefined;
  return quantile_sorted(sorted, q);
}

}  // namespace

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
  // The printed distribution: the units' own differences and their central 95 %.
  auto central = [](std::vector<double> v, double& mean, double& lo, double& hi) {
    double sum = 0;
    for (double x : v) sum += x;
    mean = sum / static_cast<double>(v.size());
    std::sort(v.begin(), v.end());
    lo = quantile_sorted(v, 0.025);
    hi = quantile_sorted(v, 0.975);
  };
  central(dc, out.cost, out.cost_low, out.cost_high);
  central(de, out.effect, out.effect_low, out.effect_high);
  const auto all_zero = [](const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return x == 0; });
  };
  if (all_zero(de)) {
    out.note = all_zero(dc) ? "no difference" : "no difference in effect";
    return out;
  }
  if (out.effect_low <= 0 && out.effect_high >= 0) {
    out.note = "no clear difference in effect";
    return out;
  }
  // The cost's side is judged on its printed interval too: a mean above 0 whose interval
  // includes savings is "cost uncertain", not "more cost".
  const bool more = out.effect > 0;
  const bool saves = out.cost_high <= 0 && out.cost < 0;
  const bool costs = out.cost_low >= 0 && out.cost > 0;
  if (more && (saves || (out.cost_low == 0 && out.cost_high == 0))) {
    out.note = "dominant";
    return out;
  }
  if (!more && (costs || (out.cost_low == 0 && out.cost_high == 0))) {
    out.note = "dominated";
    return out;
  }
  if (!more && !saves) {
    // Less effect and perhaps no saving: no ratio a planner could act on.
    out.note = "less effect, cost uncertain";
    return out;
  }
  out.note = !more   ? "less effect, less cost"
             : costs ? "more effect, more cost"
                     : "more effect, cost uncertain";
  out.icer = out.cost / out.effect;
  // Each unit's own ratio. More effect for more cost: a lower ratio is better, and a unit
  // whose effect is not positive is the worst end (+inf; -inf if it also saves money). Less
  // effect for less cost: a higher ratio (more saved per unit given up) is better, and a unit
  // whose effect is not negative is the best end (+inf when it saves, else -inf).
  std::vector<double> ratios;
  ratios.reserve(dc.size());
  constexpr double inf = std::numeric_limits<double>::infinity();
  for (std::size_t r = 0; r < dc.size(); ++r) {
    if (more ? de[r] > 0 : de[r] < 0)
      ratios.push_back(dc[r] / de[r]);
    else if (more)
      ratios.push_back(dc[r] >= 0 ? inf : -inf);
    else
      ratios.push_back(dc[r] <= 0 ? inf : -inf);
  }
  std::sort(ratios.begin(), ratios.end());
  out.icer_low = bounded_quantile(ratios, 0.025);
  out.icer_high = bounded_quantile(ratios, 0.975);
  return out;
}

std::vector<FrontierEntry> efficient_frontier(const std::vector<FrontierOption>& options) {
  std::vector<FrontierEntry> e;
  for (const auto& o : options) e.push_back({o.id, "", o.cost, o.effect, kUndefined});
  std::stable_sort(e.begin(), e.end(), [](const FrontierEntry& a, const FrontierEntry& b) {
    return a.cost != b.cost ? a.cost < b.cost : a.effect > b.effect;
  });
  // Strong dominance: an earlier option (no dearer) at least as effective.
  for (std::size_t j = 0; j < e.size(); ++j)
    for (std::size_t i = 0; i < j; ++i)
      if (e[i].status != "dominated" && e[i].effect >= e[j].effect) {
        e[j].status = "dominated";
        break;
      }
  // Extended dominance: while the ICERs along the remaining options fall somewhere, the
  // option before the fall is dominated by a mix of its neighbours.
  for (;;) {
    std::vector<std::size_t> f;
    for (std::size_t i = 0; i < e.size(); ++i)
      if (e[i].status.empty() || e[i].status == "reference" || e[i].status == "frontier")
        f.push_back(i);
    for (std::size_t k = 0; k < f.size(); ++k) {
      e[f[k]].status = k == 0 ? "reference" : "frontier";
      e[f[k]].icer =
          k == 0 ? kUndefined
                 : (e[f[k]].cost - e[f[k - 1]].cost) / (e[f[k]].effect - e[f[k - 1]].effect);
    }
    bool changed = false;
    for (std::size_t k = 1; k + 1 < f.size(); ++k)
      if (e[f[k]].icer > e[f[k + 1]].icer) {
        e[f[k]].status = "extendedly dominated";
        e[f[k]].icer = kUndefined;
        changed = true;
      }
    if (!changed) break;
  }
  for (auto& x : e)
    if (x.status == "dominated") x.icer = kUndefined;
  return e;
}

}  // namespace prostup

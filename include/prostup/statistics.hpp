// SPDX-License-Identifier: Apache-2.0
// The statistics of a run (docs/model.md, "Statistics"): summaries with Student-t intervals,
// quantiles, the parameter share of the variance, paired variant-minus-baseline comparisons,
// the incremental cost-effectiveness ratio and the cumulative incidence of a lease. Plain
// functions of numbers: no TBB, no I/O. The runner, plan and the PSA analyses all use these.
#pragma once

#include <string>
#include <vector>

#include "prostup/engine.hpp"
#include "prostup/results.hpp"

namespace prostup {

// The p-quantile of Student's t with `dof` degrees of freedom, P(T <= t) = p (Boost.Math, exact
// to double precision); NaN for dof <= 0 or p outside (0, 1). The one t-quantile of the
// program: every summary's 95 % interval (p = 0.975) and plan's one-sided bound.
double student_t_quantile(double p, double dof);

// The q-quantile (0 <= q <= 1) of sorted values, linearly interpolated; NaN when empty.
double quantile_sorted(const std::vector<double>& v, double q);

// Mean, sd, 95 % t-interval of the mean and the 5/50/95 % quantiles of the defined values.
Summary summarize(const std::vector<double>& values);

// PSA: the summary over parameter sets, with the central 95 % of the set means as interval.
Summary summarize_sets(const std::vector<double>& means);

// Net monetary benefit of a variant against the baseline at a willingness to pay `wtp` per
// unit of effect (docs/model.md, "Incremental analysis"): per paired unit (replication, or
// parameter set under PSA) wtp * d_effect - d_cost, units where either is undefined left out.
// `nmb`: their summary, under PSA (`sets`) with the central 95 % of the units as interval,
// else the t-interval of the mean; `share_positive`: the share of units with a positive net
// benefit (ties at 0 count half; NaN when none is defined).
struct NetBenefit {
  Summary nmb;
  double share_positive = kUndefined;
};
NetBenefit net_monetary_benefit(const std::vector<double>& d_cost,
                                const std::vector<double>& d_effect, double wtp, bool sets);

// Set means of `values` (`inner` replications per set, set after set; the defined ones; NaN
// when none is).
std::vector<double> set_means(const std::vector<double>& values, int inner);

// Share of an outcome's variance that comes from the parameters (law of total variance):
// `values` holds `inner` replications per parameter set, set after set. Returns
// (B - W / inner) / (B - W / inner + W), clipped to [0, 1], where B is the variance of the
// set means and W the mean within-set variance; NaN when inner < 2 or fewer than 2 sets.
double share_from_parameters(const std::vector<double>& values, int inner);

// Welford's streaming mean and variance (NaN values skipped), merged in replication order.
struct Welford {
  double n = 0, mean = 0, m2 = 0;
  void add(double x);
  // The mean and its 95 % t-interval.
  SeriesPoint point() const;
  // PSA: the values are parameter sets' means; the interval is their spread (normal
  // approximation of the central 95 %), not the precision of the mean.
  SeriesPoint spread() const;
};

// Variant minus baseline, unit by unit, for metric k of two rows: `units` replications, or
// under PSA (`sets`) parameter sets, whose interval is then their central 95 %.
Comparison paired_comparison(const MetricInfo& mi, const TownVariantResult& b,
                             const TownVariantResult& x, std::size_t k, int units, bool sets);

// Incremental cost-effectiveness of a variant against the baseline from paired differences
// (variant minus baseline, one per unit: a parameter set under PSA, else a replication; pairs
// with a NaN are skipped), judged on the distribution that is printed (docs/model.md,
// "Incremental analysis"): the 2.5th to 97.5th percentile of the units' differences, not an
// interval of their mean. The note, in order:
// - "no difference": every unit's cost and effect difference is exactly 0;
// - "no difference in effect": every effect difference is exactly 0, the cost is not;
// - "no clear difference in effect": the effect interval includes 0 (no ratio, never
//   "dominant" or "dominated": the cost is the incremental_cost row's);
// - else by the sign of the effect and the cost's interval: "dominant" (more effect, the
//   cost interval at or below 0), "dominated" (less effect, the cost interval at or above 0),
//   "more effect, more cost" (the cost interval above 0), "more effect, cost uncertain" (it
//   includes 0), "less effect, less cost" (it is below 0; the ratio is then CZK saved per
//   unit of effect given up) or "less effect, cost uncertain" (it includes 0; no ratio).
//   Where there is a ratio, icer = mean cost / mean effect, with icer_low/high the 2.5th and
//   97.5th percentile of the units' own ratios (a unit whose effect has the other sign
//   counts as the worse end, NaN where a bound reaches it).
struct Incremental {
  double icer = kUndefined, icer_low = kUndefined, icer_high = kUndefined;
  double cost = kUndefined, cost_low = kUndefined, cost_high = kUndefined;
  double effect = kUndefined, effect_low = kUndefined, effect_high = kUndefined;
  std::string note;  // see Comparison::note
};
Incremental incremental_analysis(const std::vector<double>& d_cost,
                                 const std::vector<double>& d_effect);

// One option of a town on the cost-effectiveness plane (the baseline included): its mean
// cost and effect over the paired units.
struct FrontierOption {
  std::string id;
  double cost = 0, effect = 0;
};
// Its place on the efficient frontier (as dampack's calculate_icers): "reference" (the
// cheapest undominated option), "frontier" (icer against the previous frontier option),
// "dominated" (another option costs no more and is at least as effective, one of them
// strictly) or "extendedly dominated" (a mix of its frontier neighbours would give more effect
// at the same cost: the ICERs along the frontier would fall). Net monetary benefit at a
// willingness to pay λ: λ * effect - cost.
struct FrontierEntry {
  std::string id, status;
  double cost = 0, effect = 0;
  double icer = kUndefined;  // against the previous option on the frontier
};
// Entries in order of cost (then effect); ties in cost and effect keep the first option.
std::vector<FrontierEntry> efficient_frontier(const std::vector<FrontierOption>& options);

// Cumulative incidence of the first permanent stage (Aalen-Johansen with exit competing
// and the horizon censoring), by months since entry.
std::vector<double> cumulative_incidence(const ReplicationOutcome& o);

}  // namespace prostup

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

// Incremental cost-effectiveness of a variant against the baseline from paired
// per-replication differences (variant minus baseline; pairs with a NaN are skipped).
struct Incremental {
  double icer = kUndefined, icer_low = kUndefined, icer_high = kUndefined;
  std::string note;  // see Comparison::note
};
Incremental incremental_analysis(const std::vector<double>& d_cost,
                                 const std::vector<double>& d_effect);

// Cumulative incidence of the first permanent stage (Aalen-Johansen with exit competing
// and the horizon censoring), by months since entry.
std::vector<double> cumulative_incidence(const ReplicationOutcome& o);

}  // namespace prostup

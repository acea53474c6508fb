// SPDX-License-Identifier: Apache-2.0
// The analyses of a PSA run (docs/uncertainty.md): cost-effectiveness acceptability curves,
// the expected value of perfect information (EVPI) and of partial perfect information
// (EVPPI, by regression), and a tornado from a linear regression metamodel.
//
// Every analysis reads the parameter sets' means (TownVariantResult::per_replication of a
// PSA run) and the drawn parameter values (RunResult::parameter_values): nothing is
// simulated again.
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "prostup/runner.hpp"
#include "run_internal.hpp"

namespace prostup {

std::vector<double> detail::least_squares(const std::vector<double>& X,
                                          const std::vector<double>& y, std::size_t p) {
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const auto n = static_cast<Eigen::Index>(y.size());
  const Eigen::Map<const RowMajor> A(X.data(), n, static_cast<Eigen::Index>(p));
  const Eigen::Map<const Eigen::VectorXd> b(y.data(), n);
  // A QR of the design itself (the normal equations would square its condition number);
  // the complete orthogonal decomposition gives the minimum-norm solution of a collinear one.
  const Eigen::VectorXd beta = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(A).solve(b);
  return std::vector<double>(beta.data(), beta.data() + beta.size());
}

namespace {

// The effects net benefit is computed on: (outcome name, metric, cohort "all").
struct EffectMetric {
  const char* outcome;
  const char* metric;
};
constexpr EffectMetric kEffects[] = {{"cohort_stabilized", "cohort_stabilized"},
                                     {"months_housed", "months_housed"}};
constexpr int kWtpPoints = 41;

// 1, 2 or 5 times a power of ten, at least x.
double nice_ceiling(double x) {
  if (!(x > 0) || !std::isfinite(x)) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(x)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

// A parameter's values over the sets: the baseline's draw, or the first variant that has it.
std::vector<double> parameter_column(const RunResult& res, std::size_t i) {
  const std::size_t sets = res.parameter_values.empty() ? 0 : res.parameter_values[0].size();
  std::vector<double> col(sets, kUndefined);
  for (const auto& by_variant : res.parameter_values) {
    if (std::isnan(by_variant[0][i])) continue;
    for (std::size_t k = 0; k < sets; ++k) col[k] = by_variant[k][i];
    break;
  }
  return col;
}

}  // namespace

void analyse_uncertainty(RunResult& res) {
  UncertaintyResult& u = res.uncertainty;
  u = {};
  if (!res.info.psa || res.parameter_values.empty()) return;
  const std::size_t NV = res.info.variants.size();
  const std::size_t sets = res.parameter_values[0].size();
  const int kc = res.metric_index("cost_total");
  std::vector<std::string> rows = res.info.towns;
  rows.push_back("*");

  // The cost-effectiveness plane: paired differences per parameter set.
  const int k_stab = res.metric_index("cohort_stabilized");
  const int k_months = res.metric_index("months_housed");
  if (kc >= 0 && k_stab >= 0 && k_months >= 0)
    for (const std::string& town : rows) {
      const TownVariantResult* b = res.find(town, res.info.variants[0]);
      for (std::size_t v = 1; b && v < NV; ++v) {
        const TownVariantResult* x = res.find(town, res.info.variants[v]);
        if (!x) continue;
        CePlane p{town, res.info.variants[v], {}, {}, {}};
        for (std::size_t k = 0; k < sets; ++k) {
          p.d_cost.push_back(x->per_replication[kc][k] - b->per_replication[kc][k]);
          p.d_stabilized.push_back(x->per_replication[k_stab][k] - b->per_replication[k_stab][k]);
          p.d_months_housed.push_back(x->per_replication[k_months][k] -
                                      b->per_replication[k_months][k]);
        }
        u.plane.push_back(std::move(p));
      }
    }

  // Acceptability curves and EVPI, per town and effect.
  double evppi_wtp = kUndefined;
  std::vector<std::vector<double>> evppi_nb;  // for the first town row: [variant][set] at evppi_wtp
  for (const std::string& town : rows) {
    for (const EffectMetric& eff : kEffects) {
      const int ke = res.metric_index(eff.metric);
      if (ke < 0 || kc < 0) continue;
      std::vector<const TownVariantResult*> tv(NV);
      bool complete = true;
      for (std::size_t v = 0; v < NV; ++v) {
        tv[v] = res.find(town, res.info.variants[v]);
        complete = complete && tv[v];
      }
      if (!complete) continue;
      // The WTP axis: up to twice the smallest positive mean ICER, where the first variant
      // starts to pay (or the baseline's mean cost per unit of effect when no variant adds
      // effect at extra cost), rounded up. A variant with a far larger ICER would squeeze the
      // decisions that matter into the axis' first step.
      double reach = kUndefined;
      const double e0 = summarize(tv[0]->per_replication[ke]).mean,
                   c0 = summarize(tv[0]->per_replication[kc]).mean;
      for (std::size_t v = 1; v < NV; ++v) {
        const double de = summarize(tv[v]->per_replication[ke]).mean - e0;
        const double dc = summarize(tv[v]->per_replication[kc]).mean - c0;
        if (de > 0 && dc > 0) reach = std::isnan(reach) ? dc / de : std::min(reach, dc / de);
      }
      if (std::isnan(reach)) reach = e0 > 0 ? c0 / e0 : 0;
      const double wtp_max = nice_ceiling(2 * reach);
      std::vector<double> evpi(kWtpPoints);
      for (int w = 0; w < kWtpPoints; ++w) {
        const double wtp = wtp_max * w / (kWtpPoints - 1);
        std::vector<double> wins(NV, 0), nb_mean(NV, 0);
        double max_sum = 0, used = 0;
        for (std::size_t k = 0; k < sets; ++k) {
          std::vector<double> nb(NV);
          bool defined = true;
          for (std::size_t v = 0; v < NV; ++v) {
            nb[v] = wtp * tv[v]->per_replication[ke][k] - tv[v]->per_replication[kc][k];
            defined = defined && !std::isnan(nb[v]);
          }
          if (!defined) continue;
          const double best = *std::max_element(nb.begin(), nb.end());
          // Ties share the set equally.
          const double ties = static_cast<double>(std::count(nb.begin(), nb.end(), best));
          for (std::size_t v = 0; v < NV; ++v) {
            if (nb[v] == best) wins[v] += 1 / ties;
            nb_mean[v] += nb[v];
          }
          max_sum += best;
          used += 1;
        }
        if (used == 0) continue;
        for (std::size_t v = 0; v < NV; ++v)
          u.ceac.push_back({town, res.info.variants[v], eff.outcome, wtp, wins[v] / used});
        const double best_mean = *std::max_element(nb_mean.begin(), nb_mean.end()) / used;
        evpi[w] = std::max(0.0, max_sum / used - best_mean);
        u.evpi.push_back({town, eff.outcome, "*", wtp, evpi[w]});
      }
      // EVPPI at the WTP where the all-towns EVPI of households stabilised peaks.
      if (town == "*" && std::string(eff.outcome) == "cohort_stabilized") {
        const int w = static_cast<int>(std::max_element(evpi.begin(), evpi.end()) - evpi.begin());
        evppi_wtp = wtp_max * w / (kWtpPoints - 1);
        evppi_nb.assign(NV, std::vector<double>(sets, kUndefined));
        for (std::size_t v = 0; v < NV; ++v)
          for (std::size_t k = 0; k < sets; ++k)
            evppi_nb[v][k] =
                evppi_wtp * tv[v]->per_replication[ke][k] - tv[v]->per_replication[kc][k];
      }
    }
  }

  // EVPPI per parameter (Strong, Oakley & Brennan 2014): regress each variant's incremental
  // net benefit on the parameter (a cubic polynomial of its standardised value); EVPPI =
  // mean over sets of the best fitted value - the best mean.
  u.evpi_willingness_to_pay = evppi_wtp;
  // The uncertain inputs: a parameter, or a group of parameters that share one quantile draw
  // (named "group:<name>", its first member's values standing for it).
  struct Input {
    std::size_t index;
    std::string label;
  };
  std::vector<Input> inputs;
  for (std::size_t i = 0; i < res.info.parameters.size(); ++i) {
    const std::string group =
        i < res.info.parameter_groups.size() ? res.info.parameter_groups[i] : std::string();
    const std::string label = group.empty() ? res.info.parameters[i] : "group:" + group;
    bool seen = false;
    for (const Input& in : inputs) seen = seen || in.label == label;
    if (!seen) inputs.push_back({i, label});
  }
  if (!evppi_nb.empty() && sets >= 8 && NV >= 2) {
    for (const Input& input : inputs) {
      const std::vector<double> theta = parameter_column(res, input.index);
      const Summary st = summarize(theta);
      const double m = st.mean, sd = st.sd;
      if (!(sd > 0)) continue;
      std::vector<std::size_t> keep;
      for (std::size_t k = 0; k < sets; ++k) {
        bool ok = !std::isnan(theta[k]);
        for (std::size_t v = 0; v < NV; ++v) ok = ok && !std::isnan(evppi_nb[v][k]);
        if (ok) keep.push_back(k);
      }
      if (keep.size() < 8) continue;
      std::vector<double> X;
      for (std::size_t k : keep) {
        const double z = (theta[k] - m) / sd;
        X.insert(X.end(), {1.0, z, z * z, z * z * z});
      }
      std::vector<std::vector<double>> fitted(NV, std::vector<double>(keep.size(), 0));
      for (std::size_t v = 1; v < NV; ++v) {
        std::vector<double> y;
        for (std::size_t k : keep) y.push_back(evppi_nb[v][k] - evppi_nb[0][k]);
        const std::vector<double> beta = detail::least_squares(X, y, 4);
        for (std::size_t r = 0; r < keep.size(); ++r)
          for (std::size_t j = 0; j < 4; ++j) fitted[v][r] += beta[j] * X[r * 4 + j];
      }
      double best_each = 0;
      std::vector<double> mean_fit(NV, 0);
      for (std::size_t r = 0; r < keep.size(); ++r) {
        double best = 0;  // the baseline's incremental net benefit is 0
        for (std::size_t v = 1; v < NV; ++v) {
          best = std::max(best, fitted[v][r]);
          mean_fit[v] += fitted[v][r];
        }
        best_each += best;
      }
      const double n = static_cast<double>(keep.size());
      const double best_mean =
          std::max(0.0, *std::max_element(mean_fit.begin(), mean_fit.end()) / n);
      u.evpi.push_back({"*", "cohort_stabilized", input.label, evppi_wtp,
                        std::max(0.0, best_each / n - best_mean)});
    }
  }

  // Tornado (Jalal et al. 2013): a linear regression of each variant's difference in
  // reached_lease_share on the standardised parameters; low/high = the fit with one
  // parameter at its 5 % / 95 % quantile and every other at its mean.
  u.tornado_outcome = "reached_lease_share";
  const int ko = res.metric_index(u.tornado_outcome);
  std::vector<std::string> varying;  // labels
  std::vector<std::vector<double>> cols;
  for (const Input& input : inputs) {
    std::vector<double> col = parameter_column(res, input.index);
    if (summarize(col).sd > 0) {
      varying.push_back(input.label);
      cols.push_back(std::move(col));
    }
  }
  const std::size_t Q = varying.size();
  if (ko >= 0 && NV >= 2 && Q > 0 && sets >= Q + 3) {
    std::vector<double> means(Q), sds(Q), q05(Q), q95(Q);
    for (std::size_t j = 0; j < Q; ++j) {
      // The runner's summary: NaN-aware mean, sd and the 5 % / 95 % quantiles.
      const Summary sc = summarize(cols[j]);
      means[j] = sc.mean;
      sds[j] = sc.sd;
      q05[j] = sc.p05;
      q95[j] = sc.p95;
    }
    for (const std::string& town : rows) {
      const TownVariantResult* b = res.find(town, res.info.variants[0]);
      if (!b) continue;
      for (std::size_t v = 1; v < NV; ++v) {
        const TownVariantResult* x = res.find(town, res.info.variants[v]);
        if (!x) continue;
        std::vector<double> X, y;
        for (std::size_t k = 0; k < sets; ++k) {
          const double d = x->per_replication[ko][k] - b->per_replication[ko][k];
          bool ok = !std::isnan(d);
          for (std::size_t j = 0; j < Q; ++j) ok = ok && !std::isnan(cols[j][k]);
          if (!ok) continue;
          y.push_back(d);
          X.push_back(1);
          for (std::size_t j = 0; j < Q; ++j) X.push_back((cols[j][k] - means[j]) / sds[j]);
        }
        if (y.size() < Q + 3) continue;
        // A variant that changes nothing in this town has nothing to explain.
        if (std::all_of(y.begin(), y.end(), [](double d) { return d == 0; })) continue;
        const std::vector<double> beta = detail::least_squares(X, y, Q + 1);
        std::vector<TornadoRow> part;
        for (std::size_t j = 0; j < Q; ++j) {
          TornadoRow t;
          t.town = town;
          t.variant = res.info.variants[v];
          t.outcome = u.tornado_outcome;
          t.parameter = varying[j];
          t.base = beta[0];
          t.low = beta[0] + beta[j + 1] * (q05[j] - means[j]) / sds[j];
          t.high = beta[0] + beta[j + 1] * (q95[j] - means[j]) / sds[j];
          part.push_back(t);
        }
        // Widest swing first; equal swings keep the parameters' order.
        std::stable_sort(part.begin(), part.end(), [](const TornadoRow& a, const TornadoRow& c) {
          return std::abs(a.high - a.low) > std::abs(c.high - c.low);
        });
        u.tornado.insert(u.tornado.end(), part.begin(), part.end());
      }
    }
  }
}

}  // namespace prostup

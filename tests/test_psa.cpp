// SPDX-License-Identifier: Apache-2.0
// Parameter uncertainty (PSA): distributions, keyed draws, paired parameter sets, the
// variance split and the decision analyses (docs/uncertainty.md).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "../sim/run/run_internal.hpp"
#include "prostup/parameter_draw.hpp"
#include "prostup/runner.hpp"
#include "scenario_builder.hpp"

using namespace prostup;

namespace {

// Mean and sd of the quantile function over a fine stratified grid of u: the distribution's
// own moments up to the grid's resolution (deterministic, no sampling noise).
std::pair<double, double> grid_moments(const Distribution& d, int n = 40000) {
  double s = 0, ss = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.quantile((i + 0.5) / n);
    s += x;
    ss += x * x;
  }
  const double m = s / n;
  return {m, std::sqrt(std::max(0.0, ss / n - m * m))};
}

UncertainParameter uncertain(const std::string& pointer, Distribution d,
                             const std::string& group = "") {
  UncertainParameter p;
  p.pointer = pointer;
  p.group = group;
  p.dist = d;
  return p;
}

Distribution beta(double mean, double sd) {
  Distribution d;
  d.lo = 0;
  d.hi = 1;
  REQUIRE(beta_from_moments(mean, sd, d).empty());
  return d;
}

// The engine tests' ladder with two uncertain parameters and 2 inner replications.
Scenario uncertain_ladder() {
  Scenario s = test::four_rung_ladder();
  s.uncertain.push_back(uncertain("/profiles/a/comply", beta(0.9, 0.05)));
  Distribution cost;
  cost.lo = 0;
  REQUIRE(gamma_from_moments(1500, 400, cost).empty());
  s.uncertain.push_back(uncertain("/services/debt_counselling/cost_per_case_month", cost));
  return s;
}

RunResult run_psa(const std::vector<Scenario>& scenarios, int threads, int replications = 16) {
  std::vector<CompiledModel> models;
  for (std::size_t i = 0; i < scenarios.size(); ++i)
    models.push_back(compile(scenarios[i], i == 0 ? "baseline" : "v" + std::to_string(i)));
  RunOptions o;
  o.threads = threads;
  o.replications = replications;
  o.months = 24;
  o.scenarios = &scenarios;
  return run_models(models, o);
}

}  // namespace

TEST_CASE("each distribution's quantiles have the stated mean and sd", "[psa]") {
  // Bounds: the grid has 40,000 points; its moments match to 0.5 % of the sd (the tails
  // beyond 1e-12 are cut, which matters only for heavy tails, hence the lognormal's 1 %).
  std::vector<std::pair<Distribution, double>> cases;
  cases.emplace_back(beta(0.05, 0.01), 0.005);
  Distribution g, ln, un, tri, nrm, fixed;
  REQUIRE(gamma_from_moments(1800, 300, g).empty());
  cases.emplace_back(g, 0.005);
  REQUIRE(lognormal_from_moments(1.2, 0.3, ln).empty());
  cases.emplace_back(ln, 0.01);
  un.kind = DistKind::uniform;
  un.a = 2;
  un.b = 5;
  cases.emplace_back(un, 0.005);
  tri.kind = DistKind::triangular;
  tri.a = 0;
  tri.b = 1;
  tri.c = 4;
  cases.emplace_back(tri, 0.005);
  nrm.kind = DistKind::normal;  // truncated at 0: a mean near the bound moves
  nrm.a = 0.1;
  nrm.b = 0.1;
  nrm.lo = 0;
  nrm.hi = 1;
  cases.emplace_back(nrm, 0.005);
  for (const auto& [d, tol] : cases) {
    INFO(to_string(d.kind));
    const auto [m, sd] = grid_moments(d);
    CHECK(std::abs(m - d.mean()) <= tol * d.sd());
    CHECK(std::abs(sd - d.sd()) <= 2 * tol * d.sd());
  }
  // The builders reproduce the moments they were given.
  CHECK(cases[0].first.mean() == Approx(0.05).epsilon(1e-12));
  CHECK(cases[0].first.sd() == Approx(0.01).epsilon(1e-12));
  CHECK(g.mean() == Approx(1800).epsilon(1e-12));
  CHECK(ln.sd() == Approx(0.3).epsilon(1e-12));
  // The truncated normal's mean by hand: 0.1 + 0.1 phi(1) / Phi(1) (the mass below 0 is cut).
  CHECK(nrm.mean() == Approx(0.1 + 0.1 * 0.24197072451914337 / 0.8413447460685429));
  fixed.a = 3;
  CHECK(fixed.quantile(0.7) == 3);
  CHECK(fixed.sd() == 0);
}

TEST_CASE("impossible distributions are explained", "[psa]") {
  Distribution d;
  CHECK(beta_from_moments(0.05, 0.3, d).find("too large") != std::string::npos);
  CHECK(!gamma_from_moments(-1, 1, d).empty());
  Distribution g;
  REQUIRE(gamma_from_moments(0.05, 0.01, g).empty());
  g.lo = 0;
  g.hi = 1;  // a gamma on a probability can exceed 1
  CHECK(distribution_problem(g).find("use a beta") != std::string::npos);
  Distribution b = beta(0.5, 0.1);
  CHECK(distribution_problem(b).empty());
}

TEST_CASE("parameter draws are keyed to seed, set and key", "[psa]") {
  const double u = parameter_uniform(7, 3, "/profiles/a/comply");
  CHECK(u == parameter_uniform(7, 3, "/profiles/a/comply"));
  CHECK(u != parameter_uniform(8, 3, "/profiles/a/comply"));
  CHECK(u != parameter_uniform(7, 4, "/profiles/a/comply"));
  CHECK(u != parameter_uniform(7, 3, "/profiles/b/comply"));
  // Uniform on (0, 1): over 20,000 sets the mean is 0.5 within 5 standard errors (0.01).
  double s = 0;
  for (int k = 0; k < 20000; ++k) s += parameter_uniform(1, k, "x");
  CHECK(std::abs(s / 20000 - 0.5) < 0.01);
  // A group shares one draw; draw_parameter_set applies it to every member.
  Scenario sc = test::four_rung_ladder();
  sc.uncertain.push_back(uncertain("/profiles/a/comply", beta(0.9, 0.05), "compliance"));
  sc.uncertain.push_back(uncertain("/profiles/b/comply", beta(0.7, 0.05), "compliance"));
  std::vector<std::pair<std::string, double>> drawn;
  const Scenario d = draw_parameter_set(sc, 7, 5, &drawn);
  REQUIRE(drawn.size() == 2);
  const double ua = parameter_uniform(7, 5, "compliance");
  CHECK(d.profiles[0].comply == sc.uncertain[0].dist.quantile(ua));
  CHECK(d.profiles[1].comply == sc.uncertain[1].dist.quantile(ua));
  CHECK(drawn[1].second == d.profiles[1].comply);
}

TEST_CASE("PSA pairs the parameter sets of the baseline and a variant", "[psa]") {
  const Scenario s = uncertain_ladder();
  Scenario v = s;  // the variant changes nothing
  const RunResult r = run_psa({s, v}, 2);
  REQUIRE(r.info.psa);
  CHECK(r.info.parameter_sets == 8);
  REQUIRE(r.parameter_values.size() == 2);
  CHECK(r.parameter_values[0] == r.parameter_values[1]);
  // Different sets draw different values.
  CHECK(r.parameter_values[0][0][0] != r.parameter_values[0][1][0]);
  for (const Comparison& c : r.comparisons) {
    if (std::isnan(c.diff_mean)) continue;
    INFO(c.metric);
    CHECK(c.diff_mean == 0);
  }
}

TEST_CASE("PSA results do not depend on the thread count", "[psa]") {
  const Scenario s = uncertain_ladder();
  Scenario v = s;
  v.towns[0].capacity["lease"].initial = 25;
  const RunResult r1 = run_psa({s, v}, 1), r3 = run_psa({s, v}, 3);
  CHECK(r1.parameter_values == r3.parameter_values);
  REQUIRE(r1.results.size() == r3.results.size());
  for (std::size_t i = 0; i < r1.results.size(); ++i) {
    const auto& a = r1.results[i].per_replication;
    const auto& b = r3.results[i].per_replication;
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k)
      for (std::size_t j = 0; j < a[k].size(); ++j)
        CHECK((a[k][j] == b[k][j] || (std::isnan(a[k][j]) && std::isnan(b[k][j]))));
  }
}

TEST_CASE("fixed distributions and --fixed-parameters run as before", "[psa]") {
  Scenario s = test::four_rung_ladder();
  const std::vector<CompiledModel> models{compile(s)};
  RunOptions plain;
  plain.replications = 6;
  plain.months = 24;
  const RunResult before = run_models(models, plain);
  Distribution fixed;
  fixed.a = s.profiles[0].comply;
  s.uncertain.push_back(uncertain("/profiles/a/comply", fixed));
  const std::vector<Scenario> sources{s};
  RunOptions o = plain;
  o.scenarios = &sources;
  const RunResult with_fixed = run_models(models, o);
  CHECK_FALSE(with_fixed.info.psa);
  const Scenario u = uncertain_ladder();
  const std::vector<Scenario> uncertain_sources{u};
  o.scenarios = &uncertain_sources;
  o.fixed_parameters = true;
  const RunResult fixed_flag = run_models({compile(u)}, o);
  CHECK_FALSE(fixed_flag.info.psa);
  for (const RunResult* r : {&with_fixed, &fixed_flag})
    for (std::size_t k = 0; k < before.results[0].metrics.size(); ++k) {
      const Summary &a = before.results[0].metrics[k], &b = r->results[0].metrics[k];
      CHECK((a.mean == b.mean || (std::isnan(a.mean) && std::isnan(b.mean))));
      CHECK(b.share_from_parameters == 0);
    }
}

TEST_CASE("PSA profile rows hold a value per parameter set and pair per set", "[psa][profiles]") {
  const Scenario s = uncertain_ladder();
  Scenario more = s;
  more.towns[0].capacity["lease"].initial = 25;
  const RunResult r = run_psa({s, s, more}, 2);  // baseline, v1 (unchanged), v2
  REQUIRE(r.info.parameter_sets == 8);
  REQUIRE(r.info.profiles.size() >= 2);
  REQUIRE(!r.by_profile.empty());
  const int k = r.metric_index("reached_lease_share");
  for (const TownVariantResult& tv : r.by_profile)
    for (const auto& values : tv.per_replication) CHECK(values.size() == 8);
  int unchanged = 0;
  for (const Comparison& c : r.profile_comparisons) {
    INFO(c.town << " " << c.variant << " " << c.profile << " " << c.metric);
    CHECK(c.replications <= 8);  // sets, not the 16 replications
    if (c.variant == "v1" && c.replications > 0) {
      // Set k of the unchanged variant ran the same draws and replications: no difference.
      CHECK(c.diff_mean == 0);
      CHECK(c.diff_ci_low == 0);
      CHECK(c.diff_ci_high == 0);
      ++unchanged;
    }
    if (c.variant != "v2" || c.metric != "reached_lease_share" || c.cohort != "all") continue;
    // The paired difference is the mean of the per-set differences.
    const TownVariantResult *b = r.find(c.town, "baseline", c.profile),
                            *x = r.find(c.town, "v2", c.profile);
    REQUIRE((b && x));
    double d = 0;
    for (int set = 0; set < 8; ++set) d += x->per_replication[k][set] - b->per_replication[k][set];
    CHECK(c.replications == 8);
    CHECK(c.diff_mean == Approx(d / 8).epsilon(1e-12));
    CHECK((c.share_from_parameters >= 0 && c.share_from_parameters <= 1));
  }
  CHECK(unchanged > 0);
  for (const EquityFigure& f : r.equity) {
    CHECK(f.replications <= 8);
    if (f.variant == "v1" && f.figure == "lease_gap_change") CHECK(f.mean == 0);
  }
}

TEST_CASE("the variance split follows the law of total variance", "[psa]") {
  // Synthetic: set k has parameter effect t_k ~ N(0, 1) (stratified), each inner
  // replication adds e ~ N(0, sigma^2); the share is 1 / (1 + sigma^2).
  auto build = [](double sigma, int sets, int inner) {
    Distribution n;
    n.kind = DistKind::normal;
    n.a = 0;
    n.b = 1;
    std::vector<double> v;
    for (int k = 0; k < sets; ++k)
      for (int i = 0; i < inner; ++i)
        v.push_back(n.quantile(parameter_uniform(1, k, "t")) +
                    sigma * n.quantile(parameter_uniform(2, k * inner + i, "e")));
    return v;
  };
  // 4,000 sets: the estimator's sd is about 0.02 here; bounds are 4 sd.
  CHECK(std::abs(share_from_parameters(build(1.0, 4000, 2), 2) - 0.5) < 0.08);
  CHECK(share_from_parameters(build(1e-4, 500, 2), 2) > 0.999);
  // No parameter effect: values vary only within sets.
  std::vector<double> noise;
  for (int k = 0; k < 2000; ++k) noise.push_back(k % 2 == 0 ? 1.0 : -1.0);
  CHECK(share_from_parameters(noise, 2) == 0);
  CHECK(std::isnan(share_from_parameters(noise, 1)));
}

namespace {

// A synthetic PSA result: one town, variants with given (cost, effect) per set.
RunResult synthetic(const std::vector<std::vector<std::pair<double, double>>>& by_variant) {
  RunResult r;
  r.info.psa = true;
  r.info.towns = {"t"};
  r.metric_info = {{"cost_total", "CZK", Better::lower, true, "all"},
                   {"cohort_stabilized", "households", Better::higher, false, "all"},
                   {"months_housed", "household-months", Better::higher, false, "all"},
                   {"reached_lease_share", "share", Better::higher, true, "all"}};
  r.info.parameters = {"/p"};
  for (std::size_t v = 0; v < by_variant.size(); ++v) {
    r.info.variants.push_back(v == 0 ? "baseline" : "v" + std::to_string(v));
    std::vector<std::vector<double>> sets;
    r.parameter_values.emplace_back();
    for (std::size_t k = 0; k < by_variant[v].size(); ++k)
      r.parameter_values.back().push_back({static_cast<double>(k)});
    for (const char* town : {"t", "*"}) {
      TownVariantResult tv;
      tv.town = town;
      tv.variant = r.info.variants.back();
      tv.per_replication.assign(4, {});
      for (const auto& [cost, effect] : by_variant[v]) {
        tv.per_replication[0].push_back(cost);
        tv.per_replication[1].push_back(effect);
        tv.per_replication[2].push_back(effect);
        tv.per_replication[3].push_back(effect / 100);
      }
      r.results.push_back(tv);
    }
  }
  return r;
}

double evpi_at(const RunResult& r, double wtp) {
  for (const EvpiRow& e : r.uncertainty.evpi)
    if (e.town == "t" && e.outcome == "cohort_stabilized" && e.parameter == "*" &&
        e.willingness_to_pay == wtp)
      return e.value;
  return kUndefined;
}

}  // namespace

TEST_CASE("EVPI: zero under dominance, the hand value otherwise", "[psa]") {
  // The variant costs less and stabilises more in every set: no decision uncertainty.
  RunResult dom =
      synthetic({{{100, 1}, {120, 2}, {90, 1}, {110, 3}, {100, 2}, {105, 1}, {95, 2}, {100, 1}},
                 {{80, 2}, {100, 3}, {70, 2}, {90, 4}, {80, 3}, {85, 2}, {75, 3}, {80, 2}}});
  analyse_uncertainty(dom);
  REQUIRE(!dom.uncertainty.evpi.empty());
  for (const EvpiRow& e : dom.uncertainty.evpi)
    if (e.parameter == "*") CHECK(e.value == 0);
  // Two sets: at WTP 0 the decision rests on cost alone. Baseline costs (10, 30), the variant
  // (20, 20): expected costs are equal (40 / 2 each), so choosing now loses
  // E[max(-c)] - max E[-c] = (-10 + -20) / 2 - (-20) = 5.
  RunResult two = synthetic({{{10, 0}, {30, 0}}, {{20, 0}, {20, 0}}});
  analyse_uncertainty(two);
  CHECK(evpi_at(two, 0) == Approx(5));
  // The acceptability curve at WTP 0: each arm is best in one set of two.
  for (const CeacPoint& c : two.uncertainty.ceac)
    if (c.town == "t" && c.willingness_to_pay == 0 && c.outcome == "cohort_stabilized")
      CHECK(c.probability_most_cost_effective == Approx(0.5));
}

// The EVPPI's cubic fit (docs/uncertainty.md) is a QR of the design, not the normal
// equations: on a clustered design (condition number 4e5, squared 2e11) an exact cubic comes
// back to 1e-8; the normal equations with their ridge were off by 0.8 in a coefficient.
TEST_CASE("least squares by QR recovers an exact cubic on an ill-conditioned design") {
  const double c[] = {2.0, -1.0, 0.5, 0.25};
  std::vector<double> X, y;
  for (int i = 0; i < 40; ++i) {
    const double z = 1 + 0.05 * (-1 + 2.0 * i / 39);
    X.insert(X.end(), {1.0, z, z * z, z * z * z});
    y.push_back(c[0] + c[1] * z + c[2] * z * z + c[3] * z * z * z);
  }
  const std::vector<double> beta = detail::least_squares(X, y, 4);
  REQUIRE(beta.size() == 4);
  for (int j = 0; j < 4; ++j) CHECK(std::abs(beta[j] - c[j]) < 1e-8);
  // A collinear design (a column twice): the minimum-norm solution splits the effect.
  std::vector<double> X2, y2;
  for (int i = 0; i < 10; ++i) {
    X2.insert(X2.end(), {1.0, double(i), double(i)});
    y2.push_back(1 + 2.0 * i);
  }
  const std::vector<double> b2 = detail::least_squares(X2, y2, 3);
  CHECK(std::abs(b2[0] - 1) < 1e-9);
  CHECK(std::abs(b2[1] - 1) < 1e-9);
  CHECK(std::abs(b2[2] - 1) < 1e-9);
}

// EVPPI end to end (issue 27): the incremental net benefit is an exact cubic of the parameter,
// so the regression reproduces it and EVPPI equals its closed form, the mean of the positive
// part less the positive part of the mean. The parameter is 39 values clustered within 0.004
// and one at 2: the standardised cubic design is ill-conditioned, and the normal equations
// (which square its condition number; the code before the QR) miss the closed form by 6e-5 of
// it.
TEST_CASE("EVPPI on an ill-conditioned synthetic case matches a closed form", "[psa]") {
  const int n = 40;
  std::vector<double> theta;
  for (int k = 0; k < n - 1; ++k) theta.push_back(1 + 1e-4 * k);
  theta.push_back(2);
  auto inb = [](double t) { return 50000 * (t - 1.0019) * (t - 1.6) * (t - 1.9); };
  std::vector<std::pair<double, double>> base, variant;
  double positive = 0, mean = 0;
  for (double t : theta) {
    base.push_back({1000, 1});
    variant.push_back({1000 - inb(t), 1});  // the same effect: net benefit = -cost at any WTP
    positive += std::max(0.0, inb(t)) / n;
    mean += inb(t) / n;
  }
  RunResult r = synthetic({base, variant});
  for (auto& by_set : r.parameter_values)
    for (int k = 0; k < n; ++k) by_set[static_cast<std::size_t>(k)] = {theta[k]};
  analyse_uncertainty(r);
  const double closed = positive - std::max(0.0, mean);
  REQUIRE(closed > 10);  // the decision is uncertain: the case tests something
  double evppi = kUndefined;
  for (const EvpiRow& e : r.uncertainty.evpi)
    if (e.town == "*" && e.parameter == "/p") evppi = e.value;
  CHECK(std::abs(evppi - closed) < 1e-6 * closed);
}

// SPDX-License-Identifier: Apache-2.0
// Common random numbers: a variant runs replication r with the same random keys as the
// baseline's replication r, so the paired difference has a much narrower CI than the
// difference of two independent runs. The test fails if variants stop sharing the draws.
//
// The hidden test case "[.crn-measure]" prints the measurement behind docs/crn.md:
//   build/tests/test_plan_crn "[.crn-measure]"
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"
#include "test_files.hpp"

using namespace prostup;

namespace {

using prostup::test::load_document;

CompiledModel model(const ojson& doc, const std::string& variant) {
  LoadResult r = variant == "baseline" ? load_scenario_json(doc) : apply_variant(doc, variant);
  REQUIRE(r.ok());
  return compile(*r.scenario, variant);
}

std::size_t metric_index(const RunResult& r, const std::string& name) {
  for (std::size_t k = 0; k < r.metric_info.size(); ++k)
    if (r.metric_info[k].name == name) return k;
  FAIL("no metric " << name);
  return 0;
}

struct Interval {
  double mean = kUndefined, low = kUndefined, high = kUndefined;
  double width() const { return high - low; }
};

// The variant-minus-baseline difference two ways: paired (same seed, from the runner's
// comparisons) and Welch's (the variant run again with another seed, so independent).
// `mismatched` pairs replication r of the two independent runs, as a runner whose variants
// did not share the baseline's draws would: it shows what the test's threshold tells apart.
struct DifferenceCis {
  Interval paired, independent, mismatched;
};

Interval mean_ci(const std::vector<double>& x) {
  const Summary s = summarize(x);
  return {s.mean, s.ci_low, s.ci_high};
}

DifferenceCis difference_cis(const CompiledModel& base, const CompiledModel& variant,
                             const std::string& town, const std::string& metric, int reps,
                             long long seed) {
  RunOptions o;
  o.replications = reps;
  o.seed = seed;
  const RunResult together = run_models({base, variant}, o);
  DifferenceCis d;
  for (const auto& c : together.comparisons)
    if (c.town == town && c.variant == variant.variant && c.metric == metric)
      d.paired = {c.diff_mean, c.diff_ci_low, c.diff_ci_high};

  RunOptions other = o;
  other.seed = seed + 1;  // a different seed: independent streams for the variant
  const RunResult alone = run_models({variant}, other);
  const std::size_t k = metric_index(together, metric);
  const Summary b = together.find(town, "baseline")->metrics[k];
  const Summary v = alone.find(town, variant.variant)->metrics[metric_index(alone, metric)];
  const double vb = b.sd * b.sd / b.replications, vv = v.sd * v.sd / v.replications;
  const double se = std::sqrt(vb + vv);
  // Welch-Satterthwaite degrees of freedom.
  const double dof =
      (vb + vv) * (vb + vv) / (vb * vb / (b.replications - 1) + vv * vv / (v.replications - 1));
  const double t = boost::math::quantile(boost::math::students_t_distribution<double>(dof), 0.975);
  const double diff = v.mean - b.mean;
  d.independent = {diff, diff - t * se, diff + t * se};

  const auto& xb = together.find(town, "baseline")->per_replication[k];
  const auto& xv = alone.find(town, variant.variant)->per_replication[metric_index(alone, metric)];
  std::vector<double> diffs;
  for (std::size_t r = 0; r < xb.size() && r < xv.size(); ++r) diffs.push_back(xv[r] - xb[r]);
  d.mismatched = mean_ci(diffs);
  return d;
}

}  // namespace

TEST_CASE("common random numbers narrow the CI of a capacity variant's difference", "[crn]") {
  // The fixture's variant changes only the number of leases: with shared draws the two
  // runs differ only where the extra leases change a household's path.
  const ojson doc = load_document("tests/fixtures/plan-one-lease.json");
  const CompiledModel base = model(doc, "baseline"), more = model(doc, "more_leases");
  for (const char* metric : {"reached_lease_share", "cost_total"}) {
    const DifferenceCis d = difference_cis(base, more, "town", metric, 100, 11);
    INFO(metric << ": paired " << d.paired.mean << " [" << d.paired.low << ", " << d.paired.high
                << "], independent " << d.independent.mean << " [" << d.independent.low << ", "
                << d.independent.high << "], mismatched width " << d.mismatched.width());
    REQUIRE(std::isfinite(d.paired.width()));
    REQUIRE(std::isfinite(d.independent.width()));
    // Draws shared: the paired CI is clearly narrower than the independent one. Draws not
    // shared: pairing by replication gains nothing (the ratio is near 1).
    CHECK(d.paired.width() < 0.75 * d.independent.width());
    CHECK(d.mismatched.width() > 0.75 * d.independent.width());
    // Both estimate the same difference.
    CHECK(d.paired.mean == Approx(d.independent.mean).margin(d.independent.width()));
  }
}

TEST_CASE("CRN measurement on the shipped default scenario (prints docs/crn.md's table)",
          "[.crn-measure]") {
  const ojson doc = load_document("scenarios/default.json");
  const int reps = 200;
  const long long seed = 20250601;
  const CompiledModel base = model(doc, "baseline");
  std::printf(
      "| variant | town | metric | paired diff [95 %% CI] | width | independent diff "
      "[95 %% CI] | width | width ratio |\n|---|---|---|---|---|---|---|---|\n");
  for (const char* variant : {"jirkov_training_plus20", "debt_counsellor_everywhere"}) {
    const CompiledModel v = model(doc, variant);
    for (const char* town : {"jirkov", "*"})
      for (const char* metric :
           {"reached_lease_share", "stabilized_share", "roofless_household_months", "cost_total"}) {
        const DifferenceCis d = difference_cis(base, v, town, metric, reps, seed);
        std::printf(
            "| %s | %s | %s | %.4g [%.4g, %.4g] | %.4g | %.4g [%.4g, %.4g] | %.4g | %.3f |\n",
            variant, town, metric, d.paired.mean, d.paired.low, d.paired.high, d.paired.width(),
            d.independent.mean, d.independent.low, d.independent.high, d.independent.width(),
            d.paired.width() / d.independent.width());
      }
  }
}

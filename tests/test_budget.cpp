// SPDX-License-Identifier: Apache-2.0
// The council's view (issue 29): the budget by year and payer (docs/model.md, "Budget by year
// and payer") on a two-arm case whose every figure can be written down by hand, and functional
// zero ("Functional zero") on ladders that reach it in a known month or never.
#include <catch2/catch.hpp>
#include <cmath>

#include "prostup/model.hpp"
#include "prostup/runner.hpp"
#include "scenario_builder.hpp"

using namespace prostup;
using namespace prostup::test;

namespace {

// Two households that never exit and always comply, for 36 months. Baseline: both in the
// shelter (4000 CZK a month, paid by the town) all along. Variant: both start in a hostel
// (9000, paid by the state) and move to the lease (1000, the town) after 12 months: they
// apply in month 13 and are placed at its end, so month 13 is counted in the lease.
Scenario arm(bool variant) {
  Scenario s;
  s.name = "budget";
  s.simulation.months = 36;
  s.simulation.replications = 3;
  s.simulation.price_year = 2025;
  s.stages = {stage("street", StageKind::outside), stage("shelter", StageKind::temporary),
              stage("hostel", StageKind::temporary), stage("lease", StageKind::permanent)};
  s.stages[1].cost_per_month = 4000;
  s.stages[1].payer = "town";
  s.stages[2].cost_per_month = 9000;
  s.stages[2].payer = "state";
  s.stages[3].cost_per_month = 1000;
  s.stages[3].payer = "town";
  s.promotions = {promotion("hostel", "lease", 0, 12)};
  s.profiles = {profile("single", 1.0, 1.0, 0.0)};
  Town t = town("t");
  t.initial = {{variant ? "hostel" : "shelter", 2}};
  t.capacity = {{"shelter", cap(10)}, {"hostel", cap(10)}, {"lease", cap(10)}};
  t.entry_stage = "street";
  s.towns = {t};
  return s;
}

const BudgetRow& cell(const RunResult& r, const std::string& variant, int year,
                      const std::string& payer, const std::string& town = "t") {
  for (const auto& b : r.budget)
    if (b.town == town && b.variant == variant && b.year == year && b.payer == payer) return b;
  FAIL("no budget row " << variant << " " << year << " " << payer);
  throw;
}

double mean_of(const RunResult& r, const std::string& variant, const std::string& metric) {
  const int k = r.metric_index(metric);
  REQUIRE(k >= 0);
  return r.find("t", variant)->metrics[static_cast<std::size_t>(k)].mean;
}

}  // namespace

TEST_CASE("budget: costs per year and payer, paired differences and the break-even year") {
  RunOptions o;
  o.threads = 1;
  const RunResult r = run_models({compile(arm(false)), compile(arm(true), "housing")}, o);
  // Baseline: 2 x 4000 x 12 = 96000 a year, all the town's.
  for (int y = 1; y <= 3; ++y) {
    CHECK(cell(r, "baseline", y, "town").cost.mean == 96000);
    CHECK(cell(r, "baseline", y, "state").cost.mean == 0);
    CHECK(cell(r, "baseline", y, "*").cost.mean == 96000);
    CHECK(cell(r, "baseline", y, "*").calendar_year == 2024 + y);
    CHECK(cell(r, "baseline", y, "*").months == 12);
    CHECK(std::isnan(cell(r, "baseline", y, "*").diff.mean));
  }
  // Variant: year 1 the hostel (2 x 9000 x 12 = 216000, the state's), then the lease (24000
  // a year, the town's). Differences 120000, -72000, -72000; cumulative 120000, 48000,
  // -24000: the variant breaks even in year 3. The town saves from year 1; the state never.
  CHECK(cell(r, "housing", 1, "state").cost.mean == 216000);
  CHECK(cell(r, "housing", 2, "town").cost.mean == 24000);
  CHECK(cell(r, "housing", 1, "*").diff.mean == 120000);
  CHECK(cell(r, "housing", 2, "*").diff.mean == -72000);
  CHECK(cell(r, "housing", 2, "*").cum_diff.mean == 48000);
  CHECK(cell(r, "housing", 3, "*").cum_diff.mean == -24000);
  // Identical replications: an interval of exactly the mean.
  CHECK(cell(r, "housing", 3, "*").cum_diff.ci_low == -24000);
  CHECK(cell(r, "housing", 3, "*").cum_diff.ci_high == -24000);
  CHECK(cell(r, "housing", 1, "*").break_even_year == 3);
  CHECK(cell(r, "housing", 1, "town").break_even_year == 1);
  CHECK(cell(r, "housing", 1, "state").break_even_year == 0);
  CHECK(cell(r, "baseline", 1, "*").break_even_year == 0);
  CHECK(cell(r, "housing", 3, "*", "*").cum_diff.mean == -24000);  // all towns: the one town

  // The rows sum over the years to cost:<payer> and cost_total of outcomes.csv.
  for (const std::string v : {"baseline", "housing"}) {
    double total = 0;
    for (const std::string p : {"town", "state"}) {
      double sum = 0;
      for (int y = 1; y <= 3; ++y) sum += cell(r, v, y, p).cost.mean;
      CHECK(sum == mean_of(r, v, "cost:" + p));
      total += sum;
    }
    CHECK(total == mean_of(r, v, "cost_total"));
  }
}

TEST_CASE("budget: discounted where a rate is given, a short last year, rows sum to the total") {
  // A random ladder with arrivals, exits and services; 30 months: years of 12, 12 and 6.
  Scenario s = four_rung_ladder();
  s.simulation.months = 30;
  s.simulation.replications = 4;
  s.simulation.discount_rate = 0.035;
  s.stages[1].cost_per_month = 9000;
  s.stages[1].payer = "state";
  s.stages[3].cost_per_month = 3000;
  RunOptions o;
  o.threads = 2;
  const RunResult r = run_models({compile(s)}, o);
  REQUIRE(r.budget.size() == 3 * 3 * (s.towns.size() + 1));  // years x (2 payers + "*")
  CHECK(cell(r, "baseline", 3, "*", s.towns[0].id).months == 6);
  CHECK(cell(r, "baseline", 1, "*", s.towns[0].id).calendar_year == 0);  // no price year
  const int k = r.metric_index("cost_total_discounted");
  REQUIRE(k >= 0);
  for (const auto& tv : r.results) {
    double sum = 0, payers = 0;
    for (const auto& b : r.budget)
      if (b.town == tv.town && b.variant == tv.variant) {
        CHECK(b.discounted);
        (b.payer == "*" ? sum : payers) += b.cost.mean;
      }
    CHECK(sum == Approx(tv.metrics[static_cast<std::size_t>(k)].mean).epsilon(1e-12));
    CHECK(payers == Approx(sum).epsilon(1e-12));
  }
}

namespace {

// Six households on the street, never exiting, always complying; the lease opens one more unit
// each month (1 in month 1 ... 6 in month 6), so one household is housed a month until month 6:
// at the end of month t the street holds 6 - t and the month's placements are 1 (0 from month
// 7). Street <= placements from month 5 on (1 <= 1, 0 <= 1, 0 <= 0, ...).
Scenario street_to_lease(int months, int rule_months, bool promotions) {
  Scenario s;
  s.name = "fz";
  s.simulation.months = months;
  s.simulation.replications = 3;
  s.simulation.functional_zero_months = rule_months;
  s.stages = {stage("street", StageKind::outside), stage("lease", StageKind::permanent)};
  if (promotions) s.promotions = {promotion("street", "lease")};
  s.profiles = {profile("single", 1.0, 1.0, 0.0)};
  Town t = town("t");
  t.initial = {{"street", 6}};
  Scheduled<int> lease = cap(1);
  for (int m = 2; m <= 6; ++m) lease.changes.push_back({m, m});
  t.capacity = {{"lease", lease}};
  t.entry_stage = "street";
  s.towns = {t};
  return s;
}

Summary fz(const RunResult& r, const std::string& name) {
  const int k = r.metric_index(name);
  REQUIRE(k >= 0);
  return r.find("t", "baseline")->metrics[static_cast<std::size_t>(k)];
}

}  // namespace

TEST_CASE("functional zero: reached in a known month, the rule's months configurable, or never") {
  RunOptions o;
  o.threads = 1;
  // Months 5..7 (3, the default rule) hold: month 5, in every replication.
  RunResult r = run_models({compile(street_to_lease(12, 3, true))}, o);
  CHECK(fz(r, "functional_zero_month").mean == 5);
  CHECK(fz(r, "functional_zero_month").p50 == 5);
  CHECK(fz(r, "functional_zero_month").replications == 3);
  CHECK(fz(r, "functional_zero_reached").mean == 1);
  // 8 months: 5..12 fit in the horizon; 9 do not.
  r = run_models({compile(street_to_lease(12, 8, true))}, o);
  CHECK(fz(r, "functional_zero_month").mean == 5);
  r = run_models({compile(street_to_lease(12, 9, true))}, o);
  CHECK(fz(r, "functional_zero_month").replications == 0);
  CHECK(std::isnan(fz(r, "functional_zero_month").mean));
  CHECK(fz(r, "functional_zero_reached").mean == 0);
  // Nobody is ever housed: six on the street, no placements, probability 0.
  r = run_models({compile(street_to_lease(12, 3, false))}, o);
  CHECK(fz(r, "functional_zero_reached").mean == 0);
  CHECK(fz(r, "functional_zero_month").replications == 0);
}

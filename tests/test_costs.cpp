// SPDX-License-Identifier: Apache-2.0
// Costs by household profile, the price year and discounting (docs/model.md, "Prices and
// discounting"), on cases whose answers can be written down by hand.
#include <catch2/catch.hpp>
#include <cmath>

#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"
#include "scenario_builder.hpp"

using namespace prostup;
using namespace prostup::test;

namespace {

double metric(const CompiledModel& m, const ReplicationOutcome& o, const std::string& cohort,
              const std::string& name) {
  const auto info = metric_catalogue(m);
  const auto x = derive_metrics(m, o);
  for (std::size_t k = 0; k < info.size(); ++k)
    if (info[k].name == name && info[k].cohort == cohort) return x[k];
  FAIL("no metric " << name << " for cohort " << cohort);
  return 0;
}

bool has_metric(const CompiledModel& m, const std::string& name) {
  for (const auto& mi : metric_catalogue(m))
    if (mi.name == name) return true;
  return false;
}

// Households that stay where they start for the whole horizon: everyone complies and pays,
// nobody exits, no promotion. `initial`: households per stage at month 0.
Scenario standing_still(int months, std::map<std::string, int> initial) {
  Scenario s;
  s.name = "still";
  s.simulation.months = months;
  s.stages = {stage("street", StageKind::outside), stage("shelter", StageKind::temporary),
              stage("lease", StageKind::permanent, true)};
  s.stages[1].cost_per_month = 4000;
  s.stages[2].cost_per_month = 1000;
  Service sw;
  sw.id = "social_work";
  sw.label = "social_work";
  sw.eligible_stages = {"shelter"};
  sw.caseload_per_worker = 10;
  sw.cost_per_case_month = 1000;
  s.services = {sw};
  s.profiles = {profile("single", 0.5, 1.0, 0.0), profile("family", 0.5, 1.0, 0.0)};
  s.profiles[1].household_size = 3;
  s.profiles[1].children = 2;
  Town t = town("t");
  t.initial = std::move(initial);
  t.capacity = {{"shelter", cap(10)}, {"lease", cap(10)}};
  t.staffing = {{"social_work", 1}};
  t.entry_stage = "street";
  s.towns = {t};
  return s;
}

}  // namespace

TEST_CASE("a family's place costs its profile's figure: totals by stage, service and profile") {
  // Four households in the shelter for 24 months, two of each profile (the shares split the
  // initial population exactly), all engaged by social work from month 1. A family's shelter
  // place costs twice a single adult's, its case-month 1.5 times.
  Scenario s = standing_still(24, {{"shelter", 4}});
  s.stages[1].profile_cost_factors = {{"family", 2}};
  s.services[0].profile_cost_factors = {{"family", 1.5}};
  const CompiledModel m = compile(s);
  const ReplicationOutcome o = simulate(m, 0, 0);
  // Shelter: 2 x 24 x 4000 (single) + 2 x 24 x 8000 (family); social work: 2 x 24 x 1000 +
  // 2 x 24 x 1500.
  CHECK(metric(m, o, "all", "cost:shelter") == 192000 + 384000);
  CHECK(metric(m, o, "all", "cost:social_work") == 48000 + 72000);
  CHECK(metric(m, o, "all", "cost_total") == 696000);
  CHECK(metric(m, o, "initial", "cost_total") == 696000);  // from the households' own tallies
  CHECK(metric(m, o, "all", "cost_per_household") == 696000 / 4);
  const double single = (192000 + 48000) / 2, family = (384000 + 72000) / 2;
  CHECK(metric(m, profile_outcome(o, 0), "all", "cost_per_household") == single);
  CHECK(metric(m, profile_outcome(o, 1), "all", "cost_per_household") == family);

  // A town's override is the figure the factors multiply.
  s.towns[0].stage_costs = {{"shelter", 5000}};
  const CompiledModel mt = compile(s);
  const ReplicationOutcome ot = simulate(mt, 0, 0);
  CHECK(metric(mt, ot, "all", "cost:shelter") == 2 * 24 * 5000 + 2 * 24 * 10000);

  // Without factors (or with factors of 1) every profile pays the stage's figure.
  Scenario plain = standing_still(24, {{"shelter", 4}});
  plain.stages[1].profile_cost_factors = {{"family", 1}};
  const CompiledModel mp = compile(plain);
  CHECK(metric(mp, simulate(mp, 0, 0), "all", "cost_total") == 4 * 24 * 5000);
}

TEST_CASE("discounting: one household for 24 months gives the closed-form present value") {
  // One household housed in the lease from month 0 for 24 months at 1000 CZK a month, r = 3 %:
  // month t weighs a^t with a = 1.03^(-1/12), so the cost is 1000 a (1 - a^24) / (1 - a), the
  // months housed a (1 - a^24) / (1 - a), and its stabilisation (12 months, reached in month
  // 12) weighs a^12.
  Scenario s = standing_still(24, {{"lease", 1}});
  s.profiles = {profile("single", 1.0, 1.0, 0.0)};
  s.simulation.stabilized_months = 12;
  s.simulation.discount_rate = 0.03;
  const CompiledModel m = compile(s);
  const ReplicationOutcome o = simulate(m, 0, 0);
  const double a = std::pow(1.03, -1.0 / 12);
  const double annuity = a * (1 - std::pow(a, 24)) / (1 - a);
  CHECK(metric(m, o, "all", "cost_total") == 24000);  // undiscounted, unchanged
  CHECK(metric(m, o, "all", "cost_total_discounted") == Approx(1000 * annuity).epsilon(1e-13));
  CHECK(metric(m, o, "initial", "cost_total_discounted") == Approx(1000 * annuity).epsilon(1e-13));
  CHECK(metric(m, o, "all", "months_housed") == 24);
  CHECK(metric(m, o, "all", "months_housed_discounted") == Approx(annuity).epsilon(1e-13));
  CHECK(metric(m, o, "all", "cohort_stabilized_discounted") ==
        Approx(std::pow(1.03, -1.0)).epsilon(1e-13));
  // Two years at 3 %: a little under 24 x 1000 x (1 - 3 %).
  CHECK(metric(m, o, "all", "cost_total_discounted") > 22600);
  CHECK(metric(m, o, "all", "cost_total_discounted") < 23400);
}

TEST_CASE("a discount rate leaves every undiscounted metric bit for bit; rate 0 adds nothing") {
  Scenario s = four_rung_ladder();
  s.stages[1].cost_per_month = 9000;
  s.stages[3].cost_per_month = 3000;
  const CompiledModel m0 = compile(s);
  CHECK_FALSE(has_metric(m0, "cost_total_discounted"));
  CHECK_FALSE(has_metric(m0, "months_housed_discounted"));
  s.simulation.discount_rate = 0.035;
  s.simulation.price_year = 2024;
  const CompiledModel m = compile(s);
  CHECK(m.price_year == 2024);
  CHECK(has_metric(m, "cost_total_discounted"));
  const ReplicationOutcome o0 = simulate(m0, 0, 1), o = simulate(m, 0, 1);
  const auto info0 = metric_catalogue(m0), info = metric_catalogue(m);
  const auto x0 = derive_metrics(m0, o0), x = derive_metrics(m, o);
  std::size_t matched = 0;
  for (std::size_t k = 0; k < info0.size(); ++k)
    for (std::size_t j = 0; j < info.size(); ++j)
      if (info[j].name == info0[k].name && info[j].cohort == info0[k].cohort) {
        INFO(info0[k].name << " " << info0[k].cohort);
        CHECK((x[j] == x0[k] || (std::isnan(x[j]) && std::isnan(x0[k]))));
        ++matched;
      }
  CHECK(matched == info0.size());
  // The discounted total sits below the undiscounted one, and the households' own tallies
  // add up to the town's.
  CHECK(metric(m, o, "all", "cost_total_discounted") < metric(m, o, "all", "cost_total"));
  CHECK(metric(m, o, "all", "cost_total_discounted") ==
        Approx(o.cohort(0, kCohortCostDiscounted)).epsilon(1e-12));
}

TEST_CASE("price year, discount rate and profile cost factors in JSON: round trip, pointers") {
  Scenario s = standing_still(24, {{"shelter", 4}});
  s.stages[1].profile_cost_factors = {{"family", 2}};
  s.services[0].profile_cost_factors = {{"family", 1.5}};
  s.simulation.price_year = 2024;
  s.simulation.discount_rate = 0.03;
  s.simulation.willingness_to_pay = {250000, 1e6};
  s.promotions = {promotion("street", "shelter"), promotion("shelter", "lease")};  // no traps
  const auto doc = to_json(s);
  CHECK(doc["simulation"]["price_year"] == 2024);
  CHECK(doc["simulation"]["discount_rate"] == 0.03);
  CHECK(doc["simulation"]["willingness_to_pay"] == nlohmann::ordered_json({250000.0, 1e6}));
  CHECK(doc["stages"]["shelter"]["profile_cost_factors"]["family"] == 2);
  const LoadResult r = load_scenario_json(doc);
  std::string diagnostics;
  for (const auto& d : r.diagnostics) diagnostics += d.pointer + ": " + d.message + "\n";
  INFO(diagnostics);
  REQUIRE(r.ok());
  CHECK(r.scenario->simulation.price_year == 2024);
  CHECK(r.scenario->simulation.discount_rate == 0.03);
  CHECK(r.scenario->simulation.willingness_to_pay == std::vector<double>{250000, 1e6});
  CHECK(r.scenario->services[0].profile_cost_factors.at("family") == 1.5);
  CHECK(to_json(*r.scenario) == doc);

  // Without them the canonical form has none of the keys (files read back unchanged).
  const auto plain = to_json(standing_still(24, {{"shelter", 4}}));
  CHECK_FALSE(plain["simulation"].contains("discount_rate"));
  CHECK_FALSE(plain["simulation"].contains("price_year"));
  CHECK_FALSE(plain["simulation"].contains("willingness_to_pay"));
  CHECK_FALSE(plain["stages"]["shelter"].contains("profile_cost_factors"));

  auto bad = doc;
  bad["services"]["social_work"]["profile_cost_factors"] = {{"famliy", 2}};
  bad["stages"]["shelter"]["profile_cost_factors"]["family"] = {
      {"dist", "gamma"}, {"mean", 2}, {"sd", 0.5}};
  bad["simulation"]["willingness_to_pay"] = {100, -5};
  const LoadResult rb = load_scenario_json(bad);
  std::map<std::string, std::string> by_pointer;
  for (const auto& d : rb.diagnostics) by_pointer[d.pointer] += d.message;
  CHECK(by_pointer["/services/social_work/profile_cost_factors/famliy"].find("unknown profile") !=
        std::string::npos);
  CHECK(by_pointer["/stages/shelter/profile_cost_factors/family"].find(
            "may not carry a distribution") != std::string::npos);
  CHECK(by_pointer["/simulation/willingness_to_pay/1"].find("at least 0") != std::string::npos);
}

TEST_CASE("costs to other services: the variant costs the ladder more and saves in total") {
  // Two arms of four households for 24 months, every one staying where it starts. Baseline:
  // in the shelter, 4000 CZK a month to the ladder (payer town) and 3000 to other services
  // (emergency care, health ...); social work 1000 per case-month (payer esf). Variant: in
  // the lease, 6000 a month (payer state) and nothing to other services. By hand, per arm:
  //   baseline: ladder 4 x 24 x (4000 + 1000) = 480,000; other services 4 x 24 x 3000 =
  //             288,000; total 768,000
  //   variant:  ladder 4 x 24 x 6000 = 576,000 (no case work in the lease); other services 0;
  //             total 576,000
  Scenario s = standing_still(24, {{"shelter", 4}});
  s.stages[0].payer = s.stages[1].payer = "town";
  s.stages[1].other_services_cost_per_month = 3000;
  s.stages[2].payer = "state";
  s.stages[2].cost_per_month = 6000;
  s.services[0].payer = "esf";
  const CompiledModel mb = compile(s);
  const ReplicationOutcome ob = simulate(mb, 0, 0);
  CHECK(metric(mb, ob, "all", "cost_ladder") == 4 * 24 * (4000 + 1000));
  CHECK(metric(mb, ob, "all", "cost:other_services") == 4 * 24 * 3000);
  CHECK(metric(mb, ob, "all", "cost_total") == 4 * 24 * (4000 + 1000 + 3000));
  // The households' own tallies carry the second line too.
  CHECK(metric(mb, ob, "initial", "cost_total") == 4 * 24 * 8000);

  s.towns[0].initial = {{"lease", 4}};
  const CompiledModel mv = compile(s);
  const ReplicationOutcome ov = simulate(mv, 0, 0);
  CHECK(metric(mv, ov, "all", "cost_ladder") == 4 * 24 * 6000);
  CHECK(metric(mv, ov, "all", "cost:other_services") == 0);
  CHECK(metric(mv, ov, "all", "cost_total") == 4 * 24 * 6000);

  // The variant costs the ladder 96,000 more and saves 192,000 in total.
  CHECK(metric(mv, ov, "all", "cost_ladder") - metric(mb, ob, "all", "cost_ladder") == 96000);
  CHECK(metric(mv, ov, "all", "cost_total") - metric(mb, ob, "all", "cost_total") == -192000);
  // Payer totals add up to the total, in each arm.
  for (const auto& [m, o] : {std::pair{&mb, &ob}, std::pair{&mv, &ov}}) {
    double payers = 0;
    for (const char* p : {"town", "state", "esf", "other_services"})
      payers += metric(*m, *o, "all", std::string("cost:") + p);
    CHECK(payers == metric(*m, *o, "all", "cost_total"));
    CHECK(!has_metric(*m, "cost:unspecified"));  // every line names its payer
  }
  // Discounted, the second line is weighed month by month like the first.
  s.towns[0].initial = {{"shelter", 4}};
  s.simulation.discount_rate = 0.03;
  const CompiledModel md = compile(s);
  const ReplicationOutcome od = simulate(md, 0, 0);
  const double a = std::pow(1.03, -1.0 / 12), annuity = a * (1 - std::pow(a, 24)) / (1 - a);
  CHECK(metric(md, od, "all", "cost_total_discounted") ==
        Approx(4 * 8000 * annuity).epsilon(1e-12));
  CHECK(metric(md, od, "initial", "cost_total_discounted") ==
        Approx(4 * 8000 * annuity).epsilon(1e-12));
}

// SPDX-License-Identifier: Apache-2.0
// Binding constraints ranked by what one more unit is worth (prostup/marginal.hpp,
// docs/cohort.md "Marginal values"), not by excess demand.
#include <catch2/catch.hpp>

#include "answer.hpp"
#include "prostup/cohort.hpp"
#include "prostup/engine.hpp"
#include "prostup/marginal.hpp"
#include "prostup/model.hpp"
#include "prostup/statistics.hpp"
#include "scenario_builder.hpp"

using namespace prostup;
using namespace prostup::test;

namespace {

// 200 households live in a hostel with no way up, served by counselling that has no effect
// on anything (10 places against 200: the largest excess demand); 30 roofless households
// climb through a training flat of 2 places to a lease (excess demand 28), which binds.
Scenario two_constraints() {
  Scenario s;
  s.name = "two_constraints";
  s.simulation.months = 36;
  s.simulation.stabilized_months = 6;
  s.stages = {stage("street", StageKind::outside), stage("hostel", StageKind::temporary),
              stage("flat", StageKind::supported), stage("lease", StageKind::permanent)};
  s.stages[2].cost_per_month = 10000;
  s.stages[3].cost_per_month = 5000;
  s.promotions = {promotion("street", "flat", 1), promotion("flat", "lease", 2, 3)};
  Service c;
  c.id = "counselling";
  c.label = "counselling";
  c.eligible_stages = {"hostel"};
  c.caseload_per_worker = 10;
  c.cost_per_case_month = 500;
  s.services = {c};
  s.profiles = {profile("single", 1.0, 0.8, 0.01)};
  Town t = town("t");
  t.initial = {{"hostel", 200}, {"street", 30}};
  t.capacity = {{"hostel", cap(250)}, {"flat", cap(2)}, {"lease", cap(100)}};
  t.staffing = {{"counselling", 1}};
  t.entry_stage = "street";
  s.towns = {t};
  return s;
}

}  // namespace

TEST_CASE("the rung that binds ranks above a larger excess demand that changes nothing") {
  const CompiledModel m = compile(two_constraints());
  const CohortResult exact = cohort(m);
  MarginalOptions opt;
  opt.replications = 40;
  const std::vector<MarginalValue> values = marginal_values(m, exact, opt);
  for (const auto& v : values) UNSCOPED_INFO(v.what << " excess " << v.excess);
  REQUIRE(values.size() == 2);
  // The cohort model's order: the caseload's excess first.
  CHECK(values[0].service);
  CHECK(values[0].excess > values[1].excess);
  const MarginalValue& counselling = values[0];
  const MarginalValue& flat = values[1];
  // Counselling changes nothing: every paired difference is exactly 0.
  CHECK(counselling.gain == 0);
  CHECK(counselling.gain_high == 0);
  CHECK_FALSE(counselling.clear_gain());
  CHECK(flat.clear_gain());
  CHECK(flat.cost_horizon == 36 * 10000);
  CHECK(counselling.cost_horizon == 36 * 10 * 500);

  // The answer's ranking names the flat first although the caseload's excess is larger.
  RunInfo info;
  info.towns = {"t"};
  info.town_labels = {"t"};
  info.months = 36;
  info.marginal_values = values;
  info.binding_constraints = {exact.towns[0].binding};
  std::vector<answer::Binding> b = answer::ranked_binding(exact.towns[0].binding);
  REQUIRE(b.size() == 2);
  CHECK(b[0].what == "counselling (caseload)");  // by excess demand
  answer::rank_by_value(b, info, "t");
  CHECK(b[0].what == "flat");
  CHECK(b[0].value == &info.marginal_values[1]);
  CHECK(answer::binding_value(b[0], 36).find("one more place: +") == 0);

  // A paired run with one more place and ten times the replications lands inside the
  // 40-replication interval.
  const CompiledModel more = with_more(m, 0, false, 2, 1);
  std::vector<double> d;
  for (int rep = 0; rep < 400; ++rep)
    d.push_back(simulate(more, 0, rep).cohort(0, kStabilized) -
                simulate(m, 0, rep).cohort(0, kStabilized));
  const Summary s = summarize(d);
  INFO("40 replications: " << flat.gain << " [" << flat.gain_low << ", " << flat.gain_high
                           << "]; 400: " << s.mean);
  CHECK(s.mean > flat.gain_low);
  CHECK(s.mean < flat.gain_high);
  CHECK(s.ci_low > 0);
}

TEST_CASE("the measurement of one more unit never costs more than the run it explains") {
  const CompiledModel m = compile(two_constraints());
  const CohortResult exact = cohort(m);
  MarginalOptions opt;  // 40 paired replications at most
  // Two candidates: the town as it is and each with one more unit, three single-town models.
  opt.run_simulations = 30;  // e.g. 10 replications of 3 models
  CHECK(marginal_replications(opt, 2) == 10);
  const std::vector<MarginalValue> values = marginal_values(m, exact, opt);
  REQUIRE(values.size() == 2);
  for (const MarginalValue& v : values) CHECK(v.replications == 10);
  // A quick look (the bound leaves 4 pairs, under the 5 an interval needs): not measured.
  opt.run_simulations = 14;
  CHECK(marginal_replications(opt, 2) == 0);
  CHECK(marginal_values(m, exact, opt).empty());
  // No bound: the cap.
  opt.run_simulations = 0;
  CHECK(marginal_replications(opt, 2) == 40);
  opt.run_simulations = 1000000;
  CHECK(marginal_replications(opt, 3) == 40);
}

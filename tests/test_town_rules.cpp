// SPDX-License-Identifier: Apache-2.0
// A town's own rules (towns.<id>.rules; docs/model.md, "A town's own rules"): the town runs
// its own ladder, exactly as it would alone; every other town runs the common ladder,
// bit-identical to a run without the rules.
#include <catch2/catch.hpp>
#include <string>

#include "prostup/cohort.hpp"
#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/scenario_json.hpp"
#include "scenario_builder.hpp"

using namespace prostup;
using namespace prostup::test;

namespace {

// The engine tests' ladder run by two towns: jirkov and a copy of it named most.
Scenario two_towns() {
  Scenario s = four_rung_ladder();
  s.simulation.months = 36;
  Town most = s.towns.front();
  most.id = "most";
  most.label = "most";
  s.towns.push_back(most);
  return s;
}

// Jirkov's own rules: hostel -> flat after 1 good month (the common edge wants 3 months and a
// streak of 3), no maximum stay in the flat, and debt counselling on the street too.
Scenario with_jirkov_rules() {
  Scenario s = two_towns();
  TownRules& r = s.towns.front().rules;
  r.promotions["hostel_to_flat"].min_streak = 1;
  r.promotions["hostel_to_flat"].min_months_in_stage = 0;
  r.stages["flat"].max_stay_months = 0;
  r.services["debt_counselling"].eligible_stages =
      std::vector<std::string>{"street", "hostel", "flat"};
  return s;
}

// Every counter of two outcomes, exactly.
void require_identical(const ReplicationOutcome& a, const ReplicationOutcome& b) {
  CHECK(a.households_seen == b.households_seen);
  CHECK(a.reached_lease == b.reached_lease);
  CHECK(a.stabilized == b.stabilized);
  CHECK(a.evictions == b.evictions);
  CHECK(a.expiries == b.expiries);
  CHECK(a.exits == b.exits);
  CHECK(a.arrivals == b.arrivals);
  CHECK(a.placements == b.placements);
  CHECK(a.roofless_household_months == b.roofless_household_months);
  CHECK(a.promotions_to == b.promotions_to);
  CHECK(a.occupancy == b.occupancy);
  CHECK(a.waiting == b.waiting);
  CHECK(a.in_service == b.in_service);
  CHECK(a.stage_cost == b.stage_cost);
  CHECK(a.service_cost == b.service_cost);
  CHECK(a.promotion_flow == b.promotion_flow);
  CHECK(a.expiry_flow == b.expiry_flow);
  CHECK(a.lease_at == b.lease_at);
  CHECK(a.cohorts == b.cohorts);
  CHECK(a.profile_cohort == b.profile_cohort);
}

}  // namespace

TEST_CASE("a town's rules change its promotions and leave the other town's run bit-identical") {
  const CompiledModel common = compile(two_towns());
  const CompiledModel own = compile(with_jirkov_rules());
  REQUIRE(own.has_own_rules(0));
  REQUIRE_FALSE(own.has_own_rules(1));
  REQUIRE_FALSE(common.has_own_rules(0));
  // The common ladder is the same in both models; jirkov's own says what its rules say.
  const int hostel_to_flat = 1;
  CHECK(own.promotions[hostel_to_flat].min_streak == 3);
  CHECK(own.rules_of(0).promotions[hostel_to_flat].min_streak == 1);
  CHECK(own.rules_of(0).stages[2].max_stay_months == 0);
  CHECK(own.rules_of(0).services[0].eligible_stage_mask == 0b0111u);
  CHECK(&own.rules_of(1) == &own);

  // Only the edge's rule: more of jirkov's hostel households meet the criteria, so more wait
  // for a flat at any time (capacity, not the criteria, then decides who moves).
  Scenario edge_only = two_towns();
  edge_only.towns.front().rules.promotions["hostel_to_flat"].min_streak = 1;
  edge_only.towns.front().rules.promotions["hostel_to_flat"].min_months_in_stage = 0;
  const CompiledModel edge = compile(edge_only);
  auto waiting_for_flat = [](const ReplicationOutcome& o) {
    double sum = 0;
    for (int t = 0; t <= o.months; ++t)
      sum += o.waiting[2 * static_cast<std::size_t>(o.months + 1) + t];
    return sum;
  };
  double waiting_common = 0, waiting_edge = 0, expired_common = 0, expired_own = 0;
  for (int rep = 0; rep < 4; ++rep) {
    INFO("replication " << rep);
    // most: bit-identical with and without jirkov's rules.
    require_identical(simulate(own, 1, rep), simulate(common, 1, rep));
    require_identical(simulate(edge, 1, rep), simulate(common, 1, rep));
    const ReplicationOutcome j_common = simulate(common, 0, rep);
    waiting_common += waiting_for_flat(j_common);
    waiting_edge += waiting_for_flat(simulate(edge, 0, rep));
    expired_common += j_common.expiries;
    expired_own += simulate(own, 0, rep).expiries;
  }
  CHECK(waiting_edge > waiting_common);
  // No maximum stay in jirkov's flats: no expiries from them (the only stage with one).
  CHECK(expired_common > 0);
  CHECK(expired_own == 0);
}

TEST_CASE("a town with its own rules runs as it would alone on them") {
  const Scenario s = with_jirkov_rules();
  const CompiledModel both = compile(s);
  const Scenario alone_scenario = town_ladder(s, 0);
  REQUIRE(alone_scenario.towns.size() == 1);
  REQUIRE(alone_scenario.towns.front().rules.empty());
  CHECK(alone_scenario.promotions[1].min_streak == 1);
  CHECK_FALSE(alone_scenario.stages[2].max_stay_months.has_value());
  CHECK(alone_scenario.stages[2].on_expiry.empty());
  const CompiledModel alone = compile(alone_scenario);
  for (int rep = 0; rep < 3; ++rep) {
    INFO("replication " << rep);
    const ReplicationOutcome a = simulate(both, 0, rep), b = simulate(alone, 0, rep);
    require_identical(a, b);
  }
}

TEST_CASE("the flow layout has the moves of every town's ladder") {
  Scenario s = two_towns();
  // most's flats expire to the street only (the common list: hostel, then street).
  s.towns[1].rules.stages["flat"].on_expiry = std::vector<std::string>{"street"};
  const CompiledModel m = compile(s);
  const FlowLayout f = flow_layout(m);
  CHECK(f.move(0, 2, 2, 1) >= 0);  // flat -> hostel (the common ladder)
  CHECK(f.move(0, 2, 2, 0) >= 0);  // flat -> street (both lists)
  // Both towns run, and add up.
  ReplicationOutcome sum = simulate(m, 0, 0);
  sum.add(simulate(m, 1, 0));
  CHECK(sum.flows_by_year.size() == f.block() * 3);
}

TEST_CASE("the cohort model gives a town with rules its own chain and the others theirs") {
  const CohortResult common = cohort(compile(two_towns()));
  const CohortResult own = cohort(compile(with_jirkov_rules()));
  REQUIRE(own.towns.size() == 2);
  CHECK(own.towns[1].occupancy == common.towns[1].occupancy);
  CHECK(own.towns[1].reached_lease == common.towns[1].reached_lease);
  CHECK(own.towns[0].reached_lease.back() > common.towns[0].reached_lease.back());
}

TEST_CASE("town rules read from JSON, write back and are described") {
  const Scenario s = with_jirkov_rules();
  const ojson doc = to_json(s);
  const ojson& rules = doc["towns"]["jirkov"]["rules"];
  CHECK(rules["promotions"]["hostel_to_flat"]["min_streak"] == 1);
  CHECK(rules["stages"]["flat"]["max_stay_months"] == 0);
  CHECK_FALSE(doc["towns"]["most"].contains("rules"));
  const LoadResult r = load_scenario_json(doc);
  REQUIRE(r.ok());
  const TownRules& back = r.scenario->towns.front().rules;
  CHECK(back.promotions.at("hostel_to_flat").min_streak == 1);
  CHECK(back.promotions.at("hostel_to_flat").min_months_in_stage == 0);
  CHECK_FALSE(back.promotions.at("hostel_to_flat").max_arrears.has_value());
  CHECK(back.stages.at("flat").max_stay_months == 0);
  CHECK(back.services.at("debt_counselling").eligible_stages->size() == 3);
  CHECK(r.scenario->towns[1].rules.empty());
  // Empty entries are no rules: a town whose rules change nothing runs the common ladder.
  ojson empty = doc;
  empty["towns"]["jirkov"]["rules"] = {{"stages", {{"flat", ojson::object()}}}};
  const LoadResult e = load_scenario_json(empty);
  REQUIRE(e.ok());
  CHECK(e.scenario->towns.front().rules.empty());
  CHECK_FALSE(compile(*e.scenario).has_own_rules(0));

  const std::string text = describe(*r.scenario, doc);
  CHECK(text.find("its own rules") != std::string::npos);
  CHECK(text.find("[hostel_to_flat]: min_months_in_stage 0, min_streak 1") != std::string::npos);
}

// SPDX-License-Identifier: Apache-2.0
// Small scenarios built in C++ for engine tests: no files, no JSON.
#pragma once

#include <string>

#include "prostup/scenario.hpp"

namespace prostup::test {

inline Stage stage(const std::string& id, StageKind kind, bool pays_rent = false) {
  Stage s;
  s.id = id;
  s.label = id;
  s.kind = kind;
  s.pays_rent = pays_rent;
  return s;
}

inline Profile profile(const std::string& id, double share, double comply, double exit,
                       double pay = 1.0) {
  Profile p;
  p.id = id;
  p.label = id;
  p.share = share;
  p.comply = comply;
  p.exit = exit;
  p.pay_rent_employed = pay;
  p.pay_rent_unemployed = pay;
  return p;
}

inline Promotion promotion(const std::string& from, const std::string& to, int min_streak = 0,
                           int min_months = 0) {
  Promotion p;
  p.id = from + "_to_" + to;
  p.from = from;
  p.to = to;
  p.min_streak = min_streak;
  p.min_months_in_stage = min_months;
  return p;
}

inline Scheduled<int> cap(int n) {
  Scheduled<int> c;
  c.initial = n;
  return c;
}

inline Town town(const std::string& id) {
  Town t;
  t.id = id;
  t.label = id;
  t.arrival_rate.initial = 0;
  return t;
}

// street (outside) -> hostel (temporary) -> flat (supported, rent, 12-month stay)
// -> lease (permanent, rent): two profiles, one service, arrears limits, a capacity rise and
// a cut below occupancy, arrivals with a fallback. The engine tests' common ladder.
inline Scenario four_rung_ladder() {
  Scenario s;
  s.name = "ladder";
  s.simulation.months = 48;
  s.simulation.replications = 8;
  s.simulation.seed = 7;
  s.stages = {stage("street", StageKind::outside), stage("hostel", StageKind::temporary),
              stage("flat", StageKind::supported, true),
              stage("lease", StageKind::permanent, true)};
  s.stages[2].max_stay_months = 12;
  s.stages[2].on_expiry = {"hostel", "street"};
  s.stages[2].arrears_limit = 2;
  s.stages[2].on_arrears = {"hostel", "street"};
  s.stages[3].arrears_limit = 3;
  s.stages[3].on_arrears = {"flat", "street"};
  s.stages[2].multipliers.factor[static_cast<int>(Prob::job_gain)] = 1.5;
  s.promotions = {promotion("street", "hostel", 2, 1), promotion("hostel", "flat", 3, 3),
                  promotion("flat", "lease", 6, 6)};
  Profile a = profile("a", 0.6, 0.9, 0.01, 0.9);
  a.job_gain = 0.05;
  a.job_loss = 0.03;
  a.pay_rent_employed = 0.97;
  a.pay_rent_unemployed = 0.85;
  Profile b = profile("b", 0.4, 0.7, 0.02, 0.8);
  b.job_gain = 0.02;
  b.job_loss = 0.08;
  b.children = 2;
  b.household_size = 4;
  s.profiles = {a, b};
  Service debt;
  debt.id = "debt_counselling";
  debt.label = "Dluhové poradenství";
  debt.eligible_stages = {"hostel", "flat"};
  debt.caseload_per_worker = 10;
  debt.engagement_months = 6;
  debt.effects.factor[static_cast<int>(Prob::pay_rent)] = 1.1;
  debt.cost_per_case_month = 1500;
  s.services = {debt};
  Town t = town("jirkov");
  t.initial = {{"street", 60}, {"hostel", 25}, {"flat", 5}};
  t.capacity = {{"hostel", cap(30)}, {"flat", cap(10)}, {"lease", cap(15)}};
  t.capacity["flat"].changes = {{24, 20}};
  t.capacity["hostel"].changes = {{30, 10}};  // a cut below occupancy
  t.arrival_rate.initial = 3;
  t.entry_stage = "hostel";
  t.entry_fallbacks = {"street"};
  t.staffing = {{"debt_counselling", 1.0}};
  s.towns = {t};
  return s;
}

// street --(good month)--> hostel --(good month)--> lease, unlimited units, one profile that
// complies with probability c1 on the street and c2 in the hostel and exits with x: a chain
// whose answers can be written down by hand (2,000 households on the street at month 0).
inline Scenario two_step_chain(double c1, double c2, double x, int months) {
  Scenario s;
  s.name = "chain";
  s.simulation.months = months;
  s.stages = {stage("street", StageKind::outside), stage("hostel", StageKind::temporary),
              stage("lease", StageKind::permanent)};
  s.stages[1].multipliers.factor[static_cast<int>(Prob::comply)] = c2 / c1;
  s.promotions = {promotion("street", "hostel", 1), promotion("hostel", "lease", 1)};
  s.profiles = {profile("only", 1.0, c1, x)};
  Town t = town("t");
  t.initial = {{"street", 2000}};
  t.capacity = {{"hostel", cap(1 << 30)}, {"lease", cap(1 << 30)}};
  t.entry_stage = "street";
  s.towns = {t};
  return s;
}

}  // namespace prostup::test

// SPDX-License-Identifier: Apache-2.0
// The exact cohort model: against hand-solved chains, caps, and the Monte Carlo.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "prostup/cohort.hpp"
#include "prostup/engine.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"
#include "scenario_builder.hpp"
#include "test_files.hpp"

using namespace prostup;
using namespace prostup::test;

namespace {}  // namespace

TEST_CASE("cohort: a two-step chain matches the hand-solved answer", "[cohort]") {
  const double c1 = 0.3, c2 = 0.2, x = 0.02;
  CohortResult r = cohort(compile(two_step_chain(c1, c2, x, 400)));
  REQUIRE(r.towns.size() == 1);
  const double pa = c1 * (1 - x) + x, pb = c2 * (1 - x) + x;
  const double p_exact = (c1 * (1 - x) / pa) * (c2 * (1 - x) / pb);
  const double t_exact = 1 / pa + 1 / pb;
  REQUIRE(!r.towns[0].entries.empty());
  const auto& e = r.towns[0].entries[0];
  CHECK(e.stage == "street");
  CHECK(e.p_reach_lease == Approx(p_exact).epsilon(1e-9));
  CHECK(e.expected_months_to_lease == Approx(t_exact).epsilon(1e-9));
  // By month 400 everyone has been absorbed: expected reached = 2000 * P(lease).
  CHECK(r.towns[0].reached_lease.back() == Approx(2000 * p_exact).epsilon(1e-9));
  // Month 1: a street household moves up with c1 (1 - x).
  CHECK(r.towns[0].occupancy[1][1] == Approx(2000 * c1 * (1 - x)).epsilon(1e-12));
}

namespace {

// Jirkov's ladder with every capacity and caseload raised so that nothing binds, and a
// closed population (no arrivals) so the share's denominator is fixed.
Scenario unbounded(const Scenario& base) {
  Scenario s = base;
  for (auto& t : s.towns) {
    for (auto& [id, c] : t.capacity) {
      c.initial = 1 << 28;
      c.changes.clear();
    }
    for (auto& [id, w] : t.staffing) w = w > 0 ? 1e5 : 0;
  }
  return s;
}

// Checks the Monte Carlo against the cohort values: mean occupancy per stage and month
// and the share reaching a lease, each against its 99.9 % t-interval over `reps`
// replications. Returns the number of checks outside their interval.
int count_misses(const CompiledModel& mc_model, const CompiledModel& exact_model, int reps,
                 int& checks, bool closed = true) {
  CohortResult r = cohort(exact_model);
  const int S = exact_model.n_stages(), M = exact_model.months;
  const std::size_t M1 = M + 1;
  std::vector<std::vector<double>> occ(S * M1);
  std::vector<double> share;
  for (int rep = 0; rep < reps; ++rep) {
    ReplicationOutcome o = simulate(mc_model, 0, rep);
    for (int s = 0; s < S; ++s)
      for (std::size_t t = 0; t < M1; ++t) occ[s * M1 + t].push_back(o.occupancy[s * M1 + t]);
    share.push_back(o.reached_lease / (o.households_seen - o.housed_at_start));
  }
  const double t999 = 3.35;  // two-sided 99.9 % Student t quantile for ~200 dof
  int misses = 0;
  checks = 0;
  auto check = [&](const std::vector<double>& v, double exact, const std::string& what) {
    Summary s = summarize(v);
    ++checks;
    if (s.sd == 0) {
      // Every replication saw the same count (typically 0 of a rare state): the t-interval
      // is empty, so ask instead whether seeing no event in any replication is plausible
      // (Poisson: P = exp(-reps x expected) >= 0.001).
      if (std::exp(-static_cast<double>(v.size()) * std::abs(exact - s.mean)) < 0.001) {
        ++misses;
        UNSCOPED_INFO(what << ": MC constant " << s.mean << ", exact " << exact);
      }
      return;
    }
    const double half = t999 * s.sd / std::sqrt(static_cast<double>(v.size()));
    if (std::abs(s.mean - exact) > half + 1e-9) {
      ++misses;
      UNSCOPED_INFO(what << ": MC " << s.mean << " exact " << exact << " half-width " << half);
    }
  };
  for (int s = 0; s < S; ++s)
    for (std::size_t t = 1; t < M1; t += 3)
      check(occ[s * M1 + t], r.towns[0].occupancy[s][t],
            exact_model.stages[s].id + " month " + std::to_string(t));
  // With arrivals the share's denominator is random, so only a closed population checks it.
  if (closed)
    check(share, r.towns[0].reached_lease[M] / r.towns[0].in_need_initial, "reached_lease_share");
  return misses;
}

Scenario jirkov_like() {
  Scenario s;
  s.name = "jirkov_like";
  s.simulation.months = 36;
  s.stages = {stage("street", StageKind::outside), stage("shelter", StageKind::temporary),
              stage("hostel", StageKind::temporary, true),
              stage("flat", StageKind::supported, true),
              stage("lease", StageKind::permanent, true)};
  s.stages[2].arrears_limit = 3;
  s.stages[2].on_arrears = {"shelter", "street"};
  s.stages[3].arrears_limit = 3;
  s.stages[3].on_arrears = {"hostel", "street"};
  s.stages[3].max_stay_months = 12;
  s.stages[3].on_expiry = {"hostel", "street"};
  s.stages[3].multipliers.factor[static_cast<int>(Prob::job_gain)] = 1.5;
  s.stages[4].arrears_limit = 3;
  s.stages[4].on_arrears = {"hostel", "street"};
  s.promotions = {promotion("street", "shelter", 1), promotion("shelter", "hostel", 2, 1),
                  promotion("hostel", "flat", 3, 3), promotion("flat", "lease", 6, 6)};
  s.promotions[2].max_arrears = 0;
  s.promotions[2].service_required = "counselling";
  Profile a = profile("family", 0.4, 0.92, 0.03, 0.9);
  a.job_gain = 0.04;
  a.job_loss = 0.05;
  a.pay_rent_employed = 0.97;
  a.children = 2;
  a.household_size = 4;
  a.employed_at_entry = 0.2;
  Profile b = profile("single", 0.6, 0.8, 0.01, 0.8);
  b.job_gain = 0.02;
  b.job_loss = 0.08;
  b.pay_rent_employed = 0.93;
  s.profiles = {a, b};
  Service c;
  c.id = "counselling";
  c.label = "Sociální poradna";
  c.eligible_stages = {"hostel", "flat"};
  c.caseload_per_worker = 30;
  c.engagement_months = 6;
  c.effects.factor[static_cast<int>(Prob::pay_rent)] = 1.04;
  c.arrears_repayment = 1;
  s.services = {c};
  Town t = town("jirkov");
  t.initial = {{"street", 400}, {"shelter", 200}, {"hostel", 300}, {"flat", 60}, {"lease", 40}};
  t.capacity = {{"shelter", cap(10)}, {"hostel", cap(40)}, {"flat", cap(8)}, {"lease", cap(30)}};
  t.entry_stage = "street";
  t.staffing = {{"counselling", 1}};
  s.towns = {t};
  return s;
}

}  // namespace

TEST_CASE("cohort: the Monte Carlo agrees with the exact chain where nothing binds",
          "[cohort][statistical]") {
  // 5 stages x 12 months + 1 share = 61 checks at 99.9 %: about 0.06 false alarms
  // expected; allowing one miss keeps the chance of a false failure below 0.2 %.
  const CompiledModel m = compile(unbounded(jirkov_like()));
  int checks = 0;
  const int misses = count_misses(m, m, 200, checks);
  INFO(checks << " checks at 99.9 %: expected false alarms " << checks * 0.001);
  CHECK(checks == 61);
  CHECK(misses <= 1);
}

TEST_CASE("cohort: a deliberately wrong engine fails the validation", "[cohort][statistical]") {
  // The Monte Carlo runs a model whose training-flat multiplier is applied twice
  // (job gain x1.5 x1.5); the exact chain uses the right one. The checks must notice.
  const CompiledModel right = compile(unbounded(jirkov_like()));
  Scenario wrong_s = unbounded(jirkov_like());
  wrong_s.stages[3].multipliers.factor[static_cast<int>(Prob::job_gain)] = 1.5 * 1.5;
  wrong_s.stages[3].multipliers.factor[static_cast<int>(Prob::pay_rent)] = 1.04 * 1.04;
  const CompiledModel wrong = compile(wrong_s);
  int checks = 0;
  const int misses = count_misses(wrong, right, 200, checks);
  CHECK(misses > 1);
}

TEST_CASE("cohort: the reduced chain equals an uncapped one", "[cohort]") {
  const CompiledModel m = compile(jirkov_like());
  CohortResult reduced = cohort(m);
  CohortCaps big;
  big.months_in_stage = 40;
  big.streak = 40;
  big.arrears = 3;  // arrears never exceed the largest limit (3): eviction resets them
  CohortResult full = cohort(m, big);
  CHECK(reduced.states_per_profile < full.states_per_profile);
  for (int s = 0; s < m.n_stages(); ++s)
    for (int t = 0; t <= m.months; ++t)
      CHECK(reduced.towns[0].occupancy[s][t] ==
            Approx(full.towns[0].occupancy[s][t]).epsilon(1e-10).margin(1e-9));
}

TEST_CASE("cohort: expected months to a lease agree with the Monte Carlo",
          "[cohort][statistical]") {
  // A minimum stay on the second rung: no closed form, so the 99.9 % t-interval of the
  // Monte Carlo's mean months (initial population, counted from month 0) must contain the
  // exact E[T | lease].
  Scenario s = two_step_chain(0.5, 0.4, 0.02, 300);
  s.promotions[1].min_months_in_stage = 3;
  s.promotions[1].min_streak = 2;
  const CompiledModel m = compile(s);
  CohortResult r = cohort(m);
  std::vector<double> months;
  for (int rep = 0; rep < 40; ++rep) {
    ReplicationOutcome o = simulate(m, 0, rep);
    double sum = 0;
    for (std::size_t d = 0; d < o.lease_at.size(); ++d) sum += d * o.lease_at[d];
    months.push_back(sum / o.reached_lease);
  }
  Summary mc = summarize(months);
  const double half = 3.56 * mc.sd / std::sqrt(40.0);  // t(39), 99.9 %
  const double exact = r.towns[0].entries[0].expected_months_to_lease;
  INFO("MC " << mc.mean << " exact " << exact << " half-width " << half);
  CHECK(std::abs(mc.mean - exact) <= half);
}

TEST_CASE("cohort: the shipped Jirkov scenario with capacities raised agrees with the Monte Carlo",
          "[cohort][statistical]") {
  // scenarios/jirkov.json (arrivals, four services, a required service, a 12-month training
  // flat) with every capacity and caseload raised: 5 stages x 20 months = 100 occupancy
  // checks at 99.9 % (0.1 false alarms expected); at most one miss is allowed.
  const CompiledModel m = compile(unbounded(prostup::test::load_scenario("scenarios/jirkov.json")));
  int checks = 0;
  const int misses = count_misses(m, m, 200, checks, false);
  INFO(checks << " checks at 99.9 %: expected false alarms " << checks * 0.001);
  CHECK(checks == 100);
  CHECK(misses <= 1);
}
namespace {

// A completed engagement opens a promotion from a stage the service does not serve: the
// hostel (2-month limit) engages everyone with "work" (3 months), which completes in the
// month after the expiry back to the street; from there a lease needs "work" done.
Scenario completion_matters() {
  Scenario s;
  s.name = "completion";
  s.simulation.months = 30;
  s.stages = {stage("street", StageKind::outside), stage("hostel", StageKind::temporary),
              stage("lease", StageKind::permanent)};
  s.stages[1].max_stay_months = 2;
  s.stages[1].on_expiry = {"street"};
  s.promotions = {promotion("street", "lease", 1), promotion("street", "hostel", 1)};
  s.promotions[0].service_required = "work";
  s.profiles = {profile("only", 1.0, 0.6, 0.02)};
  Service w;
  w.id = "work";
  w.label = "Work";
  w.eligible_stages = {"hostel"};
  w.caseload_per_worker = 30;
  w.engagement_months = 3;
  s.services = {w};
  Town t = town("t");
  t.initial = {{"street", 800}};
  t.capacity = {{"hostel", cap(1 << 28)}, {"lease", cap(1 << 28)}};
  t.entry_stage = "street";
  t.staffing = {{"work", 1e5}};
  s.towns = {t};
  return s;
}

}  // namespace

TEST_CASE("cohort: completed engagements count for service_required as in the engine",
          "[cohort][statistical]") {
  // 3 stages x 10 months + 1 share = 31 checks at 99.9 %: 0.031 false alarms expected;
  // one miss is allowed (P(>= 2 false alarms) < 5e-4).
  const CompiledModel m = compile(completion_matters());
  const CohortResult r = cohort(m);
  // Every lease comes through a completed engagement: without tracking it there are none.
  CHECK(r.towns[0].reached_lease.back() > 100);
  int checks = 0;
  const int misses = count_misses(m, m, 200, checks);
  std::printf("completion: %d checks at 99.9 %%: expected false alarms %.3f, misses %d\n", checks,
              checks * 0.001, misses);
  CHECK(checks == 31);
  CHECK(misses <= 1);
}

TEST_CASE("cohort: binding constraints name stages and caseloads over capacity", "[cohort]") {
  const CompiledModel m = compile(jirkov_like());
  const CohortResult r = cohort(m);
  const std::vector<std::string> lines = binding_constraints(m, r, 0);
  // 60 households start in 8 training flats; 30 counselling slots serve hostel + flat.
  bool flat = false, counselling = false;
  for (const auto& l : lines) {
    INFO(l);
    CHECK(l.rfind("jirkov: ", 0) == 0);
    if (l.find(m.stages[3].label.in("") + ": demand ") != std::string::npos) {
      flat = true;
      CHECK(l.find("capacity 8 from month 1") != std::string::npos);
    }
    if (l.find("Sociální poradna (caseload): demand ") != std::string::npos) counselling = true;
  }
  CHECK(flat);
  CHECK(counselling);
  // Nothing binds once every capacity and caseload is raised.
  const CompiledModel free_m = compile(unbounded(jirkov_like()));
  CHECK(binding_constraints(free_m, cohort(free_m), 0).empty());
}

TEST_CASE("cohort: each month keeps all mass but the exits", "[cohort]") {
  // Every column of a profile's transition matrix sums to 1 with the exit state, to
  // 1 - p_exit without it. Jirkov-like has no exit multipliers, so the expected population
  // is 400 families x 0.97^t + 600 singles x 0.99^t (closed, no arrivals).
  const CompiledModel m = compile(jirkov_like());
  const CohortResult r = cohort(m);
  for (int t = 0; t <= m.months; ++t) {
    double total = 0;
    for (int s = 0; s < m.n_stages(); ++s) total += r.towns[0].occupancy[s][t];
    CHECK(total == Approx(400 * std::pow(0.97, t) + 600 * std::pow(0.99, t)).epsilon(1e-12));
  }
}

TEST_CASE("cohort: the printed summary gives each profile's chance and months from its entry",
          "[cohort]") {
  // The hand-solved two-step chain for "only"; "family" has its own entry list straight into
  // the lease (entry_by_profile), so it is housed on entry.
  const double c1 = 0.3, c2 = 0.2, x = 0.02;
  Scenario s = two_step_chain(c1, c2, x, 400);
  s.profiles[0].share = 0.5;
  Profile family = s.profiles[0];
  family.id = "family";
  family.label = "Rodina";
  s.profiles.push_back(family);
  s.towns[0].entry_by_profile["family"] = EntryRoute{"lease", {"street"}};
  const CompiledModel m = compile(s);
  const CohortResult r = cohort(m);
  const double pa = c1 * (1 - x) + x, pb = c2 * (1 - x) + x;
  const double p_exact = (c1 * (1 - x) / pa) * (c2 * (1 - x) / pb);
  const double t_exact = 1 / pa + 1 / pb;
  char expected[160];
  std::snprintf(expected, sizeof expected,
                "only, entering street: %.1f %% reach a lease, in %.1f months on average if "
                "they do",
                100 * p_exact, t_exact);
  const std::vector<std::string> lines = profile_summary(m, r, 0);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == expected);
  CHECK(lines[1] ==
        "Rodina, entering lease: housed on entry (100 % reach a lease, after 0 months)");
}

// SPDX-License-Identifier: Apache-2.0
// Engine tests on scenarios built in C++ (no files): invariants, exact answers, policies.
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/runner.hpp"
#include "scenario_builder.hpp"

using namespace prostup;
using namespace prostup::test;

namespace {

// Bit-for-bit equality of the doubles (NaN equals NaN), field by field (no padding).
bool bitwise_equal(const Summary& a, const Summary& b) {
  const double xa[] = {a.mean, a.sd, a.ci_low, a.ci_high, a.p05, a.p50, a.p95};
  const double xb[] = {b.mean, b.sd, b.ci_low, b.ci_high, b.p05, b.p50, b.p95};
  return std::memcmp(xa, xb, sizeof xa) == 0 && a.replications == b.replications;
}

struct AuditLog {
  bool conserved = true, within_capacity = true, cut_seen = false;
  std::int64_t prev_hostel = -1;
  int months = 0;
};

void audit(const MonthAudit& a, void* user) {
  auto& log = *static_cast<AuditLog*>(user);
  std::int64_t sum = 0;
  for (auto o : *a.occupancy) sum += o;
  if (sum != a.alive || a.entered_total != a.alive + a.exited_total) log.conserved = false;
  // Placements and entries never exceed capacity; the initial population and a cut may
  // leave a stage above it, but it then never grows while above.
  for (std::size_t s = 0; s < a.occupancy->size(); ++s)
    if ((*a.occupancy)[s] > (*a.capacity)[s] && a.month > 0) {
      if (s == 1 && a.month >= 30) {
        log.cut_seen = true;
        if (log.prev_hostel >= 0 && (*a.occupancy)[s] > log.prev_hostel)
          log.within_capacity = false;
      } else {
        log.within_capacity = false;
      }
    }
  log.prev_hostel = (*a.occupancy)[1];
  ++log.months;
}

}  // namespace

TEST_CASE("conservation and hard capacities hold every month", "[engine]") {
  const CompiledModel m = compile(four_rung_ladder());
  for (int rep = 0; rep < 20; ++rep) {
    AuditLog log;
    SimulateOptions o;
    o.audit = audit;
    o.audit_user = &log;
    ReplicationOutcome out = simulate(m, 0, rep, o);
    INFO("replication " << rep);
    CHECK(log.months == m.months + 1);
    CHECK(log.conserved);
    CHECK(log.within_capacity);
    // initial + arrivals = occupancy at the end + exits
    double occ = 0;
    for (double x : out.occupancy_end) occ += x;
    CHECK(90 + out.arrivals == occ + out.exits);
    CHECK(out.households_seen == 90 + out.arrivals);
  }
}

TEST_CASE("a capacity cut moves no one out", "[engine]") {
  // Nobody can leave the hostel here on their own (no exits, no promotion out of it, rent
  // and compliance never fail), so its occupancy may never fall: a cut below occupancy that
  // forced anyone out, or counted them as evicted, would show here.
  Scenario s = four_rung_ladder();
  for (auto& p : s.profiles) {
    p.exit = 0;
    p.comply = p.pay_rent_employed = p.pay_rent_unemployed = 1.0;
  }
  s.promotions = {promotion("street", "hostel", 2, 1), promotion("flat", "lease", 6, 6)};
  const CompiledModel m = compile(s);
  const std::size_t M1 = m.months + 1, hostel = 1;
  const std::int64_t cut = m.towns[0].capacity[hostel][30];
  REQUIRE(cut < m.towns[0].capacity[hostel][29]);  // the scenario really cuts at month 30
  for (int rep = 0; rep < 4; ++rep) {
    INFO("replication " << rep);
    const ReplicationOutcome out = simulate(m, 0, rep);
    CHECK(out.occupancy[hostel * M1 + 30] > cut);  // occupied above the new capacity
    for (std::size_t t = 1; t < M1; ++t) {
      INFO("month " << t);
      CHECK(out.occupancy[hostel * M1 + t] >= out.occupancy[hostel * M1 + t - 1]);
    }
    CHECK(out.evictions == 0);
    CHECK(out.demotions == 0);
  }
}

TEST_CASE("same arguments give the same outcome; replications differ", "[engine][rng]") {
  const CompiledModel m = compile(four_rung_ladder());
  ReplicationOutcome a = simulate(m, 0, 3), b = simulate(m, 0, 3), c = simulate(m, 0, 4);
  CHECK(a.occupancy == b.occupancy);
  CHECK(a.lease_at == b.lease_at);
  CHECK(a.occupancy != c.occupancy);
}

TEST_CASE("runner results do not depend on the thread count", "[runner][determinism]") {
  Scenario s = four_rung_ladder();
  s.simulation.replications = 37;  // not a multiple of any block size
  std::vector<CompiledModel> models{compile(s)};
  Scenario v = s;
  v.towns[0].capacity["lease"].initial = 25;
  models.push_back(compile(v, "more_leases"));
  RunOptions o1, o2, o8;
  o1.threads = 1;
  o2.threads = 2;
  o8.threads = 8;
  RunResult r1 = run_models(models, o1), r2 = run_models(models, o2), r8 = run_models(models, o8);
  REQUIRE(r1.results.size() == r2.results.size());
  auto same = [](const RunResult& a, const RunResult& b) {
    for (std::size_t i = 0; i < a.results.size(); ++i) {
      const auto &x = a.results[i], &y = b.results[i];
      for (std::size_t k = 0; k < x.metrics.size(); ++k)
        if (!bitwise_equal(x.metrics[k], y.metrics[k])) return false;
      for (std::size_t k = 0; k < x.series.size(); ++k)
        for (std::size_t t = 0; t < x.series[k].by_month.size(); ++t)
          if (std::memcmp(&x.series[k].by_month[t], &y.series[k].by_month[t], sizeof(SeriesPoint)))
            return false;
    }
    for (std::size_t i = 0; i < a.comparisons.size(); ++i)
      if (std::memcmp(&a.comparisons[i].diff_mean, &b.comparisons[i].diff_mean, sizeof(double)))
        return false;
    return true;
  };
  CHECK(same(r1, r2));
  CHECK(same(r1, r8));
}

TEST_CASE("a variant that changes nothing gives zero differences", "[runner][variants]") {
  Scenario s = four_rung_ladder();
  s.simulation.replications = 12;
  std::vector<CompiledModel> models{compile(s), compile(s, "same")};
  RunResult r = run_models(models, {});
  REQUIRE(!r.comparisons.empty());
  for (const auto& c : r.comparisons) {
    INFO(c.town << " " << c.metric);
    if (c.replications == 0) continue;      // undefined in every replication
    if (c.metric.rfind("icer:", 0) == 0) {  // a ratio of two zero differences
      CHECK(c.note == "no difference");
      CHECK(std::isnan(c.diff_mean));
      continue;
    }
    CHECK(c.diff_mean == 0);
    CHECK(c.diff_ci_low == 0);
    CHECK(c.diff_ci_high == 0);
    if (!std::isnan(c.share_better)) CHECK(c.share_better == 0.5);  // ties count half
  }
}

TEST_CASE("the household step's rows come with the compiled model", "[engine][model]") {
  // compile() builds them once (not each replication): thresholds by employment and rent,
  // the stage's limits less one (kNoLimit - 1 where none), the arrears repaid; four rows for
  // each threshold index, by whether an application is pending (no 4d: the months bar out of
  // reach) and whether the household has stabilised (no 4f: the stabilisation bar out of
  // reach).
  Scenario s = four_rung_ladder();
  s.services[0].arrears_repayment = 2;
  const CompiledModel m = compile(s);
  const int S = m.n_stages(), V = m.n_services();
  REQUIRE(m.step_rows.size() == 4 * m.thresholds.size());
  REQUIRE(m.stage_rules.size() == static_cast<std::size_t>(S));
  const std::int32_t none = static_cast<std::int32_t>(kNoLimit) - 1;
  for (int p = 0; p < static_cast<int>(m.profiles.size()); ++p)
    for (int st = 0; st < S; ++st)
      for (unsigned mask = 0; mask < (1u << V); ++mask)
        for (unsigned facts = 0; facts < 4; ++facts) {
          INFO("profile " << p << ", stage " << st << ", services " << mask << ", facts " << facts);
          const std::size_t t = ((static_cast<std::size_t>(p) * S + st) << V) | mask;
          const StepRow& r = m.step_rows[t << kRowFactBits | facts];
          const Thresholds& th = m.threshold(p, st, mask);
          const StageRule& rule = m.stage_rules[st];
          const CompiledStage& stg = m.stages[st];
          CHECK(r.below[0] == th.job_gain);
          CHECK(r.below[1] == th.job_loss);
          CHECK(r.below[2] == (stg.pays_rent ? th.pay_unemployed : th.comply));
          CHECK(r.below[3] == (stg.pays_rent ? th.pay_employed : th.comply));
          CHECK(r.below[4] == th.exit);
          CHECK(r.arrears_m1 == (stg.arrears_limit ? stg.arrears_limit - 1 : none));
          CHECK(r.stay_m1 == (stg.max_stay_months ? stg.max_stay_months - 1 : none));
          CHECK(r.repay == (mask & 1u ? 3 : 1));
          CHECK(r.rent == stg.pays_rent);
          CHECK(r.permanent == (stg.kind == StageKind::permanent));
          CHECK(r.apply_streak_m1 == static_cast<std::int32_t>(rule.apply_streak) - 1);
          CHECK(r.apply_months_m1 ==
                (facts & kRowPending ? none : static_cast<std::int32_t>(rule.apply_months) - 1));
          CHECK(r.stable_m1 == (facts & kRowStabilized ? none : m.months_to_stabilize() - 1));
        }
  // Applying needs the smallest months and streak of the edges from the stage; none from the
  // top. street -> hostel asks for streak 2 after 1 month; hostel -> flat for 3 and 3.
  CHECK(m.step_rows[0].apply_months_m1 == 0);
  CHECK(m.step_rows[0].apply_streak_m1 == 1);
  CHECK(m.stage_rules[1].apply_months == 3);
  CHECK(m.stage_rules[3].apply_months == kNoLimit);
  CHECK(m.stage_rules[3].apply_streak == kNoLimit);
  CHECK(m.promotions_from[0] == std::vector<int>{0});
  // A model assembled without compile() lacks them: the engine says so rather than read
  // past the end of the rows.
  CompiledModel bare = m;
  bare.step_rows.clear();
  CHECK_THROWS_AS(simulate(bare, 0, 0), std::logic_error);
}

TEST_CASE("a set cancel flag stops the engine and the runner", "[engine][runner]") {
  const CompiledModel m = compile(four_rung_ladder());
  std::atomic<bool> stop{true};
  SimulateOptions so;
  so.cancel = &stop;
  // Not one month is simulated (the ladder has 3 arrivals a month for 48 months).
  CHECK(simulate(m, 0, 0, so).arrivals == 0);
  RunOptions ro;
  ro.threads = 1;
  ro.replications = 2;
  ro.cancel = &stop;
  CHECK_THROWS_AS(run_models({m}, ro), RunCancelled);
  stop.store(false);
  CHECK(run_models({m}, ro).results.size() == 2);  // the town and "*"
}

TEST_CASE("capacity-free chain matches analytic absorption and time to lease",
          "[engine][statistical]") {
  // street --(good month)--> hostel --(good month)--> lease, unlimited units.
  // From a stage with compliance c and exit x: promoted with c(1-x), exit x, stay
  // otherwise. P(lease) = prod c_i(1-x)/(c_i(1-x)+x); months to lease given lease =
  // sum of 1/(c_i(1-x)+x). Bound: the 99 % t-interval over 60 replications must contain
  // the exact value (each check fails by chance with probability 1 %).
  const double c1 = 0.3, c2 = 0.2, x = 0.02;
  const CompiledModel m = compile(two_step_chain(c1, c2, x, 400));
  const double pa = c1 * (1 - x) + x, pb = c2 * (1 - x) + x;
  const double p_exact = (c1 * (1 - x) / pa) * (c2 * (1 - x) / pb);
  const double t_exact = 1 / pa + 1 / pb;
  std::vector<double> shares, months;
  for (int rep = 0; rep < 60; ++rep) {
    ReplicationOutcome o = simulate(m, 0, rep);
    shares.push_back(o.reached_lease / o.households_seen);
    double sum = 0;
    for (std::size_t d = 0; d < o.lease_at.size(); ++d) sum += d * o.lease_at[d];
    months.push_back(sum / o.reached_lease);
  }
  auto check99 = [](const std::vector<double>& v, double exact) {
    Summary s = summarize(v);
    const double half99 = 2.6618 * s.sd / std::sqrt(static_cast<double>(v.size()));  // t(59)
    INFO("mean " << s.mean << " exact " << exact << " half-width " << half99);
    CHECK(std::abs(s.mean - exact) <= half99);
  };
  check99(shares, p_exact);
  check99(months, t_exact);
}

TEST_CASE("Little's law for a capacity-limited hostel", "[engine][statistical]") {
  // Poisson arrivals (rate 8) into a hostel of 50 units (full ones go to the street); each
  // resident leaves with p = 0.1 a month, so a resident is seen at W = (1-q)/q month ends.
  // Little: sum_t L_t = W * arrivals, exactly in expectation once residents still present
  // at the horizon are credited their expected remaining W. Check: the per-replication
  // residual has a 99 % CI containing 0.
  const double q = 0.1, W = (1 - q) / q;
  Scenario s;
  s.name = "little";
  s.simulation.months = 240;
  s.stages = {stage("street", StageKind::outside), stage("hostel", StageKind::temporary),
              stage("lease", StageKind::permanent)};
  s.promotions = {promotion("hostel", "lease", 1000000)};  // never met
  s.profiles = {profile("only", 1.0, 0.5, q)};
  Town t = town("t");
  t.capacity = {{"hostel", cap(50)}, {"lease", cap(0)}};
  t.arrival_rate.initial = 8;
  t.entry_stage = "hostel";
  t.entry_fallbacks = {"street"};
  s.towns = {t};
  const CompiledModel m = compile(s);
  std::vector<double> residual;
  double fallbacks = 0;
  for (int rep = 0; rep < 60; ++rep) {
    ReplicationOutcome o = simulate(m, 0, rep);
    const double occupied = o.occupancy_sum[1] + o.occupancy_end[1] * W;
    residual.push_back(occupied - W * o.arrivals_to[1]);
    fallbacks += o.entry_fallbacks;
  }
  CHECK(fallbacks > 0);  // the capacity does bind
  Summary r = summarize(residual);
  const double half99 = 2.6618 * r.sd / std::sqrt(60.0);
  INFO("residual mean " << r.mean << " half-width " << half99);
  CHECK(std::abs(r.mean) <= half99);
}

TEST_CASE("services: no workers, full caseloads, neutral effects", "[engine][services]") {
  Scenario s = four_rung_ladder();
  s.towns[0].staffing["debt_counselling"] = 0;
  ReplicationOutcome none = simulate(compile(s), 0, 1);
  CHECK(none.service_case_months[0] == 0);
  for (double v : none.in_service) CHECK(v == 0);

  // Demand far above 5 slots: served = capacity every month.
  s.towns[0].staffing["debt_counselling"] = 0.5;  // 0.5 x 10 = 5 slots
  s.towns[0].initial["hostel"] = 30;
  ReplicationOutcome full = simulate(compile(s), 0, 1);
  const std::size_t M1 = s.simulation.months + 1;
  for (std::size_t t = 1; t < M1; ++t) {
    INFO("month " << t);
    // In service at month end may fall below 5 only through exits during the month.
    CHECK(full.in_service[t] <= 5);
  }
  CHECK(full.service_case_months[0] == 5.0 * s.simulation.months);

  // A multiplier of 1 changes nothing, draw for draw.
  Scenario neutral = four_rung_ladder();
  neutral.services[0].effects = Multipliers{};
  Scenario without = neutral;
  without.towns[0].staffing["debt_counselling"] = 0;
  ReplicationOutcome a = simulate(compile(neutral), 0, 2), b = simulate(compile(without), 0, 2);
  CHECK(a.occupancy == b.occupancy);
  CHECK(a.lease_at == b.lease_at);
  CHECK(a.evictions == b.evictions);
}

namespace {
// Four households wait in "a" for one unit of "b" that opens in month 5: two of profile
// "bad" (never comply, never pay, no children), two "good" (always comply and pay, with
// children), all applying in month 1 in household-number order, which is a random order of
// the profiles (docs/model.md). "b" evicts at once on arrears, so whom it placed shows as an
// eviction (bad) or none (good). Summed over replications 0-9: under fifo a bad household is
// first in about half of them. "a" charges rent (with no limit), so by month 5 the bad ones
// owe 5 months and the good ones nothing.
double evictions_under(WaitingPolicy policy, PriorityPoints points = {}) {
  Scenario s;
  s.name = "policy";
  s.simulation.months = 8;
  s.stages = {stage("street", StageKind::outside), stage("a", StageKind::temporary, true),
              stage("b", StageKind::permanent, true)};
  s.stages[2].arrears_limit = 1;
  s.stages[2].on_arrears = {"street"};
  s.stages[2].waiting_list = policy;
  s.stages[2].priority_points = points;
  s.promotions = {promotion("a", "b", 0)};
  Profile bad = profile("bad", 0.5, 0.0, 0.0, 0.0);
  Profile good = profile("good", 0.5, 1.0, 0.0, 1.0);
  good.children = 1;
  good.household_size = 3;
  s.profiles = {bad, good};
  Town t = town("t");
  t.initial = {{"a", 4}};
  t.capacity = {{"a", cap(4)}, {"b", cap(0)}};
  t.capacity["b"].changes = {{5, 1}};
  t.entry_stage = "a";
  t.entry_fallbacks = {"street"};
  s.towns = {t};
  const CompiledModel m = compile(s);
  double evictions = 0;
  for (int rep = 0; rep < 10; ++rep) {
    ReplicationOutcome o = simulate(m, 0, rep);
    REQUIRE(o.promotions_to[2] >= 1);
    evictions += o.evictions;
  }
  return evictions;
}
}  // namespace

TEST_CASE("waiting-list policies order applicants as documented", "[engine][policy]") {
  CHECK(evictions_under(WaitingPolicy::fifo) >= 1);            // a bad one applied first
  CHECK(evictions_under(WaitingPolicy::longest_streak) == 0);  // good ones have streaks
  CHECK(evictions_under(WaitingPolicy::families_first) == 0);  // good ones have children
}

TEST_CASE("priority points rank by children and by arrears", "[engine][policy]") {
  // Every replication places a bad household first (an eviction each) or none does.
  PriorityPoints w;
  w.children = 1;
  CHECK(evictions_under(WaitingPolicy::points, w) == 0);
  w.children = -1;
  CHECK(evictions_under(WaitingPolicy::points, w) >= 10);
  w = {};
  w.arrears_months = -1;  // debtors last
  CHECK(evictions_under(WaitingPolicy::points, w) == 0);
  w.arrears_months = 1;
  CHECK(evictions_under(WaitingPolicy::points, w) >= 10);
}

namespace {
// Two households on the street apply for the lease in month 1; two in the hostel can apply
// only from month 4 (3 months there). One lease unit opens in month 5. Returns the stage the
// one placement came from: the street ones have waited 4 months and been roofless 5, the
// hostel ones waited 1 and were never roofless.
int first_housed_from(PriorityPoints w) {
  Scenario s;
  s.name = "points";
  s.simulation.months = 6;
  s.stages = {stage("street", StageKind::outside), stage("hostel", StageKind::temporary),
              stage("lease", StageKind::permanent)};
  s.stages[2].waiting_list = WaitingPolicy::points;
  s.stages[2].priority_points = w;
  s.promotions = {promotion("street", "lease", 0), promotion("hostel", "lease", 0, 3)};
  s.profiles = {profile("only", 1.0, 1.0, 0.0)};
  Town t = town("t");
  t.initial = {{"street", 2}, {"hostel", 2}};
  t.capacity = {{"hostel", cap(2)}, {"lease", cap(0)}};
  t.capacity["lease"].changes = {{5, 1}};
  t.entry_stage = "street";
  s.towns = {t};
  const ReplicationOutcome o = simulate(compile(s), 0, 0);
  REQUIRE(o.promotions_to[2] == 1);
  return o.promotion_flow[0 * 3 + 2] == 1 ? 0 : 1;
}
}  // namespace

TEST_CASE("priority points rank by months waiting and months roofless", "[engine][policy]") {
  PriorityPoints w;
  w.waiting_months = 1;
  CHECK(first_housed_from(w) == 0);
  w.waiting_months = -1;
  CHECK(first_housed_from(w) == 1);
  w = {};
  w.roofless_months = 1;
  CHECK(first_housed_from(w) == 0);
  w.roofless_months = -1;
  CHECK(first_housed_from(w) == 1);
}

TEST_CASE("household numbering carries no profile information", "[engine][statistical]") {
  // Two identical profiles under different names, 100 households each on the street and 50
  // lease units: everyone who complies in month 1 applies in household-number order and the
  // first 50 are housed. With the profiles numbered in blocks, "first" would take nearly all
  // 50 units in every replication (difference about +50); with number order independent of
  // the profile the per-replication difference in households housed has mean 0. Bound: the
  // mean difference over 40 replications lies within 4 standard errors of 0.
  Scenario s;
  s.name = "numbering";
  s.simulation.months = 6;
  s.stages = {stage("street", StageKind::outside), stage("lease", StageKind::permanent)};
  s.promotions = {promotion("street", "lease", 1)};
  s.profiles = {profile("first", 0.5, 0.9, 0.0), profile("second", 0.5, 0.9, 0.0)};
  Town t = town("t");
  t.initial = {{"street", 200}};
  t.capacity = {{"lease", cap(50)}};
  t.entry_stage = "street";
  s.towns = {t};
  const CompiledModel m = compile(s);
  std::vector<double> difference;
  for (int rep = 0; rep < 40; ++rep) {
    const ReplicationOutcome o = simulate(m, 0, rep);
    REQUIRE(o.profile_seen == std::vector<double>{100, 100});
    REQUIRE(o.profile_reached_lease[0] + o.profile_reached_lease[1] == 50);
    difference.push_back(o.profile_reached_lease[0] - o.profile_reached_lease[1]);
  }
  const Summary d = summarize(difference);
  const double se = d.sd / std::sqrt(40.0);
  INFO("mean difference " << d.mean << ", standard error " << se);
  CHECK(d.sd > 0);  // the order does vary between replications
  CHECK(std::abs(d.mean) <= 4 * se);
}

TEST_CASE("entry routes by profile: families straight to a lease and others by the town list",
          "[engine][entry]") {
  // Arrivals only, nobody leaves and no promotions: families enter the 30 lease units while
  // any is free, then the street; singles enter the hostel (the town's list). Exact counts.
  Scenario s;
  s.name = "entry";
  s.simulation.months = 24;
  s.stages = {stage("street", StageKind::outside), stage("hostel", StageKind::temporary),
              stage("lease", StageKind::permanent)};
  Profile family = profile("family", 0.4, 1.0, 0.0);
  family.children = 2;
  family.household_size = 4;
  s.profiles = {profile("single", 0.6, 1.0, 0.0), family};
  Town t = town("t");
  t.capacity = {{"hostel", cap(1000)}, {"lease", cap(30)}};
  t.arrival_rate.initial = 5;
  t.entry_stage = "hostel";
  t.entry_fallbacks = {"street"};
  t.entry_by_profile["family"] = EntryRoute{"lease", {"street"}};
  s.towns = {t};
  const CompiledModel m = compile(s);
  for (int rep = 0; rep < 5; ++rep) {
    const ReplicationOutcome o = simulate(m, 0, rep);
    const double families = o.profile_arrivals[1], singles = o.profile_arrivals[0];
    REQUIRE(families > 30);  // the lease fills up
    CHECK(o.profile_reached_lease[1] == 30);
    CHECK(o.lease_at[0] == 30);  // housed in the month they arrived
    CHECK(o.profile_reached_lease[0] == 0);
    CHECK(o.arrivals_to[1] == singles);
    CHECK(o.arrivals_to[0] == families - 30);
    CHECK(o.entry_fallbacks == families - 30);
  }
}

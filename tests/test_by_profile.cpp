// SPDX-License-Identifier: Apache-2.0
// Outcomes by household profile (docs/model.md, "Outcomes by profile" and "Equity"): the
// profile rows add up to the row of all profiles, pair the same replications across
// variants, and the equity figures follow from them.
#include <catch2/catch.hpp>
#include <cmath>

#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/runner.hpp"
#include "prostup/writers.hpp"
#include "scenario_builder.hpp"
#include "test_files.hpp"

using namespace prostup;
using namespace prostup::test;

namespace {

const TownVariantResult& row(const RunResult& r, const std::string& town,
                             const std::string& variant, const std::string& profile) {
  const TownVariantResult* x = r.find(town, variant, profile);
  REQUIRE(x != nullptr);
  return *x;
}

const EquityFigure* figure(const RunResult& r, const std::string& town, const std::string& variant,
                           const std::string& name, const std::string& profile = "*") {
  for (const auto& f : r.equity)
    if (f.town == town && f.variant == variant && f.figure == name && f.profile == profile)
      return &f;
  return nullptr;
}

// Two profiles on the street with unlimited units above: "able" complies half the time,
// "stuck" never does, so it never earns the streak a promotion needs.
Scenario able_and_stuck() {
  Scenario s = two_step_chain(0.5, 0.5, 0.01, 12);
  s.simulation.replications = 4;
  s.profiles = {profile("able", 0.5, 0.5, 0.01), profile("stuck", 0.5, 0.0, 0.01)};
  s.towns[0].initial = {{"street", 200}};
  return s;
}

}  // namespace

TEST_CASE("a profile that never reaches a lease: share 0, the gap is the other's share",
          "[runner][profiles][equity]") {
  const RunResult r = run_models({compile(able_and_stuck())}, {});
  REQUIRE(r.info.profiles == std::vector<std::string>{"able", "stuck"});
  const int k = r.metric_index("reached_lease_share");
  REQUIRE(k >= 0);
  REQUIRE(r.metric_info[k].by_profile);
  const auto& stuck = row(r, "t", "baseline", "stuck");
  const auto& able = row(r, "t", "baseline", "able");
  for (double x : stuck.per_replication[k]) CHECK(x == 0);
  CHECK(stuck.metrics[k].mean == 0);
  REQUIRE(able.metrics[k].mean > 0.5);  // the able half reaches a lease
  const EquityFigure* gap = figure(r, "t", "baseline", "lease_gap");
  REQUIRE(gap != nullptr);
  CHECK(gap->best == "able");
  CHECK(gap->worst == "stuck");
  CHECK(gap->mean == able.metrics[k].mean);
  CHECK(gap->ci_low == able.metrics[k].ci_low);
  CHECK(gap->replications == 4);
  // Nobody arrives: the arrival shares are undefined; the stuck are most of the roofless.
  const EquityFigure* arrivals = figure(r, "t", "baseline", "arrival_share", "stuck");
  REQUIRE(arrivals != nullptr);
  CHECK(arrivals->replications == 0);
  const EquityFigure* roofless = figure(r, "t", "baseline", "roofless_share", "stuck");
  REQUIRE(roofless != nullptr);
  CHECK(roofless->mean > 0.5);
  // The time-to-lease curve of the stuck stays at 0.
  for (const auto& p : stuck.time_to_lease) CHECK(p.cum_incidence == 0);
  CHECK(able.time_to_lease.back().cum_incidence > 0.5);
}

TEST_CASE("profile rows add up to the row of all profiles", "[runner][profiles]") {
  Scenario s = four_rung_ladder();
  s.simulation.replications = 4;
  s.towns.push_back(s.towns[0]);
  s.towns[1].id = "most";
  s.towns[1].initial = {{"street", 30}, {"flat", 10}};
  const RunResult r = run_models({compile(s)}, {});
  REQUIRE(r.info.profiles.size() == 2);
  const char* additive[] = {"households_seen",
                            "housed_at_start",
                            "stabilized",
                            "evictions",
                            "returns_to_street",
                            "expiries",
                            "exits",
                            "demotions",
                            "arrivals",
                            "entry_fallbacks",
                            "roofless_household_months",
                            "roofless_end",
                            "months_housed",
                            "exits:unknown"};
  for (const std::string town : {"jirkov", "most", "*"})
    for (const char* name : additive) {
      INFO(town << " " << name);
      const int k = r.metric_index(name);
      REQUIRE(k >= 0);
      REQUIRE(r.metric_info[k].by_profile);
      const auto& all = row(r, town, "baseline", "*");
      for (int rep = 0; rep < 4; ++rep) {
        double sum = 0;
        for (const auto& p : r.info.profiles)
          sum += row(r, town, "baseline", p).per_replication[k][rep];
        CHECK(sum == all.per_replication[k][rep]);  // counts: exact in doubles
      }
    }
  // Shares: the row of all profiles weighs the profiles by households in need.
  const int share = r.metric_index("reached_lease_share");
  const int seen = r.metric_index("households_seen"), housed = r.metric_index("housed_at_start");
  const auto& all = row(r, "*", "baseline", "*");
  for (int rep = 0; rep < 4; ++rep) {
    double reached = 0, need = 0;
    for (const auto& p : r.info.profiles) {
      const auto& x = row(r, "*", "baseline", p);
      const double n = x.per_replication[seen][rep] - x.per_replication[housed][rep];
      reached += x.per_replication[share][rep] * n;
      need += n;
    }
    CHECK(reached / need == Approx(all.per_replication[share][rep]).epsilon(1e-12));
  }
  // Stage-level metrics are not kept by profile and are not reported there.
  const int occ = r.metric_index("occupancy_end:hostel");
  REQUIRE(occ >= 0);
  CHECK_FALSE(r.metric_info[occ].by_profile);
  CHECK(row(r, "*", "baseline", "a").metrics[occ].replications == 0);
  CHECK(row(r, "*", "baseline", "a").series.empty());  // no series unless asked
}

TEST_CASE("profile comparisons pair the same replications", "[runner][profiles][variants]") {
  Scenario s = four_rung_ladder();
  s.simulation.replications = 6;
  Scenario v = s;
  v.towns[0].capacity["lease"].initial = 40;
  const RunResult r = run_models({compile(s), compile(s, "same"), compile(v, "more_leases")}, {});
  REQUIRE(!r.profile_comparisons.empty());
  int rows_same = 0;
  for (const auto& c : r.profile_comparisons) {
    INFO(c.town << " " << c.variant << " " << c.profile << " " << c.metric);
    CHECK(c.profile != "*");
    if (c.variant != "same" || c.replications == 0) continue;
    // Paired with its own replication, an unchanged variant differs by exactly nothing.
    CHECK(c.diff_mean == 0);
    CHECK(c.diff_ci_low == 0);
    CHECK(c.diff_ci_high == 0);
    ++rows_same;
  }
  CHECK(rows_same > 0);
  // A variant's difference is the mean of the replication-by-replication differences.
  const int k = r.metric_index("reached_lease_share");
  for (const auto& c : r.profile_comparisons) {
    if (c.variant != "more_leases" || c.metric != "reached_lease_share" || c.cohort != "all")
      continue;
    const auto& b = row(r, c.town, "baseline", c.profile);
    const auto& x = row(r, c.town, "more_leases", c.profile);
    double d = 0;
    for (int rep = 0; rep < 6; ++rep) d += x.per_replication[k][rep] - b.per_replication[k][rep];
    CHECK(c.diff_mean == Approx(d / 6).epsilon(1e-12));
  }
  // The change of the baseline's gap is 0 for the unchanged variant.
  const EquityFigure* change = figure(r, "jirkov", "same", "lease_gap_change");
  REQUIRE(change != nullptr);
  CHECK(change->mean == 0);
}

TEST_CASE("monthly series by profile, only when asked, add up", "[runner][profiles]") {
  Scenario s = four_rung_ladder();
  s.simulation.replications = 3;
  s.simulation.months = 24;
  RunOptions o;
  o.by_profile_series = true;
  const RunResult r = run_models({compile(s)}, o);
  const auto& all = row(r, "jirkov", "baseline", "*");
  const auto& a = row(r, "jirkov", "baseline", "a");
  const auto& b = row(r, "jirkov", "baseline", "b");
  REQUIRE(a.series.size() == 2 * 4);  // occupancy and waiting of every stage
  for (const auto& ser : all.series) {
    // The services' and the town's own counts (roofless, housing_placements) are not split
    // by profile.
    if (ser.name.rfind("occupancy:", 0) != 0 && ser.name.rfind("waiting:", 0) != 0) continue;
    INFO(ser.name);
    const Series* sa = nullptr;
    const Series* sb = nullptr;
    for (const auto& x : a.series) sa = x.name == ser.name ? &x : sa;
    for (const auto& x : b.series) sb = x.name == ser.name ? &x : sb;
    REQUIRE(sa != nullptr);
    REQUIRE(sb != nullptr);
    for (std::size_t t = 0; t < ser.by_month.size(); ++t)
      CHECK(sa->by_month[t].mean + sb->by_month[t].mean ==
            Approx(ser.by_month[t].mean).margin(1e-9));
  }
}

TEST_CASE("the report draws the lease share by profile and names whom a variant helps",
          "[report][profiles]") {
  Scenario s = able_and_stuck();
  Scenario v = s;
  v.profiles[1].comply = 0.5;  // the stuck now comply like the able
  RunResult r = run_models({compile(s), compile(v, "coaching")}, {});
  TempDir tmp("by-profile");
  write_run_outputs(r, tmp.path);
  write_report(tmp.path);
  const std::string svg = read_bytes(tmp.path / "charts" / "lease_by_profile_t.svg");
  for (const char* series : {"lease_share:able:baseline", "lease_share:stuck:baseline",
                             "lease_share:able:coaching", "lease_share:stuck:coaching"})
    CHECK(svg.find(series) != std::string::npos);
  const std::string html = read_bytes(tmp.path / "report.html");
  CHECK(html.find("lease_by_profile_t.svg") != std::string::npos);
  // The stuck gain everything, the able nothing (the same draws, the same behaviour).
  const auto at = html.find("By household type, reached a lease: most stuck +");
  REQUIRE(at != std::string::npos);
  CHECK(html.find(", least able +0.0 pp", at) != std::string::npos);
}

TEST_CASE("the counters by profile travel between MPI ranks whole", "[engine][profiles][mpi]") {
  const CompiledModel m = compile(four_rung_ladder());
  SimulateOptions so;
  so.by_profile_series = true;
  const ReplicationOutcome o = simulate(m, 0, 3, so);
  REQUIRE(!o.profile_occupancy.empty());
  std::vector<double> flat;
  o.serialize(flat);
  ReplicationOutcome back;
  CHECK(back.deserialize(flat.data()) == flat.data() + flat.size());
  CHECK(back.n_profiles == o.n_profiles);
  const auto want = o.profile_detail();
  const auto got = back.profile_detail();
  for (std::size_t k = 0; k < want.size(); ++k) CHECK(*got[k] == *want[k]);
}

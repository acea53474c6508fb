// SPDX-License-Identifier: Apache-2.0
// Goal seeking (`prostup plan`) and the parsing it shares with `prostup sweep`: pointers,
// ranges, targets, writing a value into a scenario, the one-sided bound and the bisection.
#include <unistd.h>

#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../sim/study/plan_support.hpp"
#include "prostup/cli.hpp"
#include "prostup/parameter_draw.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"
#include "test_files.hpp"

using namespace prostup;
using namespace prostup::planning;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  return prostup::test::read_bytes(p);
}

const std::string kFixture =
    std::string(PROSTUP_SOURCE_DIR) + "/tests/fixtures/plan-one-lease.json";

// The message of the UserError that `f` throws ("" when it throws none).
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const UserError& e) {
    return e.what();
  }
  return "";
}

using prostup::test::TempDir;

}  // namespace

TEST_CASE("pointers are split and unescaped as RFC 6901 says", "[plan][parse]") {
  CHECK(parse_pointer("/towns/jirkov/capacity") ==
        std::vector<std::string>{"towns", "jirkov", "capacity"});
  CHECK(parse_pointer("/a~1b/c~0d/~01") == std::vector<std::string>{"a/b", "c~d", "~1"});
  CHECK(parse_pointer("/") == std::vector<std::string>{""});
  CHECK_THAT(error_of([] { parse_pointer("towns/x"); }), Catch::Contains("must start with '/'"));
  CHECK_THAT(error_of([] { parse_pointer(""); }), Catch::Contains("empty"));
  CHECK_THAT(error_of([] { parse_pointer("/a~2"); }), Catch::Contains("'~' must be followed"));
  CHECK_THAT(error_of([] { parse_pointer("/a~"); }), Catch::Contains("'~' must be followed"));
}

TEST_CASE("sweep ranges: integers stay integers, decimals stay as written", "[plan][parse]") {
  SweepAxis a = parse_set("/towns/x/capacity/lease=0:40:5");
  CHECK(a.pointer == "/towns/x/capacity/lease");
  CHECK(a.integer);
  CHECK(a.values == std::vector<double>{0, 5, 10, 15, 20, 25, 30, 35, 40});
  // TO not on the step: the last value is the last step below it.
  CHECK(parse_set("/x=1:10:4").values == std::vector<double>{1, 5, 9});
  SweepAxis d = parse_set("/p=0:1:0.1");
  CHECK_FALSE(d.integer);
  REQUIRE(d.values.size() == 11);
  CHECK(d.values[3] == 0.3);  // not 0.30000000000000004
  CHECK(d.values.back() == 1.0);
  CHECK_FALSE(parse_set("/p=1:3:1.0").integer);  // "1.0" is written as a decimal
  CHECK(parse_set("/p=2:2:1").values == std::vector<double>{2});
}

TEST_CASE("malformed --set ranges are refused with the offending option named", "[plan][parse]") {
  CHECK_THAT(
      error_of([] { parse_set("/p=5:2:1"); }),
      Catch::Contains("--set '/p=5:2:1'") && Catch::Contains("FROM (5) is greater than TO (2)"));
  CHECK_THAT(error_of([] { parse_set("/p=0:2:0"); }),
             Catch::Contains("STEP must be greater than 0"));
  CHECK_THAT(error_of([] { parse_set("/p=0:2:-1"); }),
             Catch::Contains("STEP must be greater than 0"));
  CHECK_THAT(error_of([] { parse_set("/p=0:x:1"); }), Catch::Contains("TO 'x' is not a number"));
  CHECK_THAT(error_of([] { parse_set("/p=0:2"); }), Catch::Contains("POINTER=FROM:TO:STEP"));
  CHECK_THAT(error_of([] { parse_set("/p"); }), Catch::Contains("no '='"));
  CHECK_THAT(error_of([] { parse_set("p=0:2:1"); }), Catch::Contains("must start with '/'"));
  CHECK_THAT(error_of([] { parse_set("/p=0:1e400:1"); }), Catch::Contains("is not a number"));
  CHECK_THAT(error_of([] { parse_set("/p=0:1000:1"); }),
             Catch::Contains("1001 values") && Catch::Contains("at most 1000"));
  CHECK(parse_set("/p=1:1000:1").values.size() == 1000);
}

TEST_CASE("the sweep grid: the last --set varies fastest; at most 1000 points", "[plan][sweep]") {
  const auto grid = sweep_grid({parse_set("/a=1:2:1"), parse_set("/b=10:30:10")});
  const std::vector<std::vector<double>> expected{{1, 10}, {1, 20}, {1, 30},
                                                  {2, 10}, {2, 20}, {2, 30}};
  CHECK(grid == expected);
  CHECK(sweep_grid({parse_set("/a=1:3:1")}).size() == 3);
  CHECK_THAT(error_of([] {
               sweep_grid({parse_set("/a=1:40:1"), parse_set("/b=1:30:1")});
             }),
             Catch::Contains("40 x 30 = 1200 points") && Catch::Contains("at most 1000"));
  CHECK(sweep_grid({parse_set("/a=1:40:1"), parse_set("/b=1:25:1")}).size() == 1000);
}

TEST_CASE("plan ranges and targets are parsed, and refused when malformed", "[plan][parse]") {
  VaryRange v = parse_vary("/towns/x/capacity/lease=3:40");
  CHECK(v.pointer == "/towns/x/capacity/lease");
  CHECK(v.lo == 3);
  CHECK(v.hi == 40);
  CHECK(parse_vary("/x=-2:-2").lo == -2);
  CHECK_THAT(error_of([] { parse_vary("/x=5:1"); }),
             Catch::Contains("LO (5) is greater than HI (1)"));
  CHECK_THAT(error_of([] { parse_vary("/x=0.5:3"); }), Catch::Contains("not a whole number"));
  CHECK_THAT(error_of([] { parse_vary("/x=a:3"); }), Catch::Contains("LO 'a' is not a number"));
  CHECK_THAT(error_of([] { parse_vary("/x=1:2:3"); }), Catch::Contains("POINTER=LO:HI"));
  CHECK_THAT(error_of([] { parse_vary("x=1:2"); }), Catch::Contains("must start with '/'"));

  Target t = parse_target("reached_lease_share>=0.6");
  CHECK(t.metric == "reached_lease_share");
  CHECK(t.at_least);
  CHECK(t.value == 0.6);
  Target p = parse_target(" reached_lease_share >= 60 % ");
  CHECK(p.metric == "reached_lease_share");
  CHECK(p.value == Approx(0.6).epsilon(1e-15));
  Target u = parse_target("cost:hostel<=1e6");
  CHECK(u.metric == "cost:hostel");
  CHECK_FALSE(u.at_least);
  CHECK(u.value == 1e6);
  CHECK_THAT(error_of([] { parse_target("x>0.5"); }), Catch::Contains("only >= and <="));
  CHECK_THAT(error_of([] { parse_target("x=0.5"); }), Catch::Contains("only >= and <="));
  CHECK_THAT(error_of([] { parse_target("x 0.5"); }), Catch::Contains("no comparison"));
  CHECK_THAT(error_of([] { parse_target(">=0.5"); }), Catch::Contains("no metric"));
  CHECK_THAT(error_of([] { parse_target("x>=lots"); }), Catch::Contains("'lots' is not a number"));
}

TEST_CASE("set_number writes numbers, the opening value of a schedule, and names what is missing",
          "[plan][pointer]") {
  ojson doc = ojson::parse(R"({"towns": {"a": {"capacity": {"flat": 4,
      "lease": {"initial": 10, "schedule": [{"month": 12, "value": 20}]}}, "label": "A",
      "list": [1, 2]}}})");
  SetResult r = set_number(doc, "/towns/a/capacity/flat", 7, true, "--set X");
  CHECK(doc["towns"]["a"]["capacity"]["flat"] == 7);
  CHECK(doc["towns"]["a"]["capacity"]["flat"].is_number_integer());
  CHECK(r.note.empty());
  set_number(doc, "/towns/a/capacity/flat", 2.5, false, "--set X");
  CHECK(doc["towns"]["a"]["capacity"]["flat"].get<double>() == 2.5);

  r = set_number(doc, "/towns/a/capacity/lease", 15, true, "--set X");
  CHECK(r.pointer == "/towns/a/capacity/lease/initial");
  CHECK_THAT(r.note, Catch::Contains("schedule"));
  CHECK(doc["towns"]["a"]["capacity"]["lease"]["initial"] == 15);
  CHECK(doc["towns"]["a"]["capacity"]["lease"]["schedule"][0]["value"] == 20);
  set_number(doc, "/towns/a/capacity/lease/schedule/0/value", 30, true, "--set X");
  CHECK(doc["towns"]["a"]["capacity"]["lease"]["schedule"][0]["value"] == 30);

  CHECK_THAT(error_of([&] { set_number(doc, "/towns/a/capacity/flta", 1, true, "--set X"); }),
             Catch::Contains("--set X: /towns/a/capacity has no 'flta' (it has: flat, lease)"));
  CHECK_THAT(error_of([&] { set_number(doc, "/towns/b/capacity", 1, true, "--set X"); }),
             Catch::Contains("/towns has no 'b' (it has: a)"));
  CHECK_THAT(error_of([&] { set_number(doc, "/towns/a/label", 1, true, "--set X"); }),
             Catch::Contains("/towns/a/label is a string, not a number"));
  CHECK_THAT(error_of([&] { set_number(doc, "/towns/a/label/x", 1, true, "--set X"); }),
             Catch::Contains("cannot be looked up"));
  CHECK_THAT(error_of([&] { set_number(doc, "/towns/a/list/2", 1, true, "--set X"); }),
             Catch::Contains("not an index"));
  CHECK_THAT(
      error_of([&] { set_number(doc, "/towns/a/capacity", 1, true, "--set X"); }),
      Catch::Contains("is an object, not a number") && Catch::Contains("/towns/a/capacity/flat"));
  CHECK_THAT(error_of([] { check_not_variants("/variants/v/patch/x", "--vary V"); }),
             Catch::Contains("--vary V: points into /variants"));
}

TEST_CASE("the one-sided bound uses Student's t at the chosen confidence", "[plan][bound]") {
  const std::vector<double> x{0.40, 0.55, 0.47, 0.52, 0.61, 0.44, kUndefined, 0.50};
  const Summary s = summarize(x);
  REQUIRE(s.replications == 7);
  const double t90 = boost::math::quantile(boost::math::students_t_distribution<double>(6), 0.90);
  const double se = s.sd / std::sqrt(7.0);
  PlanPoint lo = evaluate_point(3, x, parse_target("m>=0.45"), 0.90);
  CHECK(lo.value == 3);
  CHECK(lo.bound == Approx(s.mean - t90 * se).epsilon(1e-12));
  CHECK(lo.meets == (s.mean - t90 * se >= 0.45));
  PlanPoint hi = evaluate_point(3, x, parse_target("m<=0.6"), 0.90);
  CHECK(hi.bound == Approx(s.mean + t90 * se).epsilon(1e-12));
  CHECK(hi.meets == (s.mean + t90 * se <= 0.6));
  // A higher confidence asks for more: the lower bound falls.
  CHECK(evaluate_point(3, x, parse_target("m>=0"), 0.99).bound < lo.bound);
  // One defined value gives no bound, and so never meets.
  PlanPoint one = evaluate_point(1, {0.9, kUndefined}, parse_target("m>=0.1"), 0.95);
  CHECK(std::isnan(one.bound));
  CHECK_FALSE(one.meets);
  // No spread: the bound is the mean.
  CHECK(evaluate_point(1, {0.5, 0.5, 0.5}, parse_target("m>=0.5"), 0.95).meets);
}

TEST_CASE("bisection finds the smallest meeting value, evaluating each value once",
          "[plan][search]") {
  for (long long lo : {0LL, -3LL, 5LL})
    for (long long width : {0LL, 1LL, 2LL, 7LL, 64LL, 100LL})
      for (long long threshold = lo - 1; threshold <= lo + width + 1; ++threshold) {
        const long long hi = lo + width;
        std::vector<long long> calls;
        SearchResult r = bisect_smallest(lo, hi, [&](long long v) {
          calls.push_back(v);
          return v >= threshold;
        });
        INFO("lo " << lo << " hi " << hi << " threshold " << threshold);
        CHECK(calls == r.evaluated);
        std::vector<long long> unique = calls;
        std::sort(unique.begin(), unique.end());
        CHECK(std::unique(unique.begin(), unique.end()) == unique.end());
        if (threshold > hi) {
          CHECK_FALSE(r.answer.has_value());
          CHECK(calls == std::vector<long long>{hi});
          continue;
        }
        REQUIRE(r.answer.has_value());
        CHECK(*r.answer == std::max(lo, threshold));
        if (*r.answer > lo)  // the neighbour below was tried and failed
          CHECK(std::find(calls.begin(), calls.end(), *r.answer - 1) != calls.end());
        const double bound = 2 + std::ceil(std::log2(std::max(1.0, static_cast<double>(width))));
        CHECK(static_cast<double>(calls.size()) <= bound);
      }
}

TEST_CASE("plan finds the same answer as trying every value, with fewer runs", "[plan][cli]") {
  // Leases are the fixture's only way up, so the share reaching one rises with their number.
  const long long lo = 0, hi = 60;
  const int reps = 30;
  const std::string pointer = "/towns/town/capacity/lease";
  LoadResult base = load_scenario_text(read_text(kFixture));
  REQUIRE(base.ok());
  ojson doc = base.document;
  doc.erase("variants");

  // Every value, patched directly and run with the scenario's seed.
  std::vector<std::vector<double>> per_value;
  for (long long v = lo; v <= hi; ++v) {
    ojson d = doc;
    d["towns"]["town"]["capacity"]["lease"] = v;
    LoadResult r = load_scenario_json(d);
    REQUIRE(r.ok());
    RunOptions o;
    o.replications = reps;
    RunResult res = run_models({compile(*r.scenario)}, o);
    std::size_t k = 0;
    while (res.metric_info[k].name != "reached_lease_share") ++k;
    per_value.push_back(res.find("*", "baseline")->per_replication[k]);
  }
  // A target halfway between the ends, so the answer lies inside the range.
  const double target = (summarize(per_value.front()).mean + summarize(per_value.back()).mean) / 2;
  const double confidence = 0.9;
  long long expected = -1;
  for (long long v = lo; v <= hi && expected < 0; ++v) {
    const Summary s = summarize(per_value[v - lo]);
    const double t = boost::math::quantile(
        boost::math::students_t_distribution<double>(s.replications - 1), confidence);
    if (s.mean - t * s.sd / std::sqrt(static_cast<double>(s.replications)) >= target) expected = v;
  }
  REQUIRE(expected > lo);

  TempDir tmp("plan");
  PlanArgs a;
  a.file = kFixture;
  a.out_dir = (tmp.path / "out").string();
  a.vary = pointer + "=" + std::to_string(lo) + ":" + std::to_string(hi);
  std::ostringstream tt;
  tt.precision(17);
  tt << "reached_lease_share>=" << target;
  a.target = tt.str();
  a.confidence = confidence;
  a.replications = reps;
  a.threads = 2;
  a.quiet = true;
  REQUIRE(cmd_plan(a) == kExitOk);
  const auto plan = nlohmann::json::parse(read_text(tmp.path / "out" / "plan.json"));
  CHECK(plan["answer"] == expected);
  CHECK(plan["town"] == "*");
  CHECK(plan["target"]["op"] == ">=");
  const auto& points = plan["points"];
  CHECK(points.size() < static_cast<std::size_t>(hi - lo + 1) / 4);
  CHECK(points.size() == plan["points_sorted"].size());
  bool below_fails = false;
  for (const auto& p : points) {
    const long long v = p["value"];
    // Each evaluated value agrees with the direct run (same seeds: common random numbers).
    CHECK(p["mean"].get<double>() == Approx(summarize(per_value[v - lo]).mean).epsilon(1e-12));
    if (v == expected - 1) below_fails = !p["meets"].get<bool>();
  }
  CHECK(below_fails);
  long long prev = lo - 1;
  for (const auto& p : plan["points_sorted"]) {
    CHECK(p["value"].get<long long>() > prev);
    prev = p["value"];
  }
}

TEST_CASE("plan reports no answer when even HI fails, and refuses unknown names", "[plan][cli]") {
  TempDir tmp("plan-none");
  PlanArgs a;
  a.file = kFixture;
  a.out_dir = (tmp.path / "out").string();
  a.vary = "/towns/town/capacity/lease=0:5";
  a.target = "reached_lease_share>=99%";
  a.replications = 8;
  a.quiet = true;
  REQUIRE(cmd_plan(a) == kExitOk);
  const auto plan = nlohmann::json::parse(read_text(tmp.path / "out" / "plan.json"));
  CHECK(plan["answer"].is_null());
  REQUIRE(plan["points"].size() == 1);
  CHECK(plan["points"][0]["value"] == 5);

  PlanArgs b = a;
  b.out_dir = (tmp.path / "b").string();
  b.target = "reached_lease_shar>=0.5";
  CHECK(cmd_plan(b) == kExitInvalid);
  b.target = "reached_lease_share>=0.5";
  b.town = "nowhere";
  CHECK(cmd_plan(b) == kExitInvalid);
  b.town = "town";
  b.variant = "no_such";
  CHECK(cmd_plan(b) == kExitInvalid);
  b.variant = "more_leases";
  b.vary = "/towns/town/capacity/shelter=-1:5";  // -1 is not a capacity
  CHECK(cmd_plan(b) == kExitInvalid);
  CHECK_FALSE(fs::exists(tmp.path / "b"));
}

TEST_CASE("plan under input uncertainty: met in 95 % of the parameter sets; fixed: at the mean",
          "[plan][psa]") {
  // Nobody moves in the fixture, so cost_total = price * households * 12 months exactly; the
  // price (uniform 1,000-3,000 CZK) is the only uncertain input. Varying the households:
  // - fixed parameters: the smallest n with 2,000 * n * 12 >= target (every replication the
  //   same, so the one-sided bound is the mean);
  // - under uncertainty: the smallest n whose cost meets the target in at least 95 % of the
  //   drawn prices, i.e. from the drawn prices' 5th-percentile order statistic.
  const std::string fixture =
      std::string(PROSTUP_SOURCE_DIR) + "/tests/fixtures/plan-uncertain-cost.json";
  const double target = 1190000;
  const int months = 12, sets = 20, inner = 2;
  LoadResult lr = load_scenario_text(read_text(fixture));
  REQUIRE(lr.ok());
  const Scenario& sc = *lr.scenario;
  std::vector<double> prices;
  for (int k = 0; k < sets; ++k) {
    std::vector<std::pair<std::string, double>> drawn;
    draw_parameter_set(sc, sc.simulation.seed, static_cast<std::uint64_t>(k), &drawn);
    REQUIRE(drawn.size() == 1);
    prices.push_back(drawn[0].second);
  }
  const int need = static_cast<int>(std::ceil(0.95 * sets));  // 19 of 20 sets
  auto meeting = [&](long long n) {
    int m = 0;
    for (double c : prices) m += c * n * months >= target;
    return m;
  };
  long long assured = 1;
  while (meeting(assured) < need) ++assured;
  const long long at_mean = static_cast<long long>(std::ceil(target / (2000.0 * months)));
  REQUIRE(at_mean == 50);
  REQUIRE(assured > at_mean + 10);  // the two answers differ clearly

  auto plan = [&](bool fixed, const fs::path& out) {
    PlanArgs a;
    a.file = fixture;
    a.out_dir = out.string();
    a.vary = "/towns/town/initial/shelter=1:200";
    a.target = "cost_total>=1190000";
    a.fixed_parameters = fixed;
    a.inner_replications = inner;
    a.threads = 2;
    a.quiet = true;
    REQUIRE(cmd_plan(a) == kExitOk);
    return nlohmann::json::parse(read_text(out / "plan.json"));
  };
  TempDir tmp("plan-psa");
  const auto u = plan(false, tmp.path / "uncertain");
  CHECK(u["parameter_uncertainty"] == true);
  CHECK(u["parameter_sets"] == sets);
  CHECK(u["answer"] == assured);
  for (const auto& p : u["points"]) {
    const long long n = p["value"];
    CHECK(p["parameter_sets"] == sets);
    CHECK(p["sets_meeting"] == meeting(n));
    CHECK(p["meets"] == (meeting(n) >= need));
    // The hand computation holds: the mean over sets is the mean price's cost.
    double mean = 0;
    for (double c : prices) mean += c * n * months / sets;
    CHECK(p["mean"].get<double>() == Approx(mean).epsilon(1e-12));
  }
  const auto f = plan(true, tmp.path / "fixed");
  CHECK(f["parameter_uncertainty"] == false);
  CHECK(f["answer"] == at_mean);
  for (const auto& p : f["points"])
    CHECK(p["mean"].get<double>() == Approx(2000.0 * p["value"].get<long long>() * months));

  // sweep: the same sets at every point (the mean over sets is the mean drawn price's cost,
  // the interval their percentiles); with fixed parameters the mean price's.
  for (bool fixed : {false, true}) {
    SweepArgs a;
    a.file = fixture;
    a.out_dir = (tmp.path / (fixed ? "sweep-fixed" : "sweep")).string();
    a.sets = {"/towns/town/initial/shelter=10:20:10"};
    a.fixed_parameters = fixed;
    a.threads = 2;
    a.quiet = a.no_report = true;
    REQUIRE(cmd_sweep(a) == kExitOk);
    const auto manifest = nlohmann::json::parse(read_text(fs::path(a.out_dir) / "manifest.json"));
    CHECK(manifest["sweep"]["parameter_uncertainty"] == !fixed);
    std::istringstream csv(read_text(fs::path(a.out_dir) / "sweep.csv"));
    std::string line;
    int checked = 0;
    while (std::getline(csv, line)) {
      if (line.rfind("town,", 0) != 0 || line.find(",cost_total,") == std::string::npos) continue;
      // town,point,parameter,value,metric,mean,ci_low,ci_high
      std::vector<std::string> f;
      std::stringstream ls(line);
      for (std::string x; std::getline(ls, x, ',');) f.push_back(x);
      REQUIRE(f.size() == 8);
      const double n = std::stod(f[3]);
      double mean = 0;
      for (double c : prices) mean += (fixed ? 2000 : c) * n * months / sets;
      CHECK(std::stod(f[5]) == Approx(mean).epsilon(1e-9));
      CHECK((std::stod(f[7]) - std::stod(f[6]) > 1000) == !fixed);  // spread over sets
      ++checked;
    }
    CHECK(checked == 2);
  }
}

TEST_CASE("under uncertainty a value meets the target when enough parameter sets do",
          "[plan][bound]") {
  Target t;
  t.metric = "m";
  t.value = 10;
  // 20 sets, one undefined: 19 of 20 meet only when every defined set does.
  std::vector<double> means;
  for (int k = 0; k < 19; ++k) means.push_back(10 + k);
  means.push_back(kUndefined);
  PlanPoint p = evaluate_point_sets(5, means, t, 0.95);
  CHECK(p.sets == 20);
  CHECK(p.sets_meeting == 19);
  CHECK(p.meets);
  CHECK(p.bound == 10);  // the 19th largest
  means[0] = 9.5;
  p = evaluate_point_sets(5, means, t, 0.95);
  CHECK_FALSE(p.meets);
  CHECK(p.bound == 9.5);
  CHECK(evaluate_point_sets(5, means, t, 0.9).meets);  // 18 of 20
  t.at_least = false;                                  // "<=": at most 10 in 18 sets
  CHECK_FALSE(evaluate_point_sets(5, means, t, 0.9).meets);
  CHECK_FALSE(evaluate_point_sets(5, means, t, 0.1).meets);  // 2 of 20 needed, 1 has it
  CHECK(evaluate_point_sets(5, means, t, 0.05).meets);
  CHECK(evaluate_point_sets(5, means, t, 0.05).bound == 9.5);
}

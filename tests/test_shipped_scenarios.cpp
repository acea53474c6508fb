// SPDX-License-Identifier: Apache-2.0
// Scenario-level checks on the shipped scenarios: they run, and where the bottleneck is known
// the direction of a variant's effect is right.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "prostup/engine.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"
#include "test_files.hpp"

using namespace prostup;

namespace {

using prostup::test::load_document;

const Comparison& find(const RunResult& r, const std::string& town, const std::string& variant,
                       const std::string& metric) {
  for (const auto& c : r.comparisons)
    if (c.town == town && c.variant == variant && c.metric == metric) return c;
  FAIL("no comparison " << town << " " << variant << " " << metric);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("more training flats in Jirkov do not reduce households reaching a lease",
          "[scenarios][directional]") {
  // Jirkov's training flats are the narrow rung (scenarios/jirkov.json). With common random
  // numbers the paired difference must not be significantly negative (95 % CI upper end
  // >= 0), and the flats must be used: promotions into them must rise.
  ojson doc = load_document("scenarios/jirkov.json");
  LoadResult base = load_scenario_json(doc);
  REQUIRE(base.ok());
  LoadResult more = apply_variant(doc, "training_plus10");
  REQUIRE(more.ok());
  std::vector<CompiledModel> models{compile(*base.scenario),
                                    compile(*more.scenario, "training_plus10")};
  RunOptions o;
  o.replications = 60;
  RunResult r = run_models(models, o);
  const Comparison& lease = find(r, "jirkov", "training_plus10", "reached_lease_share");
  INFO("diff " << lease.diff_mean << " [" << lease.diff_ci_low << ", " << lease.diff_ci_high
               << "]");
  CHECK(lease.diff_ci_high >= 0);
  const Comparison& flats = find(r, "jirkov", "training_plus10", "promotions:training_flat");
  INFO("training-flat placements diff " << flats.diff_mean);
  CHECK(flats.diff_ci_low > 0);
}

TEST_CASE("every shipped scenario runs a few replications of every variant", "[scenarios]") {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(PROSTUP_SOURCE_DIR) + "/scenarios")) {
    const auto p = entry.path();
    if (p.extension() != ".json" || p.filename() == "scenario.schema.json") continue;
    INFO(p.filename().string());
    ojson doc = load_document("scenarios/" + p.filename().string());
    LoadResult base = load_scenario_json(doc);
    REQUIRE(base.ok());
    std::vector<CompiledModel> models{compile(*base.scenario)};
    for (const auto& v : base.scenario->variants) {
      LoadResult vr = apply_variant(doc, v.id);
      REQUIRE(vr.ok());
      models.push_back(compile(*vr.scenario, v.id));
    }
    RunOptions o;
    o.replications = 2;
    o.months = 12;
    RunResult r = run_models(models, o);
    CHECK(r.results.size() == models.size() * (base.scenario->towns.size() + 1));
    CHECK(r.info.household_months > 0);
  }
}

TEST_CASE("bench-ladder-1 as a scenario runs with its stated sizes", "[scenarios][bench]") {
  ojson doc = load_document("benchmarks/bench-ladder-1.json");
  LoadResult r = load_scenario_json(doc);
  REQUIRE(r.ok());
  const Scenario& s = *r.scenario;
  REQUIRE(s.towns.size() == 1);
  // docs/benchmark-model.md: N = 100000; capacities round(0.15N), round(0.25N), round(0.10N),
  // round(0.30N); shelter and hostel full, the rest on the street.
  const Town& t = s.towns[0];
  CHECK(t.capacity.at(s.stages[1].id).initial == 15000);
  CHECK(t.capacity.at(s.stages[2].id).initial == 25000);
  CHECK(t.capacity.at(s.stages[3].id).initial == 10000);
  CHECK(t.capacity.at(s.stages[4].id).initial == 30000);
  int total = 0;
  for (const auto& [id, n] : t.initial) total += n;
  CHECK(total == 100000);
  CHECK(t.replace_exits);
  CHECK(s.simulation.months == 120);
  // One replication of 12 months: the closed population stays at N every month.
  CompiledModel m = compile(s);
  SimulateOptions o;
  o.months = 12;
  ReplicationOutcome out = simulate(m, 0, 0, o);
  const std::size_t M1 = 13;
  for (std::size_t month = 0; month < M1; ++month) {
    double n = 0;
    for (int st = 0; st < m.n_stages(); ++st) n += out.occupancy[st * M1 + month];
    CHECK(n == 100000);
  }
  CHECK(out.exits > 0);
  CHECK(out.arrivals == out.exits);  // each exit replaced at once
}

// Scenario-level checks on the shipped scenarios: they run, and where the bottleneck is known
// the direction of a variant's effect is right.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"

using namespace prostup;

namespace {

ojson load_document(const std::string& rel) {
  std::ifstream in(std::string(PROSTUP_SOURCE_DIR) + "/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  LoadResult r = load_scenario_text(ss.str());
  for (const auto& d : r.diagnostics) UNSCOPED_INFO(rel << ": " << d.pointer << ": " << d.message);
  REQUIRE(r.ok());
  return r.document;
}

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
  std::vector<CompiledModel> models{compile(*base.scenario), compile(*more.scenario, "training_plus10")};
  RunOptions o;
  o.replications = 60;
  RunResult r = run_models(models, o);
  const Comparison& lease = find(r, "jirkov", "training_plus10", "reached_lease_share");
  INFO("diff " << lease.diff_mean << " [" << lease.diff_ci_low << ", " << lease.diff_ci_high << "]");
  CHECK(lease.diff_ci_high >= 0);
  const Comparison& flats = find(r, "jirkov", "training_plus10", "promotions:training_flat");
  INFO("training-flat placements diff " << flats.diff_mean);
  CHECK(flats.diff_ci_low > 0);
}

TEST_CASE("every shipped scenario runs a few replications of every variant", "[scenarios]") {
  for (const auto& entry : std::filesystem::directory_iterator(std::string(PROSTUP_SOURCE_DIR) + "/scenarios")) {
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

// SPDX-License-Identifier: Apache-2.0
// `prostup sweep`: grid order, the shape of sweep.csv, the manifest, and that each point is
// the scenario with those values run with the scenario's seed, whatever the thread count.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "prostup/cli.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"
#include "test_files.hpp"

using namespace prostup;
namespace fs = std::filesystem;

namespace {

const std::string kFixture =
    std::string(PROSTUP_SOURCE_DIR) + "/tests/fixtures/plan-one-lease.json";

std::string read_text(const fs::path& p) {
  return prostup::test::read_bytes(p);
}

std::vector<std::vector<std::string>> read_csv(const fs::path& p) {
  // The sweep's fields here never need quoting (ids, pointers without commas, numbers).
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_text(p));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> row;
    std::string field;
    std::istringstream ls(line);
    while (std::getline(ls, field, ',')) row.push_back(field);
    if (!line.empty() && line.back() == ',') row.push_back("");
    rows.push_back(row);
  }
  return rows;
}

using prostup::test::TempDir;

SweepArgs grid_args(const fs::path& out, int threads) {
  SweepArgs a;
  a.file = kFixture;
  a.out_dir = out.string();
  a.sets = {"/towns/town/capacity/lease=10:20:10", "/towns/town/capacity/shelter=50:150:50"};
  a.replications = 12;
  a.threads = threads;
  a.quiet = true;
  a.no_report = true;
  return a;
}

}  // namespace

TEST_CASE("sweep.csv: points in grid order, one row per town, point, metric and parameter",
          "[sweep]") {
  TempDir tmp("sweep");
  REQUIRE(cmd_sweep(grid_args(tmp.path / "out", 2)) == kExitOk);
  const fs::path out = tmp.path / "out";
  for (const char* f : {"sweep.csv", "sweep_points.json", "manifest.json"})
    CHECK(fs::exists(out / f));

  const auto rows = read_csv(out / "sweep.csv");
  REQUIRE(!rows.empty());
  CHECK(rows[0] == std::vector<std::string>{"town", "point", "parameter", "value", "metric", "mean",
                                            "ci_low", "ci_high"});
  // Coordinates of each point as the rows give them.
  std::map<std::string, std::map<std::string, std::string>> coords;
  std::map<std::string, int> rows_per_town;
  std::set<std::string> metrics;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == 8);
    coords[rows[i][1]][rows[i][2]] = rows[i][3];
    ++rows_per_town[rows[i][0]];
    metrics.insert(rows[i][4]);
  }
  const std::vector<std::pair<std::string, std::string>> expected{
      {"10", "50"}, {"10", "100"}, {"10", "150"}, {"20", "50"}, {"20", "100"}, {"20", "150"}};
  REQUIRE(coords.size() == expected.size());
  for (std::size_t p = 0; p < expected.size(); ++p) {
    INFO("point " << p + 1);
    const auto& c = coords.at(std::to_string(p + 1));
    CHECK(c.at("/towns/town/capacity/lease") == expected[p].first);
    CHECK(c.at("/towns/town/capacity/shelter") == expected[p].second);
  }
  // Two result rows ("town" and "*"), each with every metric for every point and parameter.
  CHECK(rows_per_town.size() == 2);
  CHECK(rows_per_town.at("town") == static_cast<int>(6 * metrics.size() * 2));
  CHECK(rows_per_town.at("*") == rows_per_town.at("town"));
  CHECK(metrics.count("reached_lease_share") == 1);

  const auto pts = nlohmann::json::parse(read_text(out / "sweep_points.json"));
  REQUIRE(pts["points"].size() == 6);
  CHECK(pts["points"][4]["point"] == 5);
  CHECK(pts["points"][4]["values"]["/towns/town/capacity/lease"] == 20);
  CHECK(pts["points"][4]["values"]["/towns/town/capacity/shelter"] == 100);

  const auto m = nlohmann::json::parse(read_text(out / "manifest.json"));
  CHECK(m["command"] == "sweep");
  CHECK(m["seed"] == 11);
  CHECK(m["replications"] == 12);
  CHECK(m["months"] == 36);
  CHECK(m["scenario"]["sha256"].get<std::string>().size() == 64);
  CHECK(m["sweep"]["axes"].size() == 2);
  CHECK(m["sweep"]["points"] == 6);
  CHECK(m["household_months"].get<long long>() > 0);
  CHECK(m.contains("wall_seconds"));
  CHECK(m.contains("started_at"));
}

TEST_CASE("each sweep point equals a run of the patched scenario, for any thread count",
          "[sweep][crn]") {
  TempDir tmp("sweep-threads");
  REQUIRE(cmd_sweep(grid_args(tmp.path / "one", 1)) == kExitOk);
  REQUIRE(cmd_sweep(grid_args(tmp.path / "four", 4)) == kExitOk);
  const std::string csv = read_text(tmp.path / "one" / "sweep.csv");
  CHECK(csv == read_text(tmp.path / "four" / "sweep.csv"));

  // Point 5 (lease 20, shelter 100) against the document patched by hand.
  LoadResult base = load_scenario_text(read_text(kFixture));
  REQUIRE(base.ok());
  ojson doc = base.document;
  doc.erase("variants");
  doc["towns"]["town"]["capacity"]["lease"] = 20;
  doc["towns"]["town"]["capacity"]["shelter"] = 100;
  LoadResult patched = load_scenario_json(doc);
  REQUIRE(patched.ok());
  RunOptions o;
  o.replications = 12;
  RunResult r = run_models({compile(*patched.scenario)}, o);
  std::size_t k = 0;
  while (r.metric_info[k].name != "reached_lease_share") ++k;
  const double mean = r.find("town", "baseline")->metrics[k].mean;
  bool found = false;
  for (const auto& row : read_csv(tmp.path / "one" / "sweep.csv"))
    if (row[0] == "town" && row[1] == "5" && row[4] == "reached_lease_share") {
      CHECK(std::stod(row[5]) == Approx(mean).epsilon(1e-15));
      found = true;
    }
  CHECK(found);
}

TEST_CASE("sweep refuses bad ranges and invalid points without writing anything", "[sweep]") {
  TempDir tmp("sweep-bad");
  SweepArgs a = grid_args(tmp.path / "out", 1);
  a.sets = {"/towns/town/capacity/lease=0:10:5", "/towns/town/capacity/leas=0:10:5"};
  CHECK(cmd_sweep(a) == kExitInvalid);
  a.sets = {"/towns/town/capacity/lease=-10:0:5"};  // a negative capacity is invalid
  CHECK(cmd_sweep(a) == kExitInvalid);
  a.sets = {"/towns/town/capacity/lease=0:10:5", "/towns/town/capacity/lease=0:10:5"};
  CHECK(cmd_sweep(a) == kExitInvalid);
  a.sets = {"/variants/more_leases/patch/towns/town/capacity/lease=0:10:5"};
  CHECK(cmd_sweep(a) == kExitInvalid);
  CHECK_FALSE(fs::exists(tmp.path / "out"));
}

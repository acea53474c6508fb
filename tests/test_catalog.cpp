// SPDX-License-Identifier: Apache-2.0
// The run catalog's database: records read back, concurrent writers, damaged and newer files,
// and the scenario diff by JSON pointer (docs/catalog.md).
#include <sqlite3.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

#include "prostup/catalog.hpp"
#include "prostup/results.hpp"
#include "test_files.hpp"

using namespace prostup;
using prostup::test::TempDir;

namespace {

CatalogRun sample_run(const std::string& name, long long seed) {
  CatalogRun r;
  r.recorded_at = "2026-01-01T00:00:00Z";
  r.started_at = "2026-01-01T00:00:00Z";
  r.command = "run";
  r.program_version = "0.1.0";
  r.scenario_name = name;
  r.scenario_sha256 = "abc";
  r.scenario_text = R"({"name": ")" + name + R"(", "simulation": {"seed": 1}})";
  r.seed = seed;
  r.replications = 10;
  r.months = 24;
  r.variants = {"baseline", "more_flats"};
  r.output_dir = "/tmp/out";
  r.details = "{}";
  return r;
}

std::vector<CatalogOutcome> sample_outcomes(double share) {
  return {{"most", "baseline", "reached_lease_share", "share", -1, share, share - 0.01,
           share + 0.01, 10, true},
          {"most", "baseline", "median_months_to_lease", "months", -1, kUndefined, kUndefined,
           kUndefined, 0, true}};
}

}  // namespace

TEST_CASE("a recorded run reads back with its outcomes", "[catalog]") {
  TempDir dir;
  const std::string path = (dir.path / "sub" / "catalog.sqlite").string();
  long long id = 0;
  {
    Catalog c(path);  // creates the folder and the schema
    id = c.record(sample_run("most", 7), sample_outcomes(0.4));
    c.record(sample_run("other", 8), sample_outcomes(0.5));
  }
  Catalog c(path);
  const auto r = c.get(id);
  REQUIRE(r);
  CHECK(r->scenario_name == "most");
  CHECK(r->seed == 7);
  CHECK(r->variants == std::vector<std::string>{"baseline", "more_flats"});
  CHECK(c.list().size() == 2);
  CHECK(c.list("other").size() == 1);
  CHECK_FALSE(c.get(id + 100));
  const auto o = c.outcomes(id);
  REQUIRE(o.size() == 2);
  CHECK(o[0].mean == 0.4);
  CHECK(o[0].headline);
  CHECK(o[0].point == -1);
  CHECK(std::isnan(o[1].mean));  // undefined stays undefined, not 0
}

TEST_CASE("concurrent writers all get recorded", "[catalog]") {
  TempDir dir;
  const std::string path = (dir.path / "catalog.sqlite").string();
  constexpr int kWriters = 4, kEach = 10;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  std::mutex first_error_mutex;
  std::string first_error;
  for (int w = 0; w < kWriters; ++w)
    threads.emplace_back([&, w] {
      try {
        Catalog c(path);  // each its own connection, as separate processes would have
        for (int i = 0; i < kEach; ++i)
          c.record(sample_run("w", w * 100 + i), sample_outcomes(0.1));
      } catch (const std::exception& e) {
        ++failures;
        const std::lock_guard<std::mutex> lock(first_error_mutex);
        if (first_error.empty()) first_error = e.what();
      }
    });
  for (auto& t : threads) t.join();
  INFO("first error: " << first_error);
  CHECK(failures == 0);
  Catalog c(path);
  CHECK(c.list().size() == kWriters * kEach);
}

TEST_CASE("a damaged catalog is refused with its path", "[catalog]") {
  TempDir dir;
  const auto path = dir.path / "catalog.sqlite";
  std::ofstream(path) << std::string(4096, 'x');
  try {
    Catalog c(path.string());
    FAIL("a damaged file was accepted");
  } catch (const CatalogError& e) {
    CHECK_THAT(e.what(), Catch::Contains(path.string()));
  }
}

TEST_CASE("a catalog locked past the busy timeout gives a CatalogError, not a hang", "[catalog]") {
  TempDir dir;
  const std::string path = (dir.path / "catalog.sqlite").string();
  { Catalog c(path); }
  sqlite3* holder = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &holder) == SQLITE_OK);
  REQUIRE(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  try {
    Catalog c(path, 50);
    c.record(sample_run("most", 1), sample_outcomes(0.4));
    FAIL("recorded while another connection held the lock");
  } catch (const CatalogError& e) {
    CHECK_THAT(e.what(), Catch::Contains("locked"));
  }
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  Catalog c(path);  // released: the record goes in
  CHECK(c.record(sample_run("most", 1), sample_outcomes(0.4)) == 1);
}

TEST_CASE("a catalog of a newer schema version is refused", "[catalog]") {
  TempDir dir;
  const std::string path = (dir.path / "catalog.sqlite").string();
  { Catalog c(path); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const std::string sql = "PRAGMA user_version=" + std::to_string(kCatalogSchemaVersion + 1);
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  try {
    Catalog c(path);
    FAIL("a newer catalog was accepted");
  } catch (const CatalogError& e) {
    CHECK_THAT(e.what(), Catch::Contains("newer"));
  }
}

TEST_CASE("json_diff names every changed, added and removed leaf by pointer", "[catalog]") {
  const auto d = json_diff(R"({"a": {"b/c": 1, "x": [1, 2]}, "gone": true})",
                           R"({"a": {"b/c": 2, "x": [1, 2, 3]}, "new": "v"})");
  REQUIRE(d.size() == 4);
  CHECK(d[0].pointer == "/a/b~1c");
  CHECK(d[0].before == "1");
  CHECK(d[0].after == "2");
  CHECK(d[1].pointer == "/a/x/2");
  CHECK(d[1].before.empty());
  CHECK(d[2].pointer == "/gone");
  CHECK(d[2].after.empty());
  CHECK(d[3].pointer == "/new");
  CHECK(json_diff("{\"a\": 1}", "{\"a\": 1}").empty());
}

TEST_CASE("runs diff shows both intervals and the move of each headline outcome", "[catalog]") {
  CatalogRun a = sample_run("most", 1), b = sample_run("most", 2);
  a.id = 1;
  b.id = 2;
  b.scenario_text = R"({"name": "most", "simulation": {"seed": 2}})";
  const std::string text = format_run_diff(a, sample_outcomes(0.4), b, sample_outcomes(0.45));
  CHECK_THAT(text, Catch::Contains("changed  /simulation/seed: 1 -> 2"));
  CHECK_THAT(text, Catch::Contains("seed: 1 -> 2"));
  CHECK_THAT(text,
             Catch::Contains("40.0 % [39.0 %, 41.0 %] -> 45.0 % [44.0 %, 46.0 %]  (+5.0 pp)"));
}

TEST_CASE("runs diff reads the scenario as written, marks moves against both intervals",
          "[catalog]") {
  CatalogRun a = sample_run("most", 1), b = sample_run("most", 1);
  a.id = 1;
  b.id = 2;
  // As written: a distribution's mean and an assumption; the canonical text (alpha/beta of
  // the beta) differs too but is not what the user changed.
  a.scenario_source = R"({"p": {"comply": {"dist": "beta", "mean": 0.92, "sd": 0.03}},
                         "assumptions": {"compliance": "old"}})";
  b.scenario_source = R"({"p": {"comply": {"dist": "beta", "mean": 0.8, "sd": 0.03}},
                         "assumptions": {"compliance": "new"}})";
  a.scenario_text = R"({"p": {"comply": {"alpha": 74.3}}})";
  b.scenario_text = R"({"p": {"comply": {"alpha": 141.4}}})";
  auto oa = sample_outcomes(0.4), ob = sample_outcomes(0.45);  // [39, 41] -> [44, 46]: ▲
  oa.push_back({"most", "baseline", "cost_total", "CZK", -1, 100, 90, 110, 10, false});
  ob.push_back({"most", "baseline", "cost_total", "CZK", -1, 95, 85, 105, 10, false});  // =
  // The all-towns rows of a one-town scenario repeat the town's: shown once.
  oa.push_back({"*", "baseline", "reached_lease_share", "share", -1, 0.4, 0.39, 0.41, 10, true});
  ob.push_back({"*", "baseline", "reached_lease_share", "share", -1, 0.45, 0.44, 0.46, 10, true});
  // A cohort's rows are their own, not a second copy of the town's.
  CatalogOutcome arm{"most", "baseline", "reached_lease_share", "share", -1, 0.9, 0.85, 0.95,
                     10,     true};
  arm.cohort = "hf_arm";
  oa.push_back(arm);
  arm.mean = 0.5, arm.ci_low = 0.45, arm.ci_high = 0.55;  // ▼
  ob.push_back(arm);
  const std::string text = format_run_diff(a, oa, b, ob);
  CHECK_THAT(text, Catch::Contains("Scenario as written"));
  CHECK_THAT(text, Catch::Contains("changed  /p/comply/mean: 0.92 -> 0.8"));
  CHECK_THAT(text, Catch::Contains("changed  /assumptions/compliance: \"old\" -> \"new\""));
  CHECK_THAT(text, !Catch::Contains("alpha"));
  CHECK_THAT(text, Catch::Contains("(+5.0 pp) ▲"));
  CHECK_THAT(text, Catch::Contains("cost_total"));
  CHECK_THAT(text, Catch::Contains("(-5.0) ="));
  CHECK_THAT(text, !Catch::Contains("  *, baseline"));
  CHECK_THAT(text, Catch::Contains("most, baseline, cohort hf_arm"));
  CHECK_THAT(text, Catch::Contains("(-40.0 pp) ▼"));
  // The same as JSON: values as numbers, the marks, the cohort.
  const std::string json = format_run_diff_json(a, oa, b, ob);
  CHECK_THAT(json, Catch::Contains("\"pointer\": \"/p/comply/mean\""));
  CHECK_THAT(json, Catch::Contains("\"before\": 0.92"));
  CHECK_THAT(json, Catch::Contains("\"cohort\": \"hf_arm\""));
  CHECK_THAT(json, Catch::Contains("\"mark\": \"▼\""));
  // Runs recorded before the text as written was kept fall back to the canonical text.
  a.scenario_source.clear();
  const std::string old = format_run_diff(a, oa, b, ob);
  CHECK_THAT(old, Catch::Contains("canonical JSON"));
  CHECK_THAT(old, Catch::Contains("changed  /p/comply/alpha: 74.3 -> 141.4"));
}

TEST_CASE("a version-1 catalog is read as it is and upgraded when a run is recorded", "[catalog]") {
  TempDir dir;
  const std::string path = (dir.path / "catalog.sqlite").string();
  {
    // The version-1 schema as the first landing wrote it, with one run.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const char* v1 =
        "CREATE TABLE runs(id INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at TEXT NOT NULL, "
        "started_at TEXT, command TEXT NOT NULL, program_version TEXT, scenario_name TEXT, "
        "scenario_path TEXT, scenario_sha256 TEXT, scenario_text TEXT, seed INTEGER, "
        "replications INTEGER, months INTEGER, variants TEXT, output_dir TEXT, details TEXT);"
        "CREATE TABLE outcomes(run_id INTEGER NOT NULL REFERENCES runs(id), town TEXT NOT NULL, "
        "variant TEXT NOT NULL, point INTEGER, metric TEXT NOT NULL, unit TEXT, headline "
        "INTEGER NOT NULL, mean REAL, ci_low REAL, ci_high REAL, replications INTEGER);"
        "INSERT INTO runs(recorded_at, command, scenario_name, scenario_text, seed) "
        "VALUES('2026-01-01T00:00:00Z', 'run', 'most', '{}', 3);"
        "INSERT INTO outcomes(run_id, town, variant, metric, headline, mean) "
        "VALUES(1, 'most', 'baseline', 'evictions', 1, 2.5);"
        "PRAGMA user_version=1;";
    REQUIRE(sqlite3_exec(db, v1, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  {
    Catalog c(path, 10000, true);  // reading changes nothing
    const auto r = c.get(1);
    REQUIRE(r);
    CHECK(r->seed == 3);
    CHECK(r->scenario_source.empty());
    REQUIRE(c.outcomes(1).size() == 1);
    CHECK(c.outcomes(1)[0].cohort == "all");
  }
  {
    Catalog c(path);  // a writer upgrades it
    CatalogRun run = sample_run("most", 4);
    run.scenario_source = "{\"as\": \"written\"}";
    auto outcomes = sample_outcomes(0.3);
    outcomes[0].cohort = "hf_arm";
    const long long id = c.record(run, outcomes);
    CHECK(c.get(id)->scenario_source == "{\"as\": \"written\"}");
    CHECK(c.outcomes(id)[0].cohort == "hf_arm");
    CHECK(c.get(1)->seed == 3);  // the old run is still there
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == kCatalogSchemaVersion);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

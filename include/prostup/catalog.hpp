// SPDX-License-Identifier: Apache-2.0
// The run catalog (docs/catalog.md): a SQLite database where every `run`, `sweep` and `plan`
// records what it simulated (the scenario's canonical text and SHA-256, seed, replications,
// variants, output folder) and its outcomes table, so runs stay comparable after their
// folders are gone. WAL journal and a busy timeout let several runs record at once.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace prostup {

// The schema this program writes (PRAGMA user_version); a newer catalog is refused, an older
// one is upgraded in place when a run is recorded into it (version 1 -> 2: the scenario as
// written and the outcomes' cohort column) and read as it is otherwise.
inline constexpr int kCatalogSchemaVersion = 2;

// A catalog that cannot be opened, is damaged, locked past the busy timeout, or newer.
struct CatalogError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// --catalog PATH / --no-catalog of run, sweep and plan.
struct CatalogOptions {
  std::string path;  // "" = $PROSTUP_CATALOG, else prostup-out/catalog.sqlite
  bool disabled = false;
};

// The catalog file the options name.
std::string catalog_path(const CatalogOptions& opt);

struct CatalogRun {
  long long id = 0;
  std::string recorded_at;  // ISO 8601 UTC, when recorded
  std::string started_at;   // from the manifest
  std::string command;      // run, sweep, plan
  std::string program_version;
  std::string scenario_name, scenario_path, scenario_sha256;
  std::string scenario_text;    // canonical JSON (to_json of the validated scenario)
  std::string scenario_source;  // the scenario as the user wrote it ("" in version-1 rows)
  long long seed = 0;
  int replications = 0, months = 0;
  std::vector<std::string> variants;
  std::string output_dir;  // absolute
  std::string details;     // JSON: the sweep's or plan's definition ("{}" for a run)
};

// One row of a recorded outcomes table. `point` is -1 for a run, the point number for a
// sweep and the value tried for a plan.
struct CatalogOutcome {
  std::string town, variant, metric, unit;
  long long point = -1;
  double mean = 0, ci_low = 0, ci_high = 0;  // NaN = undefined
  int replications = 0;
  bool headline = false;
  std::string cohort = "all";  // outcomes.csv's cohort ("all" in version-1 rows)
};

class Catalog {
 public:
  // Opens (creating when missing) and checks the schema version. Throws CatalogError, also
  // when another connection holds the write lock for longer than `busy_timeout_ms`. A file
  // that exists is read first without changing it, and refused unless it is a prostup catalog
  // of a known version (or an empty SQLite file); `read_only` (runs list/show/diff, Python)
  // opens it with SQLITE_OPEN_READONLY only, creates nothing, and reads a catalog in a folder
  // it cannot write as an immutable file. `cancel` (set by a signal handler) ends a wait for
  // the lock at once, with CatalogError, here and in record().
  explicit Catalog(const std::string& path, int busy_timeout_ms = 10000, bool read_only = false,
                   const std::atomic<bool>* cancel = nullptr);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // Records one run in a single transaction; returns its id.
  long long record(const CatalogRun& run, const std::vector<CatalogOutcome>& outcomes);
  // Newest last; only runs of scenario `scenario_name` when not empty.
  std::vector<CatalogRun> list(const std::string& scenario_name = {});
  std::optional<CatalogRun> get(long long id);
  std::vector<CatalogOutcome> outcomes(long long id);

 private:
  struct Db;
  Db* db_;
  std::string path_;
};

// What a command that wrote `out_dir` (manifest.json and its tables) records: reads the
// folder and records it in one transaction. Returns the run id, or -1 when disabled. Throws
// CatalogError (or std::runtime_error for a folder it cannot read); `cancel` (a signal
// handler's flag) ends a wait for a locked catalog at once, with CatalogError. The command
// line's record_in_catalog (sim/app/app_support.hpp) turns a failure into a warning: the
// outputs stay as written.
long long record_output(const CatalogOptions& opt, const std::string& command,
                        const std::string& scenario_text, const std::filesystem::path& out_dir,
                        const std::atomic<bool>* cancel = nullptr);

// `prostup runs list|show|diff` output.
std::string format_run_list(const std::vector<CatalogRun>& runs);
std::string format_run(const CatalogRun& run, const std::vector<CatalogOutcome>& outcomes);
std::string format_run_diff(const CatalogRun& a, const std::vector<CatalogOutcome>& oa,
                            const CatalogRun& b, const std::vector<CatalogOutcome>& ob);
// The same as JSON (`prostup runs diff --json`, Python's run_diff(..., as_frame=True)):
// {"runs", "scenario": {"basis", "changes"}, "settings", "outcomes"} (docs/catalog.md).
std::string format_run_diff_json(const CatalogRun& a, const std::vector<CatalogOutcome>& oa,
                                 const CatalogRun& b, const std::vector<CatalogOutcome>& ob);

// Every leaf that differs between two JSON texts, by RFC 6901 pointer:
// {pointer, old value or "" when added, new value or "" when removed}.
struct JsonChange {
  std::string pointer, before, after;
};
std::vector<JsonChange> json_diff(const std::string& before, const std::string& after);

}  // namespace prostup

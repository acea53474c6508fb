// SPDX-License-Identifier: Apache-2.0
// The run catalog in SQLite (include/prostup/catalog.hpp, docs/catalog.md).
#include "prostup/catalog.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "prostup/model.hpp"
#include "prostup/number_text.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"
#include "run_support.hpp"
#include "scenario_cli.hpp"
#include "scenario_internal.hpp"

namespace prostup {

namespace fs = std::filesystem;

// What the busy handler needs: the total wait allowed and the flag that ends it early.
struct BusyWait {
  int timeout_ms = 0;
  const std::atomic<bool>* cancel = nullptr;
  std::chrono::steady_clock::time_point since{};
};

struct Catalog::Db {
  sqlite3* handle = nullptr;
  BusyWait busy;
  int version = kCatalogSchemaVersion;  // of the file: a read-only open may find version 1
};

namespace {

// A prepared statement that finalizes itself.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql, const std::string& path) : db_(db), path_(path) {
    if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK) fail();
  }
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& bind(int i, const std::string& s) {
    sqlite3_bind_text(st_, i, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, long long v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
  }
  Stmt& bind_real(int i, double v) {  // NaN (undefined) is stored as NULL
    if (std::isnan(v))
      sqlite3_bind_null(st_, i);
    else
      sqlite3_bind_double(st_, i, v);
    return *this;
  }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(st_, i);
    return *this;
  }
  bool step() {  // true while there is a row
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail();
    return false;
  }
  void reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
  std::string text(int c) const {
    const unsigned char* t = sqlite3_column_text(st_, c);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  long long integer(int c) const { return sqlite3_column_int64(st_, c); }
  double real(int c) const {
    return sqlite3_column_type(st_, c) == SQLITE_NULL ? kUndefined : sqlite3_column_double(st_, c);
  }
  bool null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }

 private:
  [[noreturn]] void fail() const {
    throw CatalogError("catalog " + path_ + ": " + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  std::string path_;
};

void exec(sqlite3* db, const char* sql, const std::string& path) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    throw CatalogError("catalog " + path + ": " + msg);
  }
}

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recorded_at TEXT NOT NULL,
  started_at TEXT,
  command TEXT NOT NULL,
  program_version TEXT,
  scenario_name TEXT,
  scenario_path TEXT,
  scenario_sha256 TEXT,
  scenario_text TEXT,
  seed INTEGER,
  replications INTEGER,
  months INTEGER,
  variants TEXT,
  output_dir TEXT,
  details TEXT,
  scenario_source TEXT);
CREATE INDEX IF NOT EXISTS runs_by_scenario ON runs(scenario_name);
CREATE TABLE IF NOT EXISTS outcomes(
  run_id INTEGER NOT NULL REFERENCES runs(id),
  town TEXT NOT NULL,
  variant TEXT NOT NULL,
  point INTEGER,
  metric TEXT NOT NULL,
  unit TEXT,
  headline INTEGER NOT NULL,
  mean REAL,
  ci_low REAL,
  ci_high REAL,
  replications INTEGER,
  cohort TEXT);
CREATE INDEX IF NOT EXISTS outcomes_by_run ON outcomes(run_id);
)sql";

// Version 1 -> 2: the scenario as written beside the canonical text, and the outcomes' cohort
// (version-1 rows read as "" and "all").
const char* kUpgrade1to2 = R"sql(
ALTER TABLE runs ADD COLUMN scenario_source TEXT;
ALTER TABLE outcomes ADD COLUMN cohort TEXT;
)sql";

// Text stored in a row, parsed as JSON (a discarded value when it is not). A row nested
// deeper than kMaxStoredNesting levels (a tampered catalog) is not parsed: the walks over
// it (flatten, dump) recurse once per level and would overflow the stack.
constexpr int kMaxStoredNesting = 256;
ojson parse_stored(const std::string& text) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxStoredNesting)
        return ojson("(not shown: nested deeper than " + std::to_string(kMaxStoredNesting) +
                     " levels)");
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return ojson::parse(text, nullptr, false);
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

CatalogRun read_run(const Stmt& st) {
  CatalogRun r;
  r.id = st.integer(0);
  r.recorded_at = st.text(1);
  r.started_at = st.text(2);
  r.command = st.text(3);
  r.program_version = st.text(4);
  r.scenario_name = st.text(5);
  r.scenario_path = st.text(6);
  r.scenario_sha256 = st.text(7);
  r.scenario_text = st.text(8);
  r.seed = st.integer(9);
  r.replications = static_cast<int>(st.integer(10));
  r.months = static_cast<int>(st.integer(11));
  const ojson v = parse_stored(st.text(12));
  if (v.is_array())
    for (const auto& x : v)
      if (x.is_string()) r.variants.push_back(x.get<std::string>());
  r.output_dir = st.text(13);
  r.details = st.text(14);
  r.scenario_source = st.null(15) ? std::string() : st.text(15);
  return r;
}

// The runs' columns as read_run expects them; a version-1 file has no scenario_source.
std::string run_columns(int version) {
  return std::string(
             "id, recorded_at, started_at, command, program_version, scenario_name, "
             "scenario_path, scenario_sha256, scenario_text, seed, replications, months, "
             "variants, output_dir, details, ") +
         (version >= 2 ? "scenario_source" : "NULL");
}

}  // namespace

std::string catalog_path(const CatalogOptions& opt) {
  if (!opt.path.empty()) return opt.path;
  if (const char* env = std::getenv("PROSTUP_CATALOG"); env && *env) return env;
  return (fs::path("prostup-out") / "catalog.sqlite").string();
}

namespace {

// "file:PATH?immutable=1" for sqlite3_open_v2 with SQLITE_OPEN_URI (percent-encoded).
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (const unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20) {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      uri += hex;
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri + "?immutable=1";
}

sqlite3* open_db(const std::string& name, int flags, const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(name.c_str(), &db, flags | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw CatalogError("cannot open catalog " + path + ": " + why);
  }
  return db;
}

// The schema version of an existing catalog, read without changing it; refuses a file that
// is not a prostup catalog of a version this program knows. `fresh_ok`: an SQLite file with
// no tables at all (an empty file, or one another command is creating) counts as version 0.
int checked_version(sqlite3* db, const std::string& path, bool fresh_ok) {
  int found = 0;
  long long tables = 0;
  try {
    // One statement, so both are read from one snapshot: read separately, another process
    // creating the catalog could commit in between (version 0 but tables present).
    Stmt st(db,
            "SELECT (SELECT user_version FROM pragma_user_version), "
            "(SELECT count(*) FROM sqlite_master)",
            path);
    if (st.step()) {
      found = static_cast<int>(st.integer(0));
      tables = st.integer(1);
    }
  } catch (const CatalogError& e) {
    throw CatalogError("catalog " + path + " is not a prostup catalog (" + e.what() + ")");
  }
  if (found > kCatalogSchemaVersion)
    throw CatalogError("catalog " + path + " has schema version " + std::to_string(found) +
                       ", newer than this prostup understands (" +
                       std::to_string(kCatalogSchemaVersion) +
                       "); use a newer prostup or another --catalog");
  if (found == 0 && (tables > 0 || !fresh_ok))
    throw CatalogError("catalog " + path + " is not a prostup catalog (" +
                       (tables > 0 ? "an SQLite file of another application" : "no runs in it") +
                       "); it was not changed; use another --catalog");
  return found;
}

// WAL lets a reader look while a run is recorded; the mode is kept in the file, so only the
// first opener switches it. The switch needs the file to itself and SQLite does not call the
// busy handler for it, so another opener's moment of reading is waited out here. Returns
// whether the file is in WAL mode (a file system that refuses it keeps the rollback journal).
bool use_wal(sqlite3* db, const std::string& path, int busy_timeout_ms,
             const std::atomic<bool>* cancel) {
  const auto give_up =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  bool switched = false;
  for (;;) {
    {
      Stmt mode(db, "PRAGMA journal_mode", path);
      if (mode.step() && mode.text(0) == "wal") return true;
    }
    if (switched) return false;
    char* err = nullptr;
    const int rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, &err);
    std::string msg = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    if (rc == SQLITE_OK) {
      switched = true;  // read the mode the file is in now
      continue;
    }
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > give_up ||
        (cancel && cancel->load()))
      throw CatalogError("catalog " + path + ": " + msg);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Waits out another connection's lock as sqlite3_busy_timeout does (the same total wait),
// but gives up at once when the cancel flag is set (Ctrl-C while a locked catalog is waited
// for): sleeps of at most 10 ms, the flag checked before each.
extern "C" int busy_wait(void* arg, int count) {
  auto* w = static_cast<BusyWait*>(arg);
  const auto now = std::chrono::steady_clock::now();
  if (count == 0) w->since = now;
  if (w->cancel && w->cancel->load()) return 0;
  const auto left = std::chrono::milliseconds(w->timeout_ms) -
                    std::chrono::duration_cast<std::chrono::milliseconds>(now - w->since);
  if (left.count() <= 0) return 0;
  std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(10)));
  return 1;
}

}  // namespace

Catalog::Catalog(const std::string& path, int busy_timeout_ms, bool read_only,
                 const std::atomic<bool>* cancel)
    : db_(new Db), path_(path) {
  db_->busy = {busy_timeout_ms, cancel, {}};
  try {
    std::error_code ec;
    const fs::path p(path);
    const fs::file_status st = fs::status(p, ec);
    // /dev/null, a directory, a FIFO: never opened (SQLite would create PATH-journal beside).
    if (fs::exists(st) && !fs::is_regular_file(st))
      throw CatalogError("catalog " + path + " is not a regular file; use another --catalog");
    if (read_only && !fs::exists(st)) throw CatalogError("no catalog at " + path);
    int found = 0;
    if (fs::exists(st)) {
      // An existing file is read first without writing anything (no journal mode, no
      // schema): a newer catalog or another application's file is refused unchanged.
      sqlite3* db = open_db(path, SQLITE_OPEN_READONLY, path);
      sqlite3_busy_handler(db, busy_wait, &db_->busy);
      try {
        found = checked_version(db, path, !read_only);
      } catch (const CatalogError&) {
        const int code = sqlite3_errcode(db);
        if (!read_only ||
            (code != SQLITE_CANTOPEN && code != SQLITE_READONLY && code != SQLITE_PERM)) {
          sqlite3_close(db);
          throw;
        }
        // A WAL catalog in a folder this user cannot write (read-only media, another user's
        // catalog): SQLite cannot create its -shm file; read it as an immutable file.
        sqlite3_close(db);
        db = open_db(immutable_uri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, path);
        try {
          found = checked_version(db, path, false);
        } catch (...) {
          sqlite3_close(db);
          throw;
        }
      }
      if (read_only) {
        db_->handle = db;
        db_->version = found;
        return;
      }
      sqlite3_close(db);
    }
    if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
    db_->handle = open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, path);
    sqlite3* db = db_->handle;
    // Two runs finishing together wait for each other instead of failing.
    sqlite3_busy_handler(db, busy_wait, &db_->busy);
    if (found < kCatalogSchemaVersion) {
      exec(db, "BEGIN IMMEDIATE", path);
      try {
        // Another process may have created (or upgraded) it while this one waited for the
        // lock; checked again inside the transaction, before anything is written.
        const int now = checked_version(db, path, true);
        if (now == 0) exec(db, kSchema, path);
        if (now == 1) exec(db, kUpgrade1to2, path);
        if (now < kCatalogSchemaVersion)
          exec(db, ("PRAGMA user_version=" + std::to_string(kCatalogSchemaVersion)).c_str(), path);
        exec(db, "COMMIT", path);
      } catch (...) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    } else {
      checked_version(db, path, true);
    }
    // In WAL mode NORMAL syncs at checkpoints, not at every commit: a power cut may lose the
    // last runs recorded (their output folders stay), never the file's consistency. It saves
    // the disk flushes of every record (about 3 ms a run on a virtual disk). Only in WAL
    // mode: where the file system refused it, the rollback journal keeps SQLite's FULL.
    if (use_wal(db, path, busy_timeout_ms, cancel)) exec(db, "PRAGMA synchronous=NORMAL", path);
  } catch (...) {
    sqlite3_close(db_->handle);
    delete db_;
    throw;
  }
}

Catalog::~Catalog() {
  sqlite3_close(db_->handle);
  delete db_;
}

long long Catalog::record(const CatalogRun& run, const std::vector<CatalogOutcome>& outcomes) {
  sqlite3* db = db_->handle;
  exec(db, "BEGIN IMMEDIATE", path_);
  try {
    Stmt ins(db,
             "INSERT INTO runs(recorded_at, started_at, command, program_version, scenario_name, "
             "scenario_path, scenario_sha256, scenario_text, seed, replications, months, "
             "variants, output_dir, details, scenario_source) "
             "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
             path_);
    ins.bind(1, run.recorded_at).bind(2, run.started_at).bind(3, run.command);
    ins.bind(4, run.program_version).bind(5, run.scenario_name).bind(6, run.scenario_path);
    ins.bind(7, run.scenario_sha256).bind(8, run.scenario_text).bind(9, run.seed);
    ins.bind(10, static_cast<long long>(run.replications));
    ins.bind(11, static_cast<long long>(run.months));
    ins.bind(12, ojson(run.variants).dump()).bind(13, run.output_dir).bind(14, run.details);
    ins.bind(15, run.scenario_source);
    ins.step();
    const long long id = sqlite3_last_insert_rowid(db);
    Stmt row(db,
             "INSERT INTO outcomes(run_id, town, variant, point, metric, unit, headline, mean, "
             "ci_low, ci_high, replications, cohort) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
             path_);
    for (const auto& o : outcomes) {
      row.bind(1, id).bind(2, o.town).bind(3, o.variant);
      if (o.point < 0)
        row.bind_null(4);
      else
        row.bind(4, o.point);
      row.bind(5, o.metric).bind(6, o.unit).bind(7, static_cast<long long>(o.headline));
      row.bind_real(8, o.mean).bind_real(9, o.ci_low).bind_real(10, o.ci_high);
      row.bind(11, static_cast<long long>(o.replications)).bind(12, o.cohort);
      row.step();
      row.reset();
    }
    exec(db, "COMMIT", path_);
    return id;
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<CatalogRun> Catalog::list(const std::string& scenario_name) {
  const std::string sql = "SELECT " + run_columns(db_->version) + " FROM runs" +
                          (scenario_name.empty() ? "" : " WHERE scenario_name = ?") +
                          " ORDER BY id";
  Stmt st(db_->handle, sql.c_str(), path_);
  if (!scenario_name.empty()) st.bind(1, scenario_name);
  std::vector<CatalogRun> out;
  while (st.step()) out.push_back(read_run(st));
  return out;
}

std::optional<CatalogRun> Catalog::get(long long id) {
  const std::string sql = "SELECT " + run_columns(db_->version) + " FROM runs WHERE id = ?";
  Stmt st(db_->handle, sql.c_str(), path_);
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_run(st);
}

std::vector<CatalogOutcome> Catalog::outcomes(long long id) {
  const std::string sql =
      std::string(
          "SELECT town, variant, point, metric, unit, headline, mean, ci_low, ci_high, "
          "replications, ") +
      (db_->version >= 2 ? "cohort" : "NULL") + " FROM outcomes WHERE run_id = ? ORDER BY rowid";
  Stmt st(db_->handle, sql.c_str(), path_);
  st.bind(1, id);
  std::vector<CatalogOutcome> out;
  while (st.step()) {
    CatalogOutcome o;
    o.town = st.text(0);
    o.variant = st.text(1);
    o.point = st.null(2) ? -1 : st.integer(2);
    o.metric = st.text(3);
    o.unit = st.text(4);
    o.headline = st.integer(5) != 0;
    o.mean = st.real(6);
    o.ci_low = st.real(7);
    o.ci_high = st.real(8);
    o.replications = static_cast<int>(st.integer(9));
    if (!st.null(10)) o.cohort = st.text(10);
    out.push_back(std::move(o));
  }
  return out;
}

// ---- recording a command's output folder ----

namespace {

// One RFC 4180 line (the writers quote fields holding commas, quotes or line breaks; none of
// the recorded tables has a line break inside a field).
std::vector<std::string> csv_split(const std::string& line, char separator = ',') {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        out.back() += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == separator) {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

// The CSV file as rows of named fields.
std::vector<std::map<std::string, std::string>> read_csv(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::string line;
  std::vector<std::map<std::string, std::string>> rows;
  if (!std::getline(in, line)) return rows;
  // The excel-cs dialect (docs/report.md): a UTF-8 BOM, ';' between fields, decimal commas.
  const bool excel_cs = line.rfind("\xEF\xBB\xBF", 0) == 0;
  if (excel_cs) line.erase(0, 3);
  const char separator = excel_cs ? ';' : ',';
  const auto header = csv_split(line, separator);
  while (std::getline(in, line)) {
    auto f = csv_split(line, separator);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < f.size(); ++i) {
      if (excel_cs && !f[i].empty() && (std::isdigit(static_cast<unsigned char>(f[i].back())))) {
        std::string dotted = f[i];
        std::replace(dotted.begin(), dotted.end(), ',', '.');
        if (number_text::parse(dotted)) f[i] = dotted;  // a number: the point for from_chars
      }
      row[header[i]] = f[i];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

double number(const std::string& s) {
  return s.empty() ? kUndefined : number_text::parse_prefix(s, 0.0);
}

double json_number(const ojson& j) {
  return j.is_number() ? j.get<double>() : kUndefined;
}

std::vector<CatalogOutcome> outcomes_of(const std::string& command, const fs::path& dir,
                                        const ojson& manifest,
                                        const std::vector<MetricInfo>& metrics) {
  std::map<std::string, const MetricInfo*> by_name;
  for (const auto& m : metrics) by_name[m.name] = &m;
  std::vector<CatalogOutcome> out;
  auto add = [&](CatalogOutcome o) {
    if (auto it = by_name.find(o.metric); it != by_name.end()) {
      o.unit = it->second->unit;
      o.headline = it->second->headline;
    }
    out.push_back(std::move(o));
  };
  const int reps = manifest.value("replications", 0);
  if (command == "run") {
    // The rows of all profiles (the catalog's table has no profile column), each cohort's
    // rows apart (a trial's arms: the same metric once per cohort).
    for (const auto& r : read_csv(dir / "outcomes.csv"))
      if (r.count("profile") == 0 || r.at("profile") == "*") {
        CatalogOutcome o{r.at("town"),
                         r.at("variant"),
                         r.at("metric"),
                         "",
                         -1,
                         number(r.at("mean")),
                         number(r.at("ci_low")),
                         number(r.at("ci_high")),
                         std::atoi(r.at("replications").c_str()),
                         false};
        if (auto c = r.find("cohort"); c != r.end() && !c->second.empty()) o.cohort = c->second;
        add(std::move(o));
      }
  } else if (command == "sweep") {
    // sweep.csv repeats a point's rows once per parameter; one copy is the table.
    const std::string variant = manifest.at("sweep").value("variant", "baseline");
    std::string first;
    for (const auto& r : read_csv(dir / "sweep.csv")) {
      if (first.empty()) first = r.at("parameter");
      if (r.at("parameter") != first) continue;
      add({r.at("town"), variant, r.at("metric"), "", std::atoll(r.at("point").c_str()),
           number(r.at("mean")), number(r.at("ci_low")), number(r.at("ci_high")), reps, false});
    }
  } else if (command == "calibrate") {
    // Each observed target: the simulated mean and interval over the posterior's draws.
    for (const auto& r : read_csv(dir / "fit.csv"))
      add({"*", "calibrated", r.at("target"), "", -1, number(r.at("simulated_mean")),
           number(r.at("sim_low")), number(r.at("sim_high")), manifest.value("particles", 0),
           true});
  } else if (command == "plan") {
    std::ifstream in(dir / "plan.json", std::ios::binary);
    const ojson plan = ojson::parse(in);
    for (const auto& p : plan.at("points_sorted"))
      add({plan.at("town").get<std::string>(), plan.at("variant").get<std::string>(),
           plan.at("target").at("metric").get<std::string>(), "", p.at("value").get<long long>(),
           json_number(p.at("mean")), json_number(p.at("ci_low")), json_number(p.at("ci_high")),
           p.value("replications", 0), false});
  }
  return out;
}

}  // namespace

long long record_output(const CatalogOptions& opt, const std::string& command,
                        const std::string& scenario_text, const fs::path& out_dir,
                        const std::atomic<bool>* cancel) {
  if (opt.disabled) return -1;
  const std::string path = catalog_path(opt);
  {
    std::ifstream in(out_dir / "manifest.json", std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + (out_dir / "manifest.json").string());
    const ojson manifest = ojson::parse(in);
    const LoadResult lr = load_scenario_text(scenario_text);
    if (!lr.ok()) throw std::runtime_error("the scenario does not validate");
    CatalogRun run;
    run.recorded_at = detail::utc_now_iso8601();
    run.started_at = manifest.value("started_at", "");
    run.command = command;
    run.program_version = manifest.value("program_version", "");
    run.scenario_name = manifest.at("scenario").value("name", "");
    run.scenario_path = manifest.at("scenario").value("path", "");
    run.scenario_sha256 = manifest.at("scenario").value("sha256", "");
    run.scenario_text = to_json(*lr.scenario).dump(2) + "\n";
    run.scenario_source = scenario_text;
    run.seed = manifest.value("seed", 0LL);
    run.replications = manifest.value("replications", 0);
    run.months = manifest.value("months", 0);
    run.variants = manifest.value("variants", std::vector<std::string>{});
    std::error_code ec;
    run.output_dir = fs::absolute(out_dir, ec).lexically_normal().string();
    if (ec) run.output_dir = out_dir.string();
    run.details = manifest.contains(command) ? manifest.at(command).dump() : "{}";
    if (command == "calibrate")  // how the fit ended, for `runs show` and `runs diff`
      run.details = ojson{{"converged", manifest.value("converged", false)},
                          {"simulations", manifest.value("simulations", 0LL)},
                          {"stop_reason", manifest.value("stop_reason", "")}}
                        .dump();
    const auto metrics = metric_catalogue(compile(*lr.scenario, "baseline"));
    const auto outcomes = outcomes_of(command, out_dir, manifest, metrics);
    if (cancel && *cancel) throw CatalogError("interrupted");  // reading a large sweep.csv
    Catalog catalog(path, 10000, false, cancel);
    return catalog.record(run, outcomes);
  }
}

// ---- text for `prostup runs` ----

namespace {

// Text and integers only: a double goes through number_text (printf follows LC_NUMERIC).
std::string fmt(const char* f, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, f, args...);
  return buf;
}

std::string describe_point(const CatalogRun& r, long long point) {
  if (point < 0) return "";
  return r.command == "plan" ? " (value " + std::to_string(point) + ")"
                             : " (point " + std::to_string(point) + ")";
}

// The leaves of a JSON value by pointer.
void flatten(const ojson& j, const std::string& at, std::map<std::string, std::string>& out) {
  if (j.is_object() && !j.empty()) {
    for (const auto& [k, v] : j.items()) flatten(v, at + "/" + detail::pointer_token(k), out);
  } else if (j.is_array() && !j.empty()) {
    for (std::size_t i = 0; i < j.size(); ++i) flatten(j[i], at + "/" + std::to_string(i), out);
  } else {
    out[at.empty() ? "/" : at] = j.dump();
  }
}

}  // namespace

std::vector<JsonChange> json_diff(const std::string& before, const std::string& after) {
  std::map<std::string, std::string> a, b;
  flatten(parse_stored(before), "", a);
  flatten(parse_stored(after), "", b);
  std::vector<JsonChange> out;
  std::set<std::string> keys;
  for (const auto& [k, v] : a) keys.insert(k);
  for (const auto& [k, v] : b) keys.insert(k);
  for (const auto& k : keys) {
    const auto ia = a.find(k), ib = b.find(k);
    const std::string va = ia == a.end() ? "" : ia->second;
    const std::string vb = ib == b.end() ? "" : ib->second;
    if (va != vb) out.push_back({k, va, vb});
  }
  return out;
}

std::string format_run_list(const std::vector<CatalogRun>& runs) {
  if (runs.empty()) return "No runs recorded.\n";
  std::string s =
      fmt("%5s  %-20s  %-9s  %-20s  %-12s  %10s  %6s  %-24s  %s\n", "id", "recorded (UTC)", "cmd",
          "scenario", "sha256", "seed", "reps", "variants", "output");
  for (const auto& r : runs)
    s += fmt("%5lld  %-20s  %-9s  %-20s  %-12s  %10lld  %6d  %-24s  %s\n", r.id,
             r.recorded_at.c_str(), r.command.c_str(), printable(r.scenario_name).c_str(),
             printable(r.scenario_sha256).substr(0, 12).c_str(), r.seed, r.replications,
             printable(join(r.variants, ",")).c_str(), printable(r.output_dir).c_str());
  return s;
}

std::string format_run(const CatalogRun& r, const std::vector<CatalogOutcome>& outcomes) {
  std::string s =
      fmt("Run %lld: prostup %s %s\n", r.id, r.command.c_str(), r.program_version.c_str());
  s += "  recorded:     " + r.recorded_at + " (started " + r.started_at + ")\n";
  s += "  scenario:     " + printable(r.scenario_name) + " (" + printable(r.scenario_path) + ")\n";
  s += "  sha256:       " + r.scenario_sha256 + "\n";
  s += fmt("  seed:         %lld\n  replications: %d\n  months:       %d\n", r.seed, r.replications,
           r.months);
  s += "  variants:     " + printable(join(r.variants, ", ")) + "\n";
  s += "  output:       " + printable(r.output_dir) + "\n";
  if (r.details != "{}" && !r.details.empty())
    s += "  definition:   " + printable(r.details) + "\n";
  s += "Headline outcomes (mean [95 % CI]):\n";
  std::string group;
  for (const auto& o : outcomes) {
    if (!o.headline) continue;
    const std::string g = printable(o.town + ", " + o.variant) + describe_point(r, o.point);
    if (g != group) s += "  " + (group = g) + "\n";
    s += fmt("    %-32s %s\n", printable(o.metric).c_str(),
             detail::format_ci(o.mean, o.ci_low, o.ci_high, o.unit).c_str());
  }
  return s;
}

namespace {

// What `runs diff` compares, computed once for the text and the JSON.
struct RunDiff {
  std::string basis;                 // "as written" or "canonical"
  std::vector<JsonChange> changes;   // the scenario by pointer, on that basis
  std::vector<JsonChange> defaults;  // canonical changes when the texts as written agree
  std::vector<JsonChange> settings;  // {name, before, after}
  struct Row {
    const CatalogOutcome *before, *after;
    std::string change, mark;  // change of the means in the unit; ▲ ▼ = or "" (no intervals)
  };
  std::vector<Row> rows;
};

// ▲ / ▼ where the two runs' intervals do not overlap (higher / lower), = where they do.
std::string interval_mark(const CatalogOutcome& p, const CatalogOutcome& o) {
  if (!std::isfinite(p.ci_low) || !std::isfinite(p.ci_high) || !std::isfinite(o.ci_low) ||
      !std::isfinite(o.ci_high))
    return "";
  if (o.ci_low > p.ci_high) return "▲";
  if (o.ci_high < p.ci_low) return "▼";
  return "=";
}

RunDiff compute_diff(const CatalogRun& a, const std::vector<CatalogOutcome>& oa,
                     const CatalogRun& b, const std::vector<CatalogOutcome>& ob) {
  RunDiff d;
  const auto canonical = json_diff(a.scenario_text, b.scenario_text);
  if (!a.scenario_source.empty() && !b.scenario_source.empty()) {
    // As the user wrote it: a distribution's mean and sd, assumptions and sources read as
    // written; a default that changed between program versions shows on its own.
    d.basis = "as written";
    d.changes = json_diff(a.scenario_source, b.scenario_source);
    if (d.changes.empty()) d.defaults = canonical;
  } else {
    d.basis = "canonical";
    d.changes = canonical;
  }
  auto setting = [&](const char* name, const std::string& x, const std::string& y) {
    if (x != y) d.settings.push_back({name, x, y});
  };
  setting("program version", a.program_version, b.program_version);
  setting("seed", std::to_string(a.seed), std::to_string(b.seed));
  setting("replications", std::to_string(a.replications), std::to_string(b.replications));
  setting("months", std::to_string(a.months), std::to_string(b.months));
  setting("variants", join(a.variants, ","), join(b.variants, ","));
  setting("details", a.details, b.details);

  // The headline outcomes and the total cost that both runs have. A scenario of one town
  // shows it once: its all-towns rows ("*") repeat the town's.
  auto shown = [](const CatalogOutcome& o) { return o.headline || o.metric == "cost_total"; };
  std::set<std::string> towns;
  for (const auto& o : ob)
    if (o.town != "*") towns.insert(o.town);
  const bool one_town = towns.size() == 1;
  std::map<std::tuple<std::string, std::string, std::string, long long, std::string>,
           const CatalogOutcome*>
      before;
  for (const auto& o : oa)
    if (shown(o)) before[{o.town, o.variant, o.cohort, o.point, o.metric}] = &o;
  for (const auto& o : ob) {
    if (!shown(o) || (one_town && o.town == "*")) continue;
    const auto it = before.find({o.town, o.variant, o.cohort, o.point, o.metric});
    if (it == before.end()) continue;
    const CatalogOutcome& p = *it->second;
    const double delta = o.mean - p.mean;
    std::string change = "n/a";
    if (!std::isnan(delta) && o.unit == "share") {
      change = number_text::fixed(100 * delta, 1, true) + " pp";
    } else if (!std::isnan(delta)) {
      change = delta < 0 ? "-" : "+";
      change += detail::format_ci(std::abs(delta), kUndefined, kUndefined, o.unit);
    }
    d.rows.push_back({&p, &o, change, interval_mark(p, o)});
  }
  return d;
}

std::string change_lines(const std::vector<JsonChange>& changes) {
  std::string s;
  for (const auto& c : changes) {
    if (c.before.empty())
      s += "  added    " + printable(c.pointer) + ": " + printable(c.after) + "\n";
    else if (c.after.empty())
      s += "  removed  " + printable(c.pointer) + ": " + printable(c.before) + "\n";
    else
      s += "  changed  " + printable(c.pointer) + ": " + printable(c.before) + " -> " +
           printable(c.after) + "\n";
  }
  return s;
}

ojson number_or_null(double v) {
  return std::isfinite(v) ? ojson(v) : ojson(nullptr);
}

ojson outcome_json(const CatalogOutcome& o) {
  return {{"mean", number_or_null(o.mean)},
          {"ci_low", number_or_null(o.ci_low)},
          {"ci_high", number_or_null(o.ci_high)},
          {"replications", o.replications}};
}

ojson changes_json(const std::vector<JsonChange>& changes) {
  ojson out = ojson::array();
  for (const auto& c : changes)
    out.push_back({{"pointer", c.pointer},
                   {"before", c.before.empty() ? ojson(nullptr) : parse_stored(c.before)},
                   {"after", c.after.empty() ? ojson(nullptr) : parse_stored(c.after)}});
  return out;
}

}  // namespace

std::string format_run_diff(const CatalogRun& a, const std::vector<CatalogOutcome>& oa,
                            const CatalogRun& b, const std::vector<CatalogOutcome>& ob) {
  const RunDiff d = compute_diff(a, oa, b, ob);
  std::string s = fmt("Run %lld (%s %s, %s) -> run %lld (%s %s, %s)\n", a.id, a.command.c_str(),
                      printable(a.scenario_name).c_str(), a.recorded_at.c_str(), b.id,
                      b.command.c_str(), printable(b.scenario_name).c_str(), b.recorded_at.c_str());
  s += d.basis == "as written"
           ? "\nScenario as written (by JSON pointer):\n"
           : "\nScenario (canonical JSON with every default, by pointer; a run recorded before "
             "version 2 of the catalog kept no text as written):\n";
  if (a.scenario_sha256 == b.scenario_sha256)
    s += "  same file (SHA-256 " + a.scenario_sha256.substr(0, 12) + ")\n";
  if (d.changes.empty()) s += "  no change\n";
  s += change_lines(d.changes);
  if (!d.defaults.empty())
    s += "  the same as written, but the defaults filled in differ (another program version):\n" +
         change_lines(d.defaults);
  s += "\nSettings:\n";
  for (const auto& c : d.settings)
    s += "  " + c.pointer + ": " + printable(c.before) + " -> " + printable(c.after) + "\n";
  if (d.settings.empty()) s += "  no change\n";

  s += "\nHeadline outcomes and total cost (mean [95 % CI], run " + std::to_string(a.id) +
       " -> run " + std::to_string(b.id) +
       "; change of the means; ▲ higher, ▼ lower: the two intervals do not overlap; = they "
       "overlap):\n";
  std::string group;
  for (const auto& row : d.rows) {
    const CatalogOutcome& o = *row.after;
    const std::string g = printable(o.town + ", " + o.variant) +
                          (o.cohort == "all" ? "" : ", cohort " + printable(o.cohort)) +
                          describe_point(b, o.point);
    if (g != group) s += "  " + (group = g) + "\n";
    s += fmt("    %-28s %s -> %s  (%s)%s\n", printable(o.metric).c_str(),
             detail::format_ci(row.before->mean, row.before->ci_low, row.before->ci_high,
                               row.before->unit)
                 .c_str(),
             detail::format_ci(o.mean, o.ci_low, o.ci_high, o.unit).c_str(), row.change.c_str(),
             row.mark.empty() ? "" : (" " + row.mark).c_str());
  }
  if (d.rows.empty()) s += "  none in common (different towns, variants or commands)\n";
  return s;
}

std::string format_run_diff_json(const CatalogRun& a, const std::vector<CatalogOutcome>& oa,
                                 const CatalogRun& b, const std::vector<CatalogOutcome>& ob) {
  const RunDiff d = compute_diff(a, oa, b, ob);
  ojson out;
  out["runs"] = {a.id, b.id};
  out["scenario"] = {{"basis", d.basis},
                     {"same_file", a.scenario_sha256 == b.scenario_sha256},
                     {"changes", changes_json(d.changes)},
                     {"default_changes", changes_json(d.defaults)}};
  ojson settings = ojson::array();
  for (const auto& c : d.settings)
    settings.push_back({{"name", c.pointer}, {"before", c.before}, {"after", c.after}});
  out["settings"] = settings;
  ojson rows = ojson::array();
  for (const auto& row : d.rows) {
    const CatalogOutcome& o = *row.after;
    rows.push_back({{"town", o.town},
                    {"variant", o.variant},
                    {"cohort", o.cohort},
                    {"point", o.point < 0 ? ojson(nullptr) : ojson(o.point)},
                    {"metric", o.metric},
                    {"unit", o.unit},
                    {"before", outcome_json(*row.before)},
                    {"after", outcome_json(o)},
                    {"change", number_or_null(o.mean - row.before->mean)},
                    {"mark", row.mark}});
  }
  out["outcomes"] = rows;
  return out.dump(2) + "\n";
}

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
#include "run_support.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <new>
#include <sstream>
#include <thread>

#include "prostup/number_text.hpp"
#include "prostup/parallel.hpp"
#include "run_folders.hpp"
#include "scenario_cli.hpp"

namespace prostup::detail {

namespace fs = std::filesystem;

LoadedScenario load_or_report(const std::string& file, const std::string& text) {
  LoadedScenario ls;
  if (!text.empty()) {
    ls.path = file.empty() ? "(text)" : file;
    ls.text = text;
  } else if (file.empty()) {
    ls.path = "(built-in default)";
    ls.text = std::string(embedded_default_scenario());
  } else {
    ls.path = file;
    std::error_code ec;
    if (fs::is_directory(file, ec))
      throw std::runtime_error("cannot read " + file + ": is a directory");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file + ": " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    ls.text = ss.str();
  }
  ls.sha256 = sha256_hex(ls.text);
  LoadResult r = load_scenario_text(ls.text);
  if (!r.ok()) {
    std::ostringstream lines;
    print_diagnostics(lines, ls.path, r.diagnostics);
    throw UserError(ls.path + " is not a valid scenario (" + std::to_string(r.diagnostics.size()) +
                        " problem" + (r.diagnostics.size() == 1 ? "" : "s") + ")",
                    "", lines.str());
  }
  ls.document = r.document;
  ls.scenario = *r.scenario;
  return ls;
}

std::vector<ModelScenario> model_scenarios(const LoadedScenario& ls,
                                           const std::vector<std::string>& variants, bool all) {
  std::vector<ModelScenario> out{{"baseline", ls.scenario}};
  std::vector<std::string> ids;
  if (all) {
    for (const auto& v : ls.scenario.variants) ids.push_back(v.id);
  } else {
    for (const auto& id : variants) {
      bool known = false;
      for (const auto& v : ls.scenario.variants) known |= v.id == id;
      if (!known) {
        std::string list;
        for (const auto& v : ls.scenario.variants) list += (list.empty() ? "" : ", ") + v.id;
        throw UserError("unknown variant '" + id +
                        "' (the scenario has: " + (list.empty() ? "none" : list) + ")");
      }
      if (std::find(ids.begin(), ids.end(), id) != ids.end())
        throw UserError("--variants names '" + id + "' more than once");
      ids.push_back(id);
    }
  }
  for (const auto& id : ids) {
    LoadResult r = apply_variant(ls.document, id);
    if (!r.ok()) {
      std::ostringstream lines;
      print_diagnostics(lines, ls.path, r.diagnostics, "/variants/" + id + "/patch");
      throw UserError("variant '" + id + "' gives an invalid scenario",
                      "/variants/" + id + "/patch", lines.str());
    }
    out.push_back({id, std::move(*r.scenario)});
  }
  return out;
}

std::vector<CompiledModel> compile_all(const std::vector<ModelScenario>& scenarios, int months) {
  std::vector<CompiledModel> models;
  for (const auto& ms : scenarios) models.push_back(compile(ms.scenario, ms.variant, months));
  return models;
}

std::vector<CompiledModel> compile_models(const LoadedScenario& ls,
                                          const std::vector<std::string>& variants, bool all,
                                          int months) {
  return compile_all(model_scenarios(ls, variants, all), months);
}

namespace {

// Sizes of one model's parts, from its scenario (model.hpp, engine.cpp, runner.cpp).
struct ModelSize {
  double stages, services, profiles, towns, peak_households, household_months_per_rep;
  double compiled_bytes, outcome_bytes, metrics, series_values;
};

// The quantile of an uncertain size that the estimate takes: the largest of `draws` drawn
// parameter sets is about the 1 - 1/(2 draws) quantile; at least the median, at most 99.9 %.
double size_quantile(long long draws) {
  return std::clamp(1 - 0.5 / static_cast<double>(std::max(1LL, draws)), 0.5, 0.999);
}

// `reps`: replications, an upper bound of the parameter sets drawn (PSA, calibration).
ModelSize model_size(const Scenario& s, int months, long long reps) {
  ModelSize z{};
  const double M1 = months + 1;
  z.stages = static_cast<double>(s.stages.size());
  z.services = static_cast<double>(s.services.size());
  z.profiles = static_cast<double>(s.profiles.size());
  z.towns = static_cast<double>(s.towns.size());
  for (const Town& tw : s.towns) {
    double n = 0, arrivals = 0, mean_arrivals = 0;
    for (const auto& [id, x] : tw.initial) n += x;
    // A rate that carries a distribution holds its mean; the households a worker holds are
    // those of the largest draw, so a heavy tail counts with its high quantile.
    double drawn_rate = -1;
    for (const UncertainParameter& u : s.uncertain)
      if (u.pointer == "/towns/" + tw.id + "/arrivals/rate")
        drawn_rate = std::max(u.dist.mean(), u.dist.quantile(size_quantile(reps)));
    if (!tw.replace_exits)
      for (int t = 1; t <= months; ++t) {
        mean_arrivals += tw.arrival_rate.at(t);
        arrivals += drawn_rate >= 0 ? drawn_rate : tw.arrival_rate.at(t);
      }
    // Poisson arrivals: the mean plus four standard deviations.
    arrivals += 4 * std::sqrt(arrivals);
    z.peak_households = std::max(z.peak_households, n + arrivals);
    z.household_months_per_rep += (n + mean_arrivals / 2) * months;
  }
  const double S = z.stages, V = z.services;
  // Capacities and arrival rates per town and month, thresholds per (profile, stage, mask).
  z.compiled_bytes = z.towns * (S + 1) * M1 * 8 + z.profiles * S * std::pow(2.0, V) * 64 + 65536;
  // ReplicationOutcome: series per stage and service by month, flows between stages.
  // Plus the cohorts' counter blocks (at most 32 fields each), 15 counters per profile, its
  // time-to-lease counts and its cohort block (docs/model.md, "Outcomes by profile").
  const double cohorts = 3 + static_cast<double>(s.cohorts.size());
  z.outcome_bytes =
      ((3 * S + V + 3) * M1 + 3 * S * S + 12 * S + cohorts * 32 + z.profiles * (15 + 3 * M1 + 32)) *
          8 +
      1024;
  // metric_catalogue: 36 for 4 stages and 1 service, up to 5 payers, 19 per cohort.
  z.metrics = 15 + 5 * S + V + 5 + 19 * cohorts;
  z.series_values = (3 * S + V + 1) * M1;  // occupancy, waiting, capacity, services, CIF
  return z;
}

}  // namespace

ResourceEstimate estimate_resources(const std::vector<const Scenario*>& scenarios, int reps,
                                    int months, int threads, bool together) {
  ResourceEstimate e;
  const double R = reps, TH = std::max(1, threads);
  const double block = std::max(8.0, 4 * TH);
  double compiled = 0, households = 0, outcomes = 0, per_run = 0, held = 0;
  double task_months = 0, result_rows = 0;
  for (const Scenario* s : scenarios) {
    const ModelSize z = model_size(*s, months, reps);
    const double rows = z.towns + 1;  // towns and all towns together
    e.household_months += z.household_months_per_rep * R;
    task_months += z.towns * R * (months + 1.0);
    result_rows += rows;
    compiled += z.compiled_bytes;
    // A household (engine.cpp reserves the expected count): its 32-byte record, its number,
    // two words per service, an application slot, its place on a waiting list and in a
    // compaction; measured 64 bytes with one service.
    // Since then: the cohort Track and the fallback application (16 bytes together), the
    // money track (40) and roofless spell (8) where a scenario needs them, and each
    // engagement's start month (4 per service); 104 bounds them all.
    households = std::max(households, TH * z.peak_households * (104 + 12 * z.services));
    const double block_outcomes = block * z.towns * z.outcome_bytes;
    // Per replication, every metric, twice (the runner's and the result's copy); the
    // streaming accumulators and the result's series (three numbers per month and series).
    // A row per profile as well, with every metric per replication and its time to lease.
    const double profile_rows = rows * z.profiles, M1 = months + 1.0;
    const double summaries = (rows + profile_rows) * R * z.metrics * 8 * 2 +
                             rows * z.series_values * (48 + 24) + profile_rows * M1 * (48 + 24);
    // Writing: results.json as a JSON tree and as text, then read back by the report
    // (measured about 40 bytes a number in all).
    const double output = rows * (z.series_values * 3 + z.metrics * 8) * 48 +
                          profile_rows * (3 * M1 + z.metrics * 8) * 48;
    if (together) {
      outcomes += block_outcomes;
      per_run += summaries + output;
    } else {
      outcomes = std::max(outcomes, block_outcomes);
      per_run = std::max(per_run, summaries + output);
      held += rows * z.metrics * 8 * 8;  // what a sweep or plan keeps of each point
    }
  }
  const double program = 12e6;  // code, libraries, the scenario document (10 MB measured)
  e.memory_bytes = program + compiled + households + outcomes + per_run + held;
  // Time (docs/reliability.md, "Time"; measured on the 2-core development machine): each
  // (town, replication) task costs about 33 us a month whatever its households (its series,
  // counters and merge), besides 100 M household-months a second per thread; writing costs
  // about 20 ms plus 0.5 ms a month per result row (a town, or all towns, of a model), on one
  // thread, of which report.html takes about 40 %. A run of many small towns is all per-task
  // and per-row cost: the household-months alone under-estimated it 34-165 times.
  e.simulate_seconds = (e.household_months / 100e6 + task_months * 33e-6) / TH;
  const double write = result_rows * (0.020 + 0.0005 * (months + 1.0));
  e.report_seconds = 0.4 * write;
  e.files_seconds = write - e.report_seconds;
  e.seconds = e.simulate_seconds + e.files_seconds + e.report_seconds + 0.2;
  return e;
}

namespace {

long long read_number_file(const std::string& path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word) || word.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoll(word);
}

long long status_kb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.compare(0, key.size(), key) == 0) return std::atoll(line.c_str() + key.size()) * 1024;
  return -1;
}

}  // namespace

long long peak_resident_bytes() {
  return status_kb("VmHWM:");
}

MemoryLimit cgroup_memory_limit(const std::string& root) {
  MemoryLimit lim;
  auto consider = [&](long long bytes, const std::string& source) {
    if (bytes < 0) return;
    if (lim.bytes < 0 || bytes < lim.bytes) lim = {bytes, source};
  };
  std::ifstream cg(root + "/proc/self/cgroup");
  std::string line;
  while (std::getline(cg, line)) {
    // "0::/PATH" (v2), "ID:CONTROLLER,CONTROLLER:/PATH" (v1).
    const std::size_t c1 = line.find(':'),
                      c2 = c1 == std::string::npos ? c1 : line.find(':', c1 + 1);
    if (c2 == std::string::npos) continue;
    const std::string controllers = "," + line.substr(c1 + 1, c2 - c1 - 1) + ",";
    const std::string path = line.substr(c2 + 1);
    if (controllers == ",," && line.compare(0, 2, "0:") == 0) {
      // cgroup v2: the memory.max of this process's cgroup, less what the cgroup uses.
      const std::string dir = root + "/sys/fs/cgroup" + path;
      const long long max = read_number_file(dir + "/memory.max");  // -1 for "max"
      const long long cur = read_number_file(dir + "/memory.current");
      if (max >= 0) consider(std::max(0LL, max - std::max(0LL, cur)), "the cgroup's memory.max");
    } else if (controllers.find(",memory,") != std::string::npos) {
      // cgroup v1: the process's own group in the memory hierarchy and every group above it
      // (a limit applies to everything below it); inside a container the hierarchy is often
      // mounted at the group itself, so its root counts too. An unlimited group reads as a
      // huge number.
      fs::path rel = fs::path(path).relative_path();
      for (;;) {
        const std::string dir = root + "/sys/fs/cgroup/memory/" + rel.string();
        const long long v1 = read_number_file(dir + "/memory.limit_in_bytes");
        const long long used = read_number_file(dir + "/memory.usage_in_bytes");
        if (v1 >= 0 && v1 < (1LL << 60))
          consider(std::max(0LL, v1 - std::max(0LL, used)), "the cgroup's memory.limit_in_bytes");
        if (rel.empty()) break;
        rel = rel.parent_path();
      }
    }
  }
  return lim;
}

MemoryLimit memory_limit(int threads) {
  MemoryLimit lim;
  auto consider = [&](long long bytes, const std::string& source) {
    if (bytes < 0) return;
    if (lim.bytes < 0 || bytes < lim.bytes) lim = {bytes, source};
  };
  consider(available_memory_bytes(), "available memory (MemAvailable)");
  if (const MemoryLimit cg = cgroup_memory_limit(); cg.bytes >= 0) consider(cg.bytes, cg.source);
  // RLIMIT_AS (ulimit -v) limits address space: each worker reserves a stack and a malloc
  // arena besides what it uses.
  struct rlimit rl {};
  if (::getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    const long long in_use = status_kb("VmSize:");
    const long long per_thread = (8LL << 20) + (64LL << 20);
    consider(static_cast<long long>(rl.rlim_cur) - std::max(0LL, in_use) -
                 static_cast<long long>(std::max(1, threads)) * per_thread,
             "the address-space limit (ulimit -v)");
  }
  return lim;
}

void check_memory(const ResourceEstimate& est, const MemoryLimit& limit, bool force,
                  const std::string& what) {
  if (force || limit.bytes < 0 || est.memory_bytes <= static_cast<double>(limit.bytes)) return;
  throw UserError(what + " needs an estimated " +
                  std::to_string(static_cast<long long>(est.memory_bytes / 1e6)) +
                  " MB of memory but " + limit.source + " allows " +
                  std::to_string(std::max(0LL, limit.bytes) / 1000000) +
                  " MB (fewer replications, threads, towns or variants, or --force)");
}

namespace {

// renameat2(2) with a flag; -1 and errno EINVAL/ENOSYS where the kernel or file system
// lacks it.
int rename2(const fs::path& from, const fs::path& to, unsigned flags) {
#ifdef RENAME_NOREPLACE
  return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags);
#else
  (void)from, (void)to, (void)flags;
  errno = ENOSYS;
  return -1;
#endif
}

bool unsupported(int err) {
  return err == EINVAL || err == ENOSYS || err == ENOTSUP;
}

std::string errno_text(int err) {
  return std::strerror(err);
}

// The PID a leftover's name ends with ("...tmp-4242", "...old-4242"), 0 if none.
long pid_suffix(const std::string& name, const std::string& prefix) {
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return 0;
  const std::string digits = name.substr(prefix.size());
  if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) return 0;
  return std::stol(digits);
}

// Leftovers of a killed command in `where` whose PID is no longer running: printed as a note,
// never deleted (they may hold the only copy of an older output).
void report_leftovers(const fs::path& where, const std::vector<std::string>& prefixes,
                      const std::string& command) {
  std::error_code ec;
  for (fs::directory_iterator it(where, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    for (const auto& prefix : prefixes) {
      const long pid = pid_suffix(name, prefix);
      if (pid <= 0 || pid == ::getpid()) continue;
      if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
      std::cerr << "prostup " << command << ": note: " << it->path().string()
                << " is left from an interrupted command (process " << pid
                << " no longer runs); it is safe to delete\n";
    }
  }
}

// True when `dir` is the working directory or one of the folders above it.
bool holds_working_directory(const fs::path& dir) {
  std::error_code ec;
  const fs::path cwd = fs::weakly_canonical(fs::current_path(ec), ec);
  if (ec) return false;
  auto c = cwd.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++c)
    if (c == cwd.end() || *c != *d) return false;
  return true;
}

}  // namespace

void exchange_paths(const fs::path& a, const fs::path& b) {
  if (rename2(a, b, RENAME_EXCHANGE) == 0) return;
  if (!unsupported(errno))
    throw std::runtime_error("cannot replace " + b.string() + ": " + errno_text(errno));
  std::error_code ec;
  const fs::path old = b.string() + ".old-" + std::to_string(::getpid());
  fs::rename(b, old, ec);
  if (ec) throw std::runtime_error("cannot replace " + b.string() + ": " + ec.message());
  fs::rename(a, b, ec);
  if (ec) {
    std::error_code back;
    fs::rename(old, b, back);
    throw std::runtime_error("cannot move output into " + b.string() + ": " + ec.message());
  }
  fs::rename(old, a, ec);
  if (ec)
    throw std::runtime_error("cannot move " + old.string() + " to " + a.string() + ": " +
                             ec.message());
}

StagedOutput::StagedOutput(fs::path dir, bool force, const std::string& command,
                           const std::atomic<bool>* cancel)
    : cancel_(cancel) {
  const fs::path given = dir;
  try {
    prepare(std::move(dir), force, command);
  } catch (...) {
    // A run folder's reservation (new_run_folder) that this never came to hold goes too.
    end_run_folder_reservation(given, lock_fd_ < 0);
    unlock();
    throw;
  }
  end_run_folder_reservation(given, false);
}

void StagedOutput::prepare(fs::path dir, bool force, const std::string& command) {
  std::error_code ec;
  if (dir.empty()) throw UserError("the output path is empty");
  // One spelling for every form of the path: `out/`, `.`, `../x`, a symlink to a directory.
  dir_ = fs::weakly_canonical(fs::absolute(dir), ec);
  if (ec) throw std::runtime_error("cannot resolve " + dir.string() + ": " + ec.message());
  if (!dir_.has_filename()) dir_ = dir_.parent_path();
  const fs::path parent = dir_.parent_path();
  const std::string name = dir_.filename().string();

  const fs::file_status st = fs::status(dir_, ec);
  // A dangling symbolic link is refused now, not found in the way at commit, after the work.
  if (!fs::exists(st) && fs::is_symlink(fs::symlink_status(dir_, ec)))
    throw UserError("output path " + dir_.string() + " is a symbolic link to " +
                    fs::read_symlink(dir_, ec).string() +
                    ", which does not exist (create that directory, or use -o for another)");
  if (fs::exists(st)) {
    if (!fs::is_directory(st))
      throw UserError("output path " + dir_.string() + " exists and is not a directory");
    dir_fd_ = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd_ < 0)
      throw std::runtime_error("cannot open " + dir_.string() + ": " + errno_text(errno));
    if (::flock(dir_fd_, LOCK_EX | LOCK_NB) != 0)
      throw UserError("output directory " + dir_.string() +
                      " is being written by another prostup command (wait for it, or use -o "
                      "for another directory)");
    report_leftovers(dir_, {".prostup.tmp-"}, command);
    if (fs::is_empty(dir_, ec)) {
      mode_ = Mode::in_place;
    } else if (!force) {
      throw UserError("output directory " + dir_.string() +
                      " is not empty (use --force to replace it, or -o for another)");
    } else if (name.empty() || name == "." || name == "..") {
      throw UserError("output directory " + dir_.string() + " cannot be replaced");
    } else if (holds_working_directory(dir_)) {
      // `-o . --force`, `-o .. --force`: never the folder the user works in.
      throw UserError("output directory " + dir_.string() +
                      " is not empty and holds the working directory; it cannot be replaced "
                      "(use -o for another directory)");
    } else {
      mode_ = Mode::replace;
    }
  }
  if (!name.empty() && name != "." && name != "..") {
    if (mode_ != Mode::in_place) {
      fs::create_directories(parent, ec);
      if (ec) throw std::runtime_error("cannot create " + parent.string() + ": " + ec.message());
    }
    lock_file_ = parent / ("." + name + ".lock");
    lock();
    report_leftovers(parent, {"." + name + ".tmp-", name + ".old-"}, command);
  }
  const std::string pid = std::to_string(::getpid());
  staging_ = mode_ == Mode::in_place ? dir_ / (".prostup.tmp-" + pid)
                                     : parent / ("." + name + ".tmp-" + pid);
  // A leftover with this process's own PID (a container's PID 1 again, a reused PID) may hold
  // the only copy of an older output: kept and reported, and another name taken.
  const fs::path base = staging_;
  for (int k = 1; fs::exists(fs::symlink_status(staging_, ec)) && k < 1000; ++k) {
    if (k == 1)
      std::cerr << "prostup " << command << ": note: " << base.string()
                << " is left from an earlier command with this process id; it is kept\n";
    staging_ = base.string() + "." + std::to_string(k);
  }
  fs::create_directory(staging_, ec);
  if (ec) throw std::runtime_error("cannot create " + staging_.string() + ": " + ec.message());
  created_ = true;
  // Under MPI a killed rank makes mpirun end rank 0 (SIGTERM, SIGKILL a second later) while
  // it may wait in a collective for the dead rank and cannot remove anything: so the
  // directory was only tried here, and exists only while rank 0 writes alone.
  if (mpi_size() > 1) {
    fs::remove(staging_, ec);
    created_ = false;
  }
}

const fs::path& StagedOutput::staging() {
  if (!created_) {
    std::error_code ec;
    fs::create_directory(staging_, ec);
    if (ec) throw std::runtime_error("cannot create " + staging_.string() + ": " + ec.message());
    created_ = true;
  }
  return staging_;
}

// The lock file beside the target: flock(2) held for the whole command. A holder unlinks it
// before closing, so a waiter that opened the old file checks that it locked the current one.
void StagedOutput::lock() {
  for (int attempt = 0; attempt < 8; ++attempt) {
    const int fd = ::open(lock_file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      const int err = errno;
      // Writing inside an empty directory needs no write access to its parent (`-o .`);
      // the directory's own lock is then the only one.
      if (mode_ == Mode::in_place) return;
      throw std::runtime_error("cannot create " + lock_file_.string() + ": " + errno_text(err));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      ::close(fd);
      if (err == EWOULDBLOCK)
        throw UserError("output directory " + dir_.string() +
                        " is being written by another prostup command (it holds " +
                        lock_file_.string() + "; wait for it, or use -o for another directory)");
      throw std::runtime_error("cannot lock " + lock_file_.string() + ": " + errno_text(err));
    }
    struct stat held {
    }, now{};
    if (::fstat(fd, &held) == 0 && ::stat(lock_file_.c_str(), &now) == 0 &&
        held.st_ino == now.st_ino && held.st_dev == now.st_dev) {
      lock_fd_ = fd;
      return;
    }
    ::close(fd);
  }
  throw std::runtime_error("cannot lock " + lock_file_.string() + ": it keeps being replaced");
}

void StagedOutput::unlock() {
  if (lock_fd_ >= 0) {
    ::unlink(lock_file_.c_str());
    ::close(lock_fd_);
    lock_fd_ = -1;
  }
  if (dir_fd_ >= 0) {
    ::close(dir_fd_);
    dir_fd_ = -1;
  }
}

StagedOutput::~StagedOutput() {
  if (!committed_ && created_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
  unlock();
}

void StagedOutput::commit() {
  if (cancel_ && *cancel_) throw RunCancelled();
  staging();  // a command that wrote nothing still commits an empty directory
  std::error_code ec;
  const std::string appeared =
      " while this command was writing it; nothing was written (use -o "
      "for another directory)";
  switch (mode_) {
    case Mode::fresh: {
      if (rename2(staging_, dir_, RENAME_NOREPLACE) == 0) break;
      int err = errno;
      if (unsupported(err)) {
        if (fs::exists(fs::symlink_status(dir_, ec)))
          err = EEXIST;
        else if (::rename(staging_.c_str(), dir_.c_str()) == 0)
          break;
        else
          err = errno;
      }
      if (err == EEXIST || err == ENOTEMPTY)
        throw std::runtime_error(dir_.string() + " was created" + appeared);
      throw std::runtime_error("cannot move output into " + dir_.string() + ": " + errno_text(err));
    }
    case Mode::in_place: {
      const std::string mine = staging_.filename().string();
      for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename() != mine)
          throw std::runtime_error(it->path().string() + " appeared in " + dir_.string() +
                                   appeared);
      std::vector<fs::path> files, moved;
      for (fs::directory_iterator it(staging_, ec), end; !ec && it != end; it.increment(ec))
        files.push_back(it->path());
      if (ec) throw std::runtime_error("cannot read " + staging_.string() + ": " + ec.message());
      for (const fs::path& from : files) {
        const fs::path to = dir_ / from.filename();
        int rc = rename2(from, to, RENAME_NOREPLACE);
        if (rc != 0 && unsupported(errno)) rc = ::rename(from.c_str(), to.c_str());
        if (rc != 0) {
          const int err = errno;
          for (const auto& m : moved) fs::remove_all(m, ec);
          throw std::runtime_error("cannot move output into " + dir_.string() + ": " +
                                   errno_text(err));
        }
        moved.push_back(to);
      }
      fs::remove(staging_, ec);
      break;
    }
    case Mode::replace: {
      // A reader, or a kill, sees the old output or the new one (the old one is then in
      // staging_, removed below, or reported as a leftover by the next command).
      exchange_paths(staging_, dir_);
      committed_ = true;
      fs::remove_all(staging_, ec);
      if (ec)
        std::cerr << "prostup: note: could not remove the replaced output " << staging_.string()
                  << ": " << ec.message() << "\n";
      return;
    }
  }
  committed_ = true;
}

fs::path output_dir_for(const std::string& out_dir, const LoadedScenario& ls,
                        const std::string& suffix) {
  return command_output_dir(out_dir, ls.scenario.name + suffix);
}

void RunTotals::add(const RunInfo& one) {
  if (first_) {
    info_ = one;
    info_.household_months = 0;
    info_.simulate_seconds = 0;
    first_ = false;
  }
  info_.household_months += one.household_months;
  info_.simulate_seconds += one.simulate_seconds;
}

RunInfo RunTotals::finish(const LoadedScenario& ls, double wall0,
                          const std::string& started_at) const {
  RunInfo info = info_;
  info.scenario_path = ls.path;
  info.scenario_sha256 = ls.sha256;
  info.scenario_title = ls.scenario.title;
  info.wall_seconds = seconds_now() - wall0;
  info.started_at = started_at;
  return info;
}

void check_inner_replications(int n) {
  if (n < study::kMinInnerReplications || n > study::kMaxInnerReplications)
    throw UserError("--inner-replications: " + std::to_string(n) + " is not a whole number from " +
                        std::to_string(study::kMinInnerReplications) + " to " +
                        std::to_string(study::kMaxInnerReplications),
                    "--inner-replications");
}

int resolved_threads(int threads) {
  return std::max(1, threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency()));
}

double seconds_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string utc_now_iso8601() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

long long available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  long long kb;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024;
  return -1;
}

// SHA-256 (FIPS 180-4), for the manifest's record of which scenario file was run.
std::string sha256_hex(const std::string& data) {
  static const std::uint32_t k[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  std::uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::string msg = data;
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  msg.push_back(static_cast<char>(0x80));
  while (msg.size() % 64 != 56) msg.push_back(0);
  for (int i = 7; i >= 0; --i) msg.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  auto rotr = [](std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); };
  for (std::size_t off = 0; off < msg.size(); off += 64) {
    std::uint32_t w[64];
    for (int i = 0; i < 16; ++i)
      w[i] = (std::uint32_t(std::uint8_t(msg[off + 4 * i])) << 24) |
             (std::uint32_t(std::uint8_t(msg[off + 4 * i + 1])) << 16) |
             (std::uint32_t(std::uint8_t(msg[off + 4 * i + 2])) << 8) |
             std::uint32_t(std::uint8_t(msg[off + 4 * i + 3]));
    for (int i = 16; i < 64; ++i) {
      std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; ++i) {
      std::uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      std::uint32_t ch = (e & f) ^ (~e & g);
      std::uint32_t t1 = hh + S1 + ch + k[i] + w[i];
      std::uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
      std::uint32_t t2 = S0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  char out[65];
  for (int i = 0; i < 8; ++i) std::snprintf(out + 8 * i, 9, "%08x", h[i]);
  return std::string(out, 64);
}

}  // namespace prostup::detail

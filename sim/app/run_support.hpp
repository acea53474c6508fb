// SPDX-License-Identifier: Apache-2.0
// Private helpers shared by the commands that simulate (run, sweep, plan): loading a
// scenario into compiled models, safe output directories, signals and progress.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "prostup/model.hpp"
#include "prostup/options.hpp"
#include "prostup/results.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"

namespace prostup::detail {

// Thrown for invalid input or usage; the message is printed as is and the exit code is 2.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct LoadedScenario {
  std::string path;  // "(built-in default)" when none
  std::string text;
  std::string sha256;
  ojson document;
  Scenario scenario;
};

// Loads and validates; prints every diagnostic as `FILE: /pointer: message` and throws
// InputError when there is any.
LoadedScenario load_or_report(const std::string& file);

// The baseline's scenario first, then each chosen variant's (all when `all`), patched and
// validated but not compiled: what the memory estimate reads before anything large exists.
struct ModelScenario {
  std::string variant;  // "baseline" or the variant id
  Scenario scenario;
};
std::vector<ModelScenario> model_scenarios(const LoadedScenario& ls,
                                           const std::vector<std::string>& variants, bool all);

// model_scenarios compiled in order (to `months` when > 0, see compile).
std::vector<CompiledModel> compile_all(const std::vector<ModelScenario>& scenarios, int months);

// Baseline first, then the chosen variants (all when `all`), each validated and compiled
// (to `months` when > 0, see compile).
std::vector<CompiledModel> compile_models(const LoadedScenario& ls,
                                          const std::vector<std::string>& variants, bool all,
                                          int months = 0);

// Output written to a temporary directory and moved into place by commit(), with the
// output path locked for the whole command (docs/reliability.md, "Output directories"):
// - `dir` absent: staged beside it as .NAME.tmp-PID, renamed to NAME at commit (refused
//   if NAME appeared meanwhile);
// - `dir` an empty directory (also `.`, a mount point, a symlink to one): staged inside it
//   as .prostup.tmp-PID, the files moved in at commit (refused if anything appeared);
// - `dir` non-empty: refused (InputError) unless `force`; with it staged beside and
//   exchanged with NAME in one renameat2(RENAME_EXCHANGE) where the kernel has it.
// A second writer of the same path is refused (InputError) while the first holds the lock.
// Under MPI with more than one rank the temporary directory is only tried at the start and
// created when writing begins: a rank that dies makes mpirun kill rank 0 while it waits in
// a collective, where it cannot clean up.
class StagedOutput {
 public:
  // `command` names the command in notes printed to stderr (leftovers of killed runs).
  StagedOutput(std::filesystem::path dir, bool force, const std::string& command = "run");
  ~StagedOutput();  // removes the temporary directory unless committed; releases the lock
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;
  // The temporary directory, created by the first call where deferred.
  const std::filesystem::path& staging();
  const std::filesystem::path& target() const { return dir_; }
  // Throws RunCancelled when SIGINT/SIGTERM arrived, so an interrupted command never commits.
  void commit();

 private:
  enum class Mode { fresh, in_place, replace };
  void prepare(std::filesystem::path dir, bool force, const std::string& command);
  void lock();
  void unlock();
  std::filesystem::path dir_, staging_, lock_file_;
  Mode mode_ = Mode::fresh;
  int dir_fd_ = -1, lock_fd_ = -1;
  bool committed_ = false;
  bool created_ = false;  // staging_ exists (deferred under MPI until staging())
};

// Swaps two existing paths: one renameat2(RENAME_EXCHANGE) where the kernel and file system
// have it (atomic), else two renames through `b`.old-PID with `b` put back if the second
// fails. Throws std::runtime_error naming `b`.
void exchange_paths(const std::filesystem::path& a, const std::filesystem::path& b);

// SIGINT/SIGTERM set g_cancel and g_signal (0 = none, else the signal number); the handler
// only stores to these lock-free atomics.
extern std::atomic<bool> g_cancel;
extern std::atomic<int> g_signal;
void install_signal_handlers();
int exit_code_for_signal();
const char* signal_name();  // "SIGINT" or "SIGTERM"
// Test hook (tests/cli/signals_while_writing.sh): raises SIGTERM when the environment
// variable PROSTUP_TEST_SIGNAL_AT equals `where` ("write": a command starts writing files).
void test_signal_point(const char* where);

// What a runtime failure's message says: e.what(), or for std::bad_alloc that memory ran out.
std::string failure_text(const std::exception& e);

// A progress bar on stderr when it is a terminal.
class Progress {
 public:
  explicit Progress(bool enabled);
  void update(long long done, long long total);
  void finish();

 private:
  bool enabled_;
  double start_;
  bool drawn_ = false;
};

// The runner's options from a command's own (run, sweep and plan share their names and
// meaning); SIGINT/SIGTERM cancel the run.
template <class Args>
RunOptions run_options_from(const Args& a) {
  RunOptions opt;
  opt.threads = a.threads;
  opt.replications = a.replications;
  opt.months = a.months;
  opt.seed = a.seed;
  opt.cancel = &g_cancel;
  return opt;
}

// The limits of --months, --replications and --threads (InputError), shared by run, sweep
// and plan: the options table's ranges (include/prostup/options.hpp).
template <class Args>
void check_run_limits(const Args& a) {
  const auto over = [](const char* flag, long long value) {
    const long long hi = command_option("run", flag).whole_hi;
    if (value > hi)
      throw InputError(std::string(flag) + " " + std::to_string(value) + " exceeds the limit of " +
                       std::to_string(hi));
  };
  over("--months", a.months);
  over("--replications", a.replications);
  over("--threads", a.threads);
}

// --threads as the runner uses it: 0 = every hardware thread.
int resolved_threads(int threads);

// `out_dir` when given, else prostup-out/<scenario name><suffix> (sweep: "-sweep").
std::filesystem::path output_dir_for(const std::string& out_dir, const LoadedScenario& ls,
                                     const std::string& suffix);

// Sweep and plan run one model at a time; what their manifest records is the first run's
// description with the household-months and simulation time of all of them.
class RunTotals {
 public:
  void add(const RunInfo& one);
  // The totals so far, with the scenario file's record, the wall time since `wall0`
  // (seconds_now()) and the start time.
  RunInfo finish(const LoadedScenario& ls, double wall0, const std::string& started_at) const;
  const RunInfo& info() const { return info_; }

 private:
  bool first_ = true;
  RunInfo info_;
};

// Memory and time a command needs, from the validated scenarios before anything is compiled
// (docs/reliability.md, "Memory"): compiled models, households in the workers, outcomes of
// a block, per-replication metrics, the summaries and the output files being built.
struct ResourceEstimate {
  double household_months = 0;
  double memory_bytes = 0;
  double seconds = 0;  // all of it: simulating, writing the files, drawing the report, start
  double simulate_seconds = 0, files_seconds = 0, report_seconds = 0;
};
// `together`: every scenario is simulated in one run (run: baseline and variants); else one
// after another (sweep points, plan values), each with its own results held at once.
ResourceEstimate estimate_resources(const std::vector<const Scenario*>& scenarios, int reps,
                                    int months, int threads, bool together);

// The memory a command may still use: the smallest of MemAvailable, the cgroup's memory.max
// less its memory.current, and RLIMIT_AS less the address space in use (less what `threads`
// workers reserve). `source` names the binding one; bytes < 0 when none is known.
struct MemoryLimit {
  long long bytes = -1;
  std::string source;
};
MemoryLimit memory_limit(int threads);
// The cgroup's part of memory_limit: v2's memory.max less memory.current, or v1's
// memory.limit_in_bytes less memory.usage_in_bytes of the process's own group in the memory
// hierarchy (and of the groups above it). `root` is prefixed to /proc/self/cgroup and
// /sys/fs/cgroup, so a test can give a fake tree. bytes < 0 when no limit is set.
MemoryLimit cgroup_memory_limit(const std::string& root = "");

// Refuses (InputError) an estimate over the limit unless `force`; `what` ("the run") starts
// the message.
void check_memory(const ResourceEstimate& est, const MemoryLimit& limit, bool force,
                  const std::string& what);

// Peak resident memory of this process (VmHWM), -1 if unknown.
long long peak_resident_bytes();

std::string sha256_hex(const std::string& data);
std::string utc_now_iso8601();
double seconds_now();
long long available_memory_bytes();  // MemAvailable, -1 if unknown
std::string format_ci(double mean, double lo, double hi, const std::string& unit);

}  // namespace prostup::detail

// Private helpers shared by the commands that simulate (run, sweep, plan): loading a
// scenario into compiled models, safe output directories, signals and progress.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "prostup/model.hpp"
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

// Baseline first, then the chosen variants (all when `all`), each validated and compiled.
std::vector<CompiledModel> compile_models(const LoadedScenario& ls,
                                          const std::vector<std::string>& variants, bool all);

// Output written to a temporary directory beside `dir`, renamed into place by commit().
class StagedOutput {
 public:
  // Refuses (InputError) an existing non-empty `dir` unless `force`.
  StagedOutput(std::filesystem::path dir, bool force);
  ~StagedOutput();  // removes the temporary directory unless committed
  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& target() const { return dir_; }
  void commit();

 private:
  std::filesystem::path dir_, staging_;
  bool force_, committed_ = false;
};

// SIGINT/SIGTERM set this flag; 0 = none, else the signal number.
extern volatile bool g_cancel;
extern std::atomic<int> g_signal;
void install_signal_handlers();
int exit_code_for_signal();

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

std::string sha256_hex(const std::string& data);
std::string utc_now_iso8601();
double seconds_now();
long long available_memory_bytes();  // MemAvailable, -1 if unknown
std::string format_ci(double mean, double lo, double hi, const std::string& unit);

}  // namespace prostup::detail

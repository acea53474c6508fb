// SPDX-License-Identifier: Apache-2.0
// The study layer's private helpers, shared by the use cases (include/prostup/study.hpp) and
// the commands that simulate (run, sweep, plan, cohort, calibrate): loading a scenario into
// compiled models, safe output directories, resource estimates.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "answer.hpp"  // detail::format_ci (sim/output/)
#include "answer.hpp"  // detail::format_ci
#include "prostup/errors.hpp"
#include "prostup/model.hpp"
#include "prostup/results.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"
#include "prostup/study.hpp"

namespace prostup::detail {

// The use-case layer's public types (include/prostup/study.hpp).
using study::LoadedScenario;
using study::MemoryLimit;
using study::ModelScenario;
using study::ResourceEstimate;

// Loads and validates; throws UserError when there is any diagnostic, with every one as a
// line `FILE: /pointer: message` in its details().
LoadedScenario load_or_report(const std::string& file, const std::string& text = {});

// The baseline's scenario first, then each chosen variant's (all when `all`), patched and
// validated but not compiled: what the memory estimate reads before anything large exists.
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
// - `dir` non-empty: refused (UserError) unless `force`; with it staged beside and
//   exchanged with NAME in one renameat2(RENAME_EXCHANGE) where the kernel has it.
// A second writer of the same path is refused (UserError) while the first holds the lock.
// Under MPI with more than one rank the temporary directory is only tried at the start and
// created when writing begins: a rank that dies makes mpirun kill rank 0 while it waits in
// a collective, where it cannot clean up.
class StagedOutput {
 public:
  // `command` names the command in notes printed to stderr (leftovers of killed runs).
  // `cancel`: a signal handler's flag; commit() refuses once it is set.
  StagedOutput(std::filesystem::path dir, bool force, const std::string& command = "run",
               const std::atomic<bool>* cancel = nullptr);
  ~StagedOutput();  // removes the temporary directory unless committed; releases the lock
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;
  // The temporary directory, created by the first call where deferred.
  const std::filesystem::path& staging();
  const std::filesystem::path& target() const { return dir_; }
  // Throws RunCancelled when the cancel flag is set (SIGINT/SIGTERM arrived), so an
  // interrupted command never commits.
  void commit();

 private:
  enum class Mode { fresh, in_place, replace };
  void prepare(std::filesystem::path dir, bool force, const std::string& command);
  void lock();
  void unlock();
  std::filesystem::path dir_, staging_, lock_file_;
  Mode mode_ = Mode::fresh;
  int dir_fd_ = -1, lock_fd_ = -1;
  const std::atomic<bool>* cancel_ = nullptr;
  bool committed_ = false;
  bool created_ = false;  // staging_ exists (deferred under MPI until staging())
};

// Swaps two existing paths: one renameat2(RENAME_EXCHANGE) where the kernel and file system
// have it (atomic), else two renames through `b`.old-PID with `b` put back if the second
// fails. Throws std::runtime_error naming `b`.
void exchange_paths(const std::filesystem::path& a, const std::filesystem::path& b);

// --threads as the runner uses it: 0 = every hardware thread.
int resolved_threads(int threads);

// The study layer's one defensive check of --inner-replications (the options table checks
// the same range, study::kMaxInnerReplications, for the command line and Python): throws
// UserError "--inner-replications: N is not a whole number from 1 to 1000".
void check_inner_replications(int n);

// `out_dir` when given, else a new run folder prostup-out/<scenario name><suffix>/RUN-ID
// (sweep: "-sweep"; run_folders.hpp), reserved on the output rank.
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
// `together`: every scenario is simulated in one run (run: baseline and variants); else one
// after another (sweep points, plan values), each with its own results held at once.
ResourceEstimate estimate_resources(const std::vector<const Scenario*>& scenarios, int reps,
                                    int months, int threads, bool together);

// The memory a command may still use: the smallest of MemAvailable, the cgroup's memory.max
// less its memory.current, and RLIMIT_AS less the address space in use (less what `threads`
// workers reserve). `source` names the binding one; bytes < 0 when none is known.
MemoryLimit memory_limit(int threads);
// The cgroup's part of memory_limit: v2's memory.max less memory.current, or v1's
// memory.limit_in_bytes less memory.usage_in_bytes of the process's own group in the memory
// hierarchy (and of the groups above it). `root` is prefixed to /proc/self/cgroup and
// /sys/fs/cgroup, so a test can give a fake tree. bytes < 0 when no limit is set.
MemoryLimit cgroup_memory_limit(const std::string& root = "");

// Refuses (UserError) an estimate over the limit unless `force`; `what` ("the run") starts
// the message.
void check_memory(const ResourceEstimate& est, const MemoryLimit& limit, bool force,
                  const std::string& what);

// Peak resident memory of this process (VmHWM), -1 if unknown.
long long peak_resident_bytes();

std::string sha256_hex(const std::string& data);
std::string utc_now_iso8601();
double seconds_now();
long long available_memory_bytes();  // MemAvailable, -1 if unknown

}  // namespace prostup::detail

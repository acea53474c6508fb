// SPDX-License-Identifier: Apache-2.0
// The use cases (sim/study/, the prostup_study library): what a caller asks for as a plain
// request, and a complete result back: the scenario's identity, the labels, the binding
// constraints, everything the writers and the answer need. No argument parsing, no printing,
// no process globals: progress and cancellation come in as hooks. The command line
// (sim/app/) turns its options into a request and writes and prints the result; another
// program can call the same functions (docs/architecture.md).
//
// Errors: UserError (include/prostup/errors.hpp) for what the caller got wrong, RunCancelled
// (include/prostup/runner.hpp) when the cancel flag was set, anything else a failure.
#pragma once

#include <atomic>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "prostup/calibrate.hpp"
#include "prostup/calibration_writers.hpp"
#include "prostup/catalog.hpp"
#include "prostup/cohort.hpp"
#include "prostup/model.hpp"
#include "prostup/results.hpp"
#include "prostup/scenario.hpp"
#include "prostup/scenario_json.hpp"
#include "prostup/writers.hpp"

namespace prostup::study {

// How far a use case got, and whether to stop.
struct Hooks {
  std::function<void(long long done, long long total)> progress;  // may be empty
  // Set (by a signal handler, another thread) to stop: the use case throws RunCancelled.
  const std::atomic<bool>* cancel = nullptr;
};

// What escaped a use case, as the command's exit code and the message it prints: the one
// mapping, for the command line (run_command, sim/app/) and the Python module. UserError: 2,
// its details and then "prostup COMMAND: message"; RunCancelled: 128 + `signal`, "prostup
// COMMAND: interrupted by SIGINT|SIGTERM; `interrupted`"; anything else: 1, its message (that
// memory ran out, in words). Each message ends in a newline.
struct Failure {
  int exit_code = 1;
  std::string message;
};
Failure failure_of(std::exception_ptr error, const std::string& command,
                   const std::string& interrupted, int signal);

// A finished command's output folder recorded in the catalog (record_output,
// include/prostup/catalog.hpp), never throwing: `id` -1 when not recorded (also when
// disabled), and `message` what to say on stderr (a warning when the catalog could not take
// it, or, when `cancel` was set by the signal in `signal` (SIGINT when null), that the wait for a
// locked catalog was given up;
// "" when none). The outputs stay as written either way.
struct Recorded {
  long long id = -1;
  std::string message;
};
Recorded record_in_catalog(const CatalogOptions& options, const std::string& command,
                           const std::string& scenario_text, const std::filesystem::path& out_dir,
                           const std::atomic<bool>* cancel, const std::atomic<int>* signal);

// Files a caller holds (Python's Result.write) into `dir` as a command writes its folder:
// through the output staging (a new folder appears whole; an empty one, also ".", is written
// in place; a non-empty one is refused unless `force`, which exchanges it as --force does; a
// file, the working directory and a folder holding it are never replaced), with charts/ and
// report.html drawn from them when `report`. Throws UserError for a folder it may not write.
void write_folder(const std::filesystem::path& dir, const std::map<std::string, std::string>& files,
                  bool force, bool report, const std::string& command,
                  const std::atomic<bool>* cancel);

// A recorded command's files kept where the command line's would be: a new folder
// prostup-out/NAME/RUN-ID (`name`: the scenario's name and the command's suffix), written
// whole, and prostup-out/NAME/latest pointed at it. Returns the folder; a reservation it
// made is released when it fails.
std::filesystem::path keep_in_run_folder(const std::string& command, const std::string& name,
                                         const std::map<std::string, std::string>& files,
                                         const std::atomic<bool>* cancel);

// A scenario file read and validated.
struct LoadedScenario {
  std::string path;  // "(built-in default)" when none
  std::string text;
  std::string sha256;
  ojson document;
  Scenario scenario;
};

// One model to simulate: the baseline's scenario or a variant's, patched and validated but
// not compiled.
struct ModelScenario {
  std::string variant;  // "baseline" or the variant id
  Scenario scenario;
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

// The memory a command may still use: the smallest of MemAvailable, the cgroup's memory.max
// less its memory.current, and RLIMIT_AS less the address space in use (less what the
// workers reserve). `source` names the binding one; bytes < 0 when none is known.
struct MemoryLimit {
  long long bytes = -1;
  std::string source;
};

// Replications per drawn parameter set (--inner-replications): the options table's range.
inline constexpr int kMinInnerReplications = 1, kMaxInnerReplications = 1000;

// `prostup run`: every town under the baseline and the chosen variants.
struct RunRequest {
  std::string file;  // "" = the built-in default scenario
  // The scenario's own text when not empty (an edited scenario from Python): `file` then
  // only names it (manifest, catalog, messages), and nothing is read from disk.
  std::string text;
  std::vector<std::string> variants;  // beside the baseline, when !all_variants
  bool all_variants = true;
  int replications = -1, months = -1;  // -1 = the scenario's
  int threads = 0;                     // 0 = every hardware thread
  long long seed = -1;                 // -1 = the scenario's
  bool by_profile_series = false;      // monthly series by household profile too
  // Parameter uncertainty (docs/uncertainty.md): run at the distributions' means, and the
  // replications per drawn parameter set (1..1000).
  bool fixed_parameters = false;
  int inner_replications = 2;
  std::string lang;  // of the texts in the result: en, cs, "" = the scenario's (else en)
};

// A run loaded, checked and sized, before anything large is built: what a dry run prints,
// what the memory check and the output folder need.
struct RunSetup {
  RunRequest request;
  LoadedScenario source;
  std::vector<ModelScenario> models;              // the baseline first
  std::string language;                           // "en" or "cs"
  int replications = 0, months = 0, threads = 0;  // as the run will use them
  ResourceEstimate estimate;
  MemoryLimit limit;
  std::string started_at;  // ISO 8601 UTC
  double start_seconds = 0;
};

// Loads and validates the scenario, picks the variants and sizes the run (every MPI rank must
// load the same file). Throws UserError.
RunSetup prepare_run(const RunRequest& request);

// A run simulated and complete.
struct RunOutcome {
  // Everything the writers and the answer read: the runner's result with the scenario's
  // identity (path, SHA-256, title, description), the variants' labels and descriptions, the
  // language, the binding constraints and the marginal values of the largest of them.
  RunResult result;
  std::vector<CompiledModel> models;  // the baseline first
  CohortResult exact;                 // the cohort model without limits (binding constraints)
};

// Compiles and simulates the setup's models. Throws RunCancelled when hooks.cancel was set.
// Under MPI every rank calls it; only the output rank's result has the cohort model's
// binding constraints and marginal values (the others return after the simulation).
RunOutcome run(const RunSetup& setup, const Hooks& hooks);

// `prostup cohort`: the cohort model (docs/cohort.md) of the baseline and every variant.
struct CohortRequest {
  std::string file;  // "" = the built-in default scenario
  // The scenario's own text when not empty (an edited scenario from Python): `file` then
  // only names it (manifest, catalog, messages), and nothing is read from disk.
  std::string text;
};
struct CohortOutcome {
  LoadedScenario source;
  std::vector<CompiledModel> models;  // the baseline first, then every variant
  std::vector<CohortResult> results;  // parallel to models
};
// Throws UserError for an invalid scenario, RunCancelled between models when hooks.cancel
// was set.
CohortOutcome cohort(const CohortRequest& request, const Hooks& hooks);
// cohort.csv, cohort_summary.csv and bottlenecks.csv (docs/cohort.md). Throws RunCancelled
// between towns when `cancel` is set, std::runtime_error naming a file that cannot be written.
void write_cohort_files(const CohortOutcome& outcome, OutputFiles& to,
                        CsvDialect dialect = CsvDialect::rfc4180,
                        const std::atomic<bool>* cancel = nullptr);

// One --set POINTER=FROM:TO:STEP of a sweep. Integer when FROM, TO and STEP are all written
// as integers.
struct SweepAxis {
  std::string pointer;
  double from = 0, to = 0, step = 0;
  bool integer = false;
  std::vector<double> values;  // from, from+step, ... <= to (to itself when reached exactly)
};

// What setting a value at a pointer changed, for the planner's log.
struct SetResult {
  std::string pointer;  // where the value was written (may end in "/initial")
  std::string note;     // e.g. that a capacity schedule still applies; "" if none
  double previous = std::numeric_limits<double>::quiet_NaN();  // the scenario's own value
};

// `prostup sweep` (docs/planning.md): the scenario at every point of a grid of values, all
// points with the same seed and random keys (common random numbers).
struct SweepRequest {
  std::string file;  // "" = the built-in default scenario
  // The scenario's own text when not empty (an edited scenario from Python): `file` then
  // only names it (manifest, catalog, messages), and nothing is read from disk.
  std::string text;
  std::string variant;            // "" = the baseline
  std::vector<std::string> sets;  // POINTER=FROM:TO:STEP, one axis each
  int replications = -1, months = -1, threads = 0;
  long long seed = -1;
  // Input uncertainty (docs/planning.md): every point runs the same parameter sets.
  bool fixed_parameters = false;
  int inner_replications = 2;
  std::string lang;  // en, cs, "" = the scenario's
};

// A sweep parsed, loaded and every point validated, before anything is compiled.
struct SweepSetup {
  SweepRequest request;
  LoadedScenario source;
  std::vector<SweepAxis> axes;
  std::vector<std::vector<double>> grid;  // point p's coordinates; the last axis fastest
  std::vector<SetResult> written;         // what each axis's pointer changed (notes)
  std::vector<Scenario> points;           // each point's validated scenario
  std::string language;                   // "en" or "cs"
  ResourceEstimate estimate;
  MemoryLimit limit;
  std::string started_at;
  double start_seconds = 0;
};
// Throws UserError naming the --set at fault.
SweepSetup prepare_sweep(const SweepRequest& request);

// One point's results: the headline table of every town and all towns together ("*").
struct SweepPoint {
  std::vector<double> values;                 // parallel to the axes
  std::vector<std::string> towns;             // result rows: towns then "*"
  std::vector<std::vector<Summary>> metrics;  // [row][metric]
};
struct SweepOutcome {
  std::vector<SweepPoint> points;
  std::vector<MetricInfo> metrics;  // the cohort "all" only (sweep.csv's metrics)
  // The first point's description with the household-months and simulation time of all of
  // them, the scenario's identity, the language.
  RunInfo info;
};
// Runs the points one after another. Throws RunCancelled when hooks.cancel was set; the
// progress counts the tasks of all points.
SweepOutcome sweep(const SweepSetup& setup, const Hooks& hooks);
// manifest.json, sweep.csv (written in pieces, `cancel` checked between them) and
// sweep_points.json: the files the command line writes, byte for byte. The report is drawn
// from them (write_report).
void write_sweep_files(const SweepSetup& setup, const SweepOutcome& outcome, OutputFiles& to,
                       CsvDialect dialect = CsvDialect::rfc4180,
                       const std::atomic<bool>* cancel = nullptr);

// --vary POINTER=LO:HI of a plan, integers with LO <= HI.
struct VaryRange {
  std::string pointer;
  long long lo = 0, hi = 0;
};

// --target METRIC>=VALUE or METRIC<=VALUE; VALUE may end in '%' (divided by 100).
struct Target {
  std::string metric;
  bool at_least = true;  // ">=" (else "<=")
  double value = 0;
  std::string op() const { return at_least ? ">=" : "<="; }
};

// One evaluated value of the varied parameter.
struct PlanPoint {
  long long value = 0;
  Summary summary;            // mean and the usual two-sided 95 % CI over replications
  double bound = kUndefined;  // one-sided bound at the chosen confidence (lower for >=)
  bool meets = false;
  // Under input uncertainty (evaluate_point_sets): the parameter sets whose mean meets the
  // target, of `sets`; bound is then the value that ceil(assurance * sets) of the sets' means
  // reach (at least, for ">="; at most, for "<="): it meets the target exactly when they do.
  // sets = 0 for a Monte Carlo-only point.
  int sets = 0, sets_meeting = 0;
  double share_meeting() const {
    return sets > 0 ? static_cast<double>(sets_meeting) / sets : kUndefined;
  }
};

// `prostup plan` (docs/planning.md): the smallest value of one integer setting for which a
// target is met, found by bisection.
struct PlanRequest {
  std::string file;  // "" = the built-in default scenario
  // The scenario's own text when not empty (an edited scenario from Python): `file` then
  // only names it (manifest, catalog, messages), and nothing is read from disk.
  std::string text;
  std::string vary;          // POINTER=LO:HI
  std::string target;        // METRIC>=VALUE or METRIC<=VALUE
  std::string town;          // "" or "*" = all towns together
  std::string variant;       // "" = the baseline
  double confidence = 0.95;  // of the Monte Carlo bound (fixed parameters only)
  // Input uncertainty: the share of parameter sets that must meet the target; the
  // replications per set.
  double assurance = 0.95;
  bool fixed_parameters = false;
  int inner_replications = 2;
  int replications = -1, months = -1, threads = 0;
  long long seed = -1;
  std::string lang;  // en, cs, "" = the scenario's
};

// A plan parsed, loaded and checked on the lowest value before anything runs.
struct PlanSetup {
  PlanRequest request;
  LoadedScenario source;
  VaryRange range;
  Target target;
  SetResult written;       // what --vary's pointer changed (its note, the scenario's value)
  ojson document;          // the document the values are written into (the variant applied)
  CompiledModel probe;     // the lowest value's model
  std::string unit;        // of the target's metric
  std::string town;        // "*" = all towns together
  std::string town_label;  // in the plan's language; "" for all towns
  std::string language;    // "en" or "cs"
  ResourceEstimate estimate;
  MemoryLimit limit;
  std::string started_at;
  double start_seconds = 0;
};
// Throws UserError naming the option at fault.
PlanSetup prepare_plan(const PlanRequest& request);

// What the plan measured while it ran (for a log): each value as it was evaluated, and how
// many binding constraints it measures at the top of the range when no value met the target.
struct PlanHooks : Hooks {
  std::function<void(const PlanPoint&)> value;       // may be empty
  std::function<void(std::size_t count)> measuring;  // may be empty
};

struct PlanOutcome {
  std::optional<long long> answer;  // the smallest value that meets the target
  std::vector<PlanPoint> order;     // in evaluation order
  std::map<long long, PlanPoint> evaluated;
  bool monotone = true;    // the values tried agree with the search's assumption
  MetricInfo target_info;  // the target's metric (as run at the top of the range)
  // When no value meets the target, what holds it back at HI (docs/planning.md, "What binds"):
  // the exact model's binding lines (prefixed "TOWN: " for all towns together), and the largest
  // of them each run again with one more unit: what it is worth (`gain` in the target's better
  // direction) and the paired difference as simulated.
  std::vector<std::string> binding_lines;
  std::vector<MarginalValue> measured;
  std::vector<Summary> change;  // parallel to measured
  // The first value's description with the household-months and simulation time of all of
  // them, the scenario's identity, the language.
  RunInfo info;
};
// Throws RunCancelled when hooks.cancel was set.
PlanOutcome plan(const PlanSetup& setup, const PlanHooks& hooks);
// manifest.json and plan.json (with the ranked binding constraints when no value met the
// target): the files the command line writes, byte for byte.
void write_plan_files(const PlanSetup& setup, const PlanOutcome& outcome, OutputFiles& to);

// `prostup calibrate` (docs/calibration.md): the parameters that carry a distribution fitted
// to what the towns have observed. The particle limits are the options table's range.
inline constexpr int kMinParticles = 10, kMaxParticles = 100000;
struct CalibrateRequest {
  std::string file;  // "" = the built-in default scenario
  // The scenario's own text when not empty: `file` then only names it.
  std::string text;
  int particles = 200;                // kMinParticles..kMaxParticles
  long long max_simulations = 20000;  // at least two generations: 2 * particles
  double max_seconds = 0;             // 0 = no wall-time budget
  long long seed = -1;                // -1 = the scenario's
  int threads = 0;                    // 0 = every hardware thread
};

// A calibration loaded, checked and sized before anything runs.
struct CalibrateSetup {
  CalibrateRequest request;
  LoadedScenario source;
  int threads = 0;  // as the calibration will use them
  ResourceEstimate estimate;
  MemoryLimit limit;
  std::string started_at;
  double start_seconds = 0;
};
// Throws UserError for a limit out of range, CalibrationError (a UserError with the JSON
// pointer) when the scenario has nothing to calibrate.
CalibrateSetup prepare_calibrate(const CalibrateRequest& request);

struct CalibrateOutcome {
  CalibrationResult result;
  // The scenario with the posterior as its parameter_sample (calibrated.json), checked to
  // read back.
  Scenario calibrated;
  CalibrationRecord record;  // what the manifest and calibration.html say about the run
};
// Runs the calibration (progress in simulations of the budget). Throws RunCancelled when
// hooks.cancel was set. Under MPI every rank calls it.
CalibrateOutcome calibrate(const CalibrateSetup& setup, const Hooks& hooks);
// prepare_calibrate, then calibrate (no memory check: a caller that wants one prepares).
CalibrateOutcome calibrate(const CalibrateRequest& request, const Hooks& hooks);
// calibrated.json, manifest.json, posterior.csv, fit.csv and report.html (calibration.html's
// page): the files the command line writes, byte for byte.
void write_calibrate_files(const CalibrateOutcome& outcome, OutputFiles& to,
                           CsvDialect dialect = CsvDialect::rfc4180,
                           const std::atomic<bool>* cancel = nullptr);

}  // namespace prostup::study

// SPDX-License-Identifier: Apache-2.0
// Commands behind the `prostup` executable. command_line.cpp only parses arguments into
// these structs and calls the functions; each returns the process exit code:
// 0 ok, 1 runtime failure, 2 invalid input or usage, 130/143 interrupted.
#pragma once

#include <string>
#include <vector>

#include "prostup/catalog.hpp"
#include "prostup/errors.hpp"  // the exit codes

namespace prostup {

struct ValidateArgs {
  std::vector<std::string> files;
  bool quiet = false;
};
int cmd_validate(const ValidateArgs& a);

// `prostup schema`: what the format's tables generate. Prints the JSON Schema, or with
// --dict the fuzzer's dictionary; --update DIR rewrites the generated files of the source
// tree DIR (scenarios/scenario.schema.json, docs/scenario-format.md's tables,
// fuzz/scenario.dict).
struct SchemaArgs {
  bool dict = false;
  std::string update_dir;
};
int cmd_schema(const SchemaArgs& a);

struct DescribeArgs {
  std::string file;   // empty = built-in default
  std::string lang;   // en or cs; "" = the scenario's "language", else en
  std::string graph;  // --graph FILE.svg: the ladder drawn there; "" = none
};
int cmd_describe(const DescribeArgs& a);

struct RunArgs {
  std::string file;  // empty = built-in default
  std::string out_dir;
  int replications = -1, threads = 0, months = -1;
  long long seed = -1;
  std::vector<std::string> variants;  // empty = all
  bool variants_given = false;
  bool quiet = false, force = false, no_report = false, dry_run = false;
  bool verbose = false;                 // today's full listing instead of the short answer
  bool by_profile_series = false;       // monthly series by household profile too
  std::string csv_dialect = "rfc4180";  // or "excel-cs"
  std::string lang;  // of the terminal answer and report.html: en, cs, "" = the scenario's
  CatalogOptions catalog;
  // Parameter uncertainty (docs/uncertainty.md): run at the distributions' means, and the
  // replications per drawn parameter set.
  bool fixed_parameters = false;
  int inner_replications = 2;
};
int cmd_run(const RunArgs& a);

struct SweepArgs {
  std::string file, out_dir, variant;  // variant: "" = baseline
  std::vector<std::string> sets;       // POINTER=FROM:TO:STEP
  int replications = -1, threads = 0, months = -1;
  // Input uncertainty (docs/planning.md): every point runs the same parameter sets.
  bool fixed_parameters = false;
  int inner_replications = 2;
  long long seed = -1;
  bool quiet = false, force = false, no_report = false;
  std::string lang;  // of the terminal answer and report.html: en, cs, "" = the scenario's
  std::string csv_dialect = "rfc4180";  // or "excel-cs"
  CatalogOptions catalog;
};
int cmd_sweep(const SweepArgs& a);

struct PlanArgs {
  std::string file, out_dir, vary, target, town, variant;
  double confidence = 0.95;  // of the Monte Carlo bound (fixed parameters only)
  // Input uncertainty (docs/planning.md): the share of parameter sets that must meet the
  // target; the replications per set.
  double assurance = 0.95;
  bool fixed_parameters = false;
  int inner_replications = 2;
  int replications = -1, threads = 0, months = -1;
  long long seed = -1;
  bool quiet = false, force = false, no_report = false;
  std::string lang;  // of the terminal answer and report.html: en, cs, "" = the scenario's
  CatalogOptions catalog;
};
int cmd_plan(const PlanArgs& a);

struct ReportArgs {
  std::string dir;
  std::string lang = {};  // of report.html: en or cs; "" = the run's (manifest.json), else en
};
int cmd_report(const ReportArgs& a);

struct CohortArgs {
  std::string file, out_dir;
  bool force = false;
  std::string csv_dialect = "rfc4180";  // or "excel-cs"
};
int cmd_cohort(const CohortArgs& a);

// `prostup runs list [--scenario NAME] | show ID | diff ID1 ID2` (docs/catalog.md).
struct RunsArgs {
  std::string action;  // list, show, diff
  std::vector<std::string> ids;
  std::string scenario;
  bool json = false;  // runs diff --json
  // runs diff --attribute (docs/catalog.md): re-simulates each changed input alone, with
  // --replications (-1 = the first run's) on --threads (0 = all cores).
  bool attribute = false;
  int replications = -1, threads = 0;
  CatalogOptions catalog;
};
int cmd_runs(const RunsArgs& a);

// `prostup calibrate FILE` (docs/calibration.md). Exit 3: finished, but not every target met.
inline constexpr int kExitNotCalibrated = 3;
struct CalibrateArgs {
  std::string file, out_dir;
  int particles = 200, threads = 0;
  long long max_simulations = 20000, seed = -1;
  double max_seconds = 0;  // 0 = no wall-time budget
  bool quiet = false, force = false;
  std::string csv_dialect = "rfc4180";  // or "excel-cs"
  CatalogOptions catalog;
};
int cmd_calibrate(const CalibrateArgs& a);

}  // namespace prostup

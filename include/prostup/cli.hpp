// SPDX-License-Identifier: Apache-2.0
// Commands behind the `prostup` executable. command_line.cpp only parses arguments into
// these structs and calls the functions; each returns the process exit code:
// 0 ok, 1 runtime failure, 2 invalid input or usage, 130/143 interrupted.
#pragma once

#include <string>
#include <vector>

#include "prostup/catalog.hpp"
#include "prostup/errors.hpp"  // the exit codes
#include "prostup/study.hpp"

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

// The use case's request (include/prostup/study.hpp) is the options' base: an option the use
// case reads is its request's member, filled by the options table directly (no copy to keep
// in step); the rest is the command line's own.
struct RunArgs : study::RunRequest {
  std::string out_dir;
  bool quiet = false, force = false, no_report = false, dry_run = false;
  bool verbose = false;                 // today's full listing instead of the short answer
  std::string csv_dialect = "rfc4180";  // or "excel-cs"
  CatalogOptions catalog;
};
int cmd_run(const RunArgs& a);

struct SweepArgs : study::SweepRequest {
  std::string out_dir;
  bool quiet = false, force = false, no_report = false;
  std::string csv_dialect = "rfc4180";  // or "excel-cs"
  CatalogOptions catalog;
};
int cmd_sweep(const SweepArgs& a);

struct PlanArgs : study::PlanRequest {
  std::string out_dir;
  bool quiet = false, force = false, no_report = false;
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

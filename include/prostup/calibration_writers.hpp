// SPDX-License-Identifier: Apache-2.0
// The files `prostup calibrate` writes (docs/calibration.md): posterior.csv, fit.csv,
// manifest.json and report.html with its charts. calibrated.json is the app's (it needs the
// scenario writer).
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include "prostup/calibrate.hpp"
#include "prostup/writers.hpp"

namespace prostup {

// What manifest.json records besides the result.
struct CalibrationRecord {
  std::string scenario_name, scenario_title, scenario_path, scenario_sha256;
  std::string started_at;  // ISO 8601, UTC
  long long max_simulations = 0;
  double wall_seconds = 0;
};

// Writes the four outputs into `dir` (which must exist). Throws std::runtime_error naming
// the file on I/O failure, RunCancelled (prostup/runner.hpp) between files when `cancel`
// is set. posterior.csv and fit.csv are written in `dialect`.
void write_calibration_outputs(const CalibrationResult& r, const CalibrationRecord& rec,
                               const std::filesystem::path& dir,
                               const std::atomic<bool>* cancel = nullptr,
                               CsvDialect dialect = CsvDialect::rfc4180);
// The same files into a folder or memory.
void write_calibration_outputs(const CalibrationResult& r, const CalibrationRecord& rec,
                               OutputFiles& to, const std::atomic<bool>* cancel = nullptr,
                               CsvDialect dialect = CsvDialect::rfc4180);

}  // namespace prostup

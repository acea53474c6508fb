// SPDX-License-Identifier: Apache-2.0
// Writers: RunResult -> files in an output directory, and the report drawn from those
// files alone (so a planner can re-draw from an older run).
#pragma once

#include <atomic>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "prostup/results.hpp"

namespace prostup {

// How the CSV files are written. rfc4180: comma, decimal point, no BOM (scripts, the
// report). excel_cs: what a spreadsheet set to Czech opens by double-click: semicolon
// separator, decimal comma, UTF-8 byte order mark (docs/report.md).
enum class CsvDialect { rfc4180, excel_cs };
// The dialect named by --csv-dialect: "excel-cs", else rfc4180.
inline CsvDialect csv_dialect_of(std::string_view name) {
  return name == "excel-cs" ? CsvDialect::excel_cs : CsvDialect::rfc4180;
}

// The language of the words people read: the terminal answer and report.html (`--lang`).
// Files for programs (CSV, JSON) and the chart files' data attributes do not change with it.
enum class Language { en, cs };

// Where writers put their files: a folder (each file written as it is built, as the command
// line does), or memory (name -> bytes: what the Python module hands over without a folder).
// Names are relative and '/'-separated ("charts/x.svg"); a name's folders are created.
class OutputFiles {
 public:
  // Into `dir`, which must exist.
  explicit OutputFiles(std::filesystem::path dir);
  // In memory.
  OutputFiles() = default;
  bool in_memory() const { return !to_folder_; }
  const std::filesystem::path& dir() const { return dir_; }
  // One whole file.
  void put(const std::string& name, std::string_view bytes);
  // The files kept in memory (empty for a folder), by name.
  const std::map<std::string, std::string>& files() const { return files_; }
  std::map<std::string, std::string> take() { return std::move(files_); }

  // A file written in pieces; a failure (opening, writing, closing: a full disk often shows
  // only when the buffer is flushed) throws std::runtime_error naming the file.
  class File {
   public:
    File(OutputFiles& to, const std::string& name);
    ~File();
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    void append(std::string_view bytes);
    void close();

   private:
    struct Stream;
    std::string name_;
    std::string* memory_ = nullptr;  // the in-memory file, else stream_
    Stream* stream_ = nullptr;
  };

 private:
  std::filesystem::path dir_;
  bool to_folder_ = false;
  std::map<std::string, std::string> files_;
};

// Writes manifest.json, outcomes.csv, timeseries.csv, flows.csv, flows_yearly.csv,
// flows_monthly.csv, time_to_lease.csv, comparison.csv, equity.csv and results.json into
// `dir` (which must exist). Throws std::runtime_error with a clear message on I/O failure.
// When `cancel` is set (by a signal handler) it stops between files with RunCancelled
// (prostup/runner.hpp).
void write_run_outputs(const RunResult& r, const std::filesystem::path& dir,
                       CsvDialect dialect = CsvDialect::rfc4180,
                       const std::atomic<bool>* cancel = nullptr);
// The same files into a folder or memory.
void write_run_outputs(const RunResult& r, OutputFiles& to,
                       CsvDialect dialect = CsvDialect::rfc4180,
                       const std::atomic<bool>* cancel = nullptr);

// manifest.json's document: format, program and version, the scenario (name, title, path,
// SHA-256), seed, replications, months, threads, variants, towns, stages and services with
// their labels, household_months, simulate_seconds, wall_seconds, started_at. `command`
// ("sweep", "plan") is recorded after program_version when not empty; a run's has none.
nlohmann::ordered_json manifest_document(const RunInfo& info, const std::string& command = {});

// Shortest decimal that round-trips a double; "" for NaN/inf (CSV), see json_number.
std::string format_number(double v);

// One CSV text cell: RFC 4180 quoting (a cell holding the separator, a quote, CR or LF is
// quoted, its quotes doubled), and text a spreadsheet would read as a formula (starting with
// =, +, -, @, a tab or CR) gets a leading ' (OWASP's advice on CSV injection). Every CSV
// writer writes text through it; numbers are not text cells and are written as they are.
std::string csv_text(std::string_view s, char separator = ',');

// A number as a CSV cell of `dialect`. rfc4180: format_number (the shortest text that reads
// back to the same double; exponents where shorter: 5e+05). excel_cs, for people at a
// spreadsheet: rounded to 12 significant digits and at most 12 decimals, written in full with
// a decimal comma and no exponent (500000, 0,3, 0 for float noise such as 1.11e-16; exact
// values stay in the rfc4180 files and results.json). "" for NaN/inf in both.
std::string csv_number(double v, CsvDialect dialect);

// Every CSV file prostup writes is built row by row with this (docs/report.md): the excel_cs
// dialect starts with a UTF-8 BOM and separates cells with ';'; text cells go through
// csv_text, numbers through csv_number.
class CsvWriter {
 public:
  explicit CsvWriter(CsvDialect dialect = CsvDialect::rfc4180);
  CsvWriter& text(std::string_view s);
  CsvWriter& num(double v);
  CsvWriter& integer(long long v);
  // Ends the row with '\n'.
  CsvWriter& end_row();
  // A header row of text cells.
  CsvWriter& header(std::initializer_list<std::string_view> names);
  // The text written so far; take() hands it over and empties the buffer (a file written as
  // it goes).
  const std::string& str() const { return text_; }
  std::string take();

 private:
  CsvWriter& cell(std::string_view s);
  CsvDialect dialect_;
  std::string text_;
  bool first_ = true;
};

// Reads the files in `dir` and writes dir/charts/*.svg and dir/report.html.
// Throws std::runtime_error on unreadable or malformed inputs.
void write_report(const std::filesystem::path& dir);
// The same, drawn from the files in `dir` into out_dir/charts and out_dir/report.html.
// `cancel` as for write_run_outputs, checked between charts. `lang`: the report's words
// (the charts themselves are drawn in English for now).
void write_report(const std::filesystem::path& dir, const std::filesystem::path& out_dir,
                  const std::atomic<bool>* cancel = nullptr, Language lang = Language::en);

}  // namespace prostup

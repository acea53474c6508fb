// SPDX-License-Identifier: Apache-2.0
// `prostup report DIR`: redraw charts and report.html from an output directory.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app_support.hpp"
#include "prostup/cli.hpp"
#include "prostup/writers.hpp"
#include "report.hpp"
#include "run_support.hpp"
#include "strings.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace detail;

namespace {

// The new report is drawn into DIR/.report.tmp-PID and moved into place only when complete:
// report.html by one rename (atomic), charts/ by one exchange where the kernel has it. A full
// disk or a signal leaves the old report as it was.
void redraw(const fs::path& dir, Language lang) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw UserError(dir.string() + ": not an output directory");
  const fs::path charts = dir / "charts";
  if (fs::exists(fs::symlink_status(charts, ec)) &&
      !fs::is_directory(fs::symlink_status(charts, ec)))
    throw std::runtime_error("cannot draw the charts: " + charts.string() +
                             " exists and is not a directory");
  const fs::path staging = dir / (".report.tmp-" + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  fs::create_directory(staging, ec);
  if (ec) throw std::runtime_error("cannot create " + staging.string() + ": " + ec.message());
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(p, e);
    }
  } cleanup{staging};
  test_signal_point("write");
  write_report(dir, staging, &g_cancel, lang);
  if (g_cancel) throw RunCancelled();
  const fs::path new_charts = staging / "charts";
  if (fs::exists(new_charts, ec)) {
    if (fs::exists(charts, ec)) {
      exchange_paths(new_charts, charts);  // the old charts end up in staging, removed below
    } else {
      fs::rename(new_charts, charts, ec);
      if (ec)
        throw std::runtime_error("cannot move charts into " + dir.string() + ": " + ec.message());
    }
  }
  fs::rename(staging / "report.html", dir / "report.html", ec);
  if (ec)
    throw std::runtime_error("cannot move report.html into " + dir.string() + ": " + ec.message());
}

// The language the run was written in (manifest.json's "language"), else English: `prostup
// report DIR` redraws a Czech run in Czech without being told.
std::string recorded_language(const std::string& dir) {
  std::ifstream in(fs::path(dir) / "manifest.json", std::ios::binary);
  if (!in) return "en";
  const nlohmann::json m = nlohmann::json::parse(in, nullptr, false);
  if (m.is_object())
    if (auto l = m.find("language"); l != m.end() && l->is_string())
      if (*l == "en" || *l == "cs") return l->get<std::string>();
  return "en";
}

}  // namespace

int cmd_report(const ReportArgs& a) {
  install_signal_handlers();
  return run_command("report", "the old report is unchanged", [&] {
    redraw(a.dir, text::language_from(a.lang.empty() ? recorded_language(a.dir) : a.lang));
    std::cout << "report: " << (fs::path(a.dir) / "report.html").string() << "\n";
    return kExitOk;
  });
}

}  // namespace prostup

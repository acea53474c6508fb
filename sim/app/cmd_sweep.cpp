// SPDX-License-Identifier: Apache-2.0
// `prostup sweep`: the scenario run at every point of a grid of values, all points with the
// same seed and random keys (common random numbers), so differences between points come
// from the values and not from the draws.
#include <cmath>
#include <iostream>
#include <optional>
#include <set>

#include "answer.hpp"
#include "app_support.hpp"
#include "plan_support.hpp"
#include "prostup/cli.hpp"
#include "prostup/parallel.hpp"
#include "prostup/runner.hpp"
#include "prostup/study.hpp"
#include "prostup/writers.hpp"
#include "run_folders.hpp"
#include "run_support.hpp"
#include "strings.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace planning;

namespace {

using PointResult = study::SweepPoint;

// Columns padded to their widest cell (UTF-8 aware), the first left-aligned, the rest right.
void print_table(const std::vector<std::vector<std::string>>& rows) {
  auto width = [](const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  std::vector<std::size_t> w;
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (w.size() <= c) w.push_back(0);
      w[c] = std::max(w[c], width(row[c]));
    }
  for (const auto& row : rows) {
    std::string line = " ";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(w[c] - width(row[c]), ' ');
      line += "  " + (c == 0 ? row[c] + pad : pad + row[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::cout << line << "\n";
  }
}

// The sweep's answer on a terminal: every headline metric at every point (all towns together,
// or the only town), and with two swept parameters the first headline metric as a grid.
void print_sweep_table(const std::vector<SweepAxis>& axes, const std::vector<PointResult>& points,
                       const std::vector<MetricInfo>& metrics, Language lang) {
  using text::tr;
  std::vector<std::size_t> headline;
  for (std::size_t k = 0; k < metrics.size(); ++k)
    if (metrics[k].headline) headline.push_back(k);
  if (points.empty() || headline.empty()) return;
  auto cell = [&](std::size_t p, std::size_t k) {
    return answer::table_text(points[p].metrics.back()[k].mean, metrics[k], lang);
  };
  auto coords = [&](std::size_t p) {
    std::string s;
    for (std::size_t a = 0; a < axes.size(); ++a)
      s += (a ? ", " : "") + text::decimal(lang, value_text(points[p].values[a], axes[a].integer));
    return s;
  };
  std::string params;
  for (const auto& ax : axes) params += (params.empty() ? "" : ", ") + ax.pointer;
  const std::string where = points.front().towns.size() > 2
                                ? tr(lang, "sweep.all_towns")
                                : tr(lang, "sweep.town", {points.front().towns[0]});
  std::cout << tr(lang, "sweep.table_head", {where, params}) << "\n";
  std::vector<std::vector<std::string>> rows;
  if (points.size() <= 8) {
    // Few points: one column per point, one row per metric.
    std::vector<std::string> head{tr(lang, "sweep.point")};
    for (std::size_t p = 0; p < points.size(); ++p) head.push_back(coords(p));
    rows.push_back(head);
    for (std::size_t k : headline) {
      const std::string unit = answer::table_unit(metrics[k], lang);
      std::vector<std::string> row{answer::metric_words(metrics[k].name, lang) +
                                   (unit.empty() ? "" : ", " + unit)};
      for (std::size_t p = 0; p < points.size(); ++p) row.push_back(cell(p, k));
      rows.push_back(row);
    }
  } else {
    std::vector<std::string> head{tr(lang, "sweep.point")};
    for (std::size_t k : headline) {
      const std::string unit = answer::table_unit(metrics[k], lang);
      head.push_back(answer::metric_words(metrics[k].name, lang) +
                     (unit.empty() ? "" : ", " + unit));
    }
    rows.push_back(head);
    for (std::size_t p = 0; p < points.size(); ++p) {
      std::vector<std::string> row{coords(p)};
      for (std::size_t k : headline) row.push_back(cell(p, k));
      rows.push_back(row);
    }
  }
  print_table(rows);
  if (axes.size() != 2) return;
  // The grid: the first parameter down, the second across (the last --set varies fastest).
  const std::size_t k = headline.front(), n1 = axes[1].values.size();
  std::cout << "\n"
            << tr(lang, "sweep.grid",
                  {answer::metric_words(metrics[k].name, lang), axes[0].pointer, axes[1].pointer})
            << "\n";
  std::vector<std::vector<std::string>> grid{{""}};
  for (double v : axes[1].values)
    grid[0].push_back(text::decimal(lang, value_text(v, axes[1].integer)));
  for (std::size_t i = 0; i < axes[0].values.size(); ++i) {
    std::vector<std::string> row{
        text::decimal(lang, value_text(axes[0].values[i], axes[0].integer))};
    for (std::size_t j = 0; j < n1 && i * n1 + j < points.size(); ++j)
      row.push_back(cell(i * n1 + j, k));
    grid.push_back(row);
  }
  print_table(grid);
}

int run_sweep(const SweepArgs& a) {
  using namespace detail;
  install_signal_handlers();
  const study::SweepSetup setup = study::prepare_sweep(a);
  for (const SetResult& r : setup.written)
    if (!r.note.empty()) std::cerr << "prostup sweep: note: " << r.note << "\n";
  check_run_limits(a);
  check_memory(setup.estimate, setup.limit, a.force, "the sweep");
  const LoadedScenario& ls = setup.source;
  const std::vector<SweepAxis>& axes = setup.axes;
  const auto& grid = setup.grid;
  const fs::path dir = output_dir_for(a.out_dir, ls, "-sweep");
  // Under MPI only the output rank writes files and prints (docs/distributed.md).
  std::optional<StagedOutput> staged;
  if (is_output_rank()) staged.emplace(dir, a.force, "sweep", &detail::g_cancel);
  Progress bar(!a.quiet && is_output_rank());
  const study::SweepOutcome so =
      study::sweep(setup, {[&](long long d, long long n) { bar.update(d, n); }, &g_cancel});
  bar.finish();
  const std::vector<PointResult>& points = so.points;
  const std::vector<MetricInfo>& metrics = so.metrics;
  const RunInfo& info = so.info;
  if (!is_output_rank()) return kExitOk;
  StagedOutput& out = *staged;
  test_signal_point("write");
  OutputFiles files(out.staging());
  study::write_sweep_files(setup, so, files, csv_dialect_of(a.csv_dialect), &g_cancel);

  // All or nothing: a report that cannot be drawn (a full disk) fails the command and
  // nothing is committed.
  if (g_cancel) throw RunCancelled();
  const Language lang = text::language_from(setup.language);
  if (!a.no_report) write_report(out.staging(), out.staging(), &g_cancel, lang);
  out.commit();
  if (a.out_dir.empty()) point_latest(dir, "sweep");
  record_in_catalog(a.catalog, "sweep", ls.text, dir);
  // Ctrl-C while the catalog was locked: said on stderr; the outputs stay.
  if (g_cancel) return exit_code_for_signal();

  if (!a.quiet) {
    // The headline outcome for all towns together, point by point.
    std::size_t k = 0;
    while (k < metrics.size() && metrics[k].name != "reached_lease_share") ++k;
    using text::tr;
    std::cout << (a.variant.empty()
                      ? tr(lang, "sweep.header",
                           {text::plural(lang, "sweep.points", static_cast<long long>(grid.size())),
                            std::to_string(info.replications), std::to_string(info.seed)})
                      : tr(lang, "sweep.header_variant",
                           {text::plural(lang, "sweep.points", static_cast<long long>(grid.size())),
                            std::to_string(info.replications), std::to_string(info.seed),
                            a.variant}))
              << "\n";
    if (k < metrics.size()) {
      std::cout << (info.psa
                        ? tr(lang, "sweep.lease_head_sets", {std::to_string(info.parameter_sets)})
                        : tr(lang, "sweep.lease_head"))
                << "\n";
      for (std::size_t p = 0; p < points.size(); ++p) {
        const Summary& s = points[p].metrics.back()[k];
        std::cout << "  " << p + 1 << ". " << text::decimal(lang, point_label(axes, grid[p]))
                  << ": "
                  << text::decimal(lang, format_ci(s.mean, s.ci_low, s.ci_high, metrics[k].unit))
                  << "\n";
      }
    }
    std::cout << "\n";
    print_sweep_table(axes, points, metrics, lang);
    std::cout << "\n";
    std::cout << tr(lang, "sweep.written",
                    {dir.string(), std::string("sweep.csv, sweep_points.json, manifest.json") +
                                       (a.no_report ? "" : ", report.html")})
              << "\n";
  }
  return kExitOk;
}

}  // namespace

int cmd_sweep(const SweepArgs& a) {
  return detail::run_command("sweep", "nothing was written", [&] { return run_sweep(a); });
}

}  // namespace prostup

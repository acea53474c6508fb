// SPDX-License-Identifier: Apache-2.0
// The report's inputs, read back from an output directory, and its charts. Private to sim/.
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "prostup/errors.hpp"
#include "prostup/results.hpp"
#include "prostup/writers.hpp"

namespace prostup::report {

struct SweepRow {
  std::string town, point, parameter, metric;
  double value = kUndefined, mean = kUndefined, ci_low = kUndefined, ci_high = kUndefined;
};

struct PlanPoint {
  double value = kUndefined, mean = kUndefined, ci_low = kUndefined, ci_high = kUndefined;
  double bound = kUndefined;
  bool meets = false;
};

struct Plan {
  std::string metric, op, parameter, town, variant;
  double target = kUndefined, answer = kUndefined, confidence = kUndefined;
  double scenario_value = kUndefined;  // the varied number as the scenario has it
  std::vector<PlanPoint> points;
};

struct Input {
  bool has_run = false;  // results.json was there
  RunResult run;         // the cohort "all"
  // Every cohort, where the run has tagged cohorts (results.json "cohorts"): the trial arms
  // of the answer box (answer::cohort_lines); empty otherwise.
  std::optional<RunResult> arms;
  nlohmann::json manifest;  // null when there is no manifest.json
  std::vector<SweepRow> sweep;
  std::optional<Plan> plan;
};

// Reads results.json, manifest.json, sweep.csv and plan.json (whichever exist) from `dir`.
// `cancel` (set by a signal handler) is checked between files and every 64k rows of
// sweep.csv (100 MB took seconds to read), with RunCancelled.
Input read_input(const std::filesystem::path& dir, const std::atomic<bool>* cancel = nullptr);
// The stage and service labels that begin the binding constraints' lines and the marginal
// values' `what` (written in the run's language, info.language) in `lang`'s words, so that a
// run redrawn with another --lang names them in it.
void relabel(RunInfo& info, Language lang);

// A parsed CSV file (first row = header): RFC 4180, or excel-cs when it starts with a UTF-8
// BOM (";" between cells; numbers keep their decimal comma).
// `cancel` as for read_input.
std::vector<std::vector<std::string>> parse_csv(const std::string& text,
                                                const std::atomic<bool>* cancel = nullptr);

// Names for people: labels from the scenario where it has them.
// `lang`: the words of report.html (strings.hpp); the charts call these in English.
std::string town_label(const RunResult& r, const std::string& id,
                       Language lang = Language::en);  // "*" -> "All towns"
std::string stage_label(const RunResult& r, const std::string& id, Language lang);
std::string variant_label(const RunResult& r, const std::string& id,
                          Language lang = Language::en);  // label, else id
std::string metric_label(const RunResult& r, const std::string& name, Language lang = Language::en);
const MetricInfo* metric_info(const RunResult& r, const std::string& name);
std::size_t variant_index(const RunResult& r, const std::string& id);

// A value and unit as people read them ("73.4 %", "1 250 000 CZK").
// Shares always carry "%"; with_unit = false leaves off other units (inside a CI range).
std::string format_value(double v, const std::string& unit, bool with_unit = true,
                         Language lang = Language::en);

// How to show a quantity in `unit` on an axis whose values reach `max_abs`: multiply by
// `factor` and name the axis with `label` (shares as %, large CZK in thousands or millions).
struct AxisUnit {
  double factor = 1;
  std::string label;
};
// `lang`: the words of the label ("million CZK", "mil. Kč"); the factor is the same.
AxisUnit axis_unit(const std::string& unit, double max_abs, bool difference = false,
                   Language lang = Language::en);

// What a quantity in `unit` can be: shares 0..1; households, months, case-months and money
// at least 0; anything else unbounded. Intervals drawn as bands or whiskers are clipped to it
// (the files keep the intervals as computed: a normal interval of a mean near a bound can
// reach past it).
struct FeasibleRange {
  double lo = -INFINITY, hi = INFINITY;
  double clip(double v) const { return std::isfinite(v) ? std::min(std::max(v, lo), hi) : v; }
};
FeasibleRange feasible_range(const std::string& unit);

struct Chart {
  std::string file;         // under charts/
  std::string title;        // also the SVG's <title>
  std::string svg;          // the document
  std::string how_to_read;  // a short note for the report
};

// Every chart's words (title, axes, legend, tooltips, how to read) come from the catalogue
// of `lang` (strings_{en,cs}.cpp); numbers on the axes follow its decimal mark.
Chart occupancy_chart(const RunResult& r, const TownVariantResult& tv,
                      Language lang = Language::en);
Chart waiting_chart(const RunResult& r, const TownVariantResult& tv, Language lang = Language::en);
Chart time_to_lease_chart(const RunResult& r, const std::string& town,
                          Language lang = Language::en);
std::optional<Chart> forest_chart(const RunResult& r, const std::string& town,
                                  Language lang = Language::en);
// Reached-lease share by household profile for the baseline and each variant drawn in the
// town, with 95 % CIs; none when the run has fewer than two profiles.
std::optional<Chart> profile_lease_chart(const RunResult& r, const std::string& town,
                                         Language lang = Language::en);
std::string profile_label(const RunResult& r, const std::string& id,
                          Language lang);  // label, else id
Chart flow_chart(const RunResult& r, const TownVariantResult& tv, Language lang = Language::en);
// The flow account by year drawn (docs/report.md, "Flows year by year"): one row per year (or
// span of years where the horizon has more than 10), the stages as columns with their stocks
// at the start and end, each move of flows_yearly.csv as an arc whose width is proportional
// to it (one scale for every variant of the town), arrivals in from above, exits out below.
// Each drawn flow carries data-flow (kind:from:to), data-years (first-last) and data-value.
Chart flows_yearly_chart(const RunResult& r, const TownVariantResult& tv,
                         Language lang = Language::en);
std::optional<Chart> cost_chart(const RunResult& r, const std::string& town,
                                Language lang = Language::en);
// `cancel` is checked before each town's charts (RunCancelled).
std::vector<Chart> sweep_charts(const Input& in, Language lang = Language::en,
                                const std::atomic<bool>* cancel = nullptr);
Chart plan_chart(const Input& in, const Plan& plan, Language lang = Language::en);

// Parameter uncertainty (PSA) charts, from RunResult::uncertainty (svg_uncertainty.cpp):
// the cost-effectiveness plane and acceptability curve of a town, and the tornado of one
// variant in a town. Empty when the run has no such results.
std::optional<Chart> ce_plane_chart(const RunResult& r, const std::string& town,
                                    Language lang = Language::en);
std::optional<Chart> ceac_chart(const RunResult& r, const std::string& town,
                                Language lang = Language::en);
std::optional<Chart> tornado_chart(const RunResult& r, const std::string& town,
                                   const std::string& variant, Language lang = Language::en);

// The SVG id prefix of a chart file (ids must be unique in the one-page report).
std::string chart_prefix(const std::string& file);

// The scenario's own value of a swept pointer (manifest.json's sweep axes), NaN if unknown.
double sweep_scenario_value(const Input& in, const std::string& pointer);

// A scenario pointer in words for an axis or legend: "/towns/jirkov/capacity/training_flat"
// -> "Tréninkový byt: places in Jirkov", "/services/debt_counselling/caseload_per_worker" ->
// "Dluhové poradenství: caseload per worker"; never the pointer itself.
std::string parameter_words(const RunResult& r, const std::string& pointer,
                            Language lang = Language::en);

// A scenario field in words: the catalogue's "field.NAME" ("caseload_per_worker" -> "caseload
// per worker", "počet případů na pracovníka"), else the name with spaces for underscores.
std::string field_words(const std::string& field, Language lang = Language::en);

// A file-name-safe form of an id ("*" -> "all").
std::string file_id(const std::string& id);

// The budget by year and payer (budget_report.cpp): results.json's "budget" into r.budget
// (nothing where an older run has none), and a town's table of it for report.html ("" where
// there is none): each shown variant's cost per year and payer, its difference from the
// baseline that year and cumulatively, and the year it breaks even.
void read_budget(const nlohmann::json& doc, RunResult& r);
std::string budget_section(const RunResult& r, const std::string& town,
                           const std::vector<std::string>& shown, Language lang);

// The flow account by year (flows_report.cpp; docs/model.md, "Flows by year"): a town's table
// for report.html of each shown variant's stages per year (households at the start, arrivals,
// moves in, moves out, exits, at the end), "" where results.json has none.
std::string flows_year_section(const RunResult& r, const std::string& town,
                               const std::vector<std::string>& shown, Language lang);

}  // namespace prostup::report

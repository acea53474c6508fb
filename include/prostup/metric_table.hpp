// SPDX-License-Identifier: Apache-2.0
// The metric table: every metric a run reports (outcomes.csv, comparison.csv, results.json),
// declared once with its name, unit, direction, a one-line definition and its denominator.
// The runner's catalogue (metric_catalogue, sim/run/metrics.cpp) expands it for a model, the
// writers and the report read that catalogue, the calibration targets (observed.cpp) take
// their names from it, and `prostup schema --update` writes docs/model.md's metric tables
// from it (test_format_tables checks them). How each metric is computed from a replication's
// counters is derive_metrics (sim/run/metrics.cpp), row for row in this order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace prostup {

// Months after first becoming housed at which retention is measured (retention:N).
inline constexpr int kRetentionMonths[3] = {6, 12, 24};

// Which way a metric is better (paired comparisons' share_better, the report's verdicts).
enum class Better : std::uint8_t { higher, lower, none };

// How one row of the table expands into a model's metrics.
enum class MetricScope : std::uint8_t {
  run,             // one metric (cohort "all")
  per_stage,       // "<prefix>:<stage id>" for every stage, the stages in order
  per_service,     // "<prefix>:<service id>" for every service
  per_payer,       // "cost:<payer>" for every payer, only when some cost line names one
  cohort,          // one metric for every cohort (all, initial, arrivals, tagged)
  cohort_not_all,  // one metric for every cohort but "all"
  retention,       // "retention:<N>" for every N of kRetentionMonths, for every cohort
};

struct MetricDefinition {
  const char* name;  // a family's "<prefix>:<stage>" (or <service>, <payer>, <N>)
  const char* unit;  // "share", "households", "months", "CZK", ...
  Better better;
  // Among the headline outcomes (the run's summary, the report's first rows): of a cohort
  // row only for cohort "all"; of retention only N = 12.
  bool headline;
  // Also reported by household profile (docs/model.md, "Outcomes by profile"): of a cohort
  // row, for cohort "all".
  bool by_profile;
  MetricScope scope;
  const char* definition;   // one line, Markdown (docs/model.md)
  const char* denominator;  // of a share or mean, Markdown; "" where none
  const char* docs_name;    // the name as docs/model.md's table shows it; "" = `name`
  // Reported only when the scenario gives a discount rate (docs/model.md, "Prices and
  // discounting"); the undiscounted metrics keep their meaning.
  bool only_discounted = false;
};

// The table, in the order of the catalogue: the run's metrics (cohort "all"), then the
// cohort rows (repeated for every cohort).
const std::vector<MetricDefinition>& metric_definitions();

// A family's prefix ("promotions:" of "promotions:<stage>"); the whole name of a run or
// cohort row.
std::string metric_prefix(const MetricDefinition& d);

// True for the rows that docs/model.md's cohort table lists (cohort, cohort_not_all,
// retention).
bool is_cohort_metric(const MetricDefinition& d);

// docs/model.md's metric tables (Markdown, one line per row, ending in a newline): `which` is
// "metrics" (the run's metrics: metric, unit, better, definition) or "cohort_metrics" (the
// cohort outcomes: metric, definition, denominator, unit). Throws std::invalid_argument for
// another name.
std::string metric_docs_table(const std::string& which);

// The current name of a retired metric name (docs/model.md, "One name, one number"):
// "stabilized_households" -> "cohort_stabilized"; empty for any other name.
std::string renamed_metric(const std::string& name);

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// The answer to a planner's question, "what does each variant change in my town and what
// does it cost?", as data: built once from a RunResult and printed by the terminal summary
// (cmd_run) and the report's summary (report.cpp). Private to sim/.
//
// Which metrics appear is data too: every metric flagged MetricInfo::headline, in catalogue
// order; those whose unit is money ("CZK...") go to the cost column. A new headline metric
// (an incremental cost per household housed, say) appears without touching this code.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "prostup/cohort.hpp"
#include "prostup/results.hpp"
#include "prostup/writers.hpp"

namespace prostup::answer {

enum class Verdict { better, worse, higher, lower, no_difference, undefined };

// "better" when the whole 95 % CI of the paired difference lies on the better side,
// "worse" on the other; "higher"/"lower" for metrics with no better direction.
Verdict verdict(const MetricInfo& m, double ci_low, double ci_high);

struct Change {
  const MetricInfo* metric = nullptr;
  double diff = kUndefined, ci_low = kUndefined, ci_high = kUndefined;
  Verdict verdict = Verdict::undefined;
};

struct VariantAnswer {
  std::string id, label;
  std::vector<Change> outcomes;  // headline metrics that are not money
  std::vector<Change> costs;     // headline metrics in CZK
  // Value for money, from comparison.csv's icer:cohort_stabilized (docs/model.md, "Incremental
  // analysis"): "1.52 M CZK per extra household stabilised [0.9 M, 2.8 M]", or the
  // quadrant where no ratio is meaningful ("dominant": cheaper and better). Empty if none.
  std::string value_for_money;
  // The same in a few words for the terminal: "1.52 M CZK per extra household stabilised".
  std::string value_short;
  // Whom it helps (docs/model.md, "Outcomes by profile"): the household profiles whose
  // reached_lease_share gains most and least, "reached a lease: most Rodiny +8.2 pp [+7.3,
  // +9.1], least Chronicky +0.7 pp [+0.4, +1.1]". Empty with fewer than two profiles.
  std::string by_profile;
};

// `replication_spread`: a run with fixed parameters, whose ratio interval is the spread of
// single replications (docs/model.md, "Incremental analysis"); the text then says so.
std::string value_for_money_text(const Comparison& c, Language lang = Language::en,
                                 bool replication_spread = false);

// One binding constraint of the exact model, parsed from its line so it can be ranked.
struct Binding {
  std::string what;  // "Tréninkový byt" or "Dluhové poradenství (caseload)"
  double demand = 0, capacity = 0;
  int from_month = 0;
  std::string line;  // the line as written, for lines that do not parse
  double excess() const { return demand - capacity; }
  // What one more unit is worth (RunInfo::marginal_values), where it was measured.
  const MarginalValue* value = nullptr;
};

struct TownAnswer {
  std::string town, label;              // "*" / "All towns" for the total
  std::vector<Change> baseline;         // the baseline's level of each headline metric
  std::vector<VariantAnswer> variants;  // only variants that change something here
  std::vector<std::string> untouched;   // labels of variants identical to the baseline here
  // Ranked by what one more unit is worth (rank_by_value), then by excess demand.
  std::vector<Binding> binding;
  // How the baseline itself moves (issue 24): households on outside stages at month 0 and at
  // month M (means of the baseline's occupancy series); NaN where the run has no series.
  double roofless_start = kUndefined, roofless_end = kUndefined;
};
// The metric every answer leads with: person-time housed of the households in need (the same
// denominator in every arm), which more exits to an unknown destination cannot raise
// (docs/model.md, "Who is in need" and "Cohort outcomes").
inline constexpr const char* kLeadMetric = "months_housed_share_in_need";
// "roofless households 165 → 353 over 60 months"; empty where the run has no series.
std::string baseline_moves_text(const TownAnswer& ta, int months, Language lang = Language::en);
// When the street reaches functional zero (council_answer.cpp; docs/model.md, "Functional
// zero"): "street empties by month 38 [29, 55] (p = 0.8)", the median month over replications
// (parameter sets) that reach it, its 5 and 95 % quantiles and the probability of reaching it
// within the horizon, or "street not at functional zero within the horizon"; "" where the run
// has no such metric.
std::string functional_zero_text(const RunResult& r, const std::string& town,
                                 const std::string& variant, Language lang = Language::en);

// The trial arms (docs/model.md, "Cohorts"): for each tagged cohort (RunInfo::cohorts) that
// `variant` changes in `town`, "Housing First arm (50 households): stabilised 47.5 in the
// variant against 1.83 of the same households in the baseline, ▲ +45.7 [...]; 12-month
// retention 95.2 % (published 48/50, ...)". The terminal answer and the report's answer box
// print the same lines; `r` needs the tagged cohorts' metrics and comparisons.
std::vector<std::string> cohort_lines(const RunResult& r, const std::string& town,
                                      const std::string& variant, Language lang = Language::en);

// Whether `variant` changes anything in `town`: with common random numbers an untouched
// town gets the same draws and the same outcome in every replication, so every paired
// difference is exactly zero. True when the run has no comparison to tell.
bool changes_town(const RunResult& r, const std::string& town, const std::string& variant);

// Per town (scenario order, then "All towns" when there are several), from the run's
// comparisons. `variant_label` maps an id to the label people read.
std::vector<TownAnswer> answers(const RunResult& r, Language lang = Language::en);

// Binding lines ("LABEL: demand D, capacity C from month M") ranked by D - C, largest first.
std::vector<Binding> ranked_binding(const std::vector<std::string>& lines);

// Attaches each constraint's measured value (`what` as in the lines; `prefix` the town label
// and ": " where the lines carry it) and ranks: first the constraints whose one more unit
// clearly adds households stabilised (the interval above 0), by households per CZK (unpriced
// units first, by gain); then the unmeasured ones and then the measured ones without a clear
// gain, each by excess demand. A lever that changes nothing cannot rank first.
// `town` is a town id, or "*" for lines prefixed with each town's label.
void rank_by_value(std::vector<Binding>& b, const RunInfo& info, const std::string& town);
// The ranking alone, for constraints whose `value` is already attached (`gain` in the
// direction that is better; `plan` measures its target metric).
void sort_by_value(std::vector<Binding>& b);
// "one more place: +0.42 households stabilised [+0.30, +0.55] for 595 k CZK over 24 months
// (0.71 per 1 M CZK)"; empty when not measured.
std::string binding_value(const Binding& b, int months, Language lang = Language::en);

// The label of a variant from RunInfo::variant_labels; the id where there is none.
std::string variant_label(const RunInfo& info, const std::string& id, Language lang = Language::en);

// Money in one format everywhere: "1.25 bn CZK", "12.5 M CZK", "172 k CZK", "950 CZK";
// `sign` puts "+" before positive values (differences). `unit` is the metric's unit
// ("CZK", "CZK per household").
// In Czech: "1,25 mld. Kč", "172 tis. Kč".
std::string money(double v, const std::string& unit = "CZK", bool sign = false,
                  Language lang = Language::en);

// A level ("41.2 %", "3.5 months", "1.25 bn CZK") and a difference with its interval
// ("+4.1 pp [+2.0, +6.2]", "+172 k CZK [+150 k, +190 k]").
std::string level_text(double v, const MetricInfo& m, Language lang = Language::en);
std::string change_text(const Change& c, Language lang = Language::en);
// The same level for a table whose row names the unit: "41.2 %", "3.5", "1.25 bn";
// table_unit gives the row's unit ("", "months", "CZK", "CZK per household").
std::string table_text(double v, const MetricInfo& m, Language lang = Language::en);
std::string table_unit(const MetricInfo& m, Language lang = Language::en);

// The words of the summary: metric names and verdicts (strings_{en,cs}.cpp).
std::string metric_words(const std::string& name, Language lang = Language::en);
std::string verdict_words(Verdict v, Language lang = Language::en);
const char* verdict_mark(Verdict v);  // "▲" better, "▼" worse, "=" no clear difference

// The constraint's name in the language ("Dluhové poradenství (počet případů)").
std::string binding_what(const Binding& b, Language lang = Language::en);

// A binding constraint in the language's words: "Tréninkový byt: demand 40, capacity 12
// from month 7" (the line as written where it did not parse).
std::string binding_line(const Binding& b, Language lang = Language::en);

// The answer for a terminal (one screen) of `prostup run`: per town a line for each variant
// that changes something there, with at most its three clearest changes (largest difference
// over its standard error), its extra cost and value for money, in aligned columns; the top
// three binding constraints; where the report (when `report`) and the outputs are.
// Lines are at most `width` columns (code points), broken at spaces only, continued with a
// hanging indent (0: no wrapping). With `max_rows` > 0 and more rows than that, the total and
// the towns with the most households that fit are shown and the others counted.
std::string terminal_answer(const RunResult& r, const std::filesystem::path& out, bool report,
                            Language lang = Language::en, int width = 0, int max_rows = 0);

// `prostup run --verbose`: every headline metric of every town and variant, the tagged
// cohorts, each variant's differences from the baseline with their value for money and its
// budget by year and payer, the cohort model's binding constraints (`exact`, ranked as the
// answer ranks them) and where the files are (`folder`). Each text from the scenario (a label,
// a variant's id, a binding line) goes through `shown` (the command line's on_terminal: control
// characters escaped on a terminal; empty = as it is).
using ShownText = std::function<std::string(const std::string&)>;
std::string verbose_listing(const RunResult& r, const std::vector<CompiledModel>& models,
                            const CohortResult& exact, const std::filesystem::path& folder,
                            Language lang = Language::en, const ShownText& shown = {});

}  // namespace prostup::answer

namespace prostup::detail {
// A figure as the terminal shows it: "mean [lo, hi]", a share in per cent, a million and more
// as "1.23 M", whole numbers from 100, else one decimal; "n/a" when undefined.
std::string format_ci(double mean, double lo, double hi, const std::string& unit);
}  // namespace prostup::detail

// SPDX-License-Identifier: Apache-2.0
// `prostup run`: every town under the baseline and the variants, outputs, summary.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <thread>

#include "answer.hpp"
#include "app_support.hpp"
#include "prostup/cli.hpp"
#include "prostup/cohort.hpp"
#include "prostup/marginal.hpp"
#include "prostup/number_text.hpp"
#include "prostup/parallel.hpp"
#include "prostup/runner.hpp"
#include "prostup/study.hpp"
#include "prostup/writers.hpp"
#include "run_folders.hpp"
#include "run_support.hpp"
#include "scenario_cli.hpp"
#include "strings.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace detail;

namespace {

// The columns the answer may use (issue 26): COLUMNS where set, else the terminal's width
// when stdout is one, else 100 (a pipe or a file); never under 20.
int answer_width() {
  long cols = 0;
  if (const char* c = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const long v = std::strtol(c, &end, 10);
    if (end != c && *end == '\0') cols = v;
  }
  winsize ws{};
  if (cols <= 0 && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
    cols = ws.ws_col;
  if (cols <= 0) cols = 100;
  return static_cast<int>(std::clamp(cols, 20L, 1000000L));
}

// The rows the short answer may take (one screen): the towns beyond them are counted, not
// listed.
constexpr int kAnswerRows = 40;

// Words a planner reads in the full listing (strings_{en,cs}.cpp, "verbose.m.METRIC");
// the metric id where the catalogue has none. The cost names its price year when the
// scenario states one.
std::string headline_label(const std::string& metric, const RunInfo& info, Language lang) {
  const std::string key = "verbose.m." + metric, label = text::tr(lang, key);
  if (metric == "cost_total" && info.price_year > 0)
    return label + ", " + text::tr(lang, "term.prices", {std::to_string(info.price_year)});
  return label == key ? answer::metric_words(metric, lang) : label;
}

// The budget of one town and variant against the baseline by year and payer (budget.csv;
// docs/model.md, "Budget by year and payer"): a line per year, the payers in budget.csv's
// order and the total last, with the break-even year where the variant saves.
void print_budget(const RunResult& r, const std::string& town, const std::string& variant,
                  Language lang) {
  using text::tr;
  std::map<int, std::string> lines;
  std::map<int, int> calendar;
  int break_even = 0;
  for (const BudgetRow& b : r.budget) {
    if (b.town != town || b.variant != variant || !std::isfinite(b.diff.mean)) continue;
    std::string who = tr(lang, "verbose.budget_total");
    if (b.payer != "*") {
      const std::string key = "payer." + b.payer, words = tr(lang, key);
      who = words == key ? b.payer : words;
    } else {
      break_even = b.break_even_year;
    }
    std::string& line = lines[b.year];
    line += (line.empty() ? "" : ", ") + on_terminal(who) + " " +
            answer::money(b.diff.mean, "CZK", true, lang);
    calendar[b.year] = b.calendar_year;
  }
  if (lines.empty()) return;
  std::printf("    %s\n", tr(lang, "verbose.budget_head").c_str());
  for (const auto& [year, line] : lines) {
    const std::string when = calendar[year] > 0
                                 ? tr(lang, "verbose.budget_year_cal",
                                      {std::to_string(year), std::to_string(calendar[year])})
                                 : tr(lang, "verbose.budget_year", {std::to_string(year)});
    std::printf("      %s: %s\n", when.c_str(), line.c_str());
  }
  if (break_even > 0)
    std::printf("      %s\n",
                tr(lang, "verbose.budget_break_even", {std::to_string(break_even)}).c_str());
}

// `prostup run --verbose`: every headline metric of every town and variant.
void print_summary(const RunResult& r, const std::vector<CompiledModel>& models, Language lang) {
  using text::tr;
  auto ci = [lang](double mean, double lo, double hi, const std::string& unit) {
    return text::decimal(lang, format_ci(mean, lo, hi, unit));
  };
  std::printf("\n%s\n",
              tr(lang, "term.header",
                 {on_terminal(r.info.scenario_name), std::to_string(r.info.replications),
                  std::to_string(r.info.months), std::to_string(r.info.variants.size() - 1),
                  std::to_string(r.info.seed)})
                  .c_str());
  std::vector<std::size_t> headline;
  for (std::size_t k = 0; k < r.metric_info.size(); ++k)
    if (r.metric_info[k].headline) headline.push_back(k);
  std::vector<std::string> rows = r.info.towns;
  std::vector<std::string> labels;
  for (std::size_t t = 0; t < r.info.towns.size(); ++t)
    labels.push_back(t < r.info.town_labels.size() ? text::in(r.info.town_labels[t], lang)
                                                   : r.info.towns[t]);
  if (rows.size() > 1) {
    rows.push_back("*");
    labels.push_back(tr(lang, "all_towns"));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TownVariantResult* b = r.find(rows[i], "baseline");
    if (!b) continue;
    std::printf("\n%s\n", tr(lang, "verbose.town", {on_terminal(labels[i])}).c_str());
    for (std::size_t k : headline) {
      const Summary& s = b->metrics[k];
      std::printf("  %-30s %s\n", headline_label(r.metric_info[k].name, r.info, lang).c_str(),
                  ci(s.mean, s.ci_low, s.ci_high, r.metric_info[k].unit).c_str());
    }
    // Tagged cohorts (trial arms): the outcomes the trials publish, per variant.
    for (std::size_t v = 0; v < models.size(); ++v) {
      const TownVariantResult* tv = r.find(rows[i], models[v].variant);
      for (const auto& co : models[v].cohorts) {
        if (!tv) break;
        std::printf("  %s\n",
                    tr(lang, "verbose.cohort", {on_terminal(co.id), on_terminal(models[v].variant)})
                        .c_str());
        for (const char* name : {"households", "retention:12", "retention:24",
                                 "months_housed_share", "housed_share_end", "cost_per_household"}) {
          const int k = r.metric_index(name, co.id);
          if (k < 0) continue;
          const Summary& s = tv->metrics[static_cast<std::size_t>(k)];
          std::printf("    %-28s %s\n", name,
                      ci(s.mean, s.ci_low, s.ci_high, r.metric_info[k].unit).c_str());
        }
      }
    }
    for (std::size_t v = 1; v < models.size(); ++v) {
      std::printf("  %s\n", tr(lang, "verbose.minus", {on_terminal(models[v].variant)}).c_str());
      for (const auto& c : r.comparisons) {
        if (c.town != rows[i] || c.variant != models[v].variant || c.cohort != "all") continue;
        const int ki = r.metric_index(c.metric);
        if (ki < 0 || !r.metric_info[ki].headline) continue;
        const std::size_t k = static_cast<std::size_t>(ki);
        if (c.replications == 0) continue;
        const std::string unit = r.metric_info[k].unit;
        std::string diff = ci(c.diff_mean, c.diff_ci_low, c.diff_ci_high, unit);
        if (unit == "share") {
          const std::string b2 = number_text::fixed(100 * c.diff_mean, 1, true) + " UNIT [" +
                                 number_text::fixed(100 * c.diff_ci_low, 1, true) + ", " +
                                 number_text::fixed(100 * c.diff_ci_high, 1, true) + "]";
          // The numbers take the decimal comma, not the unit ("p. b.").
          diff = text::decimal(lang, b2);
          diff.replace(diff.find("UNIT"), 4, tr(lang, "unit.pp"));
        }
        const bool clear = !std::isnan(c.diff_ci_low) && (c.diff_ci_low > 0 || c.diff_ci_high < 0);
        std::printf("    %-28s %s%s\n", headline_label(c.metric, r.info, lang).c_str(),
                    diff.c_str(), clear ? "" : ("  " + tr(lang, "verbose.not_distinct")).c_str());
      }
      // Value for money: the cost per extra household stabilised and per extra month housed
      // (and, with a discount rate, the same discounted).
      for (const auto& c : r.comparisons) {
        if (c.town != rows[i] || c.variant != models[v].variant || c.cohort != "all") continue;
        const bool discounted = c.metric.rfind("icer_discounted:", 0) == 0;
        if (!discounted && c.metric.rfind("icer:", 0) != 0) continue;
        const bool months = c.metric.size() > 13 &&
                            c.metric.compare(c.metric.size() - 13, 13, "months_housed") == 0;
        const std::string note_key = "note." + c.note, note_words = tr(lang, note_key);
        const std::string note = note_words == note_key ? c.note : note_words;
        std::string value = note;
        if (std::isfinite(c.diff_mean))
          value = ci(c.diff_mean, c.diff_ci_low, c.diff_ci_high, "CZK") + " (" + note + ")";
        std::string label = tr(lang, months ? "verbose.icer_months" : "verbose.icer_stabilised");
        if (discounted) label += ", " + tr(lang, "verbose.discounted");
        if (r.info.price_year > 0)
          label += " (" + tr(lang, "term.prices", {std::to_string(r.info.price_year)}) + ")";
        std::printf("    %-28s %s\n", label.c_str(), value.c_str());
      }
      print_budget(r, rows[i], models[v].variant, lang);
      if (r.info.discount_rate > 0) {
        const std::string pct = number_text::general(100 * r.info.discount_rate);
        std::printf("    %s\n",
                    tr(lang, "verbose.discount_note", {text::decimal(lang, pct)}).c_str());
      }
    }
  }
}

// `prostup run --dry-run`: what would run and what it would take.
void print_dry_run(const study::RunSetup& s, bool no_report) {
  const ResourceEstimate& est = s.estimate;
  std::printf("%s: %zu model(s) x %zu town(s) x %d replications x %d months\n",
              s.source.path.c_str(), s.models.size(), s.source.scenario.towns.size(),
              s.replications, s.months);
  const double seconds = est.seconds - (no_report ? est.report_seconds : 0);
  std::printf(
      "estimate: %s household-months, peak memory %s MB (%s: %s MB), "
      "about %s s on %d thread(s) (simulating %s s, writing %s s)\n",
      number_text::general(est.household_months, 3).c_str(),
      number_text::fixed(est.memory_bytes / 1e6, 0).c_str(), s.limit.source.c_str(),
      number_text::fixed(s.limit.bytes / 1e6, 0).c_str(), number_text::fixed(seconds, 1).c_str(),
      s.threads, number_text::fixed(est.simulate_seconds, 1).c_str(),
      number_text::fixed(seconds - est.simulate_seconds - 0.2, 1).c_str());
}

// `prostup run --verbose`: the full listing, the binding constraints and where the files are.
void print_verbose(const study::RunOutcome& o, const fs::path& out, Language lang) {
  const RunResult& r = o.result;
  const std::vector<CompiledModel>& models = o.models;
  print_summary(r, models, lang);
  bool any = false;
  for (std::size_t t = 0; t < o.exact.towns.size(); ++t) {
    // Ranked as the answer ranks them (answer::rank_by_value): by what one more unit is
    // worth where it was measured, then by excess demand; the value on the same line.
    std::vector<answer::Binding> ranked = answer::ranked_binding(o.exact.towns[t].binding);
    answer::rank_by_value(ranked, r.info, models.front().towns[t].id);
    for (const answer::Binding& b : ranked) {
      if (!any) std::printf("\n%s\n", text::tr(lang, "verbose.binding").c_str());
      any = true;
      // The cohort model's line in the language's words (as written where it does not
      // parse).
      const std::string v = answer::binding_value(b, r.info.months, lang);
      std::printf("  %s: %s%s\n",
                  on_terminal(models.front().towns[t].label.in(r.info.language)).c_str(),
                  on_terminal(b.demand > 0 ? answer::binding_line(b, lang) : b.line).c_str(),
                  v.empty() ? "" : on_terminal("; " + v).c_str());
    }
  }
  const std::string hm = number_text::general(static_cast<double>(r.info.household_months), 3);
  const std::string secs = number_text::fixed(r.info.simulate_seconds, 2);
  std::printf("\n%s\n", text::tr(lang, "term.outputs",
                                 {out.string(), text::decimal(lang, hm), text::decimal(lang, secs)})
                            .c_str());
}

// Simulates with a progress bar (the output rank's, unless --quiet); the bar is cleared
// before anything else is printed, also when the run is interrupted.
study::RunOutcome simulate(const study::RunSetup& setup, bool quiet) {
  Progress progress(!quiet && is_output_rank());
  try {
    study::RunOutcome o =
        study::run(setup, {[&](long long d, long long n) { progress.update(d, n); }, &g_cancel});
    progress.finish();
    return o;
  } catch (...) {
    progress.finish();
    throw;
  }
}

// The files and the report into the staging folder, then the folder committed whole. A
// signal while writing is seen between the steps, and commit() refuses after one.
void write_outputs(const study::RunOutcome& o, const RunArgs& a, StagedOutput& staged,
                   Language lang) {
  test_signal_point("write");
  if (g_cancel) throw RunCancelled();
  write_run_outputs(o.result, staged.staging(), csv_dialect_of(a.csv_dialect), &g_cancel);
  if (!a.no_report) write_report(staged.staging(), staged.staging(), &g_cancel, lang);
  staged.commit();
}

// The answer on the terminal: short, or with --verbose the full listing. Labels come from
// the scenario: no escape codes reach a terminal.
void print_answer(const study::RunOutcome& o, const fs::path& out, const RunArgs& a,
                  Language lang) {
  if (a.quiet) return;
  if (a.verbose) return print_verbose(o, out, lang);
  std::fputs(on_terminal(answer::terminal_answer(o.result, out, !a.no_report, lang, answer_width(),
                                                 kAnswerRows),
                         true)
                 .c_str(),
             stdout);
}

}  // namespace

int cmd_run(const RunArgs& a) {
  install_signal_handlers();
  return run_command("run", "stopped and removed the partial output", [&] {
    check_run_limits(a);
    const study::RunSetup setup = study::prepare_run(run_request(a));
    if (a.dry_run) {
      if (is_output_rank()) print_dry_run(setup, a.no_report);
      return kExitOk;
    }
    check_memory(setup.estimate, setup.limit, a.force, "the run");
    // -o DIR, else a new folder prostup-out/NAME/RUN-ID (run_folders.hpp), checked and
    // locked before anything is simulated; under MPI only the output rank writes files and
    // prints (docs/distributed.md).
    const fs::path out = command_output_dir(a.out_dir, setup.source.scenario.name);
    std::optional<StagedOutput> staged;
    if (is_output_rank()) staged.emplace(out, a.force, "run", &g_cancel);
    const study::RunOutcome o = simulate(setup, a.quiet);
    if (!is_output_rank()) return kExitOk;
    const Language lang = text::language_from(setup.language);
    write_outputs(o, a, *staged, lang);
    if (a.out_dir.empty()) point_latest(out, "run");
    record_in_catalog(a.catalog, "run", setup.source.text, out);
    if (g_cancel) return exit_code_for_signal();  // Ctrl-C while the catalog was locked
    if (std::getenv("PROSTUP_TEST_PEAK_RSS"))     // test hook: tests/cli/run_memory_estimate.sh
      std::fprintf(stderr, "peak_rss_bytes %lld\n", peak_resident_bytes());
    print_answer(o, out, a, lang);
    return kExitOk;
  });
}

}  // namespace prostup

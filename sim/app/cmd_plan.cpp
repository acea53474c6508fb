// SPDX-License-Identifier: Apache-2.0
// `prostup plan`: the smallest whole value of one setting whose metric meets a target with
// the chosen confidence. Every value tried runs with the same seed and random keys (common
// random numbers), so the metric moves with the value and not with the draws, and bisection
// over a monotone response needs about log2(HI - LO) evaluations.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <optional>

#include "answer.hpp"
#include "app_support.hpp"
#include "plan_support.hpp"
#include "prostup/cli.hpp"
#include "prostup/cohort.hpp"
#include "prostup/marginal.hpp"
#include "prostup/metric_table.hpp"
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
using namespace planning;

namespace {

void print_binding(const HeldBack& h, const MetricInfo& metric, long long hi, int months, bool psa,
                   Language lang) {
  using text::tr;
  if (h.binding.empty()) {
    std::cout << "  " << tr(lang, "plan.t.nothing_binds", {std::to_string(hi)}) << "\n";
    return;
  }
  std::cout << "  "
            << tr(lang, "plan.t.binding_head",
                  {std::to_string(hi), answer::metric_words(metric.name, lang),
                   tr(lang, psa ? "plan.t.pairs_sets" : "plan.t.pairs_replications")})
            << "\n";
  constexpr int kShown = 4;
  int rank = 0;
  std::string also_measured;
  int not_measured = 0;
  for (const answer::Binding& b : h.binding) {
    if (++rank > kShown) {
      // What the ranking put below the shown ones is named too: a constraint measured to
      // change nothing must not vanish from the answer.
      if (b.value)
        also_measured +=
            (also_measured.empty() ? "" : ", ") + on_terminal(answer::binding_what(b, lang));
      else
        ++not_measured;
      continue;
    }
    std::string s = std::to_string(rank) + ". ";
    if (b.demand > 0)
      s += tr(lang, "plan.t.binding",
              {on_terminal(answer::binding_what(b, lang)), std::to_string(std::llround(b.demand)),
               std::to_string(std::llround(b.capacity)), std::to_string(b.from_month)});
    else
      s += on_terminal(b.line);
    if (b.value) {
      const Summary& ch = h.change[static_cast<std::size_t>(b.value - h.measured.data())];
      const answer::Change c{&metric, ch.mean, ch.ci_low, ch.ci_high,
                             answer::verdict(metric, ch.ci_low, ch.ci_high)};
      s += "; " + tr(lang, b.value->service ? "plan.t.one_more_worker" : "plan.t.one_more_place",
                     {answer::change_text(c, lang), std::to_string(b.value->replications)});
      if (b.value->cost_horizon > 0)
        s += ", " +
             tr(lang, "plan.t.unit_cost",
                {answer::money(b.value->cost_horizon, "CZK", false, lang), std::to_string(months)});
      if (!b.value->clear_gain()) s += " (" + tr(lang, "plan.t.no_clear_gain") + ")";
    }
    std::cout << "    " << s << "\n";
  }
  if (!also_measured.empty())
    std::cout << "    " << tr(lang, "plan.t.also_measured", {also_measured}) << "\n";
  if (not_measured > 0)
    std::cout << "    " << tr(lang, "plan.t.more_binding", {std::to_string(not_measured)}) << "\n";
}

int run_plan(const PlanArgs& a) {
  using namespace detail;
  using text::tr;
  install_signal_handlers();
  const study::PlanSetup setup = study::prepare_plan(a);
  const VaryRange& range = setup.range;
  const Target& target = setup.target;
  const SetResult& written = setup.written;
  const LoadedScenario& ls = setup.source;
  const Language lang = text::language_from(setup.language);
  const std::string& unit = setup.unit;
  const std::string& town = setup.town;
  const std::string variant = a.variant.empty() ? "baseline" : a.variant;
  const std::string town_label = town == "*" ? tr(lang, "plan.t.all_towns") : setup.town_label;
  if (!written.note.empty()) std::cerr << "prostup plan: note: " << written.note << "\n";
  check_run_limits(a);
  check_memory(setup.estimate, setup.limit, a.force, "the plan");

  const fs::path dir = output_dir_for(a.out_dir, ls, "-plan");
  // Under MPI only the output rank writes files and prints (docs/distributed.md).
  std::optional<StagedOutput> staged;
  if (is_output_rank()) staged.emplace(dir, a.force, "plan", &detail::g_cancel);

  Progress bar(!a.quiet && is_output_rank());
  study::PlanHooks hooks;
  hooks.cancel = &g_cancel;
  hooks.progress = [&](long long d, long long n) { bar.update(d, n); };
  if (!a.quiet) {
    hooks.value = [&](const PlanPoint& p) {
      bar.finish();
      std::cerr << "  " << range.pointer << " = " << p.value << ": "
                << detail::format_ci(p.summary.mean, p.summary.ci_low, p.summary.ci_high, unit)
                << ", bound " << detail::format_ci(p.bound, kUndefined, kUndefined, unit);
      if (p.sets > 0) std::cerr << ", " << p.sets_meeting << " of " << p.sets << " sets";
      std::cerr << (p.meets ? "  meets" : "  does not meet") << "\n";
    };
    hooks.measuring = [](std::size_t n) {
      std::cerr << "  measuring one more unit of " << n
                << " binding constraints at the top of the range\n";
    };
  }
  const study::PlanOutcome po = study::plan(setup, hooks);
  bar.finish();
  const std::optional<long long>& best = po.answer;
  const std::vector<PlanPoint>& order = po.order;
  const std::map<long long, PlanPoint>& evaluated = po.evaluated;
  const bool monotone = po.monotone;
  const MetricInfo& target_info = po.target_info;
  const long long width = range.hi - range.lo;
  HeldBack held_back;
  if (!best) held_back = held_back_of(po, town);
  const RunInfo& info = po.info;
  if (!is_output_rank()) return kExitOk;
  StagedOutput& out = *staged;
  test_signal_point("write");
  OutputFiles files(out.staging());
  study::write_plan_files(setup, po, files);

  // All or nothing: a report that cannot be drawn (a full disk) fails the command and
  // nothing is committed.
  if (g_cancel) throw RunCancelled();
  if (!a.no_report) write_report(out.staging(), out.staging(), &g_cancel, lang);
  out.commit();
  if (a.out_dir.empty()) point_latest(dir, "plan");
  record_in_catalog(a.catalog, "plan", ls.text, dir);
  // Ctrl-C while the catalog was locked: said on stderr; the outputs stay.
  if (g_cancel) return exit_code_for_signal();

  // The answer goes to stdout even with --quiet: it is what the command is for.
  auto ci = [&](double mean, double lo, double hi) {
    return text::decimal(lang, detail::format_ci(mean, lo, hi, unit));
  };
  auto percent = [&](double share) {
    return text::decimal(lang, number_text::general(std::round(1000 * share) / 10) + " %");
  };
  auto describe = [&](const PlanPoint& p) {
    if (p.sets > 0)  // input uncertainty: the share of parameter sets that meet the target
      return tr(lang, "plan.t.sets_point",
                {ci(p.summary.mean, p.summary.ci_low, p.summary.ci_high),
                 std::to_string(p.sets_meeting), std::to_string(p.sets),
                 percent(p.share_meeting())}) +
             " -> " + tr(lang, p.meets ? "plan.t.meets" : "plan.t.misses");
    return tr(lang, target.at_least ? "plan.t.lower_bound" : "plan.t.upper_bound",
              {ci(p.summary.mean, p.summary.ci_low, p.summary.ci_high),
               ci(p.bound, kUndefined, kUndefined)}) +
           " -> " + tr(lang, p.meets ? "plan.t.meets" : "plan.t.misses");
  };
  auto at = [&](long long v) {
    return "  " + tr(lang, "plan.t.at", {std::to_string(v), describe(evaluated.at(v))}) + "\n";
  };
  const std::string conf = number_text::general(100 * a.confidence) + " %";
  const std::string target_text =
      target.metric + " " + target.op() + " " + ci(target.value, kUndefined, kUndefined);
  std::cout << (info.psa
                    ? tr(lang, "plan.t.target_sets",
                         {target_text, on_terminal(town_label), variant, percent(a.assurance),
                          std::to_string(info.parameter_sets)})
                    : tr(lang, "plan.t.target",
                         {target_text, on_terminal(town_label), variant, text::decimal(lang, conf),
                          tr(lang, a.fixed_parameters ? "plan.t.fixed_by_option"
                                                      : "plan.t.fixed_no_distributions")}))
            << "\n"
            << tr(lang, "plan.t.varied",
                  {range.pointer, std::to_string(range.lo) + ".." + std::to_string(range.hi),
                   std::to_string(order.size()), std::to_string(width + 1),
                   std::to_string(info.replications), std::to_string(info.seed)})
            << "\n";
  if (best) {
    const long long v = *best;
    std::cout << tr(lang, "plan.t.answer", {std::to_string(v)}) << "\n" << at(v);
    if (v > range.lo)
      std::cout << at(v - 1);
    else
      std::cout << "  " << tr(lang, "plan.t.lowest", {std::to_string(v)}) << "\n";
  } else {
    std::cout << tr(lang, "plan.t.none",
                    {std::to_string(range.lo) + ".." + std::to_string(range.hi)})
              << "\n"
              << at(range.hi);
    // What is assured at HI: the level that the required share of sets (or the one-sided
    // bound) reaches, so the planner sees which target the range can promise.
    const PlanPoint& top_point = evaluated.at(range.hi);
    if (std::isfinite(top_point.bound))
      std::cout << "  "
                << tr(lang,
                      info.psa ? (target.at_least ? "plan.t.assured_sets_low"
                                                  : "plan.t.assured_sets_high")
                               : (target.at_least ? "plan.t.assured_bound_low"
                                                  : "plan.t.assured_bound_high"),
                      {std::to_string(range.hi), ci(top_point.bound, kUndefined, kUndefined),
                       info.psa ? percent(a.assurance) : text::decimal(lang, conf)})
                << "\n";
    print_binding(held_back, target_info, range.hi, info.months, info.psa, lang);
  }
  std::cout << (info.psa ? tr(lang, "plan.t.footer_sets",
                              {on_terminal(dir.string()), std::to_string(info.inner_replications)})
                         : tr(lang, "plan.t.footer", {on_terminal(dir.string())}))
            << "\n";
  if (!monotone)
    std::cerr << "prostup plan: warning: the values tried do not rise (or fall) steadily with "
                 "the setting; the answer assumes they do (see plan.json)\n";
  return kExitOk;
}

}  // namespace

int cmd_plan(const PlanArgs& a) {
  return detail::run_command("plan", "nothing was written", [&] { return run_plan(a); });
}

}  // namespace prostup

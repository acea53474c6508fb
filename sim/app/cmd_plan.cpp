// SPDX-License-Identifier: Apache-2.0
// `prostup plan`: the smallest whole value of one setting whose metric meets a target with
// the chosen confidence. Every value tried runs with the same seed and random keys (common
// random numbers), so the metric moves with the value and not with the draws, and bisection
// over a monotone response needs about log2(HI - LO) evaluations.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "answer.hpp"
#include "plan_support.hpp"
#include "prostup/cli.hpp"
#include "prostup/cohort.hpp"
#include "prostup/marginal.hpp"
#include "prostup/metric_table.hpp"
#include "prostup/number_text.hpp"
#include "prostup/parallel.hpp"
#include "prostup/runner.hpp"
#include "prostup/writers.hpp"
#include "run_folders.hpp"
#include "run_support.hpp"
#include "scenario_cli.hpp"
#include "strings.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace planning;

namespace {

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

ojson num(double v) {
  return std::isfinite(v) ? ojson(v) : ojson(nullptr);
}

ojson point_json(const PlanPoint& p) {
  return {{"value", p.value},
          {"mean", num(p.summary.mean)},
          {"ci_low", num(p.summary.ci_low)},
          {"ci_high", num(p.summary.ci_high)},
          {"bound", num(p.bound)},
          {"meets", p.meets},
          {"replications", p.summary.replications},
          {"parameter_sets", p.sets},
          {"sets_meeting", p.sets_meeting},
          {"share_meeting", num(p.share_meeting())}};
}

// Metric names close to a mistyped one: sharing a word, or the headline ones.
std::string metric_hint(const std::string& name, const std::vector<MetricInfo>& catalogue) {
  std::string close, headline;
  for (const auto& m : catalogue) {
    if (m.headline) headline += (headline.empty() ? "" : ", ") + m.name;
    for (const std::string& part : {name.substr(0, name.find('_')), name})
      if (part.size() >= 4 && m.name.find(part) != std::string::npos) {
        close += (close.empty() ? "" : ", ") + m.name;
        break;
      }
  }
  return close.empty() ? "headline metrics: " + headline : "did you mean: " + close;
}

// What holds a target back at the top of the range (docs/planning.md, "What binds"): the
// stages and services whose expected demand in the exact model without limits exceeds their
// capacity, the largest `kMeasured` of them each run again with one more place (worker) over
// the same replications and parameter sets as the value itself, so the paired difference in
// the target metric says what that unit is worth.
struct HeldBack {
  std::vector<answer::Binding> binding;  // ranked (answer::sort_by_value)
  // The measured ones; `gain` in the target's better direction (up for >=, down for <=),
  // `change` the paired difference as simulated. Binding::value points into `measured`.
  std::vector<MarginalValue> measured;
  std::vector<Summary> change;  // parallel to `measured`: the paired difference as simulated
};

constexpr std::size_t kMeasured = 4;

HeldBack measure_binding(const CompiledModel& top, const Scenario& top_scenario,
                         const std::string& variant, int months, const std::string& town,
                         const Target& target, const std::vector<double>& top_values,
                         RunOptions opt, bool quiet) {
  HeldBack out;
  const CohortResult exact = cohort(top);
  std::vector<std::string> lines;
  std::vector<BindingCandidate> candidates;
  auto label_of = [&](std::size_t t) {
    return top.towns[t].label.in(top.language, top.towns[t].id);
  };
  for (std::size_t t = 0; t < top.towns.size(); ++t) {
    if (town != "*" && top.towns[t].id != town) continue;
    for (const auto& l : exact.towns[t].binding)
      lines.push_back(town == "*" ? label_of(t) + ": " + l : l);
    for (auto& c : binding_candidates(top, exact, static_cast<int>(t)))
      candidates.push_back(std::move(c));
  }
  out.binding = answer::ranked_binding(lines);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& x, const auto& y) { return x.excess > y.excess; });
  if (candidates.size() > kMeasured) candidates.resize(kMeasured);
  if (!quiet && !candidates.empty())
    std::cerr << "  measuring one more unit of " << candidates.size()
              << " binding constraints at the top of the range\n";
  opt.progress = nullptr;
  out.measured.reserve(candidates.size());
  for (const BindingCandidate& c : candidates) {
    const CompiledTown& ct = top.towns[static_cast<std::size_t>(c.town)];
    Scenario more = top_scenario;
    for (Town& tw : more.towns) {
      if (tw.id != ct.id) continue;
      if (c.service) {
        tw.staffing[top.services[static_cast<std::size_t>(c.index)].id] += 1;
      } else {
        Scheduled<int>& cap = tw.capacity[top.stages[static_cast<std::size_t>(c.index)].id];
        cap.initial += 1;
        for (auto& step : cap.changes) step.second += 1;
      }
    }
    const std::vector<Scenario> sources = {more};
    opt.scenarios = &sources;
    const RunResult r = run_models({compile(more, variant, months)}, opt);
    const TownVariantResult* tv = r.find(town, variant);
    const int k = r.metric_index(target.metric, "all");
    if (!tv || k < 0) throw std::logic_error("plan: no result row for a binding constraint");
    const std::vector<double>& with_one = tv->per_replication[static_cast<std::size_t>(k)];
    std::vector<double> d;
    for (std::size_t i = 0; i < with_one.size() && i < top_values.size(); ++i)
      if (std::isfinite(with_one[i]) && std::isfinite(top_values[i]))
        d.push_back(with_one[i] - top_values[i]);
    Summary ch = summarize(d);
    // Every paired difference equal (0 when the unit changes nothing): the interval is the point.
    if (ch.sd == 0) ch.ci_low = ch.ci_high = ch.mean;
    const double sign = target.at_least ? 1 : -1;
    MarginalValue v;
    v.town = town == "*" ? label_of(static_cast<std::size_t>(c.town)) : ct.id;
    v.what = c.what;
    v.service = c.service;
    v.id = c.service ? top.services[static_cast<std::size_t>(c.index)].id
                     : top.stages[static_cast<std::size_t>(c.index)].id;
    v.excess = c.excess;
    v.gain = sign * ch.mean;
    v.gain_low = target.at_least ? ch.ci_low : -ch.ci_high;
    v.gain_high = target.at_least ? ch.ci_high : -ch.ci_low;
    v.cost_per_month = c.service
                           ? ct.service_cost[static_cast<std::size_t>(c.index)] *
                                 top.services[static_cast<std::size_t>(c.index)].caseload_per_worker
                           : ct.stage_cost[static_cast<std::size_t>(c.index)];
    v.cost_horizon = v.cost_per_month * top.months;
    v.replications = static_cast<int>(d.size());
    out.measured.push_back(std::move(v));
    out.change.push_back(ch);
  }
  for (answer::Binding& b : out.binding)
    for (const MarginalValue& v : out.measured)
      if (b.what == (town == "*" ? v.town + ": " + v.what : v.what)) b.value = &v;
  answer::sort_by_value(out.binding);
  return out;
}

ojson binding_json(const HeldBack& h) {
  ojson rows = ojson::array();
  for (const answer::Binding& b : h.binding) {
    ojson row = {{"constraint", b.what}, {"line", b.line}};
    if (b.demand > 0)
      row.update({{"demand", b.demand}, {"capacity", b.capacity}, {"from_month", b.from_month}});
    if (b.value) {
      const std::size_t i = static_cast<std::size_t>(b.value - h.measured.data());
      const Summary& ch = h.change[i];
      row["one_more"] = b.value->service ? "worker" : "place";
      row["change"] = num(ch.mean);
      row["change_ci_low"] = num(ch.ci_low);
      row["change_ci_high"] = num(ch.ci_high);
      row["pairs"] = b.value->replications;
      row["clear_gain"] = b.value->clear_gain();
      row["cost_per_month"] = b.value->cost_per_month;
      row["cost_horizon"] = b.value->cost_horizon;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

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
  install_signal_handlers();
  const double wall0 = seconds_now();
  const std::string started_at = utc_now_iso8601();

  const VaryRange range = parse_vary(a.vary);
  const std::string vary_opt = "--vary '" + a.vary + "'";
  check_not_variants(range.pointer, vary_opt);
  const Target target = parse_target(a.target);
  if (!(a.confidence >= 0.5 && a.confidence < 1))
    throw PlanInputError("--confidence must be at least 0.5 and below 1");
  if (!(a.assurance > 0 && a.assurance <= 1))
    throw PlanInputError("--assurance must be above 0 and at most 1");
  if (a.inner_replications < 1 || a.inner_replications > 1000)
    throw PlanInputError("--inner-replications must be 1 to 1000");

  LoadedScenario ls = load_or_report(a.file);
  mpi_require_same_scenario(ls.sha256);  // every MPI rank must simulate the same file
  // The words of the answer and the report: --lang, else the scenario's "language", else en.
  const Language lang = text::pick_language(a.lang, ls.scenario.language);
  using text::tr;
  const std::string variant = a.variant.empty() ? "baseline" : a.variant;
  const ojson doc = document_for(ls.document, a.variant);

  // The pointer, metric and town are checked on the lowest value before anything runs.
  ojson probe_doc = doc;
  const SetResult written =
      set_number(probe_doc, range.pointer, static_cast<double>(range.lo), true, vary_opt);
  if (!written.note.empty()) std::cerr << "prostup plan: note: " << written.note << "\n";
  auto scenario_for = [&](long long v) {
    return scenario_with(doc, {{range.pointer, static_cast<double>(v), true}},
                         range.pointer + " = " + std::to_string(v), vary_opt);
  };
  // Compiled in the plan's language: the cohort model's binding lines name the stages in it.
  auto compiled = [&](const Scenario& s) {
    CompiledModel m = compile(s, variant, a.months);
    m.language = text::language_code(lang);
    return m;
  };
  auto model_for = [&](long long v) { return compiled(scenario_for(v)); };
  const CompiledModel probe = model_for(range.lo);
  const auto catalogue = metric_catalogue(probe);
  std::size_t metric = 0;
  while (metric < catalogue.size() && catalogue[metric].name != target.metric) ++metric;
  if (metric == catalogue.size() && !renamed_metric(target.metric).empty())
    throw PlanInputError("--target '" + a.target + "': metric '" + target.metric +
                         "' is now called '" + renamed_metric(target.metric) +
                         "' (docs/model.md, \"One name, one number\")");
  if (metric == catalogue.size())
    throw PlanInputError("--target '" + a.target + "': no metric '" + target.metric + "' (" +
                         metric_hint(target.metric, catalogue) + ")");
  const std::string unit = catalogue[metric].unit;
  const std::string town = a.town.empty() ? "*" : a.town;
  std::string town_label = tr(lang, "plan.t.all_towns");
  if (town != "*") {
    std::string list;
    bool known = false;
    for (const auto& t : probe.towns) {
      list += (list.empty() ? "" : ", ") + t.id;
      if (t.id == town) known = true, town_label = text::in(t.label, lang, t.id);
    }
    if (!known)
      throw PlanInputError("--town '" + town + "': no such town (the scenario has: " + list +
                           "; '*' = all towns together)");
  }

  check_run_limits(a);
  {
    // One value at a time; the range's ends stand for every value between them.
    const Scenario lo = scenario_with(doc, {{range.pointer, static_cast<double>(range.lo), true}},
                                      range.pointer + " = " + std::to_string(range.lo), vary_opt);
    const Scenario hi = scenario_with(doc, {{range.pointer, static_cast<double>(range.hi), true}},
                                      range.pointer + " = " + std::to_string(range.hi), vary_opt);
    const int threads = resolved_threads(a.threads);
    check_memory(
        estimate_resources(
            {&lo, &hi}, a.replications > 0 ? a.replications : ls.scenario.simulation.replications,
            a.months > 0 ? a.months : ls.scenario.simulation.months, threads, false),
        memory_limit(threads), a.force, "the plan");
  }

  const fs::path dir = output_dir_for(a.out_dir, ls, "-plan");
  // Under MPI only the output rank writes files and prints (docs/distributed.md).
  std::optional<StagedOutput> staged;
  if (is_output_rank()) staged.emplace(dir, a.force, "plan");

  RunOptions opt = run_options_from(a);
  Progress bar(!a.quiet && is_output_rank());
  const long long width = range.hi - range.lo;
  const long long expected =  // hi, lo, then the bisection
      2 + static_cast<long long>(std::ceil(std::log2(static_cast<double>(std::max(1LL, width)))));

  std::map<long long, PlanPoint> evaluated;
  std::vector<PlanPoint> order;
  RunTotals totals;
  // Input uncertainty (docs/planning.md): every value runs the same parameter sets (keyed to
  // the seed and the set, so paired across values), unless --fixed-parameters or the
  // scenario has no distributions.
  opt.fixed_parameters = a.fixed_parameters;
  opt.inner_replications = a.inner_replications;
  // The value at HI per replication (parameter set), for the paired runs of what binds there.
  std::vector<double> top_values;
  MetricInfo target_info;
  auto meets = [&](long long v) {
    const std::vector<Scenario> sources = {scenario_for(v)};
    opt.scenarios = &sources;
    const CompiledModel m = v == range.lo ? probe : compiled(sources.front());
    const long long base = static_cast<long long>(order.size());
    opt.progress = [&bar, base, expected](long long done, long long total) {
      bar.update(base * total + done, std::max(expected, base + 1) * total);
    };
    RunResult r = run_models({m}, opt);
    totals.add(r.info);
    const TownVariantResult* tv = r.find(town, variant);
    if (!tv) throw std::logic_error("plan: no result row for town " + town);
    std::size_t k = 0;
    while (k < r.metric_info.size() && r.metric_info[k].name != target.metric) ++k;
    if (k == r.metric_info.size()) throw std::logic_error("plan: metric vanished");
    // Under PSA per_replication holds one mean per parameter set.
    PlanPoint p = r.info.psa ? evaluate_point_sets(v, tv->per_replication[k], target, a.assurance)
                             : evaluate_point(v, tv->per_replication[k], target, a.confidence);
    order.push_back(p);
    evaluated[v] = p;
    if (v == range.hi) {
      top_values = tv->per_replication[k];
      target_info = r.metric_info[k];
    }
    if (!a.quiet) {
      bar.finish();
      std::cerr << "  " << range.pointer << " = " << v << ": "
                << detail::format_ci(p.summary.mean, p.summary.ci_low, p.summary.ci_high, unit)
                << ", bound " << detail::format_ci(p.bound, kUndefined, kUndefined, unit);
      if (p.sets > 0) std::cerr << ", " << p.sets_meeting << " of " << p.sets << " sets";
      std::cerr << (p.meets ? "  meets" : "  does not meet") << "\n";
    }
    return p.meets;
  };
  const SearchResult found = bisect_smallest(range.lo, range.hi, meets);
  bar.finish();

  // The search trusts monotonicity; the values it saw should agree with it.
  bool monotone = true;
  {
    bool seen_meet = false;
    for (const auto& [v, p] : evaluated) {
      if (seen_meet && !p.meets) monotone = false;
      seen_meet = seen_meet || p.meets;
    }
  }

  // What holds the target back at HI, measured by paired runs (every MPI rank runs them).
  HeldBack held_back;
  if (!found.answer)
    held_back = measure_binding(model_for(range.hi), scenario_for(range.hi), variant, a.months,
                                town, target, top_values, opt, a.quiet);

  RunInfo info = totals.finish(ls, wall0, started_at);
  info.language = text::language_code(lang);
  ojson manifest = manifest_document(info, "plan");
  manifest["plan"] = {
      {"vary", range.pointer},   {"target", a.target},         {"town", town},
      {"variant", variant},      {"confidence", a.confidence}, {"parameter_uncertainty", info.psa},
      {"assurance", a.assurance}};
  if (!is_output_rank()) return kExitOk;
  StagedOutput& out = *staged;
  test_signal_point("write");
  write_text(out.staging() / "manifest.json", manifest.dump(2) + "\n");

  ojson pj;
  pj["format"] = "prostup-plan";
  pj["format_version"] = 1;
  pj["vary"] = range.pointer;
  pj["written_at"] = written.pointer;
  // The scenario's own value: the report marks it on the plan's chart.
  // --vary sets whole numbers; the scenario's own value is one where it is whole.
  const double own = written.previous;
  pj["scenario_value"] = !std::isfinite(own)      ? ojson()
                         : own == std::round(own) ? ojson(std::llround(own))
                                                  : ojson(own);
  pj["range"] = {{"lo", range.lo}, {"hi", range.hi}};
  pj["target"] = {{"metric", target.metric}, {"op", target.op()}, {"value", target.value}};
  pj["unit"] = unit;
  pj["confidence"] = a.confidence;
  // Which answer this is (docs/planning.md): under input uncertainty the target must be met in
  // at least `assurance` of the parameter sets; else the Monte Carlo bound of the mean.
  pj["parameter_uncertainty"] = info.psa;
  pj["assurance"] = a.assurance;
  pj["parameter_sets"] = info.psa ? ojson(info.parameter_sets) : ojson(nullptr);
  pj["inner_replications"] = info.psa ? ojson(info.inner_replications) : ojson(nullptr);
  if (info.psa) {
    pj["meets"] =
        "the share of parameter sets whose mean (over inner_replications replications) meets "
        "the target is at least assurance";
    pj["bound"] = target.at_least
                      ? "the value that ceil(assurance * parameter_sets) of the sets' means reach "
                        "or exceed; the target is met when it is >= the value"
                      : "the value that ceil(assurance * parameter_sets) of the sets' means stay "
                        "at or below; the target is met when it is <= the value";
    pj["ci"] =
        "ci_low and ci_high: the 2.5th and 97.5th percentile of the parameter sets' means "
        "(input uncertainty with the Monte Carlo noise of inner_replications replications)";
  } else {
    pj["meets"] = "the one-sided confidence bound of the mean meets the target";
  }
  if (!info.psa)
    pj["bound"] = target.at_least
                      ? "one-sided lower confidence bound of the mean: mean - t(confidence, n-1) "
                        "* sd / sqrt(n); the target is met when it is >= the value"
                      : "one-sided upper confidence bound of the mean: mean + t(confidence, n-1) "
                        "* sd / sqrt(n); the target is met when it is <= the value";
  if (!info.psa)
    pj["ci"] = "ci_low and ci_high: the two-sided 95 % confidence interval of the mean";
  pj["town"] = town;
  pj["variant"] = variant;
  pj["seed"] = info.seed;
  pj["replications"] = info.replications;
  pj["months"] = info.months;
  pj["answer"] = found.answer ? ojson(*found.answer) : ojson(nullptr);
  pj["monotone_in_evaluated"] = monotone;
  ojson by_order = ojson::array(), sorted = ojson::array();
  for (const auto& p : order) by_order.push_back(point_json(p));
  for (const auto& [v, p] : evaluated) sorted.push_back(point_json(p));
  if (!found.answer) pj["binding_at_hi"] = binding_json(held_back);
  pj["points"] = by_order;
  pj["points_sorted"] = sorted;
  write_text(out.staging() / "plan.json", pj.dump(2) + "\n");

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
  if (found.answer) {
    const long long v = *found.answer;
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
  return run_planning_command("plan", [&] { return run_plan(a); });
}

}  // namespace prostup

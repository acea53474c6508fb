// SPDX-License-Identifier: Apache-2.0
// The plan use case (include/prostup/study.hpp): the smallest value of one integer setting
// that meets a target, by bisection over paired runs, and what binds at the top of the range
// when none does.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "plan_support.hpp"
#include "prostup/errors.hpp"
#include "prostup/marginal.hpp"
#include "prostup/metric_table.hpp"
#include "prostup/parallel.hpp"
#include "prostup/runner.hpp"
#include "prostup/statistics.hpp"
#include "prostup/study.hpp"
#include "run_support.hpp"
#include "strings.hpp"

namespace prostup::study {

using namespace detail;
using namespace planning;

namespace {

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

constexpr std::size_t kMeasured = 4;

void measure_binding(const CompiledModel& top, const Scenario& top_scenario,
                     const std::string& variant, int months, const std::string& town,
                     const Target& target, const std::vector<double>& top_values, RunOptions opt,
                     const PlanHooks& hooks, PlanOutcome& out) {
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
  out.binding_lines = lines;
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& x, const auto& y) { return x.excess > y.excess; });
  if (candidates.size() > kMeasured) candidates.resize(kMeasured);
  if (hooks.measuring && !candidates.empty()) hooks.measuring(candidates.size());
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
}

}  // namespace

PlanSetup prepare_plan(const PlanRequest& a) {
  PlanSetup s;
  s.start_seconds = seconds_now();
  s.started_at = utc_now_iso8601();
  s.request = a;
  s.range = parse_vary(a.vary);
  const VaryRange& range = s.range;
  const std::string vary_opt = "--vary '" + a.vary + "'";
  check_not_variants(range.pointer, vary_opt);
  s.target = parse_target(a.target);
  const Target& target = s.target;
  if (!(a.confidence >= 0.5 && a.confidence < 1))
    throw UserError("--confidence must be at least 0.5 and below 1", "--confidence");
  if (!(a.assurance > 0 && a.assurance <= 1))
    throw UserError("--assurance must be above 0 and at most 1", "--assurance");
  check_inner_replications(a.inner_replications);

  s.source = load_or_report(a.file, a.text);
  const LoadedScenario& ls = s.source;
  mpi_require_same_scenario(ls.sha256);  // every MPI rank must simulate the same file
  // The words of the answer and the report: --lang, else the scenario's "language", else en.
  const Language lang = text::pick_language(a.lang, ls.scenario.language);
  s.language = text::language_code(lang);
  const std::string variant = a.variant.empty() ? "baseline" : a.variant;
  s.document = document_for(ls.document, a.variant);
  const ojson& doc = s.document;

  // The pointer, metric and town are checked on the lowest value before anything runs.
  ojson probe_doc = doc;
  s.written = set_number(probe_doc, range.pointer, static_cast<double>(range.lo), true, vary_opt);
  auto scenario_at = [&](long long v) {
    return scenario_with(doc, {{range.pointer, static_cast<double>(v), true}},
                         range.pointer + " = " + std::to_string(v), vary_opt);
  };
  // Compiled in the plan's language: the cohort model's binding lines name the stages in it.
  s.probe = compile(scenario_at(range.lo), variant, a.months);
  s.probe.language = s.language;
  const auto catalogue = metric_catalogue(s.probe);
  std::size_t metric = 0;
  while (metric < catalogue.size() && catalogue[metric].name != target.metric) ++metric;
  if (metric == catalogue.size() && !renamed_metric(target.metric).empty())
    throw UserError("--target '" + a.target + "': metric '" + target.metric + "' is now called '" +
                        renamed_metric(target.metric) +
                        "' (docs/model.md, \"One name, one number\")",
                    "--target");
  if (metric == catalogue.size())
    throw UserError("--target '" + a.target + "': no metric '" + target.metric + "' (" +
                        metric_hint(target.metric, catalogue) + ")",
                    "--target");
  s.unit = catalogue[metric].unit;
  s.town = a.town.empty() ? "*" : a.town;
  if (s.town != "*") {
    std::string list;
    bool known = false;
    for (const auto& t : s.probe.towns) {
      list += (list.empty() ? "" : ", ") + t.id;
      if (t.id == s.town) known = true, s.town_label = text::in(t.label, lang, t.id);
    }
    if (!known)
      throw UserError("--town '" + s.town + "': no such town (the scenario has: " + list +
                          "; '*' = all towns together)",
                      "--town");
  }
  // One value at a time; the range's ends stand for every value between them.
  const Scenario lo = scenario_at(range.lo), hi = scenario_at(range.hi);
  const int threads = resolved_threads(a.threads);
  s.estimate = estimate_resources(
      {&lo, &hi}, a.replications > 0 ? a.replications : ls.scenario.simulation.replications,
      a.months > 0 ? a.months : ls.scenario.simulation.months, threads, false);
  s.limit = memory_limit(threads);
  return s;
}

PlanOutcome plan(const PlanSetup& s, const PlanHooks& hooks) {
  const PlanRequest& a = s.request;
  const VaryRange& range = s.range;
  const Target& target = s.target;
  const std::string& town = s.town;
  const std::string vary_opt = "--vary '" + a.vary + "'";
  const std::string variant = a.variant.empty() ? "baseline" : a.variant;
  auto scenario_for = [&](long long v) {
    return scenario_with(s.document, {{range.pointer, static_cast<double>(v), true}},
                         range.pointer + " = " + std::to_string(v), vary_opt);
  };
  auto compiled = [&](const Scenario& sc) {
    CompiledModel m = compile(sc, variant, a.months);
    m.language = s.language;
    return m;
  };
  auto model_for = [&](long long v) { return compiled(scenario_for(v)); };

  RunOptions opt;
  opt.threads = a.threads;
  opt.replications = a.replications;
  opt.months = a.months;
  opt.seed = a.seed;
  opt.cancel = hooks.cancel;
  const long long width = range.hi - range.lo;
  const long long expected =  // hi, lo, then the bisection
      2 + static_cast<long long>(std::ceil(std::log2(static_cast<double>(std::max(1LL, width)))));

  PlanOutcome out;
  RunTotals totals;
  // Input uncertainty (docs/planning.md): every value runs the same parameter sets (keyed to
  // the seed and the set, so paired across values), unless --fixed-parameters or the
  // scenario has no distributions.
  opt.fixed_parameters = a.fixed_parameters;
  opt.inner_replications = a.inner_replications;
  // The value at HI per replication (parameter set), for the paired runs of what binds there.
  std::vector<double> top_values;
  auto meets = [&](long long v) {
    const std::vector<Scenario> sources = {scenario_for(v)};
    opt.scenarios = &sources;
    const CompiledModel m = v == range.lo ? s.probe : compiled(sources.front());
    const long long base = static_cast<long long>(out.order.size());
    opt.progress = nullptr;
    if (hooks.progress)
      opt.progress = [&hooks, base, expected](long long done, long long total) {
        hooks.progress(base * total + done, std::max(expected, base + 1) * total);
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
    out.order.push_back(p);
    out.evaluated[v] = p;
    if (v == range.hi) {
      top_values = tv->per_replication[k];
      out.target_info = r.metric_info[k];
    }
    if (hooks.value) hooks.value(p);
    return p.meets;
  };
  out.answer = bisect_smallest(range.lo, range.hi, meets).answer;

  // The search trusts monotonicity; the values it saw should agree with it.
  bool seen_meet = false;
  for (const auto& [v, p] : out.evaluated) {
    if (seen_meet && !p.meets) out.monotone = false;
    seen_meet = seen_meet || p.meets;
  }

  // What holds the target back at HI, measured by paired runs (every MPI rank runs them).
  if (!out.answer)
    measure_binding(model_for(range.hi), scenario_for(range.hi), variant, a.months, town, target,
                    top_values, opt, hooks, out);

  out.info = totals.finish(s.source, s.start_seconds, s.started_at);
  out.info.language = s.language;
  return out;
}

}  // namespace prostup::study

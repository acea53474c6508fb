// SPDX-License-Identifier: Apache-2.0
// The run use case (include/prostup/study.hpp): load, size, compile, simulate, complete.
#include "prostup/study.hpp"

#include <algorithm>
#include <set>

#include "plan_support.hpp"
#include "prostup/errors.hpp"
#include "prostup/marginal.hpp"
#include "prostup/parallel.hpp"
#include "prostup/runner.hpp"
#include "run_support.hpp"
#include "strings.hpp"

namespace prostup::study {

using namespace detail;

RunSetup prepare_run(const RunRequest& req) {
  RunSetup s;
  s.start_seconds = seconds_now();
  s.started_at = utc_now_iso8601();
  s.request = req;
  s.source = load_or_report(req.file, req.text);
  mpi_require_same_scenario(s.source.sha256);  // every MPI rank must simulate the same file
  check_inner_replications(req.inner_replications);
  const Language lang = text::pick_language(req.lang, s.source.scenario.language);
  s.language = text::language_code(lang);
  // Validated, not yet compiled: the estimate comes before anything large is built.
  s.models = model_scenarios(s.source, req.variants, req.all_variants);
  // The texts the core writes (the binding constraints' labels) in the run's language.
  for (auto& m : s.models) m.scenario.language = s.language;
  s.replications =
      req.replications > 0 ? req.replications : s.source.scenario.simulation.replications;
  s.months = req.months > 0 ? req.months : s.source.scenario.simulation.months;
  s.threads = resolved_threads(req.threads);
  std::vector<const Scenario*> sizes;
  for (const auto& m : s.models) sizes.push_back(&m.scenario);
  s.estimate = estimate_resources(sizes, s.replications, s.months, s.threads, true);
  s.limit = memory_limit(s.threads);
  return s;
}

RunOutcome run(const RunSetup& s, const Hooks& hooks) {
  RunOutcome out;
  out.models = compile_all(s.models, s.months);
  const std::vector<CompiledModel>& models = out.models;
  RunOptions ro;
  ro.threads = s.threads;
  ro.replications = s.replications;
  ro.months = s.months;
  ro.seed = s.request.seed;
  ro.cancel = hooks.cancel;
  ro.by_profile_series = s.request.by_profile_series;
  ro.progress = hooks.progress;
  std::vector<Scenario> model_sources;
  for (const auto& m : s.models) model_sources.push_back(m.scenario);
  ro.scenarios = &model_sources;
  ro.fixed_parameters = s.request.fixed_parameters;
  ro.inner_replications = s.request.inner_replications;
  RunResult& r = out.result;
  r = run_models(models, ro);
  const LoadedScenario& ls = s.source;
  r.info.scenario_path = ls.path;
  r.info.scenario_sha256 = ls.sha256;
  r.info.scenario_title = ls.scenario.title;
  r.info.scenario_description = ls.scenario.description;
  r.info.started_at = s.started_at;
  r.info.variant_descriptions.clear();
  r.info.variant_labels.clear();
  for (const auto& m : models) {
    // The baseline's words are the catalogue's (run.baseline_description) in the report.
    LocalText d = m.variant == "baseline" ? "The scenario as written" : "", label;
    for (const auto& v : ls.scenario.variants)
      if (v.id == m.variant) {
        d = v.label.empty()         ? v.description
            : v.description.empty() ? v.label
                                    : joined(v.label, ": ", v.description);
        label = v.label;
      }
    r.info.variant_descriptions.push_back(d);
    r.info.variant_labels.push_back(label);
  }
  r.info.wall_seconds = seconds_now() - s.start_seconds;
  if (!is_output_rank()) return out;
  // The binding constraints, from the exact model without limits (docs/cohort.md).
  out.exact = cohort(models.front());
  for (const auto& ct : out.exact.towns) r.info.binding_constraints.push_back(ct.binding);
  // What one more unit of the largest of them is worth: paired runs of the town with one
  // more unit (docs/cohort.md, "Marginal values").
  MarginalOptions mo;
  mo.threads = s.threads;
  // Never more simulation than the run itself made (a quick look stays quick).
  mo.run_simulations =
      static_cast<long long>(s.replications) * static_cast<long long>(out.models.size());
  r.info.marginal_values = marginal_values(models.front(), out.exact, mo);
  r.info.language = s.language;
  return out;
}

CohortOutcome cohort(const CohortRequest& req, const Hooks& hooks) {
  CohortOutcome out;
  out.source = load_or_report(req.file, req.text);
  out.models = compile_models(out.source, {}, true);
  for (const CompiledModel& m : out.models) {
    if (hooks.cancel && *hooks.cancel) throw RunCancelled();
    out.results.push_back(prostup::cohort(m));
  }
  return out;
}

SweepSetup prepare_sweep(const SweepRequest& req) {
  using namespace planning;
  SweepSetup s;
  s.start_seconds = seconds_now();
  s.started_at = utc_now_iso8601();
  s.request = req;
  check_inner_replications(req.inner_replications);
  std::set<std::string> seen;
  for (const std::string& set : req.sets) {
    s.axes.push_back(parse_set(set));
    check_not_variants(s.axes.back().pointer, "--set '" + set + "'");
    if (!seen.insert(s.axes.back().pointer).second)
      throw UserError(
          "--set '" + set + "': " + s.axes.back().pointer + " is already set by an earlier --set",
          "--set");
  }
  s.grid = sweep_grid(s.axes);
  // The command line requires --set; a library caller (Python's sweep(set=())) may not give one.
  if (s.grid.empty())
    throw UserError("a sweep needs at least one --set POINTER=FROM:TO:STEP (the grid is empty)",
                    "--set");
  s.source = load_or_report(req.file, req.text);
  const LoadedScenario& ls = s.source;
  mpi_require_same_scenario(ls.sha256);  // every MPI rank must simulate the same file
  s.language = text::language_code(text::pick_language(req.lang, ls.scenario.language));
  const ojson doc = document_for(ls.document, req.variant);
  // Each pointer is checked alone first, so an error names its own --set.
  for (std::size_t k = 0; k < s.axes.size(); ++k) {
    ojson probe = doc;
    s.written.push_back(set_number(probe, s.axes[k].pointer, s.axes[k].from, s.axes[k].integer,
                                   "--set '" + req.sets[k] + "'"));
  }
  // Every point is validated before anything runs: a bad value stops the sweep at once.
  for (std::size_t p = 0; p < s.grid.size(); ++p) {
    std::vector<Setting> settings;
    for (std::size_t k = 0; k < s.axes.size(); ++k)
      settings.push_back({s.axes[k].pointer, s.grid[p][k], s.axes[k].integer});
    s.points.push_back(scenario_with(
        doc, settings,
        "point " + std::to_string(p + 1) + " (" + point_label(s.axes, s.grid[p]) + ")", "--set"));
  }
  std::vector<const Scenario*> sizes;
  for (const auto& sc : s.points) sizes.push_back(&sc);
  const int threads = resolved_threads(req.threads);
  s.estimate = estimate_resources(
      sizes, req.replications > 0 ? req.replications : ls.scenario.simulation.replications,
      req.months > 0 ? req.months : ls.scenario.simulation.months, threads, false);
  s.limit = memory_limit(threads);
  return s;
}

SweepOutcome sweep(const SweepSetup& s, const Hooks& hooks) {
  const SweepRequest& req = s.request;
  const std::string variant = req.variant.empty() ? "baseline" : req.variant;
  // Compiled in the sweep's language (--lang, else the scenario's), as run and plan are: the
  // cohort model's lines name the stages in it.
  std::vector<CompiledModel> models;
  for (const auto& sc : s.points) {
    models.push_back(compile(sc, variant, req.months));
    models.back().language = s.language;
  }
  RunOptions opt;
  opt.threads = req.threads;
  opt.replications = req.replications;
  opt.months = req.months;
  opt.seed = req.seed;
  opt.cancel = hooks.cancel;
  // Input uncertainty (docs/planning.md): every point runs the same parameter sets (keyed to
  // the seed and the set), so the points differ by their values and not by their draws.
  opt.fixed_parameters = req.fixed_parameters;
  opt.inner_replications = req.inner_replications;
  const long long per_point =
      static_cast<long long>(models.front().towns.size()) *
      (req.replications > 0 ? req.replications : models.front().replications);
  const long long total = per_point * static_cast<long long>(models.size());

  SweepOutcome out;
  RunTotals totals;
  for (std::size_t p = 0; p < models.size(); ++p) {
    const long long offset = per_point * static_cast<long long>(p);
    if (hooks.progress)
      opt.progress = [&hooks, offset, total](long long done, long long) {
        hooks.progress(offset + done, total);
      };
    const std::vector<Scenario> sources = {s.points[p]};
    opt.scenarios = &sources;
    RunResult r = run_models({models[p]}, opt);
    // The cohort "all" only: sweep.csv has one column per metric name.
    if (p == 0)
      for (const auto& mi : r.metric_info)
        if (mi.cohort == "all") out.metrics.push_back(mi);
    totals.add(r.info);
    SweepPoint pr;
    pr.values = s.grid[p];
    for (const auto& tv : r.results) {
      pr.towns.push_back(tv.town);
      std::vector<Summary> row(out.metrics.size());
      // Metrics by name: a point cannot add stages, but be exact rather than positional.
      for (std::size_t k = 0; k < out.metrics.size(); ++k)
        for (std::size_t j = 0; j < r.metric_info.size(); ++j)
          if (r.metric_info[j].name == out.metrics[k].name && r.metric_info[j].cohort == "all")
            row[k] = tv.metrics[j];
      pr.metrics.push_back(std::move(row));
    }
    out.points.push_back(std::move(pr));
  }
  out.info = totals.finish(s.source, s.start_seconds, s.started_at);
  out.info.language = s.language;
  return out;
}

}  // namespace prostup::study

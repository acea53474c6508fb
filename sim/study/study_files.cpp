// SPDX-License-Identifier: Apache-2.0
// The files of sweep, plan and cohort (include/prostup/study.hpp): built from the complete
// results into a folder or memory, so the command line and the Python module write the same
// bytes. Printing stays with the callers.
#include <cmath>

#include "plan_support.hpp"
#include "prostup/runner.hpp"
#include "prostup/study.hpp"
#include "prostup/writers.hpp"

namespace prostup::study {

namespace {

void check_cancel(const std::atomic<bool>* cancel) {
  if (cancel && *cancel) throw RunCancelled();
}

ojson whole_or_not(double v, bool integer) {
  return integer ? ojson(std::llround(v)) : ojson(v);
}

ojson axes_json(const std::vector<SweepAxis>& axes, const std::vector<SetResult>& written) {
  ojson j = ojson::array();
  for (std::size_t k = 0; k < axes.size(); ++k) {
    const SweepAxis& a = axes[k];
    ojson values = ojson::array();
    for (double v : a.values) values.push_back(whole_or_not(v, a.integer));
    ojson x;
    x["pointer"] = a.pointer;
    x["written_at"] = written[k].pointer;
    // The scenario's own value: the report marks it on the sweep's charts.
    const double own = written[k].previous;
    x["scenario_value"] = std::isfinite(own) ? whole_or_not(own, a.integer) : ojson();
    x["from"] = whole_or_not(a.from, a.integer);
    x["to"] = whole_or_not(a.to, a.integer);
    x["step"] = whole_or_not(a.step, a.integer);
    x["integer"] = a.integer;
    x["values"] = values;
    j.push_back(x);
  }
  return j;
}

// sweep.csv: one row per town, point, metric and parameter; a point with several parameters
// repeats its metric rows once per parameter (each row carries one coordinate). Written as it
// is built, in pieces of about 1 MB, with the cancel flag checked between them: a large sweep
// writes for seconds, and Ctrl-C must not wait for all of it.
void write_sweep_csv(OutputFiles& to, const std::vector<SweepAxis>& axes,
                     const std::vector<SweepPoint>& points, const std::vector<MetricInfo>& metrics,
                     CsvDialect dialect, const std::atomic<bool>* cancel) {
  OutputFiles::File out(to, "sweep.csv");
  auto flush = [&](CsvWriter& csv) {
    out.append(csv.take());
    check_cancel(cancel);
  };
  CsvWriter csv(dialect);
  csv.header({"town", "point", "parameter", "value", "metric", "mean", "ci_low", "ci_high"});
  const std::size_t rows = points.empty() ? 0 : points.front().towns.size();
  for (std::size_t row = 0; row < rows; ++row)
    for (std::size_t p = 0; p < points.size(); ++p) {
      for (std::size_t k = 0; k < metrics.size(); ++k) {
        const Summary& s = points[p].metrics[row][k];
        for (std::size_t a = 0; a < axes.size(); ++a) {
          csv.text(points[p].towns[row])
              .integer(static_cast<long long>(p + 1))
              .text(axes[a].pointer);
          const double v = points[p].values[a];
          if (axes[a].integer)
            csv.integer(std::llround(v));
          else
            csv.num(v);
          csv.text(metrics[k].name).num(s.mean).num(s.ci_low).num(s.ci_high).end_row();
        }
      }
      if (csv.str().size() >= (1u << 20)) flush(csv);
    }
  flush(csv);
  out.close();
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

ojson binding_json(const planning::HeldBack& h) {
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

}  // namespace

void write_sweep_files(const SweepSetup& setup, const SweepOutcome& outcome, OutputFiles& to,
                       CsvDialect dialect, const std::atomic<bool>* cancel) {
  const RunInfo& info = outcome.info;
  const std::vector<SweepAxis>& axes = setup.axes;
  ojson manifest = manifest_document(info, "sweep");
  ojson def;
  def["axes"] = axes_json(axes, setup.written);
  def["variant"] = setup.request.variant.empty() ? "baseline" : setup.request.variant;
  def["points"] = setup.grid.size();
  def["order"] = "points numbered from 1; the last --set varies fastest";
  // What sweep.csv's mean and interval are (docs/planning.md).
  def["parameter_uncertainty"] = info.psa;
  def["interval"] = info.psa ? "2.5th to 97.5th percentile of the parameter sets' means (the "
                               "same sets at every point)"
                             : "95 % confidence interval of the mean over replications (Monte "
                               "Carlo only)";
  manifest["sweep"] = def;
  to.put("manifest.json", manifest.dump(2) + "\n");
  check_cancel(cancel);
  write_sweep_csv(to, axes, outcome.points, outcome.metrics, dialect, cancel);

  ojson pj;
  pj["format"] = "prostup-sweep-points";
  pj["format_version"] = 1;
  pj["order"] = def["order"];
  pj["axes"] = def["axes"];
  ojson plist = ojson::array();
  for (std::size_t p = 0; p < setup.grid.size(); ++p) {
    ojson values = ojson::object();
    for (std::size_t k = 0; k < axes.size(); ++k)
      values[axes[k].pointer] = whole_or_not(setup.grid[p][k], axes[k].integer);
    plist.push_back({{"point", p + 1}, {"values", values}});
  }
  pj["points"] = plist;
  to.put("sweep_points.json", pj.dump(2) + "\n");
}

void write_plan_files(const PlanSetup& setup, const PlanOutcome& outcome, OutputFiles& to) {
  const PlanRequest& q = setup.request;
  const RunInfo& info = outcome.info;
  const VaryRange& range = setup.range;
  const Target& target = setup.target;
  const std::string variant = q.variant.empty() ? "baseline" : q.variant;
  ojson manifest = manifest_document(info, "plan");
  manifest["plan"] = {{"vary", range.pointer},      {"target", q.target},
                      {"town", setup.town},         {"variant", variant},
                      {"confidence", q.confidence}, {"parameter_uncertainty", info.psa},
                      {"assurance", q.assurance}};
  to.put("manifest.json", manifest.dump(2) + "\n");

  ojson pj;
  pj["format"] = "prostup-plan";
  pj["format_version"] = 1;
  pj["vary"] = range.pointer;
  pj["written_at"] = setup.written.pointer;
  // The scenario's own value: the report marks it on the plan's chart.
  // --vary sets whole numbers; the scenario's own value is one where it is whole.
  const double own = setup.written.previous;
  pj["scenario_value"] = !std::isfinite(own) ? ojson() : whole_or_not(own, own == std::round(own));
  pj["range"] = {{"lo", range.lo}, {"hi", range.hi}};
  pj["target"] = {{"metric", target.metric}, {"op", target.op()}, {"value", target.value}};
  pj["unit"] = setup.unit;
  pj["confidence"] = q.confidence;
  // Which answer this is (docs/planning.md): under input uncertainty the target must be met in
  // at least `assurance` of the parameter sets; else the Monte Carlo bound of the mean.
  pj["parameter_uncertainty"] = info.psa;
  pj["assurance"] = q.assurance;
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
    pj["bound"] = target.at_least
                      ? "one-sided lower confidence bound of the mean: mean - t(confidence, n-1) "
                        "* sd / sqrt(n); the target is met when it is >= the value"
                      : "one-sided upper confidence bound of the mean: mean + t(confidence, n-1) "
                        "* sd / sqrt(n); the target is met when it is <= the value";
    pj["ci"] = "ci_low and ci_high: the two-sided 95 % confidence interval of the mean";
  }
  pj["town"] = setup.town;
  pj["variant"] = variant;
  pj["seed"] = info.seed;
  pj["replications"] = info.replications;
  pj["months"] = info.months;
  pj["answer"] = outcome.answer ? ojson(*outcome.answer) : ojson(nullptr);
  pj["monotone_in_evaluated"] = outcome.monotone;
  ojson by_order = ojson::array(), sorted = ojson::array();
  for (const auto& p : outcome.order) by_order.push_back(point_json(p));
  for (const auto& [v, p] : outcome.evaluated) sorted.push_back(point_json(p));
  if (!outcome.answer)
    pj["binding_at_hi"] = binding_json(planning::held_back_of(outcome, setup.town));
  pj["points"] = by_order;
  pj["points_sorted"] = sorted;
  to.put("plan.json", pj.dump(2) + "\n");
}

void write_cohort_files(const CohortOutcome& outcome, OutputFiles& to, CsvDialect dialect,
                        const std::atomic<bool>* cancel) {
  CsvWriter occ(dialect), sum(dialect), bott(dialect);
  occ.header({"town", "variant", "month", "stage", "expected"});
  sum.header(
      {"town", "variant", "profile", "entry_stage", "p_reach_lease", "expected_months_to_lease"});
  bott.header({"town", "variant", "kind", "id", "month", "demand", "capacity"});
  for (std::size_t i = 0; i < outcome.models.size(); ++i) {
    const CompiledModel& m = outcome.models[i];
    const CohortResult& r = outcome.results[i];
    for (std::size_t t = 0; t < r.towns.size(); ++t) {
      const CohortTown& ct = r.towns[t];
      const CompiledTown& tw = m.towns[t];
      check_cancel(cancel);
      for (int month = 0; month <= r.months; ++month)
        for (int s = 0; s < m.n_stages(); ++s) {
          occ.text(ct.town).text(m.variant).integer(month).text(m.stages[s].id);
          occ.num(ct.occupancy[s][month]).end_row();
          if (!m.stages[s].outside && month > 0) {
            bott.text(ct.town).text(m.variant).text("stage").text(m.stages[s].id);
            bott.integer(month).num(ct.occupancy[s][month]).integer(tw.capacity[s][month]);
            bott.end_row();
          }
        }
      for (int v = 0; v < m.n_services(); ++v)
        if (tw.service_capacity[v] > 0)  // a service without staff is not offered there
          for (int month = 1; month <= r.months; ++month)
            bott.text(ct.town)
                .text(m.variant)
                .text("service")
                .text(m.services[v].id)
                .integer(month)
                .num(ct.service_demand[v][month])
                .integer(tw.service_capacity[v])
                .end_row();
      for (const auto& e : ct.entries)
        sum.text(ct.town)
            .text(m.variant)
            .text(e.profile)
            .text(e.stage)
            .num(e.p_reach_lease)
            .num(e.expected_months_to_lease)
            .end_row();
    }
  }
  to.put("cohort.csv", occ.str());
  to.put("cohort_summary.csv", sum.str());
  to.put("bottlenecks.csv", bott.str());
}

}  // namespace prostup::study

namespace prostup::planning {

HeldBack held_back_of(const study::PlanOutcome& o, const std::string& town) {
  HeldBack out;
  out.binding = answer::ranked_binding(o.binding_lines);
  out.measured = o.measured;
  out.change = o.change;
  for (answer::Binding& b : out.binding)
    for (const MarginalValue& v : out.measured)
      if (b.what == (town == "*" ? v.town + ": " + v.what : v.what)) b.value = &v;
  answer::sort_by_value(out.binding);
  return out;
}

}  // namespace prostup::planning

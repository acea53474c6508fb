// SPDX-License-Identifier: Apache-2.0
// towns.<id>.observed (calibration targets) and parameter_sample: reading, checks, writing.
#include <algorithm>
#include <cmath>

#include "observed_json.hpp"
#include "prostup/metric_table.hpp"
#include "scenario_internal.hpp"

namespace prostup::detail {

namespace {

// The two-sided 95 % normal quantile: a standard error becomes the range value -/+ 1.96 se.
constexpr double kZ95 = 1.959963984540054;

const std::vector<std::string> kTargetKeys = {"metric", "month", "months", "value",
                                              "se",     "range", "source"};

std::string show_value(const ojson& v) {
  if (v.is_number()) return format_number(v.get<double>());
  if (v.is_string()) return "'" + v.get<std::string>().substr(0, 40) + "'";
  return v.is_object() ? "an object" : v.is_array() ? "an array" : v.dump();
}

bool finite_number(const ojson& v, const std::string& p, double& out,
                   std::vector<Diagnostic>& diags) {
  if (!v.is_number() || !std::isfinite(v.get<double>())) {
    diags.push_back({p, "must be a number (got " + show_value(v) + ")"});
    return false;
  }
  out = v.get<double>();
  return true;
}

bool month_number(const ojson& v, const std::string& p, int horizon, int& out,
                  std::vector<Diagnostic>& diags) {
  double d;
  if (!finite_number(v, p, d, diags)) return false;
  if (std::floor(d) != d || d < 0) {
    diags.push_back({p, "must be a month, a whole number from 0 (got " + show_value(v) + ")"});
    return false;
  }
  if (d > horizon) {
    diags.push_back({p, "month " + show_value(v) + " is beyond the horizon (simulation.months = " +
                            std::to_string(horizon) + ")"});
    return false;
  }
  out = static_cast<int>(d);
  return true;
}

std::vector<std::string> ids_of_stages(const Scenario& s) {
  std::vector<std::string> ids;
  for (const auto& st : s.stages) ids.push_back(st.id);
  return ids;
}
std::vector<std::string> ids_of_services(const Scenario& s) {
  std::vector<std::string> ids;
  for (const auto& sv : s.services) ids.push_back(sv.id);
  return ids;
}
std::vector<std::string> payers_of(const Scenario& s) {
  bool any = false;
  for (const auto& st : s.stages) any |= !st.payer.empty();
  for (const auto& sv : s.services) any |= !sv.payer.empty();
  bool other = false;
  for (const auto& st : s.stages) other |= st.other_services_cost_per_month > 0;
  std::vector<std::string> out;
  if (!any && !other) return out;
  auto add = [&](const std::string& p) {
    const std::string id = p.empty() ? "unspecified" : p;
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  for (const auto& st : s.stages) add(st.payer);
  for (const auto& sv : s.services) add(sv.payer);
  if (other) add(kOtherServicesPayer);
  return out;
}

}  // namespace

std::vector<std::string> observable_metrics(const Scenario& s) {
  // The metric table's names for the cohort "all" (prostup/metric_table.hpp), the families
  // expanded, and the monthly series of the stages and services.
  const auto& table = metric_definitions();
  std::vector<std::string> out;
  const bool discounted = s.simulation.discount_rate > 0;  // as CompiledModel::discounting()
  for (const MetricDefinition& d : table)
    if (d.only_discounted && !discounted)
      continue;
    else if (d.scope == MetricScope::run || d.scope == MetricScope::cohort)
      out.push_back(d.name);
    else if (d.scope == MetricScope::retention)
      for (int n : kRetentionMonths) out.push_back(metric_prefix(d) + std::to_string(n));
  auto family = [&](MetricScope scope, std::vector<std::string> series,
                    const std::vector<std::string>& ids) {
    std::vector<std::string> prefixes;
    for (const MetricDefinition& d : table)
      if (d.scope == scope) prefixes.push_back(metric_prefix(d));
    prefixes.insert(prefixes.end(), series.begin(), series.end());
    for (const auto& prefix : prefixes)
      for (const auto& id : ids) out.push_back(prefix + id);
  };
  family(MetricScope::per_stage, {"occupancy:", "waiting:"}, ids_of_stages(s));
  family(MetricScope::per_service, {"in_service:"}, ids_of_services(s));
  family(MetricScope::per_payer, {}, payers_of(s));
  // The town's own monthly counts (issue 29, a forecast from them): households roofless at
  // the end of the month (its outside stages together) and placements into housing in the
  // month, the two series functional zero compares (docs/model.md, "Functional zero").
  for (const char* series : kTownSeries) out.push_back(series);
  return out;
}

std::string observable_metric_problem(const Scenario& s, const std::string& metric, bool& series) {
  series = false;
  const auto all = observable_metrics(s);
  if (std::find(all.begin(), all.end(), metric) != all.end()) {
    for (const char* prefix : {"occupancy:", "waiting:", "in_service:"})
      if (metric.rfind(prefix, 0) == 0) series = true;
    for (const char* name : kTownSeries)
      if (metric == name) series = true;
    return {};
  }
  // A known prefix with an unknown id: name the id, and suggest one of its kind.
  const auto colon = metric.find(':');
  if (colon != std::string::npos) {
    const std::string prefix = metric.substr(0, colon + 1), id = metric.substr(colon + 1);
    const bool stage_prefix = prefix == "promotions:" || prefix == "occupancy_end:" ||
                              prefix == "occupancy_mean:" || prefix == "occupancy:" ||
                              prefix == "waiting:";
    const bool service_prefix = prefix == "service_case_months:" ||
                                prefix == "service_waiting_mean:" || prefix == "in_service:";
    if (stage_prefix || service_prefix) {
      const auto ids = stage_prefix ? ids_of_stages(s) : ids_of_services(s);
      const std::string hint = closest_match(id, ids);
      return std::string("unknown ") + (stage_prefix ? "stage" : "service") + " '" + id +
             "' in metric '" + metric + "'" +
             (hint.empty() ? "" : " (did you mean '" + hint + "'?)");
    }
  }
  const std::string renamed = renamed_metric(metric);
  if (!renamed.empty())
    return "metric '" + metric + "' is now called '" + renamed +
           "' (docs/model.md, \"One name, one number\")";
  const std::string hint = closest_match(metric, all);
  return "unknown metric '" + metric + "'" +
         (hint.empty() ? " (a metric of outcomes.csv, or a series occupancy:<stage>, "
                         "waiting:<stage>, in_service:<service>, roofless, housing_placements "
                         "of timeseries.csv)"
                       : " (did you mean '" + hint + "'?)");
}

void read_observed(const ojson& v, const std::string& p, const Scenario& s,
                   std::vector<ObservedTarget>& out, std::vector<Diagnostic>& diags) {
  if (!v.is_array()) {
    diags.push_back({p, "must be an array of observed targets (got " + show_value(v) + ")"});
    return;
  }
  const int horizon = s.simulation.months;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string tp = p + "/" + std::to_string(i);
    const ojson& o = v[i];
    if (!o.is_object()) {
      diags.push_back({tp,
                       "must be an object {\"metric\", \"value\", \"se\" or \"range\", "
                       "\"source\"} (got " +
                           show_value(o) + ")"});
      continue;
    }
    const std::size_t before = diags.size();
    for (const auto& [k, x] : o.items()) {
      if (!k.empty() && k[0] == '_') continue;
      if (std::find(kTargetKeys.begin(), kTargetKeys.end(), k) != kTargetKeys.end()) continue;
      const std::string hint = closest_match(k, kTargetKeys);
      diags.push_back(
          {child_pointer(tp, k),
           "unknown key '" + k + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)")});
    }
    ObservedTarget t;
    t.pointer = tp;
    auto it = o.find("metric");
    if (it == o.end()) {
      diags.push_back({tp, "missing required key 'metric'"});
    } else if (!it->is_string()) {
      diags.push_back({tp + "/metric", "must be a string (got " + show_value(*it) + ")"});
    } else {
      t.metric = it->get<std::string>();
      const std::string why = observable_metric_problem(s, t.metric, t.series);
      if (!why.empty()) diags.push_back({tp + "/metric", why});
    }
    const bool metric_ok = diags.size() == before;
    const auto month = o.find("month"), months = o.find("months");
    if (month != o.end() && months != o.end()) {
      diags.push_back({tp, "give 'month' or 'months', not both"});
    } else if (month != o.end()) {
      if (month_number(*month, tp + "/month", horizon, t.month_from, diags))
        t.month_to = t.month_from;
    } else if (months != o.end()) {
      const std::string mp = tp + "/months";
      if (!months->is_array() || months->size() != 2) {
        diags.push_back(
            {mp, "must be [first month, last month] (got " + show_value(*months) + ")"});
      } else if (month_number((*months)[0], mp + "/0", horizon, t.month_from, diags) &&
                 month_number((*months)[1], mp + "/1", horizon, t.month_to, diags) &&
                 t.month_to < t.month_from) {
        diags.push_back({mp, "the last month comes before the first"});
      }
    }
    if (metric_ok && !t.series && (month != o.end() || months != o.end()))
      diags.push_back(
          {tp + (month != o.end() ? "/month" : "/months"),
           "'" + t.metric + "' is an outcome over the whole horizon (months 1-" +
               std::to_string(horizon) +
               "); months apply to the monthly series occupancy:, waiting:, in_service:, "
               "roofless, housing_placements"});
    if (metric_ok && t.series && month == o.end() && months == o.end())
      diags.push_back({tp, "'" + t.metric + "' is a monthly series: give 'month' or 'months'"});

    const auto value = o.find("value");
    bool have_value = false;
    if (value == o.end())
      diags.push_back({tp, "missing required key 'value'"});
    else
      have_value = finite_number(*value, tp + "/value", t.value, diags);
    if (have_value && t.value < 0) {
      diags.push_back({tp + "/value", "an observed value cannot be negative (got " +
                                          show_value(*value) +
                                          "): every metric is a count, share, mean or cost"});
      have_value = false;
    } else if (have_value && t.value > 1e12) {
      diags.push_back({tp + "/value", "must be at most 1e12 (got " + show_value(*value) + ")"});
      have_value = false;
    }

    const auto se = o.find("se"), range = o.find("range");
    if (se != o.end() && range != o.end()) {
      diags.push_back({tp, "give 'se' or 'range', not both"});
    } else if (se != o.end()) {
      if (finite_number(*se, tp + "/se", t.se, diags)) {
        if (t.se < 0)
          diags.push_back(
              {tp + "/se", "a standard error cannot be negative (got " + show_value(*se) + ")"});
        else if (t.se == 0)
          diags.push_back({tp + "/se",
                           "must be positive: a figure with no uncertainty cannot be matched by "
                           "a stochastic model (give its standard error or a range)"});
        else if (have_value) {
          t.low = t.value - kZ95 * t.se;
          t.high = t.value + kZ95 * t.se;
        }
      }
    } else if (range != o.end()) {
      const std::string rp = tp + "/range";
      if (!range->is_array() || range->size() != 2) {
        diags.push_back({rp, "must be [low, high] (got " + show_value(*range) + ")"});
      } else if (finite_number((*range)[0], rp + "/0", t.low, diags) &&
                 finite_number((*range)[1], rp + "/1", t.high, diags)) {
        if (!(t.low < t.high))
          diags.push_back({rp, "low must be below high"});
        else if (have_value && (t.value < t.low || t.value > t.high))
          diags.push_back({rp, "the range [" + format_number(t.low) + ", " + format_number(t.high) +
                                   "] does not contain the value " + format_number(t.value)});
      }
    } else {
      diags.push_back({tp,
                       "give the figure's uncertainty: 'se' (a standard error) or 'range' "
                       "([low, high])"});
    }
    if (const auto src = o.find("source"); src == o.end())
      diags.push_back({tp, "missing required key 'source' (where the figure comes from)"});
    else if (!src->is_string() || src->get<std::string>().empty())
      diags.push_back(
          {tp + "/source", "must be a non-empty string (got " + show_value(*src) + ")"});
    else
      t.source = src->get<std::string>();
    if (diags.size() == before) out.push_back(std::move(t));
  }
}

void read_parameter_sample(const ojson& v, const Scenario& s, ParameterSample& out,
                           std::vector<Diagnostic>& diags) {
  const std::string p = "/parameter_sample";
  if (!v.is_object()) {
    diags.push_back(
        {p, "must be an object {\"pointers\", \"rows\", \"source\"} (got " + show_value(v) + ")"});
    return;
  }
  const std::size_t before = diags.size();
  for (const auto& [k, x] : v.items())
    if (k != "pointers" && k != "rows" && k != "source" && (k.empty() || k[0] != '_'))
      diags.push_back({child_pointer(p, k),
                       "unknown key '" + k + "' (expected 'pointers', 'rows' or 'source')"});
  ParameterSample ps;
  const auto pointers = v.find("pointers");
  if (pointers == v.end() || !pointers->is_array() || pointers->empty()) {
    diags.push_back({pointers == v.end() ? p : p + "/pointers",
                     "'pointers' must be a non-empty array of JSON pointers to parameters"});
    return;
  }
  for (std::size_t i = 0; i < pointers->size(); ++i) {
    const std::string ip = p + "/pointers/" + std::to_string(i);
    const ojson& x = (*pointers)[i];
    if (!x.is_string()) {
      diags.push_back({ip, "must be a JSON pointer string (got " + show_value(x) + ")"});
      continue;
    }
    const std::string ptr = x.get<std::string>();
    Scenario copy = s;
    if (!set_parameter(copy, ptr, 0.5))
      diags.push_back({ip, "'" + ptr +
                               "' names no parameter a sample may set (a profile's "
                               "probability, a multiplier, a cost or an arrival rate)"});
    else if (std::find(ps.pointers.begin(), ps.pointers.end(), ptr) != ps.pointers.end())
      diags.push_back({ip, "'" + ptr + "' is listed twice"});
    ps.pointers.push_back(ptr);
  }
  const auto rows = v.find("rows");
  if (rows == v.end() || !rows->is_array() || rows->empty()) {
    diags.push_back({rows == v.end() ? p : p + "/rows",
                     "'rows' must be a non-empty array of rows, one value per pointer"});
    return;
  }
  for (std::size_t r = 0; r < rows->size(); ++r) {
    const std::string rp = p + "/rows/" + std::to_string(r);
    const ojson& row = (*rows)[r];
    if (!row.is_array() || row.size() != ps.pointers.size()) {
      diags.push_back({rp, "must be an array of " + std::to_string(ps.pointers.size()) +
                               " numbers, one per pointer"});
      continue;
    }
    std::vector<double> values;
    for (std::size_t k = 0; k < row.size(); ++k) {
      double d = 0;
      if (!finite_number(row[k], rp + "/" + std::to_string(k), d, diags)) continue;
      // Probabilities stay in [0, 1]; every other parameter a sample sets is non-negative.
      const bool probability = ps.pointers[k].rfind("/profiles/", 0) == 0;
      if (d < 0 || (probability && d > 1))
        diags.push_back({rp + "/" + std::to_string(k),
                         std::string("must be ") +
                             (probability ? "between 0 and 1" : "at least 0") + " for " +
                             ps.pointers[k] + " (got " + format_number(d) + ")"});
      values.push_back(d);
    }
    ps.rows.push_back(std::move(values));
  }
  if (const auto src = v.find("source"); src != v.end()) {
    if (src->is_string())
      ps.source = src->get<std::string>();
    else
      diags.push_back({p + "/source", "must be a string (got " + show_value(*src) + ")"});
  }
  if (diags.size() == before) out = std::move(ps);
}

ojson observed_json(const std::vector<ObservedTarget>& targets) {
  ojson out = ojson::array();
  for (const auto& t : targets) {
    ojson j = {{"metric", t.metric}};
    if (t.series) {
      if (t.month_from == t.month_to)
        j["month"] = t.month_from;
      else
        j["months"] = {t.month_from, t.month_to};
    }
    j["value"] = t.value;
    if (t.se > 0)
      j["se"] = t.se;
    else
      j["range"] = {t.low, t.high};
    j["source"] = t.source;
    out.push_back(std::move(j));
  }
  return out;
}

ojson parameter_sample_json(const ParameterSample& sample) {
  ojson rows = ojson::array();
  for (const auto& r : sample.rows) rows.push_back(r);
  ojson out = {{"pointers", sample.pointers}, {"rows", std::move(rows)}};
  if (!sample.source.empty()) out["source"] = sample.source;
  return out;
}

}  // namespace prostup::detail

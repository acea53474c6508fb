// SPDX-License-Identifier: Apache-2.0
// Reading an output directory back for the report, and the names and number formats
// people see in it.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "answer.hpp"
#include "prostup/number_text.hpp"
#include "prostup/runner.hpp"
#include "report.hpp"
#include "strings.hpp"
#include "svg.hpp"

namespace prostup::report {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string read_file(const fs::path& p) {
  std::error_code ec;
  // A directory opens as a stream that reads nothing ("not valid JSON" misled).
  if (fs::is_directory(p, ec))
    throw std::runtime_error(p.string() + ": cannot read (it is a directory, not a file)");
  errno = 0;
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    std::string msg = p.string() + ": cannot read";
    if (errno != 0) msg += std::string(" (") + std::strerror(errno) + ")";
    throw std::runtime_error(msg);
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) throw std::runtime_error(p.string() + ": read failed");
  return s.str();
}

json read_json(const fs::path& p) {
  try {
    return json::parse(read_file(p));
  } catch (const json::exception& e) {
    throw UserError(p.string() + ": not valid JSON: " + e.what());
  }
}

double num(const json& j) {
  return j.is_number() ? j.get<double>() : kUndefined;
}

double num_at(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? kUndefined : num(*it);
}

std::string str_at(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A scenario text (a string, or {"cs": ..., "en": ...}; prostup/local_text.hpp).
LocalText text_at(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() ? local_text_from(*it) : LocalText();
}

std::vector<double> numbers(const json& j, const char* key) {
  std::vector<double> v;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return v;
  for (const auto& x : *it) v.push_back(num(x));
  return v;
}

Better better_from(const std::string& s) {
  if (s == "higher") return Better::higher;
  if (s == "lower") return Better::lower;
  return Better::none;
}

void read_manifest_info(const json& m, RunInfo& in) {
  in.program_version = str_at(m, "program_version");
  in.language = str_at(m, "language");
  if (auto s = m.find("scenario"); s != m.end() && s->is_object()) {
    in.scenario_name = str_at(*s, "name");
    in.scenario_title = text_at(*s, "title");
    in.scenario_path = str_at(*s, "path");
    in.scenario_sha256 = str_at(*s, "sha256");
  }
  in.seed = m.value("seed", std::uint64_t{0});
  in.replications = m.value("replications", 0);
  in.months = m.value("months", 0);
  in.threads = m.value("threads", 0);
  if (auto pr = m.find("prices"); pr != m.end() && pr->is_object()) {
    in.price_year = pr->value("price_year", 0);
    in.discount_rate = num_at(*pr, "discount_rate");
  }
  in.variants = m.value("variants", std::vector<std::string>{});
  for (const auto& t : m.value("towns", json::array())) {
    in.towns.push_back(str_at(t, "id"));
    in.town_labels.push_back(text_at(t, "label"));
  }
  for (const auto& s : m.value("stages", json::array()))
    in.stages.push_back({str_at(s, "id"), text_at(s, "label"), str_at(s, "kind")});
  for (const auto& s : m.value("services", json::array())) {
    in.services.push_back(str_at(s, "id"));
    in.service_labels.push_back(text_at(s, "label"));
  }
  in.household_months = m.value("household_months", std::uint64_t{0});
  in.simulate_seconds = num_at(m, "simulate_seconds");
  in.wall_seconds = num_at(m, "wall_seconds");
  in.started_at = str_at(m, "started_at");
  if (auto u = m.find("parameter_uncertainty"); u != m.end() && u->is_object()) {
    in.psa = true;
    in.parameter_sets = u->value("parameter_sets", 0);
    in.inner_replications = u->value("inner_replications", 1);
    in.parameters = u->value("parameters", std::vector<std::string>{});
    in.parameter_groups = u->value("parameter_groups", std::vector<std::string>{});
  }
}

// The PSA results (results.json "uncertainty"), when the run drew parameter sets.
void read_uncertainty(const json& u, UncertaintyResult& out) {
  for (const auto& p : u.value("plane", json::array()))
    out.plane.push_back({str_at(p, "town"), str_at(p, "variant"), numbers(p, "d_cost"),
                         numbers(p, "d_stabilized"), numbers(p, "d_months_housed")});
  for (const auto& c : u.value("ceac", json::array()))
    out.ceac.push_back({str_at(c, "town"), str_at(c, "variant"), str_at(c, "outcome"),
                        num_at(c, "willingness_to_pay"),
                        num_at(c, "probability_most_cost_effective")});
  for (const auto& e : u.value("evpi", json::array()))
    out.evpi.push_back({str_at(e, "town"), str_at(e, "outcome"), str_at(e, "parameter"),
                        num_at(e, "willingness_to_pay"), num_at(e, "value")});
  for (const auto& t : u.value("tornado", json::array()))
    out.tornado.push_back({str_at(t, "town"), str_at(t, "variant"), str_at(t, "outcome"),
                           str_at(t, "parameter"), num_at(t, "low"), num_at(t, "high"),
                           num_at(t, "base")});
  out.tornado_outcome = str_at(u, "tornado_outcome");
  out.evpi_willingness_to_pay = num_at(u, "evpi_willingness_to_pay");
}

// `all_cohorts`: every cohort's metrics and comparisons (Input::arms); otherwise the cohort
// "all" only, which is what the report's tables and charts show.
RunResult run_from_json(const json& doc, bool all_cohorts = false) {
  RunResult r;
  read_manifest_info(doc.at("manifest"), r.info);
  if (auto s = doc.find("scenario"); s != doc.end()) {
    if (r.info.scenario_name.empty()) r.info.scenario_name = str_at(*s, "name");
    if (r.info.scenario_title.empty()) r.info.scenario_title = text_at(*s, "title");
    r.info.scenario_description = text_at(*s, "description");
  }
  if (auto vs = doc.find("variants"); vs != doc.end() && vs->is_array()) {
    r.info.variant_descriptions.assign(r.info.variants.size(), "");
    for (const auto& v : *vs)
      for (std::size_t i = 0; i < r.info.variants.size(); ++i)
        if (r.info.variants[i] == str_at(v, "id"))
          r.info.variant_descriptions[i] = text_at(v, "description");
    r.info.variant_labels.assign(r.info.variants.size(), "");
    for (const auto& v : *vs)
      for (std::size_t i = 0; i < r.info.variants.size(); ++i)
        if (r.info.variants[i] == str_at(v, "id")) r.info.variant_labels[i] = text_at(v, "label");
  }
  if (auto b = doc.find("binding_constraints"); b != doc.end() && b->is_object()) {
    r.info.binding_constraints.assign(r.info.towns.size(), {});
    for (std::size_t t = 0; t < r.info.towns.size(); ++t)
      if (auto lines = b->find(r.info.towns[t]); lines != b->end() && lines->is_array())
        for (const auto& line : *lines)
          if (line.is_string()) r.info.binding_constraints[t].push_back(line.get<std::string>());
  }
  if (auto mv = doc.find("marginal_values"); mv != doc.end() && mv->is_array())
    for (const auto& j : *mv) {
      MarginalValue v;
      v.town = str_at(j, "town");
      v.what = str_at(j, "what");
      v.service = str_at(j, "kind") == "service";
      v.id = str_at(j, "id");
      v.excess = num_at(j, "excess_demand");
      v.units = static_cast<int>(num_at(j, "units"));
      v.gain = num_at(j, "gain_stabilized");
      v.gain_low = num_at(j, "gain_ci_low");
      v.gain_high = num_at(j, "gain_ci_high");
      v.cost_per_month = num_at(j, "cost_per_month");
      v.cost_horizon = num_at(j, "cost_horizon");
      v.replications = static_cast<int>(num_at(j, "replications"));
      r.info.marginal_values.push_back(std::move(v));
    }
  // The report shows the cohort "all" (results.json keeps the others under "cohorts").
  for (const auto& m : doc.at("metric_info"))
    if (all_cohorts || m.value("cohort", std::string("all")) == "all") {
      r.metric_info.push_back({str_at(m, "name"), str_at(m, "unit"),
                               better_from(str_at(m, "better")), m.value("headline", false)});
      r.metric_info.back().cohort = m.value("cohort", std::string("all"));
    }
  for (const auto& c : doc.value("cohorts", json::array())) {
    CohortInfo co{str_at(c, "id"), text_at(c, "label"), {}};
    for (const auto& f : c.value("published", json::array()))
      co.published.push_back({str_at(f, "metric"), text_at(f, "text"), str_at(f, "source"),
                              num_at(f, "value"), f.value("fitted", false)});
    r.info.cohorts.push_back(std::move(co));
  }
  for (const auto& p : doc.value("profiles", json::array())) {
    r.info.profiles.push_back(str_at(p, "id"));
    r.info.profile_labels.push_back(text_at(p, "label"));
  }
  // Rows of all profiles (results) and by profile (by_profile, older files have none).
  auto read_row = [&](const json& row) {
    TownVariantResult tv;
    tv.town = str_at(row, "town");
    tv.variant = str_at(row, "variant");
    if (row.contains("profile")) tv.profile = str_at(row, "profile");
    const json& all = row.at("metrics");
    static const json none = json::object();
    const json* tagged = &none;
    if (auto c = row.find("cohorts"); c != row.end() && c->is_object()) tagged = &*c;
    for (const auto& mi : r.metric_info) {
      Summary s;
      const json* in = &all;
      if (mi.cohort != "all") {
        auto c = tagged->find(mi.cohort);
        in = c != tagged->end() && c->is_object() ? &*c : &none;
      }
      const json& metrics = *in;
      if (auto it = metrics.find(mi.name); it != metrics.end()) {
        s = {num_at(*it, "mean"), num_at(*it, "sd"),  num_at(*it, "ci_low"), num_at(*it, "ci_high"),
             num_at(*it, "p05"),  num_at(*it, "p50"), num_at(*it, "p95"),    0};
        s.replications = it->value("replications", 0);
        s.share_from_parameters = num_at(*it, "share_from_parameters");
      }
      tv.metrics.push_back(s);
    }
    for (const auto& js : row.value("series", json::array())) {
      Series s;
      s.name = str_at(js, "name");
      const auto mean = numbers(js, "mean"), lo = numbers(js, "ci_low"),
                 hi = numbers(js, "ci_high");
      for (std::size_t t = 0; t < mean.size(); ++t)
        s.by_month.push_back(
            {mean[t], t < lo.size() ? lo[t] : kUndefined, t < hi.size() ? hi[t] : kUndefined});
      s.capacity = numbers(js, "capacity");
      tv.series.push_back(std::move(s));
    }
    for (const auto& f : row.value("flows", json::array()))
      tv.flows.push_back({str_at(f, "from"), str_at(f, "to"), str_at(f, "kind"),
                          num_at(f, "mean_per_replication")});
    for (const auto& f : row.value("flows_yearly", json::array()))
      tv.flows_yearly.push_back({static_cast<int>(num_at(f, "year")),
                                 static_cast<int>(num_at(f, "months")), str_at(f, "stage"),
                                 str_at(f, "flow"), str_at(f, "kind"), str_at(f, "from_or_to"),
                                 num_at(f, "mean_per_replication")});
    if (auto t = row.find("time_to_lease"); t != row.end()) {
      const auto month = numbers(*t, "month"), cum = numbers(*t, "cum_incidence");
      const auto lo = numbers(*t, "ci_low"), hi = numbers(*t, "ci_high");
      for (std::size_t d = 0; d < month.size() && d < cum.size(); ++d)
        tv.time_to_lease.push_back({static_cast<int>(month[d]), cum[d],
                                    d < lo.size() ? lo[d] : kUndefined,
                                    d < hi.size() ? hi[d] : kUndefined});
    }
    return tv;
  };
  for (const auto& row : doc.at("results")) r.results.push_back(read_row(row));
  for (const auto& row : doc.value("by_profile", json::array()))
    r.by_profile.push_back(read_row(row));
  auto read_comparison = [&](const json& c) {
    Comparison x;
    x.cohort = c.value("cohort", std::string("all"));
    if (c.contains("profile")) x.profile = str_at(c, "profile");
    x.note = c.value("note", std::string());
    x.town = str_at(c, "town");
    x.variant = str_at(c, "variant");
    x.baseline = str_at(c, "baseline");
    x.metric = str_at(c, "metric");
    x.diff_mean = num_at(c, "diff_mean");
    x.diff_ci_low = num_at(c, "diff_ci_low");
    x.diff_ci_high = num_at(c, "diff_ci_high");
    x.share_better = num_at(c, "share_better");
    x.replications = c.value("replications", 0);
    x.share_from_parameters = num_at(c, "share_from_parameters");
    return x;
  };
  for (const auto& c : doc.value("comparisons", json::array()))
    if (all_cohorts || c.value("cohort", std::string("all")) == "all")
      r.comparisons.push_back(read_comparison(c));
  for (const auto& c : doc.value("profile_comparisons", json::array()))
    if (all_cohorts || c.value("cohort", std::string("all")) == "all")
      r.profile_comparisons.push_back(read_comparison(c));
  if (auto u = doc.find("uncertainty"); u != doc.end() && u->is_object())
    read_uncertainty(*u, r.uncertainty);
  read_budget(doc, r);
  return r;
}

double parse_double(const std::string& s) {
  std::string_view t = s;  // as strtod: leading white space is skipped
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  return number_text::parse(t).value_or(kUndefined);
}

void check_cancel(const std::atomic<bool>* cancel) {
  if (cancel && *cancel) throw RunCancelled();
}

std::vector<SweepRow> read_sweep(const fs::path& p, const std::atomic<bool>* cancel) {
  const std::string text = read_file(p);
  check_cancel(cancel);
  const auto rows = parse_csv(text, cancel);
  if (rows.empty()) throw UserError(p.string() + ": empty file");
  // The excel-cs dialect (docs/report.md) writes a decimal comma.
  const bool excel_cs = text.rfind("\xEF\xBB\xBF", 0) == 0;
  auto number = [excel_cs](std::string cell) {
    if (excel_cs) std::replace(cell.begin(), cell.end(), ',', '.');
    return parse_double(cell);
  };
  const auto& h = rows.front();
  auto col = [&](const char* name) {
    for (std::size_t i = 0; i < h.size(); ++i)
      if (h[i] == name) return i;
    throw UserError(p.string() + ": no column '" + name + "'");
  };
  const std::size_t town = col("town"), point = col("point"), parameter = col("parameter"),
                    value = col("value"), metric = col("metric"), mean = col("mean"),
                    lo = col("ci_low"), hi = col("ci_high");
  std::vector<SweepRow> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (i % 65536 == 0) check_cancel(cancel);
    if (r.size() != h.size())
      throw UserError(p.string() + ": row " + std::to_string(i + 1) + " has " +
                      std::to_string(r.size()) + " fields, the header " + std::to_string(h.size()));
    out.push_back({r[town], r[point], r[parameter], r[metric], number(r[value]), number(r[mean]),
                   number(r[lo]), number(r[hi])});
  }
  return out;
}

// plan.json is written by `prostup plan`; read what is there, tolerating either the
// target as an object {metric, op, value} or as flat keys.
Plan read_plan(const fs::path& p) {
  const json j = read_json(p);
  if (!j.is_object()) throw UserError(p.string() + ": not a JSON object");
  Plan plan;
  const json* target = nullptr;
  if (auto t = j.find("target"); t != j.end() && t->is_object()) target = &*t;
  const json& tj = target ? *target : j;
  plan.metric = str_at(tj, "metric");
  plan.op = str_at(tj, "op");
  plan.target = num_at(tj, "value");
  if (!std::isfinite(plan.target)) plan.target = num_at(j, "target");
  plan.answer = num_at(j, "answer");
  plan.confidence = num_at(j, "confidence");
  plan.parameter = str_at(j, "vary");
  if (plan.parameter.empty()) plan.parameter = str_at(j, "parameter");
  if (plan.parameter.empty()) plan.parameter = str_at(j, "pointer");
  plan.scenario_value = num_at(j, "scenario_value");
  plan.town = str_at(j, "town");
  plan.variant = str_at(j, "variant");
  for (const auto& pt : j.value("points", json::array()))
    plan.points.push_back({num_at(pt, "value"), num_at(pt, "mean"), num_at(pt, "ci_low"),
                           num_at(pt, "ci_high"), num_at(pt, "bound"), pt.value("meets", false)});
  return plan;
}

}  // namespace

std::vector<std::vector<std::string>> parse_csv(const std::string& text,
                                                const std::atomic<bool>* cancel) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, pending = false;
  // The excel-cs dialect: a UTF-8 BOM first, ';' between cells (docs/report.md).
  const bool excel_cs = text.rfind("\xEF\xBB\xBF", 0) == 0;
  const char separator = excel_cs ? ';' : ',';
  for (std::size_t i = excel_cs ? 3 : 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    pending = true;
    if (c == '"') {
      quoted = true;
    } else if (c == separator) {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      pending = false;
      if (rows.size() % 65536 == 0) check_cancel(cancel);
    } else {
      field += c;
    }
  }
  if (quoted) throw UserError("CSV: a quoted field is not closed");
  if (pending) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

Input read_input(const fs::path& dir, const std::atomic<bool>* cancel) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw UserError(dir.string() + ": not a directory (expected a prostup output directory)");
  Input in;
  const fs::path results = dir / "results.json", manifest = dir / "manifest.json",
                 sweep = dir / "sweep.csv", plan = dir / "plan.json";
  if (!fs::exists(results) && !fs::exists(sweep) && !fs::exists(plan))
    throw UserError(dir.string() +
                    " is not a prostup output directory: it has no results.json, sweep.csv or "
                    "plan.json (write one with `prostup run`, `sweep` or `plan`)");
  if (fs::exists(manifest)) in.manifest = read_json(manifest);
  if (fs::exists(results)) {
    const json doc = read_json(results);
    if (!doc.is_object() || doc.value("format", "") != "prostup-results")
      throw UserError(results.string() + ": not a prostup results file");
    try {
      in.run = run_from_json(doc);
      // The trial arms of the answer box need the tagged cohorts' metrics.
      if (!in.run.info.cohorts.empty()) in.arms = run_from_json(doc, true);
    } catch (const json::exception& e) {
      throw UserError(results.string() + ": malformed: " + e.what());
    }
    in.has_run = true;
    if (in.manifest.is_null()) in.manifest = doc.at("manifest");
  } else if (in.manifest.is_object()) {
    // A sweep or plan directory: labels still come from its manifest.
    try {
      read_manifest_info(in.manifest, in.run.info);
    } catch (const json::exception& e) {
      throw UserError(manifest.string() + ": malformed: " + e.what());
    }
  }
  check_cancel(cancel);
  if (fs::exists(sweep)) in.sweep = read_sweep(sweep, cancel);
  if (fs::exists(plan)) {
    try {
      in.plan = read_plan(plan);
    } catch (const json::exception& e) {
      throw UserError(plan.string() + ": malformed: " + e.what());
    }
  }
  return in;
}

void relabel(RunInfo& info, Language lang) {
  const std::string to = text::language_code(lang);
  if (info.language == to || (info.language.empty() && to == "en")) return;
  // (written label, label in lang) for every stage and service, "<service> (caseload)" too.
  std::vector<std::pair<std::string, std::string>> names;
  for (const StageInfo& s : info.stages)
    names.emplace_back(s.label.in(info.language, s.id), s.label.in(to, s.id));
  for (std::size_t i = 0; i < info.services.size() && i < info.service_labels.size(); ++i)
    names.emplace_back(info.service_labels[i].in(info.language, info.services[i]) + " (caseload)",
                       info.service_labels[i].in(to, info.services[i]) + " (caseload)");
  auto swap = [&](std::string& s, const std::string& after) {
    for (const auto& [from, into] : names)
      if (s.compare(0, from.size() + after.size(), from + after) == 0) {
        s = into + s.substr(from.size());
        return;
      }
  };
  for (auto& lines : info.binding_constraints)
    for (std::string& line : lines) swap(line, ": demand ");
  for (MarginalValue& v : info.marginal_values)
    for (const auto& [from, into] : names)
      if (v.what == from) {
        v.what = into;
        break;
      }
  info.language = to;
}

std::string town_label(const RunResult& r, const std::string& id, Language lang) {
  if (id == "*") return text::tr(lang, "all_towns");
  for (std::size_t i = 0; i < r.info.towns.size(); ++i)
    if (r.info.towns[i] == id && i < r.info.town_labels.size() && !r.info.town_labels[i].empty())
      return text::in(r.info.town_labels[i], lang);
  return id;
}

std::string stage_label(const RunResult& r, const std::string& id, Language lang) {
  for (const auto& s : r.info.stages)
    if (s.id == id && !s.label.empty()) return text::in(s.label, lang);
  return id;
}

std::string variant_label(const RunResult& r, const std::string& id, Language lang) {
  return answer::variant_label(r.info, id, lang);
}

const MetricInfo* metric_info(const RunResult& r, const std::string& name) {
  for (const auto& m : r.metric_info)
    if (m.name == name) return &m;
  return nullptr;
}

std::size_t variant_index(const RunResult& r, const std::string& id) {
  for (std::size_t i = 0; i < r.info.variants.size(); ++i)
    if (r.info.variants[i] == id) return i;
  return r.info.variants.size();
}

std::string metric_label(const RunResult& r, const std::string& name, Language lang) {
  // The fixed names are in the catalogues (strings_{en,cs}.cpp) under "metric.NAME".
  const std::string key = "metric." + name;
  if (std::string label = text::tr(lang, key); label != key) return label;
  const auto colon = name.find(':');
  if (colon != std::string::npos) {
    const std::string head = name.substr(0, colon), id = name.substr(colon + 1);
    auto service = [&](const std::string& sid) {
      for (std::size_t i = 0; i < r.info.services.size(); ++i)
        if (r.info.services[i] == sid && i < r.info.service_labels.size() &&
            !r.info.service_labels[i].empty())
          return text::in(r.info.service_labels[i], lang);
      return sid;
    };
    const bool is_service =
        std::find(r.info.services.begin(), r.info.services.end(), id) != r.info.services.end();
    if (head == "promotions")
      return text::tr(lang, "metric.promotions", {stage_label(r, id, lang)});
    if (head == "occupancy_end")
      return text::tr(lang, "metric.occupancy_end", {stage_label(r, id, lang)});
    if (head == "occupancy_mean")
      return text::tr(lang, "metric.occupancy_mean", {stage_label(r, id, lang)});
    if (head == "service_case_months")
      return text::tr(lang, "metric.service_case_months", {service(id)});
    if (head == "service_waiting_mean")
      return text::tr(lang, "metric.service_waiting_mean", {service(id)});
    if (head == "cost") {
      // cost:<payer> (town, state, ...) in the language's words; else a stage or service.
      const std::string payer_key = "payer." + id, payer = text::tr(lang, payer_key);
      if (!is_service && payer != payer_key) return text::tr(lang, "metric.cost", {payer});
      return text::tr(lang, "metric.cost", {is_service ? service(id) : stage_label(r, id, lang)});
    }
  }
  std::string s = name;
  for (char& c : s)
    if (c == '_') c = ' ';
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string format_value(double v, const std::string& unit, bool with_unit, Language lang) {
  if (!std::isfinite(v)) return "—";
  if (unit == "share")
    return text::decimal(lang, svg::group_thousands(v * 100, std::fabs(v) >= 0.1 ? 1 : 2)) + " %";
  if (unit.rfind("CZK", 0) == 0) {
    // Whole crowns for sums of money; small amounts (differences) keep their digits.
    const std::string n =
        text::decimal(lang, std::fabs(v) >= 100 ? svg::group_thousands(v, 0) : svg::human(v));
    return with_unit ? n + " " + text::unit(lang, unit) : n;
  }
  return text::decimal(lang, svg::human(v));
}

AxisUnit axis_unit(const std::string& unit, double max_abs, bool difference, Language lang) {
  if (unit == "share") return {100, difference ? text::tr(lang, "axis.pp") : "%"};
  if (unit.rfind("CZK", 0) == 0) {
    // "million CZK per household", "mil. Kč na domácnost".
    if (max_abs >= 1e6) return {1e-6, text::tr(lang, "axis.million", {text::unit(lang, unit)})};
    if (max_abs >= 1e4) return {1e-3, text::tr(lang, "axis.thousand", {text::unit(lang, unit)})};
  }
  return {1, unit.empty() ? unit : text::unit(lang, unit)};
}

double sweep_scenario_value(const Input& in, const std::string& pointer) {
  if (!in.manifest.is_object()) return kUndefined;
  const auto sweep = in.manifest.find("sweep");
  if (sweep == in.manifest.end() || !sweep->is_object()) return kUndefined;
  const auto axes = sweep->find("axes");
  if (axes == sweep->end() || !axes->is_array()) return kUndefined;
  for (const auto& a : *axes)
    if (a.is_object() && str_at(a, "pointer") == pointer) return num_at(a, "scenario_value");
  return kUndefined;
}

std::string file_id(const std::string& id) {
  if (id == "*") return "all";
  // A town may be called "all" (ids are [a-z][a-z0-9_]*): its charts must not overwrite the
  // all-towns ones; an id never holds '-', so this name is no other id's.
  if (id == "all") return "all-town";
  std::string s;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    s += ok ? c : '_';
  }
  return s.empty() ? "_" : s;
}

}  // namespace prostup::report

// SPDX-License-Identifier: Apache-2.0
// RunResult -> the files of an output directory. The CSV files are for spreadsheets and
// scripts; results.json carries everything the report needs, so charts can be redrawn from
// an old directory without the scenario or the engine.
#include "prostup/writers.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "prostup/number_text.hpp"
#include "prostup/runner.hpp"

namespace prostup {

namespace fs = std::filesystem;
using nlohmann::json;

std::string format_number(double v) {
  if (!std::isfinite(v)) return "";
  char buf[64];
  // Shortest representation that reads back to the same double.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) throw std::logic_error("format_number: buffer too small");
  return std::string(buf, end);
}

nlohmann::ordered_json manifest_document(const RunInfo& in, const std::string& command) {
  using ojson = nlohmann::ordered_json;
  auto num = [](double v) { return std::isfinite(v) ? ojson(v) : ojson(nullptr); };
  ojson m;
  m["format"] = "prostup-output";
  m["format_version"] = 1;
  m["program"] = "prostup";
  m["program_version"] = in.program_version;
  if (!command.empty()) m["command"] = command;
  if (!in.language.empty()) m["language"] = in.language;
  m["scenario"] = {{"name", in.scenario_name},
                   {"title", local_text_json<ojson>(in.scenario_title)},
                   {"path", in.scenario_path},
                   {"sha256", in.scenario_sha256}};
  m["seed"] = in.seed;
  m["replications"] = in.replications;
  m["months"] = in.months;
  m["threads"] = in.threads;
  // Prices (docs/model.md, "Discounting"): only where the scenario states them.
  if (in.price_year > 0 || in.discount_rate > 0) {
    ojson prices = ojson::object();
    prices["currency"] = "CZK";
    if (in.price_year > 0) prices["price_year"] = in.price_year;
    prices["discount_rate"] = in.discount_rate;
    m["prices"] = prices;
  }
  // Parameter uncertainty (docs/uncertainty.md): only in a run that drew parameter sets.
  if (in.psa)
    m["parameter_uncertainty"] = {{"parameter_sets", in.parameter_sets},
                                  {"inner_replications", in.inner_replications},
                                  {"parameters", in.parameters},
                                  {"parameter_groups", in.parameter_groups}};
  m["variants"] = in.variants;
  ojson towns = ojson::array();
  for (std::size_t i = 0; i < in.towns.size(); ++i)
    towns.push_back({{"id", in.towns[i]},
                     {"label", local_text_json<ojson>(i < in.town_labels.size() ? in.town_labels[i]
                                                                                : in.towns[i])}});
  m["towns"] = towns;
  ojson stages = ojson::array();
  for (const auto& s : in.stages)
    stages.push_back({{"id", s.id}, {"label", local_text_json<ojson>(s.label)}, {"kind", s.kind}});
  m["stages"] = stages;
  ojson services = ojson::array();
  for (std::size_t i = 0; i < in.services.size(); ++i)
    services.push_back(
        {{"id", in.services[i]},
         {"label", local_text_json<ojson>(i < in.service_labels.size() ? in.service_labels[i]
                                                                       : in.services[i])}});
  m["services"] = services;
  m["household_months"] = in.household_months;
  m["simulate_seconds"] = num(in.simulate_seconds);
  m["wall_seconds"] = num(in.wall_seconds);
  m["started_at"] = in.started_at;
  return m;
}

namespace {

// JSON number or null: nlohmann would also print null for NaN, but say it explicitly.
json jnum(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

const char* to_string(Better b) {
  switch (b) {
    case Better::higher:
      return "higher";
    case Better::lower:
      return "lower";
    case Better::none:
      break;
  }
  return "none";
}

}  // namespace

std::string csv_text(std::string_view s, char separator) {
  std::string cell;
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos)
    cell = "'";
  cell += s;
  const char special[] = {separator, '"', '\r', '\n', '\0'};
  if (cell.find_first_of(special) == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_number(double v, CsvDialect dialect) {
  if (dialect == CsvDialect::rfc4180) return format_number(v);
  if (!std::isfinite(v)) return "";
  // 12 significant digits, then at most 12 decimals, in fixed notation: no exponent, no noise.
  const double rounded = number_text::parse(number_text::general(v, 12)).value_or(v);
  std::string s = number_text::fixed(rounded, 12);
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

CsvWriter::CsvWriter(CsvDialect dialect) : dialect_(dialect) {
  if (dialect_ == CsvDialect::excel_cs) text_ = "\xEF\xBB\xBF";  // UTF-8 BOM
}

CsvWriter& CsvWriter::text(std::string_view s) {
  return cell(csv_text(s, dialect_ == CsvDialect::excel_cs ? ';' : ','));
}

// Numbers are no text cells: "-0.5" stays a number. Under excel_cs a decimal comma is the
// separator's neighbour, not the separator (';'), so no quoting is needed.
CsvWriter& CsvWriter::num(double v) {
  return cell(csv_number(v, dialect_));
}

CsvWriter& CsvWriter::integer(long long v) {
  return cell(number_text::integer(v));
}

CsvWriter& CsvWriter::end_row() {
  text_ += '\n';
  first_ = true;
  return *this;
}

CsvWriter& CsvWriter::header(std::initializer_list<std::string_view> names) {
  for (auto n : names) text(n);
  return end_row();
}

std::string CsvWriter::take() {
  std::string out;
  out.swap(text_);
  return out;
}

CsvWriter& CsvWriter::cell(std::string_view s) {
  if (!first_) text_ += dialect_ == CsvDialect::excel_cs ? ';' : ',';
  text_ += s;
  first_ = false;
  return *this;
}

// A file of a folder: opened at once, errors with the path and errno's reason.
struct OutputFiles::File::Stream {
  fs::path path;
  std::ofstream out;
  [[noreturn]] void fail(const char* what) const {
    std::string msg = path.string() + ": " + what;
    if (errno != 0) msg += std::string(" (") + std::strerror(errno) + ")";
    throw std::runtime_error(msg);
  }
};

OutputFiles::OutputFiles(fs::path dir) : dir_(std::move(dir)), to_folder_(true) {}

void OutputFiles::put(const std::string& name, std::string_view bytes) {
  File f(*this, name);
  f.append(bytes);
  f.close();
}

OutputFiles::File::File(OutputFiles& to, const std::string& name) : name_(name) {
  if (!to.to_folder_) {
    memory_ = &to.files_[name];
    memory_->clear();
    return;
  }
  stream_ = new Stream{to.dir_ / name, {}};
  std::error_code ec;
  if (name.find('/') != std::string::npos) fs::create_directories(stream_->path.parent_path(), ec);
  errno = 0;
  stream_->out.open(stream_->path, std::ios::binary | std::ios::trunc);
  if (!stream_->out) {
    Stream s = std::move(*stream_);
    delete stream_;
    stream_ = nullptr;
    s.fail("cannot open for writing");
  }
}

OutputFiles::File::~File() {
  delete stream_;
}

void OutputFiles::File::append(std::string_view bytes) {
  if (memory_) {
    memory_->append(bytes);
    return;
  }
  errno = 0;
  stream_->out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!stream_->out) stream_->fail("write failed");
}

void OutputFiles::File::close() {
  if (!stream_ || !stream_->out.is_open()) return;
  errno = 0;
  stream_->out.flush();
  if (!stream_->out) stream_->fail("write failed");
  stream_->out.close();
  if (stream_->out.fail()) stream_->fail("write failed on close");
}

namespace {

// A CsvWriter whose rows go to a file as they end.
class CsvFile {
 public:
  CsvFile(OutputFiles& to, const std::string& name, std::initializer_list<std::string_view> header,
          CsvDialect dialect)
      : file_(to, name), csv_(dialect) {
    csv_.header(header);
    flush();
  }
  // A text cell (csv_text: quoted where needed, a formula neutralised).
  CsvFile& field(std::string_view s) {
    csv_.text(s);
    return *this;
  }
  CsvFile& num(double v) {
    csv_.num(v);
    return *this;
  }
  CsvFile& integer(long long v) {
    csv_.integer(v);
    return *this;
  }
  void end_row() {
    csv_.end_row();
    flush();
  }
  void close() { file_.close(); }

 private:
  void flush() { file_.append(csv_.take()); }
  OutputFiles::File file_;
  CsvWriter csv_;
};

void write_json(OutputFiles& to, const std::string& name, const json& doc) {
  std::string text;
  try {
    // Keep UTF-8 as is (Czech labels stay readable); strict: invalid UTF-8 is an error.
    text = doc.dump(1, ' ', false, json::error_handler_t::strict);
  } catch (const json::exception& e) {
    throw std::runtime_error((to.in_memory() ? name : (to.dir() / name).string()) + ": " +
                             e.what());
  }
  text += '\n';
  to.put(name, text);
}

json summary_json(const Summary& s) {
  return {{"mean", jnum(s.mean)},
          {"sd", jnum(s.sd)},
          {"ci_low", jnum(s.ci_low)},
          {"ci_high", jnum(s.ci_high)},
          {"p05", jnum(s.p05)},
          {"p50", jnum(s.p50)},
          {"p95", jnum(s.p95)},
          {"replications", s.replications},
          {"share_from_parameters", jnum(s.share_from_parameters)}};
}

json series_json(const Series& s) {
  json mean = json::array(), lo = json::array(), hi = json::array(), cap = json::array();
  for (const auto& p : s.by_month) {
    mean.push_back(jnum(p.mean));
    lo.push_back(jnum(p.ci_low));
    hi.push_back(jnum(p.ci_high));
  }
  for (double c : s.capacity) cap.push_back(jnum(c));
  json j = {{"name", s.name}, {"mean", mean}, {"ci_low", lo}, {"ci_high", hi}};
  if (!s.capacity.empty()) j["capacity"] = cap;
  return j;
}

// A row of all profiles under "results"; a profile's row under "by_profile" (its metrics
// only those kept by profile).
json result_row(const RunResult& r, const TownVariantResult& tv) {
  json row;
  row["town"] = tv.town;
  row["variant"] = tv.variant;
  if (tv.profile != "*") row["profile"] = tv.profile;
  // The cohort "all" under "metrics" (as before cohorts existed), the others by cohort.
  json metrics = json::object(), cohorts = json::object();
  for (std::size_t k = 0; k < tv.metrics.size() && k < r.metric_info.size(); ++k) {
    const MetricInfo& mi = r.metric_info[k];
    if (tv.profile != "*" && !mi.by_profile) continue;
    if (mi.cohort == "all")
      metrics[mi.name] = summary_json(tv.metrics[k]);
    else
      cohorts[mi.cohort][mi.name] = summary_json(tv.metrics[k]);
  }
  row["metrics"] = metrics;
  row["cohorts"] = cohorts;
  json series = json::array();
  for (const auto& s : tv.series) series.push_back(series_json(s));
  row["series"] = series;
  json flows = json::array();
  for (const auto& f : tv.flows)
    flows.push_back({{"from", f.from},
                     {"to", f.to},
                     {"kind", f.kind},
                     {"mean_per_replication", jnum(f.mean_per_replication)}});
  row["flows"] = flows;
  // The flow account by year: always in a row of all profiles, in a profile's row where it
  // has one. Not the monthly account: twelve times as many lines would more than double the
  // file for every reader (the report, Python's r.results); flows_monthly.csv holds it.
  if (tv.profile == "*" || !tv.flows_yearly.empty()) {
    json yearly = json::array();
    for (const auto& f : tv.flows_yearly)
      yearly.push_back({{"year", f.year},
                        {"months", f.months},
                        {"stage", f.stage},
                        {"flow", f.flow},
                        {"kind", f.kind},
                        {"from_or_to", f.from_or_to},
                        {"mean_per_replication", jnum(f.mean_per_replication)}});
    row["flows_yearly"] = yearly;
  }
  json month = json::array(), cum = json::array(), lo = json::array(), hi = json::array();
  for (const auto& p : tv.time_to_lease) {
    month.push_back(p.month);
    cum.push_back(jnum(p.cum_incidence));
    lo.push_back(jnum(p.ci_low));
    hi.push_back(jnum(p.ci_high));
  }
  row["time_to_lease"] = {
      {"month", month}, {"cum_incidence", cum}, {"ci_low", lo}, {"ci_high", hi}};
  return row;
}

json results_json(const RunResult& r, const json& manifest) {
  json doc;
  doc["format"] = "prostup-results";
  doc["format_version"] = 1;
  doc["manifest"] = manifest;
  doc["scenario"] = {{"name", r.info.scenario_name},
                     {"title", local_text_json<json>(r.info.scenario_title)},
                     {"description", local_text_json<json>(r.info.scenario_description)}};
  json info = json::array();
  for (const auto& m : r.metric_info)
    info.push_back({{"name", m.name},
                    {"unit", m.unit},
                    {"better", to_string(m.better)},
                    {"headline", m.headline},
                    {"cohort", m.cohort},
                    {"by_profile", m.by_profile}});
  doc["metric_info"] = info;
  json variants = json::array();
  for (std::size_t i = 0; i < r.info.variants.size(); ++i)
    variants.push_back(
        {{"id", r.info.variants[i]},
         {"label", local_text_json<json>(i < r.info.variant_labels.size() ? r.info.variant_labels[i]
                                                                          : LocalText())},
         {"description", local_text_json<json>(i < r.info.variant_descriptions.size()
                                                   ? r.info.variant_descriptions[i]
                                                   : LocalText())}});
  doc["variants"] = variants;
  json binding = json::object();
  for (std::size_t t = 0; t < r.info.towns.size() && t < r.info.binding_constraints.size(); ++t)
    binding[r.info.towns[t]] = r.info.binding_constraints[t];
  doc["binding_constraints"] = binding;
  // What one more unit of each binding constraint is worth (prostup/marginal.hpp).
  json marginal = json::array();
  for (const MarginalValue& v : r.info.marginal_values)
    marginal.push_back({{"town", v.town},
                        {"what", v.what},
                        {"kind", v.service ? "service" : "stage"},
                        {"id", v.id},
                        {"excess_demand", jnum(v.excess)},
                        {"units", v.units},
                        {"gain_stabilized", jnum(v.gain)},
                        {"gain_ci_low", jnum(v.gain_low)},
                        {"gain_ci_high", jnum(v.gain_high)},
                        {"cost_per_month", jnum(v.cost_per_month)},
                        {"cost_horizon", jnum(v.cost_horizon)},
                        {"replications", v.replications}});
  doc["marginal_values"] = marginal;

  json profiles = json::array();
  for (std::size_t i = 0; i < r.info.profiles.size(); ++i)
    profiles.push_back(
        {{"id", r.info.profiles[i]},
         {"label", local_text_json<json>(i < r.info.profile_labels.size() ? r.info.profile_labels[i]
                                                                          : LocalText())}});
  doc["profiles"] = profiles;
  // The baseline's tagged cohorts (docs/model.md, "Cohorts") and their published figures, so
  // `prostup report` on a saved run shows the trial arms as the terminal answer does.
  json cohort_list = json::array();
  for (const CohortInfo& co : r.info.cohorts) {
    json published = json::array();
    for (const CohortInfo::Published& f : co.published)
      published.push_back({{"metric", f.metric},
                           {"value", jnum(f.value)},
                           {"text", local_text_json<json>(f.text)},
                           {"source", f.source},
                           {"fitted", f.fitted}});
    cohort_list.push_back(
        {{"id", co.id}, {"label", local_text_json<json>(co.label)}, {"published", published}});
  }
  doc["cohorts"] = cohort_list;

  // The rows (most of the file) are written one at a time by write_results_json().
  doc["results"] = json::array();
  doc["by_profile"] = json::array();

  auto comparison = [](const Comparison& c) {
    json j = {{"town", c.town},
              {"variant", c.variant},
              {"baseline", c.baseline},
              {"cohort", c.cohort},
              {"metric", c.metric},
              {"diff_mean", jnum(c.diff_mean)},
              {"diff_ci_low", jnum(c.diff_ci_low)},
              {"diff_ci_high", jnum(c.diff_ci_high)},
              {"share_better", jnum(c.share_better)},
              {"replications", c.replications},
              {"note", c.note},
              {"share_from_parameters", jnum(c.share_from_parameters)}};
    if (c.profile != "*") j["profile"] = c.profile;
    return j;
  };
  json comps = json::array(), profile_comps = json::array();
  for (const auto& c : r.comparisons) comps.push_back(comparison(c));
  for (const auto& c : r.profile_comparisons) profile_comps.push_back(comparison(c));
  doc["comparisons"] = comps;
  doc["profile_comparisons"] = profile_comps;
  json equity = json::array();
  for (const auto& f : r.equity)
    equity.push_back({{"town", f.town},
                      {"variant", f.variant},
                      {"figure", f.figure},
                      {"profile", f.profile},
                      {"best", f.best},
                      {"worst", f.worst},
                      {"mean", jnum(f.mean)},
                      {"ci_low", jnum(f.ci_low)},
                      {"ci_high", jnum(f.ci_high)},
                      {"replications", f.replications}});
  doc["equity"] = equity;
  // The budget by year and payer: budget.csv's rows (undefined = null, years as numbers).
  json budget = json::array();
  auto point = [](const SeriesPoint& p) {
    return json{{"mean", jnum(p.mean)}, {"ci_low", jnum(p.ci_low)}, {"ci_high", jnum(p.ci_high)}};
  };
  for (const auto& b : r.budget)
    budget.push_back(
        {{"town", b.town},
         {"variant", b.variant},
         {"year", b.year},
         {"calendar_year", b.calendar_year > 0 ? json(b.calendar_year) : json(nullptr)},
         {"months", b.months},
         {"payer", b.payer},
         {"discounted", b.discounted},
         {"cost", point(b.cost)},
         {"diff", point(b.diff)},
         {"cum_diff", point(b.cum_diff)},
         {"break_even_year", b.break_even_year > 0 ? json(b.break_even_year) : json(nullptr)}});
  doc["budget"] = budget;
  if (r.info.psa) {
    const UncertaintyResult& u = r.uncertainty;
    json plane = json::array(), ceac = json::array(), evpi = json::array(), tornado = json::array();
    auto nums = [](const std::vector<double>& v) {
      json a = json::array();
      for (double x : v) a.push_back(jnum(x));
      return a;
    };
    for (const auto& p : u.plane)
      plane.push_back({{"town", p.town},
                       {"variant", p.variant},
                       {"d_cost", nums(p.d_cost)},
                       {"d_stabilized", nums(p.d_stabilized)},
                       {"d_months_housed", nums(p.d_months_housed)}});
    for (const auto& c : u.ceac)
      ceac.push_back(
          {{"town", c.town},
           {"variant", c.variant},
           {"outcome", c.outcome},
           {"willingness_to_pay", jnum(c.willingness_to_pay)},
           {"probability_most_cost_effective", jnum(c.probability_most_cost_effective)}});
    for (const auto& e : u.evpi)
      evpi.push_back({{"town", e.town},
                      {"outcome", e.outcome},
                      {"parameter", e.parameter},
                      {"willingness_to_pay", jnum(e.willingness_to_pay)},
                      {"value", jnum(e.value)}});
    for (const auto& t : u.tornado)
      tornado.push_back({{"town", t.town},
                         {"variant", t.variant},
                         {"outcome", t.outcome},
                         {"parameter", t.parameter},
                         {"low", jnum(t.low)},
                         {"high", jnum(t.high)},
                         {"base", jnum(t.base)}});
    doc["uncertainty"] = {{"plane", plane},
                          {"ceac", ceac},
                          {"evpi", evpi},
                          {"tornado", tornado},
                          {"tornado_outcome", u.tornado_outcome},
                          {"evpi_willingness_to_pay", jnum(u.evpi_willingness_to_pay)}};
  }
  return doc;
}

// results.json as doc.dump(1) of the whole document would write it, byte for byte, but
// with the rows of "results" and "by_profile" (most of the file) built and written one at a
// time: the whole tree took about five times the file's size in memory (2.5 MB for
// bench-ladder-1's 0.46 MB file, the command's peak after the simulation).
void write_results_json(OutputFiles& to, const RunResult& r, const json& manifest) {
  const json doc = results_json(r, manifest);
  OutputFiles::File file(to, "results.json");
  // A value's text at nesting level `level` (1: a member of the top object): dump(1) of the
  // value alone, each line after its first indented by `level` more spaces. Formatting
  // newlines are the only raw newlines in a dump (strings escape theirs).
  auto put = [&](const json& value, int level) {
    std::string text;
    try {
      // Keep UTF-8 as is (Czech labels stay readable); strict: invalid UTF-8 is an error.
      text = value.dump(1, ' ', false, json::error_handler_t::strict);
    } catch (const json::exception& e) {
      throw std::runtime_error(
          (to.in_memory() ? std::string("results.json") : (to.dir() / "results.json").string()) +
          ": " + e.what());
    }
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
      out += c;
      if (c == '\n') out.append(static_cast<std::size_t>(level), ' ');
    }
    file.append(out);
  };
  auto rows_of = [&](const std::string& key) -> const std::vector<TownVariantResult>* {
    if (key == "results") return &r.results;
    if (key == "by_profile") return &r.by_profile;
    return nullptr;
  };
  file.append("{");
  bool first = true;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    file.append(first ? "\n " : ",\n ");
    first = false;
    put(json(it.key()), 1);
    file.append(": ");
    const std::vector<TownVariantResult>* rows = rows_of(it.key());
    if (!rows || rows->empty()) {
      put(it.value(), 1);
      continue;
    }
    file.append("[");
    for (std::size_t k = 0; k < rows->size(); ++k) {
      file.append(k ? ",\n  " : "\n  ");
      put(result_row(r, (*rows)[k]), 2);
    }
    file.append("\n ]");
  }
  file.append(first ? "}\n" : "\n}\n");
  file.close();
}

// The rows of all profiles ("*"), then those by profile (only the metrics kept by profile).
void write_outcomes(const RunResult& r, OutputFiles& to, const std::string& name,
                    CsvDialect dialect) {
  CsvFile csv(to, name,
              {"town", "variant", "profile", "cohort", "metric", "mean", "sd", "ci_low", "ci_high",
               "p05", "p50", "p95", "replications", "share_from_parameters"},
              dialect);
  auto rows = [&](const TownVariantResult& tv) {
    for (std::size_t k = 0; k < tv.metrics.size() && k < r.metric_info.size(); ++k) {
      if (tv.profile != "*" && !r.metric_info[k].by_profile) continue;
      const Summary& s = tv.metrics[k];
      csv.field(tv.town).field(tv.variant).field(tv.profile).field(r.metric_info[k].cohort);
      csv.field(r.metric_info[k].name);
      csv.num(s.mean).num(s.sd).num(s.ci_low).num(s.ci_high);
      csv.num(s.p05).num(s.p50).num(s.p95).integer(s.replications);
      csv.num(s.share_from_parameters).end_row();
    }
  };
  for (const auto& tv : r.results) rows(tv);
  for (const auto& tv : r.by_profile) rows(tv);
  csv.close();
}

// "occupancy:hostel" -> "hostel"; the capacity line is named after the stage.
std::string stage_of(const std::string& series_name) {
  auto colon = series_name.find(':');
  return colon == std::string::npos ? series_name : series_name.substr(colon + 1);
}

void write_timeseries(const RunResult& r, OutputFiles& to, const std::string& name,
                      CsvDialect dialect) {
  CsvFile csv(to, name,
              {"town", "variant", "profile", "month", "series", "mean", "ci_low", "ci_high"},
              dialect);
  auto rows = [&](const TownVariantResult& tv) {
    auto key = [&](std::size_t t) -> CsvFile& {
      return csv.field(tv.town)
          .field(tv.variant)
          .field(tv.profile)
          .integer(static_cast<long long>(t));
    };
    for (const auto& s : tv.series) {
      for (std::size_t t = 0; t < s.by_month.size(); ++t) {
        const auto& p = s.by_month[t];
        key(t).field(s.name);
        csv.num(p.mean).num(p.ci_low).num(p.ci_high).end_row();
      }
      const std::string cap = "capacity:" + stage_of(s.name);
      for (std::size_t t = 0; t < s.capacity.size(); ++t) {
        key(t).field(cap);
        csv.num(s.capacity[t]).num(s.capacity[t]).num(s.capacity[t]).end_row();
      }
    }
  };
  for (const auto& tv : r.results) rows(tv);
  for (const auto& tv : r.by_profile) rows(tv);
  csv.close();
}

void write_flows(const RunResult& r, OutputFiles& to, const std::string& name, CsvDialect dialect) {
  CsvFile csv(to, name, {"town", "variant", "from", "to", "kind", "mean_per_replication"}, dialect);
  for (const auto& tv : r.results)
    for (const auto& f : tv.flows) {
      csv.field(tv.town).field(tv.variant).field(f.from).field(f.to).field(f.kind);
      csv.num(f.mean_per_replication).end_row();
    }
  csv.close();
}

// flows_yearly.csv, or with `monthly` flows_monthly.csv: the rows of all profiles ("*"), then
// those of each profile where the run kept them (--by-profile-series, several profiles).
void write_flow_account(const RunResult& r, OutputFiles& to, const std::string& name,
                        CsvDialect dialect, bool monthly) {
  CsvFile csv(to, name,
              {"town", "variant", "profile", "year", monthly ? "month" : "months", "stage", "flow",
               "kind", "from_or_to", "mean_per_replication"},
              dialect);
  auto rows = [&](const TownVariantResult& tv) {
    for (const auto& f : monthly ? tv.flows_monthly : tv.flows_yearly) {
      csv.field(tv.town).field(tv.variant).field(tv.profile).integer(f.year);
      csv.integer(monthly ? f.month : f.months).field(f.stage).field(f.flow).field(f.kind);
      csv.field(f.from_or_to).num(f.mean_per_replication).end_row();
    }
  };
  for (const auto& tv : r.results) rows(tv);
  for (const auto& tv : r.by_profile) rows(tv);
  csv.close();
}

void write_time_to_lease(const RunResult& r, OutputFiles& to, const std::string& name,
                         CsvDialect dialect) {
  CsvFile csv(to, name,
              {"town", "variant", "profile", "month", "cum_incidence", "ci_low", "ci_high"},
              dialect);
  auto rows = [&](const TownVariantResult& tv) {
    for (const auto& p : tv.time_to_lease) {
      csv.field(tv.town).field(tv.variant).field(tv.profile).integer(p.month);
      csv.num(p.cum_incidence).num(p.ci_low).num(p.ci_high).end_row();
    }
  };
  for (const auto& tv : r.results) rows(tv);
  for (const auto& tv : r.by_profile) rows(tv);
  csv.close();
}

void write_comparison(const RunResult& r, OutputFiles& to, const std::string& name,
                      CsvDialect dialect) {
  CsvFile csv(
      to, name,
      {"town", "variant", "baseline", "profile", "cohort", "metric", "diff_mean", "diff_ci_low",
       "diff_ci_high", "share_better", "replications", "note", "share_from_parameters"},
      dialect);
  auto row = [&](const Comparison& c) {
    csv.field(c.town).field(c.variant).field(c.baseline).field(c.profile).field(c.cohort);
    csv.field(c.metric);
    csv.num(c.diff_mean).num(c.diff_ci_low).num(c.diff_ci_high).num(c.share_better);
    csv.integer(c.replications).field(c.note).num(c.share_from_parameters).end_row();
  };
  for (const auto& c : r.comparisons) row(c);
  for (const auto& c : r.profile_comparisons) row(c);
  csv.close();
}

void write_equity(const RunResult& r, OutputFiles& to, const std::string& name,
                  CsvDialect dialect) {
  CsvFile csv(to, name,
              {"town", "variant", "figure", "profile", "best", "worst", "mean", "ci_low", "ci_high",
               "replications"},
              dialect);
  for (const auto& f : r.equity) {
    csv.field(f.town).field(f.variant).field(f.figure).field(f.profile).field(f.best);
    csv.field(f.worst).num(f.mean).num(f.ci_low).num(f.ci_high).integer(f.replications);
    csv.end_row();
  }
  csv.close();
}

// The efficient frontier (docs/model.md, "Incremental analysis"), where a town has three
// options or more.
void write_frontier(const RunResult& r, OutputFiles& to, const std::string& name,
                    CsvDialect dialect) {
  CsvFile csv(to, name, {"town", "outcome", "option", "cost", "effect", "status", "icer"}, dialect);
  for (const auto& f : r.frontier) {
    csv.field(f.town).field(f.outcome).field(f.option).num(f.cost).num(f.effect);
    csv.field(f.status).num(f.icer).end_row();
  }
  csv.close();
}

// budget.csv (docs/model.md, "Budget by year and payer").
void write_budget(const RunResult& r, OutputFiles& to, const std::string& name,
                  CsvDialect dialect) {
  CsvFile csv(
      to, name,
      {"town", "variant", "year", "calendar_year", "months", "payer", "discounted", "cost_mean",
       "cost_ci_low", "cost_ci_high", "diff_mean", "diff_ci_low", "diff_ci_high", "cum_diff_mean",
       "cum_diff_ci_low", "cum_diff_ci_high", "break_even_year"},
      dialect);
  for (const auto& b : r.budget) {
    csv.field(b.town).field(b.variant).integer(b.year);
    if (b.calendar_year > 0)
      csv.integer(b.calendar_year);
    else
      csv.field("");
    csv.integer(b.months).field(b.payer).integer(b.discounted ? 1 : 0);
    csv.num(b.cost.mean).num(b.cost.ci_low).num(b.cost.ci_high);
    csv.num(b.diff.mean).num(b.diff.ci_low).num(b.diff.ci_high);
    csv.num(b.cum_diff.mean).num(b.cum_diff.ci_low).num(b.cum_diff.ci_high);
    if (b.break_even_year > 0)
      csv.integer(b.break_even_year);
    else
      csv.field("");
    csv.end_row();
  }
  csv.close();
}

// PSA files (docs/uncertainty.md), written only by a run that drew parameter sets.
void write_parameters(const RunResult& r, OutputFiles& to, const std::string& name,
                      CsvDialect dialect) {
  CsvFile csv(to, name, {"parameter_set", "variant", "parameter", "value"}, dialect);
  for (std::size_t v = 0; v < r.parameter_values.size(); ++v)
    for (std::size_t k = 0; k < r.parameter_values[v].size(); ++k)
      for (std::size_t i = 0; i < r.info.parameters.size(); ++i) {
        const double x = r.parameter_values[v][k][i];
        if (std::isnan(x)) continue;  // the variant has no such parameter
        csv.integer(static_cast<long long>(k)).field(r.info.variants[v]);
        csv.field(r.info.parameters[i]).num(x).end_row();
      }
  csv.close();
}

void write_ce_plane(const RunResult& r, OutputFiles& to, const std::string& name,
                    CsvDialect dialect) {
  CsvFile csv(to, name,
              {"town", "variant", "parameter_set", "incremental_cost",
               "incremental_cohort_stabilized", "incremental_months_housed"},
              dialect);
  for (const auto& p : r.uncertainty.plane)
    for (std::size_t k = 0; k < p.d_cost.size(); ++k) {
      csv.field(p.town).field(p.variant).integer(static_cast<long long>(k));
      csv.num(p.d_cost[k]).num(p.d_stabilized[k]).num(p.d_months_housed[k]).end_row();
    }
  csv.close();
}

void write_ceac(const RunResult& r, OutputFiles& to, const std::string& name, CsvDialect dialect) {
  CsvFile csv(
      to, name,
      {"town", "variant", "willingness_to_pay", "outcome", "probability_most_cost_effective"},
      dialect);
  for (const auto& c : r.uncertainty.ceac) {
    csv.field(c.town).field(c.variant).num(c.willingness_to_pay).field(c.outcome);
    csv.num(c.probability_most_cost_effective).end_row();
  }
  csv.close();
}

void write_tornado(const RunResult& r, OutputFiles& to, const std::string& name,
                   CsvDialect dialect) {
  CsvFile csv(to, name, {"town", "variant", "outcome", "parameter", "low", "high", "base"},
              dialect);
  for (const auto& t : r.uncertainty.tornado) {
    csv.field(t.town).field(t.variant).field(t.outcome).field(t.parameter);
    csv.num(t.low).num(t.high).num(t.base).end_row();
  }
  csv.close();
}

void write_evpi(const RunResult& r, OutputFiles& to, const std::string& name, CsvDialect dialect) {
  CsvFile csv(to, name, {"town", "willingness_to_pay", "outcome", "parameter", "value"}, dialect);
  for (const auto& e : r.uncertainty.evpi) {
    csv.field(e.town).num(e.willingness_to_pay).field(e.outcome).field(e.parameter);
    csv.num(e.value).end_row();
  }
  csv.close();
}

}  // namespace

void write_run_outputs(const RunResult& r, const fs::path& dir, CsvDialect dialect,
                       const std::atomic<bool>* cancel) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw std::runtime_error(dir.string() + ": output directory does not exist");
  OutputFiles to(dir);
  write_run_outputs(r, to, dialect, cancel);
}

void write_run_outputs(const RunResult& r, OutputFiles& to, CsvDialect dialect,
                       const std::atomic<bool>* cancel) {
  // Between files: a large run writes for seconds, and Ctrl-C should not wait for all.
  auto check = [cancel] {
    if (cancel && *cancel) throw RunCancelled();
  };
  const json manifest(manifest_document(r.info));  // keys sorted, as every file here
  write_json(to, "manifest.json", manifest);
  check();
  write_outcomes(r, to, "outcomes.csv", dialect);
  check();
  write_timeseries(r, to, "timeseries.csv", dialect);
  check();
  write_flows(r, to, "flows.csv", dialect);
  write_flow_account(r, to, "flows_yearly.csv", dialect, false);
  write_flow_account(r, to, "flows_monthly.csv", dialect, true);
  write_time_to_lease(r, to, "time_to_lease.csv", dialect);
  write_comparison(r, to, "comparison.csv", dialect);
  write_equity(r, to, "equity.csv", dialect);
  if (!r.frontier.empty()) write_frontier(r, to, "frontier.csv", dialect);
  write_budget(r, to, "budget.csv", dialect);
  check();
  if (r.info.psa) {
    write_parameters(r, to, "parameters.csv", dialect);
    write_ce_plane(r, to, "ce_plane.csv", dialect);
    write_ceac(r, to, "ceac.csv", dialect);
    write_tornado(r, to, "tornado.csv", dialect);
    write_evpi(r, to, "evpi.csv", dialect);
    check();
  }
  write_results_json(to, r, manifest);
}

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// write_report: charts/*.svg and one self-contained report.html, drawn only from the files
// in an output directory.
#include "report.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "answer.hpp"
#include "ladder_svg.hpp"
#include "prostup/number_text.hpp"
#include "prostup/runner.hpp"
#include "prostup/writers.hpp"
#include "strings.hpp"
#include "svg.hpp"

namespace prostup {

namespace {

namespace fs = std::filesystem;
using report::Chart;
using report::Input;
using svg::escape;
using text::tr;

void write_text(const fs::path& path, const std::string& text) {
  errno = 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << text;
  if (out) out.flush();
  const int err = errno;
  if (out) out.close();
  if (!out) {
    std::string msg = path.string() + ": cannot write";
    if (err != 0) msg += std::string(" (") + std::strerror(err) + ")";
    throw std::runtime_error(msg);
  }
}

// The SVG as an HTML element: the XML declaration is not allowed inside HTML.
std::string inline_svg(const std::string& svg) {
  if (svg.rfind("<?xml", 0) == 0) return svg.substr(svg.find('\n') + 1);
  return svg;
}

const char* kCss = R"css(
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --band: #f4f4f4; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: var(--ink);
       max-width: 960px; margin: 0 auto; padding: 24px; line-height: 1.45; font-size: 15px;
       /* Lines wrap at spaces (and hyphens), never inside a word. */
       word-break: normal; overflow-wrap: normal; hyphens: manual; }
@media (max-width: 600px) { body { padding: 10px; font-size: 14px; } }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 40px 0 8px; padding-top: 8px; border-top: 3px solid var(--ink); }
h3 { font-size: 17px; margin: 28px 0 6px; }
p.lead { font-size: 16px; color: var(--muted); margin-top: 4px; }
table { border-collapse: collapse; margin: 8px 0 20px; font-size: 13px; width: 100%; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left;
         vertical-align: top; }
th { background: var(--band); }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.headline td:first-child { font-weight: bold; }
span.ci { display: block; color: var(--muted); font-size: 11px; }
table.manifest th { width: 30%; font-weight: normal; color: var(--muted); background: none; }
table.manifest td { word-break: normal; }
.scroll { overflow-x: auto; max-width: 100%; }
details { margin: 8px 0 16px; }
details > summary { cursor: pointer; color: var(--muted); }
section.summary { border: 2px solid var(--ink); padding: 4px 14px 8px; margin-top: 12px; }
section.summary h2 { border-top: none; margin-top: 8px; }
section.summary h3 { margin: 14px 0 2px; }
section.summary p { margin: 4px 0; }
table.answer { font-size: 13px; margin: 4px 0 8px; }
table.answer ul { list-style: none; margin: 0; padding: 0; }
table.answer td:first-child { width: 28%; }
table.answer td:last-child { width: 30%; }
p.key, p.base { font-size: 13px; color: var(--muted); }
figure { margin: 16px 0 28px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; max-width: 820px; }
nav ul { columns: 2; padding-left: 20px; }
.better { color: #006e50; } .worse { color: #a33f00; } .unclear { color: var(--muted); }
footer { margin-top: 48px; font-size: 12px; color: var(--muted); }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  section.town, section.sweep, section.plan { break-before: page; page-break-before: always; }
  h2 { border-top: none; margin-top: 0; }
  figure, table.manifest, tr { break-inside: avoid; page-break-inside: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
}
)css";

const char* verdict_class(answer::Verdict v) {
  switch (v) {
    case answer::Verdict::better:
      return "better";
    case answer::Verdict::worse:
      return "worse";
    default:
      return "unclear";
  }
}

std::string figure(const Chart& c, Language lang) {
  return "<figure id=\"" + escape(c.file) + "\">\n" + inline_svg(c.svg) + "<figcaption><strong>" +
         escape(tr(lang, "figure.how_to_read")) + "</strong> " + escape(c.how_to_read) +
         "</figcaption>\n</figure>\n";
}

std::string row2(const std::string& k, const std::string& v) {
  return "<tr><th>" + escape(k) + "</th><td>" + escape(v) + "</td></tr>\n";
}

std::string manifest_table(const Input& in, Language lang) {
  const RunInfo& i = in.run.info;
  auto t = [lang](const char* key) { return tr(lang, key); };
  std::string h = "<table class=\"manifest\">\n";
  h += row2(
      t("report.scenario"),
      i.scenario_name + (i.scenario_title.empty() ? "" : " — " + text::in(i.scenario_title, lang)));
  h += row2(t("run.scenario_file"), i.scenario_path);
  // The digest in full is in manifest.json; 16 hex digits identify the file here and fit a
  // phone's width without breaking inside the word.
  h += row2(t("run.sha"), i.scenario_sha256.substr(0, 16));
  h += row2(t("run.program"), "prostup " + i.program_version);
  h += row2(t("run.seed"), std::to_string(i.seed));
  h += row2(t("run.replications"), std::to_string(i.replications));
  h += row2(t("run.months"), std::to_string(i.months));
  h += row2(t("run.threads"), std::to_string(i.threads));
  // Prices (docs/model.md, "Prices and discounting"): only where the scenario states them.
  if (i.price_year > 0)
    h += row2(t("run.prices"), tr(lang, "run.prices.value", {std::to_string(i.price_year)}));
  if (i.discount_rate > 0)
    h += row2(t("run.discount_rate"), report::format_value(i.discount_rate, "share", false, lang) +
                                          " " + t("run.discount_rate.per_year"));
  std::string variants;
  for (std::size_t k = 0; k < i.variants.size(); ++k) {
    if (k) variants += "; ";
    variants += report::variant_label(in.run, i.variants[k], lang);
    // The baseline's words are the catalogue's (results.json keeps the English ones).
    if (i.variants[k] == "baseline")
      variants += " (" + t("run.baseline_description") + ")";
    else if (k < i.variant_descriptions.size() && !i.variant_descriptions[k].empty())
      variants += " (" + text::in(i.variant_descriptions[k], lang) + ")";
  }
  h += row2(t("run.variants"), variants);
  std::string towns;
  for (std::size_t k = 0; k < i.towns.size(); ++k)
    towns += (k ? ", " : "") + report::town_label(in.run, i.towns[k], lang);
  h += row2(t("run.towns"), towns);
  std::string stages;
  for (std::size_t k = 0; k < i.stages.size(); ++k)
    stages += (k ? " → " : "") + text::in(i.stages[k].label, lang, i.stages[k].id);
  h += row2(t("run.ladder"), stages);
  std::string services;
  for (std::size_t k = 0; k < i.services.size(); ++k)
    services += (k ? ", " : "") + (k < i.service_labels.size()
                                       ? text::in(i.service_labels[k], lang, i.services[k])
                                       : i.services[k]);
  if (!services.empty()) h += row2(t("run.services"), services);
  h += row2(t("run.household_months"),
            svg::group_thousands(static_cast<double>(i.household_months), 0));
  if (std::isfinite(i.simulate_seconds))
    h += row2(t("run.simulate_time"), text::decimal(lang, svg::human(i.simulate_seconds)) + " s");
  if (std::isfinite(i.wall_seconds))
    h += row2(t("run.wall_time"), text::decimal(lang, svg::human(i.wall_seconds)) + " s");
  h += row2(t("run.started"), i.started_at);
  h += "</table>\n";
  return h;
}

std::string value_cell(const Summary& s, const std::string& unit, Language lang) {
  std::string h = "<td class=\"num\">" + escape(report::format_value(s.mean, unit, true, lang));
  if (std::isfinite(s.ci_low) && std::isfinite(s.ci_high))
    h += "<span class=\"ci\">" + escape(report::format_value(s.ci_low, unit, false, lang)) + " – " +
         escape(report::format_value(s.ci_high, unit, false, lang)) + "</span>";
  return h + "</td>";
}

std::string outcomes_table(const RunResult& r, const std::string& town,
                           const std::vector<std::string>& shown, Language lang) {
  std::vector<const TownVariantResult*> rows;
  for (const auto& v : shown)
    for (const auto& tv : r.results)
      if (tv.town == town && tv.variant == v) rows.push_back(&tv);
  std::string h = "<div class=\"scroll\"><table class=\"outcomes\">\n<thead><tr><th>" +
                  escape(tr(lang, "table.outcome")) + "</th>";
  for (const auto* tv : rows)
    h += "<th title=\"" + escape(tr(lang, "summary.variant_id", {tv->variant})) + "\">" +
         escape(report::variant_label(r, tv->variant, lang)) + "</th>";
  h += "</tr></thead>\n<tbody>\n";
  // Headline outcomes first, then the rest in catalogue order.
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t k = 0; k < r.metric_info.size(); ++k) {
      const MetricInfo& m = r.metric_info[k];
      if (m.headline != (pass == 0)) continue;
      h += std::string("<tr") + (m.headline ? " class=\"headline\"" : "") + "><td>" +
           escape(report::metric_label(r, m.name, lang)) + "</td>";
      for (const auto* tv : rows)
        h += k < tv->metrics.size() ? value_cell(tv->metrics[k], m.unit, lang) : "<td></td>";
      h += "</tr>\n";
    }
  return h + "</tbody>\n</table></div>\n";
}

std::string signed_value(double v, const std::string& unit, Language lang, bool with_unit = true) {
  if (!std::isfinite(v)) return "—";
  std::string s = unit == "share" ? text::decimal(lang, svg::group_thousands(v * 100, 1)) +
                                        (with_unit ? " " + tr(lang, "unit.pp") : "")
                                  : report::format_value(v, unit, with_unit, lang);
  if (v > 0) s = "+" + s;
  return s;
}

std::string comparison_table(const RunResult& r, const std::string& town,
                             const std::vector<std::string>& shown, Language lang) {
  std::string h = "<div class=\"scroll\"><table class=\"comparison\">\n<thead><tr>";
  for (const char* key : {"table.outcome", "summary.variant", "table.difference", "table.ci",
                          "table.better_in", "table.reading"})
    h += "<th>" + escape(tr(lang, key)) + "</th>";
  h += "</tr></thead>\n<tbody>\n";
  bool any = false;
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& m : r.metric_info) {
      if (m.headline != (pass == 0)) continue;
      for (const auto& c : r.comparisons) {
        if (c.town != town || c.metric != m.name) continue;
        if (std::find(shown.begin(), shown.end(), c.variant) == shown.end()) continue;
        any = true;
        const answer::Verdict v = answer::verdict(m, c.diff_ci_low, c.diff_ci_high);
        h +=
            std::string("<tr") + (m.headline ? " class=\"headline\"" : "") + "><td>" +
            escape(report::metric_label(r, m.name, lang)) + "</td>" + "<td title=\"" +
            escape(tr(lang, "summary.variant_id", {c.variant})) + "\">" +
            escape(report::variant_label(r, c.variant, lang)) + "</td><td class=\"num\">" +
            escape(signed_value(c.diff_mean, m.unit, lang)) + "</td><td class=\"num\">" +
            escape(tr(lang, "range",
                      {signed_value(c.diff_ci_low, m.unit, lang, false),
                       signed_value(c.diff_ci_high, m.unit, lang)})) +
            "</td><td class=\"num\">" +
            (std::isfinite(c.share_better) && m.better != Better::none
                 ? escape(text::decimal(lang, svg::group_thousands(c.share_better * 100, 0))) + " %"
                 : "—") +
            "</td><td class=\"" + verdict_class(v) + "\">" +
            escape(answer::verdict_words(v, lang)) + "</td></tr>\n";
      }
    }
  if (!any) return "<p>" + escape(tr(lang, "table.no_variants")) + "</p>\n";
  return h + "</tbody>\n</table></div>\n";
}

// PSA: how sure the answer is, in words (the summary and each town's uncertainty section).
std::string how_sure_text(const RunResult& r, const std::string& town, Language lang) {
  std::string h;
  for (const auto& c : r.comparisons) {
    if (c.town != town || c.cohort != "all" || c.metric != "cohort_stabilized") continue;
    if (!std::isfinite(c.share_better) || !answer::changes_town(r, town, c.variant)) continue;
    h += escape(tr(lang, "psa.more_stabilised",
                   {report::variant_label(r, c.variant, lang),
                    report::format_value(c.share_better, "share", true, lang)})) +
         " ";
  }
  // The EVPI where it peaks over the willingness-to-pay axis: what removing all input
  // uncertainty could be worth at most.
  const EvpiRow* peak = nullptr;
  for (const auto& e : r.uncertainty.evpi)
    if (e.town == town && e.parameter == "*" && e.outcome == "cohort_stabilized" &&
        (!peak || e.value > peak->value))
      peak = &e;
  if (peak)
    h += escape(tr(lang, "psa.evpi",
                   {report::format_value(peak->value, "CZK", true, lang),
                    report::format_value(peak->willingness_to_pay, "CZK", true, lang)}));
  return h;
}

std::string uncertainty_intro(const RunResult& r, const std::string& town, Language lang) {
  return "<h3>" + escape(tr(lang, "psa.heading")) + "</h3>\n<p>" +
         escape(tr(lang, "psa.drawn", {std::to_string(r.info.parameter_sets)})) + " " +
         how_sure_text(r, town, lang) + "</p>\n";
}

// The answer first (id="summary"): per town, each variant that changes something there,
// what it changes with the 95 % interval and a marker, what it costs, and the binding
// constraint in words. Built from answer::answers(), the same data as the terminal summary.
// `arms`: the run with every cohort (Input::arms), for the trial arms' lines; null when the run
// has no tagged cohorts.
std::string summary_section(const RunResult& r, const RunResult* arms, Language lang) {
  using namespace answer;
  const std::vector<TownAnswer> towns = answers(r, lang);
  std::string h = "<section id=\"summary\" class=\"summary\">\n<h2>" +
                  escape(tr(lang, "summary.heading")) + "</h2>\n";
  if (r.info.variants.size() > 1)
    h += "<p class=\"key\">" +
         escape(r.info.psa ? tr(lang, "summary.key_psa", {std::to_string(r.info.parameter_sets)})
                           : tr(lang, "summary.key")) +
         " <span class=\"better\">▲ " + escape(verdict_words(Verdict::better, lang)) +
         "</span>, <span class=\"worse\">▼ " + escape(verdict_words(Verdict::worse, lang)) +
         "</span>, <span class=\"unclear\">= " +
         escape(verdict_words(Verdict::no_difference, lang)) + "</span> " +
         escape(tr(lang, "summary.key_zero")) + ".</p>\n";
  std::string left_out;
  for (const std::string& v : r.info.variants) {
    const std::string label = variant_label(r.info, v, lang);
    std::string where;
    for (const auto& ta : towns)
      if (ta.town != "*")
        for (const auto& u : ta.untouched)
          if (u == label) where += (where.empty() ? "" : ", ") + ta.label;
    if (!where.empty())
      left_out += (left_out.empty() ? "" : "; ") + escape(label) + " (" + escape(where) + ")";
  }
  if (!left_out.empty())
    h += "<p class=\"key\">" + escape(tr(lang, "summary.left_out")) + " " + left_out + ".</p>\n";
  for (const auto& ta : towns) {
    h += "<div class=\"town-answer\">\n<h3><a href=\"#town-" + escape(report::file_id(ta.town)) +
         "\">" + escape(ta.label) + "</a></h3>\n";
    std::string base;
    for (const auto& b : ta.baseline)
      if (b.metric->name == answer::kLeadMetric || b.metric->name == "cost_total")
        base += (base.empty() ? "" : ", ") + metric_words(b.metric->name, lang) + " " +
                level_text(b.diff, *b.metric, lang);
    const std::string moves = answer::baseline_moves_text(ta, r.info.months, lang);
    if (!moves.empty()) base += (base.empty() ? "" : "; ") + moves;
    // When the street reaches functional zero, as the terminal says it (issue 29).
    if (auto fz = answer::functional_zero_text(r, ta.town, "baseline", lang); !fz.empty())
      base += (base.empty() ? "" : "; ") + fz;
    if (!base.empty())
      h += "<p class=\"base\">" + escape(tr(lang, "summary.baseline", {base})) + "</p>\n";
    if (!ta.variants.empty()) {
      h += "<table class=\"answer\"><thead><tr><th>" + escape(tr(lang, "summary.variant")) +
           "</th><th>" + escape(tr(lang, "summary.changes")) + "</th><th>" +
           escape(tr(lang, "summary.cost")) + "</th></tr></thead><tbody>\n";
      for (const auto& va : ta.variants) {
        h += "<tr><td title=\"" + escape(tr(lang, "summary.variant_id", {va.id})) + "\">" +
             escape(va.label) + "</td><td>";
        // The trial arms first, as in the terminal answer (answer::cohort_lines).
        const std::vector<std::string> lines =
            arms ? cohort_lines(*arms, ta.town, va.id, lang) : std::vector<std::string>{};
        if (!lines.empty()) {
          h += "<ul class=\"arms\" title=\"comparison.csv: cohort_stabilized by cohort\">";
          for (const std::string& a : lines) h += "<li>" + escape(a) + "</li>";
          h += "</ul><p class=\"arms-all\">" + escape(tr(lang, "summary.all_households")) + "</p>";
        }
        h += "<ul>";
        int same = 0;
        for (const auto& c : va.outcomes) {
          if (c.verdict == Verdict::no_difference || c.verdict == Verdict::undefined) {
            same += c.verdict == Verdict::no_difference;
            continue;
          }
          h += std::string("<li class=\"") + verdict_class(c.verdict) + "\">" +
               verdict_mark(c.verdict) + " " + escape(metric_words(c.metric->name, lang)) + " " +
               escape(change_text(c, lang)) + "</li>";
        }
        if (same > 0)
          h += "<li class=\"unclear\">= " +
               escape(
                   tr(lang, "summary.no_clear_in", {text::plural(lang, "other_outcomes", same)})) +
               "</li>";
        h += "</ul>";
        if (auto fz = answer::functional_zero_text(r, ta.town, va.id, lang); !fz.empty())
          h += "<p class=\"fz\" title=\"outcomes.csv: functional_zero_month, "
               "functional_zero_reached\">" +
               escape(fz) + "</p>";
        if (!va.by_profile.empty())
          h += "<p class=\"by-profile\" title=\"comparison.csv: reached_lease_share by "
               "profile\">" +
               escape(tr(lang, "summary.by_profile", {va.by_profile})) + "</p>";
        h += "</td><td><ul>";
        for (const auto& c : va.costs)
          h += std::string("<li class=\"") + verdict_class(c.verdict) + "\">" +
               escape(metric_words(c.metric->name, lang)) + " " + escape(change_text(c, lang)) +
               "</li>";
        if (!va.value_for_money.empty())
          h += "<li class=\"vfm\" title=\"comparison.csv: icer:cohort_stabilized\">" +
               escape(va.value_for_money) + "</li>";
        h += "</ul></td></tr>\n";
      }
      h += "</tbody></table>\n";
    } else if (r.info.variants.size() > 1) {
      h += "<p>" + escape(tr(lang, "summary.none_here")) + "</p>\n";
    }
    if (r.info.psa && !ta.variants.empty())
      h += "<p class=\"how-sure\"><strong>" + escape(tr(lang, "psa.how_sure")) + "</strong> " +
           how_sure_text(r, ta.town, lang) + "</p>\n";
    if (!ta.binding.empty()) {
      const Binding& b = ta.binding.front();
      const std::string demand = number_text::fixed(b.demand, 0),
                        capacity = number_text::fixed(b.capacity, 0);
      const std::string words =
          b.demand > 0 ? tr(lang, "summary.binding_words",
                            {binding_what(b, lang), demand, capacity, std::to_string(b.from_month)})
                       : b.line;
      const std::string value = binding_value(b, r.info.months, lang);
      h += "<p class=\"binding\"><strong>" + escape(tr(lang, "summary.binding")) + "</strong> " +
           escape(value.empty() ? words : words + "; " + value) +
           (ta.binding.size() > 1 ? " " + escape(tr(lang, "summary.binding_more",
                                                    {std::to_string(ta.binding.size() - 1)}))
                                  : std::string()) +
           ".</p>\n";
    }
    h += "</div>\n";
  }
  return h + "</section>\n";
}

// What the headline outcomes count (the full table is docs/model.md's).
std::string definitions_table(Language lang, int price_year) {
  // "CZK", or "CZK, 2016 prices" where the scenario states its price year.
  const std::string money_unit = price_year > 0
                                     ? tr(lang, "run.prices.value", {std::to_string(price_year)})
                                     : text::unit(lang, "CZK");
  static const char* const rows[] = {"def.housed_end", "def.months_housed", "def.retention",
                                     "def.lease",      "def.stabilised",    "def.cost"};
  std::string h = "<h3>" + escape(tr(lang, "def.heading")) +
                  "</h3>\n<div class=\"scroll\"><table class=\"definitions\">\n<thead><tr>";
  for (const char* key : {"table.outcome", "def.counts", "def.out_of", "def.unit"})
    h += "<th>" + escape(tr(lang, key)) + "</th>";
  h += "</tr></thead>\n<tbody>\n";
  for (const char* row : rows) {
    const std::string key = row;
    const bool cost = key == "def.cost";
    h += "<tr><td>" + escape(tr(lang, key)) + "</td><td>" + escape(tr(lang, key + ".counts")) +
         "</td><td>" + (cost ? std::string("-") : escape(tr(lang, key + ".of"))) + "</td><td>" +
         escape(cost ? money_unit : tr(lang, "def.share")) + "</td></tr>\n";
  }
  return h + "</tbody>\n</table></div>\n";
}

// Incremental cost and cost-effectiveness against the baseline (cohort "all"), with the
// quadrant stated where no ratio is meaningful (docs/model.md, "Incremental analysis").
std::string value_for_money_table(const RunResult& r, const std::string& town, Language lang) {
  static const std::pair<const char*, const char*> rows[] = {
      {"incremental_cost", "vfm.extra_cost"},
      {"icer:cohort_stabilized", "vfm.icer_stabilized"},
      {"icer:months_housed", "vfm.icer_months"}};
  std::string h;
  for (const auto& c : r.comparisons) {
    if (c.town != town || c.cohort != "all") continue;  // tagged cohorts: comparison.csv
    for (const auto& [id, label] : rows) {
      if (c.metric != id) continue;
      const bool value = std::isfinite(c.diff_mean);
      const std::string note_key = "note." + c.note, note = tr(lang, note_key);
      h += "<tr><td>" + escape(tr(lang, label)) + "</td><td>" +
           escape(report::variant_label(r, c.variant, lang)) + "</td><td class=\"num\">" +
           (value ? escape(report::format_value(c.diff_mean, "CZK", true, lang))
                  : std::string("—")) +
           "</td><td class=\"num\">" +
           (std::isfinite(c.diff_ci_low)
                ? escape(tr(lang, "range",
                            {report::format_value(c.diff_ci_low, "CZK", false, lang),
                             report::format_value(c.diff_ci_high, "CZK", true, lang)}))
                : std::string("—")) +
           "</td><td>" + escape(note == note_key ? c.note : note) + "</td></tr>\n";
    }
  }
  if (h.empty()) return "";
  std::string head = "<h3>" + escape(tr(lang, "vfm.heading")) + "</h3>\n<p class=\"note\">" +
                     escape(tr(lang, "vfm.note")) +
                     "</p>\n<div class=\"scroll\"><table class=\"comparison\">\n<thead><tr>";
  for (const char* key :
       {"vfm.figure", "summary.variant", "vfm.value", "vfm.interval", "table.reading"})
    head += "<th>" + escape(tr(lang, key)) + "</th>";
  return head + "</tr></thead>\n<tbody>\n" + h + "</tbody>\n</table></div>\n";
}

}  // namespace

void write_report(const fs::path& dir) {
  write_report(dir, dir);
}

void write_report(const fs::path& dir, const fs::path& out_dir, const std::atomic<bool>* cancel,
                  Language lang) {
  auto check = [cancel] {
    if (cancel && *cancel) throw RunCancelled();
  };
  Input in = report::read_input(dir, cancel);
  // The binding constraints' lines name stages and services in the run's language.
  report::relabel(in.run.info, lang);
  if (in.arms) report::relabel(in.arms->info, lang);
  check();
  const RunResult& r = in.run;
  const fs::path charts_dir = out_dir / "charts";
  std::error_code ec;
  fs::create_directories(charts_dir, ec);
  if (ec) throw std::runtime_error(charts_dir.string() + ": cannot create (" + ec.message() + ")");

  auto emit = [&](const Chart& c) {
    check();
    write_text(charts_dir / c.file, c.svg);
    return figure(c, lang);
  };
  auto t = [lang](const char* key) { return escape(tr(lang, key)); };

  const std::string title = !r.info.scenario_title.empty()  ? text::in(r.info.scenario_title, lang)
                            : !r.info.scenario_name.empty() ? r.info.scenario_name
                                                            : std::string("prostup");
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"" << text::language_code(lang)
       << "\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>" << escape(tr(lang, "report.title", {title})) << "</title>\n<style>" << kCss
       << "</style>\n</head>\n<body>\n<header>\n<h1>" << escape(title) << "</h1>\n";
  if (!r.info.scenario_name.empty() && r.info.scenario_name != title)
    html << "<p class=\"lead\">" << t("report.scenario") << " <code>"
         << escape(r.info.scenario_name) << "</code></p>\n";
  if (!r.info.scenario_description.empty())
    html << "<p>" << escape(text::in(r.info.scenario_description, lang)) << "</p>\n";
  html << "</header>\n";

  std::vector<std::string> towns = r.info.towns;
  if (in.has_run && r.info.towns.size() > 1)
    for (const auto& tv : r.results)
      if (tv.town == "*") {
        towns.push_back("*");
        break;
      }

  // The answer first; the run's record goes to the end.
  if (in.has_run) html << summary_section(r, in.arms ? &*in.arms : nullptr, lang);
  // The ladder near the top (docs/report.md, "The ladder"): the baseline's flows per year.
  if (in.has_run && !r.info.towns.empty()) {
    const ladder::Drawing d = ladder::from_run(
        r, r.info.towns.size() > 1 ? std::string("*") : r.info.towns.front(), "baseline", lang);
    if (!d.arrows.empty())
      html << emit(Chart{"ladder.svg", d.title, ladder::svg(d, "c-ladder-svg"),
                         tr(lang, "ladder.how_to_read")});
  }
  const std::vector<answer::TownAnswer> answers =
      in.has_run ? answer::answers(r, lang) : std::vector<answer::TownAnswer>{};
  // The variants shown in a town: the baseline and those that change something there.
  auto shown_in = [&](const std::string& town) {
    std::vector<std::string> shown{"baseline"};
    for (const auto& ta : answers)
      if (ta.town == town)
        for (const auto& va : ta.variants) shown.push_back(va.id);
    return shown;
  };

  html << "<nav>\n<h2>" << t("nav.contents") << "</h2>\n<ul>\n";
  if (in.has_run) {
    html << "<li><a href=\"#summary\">" << t("summary.heading") << "</a></li>\n";
    for (const auto& town : towns)
      html << "<li><a href=\"#town-" << escape(report::file_id(town)) << "\">"
           << escape(report::town_label(r, town, lang)) << "</a></li>\n";
  }
  if (!in.sweep.empty()) html << "<li><a href=\"#sweep\">" << t("nav.sweep") << "</a></li>\n";
  if (in.plan) html << "<li><a href=\"#plan\">" << t("nav.plan") << "</a></li>\n";
  html << "<li><a href=\"#run\">" << t("nav.run") << "</a></li>\n</ul>\n</nav>\n";

  if (in.has_run) {
    for (const auto& town : towns) {
      const std::vector<std::string> shown = shown_in(town);
      html << "<section class=\"town\" id=\"town-" << escape(report::file_id(town)) << "\">\n<h2>"
           << escape(report::town_label(r, town, lang)) << "</h2>\n";
      for (const auto& ta : answers)
        if (ta.town == town && !ta.binding.empty()) {
          html << "<h3>" << t("town.binding_head") << "</h3>\n<p class=\"note\">"
               << t("town.binding_note") << "</p>\n<ul>\n";
          for (const auto& b : ta.binding) {
            const std::string v = answer::binding_value(b, r.info.months, lang);
            html << "<li>" << escape(answer::binding_line(b, lang) + (v.empty() ? "" : "; " + v))
                 << "</li>\n";
          }
          html << "</ul>\n";
        }
      html << value_for_money_table(r, town, lang);
      if (auto c = report::forest_chart(r, town, lang)) html << emit(*c);
      if (auto c = report::cost_chart(r, town, lang)) html << emit(*c);
      if (r.info.psa) html << uncertainty_intro(r, town, lang);
      if (auto c = report::ce_plane_chart(r, town, lang)) html << emit(*c);
      if (auto c = report::ceac_chart(r, town, lang)) html << emit(*c);
      for (const auto& v : shown)
        if (v != "baseline")
          if (auto c = report::tornado_chart(r, town, v, lang)) html << emit(*c);
      html << "<h3>" << t("town.reaching_lease") << "</h3>\n"
           << emit(report::time_to_lease_chart(r, town, lang));
      if (auto c = report::profile_lease_chart(r, town, lang)) html << emit(*c);
      html << "<details><summary>" << t("town.all_outcomes") << "</summary>\n"
           << outcomes_table(r, town, shown, lang) << "</details>\n";
      html << "<details><summary>" << t("town.comparison") << "</summary>\n"
           << comparison_table(r, town, shown, lang) << "</details>\n";
      html << report::budget_section(r, town, shown, lang);
      html << report::flows_year_section(r, town, shown, lang);
      for (const auto& v : shown)
        for (const auto& tv : r.results) {
          if (tv.town != town || tv.variant != v) continue;
          html << "<h3>"
               << escape(tr(lang, "town.variant_charts", {report::variant_label(r, v, lang)}))
               << "</h3>\n";
          html << emit(report::occupancy_chart(r, tv, lang));
          html << emit(report::waiting_chart(r, tv, lang));
          html << emit(report::flow_chart(r, tv, lang));
          if (!tv.flows_yearly.empty()) html << emit(report::flows_yearly_chart(r, tv, lang));
        }
      html << "</section>\n";
    }
  }
  if (!in.sweep.empty()) {
    html << "<section class=\"sweep\" id=\"sweep\">\n<h2>" << t("nav.sweep") << "</h2>\n";
    for (const auto& c : report::sweep_charts(in, lang, cancel)) html << emit(c);
    html << "</section>\n";
  }
  if (in.plan) {
    const auto& p = *in.plan;
    html << "<section class=\"plan\" id=\"plan\">\n<h2>" << t("nav.plan") << "</h2>\n<p>";
    const std::string unit = [&] {
      const MetricInfo* mi = report::metric_info(r, p.metric);
      return mi ? mi->unit : std::string();
    }();
    html << t("plan.target") << " " << escape(report::metric_label(r, p.metric, lang)) << " "
         << escape(p.op) << " " << escape(report::format_value(p.target, unit, true, lang));
    if (!p.town.empty())
      html << " " << escape(tr(lang, "plan.in", {report::town_label(r, p.town, lang)}));
    if (!p.variant.empty())
      html << " (" << escape(report::variant_label(r, p.variant, lang)) << ")";
    html << ". " << t("plan.answer") << " <strong>"
         << (std::isfinite(p.answer) ? escape(text::decimal(lang, svg::human(p.answer)))
                                     : t("plan.none"))
         << "</strong>.</p>\n";
    html << emit(report::plan_chart(in, p, lang)) << "</section>\n";
  }
  html << "<section id=\"run\" class=\"run\">\n<h2>" << t("nav.run") << "</h2>\n"
       << manifest_table(in, lang) << "<p>"
       << (r.info.psa ? escape(tr(lang, "run.means_psa",
                                  {std::to_string(r.info.parameter_sets),
                                   std::to_string(r.info.inner_replications)}))
                      : t("run.means"))
       << "</p>\n"
       << definitions_table(lang, r.info.price_year) << "</section>\n";

  const std::string files = std::string("results.json, manifest.json") +
                            (in.sweep.empty() ? "" : ", sweep.csv") +
                            (in.plan ? ", plan.json" : "");
  html << "<footer>" << escape(tr(lang, "footer", {r.info.program_version, files}))
       << "</footer>\n</body>\n</html>\n";
  write_text(out_dir / "report.html", html.str());
}

}  // namespace prostup

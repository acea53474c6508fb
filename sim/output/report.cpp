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
#include "prostup/runner.hpp"
#include "prostup/writers.hpp"
#include "svg.hpp"

namespace prostup {

namespace {

namespace fs = std::filesystem;
using report::Chart;
using report::Input;
using svg::escape;

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

std::string figure(const Chart& c) {
  return "<figure id=\"" + escape(c.file) + "\">\n" + inline_svg(c.svg) +
         "<figcaption><strong>How to read this:</strong> " + escape(c.how_to_read) +
         "</figcaption>\n</figure>\n";
}

std::string row2(const std::string& k, const std::string& v) {
  return "<tr><th>" + escape(k) + "</th><td>" + escape(v) + "</td></tr>\n";
}

std::string manifest_table(const Input& in) {
  const RunInfo& i = in.run.info;
  std::string h = "<table class=\"manifest\">\n";
  h += row2("Scenario",
            i.scenario_name + (i.scenario_title.empty() ? "" : " — " + i.scenario_title));
  h += row2("Scenario file", i.scenario_path);
  // The digest in full is in manifest.json; 16 hex digits identify the file here and fit a
  // phone's width without breaking inside the word.
  h += row2("Scenario SHA-256 (first 16 digits)", i.scenario_sha256.substr(0, 16));
  h += row2("Program", "prostup " + i.program_version);
  h += row2("Seed", std::to_string(i.seed));
  h += row2("Replications", std::to_string(i.replications));
  h += row2("Months simulated", std::to_string(i.months));
  h += row2("Threads", std::to_string(i.threads));
  std::string variants;
  for (std::size_t k = 0; k < i.variants.size(); ++k) {
    if (k) variants += "; ";
    variants += report::variant_label(in.run, i.variants[k]);
    if (k < i.variant_descriptions.size() && !i.variant_descriptions[k].empty())
      variants += " (" + i.variant_descriptions[k] + ")";
  }
  h += row2("Variants", variants);
  std::string towns;
  for (std::size_t k = 0; k < i.towns.size(); ++k)
    towns += (k ? ", " : "") + report::town_label(in.run, i.towns[k]);
  h += row2("Towns", towns);
  std::string stages;
  for (std::size_t k = 0; k < i.stages.size(); ++k)
    stages += (k ? " → " : "") + (i.stages[k].label.empty() ? i.stages[k].id : i.stages[k].label);
  h += row2("Ladder (bottom to top)", stages);
  std::string services;
  for (std::size_t k = 0; k < i.services.size(); ++k)
    services += (k ? ", " : "") + (k < i.service_labels.size() && !i.service_labels[k].empty()
                                       ? i.service_labels[k]
                                       : i.services[k]);
  if (!services.empty()) h += row2("Services", services);
  h += row2("Household-months simulated",
            svg::group_thousands(static_cast<double>(i.household_months), 0));
  if (std::isfinite(i.simulate_seconds))
    h += row2("Simulation time", svg::human(i.simulate_seconds) + " s");
  if (std::isfinite(i.wall_seconds)) h += row2("Wall time", svg::human(i.wall_seconds) + " s");
  h += row2("Started (UTC)", i.started_at);
  h += "</table>\n";
  return h;
}

std::string value_cell(const Summary& s, const std::string& unit) {
  std::string h = "<td class=\"num\">" + escape(report::format_value(s.mean, unit));
  if (std::isfinite(s.ci_low) && std::isfinite(s.ci_high))
    h += "<span class=\"ci\">" + escape(report::format_value(s.ci_low, unit, false)) + " – " +
         escape(report::format_value(s.ci_high, unit, false)) + "</span>";
  return h + "</td>";
}

std::string outcomes_table(const RunResult& r, const std::string& town,
                           const std::vector<std::string>& shown) {
  std::vector<const TownVariantResult*> rows;
  for (const auto& v : shown)
    for (const auto& tv : r.results)
      if (tv.town == town && tv.variant == v) rows.push_back(&tv);
  std::string h = "<div class=\"scroll\"><table class=\"outcomes\">\n<thead><tr><th>Outcome</th>";
  for (const auto* tv : rows)
    h += "<th title=\"variant id: " + escape(tv->variant) + "\">" +
         escape(report::variant_label(r, tv->variant)) + "</th>";
  h += "</tr></thead>\n<tbody>\n";
  // Headline outcomes first, then the rest in catalogue order.
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t k = 0; k < r.metric_info.size(); ++k) {
      const MetricInfo& m = r.metric_info[k];
      if (m.headline != (pass == 0)) continue;
      h += std::string("<tr") + (m.headline ? " class=\"headline\"" : "") + "><td>" +
           escape(report::metric_label(r, m.name)) + "</td>";
      for (const auto* tv : rows)
        h += k < tv->metrics.size() ? value_cell(tv->metrics[k], m.unit) : "<td></td>";
      h += "</tr>\n";
    }
  return h + "</tbody>\n</table></div>\n";
}

std::string signed_value(double v, const std::string& unit, bool with_unit = true) {
  if (!std::isfinite(v)) return "—";
  std::string s = unit == "share" ? svg::group_thousands(v * 100, 1) + (with_unit ? " pp" : "")
                                  : report::format_value(v, unit, with_unit);
  if (v > 0) s = "+" + s;
  return s;
}

std::string comparison_table(const RunResult& r, const std::string& town,
                             const std::vector<std::string>& shown) {
  std::string h =
      "<div class=\"scroll\"><table "
      "class=\"comparison\">\n<thead><tr><th>Outcome</th><th>Variant</th>"
      "<th>Difference to baseline</th><th>95 % CI</th><th>Better in</th><th>Reading</th></tr>"
      "</thead>\n<tbody>\n";
  bool any = false;
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& m : r.metric_info) {
      if (m.headline != (pass == 0)) continue;
      for (const auto& c : r.comparisons) {
        if (c.town != town || c.metric != m.name) continue;
        if (std::find(shown.begin(), shown.end(), c.variant) == shown.end()) continue;
        any = true;
        std::string reading = "undefined", cls = "unclear";
        if (std::isfinite(c.diff_ci_low) && std::isfinite(c.diff_ci_high)) {
          const bool up = c.diff_ci_low > 0, down = c.diff_ci_high < 0;
          if (!up && !down) {
            reading = "no clear difference";
          } else if (m.better == Better::none) {
            reading = up ? "higher" : "lower";
          } else {
            const bool better = (m.better == Better::higher) == up;
            reading = better ? "better" : "worse";
            cls = better ? "better" : "worse";
          }
        }
        h += std::string("<tr") + (m.headline ? " class=\"headline\"" : "") + "><td>" +
             escape(report::metric_label(r, m.name)) + "</td>" +
             "<td title=\"variant id: " + escape(c.variant) + "\">" +
             escape(report::variant_label(r, c.variant)) + "</td><td class=\"num\">" +
             escape(signed_value(c.diff_mean, m.unit)) + "</td><td class=\"num\">" +
             escape(signed_value(c.diff_ci_low, m.unit, false)) + " to " +
             escape(signed_value(c.diff_ci_high, m.unit)) + "</td><td class=\"num\">" +
             (std::isfinite(c.share_better) && m.better != Better::none
                  ? escape(svg::group_thousands(c.share_better * 100, 0)) + " %"
                  : "—") +
             "</td><td class=\"" + cls + "\">" + escape(reading) + "</td></tr>\n";
      }
    }
  if (!any) return "<p>This run has no variants to compare with the baseline.</p>\n";
  return h + "</tbody>\n</table></div>\n";
}

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

// The answer first (id="summary"): per town, each variant that changes something there,
// what it changes with the 95 % interval and a marker, what it costs, and the binding
// constraint in words. Built from answer::answers(), the same data as the terminal summary.
std::string summary_section(const RunResult& r) {
  using namespace answer;
  const std::vector<TownAnswer> towns = answers(r);
  std::string h = "<section id=\"summary\" class=\"summary\">\n<h2>The answer</h2>\n";
  if (r.info.variants.size() > 1)
    h += "<p class=\"key\">Each variant against the baseline, as paired differences with 95 % "
         "confidence intervals: <span class=\"better\">▲ better</span>, "
         "<span class=\"worse\">▼ worse</span>, <span class=\"unclear\">= no clear "
         "difference</span> (the interval includes zero).</p>\n";
  std::string left_out;
  for (const std::string& v : r.info.variants) {
    std::string where;
    for (const auto& ta : towns)
      if (ta.town != "*")
        for (const auto& u : ta.untouched)
          if (u == variant_label(r.info, v)) where += (where.empty() ? "" : ", ") + ta.label;
    if (!where.empty())
      left_out += (left_out.empty() ? "" : "; ") + escape(variant_label(r.info, v)) + " (" +
                  escape(where) + ")";
  }
  if (!left_out.empty())
    h += "<p class=\"key\">Variants that change nothing in a town are left out of that town "
         "here and below: " +
         left_out + ".</p>\n";
  for (const auto& ta : towns) {
    h += "<div class=\"town-answer\">\n<h3><a href=\"#town-" + escape(report::file_id(ta.town)) +
         "\">" + escape(ta.label) + "</a></h3>\n";
    std::string base;
    for (const auto& b : ta.baseline)
      if (b.metric->name == "reached_lease_share" || b.metric->name == "cost_total")
        base += (base.empty() ? "" : ", ") + metric_words(b.metric->name) + " " +
                level_text(b.diff, *b.metric);
    if (!base.empty()) h += "<p class=\"base\">Baseline: " + escape(base) + ".</p>\n";
    if (!ta.variants.empty()) {
      h += "<table class=\"answer\"><thead><tr><th>Variant</th><th>What changes</th>"
           "<th>Cost</th></tr></thead><tbody>\n";
      for (const auto& va : ta.variants) {
        h += "<tr><td title=\"variant id: " + escape(va.id) + "\">" + escape(va.label) +
             "</td><td><ul>";
        int same = 0;
        for (const auto& c : va.outcomes) {
          if (c.verdict == Verdict::no_difference || c.verdict == Verdict::undefined) {
            same += c.verdict == Verdict::no_difference;
            continue;
          }
          h += std::string("<li class=\"") + verdict_class(c.verdict) + "\">" +
               verdict_mark(c.verdict) + " " + escape(metric_words(c.metric->name)) + " " +
               escape(change_text(c)) + "</li>";
        }
        if (same > 0)
          h += "<li class=\"unclear\">= no clear difference in " + std::to_string(same) +
               " other outcome" + (same == 1 ? "" : "s") + "</li>";
        h += "</ul>";
        if (!va.by_profile.empty())
          h += "<p class=\"by-profile\" title=\"comparison.csv: reached_lease_share by "
               "profile\">By household type, " +
               escape(va.by_profile) + "</p>";
        h += "</td><td><ul>";
        for (const auto& c : va.costs)
          h += std::string("<li class=\"") + verdict_class(c.verdict) + "\">" +
               escape(metric_words(c.metric->name)) + " " + escape(change_text(c)) + "</li>";
        if (!va.value_for_money.empty())
          h += "<li class=\"vfm\" title=\"comparison.csv: icer:stabilized\">" +
               escape(va.value_for_money) + "</li>";
        h += "</ul></td></tr>\n";
      }
      h += "</tbody></table>\n";
    } else if (r.info.variants.size() > 1) {
      h += "<p>No variant changes anything here.</p>\n";
    }
    if (!ta.binding.empty()) {
      const Binding& b = ta.binding.front();
      std::string words;
      if (b.demand > 0) {
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      ": without limits about %.0f households would need it against %.0f "
                      "places, from month %d",
                      b.demand, b.capacity, b.from_month);
        words = b.what + buf;
      } else {
        words = b.line;
      }
      h +=
          "<p class=\"binding\"><strong>Binding constraint:</strong> " + escape(words) +
          (ta.binding.size() > 1 ? " (and " + std::to_string(ta.binding.size() - 1) + " more below)"
                                 : std::string()) +
          ".</p>\n";
    }
    h += "</div>\n";
  }
  return h + "</section>\n";
}

// What the headline outcomes count (the full table is docs/model.md's).
std::string definitions_table() {
  static const char* const rows[][4] = {
      {"Share housed at the horizon", "households in a permanent stage at the last month",
       "all households seen (those housed at the start included)", "share"},
      {"Share of household-months housed", "months spent in a permanent stage",
       "months spent in the system (entry or month 1 to exit or horizon)", "share"},
      {"Housed 12 months after first housed",
       "households that did not lose housing (to a lower stage, or an exit other than into own "
       "housing) in the 12 months after they were first housed",
       "households first housed at least 12 months before the horizon", "share"},
      {"Share reaching a lease", "households ever in a permanent stage",
       "households not housed at the start", "share"},
      {"Share stabilised", "households with the scenario's stabilisation months in a row housed",
       "households not housed at the start", "share"},
      {"Total public cost", "stage costs per occupied unit-month plus service costs per case-month",
       "-", "CZK"}};
  std::string h =
      "<h3>Definitions</h3>\n<div class=\"scroll\"><table "
      "class=\"definitions\">\n<thead><tr><th>Outcome</th>"
      "<th>Counts</th><th>Out of</th><th>Unit</th></tr></thead>\n<tbody>\n";
  for (const auto& row : rows)
    h += std::string("<tr><td>") + escape(row[0]) + "</td><td>" + escape(row[1]) + "</td><td>" +
         escape(row[2]) + "</td><td>" + escape(row[3]) + "</td></tr>\n";
  return h + "</tbody>\n</table></div>\n";
}

// Incremental cost and cost-effectiveness against the baseline (cohort "all"), with the
// quadrant stated where no ratio is meaningful (docs/model.md, "Incremental analysis").
std::string value_for_money_table(const RunResult& r, const std::string& town) {
  static const std::pair<const char*, const char*> rows[] = {
      {"incremental_cost", "Extra cost (CZK)"},
      {"icer:stabilized", "CZK per extra household stabilised"},
      {"icer:months_housed", "CZK per extra household-month housed"}};
  std::string h;
  for (const auto& c : r.comparisons) {
    if (c.town != town || c.cohort != "all") continue;  // tagged cohorts: comparison.csv
    for (const auto& [id, label] : rows) {
      if (c.metric != id) continue;
      const bool value = std::isfinite(c.diff_mean);
      h += "<tr><td>" + escape(label) + "</td><td>" + escape(report::variant_label(r, c.variant)) +
           "</td><td class=\"num\">" +
           (value ? escape(report::format_value(c.diff_mean, "CZK")) : std::string("—")) +
           "</td><td class=\"num\">" +
           (std::isfinite(c.diff_ci_low)
                ? escape(report::format_value(c.diff_ci_low, "CZK", false)) + " to " +
                      escape(report::format_value(c.diff_ci_high, "CZK"))
                : std::string("—")) +
           "</td><td>" + escape(c.note) + "</td></tr>\n";
    }
  }
  if (h.empty()) return "";
  return "<h3>Value for money</h3>\n<p class=\"note\">Extra cost: the paired difference of the "
         "total cost. Cost per extra household stabilised or month housed: mean extra cost / mean "
         "extra effect (stabilised households: a spell of the scenario's stabilisation months in "
         "a permanent stage, households housed at the start included), 95 % bootstrap interval "
         "over the paired replications; <i>dominant</i> = at least as effective and no dearer, "
         "<i>dominated</i> = no more effective and no cheaper, where no ratio is stated.</p>\n"
         "<div class=\"scroll\"><table class=\"comparison\">\n<thead><tr><th>Figure</th>"
         "<th>Variant</th><th>Value</th><th>95 % interval</th><th>Reading</th></tr></thead>\n"
         "<tbody>\n" +
         h + "</tbody>\n</table></div>\n";
}

}  // namespace

void write_report(const fs::path& dir) {
  write_report(dir, dir);
}

void write_report(const fs::path& dir, const fs::path& out_dir, const volatile bool* cancel) {
  auto check = [cancel] {
    if (cancel && *cancel) throw RunCancelled();
  };
  const Input in = report::read_input(dir);
  check();
  const RunResult& r = in.run;
  const fs::path charts_dir = out_dir / "charts";
  std::error_code ec;
  fs::create_directories(charts_dir, ec);
  if (ec) throw std::runtime_error(charts_dir.string() + ": cannot create (" + ec.message() + ")");

  auto emit = [&](const Chart& c) {
    check();
    write_text(charts_dir / c.file, c.svg);
    return figure(c);
  };

  const std::string title = !r.info.scenario_title.empty()  ? r.info.scenario_title
                            : !r.info.scenario_name.empty() ? r.info.scenario_name
                                                            : std::string("prostup results");
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>" << escape(title) << " — prostup report</title>\n<style>" << kCss
       << "</style>\n</head>\n<body>\n<header>\n<h1>" << escape(title) << "</h1>\n";
  if (!r.info.scenario_name.empty() && r.info.scenario_name != title)
    html << "<p class=\"lead\">Scenario <code>" << escape(r.info.scenario_name) << "</code></p>\n";
  if (!r.info.scenario_description.empty())
    html << "<p>" << escape(r.info.scenario_description) << "</p>\n";
  html << "</header>\n";

  std::vector<std::string> towns = r.info.towns;
  if (in.has_run && r.info.towns.size() > 1)
    for (const auto& tv : r.results)
      if (tv.town == "*") {
        towns.push_back("*");
        break;
      }

  // The answer first; the run's record goes to the end.
  if (in.has_run) html << summary_section(r);
  const std::vector<answer::TownAnswer> answers =
      in.has_run ? answer::answers(r) : std::vector<answer::TownAnswer>{};
  // The variants shown in a town: the baseline and those that change something there.
  auto shown_in = [&](const std::string& town) {
    std::vector<std::string> shown{"baseline"};
    for (const auto& ta : answers)
      if (ta.town == town)
        for (const auto& va : ta.variants) shown.push_back(va.id);
    return shown;
  };

  html << "<nav>\n<h2>Contents</h2>\n<ul>\n";
  if (in.has_run) {
    html << "<li><a href=\"#summary\">The answer</a></li>\n";
    for (const auto& t : towns)
      html << "<li><a href=\"#town-" << escape(report::file_id(t)) << "\">"
           << escape(report::town_label(r, t)) << "</a></li>\n";
  }
  if (!in.sweep.empty()) html << "<li><a href=\"#sweep\">Sweep</a></li>\n";
  if (in.plan) html << "<li><a href=\"#plan\">Plan</a></li>\n";
  html << "<li><a href=\"#run\">The run: settings and record</a></li>\n</ul>\n</nav>\n";

  if (in.has_run) {
    for (const auto& town : towns) {
      const std::vector<std::string> shown = shown_in(town);
      html << "<section class=\"town\" id=\"town-" << escape(report::file_id(town)) << "\">\n<h2>"
           << escape(report::town_label(r, town)) << "</h2>\n";
      for (const auto& ta : answers)
        if (ta.town == town && !ta.binding.empty()) {
          html << "<h3>Binding constraints</h3>\n<p class=\"note\">Where the expected demand "
                  "without limits (the exact cohort model of the baseline) exceeds the capacity "
                  "or caseload, largest excess first:</p>\n<ul>\n";
          for (const auto& b : ta.binding) html << "<li>" << escape(b.line) << "</li>\n";
          html << "</ul>\n";
        }
      html << value_for_money_table(r, town);
      if (auto c = report::forest_chart(r, town)) html << emit(*c);
      if (auto c = report::cost_chart(r, town)) html << emit(*c);
      html << "<h3>Reaching a lease</h3>\n" << emit(report::time_to_lease_chart(r, town));
      if (auto c = report::profile_lease_chart(r, town)) html << emit(*c);
      html << "<details><summary>All outcomes, each variant (table)</summary>\n"
           << outcomes_table(r, town, shown) << "</details>\n";
      html << "<details><summary>Variants against the baseline, every outcome "
              "(table)</summary>\n"
           << comparison_table(r, town, shown) << "</details>\n";
      for (const auto& v : shown)
        for (const auto& tv : r.results) {
          if (tv.town != town || tv.variant != v) continue;
          html << "<h3>" << escape(report::variant_label(r, v))
               << ": stages, waiting lists and moves</h3>\n";
          html << emit(report::occupancy_chart(r, tv));
          html << emit(report::waiting_chart(r, tv));
          html << emit(report::flow_chart(r, tv));
        }
      html << "</section>\n";
    }
  }
  if (!in.sweep.empty()) {
    html << "<section class=\"sweep\" id=\"sweep\">\n<h2>Sweep</h2>\n";
    for (const auto& c : report::sweep_charts(in)) html << emit(c);
    html << "</section>\n";
  }
  if (in.plan) {
    const auto& p = *in.plan;
    html << "<section class=\"plan\" id=\"plan\">\n<h2>Plan</h2>\n<p>";
    const std::string unit = [&] {
      const MetricInfo* mi = report::metric_info(r, p.metric);
      return mi ? mi->unit : std::string();
    }();
    html << "Target: " << escape(report::metric_label(r, p.metric)) << " " << escape(p.op) << " "
         << escape(report::format_value(p.target, unit));
    if (!p.town.empty()) html << " in " << escape(report::town_label(r, p.town));
    if (!p.variant.empty()) html << " (" << escape(report::variant_label(r, p.variant)) << ")";
    html << ". Answer: <strong>"
         << (std::isfinite(p.answer) ? escape(svg::human(p.answer))
                                     : std::string("no value in the range meets the target"))
         << "</strong>.</p>\n";
    html << emit(report::plan_chart(in, p)) << "</section>\n";
  }
  html << "<section id=\"run\" class=\"run\">\n<h2>The run: settings and record</h2>\n"
       << manifest_table(in)
       << "<p>Every number is a mean over the Monte Carlo replications; ranges are 95 % "
          "confidence intervals of that mean (how precisely the run pins the mean down, not "
          "the spread between households). Differences between a variant and the baseline are "
          "paired: replication <i>r</i> of each uses the same random draws.</p>\n"
       << definitions_table() << "</section>\n";

  html << "<footer>Drawn by prostup " << escape(r.info.program_version)
       << " from the files in this directory (results.json, manifest.json"
       << (in.sweep.empty() ? "" : ", sweep.csv") << (in.plan ? ", plan.json" : "")
       << "). The charts are also in charts/ as SVG files.</footer>\n</body>\n</html>\n";
  write_text(out_dir / "report.html", html.str());
}

}  // namespace prostup

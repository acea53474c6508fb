// SPDX-License-Identifier: Apache-2.0
// The flow account by year in report.html (docs/model.md, "Flows by year"), read back from
// results.json's rows.
#include <algorithm>
#include <string>
#include <vector>

#include "report.hpp"
#include "strings.hpp"
#include "svg.hpp"

namespace prostup::report {

namespace {

using svg::escape;
using text::tr;

// One stage's year: the stocks and the moves summed by the table's columns.
struct StageYear {
  int year = 0, months = 0;
  std::string stage;
  double start = 0, arrivals = 0, moved_in = 0, moved_out = 0, exits = 0, end = 0;
};

std::vector<StageYear> stage_years(const TownVariantResult& tv) {
  std::vector<StageYear> out;
  for (const FlowYear& f : tv.flows_yearly) {
    if (out.empty() || out.back().year != f.year || out.back().stage != f.stage)
      out.push_back({f.year, f.months, f.stage});
    StageYear& s = out.back();
    const double v = f.mean_per_replication;
    if (f.flow == "stock_start")
      s.start = v;
    else if (f.flow == "stock_end")
      s.end = v;
    else if (f.flow == "in")
      (f.kind == "arrival" ? s.arrivals : s.moved_in) += v;
    else if (f.flow == "out")
      (f.kind == "exit" ? s.exits : s.moved_out) += v;
  }
  return out;
}

}  // namespace

std::string flows_year_section(const RunResult& r, const std::string& town,
                               const std::vector<std::string>& shown, Language lang) {
  std::string body;
  for (const auto& v : shown) {
    const TownVariantResult* tv = r.find(town, v);
    if (!tv) continue;
    for (const StageYear& s : stage_years(*tv)) {
      std::string year = tr(lang, "budget.year_n", {std::to_string(s.year)});
      if (s.months < 12) {
        year += ' ';
        year += tr(lang, "budget.months", {std::to_string(s.months)});
      }
      body += "<tr><td>" + escape(year) + "</td><td>" + escape(variant_label(r, v, lang)) +
              "</td><td>" + escape(stage_label(r, s.stage, lang)) + "</td>";
      for (double x : {s.start, s.arrivals, s.moved_in, s.moved_out, s.exits, s.end})
        body += "<td class=\"num\">" + escape(format_value(x, "households", false, lang)) + "</td>";
      body += "</tr>\n";
    }
  }
  if (body.empty()) return "";  // an older results.json without flows_yearly
  std::string h = "<h3>" + escape(tr(lang, "flowyear.head")) + "</h3>\n<p class=\"note\">" +
                  escape(tr(lang, "flowyear.note")) + "</p>\n<details><summary>" +
                  escape(tr(lang, "flowyear.table")) +
                  "</summary>\n<div class=\"scroll\"><table class=\"flows-yearly\">\n<thead><tr>";
  for (const char* key :
       {"budget.year", "summary.variant", "flowyear.stage", "flowyear.start", "flowyear.arrivals",
        "flowyear.in", "flowyear.out", "flowyear.exits", "flowyear.end"})
    h += "<th>" + escape(tr(lang, key)) + "</th>";
  return h + "</tr></thead>\n<tbody>\n" + body + "</tbody>\n</table></div>\n</details>\n";
}

}  // namespace prostup::report

// SPDX-License-Identifier: Apache-2.0
// The budget by year and payer in report.html (docs/model.md, "Budget by year and payer"),
// read back from results.json.
#include <algorithm>
#include <cmath>
#include <string>

#include "report.hpp"
#include "strings.hpp"
#include "svg.hpp"

namespace prostup::report {

namespace {

using nlohmann::json;
using svg::escape;
using text::tr;

double number(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : kUndefined;
}

SeriesPoint point(const json& j, const char* key) {
  SeriesPoint p;
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return p;
  p.mean = number(*it, "mean");
  p.ci_low = number(*it, "ci_low");
  p.ci_high = number(*it, "ci_high");
  return p;
}

int integer(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::string money(double v, Language lang, bool sign = false) {
  if (!std::isfinite(v)) return "—";
  std::string s = format_value(v, "CZK", true, lang);
  if (sign && v > 0) s.insert(0, 1, '+');
  return s;
}

}  // namespace

void read_budget(const json& doc, RunResult& r) {
  auto it = doc.find("budget");
  if (it == doc.end() || !it->is_array()) return;
  for (const json& j : *it) {
    if (!j.is_object()) continue;
    BudgetRow b;
    b.town = j.value("town", std::string());
    b.variant = j.value("variant", std::string());
    b.payer = j.value("payer", std::string());
    b.year = integer(j, "year");
    b.calendar_year = integer(j, "calendar_year");
    b.months = integer(j, "months");
    b.discounted = j.value("discounted", false);
    b.cost = point(j, "cost");
    b.diff = point(j, "diff");
    b.cum_diff = point(j, "cum_diff");
    b.break_even_year = integer(j, "break_even_year");
    r.budget.push_back(std::move(b));
  }
}

std::string budget_section(const RunResult& r, const std::string& town,
                           const std::vector<std::string>& shown, Language lang) {
  std::vector<const BudgetRow*> rows;
  for (const auto& b : r.budget)
    if (b.town == town && std::find(shown.begin(), shown.end(), b.variant) != shown.end())
      rows.push_back(&b);
  if (rows.empty()) return "";
  // With one payer its rows repeat those of all payers: show only those.
  std::vector<std::string> payers;
  for (const BudgetRow* b : rows)
    if (b->payer != "*" && std::find(payers.begin(), payers.end(), b->payer) == payers.end())
      payers.push_back(b->payer);
  if (payers.size() == 1)
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [](const BudgetRow* b) { return b->payer != "*"; }),
               rows.end());
  auto year_words = [&](const BudgetRow& b) {
    std::string y = b.calendar_year > 0 ? std::to_string(b.calendar_year)
                                        : tr(lang, "budget.year_n", {std::to_string(b.year)});
    if (b.months < 12) {
      y += ' ';
      y += tr(lang, "budget.months", {std::to_string(b.months)});
    }
    return y;
  };
  std::string h =
      "<h3>" + escape(tr(lang, "budget.head")) + "</h3>\n<p class=\"note\">" +
      escape(tr(lang, rows.front()->discounted ? "budget.note_discounted" : "budget.note")) +
      "</p>\n<ul>\n";
  // The year each variant breaks even (all payers), from the first year's row.
  for (const BudgetRow* b : rows)
    if (b->variant != "baseline" && b->payer == "*" && b->year == 1) {
      const std::string v = variant_label(r, b->variant, lang);
      std::string line;
      if (b->break_even_year > 0) {
        std::string when = std::to_string(b->break_even_year);
        for (const BudgetRow* c : rows)
          if (c->variant == b->variant && c->payer == "*" && c->year == b->break_even_year)
            when = year_words(*c);
        line = tr(lang, "budget.break_even", {v, when});
      } else {
        line = tr(lang, "budget.no_break_even", {v});
      }
      h += "<li>" + escape(line) + "</li>\n";
    }
  h += "</ul>\n<details><summary>" + escape(tr(lang, "budget.table")) +
       "</summary>\n<div class=\"scroll\"><table class=\"budget\">\n<thead><tr>";
  for (const char* key : {"budget.year", "budget.payer", "summary.variant", "budget.cost",
                          "budget.diff", "budget.cum_diff"})
    h += "<th>" + escape(tr(lang, key)) + "</th>";
  h += "</tr></thead>\n<tbody>\n";
  auto with_ci = [&](const SeriesPoint& p) {
    std::string s = escape(money(p.mean, lang, true));
    if (std::isfinite(p.ci_low) && std::isfinite(p.ci_high))
      s += "<span class=\"ci\">" +
           escape(tr(lang, "range", {money(p.ci_low, lang, true), money(p.ci_high, lang, true)})) +
           "</span>";
    return s;
  };
  // A payer in the catalogue's words ("payer.<id>"), else its id as the scenario names it.
  auto payer_words = [lang](const std::string& id) {
    const std::string key = "payer." + id, w = tr(lang, key);
    return w == key ? id : w;
  };
  for (const BudgetRow* b : rows) {
    const bool all = b->payer == "*";
    h += std::string("<tr") + (all ? " class=\"headline\"" : "") + "><td>" +
         escape(year_words(*b)) + "</td><td>" +
         escape(all ? tr(lang, "budget.all_payers") : payer_words(b->payer)) + "</td><td>" +
         escape(variant_label(r, b->variant, lang)) + "</td><td class=\"num\">" +
         escape(money(b->cost.mean, lang)) + "</td><td class=\"num\">" +
         (b->variant == "baseline" ? "—" : with_ci(b->diff)) + "</td><td class=\"num\">" +
         (b->variant == "baseline" ? "—" : with_ci(b->cum_diff)) + "</td></tr>\n";
  }
  return h + "</tbody>\n</table></div>\n</details>\n";
}

}  // namespace prostup::report

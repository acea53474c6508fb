// SPDX-License-Identifier: Apache-2.0
// `prostup run --verbose`: every headline metric of every town and variant, the cohorts, the
// differences from the baseline with their value for money and budget by year, the binding
// constraints and where the files are, as the text the command prints (answer.hpp).
#include <cmath>
#include <initializer_list>
#include <map>

#include "answer.hpp"
#include "prostup/number_text.hpp"
#include "strings.hpp"

namespace prostup::answer {

namespace {

// printf's "%s" and "%-Ns" (padded to N bytes, as printf pads) into `out`: the listing reads
// as it did when it was printed line by line.
void put(std::string& out, const char* format, std::initializer_list<std::string> args) {
  auto arg = args.begin();
  for (const char* f = format; *f; ++f) {
    if (*f != '%') {
      out += *f;
      continue;
    }
    std::size_t width = 0;
    const bool left = f[1] == '-';
    if (left) ++f;
    while (f[1] >= '0' && f[1] <= '9') width = 10 * width + static_cast<std::size_t>(*++f - '0');
    ++f;  // 's'
    const std::string& s = *arg++;
    out += s;
    if (s.size() < width) out.append(width - s.size(), ' ');
  }
}

// Words a planner reads in the full listing (strings_{en,cs}.cpp, "verbose.m.METRIC");
// the metric id where the catalogue has none. The cost names its price year when the
// scenario states one.
std::string headline_label(const std::string& metric, const RunInfo& info, Language lang) {
  const std::string key = "verbose.m." + metric, label = text::tr(lang, key);
  if (metric == "cost_total" && info.price_year > 0)
    return label + ", " + text::tr(lang, "term.prices", {std::to_string(info.price_year)});
  return label == key ? metric_words(metric, lang) : label;
}

// The budget of one town and variant against the baseline by year and payer (budget.csv;
// docs/model.md, "Budget by year and payer"): a line per year, the payers in budget.csv's
// order and the total last, with the break-even year where the variant saves.
void budget_lines(std::string& out, const RunResult& r, const std::string& town,
                  const std::string& variant, Language lang, const ShownText& shown) {
  using text::tr;
  std::map<int, std::string> lines;
  std::map<int, int> calendar;
  int break_even = 0;
  for (const BudgetRow& b : r.budget) {
    if (b.town != town || b.variant != variant || !std::isfinite(b.diff.mean)) continue;
    std::string who = tr(lang, "verbose.budget_total");
    if (b.payer != "*") {
      const std::string key = "payer." + b.payer, words = tr(lang, key);
      who = words == key ? b.payer : words;
    } else {
      break_even = b.break_even_year;
    }
    std::string& line = lines[b.year];
    line += (line.empty() ? "" : ", ") + shown(who) + " " + money(b.diff.mean, "CZK", true, lang);
    calendar[b.year] = b.calendar_year;
  }
  if (lines.empty()) return;
  put(out, "    %s\n", {tr(lang, "verbose.budget_head")});
  for (const auto& [year, line] : lines) {
    const std::string when = calendar[year] > 0
                                 ? tr(lang, "verbose.budget_year_cal",
                                      {std::to_string(year), std::to_string(calendar[year])})
                                 : tr(lang, "verbose.budget_year", {std::to_string(year)});
    put(out, "      %s: %s\n", {when, line});
  }
  if (break_even > 0)
    put(out, "      %s\n", {tr(lang, "verbose.budget_break_even", {std::to_string(break_even)})});
}

// `prostup run --verbose`: every headline metric of every town and variant.
void summary_lines(std::string& out, const RunResult& r, const std::vector<CompiledModel>& models,
                   Language lang, const ShownText& shown) {
  using text::tr;
  auto ci = [lang](double mean, double lo, double hi, const std::string& unit) {
    return text::decimal(lang, detail::format_ci(mean, lo, hi, unit));
  };
  put(out, "\n%s\n",
      {tr(lang, "term.header",
          {shown(r.info.scenario_name), std::to_string(r.info.replications),
           std::to_string(r.info.months), std::to_string(r.info.variants.size() - 1),
           std::to_string(r.info.seed)})});
  std::vector<std::size_t> headline;
  for (std::size_t k = 0; k < r.metric_info.size(); ++k)
    if (r.metric_info[k].headline) headline.push_back(k);
  std::vector<std::string> rows = r.info.towns;
  std::vector<std::string> labels;
  for (std::size_t t = 0; t < r.info.towns.size(); ++t)
    labels.push_back(t < r.info.town_labels.size() ? text::in(r.info.town_labels[t], lang)
                                                   : r.info.towns[t]);
  if (rows.size() > 1) {
    rows.push_back("*");
    labels.push_back(tr(lang, "all_towns"));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TownVariantResult* b = r.find(rows[i], "baseline");
    if (!b) continue;
    put(out, "\n%s\n", {tr(lang, "verbose.town", {shown(labels[i])})});
    for (std::size_t k : headline) {
      const Summary& s = b->metrics[k];
      put(out, "  %-30s %s\n",
          {headline_label(r.metric_info[k].name, r.info, lang),
           ci(s.mean, s.ci_low, s.ci_high, r.metric_info[k].unit)});
    }
    // Tagged cohorts (trial arms): the outcomes the trials publish, per variant.
    for (std::size_t v = 0; v < models.size(); ++v) {
      const TownVariantResult* tv = r.find(rows[i], models[v].variant);
      for (const auto& co : models[v].cohorts) {
        if (!tv) break;
        put(out, "  %s\n", {tr(lang, "verbose.cohort", {shown(co.id), shown(models[v].variant)})});
        for (const char* name : {"households", "retention:12", "retention:24",
                                 "months_housed_share", "housed_share_end", "cost_per_household"}) {
          const int k = r.metric_index(name, co.id);
          if (k < 0) continue;
          const Summary& s = tv->metrics[static_cast<std::size_t>(k)];
          put(out, "    %-28s %s\n",
              {name, ci(s.mean, s.ci_low, s.ci_high, r.metric_info[k].unit)});
        }
      }
    }
    for (std::size_t v = 1; v < models.size(); ++v) {
      put(out, "  %s\n", {tr(lang, "verbose.minus", {shown(models[v].variant)})});
      for (const auto& c : r.comparisons) {
        if (c.town != rows[i] || c.variant != models[v].variant || c.cohort != "all") continue;
        const int ki = r.metric_index(c.metric);
        if (ki < 0 || !r.metric_info[ki].headline) continue;
        const std::size_t k = static_cast<std::size_t>(ki);
        if (c.replications == 0) continue;
        const std::string unit = r.metric_info[k].unit;
        std::string diff = ci(c.diff_mean, c.diff_ci_low, c.diff_ci_high, unit);
        if (unit == "share") {
          const std::string b2 = number_text::fixed(100 * c.diff_mean, 1, true) + " UNIT [" +
                                 number_text::fixed(100 * c.diff_ci_low, 1, true) + ", " +
                                 number_text::fixed(100 * c.diff_ci_high, 1, true) + "]";
          // The numbers take the decimal comma, not the unit ("p. b.").
          diff = text::decimal(lang, b2);
          diff.replace(diff.find("UNIT"), 4, tr(lang, "unit.pp"));
        }
        const bool clear = !std::isnan(c.diff_ci_low) && (c.diff_ci_low > 0 || c.diff_ci_high < 0);
        put(out, "    %-28s %s%s\n",
            {headline_label(c.metric, r.info, lang), diff,
             clear ? "" : ("  " + tr(lang, "verbose.not_distinct"))});
      }
      // Value for money: the cost per extra household stabilised and per extra month housed
      // (and, with a discount rate, the same discounted).
      for (const auto& c : r.comparisons) {
        if (c.town != rows[i] || c.variant != models[v].variant || c.cohort != "all") continue;
        const bool discounted = c.metric.rfind("icer_discounted:", 0) == 0;
        if (!discounted && c.metric.rfind("icer:", 0) != 0) continue;
        const bool months = c.metric.size() > 13 &&
                            c.metric.compare(c.metric.size() - 13, 13, "months_housed") == 0;
        const std::string note_key = "note." + c.note, note_words = tr(lang, note_key);
        const std::string note = note_words == note_key ? c.note : note_words;
        std::string value = note;
        if (std::isfinite(c.diff_mean))
          value = ci(c.diff_mean, c.diff_ci_low, c.diff_ci_high, "CZK") + " (" + note + ")";
        std::string label = tr(lang, months ? "verbose.icer_months" : "verbose.icer_stabilised");
        if (discounted) label += ", " + tr(lang, "verbose.discounted");
        if (r.info.price_year > 0)
          label += " (" + tr(lang, "term.prices", {std::to_string(r.info.price_year)}) + ")";
        put(out, "    %-28s %s\n", {label, value});
      }
      budget_lines(out, r, rows[i], models[v].variant, lang, shown);
      if (r.info.discount_rate > 0) {
        const std::string pct = number_text::general(100 * r.info.discount_rate);
        put(out, "    %s\n", {tr(lang, "verbose.discount_note", {text::decimal(lang, pct)})});
      }
    }
  }
}

// `prostup run --verbose`: the full listing, the binding constraints and where the files are.
}  // namespace

std::string verbose_listing(const RunResult& r, const std::vector<CompiledModel>& models,
                            const CohortResult& exact, const std::filesystem::path& folder,
                            Language lang, const ShownText& shown_text) {
  const ShownText shown = shown_text ? shown_text : [](const std::string& text) { return text; };
  std::string out;
  summary_lines(out, r, models, lang, shown);
  bool any = false;
  for (std::size_t t = 0; t < exact.towns.size(); ++t) {
    // Ranked as the answer ranks them (rank_by_value): by what one more unit is
    // worth where it was measured, then by excess demand; the value on the same line.
    std::vector<Binding> ranked = ranked_binding(exact.towns[t].binding);
    rank_by_value(ranked, r.info, models.front().towns[t].id);
    for (const Binding& b : ranked) {
      if (!any) put(out, "\n%s\n", {text::tr(lang, "verbose.binding")});
      any = true;
      // The cohort model's line in the language's words (as written where it does not
      // parse).
      const std::string v = binding_value(b, r.info.months, lang);
      put(out, "  %s: %s%s\n",
          {shown(models.front().towns[t].label.in(r.info.language)),
           shown(b.demand > 0 ? binding_line(b, lang) : b.line), v.empty() ? "" : shown("; " + v)});
    }
  }
  const std::string hm = number_text::general(static_cast<double>(r.info.household_months), 3);
  const std::string secs = number_text::fixed(r.info.simulate_seconds, 2);
  put(out, "\n%s\n",
      {text::tr(lang, "term.outputs",
                {folder.string(), text::decimal(lang, hm), text::decimal(lang, secs)})});
  return out;
}

}  // namespace prostup::answer

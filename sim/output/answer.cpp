// SPDX-License-Identifier: Apache-2.0
#include "answer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "prostup/number_text.hpp"
#include "strings.hpp"
#include "svg.hpp"

namespace prostup::answer {

namespace {

using text::decimal;
using text::tr;

// A space where no line may break ("+4.1 pp [+2.0, +6.2]" stays whole); a space once laid out.
constexpr char kGlue = '\x1f';

std::string glued(std::string s) {
  std::replace(s.begin(), s.end(), ' ', kGlue);
  return s;
}

bool is_money(const MetricInfo& m) {
  return m.unit.rfind("CZK", 0) == 0;
}

// A number with about three significant digits ("172", "12.5", "1.25").
std::string three_digits(double a) {
  if (a >= 100 || a == 0) return number_text::fixed(a, 0);
  if (a >= 10) return number_text::fixed(a, 1);
  return number_text::fixed(a, 2);
}

std::string signed_plain(double v, int decimals, bool sign, Language lang) {
  return decimal(lang, number_text::fixed(v, decimals, sign));
}

// A value of `m` without its unit; differences signed. Shares in percent (points).
std::string number_text(double v, const MetricInfo& m, bool sign, Language lang) {
  if (!std::isfinite(v)) return tr(lang, "n/a");
  if (m.unit == "share") return signed_plain(100 * v, 1, sign, lang);
  if (is_money(m) || std::fabs(v) >= 1000) return money(v, "", sign, lang);
  return signed_plain(v, std::fabs(v) >= 100 ? 0 : 1, sign, lang);
}

std::string unit_suffix(const MetricInfo& m, bool difference, Language lang) {
  if (m.unit == "share") return difference ? " " + tr(lang, "unit.pp") : " %";
  if (is_money(m)) return " " + text::unit(lang, m.unit);
  if (m.unit == "months") return " " + tr(lang, "unit.months");
  return "";
}

}  // namespace

Verdict verdict(const MetricInfo& m, double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return Verdict::undefined;
  const bool up = lo > 0, down = hi < 0;
  if (!up && !down) return Verdict::no_difference;
  if (m.better == Better::none) return up ? Verdict::higher : Verdict::lower;
  return (m.better == Better::higher) == up ? Verdict::better : Verdict::worse;
}

std::string money(double v, const std::string& unit, bool sign, Language lang) {
  if (!std::isfinite(v)) return tr(lang, "n/a");
  const double a = std::fabs(v);
  std::string s;
  if (a >= 1e9)
    s = decimal(lang, three_digits(a / 1e9)) + " " + tr(lang, "scale.bn");
  else if (a >= 1e6)
    s = decimal(lang, three_digits(a / 1e6)) + " " + tr(lang, "scale.M");
  else if (a >= 1e3)
    s = decimal(lang, three_digits(a / 1e3)) + " " + tr(lang, "scale.k");
  else
    s = decimal(lang, three_digits(a));
  if (v < 0 && s != "0")
    s = "-" + s;
  else if (sign && v > 0)
    s = "+" + s;
  return unit.empty() ? s : s + " " + text::unit(lang, unit);
}

std::string level_text(double v, const MetricInfo& m, Language lang) {
  if (!std::isfinite(v)) return tr(lang, "n/a");
  return number_text(v, m, false, lang) + unit_suffix(m, false, lang);
}

std::string table_text(double v, const MetricInfo& m, Language lang) {
  if (!std::isfinite(v)) return tr(lang, "n/a");
  return number_text(v, m, false, lang) + (m.unit == "share" ? " %" : "");
}

std::string table_unit(const MetricInfo& m, Language lang) {
  if (m.unit == "share" || m.unit == "households" || m.unit == "household-months") return "";
  return text::unit(lang, m.unit);
}

std::string change_text(const Change& c, Language lang) {
  const MetricInfo& m = *c.metric;
  if (!std::isfinite(c.diff)) return tr(lang, "n/a");
  std::string s = number_text(c.diff, m, true, lang) + unit_suffix(m, true, lang);
  if (std::isfinite(c.ci_low) && std::isfinite(c.ci_high))
    s += " [" + number_text(c.ci_low, m, true, lang) + ", " +
         number_text(c.ci_high, m, true, lang) + "]";
  return s;
}

std::string metric_words(const std::string& name, Language lang) {
  const std::string key = "words." + name;
  const std::string w = tr(lang, key);
  if (w != key) return w;
  // A payer's cost (cost:<payer>, docs/model.md "Who pays"): the payer in the language's words.
  if (name.rfind("cost:", 0) == 0) {
    const std::string payer_key = "payer." + name.substr(5), payer = tr(lang, payer_key);
    if (payer != payer_key) return tr(lang, "words.cost_payer", {payer});
  }
  return name;
}

std::string verdict_words(Verdict v, Language lang) {
  switch (v) {
    case Verdict::better:
      return tr(lang, "verdict.better");
    case Verdict::worse:
      return tr(lang, "verdict.worse");
    case Verdict::higher:
      return tr(lang, "verdict.higher");
    case Verdict::lower:
      return tr(lang, "verdict.lower");
    case Verdict::no_difference:
      return tr(lang, "verdict.no_difference");
    case Verdict::undefined:
      return tr(lang, "verdict.undefined");
  }
  return "";
}

const char* verdict_mark(Verdict v) {
  switch (v) {
    case Verdict::better:
      return "▲";
    case Verdict::worse:
      return "▼";
    case Verdict::higher:
      return "↑";
    case Verdict::lower:
      return "↓";
    case Verdict::no_difference:
      return "=";
    case Verdict::undefined:
      return "?";
  }
  return "";
}

std::string variant_label(const RunInfo& info, const std::string& id, Language lang) {
  if (id == "baseline") return tr(lang, "baseline");
  for (std::size_t i = 0; i < info.variants.size() && i < info.variant_labels.size(); ++i)
    if (info.variants[i] == id && !info.variant_labels[i].empty())
      return text::in(info.variant_labels[i], lang);
  return id;
}

std::vector<Binding> ranked_binding(const std::vector<std::string>& lines) {
  std::vector<Binding> out;
  for (const std::string& line : lines) {
    Binding b;
    b.line = line;
    // "LABEL: demand D, capacity C from month M" (sim/cohort.cpp); the label may hold ": ".
    // Read with from_chars, not sscanf: "%lf" takes "12," for 12 in a decimal-comma locale.
    const auto at = line.rfind(": demand ");
    double d = 0, c = 0;
    int month = 0;
    std::string_view rest = at == std::string::npos ? std::string_view() : line;
    rest.remove_prefix(std::min(rest.size(), at));
    auto word = [&rest](std::string_view w) {
      if (rest.substr(0, w.size()) != w) return false;
      rest.remove_prefix(w.size());
      return true;
    };
    auto number = [&rest](auto& x) {
      const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), x);
      rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
      return ec == std::errc();
    };
    if (at != std::string::npos && word(": demand ") && number(d) && word(", capacity ") &&
        number(c) && word(" from month ") && number(month)) {
      b.what = line.substr(0, at);
      b.demand = d;
      b.capacity = c;
      b.from_month = month;
    } else {
      b.what = line;
    }
    out.push_back(b);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Binding& a, const Binding& b) { return a.excess() > b.excess(); });
  return out;
}

bool changes_town(const RunResult& r, const std::string& town, const std::string& variant) {
  if (variant == "baseline") return true;
  bool any = false;
  for (const Comparison& c : r.comparisons) {
    if (c.town != town || c.variant != variant) continue;
    any = true;
    for (double x : {c.diff_mean, c.diff_ci_low, c.diff_ci_high})
      if (std::isfinite(x) && x != 0) return true;
  }
  return !any;
}

std::string value_for_money_text(const Comparison& c, Language lang, bool replication_spread) {
  // The notes of comparison.csv (sim/run/statistics.cpp) in words; an unknown one as written.
  auto note = [&] {
    const std::string key = "note." + c.note, w = tr(lang, key);
    return w == key ? c.note : w;
  };
  if (!std::isfinite(c.diff_mean))  // dominant, dominated, no (clear) difference
    return c.note == "no clear difference in effect"
               ? note() + "; " + tr(lang, "vfm.effect_uncertain")
               : note();
  MetricInfo czk;
  czk.unit = "CZK";
  // Less effect for less cost: the ratio is what each household fewer saves.
  std::string s =
      tr(lang, c.note == "less effect, less cost" ? "vfm.saves_per_fewer" : "vfm.per_stabilised",
         {number_text(c.diff_mean, czk, false, lang)});
  if (std::isfinite(c.diff_ci_low) && std::isfinite(c.diff_ci_high))
    s += " [" + number_text(c.diff_ci_low, czk, false, lang) + ", " +
         number_text(c.diff_ci_high, czk, false, lang) + "]" +
         (replication_spread ? " " + tr(lang, "vfm.replication_spread") : std::string());
  if (!c.note.empty()) s += " (" + note() + ")";
  return s;
}

namespace {

std::string profile_words(const RunInfo& info, const std::string& id, Language lang) {
  for (std::size_t p = 0; p < info.profiles.size() && p < info.profile_labels.size(); ++p)
    if (info.profiles[p] == id && !info.profile_labels[p].empty())
      return text::in(info.profile_labels[p], lang);
  return id;
}

// The profiles whose reached_lease_share the variant raises most and least (paired mean
// differences), with their intervals.
std::string by_profile_text(const RunResult& r, const std::string& town, const std::string& variant,
                            Language lang) {
  const Comparison *most = nullptr, *least = nullptr;
  for (const Comparison& c : r.profile_comparisons) {
    if (c.town != town || c.variant != variant || c.cohort != "all" ||
        c.metric != "reached_lease_share" || !std::isfinite(c.diff_mean))
      continue;
    if (!most || c.diff_mean > most->diff_mean) most = &c;
    if (!least || c.diff_mean < least->diff_mean) least = &c;
  }
  if (!most || most == least) return {};
  const MetricInfo* m = nullptr;
  for (const MetricInfo& mi : r.metric_info)
    if (mi.name == "reached_lease_share" && mi.cohort == "all") m = &mi;
  if (!m) return {};
  auto part = [&](const Comparison& c) {
    const Change ch{m, c.diff_mean, c.diff_ci_low, c.diff_ci_high,
                    verdict(*m, c.diff_ci_low, c.diff_ci_high)};
    return profile_words(r.info, c.profile, lang) + " " + change_text(ch, lang);
  };
  return tr(lang, "by_profile.most_least",
            {metric_words("reached_lease_share", lang), part(*most), part(*least)});
}

std::string whole(double v);  // below

}  // namespace

// The trial arms first (docs/model.md, "Cohorts"): for each tagged cohort a variant changes,
// its households stabilised in the variant against the same households in the baseline,
// the paired difference, and a published figure beside the simulated one.
std::vector<std::string> cohort_lines(const RunResult& r, const std::string& town,
                                      const std::string& variant, Language lang) {
  std::vector<std::string> out;
  const TownVariantResult* b = r.find(town, "baseline");
  const TownVariantResult* v = r.find(town, variant);
  if (!b || !v) return out;
  auto mean = [&](const TownVariantResult* x, const std::string& metric, const std::string& c) {
    const int k = r.metric_index(metric, c);
    return k >= 0 && static_cast<std::size_t>(k) < x->metrics.size() ? x->metrics[k].mean
                                                                     : kUndefined;
  };
  for (const CohortInfo& co : r.info.cohorts) {
    const Comparison* d = nullptr;
    for (const Comparison& c : r.comparisons)
      if (c.town == town && c.variant == variant && c.cohort == co.id &&
          c.metric == "cohort_stabilized")
        d = &c;
    const int k = r.metric_index("cohort_stabilized", co.id);
    if (!d || k < 0 || !changes_town(r, town, variant)) continue;
    const MetricInfo& m = r.metric_info[k];
    const Change ch{&m, d->diff_mean, d->diff_ci_low, d->diff_ci_high,
                    verdict(m, d->diff_ci_low, d->diff_ci_high)};
    std::string s = tr(lang, "term.cohort",
                       {text::in(co.label, lang, co.id), whole(mean(v, "households", co.id)),
                        three_digits(mean(v, "cohort_stabilized", co.id)),
                        three_digits(mean(b, "cohort_stabilized", co.id)),
                        std::string(verdict_mark(ch.verdict)) + " " + change_text(ch, lang)});
    for (const CohortInfo::Published& f : co.published) {
      if (f.metric != "retention:12") continue;
      const double x = mean(v, f.metric, co.id);
      s += "; " + tr(lang, "term.cohort_retention",
                     {std::isfinite(x) ? signed_plain(100 * x, 1, false, lang) : tr(lang, "n/a"),
                      f.text.empty() ? signed_plain(100 * f.value, 1, false, lang) + " %"
                                     : text::in(f.text, lang),
                      f.fitted ? tr(lang, "term.fitted") : ""});
    }
    out.push_back(std::move(s));
  }
  return out;
}

void rank_by_value(std::vector<Binding>& b, const RunInfo& info, const std::string& town) {
  for (const MarginalValue& v : info.marginal_values) {
    std::string key = v.what;
    if (town == "*") {
      std::string tl = v.town;
      for (std::size_t t = 0; t < info.towns.size() && t < info.town_labels.size(); ++t)
        if (info.towns[t] == v.town && !info.town_labels[t].empty())
          tl = info.town_labels[t].in(info.language);
      key = tl + ": " + v.what;
    } else if (v.town != town) {
      continue;
    }
    for (Binding& x : b)
      if (x.what == key) x.value = &v;
  }
  sort_by_value(b);
}

void sort_by_value(std::vector<Binding>& b) {
  // 0: a clear gain; 1: not measured; 2: measured, no clear gain.
  auto tier = [](const Binding& x) { return !x.value ? 1 : x.value->clear_gain() ? 0 : 2; };
  auto per_czk = [](const Binding& x) {
    const double g = x.value->gain_per_mczk();
    return std::isfinite(g) ? g : std::numeric_limits<double>::infinity();
  };
  std::stable_sort(b.begin(), b.end(), [&](const Binding& x, const Binding& y) {
    const int tx = tier(x), ty = tier(y);
    if (tx != ty) return tx < ty;
    if (tx == 0) {
      const double cx = per_czk(x), cy = per_czk(y);
      if (cx != cy) return cx > cy;
      return x.value->gain > y.value->gain;
    }
    return x.excess() > y.excess();
  });
}

std::string binding_value(const Binding& b, int months, Language lang) {
  if (!b.value) return {};
  const MarginalValue& v = *b.value;
  auto households = [&](double x) { return signed_plain(x, 2, true, lang); };
  std::string s = tr(lang, v.service ? "binding.value_worker" : "binding.value_unit",
                     {households(v.gain), households(v.gain_low), households(v.gain_high),
                      std::to_string(v.replications)});
  if (v.cost_horizon > 0) {
    const double g = v.gain_per_mczk();
    s += "; " + tr(lang, "binding.value_cost",
                   {money(v.cost_horizon, "CZK", false, lang), std::to_string(months),
                    signed_plain(g, std::fabs(g) >= 10 ? 1 : 2, false, lang)});
  }
  return s;
}

std::vector<TownAnswer> answers(const RunResult& r, Language lang) {
  std::vector<TownAnswer> out;
  std::vector<std::string> towns = r.info.towns;
  if (towns.size() > 1 && r.find("*", "baseline")) towns.push_back("*");
  for (const std::string& town : towns) {
    TownAnswer ta;
    ta.town = town;
    ta.label = tr(lang, "all_towns");
    std::vector<std::string> lines;
    for (std::size_t t = 0; t < r.info.towns.size(); ++t) {
      const bool here = r.info.towns[t] == town;
      const std::string tl = t < r.info.town_labels.size()
                                 ? text::in(r.info.town_labels[t], lang, r.info.towns[t])
                                 : r.info.towns[t];
      if (here) ta.label = tl;
      if ((here || town == "*") && t < r.info.binding_constraints.size())
        for (const auto& l : r.info.binding_constraints[t])
          lines.push_back(town == "*" ? tl + ": " + l : l);
    }
    ta.binding = ranked_binding(lines);
    rank_by_value(ta.binding, r.info, town);
    if (const TownVariantResult* b = r.find(town, "baseline"))
      for (std::size_t k = 0; k < r.metric_info.size() && k < b->metrics.size(); ++k)
        if (r.metric_info[k].headline)
          ta.baseline.push_back({&r.metric_info[k], b->metrics[k].mean, b->metrics[k].ci_low,
                                 b->metrics[k].ci_high, Verdict::undefined});
    // The lead metric first, the rest in catalogue order.
    auto lead_first = [](std::vector<Change>& v) {
      std::stable_partition(v.begin(), v.end(),
                            [](const Change& c) { return c.metric->name == kLeadMetric; });
    };
    lead_first(ta.baseline);
    if (const TownVariantResult* b = r.find(town, "baseline")) {
      double start = 0, end = 0;
      bool any = false;
      for (const StageInfo& st : r.info.stages)
        for (const Series& s : b->series)
          if (st.kind == "outside" && s.name == "occupancy:" + st.id && !s.by_month.empty()) {
            start += s.by_month.front().mean;
            end += s.by_month.back().mean;
            any = true;
          }
      if (any) {
        ta.roofless_start = start;
        ta.roofless_end = end;
      }
    }
    for (const std::string& v : r.info.variants) {
      if (v == "baseline") continue;
      VariantAnswer va;
      va.id = v;
      va.label = variant_label(r.info, v, lang);
      bool any = false;
      for (const Comparison& c : r.comparisons) {
        // The headline is about every household ("all"); tagged cohorts have their tables.
        if (c.town != town || c.variant != v || c.cohort != "all") continue;
        any = true;
        if (c.metric == "icer:cohort_stabilized") {
          va.value_for_money = value_for_money_text(c, lang, !r.info.psa);
          va.value_short =
              std::isfinite(c.diff_mean) && c.note != "less effect, less cost"
                  ? tr(lang, "term.vfm", {glued(money(c.diff_mean, "CZK", false, lang))})
                  : va.value_for_money;
          // A ratio whose cost may as well be a saving says so on the short line too.
          if (std::isfinite(c.diff_mean) && c.note == "more effect, cost uncertain")
            va.value_short += " (" + tr(lang, "note." + c.note) + ")";
        }
        for (const MetricInfo& m : r.metric_info) {
          if (m.name != c.metric || m.cohort != c.cohort || !m.headline) continue;
          Change ch{&m, c.diff_mean, c.diff_ci_low, c.diff_ci_high,
                    verdict(m, c.diff_ci_low, c.diff_ci_high)};
          (is_money(m) ? va.costs : va.outcomes).push_back(ch);
        }
      }
      if (!any) continue;
      lead_first(va.outcomes);
      va.by_profile = by_profile_text(r, town, v, lang);
      if (changes_town(r, town, v))
        ta.variants.push_back(std::move(va));
      else
        ta.untouched.push_back(va.label);
    }
    out.push_back(std::move(ta));
  }
  return out;
}

// cohort.cpp marks a service's caseload in English.
std::string binding_what(const Binding& b, Language lang) {
  const std::string mark = " (caseload)";
  std::string w = b.what;
  if (w.size() > mark.size() && w.compare(w.size() - mark.size(), mark.size(), mark) == 0)
    w = w.substr(0, w.size() - mark.size()) + " " + tr(lang, "caseload");
  return w;
}

namespace {

std::string whole(double v) {
  return number_text::fixed(v, 0);
}

std::string join(const std::string& a, const std::string& sep, const std::string& b) {
  return a.empty() ? b : a + sep + b;
}

}  // namespace

std::string baseline_moves_text(const TownAnswer& ta, int months, Language lang) {
  if (!std::isfinite(ta.roofless_start) || !std::isfinite(ta.roofless_end)) return {};
  // Whether the street shrinks, said in words (issue 29), on the numbers as shown.
  const std::string from = whole(ta.roofless_start), to = whole(ta.roofless_end);
  // nearbyint rounds a tie to even, as the printed figures do.
  const double a = std::nearbyint(ta.roofless_start), b = std::nearbyint(ta.roofless_end);
  const char* trend = b > a ? "baseline.growing" : b < a ? "baseline.shrinking" : "baseline.steady";
  return tr(lang, "baseline.moves", {from, to, std::to_string(months), tr(lang, trend)});
}

std::string binding_line(const Binding& b, Language lang) {
  if (b.demand <= 0 || lang == Language::en) return b.line;
  return tr(
      lang, "town.binding_line",
      {binding_what(b, lang), whole(b.demand), whole(b.capacity), std::to_string(b.from_month)});
}

namespace {

// The terminal's layout (issue 26). Every character the answer uses is one column wide
// (Latin and Czech letters, ▲ ▼ = → …), so a line's width is its count of code points.
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// `text` in lines of at most `width` columns (0: one line), broken at spaces only: the first
// line starts with `first`, the others with `hang` spaces. A word wider than a line stands
// alone on its line.
std::vector<std::string> wrap(const std::string& text, std::size_t width, const std::string& first,
                              std::size_t hang) {
  std::vector<std::string> out;
  std::string cur = first;
  std::size_t cur_cols = columns(first);
  bool empty = true;  // no word on the current line yet
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    const std::string word = text.substr(i, j - i);
    i = j + 1;
    if (word.empty()) continue;
    const std::size_t w = columns(word);
    if (width > 0 && cur_cols + (empty ? 0 : 1) + w > width && (!empty || cur_cols > hang)) {
      out.push_back(cur);
      cur.assign(hang, ' ');
      cur_cols = hang;
      empty = true;
    }
    if (!empty) {
      cur += ' ';
      ++cur_cols;
    }
    cur += word;
    cur_cols += w;
    empty = false;
  }
  out.push_back(cur);
  for (std::string& l : out) {
    std::replace(l.begin(), l.end(), kGlue, ' ');
    while (!l.empty() && l.back() == ' ') l.pop_back();
  }
  return out;
}

// How clearly an outcome changed: the difference over its standard error, from the 95 %
// interval (half-width 1.96 standard errors); a change without spread is the clearest.
double standardised(const Change& c) {
  if (!std::isfinite(c.diff) || !std::isfinite(c.ci_low) || !std::isfinite(c.ci_high)) return 0;
  const double se = (c.ci_high - c.ci_low) / (2 * 1.959964);
  if (se <= 0) return c.diff != 0 ? std::numeric_limits<double>::infinity() : 0;
  return std::fabs(c.diff) / se;
}

// A change without its interval: its mark says whether the interval excludes 0; the intervals
// are in --verbose and the report.
std::string no_interval(Change c, Language lang) {
  c.ci_low = c.ci_high = kUndefined;
  return change_text(c, lang);
}

// The columns of a variant's line: its (at most three) clearest changes, its costs, its value
// for money; empty columns are left out.
std::vector<std::string> variant_columns(const VariantAnswer& va, Language lang) {
  std::vector<const Change*> clear;
  for (const auto& c : va.outcomes)
    if (c.verdict != Verdict::no_difference && c.verdict != Verdict::undefined) clear.push_back(&c);
  std::stable_sort(clear.begin(), clear.end(), [](const Change* a, const Change* b) {
    return standardised(*a) > standardised(*b);
  });
  if (clear.size() > 3) clear.resize(3);
  std::string outcomes, costs;
  for (const Change* c : clear)
    outcomes = join(outcomes, "; ",
                    std::string(verdict_mark(c->verdict)) + " " +
                        metric_words(c->metric->name, lang) + " " + glued(no_interval(*c, lang)));
  // The total cost only: who pays what is in --verbose and the report.
  if (!va.costs.empty())
    costs = metric_words(va.costs.front().metric->name, lang) + " " +
            glued(no_interval(va.costs.front(), lang));
  std::vector<std::string> cols;
  for (const std::string* s :
       std::initializer_list<const std::string*>{&outcomes, &costs, &va.value_short})
    if (!s->empty()) cols.push_back(*s);
  return cols;
}

// The households a town's baseline saw (households_seen): the towns shown first when the
// screen is short.
double town_households(const RunResult& r, const std::string& town) {
  const TownVariantResult* b = r.find(town, "baseline");
  const int k = r.metric_index("households_seen");
  if (!b || k < 0 || static_cast<std::size_t>(k) >= b->metrics.size()) return 0;
  const double v = b->metrics[k].mean;
  return std::isfinite(v) ? v : 0;
}

}  // namespace

std::string terminal_answer(const RunResult& r, const std::filesystem::path& out, bool report,
                            Language lang, int width, int max_rows) {
  const std::size_t w = width > 0 ? static_cast<std::size_t>(width) : 0;
  std::vector<std::string> pre, post;
  auto add = [w](std::vector<std::string>& to, const std::string& s, const std::string& first,
                 std::size_t hang) {
    for (std::string& l : wrap(s, w, first, hang)) to.push_back(std::move(l));
  };
  // The header, with the prices where the scenario states them (docs/model.md, "Prices and
  // discounting"): "..., seed 1, 2016 prices, costs and effects also discounted at 3 % a year".
  std::string header =
      tr(lang, "term.header",
         {r.info.scenario_name, std::to_string(r.info.replications), std::to_string(r.info.months),
          std::to_string(r.info.variants.size() - 1), std::to_string(r.info.seed)});
  if (r.info.price_year > 0)
    header += ", " + tr(lang, "term.prices", {std::to_string(r.info.price_year)});
  if (r.info.discount_rate > 0) {
    const std::string rate = number_text::general(100 * r.info.discount_rate);
    header += ", " + tr(lang, "term.discounted", {rate});
  }
  add(pre, header, "", 2);
  const std::vector<TownAnswer> towns = answers(r, lang);
  if (r.info.psa)
    add(pre,
        tr(lang, "term.psa",
           {std::to_string(r.info.parameter_sets), std::to_string(r.info.inner_replications)}),
        "", 2);
  if (r.info.variants.size() > 1) {
    add(pre,
        tr(lang, r.info.psa ? "term.key_psa" : "term.key",
           {verdict_mark(Verdict::better), verdict_mark(Verdict::worse),
            verdict_mark(Verdict::no_difference)}) +
            "; " + tr(lang, "term.rule"),
        "", 2);
    // Said once: the towns a variant leaves exactly as they are.
    std::string left_out;
    for (const std::string& v : r.info.variants) {
      const std::string label = variant_label(r.info, v, lang);
      std::string where;
      for (const auto& ta : towns)
        if (ta.town != "*")
          for (const auto& u : ta.untouched)
            if (u == label) where = join(where, ", ", ta.label);
      if (!where.empty()) left_out = join(left_out, "; ", label + " (" + where + ")");
    }
    if (!left_out.empty()) add(pre, tr(lang, "term.left_out", {left_out}), "", 2);
  }
  pre.push_back("");
  // The variants' labels in one column, at most a quarter of the width; a longer label has a
  // line of its own.
  std::size_t label_w = 0;
  for (const auto& ta : towns)
    for (const auto& va : ta.variants) label_w = std::max(label_w, columns(va.label) + 1);
  if (w > 0) {
    std::size_t fit = 0;
    for (const auto& ta : towns)
      for (const auto& va : ta.variants)
        if (columns(va.label) + 1 <= w / 4) fit = std::max(fit, columns(va.label) + 1);
    label_w = fit;
  }
  std::vector<std::vector<std::string>> blocks;
  for (const auto& ta : towns) {
    std::vector<std::string> block;
    std::string head;
    const Change* outcome = nullptr;
    const Change* cost = nullptr;
    for (const auto& b : ta.baseline) {
      const bool m = is_money(*b.metric);
      if (!m && !outcome) outcome = &b;
      if (m && !cost) cost = &b;
    }
    for (const Change* b : {outcome, cost})
      if (b)
        head = join(head, ", ",
                    metric_words(b->metric->name, lang) + " " +
                        glued(level_text(b->diff, *b->metric, lang)));
    // How the baseline moves, before any variant is compared with it.
    const std::string moves = baseline_moves_text(ta, r.info.months, lang);
    if (!moves.empty()) head = join(head, "; ", moves);
    if (auto fz = functional_zero_text(r, ta.town, "baseline", lang); !fz.empty())
      head = join(head, "; ", fz);
    add(block, tr(lang, "term.town", {ta.label, head}), "", 4);
    // Aligned columns where every variant's line fits the width on one row.
    std::vector<std::vector<std::string>> cols;
    std::vector<std::size_t> col_w;
    for (const auto& va : ta.variants) {
      cols.push_back(variant_columns(va, lang));
      for (std::size_t k = 0; k < cols.back().size(); ++k) {
        if (col_w.size() <= k) col_w.push_back(0);
        col_w[k] = std::max(col_w[k], columns(cols.back()[k]));
      }
    }
    std::size_t total = 2 + label_w + 1;
    for (std::size_t k = 0; k < col_w.size(); ++k) total += col_w[k] + 2;
    const bool align = w == 0 || total <= w;
    for (std::size_t v = 0; v < ta.variants.size(); ++v) {
      const VariantAnswer& va = ta.variants[v];
      std::string clear;
      for (std::size_t k = 0; k < cols[v].size(); ++k) {
        std::string c = cols[v][k];
        if (k + 1 < cols[v].size()) {
          c += ";";
          if (align) c += std::string(col_w[k] - columns(cols[v][k]), kGlue);
        }
        clear = join(clear, " ", c);
      }
      if (auto fz = functional_zero_text(r, ta.town, va.id, lang); !fz.empty())
        clear = join(clear, "; ", fz);
      const std::vector<std::string> arms = cohort_lines(r, ta.town, va.id, lang);
      if (!arms.empty()) {
        add(block, va.label + ":", "  ", 4);
        for (const std::string& a : arms) add(block, a, "    ", 6);
        add(block, clear, "    " + tr(lang, "term.all_households") + ": ", 6);
        continue;
      }
      const std::size_t lc = columns(va.label) + 1;
      if (lc <= label_w) {
        add(block, clear, "  " + va.label + ":" + std::string(label_w - lc, ' ') + " ",
            label_w + 3);
      } else {
        add(block, va.label + ":", "  ", 4);
        add(block, clear, std::string(label_w + 3, ' '), label_w + 3);
      }
    }
    blocks.push_back(std::move(block));
  }
  // The largest excess demand first, over all towns (each line names its town).
  for (const auto& ta : towns) {
    if (ta.town != "*" && towns.size() > 1) continue;
    if (ta.binding.empty()) break;
    post.push_back("");
    add(post, tr(lang, "term.binding_head"), "", 2);
    for (std::size_t k = 0; k < ta.binding.size() && k < 3; ++k) {
      const Binding& b = ta.binding[k];
      const std::string excess = number_text::fixed(b.excess(), 0, true);
      // What one more unit is worth, after the constraint.
      const std::string v = binding_value(b, r.info.months, lang);
      if (b.demand > 0)
        add(post,
            tr(lang, "term.binding",
               {std::to_string(k + 1), binding_what(b, lang), whole(b.demand), whole(b.capacity),
                excess, std::to_string(b.from_month)}) +
                (v.empty() ? "" : "; " + v),
            "  ", 5);
      else
        add(post, std::to_string(k + 1) + ". " + b.line + (v.empty() ? "" : "; " + v), "  ", 5);
    }
    if (ta.binding.size() > 3)
      add(post, tr(lang, "term.binding_more", {std::to_string(ta.binding.size() - 3)}), "  ", 4);
  }
  post.push_back("");
  if (report) add(post, tr(lang, "term.report", {(out / "report.html").string()}), "", 2);
  const std::string hm = number_text::general(static_cast<double>(r.info.household_months), 3);
  const std::string secs = number_text::fixed(r.info.simulate_seconds, 2);
  // Czech writes the count in full with grouped thousands, not as "1,23e+06".
  const std::string count =
      lang == Language::en ? hm
                           : svg::group_thousands(static_cast<double>(r.info.household_months), 0);
  add(post, tr(lang, "term.outputs", {out.string(), count, decimal(lang, secs)}), "", 2);

  // Towns beyond the screen: the total ("All towns") stays, then the towns with the most
  // households while the answer fits `max_rows`; the others are named by count.
  std::vector<bool> shown(towns.size(), true);
  std::size_t rows = pre.size() + post.size();
  for (const auto& b : blocks) rows += b.size();
  std::size_t cut = 0;
  if (max_rows > 0 && rows > static_cast<std::size_t>(max_rows)) {
    std::vector<std::size_t> order;
    // + the line naming the others (its rows with the widest count).
    std::size_t used =
        pre.size() + post.size() +
        wrap(tr(lang, "term.more_towns", {std::to_string(towns.size())}), w, "", 2).size();
    for (std::size_t t = 0; t < towns.size(); ++t) {
      if (towns[t].town == "*")
        used += blocks[t].size();
      else
        order.push_back(t);
      shown[t] = towns[t].town == "*";
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return town_households(r, towns[a].town) > town_households(r, towns[b].town);
    });
    bool full = false;
    for (std::size_t t : order) {
      if (!full && used + blocks[t].size() <= static_cast<std::size_t>(max_rows)) {
        used += blocks[t].size();
        shown[t] = true;
      } else {
        full = true;  // the largest towns, without gaps
        ++cut;
      }
    }
  }
  std::string o;
  for (const std::string& l : pre) o += l + "\n";
  for (std::size_t t = 0; t < towns.size(); ++t)
    if (shown[t])
      for (const std::string& l : blocks[t]) o += l + "\n";
  if (cut > 0)
    for (const std::string& l : wrap(tr(lang, "term.more_towns", {std::to_string(cut)}), w, "", 2))
      o += l + "\n";
  for (const std::string& l : post) o += l + "\n";
  return o;
}

}  // namespace prostup::answer

namespace prostup::detail {

std::string format_ci(double mean, double lo, double hi, const std::string& unit) {
  auto fmt = [&](double v) {
    if (std::isnan(v)) return std::string("n/a");
    if (unit == "share") return number_text::fixed(100 * v, 1) + " %";
    if (std::abs(v) >= 1e6) return number_text::fixed(v / 1e6, 2) + " M";
    if (std::abs(v) >= 100) return number_text::fixed(v, 0);
    return number_text::fixed(v, 1);
  };
  if (std::isnan(mean)) return "n/a";
  if (std::isnan(lo)) return fmt(mean);
  return fmt(mean) + " [" + fmt(lo) + ", " + fmt(hi) + "]";
}

}  // namespace prostup::detail

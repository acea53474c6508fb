#include "answer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace prostup::answer {

namespace {

bool is_money(const MetricInfo& m) {
  return m.unit.rfind("CZK", 0) == 0;
}

// A number with about three significant digits ("172", "12.5", "1.25").
std::string three_digits(double a) {
  char b[48];
  if (a >= 100 || a == 0)
    std::snprintf(b, sizeof b, "%.0f", a);
  else if (a >= 10)
    std::snprintf(b, sizeof b, "%.1f", a);
  else
    std::snprintf(b, sizeof b, "%.2f", a);
  return b;
}

std::string signed_plain(double v, int decimals, bool sign) {
  char b[48];
  std::snprintf(b, sizeof b, sign ? "%+.*f" : "%.*f", decimals, v);
  return b;
}

// A value of `m` without its unit; differences signed. Shares in percent (points).
std::string number_text(double v, const MetricInfo& m, bool sign) {
  if (!std::isfinite(v)) return "n/a";
  if (m.unit == "share") return signed_plain(100 * v, 1, sign);
  if (is_money(m)) {
    std::string s = money(v, "", sign);
    return s;
  }
  const double a = std::fabs(v);
  if (a >= 1000) {
    const std::string s = money(v, "", sign);
    return s;
  }
  return signed_plain(v, a >= 100 ? 0 : 1, sign);
}

std::string unit_suffix(const MetricInfo& m, bool difference) {
  if (m.unit == "share") return difference ? " pp" : " %";
  if (is_money(m)) return " " + m.unit;
  if (m.unit == "months") return " months";
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

std::string money(double v, const std::string& unit, bool sign) {
  if (!std::isfinite(v)) return "n/a";
  const double a = std::fabs(v);
  std::string s;
  if (a >= 1e9)
    s = three_digits(a / 1e9) + " bn";
  else if (a >= 1e6)
    s = three_digits(a / 1e6) + " M";
  else if (a >= 1e3)
    s = three_digits(a / 1e3) + " k";
  else
    s = three_digits(a);
  if (v < 0 && s != "0")
    s = "-" + s;
  else if (sign && v > 0)
    s = "+" + s;
  return unit.empty() ? s : s + " " + unit;
}

std::string level_text(double v, const MetricInfo& m) {
  if (!std::isfinite(v)) return "n/a";
  return number_text(v, m, false) + unit_suffix(m, false);
}

std::string table_text(double v, const MetricInfo& m) {
  if (!std::isfinite(v)) return "n/a";
  return number_text(v, m, false) + (m.unit == "share" ? " %" : "");
}

std::string table_unit(const MetricInfo& m) {
  if (m.unit == "share" || m.unit == "households" || m.unit == "household-months") return "";
  return m.unit;
}

std::string change_text(const Change& c) {
  const MetricInfo& m = *c.metric;
  if (!std::isfinite(c.diff)) return "n/a";
  std::string s = number_text(c.diff, m, true) + unit_suffix(m, true);
  if (std::isfinite(c.ci_low) && std::isfinite(c.ci_high))
    s += " [" + number_text(c.ci_low, m, true) + ", " + number_text(c.ci_high, m, true) + "]";
  return s;
}

std::string metric_words(const std::string& name) {
  static const std::pair<const char*, const char*> words[] = {
      {"reached_lease_share", "reached a lease"},
      {"stabilized_share", "stabilised in a lease"},
      {"median_months_to_lease", "median months to a lease"},
      {"evictions", "evictions"},
      {"returns_to_street", "returns to the street"},
      {"roofless_household_months", "household-months roofless"},
      {"mean_waiting_months", "months on a waiting list"},
      {"cost_total", "public cost"},
      {"cost_per_stabilized", "cost per stabilised household"},
      {"housed_share_end", "housed at the horizon"},
      {"months_housed_share", "share of months housed"},
      {"retention:12", "still housed 12 months after housing"},
  };
  for (const auto& [id, w] : words)
    if (name == id) return w;
  return name;
}

const char* verdict_words(Verdict v) {
  switch (v) {
    case Verdict::better:
      return "better";
    case Verdict::worse:
      return "worse";
    case Verdict::higher:
      return "higher";
    case Verdict::lower:
      return "lower";
    case Verdict::no_difference:
      return "no clear difference";
    case Verdict::undefined:
      return "undefined";
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

std::string variant_label(const RunInfo& info, const std::string& id) {
  if (id == "baseline") return "Baseline";
  for (std::size_t i = 0; i < info.variants.size() && i < info.variant_labels.size(); ++i)
    if (info.variants[i] == id && !info.variant_labels[i].empty()) return info.variant_labels[i];
  return id;
}

std::vector<Binding> ranked_binding(const std::vector<std::string>& lines) {
  std::vector<Binding> out;
  for (const std::string& line : lines) {
    Binding b;
    b.line = line;
    // "LABEL: demand D, capacity C from month M" (sim/cohort.cpp); the label may hold ": ".
    const auto at = line.rfind(": demand ");
    double d = 0, c = 0;
    int month = 0;
    if (at != std::string::npos &&
        std::sscanf(line.c_str() + at, ": demand %lf, capacity %lf from month %d", &d, &c,
                    &month) == 3) {
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

std::string value_for_money_text(const Comparison& c) {
  if (!std::isfinite(c.diff_mean)) return c.note;  // dominant, dominated, no difference
  MetricInfo czk;
  czk.unit = "CZK";
  std::string s = number_text(c.diff_mean, czk, false) + " CZK per extra household stabilised";
  if (std::isfinite(c.diff_ci_low) && std::isfinite(c.diff_ci_high))
    s += " [" + number_text(c.diff_ci_low, czk, false) + ", " +
         number_text(c.diff_ci_high, czk, false) + "]";
  if (!c.note.empty()) s += " (" + c.note + ")";
  return s;
}

namespace {

std::string profile_words(const RunInfo& info, const std::string& id) {
  for (std::size_t p = 0; p < info.profiles.size() && p < info.profile_labels.size(); ++p)
    if (info.profiles[p] == id && !info.profile_labels[p].empty()) return info.profile_labels[p];
  return id;
}

// The profiles whose reached_lease_share the variant raises most and least (paired mean
// differences), with their intervals.
std::string by_profile_text(const RunResult& r, const std::string& town,
                            const std::string& variant) {
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
    return profile_words(r.info, c.profile) + " " + change_text(ch);
  };
  return metric_words("reached_lease_share") + ": most " + part(*most) + ", least " + part(*least);
}

}  // namespace

std::vector<TownAnswer> answers(const RunResult& r) {
  std::vector<TownAnswer> out;
  std::vector<std::string> towns = r.info.towns;
  if (towns.size() > 1 && r.find("*", "baseline")) towns.push_back("*");
  for (const std::string& town : towns) {
    TownAnswer ta;
    ta.town = town;
    ta.label = "All towns";
    std::vector<std::string> lines;
    for (std::size_t t = 0; t < r.info.towns.size(); ++t) {
      const bool here = r.info.towns[t] == town;
      const std::string tl = t < r.info.town_labels.size() && !r.info.town_labels[t].empty()
                                 ? r.info.town_labels[t]
                                 : r.info.towns[t];
      if (here) ta.label = tl;
      if ((here || town == "*") && t < r.info.binding_constraints.size())
        for (const auto& l : r.info.binding_constraints[t])
          lines.push_back(town == "*" ? tl + ": " + l : l);
    }
    ta.binding = ranked_binding(lines);
    if (const TownVariantResult* b = r.find(town, "baseline"))
      for (std::size_t k = 0; k < r.metric_info.size() && k < b->metrics.size(); ++k)
        if (r.metric_info[k].headline)
          ta.baseline.push_back({&r.metric_info[k], b->metrics[k].mean, b->metrics[k].ci_low,
                                 b->metrics[k].ci_high, Verdict::undefined});
    for (const std::string& v : r.info.variants) {
      if (v == "baseline") continue;
      VariantAnswer va;
      va.id = v;
      va.label = variant_label(r.info, v);
      bool any = false;
      for (const Comparison& c : r.comparisons) {
        // The headline is about every household ("all"); tagged cohorts have their tables.
        if (c.town != town || c.variant != v || c.cohort != "all") continue;
        any = true;
        if (c.metric == "icer:stabilized") va.value_for_money = value_for_money_text(c);
        for (const MetricInfo& m : r.metric_info) {
          if (m.name != c.metric || m.cohort != c.cohort || !m.headline) continue;
          Change ch{&m, c.diff_mean, c.diff_ci_low, c.diff_ci_high,
                    verdict(m, c.diff_ci_low, c.diff_ci_high)};
          (is_money(m) ? va.costs : va.outcomes).push_back(ch);
        }
      }
      if (!any) continue;
      va.by_profile = by_profile_text(r, town, v);
      if (changes_town(r, town, v))
        ta.variants.push_back(std::move(va));
      else
        ta.untouched.push_back(va.label);
    }
    out.push_back(std::move(ta));
  }
  return out;
}

}  // namespace prostup::answer

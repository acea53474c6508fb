// SPDX-License-Identifier: Apache-2.0
// The report's charts, each an SVG document drawn from the result structs. Every drawn
// series carries a data-series attribute naming what it shows, so tests (and people with a
// text editor) can find it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "answer.hpp"
#include "prostup/number_text.hpp"
#include "prostup/runner.hpp"
#include "report.hpp"
#include "strings.hpp"
#include "svg.hpp"

namespace prostup::report {

namespace {

using svg::coord;
using svg::Document;
using svg::escape;
using svg::Frame;
using svg::LegendItem;
using svg::PathData;
using text::tr;

constexpr double kWidth = 860;
constexpr double kLegendX = 610;
constexpr const char* kHalo = " paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\"";

const TownVariantResult* find_row(const RunResult& r, const std::string& town,
                                  const std::string& variant) {
  for (const auto& tv : r.results)
    if (tv.town == town && tv.variant == variant) return &tv;
  return nullptr;
}

const Series* find_series(const TownVariantResult& tv, const std::string& name) {
  for (const auto& s : tv.series)
    if (s.name == name) return &s;
  return nullptr;
}

double finite_or(double v, double fallback) {
  return std::isfinite(v) ? v : fallback;
}

// A short label for a count on a diagram: 168, 24, 3.3, 0.15.
std::string compact(double v, Language lang) {
  if (std::fabs(v) >= 10) return svg::group_thousands(v, 0);
  if (std::fabs(v) >= 1) return text::decimal(lang, svg::group_thousands(v, 1));
  return text::decimal(lang, number_text::general(v, 2));
}

std::string attr(std::string_view name, std::string_view value) {
  return std::string(name) + "=\"" + escape(value) + "\"";
}

// What the charts' means and intervals are over: replications, or under input uncertainty
// (PSA) the drawn parameter sets.
std::string reps_note(const RunResult& r, Language lang) {
  if (r.info.psa && r.info.parameter_sets > 0)
    return text::plural(lang, "chart.sets", r.info.parameter_sets);
  return text::plural(lang, "chart.reps", r.info.replications);
}

// Months on the x axis: ticks every 1, 2, 3, 6, 12, ... months, domain exactly [0, months].
void fit_months(Frame& f, int months) {
  months = std::max(1, months);
  int step = 1;
  for (int s : {1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 600}) {
    step = s;
    if (months / s <= 8) break;
  }
  f.x_ticks.clear();
  for (int t = 0; t <= months; t += step) f.x_ticks.push_back(t);
  f.x = {0, static_cast<double>(months), f.left, f.right()};
}

// A line through the defined points; undefined months break the line.
PathData polyline(const std::vector<double>& xs, const std::vector<double>& ys, const Frame& f) {
  PathData d;
  bool pen = false;
  for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
    if (!std::isfinite(ys[i])) {
      pen = false;
      continue;
    }
    if (pen)
      d.line(f.x(xs[i]), f.y(ys[i]));
    else
      d.move(f.x(xs[i]), f.y(ys[i]));
    pen = true;
  }
  return d;
}

// A band between lo and hi over the points where both are defined (one closed shape per
// defined run of points).
PathData band(const std::vector<double>& xs, const std::vector<double>& lo,
              const std::vector<double>& hi, const Frame& f) {
  PathData d;
  std::size_t i = 0;
  const std::size_t n = std::min({xs.size(), lo.size(), hi.size()});
  while (i < n) {
    while (i < n && !(std::isfinite(lo[i]) && std::isfinite(hi[i]))) ++i;
    std::size_t j = i;
    while (j < n && std::isfinite(lo[j]) && std::isfinite(hi[j])) ++j;
    if (j > i) {
      d.move(f.x(xs[i]), f.y(hi[i]));
      for (std::size_t k = i + 1; k < j; ++k) d.line(f.x(xs[k]), f.y(hi[k]));
      for (std::size_t k = j; k-- > i;) d.line(f.x(xs[k]), f.y(lo[k]));
      d.close();
    }
    i = j;
  }
  return d;
}

void no_data_note(Document& doc, const Frame& f, std::string_view note) {
  doc.text(f.left + f.width / 2, f.top + f.height / 2, note,
           "text-anchor=\"middle\" fill=\"#555555\" font-style=\"italic\"");
}

}  // namespace

FeasibleRange feasible_range(const std::string& unit) {
  if (unit == "share") return {0, 1};
  if (unit == "households" || unit == "household-months" || unit == "months" ||
      unit == "case-months" || unit == "CZK" || unit == "CZK per household")
    return {0, INFINITY};
  return {};
}

std::string chart_prefix(const std::string& file) {
  std::string p = "c-";
  for (char c : file) p += (c == '.' ? '-' : c);
  return p;
}

namespace {

std::string guess_unit(const std::string& metric) {
  if (metric.size() >= 6 && metric.compare(metric.size() - 6, 6, "_share") == 0) return "share";
  if (metric == "cost_per_stabilized") return "CZK per household";
  if (metric.rfind("cost", 0) == 0) return "CZK";
  if (metric.find("months") != std::string::npos) return "months";
  return "households";
}

std::string unit_of(const RunResult& r, const std::string& metric) {
  const MetricInfo* mi = metric_info(r, metric);
  return mi && !mi->unit.empty() ? mi->unit : guess_unit(metric);
}

std::string axis_title(const std::string& what, const AxisUnit& u) {
  return u.label.empty() ? what : what + " (" + u.label + ")";
}

// The variants drawn for a town: the baseline and those that change something there, in
// scenario order; the others are named once in a "same as baseline" legend entry.
std::vector<std::string> drawn_variants(const RunResult& r, const std::string& town,
                                        std::vector<std::string>* same, Language lang) {
  std::vector<std::string> out;
  for (const auto& v : r.info.variants) {
    if (answer::changes_town(r, town, v))
      out.push_back(v);
    else if (same)
      same->push_back(variant_label(r, v, lang));
  }
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// A step line: the value holds for the whole month, then jumps (capacities change in steps).
PathData step_line(const std::vector<double>& xs, const std::vector<double>& ys, const Frame& f) {
  PathData d;
  bool pen = false;
  for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
    if (!std::isfinite(ys[i])) {
      pen = false;
      continue;
    }
    if (!pen)
      d.move(f.x(xs[i]), f.y(ys[i]));
    else
      d.line(f.x(xs[i]), f.y(ys[i - 1])).line(f.x(xs[i]), f.y(ys[i]));
    pen = true;
  }
  return d;
}

// The baseline's total in `town` of the series named by `prefix` + stage id, by month.
std::vector<double> baseline_total(const RunResult& r, const std::string& town,
                                   const std::string& prefix) {
  std::vector<double> total;
  const TownVariantResult* b = find_row(r, town, "baseline");
  if (!b) return total;
  for (const auto& st : r.info.stages)
    if (const Series* s = find_series(*b, prefix + st.id)) {
      if (total.size() < s->by_month.size()) total.resize(s->by_month.size(), 0);
      for (std::size_t t = 0; t < s->by_month.size(); ++t)
        total[t] += std::max(0.0, finite_or(s->by_month[t].mean, 0));
    }
  return total;
}

// The baseline's mark, drawn last so nothing hides it: black, with a white halo.
void baseline_line(Document& doc, const std::string& d, const std::string& series, bool dashed) {
  doc.path(d, "fill=\"none\" stroke=\"#ffffff\" stroke-width=\"5\" stroke-opacity=\"0.8\"");
  doc.path(d, "class=\"baseline\" " + attr("data-series", series) +
                  " fill=\"none\" stroke=\"#000000\" stroke-width=\"2\"" +
                  (dashed ? " stroke-dasharray=\"8 4\"" : ""));
}

}  // namespace

Chart occupancy_chart(const RunResult& r, const TownVariantResult& tv, Language lang) {
  Chart c;
  c.file = "occupancy_" + file_id(tv.town) + "_" + file_id(tv.variant) + ".svg";
  c.title = tr(lang, "chart.occupancy.title",
               {town_label(r, tv.town, lang), variant_label(r, tv.variant, lang)});
  const std::size_t S = r.info.stages.size();
  std::size_t M1 = 0;
  for (const auto& s : tv.series) M1 = std::max(M1, s.by_month.size());
  const int months = M1 > 0 ? static_cast<int>(M1) - 1 : r.info.months;

  // Stack in scenario order: the first stage (usually the street) at the bottom.
  std::vector<std::vector<double>> lower(S, std::vector<double>(M1, 0)), upper = lower;
  std::vector<const Series*> occ(S, nullptr);
  std::vector<double> base(M1, 0);
  double top = 0, cap_top = 0;
  for (std::size_t s = 0; s < S; ++s) {
    occ[s] = find_series(tv, "occupancy:" + r.info.stages[s].id);
    for (std::size_t t = 0; t < M1; ++t) {
      lower[s][t] = base[t];
      const double v = occ[s] && t < occ[s]->by_month.size()
                           ? std::max(0.0, finite_or(occ[s]->by_month[t].mean, 0))
                           : 0;
      base[t] += v;
      upper[s][t] = base[t];
      top = std::max(top, base[t]);
      if (occ[s] && t < occ[s]->capacity.size())
        cap_top = std::max(cap_top, lower[s][t] + finite_or(occ[s]->capacity[t], 0));
    }
  }
  // A stage is drawn and listed where this variant has it: some household in it at some month,
  // or places (a stage only a variant adds, as Brno's Housing First flats, is not in the
  // baseline's chart or legend).
  std::vector<bool> drawn(S, false);
  for (std::size_t s = 0; s < S; ++s)
    if (occ[s]) {
      for (const auto& p : occ[s]->by_month) drawn[s] = drawn[s] || finite_or(p.mean, 0) > 0;
      for (double c : occ[s]->capacity) drawn[s] = drawn[s] || finite_or(c, 0) > 0;
    }
  // A very large capacity (leases) would flatten everything else: clip its line.
  const double y_max = std::max({1.0, top, std::min(cap_top, 1.5 * top)});

  Frame f;
  fit_months(f, months);
  svg::fit_y(f, 0, y_max);
  Document doc(kWidth, 420, c.title, chart_prefix(c.file));
  svg::draw_frame(doc, f, c.title, tr(lang, "chart.month"),
                  tr(lang, "chart.occupancy.y", {reps_note(r, lang)}), 1, 1, lang == Language::cs);
  const std::string clip = svg::clip_to_frame(doc, f);
  std::vector<double> xs(M1);
  for (std::size_t t = 0; t < M1; ++t) xs[t] = static_cast<double>(t);

  doc.open("g class=\"areas\" clip-path=\"url(#" + clip + ")\"");
  for (std::size_t s = 0; s < S; ++s) {
    if (!drawn[s]) continue;
    const auto& st = r.info.stages[s];
    PathData d = band(xs, lower[s], upper[s], f);
    doc.path(d.str(), attr("data-series", "occupancy:" + st.id) + " fill=\"" +
                          svg::stage_colour(s) +
                          "\" fill-opacity=\"0.85\" stroke=\"#ffffff\" stroke-width=\"0.5\"");
  }
  doc.close("g");
  doc.open("g class=\"capacity\" clip-path=\"url(#" + clip + ")\" fill=\"none\"");
  bool any_capacity = false;
  for (std::size_t s = 0; s < S; ++s) {
    if (!occ[s] || occ[s]->capacity.empty()) continue;
    any_capacity = true;
    std::vector<double> line(M1, kUndefined);
    for (std::size_t t = 0; t < M1 && t < occ[s]->capacity.size(); ++t)
      line[t] = lower[s][t] + occ[s]->capacity[t];
    const std::string d = step_line(xs, line, f).str();
    // A white halo keeps the dashed line visible over bands of any colour.
    doc.path(d, "stroke=\"#ffffff\" stroke-width=\"4\" stroke-opacity=\"0.8\"");
    doc.path(d, attr("data-series", "capacity:" + r.info.stages[s].id) + " stroke=\"" +
                    svg::stage_colour(s) + "\" stroke-width=\"2\" stroke-dasharray=\"7 4\"");
  }
  doc.close("g");

  // Everyone in the system under the baseline, on top: the reference in every variant's chart.
  const std::vector<double> base_total = baseline_total(r, tv.town, "occupancy:");
  {
    std::vector<double> bx(base_total.size());
    for (std::size_t t = 0; t < bx.size(); ++t) bx[t] = static_cast<double>(t);
    doc.open("g clip-path=\"url(#" + clip + ")\"");
    baseline_line(doc, polyline(bx, base_total, f).str(), "occupancy_total:baseline",
                  tv.variant != "baseline");
    doc.close("g");
  }
  std::vector<LegendItem> items;
  items.push_back({tr(lang, "chart.occupancy.all_baseline"), "#000000",
                   tv.variant == "baseline" ? LegendItem::line : LegendItem::dashed});
  for (std::size_t s = S; s-- > 0;)
    if (drawn[s])
      items.push_back({text::in(r.info.stages[s].label, lang, r.info.stages[s].id),
                       svg::stage_colour(s), LegendItem::swatch});
  if (any_capacity)
    items.push_back({tr(lang, "chart.occupancy.capacity"), "#555555", LegendItem::dashed});
  svg::draw_legend(doc, kLegendX, f.top + 10, items);
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.occupancy.how");
  return c;
}

Chart waiting_chart(const RunResult& r, const TownVariantResult& tv, Language lang) {
  Chart c;
  c.file = "waiting_" + file_id(tv.town) + "_" + file_id(tv.variant) + ".svg";
  c.title = tr(lang, "chart.waiting.title",
               {town_label(r, tv.town, lang), variant_label(r, tv.variant, lang)});
  std::size_t M1 = 0;
  for (const auto& s : tv.series) M1 = std::max(M1, s.by_month.size());
  struct Line {
    std::size_t stage;
    const Series* s;
  };
  std::vector<Line> lines;
  double y_max = 0;
  for (std::size_t s = 0; s < r.info.stages.size(); ++s) {
    const Series* w = find_series(tv, "waiting:" + r.info.stages[s].id);
    if (!w) continue;
    double peak = 0;
    for (const auto& p : w->by_month)
      peak = std::max({peak, finite_or(p.mean, 0), finite_or(p.ci_high, 0)});
    if (peak <= 0) continue;
    y_max = std::max(y_max, peak);
    lines.push_back({s, w});
  }
  {
    double total = 0;
    for (double v : baseline_total(r, tv.town, "waiting:")) total = std::max(total, v);
    y_max = std::max(y_max, total);
  }
  Frame f;
  fit_months(f, M1 > 0 ? static_cast<int>(M1) - 1 : r.info.months);
  svg::fit_y(f, 0, std::max(1.0, y_max));
  Document doc(kWidth, 420, c.title, chart_prefix(c.file));
  svg::draw_frame(doc, f, c.title, tr(lang, "chart.month"),
                  tr(lang, "chart.waiting.y", {reps_note(r, lang)}), 1, 1, lang == Language::cs);
  std::vector<LegendItem> items;
  if (lines.empty()) no_data_note(doc, f, tr(lang, "chart.waiting.none"));
  const FeasibleRange counts = feasible_range("households");
  for (const auto& l : lines) {
    std::vector<double> xs, mean, lo, hi;
    for (std::size_t t = 0; t < l.s->by_month.size(); ++t) {
      xs.push_back(static_cast<double>(t));
      // A list is never shorter than empty: the band stops at 0 (timeseries.csv keeps the
      // interval as computed).
      mean.push_back(l.s->by_month[t].mean);
      lo.push_back(counts.clip(l.s->by_month[t].ci_low));
      hi.push_back(counts.clip(l.s->by_month[t].ci_high));
    }
    const std::string colour = svg::stage_colour(l.stage);
    const std::string& id = r.info.stages[l.stage].id;
    doc.path(band(xs, lo, hi, f).str(),
             attr("data-band", "waiting:" + id) + " fill=\"" + colour + "\" fill-opacity=\"0.2\"");
    doc.path(polyline(xs, mean, f).str(), attr("data-series", "waiting:" + id) +
                                              " fill=\"none\" stroke=\"" + colour +
                                              "\" stroke-width=\"2.5\"");
    items.push_back(
        {tr(lang, "chart.waiting.for", {stage_label(r, id, lang)}), colour, LegendItem::line});
  }
  if (!lines.empty())
    items.push_back({tr(lang, "chart.shaded_ci_mean"), "#bbbbbb", LegendItem::swatch});
  {
    const std::vector<double> base_total = baseline_total(r, tv.town, "waiting:");
    std::vector<double> bx(base_total.size());
    for (std::size_t t = 0; t < bx.size(); ++t) bx[t] = static_cast<double>(t);
    baseline_line(doc, polyline(bx, base_total, f).str(), "waiting_total:baseline", true);
    items.push_back({tr(lang, "chart.waiting.all_baseline"), "#000000", LegendItem::dashed});
  }
  svg::draw_legend(doc, kLegendX, f.top + 10, items);
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.waiting.how");
  return c;
}

Chart time_to_lease_chart(const RunResult& r, const std::string& town, Language lang) {
  Chart c;
  c.file = "time_to_lease_" + file_id(town) + ".svg";
  c.title = tr(lang, "chart.lease.title", {town_label(r, town, lang)});
  int months = 1;
  double y_max = 0.05;
  std::vector<const TownVariantResult*> rows;
  std::vector<std::string> same;
  const std::vector<std::string> drawn = drawn_variants(r, town, &same, lang);
  // Variants first, the baseline last: on top, where nothing can hide it.
  std::vector<std::string> order(drawn.begin() + (drawn.empty() ? 0 : 1), drawn.end());
  if (!drawn.empty()) order.push_back(drawn.front());
  for (const auto& v : order)
    if (const auto* tv = find_row(r, town, v)) {
      rows.push_back(tv);
      for (const auto& p : tv->time_to_lease) {
        months = std::max(months, p.month);
        y_max = std::max(
            {y_max, finite_or(p.cum_incidence, 0), finite_or(std::min(1.0, p.ci_high), 0)});
      }
    }
  Frame f;
  fit_months(f, months);
  svg::fit_y(f, 0, std::min(1.0, y_max));
  Document doc(kWidth, 420, c.title, chart_prefix(c.file));
  svg::draw_frame(doc, f, c.title, tr(lang, "chart.lease.x"), tr(lang, "chart.lease.y"), 1, 100,
                  lang == Language::cs);
  std::vector<LegendItem> items;
  for (const auto* tv : rows) {
    std::vector<double> xs, mean, lo, hi;
    // A cumulative incidence lies in 0..1: the band is clipped to it (time_to_lease.csv keeps
    // the interval as computed).
    const FeasibleRange share = feasible_range("share");
    for (const auto& p : tv->time_to_lease) {
      xs.push_back(p.month);
      mean.push_back(p.cum_incidence);
      lo.push_back(share.clip(p.ci_low));
      hi.push_back(share.clip(p.ci_high));
    }
    const svg::OptionStyle style = svg::option_style(variant_index(r, tv->variant));
    const std::string colour = style.colour;
    doc.path(band(xs, lo, hi, f).str(), attr("data-band", "time_to_lease:" + tv->variant) +
                                            " fill=\"" + colour + "\" fill-opacity=\"0.15\"");
    if (tv->variant == "baseline") {
      baseline_line(doc, polyline(xs, mean, f).str(), "time_to_lease:baseline", false);
      continue;
    }
    doc.path(polyline(xs, mean, f).str(),
             attr("data-series", "time_to_lease:" + tv->variant) + " fill=\"none\" stroke=\"" +
                 colour + "\" stroke-width=\"2.5\"" + svg::dash_attribute(style.dash));
  }
  // The legend in scenario order, the baseline first.
  for (const auto& v : drawn) {
    const svg::OptionStyle style = svg::option_style(variant_index(r, v));
    items.push_back(
        {variant_label(r, v, lang), style.colour, LegendItem::line, style.marker, style.dash});
  }
  // Variants that change nothing here: one legend line each, so long labels fit.
  if (!same.empty()) items.push_back({tr(lang, "chart.same_as_baseline"), "", LegendItem::line});
  for (std::size_t k = 0; k < same.size(); ++k)
    items.push_back({same[k], "#000000", LegendItem::line});
  if (rows.empty()) no_data_note(doc, f, tr(lang, "chart.no_data_town"));
  items.push_back({tr(lang, "chart.shaded_ci"), "#bbbbbb", LegendItem::swatch});
  svg::draw_legend(doc, kLegendX, f.top + 10, items);
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.lease.how");
  return c;
}

std::optional<Chart> forest_chart(const RunResult& r, const std::string& town, Language lang) {
  std::vector<std::string> variants, same;
  for (const auto& v : drawn_variants(r, town, &same, lang))
    if (v != "baseline") variants.push_back(v);
  if (variants.empty()) return std::nullopt;
  std::vector<const MetricInfo*> metrics;
  for (const auto& m : r.metric_info)
    if (m.headline) metrics.push_back(&m);
  auto find_cmp = [&](const std::string& v, const std::string& metric) -> const Comparison* {
    for (const auto& c : r.comparisons)
      if (c.town == town && c.variant == v && c.metric == metric) return &c;
    return nullptr;
  };
  bool any = false;
  for (const auto& v : variants)
    for (const auto* m : metrics) any = any || find_cmp(v, m->name);
  if (!any) return std::nullopt;

  Chart c;
  c.file = "forest_" + file_id(town) + ".svg";
  c.title = tr(lang, "chart.forest.title", {town_label(r, town, lang)});
  const double row_h = 22, head_h = 26, axis_h = 36, gap = 14;
  const double panel_h = head_h + row_h * static_cast<double>(variants.size()) + axis_h;
  // The legend sits under the subtitle: variant ids can be long.
  const double legend_h = 18 * 4 + 8;
  const double height = 70 + legend_h + static_cast<double>(metrics.size()) * (panel_h + gap) + 10;
  const double left = 230, plot_w = 380;
  Document doc(kWidth, height, c.title, chart_prefix(c.file));
  doc.fitted_text(20, 24, c.title, kWidth - 40, "font-size=\"15\" font-weight=\"bold\"", 16);
  doc.text(20, 44, tr(lang, "chart.forest.subtitle", {reps_note(r, lang)}), "fill=\"#333333\"");
  // Colour says the verdict, the same in every panel: green better, orange-red worse, grey
  // no clear difference; the variant is named on each row.
  std::vector<LegendItem> legend{
      {tr(lang, "chart.forest.better"), svg::kGreen, LegendItem::point},
      {tr(lang, "chart.forest.worse"), svg::kVermillion, LegendItem::point},
      {tr(lang, "chart.forest.unclear"), svg::kGrey, LegendItem::point}};
  legend.push_back({same.empty() ? tr(lang, "chart.forest.zero")
                                 : tr(lang, "chart.forest.zero_left_out", {joined(same)}),
                    "#000000", LegendItem::dashed});
  svg::draw_legend(doc, 20, 70, legend);

  double y0 = 70 + legend_h;
  for (const auto* m : metrics) {
    double lo = 0, hi = 0;
    for (const auto& v : variants)
      if (const Comparison* cm = find_cmp(v, m->name))
        for (double x : {cm->diff_mean, cm->diff_ci_low, cm->diff_ci_high})
          if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);
    const AxisUnit u = axis_unit(m->unit, std::max(std::fabs(lo), std::fabs(hi)), true, lang);
    Frame f;
    f.left = left;
    f.width = plot_w;
    f.top = y0 + head_h;
    f.height = row_h * static_cast<double>(variants.size());
    svg::fit_x(f, lo, hi, 5);
    const std::string name = metric_label(r, m->name, lang);
    const std::string heading =
        m->better == Better::higher  ? tr(lang, "chart.forest.higher_better", {name})
        : m->better == Better::lower ? tr(lang, "chart.forest.lower_better", {name})
                                     : name;
    doc.open("g " + attr("data-metric", m->name));
    doc.fitted_text(20, y0 + 16, heading, kWidth - 40, "font-weight=\"bold\"", 13);
    doc.rect(f.left, f.top, f.width, f.height, "fill=\"#f6f6f6\"");
    doc.open("g stroke=\"#333333\" stroke-width=\"1\"");
    doc.line(f.left, f.bottom(), f.right(), f.bottom(), "");
    for (double t : f.x_ticks) doc.line(f.x(t), f.bottom(), f.x(t), f.bottom() + 4, "");
    doc.close("g");
    const double step = f.x_ticks.size() > 1 ? (f.x_ticks[1] - f.x_ticks[0]) * u.factor : 1;
    for (double t : f.x_ticks)
      doc.text(f.x(t), f.bottom() + 16, text::decimal(lang, svg::tick_label(t * u.factor, step)),
               "text-anchor=\"middle\" fill=\"#333333\" font-size=\"11\"");
    doc.text(f.left + f.width / 2, f.bottom() + 30, tr(lang, "chart.forest.x", {u.label}),
             "text-anchor=\"middle\" font-size=\"11\"");
    for (std::size_t i = 0; i < variants.size(); ++i) {
      const double cy = f.top + row_h * (static_cast<double>(i) + 0.5);
      const Comparison* cm = find_cmp(variants[i], m->name);
      const answer::Verdict verdict =
          cm ? answer::verdict(*m, cm->diff_ci_low, cm->diff_ci_high) : answer::Verdict::undefined;
      const std::string colour = verdict == answer::Verdict::better  ? svg::kGreen
                                 : verdict == answer::Verdict::worse ? svg::kVermillion
                                                                     : svg::kGrey;
      // The label ends 10 px left of the plot and must start inside the chart.
      const std::string label = variant_label(r, variants[i], lang);
      doc.fitted_text(f.left - 10, cy + 4, label, f.left - 10 - 6, "text-anchor=\"end\"", 12,
                      tr(lang, "summary.variant_id", {variants[i]}) + " " + label);
      if (!cm || !std::isfinite(cm->diff_mean)) {
        doc.text(f.left + 8, cy + 4,
                 tr(lang, r.info.psa ? "chart.forest.undefined_sets" : "chart.forest.undefined"),
                 "fill=\"#555555\" font-style=\"italic\"");
        continue;
      }
      doc.open("g " + attr("data-series", "diff:" + m->name + ":" + variants[i]));
      if (std::isfinite(cm->diff_ci_low) && std::isfinite(cm->diff_ci_high)) {
        doc.line(f.x(cm->diff_ci_low), cy, f.x(cm->diff_ci_high), cy,
                 "stroke=\"" + colour + "\" stroke-width=\"2\"");
        for (double x : {cm->diff_ci_low, cm->diff_ci_high})
          doc.line(f.x(x), cy - 5, f.x(x), cy + 5, "stroke=\"" + colour + "\" stroke-width=\"2\"");
      }
      doc.circle(f.x(cm->diff_mean), cy, 5, "fill=\"" + colour + "\"");
      doc.close("g");
      if (std::isfinite(cm->share_better) && m->better != Better::none)
        doc.text(f.right() + 12, cy + 4,
                 tr(lang, r.info.psa ? "chart.forest.better_in_sets" : "chart.forest.better_in",
                    {svg::group_thousands(cm->share_better * 100, 0)}),
                 "fill=\"#333333\" font-size=\"11\"");
    }
    // Zero difference (the baseline) on top of the whiskers.
    doc.line(f.x(0), f.top - 4, f.x(0), f.bottom() + 4,
             "class=\"baseline\" stroke=\"#000000\" stroke-width=\"1.5\" "
             "stroke-dasharray=\"4 3\" data-zero=\"true\"");
    doc.close("g");
    y0 += panel_h + gap;
  }
  c.svg = doc.str();
  c.how_to_read = tr(lang, r.info.psa ? "chart.forest.how_sets" : "chart.forest.how");
  return c;
}

std::string profile_label(const RunResult& r, const std::string& id, Language lang) {
  for (std::size_t p = 0; p < r.info.profiles.size(); ++p)
    if (r.info.profiles[p] == id && p < r.info.profile_labels.size() &&
        !r.info.profile_labels[p].empty())
      return text::in(r.info.profile_labels[p], lang);
  return id;
}

std::optional<Chart> profile_lease_chart(const RunResult& r, const std::string& town,
                                         Language lang) {
  const MetricInfo* share = metric_info(r, "reached_lease_share");
  if (r.info.profiles.size() < 2 || !share) return std::nullopt;
  const std::size_t k = static_cast<std::size_t>(share - r.metric_info.data());
  std::vector<std::string> same;
  const std::vector<std::string> drawn = drawn_variants(r, town, &same, lang);
  bool any = false;
  for (const auto& p : r.info.profiles) any = any || r.find(town, "baseline", p);
  if (!any) return std::nullopt;

  Chart c;
  c.file = "lease_by_profile_" + file_id(town) + ".svg";
  c.title = tr(lang, "chart.profile.title", {town_label(r, town, lang)});
  // Each profile a band: its label on top (labels are long), then a row per variant; the
  // variants are told apart by colour, as in the legend.
  const double row_h = 16, head_h = 20, group_gap = 10, top = 70;
  const double legend_h = 18 * static_cast<double>(drawn.size() + 1 + same.size()) + 8;
  const double group_h = head_h + row_h * static_cast<double>(drawn.size());
  const double plot_h =
      static_cast<double>(r.info.profiles.size()) * (group_h + group_gap) - group_gap;
  const double height = top + legend_h + plot_h + 56;
  Frame f;
  f.left = 40;
  f.width = 620;
  f.top = top + legend_h;
  f.height = plot_h;
  double hi = 0.05;
  for (const auto& p : r.info.profiles)
    for (const auto& v : drawn)
      if (const TownVariantResult* tv = r.find(town, v, p); tv && k < tv->metrics.size())
        hi = std::max({hi, finite_or(tv->metrics[k].mean, 0),
                       finite_or(std::min(1.0, tv->metrics[k].ci_high), 0)});
  svg::fit_x(f, 0, std::min(1.0, hi), 5);
  Document doc(kWidth, height, c.title, chart_prefix(c.file));
  doc.fitted_text(20, 24, c.title, kWidth - 40, "font-size=\"15\" font-weight=\"bold\"", 16);
  doc.text(20, 44, tr(lang, "chart.profile.subtitle", {reps_note(r, lang)}), "fill=\"#333333\"");
  std::vector<LegendItem> legend;
  for (const auto& v : drawn)
    legend.push_back({variant_label(r, v, lang), svg::variant_colour(variant_index(r, v)),
                      LegendItem::point, svg::option_style(variant_index(r, v)).marker});
  for (const auto& v : same)
    legend.push_back({tr(lang, "chart.same_as_baseline_one", {v}), "#000000", LegendItem::point});
  legend.push_back({tr(lang, "chart.whiskers"), "#bbbbbb", LegendItem::line});
  svg::draw_legend(doc, 20, 60, legend);
  doc.rect(f.left, f.top, f.width, f.height, "fill=\"#f6f6f6\"");
  doc.open("g stroke=\"#333333\" stroke-width=\"1\"");
  doc.line(f.left, f.bottom(), f.right(), f.bottom(), "");
  for (double t : f.x_ticks) doc.line(f.x(t), f.bottom(), f.x(t), f.bottom() + 4, "");
  doc.close("g");
  const double step = f.x_ticks.size() > 1 ? (f.x_ticks[1] - f.x_ticks[0]) * 100 : 1;
  for (double t : f.x_ticks)
    doc.text(f.x(t), f.bottom() + 16, text::decimal(lang, svg::tick_label(t * 100, step)),
             "text-anchor=\"middle\" fill=\"#333333\" font-size=\"11\"");
  doc.text(f.left + f.width / 2, f.bottom() + 32, tr(lang, "chart.profile.x"),
           "text-anchor=\"middle\" font-size=\"11\"");
  double y = f.top;
  for (const auto& p : r.info.profiles) {
    if (y > f.top)
      doc.line(f.left, y - group_gap / 2, f.right(), y - group_gap / 2,
               "stroke=\"#ffffff\" stroke-width=\"2\"");
    doc.open("text x=\"" + coord(f.left + 6) + "\" y=\"" + coord(y + 14) +
             "\" font-weight=\"bold\"");
    doc.raw("<title>" + escape(tr(lang, "chart.profile.id", {p})) + "</title>" +
            escape(profile_label(r, p, lang)));
    doc.close("text");
    // Variants first, the baseline last: on top, where nothing can hide it.
    for (std::size_t i = drawn.size(); i-- > 0;) {
      const std::string& v = drawn[i];
      const double cy = y + head_h + row_h * (static_cast<double>(i) + 0.5);
      const TownVariantResult* tv = r.find(town, v, p);
      if (!tv || k >= tv->metrics.size() || !std::isfinite(tv->metrics[k].mean)) continue;
      const Summary& s = tv->metrics[k];
      const svg::OptionStyle style = svg::option_style(variant_index(r, v));
      const std::string colour = style.colour;
      const FeasibleRange share = feasible_range("share");
      // The baseline's marks carry class="baseline" (the layout test finds them on top).
      const std::string mark = v == "baseline" ? "class=\"baseline\" " : "";
      doc.open("g " + attr("data-series", "lease_share:" + p + ":" + v));
      // The whisker clipped to 0..100 % (outcomes.csv keeps the interval as computed).
      if (std::isfinite(s.ci_low) && std::isfinite(s.ci_high))
        doc.line(f.x(share.clip(s.ci_low)), cy, f.x(share.clip(s.ci_high)), cy,
                 mark + "stroke=\"" + colour + "\" stroke-width=\"2\"");
      doc.marker(style.marker, f.x(s.mean), cy, 4.5,
                 mark + "fill=\"" + colour + "\" stroke=\"#333333\" stroke-width=\"0.5\"");
      doc.close("g");
    }
    y += group_h + group_gap;
  }
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.profile.how");
  return c;
}

Chart flow_chart(const RunResult& r, const TownVariantResult& tv, Language lang) {
  Chart c;
  c.file = "flows_" + file_id(tv.town) + "_" + file_id(tv.variant) + ".svg";
  c.title = tr(lang, "chart.flow.title",
               {town_label(r, tv.town, lang), variant_label(r, tv.variant, lang)});
  const std::size_t S = r.info.stages.size();
  const double box_w = 200, box_h = 40, gap = 96, top = 90;
  const double box_x = 300,
               height = top + gap * static_cast<double>(std::max<std::size_t>(S, 1)) + 40;
  auto index_of = [&](const std::string& id) -> int {
    for (std::size_t i = 0; i < S; ++i)
      if (r.info.stages[i].id == id) return static_cast<int>(i);
    return -1;
  };
  // The first stage at the bottom, the last at the top.
  auto box_y = [&](int i) { return top + gap * static_cast<double>(S - 1 - i); };
  auto centre_y = [&](int i) { return box_y(i) + box_h / 2; };

  double max_flow = 0;
  for (const auto& f : tv.flows)
    max_flow = std::max(max_flow, finite_or(f.mean_per_replication, 0));
  auto width_of = [&](double v) { return max_flow > 0 ? 1.0 + 13.0 * v / max_flow : 1.0; };
  auto kind_colour = [](const std::string& kind) -> std::string {
    if (kind == "promotion") return svg::kGreen;
    if (kind == "demotion") return svg::kVermillion;
    if (kind == "expiry") return svg::kPurple;
    if (kind == "arrival") return svg::kBlue;
    return "#666666";  // exit
  };

  Document doc(kWidth, height, c.title, chart_prefix(c.file));
  // The legend stands at the top right: the title ends before it.
  doc.fitted_text(20, 24, c.title, kLegendX + 40 - 30, "font-size=\"15\" font-weight=\"bold\"", 16);
  doc.text(20, 44, tr(lang, "chart.flow.subtitle", {std::to_string(r.info.months)}),
           "fill=\"#333333\"");
  // The baseline's totals for comparison (this chart's own when it is the baseline's).
  if (const TownVariantResult* b = find_row(r, tv.town, "baseline")) {
    double up = 0, down = 0, out = 0;
    for (const auto& fl : b->flows) {
      const double v = finite_or(fl.mean_per_replication, 0);
      if (fl.kind == "promotion") up += v;
      if (fl.kind == "demotion" || fl.kind == "expiry") down += v;
      if (fl.kind == "exit") out += v;
    }
    doc.text(20, 64,
             tr(lang, tv.variant == "baseline" ? "chart.flow.baseline" : "chart.flow.baseline_cmp",
                {compact(up, lang), compact(down, lang), compact(out, lang)}),
             "class=\"baseline\" font-weight=\"bold\" fill=\"#000000\"");
  }
  doc.open("defs");
  for (const char* kind : {"promotion", "demotion", "expiry", "arrival", "exit"}) {
    doc.open("marker id=\"" + doc.id(std::string("arrow-") + kind) +
             "\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\" markerWidth=\"10\" "
             "markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"");
    doc.path("M0,0 L10,5 L0,10 Z", "fill=\"" + kind_colour(kind) + "\"");
    doc.close("marker");
  }
  doc.close("defs");
  // The vertical axis of the diagram is the ladder itself.
  doc.line(
      40, height - 30, 40, top - 10,
      "stroke=\"#999999\" stroke-width=\"1\" marker-end=\"url(#" + doc.id("arrow-exit") + ")\"");
  doc.text(30, (height + top) / 2, tr(lang, "chart.flow.axis"),
           "text-anchor=\"middle\" fill=\"#555555\" transform=\"rotate(-90 30 " +
               coord((height + top) / 2) + ")\"");

  for (std::size_t i = 0; i < S; ++i) {
    const auto& st = r.info.stages[i];
    const double y = box_y(static_cast<int>(i));
    doc.rect(box_x, y, box_w, box_h,
             attr("data-stage", st.id) + " rx=\"5\" fill=\"" + svg::stage_colour(i) +
                 "\" fill-opacity=\"0.3\" stroke=\"" + svg::stage_colour(i) +
                 "\" stroke-width=\"2\"");
    // A long stage name is shortened to its box, whole in the tooltip.
    doc.fitted_text(box_x + box_w / 2, y + box_h / 2 + 4, text::in(st.label, lang, st.id),
                    box_w - 12, "text-anchor=\"middle\" font-weight=\"bold\"");
  }

  // Arrows between the same two stages (a demotion and an expiry, say) are fanned out
  // and their labels stacked, so neither hides the other.
  std::map<std::pair<int, int>, int> pair_rank;
  std::set<std::string> kinds_drawn;  // the legend lists only these
  const std::string halo = " paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\"";
  for (const auto& fl : tv.flows) {
    const double v = finite_or(fl.mean_per_replication, 0);
    if (v <= 0) continue;
    const std::string colour = kind_colour(fl.kind);
    const bool known_kind = fl.kind == "promotion" || fl.kind == "demotion" ||
                            fl.kind == "expiry" || fl.kind == "arrival";
    const int from_at = index_of(fl.from), to_at = index_of(fl.to);
    if ((fl.kind == "arrival" || from_at < 0) ? to_at >= 0 : true)
      kinds_drawn.insert(known_kind ? fl.kind : std::string("exit"));
    const double w = width_of(v);
    const std::string common =
        attr("data-series", "flow:" + fl.kind + ":" + fl.from + ":" + fl.to) +
        " fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"" + coord(w) +
        "\" stroke-opacity=\"0.85\" marker-end=\"url(#" +
        doc.id("arrow-" + (known_kind ? fl.kind : std::string("exit"))) + ")\"";
    // Moves under 2 % of the largest are drawn but not labelled: flows.csv has them all.
    const std::string label = v >= 0.02 * max_flow ? compact(v, lang) : std::string();
    const int from = index_of(fl.from), to = index_of(fl.to);
    if (fl.kind == "arrival" || from < 0) {
      if (to < 0) continue;
      const double y = centre_y(to) + 8;
      doc.path(PathData().move(70, y).line(box_x - 4, y).str(), common);
      doc.text(74, y - w / 2 - 5, tr(lang, "chart.flow.arrive", {compact(v, lang)}),
               "fill=\"" + colour + "\"" + halo);
      continue;
    }
    if (fl.kind == "exit" || to < 0) {
      const double y = centre_y(from) + 10;
      const double x_end = kWidth - 40;
      doc.path(PathData().move(box_x + box_w, y).line(x_end, y).str(), common);
      doc.text(x_end, y - w / 2 - 5, tr(lang, "chart.flow.leave", {compact(v, lang)}),
               "text-anchor=\"end\" fill=\"" + colour + "\"" + halo);
      continue;
    }
    const int rank = pair_rank[{from, to}]++;
    const double y1 = centre_y(from), y2 = centre_y(to);
    const double span = std::abs(to - from);
    const double reach = 40 + 34 * span + 22 * rank;
    // A cubic with both control points at the same x bulges to 3/4 of the way there.
    const double apex = 0.75 * reach;
    const double label_y = (y1 + y2) / 2 + 4 + 15 * rank;
    if (to > from) {
      // Up the ladder: on the right of the boxes.
      const double x = box_x + box_w, ya = y1 - 8, yb = y2 + 8;
      doc.path(PathData().move(x, ya).curve(x + reach, ya, x + reach, yb, x + 4, yb).str(), common);
      if (!label.empty())
        doc.text(x + apex + w / 2 + 5, label_y, label, "fill=\"" + colour + "\"" + halo);
    } else {
      // Down the ladder (demotions, expiries): on the left.
      const double x = box_x, ya = y1 + 8, yb = y2 - 8;
      doc.path(PathData().move(x, ya).curve(x - reach, ya, x - reach, yb, x - 4, yb).str(), common);
      if (!label.empty())
        doc.text(x - apex - w / 2 - 5, label_y, label,
                 "text-anchor=\"end\" fill=\"" + colour + "\"" + halo);
    }
  }
  std::vector<LegendItem> legend;
  for (const auto& [kind, key] : {std::pair<const char*, const char*>{"promotion", "chart.flow.up"},
                                  {"demotion", "chart.flow.down"},
                                  {"expiry", "chart.flow.expiry"},
                                  {"arrival", "chart.flow.arrival"},
                                  {"exit", "chart.flow.exit"}})
    if (kinds_drawn.count(kind))
      legend.push_back({tr(lang, key), kind_colour(kind), LegendItem::line});
  svg::draw_legend(doc, kLegendX + 40, 20, legend);
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.flow.how");
  return c;
}

namespace {

// One panel of the yearly flow chart: a year, or a span of years, of flows_yearly.
struct FlowPanel {
  int first = 0, last = 0, months = 0;
  std::vector<double> start, end, arrivals, exits;            // [stage]
  std::map<std::tuple<std::string, int, int>, double> moves;  // (kind, from, to)
};

std::vector<FlowPanel> flow_panels(const RunResult& r, const TownVariantResult& tv) {
  const std::size_t S = r.info.stages.size();
  auto index_of = [&](const std::string& id) -> int {
    for (std::size_t i = 0; i < S; ++i)
      if (r.info.stages[i].id == id) return static_cast<int>(i);
    return -1;
  };
  int years = 0;
  for (const FlowYear& f : tv.flows_yearly) years = std::max(years, f.year);
  // At most 10 panels: a longer horizon is drawn in spans of equal length.
  const int span = std::max(1, (years + 9) / 10);
  std::vector<FlowPanel> panels(static_cast<std::size_t>((years + span - 1) / span));
  for (std::size_t p = 0; p < panels.size(); ++p) {
    FlowPanel& pn = panels[p];
    pn.first = static_cast<int>(p) * span + 1;
    pn.last = std::min(years, pn.first + span - 1);
    pn.start.assign(S, 0);
    pn.end.assign(S, 0);
    pn.arrivals.assign(S, 0);
    pn.exits.assign(S, 0);
  }
  std::vector<int> months_seen(static_cast<std::size_t>(years) + 1, 0);
  for (const FlowYear& f : tv.flows_yearly) {
    const int s = index_of(f.stage);
    if (s < 0 || f.year < 1) continue;
    FlowPanel& pn = panels[static_cast<std::size_t>((f.year - 1) / span)];
    months_seen[static_cast<std::size_t>(f.year)] = f.months;
    const double v = finite_or(f.mean_per_replication, 0);
    if (f.flow == "stock_start" && f.year == pn.first) pn.start[s] = v;
    if (f.flow == "stock_end" && f.year == pn.last) pn.end[s] = v;
    if (f.flow == "in" && f.kind == "arrival") pn.arrivals[s] += v;
    if (f.flow == "out" && f.kind == "exit") pn.exits[s] += v;
    // Every move between stages once, from its "out" line.
    if (f.flow == "out" && f.kind != "exit") {
      const int to = index_of(f.from_or_to);
      if (to >= 0) pn.moves[{f.kind, s, to}] += v;
    }
  }
  for (FlowPanel& pn : panels)
    for (int y = pn.first; y <= pn.last; ++y) pn.months += months_seen[static_cast<std::size_t>(y)];
  return panels;
}

}  // namespace

Chart flows_yearly_chart(const RunResult& r, const TownVariantResult& tv, Language lang) {
  Chart c;
  c.file = "flows_yearly_" + file_id(tv.town) + "_" + file_id(tv.variant) + ".svg";
  c.title = tr(lang, "chart.flowyear.title",
               {town_label(r, tv.town, lang), variant_label(r, tv.variant, lang)});
  c.how_to_read = tr(lang, "chart.flowyear.how");
  const std::size_t S = std::max<std::size_t>(r.info.stages.size(), 1);
  const std::vector<FlowPanel> panels = flow_panels(r, tv);
  // One width scale for every variant of the town, so that their charts compare.
  double max_flow = 0;
  for (const auto& other : r.results) {
    if (other.town != tv.town) continue;
    for (const FlowPanel& pn : flow_panels(r, other)) {
      for (std::size_t s = 0; s < pn.arrivals.size(); ++s)
        max_flow = std::max({max_flow, pn.arrivals[s], pn.exits[s]});
      for (const auto& [key, v] : pn.moves) max_flow = std::max(max_flow, v);
    }
  }
  constexpr double kMaxWidth = 16;
  // Proportional: a flow's width is its households x per_px; below 1 px a hairline.
  const double per_px = max_flow > 0 ? kMaxWidth / max_flow : 0;
  auto width_of = [&](double v) { return std::max(1.0, v * per_px); };
  auto kind_colour = [](const std::string& kind) -> std::string {
    if (kind == "promotion") return svg::kGreen;
    if (kind == "demotion") return svg::kVermillion;
    if (kind == "expiry") return svg::kPurple;
    if (kind == "arrival") return svg::kBlue;
    return "#666666";  // exit
  };
  auto kind_words = [&](const std::string& kind) {
    if (kind == "promotion") return tr(lang, "chart.flow.up");
    if (kind == "demotion") return tr(lang, "chart.flow.down");
    if (kind == "expiry") return tr(lang, "chart.flow.expiry");
    if (kind == "arrival") return tr(lang, "chart.flow.arrival");
    return tr(lang, "chart.flow.exit");
  };
  // Arcs: one level per rung spanned, and per further kind between the same two stages.
  constexpr double kSpanStep = 24, kRankStep = 14, kBase = 22;
  auto arc_height = [&](int from, int to, int rank) {
    return kBase + kSpanStep * (std::abs(to - from) - 1) + kRankStep * rank;
  };
  double up_high = kBase, down_high = kBase;
  for (const FlowPanel& pn : panels) {
    std::map<std::pair<int, int>, int> rank;
    for (const auto& [key, v] : pn.moves) {
      const auto& [kind, from, to] = key;
      if (from == to || v <= 0) continue;
      double& high = to > from ? up_high : down_high;
      high = std::max(high, arc_height(from, to, rank[{from, to}]++));
    }
  }
  const double node_w = std::min(96.0, 740.0 / static_cast<double>(S) - 24), node_h = 28;
  const double up_room = up_high + 30, down_room = down_high + 30;
  const double row_h = up_room + node_h + down_room, head = 136;
  const double height =
      head + row_h * static_cast<double>(std::max<std::size_t>(panels.size(), 1)) + 10;
  const double col_w = 740.0 / static_cast<double>(S);
  auto cx = [&](int s) { return 100 + col_w * (static_cast<double>(s) + 0.5); };

  Document doc(kWidth, height, c.title, chart_prefix(c.file));
  doc.fitted_text(20, 24, c.title, kLegendX + 10, "font-size=\"15\" font-weight=\"bold\"", 16);
  doc.fitted_text(20, 44, tr(lang, "chart.flowyear.subtitle", {reps_note(r, lang)}), kLegendX + 10,
                  "fill=\"#333333\"");
  doc.fitted_text(20, 62, tr(lang, "chart.flowyear.widths"), kLegendX + 10, "fill=\"#333333\"");
  // The baseline's moves over the horizon for comparison (this chart's own when it is the
  // baseline's), as in the flow chart.
  if (const TownVariantResult* b = find_row(r, tv.town, "baseline")) {
    double up = 0, down = 0, out = 0;
    for (const FlowYear& f : b->flows_yearly) {
      if (f.flow != "out") continue;
      const double v = finite_or(f.mean_per_replication, 0);
      (f.kind == "promotion" ? up : f.kind == "exit" ? out : down) += v;
    }
    doc.fitted_text(
        20, 82,
        tr(lang, tv.variant == "baseline" ? "chart.flow.baseline" : "chart.flow.baseline_cmp",
           {compact(up, lang), compact(down, lang), compact(out, lang)}),
        kLegendX + 10, "class=\"baseline\" font-weight=\"bold\" fill=\"#000000\"");
  }
  doc.open("defs");
  for (const char* kind : {"promotion", "demotion", "expiry", "arrival", "exit"}) {
    doc.open("marker id=\"" + doc.id(std::string("arrow-") + kind) +
             "\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\" markerWidth=\"8\" "
             "markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"");
    doc.path("M0,0 L10,5 L0,10 Z", "fill=\"" + kind_colour(kind) + "\"");
    doc.close("marker");
  }
  doc.close("defs");
  // The stages as columns, named once at the top.
  for (std::size_t s = 0; s < r.info.stages.size(); ++s) {
    const auto& st = r.info.stages[s];
    doc.fitted_text(cx(static_cast<int>(s)), head - 8, text::in(st.label, lang, st.id), col_w - 8,
                    "text-anchor=\"middle\" font-weight=\"bold\"");
  }
  std::set<std::string> kinds_drawn;
  const std::string halo = kHalo;
  auto value_attrs = [&](const std::string& flow, const FlowPanel& pn, double v) {
    return attr("data-flow", flow) + " " +
           attr("data-years", std::to_string(pn.first) + "-" + std::to_string(pn.last)) + " " +
           attr("data-value", number_text::shortest(v));
  };
  for (std::size_t p = 0; p < panels.size(); ++p) {
    const FlowPanel& pn = panels[p];
    const double top = head + row_h * static_cast<double>(p) + up_room;
    const double bottom = top + node_h;
    std::string when =
        pn.first == pn.last
            ? tr(lang, "budget.year_n", {std::to_string(pn.first)})
            : tr(lang, "chart.flowyear.years", {std::to_string(pn.first), std::to_string(pn.last)});
    if (pn.months % 12 != 0) when += " " + tr(lang, "budget.months", {std::to_string(pn.months)});
    if (p > 0) doc.line(10, top - up_room, kWidth - 10, top - up_room, "stroke=\"#dddddd\"");
    doc.fitted_text(12, top + node_h / 2 + 4, when, 84, "font-weight=\"bold\"");
    for (std::size_t s = 0; s < r.info.stages.size(); ++s) {
      const auto& st = r.info.stages[s];
      const double x = cx(static_cast<int>(s)) - node_w / 2;
      const std::string label = text::in(st.label, lang, st.id);
      const std::string tip =
          tr(lang, "chart.flowyear.node",
             {label, when, compact(pn.start[s], lang), compact(pn.end[s], lang)});
      doc.open("g " + attr("data-stock", st.id) + " " +
               attr("data-years", std::to_string(pn.first) + "-" + std::to_string(pn.last)) + " " +
               attr("data-start", number_text::shortest(pn.start[s])) + " " +
               attr("data-end", number_text::shortest(pn.end[s])));
      doc.raw("<title>" + escape(tip) + "</title>");
      doc.rect(x, top, node_w, node_h,
               "rx=\"4\" fill=\"" + std::string(svg::stage_colour(s)) +
                   "\" fill-opacity=\"0.25\" stroke=\"" + svg::stage_colour(s) + "\"");
      doc.fitted_text(x + node_w / 2, top + node_h / 2 + 4,
                      compact(pn.start[s], lang) + " → " + compact(pn.end[s], lang), node_w - 6,
                      "text-anchor=\"middle\" font-size=\"11\"", 11, tip);
      doc.close("g");
      const double mid = cx(static_cast<int>(s));
      if (pn.arrivals[s] > 0) {
        kinds_drawn.insert("arrival");
        const double w = width_of(pn.arrivals[s]);
        const std::string tipa =
            tr(lang, "chart.flowyear.arrive_tip", {when, label, compact(pn.arrivals[s], lang)});
        doc.open("g " + value_attrs("arrival::" + st.id, pn, pn.arrivals[s]));
        doc.raw("<title>" + escape(tipa) + "</title>");
        doc.path(PathData().move(mid, top - 26).line(mid, top - 2).str(),
                 "fill=\"none\" stroke=\"" + kind_colour("arrival") + "\" stroke-width=\"" +
                     coord(w) + "\" marker-end=\"url(#" + doc.id("arrow-arrival") + ")\"");
        doc.text(mid - w / 2 - 3, top - 6, "+" + compact(pn.arrivals[s], lang),
                 "text-anchor=\"end\" font-size=\"10.5\" fill=\"" + kind_colour("arrival") + "\"" +
                     halo);
        doc.close("g");
      }
      if (pn.exits[s] > 0) {
        kinds_drawn.insert("exit");
        const double w = width_of(pn.exits[s]);
        const std::string tipe =
            tr(lang, "chart.flowyear.leave_tip", {when, label, compact(pn.exits[s], lang)});
        doc.open("g " + value_attrs("exit:" + st.id + ":", pn, pn.exits[s]));
        doc.raw("<title>" + escape(tipe) + "</title>");
        doc.path(PathData().move(mid, bottom).line(mid, bottom + 24).str(),
                 "fill=\"none\" stroke=\"" + kind_colour("exit") + "\" stroke-width=\"" + coord(w) +
                     "\" marker-end=\"url(#" + doc.id("arrow-exit") + ")\"");
        doc.text(mid + w / 2 + 3, bottom + 14, "−" + compact(pn.exits[s], lang),
                 "font-size=\"10.5\" fill=\"" + kind_colour("exit") + "\"" + halo);
        doc.close("g");
      }
    }
    std::map<std::pair<int, int>, int> rank;
    for (const auto& [key, v] : pn.moves) {
      const auto& [kind, from, to] = key;
      if (from == to || v <= 0) continue;
      kinds_drawn.insert(kind);
      const double w = width_of(v);
      const double h = arc_height(from, to, rank[{from, to}]++);
      const double hc = h / 0.75;  // a cubic with both controls at hc bulges to 3/4 of it
      const bool up = to > from;
      const double x1 = cx(from) + (up ? 1 : -1) * node_w / 4;
      const double x2 = cx(to) - (up ? 1 : -1) * node_w / 4;
      const double y = up ? top : bottom;
      const double yc = up ? y - hc : y + hc;
      const std::string from_label =
          text::in(r.info.stages[static_cast<std::size_t>(from)].label, lang,
                   r.info.stages[static_cast<std::size_t>(from)].id);
      const std::string to_label = text::in(r.info.stages[static_cast<std::size_t>(to)].label, lang,
                                            r.info.stages[static_cast<std::size_t>(to)].id);
      const std::string tip = tr(lang, "chart.flowyear.move_tip",
                                 {when, kind_words(kind), from_label, to_label, compact(v, lang)});
      doc.open("g " + value_attrs(kind + ":" + r.info.stages[static_cast<std::size_t>(from)].id +
                                      ":" + r.info.stages[static_cast<std::size_t>(to)].id,
                                  pn, v));
      doc.raw("<title>" + escape(tip) + "</title>");
      doc.path(PathData().move(x1, y).curve(x1, yc, x2, yc, x2, y + (up ? -2 : 2)).str(),
               "fill=\"none\" stroke=\"" + kind_colour(kind) + "\" stroke-width=\"" + coord(w) +
                   "\" stroke-opacity=\"0.8\" marker-end=\"url(#" + doc.id("arrow-" + kind) +
                   ")\"");
      // Flows under 2 % of the largest are drawn but not labelled: the tooltip has them.
      if (v >= 0.02 * max_flow)
        doc.text(
            (x1 + x2) / 2, up ? y - h - 11 : y + h + 19, compact(v, lang),
            "text-anchor=\"middle\" font-size=\"10.5\" fill=\"" + kind_colour(kind) + "\"" + halo);
      doc.close("g");
    }
  }
  if (panels.empty()) no_data_note(doc, Frame{}, tr(lang, "chart.no_data_town"));
  std::vector<LegendItem> legend;
  for (const auto& [kind, key] : {std::pair<const char*, const char*>{"promotion", "chart.flow.up"},
                                  {"demotion", "chart.flow.down"},
                                  {"expiry", "chart.flow.expiry"},
                                  {"arrival", "chart.flow.arrival"},
                                  {"exit", "chart.flow.exit"}})
    if (kinds_drawn.count(kind))
      legend.push_back({tr(lang, key), kind_colour(kind), LegendItem::line});
  svg::draw_legend(doc, kLegendX + 40, 20, legend);
  c.svg = doc.str();
  return c;
}

std::optional<Chart> cost_chart(const RunResult& r, const std::string& town, Language lang) {
  // The x axis is the ICER's and the plane's denominator (icer:cohort_stabilized), so the chart
  // and the value-for-money figure beside it count the same households.
  const std::string x_metric =
      metric_info(r, "cohort_stabilized") ? "cohort_stabilized" : "stabilized_share";
  const MetricInfo* xm = metric_info(r, x_metric);
  const MetricInfo* ym = metric_info(r, "cost_total");
  if (!xm || !ym) return std::nullopt;
  const std::size_t xk = static_cast<std::size_t>(xm - r.metric_info.data());
  const std::size_t yk = static_cast<std::size_t>(ym - r.metric_info.data());
  struct Point {
    std::string variant;
    Summary x, y;
  };
  std::vector<Point> pts;
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  std::vector<std::string> same;
  const std::vector<std::string> drawn = drawn_variants(r, town, &same, lang);
  // Variants first, the baseline last: on top, where nothing can hide it.
  std::vector<std::string> order(drawn.begin() + (drawn.empty() ? 0 : 1), drawn.end());
  if (!drawn.empty()) order.push_back(drawn.front());
  for (const auto& v : order) {
    const auto* tv = find_row(r, town, v);
    if (!tv || xk >= tv->metrics.size() || yk >= tv->metrics.size()) continue;
    Point p{v, tv->metrics[xk], tv->metrics[yk]};
    if (!std::isfinite(p.x.mean) || !std::isfinite(p.y.mean)) continue;
    // Whiskers clipped to what the quantities can be (outcomes.csv keeps the intervals).
    for (auto [s, unit] : {std::pair<Summary*, const std::string*>{&p.x, &xm->unit},
                           std::pair<Summary*, const std::string*>{&p.y, &ym->unit}}) {
      const FeasibleRange range = feasible_range(*unit);
      s->ci_low = range.clip(s->ci_low);
      s->ci_high = range.clip(s->ci_high);
    }
    for (double x : {p.x.mean, p.x.ci_low, p.x.ci_high})
      if (std::isfinite(x)) x_lo = std::min(x_lo, x), x_hi = std::max(x_hi, x);
    for (double y : {p.y.mean, p.y.ci_low, p.y.ci_high})
      if (std::isfinite(y)) y_lo = std::min(y_lo, y), y_hi = std::max(y_hi, y);
    pts.push_back(p);
  }
  if (pts.empty()) return std::nullopt;
  Chart c;
  c.file = "cost_" + file_id(town) + ".svg";
  c.title = tr(lang, "chart.cost.title", {town_label(r, town, lang)});
  // The data's own range, padded: variants often differ by a few per cent.
  const double x_pad = std::max(0.1 * (x_hi - x_lo), 1e-9 + 0.02 * std::fabs(x_hi));
  const double y_pad = std::max(0.1 * (y_hi - y_lo), 1e-9 + 0.02 * std::fabs(y_hi));
  Frame f;
  svg::fit_x(f, x_lo >= 0 ? std::max(0.0, x_lo - x_pad) : x_lo - x_pad, x_hi + x_pad, 5);
  svg::fit_y(f, y_lo >= 0 ? std::max(0.0, y_lo - y_pad) : y_lo - y_pad, y_hi + y_pad, 5);
  const AxisUnit xu =
      axis_unit(xm->unit, std::max(std::fabs(f.x.d0), std::fabs(f.x.d1)), false, lang);
  const AxisUnit yu =
      axis_unit(ym->unit, std::max(std::fabs(f.y.d0), std::fabs(f.y.d1)), false, lang);
  Document doc(kWidth, 420, c.title, chart_prefix(c.file));
  svg::draw_frame(doc, f, c.title, axis_title(metric_label(r, x_metric, lang), xu),
                  axis_title(metric_label(r, "cost_total", lang), yu), xu.factor, yu.factor,
                  lang == Language::cs);
  // The axes show the data's own range: say so, so that small gaps are not read as large.
  if (f.x.d0 > 0 || f.y.d0 > 0)
    doc.text(f.left, f.top - 8, tr(lang, "chart.cost.not_zero"),
             "fill=\"#555555\" font-size=\"11\" font-style=\"italic\"");
  std::vector<LegendItem> items;
  for (const auto& p : pts) {
    const svg::OptionStyle style = svg::option_style(variant_index(r, p.variant));
    const std::string colour = style.colour;
    const double cx = f.x(p.x.mean), cy = f.y(p.y.mean);
    const bool base = p.variant == "baseline";
    doc.open("g " + attr("data-series", "cost:" + p.variant) + (base ? " class=\"baseline\"" : ""));
    const std::string stroke = "stroke=\"" + colour + "\" stroke-width=\"1.5\"";
    if (std::isfinite(p.x.ci_low) && std::isfinite(p.x.ci_high))
      doc.line(f.x(p.x.ci_low), cy, f.x(p.x.ci_high), cy, stroke);
    if (std::isfinite(p.y.ci_low) && std::isfinite(p.y.ci_high))
      doc.line(cx, f.y(p.y.ci_low), cx, f.y(p.y.ci_high), stroke);
    // The baseline's dot is smaller and on top: a variant's dot under it stays visible as a ring.
    doc.marker(style.marker, cx, cy, base ? 4 : 7,
               (base ? "class=\"baseline\" " : "") + std::string("fill=\"") + colour +
                   "\" stroke=\"#ffffff\" stroke-width=\"1\"");
    doc.close("g");
  }
  for (const auto& v : drawn)
    items.push_back({variant_label(r, v, lang), svg::variant_colour(variant_index(r, v)),
                     LegendItem::point, svg::option_style(variant_index(r, v)).marker});
  if (!same.empty()) items.push_back({tr(lang, "chart.same_as_baseline"), "", LegendItem::point});
  for (std::size_t k = 0; k < same.size(); ++k)
    items.push_back({same[k], "#000000", LegendItem::point});
  items.push_back({tr(lang, "chart.whiskers"), "#555555", LegendItem::line});
  svg::draw_legend(doc, kLegendX, f.top + 10, items);
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.cost.how");
  return c;
}

std::string field_words(const std::string& field, Language lang) {
  const std::string key = "field." + field;
  if (std::string w = tr(lang, key); w != key) return w;
  std::string s = field;
  for (char& ch : s)
    if (ch == '_') ch = ' ';
  return s;
}

std::string parameter_words(const RunResult& r, const std::string& pointer, Language lang) {
  // The pointer's tokens, "~1" and "~0" decoded to "/" and "~"; "initial" (a schedule's
  // opening value) left out: it is the same setting in words.
  std::vector<std::string> parts;
  std::string cur;
  const std::string text = pointer.substr(pointer.empty() ? 0 : 1) + "/";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '/') {
      if (!cur.empty() && cur != "initial") parts.push_back(cur);
      cur.clear();
    } else if (text[i] == '~' && i + 1 < text.size() &&
               (text[i + 1] == '0' || text[i + 1] == '1')) {
      cur += text[++i] == '1' ? '/' : '~';
    } else {
      cur += text[i];
    }
  }
  auto service = [&](const std::string& id) {
    for (std::size_t i = 0; i < r.info.services.size(); ++i)
      if (r.info.services[i] == id && i < r.info.service_labels.size() &&
          !r.info.service_labels[i].empty())
        return text::in(r.info.service_labels[i], lang);
    return id;
  };
  // A field name in words: "caseload_per_worker" -> "caseload per worker" (the catalogue's
  // "field.NAME" where it has one).
  auto words = [lang](std::size_t from, const std::vector<std::string>& p) {
    std::string w;
    for (std::size_t k = from; k < p.size(); ++k)
      w += (w.empty() ? "" : ", ") + field_words(p[k], lang);
    return w;
  };
  if (parts.size() >= 3 && parts[0] == "towns") {
    const std::string town = town_label(r, parts[1], lang);
    if (parts.size() == 4 && parts[2] == "capacity")
      return tr(lang, "param.places", {stage_label(r, parts[3], lang), town});
    if (parts.size() == 4 && parts[2] == "staffing")
      return tr(lang, "param.staff", {service(parts[3]), town});
    return tr(lang, "param.in_town", {words(2, parts), town});
  }
  if (parts.size() >= 3 && parts[0] == "services")
    return service(parts[1]) + ": " + words(2, parts);
  if (parts.size() >= 3 && parts[0] == "stages")
    return stage_label(r, parts[1], lang) + ": " + words(2, parts);
  if (parts.size() >= 3 && parts[0] == "profiles")
    return profile_label(r, parts[1], lang) + ": " + words(2, parts);
  // Another entry by id ("/promotions/training_to_lease/min_streak"): "training to lease:
  // min streak".
  if (parts.size() >= 3) return words(1, {"", parts[1]}) + ": " + words(2, parts);
  return parts.empty() ? pointer : words(0, parts);
}

namespace {

// A value of a varied setting, in one format on every sweep and plan chart: whole numbers in
// full with grouped thousands ("1 250"), others with about three significant digits.
std::string setting_value(double v, Language lang) {
  return v == std::round(v) ? svg::group_thousands(v, 0) : text::decimal(lang, svg::human(v));
}

// The scenario's own value of the varied number: a dotted vertical line and a legend entry,
// so a reader sees where today's setting sits on the curve.
void scenario_value_mark(Document& doc, const Frame& f, double v, const std::string& series,
                         std::vector<LegendItem>& items, Language lang) {
  if (!std::isfinite(v)) return;
  const double x = f.x(v);
  doc.line(x, f.top, x, f.bottom(),
           attr("data-series", series) +
               " stroke=\"#000000\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"");
  const bool right_half = x > f.left + f.width / 2;
  doc.text(x + (right_half ? -4 : 4), f.bottom() - 6,
           tr(lang, "chart.scenario_at", {setting_value(v, lang)}),
           std::string("fill=\"#000000\"") + (right_half ? " text-anchor=\"end\"" : "") + kHalo);
  items.push_back(
      {tr(lang, "chart.scenario_value", {setting_value(v, lang)}), "#000000", LegendItem::dashed});
}

}  // namespace

std::vector<Chart> sweep_charts(const Input& in, Language lang, const std::atomic<bool>* cancel) {
  std::vector<Chart> charts;
  if (in.sweep.empty()) return charts;
  const RunResult& r = in.run;
  std::vector<std::string> parameters, towns, metrics;
  // In the file's order; a set to look up (a search of 200 towns per row took seconds).
  std::set<std::string> seen_parameters, seen_towns, seen_metrics;
  auto add_unique = [](std::vector<std::string>& v, std::set<std::string>& seen,
                       const std::string& s) {
    if (seen.insert(s).second) v.push_back(s);
  };
  for (std::size_t i = 0; i < in.sweep.size(); ++i) {
    const SweepRow& row = in.sweep[i];
    if (i % 65536 == 0 && cancel && *cancel) throw RunCancelled();
    add_unique(parameters, seen_parameters, row.parameter);
    add_unique(towns, seen_towns, row.town);
    add_unique(metrics, seen_metrics, row.metric);
  }
  // Headline metrics only (from the run's catalogue, or the usual ones); at most eight.
  static const char* const usual[] = {
      "reached_lease_share", "stabilized_share",  "median_months_to_lease",
      "evictions",           "returns_to_street", "roofless_household_months",
      "mean_waiting_months", "cost_total",        "cost_per_stabilized"};
  std::vector<std::string> shown;
  for (const auto& m : metrics) {
    const MetricInfo* mi = metric_info(r, m);
    const bool headline =
        mi ? mi->headline : std::find(std::begin(usual), std::end(usual), m) != std::end(usual);
    if (headline) shown.push_back(m);
  }
  if (shown.empty())
    shown.assign(metrics.begin(), metrics.begin() + std::min<std::size_t>(8, metrics.size()));

  // Grid points: the first parameter is the x axis; the others (if any) name the lines.
  struct PointData {
    std::map<std::string, double> values;
    std::map<std::string, SeriesPoint> metric;
  };
  // Each town's rows, in one pass (a scan of every row per town took seconds with 200 towns).
  std::map<std::string, std::vector<const SweepRow*>> rows_of;
  for (const auto& row : in.sweep) rows_of[row.town].push_back(&row);
  for (const auto& town : towns) {
    if (cancel && *cancel) throw RunCancelled();
    std::map<std::string, PointData> points;
    for (const SweepRow* rp : rows_of[town]) {
      const SweepRow& row = *rp;
      auto& p = points[row.point];
      p.values[row.parameter] = row.value;
      p.metric[row.metric] = {row.mean, row.ci_low, row.ci_high};
    }
    for (const auto& metric : shown) {
      // Groups keyed by the other parameters' values: sorted numerically, not as text.
      std::map<std::vector<double>, std::vector<std::pair<double, SeriesPoint>>> groups;
      // Bands clipped to what the metric can be (sweep.csv keeps the intervals as computed).
      const FeasibleRange feasible = feasible_range(unit_of(r, metric));
      // A stage's occupancy is at most its places: the point's own value where the sweep
      // varies them, else the run's (at the horizon for occupancy_end, the most for
      // occupancy_mean).
      std::string stage;
      for (const char* prefix : {"occupancy_end:", "occupancy_mean:"})
        if (metric.rfind(prefix, 0) == 0) stage = metric.substr(std::string(prefix).size());
      double run_places = INFINITY;
      if (!stage.empty() && in.has_run)
        if (const TownVariantResult* b = find_row(r, town, "baseline"))
          if (const Series* s = find_series(*b, "occupancy:" + stage); s && !s->capacity.empty())
            run_places = metric.rfind("occupancy_end:", 0) == 0
                             ? s->capacity.back()
                             : *std::max_element(s->capacity.begin(), s->capacity.end());
      auto range_at = [&](const PointData& p) {
        FeasibleRange range = feasible;
        if (stage.empty()) return range;
        double places = run_places;
        const std::string pointer = "/towns/" + town + "/capacity/" + stage;
        for (const auto& [parameter, value] : p.values)
          if (parameter == pointer || parameter.rfind(pointer + "/", 0) == 0) places = value;
        if (std::isfinite(places)) range.hi = std::max(0.0, places);
        return range;
      };
      double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
      for (const auto& [id, p_in] : points) {
        PointData p = p_in;
        auto mv = p.metric.find(metric);
        auto xv = p.values.find(parameters.front());
        if (mv == p.metric.end() || xv == p.values.end() || !std::isfinite(xv->second)) continue;
        const FeasibleRange range = range_at(p);
        mv->second.ci_low = range.clip(mv->second.ci_low);
        mv->second.ci_high = range.clip(mv->second.ci_high);
        std::vector<double> key;
        for (std::size_t k = 1; k < parameters.size(); ++k) {
          auto it = p.values.find(parameters[k]);
          key.push_back(it == p.values.end() ? kUndefined : it->second);
        }
        groups[key].push_back({xv->second, mv->second});
        x_lo = std::min(x_lo, xv->second);
        x_hi = std::max(x_hi, xv->second);
        for (double y :
             {mv->second.mean, feasible.clip(mv->second.ci_low), feasible.clip(mv->second.ci_high)})
          if (std::isfinite(y)) y_lo = std::min(y_lo, y), y_hi = std::max(y_hi, y);
      }
      if (groups.empty() || !std::isfinite(y_lo)) continue;
      const double own = sweep_scenario_value(in, parameters.front());
      if (std::isfinite(own)) x_lo = std::min(x_lo, own), x_hi = std::max(x_hi, own);
      Chart c;
      std::string metric_file = metric;
      for (char& ch : metric_file)
        if (ch == ':') ch = '_';
      c.file = "sweep_" + file_id(town) + "_" + file_id(metric_file) + ".svg";
      c.title = tr(lang, "chart.sweep.title",
                   {metric_label(r, metric, lang), parameter_words(r, parameters.front(), lang),
                    town_label(r, town, lang)});
      const std::string unit = unit_of(r, metric);
      Frame f;
      svg::fit_x(f, x_lo, x_hi, 6);
      svg::fit_y(f, std::min(0.0, y_lo), y_hi, 5);
      const AxisUnit yu =
          axis_unit(unit, std::max(std::fabs(f.y.d0), std::fabs(f.y.d1)), false, lang);
      Document doc(kWidth, 420, c.title, chart_prefix(c.file));
      // Drawn without the setting, which the x axis names: the whole title (the SVG's
      // <title>) would run past the chart's edge.
      svg::draw_frame(doc, f,
                      tr(lang, "chart.sweep.heading",
                         {metric_label(r, metric, lang), town_label(r, town, lang)}),
                      parameter_words(r, parameters.front(), lang),
                      axis_title(metric_label(r, metric, lang), yu), 1, yu.factor,
                      lang == Language::cs);
      std::vector<LegendItem> items;
      std::size_t g = 0;
      for (auto& [key, pts] : groups) {
        std::sort(pts.begin(), pts.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<double> xs, mean, lo, hi;
        for (const auto& [x, p] : pts) {
          xs.push_back(x);
          mean.push_back(p.mean);
          lo.push_back(feasible.clip(p.ci_low));
          hi.push_back(feasible.clip(p.ci_high));
        }
        // Black is the baseline's colour elsewhere: the sweep's lines start after it.
        const svg::OptionStyle style = svg::option_style(1 + g++);
        const std::string colour = style.colour;
        std::string label;
        for (std::size_t k = 0; k < key.size(); ++k) {
          const std::string value = setting_value(key[k], lang);
          label += (k ? ", " : "") + parameter_words(r, parameters[k + 1], lang) + " = " +
                   (key[k] == sweep_scenario_value(in, parameters[k + 1])
                        ? tr(lang, "chart.as_in_scenario", {value})
                        : value);
        }
        const std::string name = "sweep:" + metric + (label.empty() ? "" : ":" + label);
        doc.path(band(xs, lo, hi, f).str(),
                 attr("data-band", name) + " fill=\"" + colour + "\" fill-opacity=\"0.15\"");
        doc.path(polyline(xs, mean, f).str(),
                 attr("data-series", name) + " fill=\"none\" stroke=\"" + colour +
                     "\" stroke-width=\"2.5\"" + svg::dash_attribute(style.dash));
        for (std::size_t k = 0; k < xs.size(); ++k)
          if (std::isfinite(mean[k]))
            doc.marker(style.marker, f.x(xs[k]), f.y(mean[k]), 3, "fill=\"" + colour + "\"");
        items.push_back({label.empty() ? tr(lang, "chart.mean") : label, colour, LegendItem::line,
                         style.marker, style.dash, true});
      }
      items.push_back({tr(lang, "chart.shaded_ci"), "#bbbbbb", LegendItem::swatch});
      scenario_value_mark(doc, f, own, "sweep:scenario_value", items, lang);
      svg::draw_legend(doc, kLegendX, f.top + 10, items);
      c.svg = doc.str();
      c.how_to_read = tr(lang, "chart.sweep.how", {parameters.front()});
      charts.push_back(std::move(c));
    }
  }
  return charts;
}

Chart plan_chart(const Input& in, const Plan& plan, Language lang) {
  const RunResult& r = in.run;
  Chart c;
  c.file = "plan.svg";
  const std::string what = plan.metric.empty() ? tr(lang, "chart.plan.target_metric")
                                               : metric_label(r, plan.metric, lang);
  const std::string varied = plan.parameter.empty() ? tr(lang, "chart.plan.varied_setting")
                                                    : parameter_words(r, plan.parameter, lang);
  c.title = tr(lang, "chart.plan.title", {what, varied});
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  for (const auto& p : plan.points) {
    if (!std::isfinite(p.value)) continue;
    x_lo = std::min(x_lo, p.value);
    x_hi = std::max(x_hi, p.value);
    for (double y : {p.mean, p.ci_low, p.ci_high, p.bound})
      if (std::isfinite(y)) y_lo = std::min(y_lo, y), y_hi = std::max(y_hi, y);
  }
  {
    const FeasibleRange feasible =
        feasible_range(plan.metric.empty() ? "" : unit_of(r, plan.metric));
    y_lo = std::max(y_lo, feasible.lo);
    y_hi = std::min(y_hi, std::max(feasible.hi, plan.target));
  }
  if (std::isfinite(plan.target))
    y_lo = std::min(y_lo, plan.target), y_hi = std::max(y_hi, plan.target);
  if (std::isfinite(plan.answer))
    x_lo = std::min(x_lo, plan.answer), x_hi = std::max(x_hi, plan.answer);
  if (std::isfinite(plan.scenario_value))
    x_lo = std::min(x_lo, plan.scenario_value), x_hi = std::max(x_hi, plan.scenario_value);
  if (!std::isfinite(x_lo)) x_lo = 0, x_hi = 1;
  if (!std::isfinite(y_lo)) y_lo = 0, y_hi = 1;
  const std::string unit = plan.metric.empty() ? "" : unit_of(r, plan.metric);
  Frame f;
  svg::fit_x(f, x_lo, x_hi, 6);
  svg::fit_y(f, std::min(0.0, y_lo), y_hi, 5);
  const AxisUnit yu = axis_unit(unit, std::max(std::fabs(f.y.d0), std::fabs(f.y.d1)), false, lang);
  Document doc(kWidth, 420, c.title, chart_prefix(c.file));
  svg::draw_frame(doc, f, tr(lang, "chart.plan.heading", {what}), varied, axis_title(what, yu), 1,
                  yu.factor, lang == Language::cs);
  std::vector<const PlanPoint*> pts;
  for (const auto& p : plan.points)
    if (std::isfinite(p.value)) pts.push_back(&p);
  std::sort(pts.begin(), pts.end(), [](auto* a, auto* b) { return a->value < b->value; });
  std::vector<double> xs, mean, lo, hi;
  // The band clipped to what the metric can be (plan.json keeps the intervals as computed).
  const FeasibleRange feasible = feasible_range(unit);
  for (const auto* p : pts) {
    xs.push_back(p->value);
    mean.push_back(p->mean);
    lo.push_back(feasible.clip(p->ci_low));
    hi.push_back(feasible.clip(p->ci_high));
  }
  doc.path(band(xs, lo, hi, f).str(), "data-band=\"plan:mean\" fill=\"" + std::string(svg::kBlue) +
                                          "\" fill-opacity=\"0.15\"");
  doc.path(polyline(xs, mean, f).str(), "data-series=\"plan:mean\" fill=\"none\" stroke=\"" +
                                            std::string(svg::kBlue) + "\" stroke-width=\"2.5\"");
  for (const auto* p : pts) {
    if (!std::isfinite(p->mean)) continue;
    doc.circle(f.x(p->value), f.y(p->mean), 4.5,
               std::string("data-meets=\"") + (p->meets ? "true" : "false") + "\" fill=\"" +
                   (p->meets ? svg::kBlue : "#ffffff") + "\" stroke=\"" + svg::kBlue +
                   "\" stroke-width=\"1.5\"");
    if (std::isfinite(p->bound))
      doc.line(f.x(p->value) - 5, f.y(p->bound), f.x(p->value) + 5, f.y(p->bound),
               "data-series=\"plan:bound\" stroke=\"#333333\" stroke-width=\"2\"");
  }
  std::vector<LegendItem> items = {{tr(lang, "chart.mean"), svg::kBlue, LegendItem::line},
                                   {tr(lang, "chart.shaded_ci"), "#bbbbbb", LegendItem::swatch},
                                   {tr(lang, "chart.plan.bound"), "#333333", LegendItem::line}};
  if (std::isfinite(plan.target)) {
    doc.line(f.left, f.y(plan.target), f.right(), f.y(plan.target),
             "data-series=\"plan:target\" stroke=\"" + std::string(svg::kVermillion) +
                 "\" stroke-width=\"2\" stroke-dasharray=\"8 4\"");
    const std::string op = plan.op == ">=" ? "≥" : plan.op == "<=" ? "≤" : plan.op;
    doc.text(f.left + 6, f.y(plan.target) - 6,
             tr(lang, "chart.plan.target_at", {op, format_value(plan.target, unit, true, lang)}),
             "fill=\"" + std::string(svg::kVermillion) + "\"" + kHalo);
    items.push_back({tr(lang, "chart.plan.target"), svg::kVermillion, LegendItem::dashed});
  }
  if (std::isfinite(plan.answer)) {
    doc.line(f.x(plan.answer), f.top, f.x(plan.answer), f.bottom(),
             "data-series=\"plan:answer\" stroke=\"" + std::string(svg::kGreen) +
                 "\" stroke-width=\"2.5\"");
    doc.text(f.x(plan.answer) + 6, f.top + 14,
             tr(lang, "chart.plan.answer_at", {setting_value(plan.answer, lang)}),
             "fill=\"" + std::string(svg::kGreen) + "\" font-weight=\"bold\"");
    items.push_back({tr(lang, "chart.plan.answer"), svg::kGreen, LegendItem::line});
  } else {
    no_data_note(doc, f, tr(lang, "chart.plan.none"));
  }
  scenario_value_mark(doc, f, plan.scenario_value, "plan:scenario_value", items, lang);
  svg::draw_legend(doc, kLegendX, f.top + 10, items);
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.plan.how") +
                  (plan.parameter.empty() ? std::string()
                                          : " " + tr(lang, "chart.plan.varied", {plan.parameter}));
  return c;
}

}  // namespace prostup::report

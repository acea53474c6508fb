// SPDX-License-Identifier: Apache-2.0
// The report's parameter-uncertainty (PSA) charts: the cost-effectiveness plane, the
// acceptability curve and the tornado (docs/uncertainty.md).
#include <algorithm>
#include <cmath>

#include "report.hpp"
#include "strings.hpp"
#include "svg.hpp"

namespace prostup::report {

namespace {

using svg::Document;
using svg::escape;
using svg::Frame;
using svg::LegendItem;
using text::tr;

constexpr double kWidth = 860;
constexpr double kLegendX = 610;
constexpr std::size_t kTornadoBars = 10;

double max_abs(const std::vector<double>& v) {
  double m = 0;
  for (double x : v)
    if (std::isfinite(x)) m = std::max(m, std::fabs(x));
  return m;
}

// "/profiles/single/job_gain" -> "single: job gain" (the entity and the field, in words);
// "group:rent" -> "rent (group)".
std::string input_words(const std::string& pointer, Language lang) {
  if (pointer.rfind("group:", 0) == 0) {
    std::string g = pointer.substr(6);
    std::replace(g.begin(), g.end(), '_', ' ');
    return tr(lang, "chart.group", {g});
  }
  std::vector<std::string> parts;
  std::size_t i = 1;
  while (i <= pointer.size()) {
    const std::size_t j = std::min(pointer.find('/', i), pointer.size());
    parts.push_back(pointer.substr(i, j - i));
    i = j + 1;
  }
  std::string out;
  for (std::size_t k = 1; k < parts.size(); ++k) {
    // The entity's id as written, the fields in words.
    std::string p = k == 1 ? parts[k] : field_words(parts[k], lang);
    if (k == 1) std::replace(p.begin(), p.end(), '_', ' ');
    out += (k == 1 ? "" : k == 2 ? ": " : " ") + p;
  }
  return out.empty() ? pointer : out;
}

}  // namespace

std::optional<Chart> ce_plane_chart(const RunResult& r, const std::string& town, Language lang) {
  std::vector<const CePlane*> planes;
  for (const auto& p : r.uncertainty.plane)
    if (p.town == town) planes.push_back(&p);
  if (planes.empty()) return std::nullopt;
  Chart c;
  c.file = "ce_plane_" + file_id(town) + ".svg";
  c.title = tr(lang, "chart.ce.title", {town_label(r, town, lang)});
  double xmax = 0, ymax = 0;
  for (const auto* p : planes) {
    xmax = std::max(xmax, max_abs(p->d_stabilized));
    ymax = std::max(ymax, max_abs(p->d_cost));
  }
  const AxisUnit yu = axis_unit("CZK", ymax, true, lang);
  Frame f;
  svg::fit_x(f, -std::max(xmax, 1.0), std::max(xmax, 1.0));
  svg::fit_y(f, -std::max(ymax, 1.0), std::max(ymax, 1.0));
  Document doc(kWidth, 440, c.title, chart_prefix(c.file));
  svg::draw_frame(doc, f, c.title, tr(lang, "chart.ce.x"), tr(lang, "chart.ce.y", {yu.label}), 1,
                  yu.factor, lang == Language::cs);
  doc.line(f.x(0), f.top, f.x(0), f.bottom(), "stroke=\"#555555\" stroke-width=\"1\"");
  doc.line(f.left, f.y(0), f.right(), f.y(0), "stroke=\"#555555\" stroke-width=\"1\"");
  std::vector<LegendItem> items;
  for (const auto* p : planes) {
    const std::string colour = svg::variant_colour(variant_index(r, p->variant));
    doc.open("g data-series=\"ce_plane:" + escape(p->variant) + "\" fill=\"" + colour +
             "\" fill-opacity=\"0.35\"");
    double sx = 0, sy = 0, n = 0;
    for (std::size_t k = 0; k < p->d_cost.size() && k < p->d_stabilized.size(); ++k) {
      if (!std::isfinite(p->d_cost[k]) || !std::isfinite(p->d_stabilized[k])) continue;
      doc.circle(f.x(p->d_stabilized[k]), f.y(p->d_cost[k]), 2.5, "");
      sx += p->d_stabilized[k];
      sy += p->d_cost[k];
      n += 1;
    }
    doc.close("g");
    if (n > 0)
      doc.circle(f.x(sx / n), f.y(sy / n), 6,
                 "data-mean=\"" + escape(p->variant) + "\" fill=\"" + colour +
                     "\" stroke=\"#ffffff\" stroke-width=\"2\"");
    items.push_back({variant_label(r, p->variant, lang), colour, LegendItem::point});
  }
  // The baseline is the origin of the plane: drawn last, on top of every cloud.
  doc.circle(f.x(0), f.y(0), 5,
             "class=\"baseline\" fill=\"#000000\" stroke=\"#ffffff\" stroke-width=\"1.5\"");
  items.push_back({tr(lang, "chart.ce.mean"), "#555555", LegendItem::point});
  items.push_back({tr(lang, "chart.ce.origin"), "#000000", LegendItem::point});
  svg::draw_legend(doc, kLegendX, f.top + 10, items);
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.ce.how", {std::to_string(r.info.inner_replications)});
  return c;
}

std::optional<Chart> ceac_chart(const RunResult& r, const std::string& town, Language lang) {
  std::vector<const CeacPoint*> points;
  double wmax = 0;
  for (const auto& p : r.uncertainty.ceac)
    if (p.town == town && p.outcome == "cohort_stabilized") {
      points.push_back(&p);
      wmax = std::max(wmax, p.willingness_to_pay);
    }
  if (points.empty()) return std::nullopt;
  Chart c;
  c.file = "ceac_" + file_id(town) + ".svg";
  c.title = tr(lang, "chart.ceac.title", {town_label(r, town, lang)});
  const AxisUnit xu = axis_unit("CZK", wmax, false, lang);
  Frame f;
  svg::fit_x(f, 0, std::max(wmax, 1.0));
  svg::fit_y(f, 0, 1);
  Document doc(kWidth, 420, c.title, chart_prefix(c.file));
  svg::draw_frame(doc, f, c.title, tr(lang, "chart.ceac.x", {xu.label}), tr(lang, "chart.ceac.y"),
                  xu.factor, 100, lang == Language::cs);
  std::vector<LegendItem> items;
  // Variants first, the baseline last: on top.
  std::vector<std::string> order(r.info.variants.begin() + 1, r.info.variants.end());
  order.push_back(r.info.variants.front());
  for (const auto& v : order) {
    svg::PathData d;
    bool first = true;
    for (const auto* p : points) {
      if (p->variant != v) continue;
      if (first)
        d.move(f.x(p->willingness_to_pay), f.y(p->probability_most_cost_effective));
      else
        d.line(f.x(p->willingness_to_pay), f.y(p->probability_most_cost_effective));
      first = false;
    }
    if (d.empty()) continue;
    const std::string colour = svg::variant_colour(variant_index(r, v));
    doc.path(d.str(), std::string(v == "baseline" ? "class=\"baseline\" " : "") +
                          "data-series=\"ceac:" + escape(v) + "\" fill=\"none\" stroke=\"" +
                          colour + "\" stroke-width=\"" + (v == "baseline" ? "2" : "2.5") + "\"" +
                          (v == "baseline" ? " stroke-dasharray=\"6 3\"" : ""));
  }
  for (const auto& v : r.info.variants)
    items.push_back({variant_label(r, v, lang), svg::variant_colour(variant_index(r, v)),
                     v == "baseline" ? LegendItem::dashed : LegendItem::line});
  svg::draw_legend(doc, kLegendX, f.top + 10, items);
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.ceac.how");
  return c;
}

std::optional<Chart> tornado_chart(const RunResult& r, const std::string& town,
                                   const std::string& variant, Language lang) {
  std::vector<const TornadoRow*> rows;
  for (const auto& t : r.uncertainty.tornado)
    if (t.town == town && t.variant == variant && rows.size() < kTornadoBars) rows.push_back(&t);
  if (rows.empty()) return std::nullopt;
  Chart c;
  c.file = "tornado_" + file_id(town) + "_" + file_id(variant) + ".svg";
  c.title =
      tr(lang, "chart.tornado.title", {variant_label(r, variant, lang), town_label(r, town, lang)});
  double lo = rows.front()->base, hi = rows.front()->base;
  for (const auto* t : rows) {
    lo = std::min({lo, t->low, t->high});
    hi = std::max({hi, t->low, t->high});
  }
  if (hi == lo) hi = lo + 0.01;
  const double bar = 24;
  Frame f;
  f.left = 250;
  f.width = 360;
  f.height = bar * static_cast<double>(rows.size()) + 12;
  svg::fit_x(f, lo, hi);
  f.y = {0, 1, f.top, f.bottom()};
  Document doc(kWidth, f.bottom() + 70, c.title, chart_prefix(c.file));
  svg::draw_frame(doc, f, c.title, tr(lang, "chart.tornado.x"), "", 100, 1, lang == Language::cs);
  const double base_x = f.x(rows.front()->base);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TornadoRow& t = *rows[i];
    const double y = f.top + 6 + bar * static_cast<double>(i);
    doc.text(f.left - 8, y + bar * 0.6, input_words(t.parameter, lang),
             "text-anchor=\"end\" font-size=\"12\"");
    const double x5 = f.x(t.low), x95 = f.x(t.high);
    doc.rect(
        std::min(base_x, x5), y + 3, std::fabs(x5 - base_x), bar - 8,
        "data-series=\"tornado:p05:" + escape(t.parameter) + "\" fill=\"" + svg::kSkyBlue + "\"");
    doc.rect(
        std::min(base_x, x95), y + 3, std::fabs(x95 - base_x), bar - 8,
        "data-series=\"tornado:p95:" + escape(t.parameter) + "\" fill=\"" + svg::kOrange + "\"");
  }
  // The difference with every input at its mean: the reference the bars swing around.
  doc.line(base_x, f.top, base_x, f.bottom(),
           "class=\"baseline\" stroke=\"#000000\" stroke-width=\"1.5\"");
  svg::draw_legend(doc, kLegendX + 20, f.top + 10,
                   {{tr(lang, "chart.tornado.p05"), svg::kSkyBlue, LegendItem::swatch},
                    {tr(lang, "chart.tornado.p95"), svg::kOrange, LegendItem::swatch},
                    {tr(lang, "chart.tornado.means"), "#000000", LegendItem::line}});
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.tornado.how");
  return c;
}

}  // namespace prostup::report

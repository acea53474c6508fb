// SPDX-License-Identifier: Apache-2.0
// The report's parameter-uncertainty (PSA) charts: the cost-effectiveness plane, the
// acceptability curve and the tornado (docs/uncertainty.md).
#include <algorithm>
#include <cmath>

#include "answer.hpp"
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

// A pointer's entity by its label in the run's language: "/stages/shelter/..." -> the
// shelter's label; an entity without a label (or of another collection) keeps its id.
std::string entity_label(const RunResult& r, const std::string& collection, const std::string& id,
                         Language lang) {
  auto from = [&](const std::vector<std::string>& ids, const std::vector<LocalText>& labels) {
    for (std::size_t i = 0; i < ids.size() && i < labels.size(); ++i)
      if (ids[i] == id && !labels[i].empty()) return text::in(labels[i], lang);
    return id;
  };
  if (collection == "stages") return stage_label(r, id, lang);
  if (collection == "towns") return town_label(r, id, lang);
  if (collection == "services") return from(r.info.services, r.info.service_labels);
  if (collection == "profiles") return from(r.info.profiles, r.info.profile_labels);
  return id;
}

// "/profiles/single/job_gain" -> "<single's label>: job gain" (the entity by its label, the
// fields in words): the entity and the rest apart.
std::pair<std::string, std::string> parameter_words(const RunResult& r, const std::string& pointer,
                                                    Language lang) {
  std::vector<std::string> parts;
  std::size_t i = 1;
  while (i <= pointer.size()) {
    const std::size_t j = std::min(pointer.find('/', i), pointer.size());
    parts.push_back(pointer.substr(i, j - i));
    i = j + 1;
  }
  if (parts.size() < 2) return {"", pointer};
  std::string fields;
  if (parts.size() == 4 && (parts[2] == "multipliers" || parts[2] == "effects")) {
    // "/stages/lease/multipliers/exit" -> "exit (multiplier)", not "multipliers exit".
    fields = field_words(parts[3], lang);
    fields += " (";
    fields += tr(lang, parts[2] == "effects" ? "tornado.effect" : "tornado.multiplier");
    fields += ')';
    return {entity_label(r, parts[0], parts[1], lang), fields};
  }
  for (std::size_t k = 2; k < parts.size(); ++k) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "..." + string&&.
    if (k > 2) fields += ' ';
    fields += field_words(parts[k], lang);
  }
  return {entity_label(r, parts[0], parts[1], lang), fields};
}

// A tornado row's input in words: a parameter as above; a group ("group:rent") by what its
// members are: "<label>, <label>: rent paid (group)" where they share their field, else the
// members' words, at most three named (the group's id only where the run lists no members).
std::string input_words(const RunResult& r, const std::string& pointer, Language lang) {
  if (pointer.rfind("group:", 0) != 0) {
    const auto [entity, fields] = parameter_words(r, pointer, lang);
    return entity.empty() ? fields : fields.empty() ? entity : entity + ": " + fields;
  }
  const std::string group = pointer.substr(6);
  std::vector<std::string> entities, fields;
  auto add_unique = [](std::vector<std::string>& v, const std::string& x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  };
  for (std::size_t k = 0; k < r.info.parameters.size() && k < r.info.parameter_groups.size(); ++k)
    if (r.info.parameter_groups[k] == group) {
      const auto [entity, field] = parameter_words(r, r.info.parameters[k], lang);
      add_unique(entities, entity);
      add_unique(fields, field);
    }
  auto first_three = [](const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t k = 0; k < v.size() && k < 3; ++k) out += (k ? ", " : "") + v[k];
    if (v.size() > 3) out += ", …";
    return out;
  };
  std::string words;
  if (entities.empty()) {
    words = group;
    std::replace(words.begin(), words.end(), '_', ' ');
  } else if (fields.size() == 1) {
    words = first_three(entities) + ": " + fields.front();
  } else {
    words = first_three(fields);
  }
  return tr(lang, "chart.group", {words});
}

}  // namespace

std::optional<Chart> ce_plane_chart(const RunResult& r, const std::string& town, Language lang) {
  // The variants that change something in the town; the others (every difference exactly zero:
  // all their dots on the origin, under the baseline's) are named once in the legend.
  std::vector<const CePlane*> planes;
  std::vector<std::string> same;
  for (const auto& p : r.uncertainty.plane)
    if (p.town == town) {
      if (answer::changes_town(r, town, p.variant))
        planes.push_back(&p);
      else
        same.push_back(variant_label(r, p.variant, lang));
    }
  if (planes.empty() && same.empty()) return std::nullopt;
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
    // Colour and shape both tell the variants apart (the shape where colours are hard to see).
    const svg::OptionStyle style = svg::option_style(variant_index(r, p->variant));
    const std::string colour = style.colour;
    doc.open("g data-series=\"ce_plane:" + escape(p->variant) + "\" fill=\"" + colour +
             "\" fill-opacity=\"0.45\"");
    double sx = 0, sy = 0, n = 0;
    for (std::size_t k = 0; k < p->d_cost.size() && k < p->d_stabilized.size(); ++k) {
      if (!std::isfinite(p->d_cost[k]) || !std::isfinite(p->d_stabilized[k])) continue;
      doc.marker(style.marker, f.x(p->d_stabilized[k]), f.y(p->d_cost[k]), 2.8, "");
      sx += p->d_stabilized[k];
      sy += p->d_cost[k];
      n += 1;
    }
    doc.close("g");
    if (n > 0)
      doc.marker(style.marker, f.x(sx / n), f.y(sy / n), 6.5,
                 "data-mean=\"" + escape(p->variant) + "\" fill=\"" + colour +
                     "\" stroke=\"#000000\" stroke-width=\"1.5\"");
    items.push_back({variant_label(r, p->variant, lang), colour, LegendItem::point, style.marker});
  }
  // The baseline is the origin of the plane: drawn last, on top of every cloud.
  doc.circle(f.x(0), f.y(0), 5,
             "class=\"baseline\" fill=\"#000000\" stroke=\"#ffffff\" stroke-width=\"1.5\"");
  items.push_back({tr(lang, "chart.ce.mean"), "#555555", LegendItem::point});
  items.push_back({tr(lang, "chart.ce.origin"), "#000000", LegendItem::point});
  // Variants that change nothing here: one legend line each, so long labels fit.
  if (!same.empty()) items.push_back({tr(lang, "chart.same_as_baseline"), "", LegendItem::point});
  for (const auto& v : same) items.push_back({v, "#000000", LegendItem::point});
  svg::draw_legend(doc, kLegendX, f.top + 10, items);
  c.svg = doc.str();
  c.how_to_read = tr(lang, "chart.ce.how", {std::to_string(r.info.inner_replications)});
  return c;
}

std::optional<Chart> ceac_chart(const RunResult& r, const std::string& town, Language lang) {
  // Each option's curve in scenario order of the willingness to pay.
  std::vector<std::vector<const CeacPoint*>> curve(r.info.variants.size());
  double wmax = 0;
  bool any = false;
  for (const auto& p : r.uncertainty.ceac)
    if (p.town == town && p.outcome == "cohort_stabilized") {
      const std::size_t v = variant_index(r, p.variant);
      if (v >= curve.size()) continue;
      curve[v].push_back(&p);
      wmax = std::max(wmax, p.willingness_to_pay);
      any = true;
    }
  if (!any) return std::nullopt;
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

  // A variant that changes nothing in the town ties with the baseline in every parameter set,
  // and a tie shares the set (ceac.csv): the baseline's curve would read a third of its real
  // value with two such variants. They are one option here: the baseline's curve carries their
  // shares, and the legend names them.
  struct Option {
    std::size_t index;
    std::vector<double> wtp, probability;
  };
  std::vector<Option> options;
  std::vector<std::string> same;
  for (std::size_t v = 0; v < curve.size(); ++v) {
    if (curve[v].empty()) continue;
    if (v > 0 && !answer::changes_town(r, town, r.info.variants[v])) {
      same.push_back(variant_label(r, r.info.variants[v], lang));
      if (!options.empty() && options.front().index == 0 &&
          curve[v].size() == options.front().probability.size())
        for (std::size_t k = 0; k < curve[v].size(); ++k)
          options.front().probability[k] += curve[v][k]->probability_most_cost_effective;
      continue;
    }
    Option o{v, {}, {}};
    for (const auto* p : curve[v]) {
      o.wtp.push_back(p->willingness_to_pay);
      o.probability.push_back(p->probability_most_cost_effective);
    }
    options.push_back(std::move(o));
  }
  // Curves that coincide (the same probability at every willingness to pay, as two options
  // that are never the best) are drawn over each other in alternating dashes of their
  // colours; and each option's markers sit at its own points along the axis, so an option
  // whose curve runs on another's for a stretch still shows there.
  const std::size_t n = options.size();
  std::vector<std::size_t> tie_group(n), tie_rank(n, 0), tie_size(n, 1);
  for (std::size_t i = 0; i < n; ++i) {
    tie_group[i] = i;
    for (std::size_t j = 0; j < i; ++j)
      if (tie_group[j] == j && options[j].probability.size() == options[i].probability.size()) {
        bool same_curve = true;
        for (std::size_t k = 0; k < options[i].probability.size() && same_curve; ++k)
          same_curve = std::fabs(options[i].probability[k] - options[j].probability[k]) < 1e-9;
        if (same_curve) {
          tie_group[i] = j;
          break;
        }
      }
    tie_rank[i] = 0;
    for (std::size_t j = 0; j < i; ++j) tie_rank[i] += tie_group[j] == tie_group[i];
  }
  for (std::size_t i = 0; i < n; ++i) {
    tie_size[i] = 0;
    for (std::size_t j = 0; j < n; ++j) tie_size[i] += tie_group[j] == tie_group[i];
  }
  constexpr double kDash = 7;
  // Variants first, the baseline last: on top.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i)
    if (options[i].index != 0) order.push_back(i);
  for (std::size_t i = 0; i < n; ++i)
    if (options[i].index == 0) order.push_back(i);
  for (std::size_t i : order) {
    const Option& o = options[i];
    const std::string& v = r.info.variants[o.index];
    const svg::OptionStyle style = svg::option_style(o.index);
    svg::PathData d;
    for (std::size_t k = 0; k < o.wtp.size(); ++k)
      if (k == 0)
        d.move(f.x(o.wtp[k]), f.y(o.probability[k]));
      else
        d.line(f.x(o.wtp[k]), f.y(o.probability[k]));
    if (d.empty()) continue;
    std::string dash = style.dash;
    if (tie_size[i] > 1) {
      // Member m of a tie of g shows its colour in every g-th dash.
      dash = svg::coord(kDash) + " " + svg::coord(kDash * static_cast<double>(tie_size[i] - 1));
    }
    std::string a = std::string(o.index == 0 ? "class=\"baseline\" " : "") +
                    "data-series=\"ceac:" + escape(v) + "\" fill=\"none\" stroke=\"" +
                    style.colour + "\" stroke-width=\"2.5\"" + svg::dash_attribute(dash);
    if (tie_size[i] > 1)
      a += " stroke-dashoffset=\"" + svg::coord(-kDash * static_cast<double>(tie_rank[i])) + "\"";
    if (tie_size[i] > 1) a += " data-tie=\"" + std::to_string(tie_size[i]) + "\"";
    doc.path(d.str(), a);
    // Markers at every n-th point, shifted by the option's place: never on another's.
    doc.open("g " + std::string("data-markers=\"ceac:") + escape(v) + "\" fill=\"" + style.colour +
             "\" stroke=\"#ffffff\" stroke-width=\"0.75\"");
    for (std::size_t k = i % std::max<std::size_t>(n, 1); k < o.wtp.size();
         k += std::max<std::size_t>(n, 1))
      doc.marker(style.marker, f.x(o.wtp[k]), f.y(o.probability[k]), 3.5, "");
    doc.close("g");
  }
  std::vector<LegendItem> items;
  for (const auto& o : options) {
    const svg::OptionStyle style = svg::option_style(o.index);
    items.push_back({variant_label(r, r.info.variants[o.index], lang), style.colour,
                     LegendItem::line, style.marker, style.dash, true});
  }
  if (!same.empty()) items.push_back({tr(lang, "chart.ceac.same"), "", LegendItem::line});
  for (const auto& v : same)
    items.push_back({v, "#000000", LegendItem::line, svg::Marker::circle, "", true});
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
    // Shortened to the room left of the frame, whole in the tooltip.
    doc.fitted_text(f.left - 8, y + bar * 0.6, input_words(r, t.parameter, lang), f.left - 16,
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

// SPDX-License-Identifier: Apache-2.0
// The ladder drawn (ladder_svg.hpp): a layered layout of our own. The stages keep the
// scenario's order left to right (a ladder is written bottom rung first); a move up is an arc
// above the boxes, a move down (eviction, expiry) a dashed arc below, each arc as high as the
// number of rungs it spans, so arcs of one kind and span never cross each other's labels.
#include "ladder_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "prostup/number_text.hpp"
#include "svg.hpp"

namespace prostup::ladder {

namespace {

using text::tr;

constexpr double kBoxW = 170, kBoxH = 78, kGap = 80, kMargin = 20;
constexpr double kSmall = 10.5;  // px: the font of every text but the labels and title
// Moves rarer than this per year are not drawn (they would print as 0.0); the caption says so.
constexpr double kSmallestFlow = 0.05;

// Locale-proof (to_chars): the drawing is the same bytes under any C locale.
std::string fmt(double v, int decimals) {
  return number_text::fixed(v, decimals);
}

// A flow per year for people: one decimal below 10, whole numbers above.
std::string per_year(double v) {
  return std::fabs(v) < 10 ? fmt(v, 1) : svg::group_thousands(v, 0);
}

const char* fill_of(const std::string& kind) {
  if (kind == "outside") return "#eeeeee";
  if (kind == "temporary") return "#fbeccb";
  if (kind == "supported") return "#d9ecf7";
  return "#d6f0e3";  // permanent
}

const char* colour_of(const std::string& kind) {
  if (kind == "promotion") return svg::kGreen;
  if (kind == "expiry") return svg::kOrange;
  return svg::kVermillion;  // demotion: eviction for arrears
}

double arc_height(int level) {
  return 30 + 24 * level;
}

std::string kind_word(const std::string& kind, Language lang) {
  return tr(lang, "describe.kind." + kind);
}

// The legend names the kinds of arrow the drawing has, in a fixed order.
void add_legend(Drawing& d, Language lang) {
  for (const char* kind : {"promotion", "demotion", "expiry"})
    if (std::any_of(d.arrows.begin(), d.arrows.end(),
                    [&](const Arrow& a) { return a.kind == kind; }))
      d.legend.emplace_back(kind, tr(lang, std::string("ladder.legend.") + kind));
}

}  // namespace

Drawing from_scenario(const Scenario& s, Language lang) {
  Drawing d;
  d.title = tr(lang, "ladder.title", {text::in(s.title, lang, s.name)});
  // The arrows carry the common ladder's rules; towns with rules of their own are named.
  std::string own;
  for (const Town& t : s.towns)
    if (!t.rules.empty()) own += (own.empty() ? "" : ", ") + text::in(t.label, lang, t.id);
  if (!own.empty()) d.title = tr(lang, "ladder.title_own_rules", {d.title, own});
  std::map<std::string, int> index;
  for (const Stage& st : s.stages) {
    index[st.id] = static_cast<int>(d.boxes.size());
    Box b;
    b.id = st.id;
    b.label = text::in(st.label, lang, st.id);
    b.kind = to_string(st.kind);
    b.kind_word = kind_word(b.kind, lang);
    std::string places;
    if (st.kind != StageKind::outside) {
      if (s.towns.size() == 1) {
        const auto c = s.towns.front().capacity.find(st.id);
        if (c != s.towns.front().capacity.end()) {
          places = tr(lang, "ladder.places", {std::to_string(c->second.initial)});
          if (!c->second.changes.empty())
            places += " → " + std::to_string(c->second.changes.back().second);
        }
      } else {
        long long total = 0;
        for (const Town& t : s.towns)
          if (auto c = t.capacity.find(st.id); c != t.capacity.end()) total += c->second.initial;
        places = tr(lang, "ladder.places_towns",
                    {std::to_string(total), std::to_string(s.towns.size())});
      }
    }
    std::string cost;
    if (st.cost_per_month > 0)
      cost = tr(lang, "ladder.cost", {svg::group_thousands(st.cost_per_month, 0)});
    b.places = places;
    b.cost = cost;
    d.boxes.push_back(std::move(b));
  }
  std::map<std::string, std::string> service_label;
  for (const Service& v : s.services) service_label[v.id] = text::in(v.label, lang, v.id);
  for (const Promotion& p : s.promotions) {
    const auto f = index.find(p.from), t = index.find(p.to);
    if (f == index.end() || t == index.end()) continue;
    std::vector<std::string> parts;
    if (p.min_months_in_stage > 0)
      parts.push_back(tr(lang, "ladder.min_months", {std::to_string(p.min_months_in_stage)}));
    if (p.min_streak > 0)
      parts.push_back(tr(lang, "ladder.streak", {std::to_string(p.min_streak)}));
    if (p.max_arrears)
      parts.push_back(tr(lang, "ladder.max_arrears", {std::to_string(*p.max_arrears)}));
    if (p.employment_required) parts.push_back(tr(lang, "ladder.job"));
    if (!p.service_required.empty()) {
      const auto l = service_label.find(p.service_required);
      parts.push_back(l == service_label.end() ? p.service_required : l->second);
    }
    std::string label;
    for (const auto& x : parts) label += (label.empty() ? "" : ", ") + x;
    d.arrows.push_back({f->second, t->second, "promotion", label, -1});
  }
  for (const Stage& st : s.stages) {
    const int from = index[st.id];
    if (st.arrears_limit && !st.on_arrears.empty())
      if (auto t = index.find(st.on_arrears.front()); t != index.end())
        d.arrows.push_back({from, t->second, "demotion",
                            tr(lang, "ladder.arrears", {std::to_string(*st.arrears_limit)}), -1});
    if (st.max_stay_months && !st.on_expiry.empty())
      if (auto t = index.find(st.on_expiry.front()); t != index.end())
        d.arrows.push_back({from, t->second, "expiry",
                            tr(lang, "ladder.expiry", {std::to_string(*st.max_stay_months)}), -1});
  }
  for (const Service& v : s.services) {
    ServiceBox sb;
    sb.label = text::in(v.label, lang, v.id);
    for (const auto& e : v.eligible_stages)
      if (auto t = index.find(e); t != index.end()) sb.stages.push_back(t->second);
    d.services.push_back(std::move(sb));
  }
  add_legend(d, lang);
  return d;
}

Drawing from_run(const RunResult& r, const std::string& town, const std::string& variant,
                 Language lang) {
  Drawing d;
  std::map<std::string, int> index;
  for (const StageInfo& st : r.info.stages) {
    index[st.id] = static_cast<int>(d.boxes.size());
    d.boxes.push_back(
        {st.id, text::in(st.label, lang, st.id), st.kind, kind_word(st.kind, lang), "", "", ""});
  }
  const TownVariantResult* tv = r.find(town, variant);
  const double years = r.info.months / 12.0;
  d.title = tr(lang, "ladder.title_run", {std::to_string(r.info.months)});
  if (!tv || years <= 0) return d;
  for (const Flow& f : tv->flows) {
    const double y = f.mean_per_replication / years;
    const auto from = index.find(f.from), to = index.find(f.to);
    if (f.kind == "arrival" && to != index.end()) {
      d.arrivals = tr(lang, "ladder.arrivals", {text::decimal(lang, per_year(y))});
      d.arrivals_box = to->second;
    } else if (f.kind == "exit" && from != index.end()) {
      d.boxes[static_cast<std::size_t>(from->second)].exits =
          tr(lang, "ladder.exits", {text::decimal(lang, per_year(y))});
    } else if (from != index.end() && to != index.end() && y >= kSmallestFlow) {
      d.arrows.push_back({from->second, to->second, f.kind, text::decimal(lang, per_year(y)), y});
    }
  }
  // results.json does not keep which stages a service serves: a run's ladder has no services.
  add_legend(d, lang);
  return d;
}

std::string svg(const Drawing& d, const std::string& id_prefix) {
  const int n = static_cast<int>(d.boxes.size());
  const double width = std::max(640.0, 2 * kMargin + n * kBoxW + std::max(0, n - 1) * kGap);
  auto box_x = [&](int i) { return kMargin + i * (kBoxW + kGap); };
  auto centre = [&](int i) { return box_x(i) + kBoxW / 2; };

  // Levels: an arc is as high as the rungs it spans, raised further while it would share a
  // height with an arc of the same direction over an overlapping stretch (their labels would
  // collide); arcs that only touch at a box share a level.
  struct Placed {
    const Arrow* a;
    bool up;
    int lo, hi, level;
  };
  std::vector<Placed> placed;
  for (const Arrow& a : d.arrows)
    if (a.from != a.to)
      placed.push_back({&a, a.to > a.from, std::min(a.from, a.to), std::max(a.from, a.to), 0});
  std::stable_sort(placed.begin(), placed.end(),
                   [](const Placed& x, const Placed& y) { return x.hi - x.lo < y.hi - y.lo; });
  double up_room = 0, down_room = 0;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    Placed& p = placed[i];
    for (int level = p.hi - p.lo - 1;; ++level) {
      bool free = true;
      for (std::size_t j = 0; j < i && free; ++j) {
        const Placed& q = placed[j];
        if (q.up == p.up && q.level == level && std::max(p.lo, q.lo) < std::min(p.hi, q.hi))
          free = false;
      }
      if (free) {
        p.level = level;
        break;
      }
    }
    (p.up ? up_room : down_room) = std::max(p.up ? up_room : down_room, arc_height(p.level));
  }
  const double title_h = 34;
  const double arrivals_h = d.arrivals.empty() ? 0 : 18;
  const double top = title_h + arrivals_h + (up_room > 0 ? up_room * 0.75 + 18 : 8);
  const double boxes_bottom = top + kBoxH;
  const double arcs_top = boxes_bottom;
  const double services_top = arcs_top + (down_room > 0 ? down_room * 0.75 + 22 : 10);
  const double services_h = d.services.empty() ? 0 : 24 + 16;
  const double legend_y = services_top + services_h + 14;
  const double height = legend_y + 14;

  svg::Document doc(width, height, d.title, id_prefix);
  auto marker_id = [&](const std::string& kind) { return doc.id("head-" + kind); };
  doc.open("defs");
  for (const char* kind : {"promotion", "demotion", "expiry"})
    doc.raw("<marker id=\"" + marker_id(kind) +
            "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
            "markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 "
            "L0,10 z\" fill=\"" +
            std::string(colour_of(kind)) + "\"/></marker>");
  doc.close("defs");
  doc.fitted_text(kMargin, 22, d.title, width - 2 * kMargin,
                  "font-size=\"14\" font-weight=\"bold\"", 14);

  // Services: one pill each, in a row under the arcs, linked by faint lines (drawn first,
  // under everything) to the stages they serve.
  const double pill_w = d.services.empty()
                            ? 0
                            : std::min(190.0, (width - 2 * kMargin -
                                               8.0 * static_cast<double>(d.services.size() - 1)) /
                                                  static_cast<double>(d.services.size()));
  auto pill_x = [&](std::size_t k) { return kMargin + static_cast<double>(k) * (pill_w + 8); };
  for (std::size_t k = 0; k < d.services.size(); ++k)
    for (const int st : d.services[k].stages)
      doc.line(pill_x(k) + pill_w / 2, services_top, centre(st), boxes_bottom,
               "stroke=\"#cccccc\" stroke-width=\"0.8\" stroke-dasharray=\"2 2\"");

  double max_weight = 0;
  for (const Arrow& a : d.arrows) max_weight = std::max(max_weight, a.weight);

  // Arcs first, boxes over their ends.
  for (const Placed& p : placed) {
    const Arrow& a = *p.a;
    const double h = arc_height(p.level);
    // Leave and enter the boxes off-centre: up-arrows on the right half of the source and the
    // left half of the target, so the two directions between neighbours do not meet.
    const double x1 = centre(a.from) + (p.up ? 24 : -24);
    const double x2 = centre(a.to) + (p.up ? -24 : 24);
    const double y = p.up ? top : arcs_top;
    const double ctrl = p.up ? y - h : y + h;
    svg::PathData path;
    path.move(x1, y).curve(x1, ctrl, x2, ctrl, x2, y);
    const double w =
        a.weight > 0 && max_weight > 0 ? 1 + 5 * std::sqrt(a.weight / max_weight) : 1.6;
    std::string attr = "fill=\"none\" stroke=\"" + std::string(colour_of(a.kind)) +
                       "\" stroke-width=\"" + svg::coord(w) + "\" marker-end=\"url(#" +
                       marker_id(a.kind) + ")\"";
    if (!p.up) attr += " stroke-dasharray=\"6 3\"";
    if (a.weight >= 0) attr += " class=\"baseline\"";  // a run's flows are the baseline's
    doc.path(path.str(), attr);
    if (!a.label.empty()) {
      // The apex of a cubic with both controls at `ctrl` is 3/4 of the way there.
      const double apex = y + 0.75 * (ctrl - y);
      const double room = (p.hi - p.lo) * (kBoxW + kGap) - 16;
      doc.fitted_text((x1 + x2) / 2, p.up ? apex - 5 : apex + 13, a.label, room,
                      "font-size=\"10.5\" text-anchor=\"middle\" fill=\"#333333\" "
                      "paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\"",
                      kSmall);
    }
  }

  for (int i = 0; i < n; ++i) {
    const Box& b = d.boxes[static_cast<std::size_t>(i)];
    const double x = box_x(i);
    doc.rect(x, top, kBoxW, kBoxH,
             std::string("rx=\"6\" fill=\"") + fill_of(b.kind) + "\" stroke=\"#555555\"");
    doc.fitted_text(x + 8, top + 18, b.label, kBoxW - 16, "font-weight=\"bold\"", 13);
    doc.fitted_text(x + 8, top + 36, b.kind_word, kBoxW - 16, "font-size=\"10.5\" fill=\"#555555\"",
                    kSmall);
    if (!b.places.empty())
      doc.fitted_text(x + 8, top + 52, b.places, kBoxW - 16, "font-size=\"10.5\"", kSmall);
    if (!b.cost.empty())
      doc.fitted_text(x + 8, top + 68, b.cost, kBoxW - 16, "font-size=\"10.5\"", kSmall);
    if (!b.exits.empty())
      doc.fitted_text(x + 8, top + (b.places.empty() ? 52 : 68), b.exits, kBoxW - 16,
                      "font-size=\"10.5\"", kSmall);
  }
  if (!d.arrivals.empty() && d.arrivals_box >= 0 && d.arrivals_box < n)
    doc.fitted_text(box_x(d.arrivals_box), title_h + 12, "↓ " + d.arrivals, kBoxW + kGap,
                    "font-size=\"10.5\" fill=\"#333333\"", kSmall);

  for (std::size_t k = 0; k < d.services.size(); ++k) {
    const double x = pill_x(k);
    doc.rect(x, services_top, pill_w, 24, "rx=\"12\" fill=\"#ffffff\" stroke=\"#999999\"");
    doc.fitted_text(x + pill_w / 2, services_top + 16, d.services[k].label, pill_w - 14,
                    "font-size=\"10.5\" text-anchor=\"middle\"", kSmall);
  }

  double lx = kMargin;
  doc.open("g class=\"legend\"");
  for (const auto& [kind, words] : d.legend) {
    std::string attr = "stroke=\"" + std::string(colour_of(kind)) + "\" stroke-width=\"2\"";
    if (kind != "promotion") attr += " stroke-dasharray=\"6 3\"";
    doc.line(lx, legend_y - 4, lx + 26, legend_y - 4, attr);
    doc.text(lx + 32, legend_y, words, "font-size=\"10.5\"");
    lx += 32 + svg::text_width(words, kSmall) + 24;
  }
  doc.close("g");
  return doc.str();
}

}  // namespace prostup::ladder

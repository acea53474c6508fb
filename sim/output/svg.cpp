// SPDX-License-Identifier: Apache-2.0
#include "svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "prostup/number_text.hpp"

namespace prostup::svg {

const char* stage_colour(std::size_t index) {
  static const char* const order[] = {kVermillion, kOrange, kSkyBlue, kGreen,
                                      kBlue,       kPurple, kYellow,  kGrey};
  return order[index % std::size(order)];
}

const char* variant_colour(std::size_t index) {
  return option_style(index).colour;
}

OptionStyle option_style(std::size_t index) {
  static const char* const colours[] = {kOrange,     kSkyBlue, kGreen, kBlue,
                                        kVermillion, kPurple,  kYellow};
  static const Marker markers[] = {Marker::square,        Marker::triangle, Marker::diamond,
                                   Marker::triangle_down, Marker::cross,    Marker::star};
  static const char* const dashes[] = {"", "8 3", "2 3", "8 3 2 3"};
  if (index == 0) return {kBlack, Marker::circle, ""};
  const std::size_t v = index - 1;
  return {colours[v % std::size(colours)], markers[v % std::size(markers)],
          dashes[(v / std::size(colours)) % std::size(dashes)]};
}

std::string dash_attribute(std::string_view dash) {
  return dash.empty() ? std::string() : " stroke-dasharray=\"" + std::string(dash) + "\"";
}

namespace {

// Length of the UTF-8 sequence starting at s[i], 0 if it is not a valid one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t n;
  std::uint32_t cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  // U+FFFE and U+FFFF are not XML characters.
  if (cp == 0xFFFE || cp == 0xFFFF) return 0;
  return n;
}

}  // namespace

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
      continue;
    }
    if (n > 1) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    const char c = s[i++];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
      case '\r':
        out += ' ';
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;  // XML forbids other controls
    }
  }
  return out;
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {0, 1};
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) {
    const double pad = lo == 0 ? 1 : std::fabs(lo) * 0.1;
    lo -= lo == 0 ? 0 : pad;
    hi += pad;
  }
  target = std::max(1, target);
  const double raw = (hi - lo) / target;
  const int exponent = static_cast<int>(std::floor(std::log10(raw)));
  const double mag = std::pow(10.0, exponent);
  double m = 10;
  for (double c : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (c * mag >= raw * (1 - 1e-9)) {
      m = c;
      break;
    }
  const double step = m * mag;
  const long long first = static_cast<long long>(std::floor(lo / step + 1e-9));
  const long long last = static_cast<long long>(std::ceil(hi / step - 1e-9));
  // k * m / 10^-exponent rounds once, so 3 * 0.2 reads 0.6, not 0.6000000000000001.
  const double inverse = exponent < 0 ? std::pow(10.0, -exponent) : 0;
  std::vector<double> ticks;
  for (long long k = first; k <= last; ++k) {
    double t = exponent < 0 ? static_cast<double>(k) * m / inverse : static_cast<double>(k) * step;
    if (t == 0) t = 0;  // no -0
    ticks.push_back(t);
  }
  return ticks;
}

std::string group_thousands(double v, int decimals) {
  if (!std::isfinite(v)) return "—";
  std::string s = number_text::fixed(v, std::clamp(decimals, 0, 12));
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.erase(0, 1);
  // "-0.0" is zero, printed without its sign.
  if (s.find_first_not_of("0.") == std::string::npos) negative = false;
  const auto point = s.find('.');
  std::string whole = s.substr(0, point), frac = point == std::string::npos ? "" : s.substr(point);
  std::string grouped;
  if (whole.size() >= 5) {
    for (std::size_t i = 0; i < whole.size(); ++i) {
      if (i > 0 && (whole.size() - i) % 3 == 0) grouped += "\xC2\xA0";  // no-break space
      grouped += whole[i];
    }
  } else {
    grouped = whole;
  }
  return (negative ? "\xE2\x88\x92" : "") + grouped + frac;  // U+2212 minus sign
}

std::string tick_label(double v, double step) {
  int decimals = 0;
  step = std::fabs(step);
  if (step > 0 && std::isfinite(step))
    while (decimals < 10) {
      const double scaled = step * std::pow(10.0, decimals);
      if (std::fabs(scaled - std::round(scaled)) <= 1e-6 * scaled) break;
      ++decimals;
    }
  return group_thousands(v, decimals);
}

std::string human(double v) {
  if (!std::isfinite(v)) return "—";
  const double a = std::fabs(v);
  int decimals;
  if (a == 0 || a >= 100)
    decimals = 0;
  else if (a >= 10)
    decimals = 1;
  else if (a >= 1)
    decimals = 2;
  else
    decimals = std::min(10, 2 - static_cast<int>(std::floor(std::log10(a))));
  return group_thousands(v, decimals);
}

std::string coord(double v) {
  if (!std::isfinite(v)) v = 0;
  std::string s = number_text::fixed(v, 1);
  if (s == "-0.0") s = "0.0";
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

Document::Document(double width, double height, std::string_view title, std::string_view id_prefix)
    : width_(width), height_(height), prefix_(id_prefix) {
  head_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  head_ += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + coord(width) + "\" height=\"" +
           coord(height) + "\" viewBox=\"0 0 " + coord(width) + " " + coord(height) +
           "\" role=\"img\" aria-labelledby=\"" + id("title") + "\" font-family=\"" + kFontFamily +
           "\" font-size=\"12\">\n";
  head_ += "  <title id=\"" + id("title") + "\">" + escape(title) + "</title>\n";
  head_ += "  <rect x=\"0\" y=\"0\" width=\"" + coord(width) + "\" height=\"" + coord(height) +
           "\" fill=\"#ffffff\"/>\n";
}

std::string Document::id(std::string_view local) const {
  return prefix_ + "-" + std::string(local);
}

void Document::raw(std::string_view line) {
  body_ << std::string(2 * static_cast<std::size_t>(depth_), ' ') << line << '\n';
}

// Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "<" + std::string(...).
void Document::open(std::string_view tag_and_attributes) {
  std::string s(1, '<');
  s.append(tag_and_attributes).append(1, '>');
  raw(s);
  ++depth_;
}

void Document::close(std::string_view tag) {
  --depth_;
  std::string s("</");
  s.append(tag).append(1, '>');
  raw(s);
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

double text_width(std::string_view s, double font_px) {
  return 0.62 * font_px * static_cast<double>(code_points(s));
}

std::string fit_text(const std::string& s, double room, double font_px) {
  if (text_width(s, font_px) <= room) return s;
  const std::size_t keep = static_cast<std::size_t>(std::max(0.0, room / (0.62 * font_px) - 1));
  std::size_t i = 0, seen = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == keep) break;
      ++seen;
    }
    ++i;
  }
  return s.substr(0, i) + "…";
}

void Document::fitted_text(double x, double y, const std::string& s, double room,
                           std::string_view attributes, double font_px,
                           const std::string& tooltip) {
  const std::string shown = fit_text(s, room, font_px);
  const std::string tip = !tooltip.empty() ? tooltip : shown != s ? s : std::string();
  if (tip.empty()) {
    text(x, y, shown, attributes);
    return;
  }
  std::string a = attributes.empty() ? "" : " " + std::string(attributes);
  raw("<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\"" + a + "><title>" + escape(tip) +
      "</title>" + escape(shown) + "</text>");
}

void Document::text(double x, double y, std::string_view s, std::string_view attributes) {
  std::string a = attributes.empty() ? "" : " " + std::string(attributes);
  raw("<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\"" + a + ">" + escape(s) + "</text>");
}

void Document::line(double x1, double y1, double x2, double y2, std::string_view attributes) {
  raw("<line x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) + "\" y2=\"" +
      coord(y2) + "\" " + std::string(attributes) + "/>");
}

void Document::rect(double x, double y, double w, double h, std::string_view attributes) {
  raw("<rect x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" width=\"" + coord(std::max(0.0, w)) +
      "\" height=\"" + coord(std::max(0.0, h)) + "\" " + std::string(attributes) + "/>");
}

void Document::path(std::string_view d, std::string_view attributes) {
  raw("<path d=\"" + std::string(d) + "\" " + std::string(attributes) + "/>");
}

void Document::circle(double cx, double cy, double r, std::string_view attributes) {
  raw("<circle cx=\"" + coord(cx) + "\" cy=\"" + coord(cy) + "\" r=\"" + coord(r) + "\" " +
      std::string(attributes) + "/>");
}

void Document::marker(Marker shape, double cx, double cy, double r, std::string_view attributes) {
  if (shape == Marker::circle) {
    circle(cx, cy, r, attributes);
    return;
  }
  // Polygons a little larger than the circle: the same area reads as the same weight.
  const double a = r * 1.1;
  PathData d;
  switch (shape) {
    case Marker::square:
      d.move(cx - a * 0.9, cy - a * 0.9)
          .line(cx + a * 0.9, cy - a * 0.9)
          .line(cx + a * 0.9, cy + a * 0.9)
          .line(cx - a * 0.9, cy + a * 0.9);
      break;
    case Marker::triangle:
      d.move(cx, cy - a * 1.2).line(cx + a * 1.1, cy + a * 0.8).line(cx - a * 1.1, cy + a * 0.8);
      break;
    case Marker::triangle_down:
      d.move(cx, cy + a * 1.2).line(cx + a * 1.1, cy - a * 0.8).line(cx - a * 1.1, cy - a * 0.8);
      break;
    case Marker::diamond:
      d.move(cx, cy - a * 1.25).line(cx + a, cy).line(cx, cy + a * 1.25).line(cx - a, cy);
      break;
    case Marker::cross: {
      const double t = a * 0.4;  // a plus sign with arms as wide as a third of it
      d.move(cx - t, cy - a).line(cx + t, cy - a).line(cx + t, cy - t).line(cx + a, cy - t);
      d.line(cx + a, cy + t).line(cx + t, cy + t).line(cx + t, cy + a).line(cx - t, cy + a);
      d.line(cx - t, cy + t).line(cx - a, cy + t).line(cx - a, cy - t).line(cx - t, cy - t);
      break;
    }
    case Marker::star: {
      constexpr double kPi = 3.14159265358979323846;
      for (int k = 0; k < 10; ++k) {
        const double angle = -kPi / 2 + kPi * k / 5, rr = (k % 2 ? 0.5 : 1.3) * a;
        const double x = cx + rr * std::cos(angle), y = cy + rr * std::sin(angle);
        if (k == 0)
          d.move(x, y);
        else
          d.line(x, y);
      }
      break;
    }
    case Marker::circle:
      break;
  }
  d.close();
  path(d.str(), attributes);
}

std::string Document::str() const {
  return head_ + body_.str() + "</svg>\n";
}

PathData& PathData::move(double x, double y) {
  d_ += (d_.empty() ? "M" : " M") + coord(x) + "," + coord(y);
  return *this;
}

PathData& PathData::line(double x, double y) {
  d_ += " L" + coord(x) + "," + coord(y);
  return *this;
}

PathData& PathData::curve(double x1, double y1, double x2, double y2, double x, double y) {
  d_ += " C" + coord(x1) + "," + coord(y1) + " " + coord(x2) + "," + coord(y2) + " " + coord(x) +
        "," + coord(y);
  return *this;
}

PathData& PathData::close() {
  d_ += " Z";
  return *this;
}

void fit_x(Frame& f, double lo, double hi, int target) {
  f.x_ticks = nice_ticks(lo, hi, target);
  f.x = {f.x_ticks.front(), f.x_ticks.back(), f.left, f.right()};
}

void fit_y(Frame& f, double lo, double hi, int target) {
  f.y_ticks = nice_ticks(lo, hi, target);
  f.y = {f.y_ticks.front(), f.y_ticks.back(), f.bottom(), f.top};
}

void draw_frame(Document& doc, const Frame& f, std::string_view title, std::string_view x_label,
                std::string_view y_label, double x_factor, double y_factor, bool decimal_comma) {
  auto label = [decimal_comma](double v, double step) {
    std::string s = tick_label(v, step);
    if (decimal_comma) std::replace(s.begin(), s.end(), '.', ',');
    return s;
  };
  doc.fitted_text(f.left, 24, std::string(title), doc.width() - f.left - 10,
                  "font-size=\"15\" font-weight=\"bold\"", 16);
  doc.open("g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\"");
  for (double t : f.y_ticks) doc.line(f.left, f.y(t), f.right(), f.y(t), "");
  doc.close("g");
  doc.open("g class=\"axes\" stroke=\"#333333\" stroke-width=\"1\"");
  doc.line(f.left, f.bottom(), f.right(), f.bottom(), "");
  doc.line(f.left, f.top, f.left, f.bottom(), "");
  for (double t : f.x_ticks) doc.line(f.x(t), f.bottom(), f.x(t), f.bottom() + 5, "");
  for (double t : f.y_ticks) doc.line(f.left - 5, f.y(t), f.left, f.y(t), "");
  doc.close("g");
  const double xs = f.x_ticks.size() > 1 ? (f.x_ticks[1] - f.x_ticks[0]) * x_factor : 1;
  const double ys = f.y_ticks.size() > 1 ? (f.y_ticks[1] - f.y_ticks[0]) * y_factor : 1;
  doc.open("g class=\"tick-labels\" fill=\"#333333\"");
  for (double t : f.x_ticks)
    doc.text(f.x(t), f.bottom() + 18, label(t * x_factor, xs), "text-anchor=\"middle\"");
  for (double t : f.y_ticks)
    doc.text(f.left - 8, f.y(t) + 4, label(t * y_factor, ys), "text-anchor=\"end\"");
  doc.close("g");
  doc.text(f.left + f.width / 2, f.bottom() + 38, x_label, "text-anchor=\"middle\"");
  const double cy = f.top + f.height / 2;
  doc.text(16, cy, y_label,
           "text-anchor=\"middle\" transform=\"rotate(-90 16 " + coord(cy) + ")\"");
}

void draw_legend(Document& doc, double x, double y, const std::vector<LegendItem>& items) {
  doc.open("g class=\"legend\"");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    const double cy = y + 18 * static_cast<double>(i);
    const std::string c = escape(it.colour);
    // An entry without a colour is a heading for the entries under it: no sample.
    if (!it.colour.empty()) switch (it.kind) {
        case LegendItem::swatch:
          doc.rect(x, cy - 9, 14, 12, "fill=\"" + c + "\" stroke=\"#555555\" stroke-width=\"0.5\"");
          break;
        case LegendItem::line:
          doc.line(x, cy - 3, x + 18, cy - 3,
                   "stroke=\"" + c + "\" stroke-width=\"2.5\"" + dash_attribute(escape(it.dash)));
          break;
        case LegendItem::dashed:
          doc.line(x, cy - 3, x + 18, cy - 3,
                   "stroke=\"" + c + "\" stroke-width=\"2\"" +
                       dash_attribute(it.dash.empty() ? "5 3" : escape(it.dash)));
          break;
        case LegendItem::point:
          doc.marker(it.marker, x + 7, cy - 3, 4.5,
                     "fill=\"" + c + "\" stroke=\"#333333\" stroke-width=\"0.5\"");
          break;
      }
    if (it.with_marker && it.kind != LegendItem::point && it.kind != LegendItem::swatch)
      doc.marker(it.marker, x + 9, cy - 3, 3.5,
                 "fill=\"" + c + "\" stroke=\"#ffffff\" stroke-width=\"0.75\"");
    // Long variant names are shortened to the chart's edge, whole in the tooltip.
    doc.fitted_text(x + 24, cy + 1, it.label, doc.width() - (x + 24) - 6);
  }
  doc.close("g");
}

std::string clip_to_frame(Document& doc, const Frame& f) {
  const std::string id = doc.id("plot-area");
  doc.open("defs");
  doc.open("clipPath id=\"" + id + "\"");
  doc.rect(f.left, f.top - 1, f.width, f.height + 2, "");
  doc.close("clipPath");
  doc.close("defs");
  return id;
}

}  // namespace prostup::svg

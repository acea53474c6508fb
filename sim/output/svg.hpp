// SPDX-License-Identifier: Apache-2.0
// A small SVG writer for the report's charts: XML escaping, "nice" axis ticks, linear
// scales, the Okabe-Ito palette, and number formatting for people. Private to sim/.
#pragma once

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace prostup::svg {

// Fonts with Czech glyphs first; the last resort is the viewer's sans-serif.
inline constexpr const char* kFontFamily = "DejaVu Sans, Arial, Helvetica, sans-serif";

// Okabe & Ito (2008), safe for the common colour-vision deficiencies.
inline constexpr const char* kBlack = "#000000";
inline constexpr const char* kOrange = "#E69F00";
inline constexpr const char* kSkyBlue = "#56B4E9";
inline constexpr const char* kGreen = "#009E73";
inline constexpr const char* kYellow = "#F0E442";
inline constexpr const char* kBlue = "#0072B2";
inline constexpr const char* kVermillion = "#D55E00";
inline constexpr const char* kPurple = "#CC79A7";
inline constexpr const char* kGrey = "#999999";

// Stage colours by position in the scenario (street first, lease last in a usual
// ladder); yellow comes late because thin yellow lines vanish on white.
const char* stage_colour(std::size_t index);
// Variant colours by position; the baseline (first) is black, the variants cycle through
// the other seven Okabe-Ito colours (never black again).
const char* variant_colour(std::size_t index);

// A marker's shape: the baseline's is a circle, the variants' are the others, so points of
// two options differ in shape as well as colour.
enum class Marker { circle, square, triangle, diamond, triangle_down, cross, star };

// How an option (baseline = index 0, then the variants in scenario order) is drawn: its
// colour, marker and line dash ("" = solid). Colours repeat every 7 variants, markers every 6
// and dashes change every 7, so no two of the first 42 variants look alike.
struct OptionStyle {
  const char* colour;
  Marker marker;
  const char* dash;
};
OptionStyle option_style(std::size_t index);
// ` stroke-dasharray="..."` for a dash, "" for a solid line.
std::string dash_attribute(std::string_view dash);

// Valid UTF-8 with XML-forbidden control characters dropped and invalid bytes replaced by
// U+FFFD; then & < > " ' escaped. Safe in text and in attribute values.
std::string escape(std::string_view s);

// Axis ticks at 1, 2, 2.5 or 5 times a power of ten, covering [lo, hi] with about
// `target` intervals; the first and last tick enclose the data.
std::vector<double> nice_ticks(double lo, double hi, int target = 5);

// Formats a tick value so that neighbouring ticks differ: decimals from the step.
std::string tick_label(double v, double step);

// Groups thousands with a no-break space (12 345 678), `decimals` after the point.
std::string group_thousands(double v, int decimals);

// A number for people: about three significant digits, thousands grouped; "—" if undefined.
std::string human(double v);

// A coordinate with one decimal: stable text for golden files, precise enough on screen.
std::string coord(double v);

// Characters (code points) of a UTF-8 string.
std::size_t code_points(std::string_view s);
// An estimate of the width of `s` in pixels at `font_px` (DejaVu Sans: about 0.62 em a
// character on average, generous so that an estimate that fits does fit).
double text_width(std::string_view s, double font_px = 12);
// `s` shortened with "…" so that its estimated width fits `room` pixels; unchanged where it
// fits.
std::string fit_text(const std::string& s, double room, double font_px = 12);

struct Scale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;  // domain -> range, linear
  double operator()(double v) const {
    return d1 == d0 ? (r0 + r1) / 2 : r0 + (v - d0) * (r1 - r0) / (d1 - d0);
  }
};

// An SVG document built element by element, one element per line so diffs are readable.
class Document {
 public:
  Document(double width, double height, std::string_view title, std::string_view id_prefix);
  double width() const { return width_; }
  double height() const { return height_; }
  // A unique id inside the report (charts are inlined into one HTML page).
  std::string id(std::string_view local) const;
  // Raw markup; callers escape text with escape().
  void raw(std::string_view line);
  void open(std::string_view tag_and_attributes);
  void close(std::string_view tag);
  void text(double x, double y, std::string_view s, std::string_view attributes = "");
  // A text that must fit `room` pixels: shortened with "…" where it does not, its full wording
  // then kept in a tooltip (<title>). `tooltip`, if given, is the tooltip in any case.
  void fitted_text(double x, double y, const std::string& s, double room,
                   std::string_view attributes = "", double font_px = 12,
                   const std::string& tooltip = {});
  void line(double x1, double y1, double x2, double y2, std::string_view attributes);
  void rect(double x, double y, double w, double h, std::string_view attributes);
  void path(std::string_view d, std::string_view attributes);
  void circle(double cx, double cy, double r, std::string_view attributes);
  // A marker of `shape` centred at (cx, cy), about 2r across (a circle of radius r, or a
  // polygon of the same visual weight).
  void marker(Marker shape, double cx, double cy, double r, std::string_view attributes);
  std::string str() const;  // the complete document, XML declaration included

 private:
  double width_, height_;
  std::string prefix_;
  std::string head_;
  std::ostringstream body_;
  int depth_ = 1;
};

// Builds a path's d attribute.
class PathData {
 public:
  PathData& move(double x, double y);
  PathData& line(double x, double y);
  PathData& curve(double x1, double y1, double x2, double y2, double x, double y);
  PathData& close();
  bool empty() const { return d_.empty(); }
  const std::string& str() const { return d_; }

 private:
  std::string d_;
};

// A plotting frame: the chart title, the plot area, axes with ticks and labels.
struct Frame {
  double left = 70, top = 48, width = 520, height = 300;
  Scale x, y;
  std::vector<double> x_ticks, y_ticks;
  double right() const { return left + width; }
  double bottom() const { return top + height; }
};

// Sets the frame's scales from data ranges via nice ticks.
void fit_x(Frame& f, double lo, double hi, int target = 6);
void fit_y(Frame& f, double lo, double hi, int target = 5);

// Title at the top, grid lines, axes, tick labels (values times `*_factor`; with a decimal
// comma for Czech) and axis titles.
void draw_frame(Document& doc, const Frame& f, std::string_view title, std::string_view x_label,
                std::string_view y_label, double x_factor = 1, double y_factor = 1,
                bool decimal_comma = false);

struct LegendItem {
  std::string label, colour;  // no colour: a heading, drawn without a sample
  enum Kind { swatch, line, dashed, point } kind = swatch;
  Marker marker = Marker::circle;  // the shape of a point, or drawn on a line with `with_marker`
  std::string dash = "";           // a line's own dash pattern ("" = the kind's)
  bool with_marker = false;        // a line sample with the option's marker on it
};
// A legend as a column starting at (x, y).
void draw_legend(Document& doc, double x, double y, const std::vector<LegendItem>& items);

// A clip path for the frame's plot area; returns its id for clip-path="url(#id)".
std::string clip_to_frame(Document& doc, const Frame& f);

}  // namespace prostup::svg

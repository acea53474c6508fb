// SPDX-License-Identifier: Apache-2.0
// The report: SVG charts that are well-formed XML with the expected series, a golden chart,
// report.html drawn from the files alone, and the exit codes of `prostup report`.
//
// PROSTUP_UPDATE_GOLDEN=1 rewrites tests/golden/ from the current output.
// PROSTUP_SYNTHETIC_RUN_DIR=DIR with the hidden test "[.write-synthetic]" writes a synthetic
// output directory (used by tests/cli/report_browser.sh when `prostup run` is unavailable).
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "../sim/output/ladder_svg.hpp"
#include "../sim/output/report.hpp"
#include "../sim/output/svg.hpp"
#include "prostup/cli.hpp"
#include "prostup/writers.hpp"
#include "scenario_builder.hpp"
#include "test_files.hpp"
#include "test_report_synthetic.hpp"

namespace fs = std::filesystem;

namespace {

using prostup::test::TempDir;

std::string slurp(const fs::path& p) {
  return prostup::test::read_bytes(p);
}

void spit(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

void write_synthetic_dir(const fs::path& dir, bool with_sweep_and_plan) {
  fs::create_directories(dir);
  prostup::write_run_outputs(prostup::testing::synthetic_run(), dir);
  if (with_sweep_and_plan) prostup::testing::write_sweep_and_plan(dir);
  prostup::write_report(dir);
}

// A small XML 1.0 well-formedness checker: one root element, properly nested and closed
// tags, quoted and unique attributes, only the five predefined or numeric entity
// references, no stray '<' or '&', valid UTF-8. Returns "" or the first problem.
class XmlChecker {
 public:
  explicit XmlChecker(const std::string& s) : s_(s) {}

  std::string check() {
    if (!valid_utf8()) return "invalid UTF-8";
    if (s_.rfind("<?xml", 0) == 0) {
      const auto end = s_.find("?>");
      if (end == std::string::npos) return "unterminated XML declaration";
      i_ = end + 2;
    }
    int roots = 0;
    std::vector<std::string> stack;
    while (i_ < s_.size()) {
      if (s_[i_] != '<') {
        if (stack.empty() && !std::isspace(static_cast<unsigned char>(s_[i_])))
          return at("text outside the root element");
        if (s_[i_] == '&') {
          if (auto e = entity(); !e.empty()) return e;
          continue;
        }
        ++i_;
        continue;
      }
      if (s_.compare(i_, 4, "<!--") == 0) {
        const auto end = s_.find("-->", i_ + 4);
        if (end == std::string::npos) return at("unterminated comment");
        i_ = end + 3;
        continue;
      }
      if (s_.compare(i_, 2, "</") == 0) {
        i_ += 2;
        const std::string name = read_name();
        skip_space();
        if (i_ >= s_.size() || s_[i_] != '>') return at("bad end tag");
        ++i_;
        if (stack.empty() || stack.back() != name)
          return at("end tag </" + name + "> does not match <" +
                    (stack.empty() ? std::string("nothing") : stack.back()) + ">");
        stack.pop_back();
        continue;
      }
      ++i_;
      const std::string name = read_name();
      if (name.empty()) return at("bad start tag");
      if (stack.empty() && ++roots > 1) return at("a second root element");
      std::set<std::string> attributes;
      while (true) {
        const bool space = skip_space();
        if (i_ >= s_.size()) return at("unterminated tag");
        if (s_[i_] == '>') {
          ++i_;
          stack.push_back(name);
          break;
        }
        if (s_.compare(i_, 2, "/>") == 0) {
          i_ += 2;
          break;
        }
        if (!space) return at("no space before an attribute in <" + name + ">");
        const std::string attr = read_name();
        if (attr.empty()) return at("bad attribute name in <" + name + ">");
        if (!attributes.insert(attr).second) return at("duplicate attribute " + attr);
        skip_space();
        if (i_ >= s_.size() || s_[i_] != '=') return at("attribute without '='");
        ++i_;
        skip_space();
        if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) return at("unquoted attribute");
        const char q = s_[i_++];
        while (i_ < s_.size() && s_[i_] != q) {
          if (s_[i_] == '<') return at("'<' in an attribute value");
          if (s_[i_] == '&') {
            if (auto e = entity(); !e.empty()) return e;
            continue;
          }
          ++i_;
        }
        if (i_ >= s_.size()) return at("unterminated attribute value");
        ++i_;
      }
    }
    if (!stack.empty()) return "unclosed <" + stack.back() + ">";
    if (roots != 1) return "no root element";
    return "";
  }

 private:
  std::string at(const std::string& what) const {
    return what + " at byte " + std::to_string(i_) + ": " + s_.substr(i_, 40);
  }
  bool skip_space() {
    const std::size_t start = i_;
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    return i_ > start;
  }
  std::string read_name() {
    const std::size_t start = i_;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
                      (i_ > start && (c == '-' || c == '.'));
      if (!ok) break;
      ++i_;
    }
    return s_.substr(start, i_ - start);
  }
  // One of &amp; &lt; &gt; &quot; &apos; &#DIGITS; &#xHEX; at i_.
  std::string entity() {
    const std::string rest = s_.substr(i_, 16);
    const auto semi = rest.find(';');
    if (semi == std::string::npos || semi < 2) return at("bad entity reference");
    const std::string body = rest.substr(1, semi - 1);
    bool ok = body == "amp" || body == "lt" || body == "gt" || body == "quot" || body == "apos";
    if (!ok && body[0] == '#') {
      const bool hex = body.size() > 1 && body[1] == 'x';
      const std::string digits = body.substr(hex ? 2 : 1);
      ok = !digits.empty();
      for (char c : digits)
        ok = ok && (hex ? std::isxdigit(static_cast<unsigned char>(c))
                        : std::isdigit(static_cast<unsigned char>(c)));
    }
    if (!ok) return at("bad entity reference");
    i_ += semi + 1;
    return "";
  }
  bool valid_utf8() const {
    for (std::size_t k = 0; k < s_.size();) {
      const unsigned char c = static_cast<unsigned char>(s_[k]);
      const std::size_t n = c < 0x80         ? 1
                            : (c >> 5) == 6  ? 2
                            : (c >> 4) == 14 ? 3
                            : (c >> 3) == 30 ? 4
                                             : 0;
      if (n == 0 || k + n > s_.size()) return false;
      for (std::size_t j = 1; j < n; ++j)
        if ((static_cast<unsigned char>(s_[k + j]) & 0xC0) != 0x80) return false;
      if (n == 1 && c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
      k += n;
    }
    return true;
  }
  const std::string& s_;
  std::size_t i_ = 0;
};

std::multiset<std::string> data_series(const std::string& svg) {
  const std::string attr = "data-series=\"";
  std::multiset<std::string> out;
  for (auto at = svg.find(attr); at != std::string::npos; at = svg.find(attr, at + 1)) {
    const auto begin = at + attr.size(), end = svg.find('"', begin);
    if (end == std::string::npos) break;
    out.insert(svg.substr(begin, end - begin));
  }
  return out;
}

// Whether an src= or href= attribute (any case, spaces around '=') points off the page:
// http://, https:// or a protocol-relative //.
bool links_outside(const std::string& html) {
  std::string lower = html;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string name : {"src", "href"}) {
    for (auto at = lower.find(name); at != std::string::npos; at = lower.find(name, at + 1)) {
      std::size_t k = at + name.size();
      while (k < lower.size() && std::isspace(static_cast<unsigned char>(lower[k]))) ++k;
      if (k >= lower.size() || lower[k] != '=') continue;
      ++k;
      while (k < lower.size() && std::isspace(static_cast<unsigned char>(lower[k]))) ++k;
      if (k >= lower.size() || lower[k] != '"') continue;
      const std::string value = lower.substr(k + 1, 8);
      if (value.rfind("//", 0) == 0 || value.rfind("http://", 0) == 0 ||
          value.rfind("https://", 0) == 0)
        return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("hidden: write a synthetic output directory", "[.write-synthetic]") {
  const char* dir = std::getenv("PROSTUP_SYNTHETIC_RUN_DIR");
  REQUIRE(dir != nullptr);
  write_synthetic_dir(dir, true);
}

TEST_CASE("the XML checker rejects what it should") {
  CHECK(XmlChecker("<a><b/></a>").check().empty());
  CHECK(XmlChecker("<?xml version=\"1.0\"?>\n<a x=\"1\" y='&amp;'>t &lt; &#233;</a>\n")
            .check()
            .empty());
  CHECK_FALSE(XmlChecker("<a><b></a>").check().empty());
  CHECK_FALSE(XmlChecker("<a x=1/>").check().empty());
  CHECK_FALSE(XmlChecker("<a x=\"1\" x=\"2\"/>").check().empty());
  CHECK_FALSE(XmlChecker("<a>Tom & Jerry</a>").check().empty());
  CHECK(XmlChecker("<a>&#x1F600; &quot;&apos;&gt;</a>").check().empty());
  CHECK_FALSE(XmlChecker("<a>&nbsp;</a>").check().empty());
  CHECK_FALSE(XmlChecker("<a>&#x;</a>").check().empty());
  CHECK_FALSE(XmlChecker("<a>&#12a;</a>").check().empty());
  CHECK_FALSE(XmlChecker("<a title=\"a<b\"/>").check().empty());
  CHECK_FALSE(XmlChecker("<a/><b/>").check().empty());
  CHECK_FALSE(XmlChecker("<a>\xC3</a>").check().empty());
}

TEST_CASE("escape keeps Czech letters and escapes markup") {
  using prostup::svg::escape;
  CHECK(escape("Kutná Hora") == "Kutná Hora");
  CHECK(escape("Byty & <podpora> \"nová\" 'x'") ==
        "Byty &amp; &lt;podpora&gt; &quot;nová&quot; &#39;x&#39;");
  CHECK(escape("a\x01"
               "b") == "ab");                 // control characters are not XML
  CHECK(escape("\xC3(") == "\xEF\xBF\xBD(");  // a broken sequence becomes U+FFFD
  CHECK(escape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
}

TEST_CASE("nice ticks step by 1, 2, 2.5 or 5 times a power of ten and cover the data") {
  using prostup::svg::nice_ticks;
  CHECK(nice_ticks(0, 97) == std::vector<double>{0, 20, 40, 60, 80, 100});
  CHECK(nice_ticks(0, 1) == std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1});
  CHECK(nice_ticks(0.13, 0.61) == std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7});
  CHECK(nice_ticks(-3, 7) == std::vector<double>{-4, -2, 0, 2, 4, 6, 8});
  CHECK(nice_ticks(0, 10) == std::vector<double>{0, 2, 4, 6, 8, 10});
  CHECK(nice_ticks(5, 5).front() <= 5);
  CHECK(nice_ticks(5, 5).back() >= 5);
  const auto big = nice_ticks(0, 2.4e6);
  CHECK(big.front() == 0);
  CHECK(big.back() >= 2.4e6);
  for (std::size_t i = 1; i < big.size(); ++i) CHECK(big[i] - big[i - 1] == 5e5);
  CHECK(prostup::svg::tick_label(0.30000000000000004, 0.1) == "0.3");
  CHECK(prostup::svg::tick_label(2500000, 500000) == "2\u00a0500\u00a0000");
  CHECK(prostup::svg::tick_label(-2, 2) == "\u22122");
  CHECK(prostup::svg::human(std::nan("")) == "—");
  CHECK(prostup::svg::human(0.012345) == "0.0123");
}

TEST_CASE("every chart is well-formed XML and shows the expected series") {
  TempDir tmp;
  write_synthetic_dir(tmp.path, true);
  const auto run = prostup::testing::synthetic_run();
  std::map<std::string, std::string> svgs;
  for (const auto& e : fs::directory_iterator(tmp.path / "charts"))
    if (e.path().extension() == ".svg") svgs[e.path().filename().string()] = slurp(e.path());
  // Per town row (2 towns and all towns): forest, cost, time to lease, and per variant
  // occupancy, waiting, flows; then two sweep charts per swept town, the plan and the ladder.
  CHECK(svgs.size() == 3 * (3 + 2 * 3) + 2 * 2 + 1 + 1);
  CHECK(svgs.count("ladder.svg") == 1);
  for (const auto& [name, text] : svgs) {
    INFO(name);
    CHECK(XmlChecker(text).check() == "");
    CHECK(text.find("<title") != std::string::npos);
    CHECK(text.find("font-family=\"DejaVu Sans") != std::string::npos);
    CHECK(text.find("class=\"legend\"") != std::string::npos);
    CHECK(text.find("nan") == std::string::npos);
  }
  for (const char* town : {"litvinov", "kutna_hora", "all"})
    for (const char* variant : {"baseline", "more_flats"}) {
      const std::string occ = std::string("occupancy_") + town + "_" + variant + ".svg";
      REQUIRE(svgs.count(occ));
      const auto series = data_series(svgs[occ]);
      for (const auto& st : run.info.stages) CHECK(series.count("occupancy:" + st.id) == 1);
      CHECK(series.count("capacity:street") == 0);  // the street has no capacity
      for (const char* st : {"hostel", "training_flat", "lease"})
        CHECK(series.count(std::string("capacity:") + st) == 1);
      const auto waiting =
          data_series(svgs[std::string("waiting_") + town + "_" + variant + ".svg"]);
      // Each stage's list, and all lists together under the baseline (drawn on top).
      CHECK(waiting == std::multiset<std::string>{"waiting:training_flat", "waiting:lease",
                                                  "waiting_total:baseline"});
      CHECK(series.count("occupancy_total:baseline") == 1);
      const auto flows = data_series(svgs[std::string("flows_") + town + "_" + variant + ".svg"]);
      CHECK(flows.size() == run.results[0].flows.size());
      CHECK(flows.count("flow:promotion:hostel:training_flat") == 1);
      CHECK(flows.count("flow:exit:street:exit") == 1);
    }
  const auto ttl = data_series(svgs["time_to_lease_kutna_hora.svg"]);
  CHECK(ttl == std::multiset<std::string>{"time_to_lease:baseline", "time_to_lease:more_flats"});
  // Kutná Hora's median is undefined under the variant: no point, but the panel is there.
  const std::string& forest = svgs["forest_kutna_hora.svg"];
  const auto diffs = data_series(forest);
  CHECK(diffs.count("diff:reached_lease_share:more_flats") == 1);
  CHECK(diffs.count("diff:median_months_to_lease:more_flats") == 0);
  CHECK(forest.find("data-metric=\"median_months_to_lease\"") != std::string::npos);
  CHECK(forest.find("data-zero=\"true\"") != std::string::npos);
  CHECK(data_series(svgs["cost_litvinov.svg"]) ==
        std::multiset<std::string>{"cost:baseline", "cost:more_flats"});
  CHECK(data_series(svgs["plan.svg"]).count("plan:answer") == 1);
  CHECK(data_series(svgs["plan.svg"]).count("plan:target") == 1);
  CHECK(svgs.count("sweep_litvinov_reached_lease_share.svg") == 1);
  // Labels come from the scenario, with diacritics, escaped for XML.
  CHECK(svgs["occupancy_kutna_hora_baseline.svg"].find("Kutná Hora") != std::string::npos);
  CHECK(svgs["occupancy_kutna_hora_baseline.svg"].find("Tréninkový byt") != std::string::npos);
}

namespace {

// The texts of an SVG's <text> elements.
std::vector<std::string> svg_texts(const std::string& svg) {
  std::vector<std::string> out;
  for (auto at = svg.find("<text"); at != std::string::npos; at = svg.find("<text", at + 1)) {
    const auto begin = svg.find('>', at) + 1, end = svg.find("</text>", begin);
    if (end == std::string::npos) break;
    out.push_back(svg.substr(begin, end - begin));
  }
  return out;
}

// The x1 coordinate of the line drawn for `series`; NaN where there is none.
double line_x(const std::string& svg, const std::string& series) {
  const auto at = svg.find("data-series=\"" + series + "\"");
  if (at == std::string::npos) return NAN;
  const auto start = svg.rfind("<line", at);
  const auto x1 = svg.find("x1=\"", start);
  return std::stod(svg.substr(x1 + 4));
}

}  // namespace

TEST_CASE("sweep and plan charts mark the scenario's own value and name the setting in words") {
  TempDir tmp;
  fs::create_directories(tmp.path);
  prostup::write_run_outputs(prostup::testing::synthetic_run(), tmp.path);
  prostup::testing::write_sweep_and_plan(tmp.path);
  // What `prostup sweep` and `prostup plan` record: the scenario's own value of the varied
  // number; the plan's lies outside the values tried (10 to 30), so the axis must reach it.
  auto manifest = nlohmann::json::parse(slurp(tmp.path / "manifest.json"));
  manifest["sweep"]["axes"] = nlohmann::json::array(
      {{{"pointer", "/towns/litvinov/capacity/training_flat"}, {"scenario_value", 12}}});
  spit(tmp.path / "manifest.json", manifest.dump());
  auto plan = nlohmann::json::parse(slurp(tmp.path / "plan.json"));
  plan["scenario_value"] = 40;
  spit(tmp.path / "plan.json", plan.dump());
  prostup::write_report(tmp.path);
  const std::map<std::string, std::string> expected = {
      {"sweep_litvinov_reached_lease_share.svg", "12"}, {"plan.svg", "40"}};
  for (const auto& [file, own] : expected) {
    INFO(file);
    const std::string svg = slurp(tmp.path / "charts" / file);
    const std::vector<std::string> texts = svg_texts(svg);
    auto has = [&](const std::string& needle) {
      for (const auto& t : texts)
        if (t.find(needle) != std::string::npos) return true;
      return false;
    };
    const std::string series = file == "plan.svg" ? "plan:scenario_value" : "sweep:scenario_value";
    // The mark: a line inside the plot area (70 to 590 px), a label and a legend entry.
    const double x = line_x(svg, series);
    CHECK(x >= 70);
    CHECK(x <= 590);
    CHECK(has("scenario: " + own));
    CHECK(has("Value in the scenario: " + own));
    // The setting in words on the axis and in the title, never the JSON pointer.
    CHECK(has("Tréninkový byt: places in Litvínov"));
    for (const auto& t : texts) CHECK(t.find("/towns/") == std::string::npos);
  }
  // The plan's answer in the same format as the marks: "26", not "26.0".
  CHECK(slurp(tmp.path / "charts" / "plan.svg").find(">answer: 26<") != std::string::npos);
}

TEST_CASE("golden: the occupancy chart's structure is unchanged") {
  TempDir tmp;
  write_synthetic_dir(tmp.path, false);
  const fs::path golden =
      fs::path(PROSTUP_SOURCE_DIR) / "tests" / "golden" / "occupancy_litvinov_baseline.svg";
  const std::string actual = slurp(tmp.path / "charts" / "occupancy_litvinov_baseline.svg");
  const char* update = std::getenv("PROSTUP_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::create_directories(golden.parent_path());
    spit(golden, actual);
    WARN("rewrote " << golden.string());
  }
  REQUIRE(fs::exists(golden));
  const std::string expected = slurp(golden);
  std::istringstream a(actual), e(expected);
  std::string la, le;
  int line = 0, shown = 0;
  while (true) {
    const bool ga = static_cast<bool>(std::getline(a, la));
    const bool ge = static_cast<bool>(std::getline(e, le));
    if (!ga && !ge) break;
    ++line;
    if (ga && ge && la == le) continue;
    if (shown++ < 5)
      UNSCOPED_INFO("line " << line << "\n  golden: " << (ge ? le : "(end of file)")
                            << "\n  actual: " << (ga ? la : "(end of file)"));
  }
  INFO("rerun with PROSTUP_UPDATE_GOLDEN=1 to accept the new chart");
  CHECK(shown == 0);
}

TEST_CASE("report.html is self-contained and drawn from the files alone") {
  TempDir tmp;
  // Only the two JSON files travel: the report must not need anything else.
  TempDir src;
  write_synthetic_dir(src.path, false);
  fs::copy_file(src.path / "results.json", tmp.path / "results.json");
  fs::copy_file(src.path / "manifest.json", tmp.path / "manifest.json");
  prostup::write_report(tmp.path);
  const std::string html = slurp(tmp.path / "report.html");
  CHECK(html == slurp(src.path / "report.html"));
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK_FALSE(links_outside(html));
  CHECK(links_outside("<img SRC = \"https://example.org/x.png\">"));  // the check can fail
  CHECK(links_outside("<a href=\"//cdn.example.org/\">"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("@page") != std::string::npos);
  CHECK(html.find("<?xml") == std::string::npos);
  // Scenario text, escaped; one section per town and for all towns.
  CHECK(html.find("Prostupné bydlení: zkušební běh") != std::string::npos);
  CHECK(html.find("lease ladder &amp; a variant") != std::string::npos);
  CHECK(html.find("&lt;víc&gt; podpory") != std::string::npos);
  for (const char* id : {"town-litvinov", "town-kutna_hora", "town-all"})
    CHECK(html.find(std::string("id=\"") + id + "\"") != std::string::npos);
  CHECK(html.find("How to read this:") != std::string::npos);
  // The outcomes table in human units: 40 % reached a lease in Litvínov's baseline.
  CHECK(html.find("40.0 %") != std::string::npos);
  CHECK(html.find("nan") == std::string::npos);
  CHECK(html.find("inf<") == std::string::npos);
}

TEST_CASE("report.html opens with the answer; an untouched variant is left out of its town") {
  auto run = prostup::testing::synthetic_run();
  run.info.variant_labels = {"", "Víc tréninkových bytů"};
  // More flats in Litvínov only: every paired difference in Kutná Hora is exactly zero.
  for (auto& c : run.comparisons)
    if (c.town == "kutna_hora") c.diff_mean = c.diff_ci_low = c.diff_ci_high = 0;
  // A clear gain in Litvínov: +5 pp [+4, +6] in the share reaching a lease.
  for (auto& c : run.comparisons)
    if (c.town == "litvinov" && c.metric == "reached_lease_share") {
      c.diff_mean = 0.05;
      c.diff_ci_low = 0.04;
      c.diff_ci_high = 0.06;
    }
  TempDir tmp;
  prostup::write_run_outputs(run, tmp.path);
  prostup::write_report(tmp.path);
  const std::string html = slurp(tmp.path / "report.html");
  const auto summary = html.find("<section id=\"summary\"");
  REQUIRE(summary != std::string::npos);
  // The answer comes before the contents, the towns and the run's record.
  CHECK(summary < html.find("<nav>"));
  CHECK(summary < html.find("id=\"town-litvinov\""));
  CHECK(html.find("id=\"town-litvinov\"") < html.find("<section id=\"run\""));
  const std::string answer = html.substr(summary, html.find("</section>", summary) - summary);
  // Litvínov: the variant by its label (id in the tooltip), with markers and the cost.
  const auto litvinov = answer.find("Litvínov</a></h3>");
  const auto kutna = answer.find("Kutná Hora</a></h3>");
  REQUIRE(litvinov != std::string::npos);
  REQUIRE(kutna != std::string::npos);
  const std::string lit = answer.substr(litvinov, kutna - litvinov);
  CHECK(lit.find("title=\"variant id: more_flats\">Víc tréninkových bytů</td>") !=
        std::string::npos);
  CHECK(lit.find("<li class=\"better\">▲ reached a lease +5.0 pp [+4.0, +6.0]</li>") !=
        std::string::npos);
  CHECK(lit.find("public cost ") != std::string::npos);
  // Kutná Hora: left out, said once at the top.
  const std::string kh = answer.substr(kutna, answer.find("</div>", kutna) - kutna);
  CHECK(kh.find("Víc tréninkových bytů") == std::string::npos);
  CHECK(answer.find("left out of that town here and below: Víc tréninkových bytů (Kutná Hora)") !=
        std::string::npos);
  // ... and out of Kutná Hora's charts, where the legend says it is the same as the baseline.
  const std::string ttl = slurp(tmp.path / "charts" / "time_to_lease_kutna_hora.svg");
  CHECK(data_series(ttl) == std::multiset<std::string>{"time_to_lease:baseline"});
  REQUIRE(ttl.find(">Víc tréninkových bytů</text>") != std::string::npos);
  CHECK(ttl.find(">Same as baseline here:</text>") < ttl.find(">Víc tréninkových bytů</text>"));
  CHECK_FALSE(fs::exists(tmp.path / "charts" / "occupancy_kutna_hora_more_flats.svg"));
  CHECK(fs::exists(tmp.path / "charts" / "occupancy_litvinov_more_flats.svg"));
  CHECK_FALSE(fs::exists(tmp.path / "charts" / "forest_kutna_hora.svg"));
  // The baseline is drawn last in the time-to-lease chart of a town the variant changes.
  const std::string lit_ttl = slurp(tmp.path / "charts" / "time_to_lease_litvinov.svg");
  CHECK(lit_ttl.find("data-series=\"time_to_lease:more_flats\"") <
        lit_ttl.find("data-series=\"time_to_lease:baseline\""));
  // The long tables are folded.
  CHECK(html.find("<details><summary>All outcomes") != std::string::npos);
}

TEST_CASE("prostup report: exit codes") {
  SECTION("0 for an output directory") {
    TempDir tmp;
    write_synthetic_dir(tmp.path, false);
    fs::remove(tmp.path / "report.html");
    CHECK(prostup::cmd_report({tmp.path.string()}) == prostup::kExitOk);
    CHECK(fs::exists(tmp.path / "report.html"));
  }
  SECTION("2 for a directory that is not an output directory") {
    TempDir tmp;
    CHECK(prostup::cmd_report({tmp.path.string()}) == prostup::kExitInvalid);
    CHECK(prostup::cmd_report({(tmp.path / "missing").string()}) == prostup::kExitInvalid);
    spit(tmp.path / "results.json", "{\"format\": \"prostup-results\", \"results\": [");
    CHECK(prostup::cmd_report({tmp.path.string()}) == prostup::kExitInvalid);
    spit(tmp.path / "results.json", "{\"format\": \"something else\"}");
    CHECK(prostup::cmd_report({tmp.path.string()}) == prostup::kExitInvalid);
  }
  SECTION("1 when the report cannot be written") {
    TempDir tmp;
    write_synthetic_dir(tmp.path, false);
    fs::remove_all(tmp.path / "charts");
    spit(tmp.path / "charts", "a file where the charts directory goes");
    CHECK(prostup::cmd_report({tmp.path.string()}) == prostup::kExitFailure);
  }
}

// The ladder drawn (sim/output/ladder_svg.hpp, issue 26 item 4): every stage once, every rule
// or flow once as an arrow, and after a run the arrows carry flows.csv's numbers per year.
TEST_CASE("the ladder draws every stage and move once, with the run's flows per year") {
  const prostup::Scenario s = prostup::test::four_rung_ladder();
  const prostup::ladder::Drawing d = prostup::ladder::from_scenario(s, prostup::Language::en);
  REQUIRE(d.boxes.size() == s.stages.size());
  // Three promotions up; the flat's and the lease's evictions and the flat's expiry down.
  std::map<std::string, int> kinds;
  for (const auto& a : d.arrows) ++kinds[a.kind];
  CHECK(kinds == std::map<std::string, int>{{"promotion", 3}, {"demotion", 2}, {"expiry", 1}});
  REQUIRE(d.services.size() == 1);
  CHECK(d.services[0].stages == std::vector<int>{1, 2});  // hostel, flat
  CHECK(d.boxes[1].places == "30 places → 10");           // the hostel, cut in month 30
  const std::string svg = prostup::ladder::svg(d, "t-");
  CHECK(XmlChecker(svg).check().empty());
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (auto at = svg.find(what); at != std::string::npos; at = svg.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(count("marker-end=") == d.arrows.size());
  for (const auto& st : s.stages) CHECK(count(">" + st.label.in("") + "<") == 1);
  CHECK(count("stroke=\"#cccccc\"") == 2);  // the service's two links
  // A label that does not fit is shortened and kept whole in a tooltip.
  prostup::Scenario longer = s;
  longer.stages[2].label = std::string(60, 'x') + " Tréninkový byt";
  const std::string long_svg =
      prostup::ladder::svg(prostup::ladder::from_scenario(longer, prostup::Language::cs), "t-");
  CHECK(long_svg.find("<title>" + longer.stages[2].label.in("") + "</title>") != std::string::npos);
  CHECK(long_svg.find("…</text>") != std::string::npos);

  const prostup::RunResult r = prostup::testing::synthetic_run(24, 40);
  const prostup::TownVariantResult* tv = r.find(r.info.towns.front(), "baseline");
  REQUIRE(tv);
  const prostup::ladder::Drawing run =
      prostup::ladder::from_run(r, r.info.towns.front(), "baseline", prostup::Language::en);
  std::size_t moves = 0;
  for (const auto& f : tv->flows) {
    if (f.kind == "arrival" || f.kind == "exit" || f.mean_per_replication / 2.0 < 0.05) continue;
    ++moves;
    int found = 0;
    for (const auto& a : run.arrows)
      if (run.boxes[a.from].id == f.from && run.boxes[a.to].id == f.to && a.kind == f.kind) {
        ++found;
        CHECK(a.weight == Approx(f.mean_per_replication / 2.0));  // 24 months = 2 years
      }
    CHECK(found == 1);
  }
  CHECK(run.arrows.size() == moves);
  CHECK(run.arrivals_box == 0);
  CHECK_FALSE(run.boxes[0].exits.empty());
}

namespace {

// The element (from its '<' to its end) that carries `attribute`, "" if none.
std::string element_with(const std::string& svg, const std::string& attribute) {
  const auto at = svg.find(attribute);
  if (at == std::string::npos) return "";
  const auto start = svg.rfind('<', at);
  return svg.substr(start, svg.find('>', at) - start + 1);
}

// The y coordinates of a path's d attribute ("M70,48 L80,50 Z" -> 48, 50).
std::vector<double> path_ys(const std::string& element) {
  std::vector<double> ys;
  const auto d = element.find(" d=\"");
  if (d == std::string::npos) return ys;
  const std::string text = element.substr(d + 4, element.find('"', d + 4) - d - 4);
  for (auto comma = text.find(','); comma != std::string::npos; comma = text.find(',', comma + 1))
    ys.push_back(std::stod(text.substr(comma + 1)));
  return ys;
}

// A run with input uncertainty for the PSA charts: one town, the baseline and three variants,
// "a" and "b" changing the town, "elsewhere" changing nothing there (every difference zero).
prostup::RunResult psa_run() {
  prostup::RunResult r;
  r.info.variants = {"baseline", "a", "b", "elsewhere"};
  r.info.variant_labels = {"", "Varianta A", "Varianta B", "Jinde"};
  r.info.towns = {"most"};
  r.info.town_labels = {"Most"};
  r.info.psa = true;
  r.info.parameter_sets = 20;
  r.info.inner_replications = 2;
  r.info.replications = 40;
  for (const char* v : {"a", "b", "elsewhere"}) {
    prostup::Comparison c;
    c.town = "most";
    c.variant = v;
    c.metric = "cohort_stabilized";
    const double d = std::string(v) == "elsewhere" ? 0 : 3;
    c.diff_mean = c.diff_ci_low = c.diff_ci_high = d;
    r.comparisons.push_back(c);
    r.uncertainty.plane.push_back({"most", v, {d * 1e5, d * 2e5}, {d, d + 1}, {d, d}});
  }
  return r;
}

}  // namespace

TEST_CASE("the PSA charts of a town draw and list only the variants that change it") {
  prostup::RunResult r = psa_run();
  // The baseline is the best buy in every set; "elsewhere" ties with it and takes half of
  // each set (ceac.csv's rule): 50 % each, the variants 0 %.
  for (double w : {0.0, 5e5, 1e6})
    for (const char* v : {"baseline", "a", "b", "elsewhere"})
      r.uncertainty.ceac.push_back(
          {"most", v, "cohort_stabilized", w,
           std::string(v) == "baseline" || std::string(v) == "elsewhere" ? 0.5 : 0.0});
  const auto plane = prostup::report::ce_plane_chart(r, "most");
  REQUIRE(plane);
  const auto series = data_series(plane->svg);
  CHECK(series.count("ce_plane:a") == 1);
  CHECK(series.count("ce_plane:elsewhere") == 0);
  const auto texts = svg_texts(plane->svg);
  auto position = [&](const std::vector<std::string>& t, const std::string& s) {
    return std::find(t.begin(), t.end(), s) - t.begin();
  };
  REQUIRE(position(texts, "Jinde") < static_cast<long>(texts.size()));
  CHECK(position(texts, "Same as baseline here:") + 1 == position(texts, "Jinde"));

  const auto ceac = prostup::report::ceac_chart(r, "most");
  REQUIRE(ceac);
  CHECK(data_series(ceac->svg).count("ceac:elsewhere") == 0);
  // The baseline's curve carries the untouched variant's half: 100 % at every point, the top
  // of the plot (y = 48), not 50 %.
  const std::vector<double> ys = path_ys(element_with(ceac->svg, "data-series=\"ceac:baseline\""));
  REQUIRE(ys.size() == 3);
  for (double y : ys) CHECK(y == 48);
  const auto ceac_texts = svg_texts(ceac->svg);
  CHECK(position(ceac_texts, "Counted as the baseline:") + 1 == position(ceac_texts, "Jinde"));
  CHECK(ceac->how_to_read.find("alternating dashes") != std::string::npos);
}

TEST_CASE("acceptability curves that coincide are all visible") {
  prostup::RunResult r = psa_run();
  // "a" and "b" are never the best buy: both curves at 0 %, one over the other.
  for (double w : {0.0, 2.5e5, 5e5, 7.5e5, 1e6, 1.25e6})
    for (const char* v : {"baseline", "a", "b", "elsewhere"})
      r.uncertainty.ceac.push_back(
          {"most", v, "cohort_stabilized", w, std::string(v) == "baseline" ? 1.0 : 0.0});
  const auto ceac = prostup::report::ceac_chart(r, "most");
  REQUIRE(ceac);
  const std::string a = element_with(ceac->svg, "data-series=\"ceac:a\"");
  const std::string b = element_with(ceac->svg, "data-series=\"ceac:b\"");
  REQUIRE(!a.empty());
  REQUIRE(!b.empty());
  // Alternating dashes: each dashed with a gap for the other, shifted by one dash.
  auto attribute = [](const std::string& e, const std::string& name) {
    const auto at = e.find(" " + name + "=\"");
    if (at == std::string::npos) return std::string();
    const auto begin = at + name.size() + 3;
    return e.substr(begin, e.find('"', begin) - begin);
  };
  CHECK(attribute(a, "stroke-dasharray") == "7 7");
  CHECK(attribute(b, "stroke-dasharray") == "7 7");
  CHECK(attribute(a, "stroke-dashoffset") != attribute(b, "stroke-dashoffset"));
  // The baseline's curve differs from theirs: solid.
  CHECK(attribute(element_with(ceac->svg, "data-series=\"ceac:baseline\""), "stroke-dasharray") ==
        "");
  // Each option's markers at its own points of the axis: none on another's.
  auto marker_xs = [&](const std::string& v) {
    std::set<std::string> xs;
    const auto at = ceac->svg.find("data-markers=\"ceac:" + v + "\"");
    REQUIRE(at != std::string::npos);
    const std::string group = ceac->svg.substr(at, ceac->svg.find("</g>", at) - at);
    for (auto m = group.find(" d=\"M"); m != std::string::npos; m = group.find(" d=\"M", m + 1))
      xs.insert(group.substr(m + 5, group.find(',', m) - m - 5));
    for (auto m = group.find("cx=\""); m != std::string::npos; m = group.find("cx=\"", m + 1))
      xs.insert(group.substr(m + 4, group.find('"', m + 4) - m - 4));
    return xs;
  };
  const auto xa = marker_xs("a"), xb = marker_xs("b");
  CHECK(!xa.empty());
  CHECK(!xb.empty());
  for (const auto& x : xa) CHECK(xb.count(x) == 0);
}

TEST_CASE("bands and whiskers stop at what the quantity can be") {
  auto run = prostup::testing::synthetic_run();
  for (auto& tv : run.results) {
    // Intervals of a mean near 0 or 1 reach past it.
    for (auto& p : tv.time_to_lease) {
      p.ci_low = p.cum_incidence - 0.1;
      p.ci_high = p.cum_incidence + 0.6;
    }
    for (auto& s : tv.series)
      if (s.name.rfind("waiting:", 0) == 0)
        for (auto& p : s.by_month) p.ci_low = p.mean - 5;
  }
  const auto& tv = run.results.front();
  // Plot area: y from 48 (top) to 348 (bottom, zero).
  auto inside = [](const std::vector<double>& ys) {
    for (double y : ys)
      if (y < 48 || y > 348) return false;
    return !ys.empty();
  };
  const std::string ttl = prostup::report::time_to_lease_chart(run, tv.town).svg;
  CHECK(inside(path_ys(element_with(ttl, "data-band=\"time_to_lease:baseline\""))));
  CHECK(inside(path_ys(element_with(ttl, "data-band=\"time_to_lease:more_flats\""))));
  const std::string waiting = prostup::report::waiting_chart(run, tv).svg;
  CHECK(inside(path_ys(element_with(waiting, "data-band=\"waiting:training_flat\""))));
  // A share's band in a sweep: 0..100 % (sweep.csv keeps the interval).
  prostup::report::Input in;
  in.has_run = true;
  in.run = run;
  for (int p = 0; p < 3; ++p)
    in.sweep.push_back({"litvinov", "p" + std::to_string(p), "/towns/litvinov/capacity/hostel",
                        "reached_lease_share", 10.0 + p, 0.9 + 0.05 * p, 0.7, 1.3});
  const auto sweeps = prostup::report::sweep_charts(in);
  REQUIRE(sweeps.size() == 1);
  const std::string band = element_with(sweeps[0].svg, "data-band=\"sweep:reached_lease_share\"");
  // The axis ends at 100 %: the top of the plot.
  for (double y : path_ys(band)) CHECK(y >= 48);
  CHECK(sweeps[0].svg.find(">100<") != std::string::npos);
  CHECK(sweeps[0].svg.find(">120<") == std::string::npos);
}

TEST_CASE("under input uncertainty the charts count parameter sets, not runs") {
  auto run = prostup::testing::synthetic_run();
  run.info.psa = true;
  run.info.parameter_sets = 20;
  run.info.inner_replications = 2;
  for (const auto lang : {prostup::Language::en, prostup::Language::cs}) {
    const auto forest = prostup::report::forest_chart(run, "litvinov", lang);
    REQUIRE(forest);
    const auto occupancy = prostup::report::occupancy_chart(run, run.results.front(), lang);
    std::string texts;
    for (const auto& t : svg_texts(forest->svg + occupancy.svg)) texts += t + "\n";
    INFO(texts);
    if (lang == prostup::Language::en) {
      CHECK(texts.find("better in 60 % of parameter sets") != std::string::npos);
      CHECK(texts.find("over 20 parameter sets") != std::string::npos);
      CHECK(texts.find("Households (mean of 20 parameter sets)") != std::string::npos);
      CHECK(texts.find("runs") == std::string::npos);
      CHECK(texts.find("replication") == std::string::npos);
      CHECK(forest->how_to_read.find("share of parameter sets") != std::string::npos);
    } else {
      CHECK(texts.find("lépe v 60 % sad parametrů") != std::string::npos);
      CHECK(texts.find("z 20 sad parametrů") != std::string::npos);
      CHECK(texts.find("běhů") == std::string::npos);
      CHECK(texts.find("replikac") == std::string::npos);
    }
  }
  // Without input uncertainty they count replications.
  run.info.psa = false;
  const auto forest = prostup::report::forest_chart(run, "litvinov");
  REQUIRE(forest);
  CHECK(forest->svg.find("over 40 replications") != std::string::npos);
}

TEST_CASE("options look different by colour and marker or dash, beyond eight too") {
  namespace svg = prostup::svg;
  std::set<std::tuple<std::string, int, std::string>> seen;
  for (std::size_t i = 0; i < 42; ++i) {
    const svg::OptionStyle s = svg::option_style(i);
    INFO(i);
    CHECK(seen.insert({s.colour, static_cast<int>(s.marker), s.dash}).second);
    // Black is the baseline's alone; a variant's marker is never the baseline's circle.
    CHECK((std::string(s.colour) == svg::kBlack) == (i == 0));
    CHECK((s.marker == svg::Marker::circle) == (i == 0));
    // Two lines of the same colour differ in dash.
    if (i > 7) CHECK(std::string(s.dash) != svg::option_style(i - 7).dash);
  }
  CHECK(std::string(svg::variant_colour(8)) != svg::kBlack);
  // On the cost-effectiveness plane the variants' points differ in shape, not colour alone.
  const auto plane = prostup::report::ce_plane_chart(psa_run(), "most");
  REQUIRE(plane);
  auto group = [&](const std::string& v) {
    const auto at = plane->svg.find("data-series=\"ce_plane:" + v + "\"");
    REQUIRE(at != std::string::npos);
    return plane->svg.substr(at, plane->svg.find("</g>", at) - at);
  };
  const std::string a = group("a"), b = group("b");
  // "a" squares, "b" triangles: paths of four and three corners.
  CHECK(a.find("<circle") == std::string::npos);
  CHECK(b.find("<circle") == std::string::npos);
  auto corners = [](const std::string& g) {
    const auto d = g.find(" d=\"");
    const std::string path = g.substr(d, g.find('"', d + 4) - d);
    return std::count(path.begin(), path.end(), 'L');
  };
  CHECK(corners(a) == 3);
  CHECK(corners(b) == 2);
}

TEST_CASE("the stage chart lists only the stages it draws") {
  auto run = prostup::testing::synthetic_run();
  // A stage only a variant adds: absent from the baseline's series, empty in the variant's
  // at every month and without places.
  for (auto& tv : run.results) {
    auto& series = tv.series;
    if (tv.variant == "baseline")
      series.erase(std::remove_if(series.begin(), series.end(),
                                  [](const prostup::Series& s) {
                                    return s.name == "occupancy:lease" || s.name == "waiting:lease";
                                  }),
                   series.end());
  }
  const auto& base = run.results.front();
  REQUIRE(base.variant == "baseline");
  const std::string chart = prostup::report::occupancy_chart(run, base).svg;
  const auto texts = svg_texts(chart);
  CHECK(std::count(texts.begin(), texts.end(), "Tréninkový byt") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "Nájemní byt") == 0);
  CHECK(data_series(chart).count("occupancy:lease") == 0);
  // The variant has the stage: drawn and listed.
  const std::string variant = prostup::report::occupancy_chart(run, run.results[3]).svg;
  REQUIRE(run.results[3].variant == "more_flats");
  const auto vtexts = svg_texts(variant);
  CHECK(std::count(vtexts.begin(), vtexts.end(), "Nájemní byt") == 1);
}

TEST_CASE("the flow chart's legend lists only the kinds of move it draws") {
  auto run = prostup::testing::synthetic_run();
  auto& tv = run.results.front();
  const auto texts = svg_texts(prostup::report::flow_chart(run, tv).svg);
  CHECK(std::count(texts.begin(), texts.end(), "Time limit ran out") == 1);
  // No stay ran out in this variant: no purple arrow, and none in the legend.
  tv.flows.erase(std::remove_if(tv.flows.begin(), tv.flows.end(),
                                [](const prostup::Flow& f) { return f.kind == "expiry"; }),
                 tv.flows.end());
  const auto without = svg_texts(prostup::report::flow_chart(run, tv).svg);
  CHECK(std::count(without.begin(), without.end(), "Time limit ran out") == 0);
  CHECK(std::count(without.begin(), without.end(), "Move up (promotion)") == 1);
}

TEST_CASE("a sweep's occupancy band stops at the stage's places") {
  // Litvínov's hostel has 40 places in the run; means near them, intervals past them.
  prostup::report::Input in;
  in.has_run = true;
  in.run = prostup::testing::synthetic_run();
  for (int p = 0; p < 3; ++p)
    in.sweep.push_back({"litvinov", "p" + std::to_string(p),
                        "/towns/litvinov/capacity/training_flat", "occupancy_end:hostel", 10.0 + p,
                        38, 35, 45});
  auto sweeps = prostup::report::sweep_charts(in);
  REQUIRE(sweeps.size() == 1);
  // The axis ends at 40 (not 50), the band's top edge at it: the top of the plot (y = 48).
  const auto ys = path_ys(element_with(sweeps[0].svg, "data-band=\"sweep:occupancy_end:hostel\""));
  REQUIRE(!ys.empty());
  CHECK(*std::min_element(ys.begin(), ys.end()) == 48);
  CHECK(sweeps[0].svg.find(">50<") == std::string::npos);
  // Where the sweep varies the hostel's places, each point's own are the bound: 36 at the
  // first point, below its interval's top (45) and the run's 40.
  in.sweep.clear();
  for (int p = 0; p < 3; ++p)
    in.sweep.push_back({"litvinov", "p" + std::to_string(p), "/towns/litvinov/capacity/hostel",
                        "occupancy_end:hostel", 36.0 + 2 * p, 35, 30, 45});
  sweeps = prostup::report::sweep_charts(in);
  REQUIRE(sweeps.size() == 1);
  const auto band =
      path_ys(element_with(sweeps[0].svg, "data-band=\"sweep:occupancy_end:hostel\""));
  REQUIRE(band.size() == 6);
  // Axis 0..40: y = 348 - 300 * v / 40; the top edge at 36, 38, 40 places.
  CHECK(band[0] == Approx(348 - 300 * 36 / 40.0).margin(0.05));
  CHECK(band[2] == Approx(48).margin(0.05));
}

TEST_CASE("the tornado names inputs by their labels and a group by its members") {
  prostup::RunResult r = psa_run();
  prostup::StageInfo shelter, hostel;
  shelter.id = "shelter";
  shelter.label = prostup::LocalText("Azylový dům");
  hostel.id = "hostel";
  hostel.label = prostup::LocalText("Ubytovna");
  r.info.stages = {shelter, hostel};
  r.info.profiles = {"chronic"};
  r.info.profile_labels = {prostup::LocalText("Dlouhodobá bytová nouze")};
  r.info.parameters = {"/stages/shelter/cost_per_month", "/stages/hostel/cost_per_month",
                       "/profiles/chronic/job_gain", "/stages/hostel/multipliers/exit"};
  r.info.parameter_groups = {"temporary_costs", "temporary_costs", "", ""};
  r.uncertainty.tornado.push_back(
      {"most", "a", "cohort_stabilized", "group:temporary_costs", 1, 5, 3});
  r.uncertainty.tornado.push_back(
      {"most", "a", "cohort_stabilized", "/profiles/chronic/job_gain", 2, 4, 3});
  r.uncertainty.tornado.push_back(
      {"most", "a", "cohort_stabilized", "/stages/hostel/multipliers/exit", 2.5, 3.5, 3});
  const auto chart = prostup::report::tornado_chart(r, "most", "a", prostup::Language::cs);
  REQUIRE(chart);
  const auto texts = svg_texts(chart->svg);
  auto has = [&](const std::string& prefix) {
    return std::any_of(texts.begin(), texts.end(),
                       [&](const std::string& t) { return t.find(prefix) != std::string::npos; });
  };
  // The group by its members' labels and shared field, not "temporary costs (skupina)"; the
  // profile by its label, not its id (in the text or, where it is shortened, its tooltip).
  CHECK(has("Azylový dům, Ubytovna: "));
  CHECK(has("Dlouhodobá bytová nouze: "));
  CHECK(has("Ubytovna: odchod (násobitel)"));  // not "hostel: násobitele odchod"
  for (const auto& t : texts) {
    INFO(t);
    CHECK(t.find("temporary") == std::string::npos);
    CHECK(t.find("chronic") == std::string::npos);
  }
}

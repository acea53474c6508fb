// SPDX-License-Identifier: Apache-2.0
// The syntax layer: scenario text -> JSON document.
//
// nlohmann's parser accepts duplicate keys silently (the last one wins) and reports
// positions in bytes; a planner editing a file by hand needs both caught and located.
// The checks that could blow up (deep nesting) run on the raw text first, without
// recursion, so no input can exhaust the stack.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_set>

#include "scenario_internal.hpp"

namespace prostup::detail {

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

int edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.size() > 200) return {};  // not a typo; spare the quadratic table
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string best;
  int best_d = 1 << 30;
  for (const auto& c : candidates) {
    const int d = std::min(edit_distance(word, c), edit_distance(lower, c));
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  // A third of the candidate's length (at least one edit) separates typos from other words.
  const int limit = std::max<int>(1, static_cast<int>(best.size()) / 3);
  return best_d <= limit ? best : std::string();
}

std::string format_number(double v) {
  if (v == 0) return "0";  // also -0
  if (std::floor(v) == v && std::abs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

namespace {

// Line and column (1-based; the column counts characters, not bytes) of byte `offset`.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col;  // continuation bytes belong to the previous character
    }
  }
  return {line, col};
}

std::string at(std::string_view text, std::size_t offset) {
  auto [line, col] = line_column(text, offset);
  return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

// Offset of the first byte that is not well-formed UTF-8 (RFC 3629), or npos.
std::size_t invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (int k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      const unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
      if (b < l || b > h) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// Offset of the bracket that opens level kMaxNesting + 1, or npos. Strings are skipped so
// brackets inside them do not count; malformed text is left to the parser.
std::size_t too_deep(std::string_view s) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

// Builds the document like nlohmann's DOM parser and records every duplicate key.
class DocumentBuilder : public nlohmann::json_sax<ojson> {
 public:
  DocumentBuilder(std::string_view text, std::vector<Diagnostic>& diags)
      : text_(text), diags_(diags) {}

  ojson root;
  bool failed = false;

  bool null() override { return add(ojson(nullptr)); }
  bool boolean(bool v) override { return add(ojson(v)); }
  bool number_integer(number_integer_t v) override { return add(ojson(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add(ojson(v)); }
  bool number_float(number_float_t v, const string_t&) override {
    return add(ojson(v == 0 ? 0.0 : v));  // -0.0 means 0
  }
  bool string(string_t& v) override { return add(ojson(std::move(v))); }
  bool binary(binary_t&) override { return false; }  // not produced by the JSON parser

  bool start_object(std::size_t) override { return open(ojson::object()); }
  bool key(string_t& k) override {
    Level& top = levels_.back();
    top.duplicate = !top.keys.insert(k).second;
    if (top.duplicate) {
      std::string p = current_pointer();
      p += '/';
      p += pointer_token(k);
      diags_.push_back(
          {std::move(p), "duplicate key '" + k +
                             "' (JSON parsers keep only one of the values; remove or rename one)"});
    }
    top.last_key = k;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(ojson::array()); }
  bool end_array() override { return close(); }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) override {
    failed = true;
    std::string what = ex.what();
    std::string detail;
    if (ex.id == 406) {  // number overflow
      detail = "number " + last_token + " is out of range";
    } else {
      // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
      auto col = what.find("column ");
      auto colon = col == std::string::npos ? col : what.find(": ", col);
      detail = colon == std::string::npos ? what : what.substr(colon + 2);
    }
    // The parser's position is just past the offending token.
    const std::size_t offset = position > 0 ? position - 1 : 0;
    diags_.push_back({"", "invalid JSON at " + at(text_, offset) + ": " + detail});
    return false;
  }

 private:
  struct Level {
    ojson* value;
    std::unordered_set<std::string> keys;
    std::string last_key;
    bool duplicate = false;
  };

  std::string current_pointer() const {
    std::string p;
    for (std::size_t i = 0; i + 1 < levels_.size(); ++i) {
      const Level& l = levels_[i];
      p += '/';  // appended piecewise: GCC 12 warns falsely about "/" + string
      if (l.value->is_array())
        p += std::to_string(l.value->size() - 1);
      else
        p += pointer_token(l.last_key);
    }
    return p;
  }

  ojson* place(ojson&& v) {
    if (levels_.empty()) {
      root = std::move(v);
      return &root;
    }
    Level& top = levels_.back();
    if (top.value->is_array()) {
      top.value->push_back(std::move(v));
      return &top.value->back();
    }
    if (top.duplicate) {  // already reported; the later value wins, as in nlohmann's parser
      ojson& slot = (*top.value)[top.last_key];
      slot = std::move(v);
      return &slot;
    }
    // A new key (`keys` says so): appended without ordered_map's linear search, which made
    // parsing quadratic in the number of keys of one object.
    auto& object = top.value->get_ref<ojson::object_t&>();
    static_cast<ojson::object_t::Container&>(object).emplace_back(top.last_key, std::move(v));
    return &object.back().second;
  }
  bool add(ojson&& v) {
    place(std::move(v));
    return true;
  }
  bool open(ojson&& container) {
    levels_.push_back({place(std::move(container)), {}, {}});
    return true;
  }
  bool close() {
    levels_.pop_back();
    return true;
  }

  std::string_view text_;
  std::vector<Diagnostic>& diags_;
  std::vector<Level> levels_;
};

}  // namespace

ojson parse_scenario_text(std::string_view text, std::vector<Diagnostic>& diags) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    diags.push_back({"",
                     "the file starts with a UTF-8 byte-order mark (EF BB BF); save it as "
                     "UTF-8 without BOM"});
    return nullptr;
  }
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; })) {
    diags.push_back({"", "the file is empty (a scenario is a JSON object)"});
    return nullptr;
  }
  if (auto bad = invalid_utf8(text); bad != std::string_view::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    diags.push_back(
        {"", "invalid UTF-8 at " + at(text, bad) + " (byte " + hex + "); save the file as UTF-8"});
    return nullptr;
  }
  if (auto deep = too_deep(text); deep != std::string_view::npos) {
    diags.push_back({"", "nesting deeper than " + std::to_string(kMaxNesting) + " levels at " +
                             at(text, deep) + " (a scenario needs fewer than 10)"});
    return nullptr;
  }
  DocumentBuilder builder(text, diags);
  try {
    ojson::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json,
                     /*strict=*/true, /*ignore_comments=*/false);
  } catch (const std::exception& e) {  // the SAX interface should not throw; be safe anyway
    diags.push_back({"", std::string("invalid JSON: ") + e.what()});
  }
  if (!diags.empty()) return nullptr;
  return std::move(builder.root);
}

}  // namespace prostup::detail

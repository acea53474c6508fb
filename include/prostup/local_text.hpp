// SPDX-License-Identifier: Apache-2.0
// A human text of a scenario (a title, a description, a label) given once for every language
// or per language (format: `"label": "Ubytovna"` or `"label": {"cs": "Ubytovna", "en":
// "Hostel"}`), and the one accessor every writer uses: in(language).
//
// Model layer: plain data, no JSON. The JSON helpers are templates on the JSON type so that
// the scenario layer (reading the file) and the output layer (results.json, manifest.json)
// share them without this header including a JSON library.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace prostup {

// The languages a text may be given in (the order the docs and schema list them).
inline const std::vector<std::string>& text_languages() {
  static const std::vector<std::string> languages = {"cs", "en"};
  return languages;
}

struct LocalText {
  std::string plain;  // given as one string: the text in every language
  // Given per language ({"cs": ..., "en": ...}): (language, text) in the file's order; then
  // `plain` is empty.
  std::vector<std::pair<std::string, std::string>> by_language;

  LocalText() = default;
  LocalText(std::string s) : plain(std::move(s)) {}  // NOLINT: a plain string is a LocalText
  LocalText(const char* s) : plain(s) {}             // NOLINT

  bool empty() const { return plain.empty() && by_language.empty(); }
  bool per_language() const { return !by_language.empty(); }

  // The text in `language` ("en", "cs"; "" = English): the language's own text, else the
  // English one, else the first one given; a plain string in every language.
  const std::string& in(std::string_view language) const {
    if (by_language.empty()) return plain;
    if (language.empty()) language = "en";
    for (const auto& [l, s] : by_language)
      if (l == language) return s;
    for (const auto& [l, s] : by_language)
      if (l == "en") return s;
    return by_language.front().second;
  }
  // The same with `fallback` (an id) where the text is empty.
  std::string in(std::string_view language, const std::string& fallback) const {
    const std::string& s = in(language);
    return s.empty() ? fallback : s;
  }

  friend bool operator==(const LocalText& a, const LocalText& b) {
    return a.plain == b.plain && a.by_language == b.by_language;
  }
  friend bool operator!=(const LocalText& a, const LocalText& b) { return !(a == b); }
};

// A text as JSON: a string where it was given as one, else {"cs": ..., "en": ...}.
template <class Json>
Json local_text_json(const LocalText& t) {
  if (!t.per_language()) return Json(t.plain);
  Json j = Json::object();
  for (const auto& [l, s] : t.by_language) j[l] = s;
  return j;
}

// A text read back from local_text_json's JSON (results.json, manifest.json); anything else
// (absent, a number) is empty. Not the scenario reader, which reports what is wrong.
template <class Json>
LocalText local_text_from(const Json& j) {
  LocalText t;
  if (j.is_string()) {
    t.plain = j.template get<std::string>();
  } else if (j.is_object()) {
    for (const auto& [l, s] : j.items())
      if (s.is_string()) t.by_language.emplace_back(l, s.template get<std::string>());
  }
  return t;
}

// Joins two texts language by language: a + sep + b (each in that language); plain where
// both are.
inline LocalText joined(const LocalText& a, const std::string& sep, const LocalText& b) {
  if (!a.per_language() && !b.per_language()) return LocalText(a.plain + sep + b.plain);
  LocalText out;
  for (const auto& l : text_languages()) out.by_language.emplace_back(l, a.in(l) + sep + b.in(l));
  return out;
}

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
#include "strings.hpp"

#include <stdexcept>

#include "prostup/errors.hpp"

namespace prostup::text {

namespace {

const char* find(const std::vector<Entry>& c, std::string_view key) {
  for (const Entry& e : c)
    if (key == e.key) return e.text;
  return nullptr;
}

}  // namespace

const std::vector<Entry>& catalogue(Language lang) {
  return lang == Language::cs ? czech_catalogue() : english_catalogue();
}

std::string tr(Language lang, std::string_view key) {
  if (const char* t = find(catalogue(lang), key)) return t;
  if (const char* t = find(catalogue(Language::en), key)) return t;
  return std::string(key);
}

std::string tr(Language lang, std::string_view key, std::initializer_list<std::string> args) {
  std::string s = tr(lang, key);
  int n = 1;
  for (const std::string& a : args) {
    // Built by appending: GCC 12 warns (-Wrestrict, falsely) on "{" + std::string + "}".
    std::string mark(1, '{');
    mark += std::to_string(n++);
    mark += '}';
    for (auto at = s.find(mark); at != std::string::npos; at = s.find(mark, at + a.size()))
      s.replace(at, mark.size(), a);
  }
  return s;
}

std::string unit(Language lang, const std::string& u) {
  const std::string key = "unit." + u, w = tr(lang, key);
  return w == key ? u : w;
}

std::string plural(Language lang, std::string_view key, long long n) {
  const char* form = n == 1 ? ".one" : (n >= 2 && n <= 4) ? ".few" : ".many";
  return tr(lang, std::string(key) + form, {std::to_string(n)});
}

std::string decimal(Language lang, std::string number) {
  if (lang == Language::cs)
    for (char& c : number)
      if (c == '.') c = ',';
  return number;
}

Language language_from(std::string_view code) {
  if (code == "en") return Language::en;
  if (code == "cs") return Language::cs;
  throw UserError("unknown language '" + std::string(code) + "' (en or cs)");
}

Language pick_language(std::string_view option, std::string_view scenario_language) {
  if (!option.empty()) return language_from(option);
  return scenario_language.empty() ? Language::en : language_from(scenario_language);
}

const char* language_code(Language lang) {
  return lang == Language::cs ? "cs" : "en";
}

}  // namespace prostup::text

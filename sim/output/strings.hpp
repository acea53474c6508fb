// SPDX-License-Identifier: Apache-2.0
// The fixed words people read in the terminal answer and report.html, one catalogue per
// language (strings_en.cpp, strings_cs.cpp), looked up by key. Numbers follow the
// language's convention here too (Czech: decimal comma); CSV files never do, except the
// excel-cs dialect (writers.cpp). Private to sim/.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "prostup/local_text.hpp"
#include "prostup/writers.hpp"

namespace prostup::text {

struct Entry {
  const char* key;
  const char* text;
};

// The whole catalogue of a language, in its file's order (the test compares the keys).
const std::vector<Entry>& catalogue(Language lang);
const std::vector<Entry>& english_catalogue();  // strings_en.cpp
const std::vector<Entry>& czech_catalogue();    // strings_cs.cpp

// The text of `key`; the English text where the language lacks it, the key where both do
// (a test keeps the catalogues complete, so neither happens in a release).
std::string tr(Language lang, std::string_view key);

// tr() with "{1}", "{2}", ... replaced by `args` in order.
std::string tr(Language lang, std::string_view key, std::initializer_list<std::string> args);

// A unit of the metric catalogue ("CZK", "CZK per household") in the language; the unit as
// written where the catalogue has no entry "unit.UNIT".
std::string unit(Language lang, const std::string& u);

// A count with its noun: "KEY.one", "KEY.few" (Czech 2 to 4) or "KEY.many", "{1}" = n.
std::string plural(Language lang, std::string_view key, long long n);

// A number written with a decimal point ("1.25", "+4.1") in the language's convention
// ("1,25", "+4,1" in Czech). Digits grouped with no-break spaces stay grouped.
std::string decimal(Language lang, std::string number);

// "en" or "cs"; throws UserError for anything else.
Language language_from(std::string_view code);
// The language of a command: its --lang, else the scenario's "language", else English.
Language pick_language(std::string_view option, std::string_view scenario_language);
const char* language_code(Language lang);

// A scenario's text (a title, description or label; prostup/local_text.hpp) in the language:
// its own, else English, else any given; `fallback` (an id) where it is empty.
inline std::string in(const LocalText& t, Language lang, const std::string& fallback = {}) {
  return t.in(language_code(lang), fallback);
}

}  // namespace prostup::text

// SPDX-License-Identifier: Apache-2.0
// Numbers to text and back without the C locale: std::to_chars / std::from_chars only, so a
// process that set LC_ALL=cs_CZ.UTF-8 (or a Python session that called locale.setlocale)
// still writes "860.0", not "860,0", and still reads "0.5". Every number the library writes or
// parses goes through here (docs/architecture.md); printf, strtod and iostream << of doubles
// follow LC_NUMERIC and are not used for numbers. Header-only: any layer may include it.
#pragma once

#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace prostup::number_text {

namespace detail {
inline std::string chars(double v, std::chars_format f, int precision, bool plus_sign) {
  char buf[400];  // fixed with 12 decimals of 1e308 needs 322
  char* p = buf;
  if (plus_sign && !std::signbit(v)) *p++ = '+';
  auto [end, ec] = precision < 0 ? std::to_chars(p, buf + sizeof buf, v, f)
                                 : std::to_chars(p, buf + sizeof buf, v, f, precision);
  if (ec != std::errc()) throw std::logic_error("number_text: buffer too small");
  return std::string(buf, end);
}
}  // namespace detail

// printf("%.*f", decimals, v); with plus_sign printf("%+.*f", ...).
inline std::string fixed(double v, int decimals, bool plus_sign = false) {
  return detail::chars(v, std::chars_format::fixed, decimals, plus_sign);
}

// printf("%.*g", precision, v); printf("%g") is general(v, 6).
inline std::string general(double v, int precision = 6) {
  return detail::chars(v, std::chars_format::general, precision, false);
}

// The shortest text that reads back to the same double ("0.1", "5e+05").
inline std::string shortest(double v) {
  return detail::chars(v, std::chars_format::general, -1, false);
}

// An integer as decimal digits (std::to_string is locale-free for integers; this is for
// symmetry where a cell is written next to doubles).
inline std::string integer(long long v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

// A number written in full with a decimal point ("0.5", "-3", "1e-3", "+2"): nullopt for
// anything else (trailing characters, leading space, out of range). Accepts what strtod would
// for decimal text, without the locale's decimal separator.
inline std::optional<double> parse(std::string_view s) {
  if (s.size() > 1 && s.front() == '+' && s[1] != '-' && s[1] != '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Like strtod(s, nullptr): the number at the start of s, ignoring what follows; fallback
// where none is there.
inline double parse_prefix(std::string_view s, double fallback) {
  if (s.size() > 1 && s.front() == '+' && s[1] != '-' && s[1] != '+') s.remove_prefix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() ? v : fallback;
}

}  // namespace prostup::number_text

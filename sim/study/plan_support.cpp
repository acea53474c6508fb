// SPDX-License-Identifier: Apache-2.0
#include "plan_support.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "prostup/number_text.hpp"
#include "prostup/runner.hpp"
#include "prostup/writers.hpp"
#include "run_support.hpp"
#include "scenario_internal.hpp"

namespace prostup::planning {

namespace {

std::string trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

bool is_integer_text(const std::string& s) {
  std::size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// A finite number written in full (no trailing characters); nullopt otherwise.
std::optional<double> parse_number(const std::string& s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return std::nullopt;
  const auto v = number_text::parse(s);
  if (!v || !std::isfinite(*v)) return std::nullopt;
  return v;
}

// Digits after the decimal point as written ("0.05" -> 2); -1 with an exponent.
int decimals_written(const std::string& s) {
  if (s.find_first_of("eE") != std::string::npos) return -1;
  const auto dot = s.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
}

std::string keys_of(const ojson& obj) {
  std::string list;
  for (auto it = obj.begin(); it != obj.end(); ++it) list += (list.empty() ? "" : ", ") + it.key();
  return list.empty() ? "none" : list;
}

}  // namespace

std::vector<std::string> parse_pointer(const std::string& pointer) {
  if (pointer.empty())
    throw UserError(
        "the pointer is empty; it must name a value inside the scenario, e.g. "
        "/towns/jirkov/capacity/training_flat");
  if (pointer[0] != '/')
    throw UserError("'" + pointer +
                    "' is not a JSON pointer (RFC 6901): it must start with '/', e.g. "
                    "/towns/jirkov/capacity/training_flat");
  // nlohmann's RFC 6901 parser; its tokens are read back to front.
  std::optional<nlohmann::json::json_pointer> p;
  try {
    p.emplace(pointer);
  } catch (const nlohmann::json::parse_error&) {
    throw UserError("'" + pointer +
                    "' is not a valid JSON pointer: '~' must be followed by 0 or 1 "
                    "(~0 is '~', ~1 is '/')");
  }
  std::vector<std::string> tokens;
  for (; !p->empty(); p->pop_back()) tokens.push_back(p->back());
  std::reverse(tokens.begin(), tokens.end());
  return tokens;
}

SweepAxis parse_set(const std::string& spec) {
  const std::string opt = "--set '" + spec + "'";
  const std::string shape =
      "expected POINTER=FROM:TO:STEP, e.g. "
      "/towns/jirkov/capacity/training_flat=0:40:5";
  const auto eq = spec.rfind('=');
  if (eq == std::string::npos) throw UserError(opt + ": no '=': " + shape);
  SweepAxis a;
  a.pointer = trim(spec.substr(0, eq));
  try {
    parse_pointer(a.pointer);
  } catch (const UserError& e) {
    throw UserError(opt + ": " + e.what());
  }
  const auto parts = split(spec.substr(eq + 1), ':');
  if (parts.size() != 3)
    throw UserError(opt + ": the range has " + std::to_string(parts.size()) + " part(s); " + shape);
  static const char* const names[] = {"FROM", "TO", "STEP"};
  double v[3];
  bool all_integer = true;
  for (int i = 0; i < 3; ++i) {
    const std::string p = trim(parts[i]);
    const auto x = parse_number(p);
    if (!x) throw UserError(opt + ": " + names[i] + " '" + p + "' is not a number");
    v[i] = *x;
    all_integer = all_integer && is_integer_text(p);
    if (is_integer_text(p) && !(std::abs(*x) <= kMaxWholeValue))
      throw UserError(opt + ": " + names[i] + " '" + p + "' is too large (whole numbers up to " +
                      format_number(kMaxWholeValue) + " in size)");
  }
  a.from = v[0];
  a.to = v[1];
  a.step = v[2];
  a.integer = all_integer;
  if (a.from > a.to)
    throw UserError(opt + ": FROM (" + trim(parts[0]) + ") is greater than TO (" + trim(parts[1]) +
                    ")");
  if (!(a.step > 0)) throw UserError(opt + ": STEP must be greater than 0");
  // A tiny slack so that 0:1:0.1 reaches 1 despite binary fractions.
  const double count = std::floor((a.to - a.from) / a.step * (1 + 1e-12) + 1e-9) + 1;
  if (count > kMaxSweepPoints)
    throw UserError(opt + ": gives " + format_number(count) + " values; a sweep has at most " +
                    std::to_string(kMaxSweepPoints) + " points");
  const int n = static_cast<int>(count);
  int decimals = std::max(decimals_written(trim(parts[0])), decimals_written(trim(parts[2])));
  if (decimals_written(trim(parts[0])) < 0 || decimals_written(trim(parts[2])) < 0) decimals = -1;
  for (int i = 0; i < n; ++i) {
    double x = a.from + i * a.step;
    // Keep the values as written (0.1 + 2 * 0.1 is 0.3, not 0.30000000000000004).
    if (!a.integer && decimals >= 0 && decimals <= 12) {
      const double scale = std::pow(10.0, decimals);
      x = std::round(x * scale) / scale;
    }
    if (x > a.to) x = a.to;
    a.values.push_back(x);
  }
  return a;
}

std::vector<std::vector<double>> sweep_grid(const std::vector<SweepAxis>& axes) {
  double total = axes.empty() ? 0 : 1;
  std::string sizes;
  for (const auto& a : axes) {
    total *= static_cast<double>(a.values.size());
    sizes += (sizes.empty() ? "" : " x ") + std::to_string(a.values.size());
  }
  if (total > kMaxSweepPoints)
    throw UserError("the --set options make a grid of " + sizes + " = " + format_number(total) +
                    " points; a sweep has at most " + std::to_string(kMaxSweepPoints) + " points");
  std::vector<std::vector<double>> points;
  if (axes.empty()) return points;
  std::vector<std::size_t> idx(axes.size(), 0);
  for (;;) {
    std::vector<double> p;
    for (std::size_t k = 0; k < axes.size(); ++k) p.push_back(axes[k].values[idx[k]]);
    points.push_back(std::move(p));
    // Odometer: the last axis turns fastest.
    std::size_t k = axes.size();
    while (k > 0) {
      --k;
      if (++idx[k] < axes[k].values.size()) break;
      idx[k] = 0;
      if (k == 0) return points;
    }
  }
}

VaryRange parse_vary(const std::string& spec) {
  const std::string opt = "--vary '" + spec + "'";
  const std::string shape =
      "expected POINTER=LO:HI with whole numbers, e.g. "
      "/towns/jirkov/capacity/training_flat=0:40";
  const auto eq = spec.rfind('=');
  if (eq == std::string::npos) throw UserError(opt + ": no '=': " + shape);
  VaryRange r;
  r.pointer = trim(spec.substr(0, eq));
  try {
    parse_pointer(r.pointer);
  } catch (const UserError& e) {
    throw UserError(opt + ": " + e.what());
  }
  const auto parts = split(spec.substr(eq + 1), ':');
  if (parts.size() != 2)
    throw UserError(opt + ": the range has " + std::to_string(parts.size()) + " part(s); " + shape);
  long long v[2];
  static const char* const names[] = {"LO", "HI"};
  for (int i = 0; i < 2; ++i) {
    const std::string p = trim(parts[i]);
    if (!is_integer_text(p)) {
      const bool number = parse_number(p).has_value();
      throw UserError(opt + ": " + names[i] + " '" + p + "' is not " +
                      (number ? "a whole number (plan searches whole numbers)" : "a number"));
    }
    errno = 0;
    v[i] = std::strtoll(p.c_str(), nullptr, 10);
    // The values are set as doubles: past 2^53 they are not exact (and 2^63 - 1 overflowed).
    if (errno == ERANGE || !(std::abs(static_cast<double>(v[i])) <= kMaxWholeValue))
      throw UserError(opt + ": " + names[i] + " '" + p + "' is too large (whole numbers up to " +
                      format_number(kMaxWholeValue) + " in size)");
  }
  r.lo = v[0];
  r.hi = v[1];
  if (r.lo > r.hi)
    throw UserError(opt + ": LO (" + std::to_string(r.lo) + ") is greater than HI (" +
                    std::to_string(r.hi) + ")");
  return r;
}

Target parse_target(const std::string& spec) {
  const std::string opt = "--target '" + spec + "'";
  const std::string shape =
      "expected METRIC>=VALUE or METRIC<=VALUE, e.g. "
      "'reached_lease_share>=0.6' or 'reached_lease_share>=60%'";
  Target t;
  auto pos = spec.find(">=");
  if (pos != std::string::npos) {
    t.at_least = true;
  } else {
    pos = spec.find("<=");
    if (pos == std::string::npos) {
      const bool strict = spec.find_first_of("<>=") != std::string::npos;
      throw UserError(opt + ": " +
                      (strict ? "only >= and <= are supported (a target is met with "
                                "confidence, so 'at least' or 'at most'); "
                              : "no comparison; ") +
                      shape);
    }
    t.at_least = false;
  }
  t.metric = trim(spec.substr(0, pos));
  if (t.metric.empty()) throw UserError(opt + ": no metric before '" + t.op() + "'; " + shape);
  std::string value = trim(spec.substr(pos + 2));
  double scale = 1;
  if (!value.empty() && value.back() == '%') {
    value = trim(value.substr(0, value.size() - 1));
    scale = 0.01;
  }
  const auto x = parse_number(value);
  if (!x) throw UserError(opt + ": the target value '" + value + "' is not a number; " + shape);
  t.value = *x * scale;
  return t;
}

SetResult set_number(ojson& doc, const std::string& pointer, double value, bool integer,
                     const std::string& option) {
  std::vector<std::string> tokens;
  try {
    tokens = parse_pointer(pointer);
  } catch (const UserError& e) {
    throw UserError(option + ": " + e.what());
  }
  ojson* cur = &doc;
  std::string path;
  for (const std::string& t : tokens) {
    const std::string here = path.empty() ? "the scenario" : path;
    if (cur->is_object()) {
      auto it = cur->find(t);
      if (it == cur->end())
        throw UserError(option + ": " + here + " has no '" + t + "' (it has: " + keys_of(*cur) +
                        ")");
      cur = &*it;
    } else if (cur->is_array()) {
      const bool digits = !t.empty() && (t == "0" || t[0] != '0') &&
                          t.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || t.size() > 9 || std::stoul(t) >= cur->size())
        throw UserError(option + ": " + here + " is a list of " + std::to_string(cur->size()) +
                        "; '" + t + "' is not an index in it (0.." +
                        std::to_string(cur->empty() ? 0 : cur->size() - 1) + ")");
      cur = &(*cur)[std::stoul(t)];
    } else {
      throw UserError(option + ": " + here + " is a single value; '" + t +
                      "' cannot be looked up in it");
    }
    path += '/';
    path += detail::pointer_token(t);
  }
  SetResult r;
  r.pointer = path;
  if (cur->is_object() && cur->contains("initial") && (*cur)["initial"].is_number()) {
    // A scheduled value: the planner sets the opening value; the schedule stays.
    r.pointer = path + "/initial";
    if (auto s = cur->find("schedule"); s != cur->end() && s->is_array() && !s->empty())
      r.note = pointer + " has a schedule; " + r.pointer +
               " is set and the scheduled changes still apply (set " + path +
               "/schedule/N/value to move them)";
    cur = &(*cur)["initial"];
  } else if (!cur->is_number()) {
    std::string what = cur->is_object()    ? "an object"
                       : cur->is_array()   ? "a list"
                       : cur->is_string()  ? "a string"
                       : cur->is_boolean() ? "true/false"
                                           : "null";
    std::string hint;
    if (cur->is_object()) {
      std::string numeric;
      for (auto it = cur->begin(); it != cur->end(); ++it)
        if (it->is_number()) numeric += (numeric.empty() ? "" : ", ") + path + "/" + it.key();
      if (!numeric.empty()) hint = " (its numbers: " + numeric + ")";
    }
    throw UserError(option + ": " + path + " is " + what + ", not a number" + hint);
  }
  r.previous = cur->get<double>();
  // A whole number past 2^53 is not exact as a double, and past 2^63 llround overflows (the
  // validator then quoted -9223372036854775808).
  if (integer && !(std::abs(value) <= kMaxWholeValue))
    throw UserError(option + ": " + format_number(value) + " does not fit " + path +
                    " (whole numbers up to " + format_number(kMaxWholeValue) +
                    " in size, and the scenario's own limit)");
  if (integer)
    *cur = static_cast<long long>(std::llround(value));
  else
    *cur = value;
  return r;
}

Scenario scenario_with(const ojson& doc, const std::vector<Setting>& settings,
                       const std::string& what, const std::string& option,
                       std::vector<SetResult>* written) {
  ojson patched = doc;
  for (const Setting& s : settings) {
    SetResult r = set_number(patched, s.pointer, s.value, s.integer, option);
    if (written) written->push_back(std::move(r));
  }
  LoadResult lr = load_scenario_json(patched);
  if (!lr.ok()) {
    std::string msg = what + " gives an invalid scenario:";
    for (const Diagnostic& d : lr.diagnostics)
      msg += "\n  " + (d.pointer.empty() ? std::string("/") : d.pointer) + ": " + d.message;
    throw UserError(msg);
  }
  return std::move(*lr.scenario);
}

CompiledModel compile_with(const ojson& doc, const std::vector<Setting>& settings,
                           const std::string& variant, const std::string& what,
                           const std::string& option, std::vector<SetResult>* written, int months) {
  return compile(scenario_with(doc, settings, what, option, written), variant, months);
}

ojson document_for(const ojson& scenario_document, const std::string& variant) {
  if (variant.empty() || variant == "baseline") {
    ojson doc = scenario_document;
    doc.erase("variants");
    return doc;
  }
  const auto vs = scenario_document.find("variants");
  if (vs == scenario_document.end() || !vs->is_object() || !vs->contains(variant)) {
    const std::string list =
        vs != scenario_document.end() && vs->is_object() ? keys_of(*vs) : "none";
    throw UserError("--variant '" + variant + "': no such variant (the scenario has: " + list +
                    ")");
  }
  LoadResult r = apply_variant(scenario_document, variant);
  if (!r.ok()) {
    std::string msg = "--variant '" + variant + "' gives an invalid scenario:";
    for (const Diagnostic& d : r.diagnostics) msg += "\n  " + d.pointer + ": " + d.message;
    throw UserError(msg);
  }
  return r.document;
}

void check_not_variants(const std::string& pointer, const std::string& option) {
  const auto tokens = parse_pointer(pointer);
  if (!tokens.empty() && tokens.front() == "variants")
    throw UserError(option +
                    ": points into /variants; the runs use the baseline (or the variant "
                    "named by --variant, already applied), so point at the "
                    "scenario's own value instead, e.g. /towns/<town>/capacity/<stage>");
}

std::string csv_field(const std::string& s) {
  return csv_text(s);  // quoted where needed, a formula neutralised (writers.hpp)
}

std::string value_text(double v, bool integer) {
  if (integer) return std::to_string(std::llround(v));
  return format_number(v);
}

PlanPoint evaluate_point(long long value, const std::vector<double>& values, const Target& t,
                         double confidence) {
  PlanPoint p;
  p.value = value;
  p.summary = summarize(values);
  const Summary& s = p.summary;
  if (s.replications >= 2 && std::isfinite(s.sd)) {
    const double half = s.sd == 0 ? 0
                                  : student_t_quantile(confidence, s.replications - 1) * s.sd /
                                        std::sqrt(static_cast<double>(s.replications));
    p.bound = t.at_least ? s.mean - half : s.mean + half;
    p.meets = t.at_least ? p.bound >= t.value : p.bound <= t.value;
  }
  return p;
}

PlanPoint evaluate_point_sets(long long value, const std::vector<double>& set_means,
                              const Target& t, double assurance) {
  PlanPoint p;
  p.value = value;
  p.summary = summarize_sets(set_means);
  p.sets = static_cast<int>(set_means.size());
  std::vector<double> defined;
  for (double x : set_means) {
    if (std::isnan(x)) continue;
    defined.push_back(x);
    if (t.at_least ? x >= t.value : x <= t.value) ++p.sets_meeting;
  }
  // Compared in whole sets, so that 95 of 100 meets 0.95 despite binary fractions.
  const auto need = static_cast<std::size_t>(std::ceil(assurance * p.sets - 1e-9));
  p.meets = p.sets > 0 && static_cast<std::size_t>(p.sets_meeting) >= need;
  // The bound: the value that `need` of the sets reach (an order statistic of their means),
  // so that it meets the target exactly when the share does.
  std::sort(defined.begin(), defined.end());
  if (need >= 1 && need <= defined.size())
    p.bound = t.at_least ? defined[defined.size() - need] : defined[need - 1];
  return p;
}

SearchResult bisect_smallest(long long lo, long long hi,
                             const std::function<bool(long long)>& meets) {
  SearchResult r;
  std::map<long long, bool> cache;
  auto eval = [&](long long v) {
    auto it = cache.find(v);
    if (it != cache.end()) return it->second;
    const bool m = meets(v);
    cache[v] = m;
    r.evaluated.push_back(v);
    return m;
  };
  if (!eval(hi)) return r;
  if (eval(lo)) {
    r.answer = lo;
    return r;
  }
  long long fails = lo, ok = hi;  // invariant: fails fails, ok meets
  while (ok - fails > 1) {
    const long long mid = fails + (ok - fails) / 2;
    if (eval(mid))
      ok = mid;
    else
      fails = mid;
  }
  r.answer = ok;
  return r;
}

std::string point_label(const std::vector<SweepAxis>& axes, const std::vector<double>& values) {
  std::string s;
  for (std::size_t k = 0; k < axes.size(); ++k)
    s += (s.empty() ? "" : ", ") + axes[k].pointer + " = " + value_text(values[k], axes[k].integer);
  return s;
}

}  // namespace prostup::planning

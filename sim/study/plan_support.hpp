// SPDX-License-Identifier: Apache-2.0
// Parsing and evaluation shared by `prostup sweep` and `prostup plan`: JSON pointers into a
// scenario document, value ranges, targets, one-sided confidence bounds and the integer
// bisection. Private to sim/ and the tests; no files are written here.
#pragma once

#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "answer.hpp"
#include "prostup/errors.hpp"
#include "prostup/model.hpp"
#include "prostup/results.hpp"
#include "prostup/scenario_json.hpp"
#include "prostup/study.hpp"

namespace prostup::planning {

inline constexpr int kMaxSweepPoints = 1000;
// The largest whole number --set and --vary take (2^53: every whole number up to it is exact
// as a double; 2^63 - 1 overflowed into -2^63).
inline constexpr double kMaxWholeValue = 9007199254740992.0;

// An RFC 6901 pointer split into unescaped reference tokens ("/a~1b/c" -> {"a/b", "c"}).
// Throws UserError for a malformed pointer (not starting with '/', a bad '~' escape) or
// the whole document ("").
std::vector<std::string> parse_pointer(const std::string& pointer);

using study::SweepAxis;  // one --set POINTER=FROM:TO:STEP (include/prostup/study.hpp)
SweepAxis parse_set(const std::string& spec);

// The cartesian product of the axes: point i's coordinates, the LAST axis varying fastest
// (as nested loops written in the order of the --set options). Throws UserError
// beyond kMaxSweepPoints.
std::vector<std::vector<double>> sweep_grid(const std::vector<SweepAxis>& axes);

// --vary POINTER=LO:HI, integers with LO <= HI.
using study::VaryRange;
VaryRange parse_vary(const std::string& spec);

// --target METRIC>=VALUE or METRIC<=VALUE; VALUE may end in '%' (divided by 100).
using study::Target;
Target parse_target(const std::string& spec);

using study::SetResult;  // what setting a value changed (include/prostup/study.hpp)

// Writes `value` (an integer when `integer`) at `pointer` in `doc`. The pointer must name an
// existing number, or a scheduled value given as {"initial": n, "schedule": [...]}: then
// `initial` is set and the schedule kept (a planner sets the opening value; the scheduled
// changes stay as planned). Throws UserError naming `option` for a missing path or a
// non-numeric target, listing the keys that exist where the path breaks off.
SetResult set_number(ojson& doc, const std::string& pointer, double value, bool integer,
                     const std::string& option);

// One value to write into the scenario document.
struct Setting {
  std::string pointer;
  double value = 0;
  bool integer = false;
};

// A copy of `doc` with the settings written (set_number), validated (load_scenario_json) and
// compiled as variant `variant`. Throws UserError introduced by `what` (e.g. "point 3
// (/x = 5)") that lists every diagnostic of the patched scenario. `written`, when given,
// receives what each setting changed. `months` > 0: compiled to that horizon (see compile).
// The validated scenario compile_with compiles (for the memory estimate before compiling).
Scenario scenario_with(const ojson& doc, const std::vector<Setting>& settings,
                       const std::string& what, const std::string& option,
                       std::vector<SetResult>* written = nullptr);
CompiledModel compile_with(const ojson& doc, const std::vector<Setting>& settings,
                           const std::string& variant, const std::string& what,
                           const std::string& option, std::vector<SetResult>* written = nullptr,
                           int months = 0);

// The scenario document a sweep or plan patches: `variant`'s patch applied (none when
// empty), without the variants themselves. Throws UserError for an unknown or invalid
// variant.
ojson document_for(const ojson& scenario_document, const std::string& variant);

// Refuses a pointer into /variants (the patched document has none: use --variant instead).
void check_not_variants(const std::string& pointer, const std::string& option);

// A CSV field, quoted when it has to be (RFC 4180).
std::string csv_field(const std::string& s);

// Shortest text for a swept value (integers without a decimal point).
std::string value_text(double v, bool integer);

// A sweep point's coordinates: "/a = 1, /b = 2.5".
std::string point_label(const std::vector<SweepAxis>& axes, const std::vector<double>& values);

using study::PlanPoint;  // one evaluated value of the varied parameter

// The one-sided bound at `confidence` of the mean of `values` (NaN entries left out):
// mean - t(confidence, n-1) * sd / sqrt(n) for a ">=" target, mean + ... for "<=".
// Undefined with fewer than two defined values; a zero spread gives the mean itself.
PlanPoint evaluate_point(long long value, const std::vector<double>& values, const Target& t,
                         double confidence);

// Under input uncertainty: `set_means` holds one mean per parameter set (NaN = undefined, which
// never meets). The value meets the target when at least `assurance` of the sets meet it
// (docs/planning.md); the summary is over sets (summarize_sets: the 2.5th to 97.5th
// percentile of the set means as interval).
PlanPoint evaluate_point_sets(long long value, const std::vector<double>& set_means,
                              const Target& t, double assurance);

// The smallest integer in [lo, hi] for which `meets(v)` holds, assuming it is monotone
// (false ... false true ... true). Evaluates hi first (no answer if it fails), then lo, then
// bisects, remembering every value it evaluated (each at most once). The returned trace
// holds them in evaluation order; when the answer is above lo, its neighbour below is among
// them and fails.
struct SearchResult {
  std::optional<long long> answer;
  std::vector<long long> evaluated;  // in evaluation order
};
SearchResult bisect_smallest(long long lo, long long hi,
                             const std::function<bool(long long)>& meets);

// What holds a plan's target back at the top of the range (docs/planning.md, "What binds"):
// the binding constraints ranked (answer::sort_by_value) with what one more unit of each
// measured one is worth. plan.json and the terminal answer show the same ranking.
struct HeldBack {
  std::vector<answer::Binding> binding;
  // `gain` in the target's better direction; Binding::value points into `measured`.
  std::vector<MarginalValue> measured;
  std::vector<Summary> change;  // parallel to `measured`: the paired difference as simulated
};
// `town` as PlanSetup::town ("*" = the lines carry each town's label).
HeldBack held_back_of(const study::PlanOutcome& o, const std::string& town);

}  // namespace prostup::planning

// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes as a scenario file, and as the value a variant's merge
// patch gives one top-level key of the built-in scenario.
//
// Every input must end in diagnostics or a valid scenario, never a crash, leak, hang or
// sanitizer report. A valid scenario is also compiled and simulated for one month of
// replication 0 of its first town, baseline and every variant, because the validator's
// job is to let through only what the engine can run. The patch reaches every top-level
// key the validator knows (chosen by a hash of the input), so the patched-variant path sees
// hostile values for stages, towns, simulation, variants, cohorts and the rest, not only the
// edits in the corpus. Valid scenarios with distributions also have their extreme quantiles
// and three parameter sets drawn, and reach calibrate's entry point (issue 30).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "prostup/calibrate.hpp"
#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/parameter_draw.hpp"
#include "prostup/scenario_json.hpp"
#include "prostup/uncertainty.hpp"

namespace {

// Households the first month of town 0 may start with (initial population plus the
// expected arrivals). Above this a valid input only measures the engine's speed, which
// is the benchmarks' business; the fuzzer would spend its time there instead of
// exploring the loader.
constexpr double kMaxFuzzHouseholds = 50000;

bool small_enough(const prostup::Scenario& s) {
  if (s.towns.empty()) return false;
  const prostup::Town& t = s.towns.front();
  double households = t.arrival_rate.initial;
  for (const auto& [month, rate] : t.arrival_rate.changes)
    if (month <= 1 && rate > households) households = rate;
  for (const auto& [stage, n] : t.initial) households += n;
  return households <= kMaxFuzzHouseholds;
}

// Conservation holds in every month of every valid model: the households in the stages
// are those alive, and everyone who entered is alive or gone. A break is an engine bug.
void check_conservation(const prostup::MonthAudit& a, void*) {
  std::int64_t in_stages = 0;
  for (std::int64_t n : *a.occupancy) in_stages += n;
  if (in_stages != a.alive || a.entered_total != a.alive + a.exited_total) __builtin_trap();
}

void simulate_first_month(const prostup::Scenario& s, const std::string& variant) {
  if (!small_enough(s)) return;
  const prostup::CompiledModel m = prostup::compile(s, variant);
  prostup::SimulateOptions opt;
  opt.months = 1;
  opt.audit = check_conservation;
  const prostup::ReplicationOutcome o = prostup::simulate(m, 0, 0, opt);
  if (o.months != 1) __builtin_trap();
}

// Parameter sets (issue 30): every distribution a valid file holds gives finite values at
// the extremes a draw can reach (validate draws them, so none may hang or overflow here),
// and three drawn parameter sets are simulated as the file's means are.
void check_parameter_sets(const prostup::Scenario& s) {
  for (const prostup::UncertainParameter& u : s.uncertain)
    for (const double q : {0.0, 1e-12, 0.5, 1 - 1e-12, 1.0})
      if (!std::isfinite(u.dist.quantile(q))) __builtin_trap();
  if (!prostup::has_parameter_uncertainty(s)) return;
  for (std::uint64_t set = 0; set < 3; ++set)
    simulate_first_month(prostup::draw_parameter_set(s, s.simulation.seed, set), "baseline");
}

// Calibrate's entry point: a valid scenario is refused in words (CalibrationError) or, when
// small, calibrated for two generations of ten particles on one thread.
void check_calibrate(const prostup::Scenario& s) {
  try {
    prostup::check_calibratable(s);
  } catch (const prostup::CalibrationError&) {
    return;
  }
  if (!small_enough(s) || s.towns.size() > 2 || s.simulation.months > 24) return;
  prostup::CalibrationOptions opt;
  opt.particles = 10;
  opt.max_simulations = 20;
  opt.max_generations = 2;
  opt.threads = 1;
  try {
    prostup::calibrate(s, opt);
  } catch (const prostup::CalibrationError&) {
  }
}

// The whole contract for one scenario text.
void check_text(std::string_view text) {
  prostup::LoadResult r = prostup::load_scenario_text(text);
  if (!r.ok()) {
    // An invalid input must say why.
    if (r.diagnostics.empty()) __builtin_trap();
    return;
  }
  simulate_first_month(*r.scenario, "baseline");
  check_parameter_sets(*r.scenario);
  check_calibrate(*r.scenario);
  for (const prostup::Variant& v : r.scenario->variants) {
    prostup::LoadResult patched = prostup::apply_variant(r.document, v.id);
    // load_scenario_text already validated every variant's patched scenario.
    if (!patched.ok()) __builtin_trap();
    simulate_first_month(*patched.scenario, v.id);
  }
}

// The built-in scenario with one variant whose patch sets `key` to `value`.
void check_patch(std::string_view text) {
  // The validator's own list, so a key added to the format is fuzzed too; "_fuzz" stands
  // for the `_` documentation keys.
  static const std::vector<std::string> kTopKeys = [] {
    std::vector<std::string> keys = prostup::scenario_top_level_keys();
    keys.emplace_back("_fuzz");
    return keys;
  }();
  // Deeply nested values are the scenario loader's own case (it refuses them before
  // parsing); nlohmann's dump() here would recurse.
  if (std::count_if(text.begin(), text.end(), [](char c) { return c == '[' || c == '{'; }) > 64)
    return;
  const prostup::ojson value = prostup::ojson::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return;
  static const prostup::ojson base =
      prostup::ojson::parse(prostup::embedded_default_scenario(), nullptr, false);
  const std::size_t k = std::hash<std::string_view>{}(text) % kTopKeys.size();
  prostup::ojson doc = base;
  prostup::ojson patch = prostup::ojson::object();
  patch[kTopKeys[k]] = value;
  doc["variants"] = {{"fuzz", {{"label", "fuzz"}, {"patch", patch}}}};
  check_text(doc.dump());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_text(text);
  check_patch(text);
  return 0;
}

// SPDX-License-Identifier: Apache-2.0
// Drawing one parameter set of a scenario for probabilistic sensitivity analysis (PSA).
//
// Core layer: the draws come from their own keyed Philox stream (seed, parameter set,
// parameter or group), independent of the households' streams and of threads, so parameter
// set k is the same in the baseline and in every variant (paired) and on any thread count.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "prostup/scenario.hpp"

namespace prostup {

// The uniform in (0, 1) behind a quantile draw of parameter set `set` for the key `key`
// (draw_key(): a group's name or a parameter's pointer).
double parameter_uniform(std::uint64_t seed, std::uint64_t set, const std::string& key);

// True when a run of `s` has parameter uncertainty to draw: an uncertain parameter whose
// distribution is not `fixed`, or a joint parameter sample.
bool has_parameter_uncertainty(const Scenario& s);

// A copy of `s` with parameter set `set` applied: every uncertain parameter at its quantile
// draw, then the joint sample's row (a pointer in both takes the row's value). `drawn`, when
// given, receives (pointer, value) of every parameter set, in that order.
Scenario draw_parameter_set(const Scenario& s, std::uint64_t seed, std::uint64_t set,
                            std::vector<std::pair<std::string, double>>* drawn = nullptr);

}  // namespace prostup

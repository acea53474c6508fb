// SPDX-License-Identifier: Apache-2.0
// Parameter uncertainty (probabilistic sensitivity analysis, PSA): the distributions a
// scenario's numeric parameters may carry, and how one parameter set is drawn and applied.
//
// Model layer: plain C++, no JSON. The scenario layer reads `{"dist": ...}` objects into
// Scenario::uncertain (the field itself holds the distribution's mean, so a run with fixed
// parameters runs at the means); the runner draws one set per parameter set index from a
// keyed stream (seed, set, parameter or group) and applies it with set_parameter.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace prostup {

struct Scenario;

enum class DistKind : std::uint8_t { fixed, beta, gamma, lognormal, uniform, triangular, normal };

// A distribution in its natural parameters:
//   fixed       a = the value
//   beta        a = alpha, b = beta                       (support [0, 1])
//   gamma       a = shape, b = scale                      (support [0, inf))
//   lognormal   a = mu, b = sigma of the logarithm        (support (0, inf))
//   uniform     a = min, b = max
//   triangular  a = min, b = mode, c = max
//   normal      a = mean, b = sd, truncated to [lo, hi]
// lo and hi are the parameter's valid range (a probability's [0, 1], a cost's [0, max]);
// only the normal uses them for truncation, the others must lie inside them (checked when
// read, see distribution_problem).
struct Distribution {
  DistKind kind = DistKind::fixed;
  double a = 0, b = 0, c = 0;
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();

  double mean() const;
  double sd() const;
  // The inverse CDF at u in (0, 1); u is clamped into [1e-12, 1 - 1e-12].
  double quantile(double u) const;
  // The smallest and largest values the distribution can give.
  double support_low() const;
  double support_high() const;
};

const char* to_string(DistKind k);

// Builders from the moments a scenario file gives (mean and sd). Each returns an empty
// string on success, else the reason in words for an error message ("sd 0.3 is too large
// for a beta with mean 0.05: the largest possible is 0.218").
std::string beta_from_moments(double mean, double sd, Distribution& out);
std::string gamma_from_moments(double mean, double sd, Distribution& out);
std::string lognormal_from_moments(double mean, double sd, Distribution& out);

// Checks a distribution against its parameter's range [lo, hi] (already stored in d):
// empty when the support lies inside it, else the problem in words.
std::string distribution_problem(const Distribution& d);

// "beta, 90 % range 0.035-0.067": the distribution in words for `describe`.
std::string describe_distribution(const Distribution& d);

// One uncertain parameter of a scenario.
struct UncertainParameter {
  std::string pointer;  // JSON pointer into the scenario, e.g. "/profiles/single/job_gain"
  std::string group;    // parameters of one group share one quantile draw; "" = its own
  Distribution dist;
};

// A joint sample of parameter sets (format: `parameter_sample`, written by `prostup calibrate`
// as its posterior): each PSA parameter set takes one row, chosen by a keyed uniform draw, so
// the correlations between the parameters are kept. Pointers as in UncertainParameter; a
// pointer here overrides a distribution on the same parameter.
struct ParameterSample {
  std::vector<std::string> pointers;
  std::vector<std::vector<double>> rows;  // each parallel to pointers; equally likely
  std::string source;                     // where it came from (e.g. "prostup calibrate ...")
  bool empty() const { return rows.empty(); }
};

// Sets the numeric parameter at `pointer` (a pointer Scenario::uncertain may hold) to
// `value`. Returns false when the pointer names no parameter that may carry a distribution.
bool set_parameter(Scenario& s, const std::string& pointer, double value);

// The key of a parameter's quantile draw: its group's name when it has one, else its pointer
// (so the same parameter gets the same draw in the baseline and in every variant).
inline const std::string& draw_key(const UncertainParameter& p) {
  return p.group.empty() ? p.pointer : p.group;
}

}  // namespace prostup

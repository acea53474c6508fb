// SPDX-License-Identifier: Apache-2.0
// Distributions of uncertain parameters (PSA): moments, quantiles, checks, and applying a
// drawn value to a scenario. Quantiles are Boost.Math's inverse incomplete beta and gamma
// functions and the inverse complementary error function.
#include "prostup/uncertainty.hpp"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "prostup/number_text.hpp"
#include "prostup/parameters.hpp"
#include "prostup/scenario.hpp"

namespace prostup {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kSqrt2 = 1.4142135623730951;

double normal_cdf(double x) {
  if (x == -kInf) return 0;
  if (x == kInf) return 1;
  return 0.5 * std::erfc(-x / kSqrt2);
}
double normal_pdf(double x) {
  if (std::isinf(x)) return 0;
  return std::exp(-0.5 * x * x) / 2.5066282746310002;
}
double normal_quantile(double p) {
  return -kSqrt2 * boost::math::erfc_inv(2 * p);
}

// The truncation bounds of a normal in standard units, and the mass between them.
struct Truncation {
  double alpha, beta, z;
};
Truncation truncation(const Distribution& d) {
  Truncation t;
  t.alpha = d.lo == -kInf ? -kInf : (d.lo - d.a) / d.b;
  t.beta = d.hi == kInf ? kInf : (d.hi - d.a) / d.b;
  t.z = normal_cdf(t.beta) - normal_cdf(t.alpha);
  return t;
}
double times_pdf(double x) {
  return std::isinf(x) ? 0 : x * normal_pdf(x);
}

std::string num(double x) {
  return number_text::general(x, 4);
}

}  // namespace

const char* to_string(DistKind k) {
  switch (k) {
    case DistKind::fixed:
      return "fixed";
    case DistKind::beta:
      return "beta";
    case DistKind::gamma:
      return "gamma";
    case DistKind::lognormal:
      return "lognormal";
    case DistKind::uniform:
      return "uniform";
    case DistKind::triangular:
      return "triangular";
    case DistKind::normal:
      return "normal";
  }
  return "?";
}

double Distribution::mean() const {
  switch (kind) {
    case DistKind::fixed:
      return a;
    case DistKind::beta:
      return a / (a + b);
    case DistKind::gamma:
      return a * b;
    case DistKind::lognormal:
      return std::exp(a + 0.5 * b * b);
    case DistKind::uniform:
      return 0.5 * (a + b);
    case DistKind::triangular:
      return (a + b + c) / 3;
    case DistKind::normal: {
      if (b <= 0) return a;
      const Truncation t = truncation(*this);
      return a + b * (normal_pdf(t.alpha) - normal_pdf(t.beta)) / t.z;
    }
  }
  return a;
}

double Distribution::sd() const {
  switch (kind) {
    case DistKind::fixed:
      return 0;
    case DistKind::beta:
      return std::sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
    case DistKind::gamma:
      return std::sqrt(a) * b;
    case DistKind::lognormal:
      return std::sqrt((std::exp(b * b) - 1) * std::exp(2 * a + b * b));
    case DistKind::uniform:
      return (b - a) / std::sqrt(12.0);
    case DistKind::triangular:
      return std::sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18);
    case DistKind::normal: {
      if (b <= 0) return 0;
      const Truncation t = truncation(*this);
      const double m = (normal_pdf(t.alpha) - normal_pdf(t.beta)) / t.z;
      const double v = 1 + (times_pdf(t.alpha) - times_pdf(t.beta)) / t.z - m * m;
      return b * std::sqrt(std::max(0.0, v));
    }
  }
  return 0;
}

double Distribution::quantile(double u) const {
  u = std::clamp(u, 1e-12, 1 - 1e-12);
  switch (kind) {
    case DistKind::fixed:
      return a;
    case DistKind::beta:
      return boost::math::ibeta_inv(a, b, u);
    case DistKind::gamma:
      return b * boost::math::gamma_p_inv(a, u);
    case DistKind::lognormal:
      return std::exp(a + b * normal_quantile(u));
    case DistKind::uniform:
      return a + u * (b - a);
    case DistKind::triangular: {
      if (c <= a) return a;
      const double f = (b - a) / (c - a);
      return u < f ? a + std::sqrt(u * (c - a) * (b - a))
                   : c - std::sqrt((1 - u) * (c - a) * (c - b));
    }
    case DistKind::normal: {
      if (b <= 0) return std::clamp(a, lo, hi);
      const Truncation t = truncation(*this);
      const double pa = normal_cdf(t.alpha);
      const double x = a + b * normal_quantile(std::clamp(pa + u * t.z, 1e-300, 1 - 1e-16));
      return std::clamp(x, lo, hi);
    }
  }
  return a;
}

double Distribution::support_low() const {
  switch (kind) {
    case DistKind::fixed:
    case DistKind::uniform:
    case DistKind::triangular:
      return a;
    case DistKind::beta:
    case DistKind::gamma:
    case DistKind::lognormal:
      return 0;
    case DistKind::normal:
      return b <= 0 ? a : lo;
  }
  return a;
}

double Distribution::support_high() const {
  switch (kind) {
    case DistKind::fixed:
      return a;
    case DistKind::uniform:
      return b;
    case DistKind::triangular:
      return c;
    case DistKind::beta:
      return 1;
    case DistKind::gamma:
    case DistKind::lognormal:
      return kInf;
    case DistKind::normal:
      return b <= 0 ? a : hi;
  }
  return a;
}

std::string beta_from_moments(double mean, double sd, Distribution& out) {
  if (!(mean > 0 && mean < 1)) return "a beta's mean must be between 0 and 1 (exclusive)";
  if (!(sd > 0))
    return "a beta's sd must be greater than 0 (use a plain number for no uncertainty)";
  const double var_max = mean * (1 - mean);
  if (sd * sd >= var_max)
    return "sd " + num(sd) + " is too large for a beta with mean " + num(mean) +
           ": it must be less than " + num(std::sqrt(var_max));
  const double nu = var_max / (sd * sd) - 1;
  out.kind = DistKind::beta;
  out.a = mean * nu;
  out.b = (1 - mean) * nu;
  return {};
}

std::string gamma_from_moments(double mean, double sd, Distribution& out) {
  if (!(mean > 0)) return "a gamma's mean must be greater than 0";
  if (!(sd > 0))
    return "a gamma's sd must be greater than 0 (use a plain number for no uncertainty)";
  out.kind = DistKind::gamma;
  out.a = (mean / sd) * (mean / sd);
  out.b = sd * sd / mean;
  return {};
}

std::string lognormal_from_moments(double mean, double sd, Distribution& out) {
  if (!(mean > 0)) return "a lognormal's mean must be greater than 0";
  if (!(sd > 0))
    return "a lognormal's sd must be greater than 0 (use a plain number for no uncertainty)";
  const double s2 = std::log1p((sd / mean) * (sd / mean));
  out.kind = DistKind::lognormal;
  out.a = std::log(mean) - 0.5 * s2;
  out.b = std::sqrt(s2);
  return {};
}

namespace {

// What Boost's inverse functions and the draws can take in bounded time (ibeta_inv with
// alpha = beta = 1e300 never ends; a beta with sd 1e-300 overflows): the natural parameters
// within sane ranges, then the quantiles a draw can reach (u is clamped into
// [1e-12, 1 - 1e-12]) finite. Empty when drawable, else the problem in words.
std::string drawing_problem(const Distribution& d) {
  if (!std::isfinite(d.a) || !std::isfinite(d.b) || !std::isfinite(d.c))
    return std::string("a ") + to_string(d.kind) +
           " with these values has parameters that are not finite numbers (an sd or mean too "
           "small or too large); use a plain number for no uncertainty";
  constexpr double kMinShape = 1e-6, kMaxShape = 1e8;
  auto shape_ok = [&](double x) { return x >= kMinShape && x <= kMaxShape; };
  if (d.kind == DistKind::beta && !(shape_ok(d.a) && shape_ok(d.b)))
    return "a beta's alpha and beta must lie between " + num(kMinShape) + " and " + num(kMaxShape) +
           " (got alpha " + num(d.a) + ", beta " + num(d.b) +
           "): its sd is too small or too large for its mean; use a plain number for no "
           "uncertainty";
  if (d.kind == DistKind::gamma && !shape_ok(d.a))
    return "a gamma's shape must lie between " + num(kMinShape) + " and " + num(kMaxShape) +
           " (got " + num(d.a) + "): its sd is too small or too large for its mean";
  if (d.kind == DistKind::lognormal && !(d.b <= 10))
    return "a lognormal's sdlog must be at most 10 (got " + num(d.b) +
           "): its sd is too large for its mean";
  if (d.kind != DistKind::fixed) {
    const double m = d.mean(), s = d.sd();
    if (!std::isfinite(m) || !std::isfinite(s))
      return "the distribution's mean or sd is not a finite number";
    if (m != 0 && !(std::fabs(m) >= 1e-100 && std::fabs(m) <= 1e100))
      return "the distribution's mean " + num(m) + " is outside 1e-100 to 1e100 in size";
    if (s < 1e-12 * std::fabs(m))
      return "the distribution's sd " + num(s) + " is less than 1e-12 x its mean " + num(m) +
             "; use a plain number for no uncertainty";
  }
  for (const double u : {1e-12, 0.5, 1 - 1e-12}) {
    double q = 0;
    try {
      q = d.quantile(u);
    } catch (const std::exception&) {  // Boost's overflow and evaluation errors
      q = std::numeric_limits<double>::quiet_NaN();
    }
    if (!std::isfinite(q))
      return std::string("a ") + to_string(d.kind) + " with these values cannot be drawn: its " +
             num(u) + " quantile is not a finite number";
    // A lognormal's draws are positive: one that underflows to 0 is no value it can take.
    if (d.kind == DistKind::lognormal && !(q >= std::numeric_limits<double>::min()))
      return "a lognormal with these values cannot be drawn: its " + num(u) +
             " quantile underflows to 0";
  }
  return {};
}

}  // namespace

std::string distribution_problem(const Distribution& d) {
  if (std::string problem = drawing_problem(d); !problem.empty()) return problem;
  const double low = d.support_low(), high = d.support_high();
  if (d.kind == DistKind::normal && d.b > 0 && !(d.a >= d.lo && d.a <= d.hi))
    return "the normal's mean " + num(d.a) + " lies outside the parameter's range [" + num(d.lo) +
           ", " + num(d.hi) + "]";
  if (low < d.lo || high > d.hi)
    return std::string("a ") + to_string(d.kind) + " takes values in [" + num(low) + ", " +
           num(high) + "], outside the parameter's range [" + num(d.lo) + ", " + num(d.hi) + "]" +
           (d.hi == 1 && d.kind != DistKind::beta ? " (use a beta for a probability)" : "");
  return {};
}

std::string describe_distribution(const Distribution& d) {
  if (d.kind == DistKind::fixed) return "fixed";
  return std::string(to_string(d.kind)) + ", 90 % range " + num(d.quantile(0.05)) + "-" +
         num(d.quantile(0.95));
}

// Pointers Scenario::uncertain may hold (the scenario layer creates them):
//   /profiles/<id>/<probability>          job_gain, job_loss, pay_rent_*, comply, exit,
//                                         employed_at_entry
//   /stages/<id>/multipliers/<p>, /services/<id>/effects/<p>
//   /stages/<id>/cost_per_month, /services/<id>/cost_per_case_month
//   /towns/<id>/stage_costs/<stage>, /towns/<id>/service_costs/<service>
//   /towns/<id>/arrivals/rate              (a constant rate, no schedule)
bool set_parameter(Scenario& s, const std::string& pointer, double value) {
  std::vector<std::string> tok;
  for (std::size_t i = 0; i < pointer.size();) {
    if (pointer[i] != '/') return false;
    const std::size_t j = pointer.find('/', i + 1);
    tok.push_back(pointer.substr(i + 1, j == std::string::npos ? j : j - i - 1));
    i = j == std::string::npos ? pointer.size() : j;
  }
  if (tok.size() < 3) return false;
  // The format's tables say which keys may carry a distribution (parameters.hpp).
  const std::string& section = tok[0];
  const bool nested = tok.size() == 4;
  const char* entity = section == "profiles"                                  ? "profile"
                       : section == "stages" && !nested                       ? "stage"
                       : section == "services" && !nested                     ? "service"
                       : section == "stages" || section == "services"         ? "multipliers"
                       : section == "towns" && nested && tok[2] == "arrivals" ? "arrivals"
                       : section == "towns"                                   ? "town"
                                                                              : nullptr;
  if (!entity || tok.size() > 4) return false;
  const std::string& key = section == "towns" && tok[2] != "arrivals" ? tok[2] : tok.back();
  const Field* row = scenario_entity(entity).find(key);
  if (!row || !row->may_vary) return false;
  static const char* kProbKeys[kProbCount] = {"job_gain", "job_loss", "pay_rent", "comply", "exit"};
  auto multiplier = [&](Multipliers& m, const std::string& key) {
    for (int k = 0; k < kProbCount; ++k)
      if (key == kProbKeys[k]) {
        m.factor[k] = value;
        return true;
      }
    return false;
  };
  if (tok[0] == "profiles" && tok.size() == 3) {
    // The row's member is the field (a profile's probabilities are all doubles).
    const auto field = std::any_cast<double Profile::*>(&row->member);
    if (!field) return false;
    for (Profile& p : s.profiles)
      if (p.id == tok[1]) {
        p.** field = value;
        return true;
      }
    return false;
  }
  if (tok[0] == "stages") {
    for (Stage& st : s.stages) {
      if (st.id != tok[1]) continue;
      if (const auto field = std::any_cast<double Stage::*>(&row->member); field && !nested) {
        st.** field = value;
        return true;
      }
      if (tok.size() == 4 && tok[2] == "multipliers") return multiplier(st.multipliers, tok[3]);
      return false;
    }
    return false;
  }
  if (tok[0] == "services") {
    for (Service& sv : s.services) {
      if (sv.id != tok[1]) continue;
      if (const auto field = std::any_cast<double Service::*>(&row->member); field && !nested) {
        sv.** field = value;
        return true;
      }
      if (tok.size() == 4 && tok[2] == "effects") return multiplier(sv.effects, tok[3]);
      return false;
    }
    return false;
  }
  if (tok[0] == "towns" && tok.size() == 4) {
    for (Town& t : s.towns) {
      if (t.id != tok[1]) continue;
      if (tok[2] == "arrivals" && tok[3] == "rate") {
        t.arrival_rate.initial = value;
        return true;
      }
      auto cost = [&](std::map<std::string, double>& m) {
        auto it = m.find(tok[3]);
        if (it == m.end()) return false;
        it->second = value;
        return true;
      };
      if (tok[2] == "stage_costs") return cost(t.stage_costs);
      if (tok[2] == "service_costs") return cost(t.service_costs);
      return false;
    }
  }
  return false;
}

}  // namespace prostup

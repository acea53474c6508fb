// SPDX-License-Identifier: Apache-2.0
#include "prostup/parameter_draw.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <stdexcept>

#include "prostup/model.hpp"

namespace prostup {

namespace {

// A stream domain of its own: households' streams are keyed by (seed, town, replication);
// parameter draws mix in this constant so the two never share a key.
constexpr std::uint64_t kParameterDomain = 0x5053412d44524157ULL;  // "PSA-DRAW"

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

double parameter_uniform(std::uint64_t seed, std::uint64_t set, const std::string& key) {
  const std::uint64_t k = mix(seed ^ mix(kParameterDomain));
  const std::uint64_t h = stable_hash(key);
  r123::Philox4x32 g;
  const r123::Philox4x32::key_type pk = {
      {static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k >> 32)}};
  const r123::Philox4x32::ctr_type c = {
      {static_cast<std::uint32_t>(set), static_cast<std::uint32_t>(set >> 32),
       static_cast<std::uint32_t>(h), static_cast<std::uint32_t>(h >> 32)}};
  const auto r = g(c, pk);
  // 53 random bits, strictly inside (0, 1).
  const std::uint64_t x = (static_cast<std::uint64_t>(r[0]) << 21) ^ (r[1] >> 11);
  return (static_cast<double>(x & ((1ULL << 53) - 1)) + 0.5) / 9007199254740992.0;
}

bool has_parameter_uncertainty(const Scenario& s) {
  if (!s.parameter_sample.empty()) return true;
  return std::any_of(s.uncertain.begin(), s.uncertain.end(),
                     [](const UncertainParameter& p) { return p.dist.kind != DistKind::fixed; });
}

Scenario draw_parameter_set(const Scenario& s, std::uint64_t seed, std::uint64_t set,
                            std::vector<std::pair<std::string, double>>* drawn) {
  Scenario out = s;
  if (drawn) drawn->clear();
  auto apply = [&](const std::string& pointer, double value) {
    if (!set_parameter(out, pointer, value))
      throw std::logic_error("draw_parameter_set: '" + pointer + "' names no parameter");
    if (drawn) drawn->emplace_back(pointer, value);
  };
  for (const UncertainParameter& p : s.uncertain) {
    const Distribution& d = p.dist;
    const double x = d.quantile(parameter_uniform(seed, set, draw_key(p)));
    apply(p.pointer, std::clamp(x, d.lo, d.hi));
  }
  const ParameterSample& ps = s.parameter_sample;
  if (!ps.empty()) {
    const double u = parameter_uniform(seed, set, "parameter_sample");
    const std::size_t row = std::min(
        ps.rows.size() - 1, static_cast<std::size_t>(u * static_cast<double>(ps.rows.size())));
    for (std::size_t i = 0; i < ps.pointers.size(); ++i) apply(ps.pointers[i], ps.rows[row][i]);
  }
  return out;
}

}  // namespace prostup

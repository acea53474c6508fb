// SPDX-License-Identifier: Apache-2.0
// What one more unit of a binding constraint is worth (prostup/marginal.hpp, docs/cohort.md).
#include "prostup/marginal.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>

#include "prostup/engine.hpp"
#include "prostup/statistics.hpp"

namespace prostup {

namespace {

constexpr std::int64_t kUnlimited = std::int64_t{1} << 40;  // model.cpp: outside = 2^50

using Candidate = BindingCandidate;

// A single-town model: the town's replications do not depend on the other towns.
CompiledModel only_town(const CompiledModel& m, int town) {
  CompiledModel one = m;
  one.towns = {m.towns[static_cast<std::size_t>(town)]};
  return one;
}

}  // namespace

// As binding_lines in cohort.cpp: the peak of expected demand less capacity where it exceeds
// it by more than half a household.
std::vector<BindingCandidate> binding_candidates(const CompiledModel& m, const CohortResult& r,
                                                 int town) {
  std::vector<Candidate> out;
  const CompiledTown& tw = m.towns[static_cast<std::size_t>(town)];
  const CohortTown& ct = r.towns[static_cast<std::size_t>(town)];
  auto scan = [&](bool service, int index, const std::string& what, auto demand, auto capacity) {
    double peak = -1;
    for (int t = 1; t <= m.months; ++t) {
      const double d = demand(t), c = capacity(t);
      if (d > c + 0.5) peak = std::max(peak, d - c);
    }
    if (peak > 0) out.push_back({town, index, service, peak, what});
  };
  for (int s = 0; s < m.n_stages(); ++s)
    if (!m.stages[s].outside && tw.capacity[s][0] < kUnlimited)
      scan(
          false, s, m.stages[s].label.in(m.language), [&](int t) { return ct.occupancy[s][t]; },
          [&](int t) { return static_cast<double>(tw.capacity[s][t]); });
  for (int v = 0; v < m.n_services(); ++v)
    if (tw.service_capacity[v] > 0)
      scan(
          true, v, m.services[v].label.in(m.language) + " (caseload)",
          [&](int t) { return ct.service_demand[v][t]; },
          [&](int) { return static_cast<double>(tw.service_capacity[v]); });
  std::stable_sort(out.begin(), out.end(),
                   [](const Candidate& a, const Candidate& b) { return a.excess > b.excess; });
  return out;
}

CompiledModel with_more(const CompiledModel& m, int town, bool service, int index, int units) {
  CompiledModel more = m;
  CompiledTown& tw = more.towns[static_cast<std::size_t>(town)];
  if (service)
    tw.service_capacity[static_cast<std::size_t>(index)] +=
        units * more.services[static_cast<std::size_t>(index)].caseload_per_worker;
  else
    for (auto& c : tw.capacity[static_cast<std::size_t>(index)]) c += units;
  return more;
}

int marginal_replications(const MarginalOptions& opt, int candidates) {
  long long r = std::max(2, opt.replications);
  if (opt.run_simulations > 0) r = std::min(r, opt.run_simulations / (1 + candidates));
  return r < std::max(2, opt.min_replications) ? 0 : static_cast<int>(r);
}

std::vector<MarginalValue> marginal_values(const CompiledModel& m, const CohortResult& exact,
                                           const MarginalOptions& opt) {
  std::vector<MarginalValue> out;
  // The town as it is and each candidate with one more unit: (1 + candidates) x R single-town
  // replications per town, each deterministic in (model, replication), so the result does
  // not depend on the thread count.
  std::vector<CompiledModel> models;  // per town: the town as it is, then its candidates
  std::vector<Candidate> cands;
  std::vector<int> base_of;        // per model: the index of its town's unchanged model
  std::vector<int> reps_of;        // per model: its town's paired replications
  std::vector<std::size_t> first;  // per model: its first replication's slot in `stabilized`
  std::size_t N = 0;
  for (int t = 0; t < static_cast<int>(m.towns.size()); ++t) {
    std::vector<Candidate> c = binding_candidates(m, exact, t);
    if (c.size() > static_cast<std::size_t>(opt.candidates))
      c.resize(static_cast<std::size_t>(opt.candidates));
    const int R = marginal_replications(opt, static_cast<int>(c.size()));
    if (c.empty() || R == 0) continue;
    const int base = static_cast<int>(models.size());
    models.push_back(only_town(m, t));
    base_of.push_back(base);
    cands.push_back({});  // placeholder for the unchanged model
    for (const Candidate& k : c) {
      models.push_back(with_more(models[static_cast<std::size_t>(base)], 0, k.service, k.index));
      base_of.push_back(base);
      cands.push_back(k);
    }
    for (std::size_t i = static_cast<std::size_t>(base); i < models.size(); ++i) {
      reps_of.push_back(R);
      first.push_back(N);
      N += static_cast<std::size_t>(R);
    }
  }
  if (models.empty()) return out;
  std::vector<double> stabilized(N, 0);
  auto work = [&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, N), [&](const auto& range) {
      for (std::size_t k = range.begin(); k != range.end(); ++k) {
        // The model whose slots hold k: the last one starting at or before it.
        const std::size_t i = static_cast<std::size_t>(
            std::upper_bound(first.begin(), first.end(), k) - first.begin() - 1);
        const int rep = static_cast<int>(k - first[i]);
        stabilized[k] = simulate(models[i], 0, rep).cohort(0, kStabilized);
      }
    });
  };
  if (opt.threads > 0) {
    tbb::task_arena arena(opt.threads);
    arena.execute(work);
  } else {
    work();
  }
  for (std::size_t i = 0; i < models.size(); ++i) {
    if (base_of[i] == static_cast<int>(i)) continue;
    const Candidate& k = cands[i];
    const std::size_t b = static_cast<std::size_t>(base_of[i]);
    const int R = reps_of[i];
    std::vector<double> d(static_cast<std::size_t>(R));
    for (int rep = 0; rep < R; ++rep)
      d[static_cast<std::size_t>(rep)] = stabilized[first[i] + static_cast<std::size_t>(rep)] -
                                         stabilized[first[b] + static_cast<std::size_t>(rep)];
    const Summary s = summarize(d);
    const CompiledTown& tw = m.towns[static_cast<std::size_t>(k.town)];
    MarginalValue v;
    v.town = tw.id;
    v.what = k.what;
    v.service = k.service;
    v.id = k.service ? m.services[static_cast<std::size_t>(k.index)].id
                     : m.stages[static_cast<std::size_t>(k.index)].id;
    v.excess = k.excess;
    v.units = 1;
    v.gain = s.mean;
    // Every paired difference equal (0 when the unit changes nothing): the interval is the
    // point.
    v.gain_low = s.sd == 0 ? s.mean : s.ci_low;
    v.gain_high = s.sd == 0 ? s.mean : s.ci_high;
    v.cost_per_month = k.service
                           ? tw.service_cost[static_cast<std::size_t>(k.index)] *
                                 m.services[static_cast<std::size_t>(k.index)].caseload_per_worker
                           : tw.stage_cost[static_cast<std::size_t>(k.index)];
    v.cost_horizon = v.cost_per_month * m.months;
    v.replications = R;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace prostup

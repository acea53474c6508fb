// SPDX-License-Identifier: Apache-2.0
// The deterministic merge (run_internal.hpp): every block's outcomes into the rows'
// accumulators in a fixed order (variant, replication, town, then all towns), so the results
// do not depend on the number of threads or MPI ranks.
#include <algorithm>
#include <stdexcept>

#include "run_internal.hpp"

namespace prostup::detail {

RunMerge::RunMerge(const RunShape& shape, const std::vector<MetricInfo>& metric_info,
                   const std::vector<std::vector<std::size_t>>& metric_slot)
    : s_(shape), metric_info_(metric_info), metric_slot_(metric_slot) {
  const std::vector<CompiledModel>& ms = *s_.models;
  const std::size_t K = s_.metrics, M1 = s_.months1, P = s_.profiles;
  const int rows_per_variant = s_.rows_per_variant();
  acc_.resize(static_cast<std::size_t>(s_.variants) * rows_per_variant);
  for (std::size_t ai = 0; ai < acc_.size(); ++ai) {
    RowAccumulator& a = acc_[ai];
    const CompiledModel& m = ms[ai / rows_per_variant];
    const std::size_t S = m.n_stages(), V = m.n_services();
    a.per_rep.assign(K, {});
    for (auto& v : a.per_rep) v.reserve(s_.reps);
    a.occupancy.assign(S * M1, {});
    a.waiting.assign(S * M1, {});
    a.in_service.assign(V * M1, {});
    a.cif.assign(M1, {});
    a.town_counts.assign(kTownSeries.size() * M1, {});
    a.promo.assign(S * S, 0);
    a.demo.assign(S * S, 0);
    a.expi.assign(S * S, 0);
    a.arrivals.assign(S, 0);
    a.exits.assign(S, 0);
    a.month_flows.assign((M1 - 1) * flow_layout(m).block(), 0);
    a.month_stock.assign(M1 * S, 0);
  }
  pacc_.resize(static_cast<std::size_t>(s_.variants) * rows_per_variant * P);
  for (std::size_t ai = 0; ai < pacc_.size(); ++ai) {
    RowAccumulator& a = pacc_[ai];
    const std::size_t S = ms[ai / (rows_per_variant * P)].n_stages();
    a.per_rep.assign(K, {});
    for (auto& v : a.per_rep) v.reserve(s_.reps);
    a.cif.assign(M1, {});
    if (s_.by_profile_series) {
      a.occupancy.assign(S * M1, {});
      a.waiting.assign(S * M1, {});
      if (P > 1) {  // one profile's account would repeat the row of all profiles
        const CompiledModel& m = ms[ai / (rows_per_variant * P)];
        a.month_flows.assign((M1 - 1) * flow_layout(m).block(), 0);
        a.month_stock.assign(M1 * S, 0);
      }
    }
  }
}

namespace {

// One replication's kTownSeries by month: roofless (the outside stages' occupancy together),
// then placements into housing, [k * (M+1) + month].
std::vector<double> town_counts(const CompiledModel& m, const ReplicationOutcome& o) {
  const std::size_t M1 = static_cast<std::size_t>(o.months) + 1;
  std::vector<double> c(kTownSeries.size() * M1, 0.0);
  for (int s = 0; s < m.n_stages(); ++s)
    if (m.stages[static_cast<std::size_t>(s)].outside)
      for (std::size_t t = 0; t < M1; ++t)
        c[t] += o.occupancy[static_cast<std::size_t>(s) * M1 + t];
  for (std::size_t t = 0; t < M1 && t < o.housing_placements.size(); ++t)
    c[M1 + t] = o.housing_placements[t];
  return c;
}

// Adds one replication's monthly moves and end-of-month stocks to a row's flow account (none
// where the row keeps no account).
void add_flow_account(RowAccumulator& a, const ReplicationOutcome& o) {
  if (a.month_flows.empty()) return;
  if (o.flows_by_month.size() != a.month_flows.size())
    throw std::logic_error("merge: a flow account of another shape");
  for (std::size_t k = 0; k < a.month_flows.size(); ++k) a.month_flows[k] += o.flows_by_month[k];
  const std::size_t M1 = static_cast<std::size_t>(o.months) + 1;
  const std::size_t S = a.month_stock.size() / M1;
  for (std::size_t t = 0; t < M1; ++t)
    for (std::size_t s = 0; s < S; ++s) a.month_stock[t * S + s] += o.occupancy[s * M1 + t];
}

}  // namespace

// PSA: a row's series take the mean of each parameter set's replications, so their
// interval is the spread over parameter sets (Welford::spread).
void RunMerge::merge_set_series(RowAccumulator& a, int v,
                                const std::vector<const ReplicationOutcome*>& os) {
  const CompiledModel& m = (*s_.models)[v];
  const std::size_t M1 = s_.months1;
  const double n = static_cast<double>(os.size());
  auto add_mean = [&](std::vector<Welford>& acc_series, auto field) {
    for (std::size_t k = 0; k < acc_series.size(); ++k) {
      double sum = 0;
      for (const ReplicationOutcome* o : os) sum += (o->*field)[k];
      acc_series[k].add(sum / n);
    }
  };
  add_mean(a.occupancy, &ReplicationOutcome::occupancy);
  add_mean(a.waiting, &ReplicationOutcome::waiting);
  add_mean(a.in_service, &ReplicationOutcome::in_service);
  std::vector<double> counts(a.town_counts.size(), 0.0);
  for (const ReplicationOutcome* o : os) {
    const auto c = town_counts(m, *o);
    for (std::size_t k = 0; k < counts.size() && k < c.size(); ++k) counts[k] += c[k];
  }
  for (std::size_t k = 0; k < counts.size(); ++k) a.town_counts[k].add(counts[k] / n);
  std::vector<double> cif(M1, 0);
  for (const ReplicationOutcome* o : os) {
    const auto c = cumulative_incidence(*o);
    for (std::size_t d = 0; d < M1; ++d) cif[d] += c[d];
  }
  for (std::size_t d = 0; d < M1; ++d) a.cif[d].add(cif[d] / n);
}

void RunMerge::merge_profiles(int v, int row, const ReplicationOutcome& o) {
  const std::size_t K = s_.metrics, P = s_.profiles;
  const int inner = s_.inner;
  for (std::size_t p = 0; p < P; ++p) {
    RowAccumulator& a = pacc_[(static_cast<std::size_t>(v) * s_.rows_per_variant() + row) * P + p];
    const ReplicationOutcome po = profile_outcome(o, static_cast<int>(p));
    const auto x = derive_metrics((*s_.models)[v], po);
    std::vector<double> values(K, kUndefined);
    for (std::size_t k = 0; k < x.size(); ++k)
      if (metric_info_[metric_slot_[v][k]].by_profile) values[metric_slot_[v][k]] = x[k];
    for (std::size_t k = 0; k < K; ++k) a.per_rep[k].push_back(values[k]);
    const auto cif = cumulative_incidence(po);
    add_flow_account(a, po);
    if (!s_.psa) {
      for (std::size_t k = 0; k < a.occupancy.size() && k < po.occupancy.size(); ++k)
        a.occupancy[k].add(po.occupancy[k]);
      for (std::size_t k = 0; k < a.waiting.size() && k < po.waiting.size(); ++k)
        a.waiting[k].add(po.waiting[k]);
      for (std::size_t d = 0; d < cif.size(); ++d) a.cif[d].add(cif[d]);
    } else {
      // As merge_set_series: the series of a parameter set's mean (replications of one row
      // come in order, whole sets per block).
      auto sum = [](std::vector<double>& to, const std::vector<double>& from) {
        to.resize(std::max(to.size(), from.size()), 0.0);
        for (std::size_t k = 0; k < from.size(); ++k) to[k] += from[k];
      };
      if (!a.occupancy.empty()) {  // --by-profile-series
        sum(a.set_occupancy, po.occupancy);
        sum(a.set_waiting, po.waiting);
      }
      sum(a.set_cif, cif);
      if (++a.set_reps == inner) {
        auto add_mean = [&](std::vector<Welford>& to, std::vector<double>& from) {
          for (std::size_t k = 0; k < to.size() && k < from.size(); ++k) to[k].add(from[k] / inner);
          std::fill(from.begin(), from.end(), 0.0);
        };
        add_mean(a.occupancy, a.set_occupancy);
        add_mean(a.waiting, a.set_waiting);
        add_mean(a.cif, a.set_cif);
        a.set_reps = 0;
      }
    }
    ++a.reps;
  }
}

void RunMerge::merge(RowAccumulator& a, int v, const ReplicationOutcome& o) {
  const CompiledModel& m = (*s_.models)[v];
  const std::size_t K = s_.metrics;
  const int S = m.n_stages();
  const auto x = derive_metrics(m, o);
  std::vector<double> row(K, kUndefined);
  // A cost line the model does not have (a payer or stage only a variant adds) costs it 0,
  // so the variant's paired difference is its whole cost, not undefined.
  for (std::size_t k = 0; k < K; ++k)
    if (metric_info_[k].name.rfind("cost:", 0) == 0 && metric_info_[k].cohort == "all") row[k] = 0;
  for (std::size_t k = 0; k < x.size(); ++k) row[metric_slot_[v][k]] = x[k];
  for (std::size_t k = 0; k < K; ++k) a.per_rep[k].push_back(row[k]);
  if (!s_.psa) {
    for (std::size_t k = 0; k < o.occupancy.size(); ++k) a.occupancy[k].add(o.occupancy[k]);
    for (std::size_t k = 0; k < o.waiting.size(); ++k) a.waiting[k].add(o.waiting[k]);
    for (std::size_t k = 0; k < o.in_service.size(); ++k) a.in_service[k].add(o.in_service[k]);
    const auto counts = town_counts(m, o);
    for (std::size_t k = 0; k < counts.size() && k < a.town_counts.size(); ++k)
      a.town_counts[k].add(counts[k]);
    auto cif = cumulative_incidence(o);
    for (std::size_t d = 0; d < cif.size(); ++d) a.cif[d].add(cif[d]);
  }
  for (std::size_t k = 0; k < o.promotion_flow.size(); ++k) {
    a.promo[k] += o.promotion_flow[k];
    a.demo[k] += o.demotion_flow[k];
    a.expi[k] += o.expiry_flow[k];
  }
  for (int s = 0; s < S; ++s) {
    a.arrivals[s] += o.arrivals_to[s];
    a.exits[s] += o.exits_from[s];
  }
  add_flow_account(a, o);
  ++a.reps;
}

void RunMerge::merge_block(const std::vector<ReplicationOutcome>& outs, int nb) {
  const int T = s_.towns, rows_per_variant = s_.rows_per_variant();
  const int nk = s_.psa ? nb / s_.inner : 0;  // whole parameter sets in the block
  for (int v = 0; v < s_.variants; ++v) {
    std::vector<ReplicationOutcome> stars(nb);  // all towns together, per replication
    for (int k = 0; k < nb; ++k) {
      ReplicationOutcome& star = stars[k];
      for (int town = 0; town < T; ++town) {
        const auto& o = outs[TaskPlan::slot(v, town, k, T, nb)];
        merge(acc_[static_cast<std::size_t>(v) * rows_per_variant + town], v, o);
        merge_profiles(v, town, o);
        star.add(o);
      }
      merge(acc_[static_cast<std::size_t>(v) * rows_per_variant + T], v, star);
      merge_profiles(v, T, star);
    }
    for (int j = 0; j < nk; ++j)
      for (int row = 0; row <= T; ++row) {
        std::vector<const ReplicationOutcome*> os;
        for (int i = 0; i < s_.inner; ++i) {
          const int k = j * s_.inner + i;
          os.push_back(row < T ? &outs[TaskPlan::slot(v, row, k, T, nb)] : &stars[k]);
        }
        merge_set_series(acc_[static_cast<std::size_t>(v) * rows_per_variant + row], v, os);
      }
  }
}

}  // namespace prostup::detail

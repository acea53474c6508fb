// The exact cohort model of docs/model.md's month with unlimited capacities and caseloads
// (docs/cohort.md). One sparse transition matrix per profile over the reduced state
// (stage, months in stage, streak, arrears, employed) plus an absorbing exit state.
#include "prostup/cohort.hpp"

#include <Eigen/Sparse>
#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <cstdio>

namespace prostup {

namespace {

struct Space {
  int S, capM, capK, capA;
  int size() const { return S * (capM + 1) * (capK + 1) * (capA + 1) * 2; }
  int index(int s, int m, int k, int a, int e) const {
    return ((((s * (capM + 1) + m) * (capK + 1) + k) * (capA + 1) + a) * 2) + e;
  }
};

// With unlimited caseloads every household in a stage a staffed service serves is engaged
// from the month's service step on, so the engagement mask is a function of the stage.
unsigned engaged_mask(const CompiledModel& m, const CompiledTown& tw, int stage) {
  unsigned mask = 0;
  for (int v = 0; v < m.n_services(); ++v)
    if (tw.service_capacity[v] > 0 && ((m.services[v].eligible_stage_mask >> stage) & 1u))
      mask |= 1u << v;
  return mask;
}

Space make_space(const CompiledModel& m, const CohortCaps& caps) {
  Space sp{m.n_stages(), 0, 0, 0};
  for (const auto& p : m.promotions) {
    sp.capM = std::max<int>(sp.capM, p.min_months_in_stage);
    sp.capK = std::max<int>(sp.capK, p.min_streak);
    if (p.max_arrears != 0xffff) sp.capA = std::max<int>(sp.capA, p.max_arrears + 1);
  }
  bool unbounded_arrears = false;
  for (const auto& s : m.stages) {
    sp.capM = std::max<int>(sp.capM, s.max_stay_months);
    if (s.pays_rent) {
      if (s.arrears_limit)
        sp.capA = std::max<int>(sp.capA, s.arrears_limit);
      else
        unbounded_arrears = true;
    }
  }
  // Arrears where rent is due without a limit can grow without bound and every value
  // matters for the way back down; 48 months is then the (documented) approximation.
  if (unbounded_arrears) sp.capA = std::max(sp.capA, 48);
  if (caps.months_in_stage) sp.capM = caps.months_in_stage;
  if (caps.streak) sp.capK = caps.streak;
  if (caps.arrears) sp.capA = caps.arrears;
  return sp;
}

// Builds the one-month transition for one profile in one town, as a column-stochastic
// map of expected counts (next = T * current); the last state is "exited" and absorbs.
Eigen::SparseMatrix<double> build(const CompiledModel& m, const CompiledTown& tw, int profile,
                                  const Space& sp) {
  const int n = sp.size(), exit_state = n;
  std::vector<Eigen::Triplet<double>> trip;
  std::vector<std::vector<int>> edges(sp.S);
  for (std::size_t e = 0; e < m.promotions.size(); ++e)
    edges[m.promotions[e].from].push_back(static_cast<int>(e));
  for (int s = 0; s < sp.S; ++s) {
    const CompiledStage& st = m.stages[s];
    const unsigned mask = engaged_mask(m, tw, s);
    int repay = 1;
    for (int v = 0; v < m.n_services(); ++v)
      if (mask & (1u << v)) repay += m.services[v].arrears_repayment;
    const double gain = m.probability(profile, s, mask, Prob::job_gain, false);
    const double loss = m.probability(profile, s, mask, Prob::job_loss, true);
    const double pay[2] = {m.probability(profile, s, mask, Prob::pay_rent, false),
                           m.probability(profile, s, mask, Prob::pay_rent, true)};
    const double comply = m.probability(profile, s, mask, Prob::comply, false);
    const double exit_p = m.probability(profile, s, mask, Prob::exit, false);
    for (int mi = 0; mi <= sp.capM; ++mi)
      for (int k = 0; k <= sp.capK; ++k)
        for (int a = 0; a <= sp.capA; ++a)
          for (int e = 0; e < 2; ++e) {
            const int from = sp.index(s, mi, k, a, e);
            for (int e2 = 0; e2 < 2; ++e2) {
              const double pe = e ? (e2 ? 1 - loss : loss) : (e2 ? gain : 1 - gain);
              if (pe == 0) continue;
              const double p_good = st.pays_rent ? pay[e2] : comply;
              for (int good = 0; good < 2; ++good) {
                const double pg = good ? p_good : 1 - p_good;
                if (pg == 0) continue;
                int k2 = good ? std::min(k + 1, sp.capK) : 0;
                int a2 =
                    good ? std::max(0, a - repay) : (st.pays_rent ? std::min(a + 1, sp.capA) : a);
                int cur = s, m2 = mi;
                if (st.arrears_limit && a2 >= st.arrears_limit) {
                  cur = st.on_arrears.front();
                  k2 = a2 = m2 = 0;
                } else if (st.max_stay_months && mi >= st.max_stay_months) {
                  cur = st.on_expiry.front();
                  k2 = a2 = m2 = 0;
                }
                int target = -1;
                for (int ei : edges[cur]) {
                  const CompiledPromotion& pr = m.promotions[ei];
                  if (m2 < pr.min_months_in_stage || k2 < pr.min_streak || a2 > pr.max_arrears ||
                      (pr.employment_required && !e2))
                    continue;
                  if (pr.service_required >= 0 && !((mask >> pr.service_required) & 1u)) continue;
                  target = pr.to;
                  break;
                }
                const double p = pe * pg;
                trip.emplace_back(exit_state, from, p * exit_p);
                const double stay = p * (1 - exit_p);
                if (stay == 0) continue;
                int to;
                if (target >= 0)
                  to = sp.index(target, 0, k2, a2, e2);
                else
                  to = sp.index(cur, std::min(m2 + 1, sp.capM), k2, a2, e2);
                trip.emplace_back(to, from, stay);
              }
            }
          }
  }
  trip.emplace_back(exit_state, exit_state, 1.0);
  Eigen::SparseMatrix<double> T(n + 1, n + 1);
  T.setFromTriplets(trip.begin(), trip.end());
  return T;
}

std::vector<int> initial_profile_counts(const CompiledModel& m, int n) {
  const int P = static_cast<int>(m.profiles.size());
  std::vector<int> count(P);
  std::vector<std::pair<double, int>> rem;
  int given = 0;
  for (int p = 0; p < P; ++p) {
    const double exact = n * m.profiles[p].share;
    count[p] = static_cast<int>(std::floor(exact));
    given += count[p];
    rem.push_back({-(exact - count[p]), p});
  }
  std::stable_sort(rem.begin(), rem.end());
  for (int k = 0; given < n; ++k, ++given) ++count[rem[k % P].second];
  return count;
}

}  // namespace

CohortResult cohort(const CompiledModel& m, const CohortCaps& caps) {
  CohortResult res;
  res.variant = m.variant;
  res.months = m.months;
  const Space sp = make_space(m, caps);
  res.states_per_profile = static_cast<std::size_t>(sp.size()) + 1;
  const int S = sp.S, P = static_cast<int>(m.profiles.size()), M = m.months, n = sp.size();
  std::vector<char> permanent(S);
  for (int s = 0; s < S; ++s) permanent[s] = m.stages[s].kind == StageKind::permanent;
  auto stage_of = [&](int idx) {
    return idx / ((sp.capM + 1) * (sp.capK + 1) * (sp.capA + 1) * 2);
  };

  for (const CompiledTown& tw : m.towns) {
    CohortTown ct;
    ct.town = tw.id;
    ct.occupancy.assign(S, std::vector<double>(M + 1, 0));
    ct.reached_lease.assign(M + 1, 0);
    const int entry = tw.entry.front();  // unlimited: the entry stage always has room
    std::vector<Eigen::SparseMatrix<double>> T(P);
    for (int p = 0; p < P; ++p) T[p] = build(m, tw, p, sp);

    // Full propagation (occupancy) and a copy where permanent stages absorb (reached).
    std::vector<Eigen::VectorXd> x(P, Eigen::VectorXd::Zero(n + 1)),
        y(P, Eigen::VectorXd::Zero(n + 1));
    double reached = 0;
    for (int s = 0; s < S; ++s) {
      const std::vector<int> c = initial_profile_counts(m, tw.initial[s]);
      for (int p = 0; p < P; ++p) {
        const double emp = static_cast<double>(m.profiles[p].employed_at_entry) / 4294967296.0;
        x[p][sp.index(s, 0, 0, 0, 0)] += c[p] * (1 - emp);
        x[p][sp.index(s, 0, 0, 0, 1)] += c[p] * emp;
        if (!permanent[s]) {
          y[p][sp.index(s, 0, 0, 0, 0)] += c[p] * (1 - emp);
          y[p][sp.index(s, 0, 0, 0, 1)] += c[p] * emp;
          ct.in_need_initial += c[p];
        }
      }
    }
    auto record = [&](int t) {
      for (int p = 0; p < P; ++p)
        for (int i = 0; i < n; ++i) ct.occupancy[stage_of(i)][t] += x[p][i];
      ct.reached_lease[t] = reached;
    };
    // Moves mass that sits in a permanent stage out of y (counted once as reached).
    auto absorb = [&]() {
      for (int p = 0; p < P; ++p)
        for (int i = 0; i < n; ++i)
          if (permanent[stage_of(i)] && y[p][i] != 0) {
            reached += y[p][i];
            y[p][i] = 0;
          }
    };
    absorb();
    record(0);
    for (int t = 1; t <= M; ++t) {
      const double rate = tw.arrival_rate[t];
      if (rate > 0)
        for (int p = 0; p < P; ++p) {
          const double emp = static_cast<double>(m.profiles[p].employed_at_entry) / 4294967296.0;
          const double a = rate * m.profiles[p].share;
          x[p][sp.index(entry, 0, 0, 0, 0)] += a * (1 - emp);
          x[p][sp.index(entry, 0, 0, 0, 1)] += a * emp;
          y[p][sp.index(entry, 0, 0, 0, 0)] += a * (1 - emp);
          y[p][sp.index(entry, 0, 0, 0, 1)] += a * emp;
        }
      absorb();
      double exited = 0, exited_need = 0;
      for (int p = 0; p < P; ++p) {
        const double before = x[p][n], before_y = y[p][n];
        x[p] = T[p] * x[p];
        y[p] = T[p] * y[p];
        exited += x[p][n] - before;
        exited_need += y[p][n] - before_y;
      }
      if (tw.replace_exits && exited > 0) {
        // Each exit is replaced at once by a household on the entry stage (profile by the
        // shares), which takes its first step next month.
        for (int p = 0; p < P; ++p) {
          const double emp = static_cast<double>(m.profiles[p].employed_at_entry) / 4294967296.0;
          const double a = exited * m.profiles[p].share;
          x[p][sp.index(entry, 0, 0, 0, 0)] += a * (1 - emp);
          x[p][sp.index(entry, 0, 0, 0, 1)] += a * emp;
          y[p][sp.index(entry, 0, 0, 0, 0)] += a * (1 - emp);
          y[p][sp.index(entry, 0, 0, 0, 1)] += a * emp;
        }
      }
      (void)exited_need;
      absorb();
      record(t);
    }

    // Absorption: P(reach a permanent stage) and E[steps | reached] from each entry stage.
    std::vector<int> transient_of(n, -1), states;
    for (int i = 0; i < n; ++i)
      if (!permanent[stage_of(i)]) {
        transient_of[i] = static_cast<int>(states.size());
        states.push_back(i);
      }
    const int nt = static_cast<int>(states.size());
    std::vector<int> entry_stages{entry};
    for (int s = 0; s < S; ++s)
      if (tw.initial[s] > 0 && !permanent[s] && s != entry) entry_stages.push_back(s);
    for (int p = 0; p < P && nt > 0; ++p) {
      std::vector<Eigen::Triplet<double>> trip;
      Eigen::VectorXd r = Eigen::VectorXd::Zero(nt);
      for (int c = 0; c < T[p].outerSize(); ++c) {
        if (c >= n || transient_of[c] < 0) continue;
        for (Eigen::SparseMatrix<double>::InnerIterator it(T[p], c); it; ++it) {
          const int to = static_cast<int>(it.row());
          if (to == n) continue;
          if (transient_of[to] >= 0)
            trip.emplace_back(transient_of[c], transient_of[to], -it.value());
          else
            r[transient_of[c]] += it.value();
        }
      }
      for (int i = 0; i < nt; ++i) trip.emplace_back(i, i, 1.0);
      Eigen::SparseMatrix<double> A(nt, nt);  // I - Q, rows = from
      A.setFromTriplets(trip.begin(), trip.end());
      Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
      lu.compute(A);
      if (lu.info() != Eigen::Success) continue;
      const Eigen::VectorXd h = lu.solve(r);  // P(absorbed in a permanent stage)
      const Eigen::VectorXd g = lu.solve(h);  // E[T 1{lease}]
      for (int s : entry_stages) {
        const double emp = static_cast<double>(m.profiles[p].employed_at_entry) / 4294967296.0;
        const int i0 = transient_of[sp.index(s, 0, 0, 0, 0)],
                  i1 = transient_of[sp.index(s, 0, 0, 0, 1)];
        const double ph = (1 - emp) * h[i0] + emp * h[i1];
        const double pg = (1 - emp) * g[i0] + emp * g[i1];
        ct.entries.push_back({m.profiles[p].id, m.stages[s].id, ph, ph > 0 ? pg / ph : NAN});
      }
    }

    // Bottlenecks: where expected demand exceeds the capacity.
    for (int s = 0; s < S; ++s) {
      if (m.stages[s].outside) continue;
      int first = -1;
      double peak = 0, cap_at_peak = 0;
      for (int t = 1; t <= M; ++t) {
        const double cap = static_cast<double>(tw.capacity[s][t]);
        if (ct.occupancy[s][t] > cap + 0.5) {
          if (first < 0) first = t;
          if (ct.occupancy[s][t] - cap > peak - cap_at_peak) {
            peak = ct.occupancy[s][t];
            cap_at_peak = cap;
          }
        }
      }
      if (first > 0) {
        char buf[256];
        std::snprintf(buf, sizeof buf, "%s: demand %.0f, capacity %.0f from month %d",
                      m.stages[s].label.c_str(), peak, cap_at_peak, first);
        ct.binding.push_back(buf);
      }
    }
    // Services: expected eligible households (all engaged when caseloads are unlimited)
    // against the town's caseload slots.
    for (int v = 0; v < m.n_services(); ++v) {
      const int slots = tw.service_capacity[v];
      if (slots <= 0) continue;
      int first = -1;
      double peak = 0;
      for (int t = 1; t <= M; ++t) {
        double demand = 0;
        for (int s = 0; s < S; ++s)
          if ((m.services[v].eligible_stage_mask >> s) & 1u) demand += ct.occupancy[s][t];
        ct.service_demand.resize(m.n_services());
        ct.service_demand[v].push_back(demand);
        if (demand > slots + 0.5) {
          if (first < 0) first = t;
          peak = std::max(peak, demand);
        }
      }
      if (first > 0) {
        char buf[256];
        std::snprintf(buf, sizeof buf, "%s: demand %.0f cases, caseload %d from month %d",
                      m.services[v].label.c_str(), peak, slots, first);
        ct.binding.push_back(buf);
      }
    }
    res.towns.push_back(std::move(ct));
  }
  return res;
}

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// The exact cohort model of docs/model.md's month with unlimited capacities and caseloads
// (docs/cohort.md). One sparse transition matrix per profile over the reduced state
// (stage, months in stage, streak, arrears, employed) plus an absorbing exit state.
#include "prostup/cohort.hpp"

#include <Eigen/Sparse>
#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

#include "prostup/number_text.hpp"

namespace prostup {

namespace {

// The state's last coordinate, `svc`, packs one counter per tracked service (mixed radix):
// 0 = not engaged, 1..E = months of the current engagement, E + 1 = an engagement completed.
struct Space {
  int S, capM, capK, capA;
  std::vector<int> tracked;  // services whose completion a criterion can depend on
  std::vector<int> radix;    // engagement_months + 2 per tracked service
  int D = 1;                 // product of radix
  int size() const { return S * (capM + 1) * (capK + 1) * (capA + 1) * 2 * D; }
  int index(int s, int m, int k, int a, int e, int svc = 0) const {
    return (((((s * (capM + 1) + m) * (capK + 1) + k) * (capA + 1) + a) * 2) + e) * D + svc;
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

// A service's completion matters only where a promotion requires it while the household is
// not engaged in it: an edge from a stage it does not serve, or from the first destination of
// an eviction or expiry out of such a stage (step 4d then still sees the old stage's services).
std::vector<int> tracked_services(const CompiledModel& m, const CompiledTown& tw) {
  std::vector<int> out;
  for (int v = 0; v < m.n_services(); ++v) {
    if (m.services[v].engagement_months <= 0 || tw.service_capacity[v] <= 0) continue;
    auto requires_v = [&](int stage) {
      for (const auto& p : m.promotions)
        if (p.from == stage && p.service_required == v) return true;
      return false;
    };
    bool needed = false;
    for (int s = 0; s < m.n_stages() && !needed; ++s) {
      if ((engaged_mask(m, tw, s) >> v) & 1u) continue;
      const CompiledStage& st = m.stages[s];
      needed = requires_v(s) || (st.arrears_limit && requires_v(st.on_arrears.front())) ||
               (st.max_stay_months && requires_v(st.on_expiry.front()));
    }
    if (needed) out.push_back(v);
  }
  return out;
}

Space make_space(const CompiledModel& m, const CompiledTown& tw, const CohortCaps& caps) {
  Space sp{m.n_stages(), 0, 0, 0, {}, {}, 1};
  sp.tracked = tracked_services(m, tw);
  for (int v : sp.tracked) {
    sp.radix.push_back(m.services[v].engagement_months + 2);
    sp.D *= sp.radix.back();
  }
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

// One profile's chain in one town over the states reachable from its seeds (where the
// initial population and arrivals start): most combinations of the capped counters never
// occur, so the chain is built by a breadth-first search rather than over the full box.
struct Chain {
  Eigen::SparseMatrix<double> T;  // column-stochastic: next = T * current; last = exited
  std::vector<int> stage;         // [compact state]
  std::vector<int> compact;       // [full index] -> compact state, -1 = unreachable
  int n = 0;                      // live states (the exit state is n)
  int at(int full) const { return compact[full]; }
};

Chain build(const CompiledModel& m, const CompiledTown& tw, int profile, const Space& sp,
            const std::vector<int>& seeds) {
  struct StageRules {
    unsigned mask;
    int repay;
    double gain, loss, pay[2], comply, exit_p;
  };
  std::vector<StageRules> rules(sp.S);
  for (int s = 0; s < sp.S; ++s) {
    StageRules& r = rules[s];
    r.mask = engaged_mask(m, tw, s);
    r.repay = 1;
    for (int v = 0; v < m.n_services(); ++v)
      if (r.mask & (1u << v)) r.repay += m.services[v].arrears_repayment;
    r.gain = m.probability(profile, s, r.mask, Prob::job_gain, false);
    r.loss = m.probability(profile, s, r.mask, Prob::job_loss, true);
    r.pay[0] = m.probability(profile, s, r.mask, Prob::pay_rent, false);
    r.pay[1] = m.probability(profile, s, r.mask, Prob::pay_rent, true);
    r.comply = m.probability(profile, s, r.mask, Prob::comply, false);
    r.exit_p = m.probability(profile, s, r.mask, Prob::exit, false);
  }
  std::vector<std::vector<int>> edges(sp.S);
  for (std::size_t e = 0; e < m.promotions.size(); ++e)
    edges[m.promotions[e].from].push_back(static_cast<int>(e));

  Chain ch;
  ch.compact.assign(sp.size(), -1);
  std::vector<int> order;  // full index of each compact state
  auto visit = [&](int full) {
    if (ch.compact[full] < 0) {
      ch.compact[full] = static_cast<int>(order.size());
      order.push_back(full);
    }
    return ch.compact[full];
  };
  for (int f : seeds) visit(f);
  struct Move {
    int from, to;  // compact from, full to (-1 = exit)
    double p;
  };
  std::vector<Move> moves;
  for (std::size_t q = 0; q < order.size(); ++q) {
    int rest = order[q];
    const int c = rest % sp.D;
    rest /= sp.D;
    const int e = rest % 2;
    rest /= 2;
    const int a = rest % (sp.capA + 1);
    rest /= sp.capA + 1;
    const int k = rest % (sp.capK + 1);
    rest /= sp.capK + 1;
    const int mi = rest % (sp.capM + 1);
    const int s = rest / (sp.capM + 1);
    const int from = static_cast<int>(q);
    const CompiledStage& st = m.stages[s];
    const StageRules& r = rules[s];
    // Step 3 on the tracked services: an engagement that has run its length completes (and,
    // caseload unlimited, restarts at once where the stage is served); else it goes on in a
    // served stage and is released elsewhere.
    int c2 = 0;
    unsigned done = 0;
    for (int j = static_cast<int>(sp.tracked.size()) - 1, place = 1; j >= 0;
         place *= sp.radix[j--]) {
      const int R = sp.radix[j], E = R - 2, v = sp.tracked[j];
      const int cv = (c / place) % R;
      const int nv = cv >= E ? E + 1 : (((r.mask >> v) & 1u) ? cv + 1 : 0);
      if (nv == E + 1) done |= 1u << v;
      c2 += nv * place;
    }
    for (int e2 = 0; e2 < 2; ++e2) {
      const double pe = e ? (e2 ? 1 - r.loss : r.loss) : (e2 ? r.gain : 1 - r.gain);
      if (pe == 0) continue;
      const double p_good = st.pays_rent ? r.pay[e2] : r.comply;
      for (int good = 0; good < 2; ++good) {
        const double pg = good ? p_good : 1 - p_good;
        if (pg == 0) continue;
        int k2 = good ? std::min(k + 1, sp.capK) : 0;
        int a2 = good ? std::max(0, a - r.repay) : (st.pays_rent ? std::min(a + 1, sp.capA) : a);
        int cur = s, m2 = mi;
        if (st.arrears_limit && a2 >= st.arrears_limit) {
          cur = st.on_arrears.front();  // unlimited: the first destination has room
          k2 = a2 = m2 = 0;
        } else if (st.max_stay_months && mi >= st.max_stay_months) {
          cur = st.on_expiry.front();
          k2 = a2 = m2 = 0;
        }
        // Step 4d sees the services engaged at step 3 (those of the month's first stage) and
        // applies to the highest target among the edges it meets.
        int target = -1;
        for (int ei : edges[cur]) {
          const CompiledPromotion& pr = m.promotions[ei];
          if (m2 < pr.min_months_in_stage || k2 < pr.min_streak || a2 > pr.max_arrears ||
              (pr.employment_required && !e2))
            continue;
          if (pr.service_required >= 0 && !(((r.mask | done) >> pr.service_required) & 1u))
            continue;
          target = std::max(target, static_cast<int>(pr.to));
        }
        const double p = pe * pg;
        if (p * r.exit_p > 0) moves.push_back({from, -1, p * r.exit_p});
        const double stay = p * (1 - r.exit_p);
        if (stay == 0) continue;
        // Unlimited: an application is placed in step 5 of the month it is made.
        const int to = target >= 0 ? sp.index(target, 0, k2, a2, e2, c2)
                                   : sp.index(cur, std::min(m2 + 1, sp.capM), k2, a2, e2, c2);
        visit(to);
        moves.push_back({from, to, stay});
      }
    }
  }
  ch.n = static_cast<int>(order.size());
  ch.stage.resize(ch.n);
  const int per_stage = sp.size() / sp.S;
  for (int i = 0; i < ch.n; ++i) ch.stage[i] = order[i] / per_stage;
  std::vector<Eigen::Triplet<double>> trip;
  trip.reserve(moves.size() + 1);
  for (const Move& mv : moves)
    trip.emplace_back(mv.to < 0 ? ch.n : ch.compact[mv.to], mv.from, mv.p);
  trip.emplace_back(ch.n, ch.n, 1.0);
  ch.T.resize(ch.n + 1, ch.n + 1);
  ch.T.setFromTriplets(trip.begin(), trip.end());
  return ch;
}

// A chain with its absorption solve: h = P(reach a permanent stage) and g = E[T 1{lease}]
// per transient (non-permanent) state, from a sparse LU of I - Q.
struct Solved {
  Chain ch;
  std::vector<int> transient_of;  // [compact state] -> transient index, -1 = permanent
  Eigen::VectorXd h, g;
  bool ok = true;
};

std::unique_ptr<Solved> solve(Chain c, const std::vector<char>& permanent) {
  auto out = std::make_unique<Solved>();
  const int n = c.n;
  out->transient_of.assign(n, -1);
  int nt = 0;
  for (int i = 0; i < n; ++i)
    if (!permanent[c.stage[i]]) out->transient_of[i] = nt++;
  const std::vector<int>& tr = out->transient_of;
  std::vector<Eigen::Triplet<double>> trip;
  Eigen::VectorXd r = Eigen::VectorXd::Zero(nt);
  for (int col = 0; col < n; ++col) {
    if (tr[col] < 0) continue;
    for (Eigen::SparseMatrix<double>::InnerIterator it(c.T, col); it; ++it) {
      const int to = static_cast<int>(it.row());
      if (to == n) continue;
      if (tr[to] >= 0)
        trip.emplace_back(tr[col], tr[to], -it.value());
      else
        r[tr[col]] += it.value();
    }
  }
  for (int i = 0; i < nt; ++i) trip.emplace_back(i, i, 1.0);
  if (nt > 0) {
    Eigen::SparseMatrix<double> A(nt, nt);  // I - Q, rows = from
    A.setFromTriplets(trip.begin(), trip.end());
    Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
    lu.compute(A);
    out->ok = lu.info() == Eigen::Success;
    if (out->ok) {
      out->h = lu.solve(r);
      out->g = lu.solve(out->h);
    }
  }
  out->ch = std::move(c);
  return out;
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

// Each stage or staffed service whose expected demand exceeds its capacity in some month:
// the peak demand, the capacity in that month and the first month it is exceeded.
std::vector<std::string> binding_lines(const CompiledModel& m, const CompiledTown& tw,
                                       const CohortTown& ct) {
  std::vector<std::string> out;
  auto scan = [&](const std::string& label, auto demand, auto capacity) {
    int first = -1;
    double peak = -1, cap_at_peak = 0;
    for (int t = 1; t <= m.months; ++t) {
      const double d = demand(t), c = capacity(t);
      if (d <= c + 0.5) continue;  // half a household: expected values, whole units
      if (first < 0) first = t;
      if (d > peak) {
        peak = d;
        cap_at_peak = c;
      }
    }
    if (first < 0) return;
    out.push_back(label + ": demand " + number_text::fixed(peak, 0) + ", capacity " +
                  number_text::fixed(cap_at_peak, 0) + " from month " + std::to_string(first));
  };
  for (int s = 0; s < m.n_stages(); ++s)
    if (!m.stages[s].outside)
      scan(
          m.stages[s].label.in(m.language), [&](int t) { return ct.occupancy[s][t]; },
          [&](int t) { return static_cast<double>(tw.capacity[s][t]); });
  for (int v = 0; v < m.n_services(); ++v)
    if (tw.service_capacity[v] > 0)
      scan(
          m.services[v].label.in(m.language) + " (caseload)",
          [&](int t) { return ct.service_demand[v][t]; },
          [&](int) { return static_cast<double>(tw.service_capacity[v]); });
  return out;
}

}  // namespace

std::vector<std::string> profile_summary(const CompiledModel& m, const CohortResult& r, int town) {
  std::vector<std::string> out;
  const CompiledTown& tw = m.towns.at(town);
  const CohortTown& ct = r.towns.at(town);
  for (std::size_t p = 0; p < m.profiles.size(); ++p) {
    const CompiledStage& entry = m.stages[tw.entry_by_profile[p].front()];
    for (const auto& e : ct.entries) {
      if (e.profile != m.profiles[p].id || e.stage != entry.id) continue;
      std::string buf;
      if (entry.kind == StageKind::permanent)
        buf = ": housed on entry (100 % reach a lease, after 0 months)";
      else if (e.p_reach_lease > 0)
        buf = ": " + number_text::fixed(100 * e.p_reach_lease, 1) + " % reach a lease, in " +
              number_text::fixed(e.expected_months_to_lease, 1) + " months on average if they do";
      else
        buf = ": none reach a lease";
      out.push_back(m.profiles[p].label.in(m.language) + ", entering " +
                    entry.label.in(m.language) + buf);
      break;
    }
  }
  return out;
}

std::vector<std::string> binding_constraints(const CompiledModel& m, const CohortResult& r,
                                             int town) {
  std::vector<std::string> out;
  for (const std::string& line : r.towns.at(town).binding)
    out.push_back(m.towns.at(town).label.in(m.language) + ": " + line);
  return out;
}

CohortResult cohort(const CompiledModel& m, const CohortCaps& caps) {
  CohortResult res;
  res.variant = m.variant;
  res.months = m.months;
  const int S = m.n_stages(), P = static_cast<int>(m.profiles.size()), M = m.months;
  std::vector<char> permanent(S);
  for (int s = 0; s < S; ++s) permanent[s] = m.stages[s].kind == StageKind::permanent;

  std::map<std::vector<unsigned>, std::unique_ptr<Solved>> cache;
  for (std::size_t ti = 0; ti < m.towns.size(); ++ti) {
    const CompiledTown& tw = m.towns[ti];
    // The ladder the town runs: the common one, or its own (towns.<id>.rules).
    const CompiledModel& lm = m.rules_of(static_cast<int>(ti));
    // Which services' completion must be tracked depends on the town's staffing.
    const Space sp = make_space(lm, tw, caps);
    CohortTown ct;
    ct.town = tw.id;
    ct.occupancy.assign(S, std::vector<double>(M + 1, 0));
    ct.reached_lease.assign(M + 1, 0);
    ct.service_demand.assign(m.n_services(), std::vector<double>(M + 1, 0));
    // Unlimited: the entry stage always has room. Each profile has its own (by default the
    // town's).
    std::vector<int> entry(P);
    for (int p = 0; p < P; ++p) entry[p] = tw.entry_by_profile[p].front();
    // Seeds on every stage, so that a chain depends on the town only through which services
    // it staffs: towns with the same staffing pattern share one chain and one solve.
    std::vector<int> seeds;
    for (int s = 0; s < S; ++s)
      for (int e = 0; e < 2; ++e) seeds.push_back(sp.index(s, 0, 0, 0, e));
    std::vector<const Solved*> solved(P);
    for (int p = 0; p < P; ++p) {
      std::vector<unsigned> key{static_cast<unsigned>(p)};
      for (int s = 0; s < S; ++s) key.push_back(engaged_mask(lm, tw, s));
      for (int v : sp.tracked) key.push_back(1000u + static_cast<unsigned>(v));
      // A town with its own rules shares its chains with no other town.
      if (&lm != &m) key.push_back(0x10000u + static_cast<unsigned>(ti));
      auto& slot = cache[key];
      if (!slot) slot = solve(build(lm, tw, p, sp, seeds), permanent);
      solved[p] = slot.get();
      res.states_per_profile =
          std::max(res.states_per_profile, static_cast<std::size_t>(slot->ch.n) + 1);
    }
    std::vector<const Chain*> chp(P);
    for (int p = 0; p < P; ++p) chp[p] = &solved[p]->ch;
    auto ch = [&](int p) -> const Chain& { return *chp[p]; };
    auto employed_share = [&](int p) {
      return static_cast<double>(m.profiles[p].employed_at_entry) / 4294967296.0;
    };
    // Adds `count` households of profile p on stage s with all counters 0.
    auto put = [&](Eigen::VectorXd& v, int p, int s, double count) {
      const double emp = employed_share(p);
      v[ch(p).at(sp.index(s, 0, 0, 0, 0))] += count * (1 - emp);
      v[ch(p).at(sp.index(s, 0, 0, 0, 1))] += count * emp;
    };

    // Full propagation (occupancy) and a copy where permanent stages absorb (reached).
    std::vector<Eigen::VectorXd> x(P), y(P);
    for (int p = 0; p < P; ++p) {
      x[p] = Eigen::VectorXd::Zero(ch(p).n + 1);
      y[p] = Eigen::VectorXd::Zero(ch(p).n + 1);
    }
    double reached = 0;
    for (int s = 0; s < S; ++s) {
      const std::vector<int> c = initial_profile_counts(m, tw.initial[s]);
      // Cohorts placed elsewhere at month 0 (start_stage): the expected households of each
      // profile they move, as the engine chooses them (counted cohorts take disjoint draws,
      // in proportion to the profiles not yet taken; the first placement wins).
      std::vector<double> stay(c.begin(), c.end()), free(c.begin(), c.end());
      std::vector<std::pair<int, std::vector<double>>> moved;
      for (const CompiledCohort& co : m.cohorts) {
        if (co.initial_stage != s) continue;
        std::vector<double> take(P, 0.0);
        if (co.count > 0) {
          double pool = 0;
          for (int p = 0; p < P; ++p)
            if (co.profile < 0 || co.profile == p) pool += free[p];
          const double n = std::min<double>(co.count, pool);
          for (int p = 0; p < P; ++p)
            if (pool > 0 && (co.profile < 0 || co.profile == p)) take[p] = n * free[p] / pool;
          for (int p = 0; p < P; ++p) free[p] -= take[p];
        }
        if (co.start_stage < 0 || co.start_stage == s) continue;
        std::vector<double> move(P, 0.0);
        for (int p = 0; p < P; ++p) {
          if (co.profile >= 0 && co.profile != p) continue;
          move[p] = std::min(stay[p], co.count > 0 ? take[p] : stay[p]);
          stay[p] -= move[p];
        }
        moved.push_back({co.start_stage, std::move(move)});
      }
      for (int p = 0; p < P; ++p) {
        put(x[p], p, s, stay[p]);
        if (!permanent[s]) {
          put(y[p], p, s, stay[p]);
          ct.in_need_initial += c[p];
        }
      }
      for (const auto& [to, move] : moved)
        for (int p = 0; p < P; ++p) {
          put(x[p], p, to, move[p]);
          put(y[p], p, to, move[p]);
        }
    }
    auto record = [&](int t) {
      for (int p = 0; p < P; ++p)
        for (int i = 0; i < ch(p).n; ++i) ct.occupancy[ch(p).stage[i]][t] += x[p][i];
      ct.reached_lease[t] = reached;
    };
    // Moves mass that sits in a permanent stage out of y (counted once as reached).
    auto absorb = [&]() {
      for (int p = 0; p < P; ++p)
        for (int i = 0; i < ch(p).n; ++i)
          if (permanent[ch(p).stage[i]] && y[p][i] != 0) {
            reached += y[p][i];
            y[p][i] = 0;
          }
    };
    absorb();
    record(0);
    std::vector<double> at_step3(S);
    for (int t = 1; t <= M; ++t) {
      const double rate = tw.arrival_rate[t];
      if (rate > 0)
        for (int p = 0; p < P; ++p) {
          put(x[p], p, entry[p], rate * m.profiles[p].share);
          put(y[p], p, entry[p], rate * m.profiles[p].share);
        }
      absorb();
      // Service demand: households in a served stage at the service step (step 3).
      std::fill(at_step3.begin(), at_step3.end(), 0.0);
      for (int p = 0; p < P; ++p)
        for (int i = 0; i < ch(p).n; ++i) at_step3[ch(p).stage[i]] += x[p][i];
      for (int v = 0; v < m.n_services(); ++v)
        for (int s = 0; s < S; ++s)
          if ((lm.services[v].eligible_stage_mask >> s) & 1u)
            ct.service_demand[v][t] += at_step3[s];
      double exited = 0;
      for (int p = 0; p < P; ++p) {
        const int n = ch(p).n;
        const double before = x[p][n];
        x[p] = ch(p).T * x[p];
        y[p] = ch(p).T * y[p];
        exited += x[p][n] - before;
      }
      if (tw.replace_exits && exited > 0) {
        // Each exit is replaced at once by a household on the entry stage (profile by the
        // shares), which takes its first step next month.
        for (int p = 0; p < P; ++p) {
          put(x[p], p, entry[p], exited * m.profiles[p].share);
          put(y[p], p, entry[p], exited * m.profiles[p].share);
        }
      }
      absorb();
      record(t);
    }

    // P(reach a permanent stage) and E[steps | reached] from each entry stage.
    for (int p = 0; p < P; ++p) {
      const Solved& sv = *solved[p];
      if (!sv.ok) continue;
      std::vector<int> entry_stages{entry[p]};
      for (int s = 0; s < S; ++s)
        if (tw.initial[s] > 0 && !permanent[s] && s != entry[p]) entry_stages.push_back(s);
      for (int s : entry_stages) {
        if (permanent[s]) {  // Housing First: housed on entry, after 0 months
          ct.entries.push_back({m.profiles[p].id, m.stages[s].id, 1.0, 0.0});
          continue;
        }
        const double emp = employed_share(p);
        const int i0 = sv.transient_of[sv.ch.at(sp.index(s, 0, 0, 0, 0))],
                  i1 = sv.transient_of[sv.ch.at(sp.index(s, 0, 0, 0, 1))];
        const double ph = (1 - emp) * sv.h[i0] + emp * sv.h[i1];
        const double pg = (1 - emp) * sv.g[i0] + emp * sv.g[i1];
        ct.entries.push_back({m.profiles[p].id, m.stages[s].id, ph, ph > 0 ? pg / ph : NAN});
      }
    }

    ct.binding = binding_lines(lm, tw, ct);
    res.towns.push_back(std::move(ct));
  }
  return res;
}

}  // namespace prostup

// The simulation core: one town, one replication of docs/model.md's month.
//
// Households live in structure-of-arrays; the per-household loop (step 4) reads one
// threshold row indexed by (profile, stage, service mask), does integer compares and
// buffers applications, so it neither allocates nor calls through pointers.
#include "prostup/engine.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace prostup {

namespace {

thread_local std::uint64_t g_household_months = 0;

// Purposes: the third counter word, so each use of randomness has its own stream.
enum Purpose : std::uint32_t {
  kBehaviour = 0,   // lanes: employment, rent/compliance, exit
  kAttributes = 1,  // lanes: profile, employed at entry
  kArrivals = 2,    // counter (month, chunk): Poisson arrival counts
};

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Stream {
  r123::Philox4x32::key_type key;
  Stream(std::uint64_t seed, std::uint64_t town_key, int replication) {
    std::uint64_t h = splitmix64(
        seed ^ splitmix64(town_key ^ splitmix64(static_cast<std::uint64_t>(replication) + 1)));
    key = {{static_cast<std::uint32_t>(h), static_cast<std::uint32_t>(h >> 32)}};
  }
  r123::Philox4x32::ctr_type draw(std::uint32_t a, std::uint32_t b, std::uint32_t purpose) const {
    r123::Philox4x32 g;
    r123::Philox4x32::ctr_type c = {{a, b, purpose, 0}};
    return g(c, key);
  }
};

double unit_double(std::uint32_t hi, std::uint32_t lo) {
  // 53 random bits in (0, 1).
  std::uint64_t x = (static_cast<std::uint64_t>(hi) << 21) ^ (lo >> 11);
  return (static_cast<double>(x & ((1ULL << 53) - 1)) + 0.5) / 9007199254740992.0;
}

// Poisson(rate) by inversion in chunks of at most 200 so e^-rate never underflows.
std::int64_t poisson_arrivals(const Stream& st, int month, double rate) {
  std::int64_t total = 0;
  std::uint32_t chunk = 0;
  while (rate > 0) {
    double lam = std::min(rate, 200.0);
    rate -= lam;
    auto r = st.draw(static_cast<std::uint32_t>(month), chunk++, kArrivals);
    double u = unit_double(r[0], r[1]);
    double p = std::exp(-lam), cdf = p;
    std::int64_t k = 0;
    while (u > cdf && k < 100000) {
      ++k;
      p *= lam / static_cast<double>(k);
      cdf += p;
      if (p == 0 && cdf < u) break;  // numerical tail: stop
    }
    total += k;
  }
  return total;
}

constexpr std::uint8_t kNone = kNoStage;

struct Applicant {
  std::uint32_t slot;
  std::uint32_t seq;
};

class HouseholdSim {
 public:
  HouseholdSim(const CompiledModel& m, int town, int replication, const SimulateOptions& opt)
      : m_(m),
        tw_(m.towns.at(town)),
        st_(m.seed, tw_.stream_key, replication),
        S_(m.n_stages()),
        V_(m.n_services()),
        M_(opt.months > 0 ? std::min(opt.months, m.months) : m.months),
        opt_(opt) {}

  ReplicationOutcome run();

 private:
  const CompiledModel& m_;
  const CompiledTown& tw_;
  Stream st_;
  int S_, V_, M_;
  SimulateOptions opt_;

  // Households, structure of arrays.
  std::vector<std::uint8_t> profile_, stage_, employed_, app_target_, svc_mask_, svc_done_;
  std::vector<std::uint8_t> reached_, stabilized_;
  std::vector<std::uint16_t> streak_, arrears_, mis_, perm_run_;
  std::vector<std::uint32_t> app_seq_;
  std::vector<std::int32_t> app_month_, entry_month_, active_from_;
  std::vector<std::int32_t> svc_until_, svc_wait_since_;  // [service * capacity + slot]
  std::size_t n_ = 0;                                     // slots in use

  std::vector<std::int64_t> occ_, cap_;
  std::vector<std::int64_t> pending_;  // valid applications per target stage
  std::vector<std::vector<Applicant>> lists_;
  std::vector<std::size_t> list_head_;
  std::vector<std::int64_t> engaged_;  // per service
  std::uint32_t next_seq_ = 0;
  std::vector<std::uint32_t> app_buffer_;
  std::vector<std::array<std::uint32_t, 4>> draws_;
  std::vector<std::uint32_t> scratch_;
  std::vector<std::uint8_t> is_permanent_;
  std::vector<std::vector<int>> edges_from_;  // promotion indices by from-stage
  std::vector<std::uint64_t> profile_cut_;    // cumulative share thresholds
  std::int64_t alive_ = 0, exited_total_ = 0, entered_total_ = 0;

  ReplicationOutcome out_;

  void reserve_slots(std::size_t n);
  std::uint32_t new_slot();
  void init_household(std::uint32_t i, int month, int active_from, int profile, bool employed);
  int first_free(const std::vector<std::uint8_t>& list) const;
  void enter_stage(std::uint32_t i, int stage, int month);
  void withdraw(std::uint32_t i);
  int pick_profile(std::uint32_t u) const;
  void populate_initial();
  void arrivals(int t);
  void services(int t);
  void households(int t);
  void placements(int t);
  void account(int t);
  bool valid(const Applicant& a, int target) const {
    return app_target_[a.slot] == target && app_seq_[a.slot] == a.seq;
  }
};

void HouseholdSim::reserve_slots(std::size_t n) {
  profile_.resize(n);
  stage_.resize(n, kNone);
  employed_.resize(n);
  app_target_.resize(n, kNone);
  svc_mask_.resize(n);
  svc_done_.resize(n);
  reached_.resize(n);
  stabilized_.resize(n);
  streak_.resize(n);
  arrears_.resize(n);
  mis_.resize(n);
  perm_run_.resize(n);
  app_seq_.resize(n);
  app_month_.resize(n);
  entry_month_.resize(n);
  active_from_.resize(n);
  draws_.resize(n);
  app_buffer_.resize(n);
  // Per-service arrays are laid out service-major; re-lay them when growing.
  std::vector<std::int32_t> until(V_ * n, 0), wait(V_ * n, -1);
  std::size_t old = V_ ? svc_until_.size() / V_ : 0;
  for (int v = 0; v < V_; ++v)
    for (std::size_t i = 0; i < old; ++i) {
      until[v * n + i] = svc_until_[v * old + i];
      wait[v * n + i] = svc_wait_since_[v * old + i];
    }
  svc_until_.swap(until);
  svc_wait_since_.swap(wait);
}

std::uint32_t HouseholdSim::new_slot() {
  if (n_ == profile_.size()) reserve_slots(std::max<std::size_t>(64, profile_.size() * 2));
  return static_cast<std::uint32_t>(n_++);
}

int HouseholdSim::pick_profile(std::uint32_t u) const {
  for (std::size_t p = 0; p + 1 < profile_cut_.size(); ++p)
    if (u < profile_cut_[p]) return static_cast<int>(p);
  return static_cast<int>(profile_cut_.size()) - 1;
}

void HouseholdSim::init_household(std::uint32_t i, int month, int active_from, int profile,
                                  bool employed) {
  profile_[i] = static_cast<std::uint8_t>(profile);
  employed_[i] = employed;
  app_target_[i] = kNone;
  svc_mask_[i] = 0;
  svc_done_[i] = 0;
  reached_[i] = 0;
  stabilized_[i] = 0;
  streak_[i] = arrears_[i] = mis_[i] = perm_run_[i] = 0;
  entry_month_[i] = month;
  active_from_[i] = active_from;
  const std::size_t cap = profile_.size();
  for (int v = 0; v < V_; ++v) {
    svc_until_[v * cap + i] = 0;
    svc_wait_since_[v * cap + i] = -1;
  }
  ++alive_;
  ++entered_total_;
  out_.households_seen += 1;
}

int HouseholdSim::first_free(const std::vector<std::uint8_t>& list) const {
  for (std::uint8_t s : list)
    if (occ_[s] < cap_[s]) return s;
  // Validation guarantees every list ends in an outside stage, which always has room.
  throw std::logic_error("engine: destination list without an outside stage");
}

void HouseholdSim::enter_stage(std::uint32_t i, int s, int month) {
  stage_[i] = static_cast<std::uint8_t>(s);
  ++occ_[s];
  if (is_permanent_[s] && !reached_[i]) {
    reached_[i] = 1;
    out_.reached_lease += 1;
    out_.lease_at[std::min(M_, month - entry_month_[i])] += 1;
  }
}

void HouseholdSim::withdraw(std::uint32_t i) {
  if (app_target_[i] != kNone) {
    --pending_[app_target_[i]];
    app_target_[i] = kNone;
  }
}

void HouseholdSim::populate_initial() {
  // Profiles in blocks per stage, counts by largest remainder of the shares.
  const int P = static_cast<int>(m_.profiles.size());
  for (int s = 0; s < S_; ++s) {
    const int n = tw_.initial[s];
    if (n == 0) continue;
    std::vector<int> count(P);
    std::vector<std::pair<double, int>> rem;
    int given = 0;
    for (int p = 0; p < P; ++p) {
      double exact = n * m_.profiles[p].share;
      count[p] = static_cast<int>(std::floor(exact));
      given += count[p];
      rem.push_back({-(exact - count[p]), p});
    }
    std::stable_sort(rem.begin(), rem.end());
    for (int k = 0; given < n; ++k, ++given) ++count[rem[k % P].second];
    for (int p = 0; p < P; ++p)
      for (int k = 0; k < count[p]; ++k) {
        std::uint32_t i = new_slot();
        auto r = st_.draw(i, 0, kAttributes);
        init_household(i, 0, 1, p, r[1] < m_.profiles[p].employed_at_entry);
        if (is_permanent_[s]) {
          // Already housed at the start: not a household the ladder has to move, so it is
          // left out of the lease and stabilisation outcomes (see docs/model.md).
          reached_[i] = 1;
          stabilized_[i] = 1;
          stage_[i] = static_cast<std::uint8_t>(s);
          ++occ_[s];
          out_.housed_at_start += 1;
        } else {
          enter_stage(i, s, 0);
        }
        out_.arrivals_to[s] += 0;  // the initial population is not an arrival
      }
  }
}

void HouseholdSim::arrivals(int t) {
  const std::int64_t n = poisson_arrivals(st_, t, tw_.arrival_rate[t]);
  for (std::int64_t k = 0; k < n; ++k) {
    std::uint32_t i = new_slot();
    auto r = st_.draw(i, static_cast<std::uint32_t>(t), kAttributes);
    int p = pick_profile(r[0]);
    init_household(i, t, t, p, r[1] < m_.profiles[p].employed_at_entry);
    int s = first_free(tw_.entry);
    if (s != tw_.entry[0]) out_.entry_fallbacks += 1;
    enter_stage(i, s, t);
    out_.arrivals += 1;
    out_.arrivals_to[s] += 1;
  }
}

void HouseholdSim::services(int t) {
  const std::size_t cap = profile_.size();
  for (int v = 0; v < V_; ++v) {
    const CompiledService& sv = m_.services[v];
    const std::uint8_t bit = static_cast<std::uint8_t>(1u << v);
    std::int32_t* until = &svc_until_[v * cap];
    std::int32_t* wait = &svc_wait_since_[v * cap];
    scratch_.clear();
    for (std::size_t i = 0; i < n_; ++i) {
      if (stage_[i] == kNone) continue;
      const bool eligible = (sv.eligible_stage_mask >> stage_[i]) & 1u;
      if (svc_mask_[i] & bit) {
        if (sv.engagement_months > 0 && t >= until[i]) {
          svc_mask_[i] &= static_cast<std::uint8_t>(~bit);
          svc_done_[i] |= bit;
          --engaged_[v];
        } else if (!eligible) {
          svc_mask_[i] &= static_cast<std::uint8_t>(~bit);
          --engaged_[v];
        }
      }
      if (svc_mask_[i] & bit) continue;
      if (!eligible) {
        wait[i] = -1;
        continue;
      }
      if (wait[i] < 0) wait[i] = t;
      scratch_.push_back(static_cast<std::uint32_t>(i));
    }
    std::int64_t free = tw_.service_capacity[v] - engaged_[v];
    if (free > 0 && !scratch_.empty()) {
      auto before = [&](std::uint32_t a, std::uint32_t b) {
        switch (sv.priority) {
          case ServicePriority::highest_arrears:
            if (arrears_[a] != arrears_[b]) return arrears_[a] > arrears_[b];
            break;
          case ServicePriority::families_first: {
            bool fa = m_.profiles[profile_[a]].children > 0;
            bool fb = m_.profiles[profile_[b]].children > 0;
            if (fa != fb) return fa;
            break;
          }
          case ServicePriority::fifo:
            break;
        }
        if (wait[a] != wait[b]) return wait[a] < wait[b];
        return a < b;
      };
      std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(free), scratch_.size());
      std::partial_sort(scratch_.begin(), scratch_.begin() + take, scratch_.end(), before);
      for (std::size_t k = 0; k < take; ++k) {
        std::uint32_t i = scratch_[k];
        svc_mask_[i] |= bit;
        until[i] = t + sv.engagement_months;
        wait[i] = -1;
        ++engaged_[v];
      }
      out_.service_waiting_sum[v] += static_cast<double>(scratch_.size() - take);
    } else if (tw_.service_capacity[v] > 0) {
      // A town without staff for the service does not offer it: nobody waits for it.
      out_.service_waiting_sum[v] += static_cast<double>(scratch_.size());
    }
    out_.service_case_months[v] += static_cast<double>(engaged_[v]);
    out_.service_cost[v] += static_cast<double>(engaged_[v]) * tw_.service_cost[v];
  }
}

void HouseholdSim::households(int t) {
  // Draws for the month first, in a batched loop, then the branchy household loop.
  const std::uint32_t month = static_cast<std::uint32_t>(t);
  {
    r123::Philox4x32 g;
    for (std::size_t i = 0; i < n_; ++i) {
      r123::Philox4x32::ctr_type c = {{static_cast<std::uint32_t>(i), month, kBehaviour, 0}};
      auto r = g(c, st_.key);
      draws_[i] = {r[0], r[1], r[2], r[3]};
    }
  }
  const std::size_t cap = profile_.size();
  std::size_t n_apps = 0;
  std::uint64_t hm = 0;
  const int V = V_;
  for (std::size_t idx = 0; idx < n_; ++idx) {
    const std::uint32_t i = static_cast<std::uint32_t>(idx);
    const int s = stage_[i];
    if (s == kNone || active_from_[i] > t) continue;
    ++hm;
    const Thresholds& th = m_.threshold(profile_[i], s, svc_mask_[i]);
    const CompiledStage& stg = m_.stages[s];
    const auto& r = draws_[i];
    // a. employment
    if (employed_[i])
      employed_[i] = !(r[0] < th.job_loss);
    else
      employed_[i] = r[0] < th.job_gain;
    // b. a good or bad month
    const bool good = stg.pays_rent ? r[1] < (employed_[i] ? th.pay_employed : th.pay_unemployed)
                                    : r[1] < th.comply;
    if (good) {
      if (streak_[i] < 0xffff) ++streak_[i];
      int repay = 1;
      if (svc_mask_[i])
        for (int v = 0; v < V; ++v)
          if (svc_mask_[i] & (1u << v)) repay += m_.services[v].arrears_repayment;
      arrears_[i] = static_cast<std::uint16_t>(std::max(0, arrears_[i] - repay));
    } else {
      streak_[i] = 0;
      if (stg.pays_rent && arrears_[i] < 0xffff) ++arrears_[i];
    }
    // c. eviction on arrears, else expiry of the maximum stay
    int moved_kind = 0;  // 1 demotion, 2 expiry
    if (stg.arrears_limit && arrears_[i] >= stg.arrears_limit)
      moved_kind = 1;
    else if (stg.max_stay_months && mis_[i] >= stg.max_stay_months)
      moved_kind = 2;
    if (moved_kind) {
      const int d = first_free(moved_kind == 1 ? stg.on_arrears : stg.on_expiry);
      --occ_[s];
      enter_stage(i, d, t);
      const std::size_t f = static_cast<std::size_t>(s) * S_ + d;
      if (moved_kind == 1) {
        out_.evictions += 1;
        out_.demotion_flow[f] += 1;
      } else {
        out_.expiries += 1;
        out_.expiry_flow[f] += 1;
      }
      out_.demotions += 1;
      if (m_.stages[d].outside && !stg.outside) out_.returns_to_street += 1;
      arrears_[i] = streak_[i] = mis_[i] = 0;
      withdraw(i);
    }
    const int cur = stage_[i];
    // d. application: first matching edge in scenario order
    if (app_target_[i] == kNone) {
      for (int e : edges_from_[cur]) {
        const CompiledPromotion& pr = m_.promotions[e];
        if (mis_[i] < pr.min_months_in_stage || streak_[i] < pr.min_streak ||
            arrears_[i] > pr.max_arrears || (pr.employment_required && !employed_[i]))
          continue;
        if (pr.service_required >= 0 &&
            !(((svc_mask_[i] | svc_done_[i]) >> pr.service_required) & 1u))
          continue;
        app_target_[i] = pr.to;
        app_seq_[i] = next_seq_++;
        app_month_[i] = t;
        ++pending_[pr.to];
        app_buffer_[n_apps++] = i;
        break;
      }
    }
    // e. exit
    if (r[2] < th.exit) {
      --occ_[cur];
      withdraw(i);
      for (int v = 0; v < V; ++v)
        if (svc_mask_[i] & (1u << v)) --engaged_[v];
      svc_mask_[i] = 0;
      out_.exits += 1;
      out_.exits_from[cur] += 1;
      if (!reached_[i]) out_.exit_at[std::min(M_, t - entry_month_[i])] += 1;
      stage_[i] = kNone;
      --alive_;
      ++exited_total_;
      if (tw_.replace_exits) {
        auto ra = st_.draw(i, month, kAttributes);
        int p = pick_profile(ra[0]);
        init_household(i, t, t + 1, p, ra[1] < m_.profiles[p].employed_at_entry);
        (void)cap;
        int es = first_free(tw_.entry);
        if (es != tw_.entry[0]) out_.entry_fallbacks += 1;
        enter_stage(i, es, t);
        if (is_permanent_[es]) perm_run_[i] = 1;
        out_.arrivals += 1;
        out_.arrivals_to[es] += 1;
      }
      continue;
    }
    // f. months in stage; consecutive months in a permanent stage
    if (mis_[i] < 0xffff) ++mis_[i];
    if (is_permanent_[cur]) {
      if (perm_run_[i] < 0xffff) ++perm_run_[i];
      if (!stabilized_[i] && perm_run_[i] >= m_.stabilized_months) {
        stabilized_[i] = 1;
        out_.stabilized += 1;
      }
    } else {
      perm_run_[i] = 0;
    }
  }
  g_household_months += hm;
  for (std::size_t k = 0; k < n_apps; ++k) {
    const std::uint32_t i = app_buffer_[k];
    // An application made and withdrawn (exit) in the same month is simply stale.
    if (app_target_[i] != kNone) lists_[app_target_[i]].push_back({i, app_seq_[i]});
  }
}

void HouseholdSim::placements(int t) {
  for (int T = S_ - 1; T >= 0; --T) {
    auto& list = lists_[T];
    std::size_t& head = list_head_[T];
    if (pending_[T] == 0) {
      list.clear();
      head = 0;
      continue;
    }
    std::int64_t free = cap_[T] - occ_[T];
    if (free <= 0) continue;
    auto place = [&](std::uint32_t i) {
      const int from = stage_[i];
      --occ_[from];
      app_target_[i] = kNone;
      --pending_[T];
      enter_stage(i, T, t);
      mis_[i] = 0;
      if (is_permanent_[T]) {
        if (!is_permanent_[from]) perm_run_[i] = 1;
      } else {
        perm_run_[i] = 0;
      }
      out_.promotion_flow[static_cast<std::size_t>(from) * S_ + T] += 1;
      out_.promotions_to[T] += 1;
      out_.placements += 1;
      out_.waiting_months_placed += t - app_month_[i];
    };
    const WaitingPolicy policy = m_.stages[T].waiting_list;
    if (policy == WaitingPolicy::fifo) {
      while (free > 0 && head < list.size()) {
        const Applicant a = list[head++];
        if (!valid(a, T)) continue;
        place(a.slot);
        --free;
      }
    } else {
      // Keep valid entries (in application order), then choose by the policy.
      std::size_t w = 0;
      for (std::size_t k = head; k < list.size(); ++k)
        if (valid(list[k], T)) list[w++] = list[k];
      list.resize(w);
      head = 0;
      auto key_before = [&](const Applicant& a, const Applicant& b) {
        if (policy == WaitingPolicy::longest_streak) {
          if (streak_[a.slot] != streak_[b.slot]) return streak_[a.slot] > streak_[b.slot];
        } else {
          bool fa = m_.profiles[profile_[a.slot]].children > 0;
          bool fb = m_.profiles[profile_[b.slot]].children > 0;
          if (fa != fb) return fa;
        }
        return a.seq < b.seq;
      };
      std::vector<Applicant> order(list.begin(), list.end());
      std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(free), order.size());
      std::partial_sort(order.begin(), order.begin() + take, order.end(), key_before);
      for (std::size_t k = 0; k < take; ++k) place(order[k].slot);
      // Taken applicants are now invalid; drop them, keeping application order.
      w = 0;
      for (std::size_t k = 0; k < list.size(); ++k)
        if (valid(list[k], T)) list[w++] = list[k];
      list.resize(w);
    }
    if (head > 1024 && head * 2 > list.size()) {
      list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(head));
      head = 0;
    }
  }
}

void HouseholdSim::account(int t) {
  const std::size_t M1 = static_cast<std::size_t>(M_) + 1;
  for (int s = 0; s < S_; ++s) {
    const double o = static_cast<double>(occ_[s]);
    out_.occupancy[s * M1 + t] = o;
    out_.waiting[s * M1 + t] = static_cast<double>(pending_[s]);
    if (t > 0) {
      out_.occupancy_sum[s] += o;
      out_.stage_cost[s] += o * tw_.stage_cost[s];
      if (m_.stages[s].outside) out_.roofless_household_months += o;
    }
  }
  for (int v = 0; v < V_; ++v) out_.in_service[v * M1 + t] = static_cast<double>(engaged_[v]);
  if (opt_.audit) {
    MonthAudit a{t, &occ_, &cap_, alive_, exited_total_, entered_total_};
    opt_.audit(a, opt_.audit_user);
  }
}

ReplicationOutcome HouseholdSim::run() {
  out_.resize(S_, V_, M_);
  occ_.assign(S_, 0);
  pending_.assign(S_, 0);
  lists_.assign(S_, {});
  list_head_.assign(S_, 0);
  engaged_.assign(V_, 0);
  is_permanent_.assign(S_, 0);
  for (int s = 0; s < S_; ++s) is_permanent_[s] = m_.stages[s].kind == StageKind::permanent;
  edges_from_.assign(S_, {});
  for (std::size_t e = 0; e < m_.promotions.size(); ++e)
    edges_from_[m_.promotions[e].from].push_back(static_cast<int>(e));
  double acc = 0;
  for (const auto& p : m_.profiles) {
    acc += p.share;
    profile_cut_.push_back(
        static_cast<std::uint64_t>(std::llround(std::min(acc, 1.0) * 4294967296.0)));
  }
  cap_.assign(S_, 0);
  for (int s = 0; s < S_; ++s) cap_[s] = tw_.capacity[s][0];

  std::size_t expected = 16;
  for (int n : tw_.initial) expected += static_cast<std::size_t>(n);
  for (int t = 1; t <= M_; ++t) expected += static_cast<std::size_t>(tw_.arrival_rate[t] * 1.1 + 3);
  reserve_slots(expected);
  populate_initial();
  // The initial population may exceed a capacity; that is allowed (a cut evicts no one).
  account(0);
  for (int t = 1; t <= M_; ++t) {
    if (opt_.cancel && *opt_.cancel) break;
    for (int s = 0; s < S_; ++s) cap_[s] = tw_.capacity[s][t];
    arrivals(t);
    if (V_) services(t);
    households(t);
    placements(t);
    account(t);
  }
  for (int s = 0; s < S_; ++s) out_.occupancy_end[s] = static_cast<double>(occ_[s]);
  for (std::size_t i = 0; i < n_; ++i)
    if (stage_[i] != kNone && !reached_[i]) out_.censored_at[M_ - entry_month_[i]] += 1;
  return std::move(out_);
}

}  // namespace

void ReplicationOutcome::resize(int stages, int services, int m) {
  n_stages = stages;
  n_services = services;
  months = m;
  const std::size_t S = stages, V = services, M1 = static_cast<std::size_t>(m) + 1;
  promotions_to.assign(S, 0);
  occupancy_end.assign(S, 0);
  occupancy_sum.assign(S, 0);
  stage_cost.assign(S, 0);
  service_case_months.assign(V, 0);
  service_waiting_sum.assign(V, 0);
  service_cost.assign(V, 0);
  promotion_flow.assign(S * S, 0);
  demotion_flow.assign(S * S, 0);
  expiry_flow.assign(S * S, 0);
  arrivals_to.assign(S, 0);
  exits_from.assign(S, 0);
  occupancy.assign(S * M1, 0);
  waiting.assign(S * M1, 0);
  in_service.assign(V * M1, 0);
  lease_at.assign(M1, 0);
  exit_at.assign(M1, 0);
  censored_at.assign(M1, 0);
}

void ReplicationOutcome::add(const ReplicationOutcome& o) {
  if (n_stages == 0 && months == 0) resize(o.n_stages, o.n_services, o.months);
  if (o.n_stages != n_stages || o.n_services != n_services || o.months != months)
    throw std::logic_error("ReplicationOutcome::add: shapes differ");
  households_seen += o.households_seen;
  housed_at_start += o.housed_at_start;
  reached_lease += o.reached_lease;
  stabilized += o.stabilized;
  evictions += o.evictions;
  expiries += o.expiries;
  returns_to_street += o.returns_to_street;
  exits += o.exits;
  demotions += o.demotions;
  arrivals += o.arrivals;
  entry_fallbacks += o.entry_fallbacks;
  roofless_household_months += o.roofless_household_months;
  placements += o.placements;
  waiting_months_placed += o.waiting_months_placed;
  auto sum = [](std::vector<double>& a, const std::vector<double>& b) {
    for (std::size_t k = 0; k < a.size(); ++k) a[k] += b[k];
  };
  sum(promotions_to, o.promotions_to);
  sum(occupancy_end, o.occupancy_end);
  sum(occupancy_sum, o.occupancy_sum);
  sum(stage_cost, o.stage_cost);
  sum(service_case_months, o.service_case_months);
  sum(service_waiting_sum, o.service_waiting_sum);
  sum(service_cost, o.service_cost);
  sum(promotion_flow, o.promotion_flow);
  sum(demotion_flow, o.demotion_flow);
  sum(expiry_flow, o.expiry_flow);
  sum(arrivals_to, o.arrivals_to);
  sum(exits_from, o.exits_from);
  sum(occupancy, o.occupancy);
  sum(waiting, o.waiting);
  sum(in_service, o.in_service);
  sum(lease_at, o.lease_at);
  sum(exit_at, o.exit_at);
  sum(censored_at, o.censored_at);
}

ReplicationOutcome simulate(const CompiledModel& m, int town, int replication,
                            const SimulateOptions& opt) {
  g_household_months = 0;
  HouseholdSim sim(m, town, replication, opt);
  return sim.run();
}

std::uint64_t last_household_months() {
  return g_household_months;
}

}  // namespace prostup

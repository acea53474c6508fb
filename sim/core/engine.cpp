// SPDX-License-Identifier: Apache-2.0
// The simulation core: one town, one replication of docs/model.md's month.
//
// The month's steps are numbered in the code as docs/model.md numbers them: 1. schedules,
// 2. arrivals, 3. services, 4. each household (4a-f), 5. placements, 6. accounting.
//
// Households live in 32-byte records; the per-household loop (step 4) takes its random draws
// from a SIMD batch, reads one 64-byte row indexed by (profile, stage, service mask; the
// model's StepRow, built once per compiled model), updates the record without branches (the
// sign-flag helpers below) and leaves the rarer events (moves, applications, exits) to an
// out-of-line path, so it neither allocates nor calls through pointers.
// docs/performance.md describes the layout and the measurements.
#include "prostup/engine.hpp"

#include <Random123/philox.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "philox_batch.hpp"
#include "prostup/splitmix64.hpp"

namespace prostup {

namespace {

// Purposes: the third counter word, so each use of randomness has its own stream.
enum Purpose : std::uint32_t {
  kBehaviour = 0,        // lanes: employment, rent/compliance, exit
  kAttributes = 1,       // lanes: profile, employed at entry
  kArrivals = 2,         // counter (month, chunk): Poisson arrival counts
  kNumbering = 3,        // counter (position, stage): the initial population's order in a stage
  kExitDestination = 4,  // lane 0: where an exiting household goes
  kSelection = 5,        // counter (position, stage): a cohort's keyed draw of households
};

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
// Maps the pages of a fresh array of `bytes` in one system call (Linux's
// MADV_POPULATE_WRITE) rather than one page fault per 4 KB page as they are first written:
// the household arrays are written whole right after. Elsewhere, or for a small array, a
// no-op (the pages then come one fault at a time, as before).
void prefault(void* data, std::size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  if (bytes < (std::size_t{64} << 10)) return;
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<std::uintptr_t>(data) & ~(page - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(data) + bytes;
  (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#else
  (void)data;
  (void)bytes;
#endif
}

// Households whose draws are made in one batch: the three draw arrays (6 KB) stay in L1.
constexpr std::size_t kBlock = 512;
// How far ahead on a waiting list the placements ask for an applicant's record.
constexpr std::size_t kListAhead = 8;
constexpr std::uint32_t kGone = 0xffffffffu;  // compaction: the slot held no household

struct Applicant {
  std::uint32_t slot;
  std::uint32_t seq;
};

// Branch-free tests for the household loop (step 4). In most months a household does
// nothing rare, and when it does is a coin flip a branch predictor cannot learn; so the loop
// computes each yes/no as a value and branches once, on all of them together.
//
// A "sign flag" is an int whose sign bit alone is the answer: flags combine with | (either)
// and & (both) and are read with flag(). The operands are 16-bit counters and limits up to
// kNoLimit, so no difference overflows.

// The sign flag of x >= limit, given limit - 1 (the StepRow fields *_m1).
inline int at_least(int x, int limit_m1) {
  return limit_m1 - x;
}
// 1 if the sign flag is set, else 0.
inline unsigned flag(int sign_flag) {
  return static_cast<unsigned>(sign_flag) >> 31;
}

// Selections by a 0/1 value through masks, where the compiler would otherwise branch on it:
// `value` if `yes`, else 0; `if_yes` if `yes`, else `if_no`.
inline unsigned keep_if(unsigned yes, unsigned value) {
  return value & (0u - yes);
}
inline unsigned choose(unsigned yes, unsigned if_yes, unsigned if_no) {
  return if_no ^ ((if_no ^ if_yes) & (0u - yes));
}
// max(x, 0): the sign bit spread into a mask (arithmetic shift, as GCC and Clang do).
inline unsigned clamp_at_zero(int x) {
  return static_cast<unsigned>(x & ~(x >> 31));
}

// Hides `x` from the optimiser, so that a branch on it stays one branch: on a value it can
// see through, the compiler splits it back into one unpredictable branch per test.
inline void keep_one_branch(unsigned& x) {
  asm("" : "+r"(x));
}

class HouseholdSim {
 public:
  // m: the whole model, whose seed, horizon and town (a run's --seed and --months set them
  // there) are used; the rules, from the ladder the town runs (CompiledModel::rules_of).
  HouseholdSim(const CompiledModel& m, int town, int replication, const SimulateOptions& opt)
      : m_(m.rules_of(town)),
        tw_(m.towns.at(town)),
        st_(m.seed, tw_.stream_key, replication),
        S_(m.n_stages()),
        V_(m.n_services()),
        M_(opt.months > 0 ? std::min(opt.months, m.months) : m.months),
        // The whole scenario's flow layout: every town's moves, so that towns add up.
        flows_(flow_layout(m)),
        opt_(opt) {}

  ReplicationOutcome run();
  std::uint64_t household_months() const { return household_months_; }

 private:
  const CompiledModel& m_;
  const CompiledTown& tw_;
  Stream st_;
  int S_, V_, M_;
  int year_ = 0;      // the year of the horizon of the month being simulated: (t - 1) / 12
  int month_ = 0;     // that month's index in flows_by_month: t - 1
  FlowLayout flows_;  // where out_.flows_by_year counts each move
  // Counts a move of a household of profile p at slot `k` of the layout's block, in its year,
  // its month and (with by_profile_series) its profile's month. Events only, never per
  // household-month. Kept out of line so that the events that call it inline as before.
  [[gnu::noinline]] void count_flow(std::size_t k, int p) {
    const std::size_t B = flows_.block();
    out_.flows_by_year[static_cast<std::size_t>(year_) * B + k] += 1;
    out_.flows_by_month[static_cast<std::size_t>(month_) * B + k] += 1;
    if (!out_.profile_flows_by_month.empty())
      out_.profile_flows_by_month[(static_cast<std::size_t>(p) * M_ + month_) * B + k] += 1;
  }
  void count_move(int kind, int from, int to, int p) {
    const long long k = flows_.move(0, kind, from, to);
    if (k < 0) throw std::logic_error("engine: a move the flow layout does not know");
    count_flow(static_cast<std::size_t>(k), p);
  }
  SimulateOptions opt_;

  // One 32-byte record per household (two per cache line), indexed by slot: the first half
  // is what the household loop reads and writes every month, the second what its rarer
  // events (an application, a move, an exit) need, so they find it in the line already
  // loaded. A slot keeps its household until it exits (a replacement under replace_exits
  // takes the slot and the number); slots of exited households are compacted away keeping
  // the order, so slot order is always household-number order.
  struct Household {
    std::uint32_t key;  // step row: ((((profile * stages + stage) << services) | mask) << 2)
                        // | pending application << 1 | stabilized (rekey())
    std::uint16_t streak, arrears, months, run;  // run: consecutive months in a permanent stage
    std::uint8_t stage, employed, app_target, stabilized;
    std::uint32_t app_seq;
    // Months are at most 65534 (run() checks), so 16 bits hold them.
    std::uint16_t app_month, entry_month;
    std::uint16_t cohorts;  // bit c = in cohort c (bit 0, all, always); here, not in Track,
                            // so that an exit of a never-housed household reads no Track
    // flags: kReached, it has been in a permanent stage; kSpellStabilized, one of its housed
    // spells was long enough to stabilise (the cohort outcome, Track); kHasFallback, it holds
    // a fallback application (Cold::alt), so that the events which only need to know that
    // (withdrawals at every move and exit, the month's new applications) read no Cold line.
    std::uint8_t profile, svc_mask, svc_done, flags;
    // Months counted on an outside stage (docs/model.md, "Length of time roofless"), kept at
    // its moves only: entering an outside stage at first counted month b subtracts b, leaving
    // it at t adds t, and finalize() adds the end of a stay still open. The arithmetic is
    // modulo 2^16 and the total is at most M <= 65534 months, so it comes out exact.
    std::uint16_t roofless;
  };
  static_assert(sizeof(Household) == 32);
  // What the cohort outcomes need of a household that has been in a permanent stage
  // (reached): set when it first enters one, written when it enters or leaves one, read
  // when it exits or at the horizon (docs/performance.md, "Memory layout"); a household that
  // never reached one has no values, and finalize() does not read its line. The values are
  // worked on as a Track and kept in the household's Cold record (load_track, store_track):
  // its months as 16 bits, the stabilised flag in Household::flags, and `returned` is
  // "lost is set" (both are set by the same move out of housing only).
  struct Track {
    std::int32_t first_housed;   // month it first entered a permanent stage; -1 = never
    std::int32_t housed_since;   // first counted month of the current housed spell; -1 = none
    std::int32_t lost;           // month it first lost housing (not to own housing); -1 = never
    std::int32_t months_housed;  // counted months in a permanent stage, closed spells
    std::uint8_t stabilized, returned;
  };
  static constexpr std::uint8_t kReached = 1, kSpellStabilized = 2, kHasFallback = 4;
  bool reached(const Household& h) const { return h.flags & kReached; }
  // The stage of household i's fallback application, kNone if it has none.
  int fallback_target(std::uint32_t i) const {
    return hh_[i].flags & kHasFallback ? cold_[i].alt.target : kNone;
  }
  // Only where the scenario has a stage or service cost, or discounts (else every field
  // would stay 0, or equal its undiscounted twin, for every household): money and
  // discounted months, updated at every move and service change.
  struct TrackMoney {
    double cost;                      // stage and service costs so far, CZK
    double cost_discounted;           // the same, each month weighed by its discount factor
    double months_housed_discounted;  // closed spells, discounted
    double stabilized_discounted;     // the discount factor of the month it stabilised
    std::int32_t stage_since;         // first counted month in the current stage
  };
  // A bit of Household::cohorts above every cohort's (at most 3 + 8): the household was in a
  // permanent stage of the initial population at month 0, so it is not in need.
  static constexpr unsigned kNotInNeed = 1u << 15;
  std::vector<Household> hh_;
  // Household number: the counter of its random streams. A slot's number is the slot itself
  // (the initial households and arrivals are numbered in slot order, and a replacement takes
  // the slot and the number of the one it replaces) until the first compaction moves
  // households to lower slots: only then is the array made (4 bytes a household spared where
  // nobody exits without a replacement, bench-ladder-1 among them).
  std::vector<std::uint32_t> id_;
  bool ids_are_slots_ = true;
  std::uint32_t id_of(std::uint32_t i) const { return ids_are_slots_ ? i : id_[i]; }
  // Words 0, 1 and 2 of the draws at counters (first + k, c1, purpose), k < n <= kBlock, into
  // u_job_, u_month_ and u_exit_ (free outside step 4): st_.draw's numbers, in one SIMD batch.
  void batch_draws(std::uint32_t first, std::size_t n, std::uint32_t c1, std::uint32_t purpose) {
    std::iota(batch_ids_, batch_ids_ + n, first);
    detail::philox_first3(batch_ids_, n, c1, purpose, detail::PhiloxKey{st_.key[0], st_.key[1]},
                          u_job_, u_month_, u_exit_);
  }
  // The numbers of a batch's households, where they are consecutive (batch_draws).
  std::uint32_t batch_ids_[kBlock];
  // Months roofless (in an outside stage) before the current stay there, and the month the
  // current stay began (-1 = not in an outside stage): updated only when a household moves,
  // and kept only where a waiting list's points weigh roofless months (the per-profile
  // total comes from the occupancy by profile in account()).
  struct Roofless {
    std::int32_t before, since;
  };
  std::vector<Roofless> roofless_;
  // A household's second application (docs/model.md, step 4d): the next-best route it met,
  // kept as a fallback beside the best one (Household::app_*), so that applying for a better
  // route never costs it its place on the staircase. Touched only on applications and moves.
  struct Fallback {
    std::uint32_t seq;
    std::uint16_t month;
    std::uint8_t target;  // kNone = none
  };
  // A household's rarer state, 16 bytes (four to a cache line): its fallback application
  // (touched on applications, placements and moves) and its Track (touched only when it
  // enters or leaves a permanent stage, and at its exit if it reached one).
  struct Cold {
    Fallback alt;
    // Months stored plus one, 0 = none (months are at most 65534), so that none is -1 with
    // no test either way.
    std::uint16_t first_housed1, housed_since1, lost1, months_housed;
  };
  static_assert(sizeof(Cold) == 16);
  std::vector<Cold> cold_;
  Track load_track(std::uint32_t i) const {
    const Cold& c = cold_[i];
    return Track{c.first_housed1 - 1,
                 c.housed_since1 - 1,
                 c.lost1 - 1,
                 c.months_housed,
                 static_cast<std::uint8_t>((hh_[i].flags & kSpellStabilized) != 0),
                 static_cast<std::uint8_t>(c.lost1 != 0)};
  }
  void store_track(std::uint32_t i, const Track& k) {
    Cold& c = cold_[i];
    c.first_housed1 = static_cast<std::uint16_t>(k.first_housed + 1);
    c.housed_since1 = static_cast<std::uint16_t>(k.housed_since + 1);
    c.lost1 = static_cast<std::uint16_t>(k.lost + 1);
    c.months_housed = static_cast<std::uint16_t>(k.months_housed);
    hh_[i].flags |= static_cast<std::uint8_t>(k.stabilized * kSpellStabilized);
  }
  std::vector<TrackMoney> money_;
  bool need_roofless_ = false, need_money_ = false;
  // [service][slot]; svc_since_: the month an engagement began (for its cost)
  std::vector<std::vector<std::int32_t>> svc_until_, svc_wait_since_, svc_since_;
  std::size_t n_ = 0;     // slots in use
  std::size_t dead_ = 0;  // of which exited
  std::uint32_t next_id_ = 0;

  std::vector<std::int64_t> occ_, cap_;
  std::vector<std::int64_t> pending_;  // valid applications per target stage
  std::vector<std::vector<Applicant>> lists_;
  std::vector<std::size_t> list_head_;
  std::vector<std::int64_t> engaged_;  // per service
  // Occupancy and engagements by profile, [stage * profiles + profile] and [service * profiles
  // + profile], for the stages and services whose cost differs by profile.
  std::vector<std::int64_t> occ_by_profile_, engaged_by_profile_;
  int P_ = 0;
  std::uint32_t next_seq_ = 0;
  std::vector<std::uint32_t> app_buffer_;
  std::vector<std::uint32_t> scratch_;
  std::vector<std::uint8_t> is_permanent_, is_outside_;
  // [stage]: the highest target of its promotion edges that can be met in this town (-1 =
  // none); max_top_: the highest target of any stage with edges to two or more targets (-1 =
  // none: reconsider() is idle).
  std::vector<int> top_target_;
  // [stage]: edges to two or more targets, and waiting there can end badly (an outside
  // stage, or one with a maximum stay): where reconsider() looks.
  std::vector<std::uint8_t> multi_target_;
  int max_top_ = -1;
  std::vector<std::uint64_t> profile_cut_;  // cumulative share thresholds
  std::int64_t alive_ = 0, exited_total_ = 0, entered_total_ = 0;
  std::uint64_t household_months_ = 0;  // simulated so far (households alive x months)
  // One batch of behaviour draws: employment, rent or compliance, exit.
  std::uint32_t u_job_[kBlock], u_month_[kBlock], u_exit_[kBlock];

  ReplicationOutcome out_;

  template <class F>
  void for_each_column(F&& f);
  void reserve_slots(std::size_t n);
  std::uint32_t new_slot();
  void compact();
  double stage_cost(int profile, int s) const {
    return tw_.stage_cost_by_profile[static_cast<std::size_t>(profile) * S_ + s];
  }
  double service_cost(int profile, int v) const {
    return tw_.service_cost_by_profile[static_cast<std::size_t>(profile) * V_ + v];
  }
  // Weight of the months a..b-1 (b - a undiscounted).
  double discounted_months(int a, int b) const {
    return m_.discount_sum[static_cast<std::size_t>(b)] -
           m_.discount_sum[static_cast<std::size_t>(a)];
  }
  // The cost of a household's stay in stage s or engagement in service v over months a..b-1.
  void add_cost(TrackMoney& k, double cost, int a, int b) {
    k.cost += (b - a) * cost;
    k.cost_discounted += discounted_months(a, b) * cost;
  }
  // A household leaves stage s (the occupancy counts).
  void vacate(std::uint32_t i, int s) {
    --occ_[s];
    --occ_by_profile_[static_cast<std::size_t>(s) * P_ + hh_[i].profile];
  }
  void disengage(std::uint32_t i, int v) {
    --engaged_[v];
    --engaged_by_profile_[static_cast<std::size_t>(v) * P_ + hh_[i].profile];
  }
  // The household's step row: after every change of its stage, services, pending application
  // or stabilisation.
  void rekey(std::uint32_t i) {
    Household& h = hh_[i];
    h.key = static_cast<std::uint32_t>(((h.profile * S_ + h.stage) << V_) | h.svc_mask)
                << kRowFactBits |
            (h.app_target != kNone ? kRowPending : 0u) | (h.stabilized ? kRowStabilized : 0u);
  }
  // initial_stage: the stage at month 0 for the initial population (the town's `initial`),
  // -1 for an arrival; selected: the bits of the counted cohorts that drew it.
  void init_household(std::uint32_t i, int month, int profile, bool employed, int initial_stage,
                      unsigned selected = 0);
  // The counted cohorts' draw of a stage's initial households (positions in number order,
  // `profiles` their profiles): each position's cohort bits and its stage at month 0.
  void select_cohorts(int s, const std::vector<std::uint8_t>& profiles, std::vector<unsigned>& bits,
                      std::vector<int>& start);
  // The cohort bookkeeping of a move from `from` (kNone for a new household) to `to`.
  void track_move(std::uint32_t i, int from, int to, int t);
  // track_move's part for a move into or out of housing (about one move in ten), out of line
  // so that the common case stays small enough to inline into enter_stage.
  [[gnu::noinline]] void track_housing(std::uint32_t i, bool was, int t, int b);
  void end_spell(std::uint32_t i, Track& k, int end);
  // Adds the household to its cohorts' counters; end: the first month it is no longer
  // counted (its exit month, or M + 1); dest: its exit destination, -1 = still here.
  void finalize(std::uint32_t i, int end, int dest);
  int first_free(const std::vector<std::uint8_t>& list) const;
  void enter_stage(std::uint32_t i, int stage, int month);
  void withdraw(std::uint32_t i);
  int pick_profile(std::uint32_t u) const;
  void build_tables();
  void populate_initial();
  void arrivals(int t);
  // A new household in slot i (an arrival or a replacement): its attributes, the first entry
  // stage with a free unit, the arrival counts. Returns the stage.
  int admit(std::uint32_t i, int t);
  void services(int t);
  void households(int t) {
    // Where every exit is replaced at once no slot is ever empty: the loop then has no test
    // for one.
    if (tw_.replace_exits)
      households_of<false>(t);
    else
      households_of<true>(t);
  }
  template <bool kMayBeEmpty>
  [[gnu::noinline]] void households_of(int t);
  [[gnu::noinline]] bool eventful_step(std::uint32_t i, unsigned months, bool exits, int t);
  void demote(std::uint32_t i, int s, bool eviction, int t);
  // 4d: the highest and the next-highest target stage among the edges from `stage` whose
  // criteria household i meets (-1 = none), and its applications there.
  std::pair<int, int> best_targets(std::uint32_t i, int stage, unsigned months) const;
  void add_fallback(std::uint32_t i, int target, int t);
  bool apply(std::uint32_t i, int stage, unsigned months, int t);
  void reconsider(int t);
  void exit_household(std::uint32_t i, int stage, int t);
  void placements(int t);
  void account(int t);
  // The stabilisation rule, written once: enough consecutive months housed (docs/model.md).
  bool stabilizes(int months_housed) const { return months_housed >= m_.months_to_stabilize(); }
  bool valid(const Applicant& a, int target) const {
    return (hh_[a.slot].app_target == target && hh_[a.slot].app_seq == a.seq) ||
           (fallback_target(a.slot) == target && cold_[a.slot].alt.seq == a.seq);
  }
  // Appends an application to stage T's waiting list. A list about to grow first drops the
  // entries that are no longer valid (withdrawn, replaced or placed: sequence numbers are
  // never reused, so such an entry never becomes valid again, and every reader skips it),
  // so a list's memory follows the applications pending rather than all ever made.
  void enlist(int T, Applicant a) {
    auto& list = lists_[T];
    if (list.size() == list.capacity() && list.size() >= 1024) {
      std::size_t w = 0;
      for (std::size_t k = list_head_[T]; k < list.size(); ++k) {
        // Each entry's record lies at a random slot: ask for the ones a few places on.
        if (k + kListAhead < list.size()) __builtin_prefetch(&hh_[list[k + kListAhead].slot]);
        if (valid(list[k], T)) list[w++] = list[k];
      }
      list.resize(w);
      list_head_[T] = 0;
      // Mostly valid: grow now rather than drop a few entries at every append; by half, not
      // double (a list is the engine's largest array after the households': bench-ladder-1's
      // shelter list holds about 30,000 applicants at N = 100,000).
      if (w > list.capacity() / 4 * 3) list.reserve(list.capacity() + list.capacity() / 2);
    }
    list.push_back(a);
  }
  // The month household i applied for stage `target` (its best or its fallback route).
  int applied_in(std::uint32_t i, int target) const {
    return fallback_target(i) == target ? cold_[i].alt.month : hh_[i].app_month;
  }
};

template <class F>
void HouseholdSim::for_each_column(F&& f) {
  f(hh_);
  if (!ids_are_slots_) f(id_);
  if (need_roofless_) f(roofless_);
  f(cold_);
  if (need_money_) f(money_);
  for (auto& c : svc_until_) f(c);
  for (auto& c : svc_wait_since_) f(c);
  for (auto& c : svc_since_) f(c);
}

void HouseholdSim::reserve_slots(std::size_t n) {
  for_each_column([n](auto& column) {
    column.reserve(n);
    prefault(column.data(), n * sizeof(column[0]));
    column.resize(n);
  });
}

std::uint32_t HouseholdSim::new_slot() {
  if (n_ == hh_.size()) reserve_slots(std::max<std::size_t>(64, hh_.size() * 2));
  if (!ids_are_slots_) id_[n_] = next_id_;
  ++next_id_;  // == n_ + 1 while numbers are slots
  return static_cast<std::uint32_t>(n_++);
}

void HouseholdSim::compact() {
  // Drop the slots of exited households, keeping the order; waiting lists follow their
  // households (entries of exited ones are stale anyway and go).
  if (ids_are_slots_) {
    id_.resize(hh_.size());
    std::iota(id_.begin(), id_.begin() + static_cast<std::ptrdiff_t>(n_), 0u);
    ids_are_slots_ = false;
  }
  std::vector<std::uint32_t> to(n_);
  std::uint32_t w = 0;
  for (std::size_t i = 0; i < n_; ++i) to[i] = hh_[i].stage == kNone ? kGone : w++;
  for_each_column([&](auto& column) {
    for (std::size_t i = 0; i < n_; ++i)
      if (to[i] != kGone) column[to[i]] = column[i];
  });
  for (int T = 0; T < S_; ++T) {
    auto& list = lists_[T];
    std::size_t k = 0;
    for (std::size_t j = list_head_[T]; j < list.size(); ++j)
      if (to[list[j].slot] != kGone) list[k++] = {to[list[j].slot], list[j].seq};
    list.resize(k);
    list_head_[T] = 0;
  }
  n_ = w;
  dead_ = 0;
}

int HouseholdSim::pick_profile(std::uint32_t u) const {
  for (std::size_t p = 0; p + 1 < profile_cut_.size(); ++p)
    if (u < profile_cut_[p]) return static_cast<int>(p);
  return static_cast<int>(profile_cut_.size()) - 1;
}

void HouseholdSim::init_household(std::uint32_t i, int month, int profile, bool employed,
                                  int initial_stage, unsigned selected) {
  Household& h = hh_[i];
  h.profile = static_cast<std::uint8_t>(profile);
  h.stage = kNone;  // set by enter_stage
  h.employed = employed;
  h.app_target = kNone;
  h.svc_mask = 0;
  h.svc_done = 0;
  h.flags = 0;  // no fallback application: Cold::alt is not read
  h.stabilized = 0;
  h.streak = h.arrears = h.months = h.run = h.roofless = 0;
  h.app_seq = 0;
  h.app_month = 0;
  h.entry_month = static_cast<std::uint16_t>(month);
  if (need_roofless_) roofless_[i] = {0, -1};
  for (int v = 0; v < V_; ++v) {
    svc_until_[v][i] = 0;
    svc_wait_since_[v][i] = -1;
    svc_since_[v][i] = 0;
  }
  unsigned cohorts = 1u | (initial_stage >= 0 ? 2u : 4u) | selected;
  for (std::size_t c = 0; c < m_.cohorts.size(); ++c) {
    const CompiledCohort& co = m_.cohorts[c];
    if (co.profile >= 0 && co.profile != profile) continue;
    // A counted cohort's households are those its draw chose (`selected`).
    const bool in = co.initial_stage >= 0
                        ? co.count == 0 && co.initial_stage == initial_stage
                        : initial_stage < 0 && month >= co.from_month && month <= co.to_month;
    if (in) cohorts |= 1u << (kBuiltinCohorts + c);
  }
  h.cohorts = static_cast<std::uint16_t>(cohorts);
  // Its Track is set when the household first enters a permanent stage (track_move): not
  // here, so that a new household (an arrival or a replacement) costs no write to its line.
  if (need_money_) money_[i] = TrackMoney{0, 0, 0, 0, 0};
  ++alive_;
  ++entered_total_;
  out_.households_seen += 1;
  out_.profile_seen[profile] += 1;
}

int HouseholdSim::first_free(const std::vector<std::uint8_t>& list) const {
  for (std::uint8_t s : list)
    if (occ_[s] < cap_[s]) return s;
  // Validation guarantees every list ends in an outside stage, which always has room.
  throw std::logic_error("engine: destination list without an outside stage");
}

void HouseholdSim::track_move(std::uint32_t i, int from, int to, int t) {
  // Month t is counted in the new stage (accounting follows every move of the month); the
  // initial population is counted from month 1.
  const int b = std::max(t, 1);
  if (need_money_) {
    TrackMoney& k = money_[i];
    if (from != kNone)
      add_cost(k, stage_cost(hh_[i].profile, from) + tw_.stage_other_cost[from], k.stage_since, b);
    k.stage_since = b;
  }
  const bool was = from != kNone && is_permanent_[from], now = is_permanent_[to];
  if (was != now) track_housing(i, was, t, b);  // most moves: the Track is not touched
}

void HouseholdSim::track_housing(std::uint32_t i, bool was, int t, int b) {
  // Its first permanent stage starts a Track with no history.
  Track k = reached(hh_[i]) ? load_track(i) : Track{-1, -1, -1, 0, 0, 0};
  if (was) {
    end_spell(i, k, b);
    if (k.lost < 0) k.lost = t;
    k.returned = 1;
  } else {
    k.housed_since = b;
    if (k.first_housed < 0) k.first_housed = t;
  }
  store_track(i, k);
}

void HouseholdSim::end_spell(std::uint32_t i, Track& k, int end) {
  const int spell = end - k.housed_since;
  k.months_housed += spell;
  if (need_money_) money_[i].months_housed_discounted += discounted_months(k.housed_since, end);
  if (stabilizes(spell) && !k.stabilized) {
    k.stabilized = 1;
    if (need_money_)
      money_[i].stabilized_discounted = m_.discount[k.housed_since + m_.months_to_stabilize() - 1];
  }
  k.housed_since = -1;
}

void HouseholdSim::finalize(std::uint32_t i, int end, int dest) {
  const Household& h = hh_[i];
  // A household that never reached a permanent stage has its Track as init_household left
  // it: read a copy of those values rather than its (cold) line.
  static constexpr Track kNever{-1, -1, -1, 0, 0, 0};
  // finalize() ends the household: what it changes in k is not stored back.
  Track k = reached(h) ? load_track(i) : kNever;
  TrackMoney none{0, 0, 0, 0, 0};
  TrackMoney& money = need_money_ ? money_[i] : none;
  if (need_money_) {
    add_cost(money, stage_cost(h.profile, h.stage) + tw_.stage_other_cost[h.stage],
             money.stage_since, end);
    // Services count a month before the households step, so an exit month is still counted.
    const int svc_end = dest >= 0 ? end + 1 : end;
    for (int v = 0; v < V_; ++v)
      if (h.svc_mask & (1u << v))
        add_cost(money, service_cost(h.profile, v), svc_since_[v][i], svc_end);
  }
  const int entered = std::max<int>(h.entry_month, 1);
  // Could a spell from entry to the horizon (months entered..M) be long enough?
  const bool can_stabilize = stabilizes(M_ + 1 - entered);
  // Person-time counts from entry to M whether or not the household exits (below).
  const int months_observed = M_ + 1 - entered;  // one definition for both paths below
  // Months roofless over the horizon, a stay still open ending at `end` (its exit month, or
  // M + 1): a household counted on an outside stage at least one month adds its length.
  const int roofless = static_cast<std::uint16_t>(
      h.roofless + (is_outside_[h.stage] ? static_cast<std::uint16_t>(end) : 0));
  if (roofless > M_) throw std::logic_error("engine: months roofless past the horizon");
  const std::size_t M1 = static_cast<std::size_t>(M_) + 1;
  if (roofless > 0) {
    for (unsigned c = h.cohorts & (kNotInNeed - 1); c; c &= c - 1)
      out_.roofless_length[static_cast<std::size_t>(__builtin_ctz(c)) * M1 + roofless] += 1;
    out_.profile_roofless_length[h.profile * M1 + roofless] += 1;
  }
  if (!reached(h) && !need_money_ && dest != 0) {
    // Never housed, no money, not gone to own housing (that takes the general path, where
    // its months after the exit can count): 6 of the 29 fields can be other than 0; add just
    // those (the same sums to the bit: adding a 0 changes no sum, as no field is ever -0).
    auto add = [&](double* block) {
      block[kHouseholds] += 1;
      block[kMonthsObserved] += months_observed;
      block[kMonthsObservedInNeed] += months_observed;  // never housed: not housed at start
      if (can_stabilize) block[kStabilizationEligible] += 1;
      if (dest >= 0) block[kExitsToOwnHousing + dest] += 1;
      if (roofless > 0) {
        block[kRooflessHouseholds] += 1;
        block[kMonthsRoofless] += roofless;
      }
    };
    for (unsigned c = h.cohorts & (kNotInNeed - 1); c; c &= c - 1)
      add(&out_.cohorts[static_cast<std::size_t>(__builtin_ctz(c)) * kCohortFields]);
    add(&out_.profile_cohort[static_cast<std::size_t>(h.profile) * kCohortFields]);
    return;
  }
  const bool housed = k.housed_since >= 0;
  if (housed) {
    end_spell(i, k, end);
    if (dest > 0 && k.lost < 0) k.lost = end;  // an exit, except into own housing
  }
  double f[kCohortFields] = {};
  f[kHouseholds] = 1;
  // Person-time over the horizon (docs/model.md, "Cohort outcomes"): a household counts
  // from entry to M whether or not it exits; an exit into own housing counts as housed for
  // the rest of the horizon (months end..M, added here at once), any other exit as not
  // housed, so more exits to an unknown destination can never raise the share housed.
  const bool own = dest == 0;
  f[kHousedEnd] = (dest < 0 && housed) || own;
  f[kEverHoused] = k.first_housed >= 0;
  f[kMonthsObserved] = months_observed;
  f[kMonthsHoused] = k.months_housed + (own ? M_ + 1 - end : 0);
  if (own && need_money_) money.months_housed_discounted += discounted_months(end, M_ + 1);
  f[kStabilized] = k.stabilized;
  f[kStabilizationEligible] = can_stabilize;
  f[kStabilizedEligible] = can_stabilize && k.stabilized;
  for (int r = 0; r < 3; ++r) {
    const int n = kRetentionMonths[r];
    if (k.first_housed < 0 || k.first_housed + n > M_) continue;
    f[kRetentionEligible + r] = 1;
    f[kRetained + r] = k.lost < 0 || k.lost > k.first_housed + n;
    // An exit ends the household, so a household that returned lost housing first by that
    // return: `lost` is its month.
    f[kReturnedWithin + r] = k.returned && k.lost <= k.first_housed + n;
  }
  f[kReturned] = k.returned;
  f[kRooflessHouseholds] = roofless > 0;
  f[kMonthsRoofless] = roofless;
  if (dest >= 0) f[kExitsToOwnHousing + dest] = 1;
  f[kCohortCost] = money.cost;
  f[kCohortCostDiscounted] = money.cost_discounted;
  // Without discounting every month weighs 1: the discounted figures are the plain ones.
  f[kMonthsHousedDiscounted] = need_money_ ? money.months_housed_discounted : f[kMonthsHoused];
  f[kStabilizedDiscounted] = need_money_ ? money.stabilized_discounted : k.stabilized;
  if (!(h.cohorts & kNotInNeed)) {
    f[kMonthsObservedInNeed] = f[kMonthsObserved];
    f[kMonthsHousedInNeed] = f[kMonthsHoused];
  }
  for (unsigned c = h.cohorts & (kNotInNeed - 1); c; c &= c - 1) {
    double* block = &out_.cohorts[static_cast<std::size_t>(__builtin_ctz(c)) * kCohortFields];
    for (int x = 0; x < kCohortFields; ++x) block[x] += f[x];
  }
  double* by_profile = &out_.profile_cohort[static_cast<std::size_t>(h.profile) * kCohortFields];
  for (int x = 0; x < kCohortFields; ++x) by_profile[x] += f[x];
}

void HouseholdSim::enter_stage(std::uint32_t i, int s, int month) {
  Household& h = hh_[i];
  if (need_roofless_) {
    Roofless& r = roofless_[i];
    if (r.since >= 0) r.before += month - r.since;
    r.since = m_.stages[s].outside ? month : -1;
  }
  track_move(i, h.stage, s, month);
  // Months roofless: the stay left ends before month b, the one begun counts from b (the
  // month of the move is counted in the new stage; the initial population from month 1).
  const auto b = static_cast<std::uint16_t>(std::max(month, 1));
  if (h.stage != kNone && is_outside_[h.stage])
    h.roofless = static_cast<std::uint16_t>(h.roofless + b);
  if (is_outside_[s]) h.roofless = static_cast<std::uint16_t>(h.roofless - b);
  h.stage = static_cast<std::uint8_t>(s);
  rekey(i);
  ++occ_[s];
  ++occ_by_profile_[static_cast<std::size_t>(s) * P_ + h.profile];
  if (is_permanent_[s] && !reached(h)) {
    h.flags |= kReached;
    out_.reached_lease += 1;
    out_.profile_reached_lease[h.profile] += 1;
    out_.lease_at[std::min(M_, month - h.entry_month)] += 1;
    out_.profile_lease_at[h.profile * (M_ + 1) + std::min(M_, month - h.entry_month)] += 1;
  }
}

void HouseholdSim::withdraw(std::uint32_t i) {
  Household& h = hh_[i];
  if (h.app_target != kNone) {
    --pending_[h.app_target];
    h.app_target = kNone;
    rekey(i);
  }
  if (h.flags & kHasFallback) {
    --pending_[cold_[i].alt.target];
    h.flags &= static_cast<std::uint8_t>(~kHasFallback);
  }
}

void HouseholdSim::build_tables() {
  // The step rows, stage rules and promotion lists come with the compiled model.
  if (m_.step_rows.size() != m_.thresholds.size() << kRowFactBits ||
      m_.stage_rules.size() != m_.stages.size())
    throw std::logic_error("simulate: the model's step tables are missing (not from compile())");
  is_permanent_.assign(S_, 0);
  is_outside_.assign(S_, 0);
  for (int s = 0; s < S_; ++s) {
    is_permanent_[s] = m_.stages[s].kind == StageKind::permanent;
    is_outside_[s] = m_.stages[s].outside;
  }
  top_target_.assign(S_, -1);
  multi_target_.assign(S_, 0);
  for (int s = 0; s < S_; ++s) {
    int low = S_;
    for (int e : m_.promotions_from[s]) {
      // An edge that needs a service this town does not staff can never be met.
      const CompiledPromotion& pr = m_.promotions[e];
      if (pr.service_required >= 0 && tw_.service_capacity[pr.service_required] <= 0) continue;
      top_target_[s] = std::max(top_target_[s], static_cast<int>(pr.to));
      low = std::min(low, static_cast<int>(pr.to));
    }
    // Only where waiting can end badly: on an outside stage, or one with a maximum stay.
    const bool at_risk = m_.stages[s].outside || m_.stages[s].max_stay_months > 0;
    if (top_target_[s] > low && at_risk) {
      multi_target_[s] = 1;
      max_top_ = std::max(max_top_, top_target_[s]);
    }
  }
  // Per-household bookkeeping only for what the scenario has: money where a cost is not 0 or
  // months are discounted; roofless months where a waiting list's points weigh them.
  auto nonzero = [](const std::vector<double>& v) {
    return std::any_of(v.begin(), v.end(), [](double x) { return x != 0; });
  };
  need_money_ = m_.discounting() || nonzero(tw_.stage_cost_by_profile) ||
                nonzero(tw_.service_cost_by_profile) || nonzero(tw_.stage_other_cost);
  need_roofless_ = false;
  for (const auto& stg : m_.stages)
    need_roofless_ = need_roofless_ || (stg.waiting_list == WaitingPolicy::points &&
                                        stg.priority_points.roofless_months != 0);
  double acc = 0;
  for (const auto& p : m_.profiles) {
    acc += p.share;
    profile_cut_.push_back(
        static_cast<std::uint64_t>(std::llround(std::min(acc, 1.0) * 4294967296.0)));
  }
}

void HouseholdSim::populate_initial() {
  // Counts per profile by largest remainder of the shares; within a stage the profiles are
  // then put in a random order (Fisher-Yates, keyed to the replication and the stage) before
  // the households are numbered, so that number order, which decides who comes first in
  // steps 4c-d and in ties, carries no information about the profile (docs/model.md).
  const int P = static_cast<int>(m_.profiles.size());
  std::vector<std::uint8_t> order;
  std::vector<unsigned> bits;
  std::vector<int> start;
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
    order.clear();
    for (int p = 0; p < P; ++p) order.insert(order.end(), count[p], static_cast<std::uint8_t>(p));
    // The draws are made in SIMD batches (batch_draws): the same words as st_.draw's.
    for (std::uint32_t k = 0; k + 1 < order.size(); ++k) {
      // Position k takes one of positions k..n-1: word 0 scaled to the n - k choices.
      if (k % kBlock == 0)
        batch_draws(k, std::min<std::size_t>(kBlock, order.size() - 1 - k),
                    static_cast<std::uint32_t>(s), kNumbering);
      const std::uint64_t left = order.size() - k;
      std::swap(order[k],
                order[k + ((static_cast<std::uint64_t>(u_job_[k % kBlock]) * left) >> 32)]);
    }
    select_cohorts(s, order, bits, start);
    for (std::size_t k = 0; k < order.size(); ++k) {
      const int p = order[k];
      std::uint32_t i = new_slot();
      // Numbers are given in order, so a batch's are consecutive: word 1 of (number, 0).
      if (k % kBlock == 0)
        batch_draws(id_of(i), std::min<std::size_t>(kBlock, order.size() - k), 0, kAttributes);
      init_household(i, 0, p, u_month_[k % kBlock] < m_.profiles[p].employed_at_entry, s, bits[k]);
      if (start[k] != s) {
        // A cohort placed elsewhere at month 0 (start_stage): in need all the same (its
        // initial stage is not permanent), so a permanent start is reaching housing at 0.
        enter_stage(i, start[k], 0);
      } else if (is_permanent_[s]) {
        // Already housed at the start: not a household the ladder has to move, so it is
        // left out of the ladder's lease and stabilisation outcomes (reached_lease_share,
        // stabilized_share); the cohort outcomes count it (see docs/model.md).
        track_move(i, kNone, s, 0);
        hh_[i].cohorts |= kNotInNeed;
        Household& h = hh_[i];
        h.flags |= kReached;
        h.stabilized = 1;
        h.stage = static_cast<std::uint8_t>(s);
        rekey(i);
        ++occ_[s];
        ++occ_by_profile_[static_cast<std::size_t>(s) * P_ + p];
        out_.housed_at_start += 1;
        out_.profile_housed_at_start[p] += 1;
      } else {
        enter_stage(i, s, 0);
      }
    }
  }
}

void HouseholdSim::select_cohorts(int s, const std::vector<std::uint8_t>& profiles,
                                  std::vector<unsigned>& bits, std::vector<int>& start) {
  const std::size_t n = profiles.size();
  bits.assign(n, 0);
  start.assign(n, s);
  std::vector<std::uint32_t> perm;
  std::vector<std::uint8_t> taken;
  for (std::size_t c = 0; c < m_.cohorts.size(); ++c) {
    const CompiledCohort& co = m_.cohorts[c];
    if (co.initial_stage != s) continue;
    const unsigned bit = 1u << (kBuiltinCohorts + c);
    if (co.count > 0) {
      if (perm.empty()) {
        // One keyed random order of the stage's households (Fisher-Yates; the stream of the
        // town and replication, so the same in every variant): counted cohorts take their
        // households from it in file order, each the first `count` not yet taken.
        perm.resize(n);
        std::iota(perm.begin(), perm.end(), 0u);
        for (std::uint32_t k = 0; k + 1 < n; ++k) {
          const auto r = st_.draw(k, static_cast<std::uint32_t>(s), kSelection);
          const std::uint64_t left = n - k;
          std::swap(perm[k], perm[k + ((static_cast<std::uint64_t>(r[0]) * left) >> 32)]);
        }
        taken.assign(n, 0);
      }
      int need = co.count;
      for (std::size_t k = 0; k < n && need > 0; ++k) {
        const std::uint32_t pos = perm[k];
        if (taken[pos] || (co.profile >= 0 && profiles[pos] != co.profile)) continue;
        taken[pos] = 1;
        bits[pos] |= bit;
        --need;
      }
    }
    if (co.start_stage < 0 || co.start_stage == s) continue;
    // The first cohort in file order that places a household elsewhere decides where.
    for (std::size_t k = 0; k < n; ++k) {
      const bool in =
          co.count > 0 ? (bits[k] & bit) != 0 : co.profile < 0 || profiles[k] == co.profile;
      if (in && start[k] == s) start[k] = co.start_stage;
    }
  }
}

// Step 2: arrivals (their rate is step 1's schedule for month t).
void HouseholdSim::arrivals(int t) {
  const std::int64_t n = poisson_arrivals(st_, t, tw_.arrival_rate[t]);
  for (std::int64_t k = 0; k < n; ++k) {
    admit(new_slot(), t);
  }
}

int HouseholdSim::admit(std::uint32_t i, int t) {
  auto r = st_.draw(id_of(i), static_cast<std::uint32_t>(t), kAttributes);
  const int p = pick_profile(r[0]);
  init_household(i, t, p, r[1] < m_.profiles[p].employed_at_entry, -1);
  const std::vector<std::uint8_t>& entry = tw_.entry_by_profile[p];
  const int s = first_free(entry);
  if (s != entry[0]) {
    out_.entry_fallbacks += 1;
    out_.profile_entry_fallbacks[p] += 1;
  }
  enter_stage(i, s, t);
  out_.arrivals += 1;
  out_.profile_arrivals[p] += 1;
  out_.arrivals_to[s] += 1;
  count_flow(flows_.arrival(0, s), p);
  if (is_permanent_[s]) out_.housing_placements[t] += 1;
  return s;
}

// Step 3: services, releases then allocation, in scenario order.
void HouseholdSim::services(int t) {
  for (int v = 0; v < V_; ++v) {
    // A town without staff for a service never engages anyone in it and reports nobody
    // waiting for it (see docs/model.md): there is nothing to do for it, ever.
    if (tw_.service_capacity[v] <= 0) continue;
    const CompiledService& sv = m_.services[v];
    const std::uint8_t bit = static_cast<std::uint8_t>(1u << v);
    std::int32_t* until = svc_until_[v].data();
    std::int32_t* wait = svc_wait_since_[v].data();
    scratch_.clear();
    for (std::size_t idx = 0; idx < n_; ++idx) {
      const std::uint32_t i = static_cast<std::uint32_t>(idx);
      Household& h = hh_[i];
      if (h.stage == kNone) continue;
      const bool eligible = (sv.eligible_stage_mask >> h.stage) & 1u;
      if (h.svc_mask & bit) {
        if (sv.engagement_months > 0 && t >= until[i]) {
          h.svc_mask &= static_cast<std::uint8_t>(~bit);
          h.svc_done |= bit;
          disengage(i, v);
          rekey(i);
          if (need_money_) add_cost(money_[i], service_cost(h.profile, v), svc_since_[v][i], t);
        } else if (!eligible) {
          h.svc_mask &= static_cast<std::uint8_t>(~bit);
          disengage(i, v);
          rekey(i);
          if (need_money_) add_cost(money_[i], service_cost(h.profile, v), svc_since_[v][i], t);
        }
      }
      if (h.svc_mask & bit) continue;
      if (!eligible) {
        wait[i] = -1;
        continue;
      }
      if (wait[i] < 0) wait[i] = t;
      scratch_.push_back(i);
    }
    std::int64_t free = tw_.service_capacity[v] - engaged_[v];
    if (free > 0 && !scratch_.empty()) {
      auto before = [&](std::uint32_t a, std::uint32_t b) {
        switch (sv.priority) {
          case ServicePriority::highest_arrears:
            if (hh_[a].arrears != hh_[b].arrears) return hh_[a].arrears > hh_[b].arrears;
            break;
          case ServicePriority::families_first: {
            bool fa = m_.profiles[hh_[a].profile].children > 0;
            bool fb = m_.profiles[hh_[b].profile].children > 0;
            if (fa != fb) return fa;
            break;
          }
          case ServicePriority::fifo:
            break;
        }
        if (wait[a] != wait[b]) return wait[a] < wait[b];
        return a < b;  // slot order is household-number order
      };
      std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(free), scratch_.size());
      std::partial_sort(scratch_.begin(), scratch_.begin() + take, scratch_.end(), before);
      for (std::size_t k = 0; k < take; ++k) {
        std::uint32_t i = scratch_[k];
        hh_[i].svc_mask |= bit;
        rekey(i);
        until[i] = t + sv.engagement_months;
        wait[i] = -1;
        svc_since_[v][i] = t;
        ++engaged_[v];
        ++engaged_by_profile_[static_cast<std::size_t>(v) * P_ + hh_[i].profile];
      }
      out_.service_waiting_sum[v] += static_cast<double>(scratch_.size() - take);
    } else {
      out_.service_waiting_sum[v] += static_cast<double>(scratch_.size());
    }
    out_.service_case_months[v] += static_cast<double>(engaged_[v]);
    double cost = static_cast<double>(engaged_[v]) * tw_.service_cost[v];
    if (tw_.service_cost_varies[v]) {
      cost = 0;
      for (int p = 0; p < P_; ++p)
        cost += static_cast<double>(engaged_by_profile_[static_cast<std::size_t>(v) * P_ + p]) *
                service_cost(p, v);
    }
    out_.service_cost[v] += cost;
    const std::size_t yl =
        static_cast<std::size_t>((t - 1) / 12) * static_cast<std::size_t>(S_ + V_ + 1) + S_ + v;
    out_.cost_by_year[yl] += cost;
    if (m_.discounting()) {
      out_.cost_discounted += cost * m_.discount[t];
      out_.cost_by_year_discounted[yl] += cost * m_.discount[t];
    }
  }
}

// Step 4: each household, in id order (4a-f).
template <bool kMayBeEmpty>
void HouseholdSim::households_of(int t) {
  // Step 4 for every household in number order. The draws of a batch of households are made
  // first (SIMD Philox); the loop then reads the household's record and its row, does steps
  // 4a and 4b without branches and tests in one branch whether anything rarer happens this
  // month (an eviction or expiry, an application, an exit, a stabilisation). If not, step 4f
  // is two stores; if so, eventful_step() does 4c-f as docs/model.md writes them. Steps 4a-b
  // of one household read nothing another household's 4c-f writes, so the order is unchanged.
  const std::uint32_t month = static_cast<std::uint32_t>(t);
  const detail::PhiloxKey key{st_.key[0], st_.key[1]};
  const StepRow* const rows = m_.step_rows.data();
  // A local pointer: byte stores may alias anything, and through hh_ the compiler would
  // reload the vector's pointer after each of them.
  Household* const hh = hh_.data();
  app_buffer_.clear();
  std::uint64_t hm = 0;
  for (std::size_t b0 = 0; b0 < n_; b0 += kBlock) {
    const std::size_t bn = std::min(kBlock, n_ - b0);
    if (ids_are_slots_)
      batch_draws(static_cast<std::uint32_t>(b0), bn, month, kBehaviour);
    else
      detail::philox_first3(&id_[b0], bn, month, kBehaviour, key, u_job_, u_month_, u_exit_);
    std::size_t gone = 0;
    Household* h = hh + b0;
    for (std::size_t k = 0; k < bn; ++k, ++h) {
      // Fields are read and written one by one: copying the record whole makes the compiler
      // take it apart and put it together again with shifts.
      // The records stream from L3 once N is past a few ten thousand: ask for the line
      // four ahead (measured: +7-10 % on the 16-core Intel host, neutral on the 2-core EPYC).
      __builtin_prefetch(h + 8, 1);
      if constexpr (kMayBeEmpty) {
        if (h->stage == kNone) [[unlikely]] {
          ++gone;
          continue;
        }
      }
      const StepRow& r = rows[h->key];
      // 4a. employment: the draw below job_loss (employed) or job_gain (not) flips it; the
      // row holds both, indexed by employment.
      const unsigned was = h->employed;
      const unsigned employed = static_cast<unsigned>(u_job_[k] < r.below[was]) ^ was;
      // 4b. a good month (rent paid where due, else compliance): streak + 1, arrears paid
      // down; a bad one: streak 0, arrears + 1 where rent is due. Counters stay below 2^16
      // (months are at most 65534), so no saturation is needed.
      const unsigned good = u_month_[k] < r.below[2 + employed];
      const unsigned streak = keep_if(good, h->streak + 1u);
      const unsigned arrears =
          choose(good, clamp_at_zero(static_cast<int>(h->arrears) - r.repay), h->arrears + r.rent);
      const int months = h->months;
      const int run = static_cast<int>(keep_if(r.permanent, h->run + 1u));  // as after 4f
      h->employed = static_cast<std::uint8_t>(employed);
      h->streak = static_cast<std::uint16_t>(streak);
      h->arrears = static_cast<std::uint16_t>(arrears);
      // 4c-f: anything rarer? 4c an eviction or expiry; 4d an application; 4e an exit; 4f a
      // stabilisation.
      const int evict = at_least(static_cast<int>(arrears), r.arrears_m1);
      const int expire = at_least(months, r.stay_m1);
      // The row knows whether an application is pending (no 4d then) and whether the
      // household has stabilised (no 4f stabilisation); outside a permanent stage run is 0,
      // below the stabilisation limit, which is at least 1.
      const int apply = at_least(months, r.apply_months_m1) &
                        at_least(static_cast<int>(streak), r.apply_streak_m1);
      const int stabilize = at_least(run, r.stable_m1);
      const unsigned exits = u_exit_[k] < r.below[4];
      unsigned rare = flag(evict | expire | apply | stabilize) | exits;
      keep_one_branch(rare);
      if (rare) [[unlikely]] {
        if (eventful_step(static_cast<std::uint32_t>(b0 + k), static_cast<unsigned>(months), exits,
                          t))
          app_buffer_.push_back(static_cast<std::uint32_t>(b0 + k));
        continue;
      }
      // 4f. months in stage; consecutive months in a permanent stage
      h->months = static_cast<std::uint16_t>(months + 1);
      h->run = static_cast<std::uint16_t>(run);
    }
    hm += bn - gone;
  }
  household_months_ += hm;
  for (const std::uint32_t i : app_buffer_) {
    // An application made and withdrawn (exit) in the same month is simply stale.
    const Household& h = hh_[i];
    if (h.app_target != kNone) enlist(h.app_target, {i, h.app_seq});
    if (h.flags & kHasFallback) enlist(cold_[i].alt.target, {i, cold_[i].alt.seq});
  }
}

bool HouseholdSim::eventful_step(std::uint32_t i, unsigned months, bool exits, int t) {
  Household& h = hh_[i];
  // An exit of a household that reached housing reads its Cold line (finalize()): ask for it
  // now, so that the steps before overlap the wait.
  if (exits && reached(h)) __builtin_prefetch(&cold_[i]);
  // 4c. eviction on arrears, else expiry of the maximum stay
  const int s = h.stage;
  const StageRule& was = m_.stage_rules[s];
  const bool evicted = h.arrears >= was.arrears_limit;
  if (evicted || months >= was.max_stay) {
    demote(i, s, evicted, t);
    months = 0;
  }
  const int cur = h.stage;
  const StageRule& now = m_.stage_rules[cur];
  // 4d. application: first matching edge in scenario order
  bool applied = false;
  if (h.app_target == kNone && months >= now.apply_months && h.streak >= now.apply_streak)
    applied = apply(i, cur, months, t);
  // 4e. exit (with the probability of the stage the month began in: decided by the caller)
  if (exits) {
    exit_household(i, cur, t);
    return applied;
  }
  // 4f. months in stage; consecutive months in a permanent stage; stabilisation
  h.months = static_cast<std::uint16_t>(months + 1);
  h.run = static_cast<std::uint16_t>(now.permanent ? h.run + 1 : 0);
  if (now.permanent && !h.stabilized && stabilizes(h.run)) {
    h.stabilized = 1;
    rekey(i);
    out_.stabilized += 1;
    out_.profile_stabilized[h.profile] += 1;
  }
  return applied;
}

void HouseholdSim::demote(std::uint32_t i, int s, bool eviction, int t) {
  const CompiledStage& stg = m_.stages[s];
  const int d = first_free(eviction ? stg.on_arrears : stg.on_expiry);
  vacate(i, s);
  enter_stage(i, d, t);
  const std::size_t f = static_cast<std::size_t>(s) * S_ + d;
  if (eviction) {
    out_.evictions += 1;
    out_.profile_evictions[hh_[i].profile] += 1;
    out_.demotion_flow[f] += 1;
  } else {
    out_.expiries += 1;
    out_.profile_expiries[hh_[i].profile] += 1;
    out_.expiry_flow[f] += 1;
  }
  count_move(eviction ? 1 : 2, s, d, hh_[i].profile);
  Household& h = hh_[i];
  out_.demotions += 1;
  out_.profile_demotions[h.profile] += 1;
  if (m_.stages[d].outside && !stg.outside) {
    out_.returns_to_street += 1;
    out_.profile_returns_to_street[h.profile] += 1;
  }
  h.arrears = h.streak = h.months = 0;
  withdraw(i);
}

std::pair<int, int> HouseholdSim::best_targets(std::uint32_t i, int stage, unsigned months) const {
  const Household& h = hh_[i];
  int best = -1, next = -1;
  for (int e : m_.promotions_from[stage]) {
    const CompiledPromotion& pr = m_.promotions[e];
    if (months < pr.min_months_in_stage || h.streak < pr.min_streak || h.arrears > pr.max_arrears ||
        (pr.employment_required && !h.employed))
      continue;
    if (pr.service_required >= 0 && !(((h.svc_mask | h.svc_done) >> pr.service_required) & 1u))
      continue;
    const int to = pr.to;
    if (to > best) {
      next = best;
      best = to;
    } else if (to < best && to > next) {
      next = to;
    }
  }
  return {best, next};
}

bool HouseholdSim::apply(std::uint32_t i, int stage, unsigned months, int t) {
  const auto [target, next] = best_targets(i, stage, months);
  if (target < 0) return false;
  Household& h = hh_[i];
  h.app_target = static_cast<std::uint8_t>(target);
  h.app_seq = next_seq_++;
  h.app_month = static_cast<std::uint16_t>(t);
  rekey(i);
  ++pending_[target];
  if (next >= 0) add_fallback(i, next, t);
  return true;
}

void HouseholdSim::add_fallback(std::uint32_t i, int target, int t) {
  cold_[i].alt = {next_seq_++, static_cast<std::uint16_t>(t), static_cast<std::uint8_t>(target)};
  hh_[i].flags |= kHasFallback;
  ++pending_[target];
}

// The end of step 4 (docs/model.md, step 4d, "a better route"), in household-number order:
// a household with a pending application, on an outside stage or one with a maximum stay
// whose edges lead to two or more targets, that now meets an edge to a higher target (a service
// engaged in step 3 opened it, its months or streak grew) applies there, keeping its old
// application, place and all, as its fallback; one without a fallback that now meets an edge to a
// lower target than its application applies there as its fallback. Only pending applications are
// looked at (the waiting lists), so the household loop is unchanged.
void HouseholdSim::reconsider(int t) {
  scratch_.clear();
  for (int T = 0; T < S_; ++T) {
    if (pending_[T] == 0) continue;
    const auto& list = lists_[T];
    for (std::size_t j = list_head_[T]; j < list.size(); ++j) {
      const Applicant& a = list[j];
      const Household& h = hh_[a.slot];
      // Each household once, by its best application.
      if (h.app_target != T || h.app_seq != a.seq || !multi_target_[h.stage]) continue;
      if (T < top_target_[h.stage] || !(h.flags & kHasFallback)) scratch_.push_back(a.slot);
    }
  }
  if (scratch_.empty()) return;
  std::sort(scratch_.begin(), scratch_.end());  // slot order is household-number order
  for (const std::uint32_t i : scratch_) {
    Household& h = hh_[i];
    Fallback& f = cold_[i].alt;
    // Step 4f has counted this month: months in stage at 4d is one less.
    const auto [best, next] = best_targets(i, h.stage, h.months - 1u);
    const int now = h.app_target;
    if (best > now) {
      if (h.flags & kHasFallback) --pending_[f.target];
      f = {h.app_seq, h.app_month, h.app_target};  // keeps its place on that list
      h.flags |= kHasFallback;
      h.app_target = static_cast<std::uint8_t>(best);
      h.app_seq = next_seq_++;
      h.app_month = static_cast<std::uint16_t>(t);
      ++pending_[best];
      enlist(best, {i, h.app_seq});
    } else if (!(h.flags & kHasFallback) && next >= 0 && next < now) {
      add_fallback(i, next, t);
      enlist(next, {i, f.seq});
    }
  }
}

void HouseholdSim::exit_household(std::uint32_t i, int cur, int t) {
  Household& h = hh_[i];
  // Where it goes: 0 own housing, 1 an institution, 2 unknown (a stream of its own, drawn
  // only where a profile gives destinations, so other draws are unchanged).
  int dest = 2;
  const CompiledProfile& pf = m_.profiles[h.profile];
  if (pf.exit_institution > 0) {
    const std::uint32_t u = st_.draw(id_of(i), static_cast<std::uint32_t>(t), kExitDestination)[0];
    dest = u < pf.exit_own ? 0 : u < pf.exit_institution ? 1 : 2;
  }
  finalize(i, t, dest);
  vacate(i, cur);
  withdraw(i);
  for (int v = 0; v < V_; ++v)
    if (h.svc_mask & (1u << v)) disengage(i, v);
  h.svc_mask = 0;
  out_.exits += 1;
  out_.profile_exits[h.profile] += 1;
  out_.exits_from[cur] += 1;
  count_flow(flows_.exit(0, cur, dest), h.profile);
  if (!reached(h)) {
    out_.exit_at[std::min(M_, t - h.entry_month)] += 1;
    out_.profile_exit_at[h.profile * (M_ + 1) + std::min(M_, t - h.entry_month)] += 1;
  }
  h.stage = kNone;
  --alive_;
  ++exited_total_;
  if (!tw_.replace_exits) {
    ++dead_;
    return;
  }
  // 4e: the replacement takes the slot and the number at once and steps from next month.
  if (is_permanent_[admit(i, t)]) h.run = 1;
}

// Step 5: placements, from the top stage down.
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
      Household& h = hh_[i];
      const int from = h.stage;
      const int waited = t - applied_in(i, T);
      vacate(i, from);
      withdraw(i);  // both applications
      enter_stage(i, T, t);
      h.months = 0;
      if (is_permanent_[T]) {
        if (!is_permanent_[from]) h.run = 1;
      } else {
        h.run = 0;
      }
      out_.promotion_flow[static_cast<std::size_t>(from) * S_ + T] += 1;
      count_move(0, from, T, h.profile);
      if (is_permanent_[T] && !is_permanent_[from]) out_.housing_placements[t] += 1;
      out_.promotions_to[T] += 1;
      out_.placements += 1;
      out_.waiting_months_placed += waited;
      out_.profile_placements[h.profile] += 1;
      out_.profile_waiting_months_placed[h.profile] += waited;
    };
    const WaitingPolicy policy = m_.stages[T].waiting_list;
    if (policy == WaitingPolicy::fifo) {
      // A placement into housing from outside it also writes the household's Cold line
      // (track_housing): ask for that too.
      const bool into_housing = is_permanent_[T];
      while (free > 0 && head < list.size()) {
        // The applicants' records lie at random slots: ask for the ones a few places on.
        if (head + kListAhead < list.size()) {
          const std::uint32_t ahead = list[head + kListAhead].slot;
          __builtin_prefetch(&hh_[ahead]);
          if (into_housing) __builtin_prefetch(&cold_[ahead]);
        }
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
      const PriorityPoints& weight = m_.stages[T].priority_points;
      auto points = [&](std::uint32_t i) {
        const Household& h = hh_[i];
        // Kept only where some weight is not 0 (build_tables); elsewhere 0 weighs it.
        int roofless = 0;
        if (need_roofless_) {
          const Roofless& r = roofless_[i];
          roofless = r.before + (r.since >= 0 ? t - r.since : 0);
        }
        return weight.waiting_months * (t - applied_in(i, T)) +
               weight.children * m_.profiles[h.profile].children +
               weight.roofless_months * roofless + weight.arrears_months * h.arrears;
      };
      auto key_before = [&](const Applicant& a, const Applicant& b) {
        const Household &ha = hh_[a.slot], &hb = hh_[b.slot];
        if (policy == WaitingPolicy::points) {
          const double pa = points(a.slot), pb = points(b.slot);
          if (pa != pb) return pa > pb;
        } else if (policy == WaitingPolicy::longest_streak) {
          if (ha.streak != hb.streak) return ha.streak > hb.streak;
        } else {
          bool fa = m_.profiles[ha.profile].children > 0;
          bool fb = m_.profiles[hb.profile].children > 0;
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

// Step 6 (and the start, month 0): end-of-month accounting.
void HouseholdSim::account(int t) {
  const std::size_t M1 = static_cast<std::size_t>(M_) + 1;
  for (int s = 0; s < S_; ++s) {
    const double o = static_cast<double>(occ_[s]);
    out_.occupancy[s * M1 + t] = o;
    out_.waiting[s * M1 + t] = static_cast<double>(pending_[s]);
    if (t > 0) {
      out_.occupancy_sum[s] += o;
      double cost = o * tw_.stage_cost[s];
      if (tw_.stage_cost_varies[s]) {
        cost = 0;
        for (int p = 0; p < P_; ++p)
          cost += static_cast<double>(occ_by_profile_[static_cast<std::size_t>(s) * P_ + p]) *
                  stage_cost(p, s);
      }
      out_.stage_cost[s] += cost;
      const double other = o * tw_.stage_other_cost[s];
      out_.other_cost[s] += other;
      const std::size_t yl =
          static_cast<std::size_t>((t - 1) / 12) * static_cast<std::size_t>(S_ + V_ + 1) + s;
      const std::size_t yo = yl - static_cast<std::size_t>(s) + static_cast<std::size_t>(S_ + V_);
      out_.cost_by_year[yl] += cost;
      out_.cost_by_year[yo] += other;
      if (m_.discounting()) {
        out_.cost_discounted += (cost + other) * m_.discount[t];
        out_.cost_by_year_discounted[yl] += cost * m_.discount[t];
        out_.cost_by_year_discounted[yo] += other * m_.discount[t];
      }
      if (m_.stages[s].outside) {
        out_.roofless_household_months += o;
        // Household-months on an outside stage by profile: whole numbers, so the same sum
        // as adding each household's months at its exit.
        for (int p = 0; p < P_; ++p)
          out_.profile_roofless_months[p] +=
              static_cast<double>(occ_by_profile_[static_cast<std::size_t>(s) * P_ + p]);
      }
    }
  }
  for (int v = 0; v < V_; ++v) out_.in_service[v * M1 + t] = static_cast<double>(engaged_[v]);
  if (opt_.by_profile_series) {
    for (std::size_t i = 0; i < n_; ++i) {
      const Household& h = hh_[i];
      if (h.stage == kNone) continue;
      const std::size_t row = static_cast<std::size_t>(h.profile) * S_;
      out_.profile_occupancy[(row + h.stage) * M1 + t] += 1;
      if (h.app_target != kNone) out_.profile_waiting[(row + h.app_target) * M1 + t] += 1;
      const int fallback = fallback_target(static_cast<std::uint32_t>(i));
      if (fallback != kNone) out_.profile_waiting[(row + fallback) * M1 + t] += 1;
    }
  }
  if (opt_.audit) {
    MonthAudit a{t, &occ_, &cap_, alive_, exited_total_, entered_total_};
    opt_.audit(a, opt_.audit_user);
  }
}

ReplicationOutcome HouseholdSim::run() {
  // Household counters are 16-bit and grow by at most one a month.
  if (M_ > 65534) throw std::invalid_argument("simulate: more than 65534 months");
  out_.resize(S_, V_, M_, m_.n_cohorts(), static_cast<int>(m_.profiles.size()));
  out_.flows_by_year.assign((static_cast<std::size_t>(M_) + 11) / 12 * flows_.block(), 0);
  out_.flows_by_month.assign(static_cast<std::size_t>(M_) * flows_.block(), 0);
  if (opt_.by_profile_series) {
    const std::size_t n = m_.profiles.size() * S_ * (static_cast<std::size_t>(M_) + 1);
    out_.profile_occupancy.assign(n, 0);
    out_.profile_waiting.assign(n, 0);
    out_.profile_flows_by_month.assign(
        m_.profiles.size() * static_cast<std::size_t>(M_) * flows_.block(), 0);
  }
  P_ = static_cast<int>(m_.profiles.size());
  occ_.assign(S_, 0);
  occ_by_profile_.assign(static_cast<std::size_t>(S_) * P_, 0);
  engaged_by_profile_.assign(static_cast<std::size_t>(V_) * P_, 0);
  pending_.assign(S_, 0);
  lists_.assign(S_, {});
  list_head_.assign(S_, 0);
  engaged_.assign(V_, 0);
  svc_until_.assign(V_, {});
  svc_wait_since_.assign(V_, {});
  svc_since_.assign(V_, {});
  build_tables();
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
    year_ = (t - 1) / 12;
    month_ = t - 1;
    for (int s = 0; s < S_; ++s) cap_[s] = tw_.capacity[s][t];  // 1. schedules
    arrivals(t);                                                // 2. arrivals
    if (V_) services(t);                                        // 3. services
    households(t);                                              // 4. each household, 4a-f
    if (max_top_ >= 0) reconsider(t);                           // 4d: a better route
    placements(t);                                              // 5. placements
    account(t);                                                 // 6. accounting
    // Not a step of the model: exited households' slots cost a pass in every month's loops,
    // so drop them once they are a quarter of all slots (each slot is then moved a bounded
    // number of times).
    if (dead_ >= 64 && dead_ * 4 > n_) compact();
  }
  for (int s = 0; s < S_; ++s) out_.occupancy_end[s] = static_cast<double>(occ_[s]);
  for (std::size_t i = 0; i < n_; ++i) {
    const Household& h = hh_[i];
    if (h.stage == kNone) continue;
    if (!reached(h)) {
      out_.censored_at[M_ - h.entry_month] += 1;
      out_.profile_censored_at[h.profile * (M_ + 1) + M_ - h.entry_month] += 1;
    }
    if (m_.stages[h.stage].outside) out_.profile_roofless_end[h.profile] += 1;
  }
  for (std::size_t i = 0; i < n_; ++i)
    if (hh_[i].stage != kNone) finalize(static_cast<std::uint32_t>(i), M_ + 1, -1);
  return std::move(out_);
}

}  // namespace

void ReplicationOutcome::resize(int stages, int services, int m, int cohort_count, int profiles) {
  n_stages = stages;
  n_cohorts = cohort_count;
  cohorts.assign(static_cast<std::size_t>(cohort_count) * kCohortFields, 0);
  n_services = services;
  months = m;
  n_profiles = profiles;
  for (auto* v : profile_counts()) v->assign(static_cast<std::size_t>(profiles), 0);
  const std::size_t S = stages, V = services, M1 = static_cast<std::size_t>(m) + 1;
  const std::size_t P = static_cast<std::size_t>(profiles);
  for (auto* v : profile_detail()) v->assign(P, 0);
  profile_lease_at.assign(P * M1, 0);
  profile_exit_at.assign(P * M1, 0);
  profile_censored_at.assign(P * M1, 0);
  profile_cohort.assign(P * kCohortFields, 0);
  roofless_length.assign(static_cast<std::size_t>(cohort_count) * M1, 0);
  profile_roofless_length.assign(P * M1, 0);
  profile_occupancy.clear();  // only with SimulateOptions::by_profile_series
  profile_waiting.clear();
  profile_flows_by_month.clear();
  promotions_to.assign(S, 0);
  occupancy_end.assign(S, 0);
  occupancy_sum.assign(S, 0);
  stage_cost.assign(S, 0);
  other_cost.assign(S, 0);
  service_case_months.assign(V, 0);
  service_waiting_sum.assign(V, 0);
  service_cost.assign(V, 0);
  const std::size_t years = (static_cast<std::size_t>(m) + 11) / 12;
  cost_by_year.assign(years * (S + V + 1), 0);
  cost_by_year_discounted.assign(years * (S + V + 1), 0);
  promotion_flow.assign(S * S, 0);
  demotion_flow.assign(S * S, 0);
  expiry_flow.assign(S * S, 0);
  arrivals_to.assign(S, 0);
  exits_from.assign(S, 0);
  flows_by_year.clear();  // sized by the engine (flow_layout)
  flows_by_month.clear();
  occupancy.assign(S * M1, 0);
  waiting.assign(S * M1, 0);
  in_service.assign(V * M1, 0);
  housing_placements.assign(M1, 0);
  lease_at.assign(M1, 0);
  exit_at.assign(M1, 0);
  censored_at.assign(M1, 0);
}

void ReplicationOutcome::add(const ReplicationOutcome& o) {
  if (n_stages == 0 && months == 0)
    resize(o.n_stages, o.n_services, o.months, o.n_cohorts, o.n_profiles);
  if (o.n_stages != n_stages || o.n_services != n_services || o.months != months ||
      o.n_cohorts != n_cohorts || o.n_profiles != n_profiles)
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
  sum(other_cost, o.other_cost);
  sum(service_case_months, o.service_case_months);
  sum(service_waiting_sum, o.service_waiting_sum);
  sum(service_cost, o.service_cost);
  cost_discounted += o.cost_discounted;
  sum(cost_by_year, o.cost_by_year);
  sum(cost_by_year_discounted, o.cost_by_year_discounted);
  sum(promotion_flow, o.promotion_flow);
  sum(demotion_flow, o.demotion_flow);
  sum(expiry_flow, o.expiry_flow);
  sum(arrivals_to, o.arrivals_to);
  sum(exits_from, o.exits_from);
  for (auto [mine, theirs] : {std::pair{&flows_by_year, &o.flows_by_year},
                              std::pair{&flows_by_month, &o.flows_by_month}}) {
    if (mine->empty())
      *mine = *theirs;
    else if (mine->size() == theirs->size())
      sum(*mine, *theirs);
    else if (!theirs->empty())
      throw std::logic_error("ReplicationOutcome::add: shapes differ");
  }
  sum(occupancy, o.occupancy);
  sum(waiting, o.waiting);
  sum(in_service, o.in_service);
  sum(housing_placements, o.housing_placements);
  sum(lease_at, o.lease_at);
  sum(exit_at, o.exit_at);
  sum(censored_at, o.censored_at);
  const auto mine = profile_counts();
  const auto theirs = o.profile_counts();
  for (std::size_t k = 0; k < mine.size(); ++k) sum(*mine[k], *theirs[k]);
  const auto detail = profile_detail();
  const auto other = o.profile_detail();
  for (std::size_t k = 0; k < detail.size(); ++k) {
    // The monthly series by profile are empty unless asked for: an empty sum takes the other.
    if (detail[k]->empty())
      *detail[k] = *other[k];
    else if (detail[k]->size() == other[k]->size())
      sum(*detail[k], *other[k]);
    else if (!other[k]->empty())
      throw std::logic_error("ReplicationOutcome::add: shapes differ");
  }
  sum(cohorts, o.cohorts);
  sum(roofless_length, o.roofless_length);
}

ReplicationOutcome simulate(const CompiledModel& m, int town, int replication,
                            const SimulateOptions& opt) {
  HouseholdSim sim(m, town, replication, opt);
  ReplicationOutcome out = sim.run();
  if (opt.household_months) *opt.household_months = sim.household_months();
  return out;
}

}  // namespace prostup

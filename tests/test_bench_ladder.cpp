// SPDX-License-Identifier: Apache-2.0
// bench-ladder-1 (docs/benchmark-model.md) run by the engine from
// benchmarks/bench-ladder-1.json agrees, month by month and exactly, with an independent,
// step-by-step implementation of the benchmark's rules written here.
//
// Exact agreement needs the same random draws, so the reference uses the engine's documented
// streams (docs/model.md, "Randomness"), not its code:
// - key: h = splitmix64(seed ^ splitmix64(town_key ^ splitmix64(replication + 1))), where
//   town_key is the FNV-1a hash of the town id; key = {low 32 bits of h, high 32 bits};
// - a household's month t: Philox4x32-10 of counter {household number, t, 0, 0}; word 0
//   decides employment, word 1 rent or compliance, word 2 exit;
// - a household entering in month t (a replacement): counter {number, t, 1, 0}; word 0 picks
//   the profile by the shares (the first profile whose cumulative share, as a threshold, is
//   above it), word 1 employment at entry (never: nobody is employed at entry here);
// - an event of probability p happens when the word is below round(p * 2^32).
// Household numbers: the initial population stage by stage (street, shelter, hostel), each
// stage's profiles with counts by largest remainder of the shares, put in the keyed random
// order of docs/model.md (counter {position, stage, 3, 0}); a replacement
// takes the number of the household it replaces. Where docs/benchmark-model.md is silent (which
// profile a replacement has), this is the engine's documented choice.
#include <Random123/philox.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <deque>
#include <fstream>
#include <numeric>
#include <sstream>
#include <vector>

#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/scenario_json.hpp"
#include "test_files.hpp"

using namespace prostup;

namespace {

// ---- The reference: docs/benchmark-model.md's rules, one household at a time. ----

constexpr int kStreet = 0, kShelter = 1, kHostel = 2, kTraining = 3, kLease = 4, kStages = 5;

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h = (h ^ c) * 1099511628211ULL;
  }
  return h;
}

std::uint64_t below(double p) {  // the threshold of an event with probability p
  return static_cast<std::uint64_t>(std::llround(p * 4294967296.0));
}

struct ReferenceHousehold {
  int profile = 0, stage = kStreet;
  bool employed = false;
  int streak = 0, arrears = 0, months_in_stage = 0;
  int applied_to = -1;  // target stage of the pending application, -1 = none
  int entry_month = 0;  // arrival (0 for the initial population)
  bool reached_lease = false;
  int first_step = 1;  // a replacement steps from the month after it arrives
};

// Everything measured, cumulative up to and including each month m (index m, 0..M).
struct ReferenceResult {
  std::vector<std::array<long, kStages>> occupancy;      // end of month
  std::vector<std::array<long, kStages>> promotions_to;  // by target stage
  std::vector<long> demotions, exits;
  std::vector<long> months_to_lease;  // first reaching stage 4, by months since arrival
};

ReferenceResult reference_run(int n, int months, std::uint64_t seed, int replication,
                              const std::string& town_id) {
  // Rules of docs/benchmark-model.md.
  const long capacity[kStages] = {-1, std::lround(0.15 * n), std::lround(0.25 * n),
                                  std::lround(0.10 * n), std::lround(0.30 * n)};
  const double share[3] = {0.3333333333333333, 0.3333333333333333, 0.3333333333333334};
  const double p_gain[3] = {0.05, 0.03, 0.02}, p_loss[3] = {0.03, 0.05, 0.08};
  const double p_pay[3][2] = {{0.85, 0.97}, {0.80, 0.95}, {0.70, 0.90}};
  const double p_comply[3] = {0.90, 0.85, 0.75}, p_exit = 0.01;
  const int need_streak[4] = {3, 3, 6, 12}, need_months[4] = {1, 2, 6, 12};

  const std::uint64_t h = splitmix64(
      seed ^ splitmix64(fnv1a(town_id) ^ splitmix64(static_cast<std::uint64_t>(replication) + 1)));
  const r123::Philox4x32::key_type key = {
      {static_cast<std::uint32_t>(h), static_cast<std::uint32_t>(h >> 32)}};
  r123::Philox4x32 philox;
  auto draw = [&](std::uint32_t number, int month, std::uint32_t purpose) {
    const r123::Philox4x32::ctr_type c = {{number, static_cast<std::uint32_t>(month), purpose, 0}};
    return philox(c, key);
  };

  // Initial state: shelter and hostel full, the rest on the street; equal profile shares.
  std::vector<ReferenceHousehold> hh;
  const long initial[3] = {n - capacity[kShelter] - capacity[kHostel], capacity[kShelter],
                           capacity[kHostel]};
  for (int stage = 0; stage < 3; ++stage) {
    const long count = initial[stage];
    long per_profile[3], given = 0;
    std::vector<std::pair<double, int>> remainder;  // largest remainder first, then order
    for (int p = 0; p < 3; ++p) {
      const double exact = static_cast<double>(count) * share[p];
      per_profile[p] = static_cast<long>(std::floor(exact));
      given += per_profile[p];
      remainder.push_back({exact - static_cast<double>(per_profile[p]), p});
    }
    std::stable_sort(remainder.begin(), remainder.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (int k = 0; given < count; ++k, ++given) ++per_profile[remainder[k % 3].second];
    // The profiles in blocks, then shuffled (docs/model.md): position k swaps with position
    // k + floor(word 0 * (count - k) / 2^32) of counter {k, stage, 3, 0}, k = 0..count-2.
    std::vector<int> order;
    for (int p = 0; p < 3; ++p) order.insert(order.end(), per_profile[p], p);
    for (std::uint32_t k = 0; k + 1 < order.size(); ++k) {
      const std::uint64_t word = draw(k, stage, 3)[0];
      std::swap(order[k], order[k + ((word * (order.size() - k)) >> 32)]);
    }
    for (int p : order) {
      ReferenceHousehold x;
      x.profile = p;
      x.stage = stage;
      hh.push_back(x);
    }
  }

  std::array<long, kStages> occupancy{};
  for (const auto& x : hh) ++occupancy[x.stage];
  std::deque<std::uint32_t> waiting[kStages];  // FIFO per target stage, oldest first
  auto withdraw = [&](std::uint32_t id) {
    ReferenceHousehold& x = hh[id];
    if (x.applied_to < 0) return;
    auto& list = waiting[x.applied_to];
    list.erase(std::find(list.begin(), list.end(), id));
    x.applied_to = -1;
  };
  auto arrive_in_stage = [&](std::uint32_t id, int stage, int month) {
    ReferenceHousehold& x = hh[id];
    --occupancy[x.stage];
    x.stage = stage;
    ++occupancy[stage];
    if (stage == kLease && !x.reached_lease) {
      x.reached_lease = true;
      return month - x.entry_month;  // months to first reaching stage 4
    }
    return -1;
  };

  ReferenceResult out;
  out.occupancy.push_back(occupancy);
  out.promotions_to.push_back({});
  out.demotions.push_back(0);
  out.exits.push_back(0);
  out.months_to_lease.assign(months + 1, 0);
  std::array<long, kStages> promotions{};
  long demotions = 0, exits = 0;
  auto reached = [&](int d) {
    if (d >= 0) ++out.months_to_lease[std::min(d, months)];
  };

  for (int t = 1; t <= months; ++t) {
    for (std::uint32_t id = 0; id < hh.size(); ++id) {
      ReferenceHousehold& x = hh[id];
      if (x.first_step > t) continue;
      const auto u = draw(id, t, 0);
      const int p = x.profile;
      // Employment, with the stage at the start of the month (x1.5 in the training flat).
      const double gain = p_gain[p] * (x.stage == kTraining ? 1.5 : 1.0);
      if (x.employed)
        x.employed = !(u[0] < below(p_loss[p]));
      else
        x.employed = u[0] < below(gain);
      // Pay (stages 2-4) or comply (0-1), with the updated employment.
      const bool rent_due = x.stage >= kHostel;
      const bool good =
          rent_due ? u[1] < below(p_pay[p][x.employed ? 1 : 0]) : u[1] < below(p_comply[p]);
      if (good) {
        ++x.streak;
        x.arrears = std::max(0, x.arrears - 1);
      } else {
        x.streak = 0;
        if (rent_due) ++x.arrears;
      }
      // Demotion: arrears reaching 3 in stages 2-4.
      if (x.stage >= kHostel && x.arrears >= 3) {
        const int down = x.stage - 1;
        reached(arrive_in_stage(id, occupancy[down] < capacity[down] ? down : kStreet, t));
        x.arrears = x.streak = x.months_in_stage = 0;
        withdraw(id);
        ++demotions;
      }
      // Application for the next stage.
      if (x.stage <= kTraining && x.applied_to < 0 && x.streak >= need_streak[x.stage] &&
          x.months_in_stage >= need_months[x.stage]) {
        x.applied_to = x.stage + 1;
        waiting[x.applied_to].push_back(id);
      }
      // Exit: replaced at once by a new household on the street, stepping from next month.
      if (u[2] < below(p_exit)) {
        withdraw(id);
        --occupancy[x.stage];
        ++exits;
        const auto a = draw(id, t, 1);
        int profile = 2;
        double cumulative = 0;
        for (int q = 0; q < 2; ++q) {
          cumulative += share[q];
          if (a[0] < below(cumulative)) {
            profile = q;
            break;
          }
        }
        ReferenceHousehold fresh;
        fresh.profile = profile;
        fresh.stage = kStreet;
        fresh.entry_month = t;
        fresh.first_step = t + 1;
        hh[id] = fresh;
        ++occupancy[kStreet];
        continue;
      }
      ++x.months_in_stage;
    }
    // Placements: targets 4, 3, 2, 1; the oldest applicant while a unit is free.
    for (int target = kLease; target >= kShelter; --target) {
      auto& list = waiting[target];
      while (occupancy[target] < capacity[target] && !list.empty()) {
        const std::uint32_t id = list.front();
        list.pop_front();
        hh[id].applied_to = -1;
        reached(arrive_in_stage(id, target, t));
        hh[id].months_in_stage = 0;
        ++promotions[target];
      }
    }
    out.occupancy.push_back(occupancy);
    out.promotions_to.push_back(promotions);
    out.demotions.push_back(demotions);
    out.exits.push_back(exits);
  }
  return out;
}

// ---- The engine on benchmarks/bench-ladder-1.json, rescaled to n households. ----

Scenario bench_scenario(int n, int months, std::uint64_t seed) {
  Scenario s = prostup::test::load_scenario("benchmarks/bench-ladder-1.json");
  Town& t = s.towns.at(0);
  const int shelter = static_cast<int>(std::lround(0.15 * n));
  const int hostel = static_cast<int>(std::lround(0.25 * n));
  t.capacity.at("shelter").initial = shelter;
  t.capacity.at("hostel").initial = hostel;
  t.capacity.at("training_flat").initial = static_cast<int>(std::lround(0.10 * n));
  t.capacity.at("lease").initial = static_cast<int>(std::lround(0.30 * n));
  t.initial = {{"street", n - shelter - hostel}, {"shelter", shelter}, {"hostel", hostel}};
  s.simulation.months = months;
  s.simulation.seed = seed;
  REQUIRE(load_scenario_json(to_json(s)).ok());
  return s;
}

void compare(int n, int months, std::uint64_t seed, int replication) {
  const Scenario s = bench_scenario(n, months, seed);
  const CompiledModel m = compile(s);
  const ReferenceResult ref = reference_run(n, months, seed, replication, s.towns[0].id);
  const std::size_t M1 = static_cast<std::size_t>(months) + 1;
  INFO("N = " << n << ", M = " << months << ", seed " << seed << ", replication " << replication);

  // The engine's run over the whole horizon: occupancy at every month end, time to lease.
  const ReplicationOutcome full = simulate(m, 0, replication);
  long occupancy_mismatches = 0;
  for (int t = 0; t <= months; ++t)
    for (int st = 0; st < kStages; ++st) {
      const double engine = full.occupancy[st * M1 + t];
      if (engine != static_cast<double>(ref.occupancy[t][st])) {
        ++occupancy_mismatches;
        UNSCOPED_INFO("month " << t << " stage " << st << ": engine " << engine << ", reference "
                               << ref.occupancy[t][st]);
      }
    }
  CHECK(occupancy_mismatches == 0);
  std::vector<double> ref_lease(ref.months_to_lease.begin(), ref.months_to_lease.end());
  CHECK(full.lease_at == ref_lease);
  CHECK(full.reached_lease == std::accumulate(ref_lease.begin(), ref_lease.end(), 0.0));

  // Cumulative flows month by month: the engine stopped after month t has done exactly the
  // first t months (the horizon only changes what is counted at its end).
  long flow_mismatches = 0;
  for (int t = 1; t <= months; ++t) {
    SimulateOptions o;
    o.months = t;
    const ReplicationOutcome upto = simulate(m, 0, replication, o);
    bool same = upto.demotions == static_cast<double>(ref.demotions[t]) &&
                upto.evictions == static_cast<double>(ref.demotions[t]) &&
                upto.exits == static_cast<double>(ref.exits[t]);
    for (int st = kShelter; st < kStages; ++st)
      same = same && upto.promotions_to[st] == static_cast<double>(ref.promotions_to[t][st]);
    if (!same) {
      ++flow_mismatches;
      UNSCOPED_INFO("month " << t << ": engine demotions " << upto.demotions << " exits "
                             << upto.exits << " promotions " << upto.promotions_to[1] << "/"
                             << upto.promotions_to[2] << "/" << upto.promotions_to[3] << "/"
                             << upto.promotions_to[4] << "; reference " << ref.demotions[t] << " "
                             << ref.exits[t] << " " << ref.promotions_to[t][1] << "/"
                             << ref.promotions_to[t][2] << "/" << ref.promotions_to[t][3] << "/"
                             << ref.promotions_to[t][4]);
    }
  }
  CHECK(flow_mismatches == 0);
  // The comparison is not vacuous: households do move in both directions and leave.
  CHECK(ref.promotions_to[months][kLease] > 0);
  CHECK(ref.demotions[months] > 0);
  CHECK(ref.exits[months] > 0);
}

}  // namespace

TEST_CASE("bench-ladder-1: the engine follows the benchmark's rules exactly (N = 200, M = 24)",
          "[bench][reference]") {
  for (int replication = 0; replication < 4; ++replication) compare(200, 24, 1, replication);
  compare(200, 24, 987654321, 0);
}

TEST_CASE("bench-ladder-1: exact agreement over a longer horizon (N = 1000, M = 60)",
          "[bench][reference]") {
  compare(1000, 60, 1, 0);
}

TEST_CASE("bench-ladder-1: the reference notices a changed rule", "[bench][reference]") {
  // Guards the comparison: the engine with one capacity off by one must disagree.
  const int n = 200, months = 24;
  Scenario s = bench_scenario(n, months, 1);
  s.towns[0].capacity.at("shelter").initial += 1;  // full from the start, with a queue
  const ReplicationOutcome o = simulate(compile(s), 0, 0);
  const ReferenceResult ref = reference_run(n, months, 1, 0, s.towns[0].id);
  const std::size_t M1 = months + 1;
  long differ = 0;
  for (int t = 0; t <= months; ++t)
    for (int st = 0; st < kStages; ++st)
      differ += o.occupancy[st * M1 + t] != static_cast<double>(ref.occupancy[t][st]);
  CHECK(differ > 0);
}

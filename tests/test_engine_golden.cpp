// SPDX-License-Identifier: Apache-2.0
// Regression pins for the engine's exact output, as readable text (tests/golden/engine_*.txt).
//
// The files hold every counter of every replication of every town of three small scenarios,
// at full precision (%.17g), plus the household-months simulated. They were first written
// from the engine as it was before the performance work (commit 5209db2's engine, whose
// FNV digests of the same counters they replace) and pin simulate() bit for bit for the same
// seed: same random streams (key from seed, town, replication; counter (household slot,
// month, purpose)), same order of events, same counters. They are not "correct answers" in
// themselves: a deliberate change of the model's rules must update them
// (PROSTUP_UPDATE_GOLDEN=1 ctest -R golden, then review `git diff tests/golden`) and say
// why in its commit message. On a mismatch the test prints the differing lines.
// Updated since: issue 15 numbers the initial population in a keyed random order of the
// profiles instead of in profile blocks (docs/model.md), which changes every household's
// profile-by-number and so every multi-profile pin; the per-profile counters were added.
#include <Random123/philox.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "../sim/core/philox_batch.hpp"
#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/scenario_json.hpp"
#include "scenario_builder.hpp"
#include "test_files.hpp"

using namespace prostup;
using namespace prostup::test;

namespace {

std::string num(double x) {
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", x);
  return b;
}

void line(std::ostringstream& out, const std::string& name, const std::vector<double>& v,
          std::size_t from = 0, std::size_t count = std::string::npos) {
  out << name << ":";
  const std::size_t end = count == std::string::npos ? v.size() : from + count;
  for (std::size_t k = from; k < end && k < v.size(); ++k) out << ' ' << num(v[k]);
  out << '\n';
}

// One replication's counters, one named line each; the monthly series one line per stage or
// service, the flows one line per origin stage.
void write_outcome(std::ostringstream& out, const ReplicationOutcome& o, const CompiledModel& m) {
  const std::size_t S = static_cast<std::size_t>(o.n_stages), M1 = o.months + 1;
  const std::pair<const char*, double> scalars[] = {
      {"households_seen", o.households_seen},
      {"housed_at_start", o.housed_at_start},
      {"reached_lease", o.reached_lease},
      {"stabilized", o.stabilized},
      {"evictions", o.evictions},
      {"expiries", o.expiries},
      {"returns_to_street", o.returns_to_street},
      {"exits", o.exits},
      {"demotions", o.demotions},
      {"arrivals", o.arrivals},
      {"entry_fallbacks", o.entry_fallbacks},
      {"roofless_household_months", o.roofless_household_months},
      {"placements", o.placements},
      {"waiting_months_placed", o.waiting_months_placed}};
  for (const auto& [name, value] : scalars) out << name << ": " << num(value) << '\n';
  const std::pair<const char*, const std::vector<double>*> per_stage[] = {
      {"promotions_to", &o.promotions_to},
      {"occupancy_end", &o.occupancy_end},
      {"occupancy_sum", &o.occupancy_sum},
      {"stage_cost", &o.stage_cost},
      {"arrivals_to", &o.arrivals_to},
      {"exits_from", &o.exits_from},
      {"service_case_months", &o.service_case_months},
      {"service_waiting_sum", &o.service_waiting_sum},
      {"service_cost", &o.service_cost},
      {"lease_at", &o.lease_at},
      {"exit_at", &o.exit_at},
      {"censored_at", &o.censored_at}};
  for (const auto& [name, v] : per_stage) line(out, name, *v);
  const char* per_profile[] = {"profile_seen",          "profile_housed_at_start",
                               "profile_reached_lease", "profile_stabilized",
                               "profile_evictions",     "profile_exits",
                               "profile_arrivals",      "profile_roofless_end"};
  const auto profile_vectors = o.profile_counts();
  for (std::size_t k = 0; k < profile_vectors.size(); ++k)
    line(out, per_profile[k], *profile_vectors[k]);
  const std::pair<const char*, const std::vector<double>*> flows[] = {
      {"promotion_flow", &o.promotion_flow},
      {"demotion_flow", &o.demotion_flow},
      {"expiry_flow", &o.expiry_flow}};
  for (const auto& [name, v] : flows)
    for (std::size_t from = 0; from < S; ++from)
      line(out, std::string(name) + " from " + m.stages[from].id, *v, from * S, S);
  for (std::size_t st = 0; st < S; ++st) {
    line(out, "occupancy " + m.stages[st].id, o.occupancy, st * M1, M1);
    line(out, "waiting " + m.stages[st].id, o.waiting, st * M1, M1);
  }
  for (std::size_t sv = 0; sv * M1 < o.in_service.size(); ++sv)
    line(out, "in_service " + m.services[sv].id, o.in_service, sv * M1, M1);
}

// Every replication of every town, plus the household-months simulated, as text.
std::string golden_text(const Scenario& s, int replications) {
  // The builder bypasses the JSON layer: make sure the scenario is one prostup accepts.
  const LoadResult check = load_scenario_json(to_json(s));
  for (const auto& d : check.diagnostics) UNSCOPED_INFO(d.pointer << ": " << d.message);
  REQUIRE(check.ok());
  const CompiledModel m = compile(s);
  std::ostringstream out;
  out << "# prostup engine golden output: scenario " << s.name << ", " << replications
      << " replications per town, " << m.months << " months, seed " << s.simulation.seed
      << "\n# regenerate: PROSTUP_UPDATE_GOLDEN=1 ctest -R golden (say why in the commit)\n";
  for (int town = 0; town < static_cast<int>(m.towns.size()); ++town)
    for (int rep = 0; rep < replications; ++rep) {
      std::uint64_t household_months = 0;
      SimulateOptions opt;
      opt.household_months = &household_months;
      const ReplicationOutcome o = simulate(m, town, rep, opt);
      out << "\n== town " << s.towns[town].id << " replication " << rep << '\n';
      write_outcome(out, o, m);
      out << "household_months: " << household_months << '\n';
    }
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> v;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

// Compares with tests/golden/NAME (or rewrites it under PROSTUP_UPDATE_GOLDEN=1) and lists
// the first differing lines, with the section (town, replication) each belongs to.
void check_golden(const std::string& name, const std::string& actual) {
  const auto path = source_path("tests/golden/" + name);
  const char* update = std::getenv("PROSTUP_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    WARN("rewrote " << path.string() << ": review it with git diff");
    return;
  }
  const std::vector<std::string> want = lines_of(read_bytes(path)), got = lines_of(actual);
  std::ostringstream diff;
  int shown = 0, differing = 0;
  std::string section;
  for (std::size_t k = 0; k < std::max(want.size(), got.size()); ++k) {
    const std::string* w = k < want.size() ? &want[k] : nullptr;
    const std::string* g = k < got.size() ? &got[k] : nullptr;
    if (w && w->rfind("== ", 0) == 0) section = *w;
    if (w && g && *w == *g) continue;
    ++differing;
    if (shown++ < 12)
      diff << "line " << k + 1 << " (" << section << ")\n  expected: " << (w ? *w : "(end of file)")
           << "\n  actual:   " << (g ? *g : "(end of output)") << '\n';
  }
  INFO(name << ": " << differing << " of " << want.size() << " lines differ\n"
            << diff.str() << "if the change is intended: PROSTUP_UPDATE_GOLDEN=1 ctest -R "
            << "golden, and say why in the commit message");
  CHECK(differing == 0);
}

// The engine tests' four-rung ladder at twice the size, with stage costs and some employed
// arrivals (the pin was made on this exact scenario).
Scenario ladder() {
  Scenario s = test::four_rung_ladder();
  s.name = "golden_ladder";
  s.simulation.seed = 11;
  s.simulation.replications = Simulation{}.replications;
  s.stages[1].cost_per_month = 9000;
  s.stages[2].cost_per_month = 4000;
  s.profiles[0].employed_at_entry = 0.2;
  s.services[0].id = "debt";
  s.services[0].label = "debt";
  Town& t = s.towns[0];
  t.initial = {{"street", 120}, {"hostel", 50}, {"flat", 10}};
  t.capacity = {{"hostel", cap(60)}, {"flat", cap(20)}, {"lease", cap(30)}};
  t.capacity["flat"].changes = {{24, 40}};
  t.capacity["hostel"].changes = {{30, 20}};  // a cut below occupancy
  t.arrival_rate.initial = 5;
  t.staffing = {{"debt", 1.0}};
  return s;
}

// Everything else the engine does: two towns (one closed, with replacements), three
// services with each priority (one unstaffed in a town, one held while eligible, one with
// extra repayment), each waiting-list policy, a second edge from one stage, employment,
// arrears and service criteria, a maximum stay into the street, and an arrival rate above
// the Poisson chunk of 200.
Scenario rich() {
  Scenario s;
  s.name = "golden_rich";
  s.simulation.months = 36;
  s.simulation.seed = 20250601;
  s.simulation.stabilized_months = 6;
  s.stages = {stage("street", StageKind::outside), stage("shelter", StageKind::temporary),
              stage("hostel", StageKind::temporary, true),
              stage("flat", StageKind::supported, true),
              stage("lease", StageKind::permanent, true)};
  s.stages[1].max_stay_months = 6;
  s.stages[1].on_expiry = {"street"};
  s.stages[2].arrears_limit = 2;
  s.stages[2].on_arrears = {"shelter", "street"};
  s.stages[2].waiting_list = WaitingPolicy::longest_streak;
  s.stages[3].arrears_limit = 2;
  s.stages[3].on_arrears = {"hostel", "street"};
  s.stages[3].max_stay_months = 12;
  s.stages[3].on_expiry = {"hostel", "street"};
  s.stages[3].waiting_list = WaitingPolicy::families_first;
  s.stages[3].multipliers.factor[static_cast<int>(Prob::job_gain)] = 1.5;
  s.stages[4].arrears_limit = 3;
  s.stages[4].on_arrears = {"flat", "street"};
  s.stages[4].multipliers.factor[static_cast<int>(Prob::exit)] = 0.5;
  Promotion hostel_flat = promotion("hostel", "flat", 3, 2);
  hostel_flat.max_arrears = 0;
  hostel_flat.service_required = "debt";
  Promotion hostel_lease = promotion("hostel", "lease", 6, 6);
  hostel_lease.employment_required = true;
  s.promotions = {promotion("street", "shelter", 1, 1), promotion("shelter", "hostel", 2, 1),
                  hostel_flat, hostel_lease, promotion("flat", "lease", 4, 6)};
  Profile single = profile("single", 0.5, 0.85, 0.01);
  single.job_gain = 0.06;
  single.job_loss = 0.04;
  single.pay_rent_employed = 0.96;
  single.pay_rent_unemployed = 0.8;
  single.employed_at_entry = 0.3;
  Profile family = profile("family", 0.3, 0.8, 0.015);
  family.job_gain = 0.03;
  family.job_loss = 0.05;
  family.pay_rent_employed = 0.93;
  family.pay_rent_unemployed = 0.75;
  family.children = 2;
  family.household_size = 4;
  family.employed_at_entry = 0.1;
  Profile fragile = profile("fragile", 0.2, 0.6, 0.03);
  fragile.job_gain = 0.01;
  fragile.job_loss = 0.1;
  fragile.pay_rent_employed = 0.85;
  fragile.pay_rent_unemployed = 0.6;
  s.profiles = {single, family, fragile};
  Service debt;
  debt.id = "debt";
  debt.label = "debt";
  debt.eligible_stages = {"hostel", "flat"};
  debt.caseload_per_worker = 8;
  debt.priority = ServicePriority::highest_arrears;
  debt.engagement_months = 4;
  debt.arrears_repayment = 1;
  debt.effects.factor[static_cast<int>(Prob::pay_rent)] = 1.1;
  debt.cost_per_case_month = 1200;
  Service social;
  social.id = "social";
  social.label = "social";
  social.eligible_stages = {"shelter", "hostel", "flat", "lease"};
  social.caseload_per_worker = 15;
  social.priority = ServicePriority::families_first;
  social.effects.factor[static_cast<int>(Prob::comply)] = 1.1;
  social.effects.factor[static_cast<int>(Prob::exit)] = 0.8;
  social.cost_per_case_month = 2000;
  Service mentor;
  mentor.id = "mentor";
  mentor.label = "mentor";
  mentor.eligible_stages = {"street", "shelter"};
  mentor.caseload_per_worker = 20;
  mentor.engagement_months = 3;
  mentor.effects.factor[static_cast<int>(Prob::job_gain)] = 2;
  mentor.cost_per_case_month = 800;
  s.services = {debt, social, mentor};

  Town open = town("open");
  open.initial = {{"street", 300}, {"shelter", 40}, {"hostel", 80}, {"flat", 20}, {"lease", 10}};
  open.capacity = {
      {"shelter", cap(50)}, {"hostel", cap(90)}, {"flat", cap(30)}, {"lease", cap(40)}};
  open.capacity["lease"].changes = {{12, 60}, {24, 25}};
  open.arrival_rate.initial = 12;
  open.arrival_rate.changes = {{10, 230}, {11, 6}};
  open.entry_stage = "shelter";
  open.entry_fallbacks = {"street"};
  open.staffing = {{"debt", 1.5}, {"social", 2}, {"mentor", 0}};
  open.stage_costs = {{"hostel", 7000}};

  Town closed = town("closed");
  closed.initial = {{"street", 200}, {"shelter", 30}, {"hostel", 60}};
  closed.capacity = {
      {"shelter", cap(30)}, {"hostel", cap(60)}, {"flat", cap(20)}, {"lease", cap(60)}};
  closed.replace_exits = true;
  closed.entry_stage = "street";
  closed.staffing = {{"debt", 1}, {"social", 1}, {"mentor", 1}};
  closed.service_costs = {{"social", 2500}};
  s.towns = {open, closed};
  return s;
}

// bench-ladder-1's rules at N = 3000 (see docs/benchmark-model.md).
Scenario bench_small() {
  const int n = 3000;
  Scenario s;
  s.name = "golden_bench";
  s.simulation.months = 60;
  s.simulation.seed = 1;
  s.stages = {stage("street", StageKind::outside), stage("shelter", StageKind::temporary),
              stage("hostel", StageKind::temporary, true),
              stage("training_flat", StageKind::supported, true),
              stage("lease", StageKind::permanent, true)};
  const char* down[] = {"", "", "shelter", "hostel", "training_flat"};
  for (int k = 2; k <= 4; ++k) {
    s.stages[k].arrears_limit = 3;
    s.stages[k].on_arrears = {down[k], "street"};
  }
  s.stages[3].multipliers.factor[static_cast<int>(Prob::job_gain)] = 1.5;
  s.promotions = {promotion("street", "shelter", 3, 1), promotion("shelter", "hostel", 3, 2),
                  promotion("hostel", "training_flat", 6, 6),
                  promotion("training_flat", "lease", 12, 12)};
  const double gain[] = {0.05, 0.03, 0.02}, loss[] = {0.03, 0.05, 0.08};
  const double pay_u[] = {0.85, 0.80, 0.70}, pay_e[] = {0.97, 0.95, 0.90};
  const double comply[] = {0.90, 0.85, 0.75};
  for (int p = 0; p < 3; ++p) {
    Profile pr = profile("p" + std::to_string(p), p < 2 ? 0.3333333333333333 : 0.3333333333333334,
                         comply[p], 0.01);
    pr.job_gain = gain[p];
    pr.job_loss = loss[p];
    pr.pay_rent_unemployed = pay_u[p];
    pr.pay_rent_employed = pay_e[p];
    s.profiles.push_back(pr);
  }
  Town t = town("bench");
  t.initial = {{"street", n - 450 - 750}, {"shelter", 450}, {"hostel", 750}};
  t.capacity = {{"shelter", cap(450)},
                {"hostel", cap(750)},
                {"training_flat", cap(300)},
                {"lease", cap(900)}};
  t.replace_exits = true;
  t.entry_stage = "street";
  s.towns = {t};
  return s;
}

}  // namespace

TEST_CASE("engine output is pinned: ladder with a service, expiry and a cut", "[golden]") {
  check_golden("engine_ladder.txt", golden_text(ladder(), 6));
}

TEST_CASE("engine output is pinned: every policy, priority and criterion", "[golden]") {
  check_golden("engine_rich.txt", golden_text(rich(), 4));
}

TEST_CASE("engine output is pinned: bench-ladder-1 rules at N = 3000", "[golden]") {
  check_golden("engine_bench.txt", golden_text(bench_small(), 3));
}

TEST_CASE("the golden text sees a one-household difference", "[golden]") {
  // Guards the pins above: a text that left out the outcome would pin nothing.
  Scenario a = bench_small(), b = bench_small();
  b.towns[0].initial["street"] += 1;
  CHECK(golden_text(a, 1) != golden_text(b, 1));
}

TEST_CASE("the pinned scenarios exercise what they claim", "[golden]") {
  // If a scenario stopped reaching a code path, its pin would no longer guard that path.
  const CompiledModel lad = compile(ladder());
  const ReplicationOutcome l = simulate(lad, 0, 0);
  CHECK(l.expiries > 0);
  CHECK(l.evictions > 0);
  CHECK(l.entry_fallbacks > 0);
  CHECK(l.service_case_months[0] > 0);
  CHECK(l.promotions_to[3] > 0);

  const CompiledModel m = compile(rich());
  ReplicationOutcome open = simulate(m, 0, 0), closed = simulate(m, 1, 0);
  CHECK(open.arrivals > 230);  // month 10 draws more than one Poisson chunk
  CHECK(open.expiries > 0);
  CHECK(open.evictions > 0);
  CHECK(open.service_case_months[0] > 0);   // debt
  CHECK(open.service_case_months[1] > 0);   // social, held while eligible
  CHECK(open.service_case_months[2] == 0);  // mentor: no staff in this town
  CHECK(closed.service_case_months[2] > 0);
  CHECK(open.promotion_flow[2 * 5 + 3] > 0);  // hostel -> flat (service required)
  CHECK(open.promotion_flow[2 * 5 + 4] > 0);  // hostel -> lease (employment required)
  CHECK(closed.promotions_to[3] > 0);
  CHECK(closed.arrivals > 0);  // replacements
  CHECK(closed.stabilized + open.stabilized > 0);
}

TEST_CASE("batched Philox4x32-10 is Random123's, word for word, at every SIMD level", "[rng]") {
  // The engine's draws come from philox_first3(); the streams' definition is
  // r123::Philox4x32 with counter (household number, month, purpose, 0).
  using namespace prostup::detail;
  const PhiloxKey key{0x9e3779b9u, 0x7f4a7c15u};
  const r123::Philox4x32::key_type rkey = {{key.k0, key.k1}};
  r123::Philox4x32 reference;
  std::uint64_t state = 12345;
  auto next = [&] {  // any counters will do; these are spread over the 32-bit range
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 32);
  };
  int checked_levels = 0;
  for (int level = 0; level <= static_cast<int>(best_simd_level()); ++level) {
    INFO("level " << to_string(static_cast<SimdLevel>(level)));
    // Lengths around every vector width, so both the SIMD body and the scalar tail run.
    for (std::size_t n : {0u, 1u, 3u, 4u, 5u, 8u, 15u, 16u, 17u, 31u, 33u, 512u, 1000u}) {
      std::vector<std::uint32_t> ctr(n), w0(n), w1(n), w2(n);
      for (auto& c : ctr) c = next();
      const std::uint32_t month = next() % 601, purpose = next() % 3;
      philox_first3(static_cast<SimdLevel>(level), ctr.data(), n, month, purpose, key, w0.data(),
                    w1.data(), w2.data());
      std::size_t mismatches = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const r123::Philox4x32::ctr_type c = {{ctr[j], month, purpose, 0}};
        const auto r = reference(c, rkey);
        mismatches += (r[0] != w0[j]) + (r[1] != w1[j]) + (r[2] != w2[j]);
      }
      INFO("n = " << n);
      CHECK(mismatches == 0);
    }
    ++checked_levels;
  }
  CHECK(checked_levels >= 1);
}

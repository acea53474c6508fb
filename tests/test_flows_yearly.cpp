// SPDX-License-Identifier: Apache-2.0
// The flow account by year (docs/model.md, "Flows by year"; flows_yearly.csv): stocks and
// moves add up exactly per replication and in the written means, a timetable known by hand
// gives its counts, and the years add up to flows.csv's horizon totals.
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "../sim/output/report.hpp"
#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/number_text.hpp"
#include "prostup/runner.hpp"
#include "prostup/writers.hpp"
#include "scenario_builder.hpp"
#include "test_files.hpp"

using namespace prostup;
using namespace prostup::test;

namespace {

using Row = std::vector<std::string>;

// The file's rows after the header, each split at commas (no field here has one).
std::vector<Row> read_rows(const std::filesystem::path& p, const Row& header) {
  std::istringstream in(read_bytes(p));
  std::string line;
  std::vector<Row> rows;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Row r;
    std::string f;
    std::istringstream ls(line);
    while (std::getline(ls, f, ',')) r.push_back(f);
    if (!line.empty() && line.back() == ',') r.push_back("");
    if (first) {
      CHECK(r == header);
      first = false;
    } else {
      rows.push_back(r);
    }
  }
  return rows;
}

double number(const std::string& s) {
  const auto v = number_text::parse(s);
  REQUIRE(v);
  return *v;
}

// The four-rung ladder over 30 months (two whole years and a half one), with exits to every
// destination and a second town, so that every kind of move and the "*" rows occur.
Scenario ladder() {
  Scenario s = four_rung_ladder();
  s.simulation.months = 30;
  s.simulation.replications = 4;
  s.profiles[0].exit = 0.04;
  s.profiles[0].exit_to_own_housing = 0.5;
  s.profiles[0].exit_to_institution = 0.25;
  s.profiles[0].exit_unknown = 0.25;
  Town other = s.towns[0];
  other.id = "most";
  other.label = "most";
  other.arrival_rate.initial = 2;
  s.towns.push_back(other);
  return s;
}

// flows_yearly.csv's columns, or flows_monthly.csv's.
Row account_header(bool monthly) {
  return {"town",  "variant", "profile", "year",       monthly ? "month" : "months",
          "stage", "flow",    "kind",    "from_or_to", "mean_per_replication"};
}

// A count of one replication's flows_by_year, 0 for a move the model cannot make.
double move(const ReplicationOutcome& o, const FlowLayout& L, int y, int kind, int from, int to) {
  const long long k = L.move(y, kind, from, to);
  return k < 0 ? 0 : o.flows_by_year[static_cast<std::size_t>(k)];
}

// Inflow minus outflow of stage s in year y of one replication, from flows_by_year.
double net_flow(const ReplicationOutcome& o, const FlowLayout& L, int y, int s) {
  double net = o.flows_by_year[L.arrival(y, s)];
  for (int kind = 0; kind < 3; ++kind)
    for (int f = 0; f < L.stages; ++f) net += move(o, L, y, kind, f, s) - move(o, L, y, kind, s, f);
  for (int d = 0; d < 3; ++d) net -= o.flows_by_year[L.exit(y, s, d)];
  return net;
}

}  // namespace

TEST_CASE("flows by year: stock at the end = stock at the start + in - out, per replication") {
  const CompiledModel m = compile(ladder());
  const int S = m.n_stages(), M = m.months, Y = (M + 11) / 12;
  const FlowLayout L = flow_layout(m);
  // Only the moves the ladder can make: 3 promotion edges, 4 demotion and 2 expiry
  // destinations, so 9 slots rather than 3 x 4 x 4.
  CHECK(L.edges.size() == 9);
  REQUIRE(Y == 3);
  // Every kind of move happens somewhere in these replications (else the test proves less).
  double kinds[7] = {};  // promotion, demotion, expiry, arrival, exit x 3 destinations
  for (int town = 0; town < 2; ++town)
    for (int rep = 0; rep < 4; ++rep) {
      const ReplicationOutcome o = simulate(m, town, rep);
      REQUIRE(o.flows_by_year.size() == static_cast<std::size_t>(Y) * L.block());
      for (int y = 0; y < Y; ++y)
        for (int s = 0; s < S; ++s) {
          const double start = o.occupancy[static_cast<std::size_t>(s) * (M + 1) + 12 * y];
          const double end =
              o.occupancy[static_cast<std::size_t>(s) * (M + 1) + std::min(12 * (y + 1), M)];
          INFO("town " << town << ", replication " << rep << ", year " << y + 1 << ", stage "
                       << m.stages[s].id);
          CHECK(end == start + net_flow(o, L, y, s));
          for (int kind = 0; kind < 3; ++kind)
            for (int to = 0; to < S; ++to) kinds[kind] += move(o, L, y, kind, s, to);
          kinds[3] += o.flows_by_year[L.arrival(y, s)];
          for (int d = 0; d < 3; ++d) kinds[4 + d] += o.flows_by_year[L.exit(y, s, d)];
        }
    }
  // And they travel between MPI ranks whole.
  const ReplicationOutcome o = simulate(m, 1, 2);
  std::vector<double> flat;
  o.serialize(flat);
  ReplicationOutcome back;
  CHECK(back.deserialize(flat.data()) == flat.data() + flat.size());
  CHECK(back.flows_by_year == o.flows_by_year);
  for (int k = 0; k < 7; ++k) {
    INFO("kind " << k);
    CHECK(kinds[k] > 0);
  }
}

TEST_CASE("flows_yearly.csv adds up in every row and sums over the years to flows.csv") {
  const CompiledModel m = compile(ladder());
  RunOptions ro;
  ro.threads = 2;
  const RunResult r = run_models({m}, ro);
  TempDir tmp("flows-yearly");
  write_run_outputs(r, tmp.path);
  const auto rows = read_rows(tmp.path / "flows_yearly.csv", account_header(false));
  // (town, year, stage) -> start, in - out, end.
  std::map<std::tuple<std::string, int, std::string>, std::array<double, 3>> account;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, double> by_move;
  for (const Row& row : rows) {
    REQUIRE(row.size() == 10);
    CHECK(row[1] == "baseline");
    CHECK(row[2] == "*");  // rows by profile only with --by-profile-series
    const int year = static_cast<int>(number(row[3]));
    CHECK(number(row[4]) == (year < 3 ? 12 : 6));
    const double v = number(row[9]);
    auto& a = account[{row[0], year, row[5]}];
    const std::string& flow = row[6];
    if (flow == "stock_start") {
      a[0] = v;
    } else if (flow == "stock_end") {
      a[2] = v;
    } else if (flow == "in") {
      a[1] += v;
      // flows.csv's (from, to, kind) of the move.
      if (row[7] == "arrival")
        by_move[{row[0], "arrival", row[5], "arrival"}] += v;
      else
        by_move[{row[0], row[8], row[5], row[7]}] += v;
    } else {
      REQUIRE(flow == "out");
      a[1] -= v;
      if (row[7] == "exit") by_move[{row[0], row[5], "exit", "exit"}] += v;
    }
  }
  // 2 towns and "*", 3 years, 4 stages.
  CHECK(account.size() == 3 * 3 * 4);
  for (const auto& [key, a] : account) {
    INFO(std::get<0>(key) << " year " << std::get<1>(key) << " " << std::get<2>(key));
    CHECK(a[2] == Approx(a[0] + a[1]).margin(1e-9));
  }
  // Each year's end is the next year's start.
  for (const auto& [key, a] : account) {
    const auto next = account.find({std::get<0>(key), std::get<1>(key) + 1, std::get<2>(key)});
    if (next != account.end()) CHECK(next->second[0] == a[2]);
  }
  // The years summed = flows.csv's horizon totals, move by move, and no move missing.
  const auto flows = read_rows(tmp.path / "flows.csv",
                               {"town", "variant", "from", "to", "kind", "mean_per_replication"});
  REQUIRE(!flows.empty());
  std::size_t matched = 0;
  for (const Row& f : flows) {
    INFO(f[0] << " " << f[2] << " -> " << f[3] << " " << f[4]);
    const auto it = by_move.find({f[0], f[2], f[3], f[4]});
    REQUIRE(it != by_move.end());
    CHECK(it->second == Approx(number(f[5])).epsilon(1e-12));
    ++matched;
  }
  CHECK(matched == by_move.size());
  // results.json holds the same lines.
  std::size_t in_json = 0;
  for (const auto& tv : r.results) in_json += tv.flows_yearly.size();
  CHECK(in_json == rows.size());
}

TEST_CASE("flows by year of a timetable known by hand") {
  // 10 households on the street; the shelter (5 places, 12 months at most, back to the
  // street) is the only way on. Everyone complies, nobody exits (as in test_intention_to_treat
  // "a case manager's Housing First route ..." without the case manager): households 0-4 get
  // the shelter in month 1 and return to the street in month 14, when 5-9 take their places;
  // those return in month 27, when 0-4 (applied again in month 15) get the shelter again.
  Scenario s;
  s.name = "timetable";
  s.simulation.months = 30;
  s.simulation.replications = 2;
  s.stages = {stage("street", StageKind::outside), stage("shelter", StageKind::temporary),
              stage("lease", StageKind::permanent, true)};
  s.stages[1].max_stay_months = 12;
  s.stages[1].on_expiry = {"street"};
  s.promotions = {promotion("street", "shelter", 1)};
  s.profiles = {profile("only", 1.0, 1.0, 0.0)};
  Town t = town("t");
  t.initial = {{"street", 10}};
  t.capacity = {{"shelter", cap(5)}, {"lease", cap(10)}};
  t.entry_stage = "street";
  s.towns = {t};
  RunOptions ro;
  ro.threads = 1;
  const RunResult r = run_models({compile(s)}, ro);
  const TownVariantResult* tv = r.find("t", "baseline");
  REQUIRE(tv);
  std::vector<std::string> got;
  for (const FlowYear& f : tv->flows_yearly)
    got.push_back(number_text::integer(f.year) + " " + number_text::integer(f.months) + " " +
                  f.stage + " " + f.flow + " " + f.kind + " " + f.from_or_to + " " +
                  number_text::shortest(f.mean_per_replication));
  const std::vector<std::string> want = {
      // Year 1: 5 up from the street.
      "1 12 street stock_start   10", "1 12 street out promotion shelter 5",
      "1 12 street stock_end   5", "1 12 shelter stock_start   0",
      "1 12 shelter in promotion street 5", "1 12 shelter stock_end   5",
      "1 12 lease stock_start   0", "1 12 lease stock_end   0",
      // Year 2: 5 back down at the stay limit, 5 others up.
      "2 12 street stock_start   5", "2 12 street in expiry shelter 5",
      "2 12 street out promotion shelter 5", "2 12 street stock_end   5",
      "2 12 shelter stock_start   5", "2 12 shelter in promotion street 5",
      "2 12 shelter out expiry street 5", "2 12 shelter stock_end   5",
      "2 12 lease stock_start   0", "2 12 lease stock_end   0",
      // Year 3, months 25-30: the same again.
      "3 6 street stock_start   5", "3 6 street in expiry shelter 5",
      "3 6 street out promotion shelter 5", "3 6 street stock_end   5",
      "3 6 shelter stock_start   5", "3 6 shelter in promotion street 5",
      "3 6 shelter out expiry street 5", "3 6 shelter stock_end   5", "3 6 lease stock_start   0",
      "3 6 lease stock_end   0"};
  CHECK(got == want);
  // By month: every month has its six stock lines; the moves are those of months 1, 14 and
  // 27 only.
  REQUIRE(tv->flows_monthly.size() == 30 * 6 + 2 + 4 + 4);
  std::vector<std::string> moves;
  for (const FlowYear& f : tv->flows_monthly) {
    CHECK(f.months == 1);
    CHECK(f.year == (f.month - 1) / 12 + 1);
    if (f.flow != "stock_start" && f.flow != "stock_end")
      moves.push_back(number_text::integer(f.month) + " " + f.stage + " " + f.flow + " " + f.kind +
                      " " + f.from_or_to + " " + number_text::shortest(f.mean_per_replication));
  }
  const std::vector<std::string> want_moves = {
      "1 street out promotion shelter 5", "1 shelter in promotion street 5",
      "14 street in expiry shelter 5",    "14 street out promotion shelter 5",
      "14 shelter in promotion street 5", "14 shelter out expiry street 5",
      "27 street in expiry shelter 5",    "27 street out promotion shelter 5",
      "27 shelter in promotion street 5", "27 shelter out expiry street 5"};
  CHECK(moves == want_moves);
}

TEST_CASE("the yearly flow chart draws flows_yearly.csv's numbers, widths in proportion") {
  Scenario s = ladder();
  s.simulation.replications = 2;
  const CompiledModel m = compile(s);
  RunOptions ro;
  ro.threads = 1;
  const RunResult r = run_models({m}, ro);
  TempDir tmp("flows-yearly-chart");
  write_run_outputs(r, tmp.path);
  const auto rows = read_rows(tmp.path / "flows_yearly.csv", account_header(false));
  for (const TownVariantResult& tv : r.results) {
    INFO("town " << tv.town);
    // What the file says for this town, keyed as the chart's data-flow: kind:from:to, with a
    // stage's exits over all destinations, and the stocks as stock:stage:start|end.
    std::map<std::pair<std::string, std::string>, double> want;  // (years, key) -> value
    for (const Row& row : rows) {
      if (row[0] != tv.town) continue;
      const std::string years = row[3] + "-" + row[3];
      const double v = number(row[9]);
      if (row[6] == "stock_start") want[{years, "stock:" + row[5] + ":start"}] = v;
      if (row[6] == "stock_end") want[{years, "stock:" + row[5] + ":end"}] = v;
      if (row[6] == "in" && row[7] == "arrival") want[{years, "arrival::" + row[5]}] += v;
      if (row[6] == "out" && row[7] == "exit") want[{years, "exit:" + row[5] + ":"}] += v;
      if (row[6] == "out" && row[7] != "exit")
        want[{years, row[7] + ":" + row[5] + ":" + row[8]}] += v;
    }
    const std::string svg = report::flows_yearly_chart(r, tv).svg;
    std::map<std::pair<std::string, std::string>, double> got;
    std::vector<std::pair<double, double>> widths;  // (value, stroke width)
    const std::regex flow(
        "<g data-flow=\"([^\"]*)\" data-years=\"([^\"]*)\" data-value=\"([^\"]*)\">\\s*<title>[^<]*"
        "</title>\\s*<path [^>]*stroke-width=\"([^\"]*)\"");
    for (std::sregex_iterator it(svg.begin(), svg.end(), flow), end; it != end; ++it) {
      const auto key = std::make_pair((*it)[2].str(), (*it)[1].str());
      CHECK(got.count(key) == 0);  // each flow drawn once
      got[key] = number((*it)[3].str());
      widths.emplace_back(got[key], number((*it)[4].str()));
    }
    const std::regex stock(
        "<g data-stock=\"([^\"]*)\" data-years=\"([^\"]*)\" data-start=\"([^\"]*)\" "
        "data-end=\"([^\"]*)\">");
    for (std::sregex_iterator it(svg.begin(), svg.end(), stock), end; it != end; ++it) {
      got[{(*it)[2].str(), "stock:" + (*it)[1].str() + ":start"}] = number((*it)[3].str());
      got[{(*it)[2].str(), "stock:" + (*it)[1].str() + ":end"}] = number((*it)[4].str());
    }
    // Every move, arrival, exit and stock of the file, and nothing else (a move that never
    // happened is neither in the file nor drawn).
    REQUIRE(got.size() == want.size());
    for (const auto& [key, v] : want) {
      INFO(key.first << " " << key.second);
      REQUIRE(got.count(key) == 1);
      CHECK(got[key] == Approx(v).epsilon(1e-12));
    }
    // Widths in proportion to the households moved: the largest flow 16 px, none under 1.
    double largest = 0;
    for (const auto& [v, w] : widths) largest = std::max(largest, v);
    REQUIRE(largest > 0);
    for (const auto& [v, w] : widths) {
      INFO(v << " households drawn " << w << " px wide");
      CHECK(std::abs(w - std::max(1.0, 16 * v / largest)) <= 0.051);
    }
  }
}

namespace {

// A random variation of the four-rung ladder (seeded): horizon, capacities, arrivals, exits
// and their destinations, the share of each profile, and sometimes a third profile and
// replacement of exits, so that the account is checked on ladders nobody tuned it to.
Scenario random_ladder(unsigned seed) {
  std::mt19937 rng(seed);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto whole = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Scenario s = four_rung_ladder();
  s.simulation.months = whole(13, 40);
  s.simulation.seed = seed;
  for (Profile& p : s.profiles) {
    p.exit = uniform(0, 0.08);
    p.exit_to_own_housing = uniform(0, 1);
    p.exit_to_institution = uniform(0, 1);
    p.exit_unknown = uniform(0.1, 1);
  }
  if (whole(0, 1)) {
    Profile c = s.profiles[1];
    c.id = "c";
    c.label = "c";
    c.comply = uniform(0.3, 1);
    s.profiles.push_back(c);
  }
  const double share = 1.0 / static_cast<double>(s.profiles.size());
  for (Profile& p : s.profiles) p.share = share;
  Town& t = s.towns[0];
  t.capacity = {
      {"hostel", cap(whole(5, 40))}, {"flat", cap(whole(2, 20))}, {"lease", cap(whole(2, 20))}};
  t.capacity["hostel"].changes = {{whole(1, 12), whole(0, 30)}};  // perhaps a cut
  t.arrival_rate.initial = uniform(0, 6);
  t.replace_exits = whole(0, 3) == 0;
  return s;
}

// Inflow minus outflow of stage s in one block (a month, or a year) of a flow table.
double net_in_block(const std::vector<double>& table, std::size_t block, const FlowLayout& L,
                    int s) {
  const std::size_t B = L.block();
  auto at = [&](std::size_t k) { return table[block * B + k]; };
  auto move = [&](int kind, int from, int to) {
    const long long k = L.move(0, kind, from, to);
    return k < 0 ? 0.0 : at(static_cast<std::size_t>(k));
  };
  double net = at(L.arrival(0, s));
  for (int kind = 0; kind < 3; ++kind)
    for (int f = 0; f < L.stages; ++f) net += move(kind, f, s) - move(kind, s, f);
  for (int d = 0; d < 3; ++d) net -= at(L.exit(0, s, d));
  return net;
}

}  // namespace

TEST_CASE("flows by month and by profile add up in every month, on random ladders") {
  SimulateOptions by_profile;
  by_profile.by_profile_series = true;
  double moved = 0;
  for (unsigned seed = 1; seed <= 6; ++seed) {
    const CompiledModel m = compile(random_ladder(seed));
    const int S = m.n_stages(), M = m.months, P = static_cast<int>(m.profiles.size());
    const std::size_t M1 = static_cast<std::size_t>(M) + 1, B = flow_layout(m).block();
    const FlowLayout L = flow_layout(m);
    for (int rep = 0; rep < 2; ++rep) {
      INFO("seed " << seed << ", replication " << rep << ", " << M << " months, " << P
                   << " profiles");
      const ReplicationOutcome o = simulate(m, 0, rep, by_profile);
      REQUIRE(o.flows_by_month.size() == static_cast<std::size_t>(M) * B);
      REQUIRE(o.profile_flows_by_month.size() == static_cast<std::size_t>(P) * M * B);
      REQUIRE(o.profile_occupancy.size() == static_cast<std::size_t>(P) * S * M1);
      for (int t = 1; t <= M; ++t)
        for (int s = 0; s < S; ++s) {
          INFO("month " << t << ", stage " << m.stages[s].id);
          const std::size_t at = static_cast<std::size_t>(s) * M1;
          CHECK(o.occupancy[at + t] ==
                o.occupancy[at + t - 1] + net_in_block(o.flows_by_month, t - 1, L, s));
          for (int p = 0; p < P; ++p) {
            INFO("profile " << m.profiles[p].id);
            const std::size_t pat = (static_cast<std::size_t>(p) * S + s) * M1;
            CHECK(o.profile_occupancy[pat + t] ==
                  o.profile_occupancy[pat + t - 1] +
                      net_in_block(o.profile_flows_by_month,
                                   static_cast<std::size_t>(p) * M + t - 1, L, s));
          }
        }
      // The profiles add up to all profiles, and the months of a year to the year.
      for (std::size_t k = 0; k < o.flows_by_month.size(); ++k) {
        double sum = 0;
        for (int p = 0; p < P; ++p) sum += o.profile_flows_by_month[p * M * B + k];
        CHECK(sum == o.flows_by_month[k]);
        moved += o.flows_by_month[k];
      }
      for (int y = 0; 12 * y < M; ++y)
        for (std::size_t k = 0; k < B; ++k) {
          double sum = 0;
          for (int t = 12 * y; t < std::min(12 * (y + 1), M); ++t)
            sum += o.flows_by_month[t * B + k];
          CHECK(sum == o.flows_by_year[y * B + k]);
        }
      // Without the switch: the same moves by month, none by profile.
      const ReplicationOutcome plain = simulate(m, 0, rep);
      CHECK(plain.flows_by_month == o.flows_by_month);
      CHECK(plain.profile_flows_by_month.empty());
      // Whole through MPI.
      std::vector<double> flat;
      o.serialize(flat);
      ReplicationOutcome back;
      CHECK(back.deserialize(flat.data()) == flat.data() + flat.size());
      CHECK(back.flows_by_month == o.flows_by_month);
      CHECK(back.profile_flows_by_month == o.profile_flows_by_month);
    }
  }
  CHECK(moved > 0);
}

TEST_CASE("flows_monthly.csv and the rows by profile add up in every row and to the years") {
  Scenario s = random_ladder(3);
  Town other = s.towns[0];
  other.id = "most";
  other.label = "most";
  s.towns.push_back(other);
  s.simulation.replications = 3;
  Scenario v = s;
  v.towns[0].capacity["lease"] = cap(30);
  RunOptions ro;
  ro.threads = 2;
  ro.by_profile_series = true;
  const RunResult r = run_models({compile(s), compile(v, "more_leases")}, ro);
  TempDir tmp("flows-monthly");
  write_run_outputs(r, tmp.path);
  const int M = s.simulation.months;
  // (town, variant, profile, period, stage) -> start, in - out, end; per file.
  using Key = std::tuple<std::string, std::string, std::string, int, std::string>;
  std::map<Key, std::array<double, 3>> account[2];
  // (town, variant, profile, year, stage, flow, kind, from_or_to) -> value; per file, the
  // months' moves summed into their year.
  using Line = std::tuple<std::string, std::string, std::string, int, std::string, std::string,
                          std::string, std::string>;
  std::map<Line, double> moves[2];
  std::size_t lines[2] = {0, 0};
  for (int monthly = 0; monthly < 2; ++monthly) {
    const auto rows = read_rows(tmp.path / (monthly ? "flows_monthly.csv" : "flows_yearly.csv"),
                                account_header(monthly));
    lines[monthly] = rows.size();
    for (const Row& row : rows) {
      REQUIRE(row.size() == 10);
      const int year = static_cast<int>(number(row[3]));
      const int period = monthly ? static_cast<int>(number(row[4])) : year;
      if (monthly) CHECK(year == (period - 1) / 12 + 1);
      const double x = number(row[9]);
      auto& a = account[monthly][{row[0], row[1], row[2], period, row[5]}];
      const std::string& flow = row[6];
      if (flow == "stock_start")
        a[0] = x;
      else if (flow == "stock_end")
        a[2] = x;
      else
        a[1] += flow == "in" ? x : -x;
      if (flow == "in" || flow == "out")
        moves[monthly][{row[0], row[1], row[2], year, row[5], flow, row[7], row[8]}] += x;
    }
  }
  // 3 rows (2 towns and "*") x 2 variants x (all profiles and each) x periods x 4 stages.
  const std::size_t units = 3 * 2 * (1 + s.profiles.size()) * 4;
  CHECK(account[0].size() == units * static_cast<std::size_t>((M + 11) / 12));
  CHECK(account[1].size() == units * static_cast<std::size_t>(M));
  for (int monthly = 0; monthly < 2; ++monthly)
    for (const auto& [key, a] : account[monthly]) {
      const auto& [town, variant, prof, period, stage] = key;
      INFO((monthly ? "month " : "year ")
           << period << " " << town << " " << variant << " " << prof << " " << stage);
      CHECK(a[2] == Approx(a[0] + a[1]).margin(1e-9));
      // The next period starts where this one ends.
      const auto next = account[monthly].find({town, variant, prof, period + 1, stage});
      if (next != account[monthly].end()) CHECK(next->second[0] == a[2]);
      // A year starts with its first month.
      if (!monthly) CHECK(account[1].at({town, variant, prof, 12 * period - 11, stage})[0] == a[0]);
    }
  // The months summed are the years, line by line, and the profiles summed are all profiles.
  CHECK(moves[0].size() == moves[1].size());
  std::map<Line, double> over_profiles;
  for (const auto& [line, x] : moves[0]) {
    INFO(std::get<0>(line) << " " << std::get<1>(line) << " " << std::get<2>(line) << " year "
                           << std::get<3>(line) << " " << std::get<4>(line) << " "
                           << std::get<5>(line) << " " << std::get<6>(line) << " "
                           << std::get<7>(line));
    REQUIRE(moves[1].count(line) == 1);
    CHECK(moves[1].at(line) == Approx(x).epsilon(1e-12));
    if (std::get<2>(line) != "*") {
      Line all = line;
      std::get<2>(all) = "*";
      over_profiles[all] += x;
    }
  }
  for (const auto& [line, x] : over_profiles) CHECK(moves[0].count(line) == 1);
  for (const auto& [line, x] : moves[0])
    if (std::get<2>(line) == "*") CHECK(over_profiles[line] == Approx(x).epsilon(1e-12));
  // results.json holds the same lines (a row of all profiles, then a row per profile).
  std::size_t in_results[2] = {0, 0};
  for (const auto* rows : {&r.results, &r.by_profile})
    for (const auto& tv : *rows) {
      in_results[0] += tv.flows_yearly.size();
      in_results[1] += tv.flows_monthly.size();
    }
  CHECK(in_results[0] == lines[0]);
  CHECK(in_results[1] == lines[1]);
}

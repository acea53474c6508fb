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
  const auto rows = read_rows(tmp.path / "flows_yearly.csv",
                              {"town", "variant", "year", "months", "stage", "flow", "kind",
                               "from_or_to", "mean_per_replication"});
  // (town, year, stage) -> start, in - out, end.
  std::map<std::tuple<std::string, int, std::string>, std::array<double, 3>> account;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, double> by_move;
  for (const Row& row : rows) {
    REQUIRE(row.size() == 9);
    CHECK(row[1] == "baseline");
    const int year = static_cast<int>(number(row[2]));
    CHECK(number(row[3]) == (year < 3 ? 12 : 6));
    const double v = number(row[8]);
    auto& a = account[{row[0], year, row[4]}];
    const std::string& flow = row[5];
    if (flow == "stock_start") {
      a[0] = v;
    } else if (flow == "stock_end") {
      a[2] = v;
    } else if (flow == "in") {
      a[1] += v;
      // flows.csv's (from, to, kind) of the move.
      if (row[6] == "arrival")
        by_move[{row[0], "arrival", row[4], "arrival"}] += v;
      else
        by_move[{row[0], row[7], row[4], row[6]}] += v;
    } else {
      REQUIRE(flow == "out");
      a[1] -= v;
      if (row[6] == "exit") by_move[{row[0], row[4], "exit", "exit"}] += v;
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
  const auto rows = read_rows(tmp.path / "flows_yearly.csv",
                              {"town", "variant", "year", "months", "stage", "flow", "kind",
                               "from_or_to", "mean_per_replication"});
  for (const TownVariantResult& tv : r.results) {
    INFO("town " << tv.town);
    // What the file says for this town, keyed as the chart's data-flow: kind:from:to, with a
    // stage's exits over all destinations, and the stocks as stock:stage:start|end.
    std::map<std::pair<std::string, std::string>, double> want;  // (years, key) -> value
    for (const Row& row : rows) {
      if (row[0] != tv.town) continue;
      const std::string years = row[2] + "-" + row[2];
      const double v = number(row[8]);
      if (row[5] == "stock_start") want[{years, "stock:" + row[4] + ":start"}] = v;
      if (row[5] == "stock_end") want[{years, "stock:" + row[4] + ":end"}] = v;
      if (row[5] == "in" && row[6] == "arrival") want[{years, "arrival::" + row[4]}] += v;
      if (row[5] == "out" && row[6] == "exit") want[{years, "exit:" + row[4] + ":"}] += v;
      if (row[5] == "out" && row[6] != "exit")
        want[{years, row[6] + ":" + row[4] + ":" + row[7]}] += v;
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

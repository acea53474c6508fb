// SPDX-License-Identifier: Apache-2.0
// The ladder-graph layer: checks that need the stages as a directed graph.
//
// Vertices are the stages plus two virtual ones: `entry` (edges to every stage a household
// can start in: entry lists, the towns' and each profile's, and initially populated stages) and
// `housed` (an edge from every permanent stage). Edges are every move a rule allows: promotions,
// on_expiry, on_arrears. A stage not reachable from `entry` can never hold anyone; a stage from
// which `housed` is not reachable is a trap: whoever lands there can never reach a lease.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>

#include "scenario_internal.hpp"

namespace prostup::detail {

namespace {

using LadderGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

// Vertices reachable from `source` in `g` (the source included).
template <class G>
std::vector<bool> reachable(const G& g, std::size_t source) {
  std::vector<boost::default_color_type> color(boost::num_vertices(g), boost::white_color);
  auto color_map =
      boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, g));
  boost::breadth_first_search(g, boost::vertex(source, g), boost::color_map(color_map));
  std::vector<bool> out(color.size());
  for (std::size_t i = 0; i < color.size(); ++i) out[i] = color[i] != boost::white_color;
  return out;
}

}  // namespace

void check_ladder_graph(const Scenario& s, std::vector<Diagnostic>& diags) {
  const std::size_t n = s.stages.size();
  const std::size_t entry = n, housed = n + 1;
  LadderGraph g(n + 2);
  auto edge_to = [&](std::size_t from, const std::string& to) {
    const int t = s.stage_index(to);
    if (t >= 0) boost::add_edge(from, static_cast<std::size_t>(t), g);
  };
  for (std::size_t i = 0; i < n; ++i) {
    const Stage& st = s.stages[i];
    for (const auto& d : st.on_expiry) edge_to(i, d);
    for (const auto& d : st.on_arrears) edge_to(i, d);
    if (st.kind == StageKind::permanent) boost::add_edge(i, housed, g);
  }
  for (const auto& p : s.promotions) {
    const int f = s.stage_index(p.from);
    if (f >= 0) edge_to(static_cast<std::size_t>(f), p.to);
  }
  for (const auto& t : s.towns) {
    edge_to(entry, t.entry_stage);
    for (const auto& f : t.entry_fallbacks) edge_to(entry, f);
    for (const auto& [profile, route] : t.entry_by_profile) {
      edge_to(entry, route.stage);
      for (const auto& f : route.fallbacks) edge_to(entry, f);
    }
    for (const auto& [stage, count] : t.initial)
      if (count > 0) edge_to(entry, stage);
    // A cohort placed elsewhere at month 0 (start_stage) starts there.
    for (const Cohort& c : s.cohorts)
      if (!c.start_stage.empty() && t.initial.count(c.initial_stage) &&
          t.initial.at(c.initial_stage) > 0)
        edge_to(entry, c.start_stage);
  }

  const std::vector<bool> enterable = reachable(g, entry);
  const std::vector<bool> leads_home = reachable(boost::make_reverse_graph(g), housed);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string p = child_pointer("/stages", s.stages[i].id);
    if (!enterable[i])
      diags.push_back({p,
                       "no household can ever enter this stage: it is no town's entry stage "
                       "or fallback, nobody lives there at month 0, and no promotion, "
                       "expiry or eviction leads here from a stage households can reach"});
    if (!leads_home[i])
      diags.push_back({p,
                       "no permanent stage is reachable from here (a trap): add a promotion "
                       "out of it, or a move to a stage that leads to a permanent one"});
  }
}

}  // namespace prostup::detail

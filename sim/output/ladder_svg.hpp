// SPDX-License-Identifier: Apache-2.0
// The ladder drawn (issue 26; docs/report.md, "The ladder"): stages as boxes in the
// scenario's order, the moves between them as arrows (promotions above, evictions and
// expiries below), the services under the stages they serve. From a scenario (`prostup
// describe --graph`) the arrows carry the rules; from a run (the report) they carry the
// baseline's flows per year. Private to sim/.
#pragma once

#include <string>
#include <vector>

#include "prostup/results.hpp"
#include "prostup/scenario.hpp"
#include "strings.hpp"

namespace prostup::ladder {

struct Box {
  std::string id, label, kind;  // kind as StageKind's name: outside, temporary, ...
  std::string kind_word;        // the kind in the drawing's language
  std::string places, cost;     // "30 places", "24 801 CZK a month"; "" = none
  std::string exits;            // after a run: "exit 12.3 a year"; "" = none
};

struct Arrow {
  int from = 0, to = 0;  // box indices
  std::string kind;      // promotion, demotion (arrears), expiry
  std::string label;     // the rule (scenario) or the flow per year (run)
  double weight = -1;    // flow per year for the stroke width; < 0 = a rule, no flow
};

struct ServiceBox {
  std::string label;
  std::vector<int> stages;  // box indices of the stages it serves
};

struct Drawing {
  std::string title;
  std::vector<Box> boxes;
  std::vector<Arrow> arrows;
  std::vector<ServiceBox> services;
  std::string arrivals;  // after a run: "arrivals 96 a year" (drawn into the entry box's column)
  int arrivals_box = -1;
  // The legend: (arrow kind, its words), for the kinds drawn.
  std::vector<std::pair<std::string, std::string>> legend;
};

// The scenario's ladder: places and costs of the first town (or "places in N towns"), the
// rules on the arrows.
Drawing from_scenario(const Scenario& s, Language lang);

// A run's ladder for one town ("*" = all towns) and variant: the arrows are the flows of
// flows.csv (means per replication over the horizon) per year of the horizon. Empty boxes
// when the run has no flows for it.
Drawing from_run(const RunResult& r, const std::string& town, const std::string& variant,
                 Language lang);

// The SVG document; every text fits its box or is shortened with "…" and the full text kept
// in a tooltip (<title>). `id_prefix` makes ids unique inside the report.
std::string svg(const Drawing& d, const std::string& id_prefix);

}  // namespace prostup::ladder

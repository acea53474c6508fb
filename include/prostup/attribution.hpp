// SPDX-License-Identifier: Apache-2.0
// `prostup runs diff A B --attribute` as a use case (docs/catalog.md, "Which change moved the
// answer"): each changed input of the scenario as written applied alone to run A's scenario,
// simulated paired with it (the same seed and replications: common random numbers), and the
// change of each headline outcome it explains, with the remainder. The command line and the
// Python module (run_diff(attribute=True)) call the same function.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "prostup/catalog.hpp"
#include "prostup/scenario_json.hpp"
#include "prostup/study.hpp"

namespace prostup::study {

// One input: the changes of the scenario as written under one pointer (a leaf, or a
// parameter's distribution taken whole: its `dist`, `mean`, `sd`, ... together).
struct ChangedInput {
  std::string pointer;
  std::vector<JsonChange> changes;  // the leaves under it, as json_diff gives them
};
// The inputs of json_diff(before, after) of two scenario texts as written.
std::vector<ChangedInput> changed_inputs(const std::string& before, const std::string& after);

// The scenario text `before` with `input` alone changed to what `after` has there (added,
// replaced or removed).
std::string apply_input(const std::string& before, const std::string& after,
                        const ChangedInput& input);

struct AttributionRequest {
  int replications = -1;  // -1 = run A's
  int threads = 0;        // 0 = every hardware thread
  bool json = false;      // one JSON object (the diff's, with "attribution") instead of text
};

// The diff of runs A and B and the attribution, as text or JSON. `note` (may be empty) is
// told what it simulates before it starts (the command line prints it on stderr). Throws
// UserError for runs it cannot attribute (not both `prostup run`, no scenario as written),
// RunCancelled when hooks.cancel was set.
std::string attribute_runs(const AttributionRequest& request, const CatalogRun& ra,
                           const std::vector<CatalogOutcome>& oa, const CatalogRun& rb,
                           const std::vector<CatalogOutcome>& ob, const Hooks& hooks,
                           const std::function<void(const std::string&)>& note);

}  // namespace prostup::study

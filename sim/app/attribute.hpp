// SPDX-License-Identifier: Apache-2.0
// `prostup runs diff A B --attribute` (docs/catalog.md, "Which change moved the answer"):
// each changed input of the scenario as written applied alone to run A's scenario, simulated
// paired with it (the same seed and replications: common random numbers), and the change of
// each headline outcome it explains, with the remainder.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "prostup/catalog.hpp"
#include "prostup/cli.hpp"

namespace prostup::detail {

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

// Prints the diff and the attribution to `out` (text, or with `a.json` one JSON object: the
// diff's with "attribution" added) and what it simulates to stderr; returns the exit code
// (130/143 when interrupted, with nothing printed to `out`). Throws UserError for
// runs it cannot attribute (not both `prostup run`, no scenario as written).
int attribute_runs(const RunsArgs& a, const CatalogRun& ra, const std::vector<CatalogOutcome>& oa,
                   const CatalogRun& rb, const std::vector<CatalogOutcome>& ob, std::ostream& out);

}  // namespace prostup::detail

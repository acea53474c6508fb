// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the scenario layer's translation units (not a public interface).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "prostup/scenario_json.hpp"

namespace prostup::detail {

inline constexpr int kMaxNesting = 64;

// One RFC 6901 reference token: '~' -> "~0", '/' -> "~1".
std::string pointer_token(std::string_view key);
inline std::string child_pointer(const std::string& parent, std::string_view key) {
  return parent + "/" + pointer_token(key);
}

// Text -> JSON with the syntax layer's checks (UTF-8, BOM, depth, duplicate keys, numbers).
// On failure `diags` is non-empty and the result is null.
ojson parse_scenario_text(std::string_view text, std::vector<Diagnostic>& diags);

// Optimal string alignment distance (edits and adjacent transpositions).
int edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word` when it is close enough to be a likely typo, else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// Shortest text that reads back as the same double ("0.1", "20", "1e-05").
std::string format_number(double v);

// What a merge patch changes, as pointers into the document: one entry per value it sets
// or deletes (descending into objects only where the document has an object too).
struct PatchChange {
  std::string pointer;
  const ojson* before;  // nullptr = not set before
  const ojson* value;   // nullptr = deleted
};
void patch_changes(const ojson& patch, const ojson* base, const std::string& prefix,
                   std::vector<PatchChange>& out);

}  // namespace prostup::detail

// Reading, validating and writing scenario JSON.
//
// Validation never throws for bad input: every problem becomes a Diagnostic with
// the RFC 6901 pointer of the offending value, so a planner sees all of them at once.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "prostup/scenario.hpp"

namespace prostup {

using ojson = nlohmann::ordered_json;  // keeps the file's order: it carries meaning

struct Diagnostic {
  std::string pointer;  // RFC 6901, "" = the whole document
  std::string message;
};

struct LoadResult {
  std::optional<Scenario> scenario;  // set only when there are no diagnostics
  ojson document;                    // the parsed document (null if unparsable)
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return scenario.has_value() && diagnostics.empty(); }
};

// Parses text (duplicate keys, depth and UTF-8 checked) and validates it in layers:
// syntax, shape and types, ranges, references, ladder graph, then every variant's
// patched scenario (reported under /variants/<id>/patch...).
LoadResult load_scenario_text(std::string_view text);

// Parses and validates a document that is already JSON (e.g. a patched one).
// Variants are not expanded.
LoadResult load_scenario_json(const ojson& document);

// The base scenario with variant `variant_id`'s merge patch applied, validated.
LoadResult apply_variant(const ojson& base_document, const std::string& variant_id);

// RFC 7396 merge patch.
ojson merge_patch(const ojson& target, const ojson& patch);

// Every key the format allows at the top level of a scenario, the documentation keys
// (sources, assumptions, notes) included; any key starting with `_` is allowed too.
std::vector<std::string> scenario_top_level_keys();

// Scenario -> JSON (the canonical form; load_scenario_json(to_json(s)) gives s back).
ojson to_json(const Scenario& s);

// The built-in default scenario (scenarios/default.json compiled into the binary).
std::string_view embedded_default_scenario();

// A readable summary for a planner (`prostup describe`).
std::string describe(const Scenario& s, const ojson& document);

}  // namespace prostup

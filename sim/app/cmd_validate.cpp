// `prostup validate FILE...`: every problem of every file, one per line.
#include <fstream>
#include <iostream>
#include <sstream>

#include "prostup/cli.hpp"
#include "scenario_cli.hpp"

namespace prostup {

namespace {

// A JSON Schema document: its "$schema" names the JSON Schema meta-schema. A scenario's own
// "$schema" points at scenario.schema.json, so it is not mistaken for one.
bool is_json_schema(const std::string& text) {
  // Cheap test first; then the unordered json type, whose object insertion is logarithmic
  // (ojson's is linear per key: quadratic on a file with 10^5 keys).
  if (text.find("json-schema.org") == std::string::npos) return false;
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_object()) return false;
  const auto it = doc.find("$schema");
  return it != doc.end() && it->is_string() &&
         it->get<std::string>().find("json-schema.org") != std::string::npos;
}

}  // namespace

int cmd_validate(const ValidateArgs& a) {
  int rc = kExitOk;
  for (const auto& file : a.files) {
    std::string text, error;
    if (!read_scenario_file(file, text, error)) {
      std::cerr << "cannot read " << file << ": " << error << "\n";
      rc = kExitFailure;
      continue;
    }
    if (is_json_schema(text)) {
      // `prostup validate scenarios/*.json` picks up the schema beside the scenarios.
      if (!a.quiet) std::cout << file << ": skipped (a JSON Schema, not a scenario)\n";
      continue;
    }
    const LoadResult r = load_scenario_text(text);
    if (r.ok()) {
      if (!a.quiet) std::cout << printable(file) << ": ok\n";
      continue;
    }
    print_diagnostics(std::cerr, file, r.diagnostics);
    if (rc == kExitOk) rc = kExitInvalid;
  }
  return rc;
}

}  // namespace prostup

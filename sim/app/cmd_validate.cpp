// SPDX-License-Identifier: Apache-2.0
// `prostup validate FILE...`: every problem of every file, one per line.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <new>
#include <sstream>

#include "app_support.hpp"
#include "prostup/cli.hpp"
#include "run_support.hpp"
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

// One file's problems; returns the worst exit code so far.
int validate_file(const ValidateArgs& a, const std::string& file, int rc) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  // Parsing takes up to ~25 bytes of memory per byte of text (measured: 16 MB of numbers
  // peaked at 404 MB), and an allocation that fails while the document is torn down ends the
  // process (134): a file too large for the memory this process may use is refused before
  // it is read.
  if (size != static_cast<std::uintmax_t>(-1) && size > (1u << 20)) {
    const detail::MemoryLimit lim = detail::memory_limit(0);
    const double need = 25.0 * static_cast<double>(size);
    if (lim.bytes >= 0 && need > static_cast<double>(lim.bytes)) {
      std::cerr << "prostup validate: " << printable(file) << ": "
                << static_cast<long long>(size / 1000000) << " MB would need up to "
                << static_cast<long long>(need / 1e6) << " MB to validate, but " << lim.source
                << " allows " << lim.bytes / 1000000 << " MB\n";
      return kExitFailure;
    }
  }
  std::string text, error;
  if (!read_scenario_file(file, text, error)) {
    std::cerr << "cannot read " << file << ": " << error << "\n";
    return kExitFailure;
  }
  if (is_json_schema(text)) {
    // `prostup validate scenarios/*.json` picks up the schema beside the scenarios.
    if (!a.quiet) std::cout << file << ": skipped (a JSON Schema, not a scenario)\n";
    return rc;
  }
  const LoadResult r = load_scenario_text(text);
  if (r.ok()) {
    if (!a.quiet) std::cout << printable(file) << ": ok\n";
    return rc;
  }
  print_diagnostics(std::cerr, file, r.diagnostics);
  return rc == kExitOk ? kExitInvalid : rc;
}

}  // namespace

int cmd_validate(const ValidateArgs& a) {
  int rc = kExitOk;
  for (const auto& file : a.files) {
    try {
      rc = validate_file(a, file, rc);
    } catch (const std::bad_alloc&) {
      // A huge file under a memory limit: a runtime failure in words, not an abort (134).
      std::cerr << "prostup validate: " << printable(file)
                << ": out of memory while validating it (the file is too large for the memory "
                   "this process may use)\n";
      rc = kExitFailure;
    }
  }
  return rc;
}

}  // namespace prostup

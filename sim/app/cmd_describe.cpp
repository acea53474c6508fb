// SPDX-License-Identifier: Apache-2.0
// `prostup describe [FILE]`: loads a scenario and prints the library's summary of it.
#include <iostream>

#include "prostup/cli.hpp"
#include "prostup/writers.hpp"
#include "scenario_cli.hpp"
#include "strings.hpp"

namespace prostup {

int cmd_describe(const DescribeArgs& a) {
  std::string text;
  const std::string name = a.file.empty() ? "(built-in default scenario)" : a.file;
  if (a.file.empty()) {
    text = std::string(embedded_default_scenario());
  } else {
    std::string error;
    if (!read_scenario_file(a.file, text, error)) {
      std::cerr << "cannot read " << a.file << ": " << error << "\n";
      return kExitFailure;
    }
  }
  const LoadResult r = load_scenario_text(text);
  if (!r.ok()) {
    print_diagnostics(std::cerr, name, r.diagnostics);
    return kExitInvalid;
  }
  // --lang, else the scenario's "language", else English.
  const Language lang = text::pick_language(a.lang, r.scenario->language);
  std::cout << on_terminal(describe(*r.scenario, r.document, lang), true);
  return kExitOk;
}

}  // namespace prostup

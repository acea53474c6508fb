// SPDX-License-Identifier: Apache-2.0
// `prostup describe [FILE] [--graph FILE.svg]`: loads a scenario and prints the library's
// summary of it; --graph draws its ladder (sim/output/ladder_svg.hpp).
#include <fstream>
#include <iostream>

#include "ladder_svg.hpp"
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
  if (!a.graph.empty()) {
    const std::string drawn = ladder::svg(ladder::from_scenario(*r.scenario, lang), "ladder-");
    std::ofstream out(a.graph, std::ios::binary);
    out << drawn;
    out.close();
    if (!out) {
      std::cerr << "prostup describe: cannot write " << a.graph << "\n";
      return kExitFailure;
    }
    std::cout << text::tr(lang, "ladder.written", {on_terminal(a.graph)}) << "\n";
  }
  return kExitOk;
}

}  // namespace prostup

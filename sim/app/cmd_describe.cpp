// `prostup describe [FILE]`: loads a scenario and prints the library's summary of it.
#include <iostream>

#include "prostup/cli.hpp"
#include "scenario_cli.hpp"

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
  std::cout << on_terminal(describe(*r.scenario, r.document), true);
  return kExitOk;
}

}  // namespace prostup

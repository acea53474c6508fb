// `prostup validate FILE...`: every problem of every file, one per line.
#include <fstream>
#include <iostream>
#include <sstream>

#include "prostup/cli.hpp"
#include "scenario_cli.hpp"

namespace prostup {

int cmd_validate(const ValidateArgs& a) {
  int rc = kExitOk;
  for (const auto& file : a.files) {
    std::string text, error;
    if (!read_scenario_file(file, text, error)) {
      std::cerr << "cannot read " << file << ": " << error << "\n";
      rc = kExitFailure;
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

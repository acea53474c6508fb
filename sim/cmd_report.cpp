#include <iostream>

#include "prostup/cli.hpp"

namespace prostup {

int cmd_report(const ReportArgs&) {
  std::cerr << "prostup report: not implemented yet\n";
  return kExitFailure;
}

}  // namespace prostup

#include <iostream>

#include "prostup/cli.hpp"

namespace prostup {

int cmd_cohort(const CohortArgs&) {
  std::cerr << "prostup cohort: not implemented yet\n";
  return kExitFailure;
}

}  // namespace prostup

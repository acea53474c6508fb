#include <iostream>

#include "prostup/cli.hpp"

namespace prostup {

int cmd_plan(const PlanArgs&) {
  std::cerr << "prostup plan: not implemented yet\n";
  return kExitFailure;
}

}  // namespace prostup

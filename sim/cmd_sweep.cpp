#include <iostream>

#include "prostup/cli.hpp"

namespace prostup {

int cmd_sweep(const SweepArgs&) {
  std::cerr << "prostup sweep: not implemented yet\n";
  return kExitFailure;
}

}  // namespace prostup

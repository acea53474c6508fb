#include <iostream>

#include "prostup/cli.hpp"

namespace prostup {

int cmd_run(const RunArgs&) {
  std::cerr << "prostup run: not implemented yet\n";
  return kExitFailure;
}

}  // namespace prostup

#include <iostream>

#include "prostup/cli.hpp"

namespace prostup {

int cmd_validate(const ValidateArgs&) {
  std::cerr << "prostup validate: not implemented yet\n";
  return kExitFailure;
}

}  // namespace prostup

#include <iostream>

#include "prostup/cli.hpp"

namespace prostup {

int cmd_describe(const DescribeArgs&) {
  std::cerr << "prostup describe: not implemented yet\n";
  return kExitFailure;
}

}  // namespace prostup

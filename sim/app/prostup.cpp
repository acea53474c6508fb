// SPDX-License-Identifier: Apache-2.0
// The `prostup` executable. Everything but the process's edges is in the library
// (run_cli in command_line.cpp), so the fuzzer parses command lines exactly as this does.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "prostup/command_line.hpp"
#include "prostup/parallel.hpp"

int main(int argc, char** argv) {
  // Under mpirun/srun every rank runs the same command (docs/distributed.md).
  prostup::MpiSession mpi(argc, argv);
  int rc = prostup::run_cli(argc, argv);
  // A failed write to standard output (a full disk, a closed pipe) is a failure too.
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout) || std::cout.fail()) {
    const int err = errno;
    std::cerr << "prostup: cannot write to standard output"
              << (err ? std::string(" (") + std::strerror(err) + ")" : std::string()) << "\n";
    if (rc == prostup::kExitOk) rc = prostup::kExitFailure;
  }
  return mpi.finish(rc);
}

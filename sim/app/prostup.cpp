// SPDX-License-Identifier: Apache-2.0
// The `prostup` executable. Everything but the process's edges is in the library
// (run_cli in command_line.cpp), so the fuzzer parses command lines exactly as this does.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "prostup/command_line.hpp"
#include "prostup/errors.hpp"
#include "prostup/parallel.hpp"

#ifdef PROSTUP_MPI_SIBLING
namespace {
// This build links no MPI library, so that a run on one machine loads none (about 1 MiB and
// 8 shared libraries less); its MPI build, PROSTUP_MPI_SIBLING, sits in the same folder
// (docs/distributed.md). A rank that a launcher started becomes that build, with the same
// arguments and environment (and the same process: the launcher sees nothing of it).
[[noreturn]] void become_mpi_build(char** argv) {
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) {
    std::fprintf(stderr,
                 "prostup: started by an MPI launcher, but cannot find its own folder "
                 "(/proc/self/exe: %s) to start %s from\n",
                 std::strerror(errno), PROSTUP_MPI_SIBLING);
    std::_Exit(prostup::kExitFailure);
  }
  std::string path(self, static_cast<std::size_t>(n));
  path = path.substr(0, path.rfind('/') + 1) + PROSTUP_MPI_SIBLING;
  execv(path.c_str(), argv);
  std::fprintf(stderr,
               "prostup: started by an MPI launcher, but its MPI build %s cannot be started "
               "(%s): install it beside prostup, or run prostup without the launcher\n",
               path.c_str(), std::strerror(errno));
  std::_Exit(prostup::kExitFailure);
}
}  // namespace
#endif

int main(int argc, char** argv) {
#ifdef PROSTUP_MPI_SIBLING
  if (prostup::launched_by_mpi()) become_mpi_build(argv);
#endif
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

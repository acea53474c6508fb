// SPDX-License-Identifier: Apache-2.0
// Distributed runs over MPI (docs/distributed.md). Without MPI, or when the program was not
// started by an MPI launcher, there is one rank and every function here is trivial.
#pragma once

#include <string>

namespace prostup {

// Initialises MPI for the life of main() when started under mpirun/srun; otherwise a no-op.
class MpiSession {
 public:
  MpiSession(int& argc, char**& argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  // The command's exit status on this rank: a failure that the other ranks do not know about
  // (see mpi_failure_shared) ends the whole job with MPI_Abort instead of leaving them waiting.
  int finish(int exit_code);
};

// Whether an MPI launcher (mpirun, srun) started this process: its environment variables.
bool launched_by_mpi();

int mpi_rank();
int mpi_size();
// Only this rank writes files and prints summaries and progress.
bool is_output_rank();

// Collective: every rank passes the SHA-256 of its scenario text; when a rank's differs from
// rank 0's, every rank throws std::runtime_error naming it. Call right after loading.
void mpi_require_same_scenario(const std::string& sha256);

// True after a collective error that every rank has seen (they all fail together).
bool mpi_failure_shared();

}  // namespace prostup

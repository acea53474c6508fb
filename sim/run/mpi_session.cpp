// SPDX-License-Identifier: Apache-2.0
// MPI session, rank queries and the collectives of distributed runs (docs/distributed.md).
// Only the C API of MPI is used; without PROSTUP_HAVE_MPI every rank is rank 0 of 1.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include "mpi_internal.hpp"
#include "prostup/parallel.hpp"

#ifdef PROSTUP_HAVE_MPI
// The C API only: keep Open MPI's and MPICH's C++ bindings out.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace prostup {

namespace {
int g_rank = 0;
int g_size = 1;
[[maybe_unused]] bool g_active = false;  // MPI_Init was called by us
bool g_failure_shared = false;

}  // namespace

// Initialise MPI only when a launcher started us: a plain `prostup run` must not depend
// on an MPI runtime being usable (singleton start-up is slow and fails in some containers).
bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}

MpiSession::MpiSession(int& argc, char**& argv) {
#ifdef PROSTUP_HAVE_MPI
  if (!launched_by_mpi()) return;
  int provided = 0;
  // Only the main thread calls MPI; TBB workers never do.
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  g_active = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_size);
#else
  (void)argc;
  (void)argv;
#endif
}

MpiSession::~MpiSession() {
#ifdef PROSTUP_HAVE_MPI
  if (g_active) MPI_Finalize();
  g_active = false;
#endif
}

int MpiSession::finish(int exit_code) {
#ifdef PROSTUP_HAVE_MPI
  if (g_active && g_size > 1 && exit_code != 0 && !g_failure_shared) {
    // The other ranks may be waiting in a collective for this one: end the whole job.
    std::cerr << "prostup: rank " << g_rank << " of " << g_size
              << " failed (see above); aborting all ranks\n";
    std::cerr.flush();
    MPI_Abort(MPI_COMM_WORLD, exit_code);
  }
#endif
  return exit_code;
}

int mpi_rank() {
  return g_rank;
}
int mpi_size() {
  return g_size;
}
bool is_output_rank() {
  return g_rank == 0;
}
bool mpi_failure_shared() {
  return g_failure_shared;
}

void mpi_require_same_scenario(const std::string& sha256) {
#ifdef PROSTUP_HAVE_MPI
  if (g_size <= 1) return;
  char root[65] = {0};
  if (g_rank == 0) sha256.copy(root, 64);
  MPI_Bcast(root, 64, MPI_CHAR, 0, MPI_COMM_WORLD);
  const int differs = sha256 != std::string(root) ? g_rank : 0;
  int first = 0;
  MPI_Allreduce(&differs, &first, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (first != 0) {
    g_failure_shared = true;
    throw std::runtime_error("rank " + std::to_string(first) +
                             " read a different scenario file than rank 0 (SHA-256 differs); "
                             "every node must see the same file");
  }
#else
  (void)sha256;
#endif
}

namespace detail {

void mark_failure_shared() {
  g_failure_shared = true;
}

bool test_fail_this_rank() {
  const char* v = std::getenv("PROSTUP_TEST_FAIL_RANK");
  return v && *v && std::atoi(v) == g_rank;
}

long long test_fail_alloc_at() {
  const char* v = std::getenv("PROSTUP_TEST_FAIL_ALLOC");
  return v && *v ? std::atoll(v) : -1;
}

int mpi_max_int(int x) {
#ifdef PROSTUP_HAVE_MPI
  if (g_size > 1) {
    int y = x;
    MPI_Allreduce(&x, &y, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return y;
  }
#endif
  return x;
}

std::uint64_t mpi_sum_u64(std::uint64_t x) {
#ifdef PROSTUP_HAVE_MPI
  if (g_size > 1) {
    unsigned long long in = x, out = 0;
    MPI_Allreduce(&in, &out, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
    return out;
  }
#endif
  return x;
}

int mpi_agree_status(int status, std::string& message) {
#ifdef PROSTUP_HAVE_MPI
  if (g_size > 1) {
    // The worst status, then the lowest failing rank tells everyone what went wrong.
    int worst = status;
    MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (worst < 2) return worst;
    const int mine = status == 2 ? g_rank : g_size;
    int who = g_size;
    MPI_Allreduce(&mine, &who, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    int len = static_cast<int>(message.size());
    MPI_Bcast(&len, 1, MPI_INT, who, MPI_COMM_WORLD);
    std::string text(static_cast<std::size_t>(len), '\0');
    if (g_rank == who) text = message;
    MPI_Bcast(text.data(), len, MPI_CHAR, who, MPI_COMM_WORLD);
    message = "rank " + std::to_string(who) + " of " + std::to_string(g_size) + " failed: " + text;
    g_failure_shared = true;
    return worst;
  }
#else
  (void)message;
#endif
  return status;
}

void mpi_share_outcomes(std::vector<ReplicationOutcome>& outs) {
#ifdef PROSTUP_HAVE_MPI
  if (g_size <= 1) return;
  std::vector<double> mine;
  for (std::size_t it = static_cast<std::size_t>(g_rank); it < outs.size();
       it += static_cast<std::size_t>(g_size))
    outs[it].serialize(mine);
  const int n = static_cast<int>(mine.size());
  std::vector<int> counts(static_cast<std::size_t>(g_size)), displs(counts.size());
  MPI_Allgather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  long long total = 0;
  for (int r = 0; r < g_size; ++r) {
    displs[r] = static_cast<int>(total);
    total += counts[r];
  }
  if (total > 2147483647LL)
    throw std::runtime_error("a replication block is too large to gather over MPI");
  std::vector<double> all(static_cast<std::size_t>(total));
  MPI_Allgatherv(mine.data(), n, MPI_DOUBLE, all.data(), counts.data(), displs.data(), MPI_DOUBLE,
                 MPI_COMM_WORLD);
  for (int r = 0; r < g_size; ++r) {
    if (r == g_rank) continue;
    const double* p = all.data() + displs[r];
    for (std::size_t it = static_cast<std::size_t>(r); it < outs.size();
         it += static_cast<std::size_t>(g_size))
      p = outs[it].deserialize(p);
  }
#else
  (void)outs;
#endif
}

void mpi_share_rows(std::vector<double>& rows, std::size_t width) {
#ifdef PROSTUP_HAVE_MPI
  if (g_size <= 1 || width == 0) return;
  const std::size_t n_rows = rows.size() / width;
  const auto owner_rows = [&](int r) {
    return n_rows > static_cast<std::size_t>(r)
               ? (n_rows - static_cast<std::size_t>(r) + static_cast<std::size_t>(g_size) - 1) /
                     static_cast<std::size_t>(g_size)
               : std::size_t{0};
  };
  if (rows.size() > 2147483647ULL)
    throw std::runtime_error("too many calibration rows to gather over MPI");
  std::vector<double> mine;
  for (std::size_t i = static_cast<std::size_t>(g_rank); i < n_rows;
       i += static_cast<std::size_t>(g_size))
    mine.insert(mine.end(), rows.begin() + static_cast<std::ptrdiff_t>(i * width),
                rows.begin() + static_cast<std::ptrdiff_t>((i + 1) * width));
  std::vector<int> counts(static_cast<std::size_t>(g_size)), displs(counts.size());
  int total = 0;
  for (int r = 0; r < g_size; ++r) {
    counts[static_cast<std::size_t>(r)] = static_cast<int>(owner_rows(r) * width);
    displs[static_cast<std::size_t>(r)] = total;
    total += counts[static_cast<std::size_t>(r)];
  }
  std::vector<double> all(static_cast<std::size_t>(total));
  MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), MPI_DOUBLE, all.data(), counts.data(),
                 displs.data(), MPI_DOUBLE, MPI_COMM_WORLD);
  for (int r = 0; r < g_size; ++r) {
    const double* p = all.data() + displs[static_cast<std::size_t>(r)];
    for (std::size_t i = static_cast<std::size_t>(r); i < n_rows;
         i += static_cast<std::size_t>(g_size), p += width)
      std::copy(p, p + width, rows.begin() + static_cast<std::ptrdiff_t>(i * width));
  }
#else
  (void)rows;
  (void)width;
#endif
}

}  // namespace detail

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// Collectives the runner uses for distributed runs; the single-rank versions do nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "prostup/engine.hpp"

namespace prostup::detail {

// The largest of each rank's value (the block size must agree across ranks).
int mpi_max_int(int x);
// Exact sum across ranks.
std::uint64_t mpi_sum_u64(std::uint64_t x);

// Status of one block on this rank: 0 = ok, 1 = cancelled, 2 = failed with `message`.
// Collective; returns the worst status over ranks and, for a failure, the first failing
// rank's message prefixed with its rank, in `message`.
int mpi_agree_status(int status, std::string& message);

// Item `it` of a block belongs to rank it % size. After the call every rank holds every
// item's outcome in `outs` (each rank filled its own items before).
void mpi_share_outcomes(std::vector<ReplicationOutcome>& outs);

// Rows of `width` doubles, row `i` filled by rank i % size: after the call every rank holds
// every row (calibration's particles, docs/distributed.md).
void mpi_share_rows(std::vector<double>& rows, std::size_t width);

// Test hook (docs/distributed.md): PROSTUP_TEST_FAIL_RANK=r makes rank r fail while
// simulating its first block. Returns true when this rank should fail.
bool test_fail_this_rank();
// PROSTUP_TEST_FAIL_ALLOC=N: the runner's task N throws std::bad_alloc (-1 when unset).
long long test_fail_alloc_at();

void mark_failure_shared();

}  // namespace prostup::detail

// SPDX-License-Identifier: Apache-2.0
// Philox4x32-10 for many counters at once (internal to the engine; tested against Random123).
//
// The engine draws one Philox block per household-month: counter (household number, month,
// purpose, 0) under the key of (seed, town, replication). Computing them one call at a time
// costs more than the model's own logic, so they are computed for a run of households at
// once with SIMD multiplies. The result is word for word r123::Philox4x32's.
#pragma once

#include <cstddef>
#include <cstdint>

namespace prostup::detail {

struct PhiloxKey {
  std::uint32_t k0, k1;
};

// Instruction sets the batch can use; each level needs the CPU to support it.
enum class SimdLevel : int { scalar = 0, sse2 = 1, avx2 = 2, avx512 = 3 };

// The best level this CPU supports (checked once).
SimdLevel best_simd_level();
const char* to_string(SimdLevel level);

// For j < n: the first three words of Philox4x32-10(counter = {ctr0[j], c1, c2, 0}, key)
// into out0[j], out1[j], out2[j]. `level` must not exceed best_simd_level().
void philox_first3(SimdLevel level, const std::uint32_t* ctr0, std::size_t n, std::uint32_t c1,
                   std::uint32_t c2, PhiloxKey key, std::uint32_t* out0, std::uint32_t* out1,
                   std::uint32_t* out2);

// The same at best_simd_level().
void philox_first3(const std::uint32_t* ctr0, std::size_t n, std::uint32_t c1, std::uint32_t c2,
                   PhiloxKey key, std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2);

}  // namespace prostup::detail

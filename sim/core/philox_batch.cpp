// SPDX-License-Identifier: Apache-2.0
#include "philox_batch.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define PROSTUP_X86 1
#endif

namespace prostup::detail {

namespace {

// Random123's constants for Philox4x32: round multipliers and the Weyl key increments.
constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
constexpr int kRounds = 10;

struct RoundKeys {
  std::uint32_t k0[kRounds], k1[kRounds];
  explicit RoundKeys(PhiloxKey key) {
    for (int r = 0; r < kRounds; ++r) {
      k0[r] = key.k0 + static_cast<std::uint32_t>(r) * kW0;
      k1[r] = key.k1 + static_cast<std::uint32_t>(r) * kW1;
    }
  }
};

inline std::uint32_t mulhilo(std::uint32_t m, std::uint32_t a, std::uint32_t* hi) {
  const std::uint64_t p = static_cast<std::uint64_t>(m) * a;
  *hi = static_cast<std::uint32_t>(p >> 32);
  return static_cast<std::uint32_t>(p);
}

// The definition, one counter at a time: also the tail of the SIMD loops.
void scalar_range(const RoundKeys& rk, const std::uint32_t* ctr0, std::size_t from, std::size_t to,
                  std::uint32_t c1in, std::uint32_t c2in, std::uint32_t* out0, std::uint32_t* out1,
                  std::uint32_t* out2) {
  for (std::size_t j = from; j < to; ++j) {
    std::uint32_t c0 = ctr0[j], c1 = c1in, c2 = c2in, c3 = 0;
    for (int r = 0; r < kRounds; ++r) {
      std::uint32_t hi0, hi1;
      const std::uint32_t lo0 = mulhilo(kM0, c0, &hi0);
      const std::uint32_t lo1 = mulhilo(kM1, c2, &hi1);
      c0 = hi1 ^ c1 ^ rk.k0[r];
      c1 = lo1;
      c2 = hi0 ^ c3 ^ rk.k1[r];
      c3 = lo0;
    }
    out0[j] = c0;
    out1[j] = c1;
    out2[j] = c2;
  }
}

#ifdef PROSTUP_X86
// One SIMD kernel per instruction set, from one body. Lanes hold 32-bit words; a 32x32->64
// multiply of the even lanes (mul_epu32) and of the odd lanes shifted down gives the high
// and low words. The first two rounds have constant words (the counter's words 1-3 are the
// same for every household), so they need one vector multiply each instead of two.
// hi:lo = a * m for each 32-bit lane (statement; lambdas would not inherit the target). The
// even lanes' products keep their low words in place and the odd lanes' their high words:
// MERGE(x, y) takes the even 32-bit lanes from x and the odd ones from y.
#define PROSTUP_MULHILO(VT, P, MERGE, a, m, hi, lo)          \
  do {                                                       \
    const VT even_ = P##_mul_epu32(a, m);                    \
    const VT odd_ = P##_mul_epu32(P##_srli_epi64(a, 32), m); \
    lo = MERGE(even_, P##_slli_epi64(odd_, 32));             \
    hi = MERGE(P##_srli_epi64(even_, 32), odd_);             \
  } while (0)

#define PROSTUP_PHILOX_KERNEL(NAME, ATTR, VT, LANES, P, SI, MULHILO, XOR3)                         \
  ATTR void NAME(const RoundKeys& rk, const std::uint32_t* ctr0, std::size_t n,                    \
                 std::uint32_t c1in, std::uint32_t c2in, std::uint32_t* out0, std::uint32_t* out1, \
                 std::uint32_t* out2) {                                                            \
    const VT m0 = P##_set1_epi32(static_cast<int>(kM0));                                           \
    const VT m1 = P##_set1_epi32(static_cast<int>(kM1));                                           \
    VT k0v[kRounds], k1v[kRounds];                                                                 \
    for (int r = 0; r < kRounds; ++r) {                                                            \
      k0v[r] = P##_set1_epi32(static_cast<int>(rk.k0[r]));                                         \
      k1v[r] = P##_set1_epi32(static_cast<int>(rk.k1[r]));                                         \
    }                                                                                              \
    /* Round 0: c2 is the constant purpose; round 1: c0 is constant. */                            \
    std::uint32_t hi1s, hi0s;                                                                      \
    const std::uint32_t lo1s = mulhilo(kM1, c2in, &hi1s);                                          \
    const std::uint32_t r0c0 = hi1s ^ c1in ^ rk.k0[0], r0c1 = lo1s;                                \
    const std::uint32_t r1lo0 = mulhilo(kM0, r0c0, &hi0s);                                         \
    const VT r1c0x = P##_set1_epi32(static_cast<int>(r0c1 ^ rk.k0[1]));                            \
    const VT r1c2x = P##_set1_epi32(static_cast<int>(hi0s ^ rk.k1[1]));                            \
    const VT c3r1 = P##_set1_epi32(static_cast<int>(r1lo0));                                       \
    std::size_t j = 0;                                                                             \
    for (; j + LANES <= n; j += LANES) {                                                           \
      VT hi0, lo0, hi1, lo1;                                                                       \
      const VT a = P##_loadu_##SI(reinterpret_cast<const VT*>(ctr0 + j));                          \
      MULHILO(a, m0, hi0, lo0);                                                                    \
      VT c2 = P##_xor_##SI(hi0, k1v[0]);                                                           \
      VT c3 = lo0;                                                                                 \
      MULHILO(c2, m1, hi1, lo1);                                                                   \
      VT c0 = P##_xor_##SI(hi1, r1c0x);                                                            \
      VT c1 = lo1;                                                                                 \
      c2 = P##_xor_##SI(c3, r1c2x);                                                                \
      c3 = c3r1;                                                                                   \
      for (int r = 2; r < kRounds; ++r) {                                                          \
        MULHILO(c0, m0, hi0, lo0);                                                                 \
        MULHILO(c2, m1, hi1, lo1);                                                                 \
        c0 = XOR3(hi1, c1, k0v[r]);                                                                \
        c1 = lo1;                                                                                  \
        c2 = XOR3(hi0, c3, k1v[r]);                                                                \
        c3 = lo0;                                                                                  \
      }                                                                                            \
      P##_storeu_##SI(reinterpret_cast<VT*>(out0 + j), c0);                                        \
      P##_storeu_##SI(reinterpret_cast<VT*>(out1 + j), c1);                                        \
      P##_storeu_##SI(reinterpret_cast<VT*>(out2 + j), c2);                                        \
    }                                                                                              \
    scalar_range(rk, ctr0, j, n, c1in, c2in, out0, out1, out2);                                    \
  }

// SSE2 has no blend: mask and or. AVX2 blends 32-bit lanes; AVX-512 also xors three at once.
#define PROSTUP_MERGE_SSE2(x, y)                                \
  _mm_or_si128(_mm_and_si128(x, _mm_set1_epi64x(0xffffffffLL)), \
               _mm_andnot_si128(_mm_set1_epi64x(0xffffffffLL), y))
#define PROSTUP_XOR3_SSE2(x, y, z) _mm_xor_si128(_mm_xor_si128(x, y), z)
#define PROSTUP_MERGE_AVX2(x, y) _mm256_blend_epi32(x, y, 0xAA)
#define PROSTUP_XOR3_AVX2(x, y, z) _mm256_xor_si256(_mm256_xor_si256(x, y), z)
#define PROSTUP_XOR3_AVX512(x, y, z) _mm512_ternarylogic_epi32(x, y, z, 0x96)
#define PROSTUP_MULHILO_SSE2(a, m, hi, lo) \
  PROSTUP_MULHILO(__m128i, _mm, PROSTUP_MERGE_SSE2, a, m, hi, lo)
#define PROSTUP_MULHILO_AVX2(a, m, hi, lo) \
  PROSTUP_MULHILO(__m256i, _mm256, PROSTUP_MERGE_AVX2, a, m, hi, lo)
// AVX-512 moves a word and merges in one masked in-lane swap (CDAB swaps the two 32-bit
// halves of each 64-bit lane): lo takes the odd products' low words into the odd lanes,
// hi the even products' high words into the even lanes. Two operations fewer per multiply.
#define PROSTUP_MULHILO_AVX512(a, m, hi, lo)                            \
  do {                                                                  \
    const __m512i even_ = _mm512_mul_epu32(a, m);                       \
    const __m512i odd_ = _mm512_mul_epu32(_mm512_srli_epi64(a, 32), m); \
    lo = _mm512_mask_shuffle_epi32(even_, 0xAAAA, odd_, _MM_PERM_CDAB); \
    hi = _mm512_mask_shuffle_epi32(odd_, 0x5555, even_, _MM_PERM_CDAB); \
  } while (0)

PROSTUP_PHILOX_KERNEL(kernel_sse2, , __m128i, 4, _mm, si128, PROSTUP_MULHILO_SSE2,
                      PROSTUP_XOR3_SSE2)
PROSTUP_PHILOX_KERNEL(kernel_avx2, __attribute__((target("avx2"))), __m256i, 8, _mm256, si256,
                      PROSTUP_MULHILO_AVX2, PROSTUP_XOR3_AVX2)
// GCC 12's avx512fintrin.h trips -Wmaybe-uninitialized on its own _mm512_undefined values.
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__)  // clang has no such group (and no such warning)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
PROSTUP_PHILOX_KERNEL(kernel_avx512, __attribute__((target("avx512f"))), __m512i, 16, _mm512, si512,
                      PROSTUP_MULHILO_AVX512, PROSTUP_XOR3_AVX512)
#pragma GCC diagnostic pop
#undef PROSTUP_PHILOX_KERNEL
#undef PROSTUP_MULHILO
#undef PROSTUP_MERGE_SSE2
#undef PROSTUP_XOR3_SSE2
#undef PROSTUP_MERGE_AVX2
#undef PROSTUP_XOR3_AVX2
#undef PROSTUP_MULHILO_SSE2
#undef PROSTUP_MULHILO_AVX2
#undef PROSTUP_MULHILO_AVX512
#undef PROSTUP_XOR3_AVX512
#endif

SimdLevel detect() {
#ifdef PROSTUP_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return SimdLevel::avx512;
  if (__builtin_cpu_supports("avx2")) return SimdLevel::avx2;
  return SimdLevel::sse2;
#else
  return SimdLevel::scalar;
#endif
}

}  // namespace

SimdLevel best_simd_level() {
  static const SimdLevel level = detect();
  return level;
}

const char* to_string(SimdLevel level) {
  switch (level) {
    case SimdLevel::scalar:
      return "scalar";
    case SimdLevel::sse2:
      return "sse2";
    case SimdLevel::avx2:
      return "avx2";
    case SimdLevel::avx512:
      return "avx512";
  }
  return "?";
}

void philox_first3(SimdLevel level, const std::uint32_t* ctr0, std::size_t n, std::uint32_t c1,
                   std::uint32_t c2, PhiloxKey key, std::uint32_t* out0, std::uint32_t* out1,
                   std::uint32_t* out2) {
  const RoundKeys rk(key);
  switch (level) {
#ifdef PROSTUP_X86
    case SimdLevel::avx512:
      kernel_avx512(rk, ctr0, n, c1, c2, out0, out1, out2);
      return;
    case SimdLevel::avx2:
      kernel_avx2(rk, ctr0, n, c1, c2, out0, out1, out2);
      return;
    case SimdLevel::sse2:
      kernel_sse2(rk, ctr0, n, c1, c2, out0, out1, out2);
      return;
#endif
    default:
      scalar_range(rk, ctr0, 0, n, c1, c2, out0, out1, out2);
  }
}

void philox_first3(const std::uint32_t* ctr0, std::size_t n, std::uint32_t c1, std::uint32_t c2,
                   PhiloxKey key, std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2) {
  philox_first3(best_simd_level(), ctr0, n, c1, c2, key, out0, out1, out2);
}

}  // namespace prostup::detail

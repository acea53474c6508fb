// SPDX-License-Identifier: Apache-2.0
// SplitMix64 (Steele, Lea & Flood 2014; Vigna's constants): the one 64-bit mixer that keys the
// engine's Philox streams (docs/model.md, "Randomness") and calibration's keyed streams.
// Header-only, for any layer. tests/test_bench_ladder.cpp keeps its own copy on purpose: it
// re-implements the documented streams independently of this code.
#pragma once

#include <cstdint>

namespace prostup {

constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The published test vector: the first outputs from state 0 (Vigna's splitmix64.c).
static_assert(splitmix64(0) == 0xe220a8397b1dcdafULL);

}  // namespace prostup

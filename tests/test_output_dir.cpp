// The staged output directory (sim/run_support.hpp): the --force replacement is one atomic
// exchange, so a reader never finds the output directory missing; the memory estimate counts
// every model's households.
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../sim/app/run_support.hpp"
#include "test_files.hpp"

namespace fs = std::filesystem;
using namespace prostup;

TEST_CASE("exchange_paths swaps two directories and a reader never sees the target missing",
          "[output]") {
  test::TempDir tmp("exchange");
  const fs::path a = tmp.path / ".out.tmp-1", b = tmp.path / "out";
  fs::create_directory(a);
  fs::create_directory(b);
  std::ofstream(a / "new.txt") << "new";
  std::ofstream(b / "old.txt") << "old";

  detail::exchange_paths(a, b);
  CHECK(fs::exists(b / "new.txt"));
  CHECK(fs::exists(a / "old.txt"));
  CHECK_FALSE(fs::exists(b / "old.txt"));

  // Two renames (the fallback) leave a window without `out`: a reader polling with access(2)
  // while the exchange is repeated finds it thousands of times in 20,000 looks (measured on
  // 2 busy cores). RENAME_EXCHANGE has no such window.
  std::atomic<bool> stop{false};
  std::atomic<long> missing{0}, looks{0};
  std::thread reader([&] {
    while (!stop.load()) {
      if (::access(b.c_str(), F_OK) != 0) ++missing;
      ++looks;
    }
  });
  while (looks.load() == 0) std::this_thread::yield();
  long swaps = 0;
  while ((swaps < 1000 || looks.load() < 20000) && swaps < 200000) {
    detail::exchange_paths(a, b);
    ++swaps;
  }
  stop = true;
  reader.join();
  if (swaps % 2 == 1) detail::exchange_paths(a, b);
  INFO(swaps << " exchanges, " << looks.load() << " looks at the target");
  CHECK(looks.load() >= 20000);
  CHECK(missing.load() == 0);
  CHECK(fs::exists(b / "new.txt"));
}

TEST_CASE("the memory estimate counts the households a variant adds", "[output][memory]") {
  Scenario base = test::load_scenario("tests/fixtures/small.json");
  Scenario big = base;
  big.towns.front().initial["street"] += 1000000;
  const auto small = detail::estimate_resources({&base}, 10, 12, 1, true);
  const auto with_variant = detail::estimate_resources({&base, &big}, 10, 12, 1, true);
  // A million more households at 56 bytes or more each (engine.cpp's columns).
  CHECK(with_variant.memory_bytes - small.memory_bytes > 56e6);
  CHECK(with_variant.household_months > 10 * 12 * 1e6);
  // Each extra thread holds its own households.
  const auto four = detail::estimate_resources({&base, &big}, 10, 12, 4, true);
  CHECK(four.memory_bytes - with_variant.memory_bytes > 3 * 56e6);
}

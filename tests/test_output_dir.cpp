// SPDX-License-Identifier: Apache-2.0
// The staged output directory (sim/study/run_support.hpp): the --force replacement is one atomic
// exchange, so a reader never finds the output directory missing; the memory estimate counts
// every model's households; a run folder's reservation never outlives a command that failed.
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../sim/study/run_folders.hpp"
#include "../sim/study/run_support.hpp"
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

namespace {
void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}
}  // namespace

// A fake /proc and /sys under a temporary root: the limit of the v1 memory group the process
// is in counts, not only the hierarchy's root (which an unlimited root reads as ~2^63).
TEST_CASE("the cgroup v1 memory limit of the process's own group is read", "[output][memory]") {
  test::TempDir tmp("cgroup");
  const fs::path root = tmp.path;
  write_file(root / "proc/self/cgroup",
             "12:pids:/user.slice\n4:cpu,cpuacct:/user.slice\n"
             "9:memory:/user.slice/job.scope\n1:name=systemd:/user.slice/job.scope\n");
  const fs::path mem = root / "sys/fs/cgroup/memory";
  write_file(mem / "memory.limit_in_bytes", "9223372036854771712\n");
  write_file(mem / "memory.usage_in_bytes", "50000000\n");
  write_file(mem / "user.slice/memory.limit_in_bytes", "9223372036854771712\n");
  write_file(mem / "user.slice/job.scope/memory.limit_in_bytes", "300000000\n");
  write_file(mem / "user.slice/job.scope/memory.usage_in_bytes", "100000000\n");
  const detail::MemoryLimit lim = detail::cgroup_memory_limit(root.string());
  CHECK(lim.bytes == 200000000);
  CHECK(lim.source.find("memory.limit_in_bytes") != std::string::npos);

  // A limit on a group above it binds too; inside a container the group's path may not exist
  // under the mount (it is mounted at the group): the root's limit is then the one.
  write_file(mem / "user.slice/memory.limit_in_bytes", "150000000\n");
  CHECK(detail::cgroup_memory_limit(root.string()).bytes == 150000000);
  fs::remove_all(mem / "user.slice");
  write_file(mem / "memory.limit_in_bytes", "400000000\n");
  CHECK(detail::cgroup_memory_limit(root.string()).bytes == 350000000);

  // cgroup v2: memory.max less memory.current; "max" is no limit.
  write_file(root / "proc/self/cgroup", "0::/app.slice/x.service\n");
  write_file(root / "sys/fs/cgroup/app.slice/x.service/memory.max", "max\n");
  CHECK(detail::cgroup_memory_limit(root.string()).bytes < 0);
  write_file(root / "sys/fs/cgroup/app.slice/x.service/memory.max", "500000000\n");
  write_file(root / "sys/fs/cgroup/app.slice/x.service/memory.current", "1000000\n");
  CHECK(detail::cgroup_memory_limit(root.string()).bytes == 499000000);
}

// A leftover that carries this process's own PID (a container's PID 1 runs again) may hold
// the only copy of an older output: it is kept, and the command stages elsewhere.
TEST_CASE("a leftover with the command's own PID is kept", "[output]") {
  test::TempDir tmp("ownpid");
  const fs::path leftover = tmp.path / (".out.tmp-" + std::to_string(::getpid()));
  write_file(leftover / "outcomes.csv", "older\n");
  {
    detail::StagedOutput out(tmp.path / "out", false, "test");
    CHECK(out.staging() != leftover);
    std::ofstream(out.staging() / "new.txt") << "new";
    out.commit();
  }
  CHECK(fs::exists(leftover / "outcomes.csv"));
  CHECK(fs::exists(tmp.path / "out" / "new.txt"));
}

// new_run_folder reserves prostup-out/NAME/RUN-ID by creating .RUN-ID.lock; a command whose
// StagedOutput fails before it holds that lock (here: the name became a file) removes it, so
// no stale lock is left beside the run folders. Another command's lock file stays.
static fs::path lock_beside(const fs::path& dir) {
  std::string name = ".";
  name += dir.filename().string();
  name += ".lock";
  return dir.parent_path() / name;
}

TEST_CASE("a run folder's reservation goes when the output fails before locking", "[output]") {
  test::TempDir tmp("reserve");
  const fs::path dir = detail::new_run_folder(tmp.path / "jirkov");
  const fs::path lock = lock_beside(dir);
  REQUIRE(fs::exists(lock));
  std::ofstream(dir) << "not a folder";
  CHECK_THROWS(detail::StagedOutput(dir, false, "test"));
  CHECK_FALSE(fs::exists(lock));

  // a lock file that new_run_folder did not create in this process is not this command's
  const fs::path other = tmp.path / "jirkov" / "20200101-000000";
  const fs::path other_lock = lock_beside(other);
  std::ofstream(other_lock).flush();
  std::ofstream(other) << "not a folder";
  CHECK_THROWS(detail::StagedOutput(other, false, "test"));
  CHECK(fs::exists(other_lock));

  // a reserved folder that is written keeps no lock either
  const fs::path ok = detail::new_run_folder(tmp.path / "jirkov");
  {
    detail::StagedOutput out(ok, false, "test");
    out.commit();
  }
  CHECK(fs::is_directory(ok));
  CHECK_FALSE(fs::exists(lock_beside(ok)));
}

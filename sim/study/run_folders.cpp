// SPDX-License-Identifier: Apache-2.0
#include "run_folders.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <system_error>

#include "prostup/parallel.hpp"

namespace prostup::detail {

namespace fs = std::filesystem;

std::string run_id_text(long long utc, int suffix) {
  const std::time_t t = static_cast<std::time_t>(utc);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  std::string id = buf;
  if (suffix > 1) {
    id += suffix < 10 ? "-0" : "-";
    id += std::to_string(suffix);
  }
  return id;
}

namespace {

// The lock files new_run_folder created in this process that no StagedOutput holds yet: only
// these may be removed by a command that fails before locking (another one is someone's lock).
std::mutex reserved_mutex;
std::set<std::string> reserved;

fs::path reservation_lock(const fs::path& dir) {
  std::string name = ".";  // appended, not "." + ...: GCC 12's -Wrestrict misfires on that
  name += dir.filename().string();
  name += ".lock";
  return dir.parent_path() / name;
}

}  // namespace

void end_run_folder_reservation(const fs::path& dir, bool remove_lock) {
  const fs::path lock = reservation_lock(dir);
  std::lock_guard<std::mutex> guard(reserved_mutex);
  if (reserved.erase(lock.string()) != 0 && remove_lock) ::unlink(lock.c_str());
}

fs::path new_run_folder(const fs::path& base) {
  std::error_code ec;
  fs::create_directories(base, ec);
  if (ec) throw std::runtime_error("cannot create " + base.string() + ": " + ec.message());
  const long long now = static_cast<long long>(std::time(nullptr));
  for (int k = 1; k <= 99; ++k) {
    const std::string id = run_id_text(now, k);
    const fs::path dir = base / id;
    if (fs::exists(fs::symlink_status(dir, ec))) continue;
    // The lock file StagedOutput holds for the whole command: created exclusively here, it
    // reserves the name until the folder exists (StagedOutput commits before it unlinks it).
    const fs::path lock = reservation_lock(dir);
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      throw std::runtime_error("cannot create " + lock.string() + ": " + std::strerror(errno));
    }
    ::close(fd);
    // A command that committed this name between the two checks: its folder is there now.
    if (fs::exists(fs::symlink_status(dir, ec))) {
      ::unlink(lock.c_str());
      continue;
    }
    std::lock_guard<std::mutex> guard(reserved_mutex);
    reserved.insert(lock.string());
    return dir;
  }
  throw std::runtime_error("cannot find a free run folder in " + base.string() +
                           " (99 runs began in this second; use -o DIR)");
}

fs::path command_output_dir(const std::string& out_dir, const std::string& name) {
  if (!out_dir.empty()) return fs::path(out_dir);
  const fs::path base = fs::path("prostup-out") / name;
  return is_output_rank() ? new_run_folder(base) : base;
}

void point_latest(const fs::path& run_dir, const std::string& command) {
  const fs::path base = run_dir.parent_path().empty() ? fs::path(".") : run_dir.parent_path();
  const fs::path latest = base / "latest";
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(latest, ec);
  if (fs::exists(st) && !fs::is_symlink(st)) {
    std::cerr << "prostup " << command << ": note: " << latest.string()
              << " is not a symbolic link; it is left as it is (the outputs are in "
              << run_dir.string() << ")\n";
    return;
  }
  // Unique in this process (calls from Python threads run side by side) and across
  // processes; a link of this name is one a killed command with this process id left.
  static std::atomic<long long> serial{0};
  const fs::path tmp = base / (".latest.tmp-" + std::to_string(::getpid()) + "-" +
                               std::to_string(serial.fetch_add(1)));
  if (fs::is_symlink(fs::symlink_status(tmp, ec))) fs::remove(tmp, ec);
  fs::create_directory_symlink(run_dir.filename(), tmp, ec);
  if (!ec) fs::rename(tmp, latest, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    std::cerr << "prostup " << command << ": note: could not point " << latest.string() << " at "
              << run_dir.filename().string() << ": " << ec.message() << " (the outputs are in "
              << run_dir.string() << ")\n";
  }
}

}  // namespace prostup::detail

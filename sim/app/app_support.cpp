// SPDX-License-Identifier: Apache-2.0
#include "app_support.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <new>

#include "prostup/cli.hpp"
#include "prostup/errors.hpp"
#include "prostup/number_text.hpp"
#include "run_support.hpp"
#include "scenario_cli.hpp"

namespace prostup::detail {

namespace fs = std::filesystem;

std::atomic<bool> g_cancel{false};
std::atomic<int> g_signal{0};
// The handler below may only store to lock-free atomics (async-signal safety).
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the signal handler needs lock-free atomics");

namespace {
extern "C" void on_signal(int sig) {
  g_signal.store(sig);
  g_cancel.store(true);
}
}  // namespace

void install_signal_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

int exit_code_for_signal() {
  return 128 + g_signal.load();
}

void test_signal_point(const char* where) {
  const char* at = std::getenv("PROSTUP_TEST_SIGNAL_AT");
  if (at && std::strcmp(at, where) == 0) std::raise(SIGTERM);
}

const char* signal_name() {
  return g_signal.load() == SIGTERM ? "SIGTERM" : "SIGINT";
}

std::string failure_text(const std::exception& e) {
  if (dynamic_cast<const std::bad_alloc*>(&e))
    return "out of memory (" + std::string(e.what()) +
           "); nothing was written (try fewer replications, threads or towns)";
  return e.what();
}

int run_command(const std::string& command, const std::string& interrupted,
                const std::function<int()>& body) {
  const std::string prefix = "prostup " + command + ": ";
  try {
    return body();
  } catch (const UserError& e) {
    std::cerr << e.details() << prefix << e.what() << "\n";
    return kExitInvalid;
  } catch (const RunCancelled&) {
    std::cerr << prefix << "interrupted by " << signal_name() << "; " << interrupted << "\n";
    return exit_code_for_signal();
  } catch (const std::exception& e) {
    std::cerr << prefix << failure_text(e) << "\n";
    return kExitFailure;
  }
}

Progress::Progress(bool enabled) : enabled_(enabled && ::isatty(2)), start_(seconds_now()) {}

void Progress::update(long long done, long long total) {
  if (!enabled_ || total <= 0) return;
  const double el = seconds_now() - start_;
  const double rate = el > 0 ? done / el : 0;
  const double eta = rate > 0 ? (total - done) / rate : 0;
  const int width = 30;
  const int fill = static_cast<int>(width * static_cast<double>(done) / total);
  std::string bar(fill, '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r[%s] %lld/%lld tasks  %s/s  ETA %s s   ", bar.c_str(), done, total,
               number_text::fixed(rate, 1).c_str(), number_text::fixed(eta, 0).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) {
    std::fprintf(stderr, "\r%80s\r", "");
    std::fflush(stderr);
  }
}

long long record_in_catalog(const CatalogOptions& opt, const std::string& command,
                            const std::string& scenario_text, const fs::path& given_dir) {
  if (opt.disabled) return -1;
  // The folder as the output staging resolved it: `-o ./x/../out` names ./out even when x
  // does not exist (the kernel would not walk through the missing x).
  std::error_code resolve_ec;
  fs::path out_dir = fs::weakly_canonical(fs::absolute(given_dir), resolve_ec);
  if (resolve_ec) out_dir = given_dir;
  const std::string path = catalog_path(opt);
  try {
    const long long id = record_output(opt, command, scenario_text, out_dir, &g_cancel);
    if (g_cancel)
      std::cerr << "prostup " << command << ": interrupted by " << signal_name()
                << "; the outputs in " << printable(out_dir.string())
                << " are complete and recorded in the catalog\n";
    return id;
  } catch (const std::exception& e) {
    if (g_cancel) {
      std::cerr << "prostup " << command << ": interrupted by " << signal_name()
                << " while waiting for the catalog " << printable(path)
                << "; the run was not recorded in the catalog (the outputs in "
                << printable(out_dir.string()) << " are complete)\n";
      return -1;
    }
    std::cerr << "prostup " << command << ": warning: not recorded in the catalog " << path << ": "
              << e.what() << " (the outputs in " << out_dir.string()
              << " are complete; --catalog PATH records elsewhere, --no-catalog skips it)\n";
    return -1;
  }
}

}  // namespace prostup::detail

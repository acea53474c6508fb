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
#include "prostup/study.hpp"
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

int run_command(const std::string& command, const std::string& interrupted,
                const std::function<int()>& body) {
  try {
    return body();
  } catch (...) {
    const study::Failure f =
        study::failure_of(std::current_exception(), command, interrupted, g_signal.load());
    std::cerr << f.message;
    return f.exit_code;
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
                            const std::string& scenario_text, const fs::path& out_dir) {
  const study::Recorded r =
      study::record_in_catalog(opt, command, scenario_text, out_dir, &g_cancel, &g_signal);
  std::cerr << r.message;
  return r.id;
}

}  // namespace prostup::detail

// SPDX-License-Identifier: Apache-2.0
// What the commands share that belongs to the process, not to a use case (sim/study/):
// the signal handlers and their cancel flag, the progress bar, the catalog record with its
// messages, and the one place where what escapes a command becomes its exit code.
#pragma once

#include <atomic>
#include <exception>
#include <filesystem>
#include <functional>
#include <string>

#include "prostup/catalog.hpp"
#include "prostup/errors.hpp"
#include "prostup/options.hpp"
#include "prostup/runner.hpp"

namespace prostup::detail {

// SIGINT/SIGTERM set g_cancel and g_signal (0 = none, else the signal number); the handler
// only stores to these lock-free atomics.
extern std::atomic<bool> g_cancel;
extern std::atomic<int> g_signal;
void install_signal_handlers();
int exit_code_for_signal();
const char* signal_name();  // "SIGINT" or "SIGTERM"
// Test hook (tests/cli/signals_while_writing.sh): raises SIGTERM when the environment
// variable PROSTUP_TEST_SIGNAL_AT equals `where` ("write": a command starts writing files).
void test_signal_point(const char* where);

// Runs the body of `prostup COMMAND` and turns what escapes it into the exit code, the one
// place that does (docs/architecture.md): a UserError 2 (its details, then
// "prostup COMMAND: message" on stderr), RunCancelled 130/143 ("prostup COMMAND: interrupted
// by SIG...; `interrupted`"), anything else 1 (study::failure_of, include/prostup/study.hpp).
int run_command(const std::string& command, const std::string& interrupted,
                const std::function<int()>& body);

// A progress bar on stderr when it is a terminal.
class Progress {
 public:
  explicit Progress(bool enabled);
  void update(long long done, long long total);
  void finish();

 private:
  bool enabled_;
  double start_;
  bool drawn_ = false;
};

// The limits of --months, --replications and --threads (UserError), shared by run, sweep
// and plan: the options table's ranges (include/prostup/options.hpp).
template <class Args>
void check_run_limits(const Args& a) {
  const auto over = [](const char* flag, long long value) {
    const long long hi = command_option("run", flag).whole_hi;
    if (value > hi)
      throw UserError(std::string(flag) + " " + std::to_string(value) + " exceeds the limit of " +
                      std::to_string(hi));
  };
  over("--months", a.months);
  over("--replications", a.replications);
  over("--threads", a.threads);
}

// What a command that wrote `out_dir` records in the catalog (record_output,
// include/prostup/catalog.hpp), never throwing: a catalog that cannot take the record gives a
// warning on stderr ("prostup COMMAND: warning: ...") and the outputs stay as written.
// Returns the run id, or -1 when not recorded (also when disabled). A SIGINT/SIGTERM ends a
// wait for a locked catalog at once: it says on stderr that the run was not recorded, and the
// caller exits with the signal's code (the outputs stay committed).
long long record_in_catalog(const CatalogOptions& opt, const std::string& command,
                            const std::string& scenario_text, const std::filesystem::path& out_dir);

}  // namespace prostup::detail

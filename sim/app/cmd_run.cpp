// SPDX-License-Identifier: Apache-2.0
// `prostup run`: every town under the baseline and the variants, outputs, summary.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <thread>

#include "answer.hpp"
#include "app_support.hpp"
#include "prostup/cli.hpp"
#include "prostup/cohort.hpp"
#include "prostup/marginal.hpp"
#include "prostup/number_text.hpp"
#include "prostup/parallel.hpp"
#include "prostup/runner.hpp"
#include "prostup/study.hpp"
#include "prostup/writers.hpp"
#include "run_folders.hpp"
#include "run_support.hpp"
#include "scenario_cli.hpp"
#include "strings.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace detail;

namespace {

// The columns the answer may use (issue 26): COLUMNS where set, else the terminal's width
// when stdout is one, else 100 (a pipe or a file); never under 20.
int answer_width() {
  long cols = 0;
  if (const char* c = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const long v = std::strtol(c, &end, 10);
    if (end != c && *end == '\0') cols = v;
  }
  winsize ws{};
  if (cols <= 0 && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
    cols = ws.ws_col;
  if (cols <= 0) cols = 100;
  return static_cast<int>(std::clamp(cols, 20L, 1000000L));
}

// The rows the short answer may take (one screen): the towns beyond them are counted, not
// listed.
constexpr int kAnswerRows = 40;

// `prostup run --dry-run`: what would run and what it would take.
void print_dry_run(const study::RunSetup& s, bool no_report) {
  const ResourceEstimate& est = s.estimate;
  std::printf("%s: %zu model(s) x %zu town(s) x %d replications x %d months\n",
              s.source.path.c_str(), s.models.size(), s.source.scenario.towns.size(),
              s.replications, s.months);
  const double seconds = est.seconds - (no_report ? est.report_seconds : 0);
  std::printf(
      "estimate: %s household-months, peak memory %s MB (%s: %s MB), "
      "about %s s on %d thread(s) (simulating %s s, writing %s s)\n",
      number_text::general(est.household_months, 3).c_str(),
      number_text::fixed(est.memory_bytes / 1e6, 0).c_str(), s.limit.source.c_str(),
      number_text::fixed(s.limit.bytes / 1e6, 0).c_str(), number_text::fixed(seconds, 1).c_str(),
      s.threads, number_text::fixed(est.simulate_seconds, 1).c_str(),
      number_text::fixed(seconds - est.simulate_seconds - 0.2, 1).c_str());
}

// Simulates with a progress bar (the output rank's, unless --quiet); the bar is cleared
// before anything else is printed, also when the run is interrupted.
study::RunOutcome simulate(const study::RunSetup& setup, bool quiet) {
  Progress progress(!quiet && is_output_rank());
  try {
    study::RunOutcome o =
        study::run(setup, {[&](long long d, long long n) { progress.update(d, n); }, &g_cancel});
    progress.finish();
    return o;
  } catch (...) {
    progress.finish();
    throw;
  }
}

// The files and the report into the staging folder, then the folder committed whole. A
// signal while writing is seen between the steps, and commit() refuses after one.
void write_outputs(const study::RunOutcome& o, const RunArgs& a, StagedOutput& staged,
                   Language lang) {
  test_signal_point("write");
  if (g_cancel) throw RunCancelled();
  write_run_outputs(o.result, staged.staging(), csv_dialect_of(a.csv_dialect), &g_cancel);
  if (!a.no_report) write_report(staged.staging(), staged.staging(), &g_cancel, lang);
  staged.commit();
}

// The answer on the terminal: short, or with --verbose the full listing. Labels come from
// the scenario: no escape codes reach a terminal.
void print_answer(const study::RunOutcome& o, const fs::path& out, const RunArgs& a,
                  Language lang) {
  if (a.quiet) return;
  if (a.verbose) {  // the scenario's texts escaped one by one, as the listing builds them
    const auto shown = [](const std::string& text) { return on_terminal(text); };
    std::fputs(answer::verbose_listing(o.result, o.models, o.exact, out, lang, shown).c_str(),
               stdout);
    return;
  }
  std::fputs(on_terminal(answer::terminal_answer(o.result, out, !a.no_report, lang, answer_width(),
                                                 kAnswerRows),
                         true)
                 .c_str(),
             stdout);
}

}  // namespace

int cmd_run(const RunArgs& a) {
  install_signal_handlers();
  return run_command("run", "stopped and removed the partial output", [&] {
    check_run_limits(a);
    const study::RunSetup setup = study::prepare_run(a);
    if (a.dry_run) {
      if (is_output_rank()) print_dry_run(setup, a.no_report);
      return kExitOk;
    }
    check_memory(setup.estimate, setup.limit, a.force, "the run");
    // -o DIR, else a new folder prostup-out/NAME/RUN-ID (run_folders.hpp), checked and
    // locked before anything is simulated; under MPI only the output rank writes files and
    // prints (docs/distributed.md).
    const fs::path out = command_output_dir(a.out_dir, setup.source.scenario.name);
    std::optional<StagedOutput> staged;
    if (is_output_rank()) staged.emplace(out, a.force, "run", &g_cancel);
    const study::RunOutcome o = simulate(setup, a.quiet);
    if (!is_output_rank()) return kExitOk;
    const Language lang = text::language_from(setup.language);
    write_outputs(o, a, *staged, lang);
    if (a.out_dir.empty()) point_latest(out, "run");
    record_in_catalog(a.catalog, "run", setup.source.text, out);
    if (g_cancel) return exit_code_for_signal();  // Ctrl-C while the catalog was locked
    if (std::getenv("PROSTUP_TEST_PEAK_RSS"))     // test hook: tests/cli/run_memory_estimate.sh
      std::fprintf(stderr, "peak_rss_bytes %lld\n", peak_resident_bytes());
    print_answer(o, out, a, lang);
    return kExitOk;
  });
}

}  // namespace prostup

// The `prostup` command line: parses arguments and calls the library (include/prostup/cli.hpp).
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <limits>

#include "prostup/cli.hpp"
#include "prostup/parallel.hpp"

namespace {

// A whole number in [lo, hi], checked on the text before CLI11 converts it (so 2^64 is not
// clamped and 0 for a count is refused with words, not with DBL_MIN..DBL_MAX).
CLI::Validator whole_number(unsigned long long lo, unsigned long long hi) {
  const std::string range =
      "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        if (text.empty() || text.size() > 20 ||
            text.find_first_not_of("0123456789") != std::string::npos)
          return "'" + text + "' is not " + range;
        errno = 0;
        const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
        if (errno == ERANGE || v < lo || v > hi) return text + " is not " + range;
        return "";
      },
      "INT " + std::to_string(lo) + ".." + std::to_string(hi));
}

}  // namespace

static int run_cli(int argc, char** argv) {
  using namespace prostup;
  CLI::App app{
      "prostup: Monte Carlo simulation of transitional-housing ladders (prostupné bydlení)"};
  app.set_version_flag("--version", std::string("prostup ") + PROSTUP_VERSION);
  app.require_subcommand(1);
  // The engine's limits (also checked by the commands, for callers of the library).
  const auto kMonths = whole_number(1, 600), kReplications = whole_number(1, 100000),
             kThreads = whole_number(0, 1024),
             kSeed = whole_number(0, std::numeric_limits<long long>::max());

  ValidateArgs va;
  auto* validate = app.add_subcommand("validate", "Check scenario files; print every problem");
  validate->add_option("files", va.files, "Scenario JSON files")->required();
  validate->add_flag("-q,--quiet", va.quiet, "Print nothing for valid files");

  DescribeArgs da;
  auto* describe = app.add_subcommand("describe", "Summarise a scenario for a planner");
  describe->add_option("file", da.file, "Scenario JSON (default: the built-in scenario)");

  RunArgs ra;
  std::string variants_csv;
  auto* run = app.add_subcommand("run", "Simulate every town under the baseline and variants");
  run->add_option("file", ra.file, "Scenario JSON (default: the built-in scenario)");
  run->add_option("-o,--output", ra.out_dir, "Output directory (default prostup-out/<name>)");
  run->add_option("--replications", ra.replications, "Monte Carlo replications")
      ->check(kReplications);
  run->add_option("--threads", ra.threads, "Worker threads (0 = all cores)")->check(kThreads);
  run->add_option("--seed", ra.seed, "Random seed")->check(kSeed);
  run->add_option("--months", ra.months, "Months to simulate")->check(kMonths);
  auto* vopt = run->add_option("--variants", variants_csv,
                               "Comma-separated variant ids (empty = baseline only)");
  run->add_flag("--quiet", ra.quiet, "No progress or summary output");
  run->add_flag("--force", ra.force,
                "Replace a non-empty output directory; ignore the memory estimate");
  run->add_flag("--no-report", ra.no_report, "Do not draw charts and report.html");
  run->add_flag("--dry-run", ra.dry_run, "Print the memory and time estimate and stop");

  SweepArgs sa;
  auto* sweep =
      app.add_subcommand("sweep", "Run a grid of parameter values with common random numbers");
  sweep->add_option("file", sa.file, "Scenario JSON (default: the built-in scenario)");
  sweep->add_option("--set", sa.sets, "POINTER=FROM:TO:STEP (repeatable: a grid)")->required();
  sweep->add_option("-o,--output", sa.out_dir, "Output directory");
  sweep->add_option("--replications", sa.replications)->check(kReplications);
  sweep->add_option("--threads", sa.threads)->check(kThreads);
  sweep->add_option("--seed", sa.seed)->check(kSeed);
  sweep->add_option("--months", sa.months)->check(kMonths);
  sweep->add_flag("--quiet", sa.quiet);
  sweep->add_flag("--force", sa.force);
  sweep->add_flag("--no-report", sa.no_report, "Do not draw charts and report.html");
  sweep->add_option("--variant", sa.variant, "Variant id to sweep (default: baseline)");

  PlanArgs pa;
  auto* plan =
      app.add_subcommand("plan", "Find the smallest value that meets a target with confidence");
  plan->add_option("file", pa.file, "Scenario JSON (default: the built-in scenario)");
  plan->add_option("--vary", pa.vary, "POINTER=LO:HI")->required();
  plan->add_option("--target", pa.target, "METRIC>=VALUE or METRIC<=VALUE")->required();
  plan->add_option("--town", pa.town, "Town id (default: all towns, '*')");
  plan->add_option("--variant", pa.variant, "Variant id (default: baseline)");
  plan->add_option("--confidence", pa.confidence, "Confidence of the CI bound")
      ->check(CLI::Range(0.5, 0.9999));
  plan->add_option("-o,--output", pa.out_dir, "Output directory");
  plan->add_option("--replications", pa.replications)->check(kReplications);
  plan->add_option("--threads", pa.threads)->check(kThreads);
  plan->add_option("--seed", pa.seed)->check(kSeed);
  plan->add_option("--months", pa.months)->check(kMonths);
  plan->add_flag("--quiet", pa.quiet);
  plan->add_flag("--force", pa.force);
  plan->add_flag("--no-report", pa.no_report, "Do not draw charts and report.html");

  ReportArgs rpa;
  auto* report =
      app.add_subcommand("report", "Draw charts and report.html from an output directory");
  report->add_option("dir", rpa.dir, "Output directory of run or sweep")->required();

  CohortArgs ca;
  auto* cohort = app.add_subcommand("cohort", "Exact expected trajectories (no capacity limits)");
  cohort->add_option("file", ca.file, "Scenario JSON (default: the built-in scenario)");
  cohort->add_option("-o,--output", ca.out_dir, "Output directory");
  cohort->add_flag("--force", ca.force);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitInvalid;
  }

  try {
    if (*validate) return cmd_validate(va);
    if (*describe) return cmd_describe(da);
    if (*run) {
      if (vopt->count() > 0) {
        ra.variants_given = true;
        std::string cur;
        for (char c : variants_csv + ",") {
          if (c == ',') {
            if (!cur.empty()) ra.variants.push_back(cur);
            cur.clear();
          } else {
            cur += c;
          }
        }
      }
      return cmd_run(ra);
    }
    if (*sweep) return cmd_sweep(sa);
    if (*plan) return cmd_plan(pa);
    if (*report) return cmd_report(rpa);
    if (*cohort) return cmd_cohort(ca);
  } catch (const std::exception& e) {
    std::cerr << "prostup: internal error: " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitInvalid;
}

int main(int argc, char** argv) {
  // Under mpirun/srun every rank runs the same command (docs/distributed.md).
  prostup::MpiSession mpi(argc, argv);
  int rc = run_cli(argc, argv);
  // A failed write to standard output (a full disk, a closed pipe) is a failure too.
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout) || std::cout.fail()) {
    const int err = errno;
    std::cerr << "prostup: cannot write to standard output"
              << (err ? std::string(" (") + std::strerror(err) + ")" : std::string()) << "\n";
    if (rc == prostup::kExitOk) rc = prostup::kExitFailure;
  }
  return mpi.finish(rc);
}

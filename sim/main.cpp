// The `prostup` command line: parses arguments and calls the library (include/prostup/cli.hpp).
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "prostup/cli.hpp"
#include "prostup/parallel.hpp"

// --catalog PATH and --no-catalog of the commands that record themselves (docs/catalog.md).
static void add_catalog_options(CLI::App* cmd, prostup::CatalogOptions& c) {
  cmd->add_option("--catalog", c.path,
                  "Run catalog (default $PROSTUP_CATALOG, else prostup-out/catalog.sqlite)");
  cmd->add_flag("--no-catalog", c.disabled, "Do not record this run in the catalog");
}

static int run_cli(int argc, char** argv) {
  using namespace prostup;
  CLI::App app{
      "prostup: Monte Carlo simulation of transitional-housing ladders (prostupné bydlení)"};
  app.set_version_flag("--version", std::string("prostup ") + PROSTUP_VERSION);
  app.require_subcommand(1);

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
      ->check(CLI::PositiveNumber);
  run->add_option("--threads", ra.threads, "Worker threads (0 = all cores)")
      ->check(CLI::NonNegativeNumber);
  run->add_option("--seed", ra.seed, "Random seed")->check(CLI::NonNegativeNumber);
  run->add_option("--months", ra.months, "Months to simulate")->check(CLI::PositiveNumber);
  auto* vopt = run->add_option("--variants", variants_csv,
                               "Comma-separated variant ids (empty = baseline only)");
  run->add_flag("--quiet", ra.quiet, "No progress or summary output");
  run->add_flag("--force", ra.force,
                "Replace a non-empty output directory; ignore the memory estimate");
  run->add_flag("--no-report", ra.no_report, "Do not draw charts and report.html");
  run->add_flag("--dry-run", ra.dry_run, "Print the memory and time estimate and stop");
  add_catalog_options(run, ra.catalog);

  SweepArgs sa;
  auto* sweep =
      app.add_subcommand("sweep", "Run a grid of parameter values with common random numbers");
  sweep->add_option("file", sa.file, "Scenario JSON (default: the built-in scenario)");
  sweep->add_option("--set", sa.sets, "POINTER=FROM:TO:STEP (repeatable: a grid)")->required();
  sweep->add_option("-o,--output", sa.out_dir, "Output directory");
  sweep->add_option("--replications", sa.replications)->check(CLI::PositiveNumber);
  sweep->add_option("--threads", sa.threads)->check(CLI::NonNegativeNumber);
  sweep->add_option("--seed", sa.seed)->check(CLI::NonNegativeNumber);
  sweep->add_option("--months", sa.months)->check(CLI::PositiveNumber);
  sweep->add_flag("--quiet", sa.quiet);
  sweep->add_flag("--force", sa.force);
  sweep->add_flag("--no-report", sa.no_report, "Do not draw charts and report.html");
  sweep->add_option("--variant", sa.variant, "Variant id to sweep (default: baseline)");
  add_catalog_options(sweep, sa.catalog);

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
  plan->add_option("--replications", pa.replications)->check(CLI::PositiveNumber);
  plan->add_option("--threads", pa.threads)->check(CLI::NonNegativeNumber);
  plan->add_option("--seed", pa.seed)->check(CLI::NonNegativeNumber);
  plan->add_option("--months", pa.months)->check(CLI::PositiveNumber);
  plan->add_flag("--quiet", pa.quiet);
  plan->add_flag("--force", pa.force);
  plan->add_flag("--no-report", pa.no_report, "Do not draw charts and report.html");
  add_catalog_options(plan, pa.catalog);

  ReportArgs rpa;
  auto* report =
      app.add_subcommand("report", "Draw charts and report.html from an output directory");
  report->add_option("dir", rpa.dir, "Output directory of run or sweep")->required();

  CohortArgs ca;
  auto* cohort = app.add_subcommand("cohort", "Exact expected trajectories (no capacity limits)");
  cohort->add_option("file", ca.file, "Scenario JSON (default: the built-in scenario)");
  cohort->add_option("-o,--output", ca.out_dir, "Output directory");
  cohort->add_flag("--force", ca.force);

  RunsArgs rna;
  auto* runs = app.add_subcommand("runs", "What the run catalog remembers: list, show, diff");
  runs->require_subcommand(1);
  runs->fallthrough();  // `runs list --catalog PATH` as well as `runs --catalog PATH list`
  runs->add_option("--catalog", rna.catalog.path,
                   "Run catalog (default $PROSTUP_CATALOG, else prostup-out/catalog.sqlite)");
  auto* runs_list = runs->add_subcommand("list", "Every recorded run, oldest first");
  runs_list->add_option("--scenario", rna.scenario, "Only runs of this scenario name");
  auto* runs_show = runs->add_subcommand("show", "One run's settings and headline outcomes");
  runs_show->add_option("id", rna.ids, "Run id")->required()->expected(1);
  auto* runs_diff = runs->add_subcommand(
      "diff", "What changed between two runs: scenario by JSON pointer, headline outcomes");
  runs_diff->add_option("ids", rna.ids, "Two run ids: older, newer")->required()->expected(2);

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
    if (*runs) {
      rna.action = *runs_list ? "list" : *runs_show ? "show" : "diff";
      return cmd_runs(rna);
    }
  } catch (const std::exception& e) {
    std::cerr << "prostup: internal error: " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitInvalid;
}

int main(int argc, char** argv) {
  // Under mpirun/srun every rank runs the same command (docs/distributed.md).
  prostup::MpiSession mpi(argc, argv);
  return mpi.finish(run_cli(argc, argv));
}

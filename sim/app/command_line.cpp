// SPDX-License-Identifier: Apache-2.0
// The `prostup` command line: parses arguments and calls the library (include/prostup/cli.hpp).
// main() (prostup.cpp) only calls run_cli; the fuzzer calls parse_cli, which stops after
// parsing (include/prostup/command_line.hpp).
#include "prostup/command_line.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <limits>

#include "prostup/cli.hpp"
#include "prostup/version.hpp"

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

// A number in [lo, hi], with CLI::Range's description and message; CLI::Range lets NaN
// through (every comparison with it is false), this refuses it (found by fuzz/fuzz_cli.cpp).
CLI::Validator number_in(double lo, double hi) {
  const CLI::Range range(lo, hi);
  return CLI::Validator(
      [range, lo, hi](std::string& text) -> std::string {
        std::string why = range(text);
        double v = 0;
        if (why.empty() && (!CLI::detail::lexical_cast(text, v) || !(v >= lo && v <= hi)))
          why =
              "Value " + text + " not in range " + std::to_string(lo) + " to " + std::to_string(hi);
        return why;
      },
      range.get_description());
}

const char* const kFileHelp =
    "Scenario JSON (default: the built-in scenario, scenarios/default.json; e.g. "
    "scenarios/jirkov.json)";

// The options run, sweep and plan share, with the same names, meaning and help.
template <class Args>
void add_run_options(CLI::App& cmd, Args& a) {
  cmd.add_option("--replications", a.replications,
                 "Monte Carlo replications (default: the scenario's simulation.replications; "
                 "e.g. --replications 100)")
      ->check(whole_number(1, 100000));
  cmd.add_option("--threads", a.threads,
                 "Worker threads, 0 = all cores; results do not depend on it (default: 0; e.g. "
                 "--threads 4)")
      ->check(whole_number(0, 1024));
  cmd.add_option("--seed", a.seed,
                 "Random seed (default: the scenario's simulation.seed; e.g. --seed 7)")
      ->check(whole_number(0, std::numeric_limits<long long>::max()));
  cmd.add_option("--months", a.months,
                 "Months to simulate, at most 600 (default: the scenario's simulation.months; "
                 "e.g. --months 120)")
      ->check(whole_number(1, 600));
}

// --fixed-parameters and --inner-replications of sweep and plan (docs/planning.md).
template <class Args>
void add_uncertainty_options(CLI::App& cmd, Args& a) {
  cmd.add_flag("--fixed-parameters", a.fixed_parameters,
               "Run every parameter that carries a distribution at its mean: Monte Carlo "
               "intervals only (default: off, every value runs the same drawn parameter sets; "
               "e.g. --fixed-parameters)");
  cmd.add_option("--inner-replications", a.inner_replications,
                 "Replications per drawn parameter set (default: 2; e.g. --inner-replications "
                 "4)")
      ->check(CLI::Range(1, 1000));
}

// --lang en|cs; empty (not given) = the scenario's "language", else English.
void add_lang_option(CLI::App& cmd, std::string& lang, const std::string& what) {
  cmd.add_option("--lang", lang,
                 "Language of " + what +
                     ": en or cs (default: the scenario's \"language\", else en; e.g. --lang cs)")
      ->check(CLI::IsMember({"en", "cs"}));
}

// --catalog PATH and --no-catalog of the commands that record themselves (docs/catalog.md).
void add_catalog_options(CLI::App& cmd, prostup::CatalogOptions& c) {
  cmd.add_option("--catalog", c.path,
                 "Run catalog to record this run in (default: $PROSTUP_CATALOG, else "
                 "prostup-out/catalog.sqlite; e.g. --catalog ~/runs.sqlite)");
  cmd.add_flag("--no-catalog", c.disabled,
               "Do not record this run in the catalog (default: off, recorded; e.g. "
               "--no-catalog for a throw-away run)");
}

// --csv-dialect of the commands that write CSV files (docs/report.md).
void add_csv_dialect_option(CLI::App& cmd, std::string& dialect) {
  cmd.add_option("--csv-dialect", dialect,
                 "How the CSV files are written: rfc4180 (comma, decimal point) or excel-cs "
                 "(semicolon, decimal comma, UTF-8 BOM: opens in a Czech spreadsheet) "
                 "(default: rfc4180; e.g. --csv-dialect excel-cs)")
      ->check(CLI::IsMember({"rfc4180", "excel-cs"}));
}

}  // namespace

// The one parser behind run_cli and parse_cli: with `parse_only` set it fills that and
// returns after parsing, else it runs the command. Help, version and usage errors go to
// `out` and `err`.
static int command_line(int argc, const char* const* argv, prostup::CliParse* parse_only,
                        std::ostream& out, std::ostream& err) {
  using namespace prostup;
  CLI::App app{
      "prostup: Monte Carlo simulation of transitional-housing ladders (prostupné bydlení)"};
  app.set_version_flag("--version", "prostup " + version_string());
  app.require_subcommand(1);

  ValidateArgs va;
  auto* validate = app.add_subcommand("validate", "Check scenario files; print every problem");
  validate
      ->add_option("files", va.files,
                   "Scenario JSON files; a JSON Schema file among them is skipped (required; "
                   "e.g. scenarios/*.json)")
      ->required();
  validate->add_flag("-q,--quiet", va.quiet,
                     "Print nothing for valid files (default: off; e.g. validate -q a.json)");

  SchemaArgs sca;
  auto* schema = app.add_subcommand(
      "schema", "Print the scenario JSON Schema generated from the format's tables");
  schema->add_flag("--dict", sca.dict,
                   "Print the fuzzer's dictionary instead (default: off; e.g. schema --dict)");
  schema->add_option("--update", sca.update_dir,
                     "Rewrite the generated files of this source tree: the schema, the tables "
                     "of docs/scenario-format.md, fuzz/scenario.dict (default: none; e.g. "
                     "schema --update .)");

  DescribeArgs da;
  auto* describe = app.add_subcommand("describe", "Summarise a scenario for a planner");
  describe->add_option("file", da.file, kFileHelp);
  add_lang_option(*describe, da.lang, "the summary");
  describe->add_option(
      "--graph", da.graph,
      "Also draw the ladder (stages, moves, services) as an SVG file, e.g. --graph "
      "ladder.svg (default: not drawn)");

  RunArgs ra;
  std::string variants_csv;
  auto* run = app.add_subcommand("run", "Simulate every town under the baseline and variants");
  run->add_option("file", ra.file, kFileHelp);
  run->add_option("-o,--output", ra.out_dir,
                  "Output directory (default: a new prostup-out/<scenario name>/RUN-ID, with "
                  "prostup-out/<scenario name>/latest pointing at it; e.g. -o out/jirkov)");
  add_run_options(*run, ra);
  add_catalog_options(*run, ra.catalog);
  auto* vopt = run->add_option(
      "--variants", variants_csv,
      "Comma-separated variant ids, empty = baseline only (default: all; e.g. --variants "
      "jirkov_training_plus20,housing_first)");
  run->add_flag("--quiet", ra.quiet,
                "No progress or summary output (default: off; e.g. --quiet in scripts)");
  run->add_flag("--verbose", ra.verbose,
                "Print every headline metric of every town and variant, and every binding "
                "constraint (default: off, the short answer; e.g. --verbose)");
  run->add_flag("--force", ra.force,
                "Replace a non-empty output directory; ignore the memory estimate (default: off; "
                "e.g. --force -o out/again)");
  run->add_flag("--no-report", ra.no_report,
                "Do not draw charts and report.html (default: off; e.g. --no-report, then "
                "`prostup report DIR`)");
  add_csv_dialect_option(*run, ra.csv_dialect);
  run->add_flag("--fixed-parameters", ra.fixed_parameters,
                "Run every parameter that carries a distribution at its mean: Monte Carlo "
                "intervals only, as before distributions (default: off, parameter sets are "
                "drawn; e.g. --fixed-parameters)");
  run->add_option("--inner-replications", ra.inner_replications,
                  "Replications per drawn parameter set, at least 2 to split the variance into "
                  "parameters and Monte Carlo (default: 2; e.g. --inner-replications 4)")
      ->check(CLI::Range(1, 1000));
  add_lang_option(*run, ra.lang, "the terminal answer and report.html");
  run->add_flag("--by-profile-series", ra.by_profile_series,
                "Also write the monthly series (occupancy, waiting) by household profile to "
                "timeseries.csv; slower and larger (default: off; e.g. --by-profile-series)");
  run->add_flag("--dry-run", ra.dry_run,
                "Print the memory and time estimate and stop (default: off; e.g. --dry-run "
                "--replications 5000)");

  SweepArgs sa;
  auto* sweep =
      app.add_subcommand("sweep", "Run a grid of parameter values with common random numbers");
  sweep->add_option("file", sa.file, kFileHelp);
  sweep
      ->add_option("--set", sa.sets,
                   "POINTER=FROM:TO:STEP, a number in the scenario and its values; repeat for a "
                   "grid (required; e.g. --set /towns/jirkov/capacity/training_flat=4:20:4)")
      ->required();
  sweep->add_option("-o,--output", sa.out_dir,
                    "Output directory (default: a new prostup-out/<scenario name>-sweep/RUN-ID, "
                    "with latest beside it; e.g. -o out/sweep)");
  add_run_options(*sweep, sa);
  add_uncertainty_options(*sweep, sa);
  add_catalog_options(*sweep, sa.catalog);
  sweep->add_flag("--quiet", sa.quiet,
                  "No progress or summary output (default: off; e.g. --quiet in scripts)");
  sweep->add_flag("--force", sa.force,
                  "Replace a non-empty output directory (default: off; e.g. --force -o out/again)");
  sweep->add_flag(
      "--no-report", sa.no_report,
      "Do not draw charts and report.html (default: off; e.g. --no-report, then `prostup "
      "report DIR`)");
  add_lang_option(*sweep, sa.lang, "the terminal answer and report.html");
  add_csv_dialect_option(*sweep, sa.csv_dialect);
  sweep->add_option("--variant", sa.variant,
                    "Variant id to sweep (default: the baseline; e.g. --variant "
                    "jirkov_training_plus20)");

  PlanArgs pa;
  auto* plan =
      app.add_subcommand("plan", "Find the smallest value that meets a target with confidence");
  plan->add_option("file", pa.file, kFileHelp);
  plan->add_option("--vary", pa.vary,
                   "POINTER=LO:HI, the number to search and its range (required; e.g. --vary "
                   "/towns/jirkov/capacity/training_flat=0:40)")
      ->required();
  plan->add_option("--target", pa.target,
                   "METRIC>=VALUE or METRIC<=VALUE; shares also as percent (required; e.g. "
                   "--target 'reached_lease_share>=60%')")
      ->required();
  plan->add_option("--town", pa.town,
                   "Town id the target applies to (default: all towns together, '*'; e.g. "
                   "--town jirkov)");
  plan->add_option("--variant", pa.variant,
                   "Variant id to search in (default: the baseline; e.g. --variant "
                   "debt_counsellor_everywhere)");
  plan->add_option("--confidence", pa.confidence,
                   "With fixed parameters: confidence of the one-sided bound of the mean that must "
                   "meet the target (default: 0.95; "
                   "e.g. --confidence 0.9)")
      ->check(number_in(0.5, 0.9999));
  plan->add_option("--assurance", pa.assurance,
                   "Share of the drawn parameter sets that must meet the target (default: 0.95; "
                   "e.g. --assurance 0.8)")
      ->check(number_in(0.01, 1));
  plan->add_option("-o,--output", pa.out_dir,
                   "Output directory (default: a new prostup-out/<scenario name>-plan/RUN-ID, with "
                   "latest beside it; e.g. -o out/plan)");
  add_run_options(*plan, pa);
  add_uncertainty_options(*plan, pa);
  add_catalog_options(*plan, pa.catalog);
  plan->add_flag("--quiet", pa.quiet,
                 "No progress or summary output (default: off; e.g. --quiet in scripts)");
  plan->add_flag("--force", pa.force,
                 "Replace a non-empty output directory (default: off; e.g. --force -o out/again)");
  add_lang_option(*plan, pa.lang, "the terminal answer and report.html");
  plan->add_flag(
      "--no-report", pa.no_report,
      "Do not draw charts and report.html (default: off; e.g. --no-report, then `prostup "
      "report DIR`)");

  ReportArgs rpa;
  auto* report =
      app.add_subcommand("report", "Draw charts and report.html from an output directory");
  report
      ->add_option("dir", rpa.dir,
                   "Output directory of run, sweep or plan (required; e.g. out/jirkov)")
      ->required();
  report
      ->add_option("--lang", rpa.lang,
                   "Language of report.html: en or cs (default: the run's own, from manifest.json, "
                   "else en; e.g. --lang cs)")
      ->check(CLI::IsMember({"en", "cs"}));

  CohortArgs ca;
  auto* cohort = app.add_subcommand("cohort", "Exact expected trajectories (no capacity limits)");
  cohort->add_option("file", ca.file, kFileHelp);
  cohort->add_option("-o,--output", ca.out_dir,
                     "Output directory (default: prostup-out/<scenario name>-cohort; e.g. -o "
                     "out/cohort)");
  cohort->add_flag(
      "--force", ca.force,
      "Replace a non-empty output directory (default: off; e.g. --force -o out/again)");
  add_csv_dialect_option(*cohort, ca.csv_dialect);

  CalibrateArgs cla;
  auto* calibrate = app.add_subcommand(
      "calibrate", "Fit the parameters with a distribution to what the towns have observed");
  calibrate->add_option("file", cla.file, kFileHelp);
  add_catalog_options(*calibrate, cla.catalog);
  calibrate->add_option(
      "-o,--output", cla.out_dir,
      "Output directory (default: a new prostup-out/<scenario name>-calibrate/RUN-ID, "
      "with latest beside it; e.g. -o out/calibrated)");
  calibrate
      ->add_option("--max-simulations", cla.max_simulations,
                   "Budget of parameter sets simulated, every generation together (default: "
                   "20000; e.g. --max-simulations 5000)")
      ->check(whole_number(20, 100000000));
  calibrate
      ->add_option("--max-seconds", cla.max_seconds,
                   "Wall-time budget, checked between generations; a run it stops depends on "
                   "the machine's speed (default: 0, none; e.g. --max-seconds 600)")
      ->check(CLI::Range(0.0, 1e9));
  calibrate
      ->add_option("--particles", cla.particles,
                   "Parameter sets in each generation (default: 200; e.g. --particles 500)")
      ->check(whole_number(10, 100000));
  calibrate
      ->add_option("--seed", cla.seed,
                   "Random seed (default: the scenario's simulation.seed; e.g. --seed 7)")
      ->check(whole_number(0, std::numeric_limits<long long>::max()));
  calibrate
      ->add_option("--threads", cla.threads,
                   "Worker threads, 0 = all cores; results do not depend on it (default: 0; "
                   "e.g. --threads 4)")
      ->check(whole_number(0, 1024));
  calibrate->add_flag("--quiet", cla.quiet,
                      "No progress or summary output (default: off; e.g. --quiet in scripts)");
  calibrate->add_flag(
      "--force", cla.force,
      "Replace a non-empty output directory (default: off; e.g. --force -o out/again)");
  add_csv_dialect_option(*calibrate, cla.csv_dialect);
  RunsArgs rna;
  auto* runs = app.add_subcommand("runs", "What the run catalog remembers: list, show, diff");
  runs->require_subcommand(1);
  runs->fallthrough();  // `runs list --catalog PATH` as well as `runs --catalog PATH list`
  runs->add_option("--catalog", rna.catalog.path,
                   "Run catalog to read (default: $PROSTUP_CATALOG, else "
                   "prostup-out/catalog.sqlite; e.g. --catalog ~/runs.sqlite)");
  auto* runs_list = runs->add_subcommand("list", "Every recorded run, oldest first");
  runs_list->add_option("--scenario", rna.scenario,
                        "Only runs of this scenario name (default: all; e.g. --scenario jirkov)");
  auto* runs_show = runs->add_subcommand("show", "One run's settings and headline outcomes");
  runs_show->add_option("id", rna.ids, "Run id (required; e.g. 12, from `prostup runs list`)")
      ->required()
      ->expected(1);
  auto* runs_diff = runs->add_subcommand(
      "diff",
      "What changed between two runs: the scenario as written by JSON pointer, the settings, "
      "headline outcomes and total cost marked against both runs' intervals");
  runs_diff->add_option("ids", rna.ids, "Two run ids, older then newer (required; e.g. 11 12)")
      ->required()
      ->expected(2);
  runs_diff->add_flag("--json", rna.json,
                      "Print the difference as JSON (scenario changes, settings, outcomes with "
                      "both runs' means and intervals; default: text)");
  runs_diff->add_flag("--attribute", rna.attribute,
                      "Re-run the first run's scenario with each changed input alone, paired "
                      "with it, and say how much of each headline's change it explains "
                      "(default: off; e.g. runs diff 11 12 --attribute)");
  runs_diff
      ->add_option("--replications", rna.replications,
                   "Replications of --attribute's simulations (default: the first run's; e.g. "
                   "--replications 100)")
      ->check(whole_number(1, 100000));
  runs_diff
      ->add_option("--threads", rna.threads,
                   "Worker threads of --attribute, 0 = all cores; results do not depend on it "
                   "(default: 0; e.g. --threads 4)")
      ->check(whole_number(0, 1024));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e, out, err);
    rc = rc == 0 ? kExitOk : kExitInvalid;
    if (parse_only) parse_only->exit_code = rc;
    return rc;
  }
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
  if (parse_only) {
    CliParse& p = *parse_only;
    // The chosen command and its subcommands, e.g. "runs show".
    for (const CLI::App* c = &app; !c->get_subcommands().empty();) {
      c = c->get_subcommands().front();
      p.command += (p.command.empty() ? "" : " ") + c->get_name();
    }
    p.validate = va;
    p.describe = da;
    p.run = ra;
    p.sweep = sa;
    p.plan = pa;
    p.report = rpa;
    p.cohort = ca;
    p.runs = rna;
    if (*runs) p.runs.action = *runs_list ? "list" : *runs_show ? "show" : "diff";
    return kExitOk;
  }

  try {
    if (*validate) return cmd_validate(va);
    if (*describe) return cmd_describe(da);
    if (*schema) return cmd_schema(sca);
    if (*run) return cmd_run(ra);
    if (*sweep) return cmd_sweep(sa);
    if (*plan) return cmd_plan(pa);
    if (*report) return cmd_report(rpa);
    if (*cohort) return cmd_cohort(ca);
    if (*calibrate) return cmd_calibrate(cla);
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

namespace prostup {

int run_cli(int argc, const char* const* argv) {
  return command_line(argc, argv, nullptr, std::cout, std::cerr);
}

CliParse parse_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CliParse parsed;
  command_line(argc, argv, &parsed, out, err);
  return parsed;
}

}  // namespace prostup

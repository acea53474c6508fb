// SPDX-License-Identifier: Apache-2.0
// The `prostup` command line: parses arguments and calls the library (include/prostup/cli.hpp).
// main() (prostup.cpp) only calls run_cli; the fuzzer calls parse_cli, which stops after
// parsing (include/prostup/command_line.hpp).
#include "prostup/command_line.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <exception>
#include <functional>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <variant>

#include "prostup/cli.hpp"
#include "prostup/options.hpp"
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

// One option of the table (include/prostup/options.hpp), bound to its member.
void add_from_row(CLI::App& cmd, const prostup::OptionSpec& o, bool& member) {
  cmd.add_flag(o.flag, member, o.help);
}

template <class T>
void add_from_row(CLI::App& cmd, const prostup::OptionSpec& o, T& member) {
  using prostup::OptionType;
  CLI::Option* opt = cmd.add_option(o.flag, member, o.help);
  if (o.type == OptionType::whole)
    opt->check(whole_number(static_cast<unsigned long long>(o.whole_lo),
                            static_cast<unsigned long long>(o.whole_hi)));
  if (o.type == OptionType::number) opt->check(number_in(o.lo, o.hi));
  if (o.type == OptionType::choice) opt->check(CLI::IsMember(o.choices));
  if (o.required) opt->required();
  if (o.count > 0) opt->expected(o.count);
}

// Declares `command`'s options, in the table's order, bound to the members of `a`; a row
// marked by_hand is passed to `by_hand`, which declares it from the row's flag and help.
template <class Args>
void add_table_options(CLI::App& cmd, const std::string& command, Args& a,
                       const std::function<void(const prostup::OptionSpec&)>& by_hand = {}) {
  for (const prostup::OptionSpec& o : prostup::command_options()) {
    if (!o.takes(command)) continue;
    if (o.by_hand) {
      if (!by_hand) throw std::logic_error(o.flag + " of " + command + " is not declared");
      by_hand(o);
      continue;
    }
    const auto field = o.field(command, a);
    if (!field) throw std::logic_error(o.flag + " of " + command + " has no member");
    std::visit([&](auto* member) { add_from_row(cmd, o, *member); }, *field);
  }
}

// Every option of `app`'s subcommands as CLI11 has them, without --help and --version.
void list_options(const CLI::App& app, const std::string& prefix,
                  std::vector<std::pair<std::string, std::vector<std::string>>>& out) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    const std::string command = prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
    std::vector<std::string> names;
    for (const CLI::Option* opt : sub->get_options()) {
      if (opt == sub->get_help_ptr() || opt == sub->get_help_all_ptr() ||
          opt == sub->get_version_ptr())
        continue;
      names.push_back(opt->get_name(false, true));
    }
    out.emplace_back(command, names);
    list_options(*sub, command, out);
  }
}

}  // namespace

// The one parser behind run_cli and parse_cli: with `parse_only` set it fills that and
// returns after parsing, else it runs the command. Help, version and usage errors go to
// `out` and `err`. With `listing` set it lists every command's options and returns before
// parsing.
static int command_line(int argc, const char* const* argv, prostup::CliParse* parse_only,
                        std::ostream& out, std::ostream& err,
                        prostup::CliOptionNames* listing = nullptr) {
  using namespace prostup;
  CLI::App app{
      "prostup: Monte Carlo simulation of transitional-housing ladders (prostupné bydlení)"};
  app.set_version_flag("--version", "prostup " + version_string());
  app.require_subcommand(1);

  ValidateArgs va;
  auto* validate = app.add_subcommand("validate", "Check scenario files; print every problem");
  add_table_options(*validate, "validate", va);

  SchemaArgs sca;
  auto* schema = app.add_subcommand(
      "schema", "Print the scenario JSON Schema generated from the format's tables");
  add_table_options(*schema, "schema", sca);

  DescribeArgs da;
  auto* describe = app.add_subcommand("describe", "Summarise a scenario for a planner");
  add_table_options(*describe, "describe", da);

  RunArgs ra;
  std::string variants_csv;
  CLI::Option* vopt = nullptr;
  auto* run = app.add_subcommand("run", "Simulate every town under the baseline and variants");
  add_table_options(*run, "run", ra, [&](const OptionSpec& o) {
    vopt = run->add_option(o.flag, variants_csv, o.help);  // --variants a,b (split below)
  });

  SweepArgs sa;
  auto* sweep =
      app.add_subcommand("sweep", "Run a grid of parameter values with common random numbers");
  add_table_options(*sweep, "sweep", sa);

  PlanArgs pa;
  auto* plan =
      app.add_subcommand("plan", "Find the smallest value that meets a target with confidence");
  add_table_options(*plan, "plan", pa);

  ReportArgs rpa;
  auto* report =
      app.add_subcommand("report", "Draw charts and report.html from an output directory");
  add_table_options(*report, "report", rpa);

  CohortArgs ca;
  auto* cohort = app.add_subcommand("cohort", "Exact expected trajectories (no capacity limits)");
  add_table_options(*cohort, "cohort", ca);

  CalibrateArgs cla;
  auto* calibrate = app.add_subcommand(
      "calibrate", "Fit the parameters with a distribution to what the towns have observed");
  add_table_options(*calibrate, "calibrate", cla);

  RunsArgs rna;
  auto* runs = app.add_subcommand("runs", "What the run catalog remembers: list, show, diff");
  runs->require_subcommand(1);
  runs->fallthrough();  // `runs list --catalog PATH` as well as `runs --catalog PATH list`
  add_table_options(*runs, "runs", rna);
  auto* runs_list = runs->add_subcommand("list", "Every recorded run, oldest first");
  add_table_options(*runs_list, "runs list", rna);
  auto* runs_show = runs->add_subcommand("show", "One run's settings and headline outcomes");
  add_table_options(*runs_show, "runs show", rna);
  auto* runs_diff = runs->add_subcommand(
      "diff",
      "What changed between two runs: the scenario as written by JSON pointer, the settings, "
      "headline outcomes and total cost marked against both runs' intervals");
  add_table_options(*runs_diff, "runs diff", rna);

  if (listing) {
    list_options(app, "", *listing);
    return kExitOk;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e, out, err);
    rc = rc == 0 ? kExitOk : kExitInvalid;
    if (parse_only) parse_only->exit_code = rc;
    return rc;
  }
  if (vopt != nullptr && vopt->count() > 0) {
    ra.all_variants = false;
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

CliOptionNames cli_option_names() {
  CliOptionNames names;
  std::ostringstream ignored;
  command_line(0, nullptr, nullptr, ignored, ignored, &names);
  return names;
}

CliParse parse_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CliParse parsed;
  command_line(argc, argv, &parsed, out, err);
  return parsed;
}

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// The `prostup` command line as a library function: main() runs it, the fuzzer
// (fuzz/fuzz_cli.cpp) parses with it. Its options come from the options table
// (include/prostup/options.hpp, sim/options/options.cpp).
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "prostup/cli.hpp"

namespace prostup {

// What a command line asks for, parsed but not run.
struct CliParse {
  // The command and its subcommands ("run", "runs show"); "" when parsing ended the command
  // line: --help or --version (exit_code 0) or a usage error (exit_code 2, kExitInvalid).
  std::string command;
  int exit_code = kExitOk;
  // The chosen command's arguments (the others keep their defaults).
  ValidateArgs validate;
  DescribeArgs describe;
  RunArgs run;
  SweepArgs sweep;
  PlanArgs plan;
  ReportArgs report;
  CohortArgs cohort;
  RunsArgs runs;
};

// Parses argv (argv[0] is the program) as `prostup` does, printing help, the version and
// usage errors to `out` and `err`, and runs nothing: no files, no simulation.
CliParse parse_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// Every command's options as the parser declares them, without --help and --version:
// {"run", {"file", "-o,--output", "--replications", ...}}, a subcommand as "runs list".
using CliOptionNames = std::vector<std::pair<std::string, std::vector<std::string>>>;
CliOptionNames cli_option_names();

// Parses argv and runs the command; returns the process exit code.
int run_cli(int argc, const char* const* argv);

}  // namespace prostup

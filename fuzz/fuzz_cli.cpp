// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes as a `prostup` command line, the arguments separated by
// NUL bytes (a real argv cannot hold one), parsed by the same parse_cli that main() runs.
//
// Parsing runs nothing (no files, no simulation). Every input must end in a command with
// arguments inside the limits the options promise, or in help, the version or a usage error
// with exit code 0 or 2: never a crash, leak, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "prostup/command_line.hpp"
#include "prostup/options.hpp"

namespace {

// Past this many arguments an input only makes CLI11 loop longer; the parser's behaviour
// does not depend on the count.
constexpr std::size_t kMaxArgs = 256;

void require(bool ok) {
  if (!ok) __builtin_trap();
}

// The options run, sweep and plan share (the options table's ranges): -1 = not given.
template <class Args>
void check_run_options(const Args& a) {
  require(a.replications == -1 ||
          (a.replications >= 1 && a.replications <= prostup::kMaxReplications));
  require(a.threads >= 0 && a.threads <= prostup::kMaxThreads);
  require(a.months == -1 || (a.months >= 1 && a.months <= prostup::kMaxMonths));
  require(a.seed >= -1);
}

void check(const prostup::CliParse& p) {
  if (p.command.empty()) {
    require(p.exit_code == prostup::kExitOk || p.exit_code == prostup::kExitInvalid);
    return;
  }
  require(p.exit_code == prostup::kExitOk);
  if (p.command == "validate") {
    require(!p.validate.files.empty());
  } else if (p.command == "run") {
    check_run_options(p.run);
    require(p.run.csv_dialect == "rfc4180" || p.run.csv_dialect == "excel-cs");
    for (const std::string& v : p.run.variants) require(!v.empty() && v.find(',') == v.npos);
    require(!p.run.all_variants || p.run.variants.empty());
  } else if (p.command == "sweep") {
    check_run_options(p.sweep);
    require(!p.sweep.sets.empty());
  } else if (p.command == "plan") {
    check_run_options(p.plan);
    require(!p.plan.vary.empty() && !p.plan.target.empty());
    require(p.plan.confidence >= 0.5 && p.plan.confidence <= 0.9999);
  } else if (p.command == "runs show") {
    require(p.runs.action == "show" && p.runs.ids.size() == 1);
  } else if (p.command == "runs diff") {
    require(p.runs.action == "diff" && p.runs.ids.size() == 2);
  } else if (p.command == "runs list") {
    require(p.runs.action == "list");
  } else {
    // describe, report and cohort have no limits of their own; `runs` needs list, show or
    // diff.
    require(p.command != "runs");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args{"prostup"};
  for (std::size_t start = 0; start <= text.size() && args.size() <= kMaxArgs;) {
    std::size_t end = text.find('\0', start);
    if (end == text.npos) end = text.size();
    args.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (text.empty()) args.pop_back();  // no input: `prostup` alone
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);

  std::ostringstream out, err;
  const prostup::CliParse p =
      prostup::parse_cli(static_cast<int>(args.size()), argv.data(), out, err);
  check(p);
  // A usage error says what is wrong.
  if (p.command.empty() && p.exit_code != prostup::kExitOk) require(!err.str().empty());
  return 0;
}

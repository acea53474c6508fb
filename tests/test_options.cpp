// SPDX-License-Identifier: Apache-2.0
// The options table (include/prostup/options.hpp) drives the command line: every command's
// options as the CLI11 parser has them are exactly the table's rows (no option missing, none
// extra), each row's member has the row's type, the parser takes each range's ends and refuses
// the values just outside, and docs/options.md's tables are the ones the table generates. The
// Python keywords are compared with the table in tests/python/test_options.py.
#include <algorithm>
#include <catch2/catch.hpp>
#include <limits>
#include <map>
#include <sstream>
#include <type_traits>

#include "prostup/command_line.hpp"
#include "prostup/number_text.hpp"
#include "prostup/options.hpp"
#include "test_files.hpp"

using namespace prostup;

namespace {

// The row's flag as CLI11 names the option: "-o,--output", "--months", a positional's name.
std::map<std::string, std::vector<std::string>> table_names() {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& o : command_options())
    for (const auto& c : o.commands) out[c].push_back(o.flag);
  return out;
}

// Parses `prostup ARGS` and returns the exit code parsing ended with (0 = parsed).
int parse(std::vector<std::string> args) {
  args.insert(args.begin(), "prostup");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  return parse_cli(static_cast<int>(argv.size()), argv.data(), out, err).exit_code;
}

// The arguments a command needs besides the option under test.
std::vector<std::string> needed(const std::string& command) {
  if (command == "sweep") return {"sweep", "--set", "/a=1:2:1"};
  if (command == "plan") return {"plan", "--vary", "/a=0:1", "--target", "x>=1"};
  if (command == "runs diff") return {"runs", "diff", "1", "2", "--attribute"};
  return {command};
}

// The types a row's member may have.
template <class M>
bool member_fits(OptionType t) {
  switch (t) {
    case OptionType::whole:
      return std::is_same_v<M, int> || std::is_same_v<M, long long>;
    case OptionType::number:
      return std::is_same_v<M, double>;
    case OptionType::text:
    case OptionType::choice:
      return std::is_same_v<M, std::string>;
    case OptionType::flag:
      return std::is_same_v<M, bool>;
    case OptionType::list:
      return std::is_same_v<M, std::vector<std::string>>;
  }
  return false;
}

template <class Args>
void check_members(const std::string& command) {
  Args a;
  for (const auto& o : command_options()) {
    if (!o.takes(command)) continue;
    INFO(command << " " << o.flag);
    const auto field = o.field(command, a);
    REQUIRE(field.has_value());
    CHECK(std::visit([&](auto* m) { return member_fits<std::decay_t<decltype(*m)>>(o.type); },
                     *field));
  }
}

}  // namespace

TEST_CASE("every command's parser options are the table's, no more and no fewer") {
  const CliOptionNames parser = cli_option_names();
  auto table = table_names();
  std::vector<std::string> parser_commands;
  for (auto [command, names] : parser) {
    parser_commands.push_back(command);
    auto want = table[command];
    std::sort(names.begin(), names.end());
    std::sort(want.begin(), want.end());
    INFO("command " << command << " (the parser's options first, then the table's)");
    CHECK(names == want);
  }
  // A command of the table that the parser does not have.
  for (const auto& [command, names] : table) {
    INFO("the table's command " << command);
    CHECK(std::find(parser_commands.begin(), parser_commands.end(), command) !=
          parser_commands.end());
  }
}

TEST_CASE("a Python keyword names one option of its command") {
  for (const auto& command : python_commands()) {
    std::vector<std::string> keywords;
    for (const auto& o : command_options())
      if (o.takes(command) && !o.python.empty()) keywords.push_back(o.python);
    std::sort(keywords.begin(), keywords.end());
    INFO(command);
    CHECK(std::adjacent_find(keywords.begin(), keywords.end()) == keywords.end());
  }
}

TEST_CASE("each row's member has the row's type") {
  check_members<ValidateArgs>("validate");
  check_members<SchemaArgs>("schema");
  check_members<DescribeArgs>("describe");
  check_members<RunArgs>("run");
  check_members<SweepArgs>("sweep");
  check_members<PlanArgs>("plan");
  check_members<ReportArgs>("report");
  check_members<CohortArgs>("cohort");
  check_members<CalibrateArgs>("calibrate");
  for (const char* c : {"runs", "runs list", "runs show", "runs diff"}) check_members<RunsArgs>(c);
}

TEST_CASE("the parser takes each range's ends and refuses what lies outside") {
  for (const auto& o : command_options()) {
    if (o.type != OptionType::whole && o.type != OptionType::number) continue;
    for (const auto& command : o.commands) {
      const std::string name = o.flag.substr(o.flag.rfind(',') + 1);
      INFO(command << " " << name << " " << o.range_text());
      const auto with = [&](const std::string& value) {
        auto args = needed(command);
        args.push_back(name);
        args.push_back(value);
        return parse(args);
      };
      if (o.type == OptionType::whole) {
        CHECK(with(std::to_string(o.whole_lo)) == kExitOk);
        CHECK(with(std::to_string(o.whole_hi)) == kExitOk);
        if (o.whole_lo > 0) CHECK(with(std::to_string(o.whole_lo - 1)) == kExitInvalid);
        CHECK(with("-1") == kExitInvalid);
        if (o.whole_hi < std::numeric_limits<long long>::max())
          CHECK(with(std::to_string(o.whole_hi + 1)) == kExitInvalid);
      } else {
        CHECK(with(number_text::shortest(o.lo)) == kExitOk);
        CHECK(with(number_text::shortest(o.hi)) == kExitOk);
        CHECK(with(number_text::shortest(o.hi * 2 + 1)) == kExitInvalid);
        CHECK(with(number_text::shortest(o.lo > 0 ? o.lo / 2 : -1)) == kExitInvalid);
        CHECK(with("nan") == kExitInvalid);
      }
    }
  }
  // The horizon's limit is the scenario reader's (one constant).
  CHECK(command_option("run", "--months").whole_hi == kMaxMonthsLimit);
}

TEST_CASE("docs/options.md's tables are the ones the options table generates") {
  const std::string committed = test::read_bytes(test::source_path("docs/options.md"));
  INFO(
      "docs/options.md differs from what the options table generates: run `prostup schema "
      "--update .` in the source tree (after changing sim/options/options.cpp) and commit the "
      "result");
  CHECK(committed == with_generated_option_tables(committed));
  for (const auto& command : option_commands()) {
    INFO("no generated table for the command '" << command << "' in docs/options.md");
    CHECK(committed.find("<!-- generated by `prostup schema --update`: options " + command +
                         " -->") != std::string::npos);
  }
}

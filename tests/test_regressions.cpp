// SPDX-License-Identifier: Apache-2.0
// Regression inputs: each tests/regressions/*.json once crashed, hung or tripped a sanitizer
// (mostly found by fuzz/fuzz_scenario.cpp), or probes an edge the fuzzer cannot reach
// quickly. Each must load without a crash and end in diagnostics, or in a valid scenario
// that compiles and simulates its first month, exactly as the fuzz target checks.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/scenario_json.hpp"
#include "test_files.hpp"

namespace fs = std::filesystem;
using namespace prostup;

namespace {

std::string read_file(const fs::path& p) {
  return prostup::test::read_bytes(p);
}

std::vector<fs::path> regression_inputs() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(PROSTUP_SOURCE_DIR) / "tests/regressions"))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Households conserved in every month (as in fuzz/fuzz_scenario.cpp).
struct Conservation {
  bool held = true;
  int months = 0;
};
void audit_conservation(const MonthAudit& a, void* user) {
  auto& c = *static_cast<Conservation*>(user);
  std::int64_t in_stages = 0;
  for (std::int64_t n : *a.occupancy) in_stages += n;
  if (in_stages != a.alive || a.entered_total != a.alive + a.exited_total) c.held = false;
  ++c.months;
}

void simulate_first_month(const Scenario& s, const std::string& variant) {
  INFO("variant " << variant);
  const CompiledModel m = compile(s, variant);
  Conservation c;
  SimulateOptions opt;
  opt.months = 1;
  opt.audit = audit_conservation;
  opt.audit_user = &c;
  const ReplicationOutcome o = simulate(m, 0, 0, opt);
  CHECK(o.months == 1);
  CHECK(c.months == 2);  // month 0 (the start) and month 1
  CHECK(c.held);
}

// The expected first diagnostic of an invalid input, from a sibling FILE.expect (one line:
// a fragment of the message), if there is one.
std::string expected_fragment(const fs::path& input) {
  fs::path expect = input;
  expect.replace_extension(".expect");
  if (!fs::exists(expect)) return {};
  std::string s = read_file(expect);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string nested(char open, char close, const std::string& inner, int levels) {
  std::string text;
  text.reserve(levels * (inner.size() + 2));
  for (int i = 0; i < levels; ++i)
    text += open == '{' ? std::string("{\"a\":") : std::string(1, open);
  text += inner;
  text.append(levels, close);
  return text;
}

}  // namespace

TEST_CASE("every regression input gives diagnostics or a runnable scenario", "[regressions]") {
  const auto files = regression_inputs();
  REQUIRE(!files.empty());
  for (const auto& f : files) {
    INFO(f.filename().string());
    LoadResult r = load_scenario_text(read_file(f));
    const std::string fragment = expected_fragment(f);
    if (!r.ok()) {
      REQUIRE(!r.diagnostics.empty());
      if (!fragment.empty()) {
        bool found = false;
        for (const auto& d : r.diagnostics) found |= d.message.find(fragment) != std::string::npos;
        INFO("first diagnostic: " << r.diagnostics.front().pointer << ": "
                                  << r.diagnostics.front().message);
        CHECK(found);
      }
      continue;
    }
    // A valid input has no .expect: an expected diagnostic that never came is a failure.
    CHECK(fragment.empty());
    simulate_first_month(*r.scenario, "baseline");
    for (const auto& v : r.scenario->variants) {
      LoadResult patched = apply_variant(r.document, v.id);
      REQUIRE(patched.ok());
      simulate_first_month(*patched.scenario, v.id);
    }
  }
}

TEST_CASE("100,000 levels of nesting give a diagnostic, not a stack overflow", "[regressions]") {
  const int levels = 100000;
  const std::vector<std::pair<const char*, std::string>> inputs = {
      {"arrays", nested('[', ']', "1", levels)},
      {"objects", nested('{', '}', "1", levels)},
      {"unclosed arrays", std::string(levels, '[')},
      {"inside a scenario's description",
       "{\"format_version\": 1, \"name\": \"deep\", \"description\": " +
           nested('[', ']', "\"x\"", levels) + "}"},
      {"inside a variant's patch",
       "{\"format_version\": 1, \"name\": \"deep\", \"variants\": {\"v\": {\"label\": \"v\", "
       "\"patch\": " +
           nested('{', '}', "1", levels) + "}}}"},
  };
  for (const auto& [what, text] : inputs) {
    INFO(what);
    LoadResult r = load_scenario_text(text);
    REQUIRE(!r.ok());
    REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics.front().message.find("nesting deeper than") != std::string::npos);
  }
}

TEST_CASE("prostup validate refuses a 100,000-level file with exit 2", "[regressions][cli]") {
  const fs::path file = fs::temp_directory_path() / "prostup-regression-deep.json";
  {
    std::ofstream out(file, std::ios::binary);
    out << nested('[', ']', "0", 100000);
  }
  const std::string cmd =
      std::string("\"") + PROSTUP_BINARY + "\" validate \"" + file.string() + "\" >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  fs::remove(file);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
}

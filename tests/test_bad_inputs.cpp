// SPDX-License-Identifier: Apache-2.0
// The bad-input catalogue (tests/bad/): every case is refused with the expected pointer and
// message, and nothing in it makes the loader throw.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "prostup/scenario_json.hpp"
#include "test_files.hpp"

using namespace prostup;

namespace {

const std::filesystem::path kBad = std::filesystem::path(PROSTUP_SOURCE_DIR) / "tests" / "bad";

struct Case {
  std::string file, pointer, fragment, schema;
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  const auto e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<Case> catalogue() {
  std::ifstream in(kBad / "expected.txt");
  std::vector<Case> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::size_t start = 0, bar;
    while ((bar = line.find(" | ", start)) != std::string::npos) {
      f.push_back(trim(line.substr(start, bar - start)));
      start = bar + 3;
    }
    f.push_back(trim(line.substr(start)));
    REQUIRE(f.size() == 4);
    out.push_back({f[0], f[1], f[2], f[3]});
  }
  return out;
}

using prostup::test::read_bytes;

}  // namespace

TEST_CASE("the catalogue has enough cases and lists every file in tests/bad") {
  const auto cases = catalogue();
  CHECK(cases.size() >= 55);
  std::set<std::string> listed;
  for (const auto& c : cases) listed.insert(c.file);
  for (const auto& e : std::filesystem::directory_iterator(kBad)) {
    const std::string name = e.path().filename().string();
    if (name == "expected.txt") continue;
    INFO(name);
    CHECK(listed.count(name) == 1);
  }
}

TEST_CASE("every bad input is refused with its pointer and message") {
  for (const auto& c : catalogue()) {
    if (c.pointer == "(cli)")
      continue;  // not a file's content: see tests/cli/validate_exit_codes.sh
    const std::string text = read_bytes(kBad / c.file);
    LoadResult r;
    REQUIRE_NOTHROW(r = load_scenario_text(text));
    std::string got;
    bool found = false;
    for (const auto& d : r.diagnostics) {
      got += "  " + d.pointer + ": " + d.message + "\n";
      if (d.pointer == c.pointer && d.message.find(c.fragment) != std::string::npos) found = true;
    }
    INFO(c.file << ": expected " << c.pointer << ": ..." << c.fragment << "...\ngot:\n" << got);
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.scenario.has_value());
    CHECK(found);
  }
}

// SPDX-License-Identifier: Apache-2.0
// Files for the tests: reading the source tree's (PROSTUP_SOURCE_DIR) scenarios and fixtures
// and the files a test's run wrote, and a temporary directory to write them to.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "prostup/scenario_json.hpp"

namespace prostup::test {

// A path in the source tree, e.g. source_path("scenarios/jirkov.json").
inline std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(PROSTUP_SOURCE_DIR) / relative;
}

// A whole file, byte for byte. Throws (the test case fails, naming the file) when it cannot
// be opened, so a missing output is not mistaken for an empty one.
inline std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  // A directory opens without error on Linux and would read as "".
  if (!in || !std::filesystem::is_regular_file(p))
    throw std::runtime_error("cannot open " + p.string() + " as a file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A scenario file of the source tree, loaded and validated; the test fails listing its
// diagnostics if it is not valid.
inline LoadResult load_valid(const std::string& relative) {
  LoadResult r = load_scenario_text(read_bytes(source_path(relative)));
  for (const auto& d : r.diagnostics)
    UNSCOPED_INFO(relative << ": " << d.pointer << ": " << d.message);
  REQUIRE(r.ok());
  return r;
}

// The parsed document of such a file (to patch) and its validated scenario.
inline ojson load_document(const std::string& relative) {
  return load_valid(relative).document;
}
inline Scenario load_scenario(const std::string& relative) {
  return *load_valid(relative).scenario;
}

// A new empty directory under the system's temporary directory (prostup-TAG-XXXXXX), removed
// with everything in it when the object goes, also after a test took its permissions away.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag = "test") {
    std::string pattern =
        (std::filesystem::temp_directory_path() / ("prostup-" + tag + "-XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace prostup::test

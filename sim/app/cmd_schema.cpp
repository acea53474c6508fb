// SPDX-License-Identifier: Apache-2.0
// `prostup schema`: the JSON Schema, docs tables and fuzz dictionary that the format's tables
// (include/prostup/parameters.hpp) generate, and docs/model.md's metric tables that the metric
// table (include/prostup/metric_table.hpp) generates, and docs/options.md's tables that the
// options table (include/prostup/options.hpp) generates; --update writes them into a source
// tree.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "prostup/cli.hpp"
#include "prostup/options.hpp"
#include "prostup/scenario_json.hpp"

namespace prostup {

namespace {

bool read_text(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

// Written whole or not at all: into PATH.tmp-PID beside it, renamed over PATH when complete
// (a full disk leaves the old file as it was). A symbolic link is not followed: the file it
// points to may be outside the source tree.
bool write_text(const std::filesystem::path& p, const std::string& text) {
  std::error_code ec;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(p, ec))) {
    std::cerr << "prostup schema: " << p.string()
              << " is a symbolic link; not followed (replace it with the file)\n";
    return false;
  }
  const std::filesystem::path tmp = p.string() + ".tmp-" + std::to_string(::getpid());
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  // The reason (a full disk) from errno, which the failed write or close set.
  const std::string why = out ? "" : std::strerror(errno ? errno : EIO);
  if (out) std::filesystem::rename(tmp, p, ec);
  if (!out || ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    std::cerr << "prostup schema: cannot write " << p.string() << ": " << (ec ? ec.message() : why)
              << "\n";
    return false;
  }
  return true;
}

}  // namespace

int cmd_schema(const SchemaArgs& a) {
  if (a.update_dir.empty()) {
    std::cout << (a.dict ? scenario_fuzz_dictionary() : scenario_schema().dump(2) + "\n");
    return kExitOk;
  }
  const std::filesystem::path root(a.update_dir);
  const std::filesystem::path docs = root / "docs" / "scenario-format.md";
  std::string markdown;
  if (!read_text(docs, markdown)) {
    std::cerr << "prostup schema: cannot read " << docs.string()
              << " (--update takes the source tree's root)\n";
    return kExitFailure;
  }
  // docs/model.md's metric definitions, from the metric table (prostup/metric_table.hpp).
  const std::filesystem::path model_docs = root / "docs" / "model.md";
  std::string model_markdown;
  if (!read_text(model_docs, model_markdown)) {
    std::cerr << "prostup schema: cannot read " << model_docs.string() << "\n";
    return kExitFailure;
  }
  // docs/options.md's tables of each command's options, from the options table.
  const std::filesystem::path options_docs = root / "docs" / "options.md";
  std::string options_markdown;
  if (!read_text(options_docs, options_markdown)) {
    std::cerr << "prostup schema: cannot read " << options_docs.string() << "\n";
    return kExitFailure;
  }
  const bool ok =
      write_text(root / "scenarios" / "scenario.schema.json", scenario_schema().dump(2) + "\n") &&
      write_text(docs, with_generated_tables(markdown)) &&
      write_text(model_docs, with_generated_tables(model_markdown)) &&
      write_text(options_docs, with_generated_option_tables(options_markdown)) &&
      write_text(root / "fuzz" / "scenario.dict", scenario_fuzz_dictionary());
  return ok ? kExitOk : kExitFailure;
}

}  // namespace prostup

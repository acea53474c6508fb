#include "scenario_cli.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace prostup {

bool read_scenario_file(const std::string& path, std::string& text, std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = "it is a directory, not a scenario file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    error = std::strerror(errno);
    return false;
  }
  text = std::move(buf).str();
  return true;
}

void print_diagnostics(std::ostream& out, const std::string& file,
                       const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags) out << file << ": " << d.pointer << ": " << d.message << "\n";
}

}  // namespace prostup

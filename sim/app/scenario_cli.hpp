// What the commands that read a scenario file share (not a public interface).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "prostup/scenario_json.hpp"

namespace prostup {

// Reads a whole file; false with a reason (no such file, a directory, permission denied).
bool read_scenario_file(const std::string& path, std::string& text, std::string& error);

// "FILE: /pointer: message", one line each (the pointer is "" for the whole document).
void print_diagnostics(std::ostream& out, const std::string& file,
                       const std::vector<Diagnostic>& diags);

}  // namespace prostup

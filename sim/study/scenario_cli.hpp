// SPDX-License-Identifier: Apache-2.0
// What the commands that read a scenario file share (not a public interface).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "prostup/scenario_json.hpp"

namespace prostup {

// Reads a whole file; false with a reason (no such file, a directory, permission denied).
bool read_scenario_file(const std::string& path, std::string& text, std::string& error);

// "FILE: /pointer: message", one line each (the pointer is "" for the whole document);
// control characters in the pointer and message are escaped (see printable), so a key with a
// newline cannot fake another line. `prefix` goes before each pointer ("/variants/x/patch").
// At most kMaxPrintedDiagnostics lines, then "FILE: ... and N more problems" (a file with a
// million bad keys printed a million lines).
inline constexpr std::size_t kMaxPrintedDiagnostics = 100;
void print_diagnostics(std::ostream& out, const std::string& file,
                       const std::vector<Diagnostic>& diags, const std::string& prefix = "");

// `text` with control characters (C0, DEL, C1) written as \n, \t, \xHH or \u00HH, so text
// from a scenario cannot move the cursor, recolour or clear a terminal; newlines are kept
// when `keep_newlines`.
std::string printable(const std::string& text, bool keep_newlines = false);

// printable(text) when standard output is a terminal, else `text` unchanged (files and pipes
// get the bytes of the scenario).
std::string on_terminal(const std::string& text, bool keep_newlines = false);

}  // namespace prostup

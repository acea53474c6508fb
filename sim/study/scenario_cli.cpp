// SPDX-License-Identifier: Apache-2.0
#include "scenario_cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
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
                       const std::vector<Diagnostic>& diags, const std::string& prefix) {
  const std::size_t shown = std::min(diags.size(), kMaxPrintedDiagnostics);
  for (std::size_t i = 0; i < shown; ++i) {
    const Diagnostic& d = diags[i];
    const std::string pointer = prefix + d.pointer;
    out << printable(file) << ": " << printable(pointer) << ": " << printable(d.message) << "\n";
  }
  if (diags.size() > shown)
    out << printable(file) << ": ... and " << diags.size() - shown << " more problem"
        << (diags.size() - shown == 1 ? "" : "s") << " (the first " << shown << " are shown)\n";
}

std::string printable(const std::string& text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    char buf[8];
    if (c == '\n' && keep_newlines) {
      out += '\n';
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      // C1 controls in UTF-8 (U+0080..U+009F), e.g. the one-byte CSI U+009B.
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
      out += buf;
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string on_terminal(const std::string& text, bool keep_newlines) {
  static const bool tty = ::isatty(1) != 0;
  return tty ? printable(text, keep_newlines) : text;
}

}  // namespace prostup

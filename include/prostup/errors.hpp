// SPDX-License-Identifier: Apache-2.0
// The one error type for what the user got wrong (a scenario, an option, a folder given to a
// command): every layer throws it, the command line maps it to exit code 2 (run_command in
// sim/app/app_support.cpp) and the Python module to ValueError. Anything else that escapes a
// command is a failure (exit 1): a file that cannot be written, memory that ran out, a damaged
// catalog (CatalogError). Header-only, the standard library only, so the lowest layer may
// throw it.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace prostup {

// The process exit codes of the commands (and CommandError.exit_code in Python): 0 ok, 1 a
// runtime failure, 2 invalid input or usage, 130/143 interrupted by SIGINT/SIGTERM.
inline constexpr int kExitOk = 0, kExitFailure = 1, kExitInvalid = 2;
inline constexpr int kExitSigint = 130, kExitSigterm = 143;

struct UserError : std::runtime_error {
  // `where`: the JSON pointer ("/towns/0/stages") or the option ("--months") the message is
  // about, "" when none. `details`: lines printed before the message, each ending in '\n'
  // (a scenario's diagnostics, `FILE: /pointer: message`), "" when none.
  explicit UserError(const std::string& message, std::string where = {}, std::string details = {})
      : std::runtime_error(message), where_(std::move(where)), details_(std::move(details)) {}
  const std::string& where() const noexcept { return where_; }
  const std::string& details() const noexcept { return details_; }

 private:
  std::string where_, details_;
};

}  // namespace prostup

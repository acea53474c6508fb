// SPDX-License-Identifier: Apache-2.0
// How a use case ends for its caller (include/prostup/study.hpp): the exit code and message
// of what escaped it, and the catalog record of its output folder.
#include <csignal>
#include <new>

#include "prostup/catalog.hpp"
#include "prostup/errors.hpp"
#include "prostup/runner.hpp"
#include "prostup/study.hpp"
#include "scenario_cli.hpp"

namespace prostup::study {

namespace fs = std::filesystem;

namespace {
const char* signal_name(int signal) {
  return signal == SIGTERM ? "SIGTERM" : "SIGINT";
}
}  // namespace

Failure failure_of(std::exception_ptr error, const std::string& command,
                   const std::string& interrupted, int signal) {
  const std::string prefix = "prostup " + command + ": ";
  try {
    std::rethrow_exception(error);
  } catch (const UserError& e) {
    return {kExitInvalid, e.details() + prefix + e.what() + "\n"};
  } catch (const RunCancelled&) {
    return {128 + signal,
            prefix + "interrupted by " + signal_name(signal) + "; " + interrupted + "\n"};
  } catch (const std::bad_alloc& e) {
    return {kExitFailure,
            prefix + "out of memory (" + e.what() +
                "); nothing was written (try fewer replications, threads or towns)\n"};
  } catch (const std::exception& e) {
    return {kExitFailure, prefix + e.what() + "\n"};
  }
}

Recorded record_in_catalog(const CatalogOptions& opt, const std::string& command,
                           const std::string& scenario_text, const fs::path& given_dir,
                           const std::atomic<bool>* cancel, const std::atomic<int>* signal_number) {
  Recorded r;
  if (opt.disabled) return r;
  // The folder as the output staging resolved it: `-o ./x/../out` names ./out even when x
  // does not exist (the kernel would not walk through the missing x).
  std::error_code resolve_ec;
  fs::path out_dir = fs::weakly_canonical(fs::absolute(given_dir), resolve_ec);
  if (resolve_ec) out_dir = given_dir;
  const std::string path = catalog_path(opt);
  const std::string prefix = "prostup " + command + ": ";
  const auto signal = [signal_number] { return signal_number ? signal_number->load() : SIGINT; };
  try {
    r.id = record_output(opt, command, scenario_text, out_dir, cancel);
    if (cancel && *cancel)
      r.message = prefix + "interrupted by " + signal_name(signal()) + "; the outputs in " +
                  printable(out_dir.string()) + " are complete and recorded in the catalog\n";
  } catch (const std::exception& e) {
    if (cancel && *cancel)
      r.message = prefix + "interrupted by " + signal_name(signal()) +
                  " while waiting for the catalog " + printable(path) +
                  "; the run was not recorded in the catalog (the outputs in " +
                  printable(out_dir.string()) + " are complete)\n";
    else
      r.message = prefix + "warning: not recorded in the catalog " + path + ": " + e.what() +
                  " (the outputs in " + out_dir.string() +
                  " are complete; --catalog PATH records elsewhere, --no-catalog skips it)\n";
  }
  return r;
}

}  // namespace prostup::study

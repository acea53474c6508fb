// `prostup report DIR`: redraw charts and report.html from an output directory.
#include <iostream>
#include <stdexcept>

#include "prostup/cli.hpp"
#include "prostup/writers.hpp"
#include "report.hpp"

namespace prostup {

int cmd_report(const ReportArgs& a) {
  try {
    write_report(a.dir);
  } catch (const report::InputError& e) {
    std::cerr << "prostup report: " << e.what() << "\n";
    return kExitInvalid;
  } catch (const std::runtime_error& e) {
    std::cerr << "prostup report: " << e.what() << "\n";
    return kExitFailure;
  }
  std::cout << "report: " << (std::filesystem::path(a.dir) / "report.html").string() << "\n";
  return kExitOk;
}

}  // namespace prostup

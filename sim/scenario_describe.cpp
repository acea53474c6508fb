// `prostup describe`: a scenario in words, for a planner who has never seen the format.
#include "scenario_internal.hpp"

namespace prostup {

std::string describe(const Scenario& s, const ojson&) {
  return s.name + "\n";
}

}  // namespace prostup

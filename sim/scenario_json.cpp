// STUB: to be replaced by the scenario layer.
#include "prostup/scenario_json.hpp"

#include <stdexcept>

namespace prostup {
LoadResult load_scenario_text(std::string_view) { throw std::logic_error("not implemented"); }
LoadResult load_scenario_json(const ojson&) { throw std::logic_error("not implemented"); }
LoadResult apply_variant(const ojson&, const std::string&) { throw std::logic_error("not implemented"); }
ojson merge_patch(const ojson& t, const ojson&) { return t; }
ojson to_json(const Scenario&) { return {}; }
std::string describe(const Scenario&, const ojson&) { return {}; }
}  // namespace prostup

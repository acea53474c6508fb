// SPDX-License-Identifier: Apache-2.0
// `prostup describe` in the language's words: the scenario layer's describe() with the
// catalogue of strings_{en,cs}.cpp.
#include "prostup/scenario_json.hpp"
#include "prostup/writers.hpp"
#include "strings.hpp"

namespace prostup {

std::string describe(const Scenario& s, const ojson& document, Language lang) {
  return describe(s, document,
                  [lang](const std::string& key, const std::vector<std::string>& args) {
                    std::string t = text::tr(lang, key);
                    for (std::size_t n = 0; n < args.size(); ++n) {
                      // Built by appending: GCC 12 warns (-Wrestrict, falsely) on "{" + std::string
                      // + "}".
                      std::string mark(1, '{');
                      mark += std::to_string(n + 1);
                      mark += '}';
                      for (auto at = t.find(mark); at != std::string::npos;
                           at = t.find(mark, at + args[n].size()))
                        t.replace(at, mark.size(), args[n]);
                    }
                    return t;
                  });
}

std::string describe(const Scenario& s, const ojson& document) {
  return describe(s, document, Language::en);
}

}  // namespace prostup

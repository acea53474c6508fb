// SPDX-License-Identifier: Apache-2.0
// The council's view in the terminal answer (issue 29): when the street reaches functional
// zero (docs/model.md, "Functional zero").
#include <cmath>
#include <cstdio>
#include <string>

#include "answer.hpp"
#include "prostup/number_text.hpp"
#include "strings.hpp"

namespace prostup::answer {

std::string functional_zero_text(const RunResult& r, const std::string& town,
                                 const std::string& variant, Language lang) {
  const int k_month = r.metric_index("functional_zero_month"),
            k_reached = r.metric_index("functional_zero_reached");
  const TownVariantResult* tv = r.find(town, variant);
  if (!tv || k_month < 0 || k_reached < 0) return "";
  const Summary& month = tv->metrics[static_cast<std::size_t>(k_month)];
  const Summary& reached = tv->metrics[static_cast<std::size_t>(k_reached)];
  if (!std::isfinite(reached.mean)) return "";
  // No roofless household at month 0 and none within the rule's first months: functional zero
  // from month 1 says nothing about what the ladder does, so the answer says the street was
  // empty from the start (the Brno families are all in hostels at month 0).
  double roofless_start = 0;
  bool has_series = false;
  for (const StageInfo& st : r.info.stages)
    for (const Series& s : tv->series)
      if (st.kind == "outside" && s.name == "occupancy:" + st.id && !s.by_month.empty()) {
        roofless_start += s.by_month.front().mean;
        has_series = true;
      }
  if (has_series && roofless_start == 0 && reached.mean == 1 && month.p95 <= 1)
    return text::tr(lang, "term.fz_empty");
  if (month.replications == 0 || !std::isfinite(month.p50) || reached.mean <= 0)
    return text::tr(lang, "term.fz_none");
  auto whole = [](double v) { return number_text::fixed(v, 0); };
  const std::string p = number_text::general(reached.mean, 2);
  // Reached in fewer than half of the runs: the headline is that it mostly is not, and the
  // month is only where it is (a median month of 2.5 % of the runs is no "empties by").
  return text::tr(lang, reached.mean < 0.5 ? "term.fz_rare" : "term.fz",
                  {whole(month.p50), whole(month.p05), whole(month.p95), text::decimal(lang, p)});
}

}  // namespace prostup::answer

// SPDX-License-Identifier: Apache-2.0
// The metric table (include/prostup/metric_table.hpp): every metric declared once.
#include "prostup/metric_table.hpp"

#include <stdexcept>

namespace prostup {

const std::vector<MetricDefinition>& metric_definitions() {
  // clang-format off
  static const std::vector<MetricDefinition> table = {
      {"households_seen", "households", Better::none, false, true, MetricScope::run,
       "initial population + arrivals (incl. replacements)",
       "", ""},
      {"housed_at_start", "households", Better::none, false, true, MetricScope::run,
       "initial population already in a permanent stage at month 0; they are left out of the lease and stabilisation metrics and of `time_to_lease.csv` (the ladder did not house them)",
       "", ""},
      {"reached_lease_share", "share", Better::higher, true, true, MetricScope::run,
       "households in need (households_seen - housed_at_start) that were in a permanent stage at any time during the horizon (Housing First entries count, at 0 months) / households in need",
       "", ""},
      {"stabilized_share", "share", Better::higher, true, true, MetricScope::run,
       "households in need with >= `stabilized_months` consecutive month-ends in permanent stages / households in need",
       "", ""},
      {"stabilized", "households", Better::higher, false, true, MetricScope::run,
       "the number of households in need counted in `stabilized_share` (housed at month 0 left out: not `cohort_stabilized`)",
       "", ""},
      {"months_housed_share_in_need", "share", Better::higher, true, true, MetricScope::run,
       "person-time housed of the households in need, the answer's lead measure: `months_housed` / the household-months from entry to M, both over the households in need only (every household but those the baseline has in a permanent stage at month 0), so every arm has the same denominator. Churn-proof as `months_housed_share`",
       "household-months of the households in need from entry (or month 1) to M, exits included", ""},
      {"median_months_to_lease", "months", Better::lower, true, true, MetricScope::run,
       "median months from entry (month 0 for the initial population) to the first permanent stage, among households in need that reached one; undefined if none did",
       "", ""},
      {"evictions", "households", Better::lower, true, true, MetricScope::run,
       "moves triggered by arrears (step 4c)",
       "", ""},
      {"returns_to_street", "households", Better::lower, true, true, MetricScope::run,
       "evictions and expiries that end in an outside stage from a non-outside one",
       "", ""},
      {"expiries", "households", Better::lower, false, true, MetricScope::run,
       "moves at the end of the maximum stay",
       "", ""},
      {"exits", "households", Better::none, false, true, MetricScope::run,
       "households leaving the system",
       "", ""},
      {"demotions", "households", Better::lower, false, true, MetricScope::run,
       "evictions + expiries",
       "", ""},
      {"arrivals", "households", Better::none, false, true, MetricScope::run,
       "households entering after month 0",
       "", ""},
      {"entry_fallbacks", "households", Better::lower, false, true, MetricScope::run,
       "arrivals that found no room on the entry stage",
       "", ""},
      {"roofless_household_months", "household-months", Better::lower, true, true, MetricScope::run,
       "sum over months 1..M of the occupancy of outside stages",
       "", ""},
      {"roofless_end", "households", Better::lower, false, true, MetricScope::run,
       "households on an outside stage at the end of month M",
       "", ""},
      {"functional_zero_month", "months", Better::lower, false, false, MetricScope::run,
       "the first month m from which, for `functional_zero_months` consecutive months (m included), the households on outside stages at the end of the month are no more than that month's placements into housing (moves from a non-permanent stage into a permanent one, and arrivals entering a permanent stage); undefined where not reached within the horizon (its summary is over the replications that reach it)",
       "", ""},
      {"functional_zero_reached", "share", Better::higher, false, false, MetricScope::run,
       "1 where `functional_zero_month` is defined, else 0: its mean is the probability of reaching functional zero within the horizon",
       "", ""},
      {"mean_waiting_months", "months", Better::lower, true, true, MetricScope::run,
       "mean months from application to placement over placements made",
       "", ""},
      {"promotions:<stage>", "households", Better::higher, false, false, MetricScope::per_stage,
       "placements into the stage",
       "", ""},
      {"occupancy_end:<stage>", "households", Better::none, false, false, MetricScope::per_stage,
       "occupancy at the end of month M",
       "", ""},
      {"occupancy_mean:<stage>", "households", Better::none, false, false, MetricScope::per_stage,
       "mean end-of-month occupancy over months 1..M",
       "", ""},
      {"service_case_months:<service>", "case-months", Better::none, false, false, MetricScope::per_service,
       "households engaged, summed over months",
       "", ""},
      {"service_waiting_mean:<service>", "households", Better::lower, false, false, MetricScope::per_service,
       "mean per month of eligible households not engaged after allocation (unmet demand); 0 in a town with no staff for the service (it is not offered there)",
       "", ""},
      {"cost:<stage>", "CZK", Better::lower, false, false, MetricScope::per_stage,
       "occupied unit-months x the stage's cost (town override first)",
       "", ""},
      {"cost:<service>", "CZK", Better::lower, false, false, MetricScope::per_service,
       "case-months x the cost per case-month",
       "", ""},
      {"cost_total", "CZK", Better::lower, true, false, MetricScope::run,
       "sum of the stage and service costs and of the stages' costs to other services (`other_services_cost_per_month` x household-months)",
       "", ""},
      {"cost_ladder", "CZK", Better::lower, false, false, MetricScope::run,
       "the ladder's own costs: the stage and service costs, `cost_total` less `cost:other_services`",
       "", ""},
      {"cost:<payer>", "CZK", Better::lower, true, false, MetricScope::per_payer,
       "the stage and service costs whose line names this `payer` (lines without one are `cost:unspecified`) and, as `cost:other_services`, the stages' costs to other services; only when some line names a payer or some stage has such a cost. They sum to `cost_total`",
       "", ""},
      {"cost_per_stabilized", "CZK per household", Better::none, false, false, MetricScope::run,
       "cost_total / `stabilized` (a ratio of averages whose numerator includes households its denominator leaves out; kept under its old name and meaning, but it has no \"better\" direction: value for money is `icer:cohort_stabilized`); undefined if none",
       "", ""},
      {"cost_total_discounted", "CZK", Better::lower, false, false, MetricScope::run,
       "only with a `discount_rate` r > 0 (see \"Prices and discounting\"): sum over months t = 1..M of the month's stage, service and other-services costs x (1 + r)^(-t/12)",
       "", "", true},
      {"households", "households", Better::none, false, true, MetricScope::cohort_not_all,
       "households in the cohort",
       "", "`households` (not for `all`: see `households_seen`)"},
      {"housed_share_end", "share", Better::higher, true, true, MetricScope::cohort,
       "households housed at the end of month M, or gone into their own housing (an exit to own housing counts as housed; any other exit as not housed)",
       "households in the cohort", ""},
      {"ever_housed_share", "share", Better::higher, false, true, MetricScope::cohort,
       "households housed at some time (month 0 included)",
       "households in the cohort", ""},
      {"months_housed_share", "share", Better::higher, false, true, MetricScope::cohort,
       "person-time housed, the At Home/Chez Soi primary outcome (of the cohort `all`, households housed at month 0 included: the headline is `months_housed_share_in_need`): `months_housed` / the household-months from entry to M. Churn-proof: an exit into own housing counts as housed for the rest of the horizon, any other exit (institution, unknown) as not housed, so more exits to an unknown destination cannot raise it",
       "household-months from entry (or month 1) to M, exits included", ""},
      {"months_housed", "household-months", Better::higher, false, true, MetricScope::cohort,
       "household-months in a permanent stage (months 1..M), plus months exit..M of each household that exited into its own housing (added at the exit)",
       "", ""},
      {"months_housed_discounted", "household-months", Better::higher, false, true, MetricScope::cohort,
       "only with a `discount_rate` r > 0: `months_housed` with month t weighed by (1 + r)^(-t/12)",
       "", "", true},
      {"retention:<N>", "share", Better::higher, true, true, MetricScope::retention,
       "households still housed N months after the month f they first became housed: they did not lose housing in months f+1..f+N (a move between permanent stages is no loss; a loss is a move to a non-permanent stage or an exit other than into own housing)",
       "households first housed at least N months before the horizon (f + N <= M); households housed later are censored, not failures", ""},
      {"returns_within:<N>", "share", Better::lower, false, true, MetricScope::retention,
       "households that returned to a non-permanent stage (shelter, hostel, street) within N months of the month f they first became housed: their first loss of housing, in months f+1..f+N, was such a move (HUD System Performance Measure 2, returns to homelessness within 6, 12 and 24 months, adapted: an exit from the model is not a return). `retention:<N>` + `returns_within:<N>` + the share that exited other than into own housing within N months = 1",
       "households first housed at least N months before the horizon (f + N <= M), as `retention:<N>`", ""},
      {"returned_share", "share", Better::lower, false, true, MetricScope::cohort,
       "households that lost a permanent stage to a non-permanent one (shelter, hostel, street)",
       "households ever housed", ""},
      {"stabilized_eligible_share", "share", Better::higher, false, true, MetricScope::cohort,
       "households of the cohort (housed at month 0 included) with a spell of >= `stabilized_months` consecutive counted months housed, among those that could have one (censoring-aware); formerly `stabilization_share`",
       "households that entered early enough for such a spell to end by M", ""},
      {"cohort_stabilized", "households", Better::higher, false, true, MetricScope::cohort,
       "households of the cohort (housed at month 0 included, any entry month) with such a spell; the denominator of `icer:cohort_stabilized`, the cost chart's axis and the cost-effectiveness plane; formerly `stabilized_households`",
       "", ""},
      {"cohort_stabilized_discounted", "households", Better::higher, false, true, MetricScope::cohort,
       "only with a `discount_rate` r > 0: `cohort_stabilized` with each household weighed by the factor (1 + r)^(-t/12) of the month t its spell reached `stabilized_months`",
       "", "", true},
      {"exits:to_own_housing", "households", Better::none, false, true, MetricScope::cohort,
       "exits by destination, drawn with the profile's `exit_destinations` shares (every exit `unknown` where a profile has none); they sum to `exits`",
       "", ""},
      {"exits:to_institution", "households", Better::none, false, true, MetricScope::cohort,
       "exits by destination, drawn with the profile's `exit_destinations` shares (every exit `unknown` where a profile has none); they sum to `exits`",
       "", ""},
      {"exits:unknown", "households", Better::none, false, true, MetricScope::cohort,
       "exits by destination, drawn with the profile's `exit_destinations` shares (every exit `unknown` where a profile has none); they sum to `exits`",
       "", ""},
      {"lost_from_view_share", "share", Better::lower, true, true, MetricScope::cohort,
       "households that left the system to an unknown destination (`exits:unknown`); they count as not housed from their exit to M",
       "households in the cohort", ""},
      {"months_roofless_mean", "months", Better::lower, false, true, MetricScope::cohort,
       "length of time roofless (HUD System Performance Measure 1, adapted): a household's months on outside stages (the street: counted at the end of each month 1..M, as `roofless_household_months`), all its stays over the horizon added up, averaged over the households with at least one. Censored: months before month 0 and after M are not seen, so a household roofless at month 0 or at M counts only its months within the horizon (`roofless_end` says how many are still roofless); one that exits counts its months up to its exit",
       "households of the cohort on an outside stage at the end of at least one month 1..M", ""},
      {"months_roofless_median", "months", Better::lower, false, true, MetricScope::cohort,
       "the median of the same lengths (the lower median: the fewest whole months that at least half of those households have no more than, as `median_months_to_lease`)",
       "households of the cohort on an outside stage at the end of at least one month 1..M", ""},
      {"cost_total", "CZK", Better::lower, false, true, MetricScope::cohort_not_all,
       "stage costs (and costs to other services) of the months each household is counted in a stage (outside stages included) plus service costs of its engaged case-months",
       "", "`cost_total` (not for `all`: the same as the metric above)"},
      {"cost_total_discounted", "CZK", Better::lower, false, true, MetricScope::cohort_not_all,
       "only with a `discount_rate` r > 0: the cohort's `cost_total` with each month's costs weighed by (1 + r)^(-t/12)",
       "", "`cost_total_discounted` (not for `all`: the metric above)", true},
      {"cost_per_household", "CZK per household", Better::none, false, true, MetricScope::cohort,
       "cost_total of the cohort",
       "households in the cohort", ""},
  };
  // clang-format on
  return table;
}

std::string renamed_metric(const std::string& name) {
  static const char* const renamed[][2] = {
      {"stabilized_households", "cohort_stabilized"},
      {"stabilized_households_discounted", "cohort_stabilized_discounted"},
      {"stabilization_share", "stabilized_eligible_share"},
      {"icer:stabilized", "icer:cohort_stabilized"},
      {"icer_discounted:stabilized", "icer_discounted:cohort_stabilized"},
  };
  for (const auto& r : renamed)
    if (name == r[0]) return r[1];
  return {};
}

std::string metric_prefix(const MetricDefinition& d) {
  const std::string name = d.name;
  const std::size_t open = name.find('<');
  return open == std::string::npos ? name : name.substr(0, open);
}

bool is_cohort_metric(const MetricDefinition& d) {
  return d.scope == MetricScope::cohort || d.scope == MetricScope::cohort_not_all ||
         d.scope == MetricScope::retention;
}

namespace {

const char* better_text(Better b) {
  return b == Better::higher ? "higher" : b == Better::lower ? "lower" : "-";
}

std::string docs_name(const MetricDefinition& d) {
  if (*d.docs_name) return d.docs_name;
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "..." + string&&.
  std::string n = "`";
  if (d.scope == MetricScope::retention) {
    n += metric_prefix(d);
    n += "N` (N = ";
    for (int m : kRetentionMonths) {
      n += std::to_string(m);
      n += m == kRetentionMonths[2] ? ")" : ", ";
    }
    return n;
  }
  n += d.name;
  n += '`';
  return n;
}

}  // namespace

std::string metric_docs_table(const std::string& which) {
  const bool cohort = which == "cohort_metrics";
  if (!cohort && which != "metrics") throw std::invalid_argument("no metric table '" + which + "'");
  std::string out = cohort ? "| metric | definition | denominator | unit |\n|---|---|---|---|\n"
                           : "| metric | unit | better | definition |\n|---|---|---|---|\n";
  const auto& t = metric_definitions();
  for (std::size_t i = 0; i < t.size(); ++i) {
    const MetricDefinition& d = t[i];
    if (is_cohort_metric(d) != cohort) continue;
    std::string name = docs_name(d);
    // Rows that differ only in name (exits by destination) share one line.
    while (i + 1 < t.size() && is_cohort_metric(t[i + 1]) == cohort &&
           std::string(t[i + 1].definition) == d.definition &&
           std::string(t[i + 1].unit) == d.unit && !*t[i + 1].docs_name) {
      name += ", ";
      name += docs_name(t[++i]);
    }
    const std::string denominator = *d.denominator ? d.denominator : "-";
    const std::vector<std::string> cells =
        cohort ? std::vector<std::string>{name, d.definition, denominator, d.unit}
               : std::vector<std::string>{name, d.unit, better_text(d.better), d.definition};
    for (const std::string& cell : cells) {
      out += "| ";
      out += cell;
      out += ' ';
    }
    out += "|\n";
  }
  return out;
}

}  // namespace prostup

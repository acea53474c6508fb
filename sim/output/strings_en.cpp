// English: the words of the terminal answer and report.html (strings.hpp). Every key here
// is in strings_cs.cpp too (test_strings).
#include "strings.hpp"

namespace prostup::text {

namespace {

const std::vector<Entry> kEnglish = {
    // Shared words and units.
    {"n/a", "n/a"},
    {"all_towns", "All towns"},
    {"baseline", "Baseline"},
    {"unit.CZK", "CZK"},
    {"run.prices.value", "CZK, {1} prices"},
    {"unit.CZK per household", "CZK per household"},
    {"unit.months", "months"},
    {"unit.pp", "pp"},
    {"scale.bn", "bn"},
    {"scale.M", "M"},
    {"scale.k", "k"},
    {"caseload", "(caseload)"},
    {"range", "{1} to {2}"},
    // Headline metrics in a sentence ("▲ reached a lease +4.1 pp").
    {"words.reached_lease_share", "reached a lease"},
    {"words.stabilized_share", "stabilised in a lease"},
    {"words.median_months_to_lease", "median months to a lease"},
    {"words.evictions", "evictions"},
    {"words.returns_to_street", "returns to the street"},
    {"words.roofless_household_months", "household-months roofless"},
    {"words.mean_waiting_months", "months on a waiting list"},
    {"words.cost_total", "public cost"},
    {"words.cost_per_stabilized", "cost per stabilised household"},
    {"words.housed_share_end", "housed at the horizon"},
    {"words.months_housed_share", "share of months housed"},
    {"words.retention:12", "still housed 12 months after housing"},
    // Verdicts of a paired difference.
    {"verdict.better", "better"},
    {"verdict.worse", "worse"},
    {"verdict.higher", "higher"},
    {"verdict.lower", "lower"},
    {"verdict.no_difference", "no clear difference"},
    {"verdict.undefined", "undefined"},
    // Value for money (comparison.csv's icer:* notes).
    {"vfm.per_stabilised", "{1} CZK per extra household stabilised"},
    {"note.no difference", "no difference"},
    {"note.dominant", "dominant"},
    {"note.dominated", "dominated"},
    {"note.more effect, more cost", "more effect, more cost"},
    {"note.less effect, less cost", "less effect, less cost"},
    {"other_outcomes.one", "{1} other outcome"},
    {"other_outcomes.few", "{1} other outcomes"},
    {"other_outcomes.many", "{1} other outcomes"},
    // Whom a variant helps (outcomes by household profile).
    {"by_profile.most_least", "{1}: most {2}, least {3}"},
    // The terminal answer of `prostup run`.
    {"term.header", "{1}: {2} replications x {3} months, baseline + {4} variant(s), seed {5}"},
    {"term.key",
     "Each variant against the baseline (paired 95 % CI): {1} better, {2} worse, {3} no clear "
     "difference"},
    {"term.psa",
     "Uncertain inputs: {1} parameter sets x {2} replications; intervals are 95 % uncertainty "
     "intervals (inputs and Monte Carlo), docs/uncertainty.md"},
    {"term.key_psa",
     "Each variant against the baseline (paired 95 % uncertainty interval): {1} better, {2} "
     "worse, {3} no clear difference"},
    {"term.prices", "{1} prices"},
    {"term.discounted",
     "costs and effects also discounted at {1} % a year (the *_discounted metrics)"},
    {"term.left_out", "Left out where they change nothing: {1}"},
    {"term.town", "{1} (baseline: {2})"},
    {"term.binding_head",
     "Binding constraints (baseline, expected demand without limits), largest excess first:"},
    {"term.binding", "{1}. {2}: demand {3} for {4} places ({5}) from month {6}"},
    {"term.by_profile", "by household type, {1}"},
    {"term.binding_more", "and {1} more (prostup run --verbose, or prostup cohort)"},
    {"term.report", "Report: {1}"},
    {"term.outputs", "Outputs: {1} ({2} household-months in {3} s)"},
    // report.html: the summary.
    {"report.title", "{1} — prostup report"},
    {"report.scenario", "Scenario"},
    {"summary.heading", "The answer"},
    {"summary.key",
     "Each variant against the baseline, as paired differences with 95 % confidence intervals:"},
    {"summary.key_zero", "(the interval includes zero)"},
    {"summary.left_out",
     "Variants that change nothing in a town are left out of that town here and below:"},
    {"summary.baseline", "Baseline: {1}."},
    {"summary.variant", "Variant"},
    {"summary.changes", "What changes"},
    {"summary.cost", "Cost"},
    {"summary.variant_id", "variant id: {1}"},
    {"summary.no_clear_in", "no clear difference in {1}"},
    {"summary.by_profile", "By household type, {1}"},
    {"summary.none_here", "No variant changes anything here."},
    {"summary.binding", "Binding constraint:"},
    {"summary.binding_words",
     "{1}: without limits about {2} households would need it against {3} places, from month "
     "{4}"},
    {"summary.binding_more", "(and {1} more below)"},
    // report.html: contents and sections.
    {"nav.contents", "Contents"},
    {"nav.sweep", "Sweep"},
    {"nav.plan", "Plan"},
    {"nav.run", "The run: settings and record"},
    {"town.binding_head", "Binding constraints"},
    {"town.binding_note",
     "Where the expected demand without limits (the exact cohort model of the baseline) exceeds "
     "the capacity or caseload, largest excess first:"},
    {"town.binding_line", "{1}: demand {2}, capacity {3} from month {4}"},
    {"town.reaching_lease", "Reaching a lease"},
    {"town.all_outcomes", "All outcomes, each variant (table)"},
    {"town.comparison", "Variants against the baseline, every outcome (table)"},
    {"town.variant_charts", "{1}: stages, waiting lists and moves"},
    {"figure.how_to_read", "How to read this:"},
    {"table.outcome", "Outcome"},
    {"table.difference", "Difference to baseline"},
    {"table.ci", "95 % CI"},
    {"table.better_in", "Better in"},
    {"table.reading", "Reading"},
    {"table.no_variants", "This run has no variants to compare with the baseline."},
    // report.html: definitions.
    {"def.heading", "Definitions"},
    {"def.counts", "Counts"},
    {"def.out_of", "Out of"},
    {"def.unit", "Unit"},
    {"def.share", "share"},
    {"def.housed_end", "Share housed at the horizon"},
    {"def.housed_end.counts", "households in a permanent stage at the last month"},
    {"def.housed_end.of", "all households seen (those housed at the start included)"},
    {"def.months_housed", "Share of household-months housed"},
    {"def.months_housed.counts", "months spent in a permanent stage"},
    {"def.months_housed.of", "months spent in the system (entry or month 1 to exit or horizon)"},
    {"def.retention", "Housed 12 months after first housed"},
    {"def.retention.counts",
     "households that did not lose housing (to a lower stage, or an exit other than into own "
     "housing) in the 12 months after they were first housed"},
    {"def.retention.of", "households first housed at least 12 months before the horizon"},
    {"def.lease", "Share reaching a lease"},
    {"def.lease.counts", "households ever in a permanent stage"},
    {"def.lease.of", "households not housed at the start"},
    {"def.stabilised", "Share stabilised"},
    {"def.stabilised.counts",
     "households with the scenario's stabilisation months in a row housed"},
    {"def.stabilised.of", "households not housed at the start"},
    {"def.cost", "Total public cost"},
    {"def.cost.counts", "stage costs per occupied unit-month plus service costs per case-month"},
    // report.html: value for money.
    {"vfm.heading", "Value for money"},
    {"vfm.extra_cost", "Extra cost (CZK)"},
    {"vfm.icer_stabilized", "CZK per extra household stabilised"},
    {"vfm.icer_months", "CZK per extra household-month housed"},
    {"vfm.note",
     "Extra cost: the paired difference of the total cost. Cost per extra household stabilised "
     "or month housed: mean extra cost / mean extra effect (stabilised households: a spell of the "
     "scenario's stabilisation months in a permanent stage, households housed at the start "
     "included), 95 % bootstrap interval over the paired replications; dominant = at least as "
     "effective and no dearer, dominated = no more effective and no cheaper, where no ratio is "
     "stated."},
    {"vfm.figure", "Figure"},
    {"vfm.value", "Value"},
    {"vfm.interval", "95 % interval"},
    // report.html: plan.
    {"plan.target", "Target:"},
    {"plan.in", "in {1}"},
    {"plan.answer", "Answer:"},
    {"plan.none", "no value in the range meets the target"},
    // report.html: the run's record.
    {"run.scenario_file", "Scenario file"},
    {"run.sha", "Scenario SHA-256 (first 16 digits)"},
    {"run.program", "Program"},
    {"run.seed", "Seed"},
    {"run.prices", "Prices"},
    {"run.discount_rate", "Discount rate"},
    {"run.discount_rate.per_year", "a year (costs and effects)"},
    {"run.replications", "Replications"},
    {"run.months", "Months simulated"},
    {"run.threads", "Threads"},
    {"run.variants", "Variants"},
    {"run.towns", "Towns"},
    {"run.ladder", "Ladder (bottom to top)"},
    {"run.services", "Services"},
    {"run.household_months", "Household-months simulated"},
    {"run.simulate_time", "Simulation time"},
    {"run.wall_time", "Wall time"},
    {"run.started", "Started (UTC)"},
    {"run.means",
     "Every number is a mean over the Monte Carlo replications; ranges are 95 % confidence "
     "intervals of that mean (how precisely the run pins the mean down, not the spread between "
     "households). Differences between a variant and the baseline are paired: replication r of "
     "each uses the same random draws."},
    {"footer",
     "Drawn by prostup {1} from the files in this directory ({2}). The charts are also in "
     "charts/ as SVG files."},
    // Metric names in the report's tables.
    {"metric.households_seen", "Households seen"},
    {"metric.housed_at_start", "Households already housed at the start"},
    {"metric.reached_lease_share", "Share reaching a lease (households not housed at the start)"},
    {"metric.stabilized_share", "Share stabilised (households not housed at the start)"},
    {"metric.housed_share_end", "Share housed at the horizon (all households)"},
    {"metric.ever_housed_share", "Share ever housed (all households)"},
    {"metric.months_housed_share", "Share of household-months housed"},
    {"metric.months_housed", "Household-months housed"},
    {"metric.retention:6", "Housed 6 months after first housed"},
    {"metric.retention:12", "Housed 12 months after first housed"},
    {"metric.retention:24", "Housed 24 months after first housed"},
    {"metric.returned_share", "Share of the housed who lost housing"},
    {"metric.stabilization_share", "Share stabilised (censoring-aware, all households)"},
    {"metric.stabilized_households", "Households stabilised (all households)"},
    {"metric.exits:to_own_housing", "Exits into own housing"},
    {"metric.exits:to_institution", "Exits into an institution"},
    {"metric.exits:unknown", "Exits, destination unknown"},
    {"metric.cost_per_household", "Cost per household"},
    {"metric.stabilized", "Households stabilised"},
    {"metric.median_months_to_lease", "Median months to a lease"},
    {"metric.evictions", "Evictions"},
    {"metric.returns_to_street", "Returns to the street"},
    {"metric.expiries", "Stays ended by the time limit"},
    {"metric.exits", "Exits from the system"},
    {"metric.demotions", "Demotions"},
    {"metric.arrivals", "Arrivals"},
    {"metric.entry_fallbacks", "Arrivals placed in a fallback stage"},
    {"metric.roofless_household_months", "Household-months without a roof"},
    {"metric.mean_waiting_months", "Mean months on a waiting list"},
    {"metric.cost_total", "Total public cost"},
    {"metric.cost_per_stabilized", "Cost per stabilised household"},
    {"metric.promotions", "Moves up to {1}"},
    {"metric.occupancy_end", "Households at the end: {1}"},
    {"metric.occupancy_mean", "Mean households: {1}"},
    // Parameter uncertainty (PSA, docs/uncertainty.md).
    {"summary.key_psa",
     "Each variant against the baseline, as paired differences with 95 % uncertainty "
     "intervals (the inputs' uncertainty included, {1} parameter sets):"},
    {"psa.heading", "How sure: uncertain inputs"},
    {"psa.how_sure", "How sure:"},
    {"psa.drawn", "The inputs carry distributions; {1} parameter sets were drawn."},
    {"psa.more_stabilised",
     "{1} stabilises more households than the baseline in {2} of the parameter sets."},
    {"psa.evpi",
     "Knowing the uncertain inputs exactly would be worth at most {1} over the horizon (the "
     "expected value of perfect information, largest at {2} per household stabilised; evpi.csv "
     "has every willingness to pay)."},
    {"run.means_psa",
     "This run drew {1} parameter sets from the scenario's distributions, each simulated {2} "
     "times. Every number is a mean over the parameter sets; ranges are 95 % uncertainty "
     "intervals (the central 95 % of the parameter sets' means), which include both the "
     "uncertainty of the inputs and Monte Carlo noise. Differences are paired: parameter set k "
     "and replication r are the same in the baseline and every variant."},
    {"metric.service_case_months", "Case-months: {1}"},
    {"metric.service_waiting_mean", "Mean waiting for: {1}"},
    {"metric.cost", "Cost: {1}"},
};

}  // namespace

const std::vector<Entry>& english_catalogue() {
  return kEnglish;
}

}  // namespace prostup::text

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
    // The charts (svg_charts.cpp, svg_uncertainty.cpp): titles, axes, legends, tooltips and
    // the "how to read" captions.
    {"unit.households", "households"},
    {"unit.household-months", "household-months"},
    {"unit.case-months", "case-months"},
    {"axis.pp", "percentage points"},
    {"axis.million", "million {1}"},
    {"axis.thousand", "thousand {1}"},
    {"chart.reps.one", "{1} replication"},
    {"chart.reps.few", "{1} replications"},
    {"chart.reps.many", "{1} replications"},
    {"chart.month", "Month"},
    {"chart.mean", "Mean"},
    {"chart.shaded_ci", "Shaded: 95 % CI"},
    {"chart.shaded_ci_mean", "Shaded: 95 % CI of the mean"},
    {"chart.whiskers", "Whiskers: 95 % CI"},
    {"chart.same_as_baseline", "Same as baseline here:"},
    {"chart.same_as_baseline_one", "Same as baseline here: {1}"},
    {"chart.no_data_town", "No data for this town."},
    {"chart.occupancy.title", "Households by stage — {1}, {2}"},
    {"chart.occupancy.y", "Households (mean of {1})"},
    {"chart.occupancy.all_baseline", "All households, baseline"},
    {"chart.occupancy.capacity", "Capacity (dashed steps)"},
    {"chart.occupancy.how",
     "Each coloured band is the mean number of households living in one stage at the end of "
     "each month, stacked from the bottom of the ladder upwards; the top edge is everyone in "
     "the system. A dashed line in a stage's colour shows where that band's top edge would be "
     "if the stage were full: where the band reaches its dashed line, the stage is at capacity "
     "and further households wait or go elsewhere. The black line is everyone in the system "
     "under the baseline (dashed in a variant's chart), for comparison."},
    {"chart.waiting.title", "Waiting lists — {1}, {2}"},
    {"chart.waiting.y", "Households waiting (mean of {1})"},
    {"chart.waiting.none", "No household waited for a place in any stage."},
    {"chart.waiting.for", "Waiting for {1}"},
    {"chart.waiting.all_baseline", "All lists together, baseline"},
    {"chart.waiting.how",
     "Each line is the mean number of households on the waiting list for a stage at the end of "
     "each month; the shaded band is the 95 % confidence interval of that mean. A list that "
     "keeps growing means demand for that stage outruns the places that free up. The dashed "
     "black line is all lists together under the baseline, for comparison."},
    {"chart.lease.title", "Reaching a lease — {1}"},
    {"chart.lease.x", "Months since entering the ladder"},
    {"chart.lease.y", "Share of households with a lease (%)"},
    {"chart.lease.how",
     "Of the households that entered, the share that has reached a permanent lease by a given "
     "number of months after entry (cumulative incidence; households still in the ladder at the "
     "end of the horizon are censored, those who left count as never reaching a lease). A curve "
     "higher and further left is better. Shaded bands are 95 % confidence intervals. The "
     "baseline is drawn last, in black, so a variant hidden under it is the same as the "
     "baseline; variants that change nothing in this town are named in the legend."},
    {"chart.forest.title", "Variants against the baseline — {1}"},
    {"chart.forest.subtitle", "Paired difference variant − baseline: mean and 95 % CI over {1}"},
    {"chart.forest.better", "Better than the baseline (the whole 95 % CI on the better side)"},
    {"chart.forest.worse", "Worse than the baseline"},
    {"chart.forest.unclear", "No clear difference, or no better direction"},
    {"chart.forest.zero", "Baseline: zero difference"},
    {"chart.forest.zero_left_out",
     "Baseline: zero difference (left out, same as baseline here: {1})"},
    {"chart.forest.higher_better", "{1} — higher is better"},
    {"chart.forest.lower_better", "{1} — lower is better"},
    {"chart.forest.x", "Difference ({1})"},
    {"chart.forest.undefined", "undefined in every replication pair"},
    {"chart.forest.better_in", "better in {1} % of runs"},
    {"chart.forest.how",
     "One panel per headline outcome. The dot is the mean difference between a variant and the "
     "baseline, computed replication by replication with the same random draws, and the "
     "whiskers its 95 % confidence interval. Whiskers that cross the dashed zero line mean the "
     "run cannot tell the variant from the baseline on that outcome. Colour gives the verdict "
     "in every panel alike: green better, orange-red worse, grey no clear difference. Each "
     "panel says which direction is better; on the right, the share of replications in which the "
     "variant did better (ties count half)."},
    {"chart.profile.title", "Who reaches a lease — {1}"},
    {"chart.profile.subtitle",
     "Share of households in need that reached a lease, by household type: mean and 95 % CI "
     "over {1}"},
    {"chart.profile.x", "Reached a lease (%)"},
    {"chart.profile.id", "profile id: {1}"},
    {"chart.profile.how",
     "One group of rows per household type (profile): for each variant, the share of that "
     "type's households in need that reached a permanent lease within the horizon, with its 95 "
     "% confidence interval. Types far to the left are the ones the ladder leaves behind; a "
     "variant that closes the gap moves the leftmost group right more than the others. The "
     "gaps between types, with intervals, are in equity.csv."},
    {"chart.flow.title", "Moves on the ladder — {1}, {2}"},
    {"chart.flow.subtitle",
     "Mean households per replication over {1} months; arrow width proportional to the number "
     "of moves"},
    {"chart.flow.baseline", "Baseline: {1} moves up, {2} moves down, {3} leave"},
    {"chart.flow.baseline_cmp", "Baseline for comparison: {1} moves up, {2} moves down, {3} leave"},
    {"chart.flow.axis", "Ladder: towards independent housing"},
    {"chart.flow.arrive", "arrive {1}"},
    {"chart.flow.leave", "leave {1}"},
    {"chart.flow.up", "Move up (promotion)"},
    {"chart.flow.down", "Move down (arrears)"},
    {"chart.flow.expiry", "Time limit ran out"},
    {"chart.flow.arrival", "Arrival"},
    {"chart.flow.exit", "Leaving the system"},
    {"chart.flow.how",
     "Stages are boxes, from the bottom of the ladder to the top. Green arrows on the right are "
     "moves up, red and purple arrows on the left are moves down (arrears, or a time-limited "
     "stay that ran out), blue arrows are arrivals and grey arrows households leaving the "
     "system. The number on an arrow is the mean count of moves per replication over the whole "
     "horizon; arrow width is proportional to it."},
    {"chart.cost.title", "Cost and stabilised households — {1}"},
    {"chart.cost.not_zero", "Axes do not start at zero: they span the variants' range."},
    {"chart.cost.how",
     "Each dot is one policy variant: further right means more households stabilised in a "
     "lease, lower means less public money over the horizon. Whiskers are 95 % confidence "
     "intervals of the two means. A variant below and to the right of the baseline does better "
     "for less; one above and to the right buys more stabilised households at a higher cost, "
     "and the table's cost per stabilised household says at what price. The baseline is the "
     "small dot drawn on top; a ring around it is a variant at the same place."},
    // A swept or planned setting in words (report::parameter_words).
    {"param.places", "{1}: places in {2}"},
    {"param.staff", "{1}: full-time staff in {2}"},
    {"param.in_town", "{1} in {2}"},
    {"field.arrivals", "arrivals"},
    {"field.rate", "rate"},
    {"field.caseload_per_worker", "caseload per worker"},
    {"field.cost_per_month", "cost per month"},
    {"field.cost_per_case_month", "cost per case month"},
    {"field.stage_costs", "stage costs"},
    {"field.service_costs", "service costs"},
    {"field.max_stay_months", "max stay months"},
    {"field.arrears_limit", "arrears limit"},
    {"field.engagement_months", "engagement months"},
    {"field.min_months_in_stage", "min months in stage"},
    {"field.min_streak", "min streak"},
    {"field.max_arrears", "max arrears"},
    {"field.multipliers", "multipliers"},
    {"field.effects", "effects"},
    {"field.job_gain", "job gain"},
    {"field.job_loss", "job loss"},
    {"field.pay_rent", "pay rent"},
    {"field.pay_rent_employed", "pay rent employed"},
    {"field.pay_rent_unemployed", "pay rent unemployed"},
    {"field.comply", "comply"},
    {"field.exit", "exit"},
    {"field.employed_at_entry", "employed at entry"},
    {"field.arrears_repayment", "arrears repayment"},
    {"field.share", "share"},
    {"chart.scenario_at", "scenario: {1}"},
    {"chart.scenario_value", "Value in the scenario: {1}"},
    {"chart.as_in_scenario", "{1} (as in the scenario)"},
    {"chart.sweep.title", "{1} against {2} — {3}"},
    {"chart.sweep.how",
     "Each dot is one simulated value of the swept setting (all with the same random draws), "
     "the line joins their means and the shaded band is the 95 % confidence interval. Where the "
     "line flattens, more of the setting buys little. The dotted vertical line is the "
     "scenario's own value. Swept: {1}."},
    {"chart.plan.target_metric", "Target metric"},
    {"chart.plan.varied_setting", "the varied setting"},
    {"chart.plan.title", "Plan: {1} against {2}"},
    {"chart.plan.bound", "Bar: confidence bound"},
    {"chart.plan.target_at", "target {1} {2}"},
    {"chart.plan.target", "Target"},
    {"chart.plan.answer_at", "answer: {1}"},
    {"chart.plan.answer", "Answer"},
    {"chart.plan.none", "No value in the range meets the target."},
    {"chart.plan.how",
     "Each dot is one tried value of the varied setting (filled: it meets the target with the "
     "required confidence; hollow: it does not). The bar at each dot is the confidence bound "
     "that was compared with the target (dashed line). The green line marks the answer: the "
     "smallest value that meets the target; the dotted line the scenario's own value."},
    {"chart.plan.varied", "Varied: {1}."},
    // Parameter uncertainty charts (svg_uncertainty.cpp).
    {"chart.group", "{1} (group)"},
    {"chart.ce.title", "Cost-effectiveness plane — {1}"},
    {"chart.ce.x", "Extra households stabilised (variant − baseline)"},
    {"chart.ce.y", "Extra cost ({1})"},
    {"chart.ce.mean", "Large dot: mean"},
    {"chart.ce.origin", "Baseline (the origin)"},
    {"chart.ce.how",
     "Each dot is one drawn parameter set: how many more households the variant stabilises "
     "than the baseline (right = more) and what it costs extra (up = more). Lower right "
     "(more effect, less cost) is a variant that dominates; the spread of the cloud is the "
     "uncertainty from the parameters and the Monte Carlo noise of {1} replications per set."},
    {"chart.ceac.title", "Acceptability curve — {1}"},
    {"chart.ceac.x", "Willingness to pay per household stabilised ({1})"},
    {"chart.ceac.y", "Probability most cost-effective (%)"},
    {"chart.ceac.how",
     "For each amount the town is willing to pay per extra household stabilised, the share of "
     "drawn parameter sets in which each option gives the most net benefit (willingness to "
     "pay × households stabilised − cost). Where a line is near 100 %, that option is the "
     "better buy whatever the uncertain parameters turn out to be."},
    {"chart.tornado.title", "What drives the difference — {1}, {2}"},
    {"chart.tornado.x", "Difference in share reaching a lease (percentage points)"},
    {"chart.tornado.p05", "Parameter at its 5 % value"},
    {"chart.tornado.p95", "Parameter at its 95 % value"},
    {"chart.tornado.means", "All at their means"},
    {"chart.tornado.how",
     "How the variant's difference to the baseline in the share reaching a lease moves when one "
     "uncertain parameter goes from its 5 % to its 95 % value and the others stay at their "
     "means (a linear regression over the drawn parameter sets). The longest bars are the "
     "parameters most worth measuring locally."},
};

}  // namespace

const std::vector<Entry>& english_catalogue() {
  return kEnglish;
}

}  // namespace prostup::text

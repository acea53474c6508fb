// SPDX-License-Identifier: Apache-2.0
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
    {"words.months_housed_share_in_need", "share of months housed (in need)"},
    {"words.months_housed_share", "share of months housed"},
    {"words.lost_from_view_share", "lost from view"},
    {"words.retention:12", "still housed 12 months after housing"},
    // Verdicts of a paired difference.
    {"verdict.better", "better"},
    {"verdict.worse", "worse"},
    {"verdict.higher", "higher"},
    {"verdict.lower", "lower"},
    {"verdict.no_difference", "no clear difference"},
    {"verdict.undefined", "undefined"},
    // Value for money (comparison.csv's icer:* notes).
    {"vfm.per_stabilised",
     "{1} CZK per extra household stabilised (all households, incl. housed at start)"},
    {"note.no difference", "no difference"},
    {"note.dominant", "dominant"},
    {"note.dominated", "dominated"},
    {"note.more effect, more cost", "more effect, more cost"},
    {"note.less effect, less cost", "less effect, less cost"},
    {"note.more effect, cost uncertain", "more effect, cost uncertain"},
    {"note.less effect, cost uncertain", "less effect, cost uncertain"},
    {"note.no difference in effect", "no difference in effect"},
    {"note.no clear difference in effect", "no clear difference in effect"},
    {"vfm.effect_uncertain", "effect uncertain: see the acceptability curve"},
    {"vfm.replication_spread", "(spread of single replications)"},
    {"vfm.saves_per_fewer", "saves {1} CZK per household fewer stabilised"},
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
    {"term.rule",
     "per variant its 3 clearest changes (largest difference / standard error; all outcomes and "
     "who pays: --verbose, the report)"},
    {"term.vfm", "{1} per extra household stabilised"},
    {"term.more_towns",
     "{1} more towns in the report and in --verbose (shown: the total and the towns with the most "
     "households)"},
    {"term.left_out", "Left out where they change nothing: {1}"},
    {"term.town", "{1} (baseline: {2})"},
    {"baseline.moves", "roofless households {1} → {2} over {3} months ({4})"},
    {"baseline.growing", "growing"},
    {"baseline.shrinking", "shrinking"},
    {"baseline.steady", "steady"},
    {"term.binding_head",
     "Binding constraints (baseline, expected demand without limits), ranked by what one more "
     "unit is worth (households stabilised for its cost, paired runs), then by excess demand:"},
    {"binding.value_unit",
     "one more place: {1} households stabilised [{2}, {3}] (paired runs, {4} replications, 95 % "
     "interval)"},
    {"binding.value_worker",
     "one more worker: {1} households stabilised [{2}, {3}] (paired runs, {4} replications, 95 % "
     "interval)"},
    {"binding.value_cost", "for {1} over {2} months ({3} per 1 M CZK)"},
    {"term.binding", "{1}. {2}: demand {3} for {4} places ({5}) from month {6}"},
    {"term.by_profile", "by household type, {1}"},
    {"term.cohort",
     "{1} ({2} households): stabilised {3} in the variant against {4} of the same households "
     "in the baseline, {5}"},
    {"term.cohort_retention", "12-month retention {1} % (published {2}{3})"},
    {"term.fitted", ", fitted: it set a parameter"},
    {"term.all_households", "all households"},
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
    {"summary.all_households", "All households:"},
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
     "the capacity or caseload; ranked by households stabilised per CZK of one more unit "
     "(paired runs of the largest excesses), then by excess demand:"},
    {"town.binding_line", "{1}: demand {2}, capacity {3} from month {4}"},
    {"town.reaching_lease", "Time from entry to a lease (cumulative incidence)"},
    {"town.all_outcomes", "All outcomes, each variant (table)"},
    {"town.comparison", "Variants against the baseline, every outcome (table)"},
    {"term.fz", "street empties by month {1} [{2}, {3}] (p = {4})"},
    {"term.fz_empty", "street empty from the start (no roofless household at month 0)"},
    {"term.fz_none", "street not at functional zero within the horizon"},
    {"term.fz_rare",
     "street mostly not at functional zero within the horizon (p = {4}, by month {1} [{2}, {3}] "
     "where reached)"},
    {"budget.head", "Budget by year and payer"},
    {"budget.note",
     "Costs per year of the horizon (year 1 = months 1-12) and payer, at the scenario's prices; "
     "a variant's difference from the baseline that year and added up to it, paired by "
     "replication (budget.csv)."},
    {"budget.note_discounted",
     "Costs per year of the horizon (year 1 = months 1-12) and payer, at the scenario's prices, "
     "discounted at its rate; a variant's difference from the baseline that year and added up "
     "to it, paired by replication (budget.csv)."},
    {"budget.break_even", "{1}: costs less than the baseline in total from {2} on."},
    {"budget.no_break_even",
     "{1}: does not cost less than the baseline in total within the horizon."},
    {"budget.table", "Budget by year and payer (table)"},
    {"budget.year", "Year"},
    {"budget.year_n", "year {1}"},
    {"budget.months", "({1} months)"},
    {"budget.payer", "Payer"},
    {"budget.all_payers", "all payers"},
    {"budget.cost", "Cost"},
    {"budget.diff", "Difference from the baseline"},
    {"budget.cum_diff", "Cumulative difference"},
    {"flowyear.head", "Households and moves by year"},
    {"flowyear.note",
     "Households in each stage at the start and end of each year of the horizon and the moves "
     "in between, means per replication (flows_yearly.csv, which also splits the moves by kind "
     "and exits by destination; flows_monthly.csv has the same month by month): at the end = "
     "at the start + arrivals + moved in - moved out - exits."},
    {"flowyear.table", "Households and moves by year (table)"},
    {"flowyear.stage", "Stage"},
    {"flowyear.start", "At the start"},
    {"flowyear.arrivals", "Arrivals"},
    {"flowyear.in", "Moved in"},
    {"flowyear.out", "Moved out"},
    {"flowyear.exits", "Exits"},
    {"flowyear.end", "At the end"},
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
    {"def.months_housed.of",
     "months from entry (or month 1) to the horizon of the households not housed at the start"},
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
    {"vfm.icer_stabilized",
     "CZK per extra household stabilised (all households, incl. housed at start)"},
    {"vfm.icer_months", "CZK per extra household-month housed"},
    {"vfm.note",
     "Extra cost: the paired difference of the total cost. Cost per extra household stabilised "
     "or month housed: mean extra cost / mean extra effect (stabilised households: a spell of the "
     "scenario's stabilisation months in a permanent stage, households housed at the start "
     "included); the interval is the 2.5th to 97.5th percentile of the parameter sets' own "
     "figures (with fixed parameters: of the replications'), not of their mean. A ratio is "
     "stated only where the extra effect's interval excludes 0 (else: no clear difference in "
     "effect); the cost side is read from the extra cost's interval too: dominant = more "
     "effective and no dearer, dominated = less effective and no cheaper, cost uncertain = the "
     "extra cost's interval includes 0 (a saving is as possible as a cost); less effect for "
     "less cost reads as CZK saved per household fewer."},
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
    {"run.baseline_description", "The scenario as written"},
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
    {"metric.months_housed_share_in_need",
     "Share of months housed (households in need; own-housing exits housed, others not)"},
    {"metric.months_housed_share",
     "Share of months housed (person-time; own-housing exits housed, others not)"},
    {"metric.months_housed", "Household-months housed"},
    {"metric.retention:6", "Housed 6 months after first housed"},
    {"metric.retention:12", "Housed 12 months after first housed"},
    {"metric.retention:24", "Housed 24 months after first housed"},
    {"metric.returns_within:6", "Returned to a shelter, hostel or the street within 6 months"},
    {"metric.returns_within:12", "Returned to a shelter, hostel or the street within 12 months"},
    {"metric.returns_within:24", "Returned to a shelter, hostel or the street within 24 months"},
    {"metric.returned_share", "Share of the housed who lost housing"},
    {"metric.months_roofless_mean",
     "Length of time roofless, mean months (households ever roofless in the horizon)"},
    {"metric.months_roofless_median",
     "Length of time roofless, median months (households ever roofless in the horizon)"},
    {"metric.stabilized_eligible_share",
     "Share stabilised of households that entered early enough (censoring-aware; housed at month 0 "
     "included)"},
    {"metric.cohort_stabilized",
     "Households stabilised, cohort count (housed at month 0 included)"},
    {"metric.exits:to_own_housing", "Exits into own housing"},
    {"metric.exits:to_institution", "Exits into an institution"},
    {"metric.exits:unknown", "Exits, destination unknown"},
    {"metric.lost_from_view_share", "Share lost from view (left to an unknown destination)"},
    {"metric.cost_per_household", "Cost per household"},
    {"metric.stabilized", "Households in need stabilised (not housed at the start)"},
    {"metric.median_months_to_lease", "Median months to a lease"},
    {"metric.evictions", "Evictions"},
    {"metric.returns_to_street", "Returns to the street"},
    {"metric.expiries", "Stays ended by the time limit"},
    {"metric.exits", "Exits from the system"},
    {"metric.demotions", "Demotions"},
    {"metric.arrivals", "Arrivals"},
    {"metric.entry_fallbacks", "Arrivals placed in a fallback stage"},
    {"metric.roofless_household_months", "Household-months without a roof"},
    // As metric_label wrote them before they were in the catalogue (the English unchanged).
    {"metric.roofless_end", "Roofless end"},
    {"metric.functional_zero_month", "Functional zero month"},
    {"metric.functional_zero_reached", "Functional zero reached"},
    {"metric.households", "Households"},
    {"metric.mean_waiting_months", "Mean months on a waiting list"},
    {"metric.cost_total", "Total public cost"},
    {"metric.cost_ladder", "Cost to the ladder"},
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
    // Under input uncertainty (PSA) the charts count parameter sets, not replications.
    {"chart.sets.one", "{1} parameter set"},
    {"chart.sets.few", "{1} parameter sets"},
    {"chart.sets.many", "{1} parameter sets"},
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
     "black line is all lists together under the baseline, for comparison. A list is never "
     "negative: the band stops at 0 (timeseries.csv keeps the interval as computed)."},
    {"chart.lease.title", "Lease by months since entry (cumulative incidence) — {1}"},
    {"chart.lease.x", "Months since entering the ladder"},
    {"chart.lease.y", "Share with a lease by that month since entry (%)"},
    {"chart.lease.how",
     "Of the households that entered, the share that has reached a permanent lease by a given "
     "number of months after entry (cumulative incidence; households still in the ladder at the "
     "end of the horizon are censored, those who left count as never reaching a lease). A curve "
     "higher and further left is better. Shaded bands are 95 % confidence intervals, cut at 0 and "
     "100 % (time_to_lease.csv keeps them as computed). The "
     "baseline is drawn last, in black, so a variant hidden under it is the same as the "
     "baseline; variants that change nothing in this town are named in the legend. This is not "
     "the answer's \"reached a lease\" (reached_lease_share: households in need with a lease at "
     "any time in the horizon, late arrivals included with the few months they had), so the "
     "curve's last point is higher."},
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
    {"chart.forest.undefined_sets", "undefined in every parameter set"},
    {"chart.forest.better_in_sets", "better in {1} % of parameter sets"},
    {"chart.forest.how",
     "One panel per headline outcome. The dot is the mean difference between a variant and the "
     "baseline, computed replication by replication with the same random draws, and the "
     "whiskers its 95 % confidence interval. Whiskers that cross the dashed zero line mean the "
     "run cannot tell the variant from the baseline on that outcome. Colour gives the verdict "
     "in every panel alike: green better, orange-red worse, grey no clear difference. Each "
     "panel says which direction is better; on the right, the share of replications in which the "
     "variant did better (ties count half)."},
    {"chart.forest.how_sets",
     "One panel per headline outcome. The dot is the mean difference between a variant and the "
     "baseline over the drawn parameter sets (each set run with the same random draws in both), "
     "and the whiskers its 95 % uncertainty interval (the central 95 % of the sets' "
     "differences). Whiskers that cross the dashed zero line mean the variant cannot be told "
     "from the baseline on that outcome, given what is uncertain in the inputs. Colour gives the "
     "verdict in every panel alike: green better, orange-red worse, grey no clear difference. "
     "Each panel says which direction is better; on the right, the share of parameter sets in "
     "which the variant did better (ties count half)."},
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
    {"chart.flowyear.title", "Moves year by year — {1}, {2}"},
    {"chart.flowyear.subtitle", "Households a year (mean of {1})"},
    {"chart.flowyear.widths",
     "Line width proportional to the households moved, one scale for the town's variants"},
    {"chart.flowyear.years", "years {1}–{2}"},
    {"chart.flowyear.node", "{1}, {2}: {3} at the start, {4} at the end"},
    {"chart.flowyear.arrive_tip", "{1}: {3} households arrive in {2}"},
    {"chart.flowyear.leave_tip", "{1}: {3} households leave the system from {2}"},
    {"chart.flowyear.move_tip", "{1}: {2}, {3} → {4}: {5} households"},
    {"chart.flowyear.how",
     "One row per year of the horizon (spans of years where it is longer than 10). The stages "
     "are columns, from the bottom of the ladder on the left to the top on the right; each box "
     "shows the households in the stage at the start of the year → at its end. Arcs above the "
     "boxes are moves up, arcs below are moves down (arrears, or a stay that ran out), blue "
     "arrows from above are arrivals and grey arrows below households leaving the system; "
     "their widths are proportional to the households moved (flows_yearly.csv; hover for the "
     "figures, the table above has them all)."},
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
    {"field.other_services_cost_per_month", "cost to other services per month"},
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
    {"chart.sweep.heading", "{1} — {2}"},
    {"chart.sweep.how",
     "Each dot is one simulated value of the swept setting (all with the same random draws), "
     "the line joins their means and the shaded band is sweep.csv's interval: under input "
     "uncertainty the 2.5-97.5 percentile of the parameter sets' means, with fixed parameters "
     "the 95 % confidence interval of the mean. Where the "
     "line flattens, more of the setting buys little. The dotted vertical line is the "
     "scenario's own value. Swept: {1}."},
    {"chart.plan.target_metric", "Target metric"},
    {"chart.plan.varied_setting", "the varied setting"},
    {"chart.plan.title", "Plan: {1} against {2}"},
    {"chart.plan.heading", "Plan: {1}"},
    {"chart.plan.bound", "Bar: the bound compared with the target"},
    {"chart.plan.target_at", "target {1} {2}"},
    {"chart.plan.target", "Target"},
    {"chart.plan.answer_at", "answer: {1}"},
    {"chart.plan.answer", "Answer"},
    {"chart.plan.none", "No value in the range meets the target."},
    {"chart.plan.how",
     "Each dot is one tried value of the varied setting (filled: it meets the target; hollow: it "
     "does not). The bar at each dot is the bound that was compared with the target (dashed "
     "line): under input uncertainty the value that the required share of parameter sets "
     "reaches, with fixed parameters the one-sided confidence bound of the mean. The green line "
     "marks the answer: the "
     "smallest value that meets the target; the dotted line the scenario's own value."},
    {"chart.plan.varied", "Varied: {1}."},
    // Parameter uncertainty charts (svg_uncertainty.cpp).
    {"tornado.multiplier", "multiplier"},
    {"tornado.effect", "service's effect"},
    {"chart.group", "{1} (group)"},
    {"chart.ce.title", "Cost-effectiveness plane — {1}"},
    {"chart.ce.x", "Extra households stabilised, cohort count (variant − baseline)"},
    {"chart.ce.y", "Extra cost ({1})"},
    {"chart.ce.mean", "Large mark: mean"},
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
     "better buy whatever the uncertain parameters turn out to be. Ties: a variant that changes "
     "nothing in this town ties with the baseline in every set and is counted with it, as one "
     "option (named in the legend); curves that coincide are drawn over each other in "
     "alternating dashes of their colours, and each option's markers sit at its own points, so "
     "no option hides another."},
    {"chart.ceac.same", "Counted as the baseline:"},
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
    // The terminal answer of `prostup sweep`.
    {"sweep.points.one", "{1} point"},
    {"sweep.points.few", "{1} points"},
    {"sweep.points.many", "{1} points"},
    {"sweep.header", "Sweep of {1}, {2} replications each, seed {3} (common random numbers)"},
    {"sweep.header_variant",
     "Sweep of {1}, {2} replications each, seed {3} (common random numbers), variant {4}"},
    {"sweep.lease_head",
     "Share reaching a lease, all towns (95 % CI of the mean, Monte Carlo only):"},
    {"sweep.lease_head_sets",
     "Share reaching a lease, all towns (2.5-97.5 percentile over {1} parameter sets, the same "
     "at every point):"},
    {"sweep.table_head",
     "Headline outcomes, {1}, mean per point (intervals in sweep.csv and report.html); point = "
     "{2}:"},
    {"sweep.all_towns", "all towns together"},
    {"sweep.town", "town {1}"},
    {"sweep.point", "point"},
    {"sweep.grid", "{1}: {2} down, {3} across"},
    {"sweep.written", "Written to {1}/ ({2})"},
    // The terminal answer of `prostup plan`.
    {"plan.t.all_towns", "all towns"},
    {"plan.t.target",
     "Target: {1} in {2} ({3}), met with {4} one-sided confidence of the mean: Monte Carlo "
     "only, {5}"},
    {"plan.t.fixed_by_option", "parameters at their means (--fixed-parameters)"},
    {"plan.t.fixed_no_distributions", "the scenario's parameters carry no distributions"},
    {"plan.t.target_sets",
     "Target: {1} in {2} ({3}), met in at least {4} of {5} parameter sets (input uncertainty; "
     "the same sets at every value)"},
    {"plan.t.sets_point",
     "{1} (2.5-97.5 percentile over parameter sets), met in {2} of {3} sets ({4})"},
    {"plan.t.varied",
     "Varied: {1} over {2}; {3} of {4} values simulated, {5} replications each, seed {6}"},
    {"plan.t.answer", "Answer: {1}"},
    {"plan.t.at", "at {1}: {2}"},
    {"plan.t.lower_bound", "{1}, one-sided lower bound {2}"},
    {"plan.t.upper_bound", "{1}, one-sided upper bound {2}"},
    {"plan.t.meets", "meets the target"},
    {"plan.t.misses", "does not meet it"},
    {"plan.t.lowest", "({1} is the lowest value in the range)"},
    {"plan.t.none", "No value in {1} meets the target."},
    {"plan.t.nothing_binds",
     "Nothing binds at {1} (expected demand within every capacity): the target is out of reach "
     "of places; the rules (criteria, time limits, support) decide it."},
    {"plan.t.assured_sets_low",
     "At {1}, {3} of the parameter sets reach at least {2}: the most this range assures."},
    {"plan.t.assured_sets_high",
     "At {1}, {3} of the parameter sets stay at or below {2}: the most this range assures."},
    {"plan.t.assured_bound_low",
     "At {1}, the {3} one-sided lower bound of the mean is {2}: the most this range assures (Monte "
     "Carlo only)."},
    {"plan.t.assured_bound_high",
     "At {1}, the {3} one-sided upper bound of the mean is {2}: the most this range assures (Monte "
     "Carlo only)."},
    {"plan.t.binding_head",
     "Binding at {1} (expected demand without limits), ranked by what one more unit does to {2} "
     "({3}), then by excess demand:"},
    {"plan.t.pairs_sets",
     "paired runs over the same parameter sets; 95 % interval of the mean difference"},
    {"plan.t.pairs_replications",
     "paired runs over the same replications; 95 % CI of the mean difference"},
    {"plan.t.one_more_place", "one more place: {1} ({2} pairs)"},
    {"plan.t.one_more_worker", "one more worker: {1} ({2} pairs)"},
    {"plan.t.unit_cost", "{1} over {2} months"},
    {"plan.t.no_clear_gain", "no clear gain"},
    {"plan.t.also_measured", "measured, no clear gain: {1}"},
    {"plan.t.more_binding", "and {1} more, not measured (plan.json)"},
    {"plan.t.binding", "{1}: demand {2} for {3} places from month {4}"},
    {"plan.t.footer",
     "Mean and 95 % CI of the mean over replications (Monte Carlo only). Written to {1}/"},
    {"plan.t.footer_sets",
     "Mean and 2.5-97.5 percentile interval over parameter sets (each set the mean of {2} "
     "replications). Written to {1}/"},
    // `prostup describe` (sim/scenario/scenario_describe.cpp, through sim/output/describe.cpp).
    {"describe.decimal_mark", "."},
    {"describe.language", "en"},
    {"describe.months.one", "{1} month"},
    {"describe.months.few", "{1} months"},
    {"describe.months.many", "{1} months"},
    {"describe.replications.one", "{1} replication"},
    {"describe.replications.few", "{1} replications"},
    {"describe.replications.many", "{1} replications"},
    {"describe.persons.one", "{1} person"},
    {"describe.persons.few", "{1} persons"},
    {"describe.persons.many", "{1} persons"},
    {"describe.children.one", "{1} child"},
    {"describe.children.few", "{1} children"},
    {"describe.children.many", "{1} children"},
    {"describe.households.one", "{1} household"},
    {"describe.households.few", "{1} households"},
    {"describe.households.many", "{1} households"},
    {"describe.extra_months.one", "{1} extra month"},
    {"describe.extra_months.few", "{1} extra months"},
    {"describe.extra_months.many", "{1} extra months"},
    {"describe.carries.one", "{1} parameter carries"},
    {"describe.carries.few", "{1} parameters carry"},
    {"describe.carries.many", "{1} parameters carry"},
    {"describe.parameters.one", "{1} parameter"},
    {"describe.parameters.few", "{1} parameters"},
    {"describe.parameters.many", "{1} parameters"},
    {"describe.scenario", "scenario '{1}', format version {2}"},
    {"describe.simulation", "Simulation"},
    {"describe.sim", "{1}, {2}, seed {3}"},
    {"describe.stabilised",
     "a household counts as stabilised after {1} consecutive months in a permanent stage"},
    {"describe.ladder", "The ladder, top rung first"},
    {"ladder.title", "{1}: the ladder"},
    {"ladder.title_own_rules", "{1} (the common rules; {2}: own rules)"},
    {"ladder.title_run", "The ladder: the baseline's moves per year (over {1} months)"},
    {"ladder.places", "{1} places"},
    {"ladder.places_towns", "{1} places in {2} towns"},
    {"ladder.cost", "{1} CZK a month"},
    {"ladder.min_months", "{1}+ months"},
    {"ladder.streak", "{1} good in a row"},
    {"ladder.max_arrears", "arrears at most {1} months"},
    {"ladder.job", "a job"},
    {"ladder.arrears", "eviction at {1} months of arrears"},
    {"ladder.expiry", "stay ends after {1} months"},
    {"ladder.arrivals", "arrivals {1} a year"},
    {"ladder.exits", "leave: {1} a year"},
    {"ladder.legend.promotion", "move up"},
    {"ladder.legend.demotion", "eviction for arrears"},
    {"ladder.legend.expiry", "end of the allowed stay"},
    {"ladder.written", "The ladder: {1}"},
    {"ladder.how_to_read",
     "Each box is a stage of the ladder, in the scenario's order; arrows above are moves up, "
     "dashed arrows below evictions for arrears and ends of an allowed stay. The numbers are the "
     "baseline's mean moves per year over the horizon (flows.csv divided by the years), all towns "
     "together; the wider the arrow, the more households. Moves rarer than 0.05 a year are left "
     "out; \"leave\" counts the households that leave the system from that stage."},
    {"describe.kind.outside", "outside"},
    {"describe.kind.temporary", "temporary"},
    {"describe.kind.supported", "supported"},
    {"describe.kind.permanent", "permanent"},
    {"describe.always_room", "(always has room)"},
    {"describe.rent", "rent is due"},
    {"describe.no_rent", "no rent"},
    {"describe.stage_cost", "public cost {1} CZK per occupied unit and month"},
    {"describe.paid_by", "paid by {1}"},
    {"describe.other_cost", "cost to other services {1} CZK per household and month"},
    {"words.cost_payer", "cost to {1}"},
    {"payer.town", "the town"},
    {"payer.state", "the state"},
    {"payer.labour_office", "the labour office (benefits)"},
    {"payer.esf", "the ESF"},
    {"payer.other_services", "other public services"},
    {"describe.else", "else"},
    {"describe.max_stay", "stay limited to {1}, then to: {2}"},
    {"describe.evicted", "evicted at {1} of arrears, to: {2}"},
    {"describe.while_here", "while living here: {1}"},
    {"describe.points",
     "waiting list: highest points first ({1} per month waiting, {2} per child, {3} per month "
     "roofless, {4} per month of arrears)"},
    {"describe.waiting", "waiting list: {1}"},
    {"describe.longest_streak", "longest good streak first"},
    {"describe.families_first", "families with children first"},
    {"describe.m.job_gain", "job gain"},
    {"describe.m.job_loss", "job loss"},
    {"describe.m.pay_rent", "paying rent"},
    {"describe.m.comply", "compliance"},
    {"describe.m.exit", "leaving"},
    {"describe.range90", "90 % range {1}-{2}"},
    {"describe.in_group", "group {1}"},
    {"describe.after", "after {1}"},
    {"describe.streak", "after a {1}-month good streak"},
    {"describe.with_streak", "with a {1}-month good streak"},
    {"describe.no_arrears", "no arrears"},
    {"describe.max_arrears", "at most {1} of arrears"},
    {"describe.employed", "must be employed"},
    {"describe.service_required", "must be in or have completed {1}"},
    {"describe.no_conditions", "no conditions: applies at once"},
    {"describe.promotions", "Moves up the ladder (promotions; the first that applies is used)"},
    {"describe.none", "none"},
    {"describe.applies",
     "A household applies when it meets the criteria and moves when the target has a free "
     "unit."},
    {"describe.profiles", "Households (profiles: share of arrivals and of the initial population)"},
    {"describe.employed_at_entry", "starts employed with probability {1}"},
    {"describe.each_month",
     "each month: finds a job {1}, loses it {2}, pays rent {3} if unemployed / {4} if employed, "
     "keeps the rules {5} where no rent is due, leaves {6}"},
    {"describe.exits", "exits go to own housing {1}, to an institution {2}, unknown {3}"},
    {"describe.cohorts", "Tagged cohorts (reported on their own, intention to treat)"},
    {"describe.cohort_stage", "the households in {1} at month 0"},
    {"describe.cohort_from_to", "the households arriving from month {1} to month {2}"},
    {"describe.cohort_from", "the households arriving from month {1} on"},
    {"describe.cohort_profile", "profile {1} only"},
    {"describe.services", "Support services"},
    {"describe.service_for", "for households in {1}"},
    {"describe.caseload", "{1} cases per worker"},
    {"describe.prio.fifo", "first come first served"},
    {"describe.prio.highest_arrears", "highest arrears first"},
    {"describe.engagement", "engagement lasts {1}"},
    {"describe.engaged_while_eligible", "engaged while eligible"},
    {"describe.case_cost", "{1} CZK per case-month"},
    {"describe.clears", "clears {1} of arrears per good month"},
    {"describe.while_engaged", "while engaged: {1}"},
    {"describe.towns", "Towns"},
    {"describe.units", "units: {1}"},
    {"describe.at_start", "at month 0: {1}"},
    {"describe.nobody", "nobody"},
    {"describe.closed",
     "arrivals: none; each household that leaves is replaced at once (closed population)"},
    {"describe.arrivals", "arrivals: {1}"},
    {"describe.poisson", "{1} households per month on average (Poisson)"},
    {"describe.from_month", "{1} from month {2}"},
    {"describe.newcomers", "newcomers go to: {1} (the first with a free unit)"},
    {"describe.except", "except:"},
    {"describe.profile_goes", "{1} go to: {2}"},
    {"describe.staff.one", "{1} {2} worker ({3} cases)"},
    {"describe.staff.other", "{1} {2} workers ({3} cases)"},
    {"describe.staffing", "staffing: {1}"},
    {"describe.unit_cost", "{1} {2} CZK per unit-month"},
    {"describe.local_case_cost", "{1} {2} CZK per case-month"},
    {"describe.local_costs", "local costs: {1}"},
    {"describe.own_rules", "its own rules (towns.<id>.rules; the rest as the common ladder): {1}"},
    {"describe.uncertainty", "Parameter uncertainty"},
    {"describe.carry",
     "{1} a distribution (shown above with its 90 % range; the value shown is its mean)"},
    {"describe.group", "group {1}: {2} share one quantile draw"},
    {"describe.variants", "Variants (each is the scenario above with these changes)"},
    {"describe.not_set", "(not set)"},
    {"describe.removed", "(removed)"},
    // `prostup run --verbose`: the full listing.
    {"verbose.town", "{1} (baseline, mean [95 % CI])"},
    {"verbose.m.reached_lease_share", "reached a lease"},
    {"verbose.m.stabilized_share", "stabilised in a lease"},
    {"verbose.m.median_months_to_lease", "median months to a lease"},
    {"verbose.m.evictions", "evictions"},
    {"verbose.m.returns_to_street", "returns to the street"},
    {"verbose.m.roofless_household_months", "household-months roofless"},
    {"verbose.m.mean_waiting_months", "months on a waiting list"},
    {"verbose.m.cost_total", "public cost, CZK"},
    {"verbose.m.housed_share_end", "housed at the horizon"},
    {"verbose.m.months_housed_share_in_need", "share of months housed (in need)"},
    {"verbose.m.months_housed_share", "share of months housed"},
    {"verbose.m.lost_from_view_share", "lost from view"},
    {"verbose.m.retention:12", "housed 12 months after housing"},
    {"verbose.cohort", "cohort {1} ({2}), intention to treat:"},
    {"verbose.budget_head",
     "budget against the baseline by year and payer (mean difference, CZK; budget.csv has the "
     "intervals):"},
    {"verbose.budget_year", "year {1}"},
    {"verbose.budget_year_cal", "year {1} ({2})"},
    {"verbose.budget_total", "total"},
    {"verbose.budget_break_even",
     "saves from year {1} on (the cumulative difference stays below 0)"},
    {"verbose.minus", "{1} minus baseline (paired, 95 % CI):"},
    {"verbose.not_distinct", "(not distinguishable from 0)"},
    {"verbose.icer_months", "CZK per extra month housed"},
    {"verbose.icer_stabilised", "CZK per extra stabilised"},
    {"verbose.discounted", "discounted"},
    {"verbose.discount_note", "(discounted: costs and effects at {1} % a year, docs/model.md)"},
    {"verbose.binding",
     "Binding constraints (expected demand without limits, baseline; ranked by what one more unit "
     "adds where it was measured, then by excess demand):"},
};

}  // namespace

const std::vector<Entry>& english_catalogue() {
  return kEnglish;
}

}  // namespace prostup::text

// SPDX-License-Identifier: Apache-2.0
// The scenario format's tables: every key declared once (include/prostup/parameters.hpp).
// Row order is the order of the reader's "expected ..." hints and of the generated docs.
#include "prostup/parameters.hpp"

#include <stdexcept>

#include "prostup/scenario.hpp"

namespace prostup {

namespace {

using T = FieldType;

constexpr double kMaxHouseholds = 10000000;
constexpr double kMaxSeed = 9007199254740992.0;  // 2^53
constexpr double kMaxPointWeight = 1e6;
constexpr double kMonths = kMaxMonthsLimit;

Field field(std::string key, T type, double lo, double hi, std::string default_text,
            std::string description) {
  Field f;
  f.key = std::move(key);
  f.type = type;
  f.lo = lo;
  f.hi = hi;
  f.default_text = std::move(default_text);
  f.description = std::move(description);
  return f;
}
Field plain(std::string key, T type, std::string default_text, std::string description) {
  return field(std::move(key), type, 0, 0, std::move(default_text), std::move(description));
}
Field nested(std::string key, T type, std::string entity, double lo, double hi,
             std::string default_text, std::string description) {
  Field f = field(std::move(key), type, lo, hi, std::move(default_text), std::move(description));
  f.nested = std::move(entity);
  return f;
}
Field choice(std::string key, std::vector<std::string> choices, std::string default_text,
             std::string description) {
  Field f = plain(std::move(key), T::choice, std::move(default_text), std::move(description));
  f.choices = std::move(choices);
  return f;
}
Field id_map(std::string key, std::string refers, T element, double lo, double hi,
             std::string default_text, std::string description) {
  Field f =
      field(std::move(key), T::id_map, lo, hi, std::move(default_text), std::move(description));
  f.refers = std::move(refers);
  f.element = element;
  return f;
}
Field probability(std::string key, std::string default_text, std::string description) {
  return field(std::move(key), T::probability, 0, 1, std::move(default_text),
               std::move(description));
}
Field multiplier(std::string key, std::string description) {
  return field(std::move(key), T::number, 0, kMaxMultiplierLimit, "1", std::move(description))
      .vary();
}

std::vector<Entity> build() {
  std::vector<Entity> e;
  e.push_back(
      {"scenario",
       "Top level",
       "",
       true,
       {plain("$schema", T::text, "none", "path or URL of the JSON Schema, for editors; ignored"),
        field("format_version", T::integer, 1, 2, "",
              "`1` or `2` (`2` where a parameter carries a distribution); a newer version is "
              "refused"),
        plain("name", T::name, "",
              "short name for output directories: `a-z`, digits, `_`, `-`, starts with a "
              "letter, at most 40 characters"),
        plain("title", T::local_text, "`\"\"`", "human title"),
        plain("description", T::local_text, "`\"\"`", "what the scenario is about"),
        choice("language", {"en", "cs"}, "`en`",
               "language of the terminal answer, report.html and `describe` when no `--lang` "
               "is given"),
        nested("simulation", T::object, "simulation", 0, 0, "", "run settings"),
        nested("stages", T::collection, "stage", 2, 32, "",
               "the rungs, bottom first; at least one `outside` and one `permanent`"),
        nested("promotions", T::collection, "promotion", 0, 0, "`{}`",
               "moves up the ladder, tried in order"),
        nested("profiles", T::collection, "profile", 1, 32, "", "household profiles"),
        nested("services", T::collection, "service", 0, 8, "`{}`", "support services"),
        nested("towns", T::collection, "town", 1, 1000, "", "the towns that run the ladder"),
        nested("variants", T::collection, "variant", 0, 200, "`{}`",
               "policy variants; the id `baseline` is reserved"),
        nested("cohorts", T::collection, "cohort", 0, 8, "`{}`",
               "tagged household cohorts, reported on their own; `all`, `initial` and "
               "`arrivals` are reserved"),
        nested("parameter_sample", T::object, "parameter_sample", 0, 0, "none",
               "a joint sample of parameter sets, equally likely; `prostup calibrate` writes its "
               "posterior here (calibration.md)")}});
  e.push_back({"simulation",
               "`simulation`",
               "/simulation",
               true,
               {field("months", T::integer, 1, kMonths, "60", "months simulated")
                    .at(&Simulation::months)
                    .in("months"),
                field("replications", T::integer, 1, 100000, "200", "Monte Carlo replications")
                    .at(&Simulation::replications),
                field("seed", T::integer, 0, kMaxSeed, "1",
                      "random seed; the same seed gives the same results on any number of threads")
                    .at(&Simulation::seed),
                field("stabilized_months", T::integer, 1, kMonths, "12",
                      "consecutive months in a permanent stage after which a household counts as "
                      "stabilised")
                    .at(&Simulation::stabilized_months)
                    .in("months"),
                field("functional_zero_months", T::integer, 1, kMonths, "3",
                      "consecutive months in which the households on outside stages are no more "
                      "than that month's placements into housing, from whose first month the town "
                      "has reached functional zero (the metric `functional_zero_month`)")
                    .at(&Simulation::functional_zero_months)
                    .in("months"),
                field("price_year", T::integer, kMinPriceYear, kMaxPriceYear, "none",
                      "the year whose prices the scenario's costs are in (\"CZK, 2024 "
                      "prices\" in the outputs)")
                    .at(&Simulation::price_year),
                field("discount_rate", T::number, 0, kMaxDiscountRate, "0",
                      "annual rate at which costs and effects are discounted, month t by "
                      "(1 + rate)^(-t/12); adds the `*_discounted` metrics (model.md). `0`: "
                      "undiscounted, no such metrics")
                    .in("per year"),
                field("willingness_to_pay", T::number_list, 0, kMaxCostLimit, "`[]`",
                      "values of one more household stabilised at which comparison.csv gives each "
                      "variant's net monetary benefit `nmb:<value>` (model.md, \"Incremental "
                      "analysis\")")
                    .in("CZK per household stabilised")}});
  e.push_back(
      {"stage",
       "`stages.<id>`: the rungs",
       "/stages/<id>",
       true,
       {field("label", T::local_text, 1, 0, "", "name in reports").at(&Stage::label),
        choice("kind", {"outside", "temporary", "supported", "permanent"}, "",
               "`outside`: the street (roofless), always has room, no rent; `temporary`: night "
               "shelter, asylum home, hostel; `supported`: training flat; `permanent`: standard "
               "lease"),
        plain("pays_rent", T::boolean, "`false`",
              "rent is due each month; a month is *good* if it is paid. Must not be `true` for "
              "`outside`")
            .at(&Stage::pays_rent),
        field("cost_per_month", T::number, 0, kMaxCostLimit, "0",
              "public cost per occupied unit (towns may override)")
            .at(&Stage::cost_per_month)
            .in("CZK per month")
            .vary(),
        field("max_stay_months", T::integer, 1, kMonths, "none",
              "longest stay: a household that has completed this many months without being "
              "promoted moves to `on_expiry`")
            .at(&Stage::max_stay_months)
            .in("months"),
        field("on_expiry", T::stage_list, 1, 0, "none",
              "destinations in order, the first with a free unit takes the household; must end "
              "in an `outside` stage; required with `max_stay_months`, else not allowed")
            .note("not the stage itself"),
        field("arrears_limit", T::integer, 1, kMonths, "none",
              "months of arrears at which the household is evicted to `on_arrears`. Needs "
              "`pays_rent: true`; not allowed on `outside`")
            .at(&Stage::arrears_limit)
            .in("months"),
        field("on_arrears", T::stage_list, 1, 0, "none",
              "eviction destinations in order, as `on_expiry`; must end in an `outside` stage; "
              "required with `arrears_limit`, else not allowed")
            .note("not the stage itself"),
        nested("multipliers", T::object, "multipliers", 0, 0, "all 1",
               "factors on the monthly probabilities of everyone living here (e.g. "
               "`{\"job_gain\": 1.5}` in a training flat); the product is clamped to [0, 1]"),
        choice("waiting_list", {"fifo", "longest_streak", "families_first", "points"}, "`fifo`",
               "order of the waiting list of applicants **to** this stage: earliest "
               "application, longest current good streak, households with children first, or "
               "the highest priority points; ties by application order"),
        nested("priority_points", T::object, "priority_points", 0, 0, "none",
               "the weights of a `points` list; required with `points`, refused otherwise"),
        plain("payer", T::payer, "unspecified",
              "who pays `cost_per_month` (the town, the labour office's benefits, EU funds, "
              "health insurance ...): the metric `cost:<payer>`")
            .at(&Stage::payer)
            .note("not a stage or service id, not `unspecified`"),
        field("other_services_cost_per_month", T::number, 0, kMaxCostLimit, "0",
              "cost to other public services (emergency care, health, child protection, police) "
              "per household and month spent here, a second cost line besides "
              "`cost_per_month`, paid by the payer `other_services` (the metric "
              "`cost:other_services`); the same in every town and for every profile")
            .at(&Stage::other_services_cost_per_month)
            .in("CZK per month")
            .vary(),
        id_map("profile_cost_factors", "profile", T::number, 0, kMaxMultiplierLimit, "all 1",
               "factors on the cost per occupied unit (the stage's or a town's) for households "
               "of the profiles named, e.g. a family's place in an asylum home against a single "
               "adult's")}});
  e.push_back({"multipliers",
               "`multipliers` and `effects`",
               "/stages/<id>/multipliers",
               false,
               {multiplier("job_gain", "factor on the monthly probability of finding a job"),
                multiplier("job_loss", "factor on the monthly probability of losing a job"),
                multiplier("pay_rent",
                           "factor on the monthly probability of paying rent (employed or not)"),
                multiplier("comply",
                           "factor on the monthly probability of a good month where no rent is "
                           "due"),
                multiplier("exit", "factor on the monthly probability of leaving the system")}});
  e.push_back(
      {"priority_points",
       "`priority_points`",
       "/stages/<id>/priority_points",
       true,
       {field("waiting_months", T::number, -kMaxPointWeight, kMaxPointWeight, "0",
              "points per month since the application"),
        field("children", T::number, -kMaxPointWeight, kMaxPointWeight, "0", "points per child"),
        field("roofless_months", T::number, -kMaxPointWeight, kMaxPointWeight, "0",
              "points per month spent in an outside stage since entry"),
        field("arrears_months", T::number, -kMaxPointWeight, kMaxPointWeight, "0",
              "points per month of arrears (a negative weight ranks lower)")}});
  e.push_back(
      {"promotion",
       "`promotions.<id>`: moves up",
       "/promotions/<id>",
       true,
       {plain("from", T::stage, "", "the stage the household is in").at(&Promotion::from),
        plain("to", T::stage, "", "the stage it applies for")
            .at(&Promotion::to)
            .note("not `from`, not an `outside` stage"),
        field("min_months_in_stage", T::integer, 0, kMonths, "0",
              "whole months completed in `from`")
            .at(&Promotion::min_months_in_stage)
            .in("months"),
        field("min_streak", T::integer, 0, kMonths, "0", "consecutive good months")
            .at(&Promotion::min_streak)
            .in("months"),
        field("max_arrears", T::integer, 0, kMonths, "no limit",
              "most months of arrears allowed (`0` = no arrears)")
            .at(&Promotion::max_arrears)
            .in("months"),
        plain("employment_required", T::boolean, "`false`", "only employed households qualify")
            .at(&Promotion::employment_required),
        plain("service_required", T::service, "none",
              "engaged with this service now, or completed an engagement before")
            .at(&Promotion::service_required)}});
  e.push_back(
      {"profile",
       "`profiles.<id>`: kinds of household",
       "/profiles/<id>",
       true,
       {field("label", T::local_text, 1, 0, "the id", "name in reports").at(&Profile::label),
        probability("share", "",
                    "share of arrivals and of the initial population; the shares of all profiles "
                    "sum to 1 (within 1e-9)")
            .at(&Profile::share),
        field("household_size", T::integer, 1, 30, "1", "persons").at(&Profile::household_size),
        field("children", T::integer, 0, 29, "0",
              "children (`families_first` policies look at this)")
            .at(&Profile::children)
            .note("less than `household_size`"),
        probability("job_gain", "", "monthly probability of finding a job when unemployed")
            .at(&Profile::job_gain)
            .vary(),
        probability("job_loss", "", "monthly probability of losing the job when employed")
            .at(&Profile::job_loss)
            .vary(),
        probability("pay_rent_unemployed", "",
                    "monthly probability of paying rent when not employed")
            .at(&Profile::pay_rent_unemployed)
            .vary(),
        probability("pay_rent_employed", "", "monthly probability of paying rent when employed")
            .at(&Profile::pay_rent_employed)
            .vary(),
        probability("comply", "",
                    "monthly probability of a good month where no rent is due (keeping the "
                    "shelter's rules)")
            .at(&Profile::comply)
            .vary(),
        probability("exit", "",
                    "monthly probability of leaving the system (moving away, institution, death)")
            .at(&Profile::exit)
            .vary(),
        probability("employed_at_entry", "0", "probability that a new household starts employed")
            .at(&Profile::employed_at_entry)
            .vary(),
        nested("exit_destinations", T::object, "exit_destinations", 0, 0, "all `unknown`",
               "where the profile's exits go, shares summing to 1 (within 1e-9); reported as "
               "`exits:<destination>`")}});
  e.push_back({"exit_destinations",
               "`exit_destinations`",
               "/profiles/<id>/exit_destinations",
               true,
               {probability("to_own_housing", "0",
                            "share of exits into the household's own housing (not a loss of "
                            "housing for `retention:N`)"),
                probability("to_institution", "0",
                            "share of exits into an institution: hospital, prison, care"),
                probability("unknown", "0", "share of exits to an unknown destination")}});
  e.push_back(
      {"service",
       "`services.<id>`: support services",
       "/services/<id>",
       true,
       {field("label", T::local_text, 1, 0, "the id", "name in reports").at(&Service::label),
        field("eligible_stages", T::stage_list, 1, 0, "",
              "households in these stages can be engaged"),
        field("caseload_per_worker", T::integer, 1, 10000, "",
              "cases per worker (FTE); a town's slots = floor(workers x caseload)")
            .at(&Service::caseload_per_worker),
        choice("priority", {"fifo", "highest_arrears", "families_first"}, "`fifo`",
               "who gets a free slot first"),
        field("engagement_months", T::integer, 1, kMonths, "while eligible",
              "length of an engagement; after it the household has *completed* the service")
            .at(&Service::engagement_months)
            .in("months"),
        nested("effects", T::object, "multipliers", 0, 0, "all 1",
               "factors on the probabilities of engaged households, as a stage's `multipliers`"),
        field("arrears_repayment", T::integer, 0, kMonths, "0",
              "extra months of arrears cleared per good month while engaged (a repayment plan)")
            .at(&Service::arrears_repayment),
        field("cost_per_case_month", T::number, 0, kMaxCostLimit, "0",
              "cost per engaged household and month (towns may override)")
            .at(&Service::cost_per_case_month)
            .in("CZK per case-month")
            .vary(),
        plain("payer", T::payer, "unspecified",
              "who pays `cost_per_case_month`: the metric `cost:<payer>`")
            .at(&Service::payer)
            .note("as for stages"),
        id_map("profile_cost_factors", "profile", T::number, 0, kMaxMultiplierLimit, "all 1",
               "factors on the cost per case-month (the service's or a town's) for households "
               "of the profiles named")}});
  e.push_back(
      {"town",
       "`towns.<id>`",
       "/towns/<id>",
       true,
       {field("label", T::local_text, 1, 0, "the id", "name in reports"),
        id_map("initial", "stage", T::integer, 0, kMaxHouseholds, "`{}`",
               "households in each stage at month 0 (profiles by their shares)")
            .note("in total too"),
        id_map("capacity", "stage", T::capacity, 0, kMaxHouseholds, "",
               "units per stage: **every stage that is not `outside` must be listed** (use `0` "
               "if the town has none); `outside` stages must not be")
            .of("capacity"),
        nested("arrivals", T::object, "arrivals", 0, 0, "rate 0", "new households"),
        plain("entry_stage", T::stage, "", "where new households go"),
        field("entry_fallbacks", T::stage_list, 0, 0, "`[]`",
              "where they go, in order, when the entry stage is full; the entry list "
              "(`entry_stage`, then `entry_fallbacks`) must end in an `outside` stage")
            .note("not the entry stage"),
        id_map("staffing", "service", T::number, 0, 100000, "0 each", "workers (FTE) per service"),
        id_map("stage_costs", "stage", T::number, 0, kMaxCostLimit, "none",
               "this town's cost per occupied unit and month, instead of the stage's "
               "`cost_per_month`")
            .in("CZK per month")
            .vary(),
        id_map("service_costs", "service", T::number, 0, kMaxCostLimit, "none",
               "this town's cost per case-month, instead of the service's")
            .in("CZK per case-month")
            .vary(),
        id_map("entry_by_profile", "profile", T::object, 0, 0, "`{}`",
               "an entry list of its own for the profiles named; a profile not named uses the "
               "town's list")
            .of("entry_route"),
        nested("observed", T::schedule, "observed_target", 0, 0, "`[]`",
               "what the town has observed: the targets of `prostup calibrate` "
               "(calibration.md)"),
        nested("rules", T::object, "town_rules", 0, 0, "none",
               "the town's own rules: fields of the ladder's stages, promotion edges and "
               "services that are different in this town (model.md, \"A town's own rules\")")}});
  e.push_back(
      {"town_rules",
       "`rules`: a town's own rules",
       "/towns/<id>/rules",
       true,
       {id_map("stages", "stage", T::object, 0, 0, "`{}`",
               "this town's values of a stage's fields; a field not given is the stage's")
            .of("town_stage_rules"),
        id_map("promotions", "promotion", T::object, 0, 0, "`{}`",
               "this town's criteria of a promotion edge; a field not given is the edge's")
            .of("town_promotion_rules"),
        id_map("services", "service", T::object, 0, 0, "`{}`",
               "this town's values of a service's fields; a field not given is the service's")
            .of("town_service_rules")}});
  e.push_back(
      {"town_stage_rules",
       "`rules.stages.<stage>`",
       "/towns/<id>/rules/stages/<stage>",
       true,
       {field("max_stay_months", T::integer, 0, kMonths, "the stage's",
              "longest stay in this town; `0`: no maximum stay here")
            .in("months"),
        field("on_expiry", T::stage_list, 1, 0, "the stage's",
              "destinations in order when a stay ends, as the stage's `on_expiry`; needs a "
              "maximum stay (this town's or the stage's)")
            .note("not the stage itself"),
        id_map("profile_cost_factors", "profile", T::number, 0, kMaxMultiplierLimit, "the stage's",
               "this town's factors on the cost per occupied unit by profile; replaces the "
               "stage's whole map (`{}`: all 1)")}});
  e.push_back(
      {"town_promotion_rules",
       "`rules.promotions.<edge>`",
       "/towns/<id>/rules/promotions/<edge>",
       true,
       {field("min_months_in_stage", T::integer, 0, kMonths, "the edge's",
              "whole months completed in `from`")
            .in("months"),
        field("min_streak", T::integer, 0, kMonths, "the edge's", "consecutive good months")
            .in("months"),
        field("max_arrears", T::integer, 0, kMonths, "the edge's",
              "most months of arrears allowed (`0` = no arrears)")
            .in("months"),
        plain("employment_required", T::boolean, "the edge's", "only employed households qualify"),
        plain("service_required", T::service, "the edge's",
              "engaged with this service now, or completed an engagement before")}});
  e.push_back({"town_service_rules",
               "`rules.services.<service>`",
               "/towns/<id>/rules/services/<service>",
               true,
               {field("eligible_stages", T::stage_list, 1, 0, "the service's",
                      "households in these stages can be engaged in this town")}});
  e.push_back(
      {"observed_target",
       "`observed[i]`: a calibration target",
       "/towns/<id>/observed/<i>",
       true,
       {plain("metric", T::text, "",
              "what is measured: a metric of outcomes.csv (cohort `all`, the whole horizon) or a "
              "series of timeseries.csv (`occupancy:<stage>`, `waiting:<stage>`, "
              "`in_service:<service>`, and the town's own counts `roofless`, "
              "`housing_placements`)"),
        field("month", T::integer, 0, kMonths, "none", "the month a series target is read at"),
        plain("months", T::any, "none",
              "`[from, to]`: the window a series target is averaged over (instead of `month`)"),
        field("value", T::number, 0, 1e12, "",
              "the observed value (not negative: every metric is a count, share, mean or cost)"),
        field("se", T::number, 0, 1e12, "none", "its standard error (positive); or give `range`"),
        plain("range", T::any, "none",
              "`[low, high]`: a range that holds the value (instead of `se`)"),
        field("source", T::text, 1, 0, "", "where the figure comes from")}});
  e.push_back({"parameter_sample",
               "`parameter_sample`: a joint sample of parameter sets",
               "/parameter_sample",
               true,
               {plain("pointers", T::any, "",
                      "JSON pointers of the parameters, each one that may carry a distribution"),
                plain("rows", T::any, "", "one row per parameter set, a number per pointer"),
                plain("source", T::text, "`\"\"`", "where the sample comes from")}});
  e.push_back({"entry_route",
               "`entry_by_profile.<profile>`",
               "/towns/<id>/entry_by_profile/<profile>",
               true,
               {plain("entry_stage", T::stage, "", "where new households of the profile go"),
                field("entry_fallbacks", T::stage_list, 0, 0, "`[]`",
                      "where they go, in order, when it is full; the list must end in an "
                      "`outside` stage")}});
  e.push_back({"capacity",
               "capacity with a schedule",
               "/towns/<id>/capacity/<stage>",
               true,
               {field("initial", T::integer, 0, kMaxHouseholds, "", "units at the start"),
                nested("schedule", T::schedule, "capacity_change", 0, 0, "`[]`",
                       "capacity changes, months strictly increasing")}});
  e.push_back({"capacity_change",
               "capacity schedule entry",
               "/towns/<id>/capacity/<stage>/schedule/<i>",
               true,
               {field("month", T::integer, 1, kMonths, "", "first month with the new value"),
                field("value", T::integer, 0, kMaxHouseholds, "", "units from then on")}});
  e.push_back(
      {"arrivals",
       "`arrivals`",
       "/towns/<id>/arrivals",
       true,
       {field("rate", T::number, 0, kMaxArrivalRateLimit, "0",
              "mean new households per month (Poisson); may carry a distribution only without "
              "a `schedule`")
            .in("households per month")
            .vary(),
        nested("schedule", T::schedule, "rate_change", 0, 0, "`[]`",
               "rate changes from given months, months strictly increasing"),
        plain("replace_exits", T::boolean, "`false`",
              "closed population: every household that leaves is replaced at once by a new one "
              "on the entry list. Needs `rate` 0 or absent and no `schedule`")}});
  e.push_back({"rate_change",
               "arrival schedule entry",
               "/towns/<id>/arrivals/schedule/<i>",
               true,
               {field("month", T::integer, 1, kMonths, "", "first month with the new rate"),
                field("rate", T::number, 0, kMaxArrivalRateLimit, "",
                      "mean households per month from then on")}});
  e.push_back({"variant",
               "`variants.<id>`: policy variants",
               "/variants/<id>",
               true,
               {field("label", T::local_text, 1, 0, "the id", "name in reports"),
                plain("description", T::local_text, "`\"\"`", "what the variant means"),
                plain("patch", T::patch, "",
                      "an RFC 7396 merge patch applied to the scenario without its `variants`; "
                      "it may not touch `variants`, `format_version`, `name` or `simulation`")}});
  e.push_back(
      {"cohort",
       "`cohorts.<id>`: tagged household cohorts",
       "/cohorts/<id>",
       true,
       {field("label", T::local_text, 1, 0, "the id", "name in reports"),
        plain("initial_stage", T::stage, "none",
              "the households placed in this stage at month 0 (a town's `initial`); exactly one "
              "of `initial_stage` and `arrivals`"),
        field("count", T::integer, 1, kMaxHouseholds, "all of them",
              "with `initial_stage`: this many of the stage's households, chosen by a keyed "
              "random draw that no variant changes (cohorts counting from the same stage take "
              "disjoint sets, in file order; fewer where a town has fewer)"),
        plain("start_stage", T::stage, "`initial_stage`",
              "with `initial_stage`: where the cohort's households are at month 0 (a variant "
              "sets it to place a trial arm in Housing First); who is in need does not change; "
              "`initial_stage` may then not be permanent"),
        nested("arrivals", T::object, "cohort_arrivals", 0, 0, "none",
               "the households arriving (or replacing an exit) in a window of months"),
        plain("profile", T::profile, "every profile", "only households of this profile"),
        nested("published", T::schedule, "published_figure", 0, 0, "`[]`",
               "figures a source published for the cohort; the terminal answer shows "
               "`retention:12` beside "
               "the simulated one")}});
  e.push_back({"published_figure",
               "`published[i]`: a cohort's published figure",
               "/cohorts/<id>/published/<i>",
               true,
               {plain("metric", T::text, "",
                      "the cohort metric it compares with (`retention:12`, `cohort_stabilized`)"),
                field("value", T::number, 0, 1e12, "", "the figure, in the metric's unit"),
                plain("text", T::local_text, "`\"\"`", "how the source states it (`48/50`)"),
                field("source", T::text, 1, 0, "", "where the figure comes from"),
                plain("fitted", T::boolean, "`false`",
                      "the figure set a parameter, so the simulated value agreeing with it is "
                      "no test")}});
  e.push_back({"cohort_arrivals",
               "cohort `arrivals`",
               "/cohorts/<id>/arrivals",
               true,
               {field("from_month", T::integer, 1, kMonths, "1", "first month of the window"),
                field("to_month", T::integer, 1, kMonths, "the horizon",
                      "last month of the window; not before `from_month`")}});
  return e;
}

}  // namespace

const Field* Entity::find(const std::string& key) const {
  for (const auto& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

std::vector<std::string> Entity::keys() const {
  std::vector<std::string> out;
  for (const auto& f : fields) out.push_back(f.key);
  return out;
}

const std::vector<DistributionForm>& distribution_forms() {
  static const std::vector<DistributionForm> forms = {
      {DistKind::fixed, {"value"}},
      {DistKind::beta, {"mean", "sd"}},
      {DistKind::beta, {"alpha", "beta"}},
      {DistKind::gamma, {"mean", "sd"}},
      {DistKind::gamma, {"shape", "scale"}},
      {DistKind::lognormal, {"mean", "sd"}},
      {DistKind::lognormal, {"meanlog", "sdlog"}},
      {DistKind::uniform, {"min", "max"}},
      {DistKind::triangular, {"min", "mode", "max"}},
      {DistKind::normal, {"mean", "sd"}}};
  return forms;
}

const std::vector<std::string>& distribution_common_keys() {
  static const std::vector<std::string> keys = {"dist", "group", "source"};
  return keys;
}

const std::vector<Entity>& scenario_entities() {
  static const std::vector<Entity> entities = build();
  return entities;
}

const Entity& scenario_entity(const std::string& name) {
  for (const auto& e : scenario_entities())
    if (e.name == name) return e;
  throw std::out_of_range("no scenario entity '" + name + "'");
}

}  // namespace prostup

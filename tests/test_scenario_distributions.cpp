// SPDX-License-Identifier: Apache-2.0
// Parameters that carry a distribution (format version 2, PSA): reading them into
// Scenario::uncertain, the errors with their pointers, the canonical form and `describe`.
#include <catch2/catch.hpp>
#include <cmath>

#include "prostup/scenario_json.hpp"
#include "test_files.hpp"

using namespace prostup;

namespace {

std::string all_messages(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.pointer + ": " + d.message + "\n";
  return out;
}

bool has(const LoadResult& r, const std::string& pointer, const std::string& fragment) {
  for (const auto& d : r.diagnostics)
    if (d.pointer == pointer && d.message.find(fragment) != std::string::npos) return true;
  return false;
}

ojson uncertain_fixture() {
  return ojson::parse(test::read_bytes(test::source_path("tests/fixtures/uncertain.json")));
}

LoadResult load_with(const ojson& patch) {
  return load_scenario_text(merge_patch(uncertain_fixture(), patch).dump());
}

const UncertainParameter* find(const Scenario& s, const std::string& pointer) {
  for (const auto& u : s.uncertain)
    if (u.pointer == pointer) return &u;
  return nullptr;
}

}  // namespace

TEST_CASE("distributions are read into Scenario::uncertain in file order, the fields at means") {
  const LoadResult r = load_scenario_text(uncertain_fixture().dump());
  INFO(all_messages(r));
  REQUIRE(r.ok());
  const Scenario& s = *r.scenario;
  CHECK(s.format_version == 2);
  std::vector<std::string> pointers;
  for (const auto& u : s.uncertain) pointers.push_back(u.pointer);
  CHECK(pointers ==
        std::vector<std::string>{
            "/stages/street/multipliers/exit", "/stages/shelter/cost_per_month",
            "/stages/training_flat/multipliers/job_gain", "/profiles/single/job_gain",
            "/profiles/single/comply", "/profiles/family/job_gain",
            "/profiles/family/employed_at_entry", "/services/debt_counselling/effects/pay_rent",
            "/services/debt_counselling/cost_per_case_month", "/towns/jirkov/arrivals/rate",
            "/towns/jirkov/stage_costs/shelter", "/towns/most/service_costs/debt_counselling"});

  // A beta by mean and sd: the field is the mean as written; the range is a probability's.
  const UncertainParameter* job = find(s, "/profiles/single/job_gain");
  REQUIRE(job);
  CHECK(job->group == "employment");
  CHECK(job->dist.kind == DistKind::beta);
  CHECK(job->dist.lo == 0);
  CHECK(job->dist.hi == 1);
  CHECK(job->dist.mean() == Approx(0.05).epsilon(1e-12));
  CHECK(job->dist.sd() == Approx(0.01).epsilon(1e-9));
  CHECK(s.profiles[0].job_gain == 0.05);
  // By natural parameters: the field is the distribution's mean.
  CHECK(s.profiles[0].comply == Approx(0.9).epsilon(1e-12));
  CHECK(s.profiles[1].employed_at_entry == Approx(0.25).epsilon(1e-12));
  CHECK(s.services[0].cost_per_case_month == Approx(1200).epsilon(1e-12));
  CHECK(s.towns[1].service_costs.at("debt_counselling") == Approx(std::exp(6.9 + 0.005)));
  // Costs, rates and multipliers: [0, inf).
  const UncertainParameter* cost = find(s, "/stages/shelter/cost_per_month");
  REQUIRE(cost);
  CHECK(cost->dist.kind == DistKind::gamma);
  CHECK(cost->dist.lo == 0);
  CHECK(std::isinf(cost->dist.hi));
  CHECK(s.stages[1].cost_per_month == 9000);
  CHECK(s.stages[0].multipliers.factor[static_cast<int>(Prob::exit)] == 1.5);
  CHECK(s.stages[2].multipliers.factor[static_cast<int>(Prob::job_gain)] == Approx(1.5));
  CHECK(s.towns[0].arrival_rate.initial == 3.5);
  CHECK(s.towns[0].stage_costs.at("shelter") == 9500);
  CHECK(find(s, "/towns/jirkov/stage_costs/shelter")->dist.kind == DistKind::fixed);
  // The normal is truncated to [0, inf); the field holds the truncated mean (here ~ 1.1).
  const UncertainParameter* effect = find(s, "/services/debt_counselling/effects/pay_rent");
  REQUIRE(effect);
  CHECK(effect->dist.kind == DistKind::normal);
  CHECK(s.services[0].effects.factor[static_cast<int>(Prob::pay_rent)] == effect->dist.mean());
}

TEST_CASE("a variant's patched scenario has its own uncertain list") {
  // The variant's patch gives the service's cost a gamma by mean and sd where the base has
  // one by shape and scale: a distribution in a patch replaces the old one whole.
  const ojson doc = uncertain_fixture();
  const LoadResult base = load_scenario_json(doc);
  REQUIRE(base.ok());
  const LoadResult v = apply_variant(doc, "more_flats");
  INFO(all_messages(v));
  REQUIRE(v.ok());
  CHECK(v.scenario->uncertain.size() == base.scenario->uncertain.size());
  const UncertainParameter* cost =
      find(*v.scenario, "/services/debt_counselling/cost_per_case_month");
  REQUIRE(cost);
  CHECK(cost->dist.mean() == Approx(1500));
  CHECK(v.scenario->services[0].cost_per_case_month == 1500);
  // A patch without `dist` changes single fields of the distribution.
  const ojson sd_only = {{"profiles", {{"single", {{"job_gain", {{"sd", 0.02}}}}}}}};
  const LoadResult w = load_scenario_json(merge_patch(doc, sd_only));
  REQUIRE(w.ok());
  CHECK(find(*w.scenario, "/profiles/single/job_gain")->dist.sd() == Approx(0.02));
}

TEST_CASE("to_json writes the distributions back; loading it gives the same scenario") {
  const LoadResult r = load_scenario_text(uncertain_fixture().dump());
  REQUIRE(r.ok());
  const ojson canonical = to_json(*r.scenario);
  CHECK(canonical["format_version"] == 2);
  CHECK(canonical["profiles"]["single"]["job_gain"]["dist"] == "beta");
  CHECK(canonical["profiles"]["single"]["job_gain"]["group"] == "employment");
  CHECK(canonical["stages"]["street"]["multipliers"]["exit"]["dist"] == "lognormal");
  const LoadResult again = load_scenario_text(canonical.dump(2));
  INFO(all_messages(again));
  REQUIRE(again.ok());
  CHECK(to_json(*again.scenario).dump() == canonical.dump());
  REQUIRE(again.scenario->uncertain.size() == r.scenario->uncertain.size());
  for (const auto& u : r.scenario->uncertain) {
    const UncertainParameter* w = find(*again.scenario, u.pointer);
    REQUIRE(w);
    CHECK(w->group == u.group);
    CHECK(w->dist.kind == u.dist.kind);
    CHECK(w->dist.a == u.dist.a);
    CHECK(w->dist.b == u.dist.b);
    CHECK(w->dist.c == u.dist.c);
  }
  // A multiplier whose mean is 1 is still written (a plain 1 is left out).
  const LoadResult one = load_with(
      {{"stages",
        {{"lease",
          {{"multipliers", {{"comply", {{"dist", "uniform"}, {"min", 0.5}, {"max", 1.5}}}}}}}}}});
  REQUIRE(one.ok());
  CHECK(to_json(*one.scenario)["stages"]["lease"]["multipliers"]["comply"]["dist"] == "uniform");
}

TEST_CASE("describe shows a distribution's kind and 90 % range next to its mean") {
  const LoadResult r = load_scenario_text(uncertain_fixture().dump());
  REQUIRE(r.ok());
  const std::string text = describe(*r.scenario, r.document);
  INFO(text);
  CHECK(text.find("finds a job 5 % (beta, 90 % range 3.5-6.7 %, group employment)") !=
        std::string::npos);
  CHECK(text.find("9000 CZK per occupied unit and month (gamma, 90 % range") != std::string::npos);
  CHECK(text.find("12 parameters carry a distribution") != std::string::npos);
}

TEST_CASE("each bad distribution is an error at its pointer, all reported at once") {
  const ojson beta_too_wide = {{"dist", "beta"}, {"mean", 0.05}, {"sd", 0.3}};
  const LoadResult r = load_with(
      {{"profiles",
        {{"single",
          {{"job_loss", {{"dist", "betta"}, {"mean", 0.03}, {"sd", 0.01}}},
           {"pay_rent_employed", beta_too_wide},
           {"exit", {{"dist", "gamma"}, {"mean", 0.02}, {"sd", 0.01}}},
           {"pay_rent_unemployed", {{"dist", "beta"}, {"mean", 0.7}}},
           {"household_size", {{"dist", "uniform"}, {"min", 1}, {"max", 3}}},
           {"share", {{"dist", "beta"}, {"mean", 0.7}, {"sd", 0.1}}}}},
         {"family",
          {{"job_loss", {{"dist", "uniform"}, {"min", 0.01}, {"max", 0.03}, {"mode", 0.02}}},
           {"comply", {{"dist", "triangular"}, {"min", 0.9}, {"mode", 0.99}, {"max", 0.95}}},
           {"exit", {{"dist", "normal"}, {"mean", 1.5}, {"sd", 0.1}}}}}}},
       {"stages",
        {{"shelter", {{"cost_per_month", {{"dist", "gamma"}, {"mean", -5}, {"sd", 1}}}}}}},
       {"services",
        {{"debt_counselling",
          {{"caseload_per_worker", {{"dist", "gamma"}, {"mean", 20}, {"sd", 2}}},
           {"effects",
            {{"pay_rent",
              {{"dist", "lognormal"}, {"mean", 1.1}, {"sd", 0.1}, {"group", "Bad Group"}}}}}}}}},
       {"towns",
        {{"jirkov",
          {{"capacity", {{"shelter", {{"dist", "uniform"}, {"min", 10}, {"max", 20}}}}},
           {"arrivals", {{"schedule", {{{"month", 12}, {"rate", 4}}}}}}}}}}});
  INFO(all_messages(r));
  REQUIRE_FALSE(r.ok());
  CHECK(has(r, "/profiles/single/job_loss/dist", "(did you mean 'beta'?)"));
  CHECK(has(r, "/profiles/single/pay_rent_employed/sd",
            "sd 0.3 is too large for a beta with mean 0.05"));
  CHECK(has(r, "/profiles/single/exit",
            "a gamma takes values in [0, inf], outside the parameter's range [0, 1] (use a beta "
            "for a probability)"));
  CHECK(has(r, "/profiles/single/pay_rent_unemployed",
            "missing required key 'sd' (a beta takes 'mean' and "
            "'sd', or 'alpha' and 'beta')"));
  CHECK(has(r, "/profiles/single/household_size", "may not carry a distribution"));
  CHECK(has(r, "/profiles/single/share", "may not carry a distribution"));
  CHECK(has(r, "/profiles/family/job_loss/mode", "unknown key 'mode' for this distribution"));
  CHECK(has(r, "/profiles/family/comply/mode", "must lie between min and max"));
  CHECK(has(r, "/profiles/family/exit", "the normal's mean 1.5 lies outside"));
  CHECK(has(r, "/stages/shelter/cost_per_month/mean", "must be greater than 0"));
  CHECK(has(r, "/services/debt_counselling/caseload_per_worker", "may not carry a distribution"));
  CHECK(has(r, "/services/debt_counselling/effects/pay_rent/group", "must be an id"));
  CHECK(has(r, "/towns/jirkov/capacity/shelter", "may not carry a distribution"));
  CHECK(has(r, "/towns/jirkov/arrivals/rate", "a distribution needs a constant rate"));
}

TEST_CASE("a distribution in a version-1 file is refused, naming the version it needs") {
  const LoadResult r = load_with({{"format_version", 1}});
  REQUIRE_FALSE(r.ok());
  CHECK(has(r, "/profiles/single/job_gain", "a distribution needs format_version 2"));
  // A version-1 file without distributions reads as before.
  const LoadResult v1 =
      load_scenario_text(test::read_bytes(test::source_path("tests/fixtures/small.json")));
  REQUIRE(v1.ok());
  CHECK(v1.scenario->format_version == 1);
  CHECK(v1.scenario->uncertain.empty());
}

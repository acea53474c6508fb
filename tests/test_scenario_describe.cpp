// SPDX-License-Identifier: Apache-2.0
// `describe`: the planner's summary says what the scenario says, in words.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "prostup/scenario_json.hpp"
#include "test_files.hpp"

using namespace prostup;

namespace {
std::string small_fixture() {
  return prostup::test::read_bytes(prostup::test::source_path("tests/fixtures/small.json"));
}
}  // namespace

TEST_CASE("describe puts the rules of the small fixture into words") {
  const LoadResult r = load_scenario_text(small_fixture());
  REQUIRE(r.ok());
  const std::string text = describe(*r.scenario, r.document);
  INFO(text);
  // The ladder is listed top rung first.
  const auto lease = text.find("4. Běžný nájem [lease]: permanent");
  const auto street = text.find("1. Ulice (bez přístřeší) [street]: outside");
  REQUIRE(lease != std::string::npos);
  REQUIRE(street != std::string::npos);
  CHECK(lease < street);
  CHECK(text.find("stay limited to 12 months, then to: Ulice (bez přístřeší)") !=
        std::string::npos);
  CHECK(text.find("evicted at 3 months of arrears, to: Azylový dům, else Ulice") !=
        std::string::npos);
  CHECK(text.find("Tréninkový byt -> Běžný nájem [flat_to_lease]: after 6 months with a 6-month "
                  "good streak, no arrears, must be employed, must be in or have completed "
                  "Dluhové poradenství") != std::string::npos);
  CHECK(text.find("Ulice (bez přístřeší) -> Azylový dům [street_to_shelter]: no conditions") !=
        std::string::npos);
  CHECK(text.find("Rodina s dětmi [family]: 30 %; 3 persons (2 children)") != std::string::npos);
  CHECK(text.find("Tréninkový byt 10, 20 from month 24") != std::string::npos);
  CHECK(text.find("3.5 households per month on average (Poisson), 4 from month 12") !=
        std::string::npos);
  CHECK(text.find("Dluhové poradenství 1.5 workers (30 cases)") != std::string::npos);
  CHECK(text.find("closed population") != std::string::npos);
  // A variant shows each change with its value before and after.
  CHECK(text.find("/towns/jirkov/capacity/training_flat: "
                  "{\"initial\":10,\"schedule\":[{\"month\":24,\"value\":20}]} -> 20") !=
        std::string::npos);
  CHECK(text.find("/towns/jirkov/entry_stage: \"shelter\" -> \"lease\"") != std::string::npos);
}

TEST_CASE("describe shows a deletion and a value that was not set") {
  ojson doc = ojson::parse(small_fixture());
  doc["variants"]["v"] = ojson::parse(
      R"({"patch":{"stages":{"shelter":{"cost_per_month":null}},"towns":{"most":{"label":"Město Most"}}}})");
  const LoadResult r = load_scenario_text(doc.dump());
  REQUIRE(r.ok());
  const std::string text = describe(*r.scenario, r.document);
  CHECK(text.find("/stages/shelter/cost_per_month: 9000 -> (removed)") != std::string::npos);
  CHECK(text.find("/towns/most/label: \"Most\" -> \"Město Most\"") != std::string::npos);
}

// SPDX-License-Identifier: Apache-2.0
// The use-case layer (include/prostup/study.hpp): a request in, a complete result out, with
// no printing and no process globals. These fail if the run's result is left for the command
// line to complete (scenario identity, labels, binding constraints), if a user error loses its
// option or diagnostics, or if the cancel hook is ignored.
#include <atomic>
#include <catch2/catch.hpp>

#include "prostup/errors.hpp"
#include "prostup/runner.hpp"
#include "prostup/study.hpp"

using namespace prostup;

namespace {

study::RunRequest small_request() {
  study::RunRequest q;
  q.file = std::string(PROSTUP_SOURCE_DIR) + "/tests/fixtures/small.json";
  q.replications = 2;
  q.months = 12;
  q.threads = 1;
  q.seed = 3;
  return q;
}

}  // namespace

TEST_CASE("study::run returns a complete result", "[study]") {
  const study::RunSetup setup = study::prepare_run(small_request());
  REQUIRE(setup.models.size() >= 2);  // the baseline and the fixture's variants
  CHECK(setup.replications == 2);
  CHECK(setup.months == 12);
  CHECK(setup.estimate.household_months > 0);
  const study::RunOutcome o = study::run(setup, {});
  const RunInfo& info = o.result.info;
  CHECK(info.scenario_path == setup.source.path);
  CHECK(info.scenario_sha256 == setup.source.sha256);
  CHECK(info.scenario_sha256.size() == 64);
  CHECK(info.started_at == setup.started_at);
  CHECK(info.language == setup.language);
  CHECK(info.variant_labels.size() == setup.models.size());
  CHECK(info.variant_descriptions.size() == setup.models.size());
  // The binding constraints: one list per town, from the cohort model.
  CHECK(info.binding_constraints.size() == o.models.front().towns.size());
  CHECK(o.exact.towns.size() == o.models.front().towns.size());
}

TEST_CASE("study::run stops when the cancel hook is set", "[study]") {
  const study::RunSetup setup = study::prepare_run(small_request());
  std::atomic<bool> cancel{true};
  study::Hooks hooks;
  hooks.cancel = &cancel;
  CHECK_THROWS_AS(study::run(setup, hooks), RunCancelled);
}

TEST_CASE("a user error names its option and carries the diagnostics", "[study]") {
  study::RunRequest q = small_request();
  q.inner_replications = 0;
  try {
    study::prepare_run(q);
    FAIL("no UserError");
  } catch (const UserError& e) {
    CHECK(e.where() == "--inner-replications");
  }
  q = small_request();
  q.file = std::string(PROSTUP_SOURCE_DIR) + "/tests/bad/07-duplicate-key.json";
  try {
    study::prepare_run(q);
    FAIL("no UserError");
  } catch (const UserError& e) {
    // The diagnostics come with the error, `FILE: /pointer: message`, not on stderr.
    CHECK(std::string(e.what()).find("is not a valid scenario") != std::string::npos);
    CHECK(e.details().find(q.file + ": ") == 0);
  }
}

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
#include "prostup/writers.hpp"
#include "test_files.hpp"

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

// The sweep's files come from the study layer (write_sweep_files), not the command: written
// into memory they are what the command line wrote for the study goldens, byte for byte
// (tests/cli/study_golden.sh makes the same sweep), so the Python module can hand them over
// without a folder.
TEST_CASE("a sweep's files in memory are the command line's", "[study]") {
  study::SweepRequest q;
  q.file = test::source_path("scenarios/jirkov.json").string();
  q.sets = {"/towns/jirkov/capacity/training_flat=4:12:8"};
  q.replications = 4;
  q.months = 24;
  q.seed = 7;
  q.threads = 2;
  const study::SweepSetup setup = study::prepare_sweep(q);
  const study::SweepOutcome o = study::sweep(setup, {});
  OutputFiles files;
  study::write_sweep_files(setup, o, files);
  REQUIRE(files.files().count("sweep.csv") == 1);
  CHECK(files.files().at("sweep.csv") ==
        test::read_bytes(test::source_path("tests/golden/study/sweep.csv")));
  const auto points = ojson::parse(files.files().at("sweep_points.json"));
  CHECK(points["points"].size() == 2);
  const auto manifest = ojson::parse(files.files().at("manifest.json"));
  CHECK(manifest["sweep"]["variant"] == "baseline");
  CHECK(files.files().size() == 3);
}

// calibrate as a request: the limits the options table checks are checked here too (a
// library caller gets the same refusal, naming the option).
TEST_CASE("study::prepare_calibrate refuses limits out of range", "[study]") {
  study::CalibrateRequest q;
  q.file = test::source_path("examples/calibration/jirkov-calibration.json").string();
  q.particles = study::kMinParticles - 1;
  try {
    study::prepare_calibrate(q);
    FAIL("particles below the minimum accepted");
  } catch (const UserError& e) {
    CHECK(e.where() == "--particles");
  }
  q.particles = 100;
  q.max_simulations = 150;  // fewer than two generations
  try {
    study::prepare_calibrate(q);
    FAIL("a budget of less than two generations accepted");
  } catch (const UserError& e) {
    CHECK(e.where() == "--max-simulations");
  }
}

// SPDX-License-Identifier: Apache-2.0
// `prostup runs list|show|diff`: what the run catalog remembers (docs/catalog.md).
#include <filesystem>
#include <iostream>

#include "app_support.hpp"
#include "prostup/attribution.hpp"
#include "prostup/catalog.hpp"
#include "prostup/cli.hpp"
#include "prostup/errors.hpp"

namespace prostup {

namespace {

long long run_id(const std::string& text) {
  std::size_t used = 0;
  long long id = -1;
  try {
    id = std::stoll(text, &used);
  } catch (const std::exception&) {
  }
  if (used != text.size() || id <= 0)
    throw UserError("'" + text + "' is not a run id (see `prostup runs list`)");
  return id;
}

// --attribute: the use case (include/prostup/attribution.hpp) with the signal handlers'
// cancel flag; what it simulates is said on stderr before it starts.
std::string attribute(const RunsArgs& a, const CatalogRun& ra,
                      const std::vector<CatalogOutcome>& oa, const CatalogRun& rb,
                      const std::vector<CatalogOutcome>& ob) {
  detail::install_signal_handlers();
  study::AttributionRequest q;
  q.replications = a.replications;
  q.threads = a.threads;
  q.json = a.json;
  return study::attribute_runs(q, ra, oa, rb, ob, {{}, &detail::g_cancel},
                               [](const std::string& note) { std::cerr << note; });
}

}  // namespace

int cmd_runs(const RunsArgs& a) {
  // Interrupted, --attribute has printed nothing; the other actions change nothing.
  const char* interrupted = a.attribute ? "nothing was printed" : "nothing was changed";
  return detail::run_command("runs", interrupted, [&] {
    const std::string path = catalog_path(a.catalog);
    // Reading never creates a catalog: a mistyped path should say so, not show an empty one.
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      throw std::runtime_error("no catalog at " + path +
                               " (runs record themselves there; --catalog PATH or "
                               "$PROSTUP_CATALOG names another)");
    if (a.action == "list") {
      Catalog c(path, 10000, true);
      std::cout << format_run_list(c.list(a.scenario));
      return kExitOk;
    }
    const std::size_t need = a.action == "diff" ? 2 : 1;
    if (a.ids.size() != need)
      throw UserError("runs " + a.action + " takes " + std::to_string(need) + " run id" +
                      (need == 1 ? "" : "s"));
    if (!a.attribute && (a.replications > 0 || a.threads != 0))
      throw UserError("--replications and --threads go with --attribute");
    std::vector<long long> ids;
    for (const auto& t : a.ids) ids.push_back(run_id(t));
    Catalog c(path, 10000, true);
    std::vector<CatalogRun> runs;
    for (long long id : ids) {
      auto r = c.get(id);
      if (!r) throw UserError("no run " + std::to_string(id) + " in " + path);
      runs.push_back(std::move(*r));
    }
    if (a.action == "show")
      std::cout << format_run(runs[0], c.outcomes(ids[0]));
    else if (a.attribute)
      std::cout << attribute(a, runs[0], c.outcomes(ids[0]), runs[1], c.outcomes(ids[1]));
    else if (a.json)
      std::cout << format_run_diff_json(runs[0], c.outcomes(ids[0]), runs[1], c.outcomes(ids[1]));
    else
      std::cout << format_run_diff(runs[0], c.outcomes(ids[0]), runs[1], c.outcomes(ids[1]));
    return kExitOk;
  });
}

}  // namespace prostup

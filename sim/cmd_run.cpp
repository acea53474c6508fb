// `prostup run`: every town under the baseline and the variants, outputs, summary.
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>

#include "prostup/cli.hpp"
#include "prostup/cohort.hpp"
#include "prostup/parallel.hpp"
#include "prostup/runner.hpp"
#include "prostup/writers.hpp"
#include "run_support.hpp"

namespace prostup {

namespace fs = std::filesystem;
using namespace detail;

namespace {

struct Estimate {
  double household_months = 0;
  double memory_bytes = 0;
  double seconds = 0;
};

Estimate estimate(const std::vector<CompiledModel>& models, int reps, int months, int threads) {
  Estimate e;
  const CompiledModel& m = models.front();
  const double S = m.n_stages(), V = m.n_services(), M1 = months + 1;
  const double T = static_cast<double>(m.towns.size()), NV = static_cast<double>(models.size());
  double peak_households = 0, hm_per_rep = 0;
  for (const auto& tw : m.towns) {
    double n = 0;
    for (int x : tw.initial) n += x;
    double arrivals = 0;
    for (int t = 1; t <= months && t < static_cast<int>(tw.arrival_rate.size()); ++t)
      arrivals += tw.arrival_rate[t];
    peak_households = std::max(peak_households, n + arrivals);
    hm_per_rep += (n + arrivals / 2) * months;
  }
  e.household_months = hm_per_rep * reps * NV;
  const double block = std::max(8, 4 * threads);
  const double outcome = ((3 * S + V + 3) * M1 + 3 * S * S + 12 * S) * 8;
  const double per_household = 96 + 12 * V;  // record, number, cohort track, services
  e.memory_bytes = threads * peak_households * per_household * 2     // grown vectors double
                   + block * NV * T * outcome                        // a block's outcomes
                   + NV * (T + 1) * reps * (16 + 8 * S + 3 * V) * 8  // per-replication metrics
                   + NV * (T + 1) * (2 * S + V + 1) * M1 * 24        // streaming accumulators
                   + 64e6;                                           // program and slack
  e.seconds = e.household_months / (100e6 * threads) + 0.2;  // ~100 M hm/s per thread measured
  return e;
}

// Words a planner reads in the summary; the tables keep the metric ids.
std::string headline_label(const std::string& metric) {
  static const std::pair<const char*, const char*> labels[] = {
      {"reached_lease_share", "reached a lease"},
      {"stabilized_share", "stabilised in a lease"},
      {"median_months_to_lease", "median months to a lease"},
      {"evictions", "evictions"},
      {"returns_to_street", "returns to the street"},
      {"roofless_household_months", "household-months roofless"},
      {"mean_waiting_months", "months on a waiting list"},
      {"cost_total", "public cost, CZK"},
      {"housed_share_end", "housed at the horizon"},
      {"months_housed_share", "share of months housed"},
      {"retention:12", "housed 12 months after housing"},
  };
  for (const auto& [id, label] : labels)
    if (metric == id) return label;
  return metric;
}

void print_summary(const RunResult& r, const std::vector<CompiledModel>& models) {
  std::printf("\n%s: %d replications x %d months, baseline + %zu variant(s), seed %llu\n",
              r.info.scenario_name.c_str(), r.info.replications, r.info.months,
              r.info.variants.size() - 1, static_cast<unsigned long long>(r.info.seed));
  std::vector<std::size_t> headline;
  for (std::size_t k = 0; k < r.metric_info.size(); ++k)
    if (r.metric_info[k].headline) headline.push_back(k);
  std::vector<std::string> rows = r.info.towns;
  std::vector<std::string> labels = r.info.town_labels;
  if (rows.size() > 1) {
    rows.push_back("*");
    labels.push_back("All towns");
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TownVariantResult* b = r.find(rows[i], "baseline");
    if (!b) continue;
    std::printf("\n%s (baseline, mean [95 %% CI])\n", labels[i].c_str());
    for (std::size_t k : headline) {
      const Summary& s = b->metrics[k];
      std::printf("  %-30s %s\n", headline_label(r.metric_info[k].name).c_str(),
                  format_ci(s.mean, s.ci_low, s.ci_high, r.metric_info[k].unit).c_str());
    }
    // Tagged cohorts (trial arms): the outcomes the trials publish, per variant.
    for (std::size_t v = 0; v < models.size(); ++v) {
      const TownVariantResult* tv = r.find(rows[i], models[v].variant);
      for (const auto& co : models[v].cohorts) {
        if (!tv) break;
        std::printf("  cohort %s (%s), intention to treat:\n", co.id.c_str(),
                    models[v].variant.c_str());
        for (const char* name : {"households", "retention:12", "retention:24",
                                 "months_housed_share", "housed_share_end", "cost_per_household"}) {
          const int k = r.metric_index(name, co.id);
          if (k < 0) continue;
          const Summary& s = tv->metrics[static_cast<std::size_t>(k)];
          std::printf("    %-28s %s\n", name,
                      format_ci(s.mean, s.ci_low, s.ci_high, r.metric_info[k].unit).c_str());
        }
      }
    }
    for (std::size_t v = 1; v < models.size(); ++v) {
      std::printf("  %s minus baseline (paired, 95 %% CI):\n", models[v].variant.c_str());
      for (const auto& c : r.comparisons) {
        if (c.town != rows[i] || c.variant != models[v].variant || c.cohort != "all") continue;
        const int ki = r.metric_index(c.metric);
        if (ki < 0 || !r.metric_info[ki].headline) continue;
        const std::size_t k = static_cast<std::size_t>(ki);
        if (c.replications == 0) continue;
        const std::string unit = r.metric_info[k].unit;
        std::string diff = format_ci(c.diff_mean, c.diff_ci_low, c.diff_ci_high, unit);
        if (unit == "share") {
          char b2[96];
          std::snprintf(b2, sizeof b2, "%+.1f pp [%+.1f, %+.1f]", 100 * c.diff_mean,
                        100 * c.diff_ci_low, 100 * c.diff_ci_high);
          diff = b2;
        }
        const bool clear = !std::isnan(c.diff_ci_low) && (c.diff_ci_low > 0 || c.diff_ci_high < 0);
        std::printf("    %-28s %s%s\n", headline_label(c.metric).c_str(), diff.c_str(),
                    clear ? "" : "  (not distinguishable from 0)");
      }
      // Value for money: the cost per extra household stabilised and per extra month housed.
      for (const auto& c : r.comparisons) {
        if (c.town != rows[i] || c.variant != models[v].variant || c.cohort != "all" ||
            c.metric.rfind("icer:", 0) != 0)
          continue;
        const bool months = c.metric == "icer:months_housed";
        std::string value = c.note;
        if (std::isfinite(c.diff_mean))
          value =
              format_ci(c.diff_mean, c.diff_ci_low, c.diff_ci_high, "CZK") + " (" + c.note + ")";
        std::printf("    %-28s %s\n",
                    months ? "CZK per extra month housed" : "CZK per extra stabilised",
                    value.c_str());
      }
    }
  }
}

}  // namespace

int cmd_run(const RunArgs& a) {
  const double wall0 = seconds_now();
  const std::string started = utc_now_iso8601();
  install_signal_handlers();
  try {
    LoadedScenario ls = load_or_report(a.file);
    mpi_require_same_scenario(ls.sha256);  // every MPI rank must simulate the same file
    std::vector<CompiledModel> models = compile_models(ls, a.variants, !a.variants_given);
    if (a.months > 600)
      throw InputError("--months " + std::to_string(a.months) + " exceeds the limit of 600");
    if (a.replications > 100000)
      throw InputError("--replications " + std::to_string(a.replications) +
                       " exceeds the limit of 100000");
    if (a.threads > 1024) throw InputError("--threads exceeds the limit of 1024");
    const int reps = a.replications > 0 ? a.replications : models.front().replications;
    const int months = a.months > 0 ? a.months : models.front().months;
    const int threads =
        a.threads > 0 ? a.threads : static_cast<int>(std::thread::hardware_concurrency());

    const Estimate est = estimate(models, reps, months, std::max(1, threads));
    const long long avail = available_memory_bytes();
    if (a.dry_run && !is_output_rank()) return kExitOk;
    if (a.dry_run) {
      std::printf("%s: %zu model(s) x %zu town(s) x %d replications x %d months\n", ls.path.c_str(),
                  models.size(), models.front().towns.size(), reps, months);
      std::printf(
          "estimate: %.3g household-months, peak memory %.0f MB (available %.0f MB), "
          "about %.1f s on %d thread(s)\n",
          est.household_months, est.memory_bytes / 1e6, avail / 1e6, est.seconds, threads);
      return kExitOk;
    }
    if (avail > 0 && est.memory_bytes > static_cast<double>(avail) && !a.force)
      throw InputError("the run needs an estimated " +
                       std::to_string(static_cast<long long>(est.memory_bytes / 1e6)) +
                       " MB but only " + std::to_string(avail / 1000000) +
                       " MB are available (fewer replications or towns, or --force)");

    const fs::path out =
        a.out_dir.empty() ? fs::path("prostup-out") / ls.scenario.name : fs::path(a.out_dir);
    // Under MPI only the output rank writes files and prints (docs/distributed.md).
    std::optional<StagedOutput> staged;
    if (is_output_rank()) staged.emplace(out, a.force);

    Progress progress(!a.quiet && is_output_rank());
    RunOptions ro;
    ro.threads = threads;
    ro.replications = reps;
    ro.months = months;
    ro.seed = a.seed;
    ro.cancel = &g_cancel;
    ro.progress = [&](long long done, long long total) { progress.update(done, total); };
    RunResult r;
    try {
      r = run_models(models, ro);
    } catch (const RunCancelled&) {
      progress.finish();
      const int sig = g_signal.load();
      std::cerr << "prostup: interrupted by " << (sig == SIGTERM ? "SIGTERM" : "SIGINT")
                << "; stopped the workers and removed the partial output\n";
      return exit_code_for_signal();
    }
    progress.finish();
    r.info.scenario_path = ls.path;
    r.info.scenario_sha256 = ls.sha256;
    r.info.scenario_title = ls.scenario.title;
    r.info.scenario_description = ls.scenario.description;
    r.info.started_at = started;
    r.info.variant_descriptions.clear();
    for (const auto& m : models) {
      std::string d = m.variant == "baseline" ? "The scenario as written" : "";
      for (const auto& v : ls.scenario.variants)
        if (v.id == m.variant)
          d = v.label.empty() ? v.description
                              : v.label + (v.description.empty() ? "" : ": " + v.description);
      r.info.variant_descriptions.push_back(d);
    }
    r.info.wall_seconds = seconds_now() - wall0;
    if (!is_output_rank()) return kExitOk;
    // The binding constraints, from the exact model without limits (docs/cohort.md).
    const CohortResult exact = cohort(models.front());
    for (const auto& ct : exact.towns) r.info.binding_constraints.push_back(ct.binding);
    write_run_outputs(r, staged->staging());
    if (!a.no_report) write_report(staged->staging());
    if (g_cancel) {
      std::cerr << "prostup: interrupted; removed the partial output\n";
      return exit_code_for_signal();
    }
    staged->commit();
    if (!a.quiet) {
      print_summary(r, models);
      bool any = false;
      for (std::size_t t = 0; t < exact.towns.size(); ++t)
        for (const auto& b : exact.towns[t].binding) {
          if (!any)
            std::printf("\nBinding constraints (expected demand without limits, baseline):\n");
          any = true;
          std::printf("  %s: %s\n", models.front().towns[t].label.c_str(), b.c_str());
        }
      std::printf("\nOutputs: %s (%.3g household-months in %.2f s)\n", out.string().c_str(),
                  static_cast<double>(r.info.household_months), r.info.simulate_seconds);
    }
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "prostup run: " << e.what() << "\n";
    return kExitInvalid;
  } catch (const std::invalid_argument& e) {
    std::cerr << "prostup run: " << e.what() << "\n";
    return kExitInvalid;
  } catch (const std::runtime_error& e) {
    std::cerr << "prostup run: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace prostup

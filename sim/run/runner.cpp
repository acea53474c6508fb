// SPDX-License-Identifier: Apache-2.0
#include "prostup/runner.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <stdexcept>
#include <thread>

#include "mpi_internal.hpp"
#include "prostup/parallel.hpp"
#include "run_internal.hpp"

namespace prostup {

// The run, step by step: the options applied to the models (run_setup.cpp), the metric table
// (metrics.cpp), the tasks of each block on this rank's threads (TaskPlan), the merge of each
// block in a fixed order (merge.cpp), and the summaries (summaries.cpp, statistics.cpp).
RunResult run_models(const std::vector<CompiledModel>& models, const RunOptions& opt) {
  if (models.empty()) throw std::logic_error("run_models: no models");
  const CompiledModel& base = models.front();
  // PSA when a scenario has parameter uncertainty (RunOptions::scenarios).
  const bool psa = detail::uses_parameter_sets(models, opt);
  const int inner = psa ? std::max(1, opt.inner_replications) : 1;
  const int reps = [&] {
    const int r = opt.replications > 0 ? opt.replications : base.replications;
    return (r + inner - 1) / inner * inner;
  }();
  const int sets = reps / inner;
  const int months = opt.months > 0 ? opt.months : base.months;
  const int T = static_cast<int>(base.towns.size());
  const int NV = static_cast<int>(models.size());
  detail::check_same_towns(models);
  std::vector<CompiledModel> local;
  const std::vector<CompiledModel>& ms = detail::apply_overrides(models, opt, local);

  RunResult res;
  // PSA: every parameter any model draws, in first-seen order, and its value per set.
  std::map<std::string, int> parameter_slot;
  if (psa) {
    parameter_slot = detail::collect_parameters(*opt.scenarios, res.info);
    res.parameter_values.assign(
        NV, std::vector<std::vector<double>>(
                sets, std::vector<double>(res.info.parameters.size(), kUndefined)));
  }
  std::vector<std::vector<std::size_t>> metric_slot;
  detail::unite_metric_catalogues(ms, res.metric_info, metric_slot);
  detail::RunShape shape;
  shape.models = &ms;
  shape.variants = NV;
  shape.towns = T;
  shape.reps = reps;
  shape.inner = inner;
  shape.psa = psa;
  shape.by_profile_series = opt.by_profile_series;
  shape.metrics = res.metric_info.size();
  shape.months1 = static_cast<std::size_t>(months) + 1;
  shape.profiles = detail::paired_profiles(ms);
  const std::size_t P = shape.profiles;
  detail::RunMerge merged(shape, res.metric_info, metric_slot);
  detail::BudgetMerge budget(shape);

  const long long total_items = static_cast<long long>(NV) * T * reps;
  std::atomic<long long> done{0};
  std::atomic<std::uint64_t> household_months{0};
  std::atomic<bool> finished{false};
  std::mutex mu;
  std::condition_variable cv;
  std::thread monitor;
  // Stops the progress thread on every way out, an exception from a worker included (a
  // joinable std::thread destroyed by unwinding would call std::terminate).
  auto stop_monitor = [&] {
    {
      std::lock_guard<std::mutex> lock(mu);
      finished = true;
    }
    cv.notify_all();
    if (monitor.joinable()) monitor.join();
  };
  struct MonitorGuard {
    decltype(stop_monitor)& stop;
    ~MonitorGuard() { stop(); }
  } monitor_guard{stop_monitor};
  if (opt.progress) {
    monitor = std::thread([&] {
      std::unique_lock<std::mutex> lock(mu);
      while (!finished.load()) {
        cv.wait_for(lock, std::chrono::milliseconds(100));
        if (!finished.load()) opt.progress(done.load(), total_items);
      }
    });
  }
  // Test hook (tests/cli/run_faults.sh): an allocation failure in task N of the first block.
  const long long fail_alloc_at = detail::test_fail_alloc_at();

  const int threads =
      opt.threads > 0 ? opt.threads : static_cast<int>(std::thread::hardware_concurrency());
  // Allow more workers than cores when asked (the determinism tests use 8 on 2 cores). The
  // limit is the process's (the smallest of those in force), so it is set only to raise it:
  // a run asking for fewer threads keeps to its arena and never caps a run beside it (the
  // Python module runs calls side by side).
  std::optional<tbb::global_control> allow;
  if (threads > 1 && threads > static_cast<int>(tbb::info::default_concurrency()))
    allow.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  // One thread runs the items in order on this thread, without starting TBB's scheduler
  // (which loads its allocator and looks for OpenMP runtimes: time and memory a one-thread
  // run has no use for). The items, their outcomes and the merge are the same either way.
  std::optional<tbb::task_arena> arena;
  if (threads > 1) arena.emplace(threads);
  auto for_items = [&](std::size_t n, const auto& body) {
    if (!arena) {
      for (std::size_t j = 0; j < n; ++j) body(j);
      return;
    }
    arena->execute([&] { tbb::parallel_for(std::size_t{0}, n, body); });
  };
  const detail::TaskPlan plan(NV, T, reps, inner, threads, mpi_size(), mpi_rank());
  const int ranks = plan.ranks;
  const auto t0 = std::chrono::steady_clock::now();
  bool cancelled = false;
  for (int r0 = 0; r0 < reps && !cancelled; r0 += plan.block) {
    const int nb = plan.block_reps(r0);
    const std::size_t items = plan.items(nb);
    std::vector<ReplicationOutcome> outs(items);
    SimulateOptions so;
    so.months = months;
    so.cancel = opt.cancel;
    so.by_profile_series = opt.by_profile_series && P > 0;
    // PSA: the block's parameter sets, drawn and compiled for every model (each rank
    // compiles all of them: cheap, and the same on every rank).
    const int k0 = r0 / inner, nk = psa ? nb / inner : 0;
    std::vector<CompiledModel> set_models(static_cast<std::size_t>(NV) * nk);
    if (psa) {
      for_items(static_cast<std::size_t>(NV) * nk, [&](std::size_t j) {
        const int v = static_cast<int>(j) / nk, k = k0 + static_cast<int>(j) % nk;
        set_models[j] = detail::compile_parameter_set((*opt.scenarios)[v], ms[v], k, months,
                                                      parameter_slot, res.parameter_values[v][k]);
      });
    }
    const std::size_t mine = plan.items_of_rank(items);
    auto simulate_mine = [&] {
      if (r0 == 0 && ranks > 1 && detail::test_fail_this_rank())
        throw std::runtime_error("failing on purpose (test hook PROSTUP_TEST_FAIL_RANK)");
      for_items(mine, [&](std::size_t j) {
        if (opt.cancel && *opt.cancel) return;
        const std::size_t it = plan.item(j);
        const detail::TaskPlan::Task task = plan.task(it, r0, nb);
        if (r0 == 0 && static_cast<long long>(it) == fail_alloc_at) throw std::bad_alloc();
        std::uint64_t hm = 0;
        SimulateOptions task_opt = so;
        task_opt.household_months = &hm;
        const CompiledModel& model = psa ? set_models[static_cast<std::size_t>(task.variant) * nk +
                                                      (task.replication - r0) / inner]
                                         : ms[task.variant];
        outs[it] = simulate(model, task.town, task.replication, task_opt);
        household_months += hm;
        ++done;
      });
    };
    if (ranks == 1) {
      simulate_mine();
    } else {
      // A rank that fails or is cancelled must not leave the others waiting in the gather.
      int status = 0;
      std::string why;
      try {
        simulate_mine();
      } catch (const std::exception& e) {
        status = 2;
        why = e.what();
      }
      if (status == 0 && opt.cancel && *opt.cancel) status = 1;
      status = detail::mpi_agree_status(status, why);
      if (status == 2) throw std::runtime_error(why);
      if (status == 1) {
        cancelled = true;
        break;
      }
      detail::mpi_share_outcomes(outs);
      done += static_cast<long long>(items - mine);  // the other ranks' items of this block
    }
    // Every task published its outcome with the release half of `++done`; this acquire
    // restates, in code ThreadSanitizer instruments, the join that happens inside libtbb
    // (Debian's build is not instrumented, so TSan would otherwise see the merge below
    // race with the workers' writes). It costs one load per block.
    (void)done.load(std::memory_order_acquire);
    // Under MPI only the agreed status above may stop the loop (all ranks stop together).
    if (ranks == 1 && opt.cancel && *opt.cancel) {
      cancelled = true;
      break;
    }
    merged.merge_block(outs, nb);
    budget.merge_block(outs, nb);
  }
  const auto t1 = std::chrono::steady_clock::now();
  stop_monitor();
  if (cancelled) throw RunCancelled();

  RunInfo& info = res.info;
  info.program_version = PROSTUP_VERSION;
  info.scenario_name = base.scenario_name;
  info.seed = ms.front().seed;
  info.price_year = ms.front().price_year;
  info.discount_rate = ms.front().discount_rate;
  info.willingness_to_pay = ms.front().willingness_to_pay;
  info.replications = reps;
  info.psa = psa;
  info.parameter_sets = psa ? sets : 0;
  info.inner_replications = inner;
  info.months = months;
  info.threads = std::max(1, threads);
  for (const auto& m : ms) info.variants.push_back(m.variant);
  for (const auto& tw : base.towns) {
    info.towns.push_back(tw.id);
    info.town_labels.push_back(tw.label);
  }
  // Stages and services of every model (a variant may add some), the baseline's first.
  for (const auto& m : ms) {
    for (const auto& s : m.stages) {
      bool known = false;
      for (const auto& x : info.stages) known |= x.id == s.id;
      if (!known) info.stages.push_back({s.id, s.label, to_string(s.kind)});
    }
    for (const auto& v : m.services)
      if (std::find(info.services.begin(), info.services.end(), v.id) == info.services.end()) {
        info.services.push_back(v.id);
        info.service_labels.push_back(v.label);
      }
  }
  for (std::size_t p = 0; p < P; ++p) {
    info.profiles.push_back(base.profiles[p].id);
    info.profile_labels.push_back(base.profiles[p].label);
  }
  for (const CompiledCohort& co : base.cohorts) {
    CohortInfo ci{co.id, co.label, {}};
    for (const PublishedFigure& f : co.published)
      ci.published.push_back({f.metric, f.text, f.source, f.value, f.fitted});
    info.cohorts.push_back(std::move(ci));
  }
  info.household_months = detail::mpi_sum_u64(household_months.load());
  info.simulate_seconds = std::chrono::duration<double>(t1 - t0).count();

  detail::summarize_run(res, shape, merged);
  budget.summarize(res);
  if (psa) analyse_uncertainty(res);
  return res;
}

}  // namespace prostup

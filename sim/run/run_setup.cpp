// SPDX-License-Identifier: Apache-2.0
// The run's options applied to the models before the tasks run (run_internal.hpp).
#include <cstdint>
#include <stdexcept>

#include "mpi_internal.hpp"
#include "prostup/errors.hpp"
#include "prostup/parameter_draw.hpp"
#include "run_internal.hpp"

namespace prostup::detail {

bool uses_parameter_sets(const std::vector<CompiledModel>& models, const RunOptions& opt) {
  bool psa = false;
  if (opt.scenarios && !opt.fixed_parameters) {
    if (opt.scenarios->size() != models.size())
      throw std::logic_error("run_models: RunOptions::scenarios must parallel the models");
    for (const Scenario& s : *opt.scenarios) psa = psa || has_parameter_uncertainty(s);
  }
  return psa;
}

void check_same_towns(const std::vector<CompiledModel>& models) {
  // A variant may add stages or services (Housing First adds a lease and case management)
  // but not towns: results are compared town by town.
  const CompiledModel& base = models.front();
  const int T = static_cast<int>(base.towns.size());
  for (const auto& m : models) {
    bool same = static_cast<int>(m.towns.size()) == T;
    for (int t = 0; same && t < T; ++t) same = m.towns[t].id == base.towns[t].id;
    if (!same)
      throw UserError("variant '" + m.variant +
                      "' changes the set of towns; a variant may not add or remove towns");
  }
}

const std::vector<CompiledModel>& apply_overrides(const std::vector<CompiledModel>& models,
                                                  const RunOptions& opt,
                                                  std::vector<CompiledModel>& local) {
  // The seed and horizon apply to every model alike (common random numbers).
  if (opt.seed < 0 && opt.months <= 0) return models;
  local = models;
  for (auto& m : local) {
    if (opt.seed >= 0) m.seed = static_cast<std::uint64_t>(opt.seed);
    if (opt.months > 0 && opt.months > m.months) {
      // Extend schedules: the last value holds.
      for (auto& tw : m.towns) {
        for (auto& c : tw.capacity) c.resize(opt.months + 1, c.back());
        tw.arrival_rate.resize(opt.months + 1, tw.arrival_rate.back());
      }
    }
    if (opt.months > 0) m.months = opt.months;
  }
  return local;
}

std::map<std::string, int> collect_parameters(const std::vector<Scenario>& scenarios,
                                              RunInfo& info) {
  std::map<std::string, int> slot;
  auto add = [&](const std::string& pointer, const std::string& group) {
    if (slot.emplace(pointer, static_cast<int>(info.parameters.size())).second) {
      info.parameters.push_back(pointer);
      info.parameter_groups.push_back(group);
    }
  };
  for (const Scenario& s : scenarios) {
    for (const UncertainParameter& p : s.uncertain) add(p.pointer, p.group);
    // A joint sample's parameters move together: one group.
    for (const std::string& p : s.parameter_sample.pointers) add(p, "parameter_sample");
  }
  return slot;
}

CompiledModel compile_parameter_set(const Scenario& scenario, const CompiledModel& model, int k,
                                    int months, const std::map<std::string, int>& slot,
                                    std::vector<double>& values) {
  std::vector<std::pair<std::string, double>> drawn;
  const Scenario drawn_scenario =
      draw_parameter_set(scenario, model.seed, static_cast<std::uint64_t>(k), &drawn);
  CompiledModel cm = compile(drawn_scenario, model.variant, months);
  cm.seed = model.seed;
  for (const auto& [pointer, value] : drawn) values[slot.at(pointer)] = value;
  return cm;
}

std::size_t paired_profiles(const std::vector<CompiledModel>& models) {
  // By household profile (docs/model.md, "Outcomes by profile"): rows pair across variants
  // only where every model has the baseline's profiles in the same order.
  const CompiledModel& base = models.front();
  std::size_t P = base.profiles.size();
  for (const auto& m : models) {
    bool same = m.profiles.size() == P;
    for (std::size_t p = 0; same && p < P; ++p) same = m.profiles[p].id == base.profiles[p].id;
    if (!same) P = 0;
  }
  return P;
}

TaskPlan::TaskPlan(int variants_, int towns_, int reps_, int inner_, int threads, int ranks_,
                   int rank_)
    : variants(variants_), towns(towns_), reps(reps_), inner(inner_), ranks(ranks_), rank(rank_) {
  const int b = std::max(8, 4 * mpi_max_int(std::max(1, threads)) * ranks);
  block = (b + inner - 1) / inner * inner;  // whole parameter sets
}

}  // namespace prostup::detail

// SPDX-License-Identifier: Apache-2.0
// The budget by year and payer (run_internal.hpp; docs/model.md, "Budget by year and payer").
#include <algorithm>
#include <cmath>

#include "run_internal.hpp"

namespace prostup::detail {

BudgetMerge::BudgetMerge(const RunShape& shape) : s_(shape) {
  const std::vector<CompiledModel>& ms = *s_.models;
  const int months = static_cast<int>(s_.months1) - 1;
  years_ = (months + 11) / 12;
  discounted_ = !ms.empty() && ms.front().discounting();
  auto payer_of = [&](const CompiledModel& m, const std::vector<int>& index, std::size_t k) {
    const std::string& name = m.payers.empty() ? std::string("unspecified") : m.payers[index[k]];
    auto it = std::find(payers_.begin(), payers_.end(), name);
    if (it != payers_.end()) return static_cast<int>(it - payers_.begin());
    payers_.push_back(name);
    return static_cast<int>(payers_.size()) - 1;
  };
  for (const CompiledModel& m : ms) {
    std::vector<int> lines;
    const std::vector<int> none(std::max(m.n_stages(), m.n_services()), 0);
    for (int s = 0; s < m.n_stages(); ++s)
      lines.push_back(payer_of(m, m.payers.empty() ? none : m.stage_payer, s));
    for (int v = 0; v < m.n_services(); ++v)
      lines.push_back(payer_of(m, m.payers.empty() ? none : m.service_payer, v));
    // The stages' costs to other services, one line (-1: the model has none).
    lines.push_back(m.other_services_payer >= 0
                        ? payer_of(m, std::vector<int>{m.other_services_payer}, 0)
                        : -1);
    line_payer_.push_back(std::move(lines));
  }
  const std::size_t n = static_cast<std::size_t>(s_.variants) * s_.rows_per_variant() *
                        static_cast<std::size_t>(years_) * (payers_.size() + 1);
  cost_.assign(n, {});
  diff_.assign(n, {});
  cum_.assign(n, {});
}

void BudgetMerge::cells(int v, const ReplicationOutcome& o, std::vector<double>& c) const {
  const std::size_t P1 = payers_.size() + 1;
  const std::vector<double>& by_year = discounted_ ? o.cost_by_year_discounted : o.cost_by_year;
  const std::vector<int>& lines = line_payer_[v];
  const std::size_t L = lines.size();
  for (std::size_t y = 0; y < static_cast<std::size_t>(years_); ++y)
    for (std::size_t l = 0; l < L && y * L + l < by_year.size(); ++l) {
      if (lines[l] < 0) continue;
      const double x = by_year[y * L + l];
      c[y * P1 + static_cast<std::size_t>(lines[l])] += x;
      c[y * P1 + P1 - 1] += x;
    }
}

void BudgetMerge::merge_block(const std::vector<ReplicationOutcome>& outs, int nb) {
  const int T = s_.towns, R = s_.rows_per_variant();
  const std::size_t P1 = payers_.size() + 1, C = static_cast<std::size_t>(years_) * P1;
  // Units: replications, or under PSA whole parameter sets (their replications' mean).
  const int per_unit = s_.psa ? s_.inner : 1, units = nb / per_unit;
  for (int u = 0; u < units; ++u)
    for (int row = 0; row < R; ++row) {
      std::vector<double> base(C, 0);
      for (int v = 0; v < s_.variants; ++v) {
        std::vector<double> c(C, 0);
        for (int i = 0; i < per_unit; ++i) {
          const int k = u * per_unit + i;
          for (int town = 0; town < T; ++town)
            if (row == T || row == town) cells(v, outs[TaskPlan::slot(v, town, k, T, nb)], c);
        }
        for (double& x : c) x /= per_unit;
        const std::size_t at = (static_cast<std::size_t>(v) * R + row) * C;
        for (std::size_t k = 0; k < C; ++k) cost_[at + k].add(c[k]);
        if (v == 0) {
          base = c;
          continue;
        }
        std::vector<double> cum(P1, 0);
        for (std::size_t y = 0; y < static_cast<std::size_t>(years_); ++y)
          for (std::size_t p = 0; p < P1; ++p) {
            const double d = c[y * P1 + p] - base[y * P1 + p];
            cum[p] += d;
            diff_[at + y * P1 + p].add(d);
            cum_[at + y * P1 + p].add(cum[p]);
          }
      }
    }
}

void BudgetMerge::summarize(RunResult& res) const {
  const int T = s_.towns, R = s_.rows_per_variant();
  const std::size_t P1 = payers_.size() + 1, C = static_cast<std::size_t>(years_) * P1;
  const int months = static_cast<int>(s_.months1) - 1;
  auto point = [&](const Welford& w) { return s_.psa ? w.spread() : w.point(); };
  res.budget.clear();
  for (int v = 0; v < s_.variants; ++v)
    for (int row = 0; row < R; ++row) {
      const std::size_t at = (static_cast<std::size_t>(v) * R + row) * C;
      std::vector<int> break_even(P1, 0);
      if (v > 0)
        for (std::size_t p = 0; p < P1; ++p)
          for (int y = years_; y >= 1; --y) {
            const double m = cum_[at + static_cast<std::size_t>(y - 1) * P1 + p].mean;
            if (!(cum_[at + static_cast<std::size_t>(y - 1) * P1 + p].n > 0 && m < 0)) break;
            break_even[p] = y;
          }
      for (int y = 1; y <= years_; ++y)
        for (std::size_t p = 0; p < P1; ++p) {
          BudgetRow b;
          b.town = row < T ? (*s_.models)[v].towns[row].id : "*";
          b.variant = (*s_.models)[v].variant;
          b.payer = p + 1 < P1 ? payers_[p] : "*";
          b.year = y;
          b.calendar_year = res.info.price_year > 0 ? res.info.price_year + y - 1 : 0;
          b.months = std::min(12, months - 12 * (y - 1));
          b.discounted = discounted_;
          const std::size_t k = at + static_cast<std::size_t>(y - 1) * P1 + p;
          b.cost = point(cost_[k]);
          if (v > 0) {
            b.diff = point(diff_[k]);
            b.cum_diff = point(cum_[k]);
          }
          b.break_even_year = break_even[p];
          res.budget.push_back(std::move(b));
        }
    }
}

}  // namespace prostup::detail

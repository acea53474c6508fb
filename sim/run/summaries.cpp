// SPDX-License-Identifier: Apache-2.0
// The merged accumulators into results (run_internal.hpp): a row per town and variant (and
// all towns, "*"), paired comparisons with the incremental analysis, and the rows, paired
// comparisons and equity figures by household profile.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "prostup/number_text.hpp"
#include "run_internal.hpp"

namespace prostup::detail {

namespace {

// A willingness to pay in a metric's name: "nmb:500000" (whole CZK), "nmb:2500.5".
std::string wtp_text(double wtp) {
  if (wtp == std::floor(wtp) && std::abs(wtp) < 1e15) return number_text::fixed(wtp, 0);
  return number_text::general(wtp, 17);
}

// A figure from per-replication values (PSA, `sets`: per parameter set; NaN = undefined
// there); identical values give an interval of exactly their value, as the paired
// differences do.
// A row's metrics from its per-replication values: Monte Carlo summaries, or under PSA the
// parameter sets' means summarised over sets, with the parameters' share of the variance.
void summarize_metrics(TownVariantResult& tr, const std::vector<std::vector<double>>& per_rep,
                       bool psa, int inner) {
  if (!psa) {
    for (const auto& values : per_rep) tr.metrics.push_back(summarize(values));
    tr.per_replication = per_rep;
    return;
  }
  for (const auto& values : per_rep) {
    tr.per_replication.push_back(set_means(values, inner));
    Summary sm = summarize_sets(tr.per_replication.back());
    sm.share_from_parameters = share_from_parameters(values, inner);
    tr.metrics.push_back(sm);
  }
}

void fill_figure(EquityFigure& f, const std::vector<double>& values, bool sets) {
  const Summary s = sets ? summarize_sets(values) : summarize(values);
  f.mean = s.mean;
  f.ci_low = s.replications >= 2 && s.sd == 0 ? s.mean : s.ci_low;
  f.ci_high = s.replications >= 2 && s.sd == 0 ? s.mean : s.ci_high;
  f.replications = s.replications;
}

// equity.csv (docs/model.md, "Equity"): `rows[p]` are the profiles' rows of one town and
// variant, `base[p]` the baseline's (the same rows for the baseline itself); `units` values per
// row: replications, or under PSA (`sets`) parameter sets.
void equity_figures(const RunResult& res, const std::vector<const TownVariantResult*>& rows,
                    const std::vector<const TownVariantResult*>& base, int units, bool sets,
                    std::vector<EquityFigure>& out) {
  const std::size_t P = rows.size();
  const int k_lease = res.metric_index("reached_lease_share"),
            k_evict = res.metric_index("evictions"), k_seen = res.metric_index("households_seen"),
            k_roofless = res.metric_index("roofless_end"), k_arr = res.metric_index("arrivals");
  if (P < 2 || k_lease < 0 || k_evict < 0 || k_seen < 0 || k_roofless < 0 || k_arr < 0) return;
  const std::string& town = rows[0]->town;
  const std::string& variant = rows[0]->variant;
  // values[p][r] of one figure of one row set.
  auto lease = [&](const std::vector<const TownVariantResult*>& set) {
    std::vector<std::vector<double>> v;
    for (const auto* row : set) v.push_back(row->per_replication[k_lease]);
    return v;
  };
  auto evictions_per_100 = [&](const std::vector<const TownVariantResult*>& set) {
    std::vector<std::vector<double>> v;
    for (const auto* row : set) {
      std::vector<double> x(units, kUndefined);
      for (int r = 0; r < units; ++r) {
        const double seen = row->per_replication[k_seen][r];
        if (seen > 0) x[r] = 100 * row->per_replication[k_evict][r] / seen;
      }
      v.push_back(std::move(x));
    }
    return v;
  };
  // The best and worst profile by mean (higher_is_better: the lease share), -1 if fewer than
  // two profiles have a mean; ties go to the earlier profile.
  auto best_worst = [&](const std::vector<std::vector<double>>& v, bool higher_is_better) {
    int best = -1, worst = -1;
    std::vector<double> mean(P);
    for (std::size_t p = 0; p < P; ++p) {
      mean[p] = summarize(v[p]).mean;
      if (std::isnan(mean[p])) continue;
      const int q = static_cast<int>(p);
      auto above = [&](int a, int b) {
        return higher_is_better ? mean[a] > mean[b] : mean[a] < mean[b];
      };
      if (best < 0 || above(q, best)) best = q;
      if (worst < 0 || above(worst, q)) worst = q;
    }
    if (best == worst) best = worst = -1;
    return std::make_pair(best, worst);
  };
  auto gap = [&](const std::vector<std::vector<double>>& v, int best, int worst, bool higher) {
    std::vector<double> g(units, kUndefined);
    for (int r = 0; r < units; ++r)
      g[r] = higher ? v[best][r] - v[worst][r] : v[worst][r] - v[best][r];
    return g;
  };
  auto figure = [&](const char* name) {
    EquityFigure f;
    f.town = town;
    f.variant = variant;
    f.figure = name;
    return f;
  };
  const bool is_base = rows[0] == base[0];
  for (const bool is_lease : {true, false}) {
    const auto v = is_lease ? lease(rows) : evictions_per_100(rows);
    const auto [best, worst] = best_worst(v, is_lease);
    if (best >= 0) {
      EquityFigure f = figure(is_lease ? "lease_gap" : "eviction_gap");
      f.best = rows[best]->profile;
      f.worst = rows[worst]->profile;
      fill_figure(f, gap(v, best, worst, is_lease), sets);
      out.push_back(std::move(f));
    }
    if (is_base) continue;
    // Does the variant close the baseline's gap: the same two profiles in both, paired.
    const auto vb = is_lease ? lease(base) : evictions_per_100(base);
    const auto [bb, bw] = best_worst(vb, is_lease);
    if (bb < 0) continue;
    const auto gv = gap(v, bb, bw, is_lease), gb = gap(vb, bb, bw, is_lease);
    std::vector<double> d(units);
    for (int r = 0; r < units; ++r) d[r] = gv[r] - gb[r];
    EquityFigure f = figure(is_lease ? "lease_gap_change" : "eviction_gap_change");
    f.best = base[bb]->profile;
    f.worst = base[bw]->profile;
    fill_figure(f, d, sets);
    out.push_back(std::move(f));
  }
  // Each profile's share among those roofless at the horizon and among arrivals.
  auto shares = [&](int k) {
    std::vector<std::vector<double>> v(P, std::vector<double>(units, kUndefined));
    for (int r = 0; r < units; ++r) {
      double total = 0;
      for (std::size_t p = 0; p < P; ++p) total += rows[p]->per_replication[k][r];
      if (total > 0)
        for (std::size_t p = 0; p < P; ++p) v[p][r] = rows[p]->per_replication[k][r] / total;
    }
    return v;
  };
  const auto roofless = shares(k_roofless), arrivals = shares(k_arr);
  for (std::size_t p = 0; p < P; ++p) {
    std::vector<double> excess(units);
    for (int r = 0; r < units; ++r) excess[r] = roofless[p][r] - arrivals[p][r];
    const char* names[] = {"roofless_share", "arrival_share", "roofless_excess"};
    const std::vector<double>* values[] = {&roofless[p], &arrivals[p], &excess};
    for (int n = 0; n < 3; ++n) {
      EquityFigure f = figure(names[n]);
      f.profile = rows[p]->profile;
      fill_figure(f, *values[n], sets);
      out.push_back(std::move(f));
    }
  }
}

// The flow account of one row (docs/model.md, "Flows by year"), by year (flows_yearly) and by
// month (flows_monthly): per period and stage its stock at the start, the moves in and out by
// kind (only those that happened), and its stock at the end, each a mean per replication
// (sum / R of whole numbers). A year's moves are the sums of its months'.
void flow_account(TownVariantResult& tr, const CompiledModel& m, const RowAccumulator& a,
                  int months, double R) {
  if (a.month_flows.empty()) return;
  const std::size_t S = static_cast<std::size_t>(m.n_stages());
  const FlowLayout layout = flow_layout(m);
  const std::size_t B = layout.block();
  static const char* const kMove[] = {"promotion", "demotion", "expiry"};
  static const char* const kDestination[] = {"own_housing", "institution", "unknown"};
  std::vector<double> moves(B);
  // Months first + 1 .. last into `out`, with `year` and `month` (0 for a year) on each line.
  auto period = [&](std::vector<FlowYear>& out, int first, int last, int year, int month) {
    std::fill(moves.begin(), moves.end(), 0.0);
    for (int t = first; t < last; ++t)
      for (std::size_t k = 0; k < B; ++k)
        moves[k] += a.month_flows[static_cast<std::size_t>(t) * B + k];
    auto line = [&](std::size_t s, const char* flow, const std::string& kind,
                    const std::string& other, double sum, bool always) {
      if (always || sum > 0)
        out.push_back({year, last - first, m.stages[s].id, flow, kind, other, sum / R, month});
    };
    auto move = [&](int kind, std::size_t from, std::size_t to) {
      const long long k = layout.move(0, kind, static_cast<int>(from), static_cast<int>(to));
      return k < 0 ? 0.0 : moves[static_cast<std::size_t>(k)];
    };
    for (std::size_t s = 0; s < S; ++s) {
      const int si = static_cast<int>(s);
      line(s, "stock_start", "", "", a.month_stock[static_cast<std::size_t>(first) * S + s], true);
      line(s, "in", "arrival", "", moves[layout.arrival(0, si)], false);
      for (int kind = 0; kind < 3; ++kind)
        for (std::size_t f = 0; f < S; ++f)
          line(s, "in", kMove[kind], m.stages[f].id, move(kind, f, s), false);
      for (int kind = 0; kind < 3; ++kind)
        for (std::size_t to = 0; to < S; ++to)
          line(s, "out", kMove[kind], m.stages[to].id, move(kind, s, to), false);
      for (int d = 0; d < 3; ++d)
        line(s, "out", "exit", kDestination[d], moves[layout.exit(0, si, d)], false);
      line(s, "stock_end", "", "", a.month_stock[static_cast<std::size_t>(last) * S + s], true);
    }
  };
  for (int y = 0; 12 * y < months; ++y)
    period(tr.flows_yearly, 12 * y, std::min(12 * (y + 1), months), y + 1, 0);
  for (int t = 0; t < months; ++t) period(tr.flows_monthly, t, t + 1, t / 12 + 1, t + 1);
}

// The rows, paired comparisons and equity figures by household profile (RunResult::
// by_profile, profile_comparisons, equity) from their accumulators. Under PSA (`psa`, `inner`
// replications per parameter set) as the rows of all profiles: per_replication holds set
// means, intervals are over sets, and comparisons and equity figures pair per set.
void by_profile_results(RunResult& res, const std::vector<CompiledModel>& ms,
                        const std::vector<RowAccumulator>& pacc, std::size_t P, int reps,
                        std::size_t M1, bool psa, int inner) {
  if (P == 0) return;
  const int NV = static_cast<int>(ms.size());
  const int T = static_cast<int>(ms.front().towns.size());
  const std::size_t K = res.metric_info.size();
  for (int v = 0; v < NV; ++v)
    for (int row = 0; row <= T; ++row)
      for (std::size_t p = 0; p < P; ++p) {
        const RowAccumulator& a = pacc[(static_cast<std::size_t>(v) * (T + 1) + row) * P + p];
        const CompiledModel& m = ms[v];
        TownVariantResult tr;
        tr.town = row < T ? m.towns[row].id : "*";
        tr.variant = m.variant;
        tr.profile = m.profiles[p].id;
        summarize_metrics(tr, a.per_rep, psa, inner);
        auto point = [&](const Welford& w) { return psa ? w.spread() : w.point(); };
        if (!a.occupancy.empty())
          for (int s = 0; s < m.n_stages(); ++s) {
            Series occ{"occupancy:" + m.stages[s].id, {}, {}};
            Series wait{"waiting:" + m.stages[s].id, {}, {}};
            for (std::size_t t = 0; t < M1; ++t) {
              occ.by_month.push_back(point(a.occupancy[s * M1 + t]));
              wait.by_month.push_back(point(a.waiting[s * M1 + t]));
            }
            tr.series.push_back(std::move(occ));
            tr.series.push_back(std::move(wait));
          }
        flow_account(tr, m, a, static_cast<int>(M1) - 1, a.reps > 0 ? a.reps : 1);
        for (std::size_t d = 0; d < M1; ++d) {
          SeriesPoint pt = point(a.cif[d]);
          tr.time_to_lease.push_back({static_cast<int>(d), pt.mean, pt.ci_low, pt.ci_high});
        }
        res.by_profile.push_back(std::move(tr));
      }
  const std::size_t per_variant = static_cast<std::size_t>(T + 1) * P;
  const int units = psa ? reps / inner : reps;  // paired units: parameter sets or replications
  for (int v = 1; v < NV; ++v)
    for (std::size_t i = 0; i < per_variant; ++i) {
      const auto& b = res.by_profile[i];
      const auto& x = res.by_profile[v * per_variant + i];
      for (std::size_t k = 0; k < K; ++k) {
        if (!res.metric_info[k].by_profile) continue;
        Comparison c = paired_comparison(res.metric_info[k], b, x, k, units, psa);
        if (psa) {
          const auto& raw_b = pacc[i].per_rep[k];
          const auto& raw_x = pacc[v * per_variant + i].per_rep[k];
          std::vector<double> raw(reps);
          for (int r = 0; r < reps; ++r) raw[r] = raw_x[r] - raw_b[r];
          c.share_from_parameters = share_from_parameters(raw, inner);
        }
        res.profile_comparisons.push_back(std::move(c));
      }
    }
  for (int v = 0; v < NV; ++v)
    for (int row = 0; row <= T; ++row) {
      std::vector<const TownVariantResult*> rows, base;
      for (std::size_t p = 0; p < P; ++p) {
        base.push_back(&res.by_profile[row * P + p]);
        rows.push_back(&res.by_profile[v * per_variant + row * P + p]);
      }
      equity_figures(res, rows, base, units, psa, res.equity);
    }
}

// The rows of every variant and town (and all towns, "*"), from their accumulators.
void row_results(RunResult& res, const RunShape& shape, const std::vector<RowAccumulator>& acc) {
  const std::vector<CompiledModel>& ms = *shape.models;
  const int NV = shape.variants, T = shape.towns, rows_per_variant = shape.rows_per_variant();
  const std::size_t M1 = shape.months1;
  const bool psa = shape.psa;
  const int inner = shape.inner;
  for (int v = 0; v < NV; ++v)
    for (int row = 0; row < rows_per_variant; ++row) {
      const auto& a = acc[static_cast<std::size_t>(v) * rows_per_variant + row];
      const CompiledModel& m = ms[v];
      const int S = m.n_stages(), V = m.n_services();
      TownVariantResult tr;
      tr.town = row < T ? m.towns[row].id : "*";
      tr.variant = m.variant;
      summarize_metrics(tr, a.per_rep, psa, inner);
      auto point = [&](const Welford& w) { return psa ? w.spread() : w.point(); };
      for (int s = 0; s < S; ++s) {
        Series occ{"occupancy:" + m.stages[s].id, {}, {}};
        Series wait{"waiting:" + m.stages[s].id, {}, {}};
        for (std::size_t t = 0; t < M1; ++t) {
          occ.by_month.push_back(point(a.occupancy[s * M1 + t]));
          wait.by_month.push_back(point(a.waiting[s * M1 + t]));
        }
        if (!m.stages[s].outside) {
          for (std::size_t t = 0; t < M1; ++t) {
            double c = 0;
            if (row < T)
              c = static_cast<double>(m.towns[row].capacity[s][t]);
            else
              for (const auto& tw : m.towns) c += static_cast<double>(tw.capacity[s][t]);
            occ.capacity.push_back(c);
          }
        }
        tr.series.push_back(std::move(occ));
        tr.series.push_back(std::move(wait));
      }
      for (int sv = 0; sv < V; ++sv) {
        Series ser{"in_service:" + m.services[sv].id, {}, {}};
        for (std::size_t t = 0; t < M1; ++t)
          ser.by_month.push_back(point(a.in_service[sv * M1 + t]));
        tr.series.push_back(std::move(ser));
      }
      for (std::size_t k = 0; k < kTownSeries.size(); ++k) {
        Series ser{kTownSeries[k], {}, {}};
        for (std::size_t t = 0; t < M1; ++t)
          ser.by_month.push_back(point(a.town_counts[k * M1 + t]));
        tr.series.push_back(std::move(ser));
      }
      const double R = a.reps > 0 ? a.reps : 1;
      for (int f = 0; f < S; ++f) {
        if (a.arrivals[f] > 0)
          tr.flows.push_back({"arrival", m.stages[f].id, "arrival", a.arrivals[f] / R});
        for (int to = 0; to < S; ++to) {
          const std::size_t k = static_cast<std::size_t>(f) * S + to;
          if (a.promo[k] > 0)
            tr.flows.push_back({m.stages[f].id, m.stages[to].id, "promotion", a.promo[k] / R});
          if (a.demo[k] > 0)
            tr.flows.push_back({m.stages[f].id, m.stages[to].id, "demotion", a.demo[k] / R});
          if (a.expi[k] > 0)
            tr.flows.push_back({m.stages[f].id, m.stages[to].id, "expiry", a.expi[k] / R});
        }
        if (a.exits[f] > 0) tr.flows.push_back({m.stages[f].id, "exit", "exit", a.exits[f] / R});
      }
      flow_account(tr, m, a, static_cast<int>(M1) - 1, R);
      for (std::size_t d = 0; d < M1; ++d) {
        SeriesPoint p = point(a.cif[d]);
        tr.time_to_lease.push_back({static_cast<int>(d), p.mean, p.ci_low, p.ci_high});
      }
      res.results.push_back(std::move(tr));
    }
}

// Paired differences, variant minus baseline, replication by replication, and the incremental
// analysis per cohort.
void row_comparisons(RunResult& res, const RunShape& shape,
                     const std::vector<RowAccumulator>& acc) {
  const int NV = shape.variants, rows_per_variant = shape.rows_per_variant();
  const std::size_t K = shape.metrics;
  const bool psa = shape.psa;
  const int inner = shape.inner, reps = shape.reps, sets = reps / inner;
  for (int v = 1; v < NV; ++v)
    for (int row = 0; row < rows_per_variant; ++row) {
      const auto& b = res.results[row];
      const auto& x = res.results[static_cast<std::size_t>(v) * rows_per_variant + row];
      const auto& raw_b = acc[row].per_rep;
      const auto& raw_x = acc[static_cast<std::size_t>(v) * rows_per_variant + row].per_rep;
      const int units = psa ? sets : reps;  // paired units: parameter sets or replications
      for (std::size_t k = 0; k < K; ++k) {
        Comparison c = paired_comparison(res.metric_info[k], b, x, k, units, psa);
        if (psa) {
          std::vector<double> raw(reps);
          for (int r = 0; r < reps; ++r) raw[r] = raw_x[k][r] - raw_b[k][r];
          c.share_from_parameters = share_from_parameters(raw, inner);
        }
        res.comparisons.push_back(std::move(c));
      }
      // Incremental analysis per cohort: extra cost, and the cost per extra household
      // stabilised and per extra month housed (docs/model.md, "Incremental analysis").
      std::vector<std::string> cohorts;
      for (const auto& mi : res.metric_info)
        if (std::find(cohorts.begin(), cohorts.end(), mi.cohort) == cohorts.end())
          cohorts.push_back(mi.cohort);
      // Discounted (docs/model.md, "Prices and discounting"): the same from the discounted
      // figures, under names of their own, where the scenario gives a rate.
      for (const char* suffix : {"", "_discounted"})
        for (const std::string& cohort : cohorts) {
          const std::string sfx = suffix;
          const int kc = res.metric_index("cost_total" + sfx, cohort);
          if (kc < 0) continue;
          auto diffs = [&](int k) {
            std::vector<double> d(units, kUndefined);
            for (int r = 0; r < units; ++r)
              d[r] = x.per_replication[k][r] - b.per_replication[k][r];
            return d;
          };
          const std::vector<double> d_cost = diffs(kc);
          const Summary sc = psa ? summarize_sets(d_cost) : summarize(d_cost);
          if (sc.replications == 0) continue;  // the cohort is not in both runs
          Comparison inc;
          inc.town = x.town;
          inc.variant = x.variant;
          inc.baseline = b.variant;
          inc.cohort = cohort;
          inc.metric = "incremental_cost" + sfx;
          inc.diff_mean = sc.mean;
          inc.diff_ci_low = sc.replications >= 2 && sc.sd == 0 ? sc.mean : sc.ci_low;
          inc.diff_ci_high = sc.replications >= 2 && sc.sd == 0 ? sc.mean : sc.ci_high;
          inc.replications = sc.replications;
          res.comparisons.push_back(inc);
          for (const char* effect : {"cohort_stabilized", "months_housed"}) {
            const int ke = res.metric_index(effect + sfx, cohort);
            if (ke < 0) continue;
            const Incremental ia = incremental_analysis(d_cost, diffs(ke));
            Comparison ic = inc;
            // Named for its denominator: icer:cohort_stabilized divides by the difference in
            // cohort_stabilized, icer:months_housed by that in months_housed.
            ic.metric = (sfx.empty() ? "icer:" : "icer_discounted:") + std::string(effect);
            ic.diff_mean = ia.icer;
            ic.diff_ci_low = ia.icer_low;
            ic.diff_ci_high = ia.icer_high;
            ic.note = ia.note;
            res.comparisons.push_back(std::move(ic));
          }
          // Net monetary benefit at the scenario's willingness-to-pay values, per household
          // stabilised (docs/model.md, "Incremental analysis").
          const int ks = res.metric_index("cohort_stabilized" + sfx, cohort);
          if (ks < 0) continue;
          const std::vector<double> d_stab = diffs(ks);
          for (double wtp : res.info.willingness_to_pay) {
            const NetBenefit nb = net_monetary_benefit(d_cost, d_stab, wtp, psa);
            Comparison n = inc;
            n.metric = (sfx.empty() ? "nmb:" : "nmb_discounted:") + wtp_text(wtp);
            n.diff_mean = nb.nmb.mean;
            n.diff_ci_low = nb.nmb.ci_low;
            n.diff_ci_high = nb.nmb.ci_high;
            n.share_better = nb.share_positive;
            n.replications = nb.nmb.replications;
            res.comparisons.push_back(std::move(n));
          }
        }
    }
}

// The efficient frontier of each town's options (baseline and variants) where there are three
// or more, from their mean cost and effect (docs/model.md, "Incremental analysis").
void row_frontier(RunResult& res, const RunShape& shape) {
  const int NV = shape.variants, rows_per_variant = shape.rows_per_variant();
  if (NV < 3) return;
  const int kc = res.metric_index("cost_total");
  if (kc < 0) return;
  for (int row = 0; row < rows_per_variant; ++row)
    for (const auto& [effect, outcome] :
         {std::pair<const char*, const char*>{"cohort_stabilized", "cohort_stabilized"},
          {"months_housed", "months_housed"}}) {
      const int ke = res.metric_index(effect);
      if (ke < 0) continue;
      // A variant whose effect is not clearly different from the baseline's (the icer row's
      // note, judged on the printed interval) keeps that note and stays off the frontier: a
      // null variant is never "dominated" by noise in its mean.
      const std::string icer_metric = std::string("icer:") + outcome;
      auto unclear = [&](const std::string& town, const std::string& variant) -> std::string {
        for (const Comparison& c : res.comparisons)
          if (c.town == town && c.variant == variant && c.metric == icer_metric &&
              c.cohort == "all" && c.profile == "*" && c.note.rfind("no ", 0) == 0)
            return c.note;
        return {};
      };
      std::vector<FrontierOption> options;
      std::vector<FrontierRow> off;
      for (int v = 0; v < NV; ++v) {
        const auto& tv = res.results[static_cast<std::size_t>(v) * rows_per_variant + row];
        const double c = tv.metrics[kc].mean, e = tv.metrics[ke].mean;
        if (!std::isfinite(c) || !std::isfinite(e)) continue;
        const std::string note = v == 0 ? std::string() : unclear(tv.town, tv.variant);
        if (note.empty())
          options.push_back({tv.variant, c, e});
        else
          off.push_back({tv.town, outcome, tv.variant, note, c, e, kUndefined});
      }
      if (options.size() + off.size() < 3) continue;
      for (const FrontierEntry& f : efficient_frontier(options))
        res.frontier.push_back(
            {res.results[row].town, outcome, f.id, f.status, f.cost, f.effect, f.icer});
      for (FrontierRow& r : off) res.frontier.push_back(std::move(r));
    }
}

}  // namespace

void summarize_run(RunResult& res, const RunShape& shape, const RunMerge& merged) {
  row_results(res, shape, merged.rows());
  row_comparisons(res, shape, merged.rows());
  row_frontier(res, shape);
  by_profile_results(res, *shape.models, merged.profile_rows(), shape.profiles, shape.reps,
                     shape.months1, shape.psa, shape.inner);
}

}  // namespace prostup::detail

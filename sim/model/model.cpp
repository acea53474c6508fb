// SPDX-License-Identifier: Apache-2.0
#include "prostup/model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace prostup {

std::uint64_t stable_hash(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

namespace {

// u32 < threshold  <=>  event, so P(event) = threshold / 2^32 exactly up to rounding.
std::uint64_t to_threshold(double p) {
  p = std::clamp(p, 0.0, 1.0);
  return static_cast<std::uint64_t>(std::llround(p * 4294967296.0));
}

std::array<double, kProbCount> factors(const Multipliers& m) {
  std::array<double, kProbCount> a{};
  for (int i = 0; i < kProbCount; ++i) a[i] = m.factor[i];
  return a;
}

std::vector<std::uint8_t> stage_list(const Scenario& s, const std::vector<std::string>& ids) {
  std::vector<std::uint8_t> out;
  for (const auto& id : ids) {
    int i = s.stage_index(id);
    if (i < 0) throw std::logic_error("compile: unknown stage " + id);
    out.push_back(static_cast<std::uint8_t>(i));
  }
  return out;
}

// The household step's tables (model.hpp: StageRule, StepRow), once per compiled model.
void build_step_tables(CompiledModel& m) {
  const int S = m.n_stages(), V = m.n_services();
  m.promotions_from.assign(S, {});
  for (std::size_t e = 0; e < m.promotions.size(); ++e)
    m.promotions_from[m.promotions[e].from].push_back(static_cast<int>(e));
  m.stage_rules.assign(S, {});
  for (int s = 0; s < S; ++s) {
    const CompiledStage& stg = m.stages[s];
    StageRule& r = m.stage_rules[s];
    r.arrears_limit = stg.arrears_limit ? stg.arrears_limit : kNoLimit;
    r.max_stay = stg.max_stay_months ? stg.max_stay_months : kNoLimit;
    r.apply_months = r.apply_streak = kNoLimit;
    for (int e : m.promotions_from[s]) {
      const CompiledPromotion& pr = m.promotions[e];
      r.apply_months = std::min<std::uint32_t>(r.apply_months, pr.min_months_in_stage);
      r.apply_streak = std::min<std::uint32_t>(r.apply_streak, pr.min_streak);
    }
    r.pays_rent = stg.pays_rent;
    r.permanent = stg.kind == StageKind::permanent;
  }
  m.step_rows.resize(m.thresholds.size() << kRowFactBits);
  const auto stable_m1 = static_cast<std::int32_t>(m.months_to_stabilize()) - 1;
  const auto none_m1 = static_cast<std::int32_t>(kNoLimit) - 1;
  for (std::size_t key = 0; key < m.thresholds.size(); ++key) {
    const Thresholds& th = m.thresholds[key];
    const std::size_t mask = key & ((std::size_t{1} << V) - 1);
    const StageRule& rule = m.stage_rules[(key >> V) % static_cast<std::size_t>(S)];
    StepRow r{};
    r.below[0] = th.job_gain;
    r.below[1] = th.job_loss;
    r.below[2] = rule.pays_rent ? th.pay_unemployed : th.comply;
    r.below[3] = rule.pays_rent ? th.pay_employed : th.comply;
    r.below[4] = th.exit;
    r.arrears_m1 = static_cast<std::int32_t>(rule.arrears_limit) - 1;
    r.stay_m1 = static_cast<std::int32_t>(rule.max_stay) - 1;
    r.apply_streak_m1 = static_cast<std::int32_t>(rule.apply_streak) - 1;
    int repay = 1;
    for (int v = 0; v < V; ++v)
      if (mask & (1u << v)) repay += m.services[v].arrears_repayment;
    r.repay = static_cast<std::uint16_t>(std::min(repay, 0xffff));
    r.rent = static_cast<std::uint8_t>(rule.pays_rent);
    r.permanent = static_cast<std::uint8_t>(rule.permanent);
    // The four rows of the index: a pending application puts the months to apply out of
    // reach, a stabilised household the stabilisation limit.
    for (unsigned facts = 0; facts < (1u << kRowFactBits); ++facts) {
      StepRow& row = m.step_rows[key << kRowFactBits | facts];
      row = r;
      row.apply_months_m1 =
          facts & kRowPending ? none_m1 : static_cast<std::int32_t>(rule.apply_months) - 1;
      row.stable_m1 = facts & kRowStabilized ? none_m1 : stable_m1;
    }
  }
}

}  // namespace

std::vector<std::string> CompiledModel::cohort_ids() const {
  std::vector<std::string> ids = {"all", "initial", "arrivals"};
  for (const auto& c : cohorts) ids.push_back(c.id);
  return ids;
}

double CompiledModel::probability(int profile, int stage, unsigned mask, Prob p,
                                  bool employed) const {
  const CompiledProfile& pr = profiles[profile];
  double base = 0;
  switch (p) {
    case Prob::job_gain:
      base = pr.job_gain;
      break;
    case Prob::job_loss:
      base = pr.job_loss;
      break;
    case Prob::pay_rent:
      base = employed ? pr.pay_employed : pr.pay_unemployed;
      break;
    case Prob::comply:
      base = pr.comply;
      break;
    case Prob::exit:
      base = pr.exit;
      break;
    case Prob::count:
      break;
  }
  const int k = static_cast<int>(p);
  double f = stage_multipliers[stage][k];
  for (int sv = 0; sv < n_services(); ++sv)
    if (mask & (1u << sv)) f *= service_multipliers[sv][k];
  return std::clamp(base * f, 0.0, 1.0);
}

FlowLayout flow_layout(const CompiledModel& m) {
  FlowLayout f;
  const int S = m.n_stages();
  f.stages = S;
  f.edge_of.assign(3 * static_cast<std::size_t>(S) * S, -1);
  auto add = [&](int kind, int from, int to) {
    int& e = f.edge_of[(static_cast<std::size_t>(kind) * S + from) * S + to];
    if (e >= 0) return;
    e = static_cast<int>(f.edges.size());
    f.edges.push_back({kind, from, to});
  };
  auto add_ladder = [&](const CompiledModel& l) {
    for (const CompiledPromotion& p : l.promotions) add(0, p.from, p.to);
    for (int s = 0; s < S; ++s) {
      for (std::uint8_t d : l.stages[s].on_arrears) add(1, s, d);
      for (std::uint8_t d : l.stages[s].on_expiry) add(2, s, d);
    }
  };
  add_ladder(m);
  for (const auto& own : m.town_rules)
    if (own) add_ladder(*own);
  return f;
}

CompiledModel compile(const Scenario& s, const std::string& variant, int months) {
  if (s.stages.size() > kMaxStages || s.profiles.size() > kMaxProfiles ||
      s.services.size() > kMaxServices)
    throw std::logic_error("compile: scenario exceeds engine limits");
  CompiledModel m;
  m.scenario_name = s.name;
  m.variant = variant;
  m.months = months > 0 ? months : s.simulation.months;
  m.replications = s.simulation.replications;
  m.seed = s.simulation.seed;
  m.stabilized_months = s.simulation.stabilized_months;
  m.functional_zero_months = s.simulation.functional_zero_months;
  m.price_year = s.simulation.price_year.value_or(0);
  m.discount_rate = s.simulation.discount_rate;
  m.language = s.language;
  m.willingness_to_pay = s.simulation.willingness_to_pay;
  m.discount.resize(static_cast<std::size_t>(m.months) + 2);
  m.discount_sum.assign(m.discount.size() + 1, 0);
  for (std::size_t t = 0; t < m.discount.size(); ++t) {
    m.discount[t] =
        m.discount_rate > 0 ? std::pow(1 + m.discount_rate, -static_cast<double>(t) / 12) : 1.0;
    m.discount_sum[t + 1] = m.discount_sum[t] + m.discount[t];
  }

  for (const Stage& st : s.stages) {
    CompiledStage c;
    c.id = st.id;
    c.label = st.label;
    c.kind = st.kind;
    c.pays_rent = st.pays_rent;
    c.outside = st.kind == StageKind::outside;
    c.max_stay_months = static_cast<std::uint16_t>(st.max_stay_months.value_or(0));
    c.arrears_limit = static_cast<std::uint16_t>(st.arrears_limit.value_or(0));
    c.on_expiry = stage_list(s, st.on_expiry);
    c.on_arrears = stage_list(s, st.on_arrears);
    c.waiting_list = st.waiting_list;
    c.priority_points = st.priority_points;
    m.stages.push_back(std::move(c));
    m.stage_multipliers.push_back(factors(st.multipliers));
  }
  for (const Promotion& p : s.promotions) {
    CompiledPromotion c{};
    c.from = static_cast<std::uint8_t>(s.stage_index(p.from));
    c.to = static_cast<std::uint8_t>(s.stage_index(p.to));
    c.min_months_in_stage = static_cast<std::uint16_t>(p.min_months_in_stage);
    c.min_streak = static_cast<std::uint16_t>(p.min_streak);
    c.max_arrears = p.max_arrears ? static_cast<std::uint16_t>(*p.max_arrears) : 0xffff;
    c.employment_required = p.employment_required;
    c.service_required = static_cast<std::int8_t>(
        p.service_required.empty() ? -1 : s.service_index(p.service_required));
    m.promotions.push_back(c);
  }
  for (const Profile& p : s.profiles) {
    CompiledProfile c;
    c.id = p.id;
    c.label = p.label;
    c.share = p.share;
    c.household_size = p.household_size;
    c.children = p.children;
    c.employed_at_entry = to_threshold(p.employed_at_entry);
    c.job_gain = p.job_gain;
    c.job_loss = p.job_loss;
    c.pay_unemployed = p.pay_rent_unemployed;
    c.pay_employed = p.pay_rent_employed;
    c.comply = p.comply;
    c.exit = p.exit;
    c.exit_own = to_threshold(p.exit_to_own_housing);
    c.exit_institution = to_threshold(p.exit_to_own_housing + p.exit_to_institution);
    m.profiles.push_back(std::move(c));
  }
  for (const Service& sv : s.services) {
    CompiledService c;
    c.id = sv.id;
    c.label = sv.label;
    c.eligible_stage_mask = 0;
    for (const auto& st : sv.eligible_stages) c.eligible_stage_mask |= 1u << s.stage_index(st);
    c.caseload_per_worker = sv.caseload_per_worker;
    c.priority = sv.priority;
    c.engagement_months = sv.engagement_months.value_or(0);
    c.arrears_repayment = sv.arrears_repayment;
    m.services.push_back(std::move(c));
    m.service_multipliers.push_back(factors(sv.effects));
  }

  const int S = m.n_stages(), V = m.n_services(), P = static_cast<int>(m.profiles.size());
  m.thresholds.resize(static_cast<std::size_t>(P) * S << V);
  for (int p = 0; p < P; ++p)
    for (int st = 0; st < S; ++st)
      for (unsigned mask = 0; mask < (1u << V); ++mask) {
        Thresholds t;
        t.job_gain = to_threshold(m.probability(p, st, mask, Prob::job_gain, false));
        t.job_loss = to_threshold(m.probability(p, st, mask, Prob::job_loss, true));
        t.pay_unemployed = to_threshold(m.probability(p, st, mask, Prob::pay_rent, false));
        t.pay_employed = to_threshold(m.probability(p, st, mask, Prob::pay_rent, true));
        t.comply = to_threshold(m.probability(p, st, mask, Prob::comply, false));
        t.exit = to_threshold(m.probability(p, st, mask, Prob::exit, false));
        m.thresholds[((static_cast<std::size_t>(p) * S + st) << V) | mask] = t;
      }
  build_step_tables(m);

  const int M = m.months;
  for (const Town& tw : s.towns) {
    CompiledTown c;
    c.id = tw.id;
    c.label = tw.label;
    c.stream_key = stable_hash(tw.id);
    c.capacity.assign(S, std::vector<std::int64_t>(M + 1, 0));
    for (int st = 0; st < S; ++st) {
      auto it = tw.capacity.find(m.stages[st].id);
      for (int t = 0; t <= M; ++t) {
        if (m.stages[st].outside)
          c.capacity[st][t] = std::int64_t{1} << 50;
        else if (it != tw.capacity.end())
          c.capacity[st][t] = it->second.at(t);
      }
    }
    c.arrival_rate.resize(M + 1);
    for (int t = 0; t <= M; ++t) c.arrival_rate[t] = tw.arrival_rate.at(t);
    c.replace_exits = tw.replace_exits;
    std::vector<std::string> entry{tw.entry_stage};
    entry.insert(entry.end(), tw.entry_fallbacks.begin(), tw.entry_fallbacks.end());
    c.entry = stage_list(s, entry);
    for (const Profile& p : s.profiles) {
      auto it = tw.entry_by_profile.find(p.id);
      if (it == tw.entry_by_profile.end()) {
        c.entry_by_profile.push_back(c.entry);
        continue;
      }
      std::vector<std::string> own{it->second.stage};
      own.insert(own.end(), it->second.fallbacks.begin(), it->second.fallbacks.end());
      c.entry_by_profile.push_back(stage_list(s, own));
    }
    c.initial.assign(S, 0);
    for (const auto& [id, n] : tw.initial) c.initial[s.stage_index(id)] = n;
    c.service_capacity.assign(V, 0);
    c.service_cost.assign(V, 0);
    for (int sv = 0; sv < V; ++sv) {
      auto it = tw.staffing.find(m.services[sv].id);
      double workers = it == tw.staffing.end() ? 0.0 : it->second;
      // Fractional staff (0.5 FTE) is normal; a slot is a whole case.
      c.service_capacity[sv] =
          static_cast<int>(std::floor(workers * m.services[sv].caseload_per_worker + 1e-9));
      auto ct = tw.service_costs.find(m.services[sv].id);
      c.service_cost[sv] =
          ct == tw.service_costs.end() ? s.services[sv].cost_per_case_month : ct->second;
    }
    c.stage_cost.assign(S, 0);
    c.stage_other_cost.assign(S, 0);
    for (int st = 0; st < S; ++st) {
      c.stage_other_cost[st] = s.stages[st].other_services_cost_per_month;
      auto ct = tw.stage_costs.find(m.stages[st].id);
      c.stage_cost[st] = ct == tw.stage_costs.end() ? s.stages[st].cost_per_month : ct->second;
    }
    // By profile: the figure times the stage's (service's) factor for the profile.
    auto factor = [](const std::map<std::string, double>& f, const std::string& profile) {
      auto it = f.find(profile);
      return it == f.end() ? 1.0 : it->second;
    };
    c.stage_cost_varies.assign(S, 0);
    c.service_cost_varies.assign(V, 0);
    for (int p = 0; p < P; ++p) {
      for (int st = 0; st < S; ++st) {
        const double f = factor(s.stages[st].profile_cost_factors, s.profiles[p].id);
        c.stage_cost_by_profile.push_back(f == 1 ? c.stage_cost[st] : c.stage_cost[st] * f);
        c.stage_cost_varies[st] |= f != 1;
      }
      for (int sv = 0; sv < V; ++sv) {
        const double f = factor(s.services[sv].profile_cost_factors, s.profiles[p].id);
        c.service_cost_by_profile.push_back(f == 1 ? c.service_cost[sv] : c.service_cost[sv] * f);
        c.service_cost_varies[sv] |= f != 1;
      }
    }
    m.towns.push_back(std::move(c));
  }
  // A town with rules of its own runs its own ladder (town_ladder): compiled here, and its
  // CompiledTown taken from there (its costs by profile follow its own cost factors).
  for (std::size_t t = 0; t < s.towns.size(); ++t) {
    if (s.towns[t].rules.empty()) continue;
    if (m.town_rules.empty()) m.town_rules.resize(s.towns.size());
    auto own = std::make_shared<CompiledModel>(
        compile(town_ladder(s, static_cast<int>(t)), variant, months));
    m.towns[t] = own->towns.front();
    m.town_rules[t] = std::move(own);
  }
  bool any_payer = false;
  for (const Stage& st : s.stages) any_payer |= !st.payer.empty();
  for (const Service& sv : s.services) any_payer |= !sv.payer.empty();
  bool any_other = false;
  for (const Stage& st : s.stages) any_other |= st.other_services_cost_per_month > 0;
  if (any_payer || any_other) {
    auto payer_index = [&m](const std::string& p) {
      const std::string id = p.empty() ? "unspecified" : p;
      for (std::size_t k = 0; k < m.payers.size(); ++k)
        if (m.payers[k] == id) return static_cast<int>(k);
      m.payers.push_back(id);
      return static_cast<int>(m.payers.size()) - 1;
    };
    for (const Stage& st : s.stages) m.stage_payer.push_back(payer_index(st.payer));
    for (const Service& sv : s.services) m.service_payer.push_back(payer_index(sv.payer));
    if (any_other) m.other_services_payer = payer_index(kOtherServicesPayer);
  }
  for (const Cohort& co : s.cohorts) {
    CompiledCohort c;
    c.id = co.id;
    c.label = co.label;
    c.initial_stage = co.initial_stage.empty() ? -1 : s.stage_index(co.initial_stage);
    c.count = co.count;
    c.start_stage = co.start_stage.empty() ? -1 : s.stage_index(co.start_stage);
    c.published = co.published;
    c.from_month = co.from_month;
    c.to_month = co.to_month > 0 ? co.to_month : std::numeric_limits<int>::max();
    if (!co.profile.empty())
      for (std::size_t p = 0; p < s.profiles.size(); ++p)
        if (s.profiles[p].id == co.profile) c.profile = static_cast<int>(p);
    m.cohorts.push_back(std::move(c));
  }
  return m;
}

}  // namespace prostup

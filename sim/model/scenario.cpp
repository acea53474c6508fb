// SPDX-License-Identifier: Apache-2.0
#include "prostup/scenario.hpp"

namespace prostup {

namespace {
template <class V>
int index_of(const V& v, const std::string& id) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i].id == id) return static_cast<int>(i);
  return -1;
}
}  // namespace

int Scenario::stage_index(const std::string& id) const {
  return index_of(stages, id);
}
int Scenario::service_index(const std::string& id) const {
  return index_of(services, id);
}
int Scenario::town_index(const std::string& id) const {
  return index_of(towns, id);
}

Scenario town_ladder(const Scenario& s, int town) {
  Scenario out = s;
  out.towns = {s.towns.at(static_cast<std::size_t>(town))};
  Town& t = out.towns.front();
  for (Stage& st : out.stages) {
    auto it = t.rules.stages.find(st.id);
    if (it == t.rules.stages.end()) continue;
    const StageRules& r = it->second;
    if (r.max_stay_months) {
      if (*r.max_stay_months > 0)
        st.max_stay_months = r.max_stay_months;
      else
        st.max_stay_months.reset();
    }
    if (r.on_expiry) st.on_expiry = *r.on_expiry;
    if (!st.max_stay_months) st.on_expiry.clear();
    if (r.profile_cost_factors) st.profile_cost_factors = *r.profile_cost_factors;
  }
  for (Promotion& p : out.promotions) {
    auto it = t.rules.promotions.find(p.id);
    if (it == t.rules.promotions.end()) continue;
    const PromotionRules& r = it->second;
    if (r.min_months_in_stage) p.min_months_in_stage = *r.min_months_in_stage;
    if (r.min_streak) p.min_streak = *r.min_streak;
    if (r.max_arrears) p.max_arrears = r.max_arrears;
    if (r.employment_required) p.employment_required = *r.employment_required;
    if (r.service_required) p.service_required = *r.service_required;
  }
  for (Service& sv : out.services) {
    auto it = t.rules.services.find(sv.id);
    if (it != t.rules.services.end() && it->second.eligible_stages)
      sv.eligible_stages = *it->second.eligible_stages;
  }
  t.rules = {};
  return out;
}

const char* to_string(StageKind k) {
  switch (k) {
    case StageKind::outside:
      return "outside";
    case StageKind::temporary:
      return "temporary";
    case StageKind::supported:
      return "supported";
    case StageKind::permanent:
      return "permanent";
  }
  return "?";
}

const char* to_string(WaitingPolicy p) {
  switch (p) {
    case WaitingPolicy::fifo:
      return "fifo";
    case WaitingPolicy::longest_streak:
      return "longest_streak";
    case WaitingPolicy::families_first:
      return "families_first";
    case WaitingPolicy::points:
      return "points";
  }
  return "?";
}

const char* to_string(ServicePriority p) {
  switch (p) {
    case ServicePriority::fifo:
      return "fifo";
    case ServicePriority::highest_arrears:
      return "highest_arrears";
    case ServicePriority::families_first:
      return "families_first";
  }
  return "?";
}

const char* to_string(Prob p) {
  switch (p) {
    case Prob::job_gain:
      return "job_gain";
    case Prob::job_loss:
      return "job_loss";
    case Prob::pay_rent:
      return "pay_rent";
    case Prob::comply:
      return "comply";
    case Prob::exit:
      return "exit";
    case Prob::count:
      break;
  }
  return "?";
}

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// ReplicationOutcome in a flat array of doubles, for gathering outcomes across MPI ranks.
#include <cstddef>

#include "prostup/engine.hpp"

namespace prostup {

namespace {

// Every field in one fixed order, shared by both directions so they cannot drift apart.
template <class Outcome, class Scalar, class Vector>
void visit_fields(Outcome& o, Scalar&& scalar, Vector&& vec) {
  scalar(o.households_seen);
  scalar(o.housed_at_start);
  scalar(o.reached_lease);
  scalar(o.stabilized);
  scalar(o.cost_discounted);
  scalar(o.evictions);
  scalar(o.expiries);
  scalar(o.returns_to_street);
  scalar(o.exits);
  scalar(o.demotions);
  scalar(o.arrivals);
  scalar(o.entry_fallbacks);
  scalar(o.roofless_household_months);
  scalar(o.placements);
  scalar(o.waiting_months_placed);
  vec(o.promotions_to);
  vec(o.occupancy_end);
  vec(o.occupancy_sum);
  vec(o.stage_cost);
  vec(o.other_cost);
  vec(o.service_case_months);
  vec(o.service_waiting_sum);
  vec(o.service_cost);
  vec(o.cost_by_year);
  vec(o.cost_by_year_discounted);
  vec(o.promotion_flow);
  vec(o.demotion_flow);
  vec(o.expiry_flow);
  vec(o.arrivals_to);
  vec(o.exits_from);
  vec(o.flows_by_year);
  vec(o.flows_by_month);
  vec(o.occupancy);
  vec(o.waiting);
  vec(o.in_service);
  vec(o.housing_placements);
  vec(o.lease_at);
  vec(o.exit_at);
  vec(o.censored_at);
  vec(o.profile_seen);
  vec(o.profile_housed_at_start);
  vec(o.profile_reached_lease);
  vec(o.profile_stabilized);
  vec(o.profile_evictions);
  vec(o.profile_exits);
  vec(o.profile_arrivals);
  vec(o.profile_roofless_end);
  for (auto* v : o.profile_detail()) vec(*v);
  vec(o.cohorts);
  vec(o.roofless_length);
}

}  // namespace

void ReplicationOutcome::serialize(std::vector<double>& out) const {
  out.push_back(n_stages);
  out.push_back(n_services);
  out.push_back(months);
  out.push_back(n_cohorts);
  visit_fields(
      *this, [&](double x) { out.push_back(x); },
      [&](const std::vector<double>& v) {
        out.push_back(static_cast<double>(v.size()));
        out.insert(out.end(), v.begin(), v.end());
      });
}

const double* ReplicationOutcome::deserialize(const double* p) {
  n_stages = static_cast<int>(*p++);
  n_services = static_cast<int>(*p++);
  months = static_cast<int>(*p++);
  n_cohorts = static_cast<int>(*p++);
  visit_fields(
      *this, [&](double& x) { x = *p++; },
      [&](std::vector<double>& v) {
        const auto n = static_cast<std::size_t>(*p++);
        v.assign(p, p + n);
        p += n;
      });
  n_profiles = static_cast<int>(profile_seen.size());
  return p;
}

}  // namespace prostup

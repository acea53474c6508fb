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

// Small scenarios built in C++ for engine tests: no files, no JSON.
#pragma once

#include <string>

#include "prostup/scenario.hpp"

namespace prostup::test {

inline Stage stage(const std::string& id, StageKind kind, bool pays_rent = false) {
  Stage s;
  s.id = id;
  s.label = id;
  s.kind = kind;
  s.pays_rent = pays_rent;
  return s;
}

inline Profile profile(const std::string& id, double share, double comply, double exit,
                       double pay = 1.0) {
  Profile p;
  p.id = id;
  p.label = id;
  p.share = share;
  p.comply = comply;
  p.exit = exit;
  p.pay_rent_employed = pay;
  p.pay_rent_unemployed = pay;
  return p;
}

inline Promotion promotion(const std::string& from, const std::string& to, int min_streak = 0,
                           int min_months = 0) {
  Promotion p;
  p.id = from + "_to_" + to;
  p.from = from;
  p.to = to;
  p.min_streak = min_streak;
  p.min_months_in_stage = min_months;
  return p;
}

inline Scheduled<int> cap(int n) {
  Scheduled<int> c;
  c.initial = n;
  return c;
}

inline Town town(const std::string& id) {
  Town t;
  t.id = id;
  t.label = id;
  t.arrival_rate.initial = 0;
  return t;
}

}  // namespace prostup::test

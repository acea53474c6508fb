// SPDX-License-Identifier: Apache-2.0
// What a town has observed (format: towns.<id>.observed): the calibration targets of
// `prostup calibrate` (docs/calibration.md). Model layer: plain structs, no JSON.
#pragma once

#include <array>
#include <string>

namespace prostup {

// A town's own monthly counts that can be observed (a series, like occupancy:<stage>): the
// households roofless at the end of the month (the town's outside stages together) and the
// month's placements into housing (docs/model.md, "Functional zero"; docs/calibration.md,
// "A forecast from the town's own counts").
inline constexpr std::array<const char*, 2> kTownSeries = {"roofless", "housing_placements"};

// One observed figure and its uncertainty. `metric` is a name of outcomes.csv (whole-horizon
// outcomes, cohort "all": "evictions", "promotions:lease") or a monthly series of
// timeseries.csv ("occupancy:shelter", "waiting:lease", "in_service:counselling", and the town's
// kTownSeries); a series
// is averaged over months month_from..month_to (one month when they are equal).
struct ObservedTarget {
  std::string metric;
  bool series = false;               // a monthly series (months apply) or an outcome
  int month_from = 0, month_to = 0;  // series only; 0..horizon
  double value = 0;
  // The range a simulation must fall in to count as matching: value -/+ 1.96 se, or the
  // range given. low <= value <= high, low < high.
  double low = 0, high = 0;
  double se = 0;  // > 0 when given as a standard error, else 0 (a range was given)
  std::string source;
  std::string pointer;  // "/towns/<id>/observed/<i>", for messages
};

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// Reading and writing what a town has observed (towns.<id>.observed, the calibration
// targets) and a joint parameter sample (parameter_sample, a calibration's posterior).
// Scenario layer, private: scenario_json.cpp calls these from its reader and to_json.
#pragma once

#include <string>
#include <vector>

#include "prostup/scenario_json.hpp"

namespace prostup::detail {

// Reads towns.<id>.observed at pointer `p` into `out`. `s` holds the stages, services and
// simulation read so far (the metric names and the horizon are checked against them).
void read_observed(const ojson& v, const std::string& p, const Scenario& s,
                   std::vector<ObservedTarget>& out, std::vector<Diagnostic>& diags);

// Reads the top-level parameter_sample (at "/parameter_sample") of a scenario read without
// problems so far: each pointer must name a parameter set_parameter accepts.
void read_parameter_sample(const ojson& v, const Scenario& s, ParameterSample& out,
                           std::vector<Diagnostic>& diags);

ojson observed_json(const std::vector<ObservedTarget>& targets);
ojson parameter_sample_json(const ParameterSample& sample);

// Empty when `metric` names a per-town metric of `s` a target may observe (an outcomes.csv
// metric of the cohort "all" or a timeseries.csv series), else why not. `series` tells
// which kind it is.
std::string observable_metric_problem(const Scenario& s, const std::string& metric, bool& series);

// Every observable metric name of `s` (for suggestions and the agreement test).
std::vector<std::string> observable_metrics(const Scenario& s);

}  // namespace prostup::detail

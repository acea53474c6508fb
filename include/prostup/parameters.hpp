// SPDX-License-Identifier: Apache-2.0
// The scenario format declared once: one table per entity (the top level, simulation, stage,
// promotion, profile, service, town and their nested objects), one row per key, with its
// type, range, default, unit, description and whether it may carry a distribution (PSA).
//
// Model layer: plain data, no JSON. The scenario layer walks these tables for its key checks,
// ranges and allowed distributions, and generates from them scenarios/scenario.schema.json,
// the parameter tables of docs/scenario-format.md and fuzz/scenario.dict (`prostup schema`).
// set_parameter (uncertainty.hpp) accepts exactly the keys marked may_vary.
//
// To add a parameter: a row here, the struct field in scenario.hpp, its read in
// sim/scenario/scenario_json.cpp and its use in the model; then `prostup schema --update .`.
#pragma once

#include <any>
#include <string>
#include <vector>

#include "prostup/uncertainty.hpp"

namespace prostup {

enum class FieldType : unsigned char {
  integer,      // lo..hi
  number,       // lo..hi
  probability,  // 0..1
  boolean,
  text,         // free UTF-8; lo = 1: not empty
  local_text,   // as text, or per language: {"cs": ..., "en": ...} (prostup/local_text.hpp)
  name,         // the scenario's name: ids plus '-'
  payer,        // an id naming a cost line's payer
  choice,       // one of `choices`
  stage,        // a stage id (a reference)
  service,      // a service id
  profile,      // a profile id
  stage_list,   // an array of stage ids, each once; lo = 1: not empty
  number_list,  // an array of numbers, each lo..hi, at most kMaxListItems
  object,       // the entity `nested`
  collection,   // an object keyed by id of `nested` entities; lo..hi entries (0 = no limit)
  id_map,       // an object keyed by id (`refers` names the ids) of `element` values
  schedule,     // an array of `nested` entities ({"month": ..., <value>: ...})
  capacity,     // an integer, or {"initial": ..., "schedule": [...]} (entity `nested`)
  patch,        // an RFC 7396 merge patch of the scenario
  any,          // anything (ignored)
};

// The longest number_list a scenario may give.
inline constexpr int kMaxListItems = 20;

struct Field {
  std::string key;
  FieldType type = FieldType::number;
  double lo = 0, hi = 0;  // range (see FieldType)
  // The default in words as the docs show it; "" = required.
  std::string default_text;
  std::string unit;                  // "CZK per month", "months", ...
  std::string description;           // one line, Markdown
  bool may_vary = false;             // may carry a distribution (format version 2)
  std::string nested;                // entity of object / collection / schedule / id_map elements
  std::vector<std::string> choices;  // for choice
  FieldType element = FieldType::number;  // for id_map: integer, number, object or capacity
  std::string refers;                     // for id_map: "stage", "service" or "profile"
  std::string range_note;                 // what the range column adds in words ("not `from`")
  // The struct member the key fills, for scalar keys: a `double Stage::*`, `int Profile::*`,
  // `bool Promotion::*`, `std::string Service::*`, `std::optional<int> Stage::*`, ... (empty
  // for keys read by code of their own). to_json and set_parameter go through it.
  std::any member;

  bool required() const { return default_text.empty(); }
  // Builders, so a row reads as one line.
  Field& vary() {
    may_vary = true;
    return *this;
  }
  Field& note(std::string n) {
    range_note = std::move(n);
    return *this;
  }
  Field& of(std::string entity) {
    nested = std::move(entity);
    return *this;
  }
  template <class S, class M>
  Field& at(M S::*m) {
    member = m;
    return *this;
  }
  Field& in(std::string unit_text) {
    unit = std::move(unit_text);
    return *this;
  }
};

// An entity's table. doc_keys: `_...` keys are documentation everywhere; where the format
// fixes the keys (fixed_keys) `sources`, `assumptions` and `notes` are too.
struct Entity {
  std::string name;     // "stage"; the $defs name in the schema
  std::string title;    // the docs' heading, e.g. "`stages.<id>`: the rungs"
  std::string pointer;  // where it sits, e.g. "/stages/<id>"
  bool fixed_keys = true;
  std::vector<Field> fields;

  const Field* find(const std::string& key) const;
  std::vector<std::string> keys() const;
};

// Every entity of the format, the top level first.
const std::vector<Entity>& scenario_entities();
// One entity by name; throws std::out_of_range for an unknown name (a programming error).
const Entity& scenario_entity(const std::string& name);

// The forms a distribution may be given in (format version 2): a kind and its fields, by
// moments or by its natural parameters (a kind's first form is its moments form, the last
// its natural one, which the canonical form writes). `common` keys every distribution may
// have besides its fields.
struct DistributionForm {
  DistKind kind;
  std::vector<std::string> fields;
};
const std::vector<DistributionForm>& distribution_forms();
const std::vector<std::string>& distribution_common_keys();  // dist, group, source

// The engine's limits and sanity bounds the tables quote (the reader's messages quote them).
inline constexpr int kMaxMonthsLimit = 600;
inline constexpr double kMaxCostLimit = 1e9;
inline constexpr double kMaxMultiplierLimit = 1000;
inline constexpr double kMaxArrivalRateLimit = 100000;
// Prices: the years a price year may name, and the highest annual discount rate (20 %: above
// any guidance's; the Czech SÚKL's is 3 %, NICE's 3.5 %).
inline constexpr int kMinPriceYear = 1990;
inline constexpr int kMaxPriceYear = 2100;
inline constexpr double kMaxDiscountRate = 0.2;

}  // namespace prostup

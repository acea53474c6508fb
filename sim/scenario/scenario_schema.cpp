// SPDX-License-Identifier: Apache-2.0
// What the format's tables (include/prostup/parameters.hpp) generate: the JSON Schema, the
// parameter tables of docs/scenario-format.md and the fuzzer's dictionary (`prostup schema`).
// The rules between keys of one object that JSON Schema can state (an outside stage pays no
// rent, ...) are written here by hand, next to the entity they belong to; the reader checks
// the same rules in scenario_json.cpp.
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "prostup/local_text.hpp"
#include "prostup/metric_table.hpp"
#include "prostup/parameters.hpp"
#include "scenario_internal.hpp"

namespace prostup {

namespace {

using detail::format_number;
using T = FieldType;

const char* const kIdPattern = "^[a-z][a-z0-9_]{0,39}$";

ojson doc_schema() {
  return {{"description", "Free-form documentation (ignored by prostup)."}};
}
ojson ref(const std::string& def) {
  return {{"$ref", "#/$defs/" + def}};
}

std::string sentence(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  if (!s.empty() && s.back() != '.') s += '.';
  return s;
}

// The default a schema can state: numbers, booleans, `fifo`, `{}`, `[]`, `""`.
ojson default_value(const Field& f) {
  std::string text = f.default_text;
  text.erase(std::remove(text.begin(), text.end(), '`'), text.end());
  ojson v = ojson::parse(text, nullptr, false);
  if (!v.is_discarded() && !v.is_string()) return v;
  if (f.type == T::choice && std::find(f.choices.begin(), f.choices.end(), text) != f.choices.end())
    return text;
  return nullptr;
}

ojson distribution_fields_schema(const DistributionForm& form, bool probability) {
  const ojson in_range = probability ? ojson{{"type", "number"}, {"minimum", 0}, {"maximum", 1}}
                                     : ojson{{"type", "number"}, {"minimum", 0}};
  const ojson positive = {{"type", "number"}, {"exclusiveMinimum", 0}};
  ojson props = ojson::object();
  props["dist"] = {{"const", to_string(form.kind)}};
  for (const auto& k : form.fields) {
    if (k == "value" || k == "min" || k == "mode" || k == "max")
      props[k] = in_range;
    else if (k == "mean" && form.kind == DistKind::normal)
      props[k] = in_range;
    else if (k == "mean" && form.kind == DistKind::beta)
      props[k] = {{"type", "number"}, {"exclusiveMinimum", 0}, {"exclusiveMaximum", 1}};
    else if (k == "meanlog")
      props[k] = {{"type", "number"}};
    else
      props[k] = positive;
  }
  props["group"] = {
      {"description", "Parameters of one group share one quantile draw (they move together)."},
      {"$ref", "#/$defs/id"}};
  props["source"] = {{"description", "Where the distribution comes from (documentation)."}};
  for (const char* k : {"sources", "assumptions", "notes"}) props[k] = doc_schema();
  ojson required = ojson::array({"dist"});
  for (const auto& k : form.fields) required.push_back(k);
  return {{"type", "object"},
          {"properties", props},
          {"patternProperties", {{"^_", doc_schema()}}},
          {"additionalProperties", false},
          {"required", required}};
}

// A distribution whose support lies in [0, 1] (probability) or [0, inf).
ojson distribution_schema(bool probability) {
  ojson alternatives = ojson::array();
  for (const auto& form : distribution_forms()) {
    // A gamma or lognormal reaches beyond 1: never a probability's.
    if (probability && (form.kind == DistKind::gamma || form.kind == DistKind::lognormal)) continue;
    alternatives.push_back(distribution_fields_schema(form, probability));
  }
  return {{"description",
           probability ? "A distribution for a probability (support inside [0, 1]): fixed, beta, "
                         "uniform, triangular or normal (truncated to [0, 1])."
                       : "A distribution for a cost, rate or multiplier (support inside [0, "
                         "inf)): fixed, beta, gamma, lognormal, uniform, triangular or normal "
                         "(truncated at 0)."},
          {"type", "object"},
          {"required", {"dist"}},
          {"oneOf", alternatives}};
}

// The schema of a value of type t (no description).
ojson value_schema(const Field& f, T t) {
  switch (t) {
    case T::integer:
      return {{"type", "integer"}, {"minimum", f.lo}, {"maximum", f.hi}};
    case T::number:
      return {{"type", "number"}, {"minimum", f.lo}, {"maximum", f.hi}};
    case T::probability:
      return ref("probability");
    case T::boolean:
      return {{"type", "boolean"}};
    case T::text:
      return f.lo >= 1 ? ojson{{"type", "string"}, {"minLength", 1}} : ojson{{"type", "string"}};
    case T::local_text:
      return {{"anyOf",
               {f.lo >= 1 ? ojson{{"type", "string"}, {"minLength", 1}} : ojson{{"type", "string"}},
                ref("text_by_language")}}};
    case T::name:
      return {{"type", "string"}, {"pattern", "^[a-z][a-z0-9_-]{0,39}$"}};
    case T::payer:
      return {{"allOf", {ref("id"), {{"not", {{"const", "unspecified"}}}}}}};
    case T::choice:
      return {{"enum", f.choices}};
    case T::stage:
    case T::service:
    case T::profile:
      return ref("id");
    case T::stage_list: {
      ojson s = {{"type", "array"}, {"items", ref("id")}, {"uniqueItems", true}};
      if (f.lo >= 1) s["minItems"] = 1;
      return s;
    }
    case T::number_list:
      return {{"type", "array"},
              {"items", {{"type", "number"}, {"minimum", f.lo}, {"maximum", f.hi}}},
              {"maxItems", kMaxListItems}};
    case T::object:
      return ref(f.nested);
    case T::collection: {
      ojson s = {{"type", "object"},
                 {"patternProperties", {{kIdPattern, ref(f.nested)}, {"^_", doc_schema()}}},
                 {"additionalProperties", false}};
      if (f.lo > 0) s["minProperties"] = f.lo;
      if (f.hi > 0) s["maxProperties"] = f.hi;
      return s;
    }
    case T::id_map: {
      ojson element = value_schema(f, f.element);
      if (f.may_vary) element = {{"anyOf", {element, ref("nonnegative_distribution")}}};
      return {{"type", "object"},
              {"patternProperties", {{kIdPattern, element}, {"^_", doc_schema()}}},
              {"additionalProperties", false}};
    }
    case T::capacity:
      return {
          {"oneOf", {{{"type", "integer"}, {"minimum", f.lo}, {"maximum", f.hi}}, ref(f.nested)}}};
    case T::schedule:
      return {{"type", "array"}, {"items", ref(f.nested)}};
    case T::patch:
      return {{"type", "object"},
              {"propertyNames",
               {{"not", {{"enum", {"variants", "format_version", "name", "simulation"}}}}}}};
    case T::any:
      return ojson::object();
  }
  return ojson::object();
}

ojson field_schema(const Field& f) {
  std::string text = sentence(f.description);
  if (!f.unit.empty()) text += " Unit: " + f.unit + ".";
  if (f.may_vary) text += " May carry a distribution (format version 2).";
  ojson s = {{"description", text}};
  ojson v = value_schema(f, f.type);
  if (f.may_vary && f.type != T::id_map)
    v = {{"anyOf",
          {v, ref(f.type == T::probability ? "probability_distribution"
                                           : "nonnegative_distribution")}}};
  for (auto& [k, x] : v.items()) s[k] = x;
  if (ojson d = default_value(f); !d.is_null() && !f.required()) s["default"] = d;
  return s;
}

// The rules between the keys of one object that JSON Schema states (the reader's own checks
// are in scenario_json.cpp).
void add_rules(const std::string& entity, ojson& s) {
  if (entity == "stage") {
    s["allOf"] = ojson::array(
        {{{"if", {{"properties", {{"kind", {{"const", "outside"}}}}}, {"required", {"kind"}}}},
          {"then",
           {{"properties", {{"pays_rent", {{"const", false}}}}},
            {"not", {{"required", {"arrears_limit"}}}}}}},
         {{"if", {{"required", {"arrears_limit"}}}},
          {"then", {{"properties", {{"pays_rent", {{"const", true}}}}}}}}});
    s["dependentRequired"] = {{"max_stay_months", {"on_expiry"}},
                              {"on_expiry", {"max_stay_months"}},
                              {"arrears_limit", {"on_arrears", "pays_rent"}},
                              {"on_arrears", {"arrears_limit"}}};
  } else if (entity == "arrivals") {
    s["allOf"] = ojson::array(
        {{{"if",
           {{"properties", {{"replace_exits", {{"const", true}}}}},
            {"required", {"replace_exits"}}}},
          {"then",
           {{"properties", {{"rate", {{"maximum", 0}}}}}, {"not", {{"required", {"schedule"}}}}}}},
         // A drawn rate replaces the whole horizon's: no schedule with a distribution.
         {{"if", {{"properties", {{"rate", {{"type", "object"}}}}}, {"required", {"rate"}}}},
          {"then", {{"not", {{"required", {"schedule"}}}}}}}});
  } else if (entity == "cohort") {
    s["oneOf"] = ojson::array({{{"required", {"initial_stage"}}}, {{"required", {"arrivals"}}}});
  } else if (entity == "scenario") {
    s["properties"]["variants"]["propertyNames"] = {{"not", {{"const", "baseline"}}}};
    s["properties"]["cohorts"]["propertyNames"] = {
        {"not", {{"enum", {"all", "initial", "arrivals"}}}}};
  }
}

ojson entity_schema(const Entity& e, bool with_description = true) {
  ojson s = ojson::object();
  if (with_description) s["description"] = sentence(e.title);
  s["type"] = "object";
  ojson props = ojson::object();
  ojson required = ojson::array();
  for (const auto& f : e.fields) {
    props[f.key] = field_schema(f);
    if (f.required()) required.push_back(f.key);
  }
  if (e.fixed_keys)
    for (const char* k : {"sources", "assumptions", "notes"}) props[k] = doc_schema();
  s["properties"] = props;
  s["patternProperties"] = {{"^_", doc_schema()}};
  s["additionalProperties"] = false;
  if (!required.empty()) s["required"] = required;
  add_rules(e.name, s);
  return s;
}

// ---- docs/scenario-format.md ----

std::string number_text(double x) {
  if (x >= 9007199254740992.0) return "2^53";
  if (x >= 1e9) return format_number(x / 1e9) == "1" ? "1e9" : format_number(x);
  return format_number(x);
}

std::string type_text(const Field& f, T t) {
  switch (t) {
    case T::integer:
      return "integer";
    case T::number:
      return "number";
    case T::probability:
      return "probability";
    case T::boolean:
      return "boolean";
    case T::text:
      return "string";
    case T::local_text:
      return "text";
    case T::name:
      return "name";
    case T::payer:
      return "id";
    case T::choice:
      return "enum";
    case T::stage:
      return "stage id";
    case T::service:
      return "service id";
    case T::profile:
      return "profile id";
    case T::stage_list:
      return "array of stage ids";
    case T::number_list:
      return "array of numbers";
    case T::object:
      return "object (" + f.nested + ")";
    case T::collection:
      return "object id -> " + f.nested;
    case T::id_map:
      return "object " + f.refers + " id -> " +
             (f.element == T::object ? f.nested : type_text(f, f.element));
    case T::capacity:
      return "capacity";
    case T::schedule:
      return "array of " + f.nested;
    case T::patch:
      return "merge patch";
    case T::any:
      return "any";
  }
  return "";
}

std::string range_text(const Field& f, T t) {
  std::string r;
  switch (t) {
    case T::integer:
    case T::number:
    case T::capacity:
      r = number_text(f.lo) + ".." + number_text(f.hi);
      break;
    case T::probability:
      r = "0..1";
      break;
    case T::text:
      if (f.lo >= 1) r = "non-empty";
      break;
    case T::local_text:
      r = f.lo >= 1 ? "non-empty" : "";
      break;
    case T::choice:
      for (std::size_t i = 0; i < f.choices.size(); ++i)
        r += (i ? ", `" : "`") + f.choices[i] + "`";
      break;
    case T::stage_list:
      r = f.lo >= 1 ? "non-empty, each once" : "each once";
      break;
    case T::number_list:
      r = "each " + number_text(f.lo) + ".." + number_text(f.hi) + ", at most " +
          number_text(kMaxListItems);
      break;
    case T::collection:
      if (f.hi > 0)
        r = f.lo > 0 ? number_text(f.lo) + " to " + number_text(f.hi) + " entries"
                     : "at most " + number_text(f.hi) + " entries";
      break;
    case T::id_map:
      if (f.element != T::object) r = range_text(f, f.element);
      break;
    default:
      break;
  }
  if (!f.range_note.empty()) r += (r.empty() ? "" : "; ") + f.range_note;
  return r;
}

std::string entity_table(const Entity& e) {
  std::ostringstream out;
  out << "| key | type | range | default | unit | PSA | meaning |\n"
      << "|---|---|---|---|---|---|---|\n";
  for (const auto& f : e.fields)
    out << "| `" << f.key << "` | " << type_text(f, f.type) << " | " << range_text(f, f.type)
        << " | " << (f.required() ? "required" : f.default_text) << " | " << f.unit << " | "
        << (f.may_vary ? "may vary" : "") << " | " << f.description << " |\n";
  if (e.fixed_keys)
    out << "| `sources`, `assumptions`, `notes`, `_...` | any | | | | | documentation |\n";
  else
    out << "| `_...` | any | | | | | documentation |\n";
  return out.str();
}

}  // namespace

ojson scenario_schema() {
  const Entity& top = scenario_entity("scenario");
  ojson s = ojson::object();
  s["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  s["title"] = "prostup scenario (format versions 1 and 2)";
  s["description"] =
      "A transitional-housing ladder (prostupné bydlení) for prostup. Generated by `prostup "
      "schema` from the format's tables (include/prostup/parameters.hpp); do not edit. This "
      "schema checks shape, types and ranges; `prostup validate` also checks references between "
      "ids, profile shares, schedule order and the ladder graph. See docs/scenario-format.md.";
  const ojson root = entity_schema(top, false);
  for (const auto& [k, v] : root.items()) s[k] = v;
  ojson defs = ojson::object();
  defs["id"] = {{"description",
                 "Lower-case letters a-z, digits and '_', starting with a letter, at most 40 "
                 "characters."},
                {"type", "string"},
                {"pattern", kIdPattern}};
  defs["probability"] = {{"type", "number"}, {"minimum", 0}, {"maximum", 1}};
  {
    ojson languages = ojson::object();
    for (const auto& l : text_languages()) languages[l] = {{"type", "string"}, {"minLength", 1}};
    defs["text_by_language"] = {
        {"description",
         "A text per language (the report picks the run's language, else English, else any "
         "given)."},
        {"type", "object"},
        {"properties", languages},
        {"additionalProperties", false},
        {"minProperties", 1}};
  }
  defs["probability_distribution"] = distribution_schema(true);
  defs["nonnegative_distribution"] = distribution_schema(false);
  for (const auto& e : scenario_entities())
    if (e.name != "scenario") defs[e.name] = entity_schema(e);
  s["$defs"] = defs;
  return s;
}

std::string scenario_format_table(const std::string& entity) {
  // docs/model.md's metric tables come from the metric table (prostup/metric_table.hpp).
  if (entity == "metrics" || entity == "cohort_metrics") return metric_docs_table(entity);
  return entity_table(scenario_entity(entity));
}

std::string with_generated_tables(const std::string& markdown) {
  const std::string begin = "<!-- generated by `prostup schema --update`: ";
  const std::string end = "<!-- end of generated table -->";
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t b = markdown.find(begin, at);
    if (b == std::string::npos) break;
    const std::size_t name_end = markdown.find(" -->\n", b);
    const std::size_t e = markdown.find(end, b);
    if (name_end == std::string::npos || e == std::string::npos || e < name_end) break;
    const std::string entity = markdown.substr(b + begin.size(), name_end - b - begin.size());
    out += markdown.substr(at, name_end + 5 - at);
    out += scenario_format_table(entity);
    at = e;
  }
  return out + markdown.substr(at);
}

std::string scenario_fuzz_dictionary() {
  std::set<std::string> words = {"sources", "assumptions", "notes", "baseline"};
  words.insert(text_languages().begin(), text_languages().end());
  for (const auto& e : scenario_entities())
    for (const auto& f : e.fields) {
      words.insert(f.key);
      words.insert(f.choices.begin(), f.choices.end());
    }
  for (const auto& form : distribution_forms()) {
    words.insert(to_string(form.kind));
    words.insert(form.fields.begin(), form.fields.end());
  }
  for (const auto& k : distribution_common_keys()) words.insert(k);
  std::ostringstream out;
  out << "# libFuzzer dictionary: the scenario format's keys and enum values, and JSON tokens, so\n"
         "# mutations build plausible scenarios instead of rediscovering the spelling of every "
         "key.\n"
         "# Generated by `prostup schema --dict` from include/prostup/parameters.hpp.\n";
  for (const auto& w : words) {
    if (w.front() == '$') continue;  // "$schema": a name libFuzzer's syntax would not take
    out << "key_" << w << "=\"\\\"" << w << "\\\"\"\n";
  }
  out << R"(key_schema="\"$schema\""
tok_null="null"
tok_true="true"
tok_false="false"
tok_colon=":"
tok_comma=","
tok_obj="{}"
tok_arr="[]"
tok_empty_str="\"\""
num_zero="0"
num_one="1"
num_neg="-1"
num_half="0.5"
num_big="1e308"
num_huge="1e400"
num_tiny="1e-320"
num_int64="9223372036854775808"
num_seed="9007199254740993"
num_600="600"
num_601="601"
str_utf8="\"\xc5\xbe\""
str_escape="\"\\u0000\""
str_surrogate="\"\\ud800\""
)";
  return out.str();
}

}  // namespace prostup

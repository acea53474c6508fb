// SPDX-License-Identifier: Apache-2.0
// Scenario JSON -> validated Scenario, and back.
//
// Validation runs in layers; each layer collects every problem it finds, and a layer runs
// only when the ones before it found nothing, because its findings would otherwise be noise
// (a ladder with an unknown stage id has no meaningful graph):
//   1. syntax (scenario_parse.cpp): UTF-8, depth, duplicate keys, JSON grammar, numbers;
//   2. shape, types, ranges and references (this file, one pass over the document);
//   3. the ladder graph (scenario_graph.cpp);
//   4. every variant's patched scenario, through layers 2 and 3 again.
#include <algorithm>
#include <any>
#include <cmath>
#include <set>
#include <stdexcept>

#include "observed_json.hpp"
#include "prostup/model.hpp"
#include "prostup/parameters.hpp"
#include "scenario_internal.hpp"

namespace prostup {

namespace detail {
void check_ladder_graph(const Scenario& s, std::vector<Diagnostic>& diags);
}  // namespace detail

using detail::child_pointer;
using detail::closest_match;
using detail::format_number;

namespace {

// Engine limits and sanity bounds; the messages quote them.
constexpr long long kMaxMonths = kMaxMonthsLimit;  // the options table's --months too
constexpr long long kMaxTownHouseholds = 10000000;
constexpr double kMaxArrivalRate = 100000;
constexpr std::size_t kMaxTowns = 1000;
constexpr std::size_t kMaxVariants = 200;
constexpr std::size_t kMaxIdLength = 40;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// The first format version whose parameters may carry distributions.
constexpr int kDistributionsVersion = 2;

const std::vector<std::string> kTopKeys = scenario_entity("scenario").keys();
const std::vector<std::string> kSimulationKeys = scenario_entity("simulation").keys();
const std::vector<std::string> kStageKeys = scenario_entity("stage").keys();
const std::vector<std::string> kPointsKeys = scenario_entity("priority_points").keys();
const std::vector<std::string> kPromotionKeys = scenario_entity("promotion").keys();
const std::vector<std::string> kProfileKeys = scenario_entity("profile").keys();
const std::vector<std::string> kExitDestinationKeys = scenario_entity("exit_destinations").keys();
const std::vector<std::string> kCohortKeys = scenario_entity("cohort").keys();
const std::vector<std::string> kCohortArrivalKeys = scenario_entity("cohort_arrivals").keys();
// Cohort ids the output reserves for its built-in cohorts.
const std::vector<std::string> kBuiltinCohorts = {"all", "initial", "arrivals"};
const std::vector<std::string> kServiceKeys = scenario_entity("service").keys();
const std::vector<std::string> kTownKeys = scenario_entity("town").keys();
const std::vector<std::string> kEntryRouteKeys = scenario_entity("entry_route").keys();
const std::vector<std::string> kArrivalKeys = scenario_entity("arrivals").keys();
const std::vector<std::string> kCapacityKeys = scenario_entity("capacity").keys();
const std::vector<std::string> kCapacityChangeKeys = scenario_entity("capacity_change").keys();
const std::vector<std::string> kRateChangeKeys = scenario_entity("rate_change").keys();
const std::vector<std::string> kVariantKeys = scenario_entity("variant").keys();
const std::vector<std::string> kMultiplierKeys = scenario_entity("multipliers").keys();
const std::vector<std::string> kStageKinds = scenario_entity("stage").find("kind")->choices;
const std::vector<std::string> kWaitingPolicies =
    scenario_entity("stage").find("waiting_list")->choices;
const std::vector<std::string> kServicePriorities =
    scenario_entity("service").find("priority")->choices;

// The distributions a parameter may carry and the fields each takes (one form, or two: by
// moments or by its natural parameters; to_json writes the natural ones, which read back
// exactly). Indexed by DistKind.
const std::vector<std::string> kDistKinds = {"fixed",   "beta",       "gamma", "lognormal",
                                             "uniform", "triangular", "normal"};
using DistForm = DistributionForm;
const std::vector<DistForm>& kDistForms = distribution_forms();
const std::vector<std::string>& kDistCommonKeys = distribution_common_keys();

// Documentation keys: `_anything` wherever the format has an object, and `sources`,
// `assumptions`, `notes` in objects whose keys the format fixes.
bool is_doc_key(const std::string& k, bool fixed_keys) {
  if (!k.empty() && k[0] == '_') return true;
  return fixed_keys && (k == "sources" || k == "assumptions" || k == "notes");
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > kMaxIdLength || id[0] < 'a' || id[0] > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Scenario names become directory names: ids plus '-'.
bool valid_name(const std::string& n) {
  if (n.empty() || n.size() > kMaxIdLength || n[0] < 'a' || n[0] > 'z') return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string kind_of(const ojson& v) {
  switch (v.type()) {
    case ojson::value_t::object:
      return "an object";
    case ojson::value_t::array:
      return "an array";
    case ojson::value_t::string:
      return "a string";
    case ojson::value_t::boolean:
      return "a boolean";
    case ojson::value_t::number_integer:
    case ojson::value_t::number_unsigned:
    case ojson::value_t::number_float:
      return "a number";
    case ojson::value_t::null:
      return "null";
    default:
      return "an unsupported value";
  }
}

// The value as a message shows it.
std::string show(const ojson& v) {
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_number_float()) return format_number(v.get<double>());
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.size() > 40) s = s.substr(0, 40) + "...";
    return "'" + s + "'";
  }
  return kind_of(v);
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += "'" + items[i] + "'";
  }
  return out;
}

std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string s = closest_match(word, candidates);
  return s.empty() ? std::string() : " (did you mean '" + s + "'?)";
}

// A pointer's position in the document: the index of each of its tokens among the keys of
// its object (ordered_json keeps the file's order).
std::vector<std::size_t> document_position(const ojson& doc, const std::string& pointer) {
  std::vector<std::size_t> position;
  std::vector<std::string> tokens;  // unescaped by nlohmann's RFC 6901 parser, back to front
  try {
    for (ojson::json_pointer p(pointer); !p.empty(); p.pop_back()) tokens.push_back(p.back());
  } catch (const ojson::exception&) {
    return position;
  }
  std::reverse(tokens.begin(), tokens.end());
  const ojson* node = &doc;
  for (const std::string& token : tokens) {
    if (!node->is_object()) break;
    std::size_t index = 0;
    const ojson* next = nullptr;
    for (auto it = node->begin(); it != node->end(); ++it, ++index)
      if (it.key() == token) {
        next = &it.value();
        break;
      }
    position.push_back(index);
    if (!next) break;
    node = next;
  }
  return position;
}

// One pass over a document: reads what it can into a Scenario and records every problem.
class Reader {
 public:
  std::vector<Diagnostic> diags;

  void error(const std::string& p, std::string message) {
    diags.push_back({p, std::move(message)});
  }

  bool is_object(const ojson& v, const std::string& p, const char* what = "an object") {
    if (v.is_object()) return true;
    error(p, std::string("must be ") + what + " (got " + kind_of(v) + ")");
    return false;
  }

  void check_keys(const ojson& obj, const std::string& p, const std::vector<std::string>& allowed) {
    for (const auto& [k, v] : obj.items()) {
      if (is_doc_key(k, true) || std::find(allowed.begin(), allowed.end(), k) != allowed.end())
        continue;
      std::string hint = suggestion(k, allowed);
      if (hint.empty()) hint = " (expected " + quoted_list(allowed) + ")";
      error(child_pointer(p, k), "unknown key '" + k + "'" + hint);
    }
  }

  static const ojson* find(const ojson& obj, const std::string& key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }

  const ojson* require(const ojson& obj, const std::string& p, const std::string& key,
                       const std::string& hint = "") {
    const ojson* v = find(obj, key);
    if (!v) error(p, "missing required key '" + key + "'" + hint);
    return v;
  }

  // Integers may be written 12 or 12.0 (JSON does not tell them apart); 12.5 is refused.
  bool integer(const ojson& v, const std::string& p, long long lo, long long hi, long long& out,
               const char* why = "") {
    if (no_distribution_here(v, p)) return false;
    if (!v.is_number()) {
      error(p, "must be an integer (got " + show(v) + ")");
      return false;
    }
    double d;
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(hi)) {
        error(p, "must be at most " + std::to_string(hi) + why + " (got " + show(v) + ")");
        return false;
      }
      out = static_cast<long long>(u);
      return check_int_range(p, lo, hi, out, why);
    }
    if (v.is_number_integer()) {
      out = v.get<long long>();
      return check_int_range(p, lo, hi, out, why);
    }
    d = v.get<double>();
    if (!std::isfinite(d) || std::floor(d) != d) {
      error(p, "must be an integer (got " + show(v) + ")");
      return false;
    }
    if (d < static_cast<double>(lo)) {
      error(p, "must be at least " + std::to_string(lo) + " (got " + show(v) + ")");
      return false;
    }
    if (d > static_cast<double>(hi)) {
      error(p, "must be at most " + std::to_string(hi) + why + " (got " + show(v) + ")");
      return false;
    }
    out = static_cast<long long>(d);
    return true;
  }

  bool check_int_range(const std::string& p, long long lo, long long hi, long long x,
                       const char* why) {
    if (x < lo) {
      error(p, "must be at least " + std::to_string(lo) + " (got " + std::to_string(x) + ")");
      return false;
    }
    if (x > hi) {
      error(p, "must be at most " + std::to_string(hi) + why + " (got " + std::to_string(x) + ")");
      return false;
    }
    return true;
  }

  template <class T>
  void opt_int(const ojson& obj, const std::string& p, const std::string& key, long long lo,
               long long hi, T& out, const char* why = "") {
    if (const ojson* v = find(obj, key)) {
      long long x;
      if (integer(*v, child_pointer(p, key), lo, hi, x, why)) out = static_cast<T>(x);
    }
  }
  void opt_int(const ojson& obj, const std::string& p, const std::string& key, long long lo,
               long long hi, std::optional<int>& out) {
    if (const ojson* v = find(obj, key)) {
      long long x;
      if (integer(*v, child_pointer(p, key), lo, hi, x)) out = static_cast<int>(x);
    }
  }
  template <class T>
  void req_int(const ojson& obj, const std::string& p, const std::string& key, long long lo,
               long long hi, T& out) {
    if (require(obj, p, key)) opt_int(obj, p, key, lo, hi, out);
  }

  bool number(const ojson& v, const std::string& p, double lo, double hi, double& out,
              const char* why = "") {
    if (no_distribution_here(v, p)) return false;
    if (!v.is_number()) {
      error(p, "must be a number (got " + show(v) + ")");
      return false;
    }
    const double d = v.get<double>();
    if (d < lo) {
      error(p, "must be at least " + format_number(lo) + " (got " + show(v) + ")");
      return false;
    }
    if (d > hi) {
      error(p, "must be at most " + format_number(hi) + why + " (got " + show(v) + ")");
      return false;
    }
    out = d == 0 ? 0.0 : d;
    return true;
  }
  void opt_number(const ojson& obj, const std::string& p, const std::string& key, double lo,
                  double hi, double& out, const char* why = "") {
    if (const ojson* v = find(obj, key)) number(*v, child_pointer(p, key), lo, hi, out, why);
  }

  // Scalars read by their row of the format's tables (parameters.hpp): the range, and whether
  // a number may carry a distribution, are the table's. `entity_` is the table being read.
  const Entity* entity_ = nullptr;
  const Field& row(const std::string& key) const {
    const Field* f = entity_->find(key);
    if (!f) throw std::logic_error("no key '" + key + "' in the table of " + entity_->name);
    return *f;
  }
  template <class T>
  void int_row(const ojson& obj, const std::string& p, const std::string& key, T& out,
               const char* why = "") {
    const Field& f = row(key);
    opt_int(obj, p, key, static_cast<long long>(f.lo), static_cast<long long>(f.hi), out, why);
  }
  void int_row(const ojson& obj, const std::string& p, const std::string& key,
               std::optional<int>& out) {
    const Field& f = row(key);
    opt_int(obj, p, key, static_cast<long long>(f.lo), static_cast<long long>(f.hi), out);
  }
  void number_row(const ojson& obj, const std::string& p, const std::string& key, double& out,
                  const char* why = "") {
    const Field& f = row(key);
    if (f.may_vary)
      opt_uncertain(obj, p, key, f.lo, f.hi, out, why);
    else
      opt_number(obj, p, key, f.lo, f.hi, out, why);
  }

  // A distribution where the format does not allow one (an integer, a share, a capacity).
  bool no_distribution_here(const ojson& v, const std::string& p) {
    if (!v.is_object() || !v.contains("dist")) return false;
    error(p,
          "may not carry a distribution (only a profile's monthly probabilities, stage "
          "multipliers, service effects, costs and a town's constant arrival rate may)");
    return true;
  }

  // A parameter that may carry a distribution (PSA): a number in [lo, hi], or a distribution
  // object (see uncertain()) whose support lies in [0, inf) and whose mean lies in [lo, hi].
  bool uncertain_number(const ojson& v, const std::string& p, double lo, double hi, double& out,
                        const char* why = "") {
    if (v.is_object()) return uncertain(v, p, 0, kInfinity, lo, hi, out);
    return number(v, p, lo, hi, out, why);
  }
  void opt_uncertain(const ojson& obj, const std::string& p, const std::string& key, double lo,
                     double hi, double& out, const char* why = "") {
    if (const ojson* v = find(obj, key))
      uncertain_number(*v, child_pointer(p, key), lo, hi, out, why);
  }

  // A distribution object at p for a parameter whose hard range is [range_lo, range_hi] and
  // whose mean must lie in [lo, hi]; on success `out` is its mean and Scenario::uncertain
  // gets an entry.
  bool uncertain(const ojson& v, const std::string& p, double range_lo, double range_hi, double lo,
                 double hi, double& out);

  std::vector<UncertainParameter> uncertain_;  // in the order read
  int format_version_ = kFormatVersion;

  // may_vary: the probability may carry a distribution (a profile's monthly probabilities;
  // not shares, which must sum to 1).
  void probability(const ojson& obj, const std::string& p, const std::string& key, double& out,
                   bool required, bool may_vary = false) {
    const ojson* v = required ? require(obj, p, key) : find(obj, key);
    if (!v) return;
    const std::string vp = child_pointer(p, key);
    if (may_vary && v->is_object()) {
      uncertain(*v, vp, 0, 1, 0, 1, out);
      return;
    }
    if (no_distribution_here(*v, vp)) return;
    if (!v->is_number()) {
      error(vp, "must be a number (got " + show(*v) + ")");
      return;
    }
    const double d = v->get<double>();
    if (d < 0 || d > 1) {
      error(vp, "is a probability and must be between 0 and 1 (got " + show(*v) + ")");
      return;
    }
    out = d == 0 ? 0.0 : d;
  }

  void opt_bool(const ojson& obj, const std::string& p, const std::string& key, bool& out) {
    if (const ojson* v = find(obj, key)) {
      if (v->is_boolean())
        out = v->get<bool>();
      else
        error(child_pointer(p, key), "must be true or false (got " + show(*v) + ")");
    }
  }

  bool string(const ojson& v, const std::string& p, std::string& out, bool non_empty = false) {
    if (!v.is_string()) {
      error(p, "must be a string (got " + show(v) + ")");
      return false;
    }
    if (non_empty && v.get_ref<const std::string&>().empty()) {
      error(p, "must not be empty");
      return false;
    }
    out = v.get<std::string>();
    return true;
  }
  void opt_string(const ojson& obj, const std::string& p, const std::string& key, std::string& out,
                  bool non_empty = false) {
    if (const ojson* v = find(obj, key)) string(*v, child_pointer(p, key), out, non_empty);
  }

  // A human text (format type local_text): a string, or an object of languages {"cs": ...,
  // "en": ...} with at least one, each a non-empty string.
  bool local_text(const ojson& v, const std::string& p, LocalText& out, bool non_empty = false) {
    if (v.is_string()) {
      std::string s;
      if (!string(v, p, s, non_empty)) return false;
      out = LocalText(std::move(s));
      return true;
    }
    const std::vector<std::string>& languages = text_languages();
    if (!v.is_object()) {
      error(p, "must be a string or an object of languages " + quoted_list(languages) + " (got " +
                   show(v) + ")");
      return false;
    }
    LocalText t;
    bool ok = true;
    for (const auto& [l, x] : v.items()) {
      const std::string lp = child_pointer(p, l);
      if (std::find(languages.begin(), languages.end(), l) == languages.end()) {
        error(lp, "unknown language '" + l + "': expected one of " + quoted_list(languages) +
                      suggestion(l, languages));
        ok = false;
        continue;
      }
      std::string s;
      if (!string(x, lp, s, true)) {
        ok = false;
        continue;
      }
      t.by_language.emplace_back(l, std::move(s));
    }
    if (ok && t.by_language.empty()) {
      error(p, "must give the text in at least one language " + quoted_list(languages));
      ok = false;
    }
    if (ok) out = std::move(t);
    return ok;
  }
  void opt_local_text(const ojson& obj, const std::string& p, const std::string& key,
                      LocalText& out, bool non_empty = false) {
    if (const ojson* v = find(obj, key)) local_text(*v, child_pointer(p, key), out, non_empty);
  }

  template <class E>
  void opt_enum(const ojson& obj, const std::string& p, const std::string& key,
                const std::vector<std::string>& names, E& out, bool required = false) {
    const ojson* v = required ? require(obj, p, key) : find(obj, key);
    if (!v) return;
    const std::string vp = child_pointer(p, key);
    std::string s;
    if (!string(*v, vp, s)) return;
    auto it = std::find(names.begin(), names.end(), s);
    if (it == names.end()) {
      std::string hint = suggestion(s, names);
      error(vp, "must be one of " + quoted_list(names) + " (got '" + s + "')" + hint);
      return;
    }
    out = static_cast<E>(it - names.begin());
  }

  // A reference to an entity by id: "unknown stage 'x' (did you mean 'y'?)".
  bool reference(const ojson& v, const std::string& p, const std::vector<std::string>& ids,
                 const char* entity, std::string& out) {
    std::string s;
    if (!string(v, p, s)) return false;
    if (std::find(ids.begin(), ids.end(), s) == ids.end()) {
      error(p, std::string("unknown ") + entity + " '" + s + "'" + suggestion(s, ids));
      return false;
    }
    out = s;
    return true;
  }
  // An id used as a key of a map (capacity, staffing, ...).
  bool key_reference(const std::string& k, const std::string& p,
                     const std::vector<std::string>& ids, const char* entity) {
    if (std::find(ids.begin(), ids.end(), k) != ids.end()) return true;
    error(p, std::string("unknown ") + entity + " '" + k + "'" + suggestion(k, ids));
    return false;
  }

  // An ordered list of stage ids; each listed once.
  void stage_list(const ojson& v, const std::string& p, const std::vector<std::string>& stage_ids,
                  std::vector<std::string>& out, bool non_empty) {
    if (!v.is_array()) {
      error(p, "must be an array of stage ids (got " + kind_of(v) + ")");
      return;
    }
    if (non_empty && v.empty()) error(p, "must list at least one stage");
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string ip = p + "/" + std::to_string(i);
      std::string id;
      if (!reference(v[i], ip, stage_ids, "stage", id)) continue;
      if (std::find(out.begin(), out.end(), id) != out.end()) {
        error(ip, "stage '" + id + "' is listed twice");
        continue;
      }
      out.push_back(id);
    }
  }

  void multipliers(const ojson& v, const std::string& p, Multipliers& out) {
    if (!is_object(v, p)) return;
    for (const auto& [k, x] : v.items()) {
      if (is_doc_key(k, false)) continue;
      auto it = std::find(kMultiplierKeys.begin(), kMultiplierKeys.end(), k);
      const std::string kp = child_pointer(p, k);
      if (it == kMultiplierKeys.end()) {
        std::string hint = suggestion(k, kMultiplierKeys);
        if (hint.empty()) hint = " (expected " + quoted_list(kMultiplierKeys) + ")";
        error(kp, "unknown probability '" + k + "'" + hint);
        continue;
      }
      double f;
      const Field& factor = scenario_entity("multipliers").fields[it - kMultiplierKeys.begin()];
      if (uncertain_number(x, kp, factor.lo, factor.hi, f))
        out.factor[it - kMultiplierKeys.begin()] = f;
    }
  }

  // The entries of a collection (an object keyed by id), skipping documentation keys.
  template <class F>
  void entries(const ojson& coll, const std::string& p, const char* entity, F&& read_entry) {
    for (const auto& [k, v] : coll.items()) {
      if (is_doc_key(k, false)) continue;
      const std::string ep = child_pointer(p, k);
      if (!valid_id(k))
        error(ep, std::string("invalid ") + entity + " id '" + k +
                      "': ids are lower-case letters a-z, digits and '_', start with a letter "
                      "and have at most 40 characters");
      if (!is_object(v, ep)) continue;
      read_entry(k, v, ep);
    }
  }

  static std::vector<std::string> ids_of(const ojson& doc, const char* collection) {
    std::vector<std::string> ids;
    auto it = doc.find(collection);
    if (it == doc.end() || !it->is_object()) return ids;
    for (const auto& [k, v] : it->items())
      if (!is_doc_key(k, false)) ids.push_back(k);
    return ids;
  }

  void read(const ojson& doc, Scenario& s);

  // A cost line's payer: an id naming a metric cost:<payer>, so it may not be a stage's or a
  // service's id (their costs are cost:<id> already).
  void payer(const ojson& v, const std::string& p, std::string& out) {
    const ojson* x = find(v, "payer");
    if (!x) return;
    const std::string pp = child_pointer(p, "payer");
    std::string id;
    if (!string(*x, pp, id)) return;
    if (!valid_id(id) || id == "unspecified") {
      error(pp,
            "must be an id (lower-case letters a-z, digits and '_', starting with a letter; "
            "'unspecified' is reserved) (got '" +
                id + "')");
      return;
    }
    if (std::find(stage_ids_.begin(), stage_ids_.end(), id) != stage_ids_.end() ||
        std::find(service_ids_.begin(), service_ids_.end(), id) != service_ids_.end()) {
      error(pp, "'" + id + "' is a stage or service id; a payer needs its own id (cost:" + id +
                    " would be ambiguous)");
      return;
    }
    out = id;
  }

 private:
  void read_simulation(const ojson& v, const std::string& p, Simulation& sim);
  // A stage's or service's profile_cost_factors (entity_ is its table).
  void profile_cost_factors(const ojson& v, const std::string& p,
                            std::map<std::string, double>& out);
  void read_stage(const std::string& id, const ojson& v, const std::string& p, Stage& st);
  void read_promotion(const std::string& id, const ojson& v, const std::string& p, Promotion& pr);
  void read_profile(const std::string& id, const ojson& v, const std::string& p, Profile& pf);
  void read_service(const std::string& id, const ojson& v, const std::string& p, Service& sv);
  void read_town(const std::string& id, const ojson& v, const std::string& p, Town& t,
                 const Scenario& s);
  void read_town_rules(const ojson& v, const std::string& p, TownRules& r, const Scenario& s);
  void read_variant(const std::string& id, const ojson& v, const std::string& p, Variant& var);
  void read_cohort(const std::string& id, const ojson& v, const std::string& p, Cohort& c,
                   const Scenario& s);
  template <class T>
  void schedule(const ojson& v, const std::string& p, const char* value_key, double lo, double hi,
                bool integral, Scheduled<T>& out);

  // An entry list (the town's or a profile's, at pointer p) ends where there is always room.
  void check_entry_list(const std::string& p, const std::string& stage,
                        const std::vector<std::string>& fallbacks, const Scenario& s) {
    std::vector<std::string> entry;
    if (!stage.empty()) entry.push_back(stage);
    entry.insert(entry.end(), fallbacks.begin(), fallbacks.end());
    if (!stage.empty() && std::find(fallbacks.begin(), fallbacks.end(), stage) != fallbacks.end())
      error(p + "/entry_fallbacks", "repeats the entry_stage '" + stage + "'");
    if (entry.empty()) return;
    const int last = s.stage_index(entry.back());
    if (last >= 0 && s.stages[last].kind != StageKind::outside)
      error(p + (fallbacks.empty() ? "/entry_stage" : "/entry_fallbacks"),
            "the entry list (entry_stage, then entry_fallbacks) must end in an outside "
            "stage, which always has room (it ends in '" +
                entry.back() + "')");
  }

  std::vector<std::string> stage_ids_, service_ids_, profile_ids_;
};

bool Reader::uncertain(const ojson& v, const std::string& p, double range_lo, double range_hi,
                       double lo, double hi, double& out) {
  const std::size_t before = diags.size();
  if (format_version_ < kDistributionsVersion)
    error(p, "a distribution needs format_version " + std::to_string(kDistributionsVersion) +
                 " (this file has " + std::to_string(format_version_) + ")");
  std::string group;
  if (const ojson* g = find(v, "group");
      g && string(*g, child_pointer(p, "group"), group) && !valid_id(group))
    error(child_pointer(p, "group"),
          "must be an id (lower-case letters a-z, digits and '_', starting with a letter) (got '" +
              group + "')");
  const ojson* kind_value = require(v, p, "dist");
  if (!kind_value) return false;
  DistKind kind = DistKind::fixed;
  {
    const std::size_t n = diags.size();
    opt_enum(v, p, "dist", kDistKinds, kind, true);
    if (diags.size() != n) return false;
  }
  // The form whose fields the object names most (ties: the moments form, listed first).
  std::vector<const DistForm*> forms;
  for (const auto& f : kDistForms)
    if (f.kind == kind) forms.push_back(&f);
  const DistForm* form = forms[0];
  auto named = [&](const DistForm& f) {
    return std::count_if(f.fields.begin(), f.fields.end(),
                         [&](const std::string& k) { return v.contains(k); });
  };
  for (const DistForm* f : forms)
    if (named(*f) > named(*form)) form = f;
  std::string takes = std::string("a ") + to_string(kind) + " takes ";
  for (std::size_t i = 0; i < forms.size(); ++i) {
    if (i > 0) takes += ", or ";
    const auto& fields = forms[i]->fields;
    for (std::size_t j = 0; j < fields.size(); ++j)
      takes += (j == 0 ? "" : j + 1 == fields.size() ? " and " : ", ") + ("'" + fields[j] + "'");
  }
  for (const auto& [k, x] : v.items()) {
    if (is_doc_key(k, true) ||
        std::find(kDistCommonKeys.begin(), kDistCommonKeys.end(), k) != kDistCommonKeys.end() ||
        std::find(form->fields.begin(), form->fields.end(), k) != form->fields.end())
      continue;
    error(child_pointer(p, k), "unknown key '" + k + "' for this distribution (" + takes + ")");
  }
  std::map<std::string, double> x;
  for (const auto& k : form->fields) {
    const ojson* f = find(v, k);
    if (!f) {
      error(p, "missing required key '" + k + "' (" + takes + ")");
      continue;
    }
    if (no_distribution_here(*f, child_pointer(p, k))) continue;
    if (!f->is_number()) {
      error(child_pointer(p, k), "must be a number (got " + show(*f) + ")");
      continue;
    }
    x[k] = f->get<double>();
  }
  if (diags.size() != before) return false;

  // Each check names the field it is about.
  auto positive = [&](const char* k) {
    if (x[k] > 0) return true;
    error(child_pointer(p, k), "must be greater than 0 (got " + format_number(x[k]) + ")");
    return false;
  };
  Distribution d;
  d.lo = range_lo;
  d.hi = range_hi;
  double mean = 0;
  bool by_mean = form->fields[0] == "mean";
  if (by_mean) mean = x["mean"];
  std::string problem;
  const char* problem_at = "sd";
  switch (kind) {
    case DistKind::fixed:
      d.a = x["value"];
      mean = d.a;
      by_mean = true;
      break;
    case DistKind::beta:
      if (by_mean) {
        if (!(mean > 0 && mean < 1)) {
          error(child_pointer(p, "mean"), "a beta's mean must be between 0 and 1, exclusive (got " +
                                              format_number(mean) + ")");
          return false;
        }
        if (!positive("sd")) return false;
        problem = beta_from_moments(mean, x["sd"], d);
      } else {
        if (!positive("alpha") || !positive("beta")) return false;
        d.kind = DistKind::beta;
        d.a = x["alpha"];
        d.b = x["beta"];
      }
      break;
    case DistKind::gamma:
    case DistKind::lognormal:
      if (by_mean) {
        if (!positive("mean") || !positive("sd")) return false;
        problem = kind == DistKind::gamma ? gamma_from_moments(mean, x["sd"], d)
                                          : lognormal_from_moments(mean, x["sd"], d);
      } else if (kind == DistKind::gamma) {
        if (!positive("shape") || !positive("scale")) return false;
        d.kind = kind;
        d.a = x["shape"];
        d.b = x["scale"];
      } else {
        if (!positive("sdlog")) return false;
        d.kind = kind;
        d.a = x["meanlog"];
        d.b = x["sdlog"];
      }
      break;
    case DistKind::uniform:
      d.kind = kind;
      d.a = x["min"];
      d.b = x["max"];
      if (!(d.b > d.a)) {
        error(child_pointer(p, "max"), "must be greater than min (" + format_number(d.a) + ")");
        return false;
      }
      break;
    case DistKind::triangular:
      d.kind = kind;
      d.a = x["min"];
      d.b = x["mode"];
      d.c = x["max"];
      if (!(d.c > d.a)) {
        error(child_pointer(p, "max"), "must be greater than min (" + format_number(d.a) + ")");
        return false;
      }
      if (!(d.b >= d.a && d.b <= d.c)) {
        error(child_pointer(p, "mode"),
              "must lie between min and max (got " + format_number(d.b) + ")");
        return false;
      }
      break;
    case DistKind::normal:
      if (!positive("sd")) return false;
      d.kind = kind;
      d.a = mean;
      d.b = x["sd"];
      by_mean = false;  // the truncated normal's mean is not the one given
      break;
  }
  if (!problem.empty()) {
    error(child_pointer(p, problem_at), problem);
    return false;
  }
  if (problem = distribution_problem(d); !problem.empty()) {
    error(p, problem);
    return false;
  }
  if (!by_mean) mean = d.mean();
  if (mean < lo || mean > hi) {
    error(p, "the distribution's mean " + format_number(mean) + " must lie between " +
                 format_number(lo) + " and " + format_number(hi));
    return false;
  }
  out = mean == 0 ? 0.0 : mean;
  uncertain_.push_back({p, group, d});
  return true;
}

void Reader::read_simulation(const ojson& v, const std::string& p, Simulation& sim) {
  if (!is_object(v, p)) return;
  check_keys(v, p, kSimulationKeys);
  entity_ = &scenario_entity("simulation");
  int_row(v, p, "months", sim.months, " (the engine's limit)");
  int_row(v, p, "replications", sim.replications, " (the engine's limit)");
  int_row(v, p, "seed", sim.seed, " (2^53)");
  int_row(v, p, "stabilized_months", sim.stabilized_months);
  int_row(v, p, "functional_zero_months", sim.functional_zero_months);
  int_row(v, p, "price_year", sim.price_year);
  number_row(v, p, "discount_rate", sim.discount_rate);
  if (const ojson* w = find(v, "willingness_to_pay")) {
    const Field& f = row("willingness_to_pay");
    const std::string wp = child_pointer(p, "willingness_to_pay");
    if (!w->is_array()) {
      error(wp, "must be an array of numbers (got " + show(*w) + ")");
    } else if (w->size() > static_cast<std::size_t>(kMaxListItems)) {
      error(wp, "at most " + std::to_string(kMaxListItems) + " values (got " +
                    std::to_string(w->size()) + ")");
    } else {
      for (std::size_t i = 0; i < w->size(); ++i) {
        double d;
        if (number((*w)[i], child_pointer(wp, std::to_string(i)), f.lo, f.hi, d))
          sim.willingness_to_pay.push_back(d);
      }
    }
  }
}

void Reader::profile_cost_factors(const ojson& v, const std::string& p,
                                  std::map<std::string, double>& out) {
  const Field& f = row("profile_cost_factors");
  const ojson* m = find(v, "profile_cost_factors");
  if (!m) return;
  const std::string mp = child_pointer(p, "profile_cost_factors");
  if (!is_object(*m, mp)) return;
  for (const auto& [k, x] : m->items()) {
    if (is_doc_key(k, false)) continue;
    const std::string kp = child_pointer(mp, k);
    double d;
    if (key_reference(k, kp, profile_ids_, "profile") && number(x, kp, f.lo, f.hi, d)) out[k] = d;
  }
}

void Reader::read_stage(const std::string& id, const ojson& v, const std::string& p, Stage& st) {
  st.id = id;
  check_keys(v, p, kStageKeys);
  if (const ojson* l = require(v, p, "label"))
    local_text(*l, child_pointer(p, "label"), st.label, true);
  opt_enum(v, p, "kind", kStageKinds, st.kind, true);
  opt_bool(v, p, "pays_rent", st.pays_rent);
  entity_ = &scenario_entity("stage");
  number_row(v, p, "cost_per_month", st.cost_per_month);
  payer(v, p, st.payer);
  number_row(v, p, "other_services_cost_per_month", st.other_services_cost_per_month);
  profile_cost_factors(v, p, st.profile_cost_factors);
  int_row(v, p, "max_stay_months", st.max_stay_months);
  int_row(v, p, "arrears_limit", st.arrears_limit);
  if (const ojson* e = find(v, "on_expiry"))
    stage_list(*e, child_pointer(p, "on_expiry"), stage_ids_, st.on_expiry, true);
  if (const ojson* e = find(v, "on_arrears"))
    stage_list(*e, child_pointer(p, "on_arrears"), stage_ids_, st.on_arrears, true);
  if (const ojson* m = find(v, "multipliers"))
    multipliers(*m, child_pointer(p, "multipliers"), st.multipliers);
  opt_enum(v, p, "waiting_list", kWaitingPolicies, st.waiting_list);
  if (const ojson* w = find(v, "priority_points")) {
    const std::string wp = child_pointer(p, "priority_points");
    if (find(v, "waiting_list") && v["waiting_list"] != "points")
      error(wp, "priority_points is used only with waiting_list \"points\"");
    if (is_object(*w, wp)) {
      check_keys(*w, wp, kPointsKeys);
      PriorityPoints& pp = st.priority_points;
      entity_ = &scenario_entity("priority_points");
      number_row(*w, wp, "waiting_months", pp.waiting_months);
      number_row(*w, wp, "children", pp.children);
      number_row(*w, wp, "roofless_months", pp.roofless_months);
      number_row(*w, wp, "arrears_months", pp.arrears_months);
    }
  } else if (st.waiting_list == WaitingPolicy::points) {
    error(p, "waiting_list \"points\" needs priority_points (the weights of the score)");
  }

  const bool outside = find(v, "kind") && v["kind"] == "outside";
  if (outside && st.pays_rent)
    error(child_pointer(p, "pays_rent"), "an outside stage has no rent; remove pays_rent");
  if (outside && find(v, "arrears_limit"))
    error(child_pointer(p, "arrears_limit"),
          "an outside stage has no rent, so it has no arrears_limit");
  else if (find(v, "arrears_limit") && !st.pays_rent)
    error(child_pointer(p, "arrears_limit"), "arrears_limit needs pays_rent: true");
  if (find(v, "arrears_limit") && !find(v, "on_arrears"))
    error(p, "arrears_limit needs on_arrears (where evicted households go)");
  if (find(v, "on_arrears") && !find(v, "arrears_limit"))
    error(child_pointer(p, "on_arrears"), "on_arrears is used only with arrears_limit");
  if (find(v, "max_stay_months") && !find(v, "on_expiry"))
    error(p, "max_stay_months needs on_expiry (where households go when their stay ends)");
  if (find(v, "on_expiry") && !find(v, "max_stay_months"))
    error(child_pointer(p, "on_expiry"), "on_expiry is used only with max_stay_months");
}

void Reader::read_promotion(const std::string& id, const ojson& v, const std::string& p,
                            Promotion& pr) {
  pr.id = id;
  check_keys(v, p, kPromotionKeys);
  if (const ojson* f = require(v, p, "from"))
    reference(*f, child_pointer(p, "from"), stage_ids_, "stage", pr.from);
  if (const ojson* t = require(v, p, "to"))
    reference(*t, child_pointer(p, "to"), stage_ids_, "stage", pr.to);
  entity_ = &scenario_entity("promotion");
  int_row(v, p, "min_months_in_stage", pr.min_months_in_stage);
  int_row(v, p, "min_streak", pr.min_streak);
  int_row(v, p, "max_arrears", pr.max_arrears);
  opt_bool(v, p, "employment_required", pr.employment_required);
  if (const ojson* sr = find(v, "service_required"))
    reference(*sr, child_pointer(p, "service_required"), service_ids_, "service",
              pr.service_required);
  if (!pr.from.empty() && pr.from == pr.to)
    error(child_pointer(p, "to"), "a promotion must lead to a different stage");
}

void Reader::read_profile(const std::string& id, const ojson& v, const std::string& p,
                          Profile& pf) {
  pf.id = id;
  pf.label = id;
  check_keys(v, p, kProfileKeys);
  opt_local_text(v, p, "label", pf.label, true);
  probability(v, p, "share", pf.share, true);
  entity_ = &scenario_entity("profile");
  int_row(v, p, "household_size", pf.household_size);
  int_row(v, p, "children", pf.children);
  if (find(v, "children") && pf.children >= pf.household_size)
    error(child_pointer(p, "children"), "must be less than household_size (" +
                                            std::to_string(pf.household_size) +
                                            "): a household has at least one adult");
  probability(v, p, "job_gain", pf.job_gain, true, true);
  probability(v, p, "job_loss", pf.job_loss, true, true);
  probability(v, p, "pay_rent_unemployed", pf.pay_rent_unemployed, true, true);
  probability(v, p, "pay_rent_employed", pf.pay_rent_employed, true, true);
  probability(v, p, "comply", pf.comply, true, true);
  probability(v, p, "exit", pf.exit, true, true);
  probability(v, p, "employed_at_entry", pf.employed_at_entry, false, true);
  if (const ojson* d = find(v, "exit_destinations")) {
    const std::string dp = child_pointer(p, "exit_destinations");
    if (is_object(*d, dp)) {
      check_keys(*d, dp, kExitDestinationKeys);
      const std::size_t before = diags.size();
      pf.exit_to_own_housing = pf.exit_to_institution = pf.exit_unknown = 0;
      probability(*d, dp, "to_own_housing", pf.exit_to_own_housing, false);
      probability(*d, dp, "to_institution", pf.exit_to_institution, false);
      probability(*d, dp, "unknown", pf.exit_unknown, false);
      const double sum = pf.exit_to_own_housing + pf.exit_to_institution + pf.exit_unknown;
      if (diags.size() == before && std::abs(sum - 1) > 1e-9)
        error(dp, "exit destination shares must sum to 1 (they sum to " + format_number(sum) + ")");
    }
  }
}

void Reader::read_cohort(const std::string& id, const ojson& v, const std::string& p, Cohort& c,
                         const Scenario& s) {
  c.id = id;
  c.label = id;
  check_keys(v, p, kCohortKeys);
  if (std::find(kBuiltinCohorts.begin(), kBuiltinCohorts.end(), id) != kBuiltinCohorts.end())
    error(p, "'" + id + "' is a built-in cohort (all, initial, arrivals); pick another id");
  opt_local_text(v, p, "label", c.label, true);
  const ojson* initial = find(v, "initial_stage");
  const ojson* arrivals = find(v, "arrivals");
  if (initial && arrivals)
    error(p, "a cohort is either initial_stage or arrivals, not both");
  else if (!initial && !arrivals)
    error(p,
          "a cohort needs initial_stage (households placed in a stage at month 0) or arrivals "
          "(households arriving in a window of months)");
  if (initial)
    reference(*initial, child_pointer(p, "initial_stage"), stage_ids_, "stage", c.initial_stage);
  entity_ = &scenario_entity("cohort");
  for (const char* key : {"count", "start_stage"})
    if (!initial && find(v, key))
      error(child_pointer(p, key), std::string("'") + key + "' needs 'initial_stage'");
  int_row(v, p, "count", c.count);
  if (const ojson* st = find(v, "start_stage")) {
    reference(*st, child_pointer(p, "start_stage"), stage_ids_, "stage", c.start_stage);
    const int from = s.stage_index(c.initial_stage);
    if (!c.start_stage.empty() && c.start_stage != c.initial_stage && from >= 0 &&
        s.stages[from].kind == StageKind::permanent)
      error(child_pointer(p, "start_stage"),
            "the households of a permanent initial_stage are not in need; only households in "
            "need can start elsewhere");
  }
  if (const ojson* pub = find(v, "published")) {
    const std::string pp = child_pointer(p, "published");
    if (!pub->is_array()) {
      error(pp, "must be an array of published figures (got " + show(*pub) + ")");
    } else {
      for (std::size_t k = 0; k < pub->size(); ++k) {
        const ojson& f = (*pub)[k];
        const std::string fp = pp + "/" + std::to_string(k);
        if (!is_object(f, fp)) continue;
        check_keys(f, fp, scenario_entity("published_figure").keys());
        entity_ = &scenario_entity("published_figure");
        PublishedFigure fig;
        if (const ojson* m = require(f, fp, "metric"))
          string(*m, child_pointer(fp, "metric"), fig.metric, true);
        if (require(f, fp, "value")) number_row(f, fp, "value", fig.value);
        opt_local_text(f, fp, "text", fig.text);
        if (const ojson* src = require(f, fp, "source"))
          string(*src, child_pointer(fp, "source"), fig.source, true);
        opt_bool(f, fp, "fitted", fig.fitted);
        c.published.push_back(std::move(fig));
      }
    }
  }
  if (arrivals) {
    const std::string ap = child_pointer(p, "arrivals");
    if (is_object(*arrivals, ap)) {
      c.arrivals = true;
      check_keys(*arrivals, ap, kCohortArrivalKeys);
      entity_ = &scenario_entity("cohort_arrivals");
      int_row(*arrivals, ap, "from_month", c.from_month);
      int_row(*arrivals, ap, "to_month", c.to_month);
      if (find(*arrivals, "to_month") && c.to_month < c.from_month)
        error(child_pointer(ap, "to_month"),
              "must not be before from_month (" + std::to_string(c.from_month) + ")");
    }
  }
  if (const ojson* pf = find(v, "profile")) {
    std::vector<std::string> ids;
    for (const auto& x : s.profiles) ids.push_back(x.id);
    reference(*pf, child_pointer(p, "profile"), ids, "profile", c.profile);
  }
}

void Reader::read_service(const std::string& id, const ojson& v, const std::string& p,
                          Service& sv) {
  sv.id = id;
  sv.label = id;
  check_keys(v, p, kServiceKeys);
  opt_local_text(v, p, "label", sv.label, true);
  if (const ojson* e = require(v, p, "eligible_stages"))
    stage_list(*e, child_pointer(p, "eligible_stages"), stage_ids_, sv.eligible_stages, true);
  entity_ = &scenario_entity("service");
  if (require(v, p, "caseload_per_worker"))
    int_row(v, p, "caseload_per_worker", sv.caseload_per_worker);
  opt_enum(v, p, "priority", kServicePriorities, sv.priority);
  int_row(v, p, "engagement_months", sv.engagement_months);
  if (const ojson* m = find(v, "effects")) multipliers(*m, child_pointer(p, "effects"), sv.effects);
  int_row(v, p, "arrears_repayment", sv.arrears_repayment);
  number_row(v, p, "cost_per_case_month", sv.cost_per_case_month);
  payer(v, p, sv.payer);
  profile_cost_factors(v, p, sv.profile_cost_factors);
}

// A schedule: [{"month": m, <value_key>: x}, ...] with months strictly increasing.
template <class T>
void Reader::schedule(const ojson& v, const std::string& p, const char* value_key, double lo,
                      double hi, bool integral, Scheduled<T>& out) {
  if (!v.is_array()) {
    error(p, std::string("must be an array of {\"month\": ..., \"") + value_key + "\": ...} (got " +
                 kind_of(v) + ")");
    return;
  }
  const auto& keys = integral ? kCapacityChangeKeys : kRateChangeKeys;
  int previous = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string ip = p + "/" + std::to_string(i);
    const ojson& change = v[i];
    if (!is_object(change, ip)) continue;
    check_keys(change, ip, keys);
    long long month = 0;
    bool ok = false;
    if (const ojson* m = require(change, ip, "month"))
      ok = integer(*m, ip + "/month", 1, kMaxMonths, month);
    T value{};
    if (const ojson* x = require(change, ip, value_key)) {
      if (integral) {
        long long n;
        if (integer(*x, child_pointer(ip, value_key), static_cast<long long>(lo),
                    static_cast<long long>(hi), n))
          value = static_cast<T>(n);
        else
          ok = false;
      } else {
        double d;
        if (number(*x, child_pointer(ip, value_key), lo, hi, d, " (the engine's limit)"))
          value = static_cast<T>(d);
        else
          ok = false;
      }
    } else {
      ok = false;
    }
    if (!ok) continue;
    if (month <= previous) {
      error(ip + "/month", "schedule months must increase strictly (month " +
                               std::to_string(month) + " comes after month " +
                               std::to_string(previous) + ")");
      continue;
    }
    previous = static_cast<int>(month);
    out.changes.emplace_back(static_cast<int>(month), value);
  }
}

void Reader::read_town(const std::string& id, const ojson& v, const std::string& p, Town& t,
                       const Scenario& s) {
  t.id = id;
  t.label = id;
  check_keys(v, p, kTownKeys);
  opt_local_text(v, p, "label", t.label, true);

  if (const ojson* init = find(v, "initial")) {
    const std::string ip = child_pointer(p, "initial");
    if (is_object(*init, ip)) {
      long long total = 0;
      for (const auto& [k, n] : init->items()) {
        if (is_doc_key(k, false)) continue;
        const std::string kp = child_pointer(ip, k);
        long long x;
        if (key_reference(k, kp, stage_ids_, "stage") &&
            integer(n, kp, 0, kMaxTownHouseholds, x, " (the engine's limit)")) {
          t.initial[k] = static_cast<int>(x);
          total += x;
        }
      }
      if (total > kMaxTownHouseholds)
        error(ip, "the town starts with " + std::to_string(total) + " households; at most " +
                      std::to_string(kMaxTownHouseholds) + " (the engine's limit)");
    }
  }

  if (const ojson* cap = require(v, p, "capacity",
                                 " (every stage that is not outside needs one; use 0 if the "
                                 "town has none)")) {
    const std::string cp = child_pointer(p, "capacity");
    if (is_object(*cap, cp)) {
      for (const auto& [k, c] : cap->items()) {
        if (is_doc_key(k, false)) continue;
        const std::string kp = child_pointer(cp, k);
        if (!key_reference(k, kp, stage_ids_, "stage")) continue;
        const int si = s.stage_index(k);
        if (si >= 0 && s.stages[si].kind == StageKind::outside) {
          error(kp, "'" + k + "' is an outside stage, which always has room; remove its capacity");
          continue;
        }
        Scheduled<int> sched;
        long long x;
        if (no_distribution_here(c, kp)) continue;
        if (c.is_object()) {
          check_keys(c, kp, kCapacityKeys);
          if (const ojson* i = require(c, kp, "initial"))
            if (integer(*i, kp + "/initial", 0, kMaxTownHouseholds, x, " (the engine's limit)"))
              sched.initial = static_cast<int>(x);
          if (const ojson* sc = find(c, "schedule"))
            schedule(*sc, kp + "/schedule", "value", 0, kMaxTownHouseholds, true, sched);
        } else if (c.is_number()) {
          if (integer(c, kp, 0, kMaxTownHouseholds, x, " (the engine's limit)"))
            sched.initial = static_cast<int>(x);
        } else {
          error(kp, "must be an integer or {\"initial\": ..., \"schedule\": [...]} (got " +
                        std::string(kind_of(c)) + ")");
          continue;
        }
        t.capacity[k] = std::move(sched);
      }
      for (const auto& st : s.stages) {
        if (st.kind == StageKind::outside || st.id.empty() || cap->contains(st.id)) continue;
        error(cp, "no capacity for stage '" + st.id + "' (use 0 if the town has none)");
      }
    }
  }

  if (const ojson* arr = find(v, "arrivals")) {
    const std::string ap = child_pointer(p, "arrivals");
    if (is_object(*arr, ap)) {
      check_keys(*arr, ap, kArrivalKeys);
      entity_ = &scenario_entity("arrivals");
      number_row(*arr, ap, "rate", t.arrival_rate.initial,
                 " households/month (the engine's limit)");
      // A drawn value replaces the rate of the whole horizon, so it must be constant.
      if (const ojson* r = find(*arr, "rate"); r && r->is_object() && find(*arr, "schedule"))
        error(ap + "/rate",
              "a distribution needs a constant rate: give the rate as a number, or remove the "
              "schedule");
      if (const ojson* sc = find(*arr, "schedule"))
        schedule(*sc, ap + "/schedule", "rate", 0, kMaxArrivalRate, false, t.arrival_rate);
      opt_bool(*arr, ap, "replace_exits", t.replace_exits);
      if (t.replace_exits && t.arrival_rate.initial > 0)
        error(ap + "/rate",
              "with replace_exits the population is closed: rate must be 0 or absent");
      if (t.replace_exits && find(*arr, "schedule"))
        error(ap + "/schedule", "with replace_exits the population is closed: remove the schedule");
    }
  }

  if (const ojson* e = require(v, p, "entry_stage")) {
    std::string id2;
    if (reference(*e, child_pointer(p, "entry_stage"), stage_ids_, "stage", id2))
      t.entry_stage = id2;
  }
  if (const ojson* f = find(v, "entry_fallbacks"))
    stage_list(*f, child_pointer(p, "entry_fallbacks"), stage_ids_, t.entry_fallbacks, false);
  check_entry_list(p, t.entry_stage, t.entry_fallbacks, s);

  // Entry routes by profile: the same two keys as the town's, for the profiles named.
  if (const ojson* by = find(v, "entry_by_profile")) {
    const std::string bp = child_pointer(p, "entry_by_profile");
    if (is_object(*by, bp)) {
      for (const auto& [k, route] : by->items()) {
        if (is_doc_key(k, false)) continue;
        const std::string kp = child_pointer(bp, k);
        if (!key_reference(k, kp, profile_ids_, "profile") || !is_object(route, kp)) continue;
        check_keys(route, kp, kEntryRouteKeys);
        EntryRoute r;
        if (const ojson* e = require(route, kp, "entry_stage"))
          reference(*e, child_pointer(kp, "entry_stage"), stage_ids_, "stage", r.stage);
        if (const ojson* f = find(route, "entry_fallbacks"))
          stage_list(*f, child_pointer(kp, "entry_fallbacks"), stage_ids_, r.fallbacks, false);
        check_entry_list(kp, r.stage, r.fallbacks, s);
        t.entry_by_profile[k] = std::move(r);
      }
    }
  }

  // Maps of numbers by id; the range and whether a value may vary are the table's.
  entity_ = &scenario_entity("town");
  auto id_map = [&](const char* key, const std::vector<std::string>& ids, const char* entity,
                    std::map<std::string, double>& out) {
    const Field& f = row(key);
    const ojson* m = find(v, key);
    if (!m) return;
    const std::string mp = child_pointer(p, key);
    if (!is_object(*m, mp)) return;
    for (const auto& [k, x] : m->items()) {
      if (is_doc_key(k, false)) continue;
      const std::string kp = child_pointer(mp, k);
      double d;
      if (key_reference(k, kp, ids, entity) &&
          (f.may_vary ? uncertain_number(x, kp, f.lo, f.hi, d) : number(x, kp, f.lo, f.hi, d)))
        out[k] = d;
    }
  };
  id_map("staffing", service_ids_, "service", t.staffing);
  id_map("stage_costs", stage_ids_, "stage", t.stage_costs);
  id_map("service_costs", service_ids_, "service", t.service_costs);
  if (const ojson* o = find(v, "observed"))
    detail::read_observed(*o, child_pointer(p, "observed"), s, t.observed, diags);
  if (const ojson* r = find(v, "rules")) read_town_rules(*r, child_pointer(p, "rules"), t.rules, s);
}

// A town's own rules (towns.<id>.rules): fields of the common ladder's stages, promotion edges
// and services, each checked as the field it replaces.
void Reader::read_town_rules(const ojson& v, const std::string& p, TownRules& r,
                             const Scenario& s) {
  if (!is_object(v, p)) return;
  check_keys(v, p, scenario_entity("town_rules").keys());
  std::vector<std::string> promotion_ids;
  for (const Promotion& pr : s.promotions) promotion_ids.push_back(pr.id);
  // Each entry of one of the maps: its id checked against `ids`, its keys against `entity`.
  auto each = [&](const char* key, const std::vector<std::string>& ids, const char* what,
                  const char* entity, auto&& read_entry) {
    const ojson* m = find(v, key);
    if (!m) return;
    const std::string mp = child_pointer(p, key);
    if (!is_object(*m, mp)) return;
    for (const auto& [k, x] : m->items()) {
      if (is_doc_key(k, false)) continue;
      const std::string kp = child_pointer(mp, k);
      if (!key_reference(k, kp, ids, what) || !is_object(x, kp)) continue;
      check_keys(x, kp, scenario_entity(entity).keys());
      entity_ = &scenario_entity(entity);
      read_entry(k, x, kp);
    }
  };
  each("stages", stage_ids_, "stage", "town_stage_rules",
       [&](const std::string& id, const ojson& x, const std::string& kp) {
         const Stage* st = nullptr;
         for (const Stage& y : s.stages)
           if (y.id == id) st = &y;
         if (!st) return;  // the stage itself was refused
         StageRules& sr = r.stages[id];
         int_row(x, kp, "max_stay_months", sr.max_stay_months);
         if (const ojson* e = find(x, "on_expiry")) {
           std::vector<std::string> list;
           const std::string ep = child_pointer(kp, "on_expiry");
           const std::size_t before = diags.size();
           stage_list(*e, ep, stage_ids_, list, true);
           if (diags.size() == before) {
             if (std::find(list.begin(), list.end(), id) != list.end())
               error(ep, "a stage cannot send its households to itself");
             const int last = s.stage_index(list.back());
             if (last >= 0 && s.stages[last].kind != StageKind::outside)
               error(ep,
                     "the on_expiry list must end in an outside stage, which always has room "
                     "(it ends in '" +
                         list.back() + "')");
             sr.on_expiry = std::move(list);
           }
         }
         if (find(x, "profile_cost_factors")) {
           std::map<std::string, double> factors;
           profile_cost_factors(x, kp, factors);
           sr.profile_cost_factors = std::move(factors);
         }
         // The town's maximum stay needs somewhere to go, and a destination needs a stay.
         const bool stay = find(x, "max_stay_months") ? x["max_stay_months"] != 0
                                                      : st->max_stay_months.has_value();
         const bool where = find(x, "on_expiry") || !st->on_expiry.empty();
         if (stay && !where)
           error(kp, "max_stay_months needs on_expiry (where households go when their stay ends)");
         if (find(x, "on_expiry") && !stay)
           error(child_pointer(kp, "on_expiry"),
                 "on_expiry is used only with a maximum stay (max_stay_months, this town's or "
                 "the stage's)");
       });
  each("promotions", promotion_ids, "promotion edge", "town_promotion_rules",
       [&](const std::string& id, const ojson& x, const std::string& kp) {
         PromotionRules& pr = r.promotions[id];
         int_row(x, kp, "min_months_in_stage", pr.min_months_in_stage);
         int_row(x, kp, "min_streak", pr.min_streak);
         int_row(x, kp, "max_arrears", pr.max_arrears);
         if (find(x, "employment_required")) {
           bool b = false;
           opt_bool(x, kp, "employment_required", b);
           pr.employment_required = b;
         }
         if (const ojson* sr = find(x, "service_required")) {
           std::string sv;
           if (reference(*sr, child_pointer(kp, "service_required"), service_ids_, "service", sv))
             pr.service_required = sv;
         }
       });
  each("services", service_ids_, "service", "town_service_rules",
       [&](const std::string& id, const ojson& x, const std::string& kp) {
         if (const ojson* e = find(x, "eligible_stages")) {
           std::vector<std::string> list;
           stage_list(*e, child_pointer(kp, "eligible_stages"), stage_ids_, list, true);
           r.services[id].eligible_stages = std::move(list);
         } else {
           r.services[id];
         }
       });
  // An empty entry ({}) changes nothing; it is kept out so that rules of only empty entries
  // are no rules.
  for (auto it = r.stages.begin(); it != r.stages.end();)
    it = !it->second.max_stay_months && !it->second.on_expiry && !it->second.profile_cost_factors
             ? r.stages.erase(it)
             : std::next(it);
  for (auto it = r.promotions.begin(); it != r.promotions.end();) {
    const PromotionRules& x = it->second;
    it = !x.min_months_in_stage && !x.min_streak && !x.max_arrears && !x.employment_required &&
                 !x.service_required
             ? r.promotions.erase(it)
             : std::next(it);
  }
  for (auto it = r.services.begin(); it != r.services.end();)
    it = !it->second.eligible_stages ? r.services.erase(it) : std::next(it);
}

void Reader::read_variant(const std::string& id, const ojson& v, const std::string& p,
                          Variant& var) {
  var.id = id;
  var.label = id;
  check_keys(v, p, kVariantKeys);
  if (id == "baseline") error(p, "'baseline' names the scenario without variants; pick another id");
  opt_local_text(v, p, "label", var.label, true);
  opt_local_text(v, p, "description", var.description);
  if (const ojson* patch = require(v, p, "patch")) {
    const std::string pp = child_pointer(p, "patch");
    if (is_object(*patch, pp, "an object (an RFC 7396 merge patch of the scenario)")) {
      for (const char* key : {"variants", "format_version", "name"})
        if (patch->contains(key))
          error(child_pointer(pp, key), std::string("a variant may not change '") + key + "'");
      var.patch_json = patch->dump();
    }
  }
}

void Reader::read(const ojson& doc, Scenario& s) {
  if (!doc.is_object()) {
    error("", std::string("a scenario must be a JSON object (got ") + kind_of(doc) + ")");
    return;
  }
  // A newer format may mean anything; nothing else is worth checking.
  if (const ojson* fv = require(doc, "", "format_version")) {
    if (fv->is_number() && fv->get<double>() > kFormatVersion &&
        std::floor(fv->get<double>()) == fv->get<double>()) {
      error("/format_version", "format_version " + show(*fv) +
                                   " is newer than this prostup supports (" +
                                   std::to_string(kFormatVersion) + "); upgrade prostup");
      return;
    }
    long long x;
    if (integer(*fv, "/format_version", 1, kFormatVersion, x))
      s.format_version = format_version_ = static_cast<int>(x);
  }
  // Collections over their limit are refused before any entry is read: a file with a million
  // stages or towns took a minute and gave a million diagnostics. One diagnostic each.
  bool oversize = false;
  for (const Field& f : scenario_entity("scenario").fields) {
    if (f.type != FieldType::collection || f.hi <= 0) continue;
    const ojson* c = find(doc, f.key);
    if (!c || !c->is_object() || static_cast<double>(c->size()) <= f.hi) continue;
    error("/" + f.key, "at most " + format_number(f.hi) + " " + f.key +
                           " (the engine's limit); got " + std::to_string(c->size()) +
                           " (nothing else was checked)");
    oversize = true;
  }
  if (oversize) return;
  check_keys(doc, "", kTopKeys);
  if (const ojson* n = require(doc, "", "name")) {
    if (string(*n, "/name", s.name) && !valid_name(s.name))
      error("/name",
            "must be lower-case letters a-z, digits, '_' or '-', start with a letter "
            "and have at most 40 characters (it names the output directory)");
  }
  opt_local_text(doc, "", "title", s.title);
  opt_local_text(doc, "", "description", s.description);
  if (find(doc, "language")) {
    static const std::vector<std::string> languages =
        scenario_entity("scenario").find("language")->choices;
    std::size_t which = languages.size();
    opt_enum(doc, "", "language", languages, which);
    if (which < languages.size()) s.language = languages[which];
  }
  if (const ojson* sch = find(doc, "$schema"); sch && !sch->is_string())
    error("/$schema", "must be a string (got " + show(*sch) + ")");

  if (const ojson* sim = require(doc, "", "simulation"))
    read_simulation(*sim, "/simulation", s.simulation);

  stage_ids_ = ids_of(doc, "stages");
  service_ids_ = ids_of(doc, "services");
  profile_ids_ = ids_of(doc, "profiles");

  // Stages first: later sections need their kinds.
  if (const ojson* st = require(doc, "", "stages"); st && is_object(*st, "/stages")) {
    entries(*st, "/stages", "stage",
            [&](const std::string& id, const ojson& v, const std::string& p) {
              Stage stage;
              read_stage(id, v, p, stage);
              s.stages.push_back(std::move(stage));
            });
    if (s.stages.size() > static_cast<std::size_t>(kMaxStages))
      error("/stages", "at most " + std::to_string(kMaxStages) +
                           " stages (the engine's limit); got " + std::to_string(s.stages.size()));
    if (s.stages.size() < 2)
      error("/stages", "a ladder needs at least two stages (an outside one and a permanent one)");
    const auto has = [&](StageKind k) {
      return std::any_of(s.stages.begin(), s.stages.end(),
                         [&](const Stage& x) { return x.kind == k; });
    };
    if (!has(StageKind::outside))
      error("/stages",
            "no outside stage: every ladder needs one (the street), where moves end "
            "when no other stage has room");
    if (!has(StageKind::permanent))
      error("/stages",
            "no permanent stage: every ladder needs one (a standard lease), the top "
            "the ladder leads to");
    // Demotion lists end where there is always room.
    for (std::size_t i = 0; i < s.stages.size(); ++i) {
      const Stage& st2 = s.stages[i];
      const std::string p = child_pointer("/stages", st2.id);
      for (const auto* list : {&st2.on_expiry, &st2.on_arrears}) {
        const char* key = list == &st2.on_expiry ? "on_expiry" : "on_arrears";
        if (list->empty()) continue;
        if (std::find(list->begin(), list->end(), st2.id) != list->end())
          error(child_pointer(p, key), "a stage cannot send its households to itself");
        const int last = s.stage_index(list->back());
        if (last >= 0 && s.stages[last].kind != StageKind::outside)
          error(child_pointer(p, key), std::string("the ") + key +
                                           " list must end in an outside stage, which always "
                                           "has room (it ends in '" +
                                           list->back() + "')");
      }
    }
  }

  if (const ojson* sv = find(doc, "services"); sv && is_object(*sv, "/services")) {
    entries(*sv, "/services", "service",
            [&](const std::string& id, const ojson& v, const std::string& p) {
              Service service;
              read_service(id, v, p, service);
              s.services.push_back(std::move(service));
            });
    if (s.services.size() > static_cast<std::size_t>(kMaxServices))
      error("/services", "at most " + std::to_string(kMaxServices) +
                             " services (the engine's limit); got " +
                             std::to_string(s.services.size()));
  }

  if (const ojson* pf = require(doc, "", "profiles"); pf && is_object(*pf, "/profiles")) {
    const std::size_t before = diags.size();
    entries(*pf, "/profiles", "profile",
            [&](const std::string& id, const ojson& v, const std::string& p) {
              Profile profile;
              read_profile(id, v, p, profile);
              s.profiles.push_back(std::move(profile));
            });
    if (s.profiles.empty()) error("/profiles", "at least one household profile is needed");
    if (s.profiles.size() > static_cast<std::size_t>(kMaxProfiles))
      error("/profiles", "at most " + std::to_string(kMaxProfiles) +
                             " profiles (the engine's limit); got " +
                             std::to_string(s.profiles.size()));
    double sum = 0;
    for (const auto& x : s.profiles) sum += x.share;
    if (diags.size() == before && !s.profiles.empty() && std::abs(sum - 1) > 1e-9)
      error("/profiles", "profile shares must sum to 1 (they sum to " + format_number(sum) + ")");
  }

  if (const ojson* pr = find(doc, "promotions"); pr && is_object(*pr, "/promotions")) {
    entries(*pr, "/promotions", "promotion",
            [&](const std::string& id, const ojson& v, const std::string& p) {
              Promotion promotion;
              read_promotion(id, v, p, promotion);
              const int to = s.stage_index(promotion.to);
              if (to >= 0 && s.stages[to].kind == StageKind::outside)
                error(p + "/to",
                      "a promotion cannot lead to an outside stage (moves down are on_arrears "
                      "and on_expiry)");
              s.promotions.push_back(std::move(promotion));
            });
  }

  if (const ojson* tw = require(doc, "", "towns"); tw && is_object(*tw, "/towns")) {
    entries(*tw, "/towns", "town",
            [&](const std::string& id, const ojson& v, const std::string& p) {
              Town town;
              read_town(id, v, p, town, s);
              s.towns.push_back(std::move(town));
            });
    if (s.towns.empty()) error("/towns", "at least one town is needed");
    if (s.towns.size() > kMaxTowns)
      error("/towns", "at most " + std::to_string(kMaxTowns) + " towns (the engine's limit); got " +
                          std::to_string(s.towns.size()));
  }

  if (const ojson* co = find(doc, "cohorts"); co && is_object(*co, "/cohorts")) {
    entries(*co, "/cohorts", "cohort",
            [&](const std::string& id, const ojson& v, const std::string& p) {
              Cohort cohort;
              read_cohort(id, v, p, cohort, s);
              s.cohorts.push_back(std::move(cohort));
            });
    if (s.cohorts.size() > static_cast<std::size_t>(kMaxCohorts))
      error("/cohorts", "at most " + std::to_string(kMaxCohorts) +
                            " tagged cohorts (the engine's limit); got " +
                            std::to_string(s.cohorts.size()));
  }

  if (const ojson* va = find(doc, "variants"); va && is_object(*va, "/variants")) {
    entries(*va, "/variants", "variant",
            [&](const std::string& id, const ojson& v, const std::string& p) {
              Variant variant;
              read_variant(id, v, p, variant);
              s.variants.push_back(std::move(variant));
            });
    if (s.variants.size() > kMaxVariants)
      error("/variants", "at most " + std::to_string(kMaxVariants) +
                             " variants (the engine's limit); got " +
                             std::to_string(s.variants.size()));
  }

  // The uncertain parameters in the file's order (the reader meets the sections in its own).
  std::vector<std::pair<std::vector<std::size_t>, UncertainParameter>> ordered;
  for (auto& u : uncertain_) ordered.emplace_back(document_position(doc, u.pointer), std::move(u));
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  for (auto& [position, u] : ordered) s.uncertain.push_back(std::move(u));
  // Its pointers are checked against the scenario, so only once everything else is sound.
  if (const ojson* ps = find(doc, "parameter_sample"); ps && diags.empty())
    detail::read_parameter_sample(*ps, s, s.parameter_sample, diags);
}

// A parameter's distribution in canonical form: its natural parameters, which read back
// exactly (moments would drift by a rounding on each round trip).
ojson distribution_json(const UncertainParameter& u) {
  const Distribution& d = u.dist;
  ojson j = {{"dist", to_string(d.kind)}};
  switch (d.kind) {
    case DistKind::fixed:
      j["value"] = d.a;
      break;
    case DistKind::beta:
      j["alpha"] = d.a;
      j["beta"] = d.b;
      break;
    case DistKind::gamma:
      j["shape"] = d.a;
      j["scale"] = d.b;
      break;
    case DistKind::lognormal:
      j["meanlog"] = d.a;
      j["sdlog"] = d.b;
      break;
    case DistKind::uniform:
      j["min"] = d.a;
      j["max"] = d.b;
      break;
    case DistKind::triangular:
      j["min"] = d.a;
      j["mode"] = d.b;
      j["max"] = d.c;
      break;
    case DistKind::normal:
      j["mean"] = d.a;
      j["sd"] = d.b;
      break;
  }
  if (!u.group.empty()) j["group"] = u.group;
  return j;
}

// A scalar key's value from its struct member (the table row's `member`); null = leave the
// key out (an empty string, an absent optional); discarded = the row has no member.
template <class S>
ojson member_json(const Field& f, const S& x) {
  if (auto m = std::any_cast<double S::*>(&f.member)) return x.**m;
  if (auto m = std::any_cast<int S::*>(&f.member)) return x.**m;
  if (auto m = std::any_cast<std::uint64_t S::*>(&f.member)) return x.**m;
  if (auto m = std::any_cast<bool S::*>(&f.member)) return x.**m;
  if (auto m = std::any_cast<std::string S::*>(&f.member))
    return (x.**m).empty() ? ojson() : ojson(x.**m);
  if (auto m = std::any_cast<LocalText S::*>(&f.member))
    return (x.**m).empty() ? ojson() : local_text_json<ojson>(x.**m);
  if (auto m = std::any_cast<std::optional<int> S::*>(&f.member))
    return (x.**m) ? ojson(*(x.**m)) : ojson();
  return ojson(ojson::value_t::discarded);
}

// An entity in canonical form, keys in its table's order: scalar keys from their members,
// the others from `other(key)` (null = leave out).
template <class S, class F>
ojson entity_json(const char* entity, const S& x, F&& other) {
  ojson j = ojson::object();
  for (const Field& f : scenario_entity(entity).fields) {
    ojson v = member_json(f, x);
    if (v.is_discarded()) v = other(f.key);
    if (!v.is_null()) j[f.key] = std::move(v);
  }
  return j;
}
ojson none(const std::string&) {
  return nullptr;
}

ojson multipliers_json(const Multipliers& m) {
  ojson out = ojson::object();
  for (int i = 0; i < kProbCount; ++i)
    if (m.factor[i] != 1) out[kMultiplierKeys[i]] = m.factor[i];
  return out;
}

template <class T>
ojson schedule_json(const Scheduled<T>& s, const char* value_key) {
  ojson out = ojson::array();
  for (const auto& [month, value] : s.changes)
    out.push_back({{"month", month}, {value_key, value}});
  return out;
}

// Map entries in the order of `order` (the scenario's order), then any others.
template <class M, class F>
ojson ordered_map_json(const M& m, const std::vector<std::string>& order, F&& value) {
  ojson out = ojson::object();
  for (const auto& id : order)
    if (auto it = m.find(id); it != m.end()) out[id] = value(it->second);
  for (const auto& [id, x] : m)
    if (!out.contains(id)) out[id] = value(x);
  return out;
}

}  // namespace

LoadResult load_scenario_json(const ojson& document) {
  LoadResult r;
  r.document = document;
  Scenario s;
  Reader reader;
  try {
    reader.read(document, s);
    if (reader.diags.empty()) detail::check_ladder_graph(s, reader.diags);
  } catch (const std::exception& e) {  // a bug, but never let it escape as a crash
    reader.error("", std::string("internal error while validating: ") + e.what());
  }
  r.diagnostics = std::move(reader.diags);
  if (r.diagnostics.empty()) r.scenario = std::move(s);
  return r;
}

std::vector<std::string> scenario_top_level_keys() {
  std::vector<std::string> keys = kTopKeys;
  for (const char* doc : {"sources", "assumptions", "notes"}) keys.emplace_back(doc);
  return keys;
}

LoadResult apply_variant(const ojson& base_document, const std::string& variant_id) {
  LoadResult r;
  const std::string vp = child_pointer("/variants", variant_id);
  try {
    const ojson* variant = nullptr;
    if (base_document.is_object())
      if (auto vs = base_document.find("variants"); vs != base_document.end() && vs->is_object())
        if (auto it = vs->find(variant_id); it != vs->end()) variant = &*it;
    if (!variant) {
      r.diagnostics.push_back({"/variants", "no variant '" + variant_id + "' in the scenario"});
      return r;
    }
    const ojson* patch = nullptr;
    if (variant->is_object())
      if (auto it = variant->find("patch"); it != variant->end() && it->is_object()) patch = &*it;
    if (!patch) {
      r.diagnostics.push_back({vp + "/patch", "must be an object (an RFC 7396 merge patch)"});
      return r;
    }
    for (const char* key : {"variants", "format_version", "name"})
      if (patch->contains(key))
        r.diagnostics.push_back(
            {vp + "/patch/" + key, std::string("a variant may not change '") + key + "'"});
    // Variants are compared with common random numbers over one horizon: a patched seed,
    // horizon or replication count would pair different draws (or months) with the baseline.
    if (patch->contains("simulation"))
      r.diagnostics.push_back(
          {vp + "/patch/simulation",
           "a variant may not change 'simulation' (seed, months and replications are shared by "
           "the baseline and every variant so that they are compared on the same random "
           "numbers; use --seed, --months or --replications for the whole run)"});
    if (!r.diagnostics.empty()) return r;
    ojson base = base_document;
    base.erase("variants");
    LoadResult patched = load_scenario_json(merge_patch(base, *patch));
    for (auto& d : patched.diagnostics) d.pointer = vp + "/patch" + d.pointer;
    return patched;
  } catch (const std::exception& e) {
    r.diagnostics.push_back(
        {vp, std::string("internal error while applying the patch: ") + e.what()});
    return r;
  }
}

LoadResult load_scenario_text(std::string_view text) {
  LoadResult r;
  try {
    r.document = detail::parse_scenario_text(text, r.diagnostics);
    if (!r.diagnostics.empty()) return r;
    LoadResult base = load_scenario_json(r.document);
    r.diagnostics = std::move(base.diagnostics);
    if (!r.diagnostics.empty()) return r;
    for (const auto& v : base.scenario->variants) {
      LoadResult patched = apply_variant(r.document, v.id);
      r.diagnostics.insert(r.diagnostics.end(), patched.diagnostics.begin(),
                           patched.diagnostics.end());
    }
    if (r.diagnostics.empty()) r.scenario = std::move(base.scenario);
  } catch (const std::exception& e) {
    r.scenario.reset();
    r.diagnostics.push_back({"", std::string("internal error while loading: ") + e.what()});
  }
  return r;
}

ojson merge_patch(const ojson& target, const ojson& patch) {
  if (!patch.is_object()) return patch;
  // A distribution ({"dist": ...}) is one value: a patch that gives one replaces the old one
  // whole, so that fields of two forms never mix ({"sd": ...} alone still changes one field).
  const bool whole = patch.contains("dist");
  ojson result = target.is_object() && !whole ? target : ojson::object();
  for (const auto& [key, value] : patch.items()) {
    if (value.is_null()) {
      result.erase(key);
    } else {
      auto it = result.find(key);
      // A new key goes to the end, an existing one keeps its place (order carries meaning).
      result[key] = merge_patch(it == result.end() ? ojson() : *it, value);
    }
  }
  return result;
}

namespace {
// A town's rules in the scenario's order of stages, edges, services and profiles.
ojson town_rules_json(const Scenario& s, const TownRules& r) {
  ojson out = ojson::object();
  std::vector<std::string> profile_order;
  for (const auto& pf : s.profiles) profile_order.push_back(pf.id);
  ojson stages = ojson::object();
  for (const Stage& st : s.stages) {
    auto it = r.stages.find(st.id);
    if (it == r.stages.end()) continue;
    ojson j = ojson::object();
    if (it->second.max_stay_months) j["max_stay_months"] = *it->second.max_stay_months;
    if (it->second.on_expiry) j["on_expiry"] = *it->second.on_expiry;
    if (it->second.profile_cost_factors)
      j["profile_cost_factors"] = ordered_map_json(*it->second.profile_cost_factors, profile_order,
                                                   [](double x) { return ojson(x); });
    stages[st.id] = std::move(j);
  }
  if (!stages.empty()) out["stages"] = std::move(stages);
  ojson promotions = ojson::object();
  for (const Promotion& pr : s.promotions) {
    auto it = r.promotions.find(pr.id);
    if (it == r.promotions.end()) continue;
    const PromotionRules& x = it->second;
    ojson j = ojson::object();
    if (x.min_months_in_stage) j["min_months_in_stage"] = *x.min_months_in_stage;
    if (x.min_streak) j["min_streak"] = *x.min_streak;
    if (x.max_arrears) j["max_arrears"] = *x.max_arrears;
    if (x.employment_required) j["employment_required"] = *x.employment_required;
    if (x.service_required) j["service_required"] = *x.service_required;
    promotions[pr.id] = std::move(j);
  }
  if (!promotions.empty()) out["promotions"] = std::move(promotions);
  ojson services = ojson::object();
  for (const Service& sv : s.services) {
    auto it = r.services.find(sv.id);
    if (it != r.services.end() && it->second.eligible_stages)
      services[sv.id] = {{"eligible_stages", *it->second.eligible_stages}};
  }
  if (!services.empty()) out["services"] = std::move(services);
  return out;
}
}  // namespace

ojson to_json(const Scenario& s) {
  ojson out = ojson::object();
  // Distributions need version 2 (a hand-built Scenario may say 1).
  out["format_version"] =
      s.uncertain.empty() ? s.format_version : std::max(s.format_version, kDistributionsVersion);
  out["name"] = s.name;
  if (!s.title.empty()) out["title"] = local_text_json<ojson>(s.title);
  if (!s.description.empty()) out["description"] = local_text_json<ojson>(s.description);
  if (!s.language.empty()) out["language"] = s.language;
  out["simulation"] = entity_json("simulation", s.simulation, [&](const std::string& key) {
    // Written only where given, so that a file without it reads back the same.
    if (key == "willingness_to_pay")
      return s.simulation.willingness_to_pay.empty() ? ojson()
                                                     : ojson(s.simulation.willingness_to_pay);
    return key == "discount_rate" && s.simulation.discount_rate != 0
               ? ojson(s.simulation.discount_rate)
               : ojson();
  });

  std::vector<std::string> stage_order, service_order, profile_order;
  for (const auto& pf : s.profiles) profile_order.push_back(pf.id);
  auto number = [](double x) { return ojson(x); };
  ojson stages = ojson::object();
  for (const auto& st : s.stages) {
    stage_order.push_back(st.id);
    stages[st.id] = entity_json("stage", st, [&](const std::string& key) -> ojson {
      if (key == "kind") return to_string(st.kind);
      if (key == "on_expiry") return st.on_expiry.empty() ? ojson() : ojson(st.on_expiry);
      if (key == "on_arrears") return st.on_arrears.empty() ? ojson() : ojson(st.on_arrears);
      if (key == "multipliers") {
        ojson m = multipliers_json(st.multipliers);
        return m.empty() ? ojson() : m;
      }
      if (key == "profile_cost_factors" && !st.profile_cost_factors.empty())
        return ordered_map_json(st.profile_cost_factors, profile_order, number);
      if (key == "waiting_list") return to_string(st.waiting_list);
      if (key == "priority_points" && st.waiting_list == WaitingPolicy::points) {
        const PriorityPoints& w = st.priority_points;
        return {{"waiting_months", w.waiting_months},
                {"children", w.children},
                {"roofless_months", w.roofless_months},
                {"arrears_months", w.arrears_months}};
      }
      return nullptr;
    });
  }
  out["stages"] = std::move(stages);

  ojson promotions = ojson::object();
  for (const auto& p : s.promotions) {
    promotions[p.id] = entity_json("promotion", p, none);
  }
  out["promotions"] = std::move(promotions);

  ojson profiles = ojson::object();
  for (const auto& p : s.profiles) {
    profiles[p.id] = entity_json("profile", p, [&](const std::string& key) -> ojson {
      if (key != "exit_destinations" || p.exit_unknown == 1) return nullptr;
      return {{"to_own_housing", p.exit_to_own_housing},
              {"to_institution", p.exit_to_institution},
              {"unknown", p.exit_unknown}};
    });
  }
  out["profiles"] = std::move(profiles);

  ojson services = ojson::object();
  for (const auto& sv : s.services) {
    service_order.push_back(sv.id);
    services[sv.id] = entity_json("service", sv, [&](const std::string& key) -> ojson {
      if (key == "eligible_stages") return sv.eligible_stages;
      if (key == "priority") return to_string(sv.priority);
      if (key == "profile_cost_factors" && !sv.profile_cost_factors.empty())
        return ordered_map_json(sv.profile_cost_factors, profile_order, number);
      if (key == "effects") {
        ojson m = multipliers_json(sv.effects);
        return m.empty() ? ojson() : m;
      }
      return nullptr;
    });
  }
  out["services"] = std::move(services);

  ojson towns = ojson::object();
  for (const auto& t : s.towns) {
    ojson j = ojson::object();
    j["label"] = local_text_json<ojson>(t.label);
    j["initial"] = ordered_map_json(t.initial, stage_order, [](int n) { return ojson(n); });
    j["capacity"] = ordered_map_json(t.capacity, stage_order, [](const Scheduled<int>& c) {
      if (c.changes.empty()) return ojson(c.initial);
      return ojson{{"initial", c.initial}, {"schedule", schedule_json(c, "value")}};
    });
    ojson arrivals = {{"rate", t.arrival_rate.initial}};
    if (!t.arrival_rate.changes.empty())
      arrivals["schedule"] = schedule_json(t.arrival_rate, "rate");
    arrivals["replace_exits"] = t.replace_exits;
    j["arrivals"] = std::move(arrivals);
    j["entry_stage"] = t.entry_stage;
    j["entry_fallbacks"] = t.entry_fallbacks;
    if (!t.entry_by_profile.empty()) {
      ojson by = ojson::object();
      for (const auto& pf : s.profiles) {
        auto it = t.entry_by_profile.find(pf.id);
        if (it == t.entry_by_profile.end()) continue;
        by[pf.id] = {{"entry_stage", it->second.stage}, {"entry_fallbacks", it->second.fallbacks}};
      }
      j["entry_by_profile"] = by;
    }
    j["staffing"] = ordered_map_json(t.staffing, service_order, number);
    j["stage_costs"] = ordered_map_json(t.stage_costs, stage_order, number);
    j["service_costs"] = ordered_map_json(t.service_costs, service_order, number);
    if (!t.observed.empty()) j["observed"] = detail::observed_json(t.observed);
    if (!t.rules.empty()) j["rules"] = town_rules_json(s, t.rules);
    towns[t.id] = std::move(j);
  }
  out["towns"] = std::move(towns);

  ojson variants = ojson::object();
  for (const auto& v : s.variants) {
    ojson j = {{"label", local_text_json<ojson>(v.label)}};
    if (!v.description.empty()) j["description"] = local_text_json<ojson>(v.description);
    j["patch"] = ojson::parse(v.patch_json.empty() ? "{}" : v.patch_json, nullptr,
                              /*allow_exceptions=*/false);
    variants[v.id] = std::move(j);
  }
  out["variants"] = std::move(variants);
  if (!s.cohorts.empty()) {
    ojson cohorts = ojson::object();
    for (const auto& c : s.cohorts) {
      ojson j = {{"label", local_text_json<ojson>(c.label)}};
      if (!c.initial_stage.empty()) j["initial_stage"] = c.initial_stage;
      if (c.count > 0) j["count"] = c.count;
      if (!c.start_stage.empty()) j["start_stage"] = c.start_stage;
      if (c.arrivals) {
        ojson a = {{"from_month", c.from_month}};
        if (c.to_month > 0) a["to_month"] = c.to_month;
        j["arrivals"] = std::move(a);
      }
      if (!c.profile.empty()) j["profile"] = c.profile;
      if (!c.published.empty()) {
        ojson list = ojson::array();
        for (const PublishedFigure& f : c.published) {
          ojson x = {{"metric", f.metric}, {"value", f.value}};
          if (!f.text.empty()) x["text"] = local_text_json<ojson>(f.text);
          x["source"] = f.source;
          if (f.fitted) x["fitted"] = true;
          list.push_back(std::move(x));
        }
        j["published"] = std::move(list);
      }
      cohorts[c.id] = std::move(j);
    }
    out["cohorts"] = std::move(cohorts);
  }
  // The parameters that carry a distribution: the distribution replaces the mean written
  // above (or adds the key, for a multiplier whose mean is 1).
  for (const auto& u : s.uncertain) out[ojson::json_pointer(u.pointer)] = distribution_json(u);
  if (!s.parameter_sample.empty())
    out["parameter_sample"] = detail::parameter_sample_json(s.parameter_sample);
  return out;
}

}  // namespace prostup

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
#include <cmath>
#include <set>

#include "observed_json.hpp"
#include "prostup/model.hpp"
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
constexpr long long kMaxMonths = 600;
constexpr long long kMaxReplications = 100000;
constexpr long long kMaxSeed = 9007199254740992LL;  // 2^53: exact in every JSON reader
constexpr long long kMaxTownHouseholds = 10000000;
constexpr double kMaxArrivalRate = 100000;
constexpr std::size_t kMaxTowns = 1000;
constexpr std::size_t kMaxVariants = 200;
constexpr long long kMaxHouseholdSize = 30;
constexpr long long kMaxCaseload = 10000;
constexpr double kMaxWorkers = 100000;
constexpr double kMaxMultiplier = 1000;
constexpr double kMaxCost = 1e9;  // CZK per unit-month or case-month
constexpr std::size_t kMaxIdLength = 40;

const std::vector<std::string> kTopKeys = {"$schema",     "format_version",  "name",   "title",
                                           "description", "simulation",      "stages", "promotions",
                                           "profiles",    "services",        "towns",  "variants",
                                           "cohorts",     "parameter_sample"};
const std::vector<std::string> kSimulationKeys = {"months", "replications", "seed",
                                                  "stabilized_months"};
const std::vector<std::string> kStageKeys = {
    "label",         "kind",       "pays_rent",   "cost_per_month", "max_stay_months", "on_expiry",
    "arrears_limit", "on_arrears", "multipliers", "waiting_list",   "priority_points", "payer"};
const std::vector<std::string> kPointsKeys = {"waiting_months", "children", "roofless_months",
                                              "arrears_months"};
constexpr double kMaxPointWeight = 1e6;
const std::vector<std::string> kPromotionKeys = {"from",
                                                 "to",
                                                 "min_months_in_stage",
                                                 "min_streak",
                                                 "max_arrears",
                                                 "employment_required",
                                                 "service_required"};
const std::vector<std::string> kProfileKeys = {
    "label",    "share",    "household_size",      "children",
    "job_gain", "job_loss", "pay_rent_unemployed", "pay_rent_employed",
    "comply",   "exit",     "employed_at_entry",   "exit_destinations"};
const std::vector<std::string> kExitDestinationKeys = {"to_own_housing", "to_institution",
                                                       "unknown"};
const std::vector<std::string> kCohortKeys = {"label", "initial_stage", "arrivals", "profile"};
const std::vector<std::string> kCohortArrivalKeys = {"from_month", "to_month"};
// Cohort ids the output reserves for its built-in cohorts.
const std::vector<std::string> kBuiltinCohorts = {"all", "initial", "arrivals"};
const std::vector<std::string> kServiceKeys = {
    "label",   "eligible_stages",   "caseload_per_worker", "priority", "engagement_months",
    "effects", "arrears_repayment", "cost_per_case_month", "payer"};
const std::vector<std::string> kTownKeys = {
    "label",         "initial",          "capacity", "arrivals",
    "entry_stage",   "entry_fallbacks",  "staffing", "stage_costs",
    "service_costs", "entry_by_profile", "observed"};
const std::vector<std::string> kEntryRouteKeys = {"entry_stage", "entry_fallbacks"};
const std::vector<std::string> kArrivalKeys = {"rate", "schedule", "replace_exits"};
const std::vector<std::string> kCapacityKeys = {"initial", "schedule"};
const std::vector<std::string> kCapacityChangeKeys = {"month", "value"};
const std::vector<std::string> kRateChangeKeys = {"month", "rate"};
const std::vector<std::string> kVariantKeys = {"label", "description", "patch"};
const std::vector<std::string> kMultiplierKeys = {"job_gain", "job_loss", "pay_rent", "comply",
                                                  "exit"};
const std::vector<std::string> kStageKinds = {"outside", "temporary", "supported", "permanent"};
const std::vector<std::string> kWaitingPolicies = {"fifo", "longest_streak", "families_first",
                                                   "points"};
const std::vector<std::string> kServicePriorities = {"fifo", "highest_arrears", "families_first"};

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

  void probability(const ojson& obj, const std::string& p, const std::string& key, double& out,
                   bool required) {
    const ojson* v = required ? require(obj, p, key) : find(obj, key);
    if (!v) return;
    const std::string vp = child_pointer(p, key);
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
      if (number(x, kp, 0, kMaxMultiplier, f)) out.factor[it - kMultiplierKeys.begin()] = f;
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
  void read_stage(const std::string& id, const ojson& v, const std::string& p, Stage& st);
  void read_promotion(const std::string& id, const ojson& v, const std::string& p, Promotion& pr);
  void read_profile(const std::string& id, const ojson& v, const std::string& p, Profile& pf);
  void read_service(const std::string& id, const ojson& v, const std::string& p, Service& sv);
  void read_town(const std::string& id, const ojson& v, const std::string& p, Town& t,
                 const Scenario& s);
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

void Reader::read_simulation(const ojson& v, const std::string& p, Simulation& sim) {
  if (!is_object(v, p)) return;
  check_keys(v, p, kSimulationKeys);
  opt_int(v, p, "months", 1, kMaxMonths, sim.months, " (the engine's limit)");
  opt_int(v, p, "replications", 1, kMaxReplications, sim.replications, " (the engine's limit)");
  opt_int(v, p, "seed", 0, kMaxSeed, sim.seed, " (2^53)");
  opt_int(v, p, "stabilized_months", 1, kMaxMonths, sim.stabilized_months);
}

void Reader::read_stage(const std::string& id, const ojson& v, const std::string& p, Stage& st) {
  st.id = id;
  check_keys(v, p, kStageKeys);
  if (const ojson* l = require(v, p, "label"))
    string(*l, child_pointer(p, "label"), st.label, true);
  opt_enum(v, p, "kind", kStageKinds, st.kind, true);
  opt_bool(v, p, "pays_rent", st.pays_rent);
  opt_number(v, p, "cost_per_month", 0, kMaxCost, st.cost_per_month);
  payer(v, p, st.payer);
  opt_int(v, p, "max_stay_months", 1, kMaxMonths, st.max_stay_months);
  opt_int(v, p, "arrears_limit", 1, kMaxMonths, st.arrears_limit);
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
      opt_number(*w, wp, "waiting_months", -kMaxPointWeight, kMaxPointWeight, pp.waiting_months);
      opt_number(*w, wp, "children", -kMaxPointWeight, kMaxPointWeight, pp.children);
      opt_number(*w, wp, "roofless_months", -kMaxPointWeight, kMaxPointWeight, pp.roofless_months);
      opt_number(*w, wp, "arrears_months", -kMaxPointWeight, kMaxPointWeight, pp.arrears_months);
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
  opt_int(v, p, "min_months_in_stage", 0, kMaxMonths, pr.min_months_in_stage);
  opt_int(v, p, "min_streak", 0, kMaxMonths, pr.min_streak);
  opt_int(v, p, "max_arrears", 0, kMaxMonths, pr.max_arrears);
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
  opt_string(v, p, "label", pf.label, true);
  probability(v, p, "share", pf.share, true);
  opt_int(v, p, "household_size", 1, kMaxHouseholdSize, pf.household_size);
  opt_int(v, p, "children", 0, kMaxHouseholdSize - 1, pf.children);
  if (find(v, "children") && pf.children >= pf.household_size)
    error(child_pointer(p, "children"), "must be less than household_size (" +
                                            std::to_string(pf.household_size) +
                                            "): a household has at least one adult");
  probability(v, p, "job_gain", pf.job_gain, true);
  probability(v, p, "job_loss", pf.job_loss, true);
  probability(v, p, "pay_rent_unemployed", pf.pay_rent_unemployed, true);
  probability(v, p, "pay_rent_employed", pf.pay_rent_employed, true);
  probability(v, p, "comply", pf.comply, true);
  probability(v, p, "exit", pf.exit, true);
  probability(v, p, "employed_at_entry", pf.employed_at_entry, false);
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
  opt_string(v, p, "label", c.label, true);
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
  if (arrivals) {
    const std::string ap = child_pointer(p, "arrivals");
    if (is_object(*arrivals, ap)) {
      c.arrivals = true;
      check_keys(*arrivals, ap, kCohortArrivalKeys);
      opt_int(*arrivals, ap, "from_month", 1, kMaxMonths, c.from_month);
      opt_int(*arrivals, ap, "to_month", 1, kMaxMonths, c.to_month);
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
  opt_string(v, p, "label", sv.label, true);
  if (const ojson* e = require(v, p, "eligible_stages"))
    stage_list(*e, child_pointer(p, "eligible_stages"), stage_ids_, sv.eligible_stages, true);
  req_int(v, p, "caseload_per_worker", 1, kMaxCaseload, sv.caseload_per_worker);
  opt_enum(v, p, "priority", kServicePriorities, sv.priority);
  opt_int(v, p, "engagement_months", 1, kMaxMonths, sv.engagement_months);
  if (const ojson* m = find(v, "effects")) multipliers(*m, child_pointer(p, "effects"), sv.effects);
  opt_int(v, p, "arrears_repayment", 0, kMaxMonths, sv.arrears_repayment);
  opt_number(v, p, "cost_per_case_month", 0, kMaxCost, sv.cost_per_case_month);
  payer(v, p, sv.payer);
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
  opt_string(v, p, "label", t.label, true);

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
      opt_number(*arr, ap, "rate", 0, kMaxArrivalRate, t.arrival_rate.initial,
                 " households/month (the engine's limit)");
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

  auto id_map = [&](const char* key, const std::vector<std::string>& ids, const char* entity,
                    double hi, const char* why, std::map<std::string, double>& out) {
    const ojson* m = find(v, key);
    if (!m) return;
    const std::string mp = child_pointer(p, key);
    if (!is_object(*m, mp)) return;
    for (const auto& [k, x] : m->items()) {
      if (is_doc_key(k, false)) continue;
      const std::string kp = child_pointer(mp, k);
      double d;
      if (key_reference(k, kp, ids, entity) && number(x, kp, 0, hi, d, why)) out[k] = d;
    }
  };
  id_map("staffing", service_ids_, "service", kMaxWorkers, "", t.staffing);
  id_map("stage_costs", stage_ids_, "stage", kMaxCost, "", t.stage_costs);
  id_map("service_costs", service_ids_, "service", kMaxCost, "", t.service_costs);
  if (const ojson* o = find(v, "observed"))
    detail::read_observed(*o, child_pointer(p, "observed"), s, t.observed, diags);
}

void Reader::read_variant(const std::string& id, const ojson& v, const std::string& p,
                          Variant& var) {
  var.id = id;
  var.label = id;
  check_keys(v, p, kVariantKeys);
  if (id == "baseline") error(p, "'baseline' names the scenario without variants; pick another id");
  opt_string(v, p, "label", var.label, true);
  opt_string(v, p, "description", var.description);
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
      s.format_version = static_cast<int>(x);
  }
  check_keys(doc, "", kTopKeys);
  if (const ojson* n = require(doc, "", "name")) {
    if (string(*n, "/name", s.name) && !valid_name(s.name))
      error("/name",
            "must be lower-case letters a-z, digits, '_' or '-', start with a letter "
            "and have at most 40 characters (it names the output directory)");
  }
  opt_string(doc, "", "title", s.title);
  opt_string(doc, "", "description", s.description);
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
  // Its pointers are checked against the scenario, so only once everything else is sound.
  if (const ojson* ps = find(doc, "parameter_sample"); ps && diags.empty())
    detail::read_parameter_sample(*ps, s, s.parameter_sample, diags);
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
  ojson result = target.is_object() ? target : ojson::object();
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

ojson to_json(const Scenario& s) {
  ojson out = ojson::object();
  out["format_version"] = s.format_version;
  out["name"] = s.name;
  if (!s.title.empty()) out["title"] = s.title;
  if (!s.description.empty()) out["description"] = s.description;
  out["simulation"] = {{"months", s.simulation.months},
                       {"replications", s.simulation.replications},
                       {"seed", s.simulation.seed},
                       {"stabilized_months", s.simulation.stabilized_months}};

  std::vector<std::string> stage_order, service_order;
  ojson stages = ojson::object();
  for (const auto& st : s.stages) {
    stage_order.push_back(st.id);
    ojson j = ojson::object();
    j["label"] = st.label;
    j["kind"] = to_string(st.kind);
    j["pays_rent"] = st.pays_rent;
    j["cost_per_month"] = st.cost_per_month;
    if (st.max_stay_months) j["max_stay_months"] = *st.max_stay_months;
    if (!st.on_expiry.empty()) j["on_expiry"] = st.on_expiry;
    if (st.arrears_limit) j["arrears_limit"] = *st.arrears_limit;
    if (!st.on_arrears.empty()) j["on_arrears"] = st.on_arrears;
    if (ojson m = multipliers_json(st.multipliers); !m.empty()) j["multipliers"] = m;
    j["waiting_list"] = to_string(st.waiting_list);
    if (st.waiting_list == WaitingPolicy::points) {
      const PriorityPoints& w = st.priority_points;
      j["priority_points"] = {{"waiting_months", w.waiting_months},
                              {"children", w.children},
                              {"roofless_months", w.roofless_months},
                              {"arrears_months", w.arrears_months}};
    }
    if (!st.payer.empty()) j["payer"] = st.payer;
    stages[st.id] = std::move(j);
  }
  out["stages"] = std::move(stages);

  ojson promotions = ojson::object();
  for (const auto& p : s.promotions) {
    ojson j = {{"from", p.from},
               {"to", p.to},
               {"min_months_in_stage", p.min_months_in_stage},
               {"min_streak", p.min_streak}};
    if (p.max_arrears) j["max_arrears"] = *p.max_arrears;
    j["employment_required"] = p.employment_required;
    if (!p.service_required.empty()) j["service_required"] = p.service_required;
    promotions[p.id] = std::move(j);
  }
  out["promotions"] = std::move(promotions);

  ojson profiles = ojson::object();
  for (const auto& p : s.profiles) {
    profiles[p.id] = {{"label", p.label},
                      {"share", p.share},
                      {"household_size", p.household_size},
                      {"children", p.children},
                      {"job_gain", p.job_gain},
                      {"job_loss", p.job_loss},
                      {"pay_rent_unemployed", p.pay_rent_unemployed},
                      {"pay_rent_employed", p.pay_rent_employed},
                      {"comply", p.comply},
                      {"exit", p.exit},
                      {"employed_at_entry", p.employed_at_entry}};
    if (p.exit_unknown != 1)
      profiles[p.id]["exit_destinations"] = {{"to_own_housing", p.exit_to_own_housing},
                                             {"to_institution", p.exit_to_institution},
                                             {"unknown", p.exit_unknown}};
  }
  out["profiles"] = std::move(profiles);

  ojson services = ojson::object();
  for (const auto& sv : s.services) {
    service_order.push_back(sv.id);
    ojson j = {{"label", sv.label},
               {"eligible_stages", sv.eligible_stages},
               {"caseload_per_worker", sv.caseload_per_worker},
               {"priority", to_string(sv.priority)}};
    if (sv.engagement_months) j["engagement_months"] = *sv.engagement_months;
    if (ojson m = multipliers_json(sv.effects); !m.empty()) j["effects"] = m;
    j["arrears_repayment"] = sv.arrears_repayment;
    j["cost_per_case_month"] = sv.cost_per_case_month;
    if (!sv.payer.empty()) j["payer"] = sv.payer;
    services[sv.id] = std::move(j);
  }
  out["services"] = std::move(services);

  ojson towns = ojson::object();
  for (const auto& t : s.towns) {
    ojson j = ojson::object();
    j["label"] = t.label;
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
    auto number = [](double x) { return ojson(x); };
    j["staffing"] = ordered_map_json(t.staffing, service_order, number);
    j["stage_costs"] = ordered_map_json(t.stage_costs, stage_order, number);
    j["service_costs"] = ordered_map_json(t.service_costs, service_order, number);
    if (!t.observed.empty()) j["observed"] = detail::observed_json(t.observed);
    towns[t.id] = std::move(j);
  }
  out["towns"] = std::move(towns);

  ojson variants = ojson::object();
  for (const auto& v : s.variants) {
    ojson j = {{"label", v.label}};
    if (!v.description.empty()) j["description"] = v.description;
    j["patch"] = ojson::parse(v.patch_json.empty() ? "{}" : v.patch_json, nullptr,
                              /*allow_exceptions=*/false);
    variants[v.id] = std::move(j);
  }
  out["variants"] = std::move(variants);
  if (!s.cohorts.empty()) {
    ojson cohorts = ojson::object();
    for (const auto& c : s.cohorts) {
      ojson j = {{"label", c.label}};
      if (!c.initial_stage.empty()) j["initial_stage"] = c.initial_stage;
      if (c.arrivals) {
        ojson a = {{"from_month", c.from_month}};
        if (c.to_month > 0) a["to_month"] = c.to_month;
        j["arrivals"] = std::move(a);
      }
      if (!c.profile.empty()) j["profile"] = c.profile;
      cohorts[c.id] = std::move(j);
    }
    out["cohorts"] = std::move(cohorts);
  }
  if (!s.parameter_sample.empty())
    out["parameter_sample"] = detail::parameter_sample_json(s.parameter_sample);
  return out;
}

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// `prostup describe`: a scenario in words, for a planner who has never seen the format.
//
// The ladder is printed top rung first, as planners draw it; everything else follows the
// file's order. Labels are shown as written (Czech, UTF-8) with the id in brackets, so a
// reader can find each thing in the file.
#include <cmath>
#include <map>
#include <sstream>

#include "scenario_internal.hpp"

namespace prostup {

namespace detail {

void patch_changes(const ojson& patch, const ojson* base, const std::string& prefix,
                   std::vector<PatchChange>& out) {
  for (const auto& [key, value] : patch.items()) {
    const std::string p = child_pointer(prefix, key);
    const ojson* before = nullptr;
    if (base && base->is_object())
      if (auto it = base->find(key); it != base->end()) before = &*it;
    // Descend only where both sides are objects: an object replacing a number is one change.
    if (value.is_object() && !value.empty() && before && before->is_object())
      patch_changes(value, before, p, out);
    else
      out.push_back({p, before, value.is_null() ? nullptr : &value});
  }
}

}  // namespace detail

namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

class Describer {
 public:
  Describer(const Scenario& s, const ojson& doc, const DescribeWords& words)
      : s_(s),
        doc_(doc),
        words_(words),
        comma_(words("describe.decimal_mark", {}) == ","),
        lang_(words("describe.language", {})) {}

  std::string run() {
    header();
    ladder();
    promotions();
    profiles();
    services();
    towns();
    cohorts();
    uncertainty();
    variants();
    return out_.str();
  }

 private:
  // A scenario text in the describe language (the catalogue's describe.language).
  const std::string& L(const LocalText& t) const { return t.in(lang_); }
  // The catalogue's text of `key` with "{1}", "{2}", ... filled in.
  std::string w(const char* key, std::vector<std::string> args = {}) const {
    return words_(key, args);
  }
  // A payer in words ("payer.<id>" where the catalogue has it; the id otherwise).
  std::string payer(const std::string& id) const {
    const std::string key = "payer." + id, t = words_(key, {});
    return t == key ? id : t;
  }
  // "KEY.one", "KEY.few" (2 to 4) or "KEY.many" with n, as the language counts.
  std::string pl(const std::string& key, long long n) const {
    const char* form = n == 1 ? ".one" : (n >= 2 && n <= 4) ? ".few" : ".many";
    return words_(key + form, {std::to_string(n)});
  }
  // A number in the language's decimal mark.
  std::string num(double v) const {
    std::string t = detail::format_number(v);
    if (comma_)
      for (char& c : t)
        if (c == '.') c = ',';
    return t;
  }
  std::string pct(double p) const { return num(std::round(p * 10000) / 100) + " %"; }
  // Three significant digits: 1334.6 -> "1330", 0.04718 -> "0.0472".
  std::string significant(double x) const {
    if (x == 0 || !std::isfinite(x)) return num(x);
    const double scale = std::pow(10.0, 2 - std::floor(std::log10(std::fabs(x))));
    return num(std::round(x * scale) / scale);
  }

  std::string stage_label(const std::string& id) const {
    const int i = s_.stage_index(id);
    return i < 0 ? id : L(s_.stages[i].label);
  }
  std::string service_label(const std::string& id) const {
    const int i = s_.service_index(id);
    return i < 0 ? id : L(s_.services[i].label);
  }
  std::string stage_list(const std::vector<std::string>& ids) const {
    std::vector<std::string> names;
    for (const auto& id : ids) names.push_back(stage_label(id));
    return join(names, ", " + w("describe.else") + " ");
  }

  // " (beta, 90 % range 3.5-6.7 %)" when the parameter at `pointer` carries a distribution
  // (percent: a probability shown in per cent), else "".
  std::string spread(const std::string& pointer, bool percent = false) const {
    for (const auto& u : s_.uncertain) {
      if (u.pointer != pointer) continue;
      std::string out = std::string(" (") + to_string(u.dist.kind);
      if (u.dist.kind != DistKind::fixed) {
        auto show = [&](double x) {
          return percent ? num(std::round(x * 1000) / 10) : significant(x);
        };
        out += ", " +
               w("describe.range90", {show(u.dist.quantile(0.05)), show(u.dist.quantile(0.95))}) +
               (percent ? " %" : "");
      }
      if (!u.group.empty()) out += ", " + w("describe.in_group", {u.group});
      return out + ")";
    }
    return {};
  }
  std::string pct_of(const std::string& pointer, double p) const {
    return pct(p) + spread(pointer, true);
  }

  // `prefix` is the multipliers' pointer (e.g. /stages/flat/multipliers).
  std::string multipliers(const Multipliers& m, const std::string& prefix) const {
    static const char* names[] = {"describe.m.job_gain", "describe.m.job_loss",
                                  "describe.m.pay_rent", "describe.m.comply", "describe.m.exit"};
    static const char* keys[] = {"job_gain", "job_loss", "pay_rent", "comply", "exit"};
    std::vector<std::string> parts;
    for (int i = 0; i < kProbCount; ++i) {
      const std::string note = spread(prefix + "/" + keys[i]);
      if (m.factor[i] != 1 || !note.empty())
        parts.push_back(w(names[i]) + " x" + num(m.factor[i]) + note);
    }
    return join(parts);
  }

  template <class T>
  std::string scheduled(const Scheduled<T>& v) const {
    std::string out = num(static_cast<double>(v.initial));
    for (const auto& [month, x] : v.changes)
      out += ", " + w("describe.from_month", {num(static_cast<double>(x)), std::to_string(month)});
    return out;
  }

  std::string arrivals(const Scheduled<double>& r) const {
    std::string out = w("describe.poisson", {num(r.initial)});
    for (const auto& [month, x] : r.changes)
      out += ", " + w("describe.from_month", {num(x), std::to_string(month)});
    return out;
  }

  void header() {
    out_ << (s_.title.empty() ? s_.name : L(s_.title)) << "\n";
    out_ << w("describe.scenario", {s_.name, std::to_string(s_.format_version)}) << "\n";
    if (!s_.description.empty()) out_ << "\n" << L(s_.description) << "\n";
    const Simulation& sim = s_.simulation;
    out_ << "\n"
         << w("describe.simulation") << "\n  "
         << w("describe.sim",
              {pl("describe.months", sim.months), pl("describe.replications", sim.replications),
               std::to_string(sim.seed)})
         << "\n  " << w("describe.stabilised", {std::to_string(sim.stabilized_months)}) << "\n";
  }

  void ladder() {
    out_ << "\n" << w("describe.ladder") << "\n";
    for (std::size_t k = s_.stages.size(); k-- > 0;) {
      const Stage& st = s_.stages[k];
      out_ << "  " << k + 1 << ". " << L(st.label) << " [" << st.id
           << "]: " << w((std::string("describe.kind.") + to_string(st.kind)).c_str());
      if (st.kind == StageKind::outside) out_ << " " << w("describe.always_room");
      out_ << "; " << w(st.pays_rent ? "describe.rent" : "describe.no_rent") << "; "
           << w("describe.stage_cost", {num(st.cost_per_month)})
           << spread("/stages/" + st.id + "/cost_per_month")
           << (st.payer.empty() ? "" : ", " + w("describe.paid_by", {payer(st.payer)})) << "\n";
      if (st.other_services_cost_per_month > 0)
        out_ << "       " << w("describe.other_cost", {num(st.other_services_cost_per_month)})
             << spread("/stages/" + st.id + "/other_services_cost_per_month") << ", "
             << w("describe.paid_by", {payer(kOtherServicesPayer)}) << "\n";
      if (st.max_stay_months)
        out_ << "       "
             << w("describe.max_stay",
                  {pl("describe.months", *st.max_stay_months), stage_list(st.on_expiry)})
             << "\n";
      if (st.arrears_limit)
        out_ << "       "
             << w("describe.evicted",
                  {pl("describe.months", *st.arrears_limit), stage_list(st.on_arrears)})
             << "\n";
      if (const std::string m = multipliers(st.multipliers, "/stages/" + st.id + "/multipliers");
          !m.empty())
        out_ << "       " << w("describe.while_here", {m}) << "\n";
      if (st.waiting_list == WaitingPolicy::points) {
        const PriorityPoints& pp = st.priority_points;
        out_ << "       "
             << w("describe.points", {num(pp.waiting_months), num(pp.children),
                                      num(pp.roofless_months), num(pp.arrears_months)})
             << "\n";
      } else if (st.waiting_list != WaitingPolicy::fifo) {
        out_ << "       "
             << w("describe.waiting",
                  {w(st.waiting_list == WaitingPolicy::longest_streak ? "describe.longest_streak"
                                                                      : "describe.families_first")})
             << "\n";
      }
    }
  }

  std::string criteria(const Promotion& p) const {
    std::vector<std::string> parts;
    std::string when;
    if (p.min_months_in_stage > 0)
      when = w("describe.after", {pl("describe.months", p.min_months_in_stage)});
    if (p.min_streak > 0)
      when += when.empty() ? w("describe.streak", {std::to_string(p.min_streak)})
                           : " " + w("describe.with_streak", {std::to_string(p.min_streak)});
    if (!when.empty()) parts.push_back(when);
    if (p.max_arrears)
      parts.push_back(*p.max_arrears == 0
                          ? w("describe.no_arrears")
                          : w("describe.max_arrears", {pl("describe.months", *p.max_arrears)}));
    if (p.employment_required) parts.push_back(w("describe.employed"));
    if (!p.service_required.empty())
      parts.push_back(w("describe.service_required", {service_label(p.service_required)}));
    return parts.empty() ? w("describe.no_conditions") : join(parts);
  }

  void promotions() {
    out_ << "\n" << w("describe.promotions") << "\n";
    if (s_.promotions.empty()) out_ << "  " << w("describe.none") << "\n";
    for (const auto& p : s_.promotions)
      out_ << "  " << stage_label(p.from) << " -> " << stage_label(p.to) << " [" << p.id
           << "]: " << criteria(p) << "\n";
    out_ << "  " << w("describe.applies") << "\n";
  }

  void profiles() {
    out_ << "\n" << w("describe.profiles") << "\n";
    for (const auto& p : s_.profiles) {
      const std::string at = "/profiles/" + p.id + "/";
      out_ << "  " << L(p.label) << " [" << p.id << "]: " << pct(p.share) << "; "
           << pl("describe.persons", p.household_size);
      if (p.children > 0) out_ << " (" << pl("describe.children", p.children) << ")";
      out_ << "; "
           << w("describe.employed_at_entry",
                {pct_of(at + "employed_at_entry", p.employed_at_entry)})
           << "\n     "
           << w("describe.each_month",
                {pct_of(at + "job_gain", p.job_gain), pct_of(at + "job_loss", p.job_loss),
                 pct_of(at + "pay_rent_unemployed", p.pay_rent_unemployed),
                 pct_of(at + "pay_rent_employed", p.pay_rent_employed),
                 pct_of(at + "comply", p.comply), pct_of(at + "exit", p.exit)})
           << "\n";
      if (p.exit_unknown != 1)
        out_ << "     "
             << w("describe.exits",
                  {pct(p.exit_to_own_housing), pct(p.exit_to_institution), pct(p.exit_unknown)})
             << "\n";
    }
  }

  void cohorts() {
    if (s_.cohorts.empty()) return;
    out_ << "\n" << w("describe.cohorts") << "\n";
    for (const auto& c : s_.cohorts) {
      out_ << "  " << L(c.label) << " [" << c.id << "]: ";
      if (!c.initial_stage.empty())
        out_ << w("describe.cohort_stage", {stage_label(c.initial_stage)});
      else if (c.to_month > 0)
        out_ << w("describe.cohort_from_to",
                  {std::to_string(c.from_month), std::to_string(c.to_month)});
      else
        out_ << w("describe.cohort_from", {std::to_string(c.from_month)});
      if (!c.profile.empty()) out_ << ", " << w("describe.cohort_profile", {c.profile});
      out_ << "\n";
    }
  }

  void services() {
    out_ << "\n" << w("describe.services") << "\n";
    if (s_.services.empty()) out_ << "  " << w("describe.none") << "\n";
    for (const auto& sv : s_.services) {
      static const char* prio[] = {"describe.prio.fifo", "describe.prio.highest_arrears",
                                   "describe.families_first"};
      out_ << "  " << L(sv.label) << " [" << sv.id
           << "]: " << w("describe.service_for", {stage_list_and(sv.eligible_stages)}) << "; "
           << w("describe.caseload", {num(sv.caseload_per_worker)}) << "; "
           << w(prio[static_cast<int>(sv.priority)]) << "; "
           << (sv.engagement_months
                   ? w("describe.engagement", {pl("describe.months", *sv.engagement_months)})
                   : w("describe.engaged_while_eligible"))
           << "; " << w("describe.case_cost", {num(sv.cost_per_case_month)})
           << spread("/services/" + sv.id + "/cost_per_case_month")
           << (sv.payer.empty() ? "" : ", " + w("describe.paid_by", {payer(sv.payer)})) << "\n";
      const std::string m = multipliers(sv.effects, "/services/" + sv.id + "/effects");
      if (!m.empty() || sv.arrears_repayment > 0) {
        std::string e = m;
        if (sv.arrears_repayment > 0)
          e += (m.empty() ? "" : "; ") +
               w("describe.clears", {pl("describe.extra_months", sv.arrears_repayment)});
        out_ << "     " << w("describe.while_engaged", {e}) << "\n";
      }
    }
  }
  std::string stage_list_and(const std::vector<std::string>& ids) const {
    std::vector<std::string> names;
    for (const auto& id : ids) names.push_back(stage_label(id));
    return join(names);
  }

  void towns() {
    out_ << "\n" << w("describe.towns") << "\n";
    for (const auto& t : s_.towns) {
      out_ << "  " << L(t.label) << " [" << t.id << "]\n";
      std::vector<std::string> caps;
      for (std::size_t k = s_.stages.size(); k-- > 0;) {
        const Stage& st = s_.stages[k];
        if (auto it = t.capacity.find(st.id); it != t.capacity.end())
          caps.push_back(L(st.label) + " " + scheduled(it->second));
      }
      out_ << "    " << w("describe.units", {join(caps, "; ")}) << "\n";
      long long total = 0;
      std::vector<std::string> init;
      for (const auto& st : s_.stages)
        if (auto it = t.initial.find(st.id); it != t.initial.end() && it->second > 0) {
          init.push_back(L(st.label) + " " + std::to_string(it->second));
          total += it->second;
        }
      out_ << "    "
           << w("describe.at_start",
                {init.empty() ? w("describe.nobody")
                              : join(init) + " (" + pl("describe.households", total) + ")"})
           << "\n";
      if (t.replace_exits)
        out_ << "    " << w("describe.closed") << "\n";
      else
        out_ << "    "
             << w("describe.arrivals",
                  {arrivals(t.arrival_rate) + spread("/towns/" + t.id + "/arrivals/rate")})
             << "\n";
      std::vector<std::string> entry{t.entry_stage};
      entry.insert(entry.end(), t.entry_fallbacks.begin(), t.entry_fallbacks.end());
      out_ << "    " << w("describe.newcomers", {stage_list(entry)});
      out_ << (t.entry_by_profile.empty() ? "\n" : ", " + w("describe.except") + "\n");
      for (const auto& pf : s_.profiles) {
        auto it = t.entry_by_profile.find(pf.id);
        if (it == t.entry_by_profile.end()) continue;
        std::vector<std::string> own{it->second.stage};
        own.insert(own.end(), it->second.fallbacks.begin(), it->second.fallbacks.end());
        out_ << "      " << w("describe.profile_goes", {L(pf.label), stage_list(own)}) << "\n";
      }
      std::vector<std::string> staff;
      for (const auto& sv : s_.services) {
        auto it = t.staffing.find(sv.id);
        const double x = it == t.staffing.end() ? 0 : it->second;
        staff.push_back(
            w(x == 1 ? "describe.staff.one" : "describe.staff.other",
              {L(sv.label), num(x),
               std::to_string(static_cast<long long>(std::floor(x * sv.caseload_per_worker)))}));
      }
      if (!staff.empty()) out_ << "    " << w("describe.staffing", {join(staff, "; ")}) << "\n";
      std::vector<std::string> costs;
      for (const auto& [id, c] : t.stage_costs)
        costs.push_back(w("describe.unit_cost", {stage_label(id), num(c)}) +
                        spread("/towns/" + t.id + "/stage_costs/" + id));
      for (const auto& [id, c] : t.service_costs)
        costs.push_back(w("describe.local_case_cost", {service_label(id), num(c)}) +
                        spread("/towns/" + t.id + "/service_costs/" + id));
      if (!costs.empty()) out_ << "    " << w("describe.local_costs", {join(costs, "; ")}) << "\n";
      if (!t.rules.empty()) out_ << "    " << w("describe.own_rules", {own_rules(t.rules)}) << "\n";
    }
  }

  // A town's own rules (towns.<id>.rules), each field by its key in the format.
  std::string own_rules(const TownRules& r) const {
    std::vector<std::string> items;
    // "key value", and "label [id]: fields" (appended, not prepended: GCC 12 warns about
    // a literal + std::string&& with -Wrestrict).
    auto field = [](const char* key, const std::string& value) {
      std::string out = key;
      out += ' ';
      out += value;
      return out;
    };
    auto bracketed = [](const std::string& open, const std::string& inner, const char* close) {
      std::string out = open;
      out += inner;
      out += close;
      return out;
    };
    auto item = [&](const std::string& label, const std::string& id,
                    const std::vector<std::string>& fields) {
      std::string out = label;
      out += " [";
      out += id;
      out += "]: ";
      out += join(fields);
      items.push_back(std::move(out));
    };
    for (const auto& st : s_.stages) {
      auto it = r.stages.find(st.id);
      if (it == r.stages.end()) continue;
      std::vector<std::string> f;
      if (it->second.max_stay_months)
        f.push_back(field("max_stay_months", std::to_string(*it->second.max_stay_months)));
      if (it->second.on_expiry)
        f.push_back(field("on_expiry", bracketed("[", join(*it->second.on_expiry), "]")));
      if (it->second.profile_cost_factors) {
        std::vector<std::string> pf;
        for (const auto& [id, x] : *it->second.profile_cost_factors)
          pf.push_back(field(id.c_str(), num(x)));
        f.push_back(field("profile_cost_factors", bracketed("{", join(pf), "}")));
      }
      item(L(st.label), st.id, f);
    }
    for (const auto& p : s_.promotions) {
      auto it = r.promotions.find(p.id);
      if (it == r.promotions.end()) continue;
      const PromotionRules& x = it->second;
      std::vector<std::string> f;
      if (x.min_months_in_stage)
        f.push_back(field("min_months_in_stage", std::to_string(*x.min_months_in_stage)));
      if (x.min_streak) f.push_back(field("min_streak", std::to_string(*x.min_streak)));
      if (x.max_arrears) f.push_back(field("max_arrears", std::to_string(*x.max_arrears)));
      if (x.employment_required)
        f.push_back(field("employment_required", *x.employment_required ? "true" : "false"));
      if (x.service_required) f.push_back(field("service_required", *x.service_required));
      std::string edge = stage_label(p.from);
      edge += " -> ";
      edge += stage_label(p.to);
      item(edge, p.id, f);
    }
    for (const auto& sv : s_.services) {
      auto it = r.services.find(sv.id);
      if (it == r.services.end() || !it->second.eligible_stages) continue;
      item(L(sv.label), sv.id,
           {field("eligible_stages", bracketed("[", join(*it->second.eligible_stages), "]"))});
    }
    return join(items, "; ");
  }

  void uncertainty() {
    if (s_.uncertain.empty()) return;
    std::map<std::string, int> groups;
    for (const auto& u : s_.uncertain)
      if (!u.group.empty()) ++groups[u.group];
    out_ << "\n"
         << w("describe.uncertainty") << "\n  "
         << w("describe.carry",
              {pl("describe.carries", static_cast<long long>(s_.uncertain.size()))})
         << "\n";
    for (const auto& [g, n] : groups)
      out_ << "  " << w("describe.group", {g, pl("describe.parameters", n)}) << "\n";
  }

  void variants() {
    out_ << "\n" << w("describe.variants") << "\n";
    if (s_.variants.empty()) out_ << "  " << w("describe.none") << "\n";
    ojson base = doc_.is_object() ? doc_ : ojson::object();
    base.erase("variants");
    for (const auto& v : s_.variants) {
      out_ << "  " << L(v.label) << " [" << v.id << "]\n";
      if (!v.description.empty()) out_ << "    " << L(v.description) << "\n";
      const ojson patch = ojson::parse(v.patch_json, nullptr, false);
      std::vector<detail::PatchChange> changes;
      if (patch.is_object()) detail::patch_changes(patch, &base, "", changes);
      for (const auto& c : changes)
        out_ << "    " << c.pointer << ": " << (c.before ? c.before->dump() : w("describe.not_set"))
             << " -> " << (c.value ? c.value->dump() : w("describe.removed")) << "\n";
    }
  }

  const Scenario& s_;
  const ojson& doc_;
  const DescribeWords& words_;
  bool comma_;
  std::string lang_;  // "en", "cs" (the catalogue's describe.language)
  std::ostringstream out_;
};

}  // namespace

std::string describe(const Scenario& s, const ojson& document, const DescribeWords& words) {
  return Describer(s, document, words).run();
}

}  // namespace prostup

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

using detail::format_number;

std::string pct(double p) {
  return format_number(std::round(p * 10000) / 100) + " %";
}

// Three significant digits: 1334.6 -> "1330", 0.04718 -> "0.0472".
std::string significant(double x) {
  if (x == 0 || !std::isfinite(x)) return format_number(x);
  const double scale = std::pow(10.0, 2 - std::floor(std::log10(std::fabs(x))));
  return format_number(std::round(x * scale) / scale);
}

std::string plural(long long n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

class Describer {
 public:
  Describer(const Scenario& s, const ojson& doc) : s_(s), doc_(doc) {}

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
  std::string stage_name(const std::string& id) const {
    const int i = s_.stage_index(id);
    return i < 0 ? id : s_.stages[i].label + " [" + id + "]";
  }
  std::string stage_label(const std::string& id) const {
    const int i = s_.stage_index(id);
    return i < 0 ? id : s_.stages[i].label;
  }
  std::string service_label(const std::string& id) const {
    const int i = s_.service_index(id);
    return i < 0 ? id : s_.services[i].label;
  }
  std::string stage_list(const std::vector<std::string>& ids) const {
    std::vector<std::string> names;
    for (const auto& id : ids) names.push_back(stage_label(id));
    return join(names, ", else ");
  }

  // " (beta, 90 % range 3.5-6.7 %)" when the parameter at `pointer` carries a distribution
  // (percent: a probability shown in per cent), else "".
  std::string spread(const std::string& pointer, bool percent = false) const {
    for (const auto& u : s_.uncertain) {
      if (u.pointer != pointer) continue;
      std::string out = std::string(" (") + to_string(u.dist.kind);
      if (u.dist.kind != DistKind::fixed) {
        auto show = [&](double x) {
          return percent ? format_number(std::round(x * 1000) / 10) : significant(x);
        };
        out += ", 90 % range " + show(u.dist.quantile(0.05)) + "-" + show(u.dist.quantile(0.95)) +
               (percent ? " %" : "");
      }
      if (!u.group.empty()) out += ", group " + u.group;
      return out + ")";
    }
    return {};
  }
  std::string pct_of(const std::string& pointer, double p) const {
    return pct(p) + spread(pointer, true);
  }

  // `prefix` is the multipliers' pointer (e.g. /stages/flat/multipliers).
  std::string multipliers(const Multipliers& m, const std::string& prefix) const {
    static const char* names[] = {"job gain", "job loss", "paying rent", "compliance", "leaving"};
    static const char* keys[] = {"job_gain", "job_loss", "pay_rent", "comply", "exit"};
    std::vector<std::string> parts;
    for (int i = 0; i < kProbCount; ++i) {
      const std::string note = spread(prefix + "/" + keys[i]);
      if (m.factor[i] != 1 || !note.empty())
        parts.push_back(std::string(names[i]) + " x" + format_number(m.factor[i]) + note);
    }
    return join(parts);
  }

  template <class T>
  static std::string scheduled(const Scheduled<T>& v, const char* unit = "") {
    std::string out = format_number(static_cast<double>(v.initial)) + unit;
    for (const auto& [month, x] : v.changes)
      out += ", " + format_number(static_cast<double>(x)) + unit + " from month " +
             std::to_string(month);
    return out;
  }

  static std::string arrivals(const Scheduled<double>& r) {
    std::string out = format_number(r.initial) + " households per month on average (Poisson)";
    for (const auto& [month, x] : r.changes)
      out += ", " + format_number(x) + " from month " + std::to_string(month);
    return out;
  }

  void header() {
    out_ << (s_.title.empty() ? s_.name : s_.title) << "\n";
    out_ << "scenario '" << s_.name << "', format version " << s_.format_version << "\n";
    if (!s_.description.empty()) out_ << "\n" << s_.description << "\n";
    const Simulation& sim = s_.simulation;
    out_ << "\nSimulation\n"
         << "  " << plural(sim.months, "month", "months") << ", "
         << plural(sim.replications, "replication", "replications") << ", seed " << sim.seed
         << "\n  a household counts as stabilised after " << sim.stabilized_months
         << " consecutive months in a permanent stage\n";
  }

  void ladder() {
    out_ << "\nThe ladder, top rung first\n";
    for (std::size_t k = s_.stages.size(); k-- > 0;) {
      const Stage& st = s_.stages[k];
      out_ << "  " << k + 1 << ". " << st.label << " [" << st.id << "]: " << to_string(st.kind);
      if (st.kind == StageKind::outside) out_ << " (always has room)";
      out_ << "; " << (st.pays_rent ? "rent is due" : "no rent") << "; public cost "
           << format_number(st.cost_per_month) << " CZK per occupied unit and month"
           << spread("/stages/" + st.id + "/cost_per_month")
           << (st.payer.empty() ? "" : ", paid by " + st.payer) << "\n";
      if (st.max_stay_months)
        out_ << "       stay limited to " << plural(*st.max_stay_months, "month", "months")
             << ", then to: " << stage_list(st.on_expiry) << "\n";
      if (st.arrears_limit)
        out_ << "       evicted at " << plural(*st.arrears_limit, "month", "months")
             << " of arrears, to: " << stage_list(st.on_arrears) << "\n";
      if (const std::string m = multipliers(st.multipliers, "/stages/" + st.id + "/multipliers");
          !m.empty())
        out_ << "       while living here: " << m << "\n";
      if (st.waiting_list == WaitingPolicy::points) {
        const PriorityPoints& w = st.priority_points;
        out_ << "       waiting list: highest points first (" << format_number(w.waiting_months)
             << " per month waiting, " << format_number(w.children) << " per child, "
             << format_number(w.roofless_months) << " per month roofless, "
             << format_number(w.arrears_months) << " per month of arrears)\n";
      } else if (st.waiting_list != WaitingPolicy::fifo) {
        out_ << "       waiting list: "
             << (st.waiting_list == WaitingPolicy::longest_streak ? "longest good streak first"
                                                                  : "families with children first")
             << "\n";
      }
    }
  }

  std::string criteria(const Promotion& p) const {
    std::vector<std::string> parts;
    std::string when;
    if (p.min_months_in_stage > 0)
      when = "after " + plural(p.min_months_in_stage, "month", "months");
    if (p.min_streak > 0)
      when += (when.empty() ? "after a " : " with a ") + std::to_string(p.min_streak) +
              "-month good streak";
    if (!when.empty()) parts.push_back(when);
    if (p.max_arrears)
      parts.push_back(*p.max_arrears == 0
                          ? "no arrears"
                          : "at most " + plural(*p.max_arrears, "month", "months") + " of arrears");
    if (p.employment_required) parts.push_back("must be employed");
    if (!p.service_required.empty())
      parts.push_back("must be in or have completed " + service_label(p.service_required));
    return parts.empty() ? "no conditions: applies at once" : join(parts);
  }

  void promotions() {
    out_ << "\nMoves up the ladder (promotions; the first that applies is used)\n";
    if (s_.promotions.empty()) out_ << "  none\n";
    for (const auto& p : s_.promotions)
      out_ << "  " << stage_label(p.from) << " -> " << stage_label(p.to) << " [" << p.id
           << "]: " << criteria(p) << "\n";
    out_ << "  A household applies when it meets the criteria and moves when the target has a "
            "free unit.\n";
  }

  void profiles() {
    out_ << "\nHouseholds (profiles: share of arrivals and of the initial population)\n";
    for (const auto& p : s_.profiles) {
      const std::string at = "/profiles/" + p.id + "/";
      out_ << "  " << p.label << " [" << p.id << "]: " << pct(p.share) << "; "
           << plural(p.household_size, "person", "persons");
      if (p.children > 0) out_ << " (" << plural(p.children, "child", "children") << ")";
      out_ << "; starts employed with probability "
           << pct_of(at + "employed_at_entry", p.employed_at_entry) << "\n"
           << "     each month: finds a job " << pct_of(at + "job_gain", p.job_gain)
           << ", loses it " << pct_of(at + "job_loss", p.job_loss) << ", pays rent "
           << pct_of(at + "pay_rent_unemployed", p.pay_rent_unemployed) << " if unemployed / "
           << pct_of(at + "pay_rent_employed", p.pay_rent_employed)
           << " if employed, keeps the rules " << pct_of(at + "comply", p.comply)
           << " where no rent is due, leaves " << pct_of(at + "exit", p.exit) << "\n";
      if (p.exit_unknown != 1)
        out_ << "     exits go to own housing " << pct(p.exit_to_own_housing)
             << ", to an institution " << pct(p.exit_to_institution) << ", unknown "
             << pct(p.exit_unknown) << "\n";
    }
  }

  void cohorts() {
    if (s_.cohorts.empty()) return;
    out_ << "\nTagged cohorts (reported on their own, intention to treat)\n";
    for (const auto& c : s_.cohorts) {
      out_ << "  " << c.label << " [" << c.id << "]: ";
      if (!c.initial_stage.empty())
        out_ << "the households in " << stage_label(c.initial_stage) << " at month 0";
      else
        out_ << "the households arriving from month " << c.from_month
             << (c.to_month > 0 ? " to month " + std::to_string(c.to_month) : " on");
      if (!c.profile.empty()) out_ << ", profile " << c.profile << " only";
      out_ << "\n";
    }
  }

  void services() {
    out_ << "\nSupport services\n";
    if (s_.services.empty()) out_ << "  none\n";
    for (const auto& sv : s_.services) {
      static const char* prio[] = {"first come first served", "highest arrears first",
                                   "families with children first"};
      out_ << "  " << sv.label << " [" << sv.id << "]: for households in "
           << stage_list_and(sv.eligible_stages) << "; " << sv.caseload_per_worker
           << " cases per worker; " << prio[static_cast<int>(sv.priority)] << "; "
           << (sv.engagement_months
                   ? "engagement lasts " + plural(*sv.engagement_months, "month", "months")
                   : std::string("engaged while eligible"))
           << "; " << format_number(sv.cost_per_case_month) << " CZK per case-month"
           << spread("/services/" + sv.id + "/cost_per_case_month")
           << (sv.payer.empty() ? "" : ", paid by " + sv.payer) << "\n";
      const std::string m = multipliers(sv.effects, "/services/" + sv.id + "/effects");
      if (!m.empty() || sv.arrears_repayment > 0) {
        out_ << "     while engaged: " << m;
        if (sv.arrears_repayment > 0)
          out_ << (m.empty() ? "" : "; ") << "clears "
               << plural(sv.arrears_repayment, "extra month", "extra months")
               << " of arrears per good month";
        out_ << "\n";
      }
    }
  }
  std::string stage_list_and(const std::vector<std::string>& ids) const {
    std::vector<std::string> names;
    for (const auto& id : ids) names.push_back(stage_label(id));
    return join(names);
  }

  void towns() {
    out_ << "\nTowns\n";
    for (const auto& t : s_.towns) {
      out_ << "  " << t.label << " [" << t.id << "]\n";
      std::vector<std::string> caps;
      for (std::size_t k = s_.stages.size(); k-- > 0;) {
        const Stage& st = s_.stages[k];
        if (auto it = t.capacity.find(st.id); it != t.capacity.end())
          caps.push_back(st.label + " " + scheduled(it->second));
      }
      out_ << "    units: " << join(caps, "; ") << "\n";
      long long total = 0;
      std::vector<std::string> init;
      for (const auto& st : s_.stages)
        if (auto it = t.initial.find(st.id); it != t.initial.end() && it->second > 0) {
          init.push_back(st.label + " " + std::to_string(it->second));
          total += it->second;
        }
      out_ << "    at month 0: "
           << (init.empty() ? std::string("nobody")
                            : join(init) + " (" + plural(total, "household", "households") + ")")
           << "\n";
      if (t.replace_exits)
        out_ << "    arrivals: none; each household that leaves is replaced at once (closed "
                "population)\n";
      else
        out_ << "    arrivals: " << arrivals(t.arrival_rate)
             << spread("/towns/" + t.id + "/arrivals/rate") << "\n";
      std::vector<std::string> entry{t.entry_stage};
      entry.insert(entry.end(), t.entry_fallbacks.begin(), t.entry_fallbacks.end());
      out_ << "    newcomers go to: " << stage_list(entry) << " (the first with a free unit)";
      out_ << (t.entry_by_profile.empty() ? "\n" : ", except:\n");
      for (const auto& pf : s_.profiles) {
        auto it = t.entry_by_profile.find(pf.id);
        if (it == t.entry_by_profile.end()) continue;
        std::vector<std::string> own{it->second.stage};
        own.insert(own.end(), it->second.fallbacks.begin(), it->second.fallbacks.end());
        out_ << "      " << pf.label << " go to: " << stage_list(own) << "\n";
      }
      std::vector<std::string> staff;
      for (const auto& sv : s_.services) {
        auto it = t.staffing.find(sv.id);
        const double w = it == t.staffing.end() ? 0 : it->second;
        staff.push_back(
            sv.label + " " + format_number(w) + (w == 1 ? " worker (" : " workers (") +
            std::to_string(static_cast<long long>(std::floor(w * sv.caseload_per_worker))) +
            " cases)");
      }
      if (!staff.empty()) out_ << "    staffing: " << join(staff, "; ") << "\n";
      std::vector<std::string> costs;
      for (const auto& [id, c] : t.stage_costs)
        costs.push_back(stage_label(id) + " " + format_number(c) + " CZK per unit-month" +
                        spread("/towns/" + t.id + "/stage_costs/" + id));
      for (const auto& [id, c] : t.service_costs)
        costs.push_back(service_label(id) + " " + format_number(c) + " CZK per case-month" +
                        spread("/towns/" + t.id + "/service_costs/" + id));
      if (!costs.empty()) out_ << "    local costs: " << join(costs, "; ") << "\n";
    }
  }

  void uncertainty() {
    if (s_.uncertain.empty()) return;
    std::map<std::string, int> groups;
    for (const auto& u : s_.uncertain)
      if (!u.group.empty()) ++groups[u.group];
    out_ << "\nParameter uncertainty\n  "
         << plural(static_cast<long long>(s_.uncertain.size()), "parameter carries",
                   "parameters carry")
         << " a distribution (shown above with its 90 % range; the value shown is its mean)\n";
    for (const auto& [g, n] : groups)
      out_ << "  group " << g << ": " << plural(n, "parameter", "parameters")
           << " share one quantile draw\n";
  }

  void variants() {
    out_ << "\nVariants (each is the scenario above with these changes)\n";
    if (s_.variants.empty()) out_ << "  none\n";
    ojson base = doc_.is_object() ? doc_ : ojson::object();
    base.erase("variants");
    for (const auto& v : s_.variants) {
      out_ << "  " << v.label << " [" << v.id << "]\n";
      if (!v.description.empty()) out_ << "    " << v.description << "\n";
      const ojson patch = ojson::parse(v.patch_json, nullptr, false);
      std::vector<detail::PatchChange> changes;
      if (patch.is_object()) detail::patch_changes(patch, &base, "", changes);
      for (const auto& c : changes)
        out_ << "    " << c.pointer << ": "
             << (c.before ? c.before->dump() : std::string("(not set)")) << " -> "
             << (c.value ? c.value->dump() : std::string("(removed)")) << "\n";
    }
  }

  const Scenario& s_;
  const ojson& doc_;
  std::ostringstream out_;
};

}  // namespace

std::string describe(const Scenario& s, const ojson& document) {
  return Describer(s, document).run();
}

}  // namespace prostup

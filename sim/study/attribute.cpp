// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "prostup/attribution.hpp"
#include "prostup/errors.hpp"
#include "prostup/number_text.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"
#include "prostup/statistics.hpp"
#include "run_support.hpp"
#include "scenario_cli.hpp"

namespace prostup::study {

using namespace detail;
namespace fs = std::filesystem;

namespace {

// A scenario text as written, parsed (refused when it does not validate).
ojson document_of(const std::string& text, long long run) {
  const LoadResult r = load_scenario_text(text);
  if (!r.ok())
    throw UserError("run " + std::to_string(run) +
                    "'s scenario as written does not validate with this program");
  return r.document;
}

// The pointer of the distribution object a leaf belongs to ("" when none): the shortest
// prefix whose value in either document is an object with "dist".
std::string distribution_of(const std::string& pointer, const ojson& a, const ojson& b) {
  std::string prefix;
  std::size_t at = 0;
  while (at < pointer.size()) {
    const std::size_t next = pointer.find('/', at + 1);
    prefix = pointer.substr(0, next);
    for (const ojson* doc : {&a, &b}) {
      try {
        const ojson::json_pointer p(prefix);
        if (doc->contains(p)) {
          const ojson& v = doc->at(p);
          if (v.is_object() && v.contains("dist")) return prefix;
        }
      } catch (const ojson::exception&) {  // a key that is no array index where one is
      }
    }
    if (next == std::string::npos) break;
    at = next;
  }
  return "";
}

// A signed number as shown: "+3.1" ("+0.0", not "-0.0", for a difference that rounds to 0).
std::string with_sign(double d, const std::string& unit) {
  std::string t = unit == "share"
                      ? number_text::fixed(100 * d, 1, true)
                      : (d < 0 ? "-" : "+") + format_ci(std::abs(d), kUndefined, kUndefined, unit);
  if (t[0] == '-' && t.find_first_of("123456789") == std::string::npos) t[0] = '+';
  return t;
}

// A change of the means in the outcome's unit, signed: "+3.1 pp", "-1.49 M".
std::string signed_change(double d, const std::string& unit) {
  if (std::isnan(d)) return "n/a";
  return with_sign(d, unit) + (unit == "share" ? " pp" : "");
}

std::string signed_interval(double lo, double hi, const std::string& unit) {
  if (std::isnan(lo) || std::isnan(hi)) return "";
  return "[" + with_sign(lo, unit) + ", " + with_sign(hi, unit) + "]";
}

// `text` left-aligned in `width` columns (counted in UTF-8 characters), at least one space after.
std::string pad(const std::string& text, std::size_t width) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return text + std::string(chars < width ? width - chars : 1, ' ');
}

ojson number_or_null(double v) {
  return std::isfinite(v) ? ojson(v) : ojson(nullptr);
}

// The settings the re-simulation takes: the runs' own (run A's), --replications and --threads
// where given; uncertainty as run A ran (its manifest, where its folder is still there).
struct Settings {
  long long seed = -1;
  int replications = 0, months = 0, threads = 0, inner = 2;
  bool fixed = false, from_manifest = false;
  std::vector<std::string> variants;  // without "baseline"
};

Settings settings_of(const AttributionRequest& args, const CatalogRun& ra) {
  Settings s;
  s.seed = ra.seed;
  s.replications = args.replications > 0 ? args.replications : ra.replications;
  s.months = ra.months;
  s.threads = resolved_threads(args.threads);
  for (const auto& v : ra.variants)
    if (v != "baseline") s.variants.push_back(v);
  std::ifstream in(fs::path(ra.output_dir) / "manifest.json", std::ios::binary);
  if (in) {
    try {
      const ojson m = ojson::parse(in);
      if (m.at("scenario").value("sha256", "") == ra.scenario_sha256) {
        s.from_manifest = true;
        if (m.contains("parameter_uncertainty")) {
          s.inner = m.at("parameter_uncertainty").value("inner_replications", 2);
        } else {
          // No parameter sets drawn: the scenario had none to draw, or --fixed-parameters.
          s.fixed = true;
        }
      }
    } catch (const std::exception&) {
    }
  }
  return s;
}

RunResult simulate(const std::string& text, const Settings& s, const Hooks& hooks) {
  LoadedScenario ls;
  ls.path = "(attribution)";
  ls.text = text;
  const LoadResult r = load_scenario_text(text);
  ls.document = r.document;
  ls.scenario = *r.scenario;
  const std::vector<ModelScenario> scenarios = model_scenarios(ls, s.variants, false);
  const std::vector<CompiledModel> models = compile_all(scenarios, s.months);
  std::vector<Scenario> sources;
  for (const auto& m : scenarios) sources.push_back(m.scenario);
  RunOptions ro;
  ro.threads = s.threads;
  ro.replications = s.replications;
  ro.months = s.months;
  ro.seed = s.seed;
  ro.cancel = hooks.cancel;
  ro.scenarios = &sources;
  ro.fixed_parameters = s.fixed;
  ro.inner_replications = s.inner;
  return run_models(models, ro);
}

// One headline row of the diff: both runs' outcome of one town, variant, cohort and metric.
struct Row {
  const CatalogOutcome *before, *after;
};

std::vector<Row> headline_rows(const std::vector<CatalogOutcome>& oa,
                               const std::vector<CatalogOutcome>& ob) {
  auto shown = [](const CatalogOutcome& o) {
    return (o.headline || o.metric == "cost_total") && o.point < 0;
  };
  std::set<std::string> towns;
  for (const auto& o : ob)
    if (o.town != "*") towns.insert(o.town);
  std::map<std::tuple<std::string, std::string, std::string, std::string>, const CatalogOutcome*>
      before;
  for (const auto& o : oa)
    if (shown(o)) before[{o.town, o.variant, o.cohort, o.metric}] = &o;
  std::vector<Row> rows;
  for (const auto& o : ob) {
    if (!shown(o) || (towns.size() == 1 && o.town == "*")) continue;
    const auto it = before.find({o.town, o.variant, o.cohort, o.metric});
    if (it != before.end()) rows.push_back({it->second, &o});
  }
  return rows;
}

}  // namespace

std::vector<ChangedInput> changed_inputs(const std::string& before, const std::string& after) {
  const ojson a = ojson::parse(before), b = ojson::parse(after);
  std::vector<ChangedInput> inputs;
  std::map<std::string, std::size_t> at;
  for (const JsonChange& c : json_diff(before, after)) {
    std::string key = distribution_of(c.pointer, a, b);
    if (key.empty()) key = c.pointer;
    const auto it = at.find(key);
    if (it == at.end()) {
      at[key] = inputs.size();
      inputs.push_back({key, {c}});
    } else {
      inputs[it->second].changes.push_back(c);
    }
  }
  return inputs;
}

std::string apply_input(const std::string& before, const std::string& after,
                        const ChangedInput& input) {
  ojson a = ojson::parse(before);
  const ojson b = ojson::parse(after);
  const ojson::json_pointer p(input.pointer == "/" ? "" : input.pointer);
  if (b.contains(p)) {
    a[p] = b.at(p);
  } else if (a.contains(p)) {
    ojson& parent = a.at(p.parent_pointer());
    if (parent.is_object())
      parent.erase(p.back());
    else if (parent.is_array())
      parent.erase(static_cast<std::size_t>(std::stoul(p.back())));
  }
  return a.dump(2) + "\n";
}

std::string attribute_runs(const AttributionRequest& args, const CatalogRun& ra,
                           const std::vector<CatalogOutcome>& oa, const CatalogRun& rb,
                           const std::vector<CatalogOutcome>& ob, const Hooks& hooks,
                           const std::function<void(const std::string&)>& note) {
  std::ostringstream out;
  if (ra.command != "run" || rb.command != "run")
    throw UserError("--attribute compares two runs of `prostup run` (run " + std::to_string(ra.id) +
                    " is a " + ra.command + ", run " + std::to_string(rb.id) + " a " + rb.command +
                    ")");
  if (ra.scenario_source.empty() || rb.scenario_source.empty())
    throw UserError(
        "--attribute needs both runs' scenarios as written (recorded since version 2 of the "
        "catalog)");
  const std::string before = document_of(ra.scenario_source, ra.id).dump(2) + "\n";
  const std::string after = document_of(rb.scenario_source, rb.id).dump(2) + "\n";
  const std::vector<ChangedInput> inputs = changed_inputs(before, after);
  const Scenario sa = *load_scenario_text(before).scenario;
  const Settings s = settings_of(args, ra);
  const std::string canonical_a = to_json(sa).dump();

  // What each input alone makes of run A's scenario: invalid, the same model, or a run.
  struct Trial {
    std::string text, problem;
    bool same_model = false;
    RunResult result;
  };
  std::vector<Trial> trials(inputs.size());
  int runs = 1;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    trials[i].text = apply_input(before, after, inputs[i]);
    const LoadResult lr = load_scenario_text(trials[i].text);
    if (!lr.ok()) {
      trials[i].problem = lr.diagnostics.empty() ? "not a valid scenario"
                                                 : lr.diagnostics.front().pointer + ": " +
                                                       lr.diagnostics.front().message;
    } else if (to_json(*lr.scenario).dump() == canonical_a) {
      trials[i].same_model = true;
    } else {
      ++runs;
    }
  }
  std::string variants = "baseline";
  for (const auto& v : s.variants) variants += "," + v;
  std::ostringstream said;
  said << "prostup runs diff --attribute: " << runs << " simulation" << (runs == 1 ? "" : "s")
       << " of run " << ra.id << "'s scenario (as recorded, then with each changed input "
       << "alone: " << runs - 1 << " of " << inputs.size() << " change the model): seed " << s.seed
       << ", " << s.replications << " replications, " << s.months << " months, variants "
       << printable(variants) << ", " << s.threads << " thread" << (s.threads == 1 ? "" : "s")
       << (s.fixed && !sa.uncertain.empty() ? ", parameters at their means" : "")
       << (s.from_manifest || sa.uncertain.empty()
               ? ""
               : " (run " + std::to_string(ra.id) +
                     "'s folder is gone: parameter sets drawn, 2 replications each)")
       << "\n";

  if (note) note(said.str());

  RunResult base = simulate(before, s, hooks);
  for (auto& t : trials)
    if (t.problem.empty() && !t.same_model) {
      // An input that removes or renames one of run A's variants (or breaks its patch)
      // cannot be applied alone: said on its rows, the others still attributed.
      try {
        t.result = simulate(t.text, s, hooks);
      } catch (const UserError& e) {
        t.problem = e.what();
      }
    }

  // Per headline row: each input's paired difference, its share, and the remainder.
  ojson rows = ojson::array();
  bool reproduced = true;
  int unmoved = 0;  // outcomes neither run changed and no input moved: in the JSON only
  std::string text;
  std::string group;
  for (const Row& row : headline_rows(oa, ob)) {
    const CatalogOutcome& o = *row.after;
    const TownVariantResult* b = base.find(o.town, o.variant);
    const int k = base.metric_index(o.metric, o.cohort);
    if (!b || k < 0) continue;
    const MetricInfo& mi = base.metric_info[static_cast<std::size_t>(k)];
    const double total = o.mean - row.before->mean;
    // Run A as re-simulated against its record (to the rounding of the stored means).
    const double again = b->metrics[static_cast<std::size_t>(k)].mean, was = row.before->mean;
    if (std::isnan(again) != std::isnan(was) ||
        (!std::isnan(was) && std::abs(again - was) > 1e-9 * std::max(1.0, std::abs(was))))
      reproduced = false;
    auto share = [&](double d) {
      return std::isfinite(d) && std::isfinite(total) && total != 0 ? d / total : kUndefined;
    };
    auto share_text = [&](double d) {
      const double x = share(d);
      if (std::isnan(x)) return std::string("n/a");
      std::string t = number_text::fixed(100 * x, 1);
      if (t[0] == '-' && t.find_first_of("123456789") == std::string::npos) t.erase(0, 1);
      return t + " %";
    };
    const std::string g = printable(o.town + ", " + o.variant) +
                          (o.cohort == "all" ? "" : ", cohort " + printable(o.cohort));
    std::string block = "    " + printable(o.metric) + ": " + signed_change(total, o.unit) +
                        " (run " + std::to_string(ra.id) + " -> run " + std::to_string(rb.id) +
                        ")\n";
    ojson js = ojson::array();
    double explained = 0;
    bool moved = std::isfinite(total) && total != 0;  // else shown where an input moved it
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const Trial& t = trials[i];
      double d = kUndefined, lo = kUndefined, hi = kUndefined;
      int pairs = 0;
      std::string note;
      if (!t.problem.empty()) {
        note = "cannot be applied alone (the scenario is then invalid: " + t.problem + ")";
      } else if (t.same_model) {
        d = lo = hi = 0;
        note = "does not change the model (not simulated)";
      } else if (const TownVariantResult* x = t.result.find(o.town, o.variant)) {
        const std::size_t units = b->per_replication[static_cast<std::size_t>(k)].size();
        if (x->per_replication.size() > static_cast<std::size_t>(k) &&
            x->per_replication[static_cast<std::size_t>(k)].size() == units) {
          const Comparison c = paired_comparison(mi, *b, *x, static_cast<std::size_t>(k),
                                                 static_cast<int>(units), base.info.psa);
          d = c.diff_mean, lo = c.diff_ci_low, hi = c.diff_ci_high, pairs = c.replications;
        }
      }
      if (std::isfinite(d)) explained += d;
      moved = moved || (std::isfinite(d) && d != 0);
      block += "      " + pad(printable(inputs[i].pointer), 44);
      if (!note.empty() && std::isnan(d))
        block += note + "\n";
      else
        block += pad(signed_change(d, o.unit), 12) + pad(signed_interval(lo, hi, o.unit), 24) +
                 share_text(d) + (note.empty() ? "" : "  (" + note + ")") + "\n";
      js.push_back({{"input", inputs[i].pointer},
                    {"explained", number_or_null(d)},
                    {"ci_low", number_or_null(lo)},
                    {"ci_high", number_or_null(hi)},
                    {"pairs", pairs},
                    {"share", number_or_null(share(d))},
                    {"note", note}});
    }
    const double rest = std::isfinite(total) ? total - explained : kUndefined;
    block += "      " + pad("remainder (interactions, noise)", 44) +
             pad(signed_change(rest, o.unit), 12) + pad("", 24) + share_text(rest) + "\n";
    if (moved) {
      if (g != group) text += "  " + (group = g) + "\n";
      text += block;
    } else {
      ++unmoved;
    }
    rows.push_back({{"town", o.town},
                    {"variant", o.variant},
                    {"cohort", o.cohort},
                    {"metric", o.metric},
                    {"unit", o.unit},
                    {"change", number_or_null(total)},
                    {"inputs", js},
                    {"remainder", number_or_null(rest)},
                    {"remainder_share", number_or_null(share(rest))}});
  }

  ojson inputs_json = ojson::array();
  for (const auto& in : inputs) inputs_json.push_back(in.pointer);
  ojson settings = {
      {"seed", s.seed},         {"replications", s.replications}, {"months", s.months},
      {"variants", s.variants}, {"fixed_parameters", s.fixed},    {"inner_replications", s.inner}};
  if (args.json) {
    ojson diff = ojson::parse(format_run_diff_json(ra, oa, rb, ob));
    diff["attribution"] = {{"base_run", ra.id},
                           {"base_reproduced", reproduced},
                           {"settings", settings},
                           {"inputs", inputs_json},
                           {"outcomes", rows}};
    out << diff.dump(2) << "\n";
    return out.str();
  }
  out << format_run_diff(ra, oa, rb, ob);
  out << "\nWhich change moved the answer (run " << ra.id
      << "'s scenario with each changed input alone, paired with it: seed " << s.seed << ", "
      << s.replications << " replications; the change it explains [95 % interval "
      << "of the paired difference] and its share of the change run " << ra.id << " -> run "
      << rb.id << "):\n";
  if (!reproduced)
    out << "  note: run " << ra.id << " simulated again differs from its record (another "
        << "program version, or other settings): the shares are of the recorded change\n";
  if (inputs.empty()) out << "  no input of the scenario as written changed\n";
  if (rows.empty()) out << "  no headline outcome in common\n";
  out << text;
  if (unmoved > 0)
    out << "  (" << unmoved << " outcome" << (unmoved == 1 ? "" : "s")
        << " that no input moved and that did not change are not listed; --json has them)\n";
  return out.str();
}

}  // namespace prostup::study

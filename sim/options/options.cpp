// SPDX-License-Identifier: Apache-2.0
// The options table (include/prostup/options.hpp): every option of every command, once.
#include "prostup/options.hpp"

#include <limits>
#include <stdexcept>

#include "prostup/number_text.hpp"
#include "prostup/study.hpp"

namespace prostup {

namespace {

// One row, built by chained calls: Row("--months", "months", OptionType::whole)
// .whole(1, kMaxMonths).help("...").python("months").of("run", &RunArgs::months) ...
// The command's arguments struct whose base is a use case's request.
template <class Owner>
struct ArgsOf {
  using type = Owner;
};
template <>
struct ArgsOf<study::RunRequest> {
  using type = RunArgs;
};
template <>
struct ArgsOf<study::SweepRequest> {
  using type = SweepArgs;
};
template <>
struct ArgsOf<study::PlanRequest> {
  using type = PlanArgs;
};

class Row {
 public:
  Row(std::string flag, std::string member, OptionType type) {
    s_.flag = std::move(flag);
    s_.member = std::move(member);
    s_.type = type;
  }
  Row& whole(long long lo, long long hi) {
    s_.whole_lo = lo;
    s_.whole_hi = hi;
    return *this;
  }
  Row& number(double lo, double hi) {
    s_.lo = lo;
    s_.hi = hi;
    return *this;
  }
  Row& choices(std::vector<std::string> c) {
    s_.choices = std::move(c);
    return *this;
  }
  Row& help(std::string h) {
    s_.help = std::move(h);
    return *this;
  }
  Row& python(std::string keyword) {
    s_.python = std::move(keyword);
    return *this;
  }
  Row& required(int count = 0) {
    s_.required = true;
    s_.count = count;
    return *this;
  }
  Row& by_hand() {
    s_.by_hand = true;
    return *this;
  }
  // The member `m` of `command`'s Args struct (or of its base, the use case's request:
  // &RunArgs::seed is a member of study::RunRequest, and fills a RunArgs).
  template <class Owner, class T>
  Row& of(const std::string& command, T Owner::*m) {
    using Args = typename ArgsOf<Owner>::type;
    s_.commands.push_back(command);
    s_.bindings.push_back({command, std::type_index(typeid(Args)), [m](void* a) -> OptionField {
                             return &(static_cast<Owner&>(*static_cast<Args*>(a)).*m);
                           }});
    return *this;
  }
  // The member `m` of the struct `outer` of `command`'s Args (catalog.path).
  template <class Args, class Outer, class T>
  Row& of(const std::string& command, Outer Args::*outer, T Outer::*m) {
    s_.commands.push_back(command);
    s_.bindings.push_back(
        {command, std::type_index(typeid(Args)),
         [outer, m](void* a) -> OptionField { return &((static_cast<Args*>(a)->*outer).*m); }});
    return *this;
  }
  OptionSpec spec() const { return s_; }

 private:
  OptionSpec s_;
};

const char* const kFileHelp =
    "Scenario JSON (default: the built-in scenario, scenarios/default.json; e.g. "
    "scenarios/jirkov.json)";

std::string lang_help(const std::string& what) {
  return "Language of " + what +
         ": en or cs (default: the scenario's \"language\", else en; e.g. --lang cs)";
}

const char* const kQuietHelp =
    "No progress or summary output (default: off; e.g. --quiet in scripts)";
const char* const kForceHelp =
    "Replace a non-empty output directory (default: off; e.g. --force -o out/again)";
const char* const kNoReportHelp =
    "Do not draw charts and report.html (default: off; e.g. --no-report, then `prostup "
    "report DIR`)";

std::vector<OptionSpec> build_table() {
  using T = OptionType;
  const long long kMaxSeed = std::numeric_limits<long long>::max();
  std::vector<Row> rows;
  // validate, schema, describe
  rows.push_back(Row("files", "files", T::list)
                     .required()
                     .help("Scenario JSON files; a JSON Schema file among them is skipped "
                           "(required; e.g. scenarios/*.json)")
                     .of("validate", &ValidateArgs::files));
  rows.push_back(Row("-q,--quiet", "quiet", T::flag)
                     .help("Print nothing for valid files (default: off; e.g. validate -q a.json)")
                     .of("validate", &ValidateArgs::quiet));
  rows.push_back(Row("--dict", "dict", T::flag)
                     .help("Print the fuzzer's dictionary instead (default: off; e.g. schema "
                           "--dict)")
                     .of("schema", &SchemaArgs::dict));
  rows.push_back(Row("--update", "update_dir", T::text)
                     .help("Rewrite the generated files of this source tree: the schema, the "
                           "tables of docs/scenario-format.md, docs/model.md and docs/options.md, "
                           "fuzz/scenario.dict (default: none; e.g. schema --update .)")
                     .of("schema", &SchemaArgs::update_dir));
  rows.push_back(Row("file", "file", T::text)
                     .help(kFileHelp)
                     .of("describe", &DescribeArgs::file)
                     .of("run", &RunArgs::file)
                     .of("sweep", &SweepArgs::file)
                     .of("plan", &PlanArgs::file)
                     .of("cohort", &CohortArgs::file)
                     .of("calibrate", &CalibrateArgs::file));
  rows.push_back(Row("--lang", "lang", T::choice)
                     .choices({"en", "cs"})
                     .help(lang_help("the summary"))
                     .of("describe", &DescribeArgs::lang));
  rows.push_back(Row("--graph", "graph", T::text)
                     .help("Also draw the ladder (stages, moves, services) as an SVG file, e.g. "
                           "--graph ladder.svg (default: not drawn)")
                     .of("describe", &DescribeArgs::graph));
  // sweep's and plan's own required options come before the output directory
  rows.push_back(Row("--set", "sets", T::list)
                     .required()
                     .python("set")
                     .help("POINTER=FROM:TO:STEP, a number in the scenario and its values; repeat "
                           "for a grid (required; e.g. --set "
                           "/towns/jirkov/capacity/training_flat=4:20:4)")
                     .of("sweep", &SweepArgs::sets));
  rows.push_back(Row("--vary", "vary", T::text)
                     .required()
                     .python("vary")
                     .help("POINTER=LO:HI, the number to search and its range (required; e.g. "
                           "--vary /towns/jirkov/capacity/training_flat=0:40)")
                     .of("plan", &PlanArgs::vary));
  rows.push_back(Row("--target", "target", T::text)
                     .required()
                     .python("target")
                     .help("METRIC>=VALUE or METRIC<=VALUE; shares also as percent (required; "
                           "e.g. --target 'reached_lease_share>=60%')")
                     .of("plan", &PlanArgs::target));
  rows.push_back(Row("--town", "town", T::text)
                     .python("town")
                     .help("Town id the target applies to (default: all towns together, '*'; "
                           "e.g. --town jirkov)")
                     .of("plan", &PlanArgs::town));
  rows.push_back(Row("--variant", "variant", T::text)
                     .python("variant")
                     .help("Variant id to search in (default: the baseline; e.g. --variant "
                           "debt_counsellor_everywhere)")
                     .of("plan", &PlanArgs::variant));
  rows.push_back(Row("--confidence", "confidence", T::number)
                     .number(0.5, 0.9999)
                     .python("confidence")
                     .help("With fixed parameters: confidence of the one-sided bound of the mean "
                           "that must meet the target (default: 0.95; e.g. --confidence 0.9)")
                     .of("plan", &PlanArgs::confidence));
  rows.push_back(Row("--assurance", "assurance", T::number)
                     .number(0.01, 1)
                     .python("assurance")
                     .help("Share of the drawn parameter sets that must meet the target "
                           "(default: 0.95; e.g. --assurance 0.8)")
                     .of("plan", &PlanArgs::assurance));
  // output directories
  rows.push_back(
      Row("-o,--output", "out_dir", T::text)
          .help("Output directory (default: a new prostup-out/<scenario name>/RUN-ID, with "
                "prostup-out/<scenario name>/latest pointing at it; e.g. -o out/jirkov)")
          .of("run", &RunArgs::out_dir));
  rows.push_back(Row("-o,--output", "out_dir", T::text)
                     .help("Output directory (default: a new prostup-out/<scenario "
                           "name>-sweep/RUN-ID, with latest beside it; e.g. -o out/sweep)")
                     .of("sweep", &SweepArgs::out_dir));
  rows.push_back(Row("-o,--output", "out_dir", T::text)
                     .help("Output directory (default: a new prostup-out/<scenario "
                           "name>-plan/RUN-ID, with latest beside it; e.g. -o out/plan)")
                     .of("plan", &PlanArgs::out_dir));
  rows.push_back(Row("-o,--output", "out_dir", T::text)
                     .help("Output directory (default: prostup-out/<scenario name>-cohort; e.g. "
                           "-o out/cohort)")
                     .of("cohort", &CohortArgs::out_dir));
  rows.push_back(Row("-o,--output", "out_dir", T::text)
                     .help("Output directory (default: a new prostup-out/<scenario "
                           "name>-calibrate/RUN-ID, with latest beside it; e.g. -o "
                           "out/calibrated)")
                     .of("calibrate", &CalibrateArgs::out_dir));
  // the run options run, sweep and plan share (calibrate: --threads and --seed)
  rows.push_back(Row("--replications", "replications", T::whole)
                     .whole(1, kMaxReplications)
                     .python("replications")
                     .help("Monte Carlo replications (default: the scenario's "
                           "simulation.replications; e.g. --replications 100)")
                     .of("run", &RunArgs::replications)
                     .of("sweep", &SweepArgs::replications)
                     .of("plan", &PlanArgs::replications));
  rows.push_back(Row("--threads", "threads", T::whole)
                     .whole(0, kMaxThreads)
                     .python("threads")
                     .help("Worker threads, 0 = all cores; results do not depend on it (default: "
                           "0; e.g. --threads 4)")
                     .of("run", &RunArgs::threads)
                     .of("sweep", &SweepArgs::threads)
                     .of("plan", &PlanArgs::threads)
                     .of("calibrate", &CalibrateArgs::threads));
  rows.push_back(Row("--seed", "seed", T::whole)
                     .whole(0, kMaxSeed)
                     .python("seed")
                     .help("Random seed (default: the scenario's simulation.seed; e.g. --seed 7)")
                     .of("run", &RunArgs::seed)
                     .of("sweep", &SweepArgs::seed)
                     .of("plan", &PlanArgs::seed)
                     .of("calibrate", &CalibrateArgs::seed));
  rows.push_back(Row("--months", "months", T::whole)
                     .whole(1, kMaxMonths)
                     .python("months")
                     .help("Months to simulate, at most " + number_text::integer(kMaxMonths) +
                           " (default: the scenario's simulation.months; e.g. --months 120)")
                     .of("run", &RunArgs::months)
                     .of("sweep", &SweepArgs::months)
                     .of("plan", &PlanArgs::months));
  // input uncertainty (docs/uncertainty.md, docs/planning.md)
  rows.push_back(Row("--fixed-parameters", "fixed_parameters", T::flag)
                     .python("fixed_parameters")
                     .help("Run every parameter that carries a distribution at its mean: Monte "
                           "Carlo intervals only, as before distributions (default: off, "
                           "parameter sets are drawn; e.g. --fixed-parameters)")
                     .of("run", &RunArgs::fixed_parameters));
  rows.push_back(Row("--fixed-parameters", "fixed_parameters", T::flag)
                     .python("fixed_parameters")
                     .help("Run every parameter that carries a distribution at its mean: Monte "
                           "Carlo intervals only (default: off, every value runs the same drawn "
                           "parameter sets; e.g. --fixed-parameters)")
                     .of("sweep", &SweepArgs::fixed_parameters)
                     .of("plan", &PlanArgs::fixed_parameters));
  rows.push_back(Row("--inner-replications", "inner_replications", T::whole)
                     .whole(study::kMinInnerReplications, study::kMaxInnerReplications)
                     .python("inner_replications")
                     .help("Replications per drawn parameter set, at least 2 to split the "
                           "variance into parameters and Monte Carlo (default: 2; e.g. "
                           "--inner-replications 4)")
                     .of("run", &RunArgs::inner_replications));
  rows.push_back(Row("--inner-replications", "inner_replications", T::whole)
                     .whole(study::kMinInnerReplications, study::kMaxInnerReplications)
                     .python("inner_replications")
                     .help("Replications per drawn parameter set (default: 2; e.g. "
                           "--inner-replications 4)")
                     .of("sweep", &SweepArgs::inner_replications)
                     .of("plan", &PlanArgs::inner_replications));
  // the run catalog (docs/catalog.md)
  rows.push_back(Row("--catalog", "catalog.path", T::text)
                     .python("catalog")
                     .help("Run catalog to record this run in (default: $PROSTUP_CATALOG, else "
                           "prostup-out/catalog.sqlite; e.g. --catalog ~/runs.sqlite)")
                     .of("run", &RunArgs::catalog, &CatalogOptions::path)
                     .of("sweep", &SweepArgs::catalog, &CatalogOptions::path)
                     .of("plan", &PlanArgs::catalog, &CatalogOptions::path)
                     .of("calibrate", &CalibrateArgs::catalog, &CatalogOptions::path));
  rows.push_back(Row("--no-catalog", "catalog.disabled", T::flag)
                     .help("Do not record this run in the catalog (default: off, recorded; e.g. "
                           "--no-catalog for a throw-away run)")
                     .of("run", &RunArgs::catalog, &CatalogOptions::disabled)
                     .of("sweep", &SweepArgs::catalog, &CatalogOptions::disabled)
                     .of("plan", &PlanArgs::catalog, &CatalogOptions::disabled)
                     .of("calibrate", &CalibrateArgs::catalog, &CatalogOptions::disabled));
  // what a run runs, and how it reports
  rows.push_back(Row("--variants", "variants", T::list)
                     .by_hand()  // a comma-separated list; given or not (all_variants)
                     .python("variants")
                     .help("Comma-separated variant ids, empty = baseline only (default: all; "
                           "e.g. --variants jirkov_training_plus20,housing_first)")
                     .of("run", &RunArgs::variants));
  rows.push_back(Row("--variant", "variant", T::text)
                     .python("variant")
                     .help("Variant id to sweep (default: the baseline; e.g. --variant "
                           "jirkov_training_plus20)")
                     .of("sweep", &SweepArgs::variant));
  rows.push_back(Row("--quiet", "quiet", T::flag)
                     .help(kQuietHelp)
                     .of("run", &RunArgs::quiet)
                     .of("sweep", &SweepArgs::quiet)
                     .of("plan", &PlanArgs::quiet)
                     .of("calibrate", &CalibrateArgs::quiet));
  rows.push_back(Row("--verbose", "verbose", T::flag)
                     .help("Print every headline metric of every town and variant, and every "
                           "binding constraint (default: off, the short answer; e.g. --verbose)")
                     .of("run", &RunArgs::verbose));
  rows.push_back(Row("--force", "force", T::flag)
                     .help("Replace a non-empty output directory; ignore the memory estimate "
                           "(default: off; e.g. --force -o out/again)")
                     .of("run", &RunArgs::force));
  rows.push_back(Row("--force", "force", T::flag)
                     .help(kForceHelp)
                     .of("sweep", &SweepArgs::force)
                     .of("plan", &PlanArgs::force)
                     .of("cohort", &CohortArgs::force)
                     .of("calibrate", &CalibrateArgs::force));
  rows.push_back(Row("--no-report", "no_report", T::flag)
                     .help(kNoReportHelp)
                     .of("run", &RunArgs::no_report)
                     .of("sweep", &SweepArgs::no_report)
                     .of("plan", &PlanArgs::no_report));
  rows.push_back(Row("--csv-dialect", "csv_dialect", T::choice)
                     .choices({"rfc4180", "excel-cs"})
                     .help("How the CSV files are written: rfc4180 (comma, decimal point) or "
                           "excel-cs (semicolon, decimal comma, UTF-8 BOM: opens in a Czech "
                           "spreadsheet) (default: rfc4180; e.g. --csv-dialect excel-cs)")
                     .of("run", &RunArgs::csv_dialect)
                     .of("sweep", &SweepArgs::csv_dialect)
                     .of("cohort", &CohortArgs::csv_dialect)
                     .of("calibrate", &CalibrateArgs::csv_dialect));
  rows.push_back(Row("--lang", "lang", T::choice)
                     .choices({"en", "cs"})
                     .help(lang_help("the terminal answer and report.html"))
                     .of("run", &RunArgs::lang)
                     .of("sweep", &SweepArgs::lang)
                     .of("plan", &PlanArgs::lang));
  rows.push_back(Row("--by-profile-series", "by_profile_series", T::flag)
                     .python("by_profile_series")
                     .help("Also write the monthly series (occupancy, waiting) by household "
                           "profile to timeseries.csv; slower and larger (default: off; e.g. "
                           "--by-profile-series)")
                     .of("run", &RunArgs::by_profile_series));
  rows.push_back(Row("--dry-run", "dry_run", T::flag)
                     .help("Print the memory and time estimate and stop (default: off; e.g. "
                           "--dry-run --replications 5000)")
                     .of("run", &RunArgs::dry_run));
  // report
  rows.push_back(Row("dir", "dir", T::text)
                     .required()
                     .help("Output directory of run, sweep or plan (required; e.g. out/jirkov)")
                     .of("report", &ReportArgs::dir));
  rows.push_back(Row("--lang", "lang", T::choice)
                     .choices({"en", "cs"})
                     .help("Language of report.html: en or cs (default: the run's own, from "
                           "manifest.json, else en; e.g. --lang cs)")
                     .of("report", &ReportArgs::lang));
  // calibrate's budgets
  rows.push_back(Row("--max-simulations", "max_simulations", T::whole)
                     .whole(20, 100000000)
                     .help("Budget of parameter sets simulated, every generation together "
                           "(default: 20000; e.g. --max-simulations 5000)")
                     .of("calibrate", &CalibrateArgs::max_simulations));
  rows.push_back(Row("--max-seconds", "max_seconds", T::number)
                     .number(0, 1e9)
                     .help("Wall-time budget, checked between generations; a run it stops depends "
                           "on the machine's speed (default: 0, none; e.g. --max-seconds 600)")
                     .of("calibrate", &CalibrateArgs::max_seconds));
  rows.push_back(Row("--particles", "particles", T::whole)
                     .whole(study::kMinParticles, study::kMaxParticles)
                     .help("Parameter sets in each generation (default: 200; e.g. --particles "
                           "500)")
                     .of("calibrate", &CalibrateArgs::particles));
  // runs: the catalog's command group and its subcommands
  rows.push_back(Row("--catalog", "catalog.path", T::text)
                     .help("Run catalog to read (default: $PROSTUP_CATALOG, else "
                           "prostup-out/catalog.sqlite; e.g. --catalog ~/runs.sqlite)")
                     .of("runs", &RunsArgs::catalog, &CatalogOptions::path));
  rows.push_back(Row("--scenario", "scenario", T::text)
                     .help("Only runs of this scenario name (default: all; e.g. --scenario "
                           "jirkov)")
                     .of("runs list", &RunsArgs::scenario));
  rows.push_back(Row("id", "ids", T::list)
                     .required(1)
                     .help("Run id (required; e.g. 12, from `prostup runs list`)")
                     .of("runs show", &RunsArgs::ids));
  rows.push_back(Row("ids", "ids", T::list)
                     .required(2)
                     .help("Two run ids, older then newer (required; e.g. 11 12)")
                     .of("runs diff", &RunsArgs::ids));
  rows.push_back(Row("--json", "json", T::flag)
                     .help("Print the difference as JSON (scenario changes, settings, outcomes "
                           "with both runs' means and intervals; default: text)")
                     .of("runs diff", &RunsArgs::json));
  rows.push_back(Row("--attribute", "attribute", T::flag)
                     .help("Re-run the first run's scenario with each changed input alone, "
                           "paired with it, and say how much of each headline's change it "
                           "explains (default: off; e.g. runs diff 11 12 --attribute)")
                     .of("runs diff", &RunsArgs::attribute));
  rows.push_back(Row("--replications", "replications", T::whole)
                     .whole(1, kMaxReplications)
                     .help("Replications of --attribute's simulations (default: the first "
                           "run's; e.g. --replications 100)")
                     .of("runs diff", &RunsArgs::replications));
  rows.push_back(Row("--threads", "threads", T::whole)
                     .whole(0, kMaxThreads)
                     .help("Worker threads of --attribute, 0 = all cores; results do not depend "
                           "on it (default: 0; e.g. --threads 4)")
                     .of("runs diff", &RunsArgs::threads));
  std::vector<OptionSpec> table;
  for (const Row& r : rows) table.push_back(r.spec());
  return table;
}

// The names of a flag: "-o,--output" -> {"-o", "--output"}.
std::vector<std::string> names_of(const std::string& flag) {
  std::vector<std::string> names;
  std::string cur;
  for (char c : flag + ",") {
    if (c == ',') {
      names.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return names;
}

// `text` with |, < and * escaped for a markdown table cell (not a column, a tag, emphasis).
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '<' || c == '*') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

const char* to_string(OptionType t) {
  switch (t) {
    case OptionType::whole:
      return "whole number";
    case OptionType::number:
      return "number";
    case OptionType::text:
      return "text";
    case OptionType::choice:
      return "choice";
    case OptionType::flag:
      return "flag";
    case OptionType::list:
      return "list";
  }
  return "?";
}

bool OptionSpec::takes(const std::string& command) const {
  for (const auto& c : commands)
    if (c == command) return true;
  return false;
}

std::string OptionSpec::range_text() const {
  switch (type) {
    case OptionType::whole:
      return number_text::integer(whole_lo) + " to " + number_text::integer(whole_hi);
    case OptionType::number:
      return number_text::shortest(lo) + " to " + number_text::shortest(hi);
    case OptionType::choice: {
      std::string out;
      for (const auto& c : choices) out += (out.empty() ? "" : ", ") + c;
      return out;
    }
    case OptionType::list:
      return count > 0 ? number_text::integer(count) + " values" : "";
    default:
      return "";
  }
}

const std::vector<OptionSpec>& command_options() {
  static const std::vector<OptionSpec> table = build_table();
  return table;
}

std::vector<std::string> option_commands() {
  std::vector<std::string> out;
  for (const auto& o : command_options())
    for (const auto& c : o.commands) {
      bool seen = false;
      for (const auto& x : out) seen |= x == c;
      if (!seen) out.push_back(c);
    }
  return out;
}

const std::vector<std::string>& python_commands() {
  static const std::vector<std::string> commands = {"run", "sweep", "plan", "cohort"};
  return commands;
}

const OptionSpec& command_option(const std::string& command, const std::string& name) {
  for (const auto& o : command_options()) {
    if (!o.takes(command)) continue;
    for (const auto& n : names_of(o.flag))
      if (n == name || o.flag == name) return o;
  }
  throw std::out_of_range("no option " + name + " of " + command + " in the options table");
}

const OptionSpec* python_option(const std::string& command, const std::string& keyword) {
  for (const auto& o : command_options())
    if (!o.python.empty() && o.python == keyword && o.takes(command)) return &o;
  return nullptr;
}

std::string options_docs_table(const std::string& command) {
  bool python = false;
  for (const auto& c : python_commands()) python |= c == command;
  std::string out =
      python ? "| option | type | range | Python | description |\n|---|---|---|---|---|\n"
             : "| option | type | range | description |\n|---|---|---|---|\n";
  for (const auto& o : command_options()) {
    if (!o.takes(command)) continue;
    std::string names;
    for (const auto& n : names_of(o.flag)) names += (names.empty() ? "`" : ", `") + n + "`";
    out += "| " + names + " | " + to_string(o.type) + " | " + cell(o.range_text()) + " | ";
    if (python) out += (o.python.empty() ? std::string("-") : "`" + o.python + "`") + " | ";
    out += cell(o.help) + " |\n";
  }
  return out;
}

std::string with_generated_option_tables(const std::string& markdown) {
  const std::string begin = "<!-- generated by `prostup schema --update`: options ";
  const std::string end = "<!-- end of generated table -->";
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t b = markdown.find(begin, at);
    if (b == std::string::npos) break;
    const std::size_t name_end = markdown.find(" -->\n", b);
    const std::size_t e = markdown.find(end, b);
    if (name_end == std::string::npos || e == std::string::npos || e < name_end) break;
    const std::string command = markdown.substr(b + begin.size(), name_end - b - begin.size());
    out += markdown.substr(at, name_end + 5 - at);
    out += options_docs_table(command);
    at = e;
  }
  return out + markdown.substr(at);
}

}  // namespace prostup

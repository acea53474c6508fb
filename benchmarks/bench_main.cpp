// SPDX-License-Identifier: Apache-2.0
// prostup_bench: one benchmark case per process, one JSON line on stdout.
//
// A process per case keeps the peak resident memory (getrusage's ru_maxrss) that case's own.
//   prostup_bench ladder  [--households N] [--months M] [--replications R] [--threads T]
//                         [--runs K] [--warmup W] [--scenario bench-ladder-1.json]
//   prostup_bench default --prostup PATH [--runs K] [--warmup W] [--scenario FILE]
//   prostup_bench psa [--replications R] [--threads T] [--runs K] [--warmup W] [--scenario FILE]
// `ladder` runs bench-ladder-1 (benchmarks/bench-ladder-1.json, rescaled to N households by
// its rules) through the runner, in-process; `default` times `prostup run` end to end (all
// variants, default replications, report included) as a child process. Times are medians
// over K runs after W warm-up runs. `psa` times the runner with fixed parameters against
// R drawn parameter sets (PSA set-up cost), alternating, in-process.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "prostup/model.hpp"
#include "prostup/parameter_draw.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using prostup::ojson;

struct Args {
  std::string mode, scenario, prostup;
  long households = 100000;
  int months = 120, replications = 1, threads = 1, runs = 5, warmup = 1;
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "prostup_bench: " << why
            << "\nusage: prostup_bench ladder [--households N] [--months M] [--replications R]"
               " [--threads T] [--runs K] [--warmup W] [--scenario FILE]\n"
               "       prostup_bench default --prostup PATH [--runs K] [--warmup W]"
               " [--scenario FILE]\n"
               "       prostup_bench psa [--replications R] [--threads T] [--runs K]"
               " [--warmup W] [--scenario FILE]\n";
  std::exit(2);
}

Args parse(int argc, char** argv) {
  if (argc < 2) usage("no case given");
  Args a;
  a.mode = argv[1];
  if (a.mode != "ladder" && a.mode != "default" && a.mode != "psa")
    usage("unknown case '" + a.mode + "'");
  for (int k = 2; k < argc; ++k) {
    const std::string opt = argv[k];
    if (k + 1 >= argc) usage(opt + " needs a value");
    const std::string v = argv[++k];
    auto number = [&](long lo) {
      char* end = nullptr;
      const long x = std::strtol(v.c_str(), &end, 10);
      if (*end || x < lo) usage(opt + " takes a whole number >= " + std::to_string(lo));
      return x;
    };
    if (opt == "--households")
      a.households = number(10);
    else if (opt == "--months")
      a.months = static_cast<int>(number(1));
    else if (opt == "--replications")
      a.replications = static_cast<int>(number(1));
    else if (opt == "--threads")
      a.threads = static_cast<int>(number(0));
    else if (opt == "--runs")
      a.runs = static_cast<int>(number(1));
    else if (opt == "--warmup")
      a.warmup = static_cast<int>(number(0));
    else if (opt == "--scenario")
      a.scenario = v;
    else if (opt == "--prostup")
      a.prostup = v;
    else
      usage("unknown option " + opt);
  }
  return a;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// CPU seconds this process has used (all threads): under a busy machine's load, wall-clock
// times stretch but CPU time stays the work done.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double peak_rss_mb(const rusage& u) {
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux reports kilobytes
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

prostup::Scenario load(const std::string& path) {
  const prostup::LoadResult r = prostup::load_scenario_text(read_file(path));
  if (!r.ok()) {
    for (const auto& d : r.diagnostics)
      std::cerr << path << ": " << d.pointer << ": " << d.message << "\n";
    throw std::runtime_error(path + " is not a valid scenario");
  }
  return *r.scenario;
}

// bench-ladder-1 at N households: capacities round(0.15 N), round(0.25 N), round(0.10 N),
// round(0.30 N); shelter and hostel full, everyone else on the street.
void rescale(prostup::Scenario& s, long n) {
  if (s.towns.size() != 1 || s.stages.size() != 5)
    throw std::runtime_error("not bench-ladder-1: expected one town and five stages");
  prostup::Town& t = s.towns[0];
  const char* ids[] = {"shelter", "hostel", "training_flat", "lease"};
  const double share[] = {0.15, 0.25, 0.10, 0.30};
  long cap[4];
  for (int k = 0; k < 4; ++k) cap[k] = std::lround(share[k] * static_cast<double>(n));
  // The shipped file must be these rules at N = 100000; otherwise rescaling would change them.
  if (t.capacity.at("shelter").initial != 15000 || t.capacity.at("hostel").initial != 25000 ||
      t.capacity.at("training_flat").initial != 10000 || t.capacity.at("lease").initial != 30000 ||
      t.initial.at("street") != 60000)
    throw std::runtime_error("bench-ladder-1.json does not hold the rules at N = 100000");
  for (int k = 0; k < 4; ++k) t.capacity.at(ids[k]).initial = static_cast<int>(cap[k]);
  t.initial = {{"street", static_cast<int>(n - cap[0] - cap[1])},
               {"shelter", static_cast<int>(cap[0])},
               {"hostel", static_cast<int>(cap[1])}};
}

int run_ladder(const Args& a) {
  const std::string path = a.scenario.empty()
                               ? std::string(PROSTUP_SOURCE_DIR) + "/benchmarks/bench-ladder-1.json"
                               : a.scenario;
  prostup::Scenario s = load(path);
  rescale(s, a.households);
  s.simulation.months = a.months;
  s.simulation.replications = a.replications;
  const std::vector<prostup::CompiledModel> models{prostup::compile(s)};
  prostup::RunOptions opt;
  opt.threads = a.threads;
  opt.replications = a.replications;
  std::vector<double> rate, wall, cpu;
  std::uint64_t hm = 0;
  for (int k = 0; k < a.warmup + a.runs; ++k) {
    const double c0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    const prostup::RunResult r = prostup::run_models(models, opt);
    const double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double c = cpu_seconds() - c0;
    hm = r.info.household_months;
    if (k < a.warmup) continue;
    rate.push_back(static_cast<double>(hm) / r.info.simulate_seconds);
    wall.push_back(w);
    cpu.push_back(c);
  }
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  ojson line;
  line["scenario"] = "bench-ladder-1";
  line["households"] = a.households;
  line["months"] = a.months;
  line["replications"] = a.replications;
  line["threads"] = a.threads;
  line["hm_per_s"] = std::round(median(rate));
  line["wall_s"] = median(wall);
  line["peak_rss_mb"] = peak_rss_mb(u);
  line["runs"] = a.runs;
  line["household_months"] = hm;
  line["cpu_s"] = median(cpu);
  line["hm_per_cpu_s"] = std::round(static_cast<double>(hm) / median(cpu));
  std::cout << line.dump() << std::endl;
  return 0;
}

// Runs `prostup run` once; returns the wall seconds and fills the child's peak memory.
double spawn_run(const Args& a, const fs::path& out, double& rss_mb) {
  std::vector<std::string> words{a.prostup, "run", "--quiet", "--force", "-o", out.string()};
  if (!a.scenario.empty()) words.push_back(a.scenario);
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  const auto t0 = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, a.prostup.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
    throw std::runtime_error("cannot start " + a.prostup);
  int status = 0;
  rusage u{};
  if (wait4(pid, &status, 0, &u) != pid) throw std::runtime_error("wait4 failed");
  const double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("prostup run failed (status " + std::to_string(status) + ")");
  rss_mb = peak_rss_mb(u);
  return w;
}

int run_default(const Args& a) {
  if (a.prostup.empty()) usage("default needs --prostup PATH");
  const fs::path out =
      fs::temp_directory_path() / ("prostup-bench-" + std::to_string(static_cast<long>(getpid())));
  std::vector<double> wall, rate, rss;
  ojson manifest;
  for (int k = 0; k < a.warmup + a.runs; ++k) {
    double mb = 0;
    const double w = spawn_run(a, out, mb);
    manifest = ojson::parse(read_file((out / "manifest.json").string()));
    if (k < a.warmup) continue;
    wall.push_back(w);
    rss.push_back(mb);
    rate.push_back(manifest["household_months"].get<double>() /
                   manifest["simulate_seconds"].get<double>());
  }
  fs::remove_all(out);
  const prostup::Scenario s =
      a.scenario.empty()
          ? *prostup::load_scenario_text(prostup::embedded_default_scenario()).scenario
          : load(a.scenario);
  long households = 0;
  for (const auto& t : s.towns)
    for (const auto& [stage, n] : t.initial) households += n;
  ojson line;
  line["scenario"] = a.scenario.empty() ? std::string("default") : s.name;
  line["households"] = households;  // initial population of all towns (arrivals come on top)
  line["months"] = manifest["months"];
  line["replications"] = manifest["replications"];
  line["threads"] = manifest.contains("threads") ? manifest["threads"]
                                                 : ojson(std::thread::hardware_concurrency());
  line["hm_per_s"] = std::round(median(rate));
  line["wall_s"] = median(wall);
  line["peak_rss_mb"] = *std::max_element(rss.begin(), rss.end());
  line["runs"] = a.runs;
  line["household_months"] = manifest["household_months"];
  line["variants"] = 1 + s.variants.size();
  std::cout << line.dump() << std::endl;
  return 0;
}

// PSA set-up cost (docs/uncertainty.md): the same models run with fixed parameters and with
// one drawn parameter set per replication (inner replications 1), alternating, so the ratio
// of the medians is measured side by side. A scenario without distributions gets a beta with
// sd = 10 % of min(p, 1 - p) on every profile probability (the same in every variant).
int run_psa(const Args& a) {
  const std::string text = a.scenario.empty() ? std::string(prostup::embedded_default_scenario())
                                              : read_file(a.scenario);
  const prostup::LoadResult base = prostup::load_scenario_text(text);
  if (!base.ok()) throw std::runtime_error("the scenario is not valid");
  std::vector<prostup::Scenario> scenarios{*base.scenario};
  std::vector<prostup::CompiledModel> models{prostup::compile(*base.scenario)};
  for (const auto& v : base.scenario->variants) {
    const prostup::LoadResult r = prostup::apply_variant(base.document, v.id);
    scenarios.push_back(*r.scenario);
    models.push_back(prostup::compile(*r.scenario, v.id));
  }
  bool uncertain = false;
  for (const auto& s : scenarios) uncertain = uncertain || prostup::has_parameter_uncertainty(s);
  if (!uncertain)
    for (auto& s : scenarios)
      for (const auto& p : s.profiles)
        for (const auto& [key, mean] :
             std::vector<std::pair<std::string, double>>{{"job_gain", p.job_gain},
                                                         {"job_loss", p.job_loss},
                                                         {"comply", p.comply},
                                                         {"exit", p.exit}}) {
          prostup::UncertainParameter u;
          u.pointer = "/profiles/" + p.id + "/" + key;
          u.dist.lo = 0;
          u.dist.hi = 1;
          if (mean <= 0 || mean >= 1 ||
              !prostup::beta_from_moments(mean, 0.1 * std::min(mean, 1 - mean), u.dist).empty())
            continue;
          s.uncertain.push_back(u);
        }
  prostup::RunOptions fixed;
  fixed.threads = a.threads;
  fixed.replications = a.replications;
  prostup::RunOptions psa = fixed;
  psa.scenarios = &scenarios;
  psa.inner_replications = 1;
  std::vector<double> wall_fixed, wall_psa;
  for (int k = 0; k < a.warmup + a.runs; ++k)
    for (int mode = 0; mode < 2; ++mode) {
      const auto t0 = std::chrono::steady_clock::now();
      const prostup::RunResult r = prostup::run_models(models, mode == 0 ? fixed : psa);
      const double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (mode == 1 && !r.info.psa) throw std::runtime_error("the PSA run drew no parameter sets");
      if (k >= a.warmup) (mode == 0 ? wall_fixed : wall_psa).push_back(w);
    }
  ojson line;
  line["mode"] = "psa";
  line["scenario"] = base.scenario->name;
  line["models"] = models.size();
  line["parameter_sets"] = a.replications;
  line["threads"] = a.threads;
  line["runs"] = a.runs;
  line["fixed_wall_s"] = median(wall_fixed);
  line["psa_wall_s"] = median(wall_psa);
  line["psa_over_fixed"] = median(wall_psa) / median(wall_fixed);
  std::cout << line.dump() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args a = parse(argc, argv);
    if (a.mode == "psa") return run_psa(a);
    return a.mode == "ladder" ? run_ladder(a) : run_default(a);
  } catch (const std::exception& e) {
    std::cerr << "prostup_bench: " << e.what() << "\n";
    return 1;
  }
}

// SPDX-License-Identifier: Apache-2.0
// posterior.csv, fit.csv, manifest.json and report.html of `prostup calibrate`.
#include "prostup/calibration_writers.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "prostup/number_text.hpp"
#include "prostup/runner.hpp"
#include "prostup/writers.hpp"
#include "svg.hpp"

namespace prostup {

namespace fs = std::filesystem;

namespace {

std::string posterior_csv(const CalibrationResult& r, CsvDialect dialect) {
  CsvWriter o(dialect);
  o.text("particle").text("weight").text("distance");
  for (const auto& p : r.parameters) o.text(p.pointer);
  o.end_row();
  for (std::size_t i = 0; i < r.particles.size(); ++i) {
    const Particle& p = r.particles[i];
    o.integer(static_cast<long long>(i)).num(p.weight).num(p.distance);
    for (double v : p.values) o.num(v);
    o.end_row();
  }
  return o.take();
}

std::string fit_csv(const CalibrationResult& r, CsvDialect dialect) {
  CsvWriter o(dialect);
  o.header({"target", "observed", "low", "high", "simulated_mean", "sim_low", "sim_high", "within",
            "met_share", "source"});
  for (const auto& t : r.targets)
    o.text(t.name)
        .num(t.observed.value)
        .num(t.observed.low)
        .num(t.observed.high)
        .num(t.sim_mean)
        .num(t.sim_low)
        .num(t.sim_high)
        .text(t.within ? "true" : "false")
        .num(t.met_share)
        .text(t.observed.source)
        .end_row();
  return o.take();
}

nlohmann::ordered_json manifest(const CalibrationResult& r, const CalibrationRecord& rec) {
  using ojson = nlohmann::ordered_json;
  ojson m;
  m["format"] = "prostup-calibration";
  m["program"] = "prostup";
  m["program_version"] = PROSTUP_VERSION;
  m["command"] = "calibrate";
  m["method"] =
      "ABC-SMC with adaptive tolerances (Del Moral, Doucet & Jasra 2012), one simulation per "
      "particle, Metropolis-Hastings moves";
  m["scenario"] = {{"name", rec.scenario_name},
                   {"title", rec.scenario_title},
                   {"path", rec.scenario_path},
                   {"sha256", rec.scenario_sha256}};
  m["seed"] = r.seed;
  m["particles"] = r.particles_requested;
  m["max_simulations"] = rec.max_simulations;
  m["threads"] = r.threads;
  m["simulations"] = r.simulations;
  m["converged"] = r.converged;
  m["stop_reason"] = r.stop_reason;
  m["tolerance"] = std::isfinite(r.tolerance) ? ojson(r.tolerance) : ojson(nullptr);
  m["message"] = r.message;
  ojson unmet = ojson::array();
  for (const auto& u : r.unmet) unmet.push_back(u);
  m["unmet_targets"] = unmet;
  ojson gens = ojson::array();
  for (const auto& g : r.generations)
    gens.push_back({{"generation", g.index},
                    {"tolerance", std::isfinite(g.tolerance) ? ojson(g.tolerance) : ojson(nullptr)},
                    {"acceptance", g.acceptance},
                    {"simulations", g.simulations}});
  m["generations"] = gens;
  ojson params = ojson::array();
  for (const auto& p : r.parameters)
    params.push_back({{"pointer", p.pointer},
                      {"group", p.group},
                      {"prior", to_string(p.prior.kind)},
                      {"prior_mean", p.prior_mean},
                      {"prior_95", {p.prior_low, p.prior_high}},
                      {"posterior_mean", p.post_mean},
                      {"posterior_sd", p.post_sd},
                      {"posterior_95", {p.post_low, p.post_high}},
                      {"informed", p.informed}});
  m["parameters"] = params;
  m["simulate_seconds"] = r.seconds;
  m["wall_seconds"] = rec.wall_seconds;
  m["started_at"] = rec.started_at;
  m["outputs"] = {"posterior.csv", "fit.csv", "calibrated.json", "report.html"};
  return m;
}

using svg::escape;
using svg::human;

// Observed range and value against the simulated 95 % band and mean, on the target's scale.
std::string fit_chart(const CalibrationTarget& t, std::size_t index) {
  svg::Document doc(640, 150, "Target " + t.name, "fit" + std::to_string(index));
  svg::Frame f;
  f.left = 110;
  f.top = 40;
  f.width = 500;
  f.height = 70;
  double lo = std::min({t.observed.low, t.sim_low, t.observed.value, t.sim_mean});
  double hi = std::max({t.observed.high, t.sim_high, t.observed.value, t.sim_mean});
  if (!(hi > lo)) hi = lo + 1;
  svg::fit_x(f, lo, hi);
  f.y = svg::Scale{0, 2, f.bottom(), f.top};
  f.y_ticks.clear();
  svg::draw_frame(doc, f, t.name, t.observed.metric, "");
  const double yo = f.y(1.5), ys = f.y(0.5);
  doc.text(f.left - 8, yo + 4, "observed", "text-anchor=\"end\" font-size=\"12\"");
  doc.text(f.left - 8, ys + 4, "simulated", "text-anchor=\"end\" font-size=\"12\"");
  doc.rect(f.x(t.observed.low), yo - 8, f.x(t.observed.high) - f.x(t.observed.low), 16,
           std::string("fill=\"") + svg::kGrey + "\" fill-opacity=\"0.5\"");
  doc.line(f.x(t.observed.value), yo - 12, f.x(t.observed.value), yo + 12,
           std::string("stroke=\"") + svg::kBlack + "\" stroke-width=\"3\"");
  doc.rect(f.x(t.sim_low), ys - 8, std::max(1.0, f.x(t.sim_high) - f.x(t.sim_low)), 16,
           std::string("fill=\"") + svg::kSkyBlue + "\" fill-opacity=\"0.6\"");
  doc.circle(f.x(t.sim_mean), ys, 5, std::string("fill=\"") + svg::kBlue + "\"");
  return doc.str();
}

// Histograms of the prior draws and the posterior particles on common bins.
std::string parameter_chart(const CalibrationResult& r, std::size_t j) {
  const CalibratedParameter& p = r.parameters[j];
  svg::Document doc(640, 300, "Prior and posterior of " + p.pointer, "par" + std::to_string(j));
  svg::Frame f;
  f.top = 44;
  f.width = 520;
  f.height = 200;
  double lo = p.prior_low, hi = p.prior_high;
  for (const auto& q : r.particles) lo = std::min(lo, q.values[j]), hi = std::max(hi, q.values[j]);
  if (!(hi > lo)) hi = lo + 1e-9 + std::abs(lo) * 1e-6;
  constexpr int kBins = 30;
  std::vector<double> prior(kBins, 0), post(kBins, 0);
  auto bin = [&](double v) {
    return std::clamp(static_cast<int>((v - lo) / (hi - lo) * kBins), 0, kBins - 1);
  };
  for (const auto& d : r.prior_draws)
    if (d[j] >= lo && d[j] <= hi)
      prior[static_cast<std::size_t>(bin(d[j]))] += 1.0 / r.prior_draws.size();
  for (const auto& q : r.particles) post[static_cast<std::size_t>(bin(q.values[j]))] += q.weight;
  const double top = std::max(*std::max_element(prior.begin(), prior.end()),
                              *std::max_element(post.begin(), post.end()));
  svg::fit_x(f, lo, hi);
  svg::fit_y(f, 0, top > 0 ? top : 1);
  svg::draw_frame(doc, f, p.pointer + (p.informed ? "" : " (not informed by these targets)"),
                  "value", "share of draws");
  const double w = (f.x(hi) - f.x(lo)) / kBins;
  for (int b = 0; b < kBins; ++b) {
    const double x = f.x(lo) + b * w;
    doc.rect(x, f.y(prior[static_cast<std::size_t>(b)]), w,
             f.y(0) - f.y(prior[static_cast<std::size_t>(b)]),
             std::string("fill=\"") + svg::kGrey + "\" fill-opacity=\"0.5\"");
    doc.rect(x + w * 0.2, f.y(post[static_cast<std::size_t>(b)]), w * 0.6,
             f.y(0) - f.y(post[static_cast<std::size_t>(b)]),
             std::string("fill=\"") + svg::kBlue + "\" fill-opacity=\"0.8\"");
  }
  svg::draw_legend(doc, f.left + 10, f.bottom() + 36,
                   {{"prior", svg::kGrey, svg::LegendItem::swatch},
                    {"posterior", svg::kBlue, svg::LegendItem::swatch}});
  return doc.str();
}

double correlation(const CalibrationResult& r, std::size_t a, std::size_t b) {
  double ma = 0, mb = 0;
  for (const auto& q : r.particles) ma += q.weight * q.values[a], mb += q.weight * q.values[b];
  double sab = 0, saa = 0, sbb = 0;
  for (const auto& q : r.particles) {
    const double da = q.values[a] - ma, db = q.values[b] - mb;
    sab += q.weight * da * db;
    saa += q.weight * da * da;
    sbb += q.weight * db * db;
  }
  return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0;
}

std::string scatter_chart(const CalibrationResult& r, std::size_t a, std::size_t b, double rho,
                          std::size_t index) {
  svg::Document doc(640, 420, "Posterior of two parameters", "pair" + std::to_string(index));
  svg::Frame f;
  f.top = 44;
  f.left = 80;
  f.width = 520;
  f.height = 310;
  double xl = 1e300, xh = -1e300, yl = 1e300, yh = -1e300;
  for (const auto& q : r.particles) {
    xl = std::min(xl, q.values[a]), xh = std::max(xh, q.values[a]);
    yl = std::min(yl, q.values[b]), yh = std::max(yh, q.values[b]);
  }
  if (!(xh > xl)) xh = xl + 1e-9;
  if (!(yh > yl)) yh = yl + 1e-9;
  svg::fit_x(f, xl, xh);
  svg::fit_y(f, yl, yh);
  const std::string title = "Posterior, correlation " + number_text::fixed(rho, 2);
  svg::draw_frame(doc, f, title, r.parameters[a].pointer, r.parameters[b].pointer);
  for (const auto& q : r.particles)
    doc.circle(f.x(q.values[a]), f.y(q.values[b]), 2.5,
               std::string("fill=\"") + svg::kBlue + "\" fill-opacity=\"0.4\"");
  return doc.str();
}

std::string report_html(const CalibrationResult& r, const CalibrationRecord& rec) {
  std::ostringstream h;
  const std::string title =
      "Calibration of " + (rec.scenario_title.empty() ? rec.scenario_name : rec.scenario_title);
  h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
    << escape(title) << "</title>\n<style>body{font-family:" << svg::kFontFamily
    << ";max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}"
       "td,th{border-bottom:1px solid #ccc;padding:.2rem .6rem;text-align:left}"
       ".bad{color:#D55E00}</style>\n</head>\n<body>\n<h1>"
    << escape(title) << "</h1>\n";
  if (r.converged)
    h << "<p>Every target is met: each of the " << r.particles.size()
      << " posterior parameter sets reproduces every observed figure within its range ("
      << r.simulations << " simulations, " << r.generations.size() - 1 << " generations).</p>\n";
  else
    h << "<p class=\"bad\">Not every target was met: " << escape(r.message) << "</p>\n";
  std::vector<std::string> uninformed;
  for (const auto& p : r.parameters)
    if (!p.informed) uninformed.push_back(p.pointer);
  if (!uninformed.empty()) {
    h << "<p>Not informed by these targets (the posterior is the prior):";
    for (const auto& u : uninformed) h << " <code>" << escape(u) << "</code>";
    h << ".</p>\n";
  }
  h << "<h2>Parameters</h2>\n<table><tr><th>parameter</th><th>prior mean</th><th>prior 95 %</th>"
       "<th>posterior mean</th><th>posterior 95 %</th><th></th></tr>\n";
  for (const auto& p : r.parameters)
    h << "<tr><td><code>" << escape(p.pointer) << "</code></td><td>" << human(p.prior_mean)
      << "</td><td>" << human(p.prior_low) << " – " << human(p.prior_high) << "</td><td>"
      << human(p.post_mean) << "</td><td>" << human(p.post_low) << " – " << human(p.post_high)
      << "</td><td>" << (p.informed ? "" : "not informed by these targets") << "</td></tr>\n";
  h << "</table>\n<h2>Targets</h2>\n<table><tr><th>target</th><th>observed</th><th>range</th>"
       "<th>simulated mean</th><th>simulated 95 %</th><th>within</th><th>source</th></tr>\n";
  for (const auto& t : r.targets)
    h << "<tr><td>" << escape(t.name) << "</td><td>" << human(t.observed.value) << "</td><td>"
      << human(t.observed.low) << " – " << human(t.observed.high) << "</td><td>"
      << human(t.sim_mean) << "</td><td>" << human(t.sim_low) << " – " << human(t.sim_high)
      << "</td><td>" << (t.within ? "yes" : "<span class=\"bad\">no</span>") << "</td><td>"
      << escape(t.observed.source) << "</td></tr>\n";
  h << "</table>\n<h2>Simulated vs observed</h2>\n<p>Grey: the observed range, black: the "
       "observed value; blue: the posterior's simulated 95 % band and mean.</p>\n";
  auto inline_svg = [&h](const std::string& doc) {
    const auto start = doc.find("<svg");
    h << "<figure>" << (start == std::string::npos ? doc : doc.substr(start)) << "</figure>\n";
  };
  for (std::size_t k = 0; k < r.targets.size(); ++k) inline_svg(fit_chart(r.targets[k], k));
  h << "<h2>Prior vs posterior</h2>\n";
  for (std::size_t j = 0; j < r.parameters.size(); ++j) inline_svg(parameter_chart(r, j));
  // The most correlated pairs (at most three): where the targets trade one parameter for
  // another, the marginals alone mislead. A group's members move together (correlation 1 by
  // construction), so each group is represented by its first member.
  std::vector<std::size_t> shown;
  for (std::size_t j = 0; j < r.parameters.size(); ++j) {
    const std::string& g = r.parameters[j].group;
    const bool seen = !g.empty() && std::any_of(shown.begin(), shown.end(), [&](std::size_t i) {
      return r.parameters[i].group == g;
    });
    if (!seen) shown.push_back(j);
  }
  std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
  for (std::size_t a = 0; a < shown.size(); ++a)
    for (std::size_t b = a + 1; b < shown.size(); ++b)
      pairs.emplace_back(correlation(r, shown[a], shown[b]), shown[a], shown[b]);
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
    return std::abs(std::get<0>(x)) > std::abs(std::get<0>(y));
  });
  if (!pairs.empty()) h << "<h2>Most correlated parameters in the posterior</h2>\n";
  for (std::size_t k = 0; k < pairs.size() && k < 3; ++k)
    inline_svg(
        scatter_chart(r, std::get<1>(pairs[k]), std::get<2>(pairs[k]), std::get<0>(pairs[k]), k));
  h << "<h2>Generations</h2>\n<table><tr><th>generation</th><th>tolerance</th>"
       "<th>moves accepted</th><th>simulations</th></tr>\n";
  for (const auto& g : r.generations)
    h << "<tr><td>" << g.index << "</td><td>"
      << (std::isfinite(g.tolerance) ? human(g.tolerance) : std::string("(prior)")) << "</td><td>"
      << human(100 * g.acceptance) << " %</td><td>" << g.simulations << "</td></tr>\n";
  h << "</table>\n<p>Method: ABC-SMC with adaptive tolerances (Del Moral, Doucet &amp; Jasra "
       "2012); a tolerance of 1 means every target inside its range. See docs/calibration.md "
       "in prostup's source.</p>\n</body>\n</html>\n";
  return h.str();
}

}  // namespace

void write_calibration_outputs(const CalibrationResult& r, const CalibrationRecord& rec,
                               const fs::path& dir, const std::atomic<bool>* cancel,
                               CsvDialect dialect) {
  OutputFiles to(dir);
  write_calibration_outputs(r, rec, to, cancel, dialect);
}

void write_calibration_outputs(const CalibrationResult& r, const CalibrationRecord& rec,
                               OutputFiles& to, const std::atomic<bool>* cancel,
                               CsvDialect dialect) {
  auto check = [cancel] {
    if (cancel && *cancel) throw RunCancelled();
  };
  to.put("manifest.json", manifest(r, rec).dump(1) + "\n");
  check();
  to.put("posterior.csv", posterior_csv(r, dialect));
  to.put("fit.csv", fit_csv(r, dialect));
  check();
  to.put("report.html", report_html(r, rec));
}

}  // namespace prostup

// SPDX-License-Identifier: Apache-2.0
// ABC-SMC with adaptive tolerances (Del Moral, Doucet & Jasra 2012, "An adaptive sequential
// Monte Carlo method for approximate Bayesian computation", Statistics and Computing 22:
// 1009-1020), one simulation per particle, as docs/calibration.md describes:
//   generation 0: N parameter sets from the prior, each simulated once;
//   then, until every particle meets every target (tolerance 1) or a stop rule fires:
//     the new tolerance keeps a share `keep` of the particles (never below 1),
//     the kept ones are resampled to N, and each makes one Metropolis-Hastings move
//     (a Gaussian random walk, twice the population's covariance, Beaumont et al. 2009)
//     accepted when its simulation is within the tolerance and by the prior ratio.
// Parameters move in a latent space: each free parameter (or group) is z ~ N(0, 1) and its
// value is the prior's quantile at Phi(z), so every prior, bounded or not, is a standard
// normal to the sampler and a group shares one z.
//
// Determinism: every random number comes from a stream keyed by (seed, generation, particle,
// purpose), and the engine's stream by a seed derived the same way; threads only decide who
// computes which particle. Under MPI particle i is simulated by rank i % ranks and every
// rank receives every particle after each step (docs/distributed.md), so each rank runs the
// same sampler on the same numbers and the outputs do not depend on the number of ranks.
#include "prostup/calibrate.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <Eigen/Cholesky>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <thread>

#include "mpi_internal.hpp"
#include "prostup/engine.hpp"
#include "prostup/model.hpp"
#include "prostup/number_text.hpp"
#include "prostup/parallel.hpp"
#include "prostup/runner.hpp"
#include "prostup/splitmix64.hpp"

namespace prostup {

namespace {

enum Purpose : std::uint64_t { kPrior = 1, kMove = 2, kAccept = 3, kResample = 4, kEngine = 5 };

// A small keyed stream: the same key gives the same numbers on any thread.
class KeyedStream {
 public:
  KeyedStream(std::uint64_t seed, std::uint64_t generation, std::uint64_t particle, Purpose what)
      : state_(splitmix64(splitmix64(splitmix64(seed ^ splitmix64(generation)) ^ particle) ^
                          static_cast<std::uint64_t>(what))) {}
  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return splitmix64(state_);
  }
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }  // (0, 1)
  double normal() {  // Box-Muller, one value per call (simple, deterministic)
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  std::uint64_t state_;
};

double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

// How a target's simulated value is read from one town's raw counters.
struct TargetReader {
  int town = 0;     // index in the scenario's towns
  int metric = -1;  // index in metric_catalogue (an outcome), or
  int series_stage = -1, series_service = -1;
  bool waiting = false;  // series: waiting list instead of occupancy
  // The town's own counts (kTownSeries): the outside stages' occupancy together, or the
  // month's placements into housing.
  bool roofless = false, placements = false;
  int from = 0, to = 0;
  ObservedTarget obs;

  double value(const CompiledModel& m, const ReplicationOutcome& o,
               const std::vector<double>& metrics) const {
    if (metric >= 0) return metrics[static_cast<std::size_t>(metric)];
    const std::size_t M1 = static_cast<std::size_t>(o.months) + 1;
    if (roofless || placements) {
      double sum = 0;
      for (int t = from; t <= to; ++t) {
        const std::size_t month = static_cast<std::size_t>(t);
        if (placements) sum += o.housing_placements[month];
        for (int s = 0; roofless && s < m.n_stages(); ++s)
          if (m.stages[static_cast<std::size_t>(s)].outside)
            sum += o.occupancy[static_cast<std::size_t>(s) * M1 + month];
      }
      return sum / (to - from + 1);
    }
    const std::vector<double>& v = series_service >= 0 ? o.in_service
                                   : waiting           ? o.waiting
                                                       : o.occupancy;
    const std::size_t row =
        static_cast<std::size_t>(series_service >= 0 ? series_service : series_stage);
    double sum = 0;
    for (int t = from; t <= to; ++t) sum += v[row * M1 + static_cast<std::size_t>(t)];
    return sum / (to - from + 1);
  }
  // 0 at the observed value, 1 at the edge of its range (on the side the simulation is).
  double distance(double x) const {
    if (std::isnan(x)) return std::numeric_limits<double>::infinity();
    if (x >= obs.value) return (x - obs.value) / (obs.high - obs.value);
    return (obs.value - x) / (obs.value - obs.low);
  }
};

struct Evaluation {
  double distance = std::numeric_limits<double>::infinity();
  std::vector<double> simulated;
};

class Problem {
 public:
  Problem(const Scenario& s, std::uint64_t seed) : base_(s), seed_(seed) {
    // Free parameters: those with a distribution; a group is one latent dimension.
    std::map<std::string, int> dims;
    for (const auto& u : s.uncertain) {
      if (u.dist.kind == DistKind::fixed) continue;
      CalibratedParameter p;
      p.pointer = u.pointer;
      p.group = u.group;
      p.prior = u.dist;
      auto [it, fresh] = dims.emplace(draw_key(u), static_cast<int>(dims.size()));
      (void)fresh;
      dim_of_.push_back(it->second);
      params_.push_back(p);
    }
    n_dims_ = static_cast<int>(dims.size());
    const CompiledModel m = compile(s);
    const auto catalogue = metric_catalogue(m);
    for (std::size_t t = 0; t < s.towns.size(); ++t)
      for (const ObservedTarget& o : s.towns[t].observed) {
        TargetReader r;
        r.town = static_cast<int>(t);
        r.obs = o;
        r.from = o.month_from;
        r.to = o.month_to;
        const auto colon = o.metric.find(':');
        const std::string prefix = o.metric.substr(0, colon == std::string::npos ? 0 : colon);
        const std::string id = colon == std::string::npos ? "" : o.metric.substr(colon + 1);
        if (o.series && (o.metric == "roofless" || o.metric == "housing_placements")) {
          r.roofless = o.metric == "roofless";
          r.placements = !r.roofless;
        } else if (o.series && prefix == "in_service") {
          r.series_service = s.service_index(id);
        } else if (o.series) {
          r.series_stage = s.stage_index(id);
          r.waiting = prefix == "waiting";
        } else {
          for (std::size_t k = 0; k < catalogue.size(); ++k)
            if (catalogue[k].cohort == "all" && catalogue[k].name == o.metric)
              r.metric = static_cast<int>(k);
        }
        if (r.metric < 0 && r.series_stage < 0 && r.series_service < 0 && !r.roofless &&
            !r.placements)
          throw CalibrationError(o.pointer + "/metric", "no such metric: '" + o.metric + "'");
        readers_.push_back(r);
        CalibrationTarget ct;
        ct.town = s.towns[t].id;
        ct.name = s.towns[t].id + " " + o.metric;
        if (o.series)
          ct.name += o.month_from == o.month_to ? " month " + std::to_string(o.month_from)
                                                : " months " + std::to_string(o.month_from) + "-" +
                                                      std::to_string(o.month_to);
        ct.observed = o;
        targets_.push_back(ct);
        if (std::find(towns_.begin(), towns_.end(), r.town) == towns_.end())
          towns_.push_back(r.town);
      }
    if (readers_.empty())
      throw CalibrationError("/towns",
                             "no town has observed targets (towns.<id>.observed): "
                             "there is nothing to calibrate to");
    if (params_.empty()) {
      std::string p = "/towns";
      for (const auto& t : s.towns)
        if (!t.observed.empty()) {
          p = "/towns/" + t.id + "/observed";
          break;
        }
      throw CalibrationError(p,
                             "the scenario has observed targets but no free parameter: give the "
                             "parameters to calibrate a distribution (their prior), e.g. "
                             "\"job_gain\": {\"dist\": \"beta\", \"mean\": 0.05, \"sd\": 0.02}");
    }
  }

  int dims() const { return n_dims_; }
  const std::vector<CalibratedParameter>& params() const { return params_; }
  const std::vector<CalibrationTarget>& targets() const { return targets_; }

  std::vector<double> values(const std::vector<double>& z) const {
    std::vector<double> v(params_.size());
    for (std::size_t k = 0; k < params_.size(); ++k)
      v[k] = params_[k].prior.quantile(normal_cdf(z[static_cast<std::size_t>(dim_of_[k])]));
    return v;
  }

  // One simulation of every town with targets, its engine stream keyed by (generation,
  // particle).
  Evaluation evaluate(const std::vector<double>& z, std::uint64_t generation,
                      std::uint64_t particle, const std::atomic<bool>* cancel) const {
    Scenario sc = base_;
    const std::vector<double> v = values(z);
    for (std::size_t k = 0; k < params_.size(); ++k) set_parameter(sc, params_[k].pointer, v[k]);
    CompiledModel m = compile(sc);
    m.seed = KeyedStream(seed_, generation, particle, kEngine).next();
    Evaluation e;
    e.simulated.assign(readers_.size(), 0.0);
    double worst = 0;
    SimulateOptions so;
    so.cancel = cancel;
    for (int town : towns_) {
      const ReplicationOutcome o = simulate(m, town, 0, so);
      const std::vector<double> metrics = derive_metrics(m, o);
      for (std::size_t k = 0; k < readers_.size(); ++k) {
        if (readers_[k].town != town) continue;
        e.simulated[k] = readers_[k].value(m, o, metrics);
        worst = std::max(worst, readers_[k].distance(e.simulated[k]));
      }
    }
    e.distance = worst;
    return e;
  }

  double target_distance(std::size_t k, double x) const { return readers_[k].distance(x); }

 private:
  const Scenario& base_;
  std::uint64_t seed_;
  std::vector<CalibratedParameter> params_;
  std::vector<int> dim_of_;
  int n_dims_ = 0;
  std::vector<TargetReader> readers_;
  std::vector<CalibrationTarget> targets_;
  std::vector<int> towns_;
};

// Weighted quantile of (value, weight) pairs.
double weighted_quantile(std::vector<std::pair<double, double>> vw, double q) {
  std::sort(vw.begin(), vw.end());
  double total = 0;
  for (const auto& p : vw) total += p.second;
  double acc = 0;
  for (const auto& p : vw) {
    acc += p.second;
    if (acc >= q * total) return p.first;
  }
  return vw.empty() ? kUndefined : vw.back().first;
}

// A square-root factor F (F F^T = a + ridge) of the random walk's covariance, row-major d x d
// (small: one row per latent dimension); a tiny ridge keeps a collapsed dimension movable.
// Eigen's LLT (F lower triangular); where rounding leaves the matrix not quite positive
// definite, the pivoted LDLT with negative pivots taken as 0 (F = P^T L sqrt(D)).
std::vector<double> random_walk_factor(const std::vector<double>& a, int d) {
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  RowMajor m = Eigen::Map<const RowMajor>(a.data(), d, d);
  m.diagonal().array() += 1e-9;
  RowMajor f;
  const Eigen::LLT<RowMajor> llt(m);
  if (llt.info() == Eigen::Success) {
    f = llt.matrixL();
  } else {
    const Eigen::LDLT<RowMajor> ldlt(m);
    const Eigen::VectorXd root = ldlt.vectorD().cwiseMax(0.0).cwiseSqrt();
    RowMajor l = ldlt.matrixL();
    f = ldlt.transpositionsP().transpose() * (l * root.asDiagonal());
  }
  return std::vector<double>(f.data(), f.data() + f.size());
}

}  // namespace

void check_calibratable(const Scenario& s) {
  const Problem problem(s, 0);
  (void)problem;
}

std::vector<std::vector<double>> CalibrationResult::equal_weight_rows(std::size_t n) const {
  std::vector<std::vector<double>> rows;
  if (particles.empty() || n == 0) return rows;
  // Systematic resampling with a fixed offset: deterministic and evenly spread.
  double total = 0;
  for (const auto& p : particles) total += p.weight;
  std::size_t i = 0;
  double acc = particles[0].weight / total;
  for (std::size_t k = 0; k < n; ++k) {
    const double u = (static_cast<double>(k) + 0.5) / static_cast<double>(n);
    while (u > acc && i + 1 < particles.size()) acc += particles[++i].weight / total;
    rows.push_back(particles[i].values);
  }
  return rows;
}

CalibrationResult calibrate(const Scenario& s, const CalibrationOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  CalibrationResult res;
  res.seed = opt.seed >= 0 ? static_cast<std::uint64_t>(opt.seed) : s.simulation.seed;
  const Problem problem(s, res.seed);
  const int N = std::max(opt.particles, 4);
  const int D = problem.dims();
  const std::size_t T = problem.targets().size();
  res.parameters = problem.params();
  res.targets = problem.targets();
  res.particles_requested = N;
  res.threads = opt.threads > 0
                    ? opt.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::task_arena arena(res.threads);

  std::vector<std::vector<double>> z(static_cast<std::size_t>(N));
  std::vector<Evaluation> eval(static_cast<std::size_t>(N));
  auto cancelled = [&] { return opt.cancel && *opt.cancel; };
  const int rank = mpi_rank(), ranks = mpi_size();
  // Runs body(i) for this rank's particles; a failure or an interruption on any rank stops
  // every rank at the same step (no rank is left waiting in a collective).
  auto for_particles = [&](auto&& body) {
    std::exception_ptr failure;
    try {
      arena.execute([&] {
        tbb::parallel_for(0, (N - rank + ranks - 1) / ranks, [&](int j) {
          if (!cancelled()) body(rank + j * ranks);
        });
      });
    } catch (...) {
      failure = std::current_exception();
    }
    if (ranks > 1) {
      std::string message;
      if (failure) try {
          std::rethrow_exception(failure);
        } catch (const std::exception& e) {
          message = e.what();
        } catch (...) {
          message = "unknown error";
        }
      const int status = detail::mpi_agree_status(failure ? 2 : cancelled() ? 1 : 0, message);
      if (status == 2) throw std::runtime_error(message);
      if (status == 1) throw RunCancelled();
    }
    if (failure) std::rethrow_exception(failure);
    if (cancelled()) throw RunCancelled();
  };
  // After a step under MPI: every particle's latent point, evaluation and flags to every rank.
  std::vector<char> simulated_flag(static_cast<std::size_t>(N)),
      accepted_flag(static_cast<std::size_t>(N));
  auto share_particles = [&] {
    if (ranks <= 1) return;
    const std::size_t width = static_cast<std::size_t>(D) + T + 3;
    std::vector<double> rows(static_cast<std::size_t>(N) * width);
    for (std::size_t i = 0; i < static_cast<std::size_t>(N); ++i) {
      if (static_cast<int>(i % static_cast<std::size_t>(ranks)) != rank) continue;
      double* r = rows.data() + i * width;
      std::copy(z[i].begin(), z[i].end(), r);
      r[D] = eval[i].distance;
      for (std::size_t k = 0; k < T; ++k)
        r[D + 1 + k] = k < eval[i].simulated.size() ? eval[i].simulated[k] : kUndefined;
      r[D + 1 + T] = simulated_flag[i];
      r[D + 2 + T] = accepted_flag[i];
    }
    detail::mpi_share_rows(rows, width);
    for (std::size_t i = 0; i < static_cast<std::size_t>(N); ++i) {
      const double* r = rows.data() + i * width;
      z[i].assign(r, r + D);
      eval[i].distance = r[D];
      eval[i].simulated.assign(r + D + 1, r + D + 1 + T);
      simulated_flag[i] = static_cast<char>(r[D + 1 + T]);
      accepted_flag[i] = static_cast<char>(r[D + 2 + T]);
    }
  };

  // Generation 0: the prior.
  for_particles([&](int i) {
    KeyedStream rng(res.seed, 0, static_cast<std::uint64_t>(i), kPrior);
    auto& zi = z[static_cast<std::size_t>(i)];
    zi.resize(static_cast<std::size_t>(D));
    for (double& x : zi) x = rng.normal();
    eval[static_cast<std::size_t>(i)] =
        problem.evaluate(zi, 0, static_cast<std::uint64_t>(i), opt.cancel);
  });
  share_particles();
  res.simulations = N;
  for (const auto& zi : z) res.prior_draws.push_back(problem.values(zi));
  double eps = std::numeric_limits<double>::infinity();
  res.generations.push_back({0, eps, 1, res.simulations});
  auto report = [&](int g, double acceptance) {
    if (opt.progress) opt.progress({g, eps, acceptance, res.simulations, opt.max_simulations});
  };
  report(0, 1);

  int stalled = 0;
  for (int g = 1;; ++g) {
    if (eps <= 1) {
      res.stop_reason = "converged";
      break;
    }
    if (g > opt.max_generations) {
      res.stop_reason = "generations";
      break;
    }
    if (res.simulations + N > opt.max_simulations) {
      res.stop_reason = "budget";
      break;
    }
    // Clocks differ between ranks: rank 0's reading decides for all.
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (detail::mpi_max_int(rank == 0 && opt.max_seconds > 0 && elapsed > opt.max_seconds)) {
      res.stop_reason = "time";
      break;
    }
    // The next tolerance: the `keep` quantile of the distances, at least 1; when ties hold it
    // where it is, the largest distance below the current tolerance.
    std::vector<double> d;
    for (const auto& e : eval) d.push_back(e.distance);
    std::sort(d.begin(), d.end());
    const std::size_t q = static_cast<std::size_t>(std::ceil(opt.keep * N)) - 1;
    double next = std::max(1.0, d[std::min(q, d.size() - 1)]);
    if (!(next < eps)) {
      auto below = std::lower_bound(d.begin(), d.end(), eps);
      next = below == d.begin() ? eps : std::max(1.0, *(below - 1));
    }
    if (!std::isfinite(next) || !(next < eps)) {
      // Every particle at one distance above 1 (or none finite): nothing left to shrink.
      res.stop_reason = "stalled";
      break;
    }
    stalled = (eps - next) < 0.01 * next && std::isfinite(eps) ? stalled + 1 : 0;
    if (stalled >= 3) {
      res.stop_reason = "stalled";
      break;
    }
    eps = next;
    // Resample the kept particles to N (systematic, keyed).
    std::vector<int> kept;
    for (int i = 0; i < N; ++i)
      if (eval[static_cast<std::size_t>(i)].distance <= eps) kept.push_back(i);
    if (kept.empty()) {
      res.stop_reason = "stalled";
      break;
    }
    {
      KeyedStream rng(res.seed, static_cast<std::uint64_t>(g), 0, kResample);
      const double u0 = rng.uniform();
      std::vector<std::vector<double>> z2(static_cast<std::size_t>(N));
      std::vector<Evaluation> e2(static_cast<std::size_t>(N));
      for (int k = 0; k < N; ++k) {
        const std::size_t pick =
            static_cast<std::size_t>(std::floor((k + u0) / N * static_cast<double>(kept.size())));
        const int src = kept[std::min(pick, kept.size() - 1)];
        z2[static_cast<std::size_t>(k)] = z[static_cast<std::size_t>(src)];
        e2[static_cast<std::size_t>(k)] = eval[static_cast<std::size_t>(src)];
      }
      z.swap(z2);
      eval.swap(e2);
    }
    // The random walk: twice the population's covariance (latent space).
    std::vector<double> mean(static_cast<std::size_t>(D), 0.0),
        cov(static_cast<std::size_t>(D * D), 0.0);
    for (const auto& zi : z)
      for (int a = 0; a < D; ++a)
        mean[static_cast<std::size_t>(a)] += zi[static_cast<std::size_t>(a)] / N;
    for (const auto& zi : z)
      for (int a = 0; a < D; ++a)
        for (int b = 0; b < D; ++b)
          cov[static_cast<std::size_t>(a * D + b)] +=
              2.0 * (zi[static_cast<std::size_t>(a)] - mean[static_cast<std::size_t>(a)]) *
              (zi[static_cast<std::size_t>(b)] - mean[static_cast<std::size_t>(b)]) / (N - 1);
    const std::vector<double> L = random_walk_factor(cov, D);
    // Moves: R of them (Drovandi & Pettitt 2011), R from the first move's acceptance so that
    // a particle stays put through all R with probability about 5 %, at most max_moves and
    // within the budget. Each move's streams are keyed by (generation, move, particle).
    int moves = 1, accepted_all = 0, tried = 0;
    for (int move = 0; move < moves; ++move) {
      if (move > 0 && res.simulations + N > opt.max_simulations) break;
      const std::uint64_t key =
          static_cast<std::uint64_t>(g) * 1024 + static_cast<std::uint64_t>(move);
      std::fill(simulated_flag.begin(), simulated_flag.end(), 0);
      std::fill(accepted_flag.begin(), accepted_flag.end(), 0);
      for_particles([&](int i) {
        const std::size_t ui = static_cast<std::size_t>(i);
        KeyedStream rng(res.seed, key, ui, kMove);
        std::vector<double> xi(static_cast<std::size_t>(D)), prop = z[ui];
        for (double& x : xi) x = rng.normal();
        for (int a = 0; a < D; ++a)
          for (int b = 0; b < D; ++b)
            prop[static_cast<std::size_t>(a)] +=
                L[static_cast<std::size_t>(a * D + b)] * xi[static_cast<std::size_t>(b)];
        // Prior ratio of the standard normals, then the simulation (only when it can matter).
        double log_ratio = 0;
        for (int a = 0; a < D; ++a)
          log_ratio -=
              0.5 * (prop[static_cast<std::size_t>(a)] * prop[static_cast<std::size_t>(a)] -
                     z[ui][static_cast<std::size_t>(a)] * z[ui][static_cast<std::size_t>(a)]);
        KeyedStream acc(res.seed, key, ui, kAccept);
        if (std::log(acc.uniform()) >= log_ratio) return;
        simulated_flag[ui] = 1;
        Evaluation e = problem.evaluate(prop, key, ui, opt.cancel);
        if (e.distance > eps) return;
        z[ui] = std::move(prop);
        eval[ui] = std::move(e);
        accepted_flag[ui] = 1;
      });
      // A move the prior ratio refuses is not simulated (delayed acceptance); which ones are
      // depends on the keyed streams only, so the count is deterministic too.
      share_particles();
      const int simulated = std::accumulate(simulated_flag.begin(), simulated_flag.end(), 0);
      const int accepted = std::accumulate(accepted_flag.begin(), accepted_flag.end(), 0);
      res.simulations += simulated;
      accepted_all += accepted;
      tried += N;
      if (move == 0) {
        const double p = static_cast<double>(accepted) / N;
        moves = p <= 0 ? 1
                : p >= 0.95
                    ? 1
                    : std::min(opt.max_moves,
                               static_cast<int>(std::ceil(std::log(0.05) / std::log(1 - p))));
      }
    }
    const double acceptance = static_cast<double>(accepted_all) / tried;
    res.generations.push_back({g, eps, acceptance, res.simulations});
    report(g, acceptance);
    if (acceptance < opt.min_acceptance && eps > 1) {
      res.stop_reason = "acceptance";
      break;
    }
  }
  res.tolerance = eps;
  res.converged = eps <= 1;

  // The final population, equally weighted (each step resamples; moves keep weights).
  for (int i = 0; i < N; ++i) {
    Particle p;
    p.values = problem.values(z[static_cast<std::size_t>(i)]);
    p.weight = 1.0 / N;
    p.distance = eval[static_cast<std::size_t>(i)].distance;
    p.simulated = eval[static_cast<std::size_t>(i)].simulated;
    res.particles.push_back(std::move(p));
  }
  // Before the first new tolerance the population is the prior's; its particles beyond
  // the tolerance carry no weight anyway (tolerance infinite), so nothing to drop.

  for (std::size_t k = 0; k < T; ++k) {
    CalibrationTarget& t = res.targets[k];
    std::vector<std::pair<double, double>> vw;
    double mean = 0, met = 0;
    for (const auto& p : res.particles) {
      vw.emplace_back(p.simulated[k], p.weight);
      mean += p.weight * p.simulated[k];
      if (problem.target_distance(k, p.simulated[k]) <= 1) met += p.weight;
    }
    t.sim_mean = mean;
    t.sim_low = weighted_quantile(vw, 0.025);
    t.sim_high = weighted_quantile(vw, 0.975);
    t.within = mean >= t.observed.low && mean <= t.observed.high;
    t.met_share = std::min(1.0, met);
  }
  for (std::size_t j = 0; j < res.parameters.size(); ++j) {
    CalibratedParameter& p = res.parameters[j];
    p.prior_mean = p.prior.mean();
    p.prior_low = p.prior.quantile(0.025);
    p.prior_high = p.prior.quantile(0.975);
    std::vector<std::pair<double, double>> vw;
    double mean = 0, m2 = 0;
    for (const auto& q : res.particles) {
      vw.emplace_back(q.values[j], q.weight);
      mean += q.weight * q.values[j];
    }
    for (const auto& q : res.particles)
      m2 += q.weight * (q.values[j] - mean) * (q.values[j] - mean);
    p.post_mean = mean;
    p.post_sd = std::sqrt(m2);
    p.post_low = weighted_quantile(vw, 0.025);
    p.post_high = weighted_quantile(vw, 0.975);
    // Not informed: the posterior's central 80 % interval keeps at least 70 % of the prior's
    // width and its mean moved less than 15 % of that width plus twice its Monte Carlo error
    // (sd over the square root of the distinct particles; docs/calibration.md). The 80 %
    // interval, not the 95 %: its ends are steadier with a few hundred particles.
    std::vector<double> distinct;
    for (const auto& q : res.particles) distinct.push_back(q.values[j]);
    std::sort(distinct.begin(), distinct.end());
    const double n_distinct =
        static_cast<double>(std::unique(distinct.begin(), distinct.end()) - distinct.begin());
    const double prior_width = p.prior.quantile(0.9) - p.prior.quantile(0.1);
    const double post_width = weighted_quantile(vw, 0.9) - weighted_quantile(vw, 0.1);
    p.informed = !(prior_width > 0 && post_width >= 0.7 * prior_width &&
                   std::abs(p.post_mean - p.prior_mean) <
                       0.15 * prior_width + 2 * p.post_sd / std::sqrt(n_distinct));
  }
  if (!res.converged) {
    // Name the targets: those no particle met, else those the fewest met.
    double least = 2;
    for (const auto& t : res.targets) least = std::min(least, t.met_share);
    std::string names;
    for (const auto& t : res.targets)
      if (t.met_share <= least + 1e-12) {
        res.unmet.push_back(t.name);
        using number_text::general;
        names += std::string(names.empty() ? "" : "; ") + "'" + t.name + "' (observed " +
                 general(t.observed.value) + " in [" + general(t.observed.low) + ", " +
                 general(t.observed.high) + "]; simulated " + general(t.sim_mean) + ", 95 % " +
                 general(t.sim_low) + "-" + general(t.sim_high) + ")";
      }
    const char* why = res.stop_reason == "budget" ? "the simulation budget ran out"
                      : res.stop_reason == "time" ? "the time budget ran out"
                      : res.stop_reason == "acceptance"
                          ? "moves stopped being accepted (the tolerance cannot shrink further)"
                      : res.stop_reason == "generations" ? "the generation limit was reached"
                                                         : "the tolerance stopped shrinking";
    if (least == 0)
      res.message = "cannot meet " + names +
                    ": no parameter set drawn from the priors reproduces " +
                    (res.unmet.size() == 1 ? "it" : "them") + " (" + why +
                    "); check the figure, its range, the priors' ranges and the capacities";
    else
      res.message = "stopped before every target was met together (" + std::string(why) +
                    "); least often met: " + names;
  }
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return res;
}

Scenario calibrated_scenario(const Scenario& s, const CalibrationResult& r, std::size_t rows,
                             const std::string& source) {
  Scenario out = s;
  std::vector<UncertainParameter> keep;
  for (const auto& u : s.uncertain) {
    const bool calibrated =
        std::any_of(r.parameters.begin(), r.parameters.end(),
                    [&](const CalibratedParameter& p) { return p.pointer == u.pointer; });
    if (!calibrated) keep.push_back(u);
  }
  out.uncertain = std::move(keep);
  ParameterSample ps;
  for (const auto& p : r.parameters) {
    ps.pointers.push_back(p.pointer);
    set_parameter(out, p.pointer, p.post_mean);
  }
  ps.rows = r.equal_weight_rows(rows);
  ps.source = source;
  out.parameter_sample = std::move(ps);
  return out;
}

}  // namespace prostup

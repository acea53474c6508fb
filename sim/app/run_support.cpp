#include "run_support.hpp"

#include <unistd.h>

#include <array>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

namespace prostup::detail {

namespace fs = std::filesystem;

volatile bool g_cancel = false;
std::atomic<int> g_signal{0};

namespace {
extern "C" void on_signal(int sig) {
  g_signal.store(sig);
  g_cancel = true;
}
}  // namespace

void install_signal_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

int exit_code_for_signal() {
  return 128 + g_signal.load();
}

LoadedScenario load_or_report(const std::string& file) {
  LoadedScenario ls;
  if (file.empty()) {
    ls.path = "(built-in default)";
    ls.text = std::string(embedded_default_scenario());
  } else {
    ls.path = file;
    std::error_code ec;
    if (fs::is_directory(file, ec))
      throw std::runtime_error("cannot read " + file + ": is a directory");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file + ": " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    ls.text = ss.str();
  }
  ls.sha256 = sha256_hex(ls.text);
  LoadResult r = load_scenario_text(ls.text);
  if (!r.ok()) {
    for (const auto& d : r.diagnostics)
      std::cerr << ls.path << ": " << (d.pointer.empty() ? "/" : d.pointer) << ": " << d.message
                << "\n";
    throw InputError(ls.path + " is not a valid scenario (" + std::to_string(r.diagnostics.size()) +
                     " problem" + (r.diagnostics.size() == 1 ? "" : "s") + ")");
  }
  ls.document = r.document;
  ls.scenario = *r.scenario;
  return ls;
}

std::vector<CompiledModel> compile_models(const LoadedScenario& ls,
                                          const std::vector<std::string>& variants, bool all) {
  std::vector<CompiledModel> models{compile(ls.scenario, "baseline")};
  std::vector<std::string> ids;
  if (all) {
    for (const auto& v : ls.scenario.variants) ids.push_back(v.id);
  } else {
    for (const auto& id : variants) {
      bool known = false;
      for (const auto& v : ls.scenario.variants) known |= v.id == id;
      if (!known) {
        std::string list;
        for (const auto& v : ls.scenario.variants) list += (list.empty() ? "" : ", ") + v.id;
        throw InputError("unknown variant '" + id +
                         "' (the scenario has: " + (list.empty() ? "none" : list) + ")");
      }
      ids.push_back(id);
    }
  }
  for (const auto& id : ids) {
    LoadResult r = apply_variant(ls.document, id);
    if (!r.ok()) {
      for (const auto& d : r.diagnostics)
        std::cerr << ls.path << ": /variants/" << id << "/patch" << d.pointer << ": " << d.message
                  << "\n";
      throw InputError("variant '" + id + "' gives an invalid scenario");
    }
    models.push_back(compile(*r.scenario, id));
  }
  return models;
}

StagedOutput::StagedOutput(fs::path dir, bool force) : dir_(std::move(dir)), force_(force) {
  std::error_code ec;
  if (fs::exists(dir_, ec)) {
    if (!fs::is_directory(dir_, ec))
      throw InputError("output path " + dir_.string() + " exists and is not a directory");
    if (!fs::is_empty(dir_, ec) && !force_)
      throw InputError("output directory " + dir_.string() +
                       " is not empty (use --force to replace it, or -o for another)");
  }
  fs::path parent = dir_.has_parent_path() ? dir_.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) throw std::runtime_error("cannot create " + parent.string() + ": " + ec.message());
  staging_ = parent / ("." + dir_.filename().string() + ".tmp-" + std::to_string(::getpid()));
  fs::remove_all(staging_, ec);
  fs::create_directory(staging_, ec);
  if (ec) throw std::runtime_error("cannot create " + staging_.string() + ": " + ec.message());
}

StagedOutput::~StagedOutput() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void StagedOutput::commit() {
  std::error_code ec;
  fs::path old;
  if (fs::exists(dir_, ec)) {
    old = dir_.string() + ".old-" + std::to_string(::getpid());
    fs::rename(dir_, old, ec);
    if (ec) throw std::runtime_error("cannot replace " + dir_.string() + ": " + ec.message());
  }
  fs::rename(staging_, dir_, ec);
  if (ec) {
    if (!old.empty()) fs::rename(old, dir_, ec);
    throw std::runtime_error("cannot move output into " + dir_.string() + ": " + ec.message());
  }
  committed_ = true;
  if (!old.empty()) fs::remove_all(old, ec);
}

fs::path output_dir_for(const std::string& out_dir, const LoadedScenario& ls,
                        const std::string& suffix) {
  return out_dir.empty() ? fs::path("prostup-out") / (ls.scenario.name + suffix)
                         : fs::path(out_dir);
}

void RunTotals::add(const RunInfo& one) {
  if (first_) {
    info_ = one;
    info_.household_months = 0;
    info_.simulate_seconds = 0;
    first_ = false;
  }
  info_.household_months += one.household_months;
  info_.simulate_seconds += one.simulate_seconds;
}

RunInfo RunTotals::finish(const LoadedScenario& ls, double wall0,
                          const std::string& started_at) const {
  RunInfo info = info_;
  info.scenario_path = ls.path;
  info.scenario_sha256 = ls.sha256;
  info.scenario_title = ls.scenario.title;
  info.wall_seconds = seconds_now() - wall0;
  info.started_at = started_at;
  return info;
}

double seconds_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

Progress::Progress(bool enabled) : enabled_(enabled && ::isatty(2)), start_(seconds_now()) {}

void Progress::update(long long done, long long total) {
  if (!enabled_ || total <= 0) return;
  const double el = seconds_now() - start_;
  const double rate = el > 0 ? done / el : 0;
  const double eta = rate > 0 ? (total - done) / rate : 0;
  const int width = 30;
  const int fill = static_cast<int>(width * static_cast<double>(done) / total);
  std::string bar(fill, '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r[%s] %lld/%lld tasks  %.1f/s  ETA %.0f s   ", bar.c_str(), done, total,
               rate, eta);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) {
    std::fprintf(stderr, "\r%80s\r", "");
    std::fflush(stderr);
  }
}

std::string utc_now_iso8601() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

long long available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  long long kb;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024;
  return -1;
}

std::string format_ci(double mean, double lo, double hi, const std::string& unit) {
  char buf[160];
  auto fmt = [&](double v) {
    char b[40];
    if (std::isnan(v)) return std::string("n/a");
    if (unit == "share")
      std::snprintf(b, sizeof b, "%.1f %%", 100 * v);
    else if (std::abs(v) >= 1e6)
      std::snprintf(b, sizeof b, "%.2f M", v / 1e6);
    else if (std::abs(v) >= 100)
      std::snprintf(b, sizeof b, "%.0f", v);
    else
      std::snprintf(b, sizeof b, "%.1f", v);
    return std::string(b);
  };
  if (std::isnan(mean)) return "n/a";
  if (std::isnan(lo))
    std::snprintf(buf, sizeof buf, "%s", fmt(mean).c_str());
  else
    std::snprintf(buf, sizeof buf, "%s [%s, %s]", fmt(mean).c_str(), fmt(lo).c_str(),
                  fmt(hi).c_str());
  return buf;
}

// SHA-256 (FIPS 180-4), for the manifest's record of which scenario file was run.
std::string sha256_hex(const std::string& data) {
  static const std::uint32_t k[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  std::uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::string msg = data;
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  msg.push_back(static_cast<char>(0x80));
  while (msg.size() % 64 != 56) msg.push_back(0);
  for (int i = 7; i >= 0; --i) msg.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  auto rotr = [](std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); };
  for (std::size_t off = 0; off < msg.size(); off += 64) {
    std::uint32_t w[64];
    for (int i = 0; i < 16; ++i)
      w[i] = (std::uint32_t(std::uint8_t(msg[off + 4 * i])) << 24) |
             (std::uint32_t(std::uint8_t(msg[off + 4 * i + 1])) << 16) |
             (std::uint32_t(std::uint8_t(msg[off + 4 * i + 2])) << 8) |
             std::uint32_t(std::uint8_t(msg[off + 4 * i + 3]));
    for (int i = 16; i < 64; ++i) {
      std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; ++i) {
      std::uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      std::uint32_t ch = (e & f) ^ (~e & g);
      std::uint32_t t1 = hh + S1 + ch + k[i] + w[i];
      std::uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
      std::uint32_t t2 = S0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  char out[65];
  for (int i = 0; i < 8; ++i) std::snprintf(out + 8 * i, 9, "%08x", h[i]);
  return std::string(out, 64);
}

}  // namespace prostup::detail

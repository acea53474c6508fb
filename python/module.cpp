// SPDX-License-Identifier: Apache-2.0
// prostup._core: the C++ side of the Python module (docs/python.md). Each command calls the
// use cases of the study layer that the `prostup` executable calls (include/prostup/study.hpp)
// and hands the files back in memory from the command's own writers, so the tables are the
// CLI's bytes by construction. The GIL is released while simulating and calls run side by
// side; SIGINT (Ctrl-C, a notebook's interrupt) stops a call through its own stop flag and
// surfaces as KeyboardInterrupt.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <variant>

#include "prostup/attribution.hpp"
#include "prostup/catalog.hpp"
#include "prostup/errors.hpp"
#include "prostup/number_text.hpp"
#include "prostup/options.hpp"
#include "prostup/runner.hpp"
#include "prostup/scenario_json.hpp"
#include "prostup/study.hpp"
#include "prostup/writers.hpp"

namespace py = pybind11;
using namespace prostup;

namespace {

// ---- A call of the study layer: its own stop flag, no lock between calls ----

// One call's stop flag and the signal that set it (0: none).
struct Stop {
  std::atomic<bool> cancel{false};
  std::atomic<int> signal{0};
};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the SIGINT handler needs lock-free atomics");

// SIGINT while calls are running: every running call's flag is set and Python's own handler
// runs too (chained), so the main thread gets KeyboardInterrupt as Python would give it and a
// call in another thread ends with exit code 130; where Python ignores SIGINT, so does this.
// Installed while at least one call runs. The flags live in static slots (a handler never
// writes into a call's stack frame that has returned); Python's handler is kept in one of two
// copies, the one in use named by an atomic index, so the handler never reads a half-written
// one.
constexpr int kMaxCalls = 256;
Stop g_stops[kMaxCalls];
std::atomic<bool> g_running[kMaxCalls];
std::mutex g_calls_mutex;  // guards the slots' owners and installing, not the calls
int g_call_count = 0;
struct sigaction g_python_sigint[2];
std::atomic<int> g_python_index{0};
std::atomic<bool> g_in_handler{false};

extern "C" void on_sigint(int sig, siginfo_t* info, void* context) {
  // A handler that chains back to this one (installed over it by someone else) ends here.
  if (g_in_handler.exchange(true)) return;
  const struct sigaction& python = g_python_sigint[g_python_index.load()];
  if (!(python.sa_flags & SA_SIGINFO) && python.sa_handler == SIG_IGN) {
    g_in_handler.store(false);
    return;
  }
  for (int i = 0; i < kMaxCalls; ++i)
    if (g_running[i].load()) {
      g_stops[i].signal.store(sig);
      g_stops[i].cancel.store(true);
    }
  if (python.sa_flags & SA_SIGINFO) {
    if (python.sa_sigaction) python.sa_sigaction(sig, info, context);
  } else if (python.sa_handler == SIG_DFL) {  // no Python handler: the process ends, as it would
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  } else {
    python.sa_handler(sig);
  }
  g_in_handler.store(false);
}

// A call's slot and, while any call runs, the SIGINT handler above.
class RunningCall {
 public:
  RunningCall() {
    std::lock_guard<std::mutex> lock(g_calls_mutex);
    for (int i = 0; i < kMaxCalls && slot_ < 0; ++i)
      if (!g_running[i].load()) slot_ = i;
    if (slot_ < 0) throw std::runtime_error("more than 256 prostup calls at once");
    g_stops[slot_].cancel.store(false);
    g_stops[slot_].signal.store(0);
    g_running[slot_].store(true);
    if (g_call_count++ == 0) {
      const int next = 1 - g_python_index.load();
      sigaction(SIGINT, nullptr, &g_python_sigint[next]);  // Python's, before ours replaces it
      g_python_index.store(next);
      struct sigaction ours {};
      ours.sa_sigaction = on_sigint;
      ours.sa_flags = SA_SIGINFO | SA_ONSTACK;
      sigemptyset(&ours.sa_mask);
      sigaction(SIGINT, &ours, nullptr);
    }
  }
  ~RunningCall() {
    std::lock_guard<std::mutex> lock(g_calls_mutex);
    g_running[slot_].store(false);
    if (--g_call_count == 0) {
      struct sigaction now {};
      sigaction(SIGINT, nullptr, &now);
      if ((now.sa_flags & SA_SIGINFO) && now.sa_sigaction == on_sigint)
        sigaction(SIGINT, &g_python_sigint[g_python_index.load()], nullptr);
    }
  }
  RunningCall(const RunningCall&) = delete;
  RunningCall& operator=(const RunningCall&) = delete;
  Stop& stop() { return g_stops[slot_]; }

 private:
  int slot_ = -1;
};

// Runs `body` in a thread of its own without the GIL while this thread looks at Python's
// signals every 0.1 s: a KeyboardInterrupt (Ctrl-C in the main thread) stops the body through
// `stop` and is raised here once the body has ended (within a second: the workers look at
// the flag between tasks and household chunks). The worker is always joined, also when this
// thread unwinds (an interpreter that finalizes ends a thread taking the GIL back).
template <class Body>
void run_interruptibly(Stop& stop, Body&& body) {
  std::exception_ptr error;
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  std::thread worker([&] {
    try {
      body();
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(m);
    done = true;
    cv.notify_all();
  });
  struct JoinOnUnwind {
    std::thread& worker;
    Stop& stop;
    ~JoinOnUnwind() {
      if (!worker.joinable()) return;
      stop.cancel.store(true);
      worker.join();
    }
  } join_on_unwind{worker, stop};
  bool python_error = false;
  for (;;) {
    {
      py::gil_scoped_release nogil;
      std::unique_lock<std::mutex> lock(m);
      if (cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return done; })) break;
    }
    if (PyErr_CheckSignals() != 0) {
      python_error = true;
      int none = 0;
      stop.signal.compare_exchange_strong(none, SIGINT);
      stop.cancel.store(true);
      break;
    }
  }
  {
    py::gil_scoped_release nogil;
    worker.join();
  }
  if (python_error) throw py::error_already_set();
  if (error) std::rethrow_exception(error);
}

// The files of a command in memory as {name: bytes}.
py::dict files_dict(const std::map<std::string, std::string>& files) {
  py::dict d;
  for (const auto& [name, bytes] : files) d[py::str(name)] = py::bytes(bytes);
  return d;
}

// A recorded command's files (catalog=) kept as the command line's are, and the run
// recorded; the messages (a catalog that could not take it) are added to `messages`.
void keep_recorded(const std::string& command, const std::string& name,
                   const std::map<std::string, std::string>& files, const CatalogOptions& catalog,
                   const std::string& scenario_text, Stop& stop, std::string& out_dir,
                   std::string& messages, int& rc) {
  out_dir = study::keep_in_run_folder(command, name, files, &stop.cancel).string();
  messages +=
      study::record_in_catalog(catalog, command, scenario_text, out_dir, &stop.cancel, &stop.signal)
          .message;
  // Ctrl-C while the catalog was locked: the files stay, the call ends as the command line
  // does (exit 128 + the signal, the message above saying whether it was recorded).
  if (stop.cancel) rc = 128 + (stop.signal ? stop.signal.load() : SIGINT);
}

// What escaped a call, as the command line's exit code and message (study::failure_of).
void fail(const std::string& command, const std::string& interrupted, const Stop& stop, int& rc,
          std::string& messages) {
  const int signal = stop.signal.load();
  const study::Failure f =
      study::failure_of(std::current_exception(), command, interrupted, signal ? signal : SIGINT);
  rc = f.exit_code;
  messages += f.message;
}

// The long name of a row's flag, as messages name it ("--output" of "-o,--output").
std::string option_name(const OptionSpec& o) {
  return o.flag.substr(o.flag.rfind(',') + 1);
}

// One keyword's value into its member, checked against its row of the options table as the
// command line checks the option: the same range, a message naming the keyword and the
// option (TypeError for a wrong type, ValueError for a value out of range).
void read_keyword(const std::string& command, const std::string& key, const py::object& v,
                  const OptionSpec& o, const OptionField& field) {
  const std::string shown = key + "=" + std::string(py::str(py::repr(v))) + ": " + option_name(o);
  const bool is_bool = py::isinstance<py::bool_>(v);
  if (auto* p = std::get_if<bool*>(&field)) {
    if (!is_bool) throw py::type_error(shown + " is True or False");
    **p = v.cast<bool>();
  } else if (std::holds_alternative<int*>(field) || std::holds_alternative<long long*>(field)) {
    const std::string limits = shown + " must be a whole number from " +
                               number_text::integer(o.whole_lo) + " to " +
                               number_text::integer(o.whole_hi);
    if (is_bool || !py::isinstance<py::int_>(v)) throw py::type_error(limits);
    long long x = 0;
    try {
      x = v.cast<long long>();
    } catch (const py::cast_error&) {
      throw py::value_error(limits);
    }
    if (x < o.whole_lo || x > o.whole_hi) throw py::value_error(limits);
    if (auto* p = std::get_if<int*>(&field))
      **p = static_cast<int>(x);
    else
      *std::get<long long*>(field) = x;
  } else if (auto* p = std::get_if<double*>(&field)) {
    const std::string limits = shown + " must be a number from " + number_text::shortest(o.lo) +
                               " to " + number_text::shortest(o.hi);
    if (is_bool || !(py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v)))
      throw py::type_error(limits);
    const double x = v.cast<double>();
    if (!(x >= o.lo && x <= o.hi)) throw py::value_error(limits);  // NaN too
    **p = x;
  } else if (auto* p = std::get_if<std::string*>(&field)) {
    if (!py::isinstance<py::str>(v)) throw py::type_error(shown + " must be text");
    const std::string x = v.cast<std::string>();
    if (o.type == OptionType::choice &&
        std::find(o.choices.begin(), o.choices.end(), x) == o.choices.end())
      throw py::value_error(shown + " must be one of " + o.range_text());
    **p = x;
  } else {
    auto* list = std::get<std::vector<std::string>*>(field);
    if (py::isinstance<py::str>(v) || !py::isinstance<py::sequence>(v))
      throw py::type_error(shown + " must be a list of texts");
    list->clear();
    for (const py::handle item : v) {
      if (!py::isinstance<py::str>(item)) throw py::type_error(shown + " must be a list of texts");
      list->push_back(item.cast<std::string>());
    }
  }
  if (o.required) {
    const bool empty = std::visit(
        [](auto* m) {
          using M = std::decay_t<decltype(*m)>;
          if constexpr (std::is_same_v<M, std::string> ||
                        std::is_same_v<M, std::vector<std::string>>)
            return m->empty();
          else
            return false;
        },
        field);
    if (empty) throw py::value_error(shown + " is required for " + command + "() (" + o.help + ")");
  }
}

// The keyword the Python side handles itself: catalog= (None, True or a path: catalog_from).
bool read_by_hand(const std::string& key) {
  return key == "catalog";
}

// `command`'s keywords in `d` into `a` through the options table (include/prostup/options.hpp):
// a keyword the command does not have raises TypeError naming it; None is the default.
template <class Args>
void read_keywords(const std::string& command, const py::dict& d, Args& a) {
  for (const auto& [k, v] : d) {
    const std::string key = py::str(k);
    const OptionSpec* o = python_option(command, key);
    if (!o) {
      std::string known;
      for (const auto& row : command_options())
        if (row.takes(command) && !row.python.empty())
          known += (known.empty() ? "" : ", ") + row.python;
      throw py::type_error(command + "() got an unexpected keyword argument '" + key +
                           "' (it takes " + (known.empty() ? "none" : known) + ")");
    }
    if (v.is_none() || read_by_hand(key)) continue;
    const auto field = o->field(command, a);
    if (!field) throw std::logic_error(key + " of " + command + " has no member");
    read_keyword(command, key, py::reinterpret_borrow<py::object>(v), *o, *field);
  }
  for (const auto& row : command_options())  // a required keyword left out or None
    if (row.takes(command) && row.required && !row.python.empty() &&
        (!d.contains(row.python) || d[row.python.c_str()].is_none()))
      throw py::value_error(command + "() needs " + row.python + "=: " + option_name(row) +
                            " is required (" + row.help + ")");
}

// `command`'s keywords with their defaults, the Args struct's own (None where the default is
// "not given": the scenario's value, all variants; catalog= None, not recorded), and whether each
// is required: what the Python side's signatures show.
template <class Args>
py::list keyword_defaults(const std::string& command) {
  Args a;
  py::list out;
  for (const auto& o : command_options()) {
    if (!o.takes(command) || o.python.empty()) continue;
    py::object value = py::none();
    const auto field = o.field(command, a);
    if (field && !read_by_hand(o.python) && !o.required)
      value = std::visit(
          [&](auto* m) -> py::object {
            using M = std::decay_t<decltype(*m)>;
            if constexpr (std::is_same_v<M, int> || std::is_same_v<M, long long>) {
              if (*m < o.whole_lo) return py::none();
              return py::int_(*m);
            } else if constexpr (std::is_same_v<M, std::string> ||
                                 std::is_same_v<M, std::vector<std::string>>) {
              if (m->empty()) return py::none();
              return py::cast(*m);
            } else {
              return py::cast(*m);
            }
          },
          *field);
    out.append(py::make_tuple(o.python, value, o.required, option_name(o)));
  }
  return out;
}

// catalog= of run, sweep and plan (docs/python.md): None or False = not recorded (the
// default: a notebook's runs keep their files in memory), True = the catalog the command line
// uses ($PROSTUP_CATALOG, else prostup-out/catalog.sqlite), a path = that catalog.
CatalogOptions catalog_from(const py::dict& d) {
  CatalogOptions c;
  c.disabled = true;
  if (!d.contains("catalog") || d["catalog"].is_none()) return c;
  const py::object v = d["catalog"];
  if (py::isinstance<py::bool_>(v)) {
    c.disabled = !v.cast<bool>();
    return c;
  }
  if (py::isinstance<py::str>(v) && !v.cast<std::string>().empty()) {
    c.disabled = false;
    c.path = v.cast<std::string>();
    return c;
  }
  throw py::type_error("catalog=" + std::string(py::str(py::repr(v))) +
                       ": a catalog path, True (the default catalog) or None (not recorded)");
}

py::dict run_dict(const CatalogRun& r) {
  py::dict d;
  d["id"] = r.id;
  d["recorded_at"] = r.recorded_at;
  d["started_at"] = r.started_at;
  d["command"] = r.command;
  d["program_version"] = r.program_version;
  d["scenario_name"] = r.scenario_name;
  d["scenario_path"] = r.scenario_path;
  d["scenario_sha256"] = r.scenario_sha256;
  d["seed"] = r.seed;
  d["replications"] = r.replications;
  d["months"] = r.months;
  std::string v;
  for (const auto& x : r.variants) v += (v.empty() ? "" : ",") + x;
  d["variants"] = v;
  d["output_dir"] = r.output_dir;
  d["details"] = r.details;
  d["scenario_text"] = r.scenario_text;
  d["scenario_source"] = r.scenario_source;
  return d;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "prostup's engine (use the `prostup` package, not this module)";
  m.attr("version") = PROSTUP_VERSION;
  m.attr("catalog_schema_version") = kCatalogSchemaVersion;

  m.def("default_scenario", [] { return std::string(embedded_default_scenario()); });

  // Every problem of a scenario text: [(pointer, message)], empty when valid.
  m.def("validate", [](const std::string& text) {
    const LoadResult r = load_scenario_text(text);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& d : r.diagnostics)
      out.emplace_back(d.pointer.empty() ? "/" : d.pointer, d.message);
    if (out.empty() && !r.ok()) out.emplace_back("/", "not a valid scenario");
    return out;
  });
  m.def("canonical", [](const std::string& text) {
    const LoadResult r = load_scenario_text(text);
    if (!r.ok()) throw py::value_error("not a valid scenario");
    return to_json(*r.scenario).dump(2) + "\n";
  });

  // The commands: the scenario's text, what names it (its file, "(dict)", "(built-in
  // default)") and the keywords (the options table's Python keywords of the command).
  // run(text, source, keywords) -> (exit code, messages, {file: bytes}, recorded folder or ""):
  // the study layer itself (include/prostup/study.hpp), the files written into memory by the
  // CLI's own writers (so they are its bytes), in a folder only when recorded (catalog=).
  m.def("run", [](const std::string& text, const std::string& source, const py::dict& d) {
    RunArgs a;
    read_keywords("run", d, a);
    a.all_variants = !d.contains("variants") || d["variants"].is_none();  // [] = baseline
    const CatalogOptions catalog = catalog_from(d);
    study::RunRequest request = a;
    request.file = source;
    request.text = text;
    RunningCall call;
    Stop& stop = call.stop();
    int rc = kExitOk;
    std::string messages, out_dir;
    std::map<std::string, std::string> files;
    run_interruptibly(stop, [&] {
      try {
        const study::RunSetup setup = study::prepare_run(request);
        const study::RunOutcome o = study::run(setup, {{}, &stop.cancel});
        OutputFiles memory;
        write_run_outputs(o.result, memory, csv_dialect_of(a.csv_dialect), &stop.cancel);
        if (stop.cancel) throw RunCancelled();
        files = memory.take();
        if (!catalog.disabled) {
          const std::string& name = setup.source.scenario.name;
          keep_recorded("run", name.empty() ? "scenario" : name, files, catalog, setup.source.text,
                        stop, out_dir, messages, rc);
        }
      } catch (...) {
        fail("run", "nothing was kept", stop, rc, messages);
        files.clear();
      }
    });
    return py::make_tuple(rc, messages, files_dict(files), out_dir);
  });
  m.def("sweep", [](const std::string& text, const std::string& source, const py::dict& d) {
    SweepArgs a;
    read_keywords("sweep", d, a);
    const CatalogOptions catalog = catalog_from(d);
    study::SweepRequest request = a;
    request.file = source;
    request.text = text;
    RunningCall call;
    Stop& stop = call.stop();
    int rc = kExitOk;
    std::string messages, out_dir;
    std::map<std::string, std::string> files;
    run_interruptibly(stop, [&] {
      try {
        const study::SweepSetup setup = study::prepare_sweep(request);
        for (const study::SetResult& r : setup.written)
          if (!r.note.empty()) messages += "prostup sweep: note: " + r.note + "\n";
        const study::SweepOutcome o = study::sweep(setup, {{}, &stop.cancel});
        OutputFiles memory;
        study::write_sweep_files(setup, o, memory, csv_dialect_of(a.csv_dialect), &stop.cancel);
        if (stop.cancel) throw RunCancelled();
        files = memory.take();
        if (!catalog.disabled)
          keep_recorded("sweep", setup.source.scenario.name + "-sweep", files, catalog,
                        setup.source.text, stop, out_dir, messages, rc);
      } catch (...) {
        fail("sweep", "nothing was kept", stop, rc, messages);
        files.clear();
      }
    });
    return py::make_tuple(rc, messages, files_dict(files), out_dir);
  });
  m.def("plan", [](const std::string& text, const std::string& source, const py::dict& d) {
    PlanArgs a;
    read_keywords("plan", d, a);
    const CatalogOptions catalog = catalog_from(d);
    study::PlanRequest request = a;
    request.file = source;
    request.text = text;
    RunningCall call;
    Stop& stop = call.stop();
    int rc = kExitOk;
    std::string messages, out_dir;
    std::map<std::string, std::string> files;
    run_interruptibly(stop, [&] {
      try {
        const study::PlanSetup setup = study::prepare_plan(request);
        if (!setup.written.note.empty())
          messages += "prostup plan: note: " + setup.written.note + "\n";
        study::PlanHooks hooks;
        hooks.cancel = &stop.cancel;
        const study::PlanOutcome o = study::plan(setup, hooks);
        OutputFiles memory;
        study::write_plan_files(setup, o, memory);
        if (stop.cancel) throw RunCancelled();
        files = memory.take();
        if (!catalog.disabled)
          keep_recorded("plan", setup.source.scenario.name + "-plan", files, catalog,
                        setup.source.text, stop, out_dir, messages, rc);
      } catch (...) {
        fail("plan", "nothing was kept", stop, rc, messages);
        files.clear();
      }
    });
    return py::make_tuple(rc, messages, files_dict(files), out_dir);
  });
  m.def("cohort", [](const std::string& text, const std::string& source, const py::dict& d) {
    CohortArgs a;
    read_keywords("cohort", d, a);
    study::CohortRequest request;
    request.file = source;
    request.text = text;
    RunningCall call;
    Stop& stop = call.stop();
    int rc = kExitOk;
    std::string messages;
    std::map<std::string, std::string> files;
    run_interruptibly(stop, [&] {
      try {
        const study::CohortOutcome o = study::cohort(request, {{}, &stop.cancel});
        OutputFiles memory;
        study::write_cohort_files(o, memory, csv_dialect_of(a.csv_dialect), &stop.cancel);
        if (stop.cancel) throw RunCancelled();
        files = memory.take();
      } catch (...) {
        fail("cohort", "nothing was kept", stop, rc, messages);
        files.clear();
      }
    });
    return py::make_tuple(rc, messages, files_dict(files), std::string());
  });
  // [(keyword, default, required, option)] of a command, from the options table.
  m.def("options", [](const std::string& command) {
    if (command == "run") return keyword_defaults<RunArgs>(command);
    if (command == "sweep") return keyword_defaults<SweepArgs>(command);
    if (command == "plan") return keyword_defaults<PlanArgs>(command);
    if (command == "cohort") return keyword_defaults<CohortArgs>(command);
    throw py::value_error("no Python function for the command '" + command + "'");
  });

  // Result.write(dir): the files through the CLI's own output staging (StagedOutput): a new
  // folder appears whole, an empty folder (also ".", a symlink to one) is written in place, a
  // non-empty one is refused unless `force`, which exchanges it as `--force` does; a file,
  // and the working directory or a folder holding it, are never replaced or deleted.
  m.def("write_files", [](const std::string& dir, const std::map<std::string, py::bytes>& files,
                          bool force, bool report) {
    std::map<std::string, std::string> kept;
    for (const auto& [name, bytes] : files) {
      const std::filesystem::path rel(name);
      bool safe = !name.empty() && rel.is_relative();
      for (const auto& part : rel) safe = safe && part != ".." && part != ".";
      if (!safe) throw py::value_error("write(): file name '" + name + "' leaves the folder");
      kept[name] = std::string(bytes);
    }
    std::string refused;
    bool exists = false;
    {
      py::gil_scoped_release nogil;
      try {
        study::write_folder(dir, kept, force, report, "write", nullptr);
      } catch (const UserError& e) {
        refused = e.what();
        exists = refused.find("exists") != std::string::npos ||
                 refused.find("not empty") != std::string::npos ||
                 refused.find("cannot be replaced") != std::string::npos;
      }
    }
    if (exists) {
      PyErr_SetString(PyExc_FileExistsError, refused.c_str());
      throw py::error_already_set();
    }
    if (!refused.empty()) throw py::value_error(refused);
  });

  m.def(
      "write_report",
      [](const std::string& dir) {
        py::gil_scoped_release nogil;
        write_report(dir);
      },
      "Draws dir/charts/*.svg and dir/report.html from the files in dir");

  m.def("catalog_path", [](const std::string& path) {
    CatalogOptions o;
    o.path = path;
    return catalog_path(o);
  });
  m.def("catalog_runs", [](const std::string& path, const std::string& scenario) {
    Catalog c(path, 10000, true);
    py::list out;
    for (const auto& r : c.list(scenario)) out.append(run_dict(r));
    return out;
  });
  m.def("catalog_run", [](const std::string& path, long long id) -> py::object {
    Catalog c(path, 10000, true);
    auto r = c.get(id);
    if (!r) return py::none();
    return run_dict(*r);
  });
  m.def("catalog_outcomes", [](const std::string& path, long long id) {
    Catalog c(path, 10000, true);
    py::list out;
    for (const auto& o : c.outcomes(id)) {
      py::dict d;
      d["run_id"] = id;
      d["town"] = o.town;
      d["variant"] = o.variant;
      d["point"] = o.point < 0 ? py::object(py::none()) : py::object(py::int_(o.point));
      d["metric"] = o.metric;
      d["unit"] = o.unit;
      d["headline"] = o.headline;
      d["mean"] = o.mean;
      d["ci_low"] = o.ci_low;
      d["ci_high"] = o.ci_high;
      d["replications"] = o.replications;
      d["cohort"] = o.cohort;
      out.append(d);
    }
    return out;
  });
  m.def("catalog_diff", [](const std::string& path, long long a, long long b) {
    Catalog c(path, 10000, true);
    auto ra = c.get(a), rb = c.get(b);
    if (!ra || !rb) throw py::key_error("no run " + std::to_string(!ra ? a : b) + " in " + path);
    return format_run_diff(*ra, c.outcomes(a), *rb, c.outcomes(b));
  });
  m.def("catalog_diff_json", [](const std::string& path, long long a, long long b) {
    Catalog c(path, 10000, true);
    auto ra = c.get(a), rb = c.get(b);
    if (!ra || !rb) throw py::key_error("no run " + std::to_string(!ra ? a : b) + " in " + path);
    return format_run_diff_json(*ra, c.outcomes(a), *rb, c.outcomes(b));
  });
  // run_diff(a, b, attribute=True): `prostup runs diff A B --attribute [--json]`, which
  // simulates; (exit code, stderr, stdout). Ctrl-C as in run().
  m.def("catalog_attribute", [](const std::string& path, long long a, long long b, bool json,
                                int replications, int threads) {
    study::AttributionRequest q;
    q.json = json;
    q.replications = replications;
    q.threads = threads;
    Catalog c(path, 10000, true);
    auto ra = c.get(a), rb = c.get(b);
    if (!ra || !rb) throw py::key_error("no run " + std::to_string(!ra ? a : b) + " in " + path);
    const auto oa = c.outcomes(a), ob = c.outcomes(b);
    RunningCall call;
    Stop& stop = call.stop();
    int rc = kExitOk;
    std::string messages, out;
    run_interruptibly(stop, [&] {
      try {
        out = study::attribute_runs(q, *ra, oa, *rb, ob, {{}, &stop.cancel},
                                    [&](const std::string& note) { messages += note; });
      } catch (...) {
        fail("runs", "nothing was printed", stop, rc, messages);
        out.clear();
      }
    });
    return py::make_tuple(rc, messages, out);
  });
  py::register_exception<CatalogError>(m, "CatalogError", PyExc_RuntimeError);
  // What the user got wrong (include/prostup/errors.hpp), as the command line's exit code 2 is:
  // ValueError, with the message as the command prints it.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const UserError& e) {
      PyErr_SetString(PyExc_ValueError, (e.details() + e.what()).c_str());
    }
  });
}

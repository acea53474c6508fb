// SPDX-License-Identifier: Apache-2.0
// The language catalogues (sim/output/strings_{en,cs}.cpp) and `--lang cs`: the same keys
// and placeholders in both; the Czech terminal answer and report.html of a small run read in
// Czech, with a decimal comma, and hold no English text of the catalogue.
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../sim/output/answer.hpp"
#include "../sim/output/report.hpp"
#include "../sim/output/strings.hpp"
#include "prostup/cli.hpp"
#include "prostup/writers.hpp"
#include "test_files.hpp"
#include "test_report_synthetic.hpp"

namespace {

using prostup::Language;
using prostup::text::Entry;

std::map<std::string, std::string> as_map(const std::vector<Entry>& c) {
  std::map<std::string, std::string> m;
  for (const Entry& e : c) m[e.key] = e.text;
  return m;
}

std::multiset<std::string> placeholders(const std::string& s) {
  std::multiset<std::string> p;
  for (auto at = s.find('{'); at != std::string::npos; at = s.find('{', at + 1))
    p.insert(s.substr(at, s.find('}', at) - at + 1));
  return p;
}

bool word_char(unsigned char c) {
  return std::isalnum(c) || c >= 0x80;  // UTF-8 letters of Czech words too
}

// The English texts of the catalogue that differ from the Czech ones, cut at placeholders:
// pieces with at least three letters, which the Czech output must not hold as whole words.
std::vector<std::string> english_pieces() {
  const auto cs = as_map(prostup::text::czech_catalogue());
  std::vector<std::string> pieces;
  for (const Entry& e : prostup::text::english_catalogue()) {
    const std::string en = e.text;
    const auto it = cs.find(e.key);
    if (it != cs.end() && it->second == en) continue;  // "Program": the same in both
    // The texts between placeholders, built char by char ("{1}. {2}: demand {3}" ->
    // ". ", ": demand ").
    std::vector<std::string> cut(1);
    for (std::size_t i = 0; i < en.size(); ++i) {
      if (en[i] == '{') {
        i = en.find('}', i);
        cut.emplace_back();
      } else {
        cut.back() += en[i];
      }
    }
    for (std::string piece : cut) {
      while (!piece.empty() && !word_char(piece.front())) piece.erase(0, 1);
      while (!piece.empty() && !word_char(piece.back())) piece.pop_back();
      int letters = 0;
      for (unsigned char c : piece) letters += std::isalpha(c) != 0;
      if (letters >= 3) pieces.push_back(piece);
    }
  }
  return pieces;
}

// `piece` as a whole word (or words) in `text`.
bool has_words(const std::string& text, const std::string& piece) {
  for (auto at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) {
    const bool left = at == 0 || !word_char(static_cast<unsigned char>(text[at - 1]));
    const std::size_t end = at + piece.size();
    const bool right = end >= text.size() || !word_char(static_cast<unsigned char>(text[end]));
    if (left && right) return true;
  }
  return false;
}

std::string english_leftovers(const std::string& text) {
  std::string found;
  for (const std::string& p : english_pieces())
    if (has_words(text, p)) {
      const auto at = text.find(p);
      const auto from = at > 40 ? at - 40 : 0;
      found += "'" + p + "' in \"" + text.substr(from, at - from + p.size() + 20) + "\"\n";
    }
  return found;
}

// The text of HTML: each tag (its attributes: class="better") replaced by a space.
std::string text_only(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    if (!in_tag) out += c;
    if (c == '>') {
      in_tag = false;
      out += ' ';
    }
  }
  return out;
}

// Cuts every <tag ...>...</tag> element out of an HTML text.
std::string without(std::string html, const std::string& tag) {
  for (auto at = html.find("<" + tag); at != std::string::npos; at = html.find("<" + tag, at)) {
    const auto end = html.find("</" + tag + ">", at);
    html.erase(at, end == std::string::npos ? std::string::npos : end - at + tag.size() + 3);
  }
  return html;
}

prostup::RunResult small_run() {
  auto run = prostup::testing::synthetic_run();
  run.info.variant_labels = {"", "Víc tréninkových bytů"};
  // The lines cohort.cpp writes, one a stage and one a service's caseload.
  run.info.binding_constraints = {
      {"Tréninkový byt: demand 40, capacity 12 from month 7",
       "Terénní sociální práce (caseload): demand 30, capacity 20 from month 3"},
      {"Tréninkový byt: demand 1250, capacity 30 from month 2"}};
  // A clear gain in Litvínov: +5 pp [+4, +6] in the share reaching a lease.
  for (auto& c : run.comparisons)
    if (c.town == "litvinov" && c.metric == "reached_lease_share") {
      c.diff_mean = 0.05;
      c.diff_ci_low = 0.04;
      c.diff_ci_high = 0.06;
    }
  return run;
}

}  // namespace

TEST_CASE("every key of the English catalogue is in the Czech one and back, same placeholders") {
  const auto& en = prostup::text::english_catalogue();
  const auto& cs = prostup::text::czech_catalogue();
  const auto en_map = as_map(en), cs_map = as_map(cs);
  CHECK(en_map.size() == en.size());  // no key twice
  CHECK(cs_map.size() == cs.size());
  for (const auto& [key, text] : en_map) {
    INFO("key " << key);
    REQUIRE(cs_map.count(key) == 1);
    CHECK(placeholders(text) == placeholders(cs_map.at(key)));
    CHECK_FALSE(cs_map.at(key).empty());
  }
  for (const auto& [key, text] : cs_map) {
    INFO("key " << key);
    CHECK(en_map.count(key) == 1);
  }
}

TEST_CASE("numbers and money in Czech: decimal comma, Czech units") {
  using prostup::answer::money;
  CHECK(money(1.25e9, "CZK", false, Language::cs) == "1,25 mld. Kč");
  CHECK(money(172324, "CZK", true, Language::cs) == "+172 tis. Kč");
  CHECK(money(12.5e6, "CZK", false, Language::cs) == "12,5 mil. Kč");
  CHECK(money(1.25e9, "CZK", false, Language::en) == "1.25 bn CZK");
  CHECK(prostup::text::plural(Language::cs, "other_outcomes", 1) == "1 další ukazatel");
  CHECK(prostup::text::plural(Language::cs, "other_outcomes", 3) == "3 další ukazatele");
  CHECK(prostup::text::plural(Language::cs, "other_outcomes", 5) == "5 dalších ukazatelů");
}

TEST_CASE("the Czech terminal answer reads in Czech, with no English of the catalogue") {
  const prostup::RunResult run = small_run();
  const std::string cs = prostup::answer::terminal_answer(run, "out", true, Language::cs);
  const std::string en = prostup::answer::terminal_answer(run, "out", true, Language::en);
  INFO(cs);
  CHECK(cs.find("Každá varianta proti výchozímu stavu") != std::string::npos);
  CHECK(cs.find("Litvínov (výchozí stav: získali nájem 40,0 %") != std::string::npos);
  // The terminal shows the change without its interval (the mark says it excludes 0).
  CHECK(cs.find("▲ získali nájem +5,0 p. b.") != std::string::npos);
  CHECK(cs.find("Omezující kapacity (výchozí stav") != std::string::npos);
  CHECK(cs.find("Terénní sociální práce (počet případů): poptávka 30 na 20 míst (+10)") !=
        std::string::npos);
  CHECK(cs.find("Zpráva: ") != std::string::npos);
  CHECK(english_leftovers(cs) == "");
  // The check can fail: the English answer is full of the catalogue's English.
  CHECK(english_leftovers(en) != "");
}

TEST_CASE("the Czech report.html reads in Czech, with no English of the catalogue") {
  prostup::test::TempDir tmp;
  prostup::write_run_outputs(small_run(), tmp.path);
  prostup::write_report(tmp.path, tmp.path, nullptr, Language::cs);
  const std::string html = prostup::test::read_bytes(tmp.path / "report.html");
  CHECK(html.find("<html lang=\"cs\">") != std::string::npos);
  CHECK(html.find("<section id=\"summary\" class=\"summary\">\n<h2>Odpověď</h2>") !=
        std::string::npos);
  CHECK(html.find("<h2>Obsah</h2>") != std::string::npos);
  CHECK(html.find("<h2>Výpočet: nastavení a záznam</h2>") != std::string::npos);
  CHECK(html.find("Omezující kapacita:</strong> Tréninkový byt: bez omezení") != std::string::npos);
  CHECK(html.find("Veřejné náklady celkem") != std::string::npos);
  // The csv files stay in the format for programs: a decimal point, no comma.
  CHECK(prostup::test::read_bytes(tmp.path / "outcomes.csv").find(",0.4,") != std::string::npos);
  // The header is the scenario's own text; the charts are checked below. Everything else is
  // the catalogue's Czech.
  const std::string words =
      text_only(without(without(without(without(html, "svg"), "figcaption"), "header"), "style"));
  CHECK(english_leftovers(words) == "");
  prostup::write_report(tmp.path, tmp.path, nullptr, Language::en);
  const std::string english = prostup::test::read_bytes(tmp.path / "report.html");
  CHECK(english_leftovers(text_only(without(without(english, "svg"), "figcaption"))) != "");
}

namespace {

// The text of every <TAG>...</TAG> element of an HTML page (the inline charts: titles, axis
// labels, legends and <title> tooltips; or their figcaptions).
std::string elements(const std::string& html, const std::string& tag) {
  std::string out;
  for (auto at = html.find("<" + tag); at != std::string::npos; at = html.find("<" + tag, at)) {
    const auto end = html.find("</" + tag + ">", at);
    if (end == std::string::npos) break;
    out += text_only(html.substr(at, end - at)) + "\n";
    at = end;
  }
  return out;
}

// A run with parameter uncertainty results, so the PSA charts are drawn too.
prostup::RunResult small_psa_run() {
  prostup::RunResult run = small_run();
  prostup::UncertaintyResult& u = run.uncertainty;
  u.plane.push_back({"litvinov", "more_flats", {1e5, 2e5, -5e4}, {1.5, 2.5, 0.5}, {10, 20, 5}});
  for (const char* v : {"baseline", "more_flats"})
    for (double w : {0.0, 1e5, 1e6})
      u.ceac.push_back({"litvinov", v, "cohort_stabilized", w, v[0] == 'b' ? 0.4 : 0.6});
  u.tornado.push_back({"litvinov", "more_flats", "reached_lease_share", "/profiles/single/job_gain",
                       0.02, 0.06, 0.04});
  u.tornado.push_back(
      {"litvinov", "more_flats", "reached_lease_share", "group:rent", 0.01, 0.07, 0.04});
  return run;
}

}  // namespace

TEST_CASE("the charts of a Czech report read in Czech, with no English of the catalogue") {
  prostup::test::TempDir tmp;
  prostup::write_run_outputs(small_run(), tmp.path);
  prostup::testing::write_sweep_and_plan(tmp.path);
  prostup::write_report(tmp.path, tmp.path, nullptr, Language::cs);
  const std::string html = prostup::test::read_bytes(tmp.path / "report.html");
  // Every kind of chart is there: forest, cost, time to lease, occupancy, waiting, flows,
  // sweep and plan.
  for (const char* file :
       {"forest_litvinov.svg", "cost_litvinov.svg", "time_to_lease_all.svg",
        "occupancy_litvinov_more_flats.svg", "waiting_kutna_hora_baseline.svg",
        "flows_litvinov_baseline.svg", "sweep_litvinov_cost_total.svg", "plan.svg"}) {
    INFO(file);
    CHECK(html.find("<figure id=\"" + std::string(file) + "\">") != std::string::npos);
  }
  const std::string charts = elements(html, "svg");
  // The captions name the swept setting by its JSON pointer too, an id like a variant's.
  std::string captions = elements(html, "figcaption");
  const std::string pointer = "/towns/litvinov/capacity/training_flat";
  CHECK(captions.find(pointer) != std::string::npos);
  for (auto at = captions.find(pointer); at != std::string::npos; at = captions.find(pointer))
    captions.erase(at, pointer.size());
  INFO(charts);
  CHECK(english_leftovers(charts) == "");
  CHECK(english_leftovers(captions) == "");
  // Czech words, Czech units and a decimal comma on the axes.
  CHECK(charts.find("Měsíc") != std::string::npos);
  CHECK(charts.find("Domácnosti (průměr z 40 replikací)") != std::string::npos);
  CHECK(charts.find("Tréninkový byt: počet míst (Litvínov)") != std::string::npos);
  CHECK(charts.find("mil. Kč") != std::string::npos);
  CHECK(charts.find("0,5") != std::string::npos);
  CHECK(charts.find("id varianty: more_flats") != std::string::npos);
  CHECK(captions.find("Jak graf číst") != std::string::npos);
  // The check can fail: the English report's charts are full of the catalogue's English.
  prostup::write_report(tmp.path, tmp.path, nullptr, Language::en);
  const std::string english = prostup::test::read_bytes(tmp.path / "report.html");
  CHECK(english_leftovers(elements(english, "svg")) != "");
  CHECK(english_leftovers(elements(english, "figcaption")) != "");
}

TEST_CASE("the parameter uncertainty charts in Czech hold no English of the catalogue") {
  const prostup::RunResult run = small_psa_run();
  namespace rep = prostup::report;
  std::string cs, en;
  for (const Language lang : {Language::cs, Language::en}) {
    std::string& out = lang == Language::cs ? cs : en;
    for (const auto& c :
         {rep::ce_plane_chart(run, "litvinov", lang), rep::ceac_chart(run, "litvinov", lang),
          rep::tornado_chart(run, "litvinov", "more_flats", lang)}) {
      REQUIRE(c.has_value());
      out += text_only(c->svg) + "\n" + c->how_to_read + "\n";
    }
  }
  INFO(cs);
  CHECK(english_leftovers(cs) == "");
  CHECK(cs.find("Rovina nákladové efektivity") != std::string::npos);
  CHECK(cs.find("single: nalezení práce") != std::string::npos);
  CHECK(cs.find("rent (skupina)") != std::string::npos);
  CHECK(english_leftovers(en) != "");
}

TEST_CASE("describe --lang cs reads in Czech, with no English of the catalogue") {
  // scenarios/jirkov.json with Czech labels; its own English prose (description, notes) left
  // out.
  auto doc = nlohmann::ordered_json::parse(
      prostup::test::read_bytes(prostup::test::source_path("scenarios/jirkov.json")));
  // The variants' changes are JSON (ids and keys): left out with the variants.
  for (const char* key : {"description", "sources", "assumptions", "notes", "variants"})
    doc.erase(key);
  std::string text = doc.dump();
  // Distribution group ids ("exit", "comply") read as English words: prefixed.
  for (auto at = text.find("\"group\":\""); at != std::string::npos;
       at = text.find("\"group\":\"", at + 1))
    text.insert(at + 9, "sk");
  const prostup::LoadResult loaded = prostup::load_scenario_text(text);
  REQUIRE(loaded.ok());
  // JSON pointers (the variants' changes) are ids too: cut out.
  auto without_pointers = [](std::string s) {
    for (auto at = s.find(" /"); at != std::string::npos; at = s.find(" /", at + 1))
      s.erase(at + 1, s.find_first_of(": \n", at + 1) - at - 1);
    return s;
  };
  const std::string cs =
      without_pointers(prostup::describe(*loaded.scenario, loaded.document, Language::cs));
  const std::string en =
      without_pointers(prostup::describe(*loaded.scenario, loaded.document, Language::en));
  INFO(cs);
  CHECK(cs.find("Žebřík, od nejvyššího stupně") != std::string::npos);
  CHECK(cs.find("Kč za obsazenou jednotku a měsíc") != std::string::npos);
  CHECK(cs.find("12 měsíců") != std::string::npos);
  CHECK(english_leftovers(cs) == "");
  CHECK(english_leftovers(en) != "");
  // The English overload without a language is the English catalogue's.
  CHECK(prostup::describe(*loaded.scenario, loaded.document) ==
        prostup::describe(*loaded.scenario, loaded.document, Language::en));
}

TEST_CASE("value for money: a saving per household fewer, no ratio without a clear effect") {
  prostup::Comparison c;
  c.metric = "icer:cohort_stabilized";
  c.note = "less effect, less cost";
  c.diff_mean = 966000;
  c.diff_ci_low = 500000;
  c.diff_ci_high = 1500000;
  const std::string saving = prostup::answer::value_for_money_text(c, Language::en);
  CHECK(saving.rfind("saves 966 k CZK per household fewer stabilised [", 0) == 0);
  CHECK(saving.find("extra") == std::string::npos);
  CHECK(prostup::answer::value_for_money_text(c, Language::en, true).find("single replications") !=
        std::string::npos);
  c.note = "no clear difference in effect";
  c.diff_mean = c.diff_ci_low = c.diff_ci_high = prostup::kUndefined;
  CHECK(prostup::answer::value_for_money_text(c, Language::en) ==
        "no clear difference in effect; effect uncertain: see the acceptability curve");
  c.note = "no difference in effect";
  CHECK(prostup::answer::value_for_money_text(c, Language::en) == "no difference in effect");
}

namespace {

// Every .svg file under `dir` (the report's chart files), concatenated.
std::string svg_files(const std::filesystem::path& dir) {
  std::string out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.path().extension() == ".svg") out += prostup::test::read_bytes(e.path()) + "\n";
  return out;
}

// `id` as a whole word of `text`, where '_' joins words ("hf_arm", not "hf_arm_b").
bool has_id(const std::string& text, const std::string& id) {
  // A path or file name ("docs/brno-rapid-rehousing.md") is not a label's place either.
  auto joins = [](unsigned char c) { return word_char(c) || c == '_' || c == '-' || c == '/'; };
  for (auto at = text.find(id); at != std::string::npos; at = text.find(id, at + 1)) {
    const std::size_t end = at + id.size();
    if ((at == 0 || !joins(static_cast<unsigned char>(text[at - 1]))) &&
        (end >= text.size() || !joins(static_cast<unsigned char>(text[end]))))
      return true;
  }
  return false;
}

// The ids of a scenario's stages, profiles, services, towns, variants and cohorts whose Czech
// label differs from the id: as visible text of a Czech report they are a raw id.
std::vector<std::string> labelled_ids(const prostup::Scenario& s) {
  std::vector<std::string> ids;
  auto add = [&](const std::string& id, const prostup::LocalText& label) {
    if (label.in("cs", id) != id) ids.push_back(id);
  };
  for (const auto& x : s.stages) add(x.id, x.label);
  for (const auto& x : s.profiles) add(x.id, x.label);
  for (const auto& x : s.services) add(x.id, x.label);
  for (const auto& x : s.towns) add(x.id, x.label);
  for (const auto& x : s.variants) add(x.id, x.label);
  for (const auto& x : s.cohorts) add(x.id, x.label);
  return ids;
}

}  // namespace

TEST_CASE("the Czech report of every shipped scenario holds no English and no raw ids",
          "[scenarios]") {
  // Czech everywhere (issue 26): the scenario's own texts (title, description, labels, the
  // variants' descriptions) come in Czech too, and the catalogue's words around them. A
  // small run of each: 4 replications (2 parameter sets where the scenario has
  // distributions, so the tornado, CEAC and plane charts are drawn), 12 months.
  const std::vector<std::string> scenarios = {"default",       "jirkov",  "brno-rapid-rehousing",
                                              "litvinov",      "bruntal", "kutna-hora",
                                              "cesko-national"};
  prostup::test::TempDir tmp;
  for (const std::string& name : scenarios) {
    INFO(name);
    const prostup::LoadResult loaded = prostup::test::load_valid("scenarios/" + name + ".json");
    prostup::RunArgs a;
    a.file = prostup::test::source_path("scenarios/" + name + ".json").string();
    a.out_dir = (tmp.path / name).string();
    a.replications = 4;
    a.months = 12;
    a.quiet = true;
    a.lang = "cs";
    a.catalog.disabled = true;
    REQUIRE(prostup::cmd_run(a) == 0);
    const std::string html = prostup::test::read_bytes(tmp.path / name / "report.html");
    // <code> holds ids on purpose (the scenario's name, which may be a town's id).
    std::string words = text_only(without(without(html, "style"), "code")) + "\n" +
                        text_only(svg_files(tmp.path / name));
    // A chart's tooltip names the variant's or profile's id on purpose, beside its label
    // ("id varianty: housing_first").
    auto cut = [&words](const std::string& tip) {
      for (auto at = words.find(tip); at != std::string::npos; at = words.find(tip, at))
        words.erase(at, tip.size());
    };
    for (const auto& v : loaded.scenario->variants)
      cut(prostup::text::tr(Language::cs, "summary.variant_id", {v.id}));
    for (const auto& p : loaded.scenario->profiles)
      cut(prostup::text::tr(Language::cs, "chart.profile.id", {p.id}));
    // The record names the scenario by its name, before the title.
    cut(loaded.scenario->name + " — ");
    CHECK(english_leftovers(words) == "");
    std::string raw;
    for (const std::string& id : labelled_ids(*loaded.scenario))
      if (has_id(words, id)) {
        const auto at = words.find(id);
        raw += "'" + id + "' in \"" + words.substr(at > 40 ? at - 40 : 0, 100) + "\"\n";
      }
    CHECK(raw == "");
  }
}

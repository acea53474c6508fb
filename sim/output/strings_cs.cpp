// Čeština: the words of the terminal answer and report.html (strings.hpp), key for key as
// strings_en.cpp (test_strings).
#include "strings.hpp"

namespace prostup::text {

namespace {

const std::vector<Entry> kCzech = {
    // Společná slova a jednotky.
    {"n/a", "neurčeno"},
    {"all_towns", "Všechna města"},
    {"baseline", "Výchozí stav"},
    {"unit.CZK", "Kč"},
    {"run.prices.value", "Kč, ceny roku {1}"},
    {"unit.CZK per household", "Kč na domácnost"},
    {"unit.months", "měs."},
    {"unit.pp", "p. b."},
    {"scale.bn", "mld."},
    {"scale.M", "mil."},
    {"scale.k", "tis."},
    {"caseload", "(počet případů)"},
    {"range", "{1} až {2}"},
    // Hlavní ukazatele ve větě.
    {"words.reached_lease_share", "získali nájem"},
    {"words.stabilized_share", "stabilizovali se v nájmu"},
    {"words.median_months_to_lease", "medián měsíců do nájmu"},
    {"words.evictions", "vystěhování"},
    {"words.returns_to_street", "návraty na ulici"},
    {"words.roofless_household_months", "měsíce domácností bez střechy"},
    {"words.mean_waiting_months", "měsíce v pořadníku"},
    {"words.cost_total", "veřejné náklady"},
    {"words.cost_per_stabilized", "náklady na stabilizovanou domácnost"},
    {"words.housed_share_end", "v bydlení na konci období"},
    {"words.months_housed_share", "podíl měsíců v bydlení"},
    {"words.retention:12", "stále v bydlení 12 měsíců po zabydlení"},
    // Výklad párového rozdílu.
    {"verdict.better", "lépe"},
    {"verdict.worse", "hůře"},
    {"verdict.higher", "více"},
    {"verdict.lower", "méně"},
    {"verdict.no_difference", "bez jasného rozdílu"},
    {"verdict.undefined", "neurčeno"},
    // Hodnota za peníze.
    {"vfm.per_stabilised", "{1} Kč na každou další stabilizovanou domácnost"},
    {"note.no difference", "bez rozdílu"},
    {"note.dominant", "dominantní"},
    {"note.dominated", "dominovaná"},
    {"note.more effect, more cost", "vyšší účinek, vyšší náklady"},
    {"note.less effect, less cost", "nižší účinek, nižší náklady"},
    {"other_outcomes.one", "{1} další ukazatel"},
    {"other_outcomes.few", "{1} další ukazatele"},
    {"other_outcomes.many", "{1} dalších ukazatelů"},
    // Komu varianta pomáhá (ukazatele podle typu domácnosti).
    {"by_profile.most_least", "{1}: nejvíce {2}, nejméně {3}"},
    // Odpověď v terminálu.
    {"term.header",
     "{1}: {2} replikací × {3} měsíců, výchozí stav + počet variant {4}, semínko {5}"},
    {"term.key",
     "Každá varianta proti výchozímu stavu (párově, 95% interval spolehlivosti): {1} lépe, {2} "
     "hůře, {3} bez jasného rozdílu"},
    {"term.psa",
     "Nejisté vstupy: {1} sad parametrů x {2} replikací; intervaly jsou 95% intervaly nejistoty "
     "(vstupy i Monte Carlo), docs/uncertainty.md"},
    {"term.key_psa",
     "Každá varianta proti výchozímu stavu (párově, 95% interval nejistoty): {1} lépe, {2} "
     "hůře, {3} bez jasného rozdílu"},
    {"term.prices", "ceny roku {1}"},
    {"term.discounted",
     "náklady a výstupy také diskontované sazbou {1} % ročně (metriky *_discounted)"},
    {"term.left_out", "Vynechány tam, kde nic nemění: {1}"},
    {"term.town", "{1} (výchozí stav: {2})"},
    {"term.binding_head",
     "Omezující kapacity (výchozí stav, očekávaná poptávka bez omezení), od největšího převisu:"},
    {"term.binding", "{1}. {2}: poptávka {3} na {4} míst ({5}) od {6}. měsíce"},
    {"term.by_profile", "podle typu domácnosti {1}"},
    {"term.binding_more", "a dalších {1} (prostup run --verbose nebo prostup cohort)"},
    {"term.report", "Zpráva: {1}"},
    {"term.outputs", "Výstupy: {1} ({2} měsíců domácností za {3} s)"},
    // report.html: shrnutí.
    {"report.title", "{1} — zpráva prostup"},
    {"report.scenario", "Scénář"},
    {"summary.heading", "Odpověď"},
    {"summary.key",
     "Každá varianta proti výchozímu stavu jako párový rozdíl s 95% intervalem spolehlivosti:"},
    {"summary.key_zero", "(interval obsahuje nulu)"},
    {"summary.left_out", "Varianty, které ve městě nic nemění, jsou u něj zde i níže vynechány:"},
    {"summary.baseline", "Výchozí stav: {1}."},
    {"summary.variant", "Varianta"},
    {"summary.changes", "Co se mění"},
    {"summary.cost", "Náklady"},
    {"summary.variant_id", "id varianty: {1}"},
    {"summary.no_clear_in", "bez jasného rozdílu: {1}"},
    {"summary.by_profile", "Podle typu domácnosti {1}"},
    {"summary.none_here", "Žádná varianta zde nic nemění."},
    {"summary.binding", "Omezující kapacita:"},
    {"summary.binding_words",
     "{1}: bez omezení by ji potřebovalo asi {2} domácností při {3} místech, od {4}. měsíce"},
    {"summary.binding_more", "(a dalších {1} níže)"},
    // report.html: obsah a oddíly.
    {"nav.contents", "Obsah"},
    {"nav.sweep", "Citlivost na parametr"},
    {"nav.plan", "Plán"},
    {"nav.run", "Výpočet: nastavení a záznam"},
    {"town.binding_head", "Omezující kapacity"},
    {"town.binding_note",
     "Kde očekávaná poptávka bez omezení (přesný kohortový model výchozího stavu) převyšuje "
     "kapacitu nebo počet případů, od největšího převisu:"},
    {"town.binding_line", "{1}: poptávka {2}, kapacita {3} od {4}. měsíce"},
    {"town.reaching_lease", "Cesta k nájmu"},
    {"town.all_outcomes", "Všechny ukazatele, každá varianta (tabulka)"},
    {"town.comparison", "Varianty proti výchozímu stavu, každý ukazatel (tabulka)"},
    {"town.variant_charts", "{1}: stupně, pořadníky a přesuny"},
    {"figure.how_to_read", "Jak graf číst:"},
    {"table.outcome", "Ukazatel"},
    {"table.difference", "Rozdíl proti výchozímu stavu"},
    {"table.ci", "95% interval spolehlivosti"},
    {"table.better_in", "Lépe v"},
    {"table.reading", "Výklad"},
    {"table.no_variants", "Tento výpočet nemá žádné varianty k porovnání s výchozím stavem."},
    // report.html: definice.
    {"def.heading", "Definice"},
    {"def.counts", "Počítá"},
    {"def.out_of", "Z celku"},
    {"def.unit", "Jednotka"},
    {"def.share", "podíl"},
    {"def.housed_end", "Podíl v bydlení na konci období"},
    {"def.housed_end.counts", "domácnosti v trvalém stupni v posledním měsíci"},
    {"def.housed_end.of", "všechny zaznamenané domácnosti (včetně bydlících už na začátku)"},
    {"def.months_housed", "Podíl měsíců domácností v bydlení"},
    {"def.months_housed.counts", "měsíce strávené v trvalém stupni"},
    {"def.months_housed.of",
     "měsíce strávené v systému (od vstupu nebo 1. měsíce do odchodu nebo konce období)"},
    {"def.retention", "V bydlení 12 měsíců po prvním zabydlení"},
    {"def.retention.counts",
     "domácnosti, které o bydlení nepřišly (sestupem na nižší stupeň ani odchodem jinam než do "
     "vlastního bydlení) během 12 měsíců od prvního zabydlení"},
    {"def.retention.of", "domácnosti poprvé zabydlené nejméně 12 měsíců před koncem období"},
    {"def.lease", "Podíl, který získal nájem"},
    {"def.lease.counts", "domácnosti, které kdy byly v trvalém stupni"},
    {"def.lease.of", "domácnosti, které na začátku nebydlely"},
    {"def.stabilised", "Podíl stabilizovaných"},
    {"def.stabilised.counts",
     "domácnosti, které bydlely tolik měsíců v řadě, kolik scénář žádá pro stabilizaci"},
    {"def.stabilised.of", "domácnosti, které na začátku nebydlely"},
    {"def.cost", "Veřejné náklady celkem"},
    {"def.cost.counts",
     "náklady stupňů za obsazený byt a měsíc plus náklady služeb za případ a měsíc"},
    // report.html: hodnota za peníze.
    {"vfm.heading", "Hodnota za peníze"},
    {"vfm.extra_cost", "Dodatečné náklady (Kč)"},
    {"vfm.icer_stabilized", "Kč na každou další stabilizovanou domácnost"},
    {"vfm.icer_months", "Kč na každý další měsíc domácnosti v bydlení"},
    {"vfm.note",
     "Dodatečné náklady: párový rozdíl celkových nákladů. Náklady na další stabilizovanou "
     "domácnost nebo měsíc v bydlení: průměrné dodatečné náklady / průměrný dodatečný účinek "
     "(stabilizované domácnosti: souvislé období stabilizace podle scénáře v trvalém stupni, "
     "včetně domácností bydlících od začátku), 95% bootstrapový interval přes párové replikace; "
     "dominantní = aspoň stejně účinná a ne dražší, dominovaná = ne účinnější a ne levnější; "
     "v těchto případech se poměr neuvádí."},
    {"vfm.figure", "Údaj"},
    {"vfm.value", "Hodnota"},
    {"vfm.interval", "95% interval"},
    // report.html: plán.
    {"plan.target", "Cíl:"},
    {"plan.in", "v území {1}"},
    {"plan.answer", "Odpověď:"},
    {"plan.none", "cíl nesplňuje žádná hodnota z rozsahu"},
    // report.html: záznam výpočtu.
    {"run.scenario_file", "Soubor scénáře"},
    {"run.sha", "SHA-256 scénáře (prvních 16 číslic)"},
    {"run.program", "Program"},
    {"run.seed", "Semínko"},
    {"run.prices", "Ceny"},
    {"run.discount_rate", "Diskontní sazba"},
    {"run.discount_rate.per_year", "ročně (náklady i výstupy)"},
    {"run.replications", "Replikace"},
    {"run.months", "Simulované měsíce"},
    {"run.threads", "Vlákna"},
    {"run.variants", "Varianty"},
    {"run.towns", "Města"},
    {"run.ladder", "Žebřík (zdola nahoru)"},
    {"run.services", "Služby"},
    {"run.household_months", "Simulované měsíce domácností"},
    {"run.simulate_time", "Doba simulace"},
    {"run.wall_time", "Celková doba"},
    {"run.started", "Zahájeno (UTC)"},
    {"run.means",
     "Každé číslo je průměr přes replikace Monte Carlo; rozsahy jsou 95% intervaly spolehlivosti "
     "tohoto průměru (jak přesně výpočet průměr určuje, ne rozptyl mezi domácnostmi). Rozdíly "
     "mezi variantou a výchozím stavem jsou párové: replikace r obou používá stejná náhodná "
     "čísla."},
    {"footer",
     "Vykresleno programem prostup {1} ze souborů v tomto adresáři ({2}). Grafy jsou také "
     "v adresáři charts/ jako soubory SVG."},
    // Názvy ukazatelů v tabulkách zprávy.
    {"metric.households_seen", "Zaznamenané domácnosti"},
    {"metric.housed_at_start", "Domácnosti bydlící už na začátku"},
    {"metric.reached_lease_share",
     "Podíl, který získal nájem (domácnosti, které na začátku nebydlely)"},
    {"metric.stabilized_share", "Podíl stabilizovaných (domácnosti, které na začátku nebydlely)"},
    {"metric.housed_share_end", "Podíl v bydlení na konci období (všechny domácnosti)"},
    {"metric.ever_housed_share", "Podíl kdy zabydlených (všechny domácnosti)"},
    {"metric.months_housed_share", "Podíl měsíců domácností v bydlení"},
    {"metric.months_housed", "Měsíce domácností v bydlení"},
    {"metric.retention:6", "V bydlení 6 měsíců po prvním zabydlení"},
    {"metric.retention:12", "V bydlení 12 měsíců po prvním zabydlení"},
    {"metric.retention:24", "V bydlení 24 měsíců po prvním zabydlení"},
    {"metric.returned_share", "Podíl zabydlených, kteří o bydlení přišli"},
    {"metric.stabilization_share",
     "Podíl stabilizovaných (s ohledem na cenzuru, všechny domácnosti)"},
    {"metric.stabilized_households", "Stabilizované domácnosti (všechny domácnosti)"},
    {"metric.exits:to_own_housing", "Odchody do vlastního bydlení"},
    {"metric.exits:to_institution", "Odchody do instituce"},
    {"metric.exits:unknown", "Odchody, cíl neznámý"},
    {"metric.cost_per_household", "Náklady na domácnost"},
    {"metric.stabilized", "Stabilizované domácnosti"},
    {"metric.median_months_to_lease", "Medián měsíců do nájmu"},
    {"metric.evictions", "Vystěhování"},
    {"metric.returns_to_street", "Návraty na ulici"},
    {"metric.expiries", "Pobyty ukončené časovým limitem"},
    {"metric.exits", "Odchody ze systému"},
    {"metric.demotions", "Sestupy"},
    {"metric.arrivals", "Příchody"},
    {"metric.entry_fallbacks", "Příchody umístěné do náhradního stupně"},
    {"metric.roofless_household_months", "Měsíce domácností bez střechy"},
    {"metric.mean_waiting_months", "Průměrné měsíce v pořadníku"},
    {"metric.cost_total", "Veřejné náklady celkem"},
    {"metric.cost_per_stabilized", "Náklady na stabilizovanou domácnost"},
    {"metric.promotions", "Postupy do stupně {1}"},
    {"metric.occupancy_end", "Domácnosti na konci: {1}"},
    {"metric.occupancy_mean", "Průměr domácností: {1}"},
    // Nejistota parametrů (PSA, docs/uncertainty.md).
    {"summary.key_psa",
     "Každá varianta proti výchozímu stavu jako párový rozdíl s 95% intervalem nejistoty "
     "(včetně nejistoty vstupů, {1} sad parametrů):"},
    {"psa.heading", "Jak jisté: nejisté vstupy"},
    {"psa.how_sure", "Jak jisté:"},
    {"psa.drawn", "Vstupy mají rozdělení; vylosováno bylo {1} sad parametrů."},
    {"psa.more_stabilised",
     "{1} stabilizuje více domácností než výchozí stav v {2} sad parametrů."},
    {"psa.evpi",
     "Přesná znalost nejistých vstupů by měla hodnotu nejvýše {1} za celé období (očekávaná "
     "hodnota dokonalé informace, největší při {2} za stabilizovanou domácnost; evpi.csv ji "
     "uvádí pro každou ochotu platit)."},
    {"run.means_psa",
     "Tento výpočet vylosoval {1} sad parametrů z rozdělení scénáře a každou simuloval {2}krát. "
     "Každé číslo je průměr přes sady parametrů; rozsahy jsou 95% intervaly nejistoty "
     "(prostředních 95 % průměrů sad), které zahrnují nejistotu vstupů i šum Monte Carlo. "
     "Rozdíly jsou párové: sada parametrů k a replikace r jsou stejné ve výchozím stavu i "
     "v každé variantě."},
    {"metric.service_case_months", "Měsíce případů: {1}"},
    {"metric.service_waiting_mean", "Průměrné čekání na: {1}"},
    {"metric.cost", "Náklady: {1}"},
};

}  // namespace

const std::vector<Entry>& czech_catalogue() {
  return kCzech;
}

}  // namespace prostup::text

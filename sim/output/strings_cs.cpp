// SPDX-License-Identifier: Apache-2.0
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
    {"words.months_housed_share_in_need", "podíl měsíců v bydlení (potřební)"},
    {"words.months_housed_share", "podíl měsíců v bydlení"},
    {"words.lost_from_view_share", "ztratili se z dohledu"},
    {"words.retention:12", "stále v bydlení 12 měsíců po zabydlení"},
    // Výklad párového rozdílu.
    {"verdict.better", "lépe"},
    {"verdict.worse", "hůře"},
    {"verdict.higher", "více"},
    {"verdict.lower", "méně"},
    {"verdict.no_difference", "bez jasného rozdílu"},
    {"verdict.undefined", "neurčeno"},
    // Hodnota za peníze.
    {"vfm.per_stabilised",
     "{1} Kč na každou další stabilizovanou domácnost (všechny domácnosti, i bydlící od začátku)"},
    {"note.no difference", "bez rozdílu"},
    {"note.dominant", "dominantní"},
    {"note.dominated", "dominovaná"},
    {"note.more effect, more cost", "vyšší účinek, vyšší náklady"},
    {"note.less effect, less cost", "nižší účinek, nižší náklady"},
    {"note.more effect, cost uncertain", "vyšší účinek, náklady nejisté"},
    {"note.less effect, cost uncertain", "nižší účinek, náklady nejisté"},
    {"note.no difference in effect", "bez rozdílu v účinku"},
    {"note.no clear difference in effect", "bez jasného rozdílu v účinku"},
    {"vfm.effect_uncertain", "účinek nejistý: viz křivku akceptovatelnosti"},
    {"vfm.replication_spread", "(rozptyl jednotlivých replikací)"},
    {"vfm.saves_per_fewer", "ušetří {1} Kč na každou stabilizovanou domácnost méně"},
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
    {"term.rule",
     "u varianty 3 nejjasnější změny (největší rozdíl / směrodatná chyba; všechny ukazatele a "
     "plátci: --verbose, zpráva)"},
    {"term.vfm", "{1} na každou další stabilizovanou domácnost"},
    {"term.more_towns",
     "Další města ve zprávě a v --verbose: {1} (zde součet a města s nejvíce domácnostmi)"},
    {"term.left_out", "Vynechány tam, kde nic nemění: {1}"},
    {"term.town", "{1} (výchozí stav: {2})"},
    {"baseline.moves", "domácnosti bez střechy {1} → {2} za {3} měsíců ({4})"},
    {"baseline.growing", "přibývá jich"},
    {"baseline.shrinking", "ubývá jich"},
    {"baseline.steady", "beze změny"},
    {"term.binding_head",
     "Omezující kapacity (výchozí stav, očekávaná poptávka bez omezení), seřazené podle toho, "
     "co přinese jedno místo navíc (stabilizované domácnosti za jeho náklady, párové běhy), pak "
     "podle převisu:"},
    {"binding.value_unit",
     "jedno místo navíc: {1} stabilizovaných domácností [{2}, {3}] (párové běhy, {4} replikací, "
     "95% interval)"},
    {"binding.value_worker",
     "jeden pracovník navíc: {1} stabilizovaných domácností [{2}, {3}] (párové běhy, {4} "
     "replikací, 95% interval)"},
    {"binding.value_cost", "za {1} za {2} měsíců ({3} na 1 mil. Kč)"},
    {"term.binding", "{1}. {2}: poptávka {3} na {4} míst ({5}) od {6}. měsíce"},
    {"term.by_profile", "podle typu domácnosti {1}"},
    {"term.cohort",
     "{1} ({2} domácností): ve variantě se stabilizovalo {3}, ve výchozím stavu {4} týchž "
     "domácností, {5}"},
    {"term.cohort_retention", "udržení po 12 měsících {1} % (publikováno {2}{3})"},
    {"term.fitted", ", kalibrováno: určilo parametr"},
    {"term.all_households", "všechny domácnosti"},
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
    {"summary.all_households", "Všechny domácnosti:"},
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
     "kapacitu nebo počet případů; seřazeno podle stabilizovaných domácností na korunu za jedno "
     "místo navíc (párové běhy u největších převisů), pak podle převisu:"},
    {"town.binding_line", "{1}: poptávka {2}, kapacita {3} od {4}. měsíce"},
    {"town.reaching_lease", "Doba od vstupu k nájmu (kumulativní incidence)"},
    {"town.all_outcomes", "Všechny ukazatele, každá varianta (tabulka)"},
    {"town.comparison", "Varianty proti výchozímu stavu, každý ukazatel (tabulka)"},
    {"term.fz", "ulice se vyprázdní do měsíce {1} [{2}, {3}] (p = {4})"},
    {"term.fz_empty", "ulice prázdná od začátku (v měsíci 0 žádná domácnost bez střechy)"},
    {"term.fz_none", "ulice v rámci období nedosáhne funkční nuly"},
    {"term.fz_rare",
     "ulice v rámci období většinou nedosáhne funkční nuly (p = {4}, do měsíce {1} [{2}, {3}] "
     "tam, kde ano)"},
    {"budget.head", "Rozpočet po letech a plátcích"},
    {"budget.note",
     "Náklady v jednotlivých letech období (1. rok = měsíce 1-12) podle plátce, v cenách "
     "scénáře; rozdíl varianty proti výchozímu stavu v daném roce a součet do něj, párově po "
     "replikacích (budget.csv)."},
    {"budget.note_discounted",
     "Náklady v jednotlivých letech období (1. rok = měsíce 1-12) podle plátce, v cenách "
     "scénáře, diskontované jeho sazbou; rozdíl varianty proti výchozímu stavu v daném roce a "
     "součet do něj, párově po replikacích (budget.csv)."},
    {"budget.break_even", "{1}: celkově levnější než výchozí stav, počínaje: {2}."},
    {"budget.no_break_even", "{1}: v rámci období celkově nezlevní proti výchozímu stavu."},
    {"budget.table", "Rozpočet po letech a plátcích (tabulka)"},
    {"budget.year", "Rok"},
    {"budget.year_n", "{1}. rok"},
    {"budget.months", "({1} měs.)"},
    {"budget.payer", "Plátce"},
    {"budget.all_payers", "všichni plátci"},
    {"budget.cost", "Náklady"},
    {"budget.diff", "Rozdíl proti výchozímu stavu"},
    {"budget.cum_diff", "Kumulativní rozdíl"},
    {"flowyear.head", "Domácnosti a přesuny po letech"},
    {"flowyear.note",
     "Domácnosti v jednotlivých stupních na začátku a na konci každého roku období a přesuny "
     "mezi tím, průměr na replikaci (flows_yearly.csv, kde jsou přesuny i podle druhu a "
     "odchody podle kam; flows_monthly.csv totéž po měsících): na konci = na začátku + "
     "příchody + přesuny dovnitř - přesuny ven - odchody."},
    {"flowyear.table", "Domácnosti a přesuny po letech (tabulka)"},
    {"flowyear.stage", "Stupeň"},
    {"flowyear.start", "Na začátku"},
    {"flowyear.arrivals", "Příchody"},
    {"flowyear.in", "Přesuny dovnitř"},
    {"flowyear.out", "Přesuny ven"},
    {"flowyear.exits", "Odchody"},
    {"flowyear.end", "Na konci"},
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
     "měsíce od vstupu (nebo 1. měsíce) do konce období domácností, které na začátku nebydlely"},
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
    {"vfm.icer_stabilized",
     "Kč na každou další stabilizovanou domácnost (všechny domácnosti, i bydlící od začátku)"},
    {"vfm.icer_months", "Kč na každý další měsíc domácnosti v bydlení"},
    {"vfm.note",
     "Dodatečné náklady: párový rozdíl celkových nákladů. Náklady na další stabilizovanou "
     "domácnost nebo měsíc v bydlení: průměrné dodatečné náklady / průměrný dodatečný účinek "
     "(stabilizované domácnosti: souvislé období stabilizace podle scénáře v trvalém stupni, "
     "včetně domácností bydlících od začátku); interval je 2,5. až 97,5. percentil údajů "
     "jednotlivých sad parametrů (při pevných parametrech: jednotlivých replikací), ne jejich "
     "průměru. Poměr se uvádí jen tam, kde interval dodatečného účinku nezahrnuje 0 (jinak: bez "
     "jasného rozdílu v účinku); i stranu nákladů určuje interval dodatečných nákladů: "
     "dominantní = účinnější a ne dražší, dominovaná = méně účinná a ne levnější, náklady "
     "nejisté = interval dodatečných nákladů zahrnuje 0 (úspora je stejně možná jako náklad); "
     "nižší účinek za nižší náklady se čte jako úspora na každou domácnost méně."},
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
    {"run.baseline_description", "Scénář, jak je zapsán"},
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
    {"metric.months_housed_share_in_need",
     "Podíl měsíců v bydlení (domácnosti, které na začátku nebydlely; odchod do vlastního bydlení "
     "se "
     "počítá jako bydlení, jiný odchod ne)"},
    {"metric.months_housed_share",
     "Podíl měsíců v bydlení (odchod do vlastního bydlení se počítá jako bydlení, jiný odchod ne)"},
    {"metric.months_housed", "Měsíce domácností v bydlení"},
    {"metric.retention:6", "V bydlení 6 měsíců po prvním zabydlení"},
    {"metric.retention:12", "V bydlení 12 měsíců po prvním zabydlení"},
    {"metric.retention:24", "V bydlení 24 měsíců po prvním zabydlení"},
    {"metric.returns_within:6", "Návrat do noclehárny, ubytovny či na ulici do 6 měsíců"},
    {"metric.returns_within:12", "Návrat do noclehárny, ubytovny či na ulici do 12 měsíců"},
    {"metric.returns_within:24", "Návrat do noclehárny, ubytovny či na ulici do 24 měsíců"},
    {"metric.returned_share", "Podíl zabydlených, kteří o bydlení přišli"},
    {"metric.months_roofless_mean",
     "Doba bez střechy, průměr měsíců (domácnosti, které v období byly bez střechy)"},
    {"metric.months_roofless_median",
     "Doba bez střechy, medián měsíců (domácnosti, které v období byly bez střechy)"},
    {"metric.stabilized_eligible_share",
     "Podíl stabilizovaných z domácností, které vstoupily dost brzy (s ohledem na cenzuru; "
     "včetně bydlících od měsíce 0)"},
    {"metric.cohort_stabilized",
     "Stabilizované domácnosti, počet v kohortě (včetně bydlících od měsíce 0)"},
    {"metric.exits:to_own_housing", "Odchody do vlastního bydlení"},
    {"metric.exits:to_institution", "Odchody do instituce"},
    {"metric.exits:unknown", "Odchody, cíl neznámý"},
    {"metric.lost_from_view_share", "Podíl ztracených z dohledu (odchod neznámo kam)"},
    {"metric.cost_per_household", "Náklady na domácnost"},
    {"metric.stabilized", "Stabilizované domácnosti v nouzi (na začátku nebydlely)"},
    {"metric.median_months_to_lease", "Medián měsíců do nájmu"},
    {"metric.evictions", "Vystěhování"},
    {"metric.returns_to_street", "Návraty na ulici"},
    {"metric.expiries", "Pobyty ukončené časovým limitem"},
    {"metric.exits", "Odchody ze systému"},
    {"metric.demotions", "Sestupy"},
    {"metric.arrivals", "Příchody"},
    {"metric.entry_fallbacks", "Příchody umístěné do náhradního stupně"},
    {"metric.roofless_household_months", "Měsíce domácností bez střechy"},
    {"metric.roofless_end", "Domácnosti bez střechy na konci období"},
    {"metric.functional_zero_month", "Měsíc dosažení funkční nuly"},
    {"metric.functional_zero_reached", "Dosažena funkční nula"},
    {"metric.households", "Domácnosti"},
    {"metric.mean_waiting_months", "Průměrné měsíce v pořadníku"},
    {"metric.cost_total", "Veřejné náklady celkem"},
    {"metric.cost_ladder", "Náklady prostupného bydlení"},
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
    // Grafy (svg_charts.cpp, svg_uncertainty.cpp): nadpisy, osy, legendy, popisky a texty
    // „Jak graf číst“.
    {"unit.households", "domácnosti"},
    {"unit.household-months", "měsíce domácností"},
    {"unit.case-months", "měsíce případů"},
    {"axis.pp", "procentní body"},
    {"axis.million", "mil. {1}"},
    {"axis.thousand", "tis. {1}"},
    {"chart.reps.one", "{1} replikace"},
    {"chart.reps.few", "{1} replikací"},
    {"chart.reps.many", "{1} replikací"},
    // Při nejistotě vstupů (PSA) grafy počítají sady parametrů, ne replikace.
    {"chart.sets.one", "{1} sady parametrů"},
    {"chart.sets.few", "{1} sad parametrů"},
    {"chart.sets.many", "{1} sad parametrů"},
    {"chart.month", "Měsíc"},
    {"chart.mean", "Průměr"},
    {"chart.shaded_ci", "Stínování: 95% interval"},
    {"chart.shaded_ci_mean", "Stín: 95% interval průměru"},
    {"chart.whiskers", "Úsečky: 95% interval"},
    {"chart.same_as_baseline", "Zde stejné jako výchozí stav:"},
    {"chart.same_as_baseline_one", "Zde stejné jako výchozí stav: {1}"},
    {"chart.no_data_town", "Pro toto město nejsou data."},
    {"chart.occupancy.title", "Domácnosti podle stupně — {1}, {2}"},
    {"chart.occupancy.y", "Domácnosti (průměr z {1})"},
    {"chart.occupancy.all_baseline", "Všichni, výchozí stav"},
    {"chart.occupancy.capacity", "Kapacita (přerušované schody)"},
    {"chart.occupancy.how",
     "Každý barevný pás je průměrný počet domácností, které na konci měsíce bydlí v jednom "
     "stupni, naskládaný odspodu žebříku nahoru; horní okraj jsou všichni v systému. "
     "Přerušovaná čára v barvě stupně ukazuje, kde by byl horní okraj pásu, kdyby byl stupeň "
     "plný: kde pás dosáhne své přerušované čáry, je stupeň plně obsazený a další domácnosti "
     "čekají nebo jdou jinam. Černá čára jsou pro srovnání všichni v systému ve výchozím stavu "
     "(v grafu varianty přerušovaná)."},
    {"chart.waiting.title", "Pořadníky — {1}, {2}"},
    {"chart.waiting.y", "Čekající domácnosti (průměr z {1})"},
    {"chart.waiting.none", "Žádná domácnost nečekala na místo v žádném stupni."},
    {"chart.waiting.for", "Čekají na: {1}"},
    {"chart.waiting.all_baseline", "Pořadníky celkem, výchozí stav"},
    {"chart.waiting.how",
     "Každá čára je průměrný počet domácností v pořadníku na daný stupeň na konci měsíce; "
     "stínovaný pás je 95% interval spolehlivosti tohoto průměru. Pořadník, který stále roste, "
     "znamená, že poptávka po stupni převyšuje místa, která se uvolňují. Přerušovaná černá čára "
     "jsou pro srovnání všechny pořadníky dohromady ve výchozím stavu. Pořadník nemůže být "
     "záporný: pás končí na 0 (timeseries.csv má interval tak, jak byl spočten)."},
    {"chart.lease.title", "Nájem podle měsíců od vstupu (kumulativní incidence) — {1}"},
    {"chart.lease.x", "Měsíce od vstupu do prostupného bydlení"},
    {"chart.lease.y", "Podíl s nájmem do daného měsíce od vstupu (%)"},
    {"chart.lease.how",
     "Podíl domácností, které vstoupily do systému a do daného počtu měsíců od vstupu získaly "
     "standardní nájem (kumulativní incidence; domácnosti, které jsou na konci období stále "
     "v systému, jsou cenzorovány, ty, které odešly, se počítají jako bez nájmu). Lepší je "
     "křivka výš a víc vlevo. Stínované pásy jsou 95% intervaly spolehlivosti, oříznuté na 0 "
     "a 100 % (time_to_lease.csv je má tak, jak byly spočteny). Výchozí stav je "
     "nakreslen poslední, černě, takže varianta pod ním skrytá je stejná jako výchozí stav; "
     "varianty, které v tomto městě nic nemění, jsou uvedeny v legendě. Není to \"získali nájem\" "
     "z odpovědi (domácnosti v nouzi s nájmem kdykoli během období, včetně "
     "pozdě příchozích s jejich několika měsíci), proto je poslední bod křivky výš."},
    {"chart.forest.title", "Varianty proti výchozímu stavu — {1}"},
    {"chart.forest.subtitle",
     "Párový rozdíl varianta − výchozí stav: průměr a 95% interval spolehlivosti z {1}"},
    {"chart.forest.better", "Lépe než výchozí stav (celý 95% interval na lepší straně)"},
    {"chart.forest.worse", "Hůře než výchozí stav"},
    {"chart.forest.unclear", "Bez jasného rozdílu nebo bez lepšího směru"},
    {"chart.forest.zero", "Výchozí stav: nulový rozdíl"},
    {"chart.forest.zero_left_out",
     "Výchozí stav: nulový rozdíl (vynecháno, zde stejné jako výchozí stav: {1})"},
    {"chart.forest.higher_better", "{1} — vyšší je lepší"},
    {"chart.forest.lower_better", "{1} — nižší je lepší"},
    {"chart.forest.x", "Rozdíl ({1})"},
    {"chart.forest.undefined", "nelze určit v žádné dvojici replikací"},
    {"chart.forest.better_in", "lépe v {1} % běhů"},
    {"chart.forest.undefined_sets", "nelze určit v žádné sadě parametrů"},
    {"chart.forest.better_in_sets", "lépe v {1} % sad parametrů"},
    {"chart.forest.how",
     "Jeden panel pro každý hlavní ukazatel. Bod je průměrný rozdíl mezi variantou a výchozím "
     "stavem, počítaný replikaci po replikaci se stejnými náhodnými čísly, úsečka jeho 95% "
     "interval spolehlivosti. Úsečka, která protíná přerušovanou nulovou čáru, znamená, že "
     "výpočet variantu od výchozího stavu v tomto ukazateli nerozliší. Barva dává verdikt ve "
     "všech panelech stejně: zelená lépe, oranžovočervená hůře, šedá bez jasného rozdílu. Každý "
     "panel uvádí, který směr je lepší; vpravo je podíl replikací, v nichž varianta dopadla "
     "lépe (shody se počítají napůl)."},
    {"chart.forest.how_sets",
     "Jeden panel pro každý hlavní ukazatel. Bod je průměrný rozdíl mezi variantou a výchozím "
     "stavem přes vylosované sady parametrů (každá sada se stejnými náhodnými čísly v obou), "
     "úsečka jeho 95% interval nejistoty (prostředních 95 % rozdílů sad). Úsečka, která protíná "
     "přerušovanou nulovou čáru, znamená, že variantu od výchozího stavu v tomto ukazateli při "
     "nejistotě vstupů nerozlišíme. Barva dává verdikt ve všech panelech stejně: zelená lépe, "
     "oranžovočervená hůře, šedá bez jasného rozdílu. Každý panel uvádí, který směr je lepší; "
     "vpravo je podíl sad parametrů, v nichž varianta dopadla lépe (shody se počítají napůl)."},
    {"chart.profile.title", "Kdo získá nájem — {1}"},
    {"chart.profile.subtitle",
     "Podíl domácností v bytové nouzi, které získaly nájem, podle typu domácnosti: průměr a 95% "
     "interval spolehlivosti z {1}"},
    {"chart.profile.x", "Získali nájem (%)"},
    {"chart.profile.id", "id profilu: {1}"},
    {"chart.profile.how",
     "Jedna skupina řádků pro každý typ domácnosti (profil): pro každou variantu podíl "
     "domácností tohoto typu v bytové nouzi, které během období získaly standardní nájem, "
     "s 95% intervalem spolehlivosti. Typy daleko vlevo jsou ty, které systém nechává za sebou; "
     "varianta, která rozdíl zmenšuje, posune skupinu nejvíc vlevo doprava víc než ostatní. "
     "Rozdíly mezi typy i s intervaly jsou v souboru equity.csv."},
    {"chart.flowyear.title", "Přesuny po letech — {1}, {2}"},
    {"chart.flowyear.subtitle", "Domácnosti za rok (průměr z {1})"},
    {"chart.flowyear.widths",
     "Šířka čáry úměrná počtu přesunutých domácností, jedno měřítko pro varianty obce"},
    {"chart.flowyear.years", "{1}.–{2}. rok"},
    {"chart.flowyear.node", "{1}, {2}: na začátku {3}, na konci {4}"},
    {"chart.flowyear.arrive_tip", "{1}: do stupně {2} přichází {3} domácností"},
    {"chart.flowyear.leave_tip", "{1}: ze stupně {2} odchází ze systému {3} domácností"},
    {"chart.flowyear.move_tip", "{1}: {2}, {3} → {4}: {5} domácností"},
    {"chart.flowyear.how",
     "Jeden řádek za každý rok období (u období delšího než 10 let za několik let). Stupně jsou "
     "sloupce, od spodku žebříku vlevo po vrchol vpravo; každý rámeček ukazuje domácnosti na "
     "stupni na začátku roku → na jeho konci. Oblouky nad rámečky jsou postupy nahoru, oblouky "
     "pod nimi sestupy (dluh na nájemném nebo vypršelý pobyt), modré šipky shora příchody a "
     "šedé šipky dolů odchody ze systému; jejich šířka je úměrná počtu přesunutých domácností "
     "(flows_yearly.csv; čísla ukáže najetí myší, všechna jsou v tabulce výše)."},
    {"chart.flow.title", "Přesuny mezi stupni — {1}, {2}"},
    {"chart.flow.subtitle",
     "Průměrný počet domácností na replikaci za {1} měsíců; šířka šipky je úměrná počtu "
     "přesunů"},
    {"chart.flow.baseline", "Výchozí stav: {1} postupů nahoru, {2} sestupů, {3} odchodů"},
    {"chart.flow.baseline_cmp",
     "Výchozí stav pro srovnání: {1} postupů nahoru, {2} sestupů, {3} odchodů"},
    {"chart.flow.axis", "Žebřík: směrem k samostatnému bydlení"},
    {"chart.flow.arrive", "příchody {1}"},
    {"chart.flow.leave", "odchody {1}"},
    {"chart.flow.up", "Postup nahoru"},
    {"chart.flow.down", "Sestup (dluh na nájemném)"},
    {"chart.flow.expiry", "Vypršela doba pobytu"},
    {"chart.flow.arrival", "Příchod"},
    {"chart.flow.exit", "Odchod ze systému"},
    {"chart.flow.how",
     "Stupně jsou obdélníky, odspodu žebříku nahoru. Zelené šipky vpravo jsou postupy nahoru, "
     "červené a fialové šipky vlevo sestupy (kvůli dluhu na nájemném nebo po vypršení časově "
     "omezeného pobytu), modré šipky příchody a šedé šipky odchody domácností ze systému. Číslo "
     "u šipky je průměrný počet přesunů na replikaci za celé období; šířka šipky je mu úměrná."},
    {"chart.cost.title", "Náklady a stabilizované domácnosti — {1}"},
    {"chart.cost.not_zero", "Osy nezačínají nulou: pokrývají rozsah variant."},
    {"chart.cost.how",
     "Každý bod je jedna varianta politiky: víc vpravo znamená víc domácností stabilizovaných "
     "v nájmu, níž znamená méně veřejných peněz za celé období. Úsečky jsou 95% intervaly "
     "spolehlivosti obou průměrů. Varianta vpravo dole od výchozího stavu dosáhne víc za méně; "
     "varianta vpravo nahoře kupuje víc stabilizovaných domácností za vyšší náklady a za jakou "
     "cenu, to říkají v tabulce náklady na stabilizovanou domácnost. Výchozí stav je malý bod "
     "nakreslený navrch; kroužek kolem něj je varianta na stejném místě."},
    // Měněné nastavení slovy (report::parameter_words).
    {"param.places", "{1}: počet míst ({2})"},
    {"param.staff", "{1}: počet úvazků ({2})"},
    {"param.in_town", "{1} ({2})"},
    {"field.arrivals", "příchody"},
    {"field.rate", "intenzita"},
    {"field.caseload_per_worker", "počet případů na pracovníka"},
    {"field.cost_per_month", "náklady za měsíc"},
    {"field.other_services_cost_per_month", "náklady jiných služeb za měsíc"},
    {"field.cost_per_case_month", "náklady na případ a měsíc"},
    {"field.stage_costs", "náklady stupňů"},
    {"field.service_costs", "náklady služeb"},
    {"field.max_stay_months", "nejdelší pobyt v měsících"},
    {"field.arrears_limit", "dluh v měsících vedoucí k vystěhování"},
    {"field.engagement_months", "délka podpory v měsících"},
    {"field.min_months_in_stage", "nejméně měsíců ve stupni"},
    {"field.min_streak", "nejméně dobrých měsíců v řadě"},
    {"field.max_arrears", "nejvýše měsíců dluhu"},
    {"field.multipliers", "násobitele"},
    {"field.effects", "účinky"},
    {"field.job_gain", "nalezení práce"},
    {"field.job_loss", "ztráta práce"},
    {"field.pay_rent", "placení nájemného"},
    {"field.pay_rent_employed", "placení nájemného zaměstnanými"},
    {"field.pay_rent_unemployed", "placení nájemného nezaměstnanými"},
    {"field.comply", "dodržování pravidel"},
    {"field.exit", "odchod"},
    {"field.employed_at_entry", "zaměstnaní při vstupu"},
    {"field.arrears_repayment", "splácení dluhu"},
    {"field.share", "podíl"},
    {"chart.scenario_at", "scénář: {1}"},
    {"chart.scenario_value", "Hodnota ve scénáři: {1}"},
    {"chart.as_in_scenario", "{1} (jako ve scénáři)"},
    {"chart.sweep.title", "{1} v závislosti na: {2} — {3}"},
    {"chart.sweep.heading", "{1} — {2}"},
    {"chart.sweep.how",
     "Každý bod je jedna simulovaná hodnota měněného nastavení (všechny se stejnými náhodnými "
     "čísly), čára spojuje jejich průměry a stínovaný pás je interval ze sweep.csv: při "
     "nejistotě vstupů 2,5.-97,5. percentil průměrů sad parametrů, při pevných parametrech 95% "
     "interval spolehlivosti průměru. Kde se "
     "čára zplošťuje, další navýšení už mnoho nepřinese. Tečkovaná svislá čára je hodnota ze "
     "scénáře. Měněno: {1}."},
    {"chart.plan.target_metric", "Cílový ukazatel"},
    {"chart.plan.varied_setting", "měněné nastavení"},
    {"chart.plan.title", "Plán: {1} v závislosti na: {2}"},
    {"chart.plan.heading", "Plán: {1}"},
    {"chart.plan.bound", "Čárka: mez porovnávaná s cílem"},
    {"chart.plan.target_at", "cíl {1} {2}"},
    {"chart.plan.target", "Cíl"},
    {"chart.plan.answer_at", "odpověď: {1}"},
    {"chart.plan.answer", "Odpověď"},
    {"chart.plan.none", "Cíl nesplňuje žádná hodnota z rozsahu."},
    {"chart.plan.how",
     "Každý bod je jedna vyzkoušená hodnota měněného nastavení (plný: splňuje cíl; prázdný: "
     "nesplňuje). Čárka u každého bodu je mez, která se porovnávala s cílem (přerušovaná čára): "
     "při nejistotě vstupů hodnota, které dosáhne požadovaný podíl sad parametrů, při pevných "
     "parametrech jednostranná mez spolehlivosti průměru. Zelená čára označuje odpověď, tedy "
     "nejmenší "
     "hodnotu, která cíl splňuje; tečkovaná čára hodnotu ze scénáře."},
    {"chart.plan.varied", "Měněno: {1}."},
    // Grafy nejistoty parametrů (svg_uncertainty.cpp).
    {"tornado.multiplier", "násobitel"},
    {"tornado.effect", "účinek služby"},
    {"chart.group", "{1} (skupina)"},
    {"chart.ce.title", "Rovina nákladové efektivity — {1}"},
    {"chart.ce.x", "Další stabilizované domácnosti, počet v kohortě (varianta − výchozí stav)"},
    {"chart.ce.y", "Dodatečné náklady ({1})"},
    {"chart.ce.mean", "Velká značka: průměr"},
    {"chart.ce.origin", "Výchozí stav (počátek)"},
    {"chart.ce.how",
     "Každý bod je jedna vylosovaná sada parametrů: o kolik víc domácností varianta stabilizuje "
     "než výchozí stav (vpravo = víc) a kolik stojí navíc (nahoru = víc). Vpravo dole (vyšší "
     "účinek, nižší náklady) je varianta, která dominuje; rozptyl mraku je nejistota parametrů "
     "a šum Monte Carlo z {1} replikací na sadu."},
    {"chart.ceac.title", "Křivka přijatelnosti — {1}"},
    {"chart.ceac.x", "Ochota platit za stabilizovanou domácnost ({1})"},
    {"chart.ceac.y", "Pravděpodobnost, že je nákladově nejefektivnější (%)"},
    {"chart.ceac.how",
     "Pro každou částku, kterou je město ochotno zaplatit za každou další stabilizovanou "
     "domácnost, podíl vylosovaných sad parametrů, v nichž daná možnost přináší největší čistý "
     "přínos (ochota platit × stabilizované domácnosti − náklady). Kde se čára blíží 100 %, je "
     "tato možnost lepší volbou, ať nejisté parametry dopadnou jakkoli. Shody: varianta, která "
     "v tomto městě nic nemění, je ve všech sadách stejná jako výchozí stav a počítá se s ním "
     "jako jedna možnost (jmenovaná v legendě); křivky, které splývají, jsou nakresleny přes "
     "sebe střídavými čárkami svých barev a značky každé možnosti leží v jejích vlastních "
     "bodech, takže žádná možnost nezakrývá jinou."},
    {"chart.ceac.same", "Počítáno jako výchozí stav:"},
    {"chart.tornado.title", "Co rozdíl ovlivňuje — {1}, {2}"},
    {"chart.tornado.x", "Rozdíl v podílu, který získal nájem (procentní body)"},
    {"chart.tornado.p05", "Parametr na své 5% hodnotě"},
    {"chart.tornado.p95", "Parametr na své 95% hodnotě"},
    {"chart.tornado.means", "Všechny na svých průměrech"},
    {"chart.tornado.how",
     "Jak se rozdíl varianty proti výchozímu stavu v podílu, který získal nájem, změní, když "
     "jeden nejistý parametr přejde ze své 5% na svou 95% hodnotu a ostatní zůstanou na svých "
     "průměrech (lineární regrese přes vylosované sady parametrů). Nejdelší pruhy jsou "
     "parametry, které se nejvíc vyplatí změřit v místě."},
    // Odpověď příkazu `prostup sweep` v terminálu.
    {"sweep.points.one", "{1} bod"},
    {"sweep.points.few", "{1} body"},
    {"sweep.points.many", "{1} bodů"},
    {"sweep.header",
     "Citlivost na parametr: {1}, každý s {2} replikacemi, semínko {3} (společná náhodná čísla)"},
    {"sweep.header_variant",
     "Citlivost na parametr: {1}, každý s {2} replikacemi, semínko {3} (společná náhodná čísla), "
     "varianta {4}"},
    {"sweep.lease_head",
     "Podíl, který získal nájem, všechna města (95% interval spolehlivosti průměru, jen Monte "
     "Carlo):"},
    {"sweep.lease_head_sets",
     "Podíl, který získal nájem, všechna města (2,5.-97,5. percentil přes {1} sad parametrů, "
     "stejných v každém bodě):"},
    {"sweep.table_head",
     "Hlavní ukazatele, {1}, průměr v každém bodě (intervaly jsou v sweep.csv "
     "a report.html); bod = {2}:"},
    {"sweep.all_towns", "všechna města dohromady"},
    {"sweep.town", "město {1}"},
    {"sweep.point", "bod"},
    {"sweep.grid", "{1}: {2} po řádcích, {3} po sloupcích"},
    {"sweep.written", "Zapsáno do {1}/ ({2})"},
    // Odpověď příkazu `prostup plan` v terminálu.
    {"plan.t.all_towns", "všechna města"},
    {"plan.t.target",
     "Cíl: {1} v území {2} ({3}), splněný s jednostrannou spolehlivostí průměru {4}: jen "
     "Monte Carlo, {5}"},
    {"plan.t.fixed_by_option", "parametry na svých středních hodnotách (--fixed-parameters)"},
    {"plan.t.fixed_no_distributions", "parametry scénáře nemají rozdělení"},
    {"plan.t.target_sets",
     "Cíl: {1} v území {2} ({3}), splněný aspoň v {4} z {5} sad parametrů (nejistota vstupů; "
     "stejné sady při každé hodnotě)"},
    {"plan.t.sets_point",
     "{1} (2,5.-97,5. percentil přes sady parametrů), splněno v {2} z {3} sad ({4})"},
    {"plan.t.varied",
     "Měněno: {1} v rozsahu {2}; simulováno {3} z {4} hodnot, každá s {5} replikacemi, "
     "semínko {6}"},
    {"plan.t.answer", "Odpověď: {1}"},
    {"plan.t.at", "při {1}: {2}"},
    {"plan.t.lower_bound", "{1}, jednostranná dolní mez {2}"},
    {"plan.t.upper_bound", "{1}, jednostranná horní mez {2}"},
    {"plan.t.meets", "splňuje cíl"},
    {"plan.t.misses", "cíl nesplňuje"},
    {"plan.t.lowest", "({1} je nejnižší hodnota rozsahu)"},
    {"plan.t.none", "Cíl nesplňuje žádná hodnota v rozsahu {1}."},
    {"plan.t.nothing_binds",
     "Při {1} nic neomezuje (očekávaná poptávka se vejde do všech kapacit): cíl nezávisí na "
     "počtu míst, rozhodují pravidla (kritéria, časové limity, podpora)."},
    {"plan.t.assured_sets_low",
     "Při {1} dosáhne {3} sad parametrů alespoň {2}: víc tento rozsah nezaručí."},
    {"plan.t.assured_sets_high",
     "Při {1} zůstane {3} sad parametrů nejvýš na {2}: víc tento rozsah nezaručí."},
    {"plan.t.assured_bound_low",
     "Při {1} je {3} jednostranná dolní mez průměru {2}: víc tento rozsah nezaručí (jen Monte "
     "Carlo)."},
    {"plan.t.assured_bound_high",
     "Při {1} je {3} jednostranná horní mez průměru {2}: víc tento rozsah nezaručí (jen Monte "
     "Carlo)."},
    {"plan.t.binding_head",
     "Omezující kapacity při {1} (očekávaná poptávka bez omezení), seřazené podle toho, co s "
     "ukazatelem {2} udělá jedna jednotka navíc ({3}), pak podle převisu:"},
    {"plan.t.pairs_sets", "párové běhy přes tytéž sady parametrů; 95% interval průměrného rozdílu"},
    {"plan.t.pairs_replications",
     "párové běhy přes tytéž replikace; 95% interval spolehlivosti průměrného rozdílu"},
    {"plan.t.one_more_place", "jedno místo navíc: {1} ({2} párů)"},
    {"plan.t.one_more_worker", "jeden pracovník navíc: {1} ({2} párů)"},
    {"plan.t.unit_cost", "{1} za {2} měsíců"},
    {"plan.t.no_clear_gain", "bez jasného přínosu"},
    {"plan.t.also_measured", "změřeno, bez jasného přínosu: {1}"},
    {"plan.t.more_binding", "a dalších {1}, neměřeno (plan.json)"},
    {"plan.t.binding", "{1}: poptávka {2} na {3} míst od {4}. měsíce"},
    {"plan.t.footer",
     "Průměr a 95% interval spolehlivosti průměru přes replikace (jen Monte Carlo). Zapsáno do "
     "{1}/"},
    {"plan.t.footer_sets",
     "Průměr a interval 2,5.-97,5. percentilu přes sady parametrů (každá sada průměrem {2} "
     "replikací). Zapsáno do {1}/"},
    // `prostup describe` (sim/scenario/scenario_describe.cpp, přes sim/output/describe.cpp).
    {"describe.decimal_mark", ","},
    {"describe.language", "cs"},
    {"describe.months.one", "{1} měsíc"},
    {"describe.months.few", "{1} měsíce"},
    {"describe.months.many", "{1} měsíců"},
    {"describe.replications.one", "{1} replikace"},
    {"describe.replications.few", "{1} replikace"},
    {"describe.replications.many", "{1} replikací"},
    {"describe.persons.one", "{1} osoba"},
    {"describe.persons.few", "{1} osoby"},
    {"describe.persons.many", "{1} osob"},
    {"describe.children.one", "{1} dítě"},
    {"describe.children.few", "{1} děti"},
    {"describe.children.many", "{1} dětí"},
    {"describe.households.one", "{1} domácnost"},
    {"describe.households.few", "{1} domácnosti"},
    {"describe.households.many", "{1} domácností"},
    {"describe.extra_months.one", "{1} měsíc"},
    {"describe.extra_months.few", "{1} měsíce"},
    {"describe.extra_months.many", "{1} měsíců"},
    {"describe.carries.one", "{1} parametr má"},
    {"describe.carries.few", "{1} parametry mají"},
    {"describe.carries.many", "{1} parametrů má"},
    {"describe.parameters.one", "{1} parametr"},
    {"describe.parameters.few", "{1} parametry"},
    {"describe.parameters.many", "{1} parametrů"},
    {"describe.scenario", "scénář '{1}', verze formátu {2}"},
    {"describe.simulation", "Simulace"},
    {"describe.sim", "{1}, {2}, semínko {3}"},
    {"describe.stabilised",
     "domácnost se počítá jako stabilizovaná, když bydlí {1} měsíců v řadě v trvalém stupni"},
    {"describe.ladder", "Žebřík, od nejvyššího stupně"},
    {"ladder.title", "{1}: žebříček"},
    {"ladder.title_own_rules", "{1} (společná pravidla; {2}: vlastní pravidla)"},
    {"ladder.title_run", "Žebříček: přesuny ve výchozím stavu za rok (za {1} měsíců)"},
    {"ladder.places", "{1} míst"},
    {"ladder.places_towns", "{1} míst v {2} městech"},
    {"ladder.cost", "{1} Kč měsíčně"},
    {"ladder.min_months", "aspoň {1} měs."},
    {"ladder.streak", "{1} dobrých po sobě"},
    {"ladder.max_arrears", "dluh nejvýš {1} měs."},
    {"ladder.job", "zaměstnání"},
    {"ladder.arrears", "vystěhování při dluhu {1} měs."},
    {"ladder.expiry", "pobyt končí po {1} měs."},
    {"ladder.arrivals", "příchody {1} ročně"},
    {"ladder.exits", "odchody: {1} ročně"},
    {"ladder.legend.promotion", "postup výš"},
    {"ladder.legend.demotion", "vystěhování pro dluh"},
    {"ladder.legend.expiry", "konec povolené doby pobytu"},
    {"ladder.written", "Žebříček: {1}"},
    {"ladder.how_to_read",
     "Každý rámeček je stupeň žebříčku v pořadí scénáře; šipky nahoře jsou postupy výš, čárkované "
     "šipky dole vystěhování pro dluh a konce povolené doby pobytu. Čísla jsou průměrné přesuny "
     "výchozího stavu za rok přes celé období (flows.csv vydělené počtem let), všechna města "
     "dohromady; čím širší šipka, tím víc domácností. Přesuny vzácnější než 0,05 ročně nejsou "
     "nakresleny; „odchody“ počítají domácnosti, které z daného stupně opustí systém."},
    {"describe.kind.outside", "mimo bydlení"},
    {"describe.kind.temporary", "dočasné bydlení"},
    {"describe.kind.supported", "podporované bydlení"},
    {"describe.kind.permanent", "trvalé bydlení"},
    {"describe.always_room", "(vždy má místo)"},
    {"describe.rent", "platí se nájemné"},
    {"describe.no_rent", "bez nájemného"},
    {"describe.stage_cost", "veřejné náklady {1} Kč za obsazenou jednotku a měsíc"},
    {"describe.paid_by", "platí {1}"},
    {"describe.other_cost", "náklady jiných služeb {1} Kč na domácnost a měsíc"},
    {"words.cost_payer", "náklady: {1}"},
    {"payer.town", "obec"},
    {"payer.state", "stát"},
    {"payer.labour_office", "úřad práce (dávky)"},
    {"payer.esf", "ESF"},
    {"payer.other_services", "jiné veřejné služby"},
    {"describe.else", "jinak"},
    {"describe.max_stay", "pobyt omezen na {1}, pak do: {2}"},
    {"describe.evicted", "vystěhování při dluhu za {1}, do: {2}"},
    {"describe.while_here", "po dobu bydlení zde: {1}"},
    {"describe.points",
     "pořadník: nejvíce bodů má přednost ({1} za měsíc čekání, {2} za dítě, {3} za měsíc bez "
     "střechy, {4} za měsíc dluhu)"},
    {"describe.waiting", "pořadník: {1}"},
    {"describe.longest_streak", "přednost má nejdelší řada dobrých měsíců"},
    {"describe.families_first", "přednost mají rodiny s dětmi"},
    {"describe.m.job_gain", "nalezení práce"},
    {"describe.m.job_loss", "ztráta práce"},
    {"describe.m.pay_rent", "placení nájemného"},
    {"describe.m.comply", "dodržování pravidel"},
    {"describe.m.exit", "odchod"},
    {"describe.range90", "90% rozsah {1}–{2}"},
    {"describe.in_group", "skupina {1}"},
    {"describe.after", "nejméně {1} ve stupni"},
    {"describe.streak", "řada dobrých měsíců aspoň {1}"},
    {"describe.with_streak", "a řada dobrých měsíců aspoň {1}"},
    {"describe.no_arrears", "bez dluhu"},
    {"describe.max_arrears", "dluh nejvýše za {1}"},
    {"describe.employed", "nutné zaměstnání"},
    {"describe.service_required", "nutné využívat nebo dokončit službu {1}"},
    {"describe.no_conditions", "bez podmínek: platí hned"},
    {"describe.promotions", "Postupy po žebříku (použije se první, který platí)"},
    {"describe.none", "žádné"},
    {"describe.applies",
     "Domácnost žádá o postup, když splní kritéria, a přestěhuje se, když je v cílovém stupni "
     "volná jednotka."},
    {"describe.profiles", "Domácnosti (profily: podíl příchozích i počáteční populace)"},
    {"describe.employed_at_entry", "na začátku zaměstnaná s pravděpodobností {1}"},
    {"describe.each_month",
     "každý měsíc: najde práci {1}, ztratí ji {2}, zaplatí nájemné {3} bez práce / {4} se "
     "zaměstnáním, dodrží pravidla {5} tam, kde se nájemné neplatí, odejde {6}"},
    {"describe.exits", "odchody: do vlastního bydlení {1}, do instituce {2}, neznámo kam {3}"},
    {"describe.cohorts", "Označené kohorty (vykazované zvlášť, podle původního záměru)"},
    {"describe.cohort_stage", "domácnosti ve stupni {1} v měsíci 0"},
    {"describe.cohort_from_to", "domácnosti přicházející od {1}. do {2}. měsíce"},
    {"describe.cohort_from", "domácnosti přicházející od {1}. měsíce dál"},
    {"describe.cohort_profile", "jen profil {1}"},
    {"describe.services", "Podpůrné služby"},
    {"describe.service_for", "pro domácnosti ve stupních: {1}"},
    {"describe.caseload", "{1} případů na pracovníka"},
    {"describe.prio.fifo", "v pořadí příchodu"},
    {"describe.prio.highest_arrears", "přednost má nejvyšší dluh"},
    {"describe.engagement", "podpora trvá {1}"},
    {"describe.engaged_while_eligible", "podpora po celou dobu nároku"},
    {"describe.case_cost", "{1} Kč za případ a měsíc"},
    {"describe.clears", "za každý dobrý měsíc splatí navíc dluh za {1}"},
    {"describe.while_engaged", "během podpory: {1}"},
    {"describe.towns", "Města"},
    {"describe.units", "jednotky: {1}"},
    {"describe.at_start", "v měsíci 0: {1}"},
    {"describe.nobody", "nikdo"},
    {"describe.closed",
     "příchody: žádné; každou domácnost, která odejde, hned nahradí nová (uzavřená populace)"},
    {"describe.arrivals", "příchody: {1}"},
    {"describe.poisson", "v průměru {1} domácností za měsíc (Poissonovo rozdělení)"},
    {"describe.from_month", "{1} od {2}. měsíce"},
    {"describe.newcomers", "nově příchozí jdou do: {1} (do prvního s volnou jednotkou)"},
    {"describe.except", "kromě:"},
    {"describe.profile_goes", "{1} jdou do: {2}"},
    {"describe.staff.one", "{1}: úvazky {2} (kapacita {3} případů)"},
    {"describe.staff.other", "{1}: úvazky {2} (kapacita {3} případů)"},
    {"describe.staffing", "personál: {1}"},
    {"describe.unit_cost", "{1} {2} Kč za jednotku a měsíc"},
    {"describe.local_case_cost", "{1} {2} Kč za případ a měsíc"},
    {"describe.local_costs", "místní náklady: {1}"},
    {"describe.own_rules",
     "vlastní pravidla (towns.<id>.rules; ostatní jako společný žebříček): {1}"},
    {"describe.uncertainty", "Nejistota parametrů"},
    {"describe.carry",
     "{1} rozdělení (výše je uveden jeho 90% rozsah; uvedená hodnota je jeho střední hodnota)"},
    {"describe.group", "skupina {1}: {2} se společným losováním kvantilu"},
    {"describe.variants", "Varianty (každá je výše popsaný scénář s těmito změnami)"},
    {"describe.not_set", "(nenastaveno)"},
    {"describe.removed", "(odstraněno)"},
    // `prostup run --verbose`: úplný výpis.
    {"verbose.town", "{1} (výchozí stav, průměr [95% interval spolehlivosti])"},
    {"verbose.m.reached_lease_share", "získali nájem"},
    {"verbose.m.stabilized_share", "stabilizovali se v nájmu"},
    {"verbose.m.median_months_to_lease", "medián měsíců do nájmu"},
    {"verbose.m.evictions", "vystěhování"},
    {"verbose.m.returns_to_street", "návraty na ulici"},
    {"verbose.m.roofless_household_months", "měsíce domácností bez střechy"},
    {"verbose.m.mean_waiting_months", "měsíce v pořadníku"},
    {"verbose.m.cost_total", "veřejné náklady, Kč"},
    {"verbose.m.housed_share_end", "v bydlení na konci období"},
    {"verbose.m.months_housed_share_in_need", "podíl měsíců v bydlení (potřební)"},
    {"verbose.m.months_housed_share", "podíl měsíců v bydlení"},
    {"verbose.m.lost_from_view_share", "ztratili se z dohledu"},
    {"verbose.m.retention:12", "v bydlení 12 měsíců po zabydlení"},
    {"verbose.cohort", "kohorta {1} ({2}), podle původního záměru:"},
    {"verbose.budget_head",
     "rozpočet proti výchozímu stavu po letech a plátcích (průměrný rozdíl, Kč; intervaly v "
     "budget.csv):"},
    {"verbose.budget_year", "rok {1}"},
    {"verbose.budget_year_cal", "rok {1} ({2})"},
    {"verbose.budget_total", "celkem"},
    {"verbose.budget_break_even", "šetří od roku {1} (kumulovaný rozdíl zůstává pod nulou)"},
    {"verbose.minus", "{1} minus výchozí stav (párově, 95% interval spolehlivosti):"},
    {"verbose.not_distinct", "(nelze odlišit od 0)"},
    {"verbose.icer_months", "Kč na další měsíc v bydlení"},
    {"verbose.icer_stabilised", "Kč na další stabilizovanou domácnost"},
    {"verbose.discounted", "diskontováno"},
    {"verbose.discount_note", "(diskontováno: náklady i účinky {1} % ročně, docs/model.md)"},
    {"verbose.binding",
     "Omezující kapacity (očekávaná poptávka bez omezení, výchozí stav; podle toho, co přidá "
     "jedna jednotka navíc, kde byla změřena, pak podle převisu poptávky):"},
};

}  // namespace

const std::vector<Entry>& czech_catalogue() {
  return kCzech;
}

}  // namespace prostup::text

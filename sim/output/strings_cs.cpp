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
    {"chart.month", "Měsíc"},
    {"chart.mean", "Průměr"},
    {"chart.shaded_ci", "Stínování: 95% interval spolehlivosti"},
    {"chart.shaded_ci_mean", "Stínování: 95% interval spolehlivosti průměru"},
    {"chart.whiskers", "Úsečky: 95% interval spolehlivosti"},
    {"chart.same_as_baseline", "Zde stejné jako výchozí stav:"},
    {"chart.same_as_baseline_one", "Zde stejné jako výchozí stav: {1}"},
    {"chart.no_data_town", "Pro toto město nejsou data."},
    {"chart.occupancy.title", "Domácnosti podle stupně — {1}, {2}"},
    {"chart.occupancy.y", "Domácnosti (průměr z {1})"},
    {"chart.occupancy.all_baseline", "Všechny domácnosti, výchozí stav"},
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
    {"chart.waiting.all_baseline", "Všechny pořadníky dohromady, výchozí stav"},
    {"chart.waiting.how",
     "Každá čára je průměrný počet domácností v pořadníku na daný stupeň na konci měsíce; "
     "stínovaný pás je 95% interval spolehlivosti tohoto průměru. Pořadník, který stále roste, "
     "znamená, že poptávka po stupni převyšuje místa, která se uvolňují. Přerušovaná černá čára "
     "jsou pro srovnání všechny pořadníky dohromady ve výchozím stavu."},
    {"chart.lease.title", "Cesta k nájmu — {1}"},
    {"chart.lease.x", "Měsíce od vstupu do prostupného bydlení"},
    {"chart.lease.y", "Podíl domácností s nájmem (%)"},
    {"chart.lease.how",
     "Podíl domácností, které vstoupily do systému a do daného počtu měsíců od vstupu získaly "
     "standardní nájem (kumulativní incidence; domácnosti, které jsou na konci období stále "
     "v systému, jsou cenzorovány, ty, které odešly, se počítají jako bez nájmu). Lepší je "
     "křivka výš a víc vlevo. Stínované pásy jsou 95% intervaly spolehlivosti. Výchozí stav je "
     "nakreslen poslední, černě, takže varianta pod ním skrytá je stejná jako výchozí stav; "
     "varianty, které v tomto městě nic nemění, jsou uvedeny v legendě."},
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
    {"chart.forest.how",
     "Jeden panel pro každý hlavní ukazatel. Bod je průměrný rozdíl mezi variantou a výchozím "
     "stavem, počítaný replikaci po replikaci se stejnými náhodnými čísly, úsečka jeho 95% "
     "interval spolehlivosti. Úsečka, která protíná přerušovanou nulovou čáru, znamená, že "
     "výpočet variantu od výchozího stavu v tomto ukazateli nerozliší. Barva dává verdikt ve "
     "všech panelech stejně: zelená lépe, oranžovočervená hůře, šedá bez jasného rozdílu. Každý "
     "panel uvádí, který směr je lepší; vpravo je podíl replikací, v nichž varianta dopadla "
     "lépe (shody se počítají napůl)."},
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
    {"chart.sweep.how",
     "Každý bod je jedna simulovaná hodnota měněného nastavení (všechny se stejnými náhodnými "
     "čísly), čára spojuje jejich průměry a stínovaný pás je 95% interval spolehlivosti. Kde se "
     "čára zplošťuje, další navýšení už mnoho nepřinese. Tečkovaná svislá čára je hodnota ze "
     "scénáře. Měněno: {1}."},
    {"chart.plan.target_metric", "Cílový ukazatel"},
    {"chart.plan.varied_setting", "měněné nastavení"},
    {"chart.plan.title", "Plán: {1} v závislosti na: {2}"},
    {"chart.plan.bound", "Čárka: mez spolehlivosti"},
    {"chart.plan.target_at", "cíl {1} {2}"},
    {"chart.plan.target", "Cíl"},
    {"chart.plan.answer_at", "odpověď: {1}"},
    {"chart.plan.answer", "Odpověď"},
    {"chart.plan.none", "Cíl nesplňuje žádná hodnota z rozsahu."},
    {"chart.plan.how",
     "Každý bod je jedna vyzkoušená hodnota měněného nastavení (plný: splňuje cíl s požadovanou "
     "spolehlivostí; prázdný: nesplňuje). Čárka u každého bodu je mez spolehlivosti, která se "
     "porovnávala s cílem (přerušovaná čára). Zelená čára označuje odpověď, tedy nejmenší "
     "hodnotu, která cíl splňuje; tečkovaná čára hodnotu ze scénáře."},
    {"chart.plan.varied", "Měněno: {1}."},
    // Grafy nejistoty parametrů (svg_uncertainty.cpp).
    {"chart.group", "{1} (skupina)"},
    {"chart.ce.title", "Rovina nákladové efektivity — {1}"},
    {"chart.ce.x", "Další stabilizované domácnosti (varianta − výchozí stav)"},
    {"chart.ce.y", "Dodatečné náklady ({1})"},
    {"chart.ce.mean", "Velký bod: průměr"},
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
     "tato možnost lepší volbou, ať nejisté parametry dopadnou jakkoli."},
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
};

}  // namespace

const std::vector<Entry>& czech_catalogue() {
  return kCzech;
}

}  // namespace prostup::text

"""Interface texts in Finnish (default), Swedish and English."""

from __future__ import annotations

from data_sources.domain.catalog import LANGUAGES as LANGUAGE_CODES
from data_sources.domain.periods import last_period_by
from data_sources.domain.region import load_region, programme_baseline
from figures.formats import fmt_date

# Each language named in itself, for the picker; the codes themselves are the catalog's.
LANGUAGES = dict(zip(LANGUAGE_CODES, ("Suomi", "Svenska", "English"), strict=True))
DEFAULT_LANGUAGE = LANGUAGE_CODES[0]

TEXTS: dict[str, dict[str, str]] = {
    "col_table": {"fi": "Taulukko", "sv": "Tabell", "en": "Table"},
    "col_name": {"fi": "Nimi", "sv": "Namn", "en": "Name"},
    "col_source": {"fi": "Lähde", "sv": "Källa", "en": "Source"},
    "col_released": {"fi": "Julkaistu", "sv": "Publicerad", "en": "Released"},
    "col_fetched": {"fi": "Haettu", "sv": "Hämtad", "en": "Fetched"},
    "col_kind": {"fi": "Laji", "sv": "Typ", "en": "Kind"},
    "kind_real": {"fi": "virallinen", "sv": "officiell", "en": "official"},
    "kind_missing": {"fi": "puuttuu", "sv": "saknas", "en": "missing"},
    "col_next": {
        "fi": "Seuraava julkaisu (arvio)",
        "sv": "Nästa publicering (uppskattning)",
        "en": "Next release (estimate)",
    },
    "col_attempt": {"fi": "Viimeisin päivitysyritys", "sv": "Senaste uppdateringsförsök", "en": "Last refresh attempt"},
    "catalog_title": {
        "fi": "Luettelo: sarja → taulukko → koodi",
        "sv": "Katalog: serie → tabell → kod",
        "en": "Catalog: series → table → code",
    },
    "col_series": {"fi": "Sarja", "sv": "Serie", "en": "Series"},
    "col_id": {"fi": "Tunnus", "sv": "Id", "en": "Id"},
    "col_code": {"fi": "Koodi", "sv": "Kod", "en": "Code"},
    "col_unit": {"fi": "Yksikkö", "sv": "Enhet", "en": "Unit"},
    "col_intended": {"fi": "Tarkoitettu lähde", "sv": "Avsedd källa", "en": "Intended source"},
    "employment_area": {
        "fi": "{area} on 1.1.2025 alkaen myös työllisyysalue: {name}.",
        "sv": "{area} är sedan 1.1.2025 också ett sysselsättningsområde: {name}.",
        "en": "{area} is also an employment area since 1 Jan 2025: {name}.",
    },
    "resolutions_title": {
        "fi": "Sarjat taulukon omista tiedoista",
        "sv": "Serier ur tabellens egna uppgifter",
        "en": "Series found in their tables' own metadata",
    },
    "resolutions_caption": {
        "fi": "Nämä sarjat haetaan joka julkaisussa taulukon muuttujien ja arvojen nimien mukaan, ei koodeilla: "
        "kun taulukon koodit muuttuvat, sarja löytyy yhä. Ellei sarjaa löydy, sivuilla näkyy sen korvike merkittynä.",
        "sv": "Dessa serier söks i varje publicering efter namnen på tabellens variabler och värden, inte efter "
        "koder: när koderna ändras hittas serien ändå. Hittas den inte visas dess ersättande mått, märkt som sådant.",
        "en": "These series are found at every release by the names of their table's variables and values, not by "
        "codes: when the codes change the series is still found. When it is not, its labelled proxy is shown.",
    },
    "col_resolution": {
        "fi": "Mistä löytyi (koodit ja tekstit)",
        "sv": "Var den hittades (koder och texter)",
        "en": "Where found (codes and texts)",
    },
    "col_found": {"fi": "Tila", "sv": "Läge", "en": "State"},
    "resolution_found": {"fi": "löytyi", "sv": "hittad", "en": "found"},
    "since_in": {
        "fi": "{area}: ohjelman alusta",
        "sv": "{area}: sedan programmets början",
        "en": "{area}: since the programme began",
    },
    "periodic_title": {
        "fi": "Yritykset ja koulutus (neljännes- ja vuositilastot)",
        "sv": "Företag och utbildning (kvartals- och årsstatistik)",
        "en": "Businesses and education (quarterly and yearly statistics)",
    },
    "periodic_caption": {
        "fi": "Nämä tilastot julkaistaan neljännesvuosittain tai vuosittain, kuukausitilastoa myöhemmin. "
        "Muutokset: {bases}.",
        "sv": "Denna statistik publiceras kvartalsvis eller årligen, senare än månadsstatistiken. "
        "Förändringar: {bases}.",
        "en": "These statistics are published quarterly or yearly, later than the monthly ones. Changes: {bases}.",
    },
    "series_not_in_demo": {
        "fi": "demoaineistossa ei ole taulukon ”{table}” lukuja; ne näkyvät, kun oikeat tiedot on haettu",
        "sv": "demodata har inga uppgifter ur tabellen ”{table}”; de visas när de riktiga uppgifterna har hämtats",
        "en": "the demo data has no figures of the table “{table}”; they show once the real figures are fetched",
    },
    "series_not_found": {
        "fi": "tilaston taulukosta ”{table}” ei viimeisimmässä päivityksessä löytynyt tätä sarjaa, joten lukuja ei "
        "ole; mitä etsittiin, kertoo Tiedot ja lähteet -sivu",
        "sv": "i statistikens tabell ”{table}” hittades serien inte vid den senaste uppdateringen, så det finns inga "
        "uppgifter; vad som söktes står på sidan Data och källor",
        "en": "this series was not found in the statistics table “{table}” at the latest refresh, so there are no "
        "figures; the Data and sources page says what was looked for",
    },
    "resolution_missing": {
        "fi": "ei löytynyt – ei lukuja",
        "sv": "hittades inte – inga uppgifter",
        "en": "not found – no figures",
    },
    "resolution_stand_in": {
        "fi": "ei löytynyt – korvike näkyy",
        "sv": "hittades inte – ersättande mått visas",
        "en": "not found – proxy shown",
    },
    "all_figures": {"fi": "Kaikki luvut", "sv": "Alla uppgifter", "en": "All figures"},
    "series_pick": {"fi": "Sarjat", "sv": "Serier", "en": "Series"},
    "coordinator": {"fi": "Koordinointi / vastuu", "sv": "Samordning / ansvar", "en": "Coordination / responsibility"},
    "target_groups": {
        "fi": "Haavoittuvassa asemassa oleviksi määritetty",
        "sv": "Definierade som sårbara",
        "en": "Defined as being in a vulnerable position",
    },
    "impacts": {"fi": "Vaikutukset, joita tavoitellaan", "sv": "Eftersträvade effekter", "en": "Intended impacts"},
    "goals": {"fi": "Tavoitteet ja toimenpiteet", "sv": "Mål och åtgärder", "en": "Goals and actions"},
    "indicators": {"fi": "Mittarit", "sv": "Mätare", "en": "Indicators"},
    "participants": {"fi": "Mukana olevat tahot", "sv": "Deltagare", "en": "Participants"},
    "resources": {"fi": "Resurssit", "sv": "Resurser", "en": "Resources"},
    "appendix3": {
        "fi": "Liite 3: Kuntien resurssit",
        "sv": "Bilaga 3: Kommunernas resurser",
        "en": "Appendix 3: Municipal resources",
    },
    "half_report": {"fi": "Puolivuosiraportti", "sv": "Halvårsrapport", "en": "Half-year report"},
    "half": {"fi": "Puolivuotiskausi", "sv": "Halvår", "en": "Half-year"},
    "in_finnish": {
        "fi": "",
        "sv": "Programmets text på finska, såsom den godkändes.",
        "en": "The programme's text is in Finnish, as approved.",
    },
    "added": {"fi": "lisätty seurantaan", "sv": "tillagd i uppföljningen", "en": "added for follow-up"},
    "app_title": {
        "fi": "{region_of} työllisyys",
        "sv": "Sysselsättningen {region_where}",
        "en": "{region_name} employment",
    },
    "page_overview": {"fi": "Yleiskatsaus", "sv": "Översikt", "en": "Overview"},
    "page_groups": {"fi": "Työnhakijaryhmät", "sv": "Grupper av arbetssökande", "en": "Job-seeker groups"},
    "page_municipality": {"fi": "Oma kunta", "sv": "Min kommun", "en": "My municipality"},
    "page_themes": {"fi": "Ohjelman teemat", "sv": "Programmets teman", "en": "Programme themes"},
    "page_data": {"fi": "Tiedot ja lähteet", "sv": "Data och källor", "en": "Data and sources"},
    "page_presentation": {"fi": "Esitys", "sv": "Presentation", "en": "Presentation"},
    "language": {"fi": "Kieli", "sv": "Språk", "en": "Language"},
    "area": {"fi": "Alue", "sv": "Område", "en": "Area"},
    "compare": {"fi": "Vertailualueet", "sv": "Jämförelseområden", "en": "Compare with"},
    "period": {"fi": "Ajanjakso", "sv": "Period", "en": "Period"},
    "view": {"fi": "Näkymä", "sv": "Visning", "en": "View"},
    "view_level": {"fi": "Lukumäärä", "sv": "Antal", "en": "Level"},
    "view_share": {
        "fi": "Suhteutettu (% työvoimasta / 1 000 asukasta kohti)",
        "sv": "Relativt (% av arbetskraften / per 1 000 invånare)",
        "en": "Relative (% of labour force / per 1,000 inhabitants)",
    },
    "view_index": {
        "fi": "Indeksi ({base_first}–{base_last} = 100)",
        "sv": "Index ({base_first}–{base_last} = 100)",
        "en": "Index ({base_first}–{base_last} = 100)",
    },
    "view_yoy": {
        "fi": "Muutos vuodentakaisesta",
        "sv": "Förändring från året innan",
        "en": "Change from a year earlier",
    },
    "moving_average": {
        "fi": "12 kuukauden liukuva keskiarvo",
        "sv": "Glidande medelvärde 12 månader",
        "en": "12-month moving average",
    },
    "municipality": {"fi": "Kunta", "sv": "Kommun", "en": "Municipality"},
    "demo_banner": {
        "fi": "DEMOAINEISTO – luvut ovat keksittyjä esimerkkejä, eivät virallisia tilastoja. Tilastokeskuksen "
        "oikeat luvut tulevat tähän itsestään, kun verkkoyhteys palvelimelta on käytettävissä.",
        "sv": "DEMODATA – siffrorna är påhittade exempel, inte officiell statistik. Statistikcentralens riktiga "
        "siffror visas här av sig själva när servern har nätförbindelse.",
        "en": "DEMO DATA – the figures are made-up examples, not official statistics. Statistics Finland's real "
        "figures appear here by themselves once the server can reach the network.",
    },
    "demo_short": {
        "fi": "DEMOAINEISTO, ei virallinen tilasto",
        "sv": "DEMODATA, inte officiell statistik",
        "en": "DEMO DATA, not official statistics",
    },
    "damaged": {
        "fi": "Tallennetuissa tiedoissa oli vika, ja se ohitettiin; tarkemmin sivulla Tiedot ja lähteet.",
        "sv": "Ett fel i de sparade uppgifterna hoppades över; mer på sidan Data och källor.",
        "en": "A fault in the stored data was skipped; more on the page Data and sources.",
    },
    "cache_missing": {
        "fi": "Tälle palvelimelle ei ole vielä haettu tietoja; ne haetaan seuraavassa päivityksessä.",
        "sv": "Inga uppgifter har ännu hämtats till den här servern; de hämtas vid nästa uppdatering.",
        "en": "No figures have been fetched to this server yet; the next refresh fetches them.",
    },
    # issue 22: one plain line when the data could not be refreshed (figures/notices.py)
    "notice_unreachable": {
        "fi": "Tilastokeskuksen palveluun ei saada yhteyttä",
        "sv": "Statistikcentralens tjänst kan inte nås",
        "en": "Statistics Finland's service cannot be reached",
    },
    "notice_failed": {
        "fi": "Tietoja ei saatu päivitettyä",
        "sv": "Uppgifterna kunde inte uppdateras",
        "en": "The data could not be refreshed",
    },
    "notice_from_release": {
        "fi": "{what} ovat {date} julkaisusta",
        "sv": "{what} är från publiceringen {date}",
        "en": "{what} are from the release of {date}",
    },
    "notice_missing": {"fi": "{what} puuttuvat", "sv": "{what} saknas", "en": "{what} are missing"},
    "notice_monthly_figures": {"fi": "luvut", "sv": "siffrorna", "en": "the figures"},
    "notice_population_figures": {
        "fi": "väestöön suhteutetut luvut",
        "sv": "siffrorna i förhållande till befolkningen",
        "en": "the figures per population",
    },
    "notice_table_figures": {
        "fi": "taulukon ”{table}” luvut",
        "sv": "siffrorna i tabellen ”{table}”",
        "en": "the figures of the table “{table}”",
    },
    "technical_details": {
        "fi": "Tekniset tiedot ylläpitäjälle",
        "sv": "Teknisk information för administratören",
        "en": "Technical details for the administrator",
    },
    "technical_none": {
        "fi": "Viimeisin päivitys onnistui kaikilta osin.",
        "sv": "Den senaste uppdateringen lyckades helt.",
        "en": "The last refresh succeeded in full.",
    },
    "attempt_ok": {"fi": "onnistui", "sv": "lyckades", "en": "succeeded"},
    "attempt_failed": {
        "fi": "epäonnistui (syy alla)",
        "sv": "misslyckades (orsak nedan)",
        "en": "failed (reason below)",
    },
    "not_fetched": {"fi": "ei haettu", "sv": "inte hämtad", "en": "not fetched"},
    "refresh_result_ok": {
        "fi": "Tiedot päivitettiin.",
        "sv": "Uppgifterna uppdaterades.",
        "en": "The data were refreshed.",
    },
    "refresh_result_partly": {
        "fi": "Osa tiedoista päivitettiin; muiden lukujen aiemmat tiedot ovat ennallaan.",
        "sv": "En del av uppgifterna uppdaterades; för de övriga gäller de tidigare.",
        "en": "Part of the data were refreshed; the other figures stay as they were.",
    },
    "refresh_result_failed": {
        "fi": "Tietoja ei saatu päivitettyä; aiemmat luvut ovat ennallaan.",
        "sv": "Uppgifterna kunde inte uppdateras; de tidigare siffrorna gäller.",
        "en": "The data could not be refreshed; the earlier figures stay.",
    },
    "folder_problem": {
        "fi": "Palvelin ei voi nyt tallentaa uusia tietoja, joten päivitystä ei voi pyytää; nykyiset luvut näkyvät.",
        "sv": "Servern kan inte spara nya uppgifter nu, så ingen uppdatering kan begäras; nuvarande siffror visas.",
        "en": "The server cannot store new figures now, so no refresh can be asked for; the current figures show.",
    },
    "groups_glance": {"fi": "Kaikki ryhmät", "sv": "Alla grupper", "en": "All groups"},
    "group": {"fi": "Ryhmä", "sv": "Grupp", "en": "Group"},
    "trend_pick": {"fi": "Kehitys", "sv": "Utveckling", "en": "Trend"},
    "group_pick": {"fi": "Ryhmän kehitys", "sv": "Gruppens utveckling", "en": "Trend of the group"},
    "col_trend": {"fi": "Kehitys 25 kk", "sv": "Utveckling 25 mån", "en": "Trend, 25 months"},
    "source_line": {
        "fi": "Lähde: {source}, StatFin {table}, päivitetty {date}",
        "sv": "Källa: {source}, StatFin {table}, uppdaterad {date}",
        "en": "Source: {source}, StatFin {table}, updated {date}",
    },
    "unit_persons": {
        "fi": "henkilöä, kuukauden lopussa",
        "sv": "personer, vid månadens slut",
        "en": "persons, end of month",
    },
    "unit_vacancies": {"fi": "työpaikkaa", "sv": "lediga jobb", "en": "vacancies"},
    "unit_enterprises": {"fi": "yritystä", "sv": "företag", "en": "enterprises"},
    "unit_establishments": {"fi": "toimipaikkaa", "sv": "arbetsställen", "en": "establishments"},
    "unit_person_years": {"fi": "henkilötyövuotta", "sv": "årsverken", "en": "person-years"},
    "unit_eur_thousand": {"fi": "tuhatta euroa", "sv": "tusen euro", "en": "thousand euros"},
    "unit_eur_million": {"fi": "milj. €", "sv": "milj. €", "en": "EUR million"},
    "unit_percent": {"fi": "%", "sv": "%", "en": "%"},
    "unit_share_labour_force": {"fi": "% työvoimasta", "sv": "% av arbetskraften", "en": "% of labour force"},
    "unit_per_1000": {"fi": "1 000 asukasta kohti", "sv": "per 1 000 invånare", "en": "per 1,000 inhabitants"},
    "unit_index_from": {"fi": "indeksi, {base} = 100", "sv": "index, {base} = 100", "en": "index, {base} = 100"},
    "unit_index": {
        "fi": "indeksi, {base_first}–{base_last} = 100",
        "sv": "index, {base_first}–{base_last} = 100",
        "en": "index, {base_first}–{base_last} = 100",
    },
    "unit_yoy": {
        "fi": "muutos vuodentakaisesta",
        "sv": "förändring från året innan",
        "en": "change from a year earlier",
    },
    "event_programme": {"fi": "Ohjelma hyväksytty", "sv": "Programmet godkänt", "en": "Programme approved"},
    "trend_legend_quarters": {
        "fi": "ohut viiva: neljännesvuosiluvut, paksu: 4 neljänneksen liukuva keskiarvo (kausivaihtelu tasoitettu)",
        "sv": "tunn linje: kvartalstal, tjock: glidande medelvärde av 4 kvartal (säsongutjämnat)",
        "en": "thin line: quarterly figures, bold: 4-quarter moving average (seasons balanced out)",
    },
    "trend_legend": {
        "fi": "ohut viiva: kuukausiluvut, paksu: 12 kk:n liukuva keskiarvo (kausivaihtelu tasoitettu)",
        "sv": "tunn linje: månadstal, tjock: glidande 12 månaders medelvärde (säsongutjämnat)",
        "en": "thin line: monthly figures, bold: 12-month moving average (seasons balanced out)",
    },
    "trend_short": {"fi": "12 kk:n ka.", "sv": "12 mån. medel", "en": "12-month avg."},
    "points": {"fi": "%-yks.", "sv": "%-enh.", "en": "pp"},
    "per_year": {"fi": "vuodessa", "sv": "på ett år", "en": "in a year"},
    "from_month": {"fi": "edellisestä kuukaudesta", "sv": "från föregående månad", "en": "from previous month"},
    "from_year": {"fi": "vuodentakaisesta", "sv": "från året innan", "en": "from a year earlier"},
    "missing": {
        "fi": "Luku puuttuu tai on salattu (..)",
        "sv": "Uppgift saknas eller skyddad (..)",
        "en": "Figure missing or suppressed (..)",
    },
    "proxy": {"fi": "Korvike", "sv": "Ersättande mått", "en": "Proxy"},
    "download_failed": {
        "fi": "Tiedostoa {file} ei voitu tehdä; syy on kirjattu palvelimen lokiin.",
        "sv": "Filen {file} kunde inte skapas; orsaken har skrivits i serverns logg.",
        "en": "The file {file} could not be made; the reason is in the server's log.",
    },
    "download_csv": {"fi": "Lataa CSV", "sv": "Ladda ner CSV", "en": "Download CSV"},
    "download_xlsx": {"fi": "Lataa Excel", "sv": "Ladda ner Excel", "en": "Download Excel"},
    "chart_summary": {"fi": "Kuvaajan tiivistelmä", "sv": "Sammanfattning av diagrammet", "en": "Chart summary"},
    "latest_month": {"fi": "Viimeisin kuukausi", "sv": "Senaste månad", "en": "Latest month"},
    "no_data": {
        "fi": "Tälle valinnalle ei ole lukuja.",
        "sv": "Inga uppgifter för detta val.",
        "en": "No figures for this selection.",
    },
    "region": {"fi": "Maakunta", "sv": "Landskap", "en": "Region"},
    "country": {"fi": "Koko maa", "sv": "Hela landet", "en": "Whole country"},
    "figure": {"fi": "Luku", "sv": "Uppgift", "en": "Figure"},
    "value": {"fi": "Arvo", "sv": "Värde", "en": "Value"},
    "month": {"fi": "Kuukausi", "sv": "Månad", "en": "Month"},
    "refresh": {"fi": "Päivitä tiedot nyt", "sv": "Uppdatera uppgifterna nu", "en": "Refresh the data now"},
    # issue 9: the programme scorecard, coordinators' assessments and the half-year report
    "status_progressed": {"fi": "edennyt", "sv": "framsteg", "en": "progressed"},
    "status_held": {"fi": "ennallaan", "sv": "oförändrat", "en": "held"},
    "status_worsened": {"fi": "heikentynyt", "sv": "försämrats", "en": "worsened"},
    "status_unknown": {"fi": "ei arvioitavissa", "sv": "kan inte bedömas", "en": "cannot be assessed"},
    "wanted_up": {"fi": "kasvaa", "sv": "ökar", "en": "up"},
    "wanted_down": {"fi": "vähenee", "sv": "minskar", "en": "down"},
    "no_programme": {
        "fi": "Alueelle {region_name} ei ole määritetty työllisyysohjelmaa, joten ohjelman tavoitteita ei seurata; "
        "tilastosivut näyttävät alueen luvut.",
        "sv": "Inget sysselsättningsprogram har angetts för {region_name}, så inga programmål följs upp; "
        "statistiksidorna visar områdets siffror.",
        "en": "No employment programme is configured for {region_name}, so no programme goals are followed; the "
        "statistics pages show the region's figures.",
    },
    "status_unmeasurable": {
        "fi": "ei mitattavissa tästä tilastosta",
        "sv": "kan inte mätas med denna statistik",
        "en": "not measurable from this statistic",
    },
    "status_rule": {
        "fi": "Tila verrataan ohjelman alusta: viimeisten 12 kuukauden keskiarvo 12 kuukauden keskiarvoon {base_last} "
        "asti (kausivaihtelu tasoittuu; neljännesvuositilastoissa 4 neljänneksen keskiarvot, vuositilastoissa "
        "viimeisin vuosi vuoteen {base_year}), alueen muutos koko maan muutokseen. ✔ edennyt = muuttunut toivottuun "
        "suuntaan ja paremmin kuin koko maa, kumpikin yli sietorajan; ✖ heikentynyt = vastakkaiseen suuntaan ja "
        "huonommin kuin koko maa, kumpikin yli sietorajan; = ennallaan = muut: sietorajan ({rate_band} osuuksissa, "
        "{count_band} lukumäärissä) sisällä olevasta erosta ei anneta tilaa; – ei mitattavissa = korvikemittari, "
        "jonka suunta ei tarkoita samaa kuin mittarin; ? ei arvioitavissa = luku puuttuu, on salattu tai osittainen.",
        "sv": "Status jämförs sedan programmets början: medelvärdet av de senaste 12 månaderna mot medelvärdet av 12 "
        "månader fram till {base_last} (säsongvariationen jämnas ut; i kvartalsstatistik medelvärden av 4 kvartal, i "
        "årsstatistik det senaste året mot {base_year}), områdets förändring mot hela landets. ✔ framsteg "
        "= i önskad riktning och bättre än hela landet, båda mer än toleransen; ✖ försämrats = i motsatt riktning och "
        "sämre än hela landet, båda mer än toleransen; = oförändrat = övriga: en skillnad inom toleransen "
        "({rate_band} för andelar, {count_band} för antal) ger ingen status; – kan inte mätas = ett ersättande mått "
        "vars riktning inte betyder detsamma som mätarens; ? kan inte bedömas = uppgift saknas, är skyddad eller "
        "ofullständig.",
        "en": "Status compares since the programme began: the mean of the latest 12 months against the mean of the 12 "
        "months to {base_last} (seasons balance out; 4-quarter means in quarterly statistics, the latest year against "
        "{base_year} in yearly ones), the region's change against the whole country's. ✔ progressed "
        "= moved the wanted way and did better than the country, both by more than the band; ✖ worsened = moved "
        "against it and did worse than the country, both by more than the band; = held = the rest: a difference "
        "within the band ({rate_band} for rates, {count_band} for counts) gets no verdict; – not measurable = a "
        "stand-in whose direction does not mean the indicator's; ? cannot be assessed = a figure missing, "
        "suppressed or partial.",
    },
    "reason_progressed": {
        "fi": "{region} ohjelman alusta, koko maa {country}: toivottuun suuntaan ({wanted}) ja paremmin kuin koko maa "
        "(sietoraja {band})",
        "sv": "{region} sedan programmets början, hela landet {country}: i önskad riktning ({wanted}) och bättre än "
        "hela landet (tolerans {band})",
        "en": "{region} since the programme began, whole country {country}: the wanted way ({wanted}) and better "
        "than the country (band {band})",
    },
    "reason_held": {
        "fi": "{region} ohjelman alusta, koko maa {country}: ei sekä muuttunut sietorajaa ({band}) enemmän samaan "
        "suuntaan että eronnut koko maasta yli sietorajan",
        "sv": "{region} sedan programmets början, hela landet {country}: har inte både rört sig mer än toleransen "
        "({band}) i samma riktning och skilt sig från hela landet med mer än den",
        "en": "{region} since the programme began, whole country {country}: did not both move by more than the band "
        "({band}) one way and differ from the country by more than it the same way",
    },
    "reason_worsened": {
        "fi": "{region} ohjelman alusta, koko maa {country}: vastakkaiseen suuntaan ja huonommin kuin koko maa "
        "(sietoraja {band})",
        "sv": "{region} sedan programmets början, hela landet {country}: i motsatt riktning och sämre än hela "
        "landet (tolerans {band})",
        "en": "{region} since the programme began, whole country {country}: against the wanted way and worse than "
        "the country (band {band})",
    },
    "reason_overlap": {
        "fi": "{area}: viimeiset 12 kuukautta ({first} alkaen) osuvat lähtötason 12 kuukauteen; muutosta ohjelman "
        "alusta voi laskea vasta {after} jälkeen",
        "sv": "{area}: de senaste 12 månaderna (från {first}) överlappar utgångslägets 12 månader; förändringen sedan "
        "programmets början kan räknas först efter {after}",
        "en": "{area}: the latest 12 months (from {first}) overlap the baseline's 12 months; a change since the "
        "programme began can be computed only after {after}",
    },
    "reason_overlap_periods": {
        "fi": "{area}: viimeisin vertailujakso ({first} alkaen) osuu lähtötason jaksoon; muutosta ohjelman alusta voi "
        "laskea vasta {after} jälkeen",
        "sv": "{area}: den senaste jämförelseperioden (från {first}) överlappar utgångsläget; förändringen sedan "
        "programmets början kan räknas först efter {after}",
        "en": "{area}: the latest period compared (from {first}) overlaps the baseline; a change since the programme "
        "began can be computed only after {after}",
    },
    "reason_zero_base": {
        "fi": "{area}: lähtötaso on 0, joten suhteellista muutosta ei ole",
        "sv": "{area}: utgångsläget är 0, så det finns ingen relativ förändring",
        "en": "{area}: the baseline is 0, so there is no relative change",
    },
    "reason_missing_any": {
        "fi": "{area}: luku puuttuu",
        "sv": "{area}: uppgift saknas",
        "en": "{area}: figure missing",
    },
    "reason_lower_bound": {
        "fi": "{area}, {month}: summasta osa on salattu, luku on vain alaraja",
        "sv": "{area}, {month}: en del av summan är skyddad, talet är bara en nedre gräns",
        "en": "{area}, {month}: part of the sum is suppressed, the figure is only a lower bound",
    },
    "basis_year": {
        "fi": "{now} vs. {before}",
        "sv": "{now} mot {before}",
        "en": "{now} vs {before}",
    },
    "basis_programme": {
        "fi": "12 kk:n keskiarvo {now} vs. {before}",
        "sv": "12 månaders medelvärde {now} mot {before}",
        "en": "12-month mean {now} vs {before}",
    },
    "basis_programme_quarters": {
        "fi": "4 neljänneksen keskiarvo {now} vs. {before}",
        "sv": "medelvärde av 4 kvartal {now} mot {before}",
        "en": "4-quarter mean {now} vs {before}",
    },
    "basis_programme_years": {
        "fi": "vuosi {now} vs. {before} (ohjelman lähtövuosi)",
        "sv": "året {now} mot {before} (programmets utgångsår)",
        "en": "the year {now} vs {before} (the programme's baseline year)",
    },
    "frequency_quarterly": {"fi": "Neljännesvuositilastot", "sv": "Kvartalsstatistik", "en": "Quarterly statistics"},
    "frequency_yearly": {"fi": "Vuositilastot", "sv": "Årsstatistik", "en": "Yearly statistics"},
    "row_bases": {
        "fi": "{kind} ({labels}): muutos vuodessa {year}; ohjelman alusta {since}.",
        "sv": "{kind} ({labels}): på ett år {year}; sedan programmets början {since}.",
        "en": "{kind} ({labels}): in a year {year}; since the programme began {since}.",
    },
    "since_baseline_quarters": {
        "fi": "ohjelman alusta (4 neljänneksen keskiarvot)",
        "sv": "sedan programmets början (medelvärden av 4 kvartal)",
        "en": "since the programme began (4-quarter means)",
    },
    "since_baseline_years": {
        "fi": "vuodesta {base} (ohjelman lähtövuosi)",
        "sv": "sedan {base} (programmets utgångsår)",
        "en": "since {base} (the programme's baseline year)",
    },
    "no_change_since_quarters": {
        "fi": "ei muutosta ohjelman alusta (4 neljänneksen keskiarvot)",
        "sv": "ingen förändring sedan programmets början (medelvärden av 4 kvartal)",
        "en": "no change since the programme began (4-quarter means)",
    },
    "no_change_since_years": {
        "fi": "ei muutosta vuodesta {base} (ohjelman lähtövuosi)",
        "sv": "ingen förändring sedan {base} (programmets utgångsår)",
        "en": "no change since {base} (the programme's baseline year)",
    },
    "col_entered_by": {"fi": "Syöttänyt", "sv": "Inmatad av", "en": "Entered by"},
    "entered_not_yet": {"fi": "ei vielä syötetty", "sv": "ännu inte inmatad", "en": "not entered yet"},
    "scorecard_bases": {
        "fi": "Muutos vuodentakaisesta: {year}. Muutos ohjelman alusta: {since}.",
        "sv": "På ett år: {year}. Sedan programmets början: {since}.",
        "en": "In a year: {year}. Since the programme began: {since}.",
    },
    "crosses_break": {
        "fi": "Vertailu ylittää {day} tilastomuutoksen: {note}",
        "sv": "Jämförelsen går över statistikändringen {day}: {note}",
        "en": "The comparison crosses the change of {day}: {note}",
    },
    "note_lower_bound": {"fi": "Alaraja", "sv": "Nedre gräns", "en": "Lower bound"},
    "at_least": {"fi": "vähintään {value}", "sv": "minst {value}", "en": "at least {value}"},
    "lower_bound_note": {
        "fi": "Alaraja: summasta puuttuu salattu osa ({parts})",
        "sv": "Nedre gräns: en skyddad del av summan saknas ({parts})",
        "en": "Lower bound: a suppressed part of the sum is missing ({parts})",
    },
    "fit_partial": {"fi": "osittainen mittari", "sv": "partiellt mått", "en": "partial measure"},
    "fit_stand_in": {"fi": "korvike", "sv": "ersättande mått", "en": "proxy"},
    "peers_line": {
        "fi": "Vertailumaakunnat: {peers} – ne {count} manner-Suomen maakuntaa, joiden {series} oli "
        "{span} lähimpänä {region_of} lukua.",
        "sv": "Jämförbara landskap: {peers} – de {count} landskap på fastlandet vars {series} låg närmast "
        "{region_of} {span}.",
        "en": "Comparable regions: {peers} – the {count} mainland regions whose {series} was nearest "
        "{region_name}'s in {span}.",
    },
    "peers_none": {
        "fi": "Vertailumaakuntia ei voi valita: {region_of} lähtötason lukuja ei ole tallessa.",
        "sv": "Jämförbara landskap kan inte väljas: {region_of} utgångsläge saknas.",
        "en": "No comparable regions can be chosen: {region_name}'s baseline figures are not stored.",
    },
    "peers_table": {
        "fi": "Muutos ohjelman alusta (perusteet yllä): {area}, vertailumaakunnat ja koko maa",
        "sv": "Förändring sedan programmets början (grunderna ovan): {area}, jämförbara landskap och hela landet",
        "en": "Change since the programme began (bases above): {area}, comparable regions and the whole country",
    },
    "strip_basis": {
        "fi": "Ohjelman alusta (vuoden keskiarvot) koko maahan verrattuna",
        "sv": "Sedan programmets början (årsmedelvärden) jämfört med hela landet",
        "en": "Since the programme began (yearly means), against the whole country",
    },
    "strip_not_exact": {
        "fi": "korvike- tai osittaisia mittareita {count}",
        "sv": "ersättande eller partiella mått {count}",
        "en": "proxy or partial measures {count}",
    },
    "reason_missing": {
        "fi": "{area}, {month}: luku puuttuu",
        "sv": "{area}, {month}: uppgift saknas",
        "en": "{area}, {month}: figure missing",
    },
    "reason_suppressed": {
        "fi": "{area}, {month}: luku on salattu (..)",
        "sv": "{area}, {month}: uppgiften är skyddad (..)",
        "en": "{area}, {month}: figure suppressed (..)",
    },
    "scorecard": {"fi": "Mittaristo", "sv": "Mätartavla", "en": "Scorecard"},
    "col_indicator": {"fi": "Mittari", "sv": "Mätare", "en": "Indicator"},
    "col_latest": {"fi": "Viimeisin arvo", "sv": "Senaste värde", "en": "Latest value"},
    "col_change_year": {"fi": "Muutos vuodessa", "sv": "Förändring på ett år", "en": "Change in a year"},
    "col_country_year": {"fi": "Koko maa, vuodessa", "sv": "Hela landet, på ett år", "en": "Whole country, in a year"},
    "col_change_year_with": {
        "fi": "Vuodessa (koko maa)",
        "sv": "På ett år (hela landet)",
        "en": "In a year (country)",
    },
    "col_since_change_with": {
        "fi": "Ohjelman alusta (koko maa, vertailu\u00admaakunnat)",
        "sv": "Sedan programmets start (hela landet, jämförbara landskap)",
        "en": "Since the programme (country, peer regions)",
    },
    "col_rank_short": {"fi": "Sija (1 = paras)", "sv": "Plats (1 = bäst)", "en": "Rank (1 = best)"},
    "col_value_in": {"fi": "Arvo, {month}", "sv": "Värde, {month}", "en": "Value, {month}"},
    "peers_short": {"fi": "vertailumaakunnat", "sv": "jämförbara landskap", "en": "comparable regions"},
    "col_since_change": {
        "fi": "Muutos ohjelman alusta",
        "sv": "Förändring sedan programmets början",
        "en": "Change since the programme began",
    },
    "col_country_since": {
        "fi": "Koko maa, ohjelman alusta",
        "sv": "Hela landet, sedan programmets början",
        "en": "Whole country, since the programme began",
    },
    # soft hyphens (\u00ad): the long words break at them in a narrow PDF column, and show whole elsewhere
    "col_peers_since": {
        "fi": "Vertailu\u00admaakunnat (mediaani), ohjelman alusta",
        "sv": "Jämförbara landskap (median), sedan programmets början",
        "en": "Comparable regions (median), since the programme began",
    },
    "col_rank": {
        "fi": "Sija maa\u00adkunnista (1 = paras)",
        "sv": "Plats bland landskapen (1 = bäst)",
        "en": "Rank among regions (1 = best)",
    },
    "col_wanted": {"fi": "Toivottu suunta", "sv": "Önskad riktning", "en": "Wanted direction"},
    "col_status": {"fi": "Tila", "sv": "Status", "en": "Status"},
    "col_theme": {"fi": "Teema", "sv": "Tema", "en": "Theme"},
    "col_because": {
        "fi": "Ohjelman sanoin",
        "sv": "Med programmets ord (finska)",
        "en": "In the programme's words (Finnish)",
    },
    "scorecard_period": {
        "fi": "Puolivuotiskausi {half}, viimeinen kuukausi {end}. {bases} Vertailu koko maahan ja vertailumaakuntiin.",
        "sv": "Halvåret {half}, sista månad {end}. {bases}",
        "en": "Half-year {half}, last month {end}. {bases}",
    },
    "scorecard_empty": {
        "fi": "Teemalla ei ole tilastomittaria; sen mittarit arvioidaan koordinaattorien arviossa.",
        "sv": "Temat har ingen statistisk mätare; dess mätare bedöms i samordnarnas bedömning.",
        "en": "The theme has no statistical indicator; its indicators are told by the coordinators' assessment.",
    },
    "entered_title": {
        "fi": "Puolivuosittain syötetyt luvut",
        "sv": "Halvårsvis inmatade siffror",
        "en": "Figures entered each half-year",
    },
    "entered_missing": {
        "fi": "lukua ei ole vielä syötetty kaudelle {half}",
        "sv": "siffran är ännu inte inmatad för {half}",
        "en": "not entered for {half} yet",
    },
    "entered_by": {
        "fi": "lähde: {source}; syöttänyt {who} {day}",
        "sv": "källa: {source}; inmatad av {who} {day}",
        "en": "source: {source}; entered by {who} on {day}",
    },
    "unavailable_title": {
        "fi": "Tilastomittarit, joiden lukuja ei ole saatavilla",
        "sv": "Statistiska mätare utan tillgängliga siffror",
        "en": "Statistical indicators without figures here",
    },
    "assessed_title": {
        "fi": "Arvioitavat mittarit (koordinaattorien arvio)",
        "sv": "Mätare som bedöms (samordnarnas bedömning)",
        "en": "Assessed indicators (coordinators' assessment)",
    },
    "assessments": {
        "fi": "Koordinaattorien arviot",
        "sv": "Samordnarnas bedömningar",
        "en": "Coordinators' assessments",
    },
    "programme_text": {
        "fi": "Ohjelman teksti: vaikutukset, tavoitteet ja toimenpiteet",
        "sv": "Programmets text: effekter, mål och åtgärder",
        "en": "The programme's text: impacts, goals and actions",
    },
    "state_ei aloitettu": {"fi": "ei aloitettu", "sv": "inte påbörjat", "en": "not started"},
    "state_käynnissä": {"fi": "käynnissä", "sv": "pågår", "en": "under way"},
    "state_toteutunut": {"fi": "toteutunut", "sv": "genomfört", "en": "achieved"},
    "state_ei arvioitu": {"fi": "ei arvioitu", "sv": "inte bedömt", "en": "not assessed"},
    "col_goal": {"fi": "Tavoite", "sv": "Mål", "en": "Goal"},
    "col_state": {"fi": "Tila", "sv": "Läge", "en": "State"},
    "col_assessment": {"fi": "Arvio", "sv": "Bedömning", "en": "Assessment"},
    "col_assessor": {"fi": "Arvioija", "sv": "Bedömare", "en": "Assessor"},
    "col_date": {"fi": "Päivämäärä", "sv": "Datum", "en": "Date"},
    "progress_error": {
        "fi": "Koordinaattorien arvioita ei voitu lukea; ne näkyvät, kun ylläpitäjä on korjannut arviotiedoston.",
        "sv": "Samordnarnas bedömningar kunde inte läsas; de visas när administratören har rättat filen.",
        "en": "The coordinators' assessments could not be read; they show once the administrator has fixed the file.",
    },
    "strip_title": {
        "fi": "Ohjelman teemat: mittarien tila {half}",
        "sv": "Programmets teman: mätarnas status {half}",
        "en": "Programme themes: indicator status {half}",
    },
    "open_theme": {"fi": "Avaa teema", "sv": "Öppna temat", "en": "Open theme"},
    "unit_short_persons": {"fi": "henkilöä", "sv": "personer", "en": "persons"},
    "unit_short_vacancies": {"fi": "työpaikkaa", "sv": "lediga jobb", "en": "vacancies"},
    "unit_short_enterprises": {"fi": "yritystä", "sv": "företag", "en": "enterprises"},
    "unit_short_establishments": {"fi": "toimipaikkaa", "sv": "arbetsställen", "en": "establishments"},
    "unit_short_person_years": {"fi": "henkilötyövuotta", "sv": "årsverken", "en": "person-years"},
    "unit_short_eur_thousand": {"fi": "tuhatta euroa", "sv": "tusen euro", "en": "thousand euros"},
    "unit_short_eur_million": {"fi": "milj. €", "sv": "milj. €", "en": "EUR million"},
    "no_change_since": {
        "fi": "ei muutosta ohjelman alusta (12 kk:n keskiarvot)",
        "sv": "ingen förändring sedan programmets början (12 månaders medelvärden)",
        "en": "no change since the programme began (12-month means)",
    },
    "since_baseline": {
        "fi": "ohjelman alusta (12 kk:n keskiarvot)",
        "sv": "sedan programmets början (12 månaders medelvärden)",
        "en": "since the programme began (12-month means)",
    },
    "rate_title": {"fi": "{label}, % (osuus)", "sv": "{label}, % (andel)", "en": "{label}, % (rate)"},
    "index_title_from": {
        "fi": "{label}, indeksi {base} = 100",
        "sv": "{label}, index {base} = 100",
        "en": "{label}, index {base} = 100",
    },
    "index_title": {
        "fi": "{label}, indeksi {base_first}–{base_last} = 100",
        "sv": "{label}, index {base_first}–{base_last} = 100",
        "en": "{label}, index {base_first}–{base_last} = 100",
    },
    "report_title": {
        "fi": "{region_of} työllisyysohjelma: puolivuosiraportti {half}",
        "sv": "Sysselsättningsprogrammet för {region_name}: halvårsrapport {half}",
        "en": "{region_name} employment programme: half-year report {half}",
    },
    "report_subtitle": {
        "fi": "Luvut {end}, {area}. {bases} Ohjelma hyväksytty {approved}; vertailu koko maahan ja vertailumaakuntiin.",
        "sv": "Siffror {end}, {area}. {bases} Programmet godkänt {approved}; jämförelse med hela landet och "
        "jämförbara landskap.",
        "en": "Figures {end}, {area}. {bases} Programme approved {approved}; compared with the whole country and "
        "comparable regions.",
    },
    "source_line_plain": {
        "fi": "Lähde: {source}, päivitetty {date}",
        "sv": "Källa: {source}, uppdaterad {date}",
        "en": "Source: {source}, updated {date}",
    },
    "source_short": {"fi": "Lähde: {source}", "sv": "Källa: {source}", "en": "Source: {source}"},
    "report_summary": {"fi": "Yhteenveto", "sv": "Sammanfattning", "en": "Summary"},
    "report_releases": {"fi": "Tilastojen julkaisut", "sv": "Statistikens publiceringar", "en": "Statistics releases"},
    "report_made": {"fi": "Laadittu {date}", "sv": "Sammanställd {date}", "en": "Compiled {date}"},
    "report_appendix": {
        "fi": "Liite: lähteet ja koodit",
        "sv": "Bilaga: källor och koder",
        "en": "Appendix: sources and codes",
    },
    "report_page": {"fi": "Sivu {n}/{total}", "sv": "Sida {n}/{total}", "en": "Page {n}/{total}"},
    "report_charts": {"fi": "Kuvaajat", "sv": "Diagram", "en": "Charts"},
    "col_release": {"fi": "Julkaisu", "sv": "Publicering", "en": "Release"},
    "assessor_hint": {
        "fi": "Arvioija on organisaatio tai rooli. Teemojen koordinaattorit kirjaavat arviot tälle sivulle "
        "kirjauduttuaan; päivämäärä näkyy vain arvioidulla tavoitteella.",
        "sv": "Bedömaren är en organisation eller en roll. Temanas samordnare för in bedömningarna på den här "
        "sidan efter inloggning; datum visas bara för ett bedömt mål.",
        "en": "The assessor is an organisation or a role. The themes' coordinators enter the assessments on this "
        "page once signed in; a date shows only for an assessed goal.",
    },
    # --- issue 11: municipality page, downloads, card, map, since the last meeting ---
    "unit_row_percent": {"fi": "% työvoimasta", "sv": "% av arbetskraften", "en": "% of labour force"},
    "unit_percent_changes": {
        "fi": "% työvoimasta; muutokset %-yks.",
        "sv": "% av arbetskraften; förändringar i %-enh.",
        "en": "% of labour force; changes in pp",
    },
    "col_month_change": {"fi": "Muutos kuukaudessa", "sv": "Förändring på en månad", "en": "Change in a month"},
    "col_year_change": {"fi": "Muutos vuodessa", "sv": "Förändring på ett år", "en": "Change in a year"},
    "year_change_pct": {"fi": "Muutos vuodessa, %", "sv": "Förändring på ett år, %", "en": "Change in a year, %"},
    "proxy_also": {
        "fi": "{label} on myös korvike sarjalle {intended}.",
        "sv": "{label} används också i stället för {intended}.",
        "en": "{label} also stands in for {intended}.",
    },
    "not_a_municipality": {
        "fi": "{area} ei ole kunta. Valitse yksi {region_of} kunnista:",
        "sv": "{area} är inte en kommun. Välj en av kommunerna {region_where}:",
        "en": "{area} is not a municipality. Choose one of the municipalities of {region_name}:",
    },
    "six_title": {
        "fi": "{region_of} kunnat rinnakkain",
        "sv": "Kommunerna {region_where} sida vid sida",
        "en": "The municipalities of {region_name} side by side",
    },
    "codes_title": {
        "fi": "Taulukot ja koodit (jäljitettävyys)",
        "sv": "Tabeller och koder (spårbarhet)",
        "en": "Tables and codes (traceability)",
    },
    "notes_sheet": {"fi": "Tiedot", "sv": "Uppgifter", "en": "Notes"},
    "note_title": {"fi": "Otsikko", "sv": "Rubrik", "en": "Title"},
    "note_source": {"fi": "Lähde", "sv": "Källa", "en": "Source"},
    "note_table": {"fi": "Taulukko", "sv": "Tabell", "en": "Table"},
    "note_release": {"fi": "Julkaistu", "sv": "Publicerad", "en": "Released"},
    "note_licence": {"fi": "Lisenssi", "sv": "Licens", "en": "Licence"},
    "note_data": {"fi": "Aineisto", "sv": "Data", "en": "Data"},
    "note_official": {"fi": "virallinen tilasto", "sv": "officiell statistik", "en": "official statistics"},
    "note_proxies": {"fi": "Korvikkeet", "sv": "Ersättande serier", "en": "Proxies"},
    # --- issue 22: the monthly history for a memo ---
    "note_series": {"fi": "Sarja ja koodit", "sv": "Serie och koder", "en": "Series and codes"},
    "note_suppressed": {"fi": "Salatut luvut", "sv": "Skyddade uppgifter", "en": "Suppressed figures"},
    "note_break": {"fi": "Tilastomuutos", "sv": "Statistikändring", "en": "Break in the series"},
    "history_suppressed": {
        "fi": "'...' = luku on salattu tai puuttuu; tyhjä = ei lukua. Kumpikaan ei ole nolla.",
        "sv": "'...' = uppgiften är skyddad eller saknas; tom = ingen uppgift. Ingendera är noll.",
        "en": "'...' = the figure is suppressed or missing; empty = no figure. Neither is zero.",
    },
    "report_stem": {"fi": "raportti", "sv": "rapport", "en": "report"},  # the report's file name
    "history_title": {"fi": "Kuukausiluvut", "sv": "Månadsuppgifter", "en": "Monthly figures"},
    "history_sheet": {"fi": "Kuukausiluvut", "sv": "Månadsuppgifter", "en": "Monthly figures"},
    "history_stem": {"fi": "kuukausiluvut", "sv": "manadsuppgifter", "en": "monthly-figures"},
    "history_csv": {
        "fi": "Lataa kuukausiluvut (CSV)",
        "sv": "Ladda ner månadsuppgifterna (CSV)",
        "en": "Download the monthly figures (CSV)",
    },
    "history_xlsx": {
        "fi": "Lataa kuukausiluvut (Excel)",
        "sv": "Ladda ner månadsuppgifterna (Excel)",
        "en": "Download the monthly figures (Excel)",
    },
    "history_stem_periodic": {"fi": "tilastoluvut", "sv": "statistikuppgifter", "en": "statistics"},
    "history_csv_periodic": {
        "fi": "Lataa luvut (CSV)",
        "sv": "Ladda ner uppgifterna (CSV)",
        "en": "Download the figures (CSV)",
    },
    "history_xlsx_periodic": {
        "fi": "Lataa luvut (Excel)",
        "sv": "Ladda ner uppgifterna (Excel)",
        "en": "Download the figures (Excel)",
    },
    "six_unemployed": {"fi": "Työttömät", "sv": "Arbetslösa", "en": "Unemployed"},
    "six_unemployment_rate": {"fi": "Työttömien osuus", "sv": "Andel arbetslösa", "en": "Unemployed share"},
    "six_long_term_unemployed": {
        "fi": "Pitkäaikaistyöttömät",
        "sv": "Långtidsarbetslösa",
        "en": "Long-term unemployed",
    },
    "six_jobseekers_under30": {
        "fi": "Alle 25-v. työttömät",
        "sv": "Arbetslösa under 25 år",
        "en": "Unemployed under 25",
    },
    "six_open_vacancies": {"fi": "Avoimet työpaikat", "sv": "Lediga jobb", "en": "Open vacancies"},
    "six_year_change": {"fi": "muutos vuodessa", "sv": "förändring på ett år", "en": "change in a year"},
    "rank_col": {"fi": "Sija", "sv": "Placering", "en": "Rank"},
    "card_download": {
        "fi": "Lataa kuntakortti (PDF)",
        "sv": "Ladda ner kommunkortet (PDF)",
        "en": "Download the municipality card (PDF)",
    },
    "card_figures": {"fi": "Tunnusluvut", "sv": "Nyckeltal", "en": "Key figures"},
    "card_rank": {
        "fi": "Työttömien osuus työvoimasta: sija {rank}/{of} {region_of} kunnista (1 = korkein).",
        "sv": "Andelen arbetslösa av arbetskraften: plats {rank}/{of} bland kommunerna {region_where} (1 = högst).",
        "en": "Unemployed share of the labour force: rank {rank} of {of} {region_name} municipalities (1 = highest).",
    },
    "map_measure": {"fi": "Karttaan", "sv": "På kartan", "en": "On the map"},
    "map_rate": {
        "fi": "Työttömien osuus työvoimasta kunnittain",
        "sv": "Andelen arbetslösa av arbetskraften per kommun",
        "en": "Unemployed share of the labour force by municipality",
    },
    "map_change": {
        "fi": "Osuuden muutos vuodentakaisesta",
        "sv": "Andelens förändring från året innan",
        "en": "Change in the share from a year earlier",
    },
    "map_neighbour": {
        "fi": "Harmaa: naapurikunnat muissa maakunnissa",
        "sv": "Grått: grannkommuner i andra landskap",
        "en": "Grey: neighbouring municipalities in other regions",
    },
    "boundaries_source": {
        "fi": "Kuntarajat: Tilastokeskus, kunnat 2026 (yleistetty 2 km), CC BY 4.0",
        "sv": "Kommungränser: Statistikcentralen, kommuner 2026 (generaliserade 2 km), CC BY 4.0",
        "en": "Boundaries: Statistics Finland, municipalities 2026 (generalised 2 km), CC BY 4.0",
    },
    "since_title": {
        "fi": "Edellisen kokouksen jälkeen",
        "sv": "Sedan förra mötet",
        "en": "Since the last meeting",
    },
    "since_pick": {"fi": "Vertaa tietoihin", "sv": "Jämför med uppgifterna", "en": "Compare with the figures"},
    "since_meeting": {
        "fi": "kokouksessa {date} (julkaisu {release})",
        "sv": "vid mötet {date} (publicering {release})",
        "en": "at the meeting of {date} (release {release})",
    },
    "since_release": {"fi": "julkaisussa {date}", "sv": "i publiceringen {date}", "en": "in the release of {date}"},
    "since_none": {
        "fi": "Vain nykyinen julkaisu on tallessa; vertailu aiempaan näkyy, kun seuraava julkaisu on haettu.",
        "sv": "Endast den nuvarande publiceringen finns sparad; jämförelsen syns när nästa publicering har hämtats.",
        "en": "Only the current release is stored; the comparison appears once the next release has been fetched.",
    },
    "since_then": {"fi": "Silloin", "sv": "Då", "en": "Then"},
    "since_now": {"fi": "Nyt", "sv": "Nu", "en": "Now"},
    "since_change": {"fi": "Muutos", "sv": "Förändring", "en": "Change"},
    "since_revised": {"fi": "Korjattu", "sv": "Reviderad", "en": "Revised"},
    "since_revised_text": {
        "fi": "{month}: {old} → {new}",
        "sv": "{month}: {old} → {new}",
        "en": "{month}: {old} → {new}",
    },
    "since_note": {
        "fi": "Silloin: luvut sellaisina kuin ne tiedettiin valittuna päivänä. Korjattu: saman kuukauden "
        "luku on sittemmin muuttunut.",
        "sv": "Då: siffrorna såsom de var kända den valda dagen. Reviderad: samma månads siffra har "
        "ändrats sedan dess.",
        "en": "Then: the figures as known on the chosen day. Revised: the same month's figure has changed since.",
    },
    "report_since_intro": {
        "fi": "{area}: luvut sellaisina kuin ne tiedettiin kokouksessa {date} (julkaisu {release}), ja nyt.",
        "sv": "{area}: siffrorna såsom de var kända vid mötet {date} (publicering {release}), och nu.",
        "en": "{area}: the figures as known at the meeting of {date} (release {release}), and now.",
    },
    "report_since_none": {
        "fi": "Ei vertailua: tallessa ei ole nykyistä vanhempaa julkaisua, joka olisi ollut uusin jonkin "
        "aiemman kokouksen aikaan.",
        "sv": "Ingen jämförelse: ingen sparad publicering äldre än den nuvarande var den senaste vid något "
        "tidigare möte.",
        "en": "No comparison: no stored release older than today's was the latest at an earlier meeting.",
    },
    "report_since_error": {
        "fi": "Kokouksen {date} aikaista julkaisua ei voitu lukea ({error}); vertailu puuttuu.",
        "sv": "Publiceringen från mötet {date} kunde inte läsas ({error}); jämförelsen saknas.",
        "en": "The release current at the meeting of {date} could not be read ({error}); no comparison.",
    },
    "meetings_error": {
        "fi": "Kokouspäiviä ei voitu lukea, joten kokouksia ei voi valita vertailuun: {error}",
        "sv": "Mötesdagarna kunde inte läsas, så inga möten kan väljas för jämförelse: {error}",
        "en": "The meeting dates could not be read, so no meeting can be compared with: {error}",
    },
    "since_no_meetings": {
        "fi": "Ohjausryhmän kokouspäiviä ei ole vielä merkitty, joten kokouksia ei ole vertailtavaksi; "
        "sihteeri merkitsee ne Ohjelman teemat -sivulla.",
        "sv": "Styrgruppens mötesdagar har ännu inte förts in, så det finns inga möten att jämföra med; "
        "sekreteraren för in dem på sidan Programmets teman.",
        "en": "No meeting dates of the steering group are entered yet, so there is no meeting to compare with; "
        "the secretary enters them on the Programme themes page.",
    },
    "report_since_no_meetings": {
        "fi": "Ei vertailua edelliseen kokoukseen: ohjausryhmän kokouspäiviä ei ole vielä merkitty.",
        "sv": "Ingen jämförelse med förra mötet: styrgruppens mötesdagar har ännu inte förts in.",
        "en": "No comparison with the last meeting: no meeting dates of the steering group are entered yet.",
    },
    "report_since_meetings": {
        "fi": "Ei vertailua: kokouspäiviä ei voitu lukea ({error}).",
        "sv": "Ingen jämförelse: mötesdagarna kunde inte läsas ({error}).",
        "en": "No comparison: the meeting dates could not be read ({error}).",
    },
    "report_since_note": {
        "fi": "Silloin: luvut sellaisina kuin ne tiedettiin kokouspäivänä. * Korjattu: saman kuukauden luku on "
        "sittemmin muuttunut.",
        "sv": "Då: siffrorna såsom de var kända på mötesdagen. * Reviderad: samma månads siffra har ändrats "
        "sedan dess.",
        "en": "Then: the figures as known on the day of the meeting. * Revised: the same month's figure has "
        "changed since.",
    },
    # --- issue 10: fresh by itself (refresh requests, release calendar) ---
    "refresh_ask": {"fi": "Pyydä päivitystä", "sv": "Begär uppdatering", "en": "Ask for a refresh"},
    "refresh_ask_help": {
        "fi": "Yksi pyyntö kerrallaan kaikille katsojille; tiedot päivittyvät myös itsestään.",
        "sv": "En begäran åt gången för alla tittare; uppgifterna uppdateras också av sig själva.",
        "en": "One request at a time for every viewer; the data also refresh by themselves.",
    },
    "refresh_auto": {
        "fi": "Tiedot päivittyvät automaattisesti. Seuraava tarkistus: {when}.",
        "sv": "Uppgifterna uppdateras automatiskt. Nästa kontroll: {when}.",
        "en": "The data refresh automatically. Next check: {when}.",
    },
    "refresh_manual": {
        "fi": "Automaattinen päivitys ei ole käytössä; painike hakee uudet tiedot heti.",
        "sv": "Automatisk uppdatering är avstängd; knappen hämtar nya uppgifter genast.",
        "en": "Automatic refresh is off; the button fetches new figures at once.",
    },
    "refresh_wait": {
        "fi": "Päivitystä on jo pyydetty; seuraavan pyynnön voi tehdä {when}.",
        "sv": "En uppdatering har redan begärts; nästa kan begäras {when}.",
        "en": "A refresh was already asked for; the next request is possible {when}.",
    },
    "refresh_asked": {
        "fi": "Päivitys pyydetty: uudet tiedot haetaan hetken kuluttua kaikille katsojille.",
        "sv": "Uppdatering begärd: nya uppgifter hämtas strax för alla tittare.",
        "en": "Refresh asked for: new figures are fetched in a moment, for every viewer.",
    },
    "next_release": {
        "fi": "Seuraava julkaisu odotetaan {date}",
        "sv": "Nästa publicering väntas {date}",
        "en": "Next release expected {date}",
    },
    "next_release_late": {
        "fi": "Seuraavaa julkaisua odotettiin {date}; sitä ei ole vielä haettu",
        "sv": "Nästa publicering väntades {date}; den har ännu inte hämtats",
        "en": "The next release was expected {date}; it has not been fetched yet",
    },
    "new_since": {"fi": "uutta {date} alkaen", "sv": "nytt från {date}", "en": "new since {date}"},
    # issue 11 (presentation, languages and formats, accessibility)
    "deck_summary": {"fi": "Yhteenveto", "sv": "Sammanfattning", "en": "Summary"},
    "slide_previous": {"fi": "Edellinen", "sv": "Föregående", "en": "Previous"},
    "slide_next": {"fi": "Seuraava", "sv": "Nästa", "en": "Next"},
    "deck_and_downloads": {
        "fi": "Esitys ja lataukset",
        "sv": "Presentation och nedladdningar",
        "en": "Deck and downloads",
    },
    "deck": {"fi": "Esitys", "sv": "Presentation", "en": "Deck"},
    "event": {"fi": "Tapahtuma", "sv": "Händelse", "en": "Event"},
    "date": {"fi": "Päivä", "sv": "Datum", "en": "Date"},
    "licence": {"fi": "Lisenssi {licence}", "sv": "Licens {licence}", "en": "Licence {licence}"},
    "programme_approved": {
        "fi": "{region_of} työllisyysohjelma, hyväksytty {date}",
        "sv": "{region_of} sysselsättningsprogram, godkänt {date}",
        "en": "{region_name} employment programme, approved {date}",
    },
    "chart_menu": {"fi": "Kuvaajan valikko", "sv": "Diagrammets meny", "en": "Chart menu"},
    "sparkline": {
        "fi": "{label}, {months} kuukautta: alussa {first}, lopussa {last}; pienin {low}, suurin {high}.",
        "sv": "{label}, {months} månader: i början {first}, i slutet {last}; lägst {low}, högst {high}.",
        "en": "{label}, {months} months: first {first}, last {last}; lowest {low}, highest {high}.",
    },
    # --- writing in the app (ui/editing.py, issue 21) ---
    "edit_not_configured": {
        # for the viewer in words; the how-to (the secrets' [auth] and [editors]) is the README's, for whoever runs it
        "fi": "Vain luku: arvioita ei voi vielä kirjoittaa tässä sovelluksessa. Kojelaudan ylläpitäjä ottaa "
        "kirjoittamisen käyttöön määrittämällä kirjautumisen ja roolit; siihen asti koordinaattorit toimittavat "
        "arviot kojelaudan ylläpitäjälle.",
        "sv": "Endast läsning: bedömningar kan ännu inte skrivas i den här appen. Instrumentpanelens "
        "administratör aktiverar skrivandet genom att konfigurera inloggning och roller; till dess lämnar "
        "koordinatorerna sina bedömningar till administratören.",
        "en": "Read-only: assessments cannot yet be written in this app. The dashboard's administrator enables "
        "writing by configuring sign-in and roles; until then the coordinators send their assessments to the "
        "administrator.",
    },
    "edit_sign_in_hint": {
        "fi": "Teemojen koordinaattorit ja sihteeri kirjautuvat kirjoittaakseen arviot.",
        "sv": "Temanas samordnare och sekreteraren loggar in för att skriva bedömningarna.",
        "en": "The themes' coordinators and the secretary sign in to write the assessments.",
    },
    "sign_in": {"fi": "Kirjaudu", "sv": "Logga in", "en": "Sign in"},
    "sign_out": {"fi": "Kirjaudu ulos", "sv": "Logga ut", "en": "Sign out"},
    "signed_in_as": {
        "fi": "Kirjautunut: {who} – {role}",
        "sv": "Inloggad: {who} – {role}",
        "en": "Signed in: {who} – {role}",
    },
    "role_secretary": {
        "fi": "sihteeri (kaikki teemat, kokouspäivät, lopullisuus)",
        "sv": "sekreterare (alla teman, mötesdagar, slutlig markering)",
        "en": "secretary (every theme, meeting dates, final marks)",
    },
    "role_coordinator": {
        "fi": "koordinaattori, teemat {themes}",
        "sv": "samordnare, teman {themes}",
        "en": "coordinator, themes {themes}",
    },
    "role_reader": {
        "fi": "vain luku (ei kirjoitusoikeutta)",
        "sv": "endast läsning (ingen skrivrätt)",
        "en": "read-only (no writing role)",
    },
    "edit_title": {"fi": "Kirjaa arviot {half}", "sv": "För in bedömningar {half}", "en": "Enter assessments {half}"},
    "edit_limits": {
        "fi": "Arvio on pelkkää tekstiä, enintään {chars} merkkiä; muotoilu ja linkit näkyvät tekstinä. "
        "Päivämäärä jää pois, kun tila on ”ei arvioitu”.",
        "sv": "Bedömningen är ren text, högst {chars} tecken; formatering och länkar visas som text. "
        "Datumet utelämnas när läget är ”inte bedömt”.",
        "en": "The assessment is plain text, at most {chars} characters; formatting and links show as text. "
        "No date is kept while the state is “not assessed”.",
    },
    "edit_text": {
        "fi": "Arvio (enintään {chars} merkkiä)",
        "sv": "Bedömning (högst {chars} tecken)",
        "en": "Assessment (at most {chars} characters)",
    },
    "assessor_help": {
        "fi": "Organisaatio tai rooli, ei henkilön yhteystietoja.",
        "sv": "En organisation eller roll, inte en persons kontaktuppgifter.",
        "en": "An organisation or a role, not a person's contact details.",
    },
    "edit_date_help": {
        "fi": "Arvion päivä; ei tallenneta, kun tila on ”ei arvioitu”.",
        "sv": "Bedömningens datum; sparas inte när läget är ”inte bedömt”.",
        "en": "The day of the assessment; not kept while the state is “not assessed”.",
    },
    "edit_save": {"fi": "Tallenna", "sv": "Spara", "en": "Save"},
    "edit_saved": {
        "fi": "Tavoitteen {goal} arvio tallennettu.",
        "sv": "Bedömningen av mål {goal} sparad.",
        "en": "The assessment of goal {goal} is saved.",
    },
    "edit_refused": {"fi": "Ei tallennettu: {error}", "sv": "Inte sparat: {error}", "en": "Not saved: {error}"},
    "edit_final": {
        "fi": "{half} on merkitty lopulliseksi; raportti tulostaa sen sellaisenaan. Sihteeri voi avata sen uudelleen.",
        "sv": "{half} är markerat slutligt; rapporten skriver ut det som det är. Sekreteraren kan öppna det igen.",
        "en": "{half} is marked final; the report prints it as it is. The secretary can reopen it.",
    },
    "template_title": {"fi": "Täyttöpohja (YAML)", "sv": "Mall (YAML)", "en": "Template (YAML)"},
    "template_help": {
        "fi": "Lataa puolivuoden arviot tiedostona, täytä omat tavoitteesi ja tuo se takaisin; tiedosto "
        "tarkistetaan kuten lomake.",
        "sv": "Ladda ner halvårets bedömningar som fil, fyll i dina mål och importera den; filen kontrolleras "
        "som formuläret.",
        "en": "Download the half-year's assessments as a file, fill in your goals and import it; the file is "
        "checked as the form is.",
    },
    "template_download": {"fi": "Lataa täyttöpohja", "sv": "Ladda ner mallen", "en": "Download the template"},
    "template_upload": {"fi": "Täytetty tiedosto", "sv": "Ifylld fil", "en": "Filled-in file"},
    "template_import": {"fi": "Tuo arviot", "sv": "Importera bedömningarna", "en": "Import the assessments"},
    "template_imported": {
        "fi": "Tiedosto {file} tuotu.",
        "sv": "Filen {file} importerad.",
        "en": "The file {file} is imported.",
    },
    "entered_edit_title": {
        "fi": "Syötä luvut kaudelle",
        "sv": "Mata in siffror för perioden",
        "en": "Enter the figures of a half-year",
    },
    "entered_edit_help": {
        "fi": "Luku sellaisena kuin lähde sen julkaisee (desimaalipilkku ja välilyönnit käyvät: 1 234,5), yksikkö "
        "kolmella kielellä, kausi jota luku koskee (enintään {period} merkkiä), lähde ja syöttäjä (organisaatio tai "
        "rooli). Päiväys on tallennuspäivä. Teksti näkyy aina tekstinä.",
        "sv": "Siffran som källan publicerar den (decimalkomma och mellanslag går bra: 1 234,5), enheten på tre "
        "språk, perioden siffran gäller (högst {period} tecken), källan och vem som matar in (organisation eller "
        "roll). Datumet är dagen den sparas. Texten visas alltid som text.",
        "en": "The figure as its source publishes it (a decimal comma and spaces are fine: 1 234,5), its unit in "
        "three languages, the period it covers (at most {period} characters), its source and who enters it (an "
        "organisation or a role). The date is the day it is saved. Text is always shown as text.",
    },
    "entered_value": {"fi": "Luku (esim. 1 234,5)", "sv": "Siffra (t.ex. 1 234,5)", "en": "Value (e.g. 1 234,5)"},
    "entered_unit": {"fi": "Yksikkö ({code})", "sv": "Enhet ({code})", "en": "Unit ({code})"},
    "entered_period": {
        "fi": "Kausi, jota luku koskee (esim. 2025 tai 1-6/2026)",
        "sv": "Period som siffran gäller (t.ex. 2025 eller 1-6/2026)",
        "en": "Period the figure covers (e.g. 2025 or 1-6/2026)",
    },
    "entered_source": {"fi": "Lähde", "sv": "Källa", "en": "Source"},
    "entered_who": {
        "fi": "Syöttäjä (organisaatio tai rooli)",
        "sv": "Inmatad av (organisation eller roll)",
        "en": "Entered by (an organisation or a role)",
    },
    "entered_saved": {
        "fi": "Tallennettu kaudelle {half}: {figure}.",
        "sv": "Sparad för {half}: {figure}.",
        "en": "Saved for {half}: {figure}.",
    },
    "entered_file": {
        "fi": "Luvut tiedostona (YAML)",
        "sv": "Siffrorna som fil (YAML)",
        "en": "The figures as a file (YAML)",
    },
    "entered_file_help": {
        "fi": "Lataa kauden luvut tiedostona (varmuuskopio tai pohja) ja tuo täytetty tiedosto takaisin; tiedosto "
        "tarkistetaan kuten lomake.",
        "sv": "Ladda ner periodens siffror som fil (säkerhetskopia eller mall) och importera den ifyllda filen; "
        "filen kontrolleras som formuläret.",
        "en": "Download the half-year's figures as a file (a backup or a template) and import a filled-in file; "
        "the file is checked as the form is.",
    },
    "entered_download": {"fi": "Lataa luvut", "sv": "Ladda ner siffrorna", "en": "Download the figures"},
    "entered_import": {"fi": "Tuo luvut", "sv": "Importera siffrorna", "en": "Import the figures"},
    "secretary_title": {"fi": "Sihteerin työkalut", "sv": "Sekreterarens verktyg", "en": "Secretary's tools"},
    "meetings_title": {"fi": "Kokouspäivät", "sv": "Mötesdagar", "en": "Meeting dates"},
    "meetings_field": {
        "fi": "Ohjausryhmän kokoukset, yksi päivä riville (24.6.2026)",
        "sv": "Styrgruppens möten, en dag per rad (24.6.2026)",
        "en": "The steering group's meetings, one day a line (24.6.2026)",
    },
    "meetings_help": {
        "fi": "”Edellisen kokouksen jälkeen” vertaa lukuihin sellaisina kuin ne tiedettiin näinä päivinä.",
        "sv": "”Sedan förra mötet” jämför med siffrorna såsom de var kända dessa dagar.",
        "en": "“Since the last meeting” compares with the figures as known on these days.",
    },
    "meetings_saved": {
        "fi": "Kokouspäivät tallennettu.",
        "sv": "Mötesdagarna sparade.",
        "en": "The meeting dates are saved.",
    },
    "final_mark": {"fi": "Merkitse lopulliseksi", "sv": "Markera som slutligt", "en": "Mark final"},
    "final_marked": {
        "fi": "{half} merkitty lopulliseksi.",
        "sv": "{half} markerat slutligt.",
        "en": "{half} is marked final.",
    },
    "final_state": {
        "fi": "{half} lopullinen {date} alkaen.",
        "sv": "{half} slutligt sedan {date}.",
        "en": "{half} final since {date}.",
    },
    "final_reopen": {"fi": "Avaa uudelleen", "sv": "Öppna igen", "en": "Reopen"},
    "final_reopened": {"fi": "{half} avattu uudelleen.", "sv": "{half} öppnat igen.", "en": "{half} is reopened."},
    "changes_title": {"fi": "Muutoshistoria", "sv": "Ändringshistorik", "en": "History of changes"},
    "changes_empty": {"fi": "Ei muutoksia vielä.", "sv": "Inga ändringar ännu.", "en": "No changes yet."},
    "col_when": {"fi": "Milloin", "sv": "När", "en": "When"},
    "col_who": {"fi": "Kuka", "sv": "Vem", "en": "Who"},
    "col_what": {"fi": "Mitä", "sv": "Vad", "en": "What"},
    "col_before": {"fi": "Ennen", "sv": "Före", "en": "Before"},
    "col_after": {"fi": "Jälkeen", "sv": "Efter", "en": "After"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for a key in a language (falling back to Finnish), with {placeholders} filled.

    The region's name ({region_name}, {region_where}, {region_of}) and the programme's baseline
    ({base_first}, {base_last}, {base_year}, {approved}) are filled from the region served unless given.
    """
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    if "{region_" in text or "{base_" in text or "{approved}" in text:
        values = {**region_texts(lang), **values}
    return text.format(**values) if values else text


def region_texts(lang: str) -> dict[str, str]:
    """The region served in the forms interface texts use, and its programme's dates, as they are written."""
    region = load_region()
    baseline = programme_baseline(region)
    first = baseline.shift(-11)
    approved = region.programme.approved.isoformat() if region.programme else ""
    return {
        **region.forms(lang),
        "base_first": f"{first.month}/{first.year}",
        "base_last": f"{baseline.month}/{baseline.year}",
        "base_year": str(last_period_by(baseline, 12).year),  # the last whole year by the baseline month: 2020
        "approved": fmt_date(approved, lang) if approved else "",
    }

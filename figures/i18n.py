"""Interface texts in Finnish (default), Swedish and English."""

from __future__ import annotations

from data_sources.catalog import LANGUAGES as LANGUAGE_CODES

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
        "fi": "Kymenlaakson työllisyys",
        "sv": "Sysselsättningen i Kymmenedalen",
        "en": "Kymenlaakso employment",
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
    "view_index": {"fi": "Indeksi (3/2021 = 100)", "sv": "Index (3/2021 = 100)", "en": "Index (3/2021 = 100)"},
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
        "fi": "Tallennetuissa tiedoissa oli vika, ja se ohitettiin: {notes}",
        "sv": "Ett fel i de sparade uppgifterna hoppades över: {notes}",
        "en": "A fault in the stored data was skipped: {notes}",
    },
    "cache_missing": {
        "fi": "Välimuistikansiota ei ole; tiedot haetaan päivityksellä.",
        "sv": "Cachemappen saknas; uppgifterna hämtas vid uppdateringen.",
        "en": "The cache folder does not exist; a refresh fetches the data.",
    },
    "stale": {
        "fi": "Tietoja ei ole päivitetty {since} jälkeen: {reason}",
        "sv": "Uppgifterna har inte uppdaterats sedan {since}: {reason}",
        "en": "Not updated since {since}: {reason}",
    },
    "never_fetched": {
        "fi": "Taulukkoa ”{table}” ei ole vielä saatu, ja sitä tarvitsevat luvut puuttuvat: {reason}",
        "sv": "Tabellen ”{table}” har inte kunnat hämtas ännu, och uppgifter som behöver den saknas: {reason}",
        "en": "The table “{table}” has not been fetched yet, and the figures that need it are missing: {reason}",
    },
    "groups_glance": {"fi": "Kaikki ryhmät", "sv": "Alla grupper", "en": "All groups"},
    "group": {"fi": "Ryhmä", "sv": "Grupp", "en": "Group"},
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
    "unit_percent": {"fi": "%", "sv": "%", "en": "%"},
    "unit_share_labour_force": {"fi": "% työvoimasta", "sv": "% av arbetskraften", "en": "% of labour force"},
    "unit_per_1000": {"fi": "1 000 asukasta kohti", "sv": "per 1 000 invånare", "en": "per 1,000 inhabitants"},
    "unit_index": {"fi": "indeksi, 3/2021 = 100", "sv": "index, 3/2021 = 100", "en": "index, 3/2021 = 100"},
    "unit_yoy": {
        "fi": "muutos vuodentakaisesta",
        "sv": "förändring från året innan",
        "en": "change from a year earlier",
    },
    "event_programme": {"fi": "Ohjelma hyväksytty", "sv": "Programmet godkänt", "en": "Programme approved"},
    "event_reform": {
        "fi": "TE-palvelut kuntiin",
        "sv": "TE-tjänster till kommunerna",
        "en": "Services to municipalities",
    },
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
    "download_csv": {"fi": "Lataa CSV", "sv": "Ladda ner CSV", "en": "Download CSV"},
    "download_xlsx": {"fi": "Lataa Excel", "sv": "Ladda ner Excel", "en": "Download Excel"},
    "chart_summary": {"fi": "Kuvaajan tiivistelmä", "sv": "Sammanfattning av diagrammet", "en": "Chart summary"},
    "latest_month": {"fi": "Viimeisin kuukausi", "sv": "Senaste månad", "en": "Latest month"},
    "no_data": {
        "fi": "Tälle valinnalle ei ole lukuja.",
        "sv": "Inga uppgifter för detta val.",
        "en": "No figures for this selection.",
    },
    "rank": {"fi": "Sija kunnista", "sv": "Placering bland kommunerna", "en": "Rank among municipalities"},
    "rank_note": {"fi": "1 = korkein osuus", "sv": "1 = högsta andelen", "en": "1 = highest share"},
    "region": {"fi": "Maakunta", "sv": "Landskap", "en": "Region"},
    "country": {"fi": "Koko maa", "sv": "Hela landet", "en": "Whole country"},
    "figure": {"fi": "Luku", "sv": "Uppgift", "en": "Figure"},
    "value": {"fi": "Arvo", "sv": "Värde", "en": "Value"},
    "month": {"fi": "Kuukausi", "sv": "Månad", "en": "Month"},
    "refresh": {"fi": "Päivitä tiedot nyt", "sv": "Uppdatera uppgifterna nu", "en": "Refresh the data now"},
    "not_connected": {"fi": "Ei vielä kytketty", "sv": "Inte ännu ansluten", "en": "Not yet connected"},
    "connected": {"fi": "Avoin data", "sv": "Öppna data", "en": "Open data"},
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
    "report_command": {
        "fi": "Sama raportti syntyy myös komentoriviltä: {command}",
        "sv": "Samma rapport kan också göras från kommandoraden: {command}",
        "en": "The same report can also be made on the command line: {command}",
    },
    "programme_approved": {
        "fi": "Kymenlaakson työllisyysohjelma, hyväksytty {date}",
        "sv": "Kymmenedalens sysselsättningsprogram, godkänt {date}",
        "en": "Kymenlaakso employment programme, approved {date}",
    },
    "chart_menu": {"fi": "Kuvaajan valikko", "sv": "Diagrammets meny", "en": "Chart menu"},
    "sparkline": {
        "fi": "{label}, {months} kuukautta: alussa {first}, lopussa {last}; pienin {low}, suurin {high}.",
        "sv": "{label}, {months} månader: i början {first}, i slutet {last}; lägst {low}, högst {high}.",
        "en": "{label}, {months} months: first {first}, last {last}; lowest {low}, highest {high}.",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for a key in a language (falling back to Finnish), with {placeholders} filled."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text

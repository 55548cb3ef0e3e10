"""The catalog YAML: complete, consistent, and in the post-June-2026 codes."""

import copy

import pytest
import yaml

from data_sources.domain.catalog import CATALOG_PATH, CatalogError, load_catalog, parse_catalog
from data_sources.domain.region import load_region, with_region
from tests.fake_pxweb import CONTENTS_12R5

# The content codes of tyonv/12r5.px as the fake server serves them, transcribed from the API's metadata after
# 8 June 2026. No test reaches the live API: `python -m data_sources check` compares with it on a networked machine.
REAL_12R5_CODES = set(CONTENTS_12R5)


def raw_catalog():
    """The catalog's plain data with the default region's areas, as load_catalog composes it."""
    return with_region(yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8")), load_region())


def test_catalog_uses_the_post_june_2026_ids_and_codes(catalog):
    table = catalog.tables["tyonv_12r5"]
    assert (table.path, table.area_variable, table.time_variable, table.content_variable) == (
        "tyonv/12r5.px",
        "Alue",
        "timeperiod_m",
        "contentscode",
    )
    population = catalog.tables["vaerak_11ra"]
    assert (population.path, population.area_variable, population.time_variable) == (
        "vaerak/11ra.px",
        "alue_23_20260101",
        "timeperiod_y",
    )
    assert catalog.base_url == "https://pxdata.stat.fi/PxWeb/api/v1/fi"


def test_every_12r5_series_code_exists_in_the_table(catalog):
    used = set(catalog.content_codes("tyonv_12r5"))
    assert used <= REAL_12R5_CODES
    assert catalog.content_codes("vaerak_11ra") == ("vaerak-vaesto",)


def test_areas_are_the_region_its_subregions_municipalities_and_country(catalog):
    local = ("MK08", "SK081", "SK082", "KU075", "KU285", "KU286", "KU489", "KU624", "KU935", "SSS")
    assert catalog.local_area_codes == local
    # the 17 other mainland regions are fetched too (comparable regions, ranks), Åland is not
    others = [a.code for a in catalog.other_regions]
    assert others == [f"MK{n:02d}" for n in (1, 2, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)]
    assert set(catalog.area_codes) == set(local) | set(others)
    assert [a.name["fi"] for a in catalog.municipalities] == [
        "Hamina",
        "Kotka",
        "Kouvola",
        "Miehikkälä",
        "Pyhtää",
        "Virolahti",
    ]
    assert catalog.region_members["MK08"] == ("KU075", "KU285", "KU286", "KU489", "KU624", "KU935")
    assert len({a.colour for a in catalog.local_areas}) == len(catalog.local_areas)


def test_appendix2_series_are_all_there_and_proxies_say_so(catalog):
    appendix2 = [s.id for s in catalog.series if s.appendix2]
    assert appendix2 == [
        "jobseekers_all",
        "unemployed",
        "long_term_unemployed",
        "structural_long_term",
        "structural_comparable",
        "structural_from_services",
        "structural_service_to_service",
        "jobseekers_under30",
        "jobseekers_over55",
        "unemployed_foreign",
        "unemployed_disabled",
        "in_services",
        "open_vacancies",
    ]
    # one series per figure: no two series share a table and content code, so each figure has one name
    figures = [(s.table, s.content_code) for s in catalog.series if s.codes]
    assert len(figures) == len(set(figures))
    # and none by meaning: no two series want the same of the same table
    wanted = [(s.exact.table, repr(sorted(s.exact.select.items()))) for s in catalog.series if s.exact]
    assert len(wanted) == len(set(wanted)) == 17
    for series in catalog.series:
        if series.proxy:
            assert "korvike" in series.label["fi"].lower()
            assert "ersättande mått" in series.label["sv"].lower() and "ersättare" not in series.label["sv"].lower()
            assert "proxy" in series.label["en"].lower()
            # pages write "Korvike: <note>": the note must not say it again
            assert not any(
                series.proxy.note[lang].lower().startswith(("korvike", "ersätt", "proxy"))
                for lang in "fi sv en".split()
            )
    assert catalog.series_by_id("in_services").content_code == (
        "TYOLLISTETTYLOP+TYOHARJOITTELULOP+KOKEILULOP+TVKOULUTUSLOP+VALMENNUSLOP+MTPPALVELUTLOP"
    )


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda c: c["series"][0]["label"].pop("sv"), "series[0].label.sv: Field required"),
        (lambda c: c["series"][0].update(table="nope"), "series[0].table: unknown table 'nope'"),
        (lambda c: c["series"][0].update(formula=["A"]), "series[0]: give exactly one of code or formula"),
        (
            lambda c: c["series"][6]["proxy"]["note"].update(en=""),
            "series[6].proxy.note.en: must not be empty",
        ),
        (
            lambda c: c["series"][6]["label"].update(en="Structurally unemployed"),
            "series[6].label.en: a proxy's label must say 'proxy'",
        ),
        (
            lambda c: c["series"][6]["label"].update(sv="Strukturellt arbetslösa (ersättare – långtidsarbetslösa)"),
            "series[6].label.sv: a proxy's label must say 'ersättande mått'",
        ),
        (
            lambda c: c["series"][6]["proxy"]["note"].update(fi="Korvike – pitkäaikaistyöttömät."),
            "series[6].proxy.note.fi: a proxy's note must not start with 'korvike'",
        ),
        (lambda c: c["areas"].append(dict(c["areas"][0])), "areas[27].code: duplicate area code 'MK08'"),
        (
            lambda c: c["tables"]["tyonv_12r5"].update(path="statfin_tyonv_pxt_12r5"),
            "tables.tyonv_12r5.path: 'statfin_tyonv_pxt_12r5' must be '<folder>/<id>.px'",
        ),
        (lambda c: c["region_members"].update(MK08=["KU999"]), "region_members.MK08: unknown areas ['KU999']"),
    ],
)
def test_a_broken_catalog_is_refused_with_a_clear_reason(breakage, message):
    raw = copy.deepcopy(raw_catalog())
    assert raw["series"][6]["id"] == "long_term_unemployed"
    breakage(raw)
    with pytest.raises(CatalogError) as err:
        parse_catalog(raw)
    assert str(err.value) == message


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "frequency: yearly",
            "frequency: annual",
            "tables.vaerak_11ra.frequency: Input should be 'monthly', 'quarterly' or 'yearly', not 'annual'",
        ),
        (
            "en: Long-term unemployed (proxy for the structurally unemployed)",
            "en: Long-term unemployed",
            "series[6].label.en: a proxy's label must say 'proxy'",
        ),
        (
            "peer_series: unemployment_rate",
            "peer_series: unemployment",
            "comparison.peer_series: unknown series 'unemployment'",
        ),
    ],
    ids=["field", "cross-field", "cross-section"],
)
def test_a_broken_catalog_file_is_named_with_its_line_and_field(tmp_path, old, new, message):
    text = CATALOG_PATH.read_text(encoding="utf-8")
    path = tmp_path / "catalog.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalog(path)
    assert str(err.value) == f"{path}: line {line_of(text, old)}: {message}"


# --- theme 4.2's and 4.3's statistics -----------------------------------------------------------------------------

STATISTICS = {
    "aly_11yq": ("aly/11yq.px", "quarterly", "2013Q1", 75),
    "alyr_13ww": ("alyr/13ww.px", "yearly", "2013", 330),
    "tkke_13ra": ("tkke/13ra.px", "yearly", "2013", 300),
    "vkour_12bq": ("vkour/12bq.px", "yearly", "2013", 320),
}
THEIR_SERIES = {
    "business_openings": ("aly_11yq", "enterprises", "higher"),
    "business_closures": ("aly_11yq", "enterprises", "lower"),
    "business_stock": ("aly_11yq", "enterprises", "higher"),
    "establishments": ("alyr_13ww", "establishments", "higher"),
    "establishment_personnel": ("alyr_13ww", "person_years", "higher"),
    "establishment_turnover": ("alyr_13ww", "eur_thousand", "higher"),
    "rd_expenditure": ("tkke_13ra", "eur_million", "higher"),
    "rd_person_years": ("tkke_13ra", "person_years", "higher"),
    "population_15plus": ("vkour_12bq", "persons", "higher"),
    "tertiary_educated": ("vkour_12bq", "persons", "higher"),
    "tertiary_share": ("vkour_12bq", "percent", "higher"),
}


def test_the_themes_statistics_are_tables_read_by_meaning_of_their_own_frequency(catalog):
    for key, (path, frequency, first, lag) in STATISTICS.items():
        table = catalog.tables[key]
        assert (table.path, table.frequency, table.first_period, table.release_lag_days) == (
            path,
            frequency,
            first,
            lag,
        )
        assert table.by_meaning and table.title["fi"] and table.source["sv"] and table.source["en"]
    # the ids are from memory: the file says so beside them
    text = CATALOG_PATH.read_text(encoding="utf-8")
    assert all(f"path: {path}  # id unconfirmed" in text for path, *_ in STATISTICS.values())
    for series_id, (table, unit, better) in THEIR_SERIES.items():
        series = catalog.series_by_id(series_id)
        assert (series.table, series.unit, series.better, series.proxy) == (table, unit, better, None), series_id
        assert not series.codes, "no figures until found"
    assert catalog.series_by_id("rd_expenditure").decimals == 1
    share = catalog.series_by_id("tertiary_share")
    assert (share.ratio_of, share.decimals, share.exact) == (("tertiary_educated", "population_15plus"), 1, None)
    assert catalog.ratios_for_table("vkour_12bq") == (share,)
    # found, each takes its stored code; the share takes its own once both its parts are found
    shown = catalog.with_exact({"tertiary_educated": "a=1+2", "population_15plus": "a=0"})
    assert shown.series_by_id("tertiary_share").codes == ("100*tertiary_educated/population_15plus",)
    assert not catalog.with_exact({"tertiary_educated": "a=1+2"}).series_by_id("tertiary_share").codes


def series_at(raw: dict, series_id: str) -> tuple[int, dict]:
    return next((i, s) for i, s in enumerate(raw["series"]) if s["id"] == series_id)


@pytest.mark.parametrize(
    "series_id, change, message",
    [
        ("tertiary_share", {"unit": "persons"}, "must name two distinct series found by meaning in its table"),
        (
            "tertiary_share",
            {"ratio_of": ["tertiary_educated", "unemployed"]},
            "must name two distinct series found by meaning in its table",
        ),
        ("tertiary_share", {"code": "X"}, "a ratio of two series has no code, formula, exact or proxy of its own"),
        (
            "tertiary_educated",
            {"exact": {"table": "vkour_12bq", "select": {"Koulutusaste": {"starts_any": ["A", "A"]}}, "label": None}},
            "needs distinct texts",
        ),
    ],
)
def test_a_broken_ratio_or_sum_of_texts_is_refused(series_id, change, message):
    raw = copy.deepcopy(raw_catalog())
    index, series = series_at(raw, series_id)
    if "exact" in change:
        change["exact"]["label"] = series["exact"]["label"]
    series.update(change)
    with pytest.raises(CatalogError) as err:
        parse_catalog(raw)
    assert message in str(err.value) and f"series[{index}]" in str(err.value)

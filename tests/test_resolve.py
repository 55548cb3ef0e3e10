"""Series wanted by meaning, found in a table's metadata alone: no server, no data."""

from __future__ import annotations

import copy

import pandas as pd

from data_sources.domain.catalog import load_catalog
from data_sources.pxweb.resolve import Resolution, resolve, resolved_selections
from data_sources.snapshots.series_frame import resolved_cells
from tests.fake_pxweb import cube_metadata

CATALOG = load_catalog()


def wanted(series_id: str):
    series = CATALOG.series_by_id(series_id)
    assert series.exact is not None
    return series.exact, CATALOG.tables[series.exact.table]


def found(series_id: str, metadata: dict) -> Resolution:
    exact, table = wanted(series_id)
    return resolve(series_id, exact, table, metadata, CATALOG.resolution)


def meta_12ub() -> dict:
    return copy.deepcopy(cube_metadata("tyonv/12ub.px"))


def meta_12t8() -> dict:
    return copy.deepcopy(cube_metadata("tyonv/12t8.px"))


def variable(metadata: dict, text: str) -> dict:
    return next(v for v in metadata["variables"] if v["text"] == text)


def picked(resolution: Resolution) -> dict[str, tuple[str, ...]]:
    return {c.text: c.values for c in resolution.chosen}


def test_structural_unemployment_is_found_by_its_texts():
    resolution = found("long_term_unemployed", meta_12ub())
    assert resolution.found, resolution.line
    assert (resolution.area, resolution.time) == ("alue", "kuukausi")
    # the content by its text, the education level's "Yhteensä", sex eliminated (no total value, eliminable)
    assert picked(resolution) == {"Sukupuoli": (), "Koulutusaste": ("ka_yht",), "Tiedot": ("rt_yht",)}
    assert 'Tiedot (tiedot) = rt_yht "Rakennetyöttömät yhteensä"' in resolution.line
    assert "Sukupuoli (sukup): total (eliminated)" in resolution.line


def test_each_of_the_four_parts_is_found():
    codes = {
        series_id: picked(found(series_id, meta_12ub()))["Tiedot"]
        for series_id in (
            "structural_long_term",
            "structural_comparable",
            "structural_from_services",
            "structural_service_to_service",
        )
    }
    assert codes == {
        "structural_long_term": ("rt_pitk",),
        "structural_comparable": ("rt_rinn",),
        "structural_from_services": ("rt_palvt",),
        "structural_service_to_service": ("rt_palvp",),
    }


def test_renamed_codes_with_the_same_texts_are_found_under_their_new_codes():
    metadata = meta_12ub()
    for var in metadata["variables"]:
        var["code"] = f"{var['code']}_2027"
        var["values"] = [f"x{value}" for value in var["values"]]
    resolution = found("long_term_unemployed", metadata)
    assert resolution.found, resolution.line
    assert (resolution.area, resolution.time) == ("alue_2027", "kuukausi_2027")
    assert picked(resolution) == {"Sukupuoli": (), "Koulutusaste": ("xka_yht",), "Tiedot": ("xrt_yht",)}


def test_a_reordered_table_resolves_to_the_same_codes():
    metadata = meta_12ub()
    metadata["variables"] = metadata["variables"][::-1]
    before, after = found("long_term_unemployed", meta_12ub()), found("long_term_unemployed", metadata)
    assert after.found and picked(after) == picked(before) and (after.area, after.time) == (before.area, before.time)


def test_a_missing_content_is_one_line_saying_what_was_looked_for():
    metadata = meta_12ub()
    content = variable(metadata, "Tiedot")
    keep = [i for i, text in enumerate(content["valueTexts"]) if not text.startswith("Rakennetyöttömät")]
    content["values"] = [content["values"][i] for i in keep]
    content["valueTexts"] = [content["valueTexts"][i] for i in keep]
    resolution = found("long_term_unemployed", metadata)
    assert not resolution.found
    assert resolution.line == (
        "long_term_unemployed: not found in tyonv/12ub.px: looked for Tiedot: the value starting "
        "'Rakennetyöttömät yhteensä'; no value of 'Tiedot' starts 'Rakennetyöttömät yhteensä'"
    )
    assert "\n" not in resolution.line


def test_two_candidates_are_not_guessed_between():
    metadata = meta_12ub()
    content = variable(metadata, "Tiedot")
    content["values"].append("rt_yht_uusi")
    content["valueTexts"].append("Rakennetyöttömät yhteensä (uusi määritelmä)")
    resolution = found("long_term_unemployed", metadata)
    assert not resolution.found
    assert "two candidates in 'Tiedot' start 'Rakennetyöttömät yhteensä'" in resolution.problem
    assert "'Rakennetyöttömät yhteensä (uusi määritelmä)'" in resolution.problem


def test_a_total_that_is_neither_a_value_nor_eliminable_is_not_found():
    metadata = meta_12ub()
    education = variable(metadata, "Koulutusaste")
    education["values"], education["valueTexts"] = education["values"][1:], education["valueTexts"][1:]
    resolution = found("long_term_unemployed", metadata)
    assert not resolution.found and "no total of 'Koulutusaste'" in resolution.problem


def test_age_bands_are_read_from_their_texts():
    under30, over55 = found("jobseekers_under30", meta_12t8()), found("jobseekers_over55", meta_12t8())
    assert picked(under30)["Ikäryhmät"] == ("ika15", "ika20", "ika25")
    assert picked(over55)["Ikäryhmät"] == ("ika55", "ika60", "ika65")
    # every employment code (its total value), sex eliminated, the one content
    assert picked(under30) == {
        "Sukupuoli": (),
        "Ikäryhmät": ("ika15", "ika20", "ika25"),
        "Työllisyyskoodi": ("tk_sss",),
        "Tiedot": ("hakijat_kk",),
    }


def test_an_age_band_across_the_limit_is_not_found():
    metadata = meta_12t8()
    ages = variable(metadata, "Ikäryhmät")
    ages["valueTexts"] = [text.replace("25 - 29", "25 - 34") for text in ages["valueTexts"]]
    resolution = found("jobseekers_under30", metadata)
    assert not resolution.found and "the age band '25 - 34' of 'Ikäryhmät' crosses 30" in resolution.problem


def test_age_bands_summed_with_a_missing_part_missing():
    """Hand-computed: 3 + 8 + 11 = 22 for KU075 in 2026M05; in 2026M06 a band is suppressed, so the sum is too."""
    resolution = found("jobseekers_under30", meta_12t8())
    rows = [
        ("KU075", "2026M05", "ika15", 3.0, None),
        ("KU075", "2026M05", "ika20", 8.0, None),
        ("KU075", "2026M05", "ika25", 11.0, None),
        ("KU075", "2026M06", "ika15", None, "..."),
        ("KU075", "2026M06", "ika20", 9.0, None),
        ("KU075", "2026M06", "ika25", 12.0, None),
    ]
    cells = pd.DataFrame(rows, columns=["Alue", "Kuukausi", "Ikaryhma", "value", "status"])
    cells["Tyollisyyskoodi"], cells["ContentCode"] = "tk_sss", "hakijat_kk"
    summed = resolved_cells(cells, resolution).set_index("time_code")
    assert summed.loc["2026M05", "value"] == 22.0 and pd.isna(summed.loc["2026M05", "status"])
    assert pd.isna(summed.loc["2026M06", "value"]) and summed.loc["2026M06", "status"] == "..."


def test_the_query_asks_for_the_chosen_values_and_leaves_eliminated_ones_out():
    metadata = meta_12t8()
    resolution = found("jobseekers_over55", metadata)
    exact, table = wanted("jobseekers_over55")
    selections = {
        s.code: s.values for s in resolved_selections(resolution, table, metadata, ("MK08", "KU075", "KU999"))
    }
    assert list(selections) == ["Alue", "Kuukausi", "Ikaryhma", "Tyollisyyskoodi", "ContentCode"]
    assert selections["Alue"] == ("MK08", "KU075")  # an area the table lacks is not asked for
    assert selections["Ikaryhma"] == ("ika55", "ika60", "ika65")
    assert selections["Kuukausi"][0] == table.first_period


def test_a_resolution_survives_its_json():
    resolution = found("jobseekers_over55", meta_12t8())
    assert Resolution.from_json(resolution.to_json()) == resolution


# --- theme 4.2's and 4.3's statistics: quarterly and yearly tables, values summed by their texts -------------------


def meta(table: str, last: str) -> dict:
    return copy.deepcopy(cube_metadata(table, last))


def test_a_quarterly_time_variable_is_found_by_its_text_vuosineljannes():
    metadata = meta("aly/11yq.px", "2026Q2")
    resolution = found("business_openings", metadata)
    assert resolution.found, resolution.line
    assert (resolution.area, resolution.time) == ("Kunta", "Vuosineljannes")
    # the industry's total by its text "Toimialat yhteensä", the content by the text it starts
    assert picked(resolution) == {"Toimiala": ("SSS",), "Tiedot": ("aloitt",)}
    # without the time flag the text alone finds it
    del variable(metadata, "Vuosineljännes")["time"]
    assert found("business_openings", metadata).time == "Vuosineljannes"


def test_a_quarterly_table_is_queried_from_its_first_quarter():
    metadata = meta("aly/11yq.px", "2026Q2")
    exact, table = wanted("business_closures")
    resolution = resolve("business_closures", exact, table, metadata, CATALOG.resolution)
    time = resolved_selections(resolution, table, metadata, CATALOG.area_codes)[1]
    assert (time.values[0], time.values[-1], len(time.values)) == ("2013Q1", "2026Q2", 4 * 13 + 2)


def test_the_totals_kaikki_toimialat_and_sektorit_yhteensa_are_found():
    assert picked(found("establishment_turnover", meta("alyr/13ww.px", "2024"))) == {
        "Toimiala": ("tol_yht",),
        "Tiedot": ("lvaihto",),
    }
    assert picked(found("rd_person_years", meta("tkke/13ra.px", "2024"))) == {
        "Sektori": ("S_yht",),
        "Tiedot": ("tk_htv",),
    }


def test_the_tertiary_educated_are_the_four_tertiary_levels_summed():
    resolution = found("tertiary_educated", meta("vkour/12bq.px", "2024"))
    assert resolution.found, resolution.line
    assert picked(resolution) == {
        "Koulutusaste": ("5", "6", "7", "8"),
        "Sukupuoli": (),
        "Ikä": ("SSS",),
        "Tiedot": ("vaesto",),
    }
    assert (
        'Koulutusaste (Koulutusaste) = 5 "Alin korkea-aste" + 6 "Alempi korkeakouluaste" + '
        '7 "Ylempi korkeakouluaste" + 8 "Tutkijakoulutusaste"'
    ) in resolution.line
    assert picked(found("population_15plus", meta("vkour/12bq.px", "2024")))["Koulutusaste"] == ("SSS",)


def test_a_tertiary_level_missing_is_not_found_with_one_line():
    metadata = meta("vkour/12bq.px", "2024")
    education = variable(metadata, "Koulutusaste")
    at = education["valueTexts"].index("Tutkijakoulutusaste")
    del education["values"][at], education["valueTexts"][at]
    resolution = found("tertiary_educated", metadata)
    assert not resolution.found
    assert resolution.line == (
        "tertiary_educated: not found in vkour/12bq.px: looked for Koulutusaste: the sum of the values starting "
        "'Alin korkea-aste' + 'Alempi korkeakouluaste' + 'Ylempi korkeakouluaste' + 'Tutkijakoulutusaste'; "
        "no value of 'Koulutusaste' starts 'Tutkijakoulutusaste'"
    )


def test_a_tertiary_level_twice_is_two_candidates_not_a_guess():
    metadata = meta("vkour/12bq.px", "2024")
    education = variable(metadata, "Koulutusaste")
    education["values"].append("6b")
    education["valueTexts"].append("Alempi korkeakouluaste (ammattikorkeakoulu)")
    resolution = found("tertiary_educated", metadata)
    assert not resolution.found
    assert resolution.problem.endswith(
        "two candidates in 'Koulutusaste' start 'Alempi korkeakouluaste': "
        "'Alempi korkeakouluaste', 'Alempi korkeakouluaste (ammattikorkeakoulu)'"
    )

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

"""End to end: series read by meaning from the fake's 12ub and 12t8, against figures computed from its base cells."""

from __future__ import annotations

import math

import pandas as pd

from data_sources.service.commands import check
from data_sources.service.commands import refresh as main
from data_sources.snapshots.dataset import load_dataset
from tests.fake_pxweb import AGGREGATES, CUBES, MONTH_INDEX, MUNICIPALITIES, SUPPRESS_BELOW, base_cell
from tests.tables import page_tables
from tests.test_app import open_app

UB, T8 = "tyonv/12ub.px", "tyonv/12t8.px"
CHECKED_MONTHS = ("2009M01", "2020M04", "2025M01", "2026M05", "2026M06")


def refresh(fake, cache_dir) -> int:
    return main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(cache_dir)])


def expected(table: str, area: str, month: str, pinned: dict[str, list[str]]) -> float:
    """A served cell computed from the base cells: every combination of `pinned` values (a variable not pinned
    takes each of its base values), over the area's municipalities; a municipality's 1–4 is suppressed."""
    cube = CUBES[table]
    combos: list[dict[str, str]] = [{}]
    for dim in cube.dimensions:
        combos = [c | {dim.code: v} for c in combos for v in pinned.get(dim.code, list(dim.shares))]
    members = AGGREGATES[area][1] if area in AGGREGATES else [area]
    value = sum(base_cell(cube, m, MONTH_INDEX[month], c) for m in members for c in combos)
    return math.nan if area in MUNICIPALITIES and 0 < value < SUPPRESS_BELOW else value


def structural(area: str, month: str, parts: list[str]) -> float:
    """12ub's content: the total is the four parts, each over both sexes and the three education levels."""
    return expected(UB, area, month, {"tiedot": parts})


def jobseekers(area: str, month: str, bands: list[str]) -> float:
    """12t8: each age band a cell of its own (all sexes, all employment codes); a band suppressed, the sum missing."""
    return sum(expected(T8, area, month, {"Ikaryhma": [band]}) for band in bands)


PARTS = {
    "structural_long_term": ["rt_pitk"],
    "structural_comparable": ["rt_rinn"],
    "structural_from_services": ["rt_palvt"],
    "structural_service_to_service": ["rt_palvp"],
}
EXPECTED = {
    "long_term_unemployed": lambda area, month: structural(area, month, ["rt_pitk", "rt_rinn", "rt_palvt", "rt_palvp"]),
    **{series: (lambda area, month, codes=codes: structural(area, month, codes)) for series, codes in PARTS.items()},
    "jobseekers_under30": lambda area, month: jobseekers(area, month, ["ika15", "ika20", "ika25"]),
    "jobseekers_over55": lambda area, month: jobseekers(area, month, ["ika55", "ika60", "ika65"]),
}


def test_exact_series_equal_the_fakes_figures_for_the_region_and_every_municipality(fake, cache_dir, catalog):
    assert refresh(fake, cache_dir) == 0
    data = load_dataset(cache_dir, catalog)
    frame = data.frame
    areas = [catalog.region_code, *catalog.region_members[catalog.region_code], catalog.country_code]
    missing_seen = 0
    for series_id, figure in EXPECTED.items():
        rows = frame[frame["series"] == series_id]
        assert set(rows["table"]) == {UB if series_id in PARTS or series_id == "long_term_unemployed" else T8}
        for area in areas:
            for month in CHECKED_MONTHS:
                row = rows[(rows["area_code"] == area) & (rows["period"] == pd.Timestamp(month.replace("M", "-")))]
                assert len(row) == 1, (series_id, area, month)
                want, got = figure(area, month), row["value"].iloc[0]
                if math.isnan(want):
                    missing_seen += 1
                    assert math.isnan(got) and row["status"].iloc[0] in ("..", "..."), (series_id, area, month)
                else:
                    assert got == want, (series_id, area, month)
    assert missing_seen  # the small municipalities' suppressed cells were met, and stayed missing (never 0)


def test_exact_series_show_under_their_own_names_with_the_resolution(fake, cache_dir, catalog):
    assert refresh(fake, cache_dir) == 0
    data = load_dataset(cache_dir, catalog)
    shown = data.catalog
    assert shown is not None
    for series_id in EXPECTED:
        series = shown.series_by_id(series_id)
        assert series.proxy is None and "korvike" not in series.label["fi"].lower(), series_id
    assert shown.series_by_id("long_term_unemployed").label["fi"] == "Rakennetyöttömät"
    assert shown.series_by_id("jobseekers_under30").label["fi"] == "Alle 30-vuotiaat työnhakijat"
    under30 = shown.series_by_id("jobseekers_under30")
    assert (
        under30.content_code
        == "Sukupuoli=*; Ikaryhma=ika15+ika20+ika25; Tyollisyyskoodi=tk_sss; ContentCode=hakijat_kk"
    )
    # the stand-in's own rows (12r5) give way: one series, one figure
    assert set(data.frame.loc[data.frame["series"] == "jobseekers_under30", "table"]) == {T8}
    # the resolution is stored with the release: table, codes and texts
    stored = data.provenance["tyonv_12t8"].resolutions
    assert [r["series_id"] for r in stored] == ["jobseekers_under30", "jobseekers_over55"]
    lines = {r.series_id: r.line for r in data.resolutions}
    assert 'Ikäryhmät (Ikaryhma) = ika15 "15 - 19" + ika20 "20 - 24" + ika25 "25 - 29"' in lines["jobseekers_under30"]
    assert lines["long_term_unemployed"].startswith("long_term_unemployed: tyonv/12ub.px, area alue, time kuukausi;")


def test_structural_unemployment_is_the_sum_of_its_four_parts_where_all_are_known(fake, cache_dir, catalog):
    assert refresh(fake, cache_dir) == 0
    frame = load_dataset(cache_dir, catalog).frame
    wide = frame[frame["table"] == UB].pivot_table(
        index=["area_code", "period"], columns="series", values="value", dropna=False
    )
    whole = wide[list(PARTS)].notna().all(axis=1)
    assert whole.sum() > 0.9 * len(wide)
    assert (wide.loc[whole, list(PARTS)].sum(axis=1) == wide.loc[whole, "long_term_unemployed"]).all()


def test_a_table_that_is_gone_leaves_the_stand_in_labelled_and_one_line_why(fake, cache_dir, catalog, capsys):
    assert refresh(fake, cache_dir) == 0
    fake.state.gone.add(UB)
    fake.publish("2026M07", "2026-08-18T05:00:00Z", cubes=True)
    assert main(["--base-url", fake.base_url, "--cache-dir", str(cache_dir)]) == 0
    out = capsys.readouterr().out
    data = load_dataset(cache_dir, catalog)
    series = data.catalog.series_by_id("long_term_unemployed")
    assert series.proxy is not None and "korvike" in series.label["fi"]
    rows = data.frame[data.frame["series"] == "long_term_unemployed"]
    assert set(rows["table"]) == {"tyonv/12r5.px"} and set(rows["content_code"]) == {"PITKAAIKAISTYOTTOMAT"}
    assert not set(data.frame["series"]) & set(PARTS)  # the parts have no stand-in: absent, not stale
    line = (
        "long_term_unemployed: not found in tyonv/12ub.px: looked for Tiedot: the value starting "
        "'Rakennetyöttömät yhteensä'; not in the folder listing of tyonv (renamed?)"
    )
    assert [r.line for r in data.resolutions if r.series_id == "long_term_unemployed"] == [line]
    assert out.count(line) == 1
    # the other table still resolves
    assert data.catalog.series_by_id("jobseekers_over55").proxy is None


def test_check_prints_every_resolution_against_the_fake(fake, capsys):
    assert check(["--base-url", fake.base_url]) == 0
    out = capsys.readouterr().out
    for series_id in EXPECTED:
        assert sum(line.startswith(f"OK   {series_id}: tyonv/") for line in out.splitlines()) == 1, series_id
    assert "OK   jobseekers_over55: tyonv/12t8.px, area Alue, time Kuukausi; Sukupuoli (Sukupuoli): total" in out


def test_check_proposes_the_table_a_renamed_one_moved_to(fake, capsys):
    fake.state.moved[UB] = "tyonv/13ab.px"  # the next rename: the same table under a new id
    assert check(["--base-url", fake.base_url]) == 1
    lines = capsys.readouterr().out.splitlines()
    for series_id in ["long_term_unemployed", *PARTS]:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"BAD  {series_id}: not found in {UB}: "))
        assert lines[at + 1].startswith("       could hold it: tyonv/13ab.px  Rakennetyöttömät sukupuolen"), series_id
    assert any(line.startswith("OK   jobseekers_under30: tyonv/12t8.px") for line in lines)


def test_the_data_page_shows_each_resolution(real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, page="screens/data.py")
    (found,) = [table for table in page_tables(at) if "Mistä löytyi (koodit ja tekstit)" in table.reset_index().columns]
    found = found.reset_index().set_index("Sarja")
    assert list(found.index)[:7] == [
        "Rakennetyöttömät",
        "Rakennetyöttömät: pitkäaikaistyöttömät",
        "Rakennetyöttömät: rinnasteiset pitkäaikaistyöttömät",
        "Rakennetyöttömät: palveluilta työttömäksi jääneet",
        "Rakennetyöttömät: palveluilta palveluille siirtyneet",
        "Alle 30-vuotiaat työnhakijat",
        "Yli 55-vuotiaat työnhakijat",
    ]
    # then theme 4.2's and 4.3's statistics (tests/test_statistics_series.py)
    assert {"Aloittaneet yritykset", "Toimipaikat", "Tutkimus- ja kehittämistoiminnan menot"} <= set(found.index[7:])
    assert set(found["Tila"]) == {"löytyi"}
    assert found.loc["Rakennetyöttömät", "Taulukko"] == UB
    where = found.loc["Alle 30-vuotiaat työnhakijat", "Mistä löytyi (koodit ja tekstit)"]
    assert 'Ikäryhmät (Ikaryhma) = ika15 "15 - 19" + ika20 "20 - 24" + ika25 "25 - 29"' in where


def test_codes_renamed_in_a_new_release_are_resolved_again(fake, cache_dir, catalog):
    assert refresh(fake, cache_dir) == 0
    before = load_dataset(cache_dir, catalog)
    fake.state.recode = "_2027"  # the next rename: every variable and value code new, the texts the same
    fake.publish("2026M07", "2026-08-18T05:00:00Z", cubes=True)
    assert refresh(fake, cache_dir) == 0
    after = load_dataset(cache_dir, catalog)
    lines = {r.series_id: r.line for r in after.resolutions}
    assert 'Tiedot (tiedot_2027) = rt_yht_2027 "Rakennetyöttömät yhteensä"' in lines["long_term_unemployed"]
    assert "area alue_2027, time kuukausi_2027" in lines["long_term_unemployed"]
    assert after.provenance["tyonv_12ub"].release == "2026-08-18T05:00:00Z"
    assert after.shown_catalog.series_by_id("jobseekers_over55").content_code == (
        "Sukupuoli_2027=*; Ikaryhma_2027=ika55_2027+ika60_2027+ika65_2027; "
        "Tyollisyyskoodi_2027=tk_sss_2027; ContentCode_2027=hakijat_kk_2027"
    )
    # the figures go on: June's as before, July's new, and still the fake's
    for series_id, figure in EXPECTED.items():
        rows = after.frame[(after.frame["series"] == series_id) & (after.frame["area_code"] == catalog.region_code)]
        by_month = rows.set_index("period")["value"]
        old = before.frame[(before.frame["series"] == series_id) & (before.frame["area_code"] == catalog.region_code)]
        assert by_month[pd.Timestamp("2026-06-01")] == old.set_index("period")["value"][pd.Timestamp("2026-06-01")]
        assert by_month[pd.Timestamp("2026-07-01")] == figure(catalog.region_code, "2026M07"), series_id

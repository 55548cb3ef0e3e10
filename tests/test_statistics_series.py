"""End to end: theme 4.2's and 4.3's statistics (quarterly and yearly tables read by meaning) against the fake's
figures, computed here from its base cells; the demo's figures for them."""

from __future__ import annotations

import math

import pandas as pd

from data_sources.service.commands import check
from data_sources.service.commands import refresh as main
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.refresh_run import refresh_cache_dir
from data_sources.snapshots.series_frame import judge_release
from tests.fake_pxweb import AGGREGATES, CUBES, MUNICIPALITIES, SUPPRESS_BELOW, FakePxWeb, base_cell, period_index

ALY, ALYR, TKKE, VKOUR = "aly/11yq.px", "alyr/13ww.px", "tkke/13ra.px", "vkour/12bq.px"
QUARTERS = ("2013Q1", "2020Q2", "2025Q3", "2026Q2")
YEARS = ("2013", "2020", "2024")


def refresh(fake, cache_dir) -> int:
    return main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(cache_dir)])


def expected(table: str, area: str, period: str, pinned: dict[str, list[str]]) -> float:
    """A served cell from the base cells: every combination of `pinned` values (a variable not pinned takes each of
    its base values), over the area's municipalities; a municipality's 1–4, or a cell the table keeps confidential
    for it, is suppressed."""
    cube = CUBES[table]
    combos: list[dict[str, str]] = [{}]
    for dim in cube.dimensions:
        combos = [c | {dim.code: v} for c in combos for v in pinned.get(dim.code, list(dim.shares))]
    members = AGGREGATES[area][1] if area in AGGREGATES else [area]
    value = sum(base_cell(cube, m, period_index(period), c) for m in members for c in combos)
    if area in MUNICIPALITIES:
        secret = any((area, v) in cube.confidential for values in pinned.values() for v in values)
        if secret or 0 < value < SUPPRESS_BELOW:
            return math.nan
    return value


def tertiary_share(area: str, year: str) -> float:
    """100 × the four tertiary levels (each a cell of its own, a suppressed one makes the sum missing) over everyone
    15 or older, rounded to a decimal as the app shows the share."""
    levels = [expected(VKOUR, area, year, {"Koulutusaste": [level]}) for level in ("5", "6", "7", "8")]
    everyone = expected(VKOUR, area, year, {})
    return round(100 * sum(levels) / everyone, 1)


EXPECTED = {
    "business_openings": (ALY, QUARTERS, lambda area, q: expected(ALY, area, q, {"Tiedot": ["aloitt"]})),
    "establishments": (ALYR, YEARS, lambda area, y: expected(ALYR, area, y, {"contentscode": ["tp_lkm"]})),
    "establishment_turnover": (ALYR, YEARS, lambda area, y: expected(ALYR, area, y, {"contentscode": ["lvaihto"]})),
    "rd_expenditure": (TKKE, YEARS, lambda area, y: expected(TKKE, area, y, {"Tiedot": ["tk_menot"]})),
    "tertiary_share": (VKOUR, YEARS, tertiary_share),
}


def served(table: str, catalog) -> list[str]:
    """The areas checked: the region, its municipalities and the country; the regions only where the table has no
    municipalities (R&D)."""
    if table == TKKE:
        return [catalog.region_code, *(a.code for a in catalog.other_regions), catalog.country_code]
    return [catalog.region_code, *catalog.region_members[catalog.region_code], catalog.country_code]


def stored_period(period: str) -> pd.Timestamp:
    """A period's first day, written out: '2025Q3' -> 1.7.2025, '2024' -> 1.1.2024."""
    if "Q" in period:
        year, quarter = period.split("Q")
        return pd.Timestamp(f"{year}-{ {'1': '01', '2': '04', '3': '07', '4': '10'}[quarter] }-01")
    return pd.Timestamp(f"{period}-01-01")


def test_the_themes_statistics_equal_the_fakes_figures_for_the_region_and_every_municipality(fake, cache_dir, catalog):
    assert refresh(fake, cache_dir) == 0
    frame = load_dataset(cache_dir, catalog).frame
    missing_seen = set()
    for series_id, (table, periods, figure) in EXPECTED.items():
        rows = frame[frame["series"] == series_id]
        assert set(rows["table"]) == {table}, series_id
        for area in served(table, catalog):
            for period in periods:
                row = rows[(rows["area_code"] == area) & (rows["period"] == stored_period(period))]
                assert len(row) == 1, (series_id, area, period)
                want, got = figure(area, period), row["value"].iloc[0]
                if math.isnan(want):
                    missing_seen.add(series_id)
                    assert math.isnan(got) and row["status"].iloc[0] == "..", (series_id, area, period)
                else:
                    assert got == want, (series_id, area, period, got, want)
    # Miehikkälä's turnover and its tertiary share are suppressed, and stay missing (never 0)
    assert {"establishment_turnover", "tertiary_share"} <= missing_seen
    # R&D has no municipal figures at all
    rd = frame[frame["series"] == "rd_expenditure"]
    assert set(rd["area_code"]) == set(served(TKKE, catalog))


def test_a_suppressed_municipal_cell_stays_missing_with_its_symbol(fake, cache_dir, catalog):
    assert refresh(fake, cache_dir) == 0
    frame = load_dataset(cache_dir, catalog).frame
    mine = frame[frame["area_code"] == "KU489"].set_index(["series", "period"])
    year = pd.Timestamp("2024-01-01")
    assert math.isnan(mine.loc[("establishment_turnover", year), "value"])
    assert mine.loc[("establishment_turnover", year), "status"] == ".."
    assert mine.loc[("establishments", year), "value"] == expected(ALYR, "KU489", "2024", {"contentscode": ["tp_lkm"]})
    # the share of a suppressed part is missing with the part's symbol, never 0
    assert math.isnan(mine.loc[("tertiary_educated", year), "value"])
    assert math.isnan(mine.loc[("tertiary_share", year), "value"])
    assert mine.loc[("tertiary_share", year), "status"] == ".."
    # the region still holds its whole figure (the municipality's part counted)
    region = frame[(frame["area_code"] == "MK08") & (frame["series"] == "establishment_turnover")]
    assert region.set_index("period").loc[year, "value"] == expected(
        ALYR, "MK08", "2024", {"contentscode": ["lvaihto"]}
    )


def test_periods_are_stored_as_their_first_day(fake, cache_dir, catalog):
    assert refresh(fake, cache_dir) == 0
    frame = load_dataset(cache_dir, catalog).frame
    openings = frame[(frame["series"] == "business_openings") & (frame["area_code"] == "MK08")]
    assert pd.Timestamp("2025-07-01") in set(openings["period"])  # 2025Q3
    assert openings["period"].min() == pd.Timestamp("2013-01-01")  # the catalog's first period, 2013Q1
    assert openings["period"].max() == pd.Timestamp("2026-04-01")  # 2026Q2
    assert len(openings) == 4 * 13 + 2
    establishments = frame[(frame["series"] == "establishments") & (frame["area_code"] == "MK08")]
    assert establishments["period"].max() == pd.Timestamp("2024-01-01")
    assert list(establishments["period"]) == [pd.Timestamp(f"{y}-01-01") for y in range(2013, 2025)]


def test_the_summary_lists_each_resolution_and_the_share(fake, cache_dir, capsys):
    assert main(["--base-url", fake.base_url, "--cache-dir", str(cache_dir)]) == 0
    out = capsys.readouterr().out
    for series_id, (table, _, _) in EXPECTED.items():
        if series_id != "tertiary_share":
            assert f"{series_id}: {table}, area " in out, series_id
    assert (
        "business_openings: aly/11yq.px, area Kunta, time Vuosineljannes; Toimiala (Toimiala) = SSS "
        '"Toimialat yhteensä"; Tiedot (Tiedot) = aloitt "Aloittaneet yritykset"'
    ) in out
    assert (
        "tertiary_share: vkour/12bq.px, 100 × tertiary_educated / population_15plus, computed from the two found" in out
    )


def test_check_lists_each_new_resolution(fake, capsys):
    assert check(["--base-url", fake.base_url]) == 0
    out = capsys.readouterr().out.splitlines()
    for series_id, table in [
        ("business_openings", ALY),
        ("business_closures", ALY),
        ("business_stock", ALY),
        ("establishments", ALYR),
        ("establishment_personnel", ALYR),
        ("establishment_turnover", ALYR),
        ("rd_expenditure", TKKE),
        ("rd_person_years", TKKE),
        ("population_15plus", VKOUR),
        ("tertiary_educated", VKOUR),
        ("tertiary_share", VKOUR),
    ]:
        assert sum(line.startswith(f"OK   {series_id}: {table}, ") for line in out) == 1, series_id


def test_a_table_gone_from_its_folder_leaves_its_series_missing_with_one_line_why(fake, cache_dir, catalog, capsys):
    assert refresh(fake, cache_dir) == 0
    fake.state.gone.add(TKKE)
    fake.state.gone.add(VKOUR)
    fake.publish_statistics("2026Q3", "2025", "2026-11-20T05:00:00Z")
    assert main(["--base-url", fake.base_url, "--cache-dir", str(cache_dir)]) == 0
    out = capsys.readouterr().out
    data = load_dataset(cache_dir, catalog)
    # no stale figures of the last release: the series are absent, so pages show no value rather than an old one
    gone = {"rd_expenditure", "rd_person_years", "population_15plus", "tertiary_educated", "tertiary_share"}
    assert not gone & set(data.frame["series"])
    line = (
        "rd_expenditure: not found in tkke/13ra.px: looked for Tiedot: the value starting "
        "'Tutkimus- ja kehittämistoiminnan menot'; not in the folder listing of tkke (renamed?)"
    )
    assert [r.line for r in data.resolutions if r.series_id == "rd_expenditure"] == [line]
    assert out.count(line) == 1
    assert "tkke/13ra.px: not found, no figures for rd_expenditure, rd_person_years" in out
    assert "vkour/12bq.px: not found, no figures for population_15plus, tertiary_educated, tertiary_share" in out
    assert "tertiary_share: not computed from vkour/12bq.px: tertiary_educated and population_15plus not found" in out
    assert not data.shown_catalog.series_by_id("rd_expenditure").codes
    assert not data.shown_catalog.series_by_id("tertiary_share").codes
    # the tables still served went on to their new release: 2026Q3 and 2025 stored
    openings = data.frame[(data.frame["series"] == "business_openings") & (data.frame["area_code"] == "MK08")]
    assert openings["period"].max() == pd.Timestamp("2026-07-01")
    assert openings.set_index("period").loc[pd.Timestamp("2026-07-01"), "value"] == expected(
        ALY, "MK08", "2026Q3", {"Tiedot": ["aloitt"]}
    )
    establishments = data.frame[data.frame["series"] == "establishments"]
    assert establishments["period"].max() == pd.Timestamp("2025-01-01")
    # on theme 4.2 the R&D rows are gone and each says why instead, in words (no code, no URL)
    from data_sources.domain.periods import Month
    from data_sources.domain.programme import load_programme
    from figures.scorecard import missing_reasons, theme_score

    score = theme_score(load_programme().theme("4.2"), data.frame, data.shown_catalog, Month(2026, 6), "fi")
    assert {m.series.id for m in score.missing} == {"rd_expenditure", "rd_person_years"}
    assert not {"rd_expenditure", "rd_person_years"} & {row.series.id for row in score.rows}
    assert missing_reasons(score, data.shown_catalog, "fi")[0] == (
        "Tutkimus- ja kehittämistoiminnan menot",
        "tilaston taulukosta ”Tutkimus- ja kehittämistoiminnan menot ja henkilöstö alueittain” ei viimeisimmässä "
        "päivityksessä löytynyt tätä sarjaa, joten lukuja ei ole; mitä etsittiin, kertoo Tiedot ja lähteet -sivu",
    )


def test_the_demo_has_the_themes_statistics_labelled_demo(tmp_path, catalog):
    data = load_dataset(tmp_path / "empty", catalog)
    assert data.is_demo
    shown = data.shown_catalog
    region = data.frame[data.frame["area_code"] == catalog.region_code]
    for key in ("aly_11yq", "alyr_13ww", "tkke_13ra", "vkour_12bq"):
        assert data.provenance[key].kind == "demo", key
    for series_id, (table, _, _) in EXPECTED.items():
        rows = region[region["series"] == series_id]
        assert set(rows["table"]) == {table} and rows["value"].notna().all(), series_id
        assert shown.series_by_id(series_id).codes, f"{series_id} shows as found in the demo"
    found = {r.series_id for r in data.resolutions if r.found}
    assert {"business_openings", "rd_expenditure", "tertiary_educated", "population_15plus"} <= found
    # plausible levels for Kymenlaakso
    newest = region.sort_values("period").groupby("series")["value"].last()
    assert 8_000 < newest["business_stock"] < 14_000
    assert 150 < newest["business_openings"] < 400
    assert 10_000 < newest["establishments"] < 16_000
    assert 40 < newest["rd_expenditure"] < 80
    assert 24 < newest["tertiary_share"] < 32
    # the share is its parts' ratio, and the region is its municipalities' sum
    assert newest["tertiary_share"] == round(100 * newest["tertiary_educated"] / newest["population_15plus"], 1)
    year = data.frame[(data.frame["series"] == "establishments") & (data.frame["period"] == "2024-01-01")]
    by_area = year.set_index("area_code")["value"]
    assert by_area[catalog.region_code] == sum(by_area[m] for m in catalog.region_members[catalog.region_code])
    # R&D by region only; the tables whose series stand in stay stand-ins in the demo
    rd = data.frame[data.frame["series"] == "rd_expenditure"]
    assert not set(rd["area_code"]) & {a.code for a in catalog.municipalities}
    assert shown.series_by_id("long_term_unemployed").proxy is not None


def test_the_statistics_queries_stay_within_the_apis_cell_limit(tmp_path, catalog):
    with FakePxWeb(max_values=2000, max_calls=1000) as small:  # the fake answers 403 to a query of more cells
        run = refresh_cache_dir(catalog, tmp_path / "cache", small.base_url)
        posts = [path for _, method, path, _ in small.requests() if method == "POST"]
    results = {r.table_key: r for r in run.results}
    for key in ("aly_11yq", "alyr_13ww", "tkke_13ra", "vkour_12bq"):
        assert results[key].status == "updated", results[key].message
    # the quarterly table's 27 areas × 54 quarters × 3 contents (4 374 cells) asked in three parts, areas split
    assert sum(path.endswith("/aly/11yq.px") for path in posts) == 3
    frame = load_dataset(tmp_path / "cache", catalog).frame
    openings = frame[(frame["series"] == "business_openings") & (frame["area_code"] == "KU286")]
    assert openings.set_index("period").loc[pd.Timestamp("2025-07-01"), "value"] == expected(
        ALY, "KU286", "2025Q3", {"Tiedot": ["aloitt"]}
    )


def judged_frame(series_id: str, table: str, periods: list[pd.Timestamp], values: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "series": series_id,
            "table": table,
            "content_code": "x",
            "area_code": "KU286",
            "area_name": "Kouvola",
            "period": pd.Series(periods, dtype="datetime64[ns]"),
            "value": values,
            "status": pd.Series([None] * len(values), dtype="string"),
        }
    )


def test_a_quarterly_or_yearly_release_is_judged_against_the_period_before_of_its_own_frequency(catalog):
    quarters = [pd.Timestamp(2025, month, 1) for month in (1, 4, 7, 10)] + [pd.Timestamp(2026, 1, 1)]
    stock = [5000.0, 5010.0, 5030.0, 5020.0]
    previous = judged_frame("business_stock", ALY, quarters[:4], stock)
    aly = catalog.tables["aly_11yq"]
    steady = judged_frame("business_stock", ALY, quarters, [*stock, 5040.0])
    assert not judge_release(steady, aly, catalog, previous, ("business_stock",), ("KU286",)).problems
    jumped = judged_frame("business_stock", ALY, quarters, [*stock, 50400.0])
    assert judge_release(jumped, aly, catalog, previous, ("business_stock",), ("KU286",)).problems == [
        "aly/11yq.px: implausible change from the quarter before in KU286 business_stock 2026Q1: 5020 → 50400"
    ]
    years = [pd.Timestamp(year, 1, 1) for year in (2022, 2023, 2024)]
    alyr = catalog.tables["alyr_13ww"]
    before = judged_frame("establishments", ALYR, years[:2], [6100.0, 6150.0])
    jumped = judged_frame("establishments", ALYR, years, [6100.0, 6150.0, 615.0])
    assert judge_release(jumped, alyr, catalog, before, ("establishments",), ("KU286",)).problems == [
        "alyr/13ww.px: implausible change from the year before in KU286 establishments 2024: 6150 → 615"
    ]
    # a turnover in thousands of euros is no count: no cap of ten million on it
    turnover = judged_frame("establishment_turnover", ALYR, years, [2.1e7, 2.2e7, 2.3e7])
    assert not judge_release(turnover, alyr, catalog, None, ("establishment_turnover",), ("KU286",)).problems


def test_theme_42s_scorecard_shows_the_fakes_yearly_and_quarterly_figures_with_their_changes(fake, cache_dir):
    """The half-year 2026H1: establishments of 2024 (the latest year out by June 2026) against 2023 and against the
    baseline year 2020; business openings of 2026Q2 against 2025Q2 and as four-quarter means against 2020Q2–2021Q1;
    every figure from the fake's cells, computed here."""
    from data_sources.domain.periods import Month
    from data_sources.domain.programme import load_programme
    from figures.scorecard import row_figures, theme_score

    assert refresh(fake, cache_dir) == 0
    data = load_dataset(cache_dir)
    shown = data.shown_catalog
    score = theme_score(load_programme().theme("4.2"), data.frame, shown, Month(2026, 6), "fi")
    rows = {row.series.id: row for row in score.rows}
    assert {"business_openings", "business_stock", "establishments", "rd_expenditure"} <= set(rows)
    assert not score.missing and not score.unavailable  # no "not connected" row

    def establishments(area: str, year: str) -> float:
        return expected(ALYR, area, year, {"contentscode": ["tp_lkm"]})

    row = rows["establishments"]
    assert row.period == Month(2024, 1) and row.value.value == establishments("MK08", "2024")
    assert math.isclose(row.year.value, 100 * (establishments("MK08", "2024") / establishments("MK08", "2023") - 1))
    assert math.isclose(row.since.value, 100 * (establishments("MK08", "2024") / establishments("MK08", "2020") - 1))
    assert math.isclose(
        row.country_since.value, 100 * (establishments("SSS", "2024") / establishments("SSS", "2020") - 1)
    )
    assert row_figures(row, "fi")[0].endswith("toimipaikkaa (2024)")
    assert row.status in ("progressed", "held", "worsened")

    def openings(quarter: str) -> float:
        return expected(ALY, "MK08", quarter, {"Tiedot": ["aloitt"]})

    row = rows["business_openings"]
    assert row.period == Month(2026, 4) and row.value.value == openings("2026Q2")
    now = sum(openings(q) for q in ("2025Q3", "2025Q4", "2026Q1", "2026Q2")) / 4
    before = sum(openings(q) for q in ("2020Q2", "2020Q3", "2020Q4", "2021Q1")) / 4
    assert math.isclose(row.since.value, 100 * (now / before - 1))
    assert math.isclose(row.year.value, 100 * (openings("2026Q2") / openings("2025Q2") - 1))

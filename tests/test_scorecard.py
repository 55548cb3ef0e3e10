"""The scorecard: changes and the status rule by hand-computed cases, and figures equal to the stored snapshot."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data_sources.catalog import load_catalog
from data_sources.periods import Month
from data_sources.programme import Indicator, Measure, load_programme
from figures.formats import fmt_number, fmt_percent
from figures.scorecard import change, change_text, judge, latest_half_end, score_row, status_label, theme_score

CATALOG = load_catalog()
JUNE, DECEMBER, BASE = pd.Timestamp("2026-06-01"), pd.Timestamp("2025-12-01"), pd.Timestamp("2021-03-01")


def frame(series_id: str, values: dict[tuple[str, pd.Timestamp], float | None]) -> pd.DataFrame:
    """A tidy snapshot with one series; None is a suppressed cell ('...')."""
    rows = [
        {
            "series": series_id,
            "table": CATALOG.monthly_table.path,
            "area_code": area,
            "period": period,
            "value": math.nan if value is None else float(value),
            "status": "..." if value is None else None,
        }
        for (area, period), value in values.items()
    ]
    return pd.DataFrame(rows)


def measure(series_id: str, wanted: str) -> Measure:
    indicator = Indicator("test", "test", "statistical", (series_id,), wanted, "words")
    return Measure(CATALOG.series_by_id(series_id), (indicator,), wanted, "words")


def row_for(series_id: str, wanted: str, region: tuple, country: tuple):
    """region and country: (baseline, december, june) values."""
    values = {}
    for area, triple in (("MK08", region), ("SSS", country)):
        for period, value in zip((BASE, DECEMBER, JUNE), triple, strict=True):
            if value is not ...:
                values[(area, period)] = value
    return score_row("4.4", measure(series_id, wanted), frame(series_id, values), CATALOG, Month(2026, 6), "fi")


def test_changes_are_relative_for_counts_and_points_for_rates():
    assert change(90, 100, is_rate=False) == pytest.approx(-10.0)
    assert change(13.4, 14.7, is_rate=True) == pytest.approx(-1.3)
    assert math.isnan(change(5, 0, is_rate=False)) and math.isnan(change(math.nan, 3, is_rate=True))
    assert change_text(-10.0, False, "fi") == "\u221210,0\u00a0%"
    assert change_text(-1.3, True, "fi") == "\u22121,3\u00a0%-yks."
    assert change_text(math.nan, True, "fi") == ".."


def test_falling_unemployment_that_beats_the_country_progressed():
    # region 1000 -> 800 (-20 %), country 10 000 -> 9 000 (-10 %): down is wanted, and better
    row = row_for("unemployed", "down", (1000, 900, 800), (10000, 9500, 9000))
    assert row.since_change == pytest.approx(-20.0) and row.country_since_change == pytest.approx(-10.0)
    assert row.half_change == pytest.approx(100 * (800 - 900) / 900)
    assert row.country_half_change == pytest.approx(100 * (9000 - 9500) / 9500)
    assert row.status == "progressed"
    assert status_label(row.status, "fi") == "✔ edennyt"
    assert row.reason == (
        "\u221220,0\u00a0% maaliskuusta 2021, koko maa \u221210,0\u00a0%: toivottuun suuntaan (vähenee) "
        "ja paremmin kuin koko maa"
    )


def test_rising_unemployment_worse_than_the_country_worsened():
    # +10 % against the country's +5 %
    row = row_for("unemployed", "down", (1000, 1050, 1100), (10000, 10200, 10500))
    assert row.status == "worsened" and status_label(row.status, "en") == "✖ worsened"


def test_rising_vacancies_are_progress_when_up_is_wanted():
    row = row_for("new_vacancies", "up", (100, 110, 130), (1000, 1050, 1100))
    assert (row.since_change, row.country_since_change) == (pytest.approx(30.0), pytest.approx(10.0))
    assert row.status == "progressed"


def test_a_change_equal_to_the_country_held():
    # a rate: 14.0 -> 13.0 is -1.0 points, the country also -1.0 points
    row = row_for("unemployment_rate", "down", (14.0, 13.5, 13.0), (10.0, 9.5, 9.0))
    assert row.since_change == pytest.approx(-1.0) and row.country_since_change == pytest.approx(-1.0)
    assert row.status == "held" and status_label(row.status, "fi") == "= ennallaan"
    # the wanted way but worse than the country is held too
    assert judge(-1.0, -2.0, "down") == "held"
    # a difference below the shown decimal is no difference
    assert judge(-15.46, -15.54, "down") == "held"


def test_a_suppressed_month_cannot_be_assessed_and_says_which():
    row = row_for("unemployed_foreign", "down", (400, 390, None), (9000, 9100, 9200))
    assert row.status == "unknown"
    assert row.reason == "Kymenlaakso, kesäkuu 2026: luku on salattu (..)"
    assert status_label(row.status, "fi") == "? ei arvioitavissa"


def test_a_missing_baseline_cannot_be_assessed():
    row = row_for("unemployed", "down", (1000, 900, 800), (..., 9500, 9000))
    assert row.status == "unknown"
    assert row.reason == "Koko maa, maaliskuu 2021: luku puuttuu"


@pytest.fixture(scope="module")
def snapshot(real_cache):
    """The stored monthly table read straight from its parquet file, not through the app's loaders."""
    (path,) = sorted((real_cache / "snapshots" / CATALOG.monthly_table_key).glob("*.parquet"))
    return pd.read_parquet(path)


def test_theme_44_scorecard_equals_the_snapshot(snapshot, real_cache):
    from data_sources.dataset import load_dataset

    data = load_dataset(real_cache)
    end = latest_half_end(data.frame, CATALOG)
    assert end == Month(2026, 6)
    theme = load_programme().theme("4.4")
    score = theme_score(theme, data.frame, CATALOG, end, "fi")
    # the proxy and the series it copies are one row, as the proxy
    assert [r.series.id for r in score.rows] == [
        "structurally_unemployed",
        "unemployed_disabled",
        "jobseekers_over55",
        "jobseekers_under30",
        "unemployed_foreign",
    ]
    assert [i.text for i in score.rows[0].measure.indicators] == [
        "Työttömyysjaksojen kesto",
        "Ns. rakennetyöttömien määrän kehitys",
    ]
    for row in score.rows:
        code = row.series.content_code
        # by content code: a proxy and the series it copies are stored under both ids, with one figure
        cells = snapshot[snapshot["content_code"] == code].drop_duplicates(["area_code", "period"])
        value = cells.set_index(["area_code", "period"])["value"]

        def at(area, month, value=value):
            return float(value[(area, pd.Timestamp(month))])

        now, dec, base = at("MK08", "2026-06-01"), at("MK08", "2025-12-01"), at("MK08", "2021-03-01")
        c_now, c_dec, c_base = at("SSS", "2026-06-01"), at("SSS", "2025-12-01"), at("SSS", "2021-03-01")
        assert row.value.value == now
        assert row.half_change == pytest.approx(100 * (now - dec) / dec)
        assert row.since_change == pytest.approx(100 * (now - base) / base)
        assert row.country_half_change == pytest.approx(100 * (c_now - c_dec) / c_dec)
        assert row.country_since_change == pytest.approx(100 * (c_now - c_base) / c_base)
        region_pct, country_pct = round(100 * (now - base) / base, 1), round(100 * (c_now - c_base) / c_base, 1)
        expected = (
            "progressed"
            if region_pct < 0 and region_pct < country_pct
            else "worsened"
            if region_pct > 0 and region_pct > country_pct
            else "held"
        )
        assert row.status == expected, row.series.id
        assert fmt_number(now) in fmt_number(row.value.value)
        assert change_text(row.since_change, False, "fi") == fmt_percent(region_pct, 1, signed=True)

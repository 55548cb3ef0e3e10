"""Quarterly and yearly statistics compared like with like: periods, bases in words, the scorecard's row and
the index base, each against figures computed here by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data_sources.domain.catalog import load_catalog
from data_sources.domain.periods import Month, last_period_by
from data_sources.domain.programme import Indicator, Measure
from figures.comparisons import Point, basis_text, programme_change, why_unknown, year_change
from figures.formats import fmt_period, fmt_span
from figures.scorecard import latest_period, row_figures, score_row
from figures.views import index_base, index_base_months, index_base_text, with_trend

CATALOG = load_catalog()
YEARLY = "population"  # vaerak/11ra: a yearly table in the catalog (period = 1 January of the year)


@pytest.mark.parametrize(
    ("month", "step", "expected"),
    [
        (Month(2021, 3), 1, Month(2021, 3)),
        (Month(2021, 3), 3, Month(2021, 1)),  # the quarter 1–3/2021 has ended by March
        (Month(2021, 3), 12, Month(2020, 1)),  # 2021 has not: the baseline year is 2020
        (Month(2021, 2), 3, Month(2020, 10)),
        (Month(2025, 12), 12, Month(2025, 1)),
        (Month(2025, 11), 12, Month(2024, 1)),
        (Month(2026, 6), 3, Month(2026, 4)),
    ],
)
def test_the_last_period_ended_by_a_month(month, step, expected):
    assert last_period_by(month, step) == expected


def test_periods_in_words():
    q3 = pd.Timestamp(2025, 7, 1)
    assert fmt_period(q3, 3, "fi") == "3. neljännes 2025"
    assert fmt_period(q3, 3, "sv") == "kvartal 3 2025"
    assert fmt_period(q3, 3, "en") == "Q3 2025"
    assert fmt_period(pd.Timestamp(2024, 1, 1), 12, "fi") == "2024"
    assert fmt_span(pd.Timestamp(2020, 4, 1), pd.Timestamp(2021, 1, 1), 3) == "2020Q2–2021Q1"
    assert fmt_span(pd.Timestamp(2020, 4, 1), pd.Timestamp(2021, 3, 1), 1) == "4/2020–3/2021"


def yearly(values: dict[int, float]) -> dict[Month, Point]:
    return {Month(year, 1): Point(value) for year, value in values.items()}


def test_a_year_is_compared_with_the_year_before_and_the_baseline_year():
    stored = yearly({2019: 90.0, 2020: 100.0, 2021: 104.0, 2023: 120.0, 2024: 110.0})
    since = programme_change(stored, Month(2024, 1), False, step=12)
    assert since.before == 100.0 and since.now == 110.0  # 2020, the last whole year before 23.3.2021
    assert since.value == pytest.approx(10.0)
    assert basis_text(since, "fi") == "vuosi 2024 vs. 2020 (ohjelman lähtövuosi)"
    year = year_change(stored, Month(2024, 1), False, 12)
    assert year.value == pytest.approx(100 * (110 - 120) / 120)
    assert basis_text(year, "fi") == "2024 vs. 2023"
    # 2022 is not stored: a change of 2022 says which year is missing, by its year
    gap = year_change(stored, Month(2023, 1), False, 12)
    assert not gap.known
    assert why_unknown(gap, "Kymenlaakso", "fi") == "Kymenlaakso, 2022: luku puuttuu"


def test_quarters_are_compared_as_four_quarter_means():
    values = {2020: [10, 20, 30, 40], 2021: [50, 60, 70, 80], 2025: [11, 22, 33, 44], 2026: [55, 66]}
    stored = {Month(y, 3 * q + 1): Point(float(v)) for y, vs in values.items() for q, v in enumerate(vs)}
    since = programme_change(stored, Month(2026, 4), False, step=3)
    # 2025Q3–2026Q2 against 2020Q2–2021Q1 (the four quarters ending by 3/2021)
    assert since.now == pytest.approx((33 + 44 + 55 + 66) / 4)
    assert since.before == pytest.approx((20 + 30 + 40 + 50) / 4)
    assert basis_text(since, "fi") == "4 neljänneksen keskiarvo 2025Q3–2026Q2 vs. 2020Q2–2021Q1"
    year = year_change(stored, Month(2026, 4), False, 3)
    assert year.value == pytest.approx(100 * (66 - 22) / 22)
    assert basis_text(year, "en") == "Q2 2026 vs Q2 2025"


def test_a_yearly_row_shows_its_latest_year_by_the_half_year_and_says_so():
    assert latest_period(yearly({2023: 1.0, 2024: 2.0}), Month(2026, 6), 12) == Month(2024, 1)
    assert latest_period({}, Month(2026, 6), 12) == Month(2025, 1)  # nothing stored: the year that should be
    assert latest_period(yearly({2026: 3.0}), Month(2026, 6), 12) == Month(2025, 1)  # 2026 has not ended by June
    region, country = {2020: 1000.0, 2023: 990.0, 2024: 960.0}, {2020: 50000.0, 2023: 51000.0, 2024: 51500.0}
    rows = [
        {"series": YEARLY, "table": "vaerak/11ra.px", "area_code": area, "period": pd.Timestamp(y, 1, 1)}
        | {"value": v, "status": None}
        for area, values in (("MK08", region), ("SSS", country))
        for y, v in values.items()
    ]
    indicator = Indicator("test", "test", "statistical", (YEARLY,), "up", "words")
    measure = Measure(CATALOG.series_by_id(YEARLY), (indicator,), "up", "words")
    row = score_row("4.2", measure, pd.DataFrame(rows), CATALOG, Month(2026, 6), "fi")
    assert row.period == Month(2024, 1) and row.step == 12
    assert row.since.value == pytest.approx(-4.0)  # 960 against 1 000 in 2020
    assert row.country_since.value == pytest.approx(3.0)  # 51 500 against 50 000
    assert row.status == "worsened"  # −4 % the wanted way up, 7 points worse than the country: past the ±2 % band
    assert row_figures(row, "fi")[0] == "960\u00a0henkilöä (2024)"
    assert row.breaks == ()  # the 2025 break is the employment service statistics', not the population's


def test_the_index_of_a_yearly_statistic_is_its_baseline_year():
    assert index_base_months(12) == (pd.Timestamp(2020, 1, 1),)
    assert index_base_text(12) == "2020"
    assert index_base_text(3) == "2020Q2–2021Q1"
    frame = pd.DataFrame(
        {
            "series": YEARLY,
            "area_code": ["MK08", "MK08", "SSS"],
            "period": [pd.Timestamp(2020, 1, 1), pd.Timestamp(2021, 1, 1), pd.Timestamp(2021, 1, 1)],
            "value": [200.0, 210.0, 5.0],
        }
    )
    base = index_base(frame, YEARLY, 12)
    assert base["MK08"] == 200.0 and "SSS" not in base.index  # no 2020 for the country: no base, no index


def test_a_quarterly_trend_is_the_four_quarter_mean_and_a_yearly_one_has_none():
    rows = pd.DataFrame({"area_code": ["MK08"] * 5, "shown": [4.0, 8.0, 12.0, 16.0, 20.0]})
    trend = with_trend(rows, "level", 3)["trend"].tolist()
    assert [v for v in trend if not math.isnan(v)] == [10.0, 14.0]
    assert "trend" not in with_trend(rows, "level", 12).columns


def test_a_municipalitys_yearly_statistics_with_their_changes_and_bases():
    from dataclasses import replace

    from figures.municipal import periodic_table

    catalog = replace(CATALOG, views={**CATALOG.views, "municipality_periodic": (YEARLY,)})
    figures = {"KU285": {2020: 50000.0, 2023: 48000.0, 2024: 47500.0}, "MK08": {2020: 160000.0, 2024: 156000.0}}
    figures["SSS"] = {2020: 5500000.0, 2024: 5610000.0}
    frame = pd.DataFrame(
        [
            {"series": YEARLY, "area_code": area, "period": pd.Timestamp(y, 1, 1), "value": v, "status": None}
            for area, values in figures.items()
            for y, v in values.items()
        ]
    )
    table, bases = periodic_table(frame, catalog, "KU285", "fi")
    assert table.to_dict("records") == [
        {
            "Luku": "Väestö 31.12.",
            "Ajanjakso": "2024",
            "Kotka": "47\u00a0500\u00a0henkilöä",
            "Muutos vuodessa": "\u22121,0\u00a0%",  # 47 500 against 48 000
            "Kotka: ohjelman alusta": "\u22125,0\u00a0%",  # against 50 000 in 2020
            "Kymenlaakso: ohjelman alusta": "\u22122,5\u00a0%",
            "Koko maa: ohjelman alusta": "+2,0\u00a0%",
        }
    ]
    assert bases == ["2024 vs. 2023; vuosi 2024 vs. 2020 (ohjelman lähtövuosi)"]
    assert periodic_table(frame, catalog, "KU075", "fi")[0].empty  # no figures of the area: no row


def test_the_tertiary_share_by_hand_and_never_from_a_partial_or_zero_whole():
    from data_sources.snapshots.series_frame import ratio_rows

    rows = [
        ("tertiary_educated", "KU285", 2024, 15000.0, None),
        ("population_15plus", "KU285", 2024, 45000.0, None),
        ("tertiary_educated", "KU075", 2024, 3000.0, "≥ 8"),  # a sum with a suppressed part: a lower bound
        ("population_15plus", "KU075", 2024, 17000.0, None),
        ("tertiary_educated", "KU489", 2024, math.nan, ".."),
        ("population_15plus", "KU489", 2024, 1200.0, None),
        ("tertiary_educated", "KU624", 2024, 0.0, None),
        ("population_15plus", "KU624", 2024, 0.0, None),
    ]
    frame = pd.DataFrame(
        [
            {"series": s, "area_code": a, "area_name": a, "period": pd.Timestamp(y, 1, 1), "value": v, "status": st}
            for s, a, y, v, st in rows
        ]
    )
    frame["status"] = frame["status"].astype("string")
    share = ratio_rows(frame, CATALOG.tables["vkour_12bq"], CATALOG).set_index("area_code")
    assert share.loc["KU285", "value"] == 33.3  # 100 × 15 000 / 45 000, one decimal
    assert share.loc["KU285", "series"] == "tertiary_share"
    assert math.isnan(share.loc["KU075", "value"])  # a lower bound's share would read too low: none
    assert math.isnan(share.loc["KU489", "value"]) and share.loc["KU489", "status"] == ".."
    assert math.isnan(share.loc["KU624", "value"])  # no whole: no share, never 0


def test_a_yearly_statistics_download_names_its_years_and_not_the_employment_services_break(tmp_path):
    from data_sources.snapshots.dataset import load_dataset
    from report.downloads import history_download

    data = load_dataset(tmp_path / "empty")  # the demo dataset: the themes' statistics labelled demo
    stem, table = history_download(data, data.shown_catalog, ["establishments"], ["MK08"], "fi")
    assert stem == "tilastoluvut_kymenlaakso_2024_demo"
    assert table.headers[0] == "Ajanjakso" and [row[0] for row in table.rows[-2:]] == ["2023", "2024"]
    assert not [note for note in table.notes if note[0] == "Tilastomuutos"]  # the 2025 break is tyonv's
    stem, table = history_download(data, data.shown_catalog, ["business_openings"], ["MK08"], "sv")
    assert table.headers[0] == "Period" and table.rows[-1][0] == "2026Q2"
    _, monthly = history_download(data, data.shown_catalog, ["unemployed"], ["MK08"], "fi")
    assert monthly.headers[0] == "Kuukausi" and monthly.rows[-1][0] == "2026-06"
    assert [note for note in monthly.notes if note[0] == "Tilastomuutos"]


def test_a_slide_headline_of_a_yearly_statistic_is_the_scorecards_latest_year(tmp_path):
    from data_sources.domain.programme import load_programme
    from data_sources.snapshots.dataset import load_dataset
    from figures.scorecard import since_headline, theme_score
    from report.slides import since_baseline_headline

    data = load_dataset(tmp_path / "empty")
    score = theme_score(load_programme().theme("4.2"), data.frame, data.shown_catalog, Month(2026, 6), "fi")
    for series_id, period in (("establishments", "2024"), ("business_openings", "2. neljännes 2026")):
        (row,) = [r for r in score.rows if r.series.id == series_id]
        headline = since_baseline_headline(data, data.shown_catalog, "4.2", row.measure, "fi")
        assert headline == f"{row.series.label['fi']} ({period}): {since_headline(row, 'fi')}"


@pytest.mark.parametrize(
    ("step", "last", "after", "reason"),
    [
        (
            1,
            Month(2021, 12),
            Month(2022, 2),
            "viimeiset 12 kuukautta (1/2021 alkaen) osuvat lähtötason 12 "
            "kuukauteen; muutosta ohjelman alusta voi laskea vasta 2/2022 jälkeen",
        ),
        # 2021Q1–2021Q4 still holds 2021Q1 of the baseline's 2020Q2–2021Q1: the first whole year ends 2022Q1
        (
            3,
            Month(2021, 7),
            Month(2021, 10),
            "viimeisin vertailujakso (2020Q4 alkaen) osuu lähtötason jaksoon; "
            "muutosta ohjelman alusta voi laskea vasta 2021Q4 jälkeen",
        ),
        (
            12,
            Month(2020, 1),
            Month(2020, 1),
            "viimeisin vertailujakso (2020 alkaen) osuu lähtötason jaksoon; "
            "muutosta ohjelman alusta voi laskea vasta 2020 jälkeen",
        ),
    ],
)
def test_too_early_a_change_says_from_when_in_its_own_periods(step, last, after, reason):
    change = programme_change({}, last, False, step=step)
    assert change.overlap and why_unknown(change, "Kymenlaakso", "fi") == f"Kymenlaakso: {reason}"
    # the period named is the last that overlaps: the next one's year is the first wholly after the baseline's
    assert programme_change({}, after, False, step=step).overlap
    assert not programme_change({}, after.shift(step), False, step=step).overlap

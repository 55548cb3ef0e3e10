"""The scorecard: like-with-like changes, the band, stand-ins and peers by hand-computed cases, and figures
equal to the stored snapshot computed here independently."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data_sources.domain.catalog import load_catalog
from data_sources.domain.periods import Month
from data_sources.domain.programme import Indicator, Measure, load_programme
from figures.comparisons import change_text, programme_change, relative_or_points, year_change
from figures.peers import comparable_regions, rank
from figures.scorecard import judge, latest_half_end, score_row, since_headline, status_label, theme_score

CATALOG = load_catalog()
END = Month(2026, 6)
SEASON = [1.05, 1.03, 1.0, 0.98, 0.95, 1.0, 1.05, 0.98, 0.95, 0.96, 0.99, 1.03]
MONTHS = [Month(y, m) for y in range(2019, 2027) for m in range(1, 13) if (y, m) <= (2026, 6)]


def frame(series_id: str, values: dict[tuple[str, Month], float | None | str]) -> pd.DataFrame:
    """A tidy snapshot with one series; None is a suppressed cell ('...'), a string a status of its own."""
    rows = []
    for (area, month), value in values.items():
        status = "..." if value is None else value if isinstance(value, str) else None
        number = math.nan if value is None else 50.0 if isinstance(value, str) else float(value)
        rows.append(
            {
                "series": series_id,
                "table": CATALOG.monthly_table.path,
                "area_code": area,
                "period": month.start,
                "value": number,
                "status": status,
            }
        )
    return pd.DataFrame(rows)


def monthly(series_id: str, region, country, **others) -> pd.DataFrame:
    """Every month 2019-01..2026-06 for the region, the country (and other areas): f(month) each."""
    areas = {"MK08": region, "SSS": country, **others}
    return frame(series_id, {(area, m): f(m) for area, f in areas.items() for m in MONTHS})


def measure(series_id: str, wanted: str, judged: bool = True) -> Measure:
    note = {"fi": "ei sama suunta", "sv": "inte samma riktning", "en": "not the same direction"}
    indicator = Indicator(
        "test", "test", "statistical", (series_id,), wanted, "words", judged=judged, fit_note=None if judged else note
    )
    return Measure(CATALOG.series_by_id(series_id), (indicator,), wanted, "words")


def row(series_id: str, wanted: str, data: pd.DataFrame, judged: bool = True):
    return score_row("4.4", measure(series_id, wanted, judged), data, CATALOG, END, "fi")


def seasonal(base: float):
    return lambda m: base * SEASON[m.month - 1]


def linear(start: float, per_month: float):
    """start in 1/2019, rising by per_month every month."""
    return lambda m: start + per_month * ((m.year - 2019) * 12 + m.month - 1)


# --- the comparisons, by hand ----------------------------------------------------------------


def test_changes_are_relative_for_counts_and_points_for_rates():
    assert relative_or_points(90, 100, is_rate=False) == pytest.approx(-10.0)
    assert relative_or_points(13.4, 14.7, is_rate=True) == pytest.approx(-1.3)
    assert math.isnan(relative_or_points(5, 0, is_rate=False))
    assert math.isnan(relative_or_points(math.inf, 3, is_rate=True))
    assert change_text(-10.0, False, "fi") == "\u221210,0\u00a0%"
    assert change_text(-1.3, True, "fi") == "\u22121,3\u00a0%-yks."
    assert change_text(math.nan, True, "fi") == ".."


def test_a_purely_seasonal_series_has_no_change_and_held():
    # every year the same pattern (June 3 % below December), and nothing changed at all
    data = monthly("unemployed", seasonal(1000), seasonal(100_000))
    result = row("unemployed", "down", data)
    for change in (result.year, result.country_year, result.since, result.country_since):
        assert change.value == pytest.approx(0.0, abs=1e-9)
        assert change_text(change.value, False, "fi") == "±0,0\u00a0%"
    assert result.status == "held"


def test_a_seasonal_rate_has_no_change_either():
    data = monthly("unemployment_rate", seasonal(14.0), seasonal(10.0))
    result = row("unemployment_rate", "down", data)
    assert result.year.value == pytest.approx(0.0) and result.since.value == pytest.approx(0.0)
    assert change_text(result.since.value, True, "fi") == "±0,0\u00a0%-yks."
    assert result.status == "held"


def test_a_steady_trend_gives_the_trend():
    # region 1000 in 1/2019, +10 a month; June 2026 is month 89, so 1890; June 2025 is 1770
    data = monthly("unemployed", linear(1000, 10), linear(10_000, 0))
    result = row("unemployed", "down", data)
    assert result.year.value == pytest.approx(100 * (1890 - 1770) / 1770)
    # 12-month means: 7/2025..6/2026 = months 78..89, mean 1000 + 10 * 83.5 = 1835;
    # 4/2020..3/2021 = months 15..26, mean 1000 + 10 * 20.5 = 1205
    assert result.since.value == pytest.approx(100 * (1835 - 1205) / 1205)
    assert result.country_since.value == pytest.approx(0.0)
    assert result.status == "worsened"
    assert result.reason == (
        f"{change_text(100 * (1835 - 1205) / 1205, False, 'fi')} ohjelman alusta, koko maa ±0,0\u00a0%: "
        "vastakkaiseen suuntaan ja huonommin kuin koko maa (sietoraja ±2\u00a0%)"
    )


def test_the_june_against_december_seasonal_dip_is_not_a_change():
    # the old half-year change compared June with December: −4,8 % on a seasonal series
    data = monthly("unemployed", seasonal(1000), seasonal(1000))
    result = row("unemployed", "down", data)
    june, december = 1000 * SEASON[5], 1000 * SEASON[11]
    assert round(100 * (june - december) / december, 1) == -2.9  # what it used to show
    assert result.year.basis == "year" and result.year.before_span == (Month(2025, 6), Month(2025, 6))
    assert result.since.now_span == (Month(2025, 7), Month(2026, 6))
    assert result.since.before_span == (Month(2020, 4), Month(2021, 3))


# --- the band -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "country", "wanted", "band", "status"),
    [
        (-4.0, -2.0, "down", 2.0, "held"),  # beat the country by exactly the band: inside it
        (-4.1, -2.0, "down", 2.0, "progressed"),  # by 2,1: outside
        (-2.0, 0.0, "down", 2.0, "held"),  # moved by exactly the band
        (-2.1, 0.0, "down", 2.0, "progressed"),
        (2.1, 0.0, "down", 2.0, "worsened"),
        (2.1, 0.1, "down", 2.0, "held"),  # worse than the country by 2,0 only
        (-0.3, 0.1, "down", 0.3, "held"),  # a rate moving 0,3 points: inside the ±0,3 band
        (-0.4, 0.0, "down", 0.3, "progressed"),
        (0.4, -0.1, "down", 0.3, "worsened"),
        (-15.46, -15.54, "down", 0.0, "held"),  # below the shown decimal is no difference
        (30.0, 10.0, "up", 2.0, "progressed"),
        (math.nan, 1.0, "down", 2.0, "unknown"),
    ],
)
def test_band_edges(region, country, wanted, band, status):
    assert judge(region, country, wanted, band) == status


def test_the_catalog_band_is_applied_to_counts_and_rates():
    # region −3 % vs the country −1,5 %: moved 3 %, beat it by 1,5 % (inside ±2 %): held
    data = monthly(
        "unemployed", lambda m: 1000 if m <= Month(2021, 3) else 970, lambda m: 1000 if m <= Month(2021, 3) else 985
    )
    assert row("unemployed", "down", data).status == "held"
    # a rate 14,0 -> 13,5 (−0,5) vs the country 10,0 -> 10,0: both tests pass the ±0,3 band
    data = monthly("unemployment_rate", lambda m: 14.0 if m <= Month(2021, 3) else 13.5, lambda m: 10.0)
    result = row("unemployment_rate", "down", data)
    assert result.status == "progressed"
    assert result.reason.endswith("(sietoraja ±0,3\u00a0%-yks.)")


# --- what cannot be judged ------------------------------------------------------------------


def test_a_suppressed_month_in_the_window_cannot_be_assessed_and_says_which():
    values = {("MK08", m): 400.0 for m in MONTHS} | {("SSS", m): 9000.0 for m in MONTHS}
    values[("MK08", Month(2026, 2))] = None
    result = row("unemployed_foreign", "down", frame("unemployed_foreign", values))
    assert result.status == "unknown"
    assert result.reason == "Kymenlaakso, helmikuu 2026: luku on salattu (..)"
    assert status_label(result.status, "fi") == "? ei arvioitavissa"


def test_a_zero_or_infinite_baseline_cannot_be_assessed_and_does_not_crash():
    values = {("MK08", m): 0.0 if m <= Month(2021, 3) else 5.0 for m in MONTHS} | {("SSS", m): 9.0 for m in MONTHS}
    result = row("unemployed", "down", frame("unemployed", values))
    assert (result.status, result.reason) == (
        "unknown",
        "Kymenlaakso: lähtötaso on 0, joten suhteellista muutosta ei ole",
    )
    values[("SSS", Month(2021, 3))] = math.inf
    result = row("unemployed", "down", frame("unemployed", values))
    assert result.status == "unknown" and "Koko maa, maaliskuu 2021: luku puuttuu" in result.reason


def test_a_lower_bound_is_not_compared():
    values = {("MK08", m): 100.0 for m in MONTHS} | {("SSS", m): 900.0 for m in MONTHS}
    values[("MK08", END)] = "≥ VALMENNUSLOP"
    result = row("in_services", "down", frame("in_services", values))
    assert result.status == "unknown"
    assert result.reason == "Kymenlaakso, kesäkuu 2026: summasta osa on salattu, luku on vain alaraja"
    assert math.isnan(result.year.value) and result.value.value == 50.0 and result.value.lower_bound


def test_a_stand_in_whose_direction_differs_gets_no_verdict():
    data = monthly("unemployed_foreign", linear(100, 5), linear(1000, 0))
    result = row("unemployed_foreign", "down", data, judged=False)
    assert result.status == "unmeasurable"
    assert status_label(result.status, "fi") == "– ei mitattavissa tästä tilastosta"
    assert result.reason == "ei sama suunta"
    assert result.since.known  # the figures are still shown


def test_the_programme_names_its_stand_ins():
    theme = load_programme().theme("4.4")
    fits = {m.series.id: (m.fit, m.judged) for m in theme.measures}
    assert fits["unemployed_foreign"] == ("stand_in", False)  # a count for a rate, grown by population
    assert fits["jobseekers_under30"] == ("stand_in", True)
    assert fits["unemployed_disabled"] == ("stand_in", False)  # stocks for flows
    assert load_programme().theme("4.3").measures[0].judged is False  # training stock for employment after it


# --- comparable regions and ranks ----------------------------------------------------------


def test_peers_are_the_nearest_regions_by_baseline_rate():
    # 12-month means of the rate to 3/2021: region 14,0; candidates at these distances
    rates = {
        "MK08": 14.0,
        "MK09": 14.5,
        "MK12": 13.0,
        "MK07": 15.6,
        "MK13": 14.1,
        "MK18": 12.2,
        "MK01": 11.0,
        "MK06": 15.5,
        "MK15": 8.0,
    }
    others = {code: (lambda m, r=r: r) for code, r in rates.items() if code != "MK08"}
    data = monthly("unemployment_rate", lambda m: rates["MK08"], lambda m: 12.0, **others)
    peers = comparable_regions(data, CATALOG)
    # distances: MK13 0,1; MK09 0,5; MK12 1,0; MK06 1,5; MK07 1,6; MK18 1,8; MK01 3,0; MK15 6,0
    assert peers.codes == ("MK13", "MK09", "MK12", "MK06", "MK07")
    assert peers.basis["MK09"] == pytest.approx(14.5)


def test_peers_ties_go_to_the_lower_code_and_a_missing_region_is_left_out():
    others = {"MK09": lambda m: 15.0, "MK02": lambda m: 13.0, "MK04": lambda m: None}
    data = monthly("unemployment_rate", lambda m: 14.0, lambda m: 12.0, **others)
    assert comparable_regions(data, CATALOG).codes == ("MK02", "MK09")


def test_rank_in_the_wanted_direction():
    changes = {"MK08": -3.0, "MK01": -5.0, "MK02": -3.04, "MK04": 1.0, "MK05": math.nan}
    assert rank(changes, "MK08", "down") == (2, 4)  # MK01 fell more; MK02 equal to one decimal shares
    assert rank(changes, "MK08", "up") == (2, 4)  # only MK04 rose more
    assert rank({"MK08": math.nan, "MK01": 1.0}, "MK08", "down") == (None, 1)


def test_too_early_a_change_since_the_programme_is_no_change():
    # the 12 months to 6/2021 share 7/2020–3/2021 with the baseline's 12 months
    data = monthly("unemployed", linear(1000, 10), linear(10_000, 10))
    early = score_row("4.4", measure("unemployed", "down"), data, CATALOG, Month(2021, 6), "fi")
    assert early.since.overlap and math.isnan(early.since.value) and early.status == "unknown"
    assert early.reason.startswith("Kymenlaakso: viimeiset 12 kuukautta (7/2020 alkaen) osuvat lähtötason")
    assert not programme_change({}, Month(2022, 3), False).overlap  # 4/2021–3/2022: the first whole year after


def test_a_comparison_across_the_2025_reform_names_it():
    assert [b.date for b in programme_change({}, END, False).crosses(CATALOG.breaks)] == ["2025-01-01"]
    assert year_change({}, END, False).crosses(CATALOG.breaks) == ()
    assert [b.date for b in year_change({}, Month(2025, 6), False).crosses(CATALOG.breaks)] == ["2025-01-01"]


# --- the stored snapshot ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def snapshot(real_cache):
    """The stored monthly tables read straight from their parquet files, not through the app's loaders."""
    keys = [CATALOG.monthly_table_key, *(key for key, table in CATALOG.tables.items() if table.by_meaning)]
    paths = [path for key in keys for path in sorted((real_cache / "snapshots" / "MK08" / key).glob("*.parquet"))]
    return pd.concat([pd.read_parquet(path) for path in paths], ignore_index=True)


def test_theme_44_scorecard_equals_the_snapshot(snapshot, real_cache):
    from data_sources.snapshots.dataset import load_dataset

    data = load_dataset(real_cache)
    end = latest_half_end(data.frame, CATALOG)
    assert end == Month(2026, 6)
    theme = load_programme().theme("4.4")
    shown = data.shown_catalog  # the fake serves 12ub and 12t8: structural unemployment and the age groups exact
    score = theme_score(theme, data.frame, shown, end, "fi")
    assert [r.series.id for r in score.rows] == [
        "long_term_unemployed",
        "structural_long_term",
        "structural_comparable",
        "structural_from_services",
        "structural_service_to_service",
        "unemployed_disabled",
        "jobseekers_over55",
        "jobseekers_under30",
        "unemployed_foreign",
    ]
    assert [i.text for i in score.rows[0].measure.indicators] == [
        "Työttömyysjaksojen kesto",
        "Ns. rakennetyöttömien määrän kehitys",
    ]
    # found by meaning, the series are exact and measure better than their stand-ins did
    assert [r.measure.fit for r in score.rows] == [
        "partial",
        *["exact"] * 4,
        "stand_in",
        "partial",
        "partial",
        "stand_in",
    ]
    assert score.rows[0].series.label["fi"] == "Rakennetyöttömät" and score.rows[0].series.table == "tyonv_12ub"
    mainland = ["MK08", *(a.code for a in CATALOG.other_regions)]
    for result in score.rows:
        table = shown.tables[result.series.table].path
        cells = snapshot[(snapshot["series"] == result.series.id) & (snapshot["table"] == table)]
        value = cells.set_index(["area_code", "period"])["value"]

        def mean12(area, last, value=value):
            window = pd.date_range(end=pd.Timestamp(last), periods=12, freq="MS")
            return float(value.loc[[(area, p) for p in window]].mean())

        def pct(now, before):
            return 100 * (now - before) / before

        now, year_ago = value[("MK08", pd.Timestamp("2026-06-01"))], value[("MK08", pd.Timestamp("2025-06-01"))]
        assert result.value.value == now
        assert result.year.value == pytest.approx(pct(now, year_ago))
        since = {a: pct(mean12(a, "2026-06-01"), mean12(a, "2021-03-01")) for a in [*mainland, "SSS"]}
        assert result.since.value == pytest.approx(since["MK08"])
        assert result.country_since.value == pytest.approx(since["SSS"])
        assert [code for code, _ in result.peers_since] == list(score.peers.codes)
        better = sum(1 for a in mainland if round(since[a], 1) < round(since["MK08"], 1))
        assert result.rank == ((better + 1) if result.measure.judged else None, len(mainland))
        if result.measure.judged:
            region, country = round(since["MK08"], 1), round(since["SSS"], 1)
            expected = (
                "progressed"
                if region < -2 and region - country < -2
                else "worsened"
                if region > 2 and region - country > 2
                else "held"
            )
            assert result.status == expected, result.series.id
        else:
            assert result.status == "unmeasurable"


def test_a_headline_without_its_change_says_why_never_dots():
    """Issue 22: with the baseline missing the report's heading read '.. ohjelman alusta …, koko maa ..'."""
    values = {("MK08", m): 0.0 if m <= Month(2021, 3) else 5.0 for m in MONTHS} | {("SSS", m): 9.0 for m in MONTHS}
    result = row("unemployed", "down", frame("unemployed", values))
    assert since_headline(result, "fi") == (
        "ei muutosta ohjelman alusta (12 kk:n keskiarvot): "
        "Kymenlaakso: lähtötaso on 0, joten suhteellista muutosta ei ole"
    )
    assert ".." not in since_headline(result, "sv") and since_headline(result, "en").startswith("no change since")
    whole = row("unemployed", "down", monthly("unemployed", linear(100, 0), linear(1000, 0)))
    assert since_headline(whole, "fi") == "±0,0\u00a0% ohjelman alusta (12 kk:n keskiarvot), koko maa ±0,0\u00a0%"

"""Pure presentation logic: Finnish formats, sentences, URL state, transforms."""

import math

import pandas as pd
import pytest

from figures.formats import fmt_date, fmt_month, fmt_number, fmt_percent, month_end_phrase, vega_locale
from figures.latest import Latest, latest, rank_areas
from figures.sentences import headline_sentence
from figures.views import apply_view, index_base_months, moving_average, select
from ui.state import Selection, parse_params

NB = "\u00a0"


def test_numbers_dates_and_months_in_finnish_swedish_and_english():
    assert fmt_number(10153) == f"10{NB}153"
    assert fmt_number(14.4, 1) == "14,4"
    assert fmt_number(-312, signed=True) == "\u2212312" and fmt_number(5, signed=True) == "+5"
    assert fmt_number(float("nan")) == ".."
    assert fmt_number(10153.5, 1, "en") == "10,153.5"
    assert fmt_percent(12.8) == f"12,8{NB}%"
    assert fmt_date("2026-07-21T05:00:00Z") == "21.7.2026"
    assert fmt_date("2026-07-21T05:00:00Z", "en") == "21 Jul 2026"
    assert fmt_month(pd.Timestamp(2026, 6, 1)) == "kesäkuu 2026"
    assert month_end_phrase(pd.Timestamp(2026, 6, 1)) == "kesäkuun lopussa"
    assert month_end_phrase(pd.Timestamp(2026, 6, 1), "sv") == "i slutet av juni"
    locale = vega_locale("fi")
    assert locale["number"]["decimal"] == "," and locale["number"]["thousands"] == NB
    assert locale["time"]["months"][0] == "tammikuu" and locale["time"]["shortMonths"][6] == "heinä"


JUNE_2026 = pd.Timestamp(2026, 6, 1)


def figure(value, year_change, period=JUNE_2026):
    return Latest("unemployed", "MK08", period, value, None, math.nan, year_change, math.nan, pd.DataFrame())


def test_the_headline_sentence_in_three_languages():
    rate = figure(14.4, 0.1)
    assert headline_sentence("Kymenlaaksossa", figure(10153, -312), rate, "fi") == (
        f"Kymenlaaksossa oli kesäkuun lopussa 10{NB}153 työtöntä työnhakijaa, 312 vähemmän kuin vuotta "
        f"aiemmin. Työttömien osuus työvoimasta oli 14,4{NB}%."
    )
    assert headline_sentence("i Kymmenedalen", figure(10153, 144), None, "sv") == (
        f"I Kymmenedalen fanns i slutet av juni 10{NB}153 arbetslösa arbetssökande, 144 fler än ett år tidigare."
    )
    assert headline_sentence("in Kymenlaakso", figure(10153, 0), None, "en") == (
        "In Kymenlaakso there were 10,153 unemployed jobseekers at the end of June, as many as a year earlier."
    )
    assert headline_sentence("Kotkassa", figure(math.nan, 1), None, "fi") == ""


def test_url_state_keeps_good_values_and_drops_bad_ones(catalog):
    first, last = pd.Timestamp(2009, 1, 1), pd.Timestamp(2026, 6, 1)
    sel = parse_params(
        {
            "area": "KU286",
            "compare": "SSS,KU285,XX,SSS",
            "view": "index",
            "ma": "1",
            "start": "2020-01",
            "end": "2025-12",
            "lang": "sv",
            "muni": "KU075",  # an old link's municipality: ignored when an area is given
            "since": "2026-06-24",
        },
        catalog,
        first,
        last,
    )
    assert sel == Selection(
        lang="sv",
        area="KU286",
        group="unemployed",
        theme="4.1",
        compare=("SSS", "KU285"),
        start="2020-01",
        end="2025-12",
        view="index",
        ma=True,
        since="2026-06-24",
    )
    assert sel.to_params(catalog) == {
        "lang": "sv",
        "area": "KU286",
        "compare": "SSS,KU285",
        "start": "2020-01",
        "end": "2025-12",
        "view": "index",
        "ma": "1",
        "since": "2026-06-24",
    }
    bad = parse_params(
        {"area": ["<b>x</b>"], "start": "2030-01", "end": "2017-06", "view": "3d", "lang": "de", "muni": "SSS"},
        catalog,
        first,
        last,
    )
    assert bad == Selection.default(catalog)
    assert Selection.default(catalog).to_params(catalog) == {}


def frame():
    periods = pd.date_range("2020-01-01", "2021-06-01", freq="MS")
    rows = []
    for area, base in (("MK08", 100.0), ("KU286", 50.0)):
        for i, p in enumerate(periods):
            for series, value in (("unemployed", base + i), ("labour_force", base * 10)):
                rows.append(
                    {
                        "series": series,
                        "table": "tyonv/12r5.px",
                        "content_code": "X",
                        "area_code": area,
                        "area_name": area,
                        "period": p,
                        "value": value,
                        "status": None,
                    }
                )
    rows.append(
        {
            "series": "population",
            "table": "vaerak/11ra.px",
            "content_code": "vaerak-vaesto",
            "area_code": "MK08",
            "area_name": "MK08",
            "period": pd.Timestamp(2019, 1, 1),
            "value": 2000.0,
            "status": None,
        }
    )
    return pd.DataFrame(rows)


def test_views_level_share_index_and_yearly_change(catalog):
    data = frame()
    rows = select(data, "unemployed", ["MK08"])
    assert apply_view(rows, "share", catalog, data)["shown"].iloc[0] == pytest.approx(10.0)
    indexed = apply_view(rows, "index", catalog, data)
    # the base is the mean of 4/2020–3/2021 (100 + 3 … 100 + 14: 108,5), so the index averages 100 over it
    assert indexed.loc[indexed["period"].isin(index_base_months()), "shown"].mean() == pytest.approx(100.0)
    assert indexed.loc[indexed["period"] == "2021-03-01", "shown"].item() == pytest.approx(100 * 114 / 108.5)
    yoy = apply_view(rows, "yoy", catalog, data)["shown"]
    assert yoy.iloc[:12].isna().all() and (yoy.iloc[12:] == 12).all()
    jobseekers = data.assign(series=data["series"].replace({"unemployed": "jobseekers_all"}))
    per_1000 = apply_view(select(jobseekers, "jobseekers_all", ["MK08"]), "share", catalog, jobseekers)
    assert per_1000["shown"].iloc[0] == pytest.approx(1000 * 100 / 2000)
    averaged = moving_average(indexed.assign(shown=indexed["value"]))
    assert averaged.iloc[:11].isna().all() and averaged.iloc[11] == pytest.approx(105.5)


def test_latest_figures_and_ranks():
    data = frame()
    fig = latest(data, "unemployed", "KU286")
    assert (fig.period, fig.value, fig.month_change, fig.year_change) == (pd.Timestamp(2021, 6, 1), 67.0, 1.0, 12.0)
    assert fig.year_change_pct == pytest.approx(100 * 12 / 55)
    assert latest(data, "unemployed", "SSS").period is None
    assert rank_areas({"a": 3.0, "b": math.nan, "c": 9.0}) == {"c": 1, "a": 2}

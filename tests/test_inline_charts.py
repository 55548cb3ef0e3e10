"""Charts drawn on the server for the page (report/inline.py) and the overview's cards (figures/cards.py)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from data_sources.domain.catalog import load_catalog
from figures.cards import Card, Tile, cards_html, change_tone, tiles_html
from figures.charts import trend_chart
from figures.markup import Markup
from figures.sparklines import sparkline_svg
from report.inline import inline_chart
from tests.charts import PageChart

MONTHS = pd.date_range("2021-01-01", periods=4, freq="MS")


def chart_of(values: dict[str, list[float]]) -> PageChart:
    rows = pd.DataFrame(
        [
            {"period": period, "area_code": code, "shown": value}
            for code, series in values.items()
            for period, value in zip(MONTHS, series, strict=True)
        ]
    )
    chart = trend_chart(rows, catalog=load_catalog(), title="Työttömät", unit="henkilöä", source="Lähde: x", lang="fi")
    return PageChart(inline_chart(chart.to_dict(), 'Kuvaus <b>"1"</b>'))


def test_each_month_is_one_hover_column_naming_every_lines_figure_and_a_gap_is_no_figure():
    chart = chart_of({"MK08": [10153.0, 10200.0, math.nan, 9973.0], "SSS": [300000.0, 310000.0, 305000.0, 299999.0]})
    assert chart.hover == [
        "Kymenlaakso, tammikuu 2021: 10\u00a0153 henkilöä\nKoko maa, tammikuu 2021: 300\u00a0000 henkilöä",
        "Kymenlaakso, helmikuu 2021: 10\u00a0200 henkilöä\nKoko maa, helmikuu 2021: 310\u00a0000 henkilöä",
        "Koko maa, maaliskuu 2021: 305\u00a0000 henkilöä",  # Kymenlaakso's March is missing: no figure, not 0
        "Kymenlaakso, huhtikuu 2021: 9\u00a0973 henkilöä\nKoko maa, huhtikuu 2021: 299\u00a0999 henkilöä",
    ]
    assert "\n" not in chart.markup and "&#10;" in chart.markup, "a line break as a character reference"
    svg = chart.svg
    columns = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if r.find("{*}title") is not None]
    lefts = [float(c.get("x")) for c in columns]
    widths = [float(c.get("width")) for c in columns]
    assert lefts == sorted(lefts) and all(w > 0 for w in widths)
    for left, width, after in zip(lefts, widths, lefts[1:], strict=False):
        assert left + width == pytest.approx(after, abs=0.2), "the columns meet: every point of the plot has a month"
    assert {c.get("height") for c in columns} == {"320"}, "each column is the plot's full height"


def test_the_chart_is_one_image_named_by_its_summary_and_its_marks_say_nothing_more():
    chart = chart_of({"MK08": [1.0, 2.0, 3.0, 4.0]})
    svg = chart.svg
    assert svg.get("role") == "img" and svg.get("aria-label") == 'Kuvaus <b>"1"</b>'
    assert "<b>" not in chart.markup, "the summary is escaped"
    inner = [e for e in svg.iter() if e is not svg]
    assert not [e for e in inner if any(a.startswith("aria-") or a == "role" for a in e.attrib)]
    assert chart.title == "Työttömät" and chart.subtitle == ["henkilöä", "Lähde: x"]
    assert svg.get("style").startswith("width:100%;height:auto")


def test_change_tone_follows_the_wanted_direction():
    assert change_tone(-5.0, falling_is_good=True) == ("down", "good")
    assert change_tone(5.0, falling_is_good=True) == ("up", "bad")
    assert change_tone(5.0, falling_is_good=False) == ("up", "neutral")
    assert change_tone(0.0, falling_is_good=True) == ("off", "neutral")
    assert change_tone(math.nan, falling_is_good=True) == ("off", "neutral")


def test_cards_escape_their_texts_and_take_a_sparkline_only_as_markup():
    hostile = '<img src=x onerror="alert(1)">'
    card = Card(hostile, "10 153", "−48 (−20,0 %)", "vuodentakaisesta", "down", "good", "12r5 X", None)
    markup = cards_html([card, Card("B", "1", "", "", "off", "neutral", "n", sparkline_svg([1.0, 2.0], "#000"))])
    grid = ET.fromstring(markup)  # well-formed: the hostile label is text
    first, second = list(grid)
    assert first[0].text == hostile and "<img" not in markup
    delta = first.find("p[@class='card-delta']/span")
    assert delta.get("class") == "delta down good" and delta[0].text == "↓" and delta[0].tail == " −48 (−20,0 %)"
    assert second.find("p[@class='card-delta']") is None, "no change known: no change shown"
    assert second.find("svg").get("class") == "sparkline"
    with pytest.raises(TypeError, match="a card's sparkline takes figures.markup.Markup, not str"):
        cards_html([Card("A", "1", "", "", "off", "neutral", "n", "<svg/>")])
    assert isinstance(markup, Markup)


def test_theme_tiles_escape_their_texts_and_keep_each_line():
    hostile = '<img src=x onerror="alert(1)">'
    markup = tiles_html([Tile(hostile, ("✔ edennyt: 0", "= ennallaan: 3")), Tile("4.2", ("–",), "Ei mittareita")])
    first, second = list(ET.fromstring(markup))  # well-formed: the hostile heading is text
    assert first[0].text == hostile and "<img" not in markup
    lines = first[1]
    assert [lines.text, *(br.tail for br in lines)] == ["✔ edennyt: 0", "= ennallaan: 3"]
    assert second[2].get("class") == "tile-note" and second[2].text == "Ei mittareita"
    assert len(first) == 2, "no note: no note paragraph"

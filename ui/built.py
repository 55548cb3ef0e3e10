"""What a page shows, built once per release, selection and language and shared by every viewer.

A room that opens the same link together builds it once: the first view pays, the others are served what was
built (`cached_on_data`, keyed on the dataset's version). The builders live in a module, not in the page
scripts: a cached function defined in a page is defined again on every run, and Streamlit reads its source to
key it each time.
"""

from __future__ import annotations

import datetime as dt
import math

from data_sources.domain.programme import wanted_direction
from data_sources.domain.settings import load_settings
from data_sources.snapshots.dataset import Dataset
from figures.cards import Card, cards_html, change_tone
from figures.comparisons import difference_text
from figures.formats import fmt_month
from figures.glance import glance_html, group_glance
from figures.i18n import t
from figures.markup import Markup
from figures.provenance import source_line, source_words
from figures.sentences import (
    headline_sentence,
    lower_bound_note,
    proxy_note,
    sparkline_sentence,
    value_text,
    year_change_text,
)
from figures.sparklines import sparkline_svg
from report.earlier import earlier_figures
from report.halfyear import build_report, to_html, to_pdf
from report.slides import Slide, build_deck, deck_pdf, slide_chart
from ui.context import cached_on_data
from ui.figures import latest_figures


@cached_on_data(max_entries=100)
def headline(data: Dataset, area: str, lang: str) -> tuple[str, str, Markup] | None:
    """The sentence, the latest-month line and the cards of an area, built once per release, area and language
    (the same for every viewer: a room opening the link together builds it once)."""
    catalog = data.shown_catalog
    series_list = [s for s in catalog.series if s.headline]
    figures = latest_figures(data, tuple(s.id for s in series_list), (area,))
    unemployed = figures[(catalog.count_series, area)]
    rate = figures[(catalog.rate_series, area)]
    if unemployed.period is None:
        return None
    sentence = headline_sentence(catalog.area(area).where[lang], unemployed, rate, lang)
    source = source_line(data, catalog, catalog.monthly_table_key, lang)
    latest_line = f"{t('latest_month', lang)}: {fmt_month(unemployed.period, lang)} · {source}"
    colour = catalog.area(area).colour
    cards = []
    for series in series_list:
        fig = figures[(series.id, area)]
        month = (
            ""
            if math.isnan(fig.month_change)
            else f"{difference_text(fig.month_change, series, lang)} {t('from_month', lang)}"
        )
        card_source = source_words(catalog, series.table, lang)  # the codes are on the data page
        direction, tone = change_tone(fig.year_change, falling_is_good=wanted_direction(series) == "down")
        cards.append(
            Card(
                label=series.label[lang],
                # a missing figure is '..' with the reason in the note: the reason as the value ran past the card
                value=value_text(fig.value, series, lang, fig.status) if math.isfinite(fig.value) else "..",
                delta=year_change_text(fig, series, lang, with_count=True) or "",
                delta_description=t("from_year", lang),
                direction=direction,
                tone=tone,
                note=" · ".join(
                    x
                    for x in [
                        "" if math.isfinite(fig.value) else t("missing", lang),
                        lower_bound_note(fig.status, catalog, lang),
                        month,
                        proxy_note(series, lang),
                        card_source,
                    ]
                    if x
                ),
                # drawn on the server (no chart library in the browser); to a screen reader one image named by
                # a sentence that says what it shows
                sparkline=sparkline_svg(fig.history["value"].tolist(), colour, sparkline_sentence(fig, series, lang))
                if len(fig.history)
                else None,
            )
        )
    return sentence, latest_line, cards_html(cards)


@cached_on_data(max_entries=50)
def deck(data: Dataset, name: str, lang: str, areas: tuple[str, ...], view: str) -> list[Slide]:
    return build_deck(name, data, data.shown_catalog, lang, areas, view)


@cached_on_data(max_entries=300)
def slide_spec(data: Dataset, slide: Slide, lang: str, titled: bool = False) -> dict:
    return slide_chart(slide, data, data.shown_catalog, lang, titled=titled).to_dict()


@cached_on_data(max_entries=20)
def deck_file(data: Dataset, name: str, lang: str, areas: tuple[str, ...], view: str) -> bytes:
    return deck_pdf(deck(data, name, lang, areas, view), data, data.shown_catalog, lang)


@cached_on_data(max_entries=10)
def report_file(data: Dataset, half: str, fmt: str, lang: str, day: dt.date, records: int) -> bytes:
    """The report; `records` (the newest change's number of the coordinators' records) makes an edit give a new
    file."""
    catalog = data.shown_catalog
    earlier = earlier_figures(load_settings().cache_dir, data, catalog, day)
    report = build_report(half, data, catalog, lang, earlier)
    return to_pdf(report, lang) if fmt == "pdf" else to_html(report, lang).encode()


@cached_on_data(max_entries=100)
def glance(data: Dataset, area: str, lang: str) -> Markup:
    """The groups page's table of every Appendix 2 group in an area, a sparkline per row."""
    catalog = data.shown_catalog
    groups = catalog.appendix2
    figures = latest_figures(data, tuple(s.id for s in groups), (area,))
    return glance_html(group_glance(groups, figures, area, lang), catalog.area(area).colour, lang)


@cached_on_data(max_entries=10)
def months_of(data: Dataset, series_id: str) -> list[str]:
    """The months ('2018-01') a series has figures for, oldest first: the groups page's period slider."""
    frame = data.frame
    periods = frame[frame["series"] == series_id]["period"].drop_duplicates().sort_values()
    return [p.strftime("%Y-%m") for p in periods]

"""Decks of slides for meetings: one chart per slide with a headline that states the finding in numbers."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from data_sources.catalog import Catalog
from data_sources.dataset import Dataset
from data_sources.periods import DEFAULT_START, Month
from data_sources.programme import Measure, load_programme
from figures.charts import trend_chart
from figures.formats import fmt_month
from figures.i18n import t
from figures.latest import latest
from figures.provenance import source_line
from figures.scorecard import measure_title, measure_view, score_row, since_headline
from figures.sentences import value_text, year_change_text
from figures.views import apply_view, select, view_decimals, view_unit

DECKS = ("katsaus", "valinta", "4.1", "4.2", "4.3", "4.4")


@dataclass(frozen=True)
class Slide:
    deck: str
    headline: str
    theme: str
    series_id: str
    areas: tuple[str, ...]
    view: str
    note: str


def deck_title(deck: str, lang: str) -> str:
    if deck == "katsaus":
        return {"fi": "Kuukausikatsaus", "sv": "Månadsöversikt", "en": "Monthly review"}[lang]
    if deck == "valinta":
        return {"fi": "Oma valinta", "sv": "Eget urval", "en": "Your selection"}[lang]
    theme = load_programme().theme(deck)
    return f"{theme.id} {theme.short}"


def headline(data: Dataset, catalog: Catalog, series_id: str, area: str, lang: str, prefix: str = "") -> str:
    """'Työttömät työnhakijat 10 153, −3,2 % vuodessa' for the latest month."""
    series = catalog.series_by_id(series_id)
    fig = latest(data.frame, series_id, area)
    if fig.period is None:
        return f"{prefix}{series.label[lang]}: .."
    change = year_change_text(fig, series, lang)
    suffix = "" if change is None else f", {change} {t('per_year', lang)}"
    return f"{prefix}{series.label[lang]} {value_text(fig.value, series, lang)}{suffix}"


def since_baseline_headline(data: Dataset, catalog: Catalog, theme_id: str, measure: Measure, lang: str) -> str:
    """'Työttömät työnhakijat: −8,7 % maaliskuusta 2021, koko maa −8,7 %' for the latest stored month."""
    months = data.frame.loc[data.frame["series"] == measure.series.id, "period"]
    if months.empty:
        return f"{measure.series.label[lang]}: .."
    row = score_row(theme_id, measure, data.frame, catalog, Month.of(months.max()), lang)
    return f"{measure.series.label[lang]}: {since_headline(row, lang)}"


def by_population(data: Dataset, areas: list[str]) -> list[str]:
    """Areas largest first by their latest population (the catalog's order where it is unknown)."""
    population = data.frame[data.frame["series"] == "population"].sort_values("period")
    latest_population = population.groupby("area_code")["value"].last()
    return sorted(areas, key=lambda code: -latest_population.get(code, 0))


def build_deck(
    deck: str, data: Dataset, catalog: Catalog, lang: str, areas: tuple[str, ...] = (), view: str = "level"
) -> list[Slide]:
    """The slides of one deck; unknown decks fall back to the monthly review (the region, then each municipality)."""
    region, country = catalog.region.code, catalog.country.code
    areas = areas or (region,)
    if deck == "valinta":
        return [
            Slide(
                deck,
                headline(data, catalog, s.id, areas[0], lang),
                deck_title(deck, lang),
                s.id,
                areas,
                view,
                s.proxy.note[lang] if s.proxy else "",
            )
            for s in catalog.appendix2
        ]
    if deck in DECKS[2:]:
        theme = load_programme().theme(deck)
        title = deck_title(deck, lang)
        return [
            Slide(
                deck,
                since_baseline_headline(data, catalog, theme.id, measure, lang),
                title,
                measure.series.id,
                (region, country),
                measure_view(measure.series),
                measure.series.proxy.note[lang] if measure.series.proxy else "",
            )
            for measure in theme.measures
        ]
    title = deck_title("katsaus", lang)
    return [
        Slide(
            "katsaus",
            headline(data, catalog, "unemployed", area, lang, prefix=f"{catalog.area(area).name[lang]}: "),
            title,
            "unemployed",
            (area,) if area == region else (area, region),
            "share" if area != region else "level",
            "",
        )
        for area in (region, *by_population(data, [m.code for m in catalog.municipalities]))
    ]


def slide_chart(
    slide: Slide,
    data: Dataset,
    catalog: Catalog,
    lang: str,
    start: str = str(DEFAULT_START.start.date()),
    width: int | str = "container",
    height: int = 600,
) -> alt.TopLevelMixin:
    """The slide's chart at projector size: 24 px axis labels, 48 px title."""
    series = catalog.series_by_id(slide.series_id)
    rows = apply_view(select(data.frame, slide.series_id, slide.areas), slide.view, catalog, data.frame)
    rows = rows[rows["period"] >= pd.Timestamp(start)]
    decimals = view_decimals(series, slide.view)
    last = rows["period"].max()
    if slide.view == "index" or series.unit == "percent":
        title = measure_title(series, lang)  # what is plotted: an index, or a rate
    else:
        title = f"{series.label[lang]}, {fmt_month(last, lang)}" if pd.notna(last) else series.label[lang]
    chart = trend_chart(
        rows,
        catalog=catalog,
        title=title,
        unit=view_unit(series, slide.view, lang),
        source=source_line(data, catalog, series.table, lang),
        lang=lang,
        decimals=decimals,
        height=height,
        large=True,
    )
    return chart.properties(width=width)


def deck_pdf(slides: list[Slide], data: Dataset, catalog: Catalog, lang: str) -> bytes:
    """The whole deck as one landscape PDF, a slide a page."""
    from report.export import Document

    doc = Document(landscape=True)
    for number, slide in enumerate(slides, start=1):
        doc.page()
        if data.is_demo:
            doc.text(t("demo_short", lang), 10, bold=True)
        doc.text(slide.headline, 22, bold=True, gap=2)
        doc.chart(slide_chart(slide, data, catalog, lang, width=1100, height=420).to_dict())
        doc.text(f"{slide.theme} · {number}/{len(slides)}" + (f" · {slide.note}" if slide.note else ""), 10)
    return doc.bytes()

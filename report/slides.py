"""Decks of slides for meetings: one chart per slide with a headline that states the finding in numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from data_sources.catalog import Catalog
from data_sources.dataset import Dataset
from data_sources.programme import load_programme
from figures.charts import trend_chart
from figures.formats import fmt_month, fmt_number, fmt_percent
from figures.i18n import t
from figures.latest import latest
from figures.provenance import source_line
from figures.views import apply_view, select

DECKS = ("katsaus", "valinta", "4.1", "4.2", "4.3", "4.4")
REVIEW_AREAS = ("MK08", "KU286", "KU285", "KU075", "KU624", "KU935", "KU489")


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
    theme = next(th for th in load_programme()["themes"] if th["id"] == deck)
    return f"{theme['id']} {theme['short']}"


def headline(data: Dataset, catalog: Catalog, series_id: str, area: str, lang: str, prefix: str = "") -> str:
    """'Työttömät työnhakijat 10 153, −3,2 % vuodessa' for the latest month."""
    series = catalog.series_by_id(series_id)
    fig = latest(data.frame, series_id, area)
    if fig.period is None:
        return f"{prefix}{series.label[lang]}: .."
    if series.unit == "percent":
        value = fmt_percent(fig.value, series.decimals, lang)
        change = f"{fmt_number(fig.year_change, 1, lang, signed=True)} {t('points', lang)}"
    else:
        value = fmt_number(fig.value, series.decimals, lang)
        change = fmt_percent(fig.year_change_pct, 1, lang, signed=True)
    suffix = "" if math.isnan(fig.year_change) else f", {change} {t('per_year', lang)}"
    return f"{prefix}{series.label[lang]} {value}{suffix}"


def build_deck(
    deck: str, data: Dataset, catalog: Catalog, lang: str, areas: tuple[str, ...] = ("MK08",), view: str = "level"
) -> list[Slide]:
    """The slides of one deck; unknown decks fall back to the monthly review."""
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
            for s in catalog.series
            if s.appendix2
        ]
    if deck in DECKS[2:]:
        theme = next(th for th in load_programme()["themes"] if th["id"] == deck)
        linked = [s for i in theme["indicators"] for s in i.get("series", [])] or ["unemployed"]
        title = deck_title(deck, lang)
        return [
            Slide(
                deck,
                headline(data, catalog, s, "MK08", lang),
                title,
                s,
                ("MK08", "SSS"),
                "index",
                (catalog.series_by_id(s).proxy.note[lang] if catalog.series_by_id(s).proxy else ""),
            )
            for s in dict.fromkeys(linked)
        ]
    title = deck_title("katsaus", lang)
    return [
        Slide(
            "katsaus",
            headline(data, catalog, "unemployed", area, lang, prefix=f"{catalog.area(area).name[lang]}: "),
            title,
            "unemployed",
            (area,) if area == "MK08" else (area, "MK08"),
            "share" if area != "MK08" else "level",
            "",
        )
        for area in REVIEW_AREAS
    ]


def slide_unit(slide: Slide, catalog: Catalog, lang: str) -> str:
    series = catalog.series_by_id(slide.series_id)
    if slide.view == "index":
        return t("unit_index", lang)
    if slide.view == "share":
        return t("unit_share_labour_force" if series.per == "labour_force" else "unit_per_1000", lang)
    return t(f"unit_{series.unit}", lang)


def slide_chart(
    slide: Slide,
    data: Dataset,
    catalog: Catalog,
    lang: str,
    start: str = "2018-01-01",
    width: int | str = "container",
    height: int = 600,
) -> alt.TopLevelMixin:
    """The slide's chart at projector size: 24 px axis labels, 48 px title."""
    series = catalog.series_by_id(slide.series_id)
    rows = apply_view(select(data.frame, slide.series_id, slide.areas), slide.view, catalog, data.frame)
    rows = rows[rows["period"] >= pd.Timestamp(start)]
    decimals = 1 if slide.view in ("share", "index") else series.decimals
    last = rows["period"].max()
    title = f"{series.label[lang]}, {fmt_month(last, lang)}" if pd.notna(last) else series.label[lang]
    chart = trend_chart(
        rows,
        catalog=catalog,
        title=title,
        unit=slide_unit(slide, catalog, lang),
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

"""Decks of slides for meetings: one chart per slide with a headline that states the finding in numbers."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from data_sources.domain.catalog import Catalog
from data_sources.domain.periods import DEFAULT_START, Month
from data_sources.domain.programme import Measure, load_programme, theme_ids
from data_sources.snapshots.dataset import Dataset
from figures.charts import trend_chart
from figures.formats import fmt_period
from figures.i18n import t
from figures.latest import latest
from figures.provenance import source_line
from figures.scorecard import measure_view, score_row, since_headline
from figures.sentences import proxy_note, value_text, year_change_text
from figures.views import apply_view, select, view_decimals, view_unit, with_trend

PDF_CHART_TOP, PDF_CHART_HEIGHT = 44.0, 136.0  # mm on a landscape A4 page: below a two-line headline


@dataclass(frozen=True)
class Slide:
    deck: str
    headline: str
    theme: str
    series_id: str
    areas: tuple[str, ...]
    view: str
    note: str
    points: tuple[str, ...] = ()  # a closing slide's summary: the deck's headlines; a chart slide has none

    @property
    def closing(self) -> bool:
        return not self.series_id


def deck_title(deck: str, lang: str) -> str:
    if deck == "katsaus":
        return {"fi": "Kuukausikatsaus", "sv": "Månadsöversikt", "en": "Monthly review"}[lang]
    if deck == "valinta":
        return {"fi": "Oma valinta", "sv": "Eget urval", "en": "Your selection"}[lang]
    theme = load_programme().theme(deck)
    return theme.label(lang)


def headline(data: Dataset, catalog: Catalog, series_id: str, area: str, lang: str, prefix: str = "") -> str:
    """'Työttömät työnhakijat 10 153, −3,2 % vuodessa' for the latest month."""
    series = catalog.series_by_id(series_id)
    fig = latest(data.frame, series_id, area)
    if fig.period is None:  # a sentence, not '..' where a figure should be
        return f"{prefix}{series.label[lang]}: {t('no_data', lang)}"
    change = year_change_text(fig, series, lang)
    suffix = "" if change is None else f", {change} {t('per_year', lang)}"
    return f"{prefix}{series.label[lang]} {value_text(fig.value, series, lang)}{suffix}"


def since_baseline_headline(data: Dataset, catalog: Catalog, theme_id: str, measure: Measure, lang: str) -> str:
    """'Työttömät työnhakijat: −8,7 % maaliskuusta 2021, koko maa −8,7 %' for the latest stored month."""
    months = data.frame.loc[data.frame["series"] == measure.series.id, "period"]
    if months.empty:
        return f"{measure.series.label[lang]}: {t('no_data', lang)}"
    # the newest period's last month: a quarter or year is scored by the month it ends with
    last = Month.of(months.max()).shift(catalog.step(measure.series) - 1)
    row = score_row(theme_id, measure, data.frame, catalog, last, lang)
    when = f" ({fmt_period(row.period.start, row.step, lang)})" if row.step != 1 else ""
    return f"{measure.series.label[lang]}{when}: {since_headline(row, lang)}"


def by_population(data: Dataset, areas: list[str]) -> list[str]:
    """Areas largest first by their latest population (the catalog's order where it is unknown)."""
    population = data.frame[data.frame["series"] == "population"].sort_values("period")
    latest_population = population.groupby("area_code")["value"].last()
    return sorted(areas, key=lambda code: -latest_population.get(code, 0))


def build_deck(
    deck: str, data: Dataset, catalog: Catalog, lang: str, areas: tuple[str, ...] = (), view: str = "level"
) -> list[Slide]:
    """The deck's chart slides and, last, a closing slide that sums them up."""
    slides = chart_slides(deck, data, catalog, lang, areas, view)
    return [*slides, closing_slide(slides, lang)]


def closing_slide(slides: list[Slide], lang: str) -> Slide:
    """'Yhteenveto': every chart slide's headline once more, so a deck ends with its findings."""
    first = slides[0]
    return Slide(
        first.deck,
        t("deck_summary", lang),
        first.theme,
        "",
        first.areas,
        first.view,
        "",
        tuple(s.headline for s in slides),
    )


def chart_slides(
    deck: str, data: Dataset, catalog: Catalog, lang: str, areas: tuple[str, ...] = (), view: str = "level"
) -> list[Slide]:
    """One chart slide per series; unknown decks fall back to the monthly review (region, then municipalities)."""
    region, country = catalog.region.code, catalog.country.code
    areas = areas or (region,)
    stored = set(data.frame["series"].unique())  # a series with no figures (a table not served) gets no slide
    if deck == "valinta":
        return [
            Slide(
                deck,
                headline(data, catalog, s.id, areas[0], lang),
                deck_title(deck, lang),
                s.id,
                areas,
                view,
                proxy_note(s, lang),
            )
            for s in catalog.appendix2
            if s.id in stored or not stored & {g.id for g in catalog.appendix2}
        ]
    if deck in theme_ids():
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
                proxy_note(measure.series, lang),
            )
            for measure in theme.measures
            # with none of the theme's series stored, every slide stays and says so in words
            if measure.series.id in stored or not stored & {m.series.id for m in theme.measures}
        ]
    title = deck_title("katsaus", lang)
    return [
        # the region's count, then each municipality's rate beside the region's: the headline names what the
        # chart plots (a count of 4 765 over a chart in % would say one thing and show another)
        Slide(
            "katsaus",
            headline(data, catalog, series_id, area, lang, prefix=f"{catalog.area(area).name[lang]}: "),
            title,
            series_id,
            (area,) if area == region else (area, region),
            "level",
            "",
        )
        for area, series_id in (
            (region, catalog.count_series),
            *((code, catalog.rate_series) for code in by_population(data, [m.code for m in catalog.municipalities])),
        )
    ]


def slide_chart(
    slide: Slide,
    data: Dataset,
    catalog: Catalog,
    lang: str,
    start: str = str(DEFAULT_START.start.date()),
    width: int | str = "container",
    height: int | str = "container",
    titled: bool = False,
) -> alt.TopLevelMixin:
    """The slide's chart at projector size: 24 px axis labels, unit and source above it.

    As tall as its container by default: on the slide, the height the window leaves under the headline
    (ui/projector.css); a file of its own (PNG, SVG, PDF) gives a height in pixels.

    On the slide the headline above it is the one title; `titled` puts the headline into the chart for a
    PNG or SVG that travels alone.
    """
    series = catalog.series_by_id(slide.series_id)
    rows = apply_view(select(data.frame, slide.series_id, slide.areas), slide.view, catalog, data.frame)
    step = catalog.step(series)
    rows = with_trend(rows, slide.view, step)
    rows = rows[rows["period"] >= pd.Timestamp(start)]
    decimals = view_decimals(series, slide.view)
    chart = trend_chart(  # no title of its own: the slide's headline is the one title
        rows,
        catalog=catalog,
        title=slide.headline if titled else series.label[lang],
        show_title=titled,
        unit=view_unit(series, slide.view, lang, step),
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
        if slide.closing:
            for point in slide.points:
                doc.text(f"• {point}", 14, gap=2)
            doc.text(source_line(data, catalog, catalog.monthly_table_key, lang), 10)
        else:  # every chart in the same box, whatever its legend or headline: slides line up when flipped through
            spec = slide_chart(slide, data, catalog, lang, width=1100, height=420).to_dict()
            doc.chart_in_box(spec, top=PDF_CHART_TOP, height=PDF_CHART_HEIGHT)
        doc.text(f"{slide.theme} · {number}/{len(slides)}" + (f" · {slide.note}" if slide.note else ""), 10)
    return doc.bytes()

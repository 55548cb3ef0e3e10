"""Cached figure builders: a chart's Vega-Lite spec or a set of latest figures, keyed on plain values.

Building and validating an Altair chart costs ~90 ms and drawing it as SVG (report/inline.py) more;
pages rerun on every click, so each chart is built and drawn once per data release, selection and
language, then served from the cache.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Literal

import pandas as pd
import streamlit as st

from data_sources.domain.boundaries import load_boundaries
from data_sources.domain.periods import DEFAULT_START
from data_sources.domain.programme import has_programme, load_programme
from data_sources.snapshots.dataset import Dataset
from figures.charts import trend_chart
from figures.formats import fmt_month
from figures.i18n import t
from figures.latest import Latest, latest_table
from figures.maps import municipality_map
from figures.markup import Markup
from figures.municipal import FigureRow, municipality_rows, periodic_table, six_municipalities
from figures.peers import comparable_regions
from figures.provenance import source_line
from figures.scorecard import ThemeScore, latest_half_end, theme_score
from figures.views import apply_view, moving_average, select, with_trend
from report.card import municipality_card
from report.downloads import TableDownload, history_download, history_frequency, history_stem, to_csv, to_xlsx
from report.export import chart_png, chart_svg, file_stem
from report.inline import inline_chart
from ui.context import Context, cached_on_data
from ui.safe import show_markup


@cached_on_data(max_entries=500)
def trend_spec(
    data: Dataset,
    series_id: str,
    areas: tuple[str, ...],
    view: str,
    average: bool,
    start: str,
    end: str,
    title: str,
    unit: str,
    source: str,
    lang: str,
    decimals: int,
    height: int,
) -> tuple[dict, str, Markup] | None:
    """The spec, text summary and page SVG of one trend chart; None when there are no figures to draw."""
    catalog = data.shown_catalog
    frame = data.frame
    rows = select(frame, series_id, areas, None, pd.Timestamp(end) if end else None)
    if rows.empty:
        return None
    rows = apply_view(rows, view, catalog, frame)
    step = catalog.step(catalog.series_by_id(series_id))
    if average:
        rows["shown"] = moving_average(rows, step=step)
    else:
        rows = with_trend(rows, view, step)
    rows = rows[rows["period"] >= pd.Timestamp(start)]
    chart = trend_chart(
        rows,
        catalog=catalog,
        title=title,
        unit=unit,
        source=source,
        lang=lang,
        decimals=decimals,
        average=average,
        height=height,
    )
    spec = chart.to_dict()
    return spec, chart.description, inline_chart(spec, chart.description)


@cached_on_data(max_entries=200)
def latest_figures(data: Dataset, series_ids: tuple[str, ...], areas: tuple[str, ...]) -> dict[tuple[str, str], Latest]:
    return latest_table(data.frame, series_ids, areas)


@cached_on_data(max_entries=20)
def theme_scores(data: Dataset, lang: str) -> tuple[ThemeScore, ...]:
    """Every theme's scorecard for the newest half-year whose last month is stored (empty when none is)."""
    catalog = data.shown_catalog
    end = latest_half_end(data.frame, catalog)
    if end is None or not has_programme():
        return ()
    peers = comparable_regions(data.frame, catalog)
    return tuple(
        theme_score(theme, data.frame, catalog, end, lang, peers, data.is_demo) for theme in load_programme().themes
    )


def show_trend(
    ctx: Context,
    series_id: str,
    areas: list[str] | tuple[str, ...],
    *,
    view: str = "level",
    average: bool = False,
    start: str = str(DEFAULT_START.start.date()),
    end: str = "",
    title: str,
    unit: str,
    decimals: int = 0,
    height: int = 320,
    key: str = "",
) -> str | None:
    """Draw one cached trend chart; returns its text summary (None when nothing was drawn)."""
    series = ctx.catalog.series_by_id(series_id)
    built = trend_spec(
        ctx.data,
        series_id,
        tuple(areas),
        view,
        average,
        start,
        end,
        title,
        unit,
        ctx.source_line(series.table),
        ctx.lang,
        decimals,
        height,
    )
    if built is None:
        return None
    spec, description, drawn = built
    show_markup(drawn)
    stem = file_stem(title, areas[0], end[:7] or str(ctx.last.date())[:7], "demo" if ctx.data.is_demo else "")
    chart_menu(ctx.lang, spec, stem, description, key, data=lambda: history_downloads(ctx, [series_id], areas, key))
    return description


def chart_menu(
    lang: str, spec: dict, stem: str, description: str, key: str = "", data: Callable[[], None] | None = None
) -> None:
    """One tab stop per chart: a menu with the chart's text summary, its PNG and SVG, and (`data`) the figures
    behind it as CSV for Finnish Excel and .xlsx.

    (Streamlit's own chart toolbar, four more stops per chart, is hidden in ui/frame.css.)
    """
    with st.popover(t("chart_menu", lang), icon=":material/more_horiz:", type="tertiary", key=f"menu-{key}{stem}"):
        st.markdown(f"**{t('chart_summary', lang)}**")
        st.text(description)
        chart_downloads(spec, stem, key)
        if data is not None:
            data()


# Why a download's file could not be made, by its button's key (this process; a new key each release).
_FAILED: dict[str, str] = {}
log = logging.getLogger(__name__)


def remembering(make: Callable[[], bytes], button: str) -> Callable[[], bytes]:
    """`make`, noting why it failed: a deferred download that raises does nothing in the browser, so the
    button's place says why from the next run on, for every viewer, instead of a button that does nothing."""

    def run() -> bytes:
        try:
            return make()
        except Exception as exc:
            log.exception("download %s could not be made", button)
            while len(_FAILED) >= 100:
                _FAILED.pop(next(iter(_FAILED)))
            _FAILED[button] = " ".join(f"{type(exc).__name__}: {exc}".split())
            raise

    return run


def lazy_downloads(
    files: list[tuple[str, Callable[[], bytes], str, str, str]],
    key: str = "",
    kind: Literal["primary", "secondary", "tertiary"] = "tertiary",
    lang: str = "fi",
) -> None:
    """One button per (label, make, file name, mime, icon), side by side; each file is made on the server
    only when its button is pressed (no rerun). `key` tells apart the same files shown twice on one page.
    A file that could not be made has, in its button's place, one line saying so.

    One row that wraps, not a column each: every element is a message and a render in the browser."""
    row = st.container(horizontal=True, gap="small")
    for label, make, file_name, mime, icon in files:
        button = f"{label.lower()}-{key}{file_name}"
        if button in _FAILED:
            row.caption(t("download_failed", lang, file=file_name))  # the exception is in the log, not the page
            continue
        row.download_button(
            label,
            remembering(make, button),
            file_name=file_name,
            mime=mime,
            on_click="ignore",
            type=kind,
            icon=icon,
            key=button,
        )


def chart_downloads(spec: dict, stem: str, key: str = "") -> None:
    """PNG and SVG of exactly this chart, rendered on the server only when asked for."""
    lazy_downloads(
        [
            ("PNG", lambda: chart_png(spec), f"{stem}.png", "image/png", ":material/image:"),
            ("SVG", lambda: chart_svg(spec).encode("utf-8"), f"{stem}.svg", "image/svg+xml", ":material/draw:"),
        ],
        key,
    )


# --- issue 11: municipality page ----------------------------------------------------------


@cached_on_data(max_entries=50)
def municipality_figures(data: Dataset, area: str) -> list[FigureRow]:
    return municipality_rows(data.frame, data.shown_catalog, area)


@cached_on_data(max_entries=200)
def periodic_figures(data: Dataset, area: str, lang: str) -> tuple[pd.DataFrame, list[str]]:
    return periodic_table(data.frame, data.shown_catalog, area, lang)


@cached_on_data(max_entries=5)
def six_table(data: Dataset) -> pd.DataFrame:
    return six_municipalities(data.frame, data.shown_catalog)


@cached_on_data(max_entries=100)
def map_drawn(data: Dataset, change: bool, highlight: str, lang: str) -> tuple[str, Markup]:
    """The map of the six on the unemployment rate (or its change from a year earlier): its text and page SVG.

    (Not its spec: nothing downloads the map, and the spec's boundaries would be copied out of the cache
    on every run of the page.)"""
    catalog = data.shown_catalog
    six = six_municipalities(data.frame, catalog)
    rate = catalog.series_by_id(catalog.rate_series)
    column = f"{rate.id}_year_change" if change else rate.id
    month = six["period"].dropna().max()
    chart = municipality_map(
        load_boundaries(),
        dict(zip(six["area_code"], six[column], strict=True)),
        title=t("map_change" if change else "map_rate", lang),
        unit=f"{t('points', lang) if change else '%'}, {fmt_month(month, lang)}",
        source=f"{source_line(data, catalog, rate.table, lang)}\n{t('boundaries_source', lang)}",
        lang=lang,
        decimals=rate.decimals,
        suffix=f"\u00a0{t('points', lang)}" if change else "\u00a0%",
        change=change,
        highlight=highlight,
        names={a.code: a.name[lang] for a in catalog.areas},
    )
    return chart.description, inline_chart(chart.to_dict(), chart.description)


@cached_on_data(max_entries=20)
def card_pdf(data: Dataset, area: str, lang: str) -> bytes:
    return municipality_card(data, data.shown_catalog, area, lang)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def history_downloads(ctx: Context, series_ids: Sequence[str], areas: Sequence[str], key: str = "") -> None:
    """The chosen series' monthly history in the chosen areas, as CSV for Finnish Excel and as .xlsx, with
    source, licence and notes; made only when a button is pressed."""
    if not series_ids or not areas:
        return
    data, catalog, lang = ctx.data, ctx.catalog, ctx.lang
    stem = history_stem(data, catalog, areas, lang, series_ids)
    monthly = history_frequency(catalog, series_ids) == "monthly"
    csv, xlsx = ("history_csv", "history_xlsx") if monthly else ("history_csv_periodic", "history_xlsx_periodic")

    def table() -> TableDownload:
        return history_download(data, catalog, series_ids, areas, lang)[1]

    lazy_downloads(
        [
            (t(csv, lang), lambda: to_csv(table()), f"{stem}.csv", "text/csv", ":material/download:"),
            (t(xlsx, lang), lambda: to_xlsx(table()), f"{stem}.xlsx", XLSX_MIME, ":material/download:"),
        ],
        key=f"history-{key}-{data.version}-{'+'.join(series_ids)}-{'+'.join(areas)}",
        kind="secondary",
        lang=lang,
    )

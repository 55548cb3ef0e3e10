"""The half-yearly progress report: per theme its goals and each indicator's figures, as HTML or PDF."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

import pandas as pd

from data_sources.catalog import Catalog
from data_sources.dataset import Dataset
from data_sources.periods import DEFAULT_START, HalfYear, PeriodError
from data_sources.programme import load_programme
from figures.charts import trend_chart
from figures.formats import fmt_date, fmt_month, fmt_number
from figures.i18n import t
from figures.provenance import source_line
from figures.views import INDEX_BASE, apply_view, select
from report.export import Document, chart_svg, html_page


class ReportError(ValueError):
    """A report that cannot be made from the stored figures."""


@dataclass(frozen=True)
class SeriesFigure:
    series_id: str
    label: str
    decimals: int
    unit: str
    period: pd.Timestamp
    value: float
    change_half: float
    change_since_start: float
    source: str
    code: str
    spec: dict


@dataclass(frozen=True)
class IndicatorReport:
    text: str
    source: str
    figures: list[SeriesFigure]


@dataclass(frozen=True)
class ThemeReport:
    id: str
    title: str
    coordinator: str
    goals: list[str]
    indicators: list[IndicatorReport]


@dataclass(frozen=True)
class HalfYearReport:
    half: str
    period_end: pd.Timestamp
    previous_end: pd.Timestamp
    is_demo: bool
    releases: dict[str, str]
    themes: list[ThemeReport] = field(default_factory=list)


def parse_half(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """'2026H1' -> (June 2026, December 2025): the half's last month and the previous half's."""
    try:
        half = HalfYear.parse(text)
    except PeriodError as exc:
        raise ReportError(str(exc)) from None
    return half.last_month.start, half.previous.last_month.start


def _value(frame: pd.DataFrame, series_id: str, area: str, period: pd.Timestamp) -> float:
    rows = frame[(frame["series"] == series_id) & (frame["area_code"] == area) & (frame["period"] == period)]
    return float(rows["value"].iloc[0]) if len(rows) else math.nan


def build_report(half: str, data: Dataset, catalog: Catalog, lang: str = "fi") -> HalfYearReport:
    end, previous = parse_half(half)
    monthly = data.frame[data.frame["table"] == catalog.monthly_table.path]
    if monthly.empty:
        raise ReportError("no monthly job-seeker figures are stored; run python -m data_sources.refresh")
    latest = monthly["period"].max()
    if latest < end:
        raise ReportError(f"the figures for {half} are not out yet: the latest stored month is {latest:%Y-%m}")
    area = catalog.region.code
    themes = []
    for theme in load_programme()["themes"]:
        indicators = []
        for indicator in theme["indicators"]:
            figures = []
            for series_id in indicator.get("series", []):
                series = catalog.series_by_id(series_id)
                rows = apply_view(
                    select(data.frame, series_id, (area,), DEFAULT_START.start, end),
                    "level",
                    catalog,
                    data.frame,
                )
                value = _value(data.frame, series_id, area, end)
                chart = trend_chart(
                    rows,
                    catalog=catalog,
                    title=f"{series.label[lang]}, {fmt_month(end, lang)}",
                    unit=t(f"unit_{series.unit}", lang),
                    source=source_line(data, catalog, series.table, lang),
                    lang=lang,
                    decimals=series.decimals,
                    height=260,
                )
                figures.append(
                    SeriesFigure(
                        series_id,
                        series.label[lang],
                        series.decimals,
                        series.unit,
                        end,
                        value,
                        value - _value(data.frame, series_id, area, previous),
                        value - _value(data.frame, series_id, area, INDEX_BASE),
                        catalog.tables[series.table].short_id,
                        series.content_code,
                        chart.to_dict(),
                    )
                )
            indicators.append(IndicatorReport(indicator["text"], indicator["source"], figures))
        themes.append(
            ThemeReport(
                theme["id"], theme["title"], theme["coordinator"], [g["title"] for g in theme["goals"]], indicators
            )
        )
    releases = {p.table_path: p.release for p in data.provenance.values()}
    return HalfYearReport(half.upper(), end, previous, data.is_demo, releases, themes)


def _figure_cells(fig: SeriesFigure, lang: str) -> list[str]:
    return [
        fig.label,
        fmt_number(fig.value, fig.decimals, lang),
        fmt_number(fig.change_half, fig.decimals, lang, signed=True),
        fmt_number(fig.change_since_start, fig.decimals, lang, signed=True),
        f"{fig.source} {fig.code}",
    ]


HEADERS = ["Mittari", "Arvo", "Muutos puolessa vuodessa", "Muutos 3/2021 alkaen", "Lähde ja koodi"]


def _intro(report: HalfYearReport, lang: str) -> list[str]:
    lines = [
        f"Kymenlaakson työllisyysohjelman puolivuosiraportti {report.half}",
        f"Luvut {fmt_month(report.period_end, lang)} lopussa, Kymenlaakso; muutokset verrattuna "
        f"{fmt_month(report.previous_end, lang)} ja maaliskuuhun 2021 (ohjelman hyväksyminen 23.3.2021).",
        "Julkaisut: " + ", ".join(f"{path} {fmt_date(release, lang)}" for path, release in report.releases.items()),
    ]
    if report.is_demo:
        lines.insert(1, t("demo_banner", lang))
    return lines


def to_html(report: HalfYearReport, lang: str = "fi") -> str:
    title, *intro = _intro(report, lang)
    parts = [f"<h1>{html.escape(title)}</h1>"]
    parts += [
        f"<p class='{'demo' if report.is_demo and i == 0 else 'note'}'>{html.escape(line)}</p>"
        for i, line in enumerate(intro)
    ]
    for theme in report.themes:
        parts.append(f"<h2>{html.escape(theme.id)} {html.escape(theme.title)}</h2>")
        parts.append(f"<p><b>Koordinointi:</b> {html.escape(theme.coordinator)}</p><p><b>Tavoitteet</b></p><ol>")
        parts += [f"<li>{html.escape(goal)}</li>" for goal in theme.goals]
        parts.append("</ol><table><tr>" + "".join(f"<th>{h}</th>" for h in HEADERS) + "</tr>")
        charts = []
        for indicator in theme.indicators:
            if not indicator.figures:
                parts.append(
                    f"<tr><td>{html.escape(indicator.text)}</td><td colspan='3'>"
                    f"{t('not_connected', lang)}</td><td>{html.escape(indicator.source)}</td></tr>"
                )
            for fig in indicator.figures:
                cells = _figure_cells(fig, lang)
                parts.append(
                    "<tr>"
                    + "".join(
                        f"<td class='{'num' if 0 < i < 4 else ''}'>{html.escape(c)}</td>" for i, c in enumerate(cells)
                    )
                    + "</tr>"
                )
                charts.append(chart_svg(fig.spec))
        parts.append("</table>")
        parts += charts
    return html_page(title, "\n".join(parts))


def to_pdf(report: HalfYearReport, lang: str = "fi") -> bytes:
    doc = Document(landscape=False)
    doc.page()
    title, *intro = _intro(report, lang)
    doc.text(title, 18, bold=True, gap=3)
    for line in intro:
        doc.text(line, 10)
    for theme in report.themes:
        doc.page()
        if report.is_demo:
            doc.text(t("demo_short", lang), 9, bold=True)
        doc.text(f"{theme.id} {theme.title}", 15, bold=True)
        doc.text(f"Koordinointi: {theme.coordinator}", 10)
        doc.text("Tavoitteet: " + "; ".join(f"{i}. {g}" for i, g in enumerate(theme.goals, start=1)), 9)
        for indicator in theme.indicators:
            if not indicator.figures:
                doc.text(f"• {indicator.text} – {indicator.source}: {t('not_connected', lang)}", 9, gap=0.5)
            for fig in indicator.figures:
                label, value, half, since, source = _figure_cells(fig, lang)
                doc.text(
                    f"• {label}: {value} ({half} puolessa vuodessa, {since} 3/2021 alkaen; {source})",
                    10,
                    bold=True,
                    gap=0.5,
                )
                doc.chart(fig.spec)
    return doc.bytes()

"""The half-yearly progress report: cover, summary of every indicator, per theme assessments, scorecard and charts.

Built once (`build_report`) into plain sections that `to_pdf` and `to_html` both lay out, so the two
hold the same content. Table ids and content codes stand only in the appendix.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd

from data_sources.domain.catalog import Catalog, load_catalog
from data_sources.domain.periods import DEFAULT_START, HalfYear, Month, PeriodError
from data_sources.domain.programme import ProgrammeError, load_programme
from data_sources.domain.progress import Progress
from data_sources.records.current import printed_entered, printed_progress
from data_sources.snapshots.dataset import Dataset
from figures.charts import trend_chart
from figures.comparisons import break_note
from figures.formats import fmt_date, fmt_month, month_end_phrase
from figures.i18n import t
from figures.peers import comparable_regions
from figures.provenance import source_line
from figures.scorecard import (
    FIGURE_COLUMNS,
    ScoreRow,
    ThemeScore,
    bases_line,
    entered_lines,
    fit_label,
    measure_notes,
    measure_title,
    measure_view,
    missing_reasons,
    peers_line,
    row_bases,
    row_figures,
    since_headline,
    status_label,
    status_rule,
    theme_score,
    wanted_label,
)
from figures.views import apply_view, select, view_decimals, view_unit, with_trend
from figures.vintages import comparison_table
from report.earlier import Earlier
from report.export import Document, chart_svg, html_page


class ReportError(ValueError):
    """A report that cannot be made from the stored figures."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # shares of the page's width in the PDF (A4 landscape: 269 mm in all)
    aligns: str = ""


@dataclass(frozen=True)
class Chart:
    heading: str
    spec: dict


@dataclass(frozen=True)
class ThemeSection:
    heading: str
    coordinator: str
    assessments: Table
    scorecard: Table
    notes: list[str]  # under the scorecard: why each stand-in measures what it does, the breaks crossed
    charts: list[Chart]


@dataclass(frozen=True)
class SinceSection:
    """The region's figures as known at the last meeting beside today's (issue 11); `table` None when
    there is nothing to compare with, and `intro` says why."""

    heading: str
    intro: str
    table: Table | None
    note: str


@dataclass(frozen=True)
class HalfYearReport:
    half: str
    lang: str
    title: str
    subtitle: str
    cover_lines: list[str]
    summary: Table
    status_rule: str
    since: SinceSection
    themes: list[ThemeSection]
    appendix: Table
    is_demo: bool
    scores: tuple[ThemeScore, ...]


def parse_half(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """'2026H1' -> (June 2026, December 2025): the half's last month and the previous half's."""
    try:
        half = HalfYear.parse(text)
    except PeriodError as exc:
        raise ReportError(str(exc)) from None
    return half.last_month.start, half.previous.last_month.start


def _status(row: ScoreRow, lang: str) -> str:
    """'= ennallaan · korvike': the status, and the measure's fit where it is not exact."""
    fit = fit_label(row.measure, lang)
    return f"{status_label(row.status, lang)} · {fit}" if fit else status_label(row.status, lang)


def _assessed_status(progress: Progress, score: ThemeScore, lang: str) -> str:
    counts = progress.counts([g.id for g in score.theme.goals])
    told = ", ".join(f"{n} {t(f'state_{state}', lang)}" for state, n in counts.items() if n)
    return f"{t('assessments', lang)}: {told}"


def _other_rows(score: ThemeScore, progress: Progress, lang: str, width: int, why: bool) -> list[list[str]]:
    """Rows for the indicators without figures: (why) not available, or that the coordinators assess them."""
    unknown = status_label("unknown", lang)
    missing = missing_reasons(score, load_catalog(), lang)
    rows = [[f"{label} – {why}", *[".."] * (width - 2), unknown] for label, why in missing]
    for indicator in score.unavailable:
        text = f"{indicator.text} – {indicator.unavailable[lang]}" if why and indicator.unavailable else indicator.text
        rows.append([text, *[".."] * (width - 2), status_label("unknown", lang)])
    for indicator in score.assessed:
        rows.append([indicator.text, *["–"] * (width - 2), _assessed_status(progress, score, lang)])
    # the figures entered for the half-year with their source (data_sources/domain/entered.py)
    if score.theme.entered:
        entered = printed_entered(HalfYear.containing(score.end).key)
        for line in entered_lines(score.theme, entered, lang):
            rows.append([line, *["–"] * (width - 2), t("entered_title", lang)])
    return rows


def _summary(scores: tuple[ThemeScore, ...], progress: Progress, lang: str) -> Table:
    headers = [
        t("col_theme", lang),
        t("col_indicator", lang),
        *(t(key, lang) for key in FIGURE_COLUMNS),
        t("col_status", lang),
    ]
    rows = []
    for score in scores:
        for row in score.rows:
            rows.append([score.theme.id, row.series.label[lang], *row_figures(row, lang), _status(row, lang)])
        rows += [[score.theme.id, *r] for r in _other_rows(score, progress, lang, len(headers) - 1, why=False)]
    # the latest value the widest figure: a quarter's or year's names its period ("12 849 toimipaikkaa (2024)")
    return Table(headers, rows, [12, 44, 34, 23, 23, 22, 22, 26, 17, 40], "LLRRRRRRRL")


def _scorecard(score: ThemeScore, progress: Progress, lang: str) -> Table:
    headers = [
        t("col_indicator", lang),
        *(t(key, lang) for key in FIGURE_COLUMNS),
        t("col_wanted", lang),
        t("col_status", lang),
    ]
    rows = []
    for row in score.rows:
        serves = "; ".join(i.text for i in row.measure.indicators)
        rows.append(
            [
                f"{row.series.label[lang]} ({serves})",
                *row_figures(row, lang),
                f"{wanted_label(row.measure.wanted, lang)}: “{row.measure.because}”",
                f"{_status(row, lang)}: {row.reason}",
            ]
        )
    rows += [r[:-1] + ["", r[-1]] for r in _other_rows(score, progress, lang, len(headers) - 1, why=True)]
    return Table(headers, rows, [38, 32, 23, 23, 22, 22, 24, 17, 24, 44], "LRRRRRRRLL")


def _assessments(score: ThemeScore, progress: Progress, lang: str) -> Table:
    headers = [t("col_goal", lang), t("col_state", lang), t("col_assessment", lang), t("col_assessor", lang)]
    rows = []
    for goal in score.theme.goals:
        a = progress.of(goal.id)
        when = f" ({fmt_date(a.date, lang)})" if a.date else ""
        rows.append([f"{goal.id} {goal.title}", t(f"state_{a.state}", lang), a.assessment or "–", a.assessor + when])
    return Table(headers, rows, [54, 20, 74, 34])  # the assessment widest: it may run to thousands of characters


def _chart(row: ScoreRow, data: Dataset, catalog: Catalog, end: Month, lang: str) -> Chart:
    series = row.series
    view = measure_view(series)
    areas = (catalog.region.code, catalog.country.code)
    rows = apply_view(select(data.frame, series.id, areas, None, end.start), view, catalog, data.frame)
    step = catalog.step(series)
    rows = with_trend(rows, view, step)
    rows = rows[rows["period"] >= DEFAULT_START.start]
    note = f" · {t('proxy', lang)}: {series.proxy.note[lang]}" if series.proxy else ""
    chart = trend_chart(
        rows,
        catalog=catalog,
        title=measure_title(series, lang, step),
        unit=view_unit(series, view, lang, step) + note,
        source=source_line(data, catalog, series.table, lang, with_table=False),
        lang=lang,
        decimals=view_decimals(series, view),
        height=230,
    )
    return Chart(f"{series.label[lang]}: {since_headline(row, lang)}", chart.to_dict())


def _appendix(data: Dataset, catalog: Catalog, scores: tuple[ThemeScore, ...], lang: str) -> Table:
    headers = [t("col_series", lang), t("col_source", lang), t("col_table", lang), t("col_code", lang)]
    seen: dict[str, list[str]] = {}
    for score in scores:
        for row in score.rows:
            series = row.series
            table = catalog.tables[series.table]
            prov = data.provenance.get(series.table)
            released = f"{t('col_release', lang)} {fmt_date(prov.release, lang)}" if prov else ""
            seen[series.id] = [
                series.label[lang],
                f"{table.source[lang]}; {released}",
                f"{catalog.database} {table.path}",
                series.content_code,
            ]
    rows = list(seen.values())
    rows.append([t("region", lang), catalog.region.name[lang], "", catalog.region.code])
    rows.append([t("country", lang), catalog.country.name[lang], "", catalog.country.code])
    return Table(headers, rows, [62, 52, 30, 38])


def _since(earlier: Earlier | None, data: Dataset, catalog: Catalog, scores: tuple[ThemeScore, ...], lang: str):
    heading = t("since_title", lang)
    if earlier is None:
        return SinceSection(heading, t("report_since_none", lang), None, "")
    if earlier.meeting is None and not earlier.error:
        return SinceSection(heading, t("report_since_no_meetings", lang), None, "")
    if earlier.meeting is None or earlier.release is None:  # no meeting, so no release it saw
        return SinceSection(heading, t("report_since_meetings", lang, error=earlier.error), None, "")
    date = fmt_date(str(earlier.meeting), lang)
    if earlier.frame is None:
        return SinceSection(heading, t("report_since_error", lang, date=date, error=earlier.error), None, "")
    shown = catalog.without_copies(list({row.series.id: row.series for score in scores for row in score.rows}.values()))
    series_ids = [series.id for series in shown]
    compared = comparison_table(earlier.frame, data.frame, catalog, series_ids, catalog.region.code, lang)
    table = Table(list(compared.columns), compared.values.tolist(), [70, 26, 26, 20, 40], "LRRRL")
    intro = t(
        "report_since_intro",
        lang,
        area=catalog.region.name[lang],
        date=date,
        release=fmt_date(earlier.release.release, lang),
    )
    return SinceSection(heading, intro, table, t("report_since_note", lang))


def build_report(
    half: str, data: Dataset, catalog: Catalog, lang: str = "fi", earlier: Earlier | None = None
) -> HalfYearReport:
    """The report for `half`; `earlier` (report.earlier.earlier_figures) gives the 'since the last meeting'
    comparison."""
    end_start, _ = parse_half(half)
    half_year = HalfYear.parse(half)
    end = half_year.last_month
    monthly = data.frame[data.frame["table"] == catalog.monthly_table.path]
    if monthly.empty:
        raise ReportError("no monthly job-seeker figures are stored; run python -m data_sources refresh")
    latest = monthly["period"].max()
    if latest < end_start:
        raise ReportError(f"the figures for {half} are not out yet: the latest stored month is {latest:%Y-%m}")
    try:
        programme = load_programme()
    except ProgrammeError as exc:
        raise ReportError(str(exc)) from None
    progress = printed_progress(half_year.key, programme)
    peers = comparable_regions(data.frame, catalog)
    scores = tuple(
        theme_score(theme, data.frame, catalog, end, lang, peers, data.is_demo) for theme in programme.themes
    )
    sections = []
    for score in scores:
        theme = score.theme
        sections.append(
            ThemeSection(
                heading=f"{theme.id} {theme.title}",
                coordinator=f"{t('coordinator', lang)}: {theme.coordinator}",
                assessments=_assessments(score, progress, lang),
                scorecard=_scorecard(score, progress, lang),
                notes=measure_notes(score, lang),
                charts=[_chart(row, data, catalog, end, lang) for row in score.rows],
            )
        )
    releases = ", ".join(
        f"{catalog.tables[key].source[lang]} {fmt_date(prov.release, lang)}" for key, prov in data.provenance.items()
    )
    cover = [
        t(
            "report_subtitle",
            lang,
            end=month_end_phrase(end.start, lang, year=True),
            area=catalog.region.name[lang],
            bases=bases_line(end, lang),
        ),
        f"{t('report_releases', lang)}: {releases}.",
        t("report_made", lang, date=fmt_date(pd.Timestamp(dt.date.today()), lang)),
    ]
    if progress.error:
        cover.append(t("progress_error", lang, error=progress.error))
    if data.is_demo:
        cover.insert(0, t("demo_banner", lang))
    if t("in_finnish", lang):
        cover.append(t("in_finnish", lang))
    return HalfYearReport(
        half=half_year.key,
        lang=lang,
        title=t("report_title", lang, half=half_year.key),
        subtitle=fmt_month(end.start, lang),
        cover_lines=cover,
        summary=_summary(scores, progress, lang),
        status_rule=_rule_note(scores, catalog, lang),
        since=_since(earlier, data, catalog, scores, lang),
        themes=sections,
        appendix=_appendix(data, catalog, scores, lang),
        is_demo=data.is_demo,
        scores=scores,
    )


def _rule_note(scores: tuple[ThemeScore, ...], catalog: Catalog, lang: str) -> str:
    """Under the summary: the status rule, the comparable regions, and the breaks the comparisons cross."""
    crossed = {b.date: b for score in scores for row in score.rows for b in row.breaks}
    parts = [status_rule(catalog, lang), peers_line(scores[0], catalog, lang) if scores else ""]
    parts += row_bases(tuple(row for score in scores for row in score.rows), lang)  # quarters' and years' bases
    parts.append(break_note(tuple(crossed.values()), lang))
    return " ".join(p for p in parts if p)


def _html_table(table: Table) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headers)
    aligns = table.aligns.ljust(len(table.headers), "L")
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class='num'>{html.escape(c)}</td>" if a == "R" else f"<td>{html.escape(c)}</td>"
            for c, a in zip(row, aligns, strict=False)
        )
        + "</tr>"
        for row in table.rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def to_html(report: HalfYearReport, lang: str = "fi") -> str:
    parts = [f"<div class='cover'><h1>{html.escape(report.title)}</h1>"]
    parts += [
        f"<p class='{'demo' if report.is_demo and i == 0 else 'note'}'>{html.escape(line)}</p>"
        for i, line in enumerate(report.cover_lines)
    ]
    parts.append("</div>")
    parts.append(f"<h2>{html.escape(t('report_summary', lang))}</h2>")
    parts.append(_html_table(report.summary))
    parts.append(f"<p class='note'>{html.escape(report.status_rule)}</p>")
    since = report.since
    parts.append(f"<h2>{html.escape(since.heading)}</h2><p>{html.escape(since.intro)}</p>")
    if since.table is not None:
        parts.append(_html_table(since.table))
        parts.append(f"<p class='note'>{html.escape(since.note)}</p>")
    for section in report.themes:
        parts.append(f"<h2>{html.escape(section.heading)}</h2><p>{html.escape(section.coordinator)}</p>")
        parts.append(f"<h3>{html.escape(t('assessments', lang))} {report.half}</h3>")
        parts.append(_html_table(section.assessments))
        parts.append(f"<h3>{html.escape(t('scorecard', lang))}</h3>")
        parts.append(_html_table(section.scorecard))
        parts += [f"<p class='note'>{html.escape(note)}</p>" for note in section.notes]
        for chart in section.charts:
            parts.append(f"<div class='chart'><h4>{html.escape(chart.heading)}</h4>{chart_svg(chart.spec)}</div>")
    parts.append(f"<h2>{html.escape(t('report_appendix', lang))}</h2>")
    parts.append(_html_table(report.appendix))
    return html_page(report.title, "\n".join(parts), lang)


def _pdf_table(doc: Document, table: Table, size: float = 7.5) -> None:
    doc.table(table.headers, table.rows, table.widths, table.aligns, size)


def to_pdf(report: HalfYearReport, lang: str = "fi") -> bytes:
    # landscape: the summary and scorecards have ten columns, and a change such as '+0,1 %-yks.' must not break
    doc = Document(landscape=True, footer=f"{report.title} · {t('report_page', lang, n='{page}', total='{pages}')}")
    doc.page()
    doc.pdf.ln(35)
    doc.text(report.title, 22, bold=True, gap=4)
    doc.text(report.subtitle, 14, gap=6)
    for line in report.cover_lines:
        doc.text(line, 10, bold=report.is_demo and line == report.cover_lines[0])
    doc.page()
    doc.heading(t("report_summary", lang), 16)
    _pdf_table(doc, report.summary, 7)
    doc.text(report.status_rule, 7.5)
    since = report.since
    # a sentence alone (no meeting or no earlier release to compare with) stays on the summary's page
    doc.heading(since.heading, 14, keep=30 if since.table is not None else 12)
    doc.text(since.intro, 9)
    if since.table is not None:
        _pdf_table(doc, since.table)
        doc.text(since.note, 7.5)
    for section in report.themes:
        doc.page()
        if report.is_demo:
            doc.text(t("demo_short", lang), 9, bold=True)
        doc.text(section.heading, 15, bold=True)
        doc.text(section.coordinator, 10)
        doc.heading(f"{t('assessments', lang)} {report.half}", 12)
        _pdf_table(doc, section.assessments)
        doc.heading(t("scorecard", lang), 12)
        _pdf_table(doc, section.scorecard, 7)
        for note in section.notes:
            doc.text(note, 7.5)
        for chart in section.charts:
            doc.chart(chart.spec, heading=chart.heading, heading_size=10)
    doc.page()
    doc.heading(t("report_appendix", lang), 15)
    _pdf_table(doc, report.appendix)
    return doc.bytes()

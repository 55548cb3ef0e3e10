"""Ohjelman teemat: per theme its scorecard first, then the coordinators' assessments, then the programme's text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_sources.domain.periods import HalfYear, Month, halves_between
from data_sources.domain.programme import Theme, has_programme, load_programme
from data_sources.domain.progress import Progress, load_progress
from data_sources.domain.region import programme_baseline
from data_sources.records.current import current_entered, records_stamp
from figures.comparisons import change_text
from figures.formats import fmt_date, fmt_month, fmt_number
from figures.i18n import t
from figures.scorecard import (
    COMPACT_COLUMNS,
    ThemeScore,
    bases_line,
    compact_figures,
    entered_table,
    fit_label,
    measure_notes,
    measure_title,
    measure_view,
    missing_reasons,
    peers_line,
    since_headline,
    status_label,
    status_rule,
    wanted_label,
)
from figures.views import view_decimals, view_unit
from ui.built import report_file
from ui.context import bind, page_frame
from ui.editing import assessment_forms, entered_forms, records_for, secretary_tools, show_flash, sign_in_bar
from ui.figures import lazy_downloads, show_trend, theme_scores
from ui.safe import plain
from ui.tables import figures_table


def available_halves(last: pd.Timestamp) -> list[str]:
    """Half-years since the programme began whose last month is out, newest first."""
    return [h.key for h in halves_between(programme_baseline(), Month.of(last))]


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def anchor(theme: Theme, number: int) -> str:
    return f"kaavio-{theme.id.replace('.', '-')}-{number}"


def show_scorecard(score: ThemeScore, lang: str) -> None:
    theme = score.theme
    end = score.end.start
    st.markdown(f"#### {t('scorecard', lang)}")
    st.caption(
        t(
            "scorecard_period",
            lang,
            half=HalfYear.containing(score.end).key,
            end=fmt_month(end, lang),
            bases=bases_line(score.end, lang),
        )
    )
    if score.rows:
        # seven columns, each change with its comparisons in one cell: eleven were wider than a 1366 px screen
        headers = [
            t("col_indicator", lang),
            t(COMPACT_COLUMNS[0], lang, month=fmt_month(end, lang)),
            *(t(key, lang) for key in COMPACT_COLUMNS[1:]),
            t("col_wanted", lang),
            t("col_status", lang),
        ]
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        for number, row in enumerate(score.rows, start=1):
            serves = "; ".join(i.text for i in row.measure.indicators)
            fit = fit_label(row.measure, lang)
            lines.append(
                "| "
                + " | ".join(
                    cell(x)
                    for x in (
                        f"[{row.series.label[lang]}](#{anchor(theme, number)}) · *{serves}*",
                        *compact_figures(row, lang),
                        f"{wanted_label(row.measure.wanted, lang)} · “{row.measure.because}”",
                        f"**{status_label(row.status, lang)}**" + (f" · {fit}" if fit else ""),
                    )
                )
                + " |"
            )
        st.markdown("\n".join(lines))
        st.caption(f"{peers_line(score, catalog, lang)} {status_rule(catalog, lang)}")
        notes = [
            f"{status_label(r.status, lang)} – {r.series.label[lang]}: {r.reason}"
            for r in score.rows
            if r.status in ("unknown", "unmeasurable")
        ]
        notes += measure_notes(score, lang)
        st.caption("\n\n".join(notes))
        show_peer_table(score, lang)
    else:
        st.info(t("scorecard_empty", lang))
    if score.missing:
        unknown_label = status_label("unknown", lang)
        items = (f"- {label}: {unknown_label} – {why}" for label, why in missing_reasons(score, catalog, lang))
        st.markdown("\n".join(items))
    if score.unavailable:
        unknown_label = status_label("unknown", lang)
        items = (f"- {i.text} ({i.source}): {unknown_label} – {(i.unavailable or {})[lang]}" for i in score.unavailable)
        st.markdown(f"**{t('unavailable_title', lang)}**\n\n" + "\n".join(items))
    if score.theme.entered:
        entered = current_entered(HalfYear.containing(score.end).key)
        st.markdown(f"**{t('entered_title', lang)}** ({entered.half})")
        if entered.problem:
            st.caption(plain(entered.problem))
        table = entered_table(score.theme, entered, lang)
        figures_table(table, t("col_indicator", lang), text_columns=tuple(table.columns))
    if score.assessed:
        items = (f"- {i.text} ({i.source})" for i in score.assessed)
        st.markdown(f"**{t('assessed_title', lang)}**\n\n" + "\n".join(items))


def show_peer_table(score: ThemeScore, lang: str) -> None:
    """Each measure's change since the programme began in the region, each comparable region and the country."""
    if not score.peers.known:
        return
    codes = (catalog.region.code, *score.peers.codes, catalog.country.code)
    rows = []
    for row in score.rows:
        changes = {catalog.region.code: row.since, **dict(row.peers_since), catalog.country.code: row.country_since}
        rows.append(
            {
                t("col_indicator", lang): row.series.label[lang],
                **{
                    catalog.area(code).name[lang]: change_text(changes[code].value, row.is_rate, lang) for code in codes
                },
            }
        )
    with st.expander(t("peers_table", lang, area=catalog.region.name[lang])):
        table = pd.DataFrame(rows)
        figures_table(table, t("col_indicator", lang))


def show_assessments(theme: Theme, progress: Progress, lang: str) -> None:
    st.markdown(f"#### {t('assessments', lang)} {progress.half}")
    if progress.error:
        st.warning(t("progress_error", lang), icon=":material/report:")
        with st.expander(t("technical_details", lang)):  # the file and the fault, for whoever fixes it
            st.caption(plain(progress.error))
    rows = []
    for goal in theme.goals:
        a = progress.of(goal.id)
        rows.append(
            {
                t("col_goal", lang): f"{goal.id} {goal.title}",
                t("col_state", lang): t(f"state_{a.state}", lang),
                t("col_assessment", lang): a.assessment or "–",
                t("col_assessor", lang): a.assessor or "–",
                t("col_date", lang): fmt_date(a.date, lang) if a.date else "–",
            }
        )
    assessments = pd.DataFrame(rows)
    figures_table(assessments, t("col_goal", lang), text_columns=tuple(assessments.columns))
    st.caption(t("assessor_hint", lang))


def programme_text(theme: Theme, lang: str) -> str:
    """The theme's text in the programme as one Markdown document (one element on the page, not twenty)."""
    parts = []
    if theme.target_groups:
        parts += [f"**{t('target_groups', lang)}:**", "\n".join(f"- {g}" for g in theme.target_groups)]
    parts += [f"**{t('impacts', lang)}**", "\n".join(f"- {i}" for i in theme.impacts), f"**{t('goals', lang)}**"]
    for goal in theme.goals:
        parts += [f"{goal.id} **{goal.title}**", "\n".join(f"- {a}" for a in goal.actions) or "–"]
    lines = []
    listed = set()
    for i in theme.indicators:
        if i.text in listed:  # one indicator split by its figures' directions is one line of the programme
            continue
        listed.add(i.text)
        extra = f" ({t('added', lang)})" if i.added else ""
        because = f" · {t('col_because', lang)}: “{i.because}”" if i.because else ""
        lines.append(f"- {i.text}{extra} – *{i.source}*{because}")
    parts += [f"**{t('indicators', lang)}**", "\n".join(lines)]
    parts += [f"**{t('participants', lang)}:** {theme.participants}", f"**{t('resources', lang)}:** {theme.resources}"]
    return "\n\n".join(parts)


def show_programme_text(theme: Theme, lang: str) -> None:
    with st.expander(t("programme_text", lang)):
        st.markdown(programme_text(theme, lang))


def show_charts(score: ThemeScore, lang: str) -> None:
    catalog = ctx.catalog
    for number, row in enumerate(score.rows, start=1):
        series = row.series
        view = measure_view(series)
        st.subheader(f"{series.label[lang]}: {since_headline(row, lang)}", anchor=anchor(score.theme, number))
        note = f" · {t('proxy', lang)}: {series.proxy.note[lang]}" if series.proxy else ""
        show_trend(
            ctx,
            series.id,
            (catalog.region.code, catalog.country.code),
            view=view,
            title=measure_title(series, lang, catalog.step(series)),
            unit=view_unit(series, view, lang, catalog.step(series)) + note,
            decimals=view_decimals(series, view),
            height=360,
            key=score.theme.id,
        )


ctx = page_frame()
lang, catalog = ctx.lang, ctx.catalog
st.title(t("page_themes", lang))
if not has_programme():
    st.info(t("no_programme", lang))
    st.stop()
programme = load_programme()
st.caption(
    f"{t('programme_approved', lang, date=fmt_date(programme.approved, lang))} "
    f"({programme.approved_by}). {programme.follow_up}"
)
if t("in_finnish", lang):
    st.caption(t("in_finnish", lang))
records, editor = records_for(programme)
show_flash()

scores = {score.theme.id: score for score in theme_scores(ctx.data, lang)}
labels = {theme.id: theme.label(lang) for theme in programme.themes}
by_label = {label: theme_id for theme_id, label in labels.items()}
tabs = bind(
    st.tabs,
    "theme",
    list(labels.values()),
    read=lambda sel: labels[sel.theme],
    write=lambda label: {"theme": by_label.get(label, programme.theme_ids[0])},
    default=labels[ctx.sel.theme],
)
for tab, theme in zip(tabs, programme.themes, strict=True):
    if not tab.open:  # only the open tab's figures are computed and sent
        continue
    with tab:
        st.subheader(f"{theme.id} {theme.title}")
        st.markdown(f"**{t('coordinator', lang)}:** {theme.coordinator}")
        score = scores.get(theme.id)
        if score is None:
            st.info(t("no_data", lang))
        else:
            show_scorecard(score, lang)
        half = HalfYear.containing(score.end).key if score else ""
        progress = records.progress(half) if records is not None and half else load_progress(half)
        if records is not None:  # where the assessments are written: below the scorecard, above the assessments
            sign_in_bar(records, editor, programme, lang)
        show_assessments(theme, progress, lang)
        if records is not None and half and (mark := records.final(half)) is not None:
            st.caption(t("final_state", lang, half=half, date=fmt_date(mark.marked_at.date(), lang)))
        if records is not None and half:
            assessment_forms(records, editor, theme, half, lang)
            entered_forms(records, editor, theme, half, lang)
        show_programme_text(theme, lang)
        if score is not None and score.rows:
            st.markdown(f"#### {t('report_charts', lang)}")
            show_charts(score, lang)

appendix = programme.appendix3
with st.expander(f"{t('appendix3', lang)} ({appendix['unit'][lang]})"):
    table = pd.DataFrame(appendix["rows"], columns=appendix["columns"])
    for column in appendix["columns"][1:]:
        table[column] = table[column].map(lambda v: "" if v is None else fmt_number(v, 1 if v % 1 else 0, lang))
    figures_table(table, appendix["columns"][0])
    st.caption(appendix["note"])

halves = available_halves(ctx.last)
if records is not None:
    secretary_tools(records, editor, halves, lang)
st.subheader(t("half_report", lang))
stamp = records_stamp()
if halves:
    half = st.selectbox(t("half", lang), halves, key="report_half")
    lazy_downloads(
        [
            (
                "PDF",
                lambda: report_file(ctx.data, half, "pdf", lang, dt.date.today(), stamp),
                f"{t('report_stem', lang)}_{half}.pdf",
                "application/pdf",
                ":material/picture_as_pdf:",
            ),
            (
                "HTML",
                lambda: report_file(ctx.data, half, "html", lang, dt.date.today(), stamp),
                f"{t('report_stem', lang)}_{half}.html",
                "text/html",
                ":material/code:",
            ),
        ],
        key=f"{lang}-{ctx.data.version}-{stamp}",
        kind="secondary",
        lang=lang,
    )

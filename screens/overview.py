"""Yleiskatsaus: the latest month's headline figures for the chosen area, with changes and trends."""

from __future__ import annotations

import math

import streamlit as st

from data_sources.domain.periods import HalfYear
from data_sources.domain.programme import has_programme, wanted_direction
from figures.cards import Card, Tile, cards_html, change_tone, tiles_html
from figures.comparisons import difference_text
from figures.formats import fmt_month
from figures.i18n import t
from figures.provenance import source_words
from figures.scorecard import STATUSES, status_label, status_rule
from figures.sentences import (
    headline_sentence,
    lower_bound_note,
    proxy_note,
    sparkline_sentence,
    value_text,
    year_change_text,
)
from figures.sparklines import sparkline_svg
from ui.context import page_frame, set_selection
from ui.figures import latest_figures, theme_scores
from ui.safe import show_markup
from ui.since import since_block

ctx = page_frame()
lang, area = ctx.lang, ctx.sel.area
st.title(f"{t('page_overview', lang)}: {ctx.area_name(area)}")

headline = [s for s in ctx.catalog.series if s.headline]
figures = latest_figures(ctx.data, tuple(s.id for s in headline), (area,))
unemployed = figures[(ctx.catalog.count_series, area)]
rate = figures[(ctx.catalog.rate_series, area)]
if unemployed.period is None:
    st.info(t("no_data", lang))
    st.stop()
sentence = headline_sentence(ctx.catalog.area(area).where[lang], unemployed, rate, lang)
st.markdown(f"#### {sentence}")
source = ctx.source_line(ctx.catalog.monthly_table_key)
st.caption(f"{t('latest_month', lang)}: {fmt_month(unemployed.period, lang)} · {source}")


cards = []
colour = ctx.catalog.area(area).colour
for series in headline:
    fig = figures[(series.id, area)]
    month = (
        ""
        if math.isnan(fig.month_change)
        else f"{difference_text(fig.month_change, series, lang)} {t('from_month', lang)}"
    )
    card_source = source_words(ctx.catalog, series.table, lang)  # the codes are on the data page
    direction, tone = change_tone(fig.year_change, falling_is_good=wanted_direction(series) == "down")
    cards.append(
        Card(
            label=ctx.label(series),
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
                    lower_bound_note(fig.status, ctx.catalog, lang),
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
show_markup(cards_html(cards))


def theme_strip() -> None:
    """Per theme of the programme: how many of its indicators progressed, held or worsened."""
    if not has_programme():
        st.info(t("no_programme", lang))
        return
    scores = theme_scores(ctx.data, lang)
    if not scores:
        return
    st.subheader(t("strip_title", lang, half=HalfYear.containing(scores[0].end).key))
    tiles = []
    for score in scores:
        counts = score.counts()
        shown = [s for s in STATUSES if counts[s] or s not in ("unknown", "unmeasurable")]
        lines = tuple(f"{status_label(s, lang)}: {counts[s]}" for s in shown) if score.rows else ("–",)
        if score.not_exact:
            lines += (t("strip_not_exact", lang, count=score.not_exact),)
        note = t("strip_basis", lang) if score.rows else t("scorecard_empty", lang)
        tiles.append(Tile(score.theme.label(lang), lines, note))
    show_markup(tiles_html(tiles))  # one element for the four tiles, their buttons in columns under them
    # columns, not a wrapping row: at 1024 px a row put the fourth button on a line of its own
    for column, score in zip(st.columns(len(scores), gap="small"), scores, strict=True):
        # a button, not a link: the selection (not the URL) says which tab is open once a session runs
        label = f"{t('open_theme', lang)} {score.theme.id}"
        if column.button(label, icon=":material/flag:", key=f"open-{score.theme.id}", width="stretch"):
            set_selection(theme=score.theme.id)
            st.switch_page("screens/themes.py")
    st.caption(status_rule(ctx.catalog, lang))


theme_strip()
since_block(ctx, area)  # issue 11: the figures as known at an earlier meeting beside today's

"""Yleiskatsaus: the latest month's headline figures for the chosen area, with changes and trends."""

from __future__ import annotations

import streamlit as st

from data_sources.domain.periods import HalfYear
from data_sources.domain.programme import has_programme
from figures.cards import Tile, tiles_html
from figures.i18n import t
from figures.scorecard import STATUSES, status_label, status_rule
from ui.built import headline
from ui.context import page_frame, set_selection
from ui.figures import theme_scores
from ui.safe import show_markup
from ui.since import since_block

ctx = page_frame()
lang, area = ctx.lang, ctx.sel.area
st.title(f"{t('page_overview', lang)}: {ctx.area_name(area)}")
built = headline(ctx.data, area, lang)
if built is None:
    st.info(t("no_data", lang))
    st.stop()
sentence, latest_line, cards = built
st.markdown(f"#### {sentence}")
st.caption(latest_line)
show_markup(cards)


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

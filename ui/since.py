"""The 'since the last meeting' block: the figures as known on a chosen earlier day beside today's."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_sources.domain.meetings import MeetingsError
from data_sources.domain.settings import load_settings
from data_sources.records.current import current_meetings
from data_sources.snapshots.dataset import Dataset
from data_sources.snapshots.store import Provenance, SnapshotStore, StoreError
from figures.i18n import t
from figures.municipal import side_by_side
from figures.vintages import comparison_choices, comparison_table, release_known_on
from ui.context import Context, bind, cached_on_data
from ui.safe import plain
from ui.tables import figures_table


@cached_on_data(max_entries=10)
def stored_vintages(data: Dataset, table_key: str) -> list[Provenance]:
    """Every stored release of a table (re-read when the dataset changes, i.e. after a refresh)."""
    return [] if data.is_demo else SnapshotStore(load_settings().cache_dir).vintages(table_key)


@cached_on_data(max_entries=4)
def release_frame(data: Dataset, prov: Provenance) -> pd.DataFrame:
    return SnapshotStore(load_settings().cache_dir).read_release(prov)


@cached_on_data(max_entries=50)
def comparison(data: Dataset, prov: Provenance, series_ids: tuple[str, ...], area: str, lang: str) -> pd.DataFrame:
    """The comparison table, once per release pair, area and language (it filters the whole snapshot)."""
    return comparison_table(release_frame(data, prov), data.frame, data.shown_catalog, series_ids, area, lang)


def since_block(ctx: Context, area: str, series_ids: tuple[str, ...] | None = None) -> None:
    """A compact table: the figures as known at a meeting (or an earlier release) beside today's."""
    lang, catalog = ctx.lang, ctx.catalog
    key = catalog.monthly_table_key
    series_ids = series_ids or side_by_side(catalog)
    current = ctx.data.provenance.get(key)
    vintages = stored_vintages(ctx.data, key)
    with st.container(border=True):
        st.markdown(f"**{t('since_title', lang)}**")
        try:
            meetings = current_meetings()
        except MeetingsError as exc:  # the releases can still be compared with
            meetings = []
            st.caption(t("meetings_error", lang, error=plain(exc)))
        else:
            if not meetings:  # no placeholder dates: none entered yet, and the page says so
                st.caption(t("since_no_meetings", lang))
        choices = comparison_choices(vintages, current.release, meetings, lang) if current else {}
        if not choices:
            st.caption(t("since_none", lang))
            return
        options = list(choices)
        bind(
            st.selectbox,
            "since",
            t("since_pick", lang),
            options,
            format_func=choices.get,
            read=lambda sel: sel.since if sel.since in choices else options[0],
        )
        chosen = ctx.sel.since if ctx.sel.since in choices else options[0]
        prov = release_known_on(vintages, dt.date.fromisoformat(chosen))
        try:
            table = comparison(ctx.data, prov, tuple(series_ids), area, lang)
        except StoreError as exc:
            st.caption(plain(str(exc)))
            return
        figures_table(table, t("figure", lang), text_columns=(t("since_revised", lang),))
        st.caption(t("since_note", lang))

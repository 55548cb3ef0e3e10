"""The 'since the last meeting' block: the figures as known on a chosen earlier day beside today's."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import streamlit as st

from data_sources.dataset import Dataset
from data_sources.meetings import load_meetings
from data_sources.settings import load_settings
from data_sources.store import Provenance, SnapshotStore, StoreError
from figures.formats import fmt_month
from figures.i18n import t
from figures.municipal import SIDE_BY_SIDE, change_text
from figures.sentences import value_text
from figures.vintages import compare_vintages, comparison_choices, release_known_on
from ui.context import Context, bind, cached_on_data
from ui.safe import plain


@cached_on_data(max_entries=10)
def stored_vintages(data: Dataset, table_key: str) -> list[Provenance]:
    """Every stored release of a table (re-read when the dataset changes, i.e. after a refresh)."""
    return [] if data.is_demo else SnapshotStore(load_settings().cache_dir).vintages(table_key)


@cached_on_data(max_entries=4)
def release_frame(data: Dataset, prov: Provenance) -> pd.DataFrame:
    return SnapshotStore(load_settings().cache_dir).read_release(prov)


def comparison_frame(then: pd.DataFrame, now: pd.DataFrame, ctx: Context, series_ids, area: str) -> pd.DataFrame:
    """The comparison as the page shows it: texts with units, revised figures marked."""
    lang = ctx.lang
    compared = compare_vintages(then, now, series_ids, area)
    # one month for every row (the usual case): name it once in the header, not in every cell
    one_month = compared["then_period"].nunique() == 1 and compared["now_period"].nunique() == 1
    then_head, now_head = t("since_then", lang), t("since_now", lang)
    if one_month and len(compared):
        then_head += f" ({fmt_month(compared['then_period'].iloc[0], lang)})"
        now_head += f" ({fmt_month(compared['now_period'].iloc[0], lang)})"

    def cell(number: float, period: pd.Timestamp, series) -> str:
        text = value_text(number, series, lang)
        return text if one_month else f"{text} ({fmt_month(period, lang)})"

    records = []
    for rec in compared.to_dict("records"):
        series = ctx.catalog.series_by_id(rec["series"])
        revised = ""
        if rec["revised"]:
            revised = t(
                "since_revised_text",
                lang,
                month=fmt_month(rec["then_period"], lang),
                old=value_text(rec["then_value"], series, lang),
                new=value_text(rec["revised_value"], series, lang),
            )
        records.append(
            {
                t("figure", lang): ctx.label(series),
                then_head: cell(rec["then_value"], rec["then_period"], series) + (" *" if rec["revised"] else ""),
                now_head: cell(rec["now_value"], rec["now_period"], series),
                t("since_change", lang): ".."
                if math.isnan(rec["change"])
                else change_text(rec["change"], series, lang),
                t("since_revised", lang): revised,
            }
        )
    return pd.DataFrame(records)


def since_block(ctx: Context, area: str, series_ids: tuple[str, ...] | None = None) -> None:
    """A compact table: the figures as known at a meeting (or an earlier release) beside today's."""
    lang, catalog = ctx.lang, ctx.catalog
    key = catalog.monthly_table_key
    series_ids = series_ids or SIDE_BY_SIDE
    current = ctx.data.provenance.get(key)
    vintages = stored_vintages(ctx.data, key)
    with st.container(border=True):
        st.markdown(f"**{t('since_title', lang)}**")
        choices = comparison_choices(vintages, current.release, load_meetings(), lang) if current else {}
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
            then = release_frame(ctx.data, prov)
        except StoreError as exc:
            st.caption(plain(str(exc)))
            return
        table = comparison_frame(then, ctx.frame, ctx, series_ids, area)
        st.table(table.set_index(t("figure", lang)))
        st.caption(t("since_note", lang))

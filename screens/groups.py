"""Työnhakijaryhmät: the programme's Appendix 2 groups at a glance, and the chosen group's trend, areas compared."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from figures.formats import fmt_month
from figures.i18n import t
from figures.sentences import proxy_note
from figures.views import VIEWS, view_decimals, view_supported, view_title, view_unit
from ui.built import glance, months_of
from ui.context import bind, page_frame
from ui.figures import show_trend
from ui.safe import show_markup
from ui.state import period_bounds

ctx = page_frame()
lang, sel, catalog = ctx.lang, ctx.sel, ctx.catalog
st.title(t("page_groups", lang))

months = months_of(ctx.data, catalog.count_series)
left, middle, right = st.columns([2, 3, 2])
with left:
    bind(
        st.multiselect,
        "compare",
        t("compare", lang),
        [c for c in catalog.local_area_codes if c != sel.area],
        format_func=ctx.area_name,
        read=lambda s: [c for c in s.compare if c != s.area],
        write=lambda v: {"compare": tuple(v)},
    )
with middle:
    if months:
        bind(
            st.select_slider,
            "period",
            t("period", lang),
            months,
            format_func=lambda m: fmt_month(pd.Timestamp(m), lang),  # 'tammikuu 2018', as the charts, not '2018-01'
            read=lambda s: (s.start if s.start in months else months[0], s.end if s.end in months else months[-1]),
            write=lambda v: {"start": v[0], "end": "" if v[1] == months[-1] else v[1]},
        )
with right:
    bind(st.radio, "view", t("view", lang), list(VIEWS), format_func=lambda v: t(f"view_{v}", lang), horizontal=False)
    bind(st.checkbox, "ma", t("moving_average", lang))

sel = st.session_state["selection"]
start, end = period_bounds(sel, ctx.last)
areas = [sel.area, *[c for c in sel.compare if c != sel.area]]
groups = catalog.appendix2

# All groups at a glance: one light table (a sparkline per row, drawn on the server), then the chosen
# group's full chart. Eleven full charts on one page were slow to draw and hard to scan.
st.subheader(f"{t('groups_glance', lang)}: {ctx.area_name(sel.area)}")
if (shown_area := ctx.catalog.area(sel.area)).employment_area:
    st.caption(t("employment_area", lang, area=shown_area.name[lang], name=shown_area.employment_area[lang]))
# one static table (figures/glance.py): a data grid here cost the page most of its drawing time
show_markup(glance(ctx.data, sel.area, lang))
st.caption(ctx.source_line(catalog.monthly_table_key))

bind(
    st.selectbox,
    "group",
    t("group_pick", lang),
    [s.id for s in groups],
    format_func=lambda series_id: catalog.series_by_id(series_id).label[lang],
)
series = catalog.series_by_id(st.session_state["selection"].group)
decimals = view_decimals(series, sel.view)
unit = view_unit(series, sel.view, lang) + (f" · {t('moving_average', lang)}" if sel.ma else "")
description = show_trend(
    ctx,
    series.id,
    areas,
    view=sel.view,
    average=sel.ma,
    start=str(start.date()),
    end=str(end.date()),
    title=view_title(series, sel.view, lang),
    unit=unit,
    decimals=decimals,
)
if description is None:
    st.info(f"{ctx.label(series)}: {t('no_data', lang)}")
else:
    notes = [proxy_note(series, lang)] if series.proxy else []
    if sel.view == "share" and not view_supported(catalog, series.id, "share"):
        notes.append(f"{t('view_level', lang)}: {series.no_rate[lang]}" if series.no_rate else t("view_level", lang))
    if notes:  # the chart names its source; the table and code are on the data page
        st.caption(" · ".join(notes))

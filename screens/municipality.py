"""Oma kunta: the sidebar's municipality beside the region and the country, the six side by side, a map, downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from figures.formats import fmt_month
from figures.i18n import t
from figures.municipal import codes_table, display_table, lower_bound_notes, proxy_notes, six_display
from figures.views import view_decimals, view_title, view_unit
from report.downloads import municipality_download, to_csv, to_xlsx
from ui.context import page_frame, set_selection
from ui.figures import (
    card_pdf,
    history_downloads,
    lazy_downloads,
    map_drawn,
    municipality_figures,
    periodic_figures,
    show_trend,
    six_table,
)
from ui.safe import show_markup
from ui.since import since_block
from ui.tables import figures_table

ctx = page_frame()
lang, catalog = ctx.lang, ctx.catalog
municipalities = [a.code for a in catalog.municipalities]
area = ctx.sel.area


def choose_municipality() -> None:
    """The page's prompt sets the one area picker (the sidebar's), so both always agree."""
    code = st.session_state["pick_municipality"]
    if code:
        set_selection(area=code)
        st.session_state["w_area"] = code


def six_and_map() -> None:
    st.subheader(t("six_title", lang))
    six = six_table(ctx.data)
    if six[catalog.rate_series].isna().all():  # e.g. the monthly table's only release is damaged
        st.info(t("no_data", lang))
        return
    figures_table(six_display(six, catalog, lang), t("municipality", lang))
    st.caption(ctx.source_line(catalog.monthly_table_key))
    ranks = six.set_index("area_code")["rank"]
    if area in municipalities and not pd.isna(ranks.get(area)):
        st.markdown(f"**{t('card_rank', lang, rank=int(ranks[area]), of=len(six))}**")
    measure = st.radio(
        t("map_measure", lang),
        ("level", "change"),
        format_func=lambda m: t("map_rate" if m == "level" else "map_change", lang),
        horizontal=True,
        key="map_measure",
    )
    description, drawn = map_drawn(ctx.data, measure == "change", area if area in municipalities else "", lang)
    show_markup(drawn)  # one image named by the description
    st.caption(f"{description} {t('map_neighbour', lang)}.")


if area not in municipalities:
    # Not a municipality: ask, rather than pick one silently and have the page and the sidebar disagree.
    st.title(t("page_municipality", lang))
    st.info(t("not_a_municipality", lang, area=ctx.area_name(area)), icon=":material/location_city:")
    st.pills(
        t("municipality", lang),
        municipalities,
        format_func=ctx.area_name,
        key="pick_municipality",
        on_change=choose_municipality,
        label_visibility="collapsed",
    )
    six_and_map()
    st.stop()

st.title(f"{t('page_municipality', lang)}: {ctx.area_name(area)}")
rows = municipality_figures(ctx.data, area)
if not rows:
    st.info(t("no_data", lang))
    st.stop()
latest_month = rows[0].mine.period
st.caption(f"{t('latest_month', lang)}: {fmt_month(latest_month, lang)} · {ctx.source_line(rows[0].series.table)}")

table = display_table(rows, catalog, area, lang)
figures_table(table, t("figure", lang), text_columns=(t("col_unit", lang),))
notes = proxy_notes(rows, lang) + lower_bound_notes(rows, catalog, lang)
if notes:
    st.caption("  \n".join(notes))  # one caption, a line each: every element is a message and a render
with st.expander(t("codes_title", lang)):
    codes = codes_table(rows, catalog, lang)
    figures_table(codes, t("figure", lang), text_columns=tuple(codes.columns))

stem, download = municipality_download(rows, ctx.data, catalog, area, lang)
lazy_downloads(
    [
        (t("download_csv", lang), lambda: to_csv(download), f"{stem}.csv", "text/csv", ":material/download:"),
        (
            t("download_xlsx", lang),
            lambda: to_xlsx(download),
            f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ":material/download:",
        ),
        (
            t("card_download", lang),
            lambda: card_pdf(ctx.data, area, lang),
            f"{stem}_kortti.pdf",
            "application/pdf",
            ":material/picture_as_pdf:",
        ),
    ],
    kind="secondary",
)
history_downloads(ctx, [row.series.id for row in rows], [area], key="municipality")

periodic, bases = periodic_figures(ctx.data, area, lang)
if not periodic.empty:
    st.subheader(t("periodic_title", lang))
    figures_table(periodic, t("figure", lang), text_columns=(t("period", lang),))
    st.caption(t("periodic_caption", lang, bases=" · ".join(bases)))

since_block(ctx, area)
six_and_map()

# One trend at a time, the figure chosen here: four full charts on one page took most of its drawing time.
compared = [area, catalog.region_code, catalog.country_code]
series_id = st.selectbox(
    t("trend_pick", lang),
    catalog.views["municipality_trends"],
    format_func=lambda s: catalog.series_by_id(s).label[lang],
    key="municipality_trend",
)
series = catalog.series_by_id(series_id)
view = "level" if series.unit == "percent" else "share"
show_trend(
    ctx,
    series_id,
    compared,
    view=view,
    title=view_title(series, view, lang),
    unit=view_unit(series, view, lang),
    decimals=view_decimals(series, view),
)

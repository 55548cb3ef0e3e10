"""Oma kunta: one municipality's figures beside the region and the country, its rank, and downloads."""

from __future__ import annotations

import io
import math

import pandas as pd
import streamlit as st

from figures.charts import bar_ranking
from figures.formats import fmt_month, fmt_number
from figures.i18n import t
from figures.latest import rank_areas
from figures.views import view_decimals, view_unit
from ui.context import bind, page_frame
from ui.figures import latest_figures, show_trend

ctx = page_frame()
lang, catalog = ctx.lang, ctx.catalog
municipalities = [a.code for a in catalog.municipalities]
title = st.empty()
bind(st.selectbox, "muni", t("municipality", lang), municipalities, format_func=ctx.area_name)
muni = st.session_state["selection"].muni
title.title(f"{t('page_municipality', lang)}: {ctx.area_name(muni)}")

compared = [muni, "MK08", "SSS"]
shown_series = [s for s in catalog.series if s.table == "tyonv_12r5" and s.id != "labour_force"]
figures_by_key = latest_figures(ctx.data, tuple(s.id for s in shown_series), tuple(compared))
records = []
for series in shown_series:
    figures = {code: figures_by_key[(series.id, code)] for code in compared}
    mine = figures[muni]
    if mine.period is None:
        continue
    records.append(
        {
            "series": series.id,
            "label": ctx.label(series),
            "month": mine.period,
            "value": mine.value,
            "month_change": mine.month_change,
            "year_change": mine.year_change,
            "region": figures["MK08"].value,
            "country": figures["SSS"].value,
            "table": catalog.tables[series.table].short_id,
            "code": series.content_code,
            "decimals": series.decimals,
        }
    )
if not records:
    st.info(t("no_data", lang))
    st.stop()
latest_month = records[0]["month"]
st.caption(f"{t('latest_month', lang)}: {fmt_month(latest_month, lang)} · {ctx.source_line('tyonv_12r5')}")

headers = {
    "label": t("figure", lang),
    "value": ctx.area_name(muni),
    "month_change": t("from_month", lang).capitalize(),
    "year_change": t("from_year", lang).capitalize(),
    "region": ctx.area_name("MK08"),
    "country": ctx.area_name("SSS"),
    "table": "StatFin",
    "code": "contentscode",
}
display = pd.DataFrame(
    [
        {
            headers["label"]: r["label"],
            headers["value"]: fmt_number(r["value"], r["decimals"], lang),
            headers["month_change"]: fmt_number(r["month_change"], r["decimals"], lang, signed=True),
            headers["year_change"]: fmt_number(r["year_change"], r["decimals"], lang, signed=True),
            headers["region"]: fmt_number(r["region"], r["decimals"], lang),
            headers["country"]: fmt_number(r["country"], r["decimals"], lang),
            headers["table"]: r["table"],
            headers["code"]: r["code"],
        }
        for r in records
    ]
)
numeric = ("value", "month_change", "year_change", "region", "country")
st.dataframe(
    display,
    hide_index=True,
    width="stretch",
    height=35 * (len(display) + 1) + 3,
    column_config={headers[k]: st.column_config.TextColumn(alignment="right") for k in numeric}
    | {headers["label"]: st.column_config.TextColumn(pinned=True)},
)

# The downloads hold exactly the figures shown, as numbers (missing stays empty, never 0).
export = pd.DataFrame([{headers[k]: r[k] for k in headers} for r in records])
export.insert(1, t("month", lang), latest_month.strftime("%Y-%m"))
stem = f"{ctx.area_name(muni).lower()}_{latest_month:%Y-%m}"
left, right, _ = st.columns([1, 1, 4])
left.download_button(
    t("download_csv", lang),
    export.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig"),
    file_name=f"{stem}.csv",
    mime="text/csv",
)
excel = io.BytesIO()
export.to_excel(excel, index=False, sheet_name=latest_month.strftime("%Y-%m"))
right.download_button(
    t("download_xlsx", lang),
    excel.getvalue(),
    file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

st.subheader(t("rank", lang))
rates = latest_figures(ctx.data, ("unemployment_rate",), tuple(municipalities))
rate_values = {code: rates[("unemployment_rate", code)].value for code in municipalities}
ranks = rank_areas(rate_values)
if muni in ranks:
    st.markdown(
        f"**{ctx.label(catalog.series_by_id('unemployment_rate'))}: {ranks[muni]}/{len(ranks)}** "
        f"({fmt_number(rate_values[muni], 1, lang)} %; {t('rank_note', lang)})"
    )
bars = pd.DataFrame(
    [{"area_code": c, "area_name": ctx.area_name(c), "value": v} for c, v in rate_values.items() if not math.isnan(v)]
)
if not bars.empty:
    st.altair_chart(
        bar_ranking(
            bars,
            title=ctx.label(catalog.series_by_id("unemployment_rate")),
            unit=f"%, {fmt_month(latest_month, lang)}",
            source=ctx.source_line("tyonv_12r5"),
            lang=lang,
            highlight=muni,
            decimals=1,
            catalog=catalog,
        ),
        width="stretch",
    )

for series_id in ("unemployed", "unemployment_rate", "long_term_unemployed", "jobseekers_under30"):
    series = catalog.series_by_id(series_id)
    view = "level" if series.unit == "percent" else "share"
    show_trend(
        ctx,
        series_id,
        compared,
        view=view,
        title=ctx.label(series),
        unit=view_unit(series, view, lang),
        decimals=view_decimals(series, view),
    )

"""Yleiskatsaus: the latest month's headline figures for the chosen area, with changes and trends."""

from __future__ import annotations

import math

import streamlit as st

from figures.formats import MINUS, fmt_month, fmt_number, fmt_percent
from figures.i18n import t
from figures.sentences import headline_sentence
from ui.context import page_frame
from ui.figures import data_version, latest_figures

ctx = page_frame()
lang, area = ctx.lang, ctx.sel.area
st.title(f"{t('page_overview', lang)}: {ctx.area_name(area)}")

headline = [s for s in ctx.catalog.series if s.headline]
figures = latest_figures(tuple(s.id for s in headline), (area,), data_version(ctx))
unemployed = figures[("unemployed", area)]
rate = figures[("unemployment_rate", area)]
if unemployed.period is None:
    st.info(t("no_data", lang))
    st.stop()
sentence = headline_sentence(ctx.catalog.area(area).where[lang], unemployed, rate, lang)
st.markdown(f"#### {sentence}")
st.caption(f"{t('latest_month', lang)}: {fmt_month(unemployed.period, lang)} · {ctx.source_line('tyonv_12r5')}")


def shown(value: float, series) -> str:
    if series.unit == "percent":
        return fmt_percent(value, series.decimals, lang)
    return fmt_number(value, series.decimals, lang)


def change_text(fig, series) -> str | None:
    if math.isnan(fig.year_change):
        return None
    if series.unit == "percent":
        text = f"{fmt_number(fig.year_change, 1, lang, signed=True)} {t('points', lang)} {t('from_year', lang)}"
        return "-" + text[1:] if text.startswith(MINUS) else text
    pct = "" if math.isnan(fig.year_change_pct) else f" ({fmt_percent(fig.year_change_pct, 1, lang, signed=True)})"
    text = f"{fmt_number(fig.year_change, 0, lang, signed=True)}{pct} {t('from_year', lang)}"
    # st.metric reads the direction from an ASCII '-' at the start
    return "-" + text[1:] if text.startswith(MINUS) else text


columns = st.columns(3)
for number, series in enumerate(headline):
    fig = figures[(series.id, area)]
    with columns[number % 3]:
        month = (
            ""
            if math.isnan(fig.month_change)
            else f"{fmt_number(fig.month_change, series.decimals, lang, signed=True)} {t('from_month', lang)}"
        )
        help_text = " · ".join(
            x
            for x in [
                month,
                series.proxy.note[lang] if series.proxy else "",
                f"{series.table.split('_')[-1]} {series.content_code}",
            ]
            if x
        )
        st.metric(
            ctx.label(series),
            shown(fig.value, series) if fig.status is None else f".. ({t('missing', lang)})",
            delta=change_text(fig, series),
            delta_color="off" if series.id in ("open_vacancies", "in_services") else "inverse",
            help=help_text,
            border=True,
            chart_data=fig.history["value"].tolist() if len(fig.history) else None,
        )

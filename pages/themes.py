"""Ohjelman teemat: themes 4.1–4.4 of the programme, each indicator with its chart or its missing source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_sources.programme import load_programme
from ui.context import page_frame
from ui.figures import show_trend
from ui.formats import fmt_date, fmt_number
from ui.i18n import t

ctx = page_frame()
lang, catalog = ctx.lang, ctx.catalog
programme = load_programme()
st.title(t("page_themes", lang))
st.caption(f"Kymenlaakson työllisyysohjelma, hyväksytty {fmt_date(programme['approved'], lang)} "
           f"({programme['approved_by']}). {programme['follow_up']}")

tabs = st.tabs([f"{theme['id']} {theme['short']}" for theme in programme["themes"]])
for tab, theme in zip(tabs, programme["themes"], strict=True):
    with tab:
        st.subheader(f"{theme['id']} {theme['title']}")
        st.markdown(f"**Koordinointi / vastuu:** {theme['coordinator']}")
        if theme.get("target_groups"):
            st.markdown("**Haavoittuvassa asemassa oleviksi määritetty:**")
            st.markdown("\n".join(f"- {g}" for g in theme["target_groups"]))
        st.markdown("**Vaikutukset, joita tavoitellaan**")
        st.markdown("\n".join(f"- {i}" for i in theme["impacts"]))
        st.markdown("**Tavoitteet ja toimenpiteet**")
        for number, goal in enumerate(theme["goals"], start=1):
            with st.expander(f"{number}. {goal['title']}"):
                st.markdown("\n".join(f"- {a}" for a in goal["actions"]) or "–")
        st.markdown("**Mittarit**")
        for indicator in theme["indicators"]:
            linked = indicator.get("series", [])
            status = t("connected", lang) if linked else t("not_connected", lang)
            extra = " (lisätty seurantaan)" if indicator.get("added") else ""
            st.markdown(f"- {indicator['text']}{extra} – *{indicator['source']}* · **{status}**")
            for series_id in linked:
                series = catalog.series_by_id(series_id)
                note = f" · {t('proxy', lang)}: {series.proxy.note[lang]}" if series.proxy else ""
                show_trend(ctx, series_id, ("MK08", "SSS"), view="index", title=ctx.label(series),
                           unit=t("unit_index", lang) + note, decimals=1, height=240)
        st.markdown(f"**Mukana olevat tahot:** {theme['participants']}")
        st.markdown(f"**Resurssit:** {theme['resources']}")

appendix = programme["appendix3"]
st.subheader(f"Liite 3: Kuntien resurssit ({appendix['unit']})")
table = pd.DataFrame(appendix["rows"], columns=appendix["columns"])
for column in appendix["columns"][1:]:
    table[column] = table[column].map(lambda v: "" if v is None else fmt_number(v, 1 if v % 1 else 0, lang))
st.dataframe(table, hide_index=True, width="stretch")
st.caption(appendix["note"])

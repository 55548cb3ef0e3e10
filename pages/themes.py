"""Ohjelman teemat: themes 4.1–4.4 of the programme, each indicator with its chart or its missing source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_sources.catalog import load_catalog
from data_sources.dataset import Dataset
from data_sources.periods import PROGRAMME_BASELINE, Month, halves_between
from data_sources.programme import load_programme
from figures.formats import fmt_date, fmt_number
from figures.i18n import t
from figures.sentences import proxy_note
from report.halfyear import build_report, to_html, to_pdf
from ui.context import cached_on_data, page_frame
from ui.figures import show_trend


@cached_on_data(max_entries=10)
def report_file(data: Dataset, half: str, fmt: str) -> bytes:
    report = build_report(half, data, load_catalog())
    return to_pdf(report) if fmt == "pdf" else to_html(report).encode()


def available_halves(last: pd.Timestamp) -> list[str]:
    """Half-years since the programme began whose last month is out, newest first."""
    return [h.key for h in halves_between(PROGRAMME_BASELINE, Month.of(last))]


ctx = page_frame()
lang, catalog = ctx.lang, ctx.catalog
programme = load_programme()
st.title(t("page_themes", lang))
st.caption(
    f"{t('programme_approved', lang, date=fmt_date(programme['approved'], lang))} "
    f"({programme['approved_by']}). {programme['follow_up']}"
)

if t("in_finnish", lang):
    st.caption(t("in_finnish", lang))
tabs = st.tabs([f"{theme['id']} {theme['short']}" for theme in programme["themes"]])
for tab, theme in zip(tabs, programme["themes"], strict=True):
    with tab:
        st.subheader(f"{theme['id']} {theme['title']}")
        st.markdown(f"**{t('coordinator', lang)}:** {theme['coordinator']}")
        if theme.get("target_groups"):
            st.markdown(f"**{t('target_groups', lang)}:**")
            st.markdown("\n".join(f"- {g}" for g in theme["target_groups"]))
        st.markdown(f"**{t('impacts', lang)}**")
        st.markdown("\n".join(f"- {i}" for i in theme["impacts"]))
        st.markdown(f"**{t('goals', lang)}**")
        for number, goal in enumerate(theme["goals"], start=1):
            with st.expander(f"{number}. {goal['title']}"):
                st.markdown("\n".join(f"- {a}" for a in goal["actions"]) or "–")
        st.markdown(f"**{t('indicators', lang)}**")
        for indicator in theme["indicators"]:
            linked = indicator.get("series", [])
            status = t("connected", lang) if linked else t("not_connected", lang)
            extra = f" ({t('added', lang)})" if indicator.get("added") else ""
            st.markdown(f"- {indicator['text']}{extra} – *{indicator['source']}* · **{status}**")
            for series_id in linked:
                series = catalog.series_by_id(series_id)
                note = f" · {proxy_note(series, lang)}" if series.proxy else ""
                show_trend(
                    ctx,
                    series_id,
                    (catalog.region.code, catalog.country.code),
                    view="index",
                    title=ctx.label(series),
                    unit=t("unit_index", lang) + note,
                    decimals=1,
                    height=360,
                    key=theme["id"],
                )
        st.markdown(f"**{t('participants', lang)}:** {theme['participants']}")
        st.markdown(f"**{t('resources', lang)}:** {theme['resources']}")

appendix = programme["appendix3"]
st.subheader(f"{t('appendix3', lang)} ({appendix['unit'][lang]})")
table = pd.DataFrame(appendix["rows"], columns=appendix["columns"])
for column in appendix["columns"][1:]:
    table[column] = table[column].map(lambda v: "" if v is None else fmt_number(v, 1 if v % 1 else 0, lang))
st.dataframe(table, hide_index=True, width="stretch")
st.caption(appendix["note"])

st.subheader(t("half_report", lang))
halves = available_halves(ctx.last)
if halves:
    half = st.selectbox(t("half", lang), halves, key="report_half")
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "PDF",
        lambda: report_file(ctx.data, half, "pdf"),
        file_name=f"raportti_{half}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
    right.download_button(
        "HTML",
        lambda: report_file(ctx.data, half, "html"),
        file_name=f"raportti_{half}.html",
        mime="text/html",
        on_click="ignore",
        icon=":material/code:",
    )
    st.caption(t("report_command", lang, command=f"python -m report --half {half} --out raportti_{half}.pdf"))

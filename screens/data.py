"""Tiedot ja lähteet: releases and fetch times, a refresh button, the catalog and the full tidy data."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from data_sources.domain.settings import DEFAULT_REFRESH_INTERVAL_S, load_settings
from data_sources.service.refresh_requests import ask_for_refresh, refresh_outlook
from data_sources.snapshots.refresh_run import refresh_cache_dir
from figures.formats import fmt_date, fmt_datetime
from figures.i18n import t
from figures.municipal import unit_text
from figures.notices import technical_details
from ui.context import outlooks, page_frame
from ui.figures import history_downloads
from ui.safe import plain
from ui.tables import figures_table

ctx = page_frame()
lang, catalog, data = ctx.lang, ctx.catalog, ctx.data
st.title(t("page_data", lang))

expected = outlooks(data, datetime.now(UTC).date())
rows = []
for key, table in catalog.tables.items():
    prov = data.provenance.get(key)
    attempt = data.attempts.get(key)
    next_release = expected[key].next_expected if prov else None
    rows.append(
        {
            t("col_table", lang): table.path,
            t("col_name", lang): table.title[lang],
            t("col_source", lang): table.source[lang],
            t("col_released", lang): fmt_date(prov.release, lang) if prov else "–",
            t("col_fetched", lang): (
                fmt_date(prov.fetched_at, lang) if prov and prov.kind == "real" else t("not_fetched", lang)
            ),
            t("col_kind", lang): ("DEMO" if prov.kind == "demo" else t("kind_real", lang))
            if prov
            else t("kind_missing", lang),
            t("col_next", lang): fmt_date(next_release, lang) if next_release is not None else "–",
            # the reason of a failure, as stored, is in the technical details below
            t("col_attempt", lang): (
                ""
                if attempt is None
                else f"{fmt_date(attempt.at, lang)}: {t('attempt_ok' if attempt.ok else 'attempt_failed', lang)}"
            ),
        }
    )
sources = pd.DataFrame(rows)
figures_table(sources, t("col_table", lang), tuple(sources.columns))  # texts and dates: all left
if data.cache_missing:
    st.info(t("cache_missing", lang))
st.caption(f"{catalog.producer}. {t('licence', lang, licence=catalog.licence)}.")

# Each series wanted by meaning: the table, codes and texts it was found under at the last refresh, or the one
# line saying what was looked for and not found (then its stand-in shows, labelled, on every page).
if data.resolutions:
    st.subheader(t("resolutions_title", lang))
    st.caption(t("resolutions_caption", lang))
    found = pd.DataFrame(
        [
            {
                t("col_series", lang): catalog.series_by_id(r.series_id).label[lang],
                t("col_table", lang): r.table_path,
                t("col_found", lang): t(
                    "resolution_found"
                    if r.found
                    else "resolution_stand_in"
                    if catalog.series_by_id(r.series_id).proxy
                    else "resolution_missing",
                    lang,
                ),
                t("col_resolution", lang): r.line.split(": ", 1)[1],
            }
            for r in data.resolutions
            if r.series_id in {s.id for s in catalog.series}
        ]
    )
    figures_table(found, t("col_series", lang), tuple(found.columns))

# A viewer asks for a refresh; at most one request per interval is accepted for everyone, and the
# machine's background refresher carries it out. Without one, the accepted request runs here.
settings = load_settings()
request_interval = settings.refresh_interval_s or DEFAULT_REFRESH_INTERVAL_S
outlook = refresh_outlook(settings.cache_dir, request_interval)
now = datetime.now(UTC)
if outlook.problem:  # a read-only or full folder: the stored figures stay shown, the button cannot ask
    st.warning(t("folder_problem", lang), icon=":material/folder_off:")
elif outlook.automatic:
    st.caption(t("refresh_auto", lang, when=fmt_datetime(outlook.next_refresh_at, lang)))
else:
    st.caption(t("refresh_manual", lang))
if not outlook.can_ask(now) and not outlook.problem:
    st.caption(t("refresh_wait", lang, when=fmt_datetime(outlook.next_request_at, lang)))
if st.button(
    t("refresh_ask", lang), type="primary", disabled=not outlook.can_ask(now), help=t("refresh_ask_help", lang)
):
    ask = ask_for_refresh(settings.cache_dir, request_interval)
    if ask.outlook.problem:
        st.warning(t("folder_problem", lang), icon=":material/folder_off:")
        with st.expander(t("technical_details", lang)):
            st.code(ask.outlook.problem, language=None, wrap_lines=True)
    elif not ask.accepted:
        st.info(t("refresh_wait", lang, when=fmt_datetime(ask.outlook.next_request_at, lang)))
    elif ask.outlook.automatic:
        st.success(t("refresh_asked", lang))
    else:
        with st.status(t("refresh", lang), expanded=True) as status:
            run = refresh_cache_dir(
                catalog, settings.cache_dir, settings.base_url, progress=lambda line: st.markdown(plain(line))
            )
            if run.warning:
                st.warning(plain(run.warning))
            results = run.results
            for result in results:
                st.markdown(plain(f"{result.table_path}: {result.status} – {result.message}"))
            failed = [r for r in results if r.status == "failed"]
            # the lines above are the run's detail, folded once it is over; its label says the outcome
            outcome = "refresh_result_failed" if len(failed) == len(results) else "refresh_result_partly"
            status.update(
                state="error" if failed else "complete",
                label=t(outcome if failed else "refresh_result_ok", lang),
                expanded=False,
            )

# What went wrong, as the refresh stored it (addresses, HTTP answers, file names): for whoever keeps the
# service running, folded; every other page says it in one plain line (figures/notices.py).
with st.expander(t("technical_details", lang)):
    details = [f"{catalog.producer}: {catalog.base_url}", *([outlook.problem] if outlook.problem else [])]
    details += technical_details(data, catalog, lang) or [t("technical_none", lang)]
    st.code("\n".join(details), language=None, wrap_lines=True)

st.subheader(t("catalog_title", lang))
series_table = pd.DataFrame(
    [
        {
            t("col_series", lang): s.label[lang],
            t("col_id", lang): s.id,
            t("col_table", lang): catalog.tables[s.table].path,
            t("col_code", lang): s.code_label,
            t("col_unit", lang): unit_text(s, lang),
            t("proxy", lang): s.proxy.note[lang] if s.proxy else "",
            t("col_intended", lang): s.proxy.intended_source[lang] if s.proxy else "",
        }
        for s in catalog.series
    ]
)
figures_table(series_table, t("col_series", lang), tuple(series_table.columns))

st.subheader(t("all_figures", lang))
left, right = st.columns(2)
series_ids = left.multiselect(
    t("series_pick", lang),
    [s.id for s in catalog.series],
    default=[catalog.count_series],
    format_func=lambda i: catalog.series_by_id(i).label[lang],
)
areas = right.multiselect(
    t("area", lang), list(catalog.area_codes), default=list(catalog.local_area_codes), format_func=ctx.area_name
)
tidy = ctx.frame[ctx.frame["series"].isin(series_ids) & ctx.frame["area_code"].isin(areas)]
st.dataframe(  # dates as 1.1.2009 and a figure without a status symbol as empty, not "None"
    tidy.assign(status=tidy["status"].fillna("")),
    hide_index=True,
    width="stretch",
    height=360,
    column_config={"period": st.column_config.DateColumn(format="D.M.YYYY")},
)
history_downloads(ctx, series_ids, areas, key="data")

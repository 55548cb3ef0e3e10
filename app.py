"""The employment dashboard: the shared frame (language, area, navigation, banners, URL)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from figures.i18n import LANGUAGES, t
from ui.context import bind, context
from ui.editing import prepare_database
from ui.frame import frame_assets
from ui.refresher import follow_new_figures, keep_fresh

# A local icon file: a ":material/…:" page icon makes every browser fetch it from a font CDN.
ICON = Path(__file__).resolve().parent / "ui" / "icon.png"

keep_fresh()
prepare_database()  # the records' schema migrated at start (Alembic), once per process
ctx = context()
lang = ctx.lang
st.set_page_config(page_title=t("app_title", lang), page_icon=str(ICON), layout="wide")  # the tab title too
frame_assets(lang)
with st.sidebar:
    bind(st.selectbox, "lang", t("language", lang), list(LANGUAGES), format_func=LANGUAGES.get)
    bind(st.selectbox, "area", t("area", lang), list(ctx.catalog.local_area_codes), format_func=ctx.area_name)
    follow_new_figures(ctx.data.version)  # renders nothing; reruns the page when a new release is stored

pages = [
    st.Page("screens/overview.py", title=t("page_overview", lang), icon=":material/dashboard:", default=True),
    st.Page("screens/groups.py", title=t("page_groups", lang), icon=":material/groups:", url_path="ryhmat"),
    st.Page(
        "screens/municipality.py", title=t("page_municipality", lang), icon=":material/location_city:", url_path="kunta"
    ),
    st.Page("screens/themes.py", title=t("page_themes", lang), icon=":material/flag:", url_path="teemat"),
    st.Page("screens/data.py", title=t("page_data", lang), icon=":material/dataset:", url_path="tiedot"),
    st.Page(
        "screens/presentation.py", title=t("page_presentation", lang), icon=":material/slideshow:", url_path="esitys"
    ),
]
page = st.navigation(pages)
page.run()

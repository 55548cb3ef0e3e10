"""The second baseline: the empty page of empty_app.py at a sub-path (/toinen) of a two-page app.

On any path but "/", Streamlit's frontend first asks <path>/_stcore/health, gets 404, waits and then
asks /_stcore/health: every page of a multipage app but its first pays that before its script starts.
"""

import streamlit as st


def blank() -> None:
    st.title("Tyhjä sivu")
    st.write("Vertailukohta: Streamlitin oma käynnistys- ja piirtoaika ilman kaavioita ja dataa.")


st.navigation([st.Page(blank, title="Etusivu", default=True), st.Page(blank, title="Toinen", url_path="toinen")]).run()

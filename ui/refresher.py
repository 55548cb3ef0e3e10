"""Fresh by itself: the background refresher, started once per app process.

The pages see what it stores because the shared dataset is keyed on the store's stamp (ui/context.py).
"""

from __future__ import annotations

import streamlit as st

from data_sources.catalog import load_catalog
from data_sources.refresher import Refresher
from data_sources.settings import load_settings


@st.cache_resource(show_spinner=False)
def background_refresher(cache_dir: str, base_url: str, interval_s: int) -> Refresher | None:
    """One refresher thread per process and setting (a daemon: it never holds up a page); None when off."""
    if interval_s <= 0:
        return None
    refresher = Refresher(load_catalog(), cache_dir, base_url, interval_s)
    refresher.start()
    return refresher


def keep_fresh() -> None:
    """Called by the app frame on every run: starts the refresher the first time (a cache lookup after)."""
    settings = load_settings()
    background_refresher(str(settings.cache_dir), settings.base_url, settings.refresh_interval_s)

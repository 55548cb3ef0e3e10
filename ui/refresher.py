"""Fresh by itself: the background refresher, started once per app process, and open pages that follow it.

The pages see what it stores because the shared dataset is keyed on the store's stamp (ui/context.py);
a page left open reruns by itself once the stored figures change (`follow_new_figures`).
"""

from __future__ import annotations

import streamlit as st

from data_sources.domain.catalog import load_catalog
from data_sources.domain.settings import DEFAULT_REFRESH_INTERVAL_S, load_settings
from data_sources.service.refresher import Refresher
from ui.context import dataset


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


def watch_period_s() -> int:
    """How often an open page looks for new figures: the refresh interval (at least 5 s); with the
    refresher off here (another process may refresh the folder), the default interval."""
    interval = load_settings().refresh_interval_s
    return max(5, interval) if interval > 0 else DEFAULT_REFRESH_INTERVAL_S


@st.fragment(run_every=watch_period_s())
def _follow(shown_version: str) -> None:
    # a few stat calls; the whole page reruns only when the figures it shows are no longer the stored ones
    if dataset().version != shown_version:
        st.rerun(scope="app")


def follow_new_figures(shown_version: str) -> None:
    """An open page (a projector left on the overview) shows a new release within one period, untouched."""
    _follow(shown_version)

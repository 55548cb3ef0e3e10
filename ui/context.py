"""The page frame: cached data, the selection bound to widgets and URL, banners and source lines."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from data_sources.domain.catalog import Catalog, Series, load_catalog
from data_sources.domain.release_calendar import HELSINKI, ReleaseOutlook, release_outlooks
from data_sources.domain.settings import load_settings
from data_sources.snapshots.dataset import Dataset, load_dataset
from data_sources.snapshots.store import SnapshotStore
from figures.formats import fmt_date
from figures.i18n import t
from figures.notices import damage_notice, refresh_notice
from figures.provenance import source_line
from ui.state import Selection, parse_params

SELECTION_KEY = "selection"
NEW_FOR_DAYS = 31  # a release is "new" on every page for a month after it came out


@st.cache_resource(show_spinner=False, max_entries=2)
def _stored_dataset(cache_dir: str, stamp: str) -> Dataset:
    """One read-only copy per stored state, shared by every session: never mutate it."""
    return load_dataset(Path(cache_dir))


def dataset() -> Dataset:
    """The stored snapshot (or labelled demo), re-read as soon as the store changes (a few stat calls)."""
    cache_dir = load_settings().cache_dir
    return _stored_dataset(str(cache_dir), SnapshotStore(cache_dir).stamp())


def cached_on_data(**options):
    """One value per release and arguments for functions over a Dataset (hashed by its version, not its
    rows), shared read-only by every session like the dataset itself: never mutate what it returns.

    (`st.cache_data` handed every call its own unpickled copy: 12 ms a run for the municipality's figures
    alone, on every page view.)
    """
    return st.cache_resource(show_spinner=False, hash_funcs={Dataset: lambda data: data.version}, **options)


@dataclass(frozen=True)
class Context:
    data: Dataset
    catalog: Catalog
    sel: Selection
    first: pd.Timestamp
    last: pd.Timestamp

    @property
    def lang(self) -> str:
        return self.sel.lang

    @property
    def frame(self) -> pd.DataFrame:
        return self.data.frame

    def area_name(self, code: str) -> str:
        return self.catalog.area(code).name[self.lang]

    def label(self, series: Series) -> str:
        return series.label[self.lang]

    def source_line(self, table_key: str) -> str:
        return source_line(self.data, self.catalog, table_key, self.lang)


def monthly_bounds(data: Dataset) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last month of the monthly figures: once per dataset (every run of every page asks)."""
    return _monthly_bounds(data)


@cached_on_data(max_entries=4)
def _monthly_bounds(data: Dataset) -> tuple[pd.Timestamp, pd.Timestamp]:
    monthly = data.frame[data.frame["series"] != "population"]["period"]
    if monthly.empty:
        today = pd.Timestamp.today().normalize().replace(day=1)
        return today, today
    return monthly.min(), monthly.max()


def context() -> Context:
    """The data and the current selection; the first run of a session reads the URL."""
    data = dataset()
    catalog = data.shown_catalog
    first, last = monthly_bounds(data)
    if SELECTION_KEY not in st.session_state:
        st.session_state[SELECTION_KEY] = parse_params(st.query_params.to_dict(), catalog, first, last)
    return Context(data, catalog, st.session_state[SELECTION_KEY], first, last)


def set_selection(**changes: object) -> None:
    st.session_state[SELECTION_KEY] = replace(st.session_state[SELECTION_KEY], **changes)


def _sync(key: str, write) -> None:
    set_selection(**write(st.session_state[key]))


def bind(widget, field: str, *args, read=None, write=None, **kwargs):
    """A widget whose value is the selection's `field`; it survives page changes and fills the URL.

    `read` turns the selection into the widget's value and `write` the widget's value into
    selection changes, for widgets whose value is not one field as it is.
    """
    key = f"w_{field}"
    read = read or (lambda sel: getattr(sel, field))
    write = write or (lambda value: {field: value})
    if widget is st.select_slider:  # a range slider is only a range when given a (start, end) value
        kwargs["value"] = read(st.session_state[SELECTION_KEY])
    elif key not in st.session_state:
        st.session_state[key] = read(st.session_state[SELECTION_KEY])
    return widget(*args, key=key, on_change=_sync, args=(key, write), **kwargs)


def write_url(sel: Selection) -> None:
    params = sel.to_params(load_catalog())
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def banners(ctx: Context) -> None:
    """The demo label, then damage and refresh notices, above everything else: one plain line each, in the
    page's language (the technical detail is on the data page, figures.notices). Slides show none of them."""
    if ctx.data.is_demo:
        st.warning(t("demo_banner", ctx.lang), icon=":material/warning:")
    if damage := damage_notice(ctx.data, ctx.lang):
        st.warning(damage, icon=":material/report:")
    if notice := refresh_notice(ctx.data, ctx.catalog, ctx.lang):
        st.info(notice, icon=":material/info:")


def release_line(ctx: Context, today: date) -> str:
    """'Uutta 21.7.2026 alkaen · Seuraava julkaisu odotetaan 25.8.2026' for the monthly table."""
    return _release_line(ctx.data, ctx.lang, today)


@cached_on_data(max_entries=4)
def outlooks(data: Dataset, today: date) -> dict[str, ReleaseOutlook]:
    """Each table's release and the next one expected, once per release and day (it scans the whole snapshot)."""
    releases = {k: p.release for k, p in data.provenance.items()}
    return release_outlooks(data.frame, releases, load_catalog(), today)


@cached_on_data(max_entries=20)
def _release_line(data: Dataset, lang: str, today: date) -> str:
    """Once per release, language and day: it scans the whole snapshot, and every page view shows it."""
    outlook = outlooks(data, today)[load_catalog().monthly_table_key]
    parts = []
    if outlook.released is not None and (today - outlook.released).days <= NEW_FOR_DAYS:
        parts.append(t("new_since", lang, date=fmt_date(pd.Timestamp(outlook.released), lang)))
    if outlook.next_expected is not None:
        # a day gone by is no longer an expectation: say the release is late rather than "expected" in the past
        late = outlook.next_expected < today
        when = fmt_date(pd.Timestamp(outlook.next_expected), lang)
        parts.append(t("next_release_late" if late else "next_release", lang, date=when))
    line = " · ".join(parts)
    return line[:1].upper() + line[1:]


def page_frame(slide: bool = False) -> Context:
    """What every page starts with: data, selection, the demo/stale banners, and the URL kept in step.

    A `slide` (the presentation) shows nothing of the frame: no banner, no release line. It labels demo
    figures itself, small, on the slide (screens/presentation.py).
    Widget callbacks run before the script, so the selection is already final here.
    """
    ctx = context()
    if slide:
        write_url(ctx.sel)
        return ctx
    banners(ctx)
    line = release_line(ctx, datetime.now(ZoneInfo(HELSINKI)).date())
    if line:
        st.caption(line)
    write_url(ctx.sel)
    return ctx

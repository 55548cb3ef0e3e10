"""What the half-year report compares with: the figures as known at the group's last meeting (read from the store)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data_sources.domain.catalog import Catalog
from data_sources.domain.meetings import MeetingsError
from data_sources.records.current import current_meetings
from data_sources.snapshots.dataset import Dataset
from data_sources.snapshots.store import Provenance, SnapshotStore, StoreError
from figures.vintages import last_meeting


@dataclass(frozen=True)
class Earlier:
    """The monthly table as the meeting of `meeting` saw it: release `release`, its rows `frame`
    (None, and `error` says why, when that release no longer reads intact; `meeting` None too when the
    meetings file could not be read, or, with no `error`, when no meeting dates are entered yet)."""

    meeting: dt.date | None
    release: Provenance | None
    frame: pd.DataFrame | None
    error: str = ""


def earlier_figures(
    cache_dir: Path, data: Dataset, catalog: Catalog, day: dt.date, meetings: list[dt.date] | None = None
) -> Earlier | None:
    """The last meeting on or before `day` that saw an older release than today's; None when there is none
    (demo data, one release stored, no such meeting)."""
    key = catalog.monthly_table_key
    current = data.provenance.get(key)
    if data.is_demo or current is None:
        return None
    if meetings is None:
        try:
            meetings = current_meetings()
        except MeetingsError as exc:
            return Earlier(None, None, None, str(exc))
    if not meetings:  # none entered yet: the report says so rather than compare with a placeholder
        return Earlier(None, None, None)
    store = SnapshotStore(cache_dir)
    found = last_meeting(store.vintages(key), current.release, meetings, day)
    if found is None:
        return None
    meeting, release = found
    try:
        return Earlier(meeting, release, store.read_release(release))
    except StoreError as exc:
        return Earlier(meeting, release, None, str(exc))

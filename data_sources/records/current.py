"""What the report and the pages read: the assessments, entered figures and meeting dates, from the database
once written.

Reading never creates the database: with no SQLite file yet (nothing written in the app) the content
files are the state, as before the app could write.
"""

from __future__ import annotations

import datetime as dt
import threading

from data_sources.domain.entered import EnteredFigures, entered_path, load_entered
from data_sources.domain.meetings import load_meetings
from data_sources.domain.programme import Programme, load_programme
from data_sources.domain.progress import Progress, load_progress
from data_sources.domain.settings import load_settings
from data_sources.records.database import exists, open_database
from data_sources.records.roles import Roles
from data_sources.records.store import Records, entered_meetings


def open_records(roles: Roles | None = None, programme: Programme | None = None) -> Records:
    """The records of the settings' database (created and migrated when needed), with these roles."""
    engine = open_database(load_settings().database_url)
    return Records(engine, roles or Roles(), programme or load_programme())


def _written(programme: Programme | None = None) -> Records | None:
    url = load_settings().database_url
    return open_records(programme=programme) if exists(url) else None


def printed_progress(half: str, programme: Programme | None = None) -> Progress:
    """A half-year's assessments as the report prints them: as marked final, else as now."""
    records = _written(programme)
    if records is None:
        return load_progress(half, programme=programme)
    return records.printed_progress(half)


def current_meetings() -> list[dt.date]:
    """The meeting dates, newest first: the secretary's in the app, else the meetings file (MeetingsError).

    Needs no programme: a region without one (MK09) has no meetings file and no dates entered."""
    url = load_settings().database_url
    entered = entered_meetings(open_database(url)) if exists(url) else None
    return load_meetings() if entered is None else entered


def records_stamp() -> int:
    """The newest change's number (0 with none): what a cached report of the records is keyed on."""
    records = _written()
    return 0 if records is None else records.stamp()


_entered_cache: dict[tuple[object, ...], EnteredFigures] = {}
_entered_lock = threading.Lock()
_ENTERED_CACHED = 64


def _file_stamp(half: str) -> tuple[int, int] | None:
    try:
        stat = entered_path(half).stat()
    except (OSError, ValueError):  # no file (or no region pack): nothing entered by file
        return None
    return stat.st_mtime_ns, stat.st_size


def current_entered(half: str) -> EnteredFigures:
    """A half-year's entered figures as they are now (the database's once written, else the file), for a page.

    Read once per change: cached on the records' newest change (one small query, as the report's button is
    keyed) and the file's modification, so a page view reads no figures from the database while nothing changed
    and a write in any process shows at the next view."""
    url = load_settings().database_url
    records = _written()
    key = (url, half, 0 if records is None else records.stamp(), _file_stamp(half))
    with _entered_lock:
        cached = _entered_cache.get(key)
    if cached is not None:
        return cached
    figures = load_entered(half) if records is None else records.entered(half)
    with _entered_lock:
        if len(_entered_cache) >= _ENTERED_CACHED:
            _entered_cache.clear()
        _entered_cache[key] = figures
    return figures


def printed_entered(half: str, programme: Programme | None = None) -> EnteredFigures:
    """A half-year's entered figures as the report prints them: as they were when marked final, else as now."""
    records = _written(programme)
    if records is None:
        return load_entered(half)
    mark = records.final(half)
    if mark is None or mark.entered is None:
        return current_entered(half)
    return records.printed_entered(half)

"""What the report and the pages read: the assessments and meeting dates, from the database once written.

Reading never creates the database: with no SQLite file yet (nothing written in the app) the content
files are the state, as before the app could write.
"""

from __future__ import annotations

import datetime as dt

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

"""What pages and the report read: the current assessments and meeting dates, from the database once written.

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
from data_sources.records.store import Records


def open_records(roles: Roles | None = None, programme: Programme | None = None) -> Records:
    """The records of the settings' database (created and migrated when needed), with these roles."""
    engine = open_database(load_settings().database_url)
    return Records(engine, roles or Roles(), programme or load_programme())


def _written() -> Records | None:
    url = load_settings().database_url
    return open_records() if exists(url) else None


def current_progress(half: str, programme: Programme | None = None) -> Progress:
    """A half-year's assessments now (pages)."""
    records = _written()
    if records is None:
        return load_progress(half, programme=programme)
    return records.progress(half)


def printed_progress(half: str, programme: Programme | None = None) -> Progress:
    """A half-year's assessments as the report prints them: as marked final, else as now."""
    records = _written()
    if records is None:
        return load_progress(half, programme=programme)
    return records.printed_progress(half)


def current_meetings() -> list[dt.date]:
    """The meeting dates, newest first: the secretary's in the app, else the meetings file (MeetingsError)."""
    records = _written()
    entered = records.meetings() if records is not None else None
    return load_meetings() if entered is None else entered


def records_stamp() -> int:
    """The newest change's number (0 with none): what a cached report of the records is keyed on."""
    records = _written()
    return 0 if records is None else records.stamp()

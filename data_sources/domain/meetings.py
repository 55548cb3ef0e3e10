"""The steering group's meeting dates (regions/<code>/meetings.yaml), validated: real dates, each once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from data_sources.domain.content_yaml import Content, ContentError, load_file
from data_sources.domain.region import load_region


def meetings_path() -> Path | None:
    """The meetings file of the region's programme, or None when no programme is configured."""
    files = load_region().programme
    return files.meetings if files else None


class MeetingsError(ValueError):
    """The meetings file is not a list of dates; the message is one line naming the file and line."""


def parse_meetings(doc: object) -> list[dt.date]:
    """The meeting dates of plain data, newest first (used in tests with data written in code)."""
    return _dates(Content(doc, "meetings", {}))


def _dates(content: Content) -> list[dt.date]:
    raw = content.data.get("meetings") if isinstance(content.data, dict) else None
    if not isinstance(raw, list):
        raise MeetingsError(str(content.error(("meetings",), "meetings: needs a list of dates written as YYYY-MM-DD")))
    seen: set[dt.date] = set()
    for index, day in enumerate(raw):
        where = ("meetings", index)
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise MeetingsError(str(content.error(where, f"{day!r} is not a date written as YYYY-MM-DD")))
        if day in seen:
            raise MeetingsError(str(content.error(where, f"a date is listed twice: {day.isoformat()}")))
        seen.add(day)
    return sorted(raw, reverse=True)


def load_meetings(path: Path | None = None) -> list[dt.date]:
    """The meeting dates, newest first; raises MeetingsError (one line: file, line, problem)."""
    try:
        path = path or meetings_path()
        return [] if path is None else _dates(load_file(path))
    except ContentError as exc:
        raise MeetingsError(str(exc)) from None

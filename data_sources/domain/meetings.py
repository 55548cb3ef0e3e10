"""The steering group's meeting dates (content/meetings.yaml), validated: real dates, each once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from data_sources.domain.content_yaml import Content, ContentError, load_file

MEETINGS_PATH = Path(__file__).resolve().parents[2] / "content" / "meetings.yaml"


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
        return _dates(load_file(path or MEETINGS_PATH))
    except ContentError as exc:
        raise MeetingsError(str(exc)) from None

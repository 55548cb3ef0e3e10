"""The steering group's meeting dates (regions/<code>/meetings.yaml), validated: real dates, each once."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Annotated

from pydantic import Strict, field_validator

from data_sources.domain.content_schema import Schema, fault, first_repeat, validate
from data_sources.domain.content_yaml import Content, ContentError, load_file
from data_sources.domain.region import load_region


def meetings_path() -> Path | None:
    """The meetings file of the region's programme, or None when no programme is configured."""
    files = load_region().programme
    return files.meetings if files else None


class MeetingsError(ValueError):
    """The meetings file is not a list of dates; the message is one line naming the file and line."""


class _MeetingsFile(Schema):
    meetings: list[Annotated[dt.date, Strict()]]  # strict: a date as YAML writes it, 2026-06-24, not text

    @field_validator("meetings")
    @classmethod
    def _each_once(cls, days: list[dt.date]) -> list[dt.date]:
        repeat = first_repeat(days)
        if repeat is not None:
            raise fault(f"a date is listed twice: {days[repeat].isoformat()}", at=repeat)
        return days


def parse_meetings(doc: object) -> list[dt.date]:
    """The meeting dates of plain data, newest first (used in tests with data written in code)."""
    return _dates(Content(doc, "", {}))


def _dates(content: Content) -> list[dt.date]:
    return sorted(validate(_MeetingsFile, content, MeetingsError).meetings, reverse=True)


def load_meetings(path: Path | None = None) -> list[dt.date]:
    """The meeting dates, newest first; raises MeetingsError (one line: file, line, field, problem).

    Parsed again only when the file changes (its size or modification time): every page view asks.
    """
    path = path or meetings_path()
    if path is None:
        return []
    try:
        stat = path.stat()
        changed = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        changed = None  # missing or unreadable: load_file says which
    return list(_read_meetings(path, changed))


@functools.lru_cache(maxsize=8)
def _read_meetings(path: Path, changed: tuple[int, int] | None) -> tuple[dt.date, ...]:
    try:
        return tuple(_dates(load_file(path)))
    except ContentError as exc:
        raise MeetingsError(str(exc)) from None

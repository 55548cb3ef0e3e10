"""The steering group's meeting dates (content/meetings.yaml), validated: real dates, each once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

MEETINGS_PATH = Path(__file__).resolve().parent.parent / "content" / "meetings.yaml"


class MeetingsError(ValueError):
    """The meetings file is not a list of dates."""


def parse_meetings(doc: object) -> list[dt.date]:
    """The meeting dates, newest first."""
    raw = doc.get("meetings") if isinstance(doc, dict) else None
    if not isinstance(raw, list) or not all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in raw):
        raise MeetingsError("meetings: needs a list of dates written as YYYY-MM-DD")
    if len(set(raw)) != len(raw):
        raise MeetingsError("meetings: a date is listed twice")
    return sorted(raw, reverse=True)


def load_meetings(path: Path = MEETINGS_PATH) -> list[dt.date]:
    return parse_meetings(yaml.safe_load(path.read_text(encoding="utf-8")))

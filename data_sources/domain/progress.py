"""The coordinators' half-yearly assessments of the programme's goals (regions/<code>/progress/<half>.yaml).

One file per half-year, one entry per goal: its state, a short written assessment, who gave it
(an organisation or a role, never a person's contact details) and the date. Loading never raises:
a malformed file gives one clear message naming the file and the problem, and every goal then reads
"ei arvioitu". `dump_progress` writes the same shape back, so an in-app editor (behind a login) can
later save what it edits with `save_progress`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from data_sources.domain.content_yaml import ContentError, load_file, load_text, shown_path
from data_sources.domain.files import atomic_write_bytes
from data_sources.domain.periods import HalfYear, PeriodError
from data_sources.domain.programme import Programme, load_programme
from data_sources.domain.region import REGIONS_DIR, load_region

log = logging.getLogger(__name__)


def progress_dir() -> Path:
    """The folder of the region's half-yearly assessments (regions/<code>/progress)."""
    files = load_region().programme
    return files.progress_dir if files else REGIONS_DIR / load_region().code / "progress"


# The states as the steering group names them; the file stores these Finnish words.
STATES = ("ei aloitettu", "käynnissä", "toteutunut", "ei arvioitu")
NOT_ASSESSED = "ei arvioitu"
ENTRY_KEYS = ("goal", "state", "assessment", "assessor", "date")
# An assessor is an organisation or a role: no e-mail addresses or phone numbers.
_CONTACT = re.compile(r"@|\+?\d[\d\s-]{6,}\d")


class ProgressError(ValueError):
    """A progress file that cannot be used."""


@dataclass(frozen=True)
class Assessment:
    goal: str  # goal id, e.g. "4.4.2"
    state: str = NOT_ASSESSED
    assessment: str = ""
    assessor: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Progress:
    """Every goal's assessment for one half-year; `error` is set when the file could not be used."""

    half: str
    assessments: dict[str, Assessment] = field(default_factory=dict)
    error: str | None = None
    path: Path | None = None

    def of(self, goal_id: str) -> Assessment:
        return self.assessments.get(goal_id, Assessment(goal_id))

    def counts(self, goal_ids: list[str] | tuple[str, ...]) -> dict[str, int]:
        """How many of these goals are in each state, in STATES order."""
        counts = dict.fromkeys(STATES, 0)
        for goal_id in goal_ids:
            counts[self.of(goal_id).state] += 1
        return counts


def progress_path(half: str, directory: Path | None = None) -> Path:
    return (directory or progress_dir()) / f"{half}.yaml"


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or value == "":
        raise ProgressError(f"{where}: date missing")
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ProgressError(f"{where}: date {value!r} is not a date like 2026-06-30") from None


def parse_progress(doc: object, half: str, programme: Programme) -> dict[str, Assessment]:
    """The assessments of a progress file's plain data; raises ProgressError with the problem."""
    if not isinstance(doc, dict):
        raise ProgressError("the file must be a mapping with 'half' and 'goals'")
    if str(doc.get("half", "")).upper() != half:
        raise ProgressError(f"half is {doc.get('half')!r}, the file name says {half}")
    entries = doc.get("goals")
    if not isinstance(entries, list):
        raise ProgressError("'goals' must be a list of goal entries")
    goals = programme.goals
    assessments: dict[str, Assessment] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise ProgressError(f"entry {number} is not a mapping")
        goal = str(entry.get("goal", ""))
        where = f"goal {goal or f'(entry {number})'}"
        if goal not in goals:
            raise ProgressError(f"{where} is not a goal of the programme")
        if goal in assessments:
            raise ProgressError(f"{where} is given twice")
        unknown = sorted(set(entry) - set(ENTRY_KEYS))
        if unknown:
            raise ProgressError(f"{where}: unknown fields {', '.join(unknown)}")
        state = entry.get("state")
        if state not in STATES:
            raise ProgressError(f"{where}: unknown state {state!r} (use one of: {', '.join(STATES)})")
        assessor = str(entry.get("assessor") or "").strip()
        if not assessor:
            raise ProgressError(f"{where}: assessor missing (an organisation or a role)")
        if _CONTACT.search(assessor):
            raise ProgressError(f"{where}: assessor must be an organisation or a role, not contact details")
        text = str(entry.get("assessment") or "").strip()
        if state != NOT_ASSESSED and not text:
            raise ProgressError(f"{where}: a state of {state!r} needs a written assessment")
        assessments[goal] = Assessment(goal, state, text, assessor, _date(entry.get("date"), where))
    return assessments


def load_progress(half: str, directory: Path | None = None, programme: Programme | None = None) -> Progress:
    """The assessments for a half-year; a missing or malformed file gives an error message, not an exception."""
    programme = programme or load_programme()
    try:
        half = HalfYear.parse(half).key
    except PeriodError as exc:
        return Progress(half, error=str(exc))
    path = progress_path(half, directory)
    if not path.exists():
        return Progress(half, path=path)
    try:
        return Progress(half, parse_progress(load_file(path).data, half, programme), path=path)
    except ContentError as exc:
        error = str(exc)
    except ProgressError as exc:
        error = f"{shown_path(path)}: {exc}"
    log.warning("progress file not used: %s", error)
    return Progress(half, error=error, path=path)


def dump_progress(progress: Progress, programme: Programme | None = None) -> str:
    """The progress file's text: every goal of the programme in order, as parse_progress reads it."""
    programme = programme or load_programme()
    entries = []
    for goal_id in programme.goals:
        a = progress.of(goal_id)
        entries.append(
            {
                "goal": goal_id,
                "state": a.state,
                "assessment": a.assessment,
                "assessor": a.assessor,
                "date": a.date.isoformat() if a.date else None,
            }
        )
    return yaml.safe_dump({"half": progress.half, "goals": entries}, allow_unicode=True, sort_keys=False)


def save_progress(progress: Progress, directory: Path | None = None) -> Path:
    """Write a half-year's assessments atomically (checked first: a bad edit never replaces a good file)."""
    text = dump_progress(progress)
    parse_progress(load_text(text, progress.half).data, progress.half, load_programme())
    path = progress_path(progress.half, directory)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path

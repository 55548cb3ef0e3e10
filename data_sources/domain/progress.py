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
from typing import Annotated, Literal, get_args

import yaml
from pydantic import BeforeValidator, ConfigDict, ValidationInfo, field_validator, model_validator

from data_sources.domain.content_schema import Schema, Text, fault, first_repeat, given, validate
from data_sources.domain.content_yaml import Content, ContentError, load_file, load_text
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
State = Literal["ei aloitettu", "käynnissä", "toteutunut", "ei arvioitu"]
STATES = get_args(State)
NOT_ASSESSED = "ei arvioitu"
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


# --- a progress file as pydantic models: its shape and rules; parse_progress builds the Assessments ----------


class _Entry(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    goal: str
    state: State
    assessment: str | None = None  # needed unless the state is NOT_ASSESSED
    assessor: Text  # an organisation or a role
    date: Annotated[dt.date, BeforeValidator(lambda v: v.date() if isinstance(v, dt.datetime) else v)]

    @field_validator("goal")
    @classmethod
    def _a_goal_of_the_programme(cls, goal: str, info: ValidationInfo) -> str:
        if goal not in given(info, "goals"):
            raise fault(f"{goal!r} is not a goal of the programme")
        return goal

    @field_validator("assessor")
    @classmethod
    def _no_contact_details(cls, assessor: str) -> str:
        if _CONTACT.search(assessor):
            raise fault("must be an organisation or a role, not contact details")
        return assessor

    @model_validator(mode="after")
    def _assessed_in_words(self) -> _Entry:
        if self.state != NOT_ASSESSED and not self.assessment:
            raise fault(f"a state of {self.state!r} needs a written assessment", at="assessment")
        return self


class _ProgressFile(Schema):
    half: str
    goals: list[_Entry]

    @field_validator("half")
    @classmethod
    def _the_files_half(cls, half: str, info: ValidationInfo) -> str:
        if half.upper() != given(info, "half"):
            raise fault(f"{half!r}, but the file name says {given(info, 'half')}")
        return half

    @field_validator("goals")
    @classmethod
    def _each_goal_once(cls, entries: list[_Entry]) -> list[_Entry]:
        repeat = first_repeat(entry.goal for entry in entries)
        if repeat is not None:
            raise fault(f"goal {entries[repeat].goal} is given twice", at=(repeat, "goal"))
        return entries


def parse_progress(doc: object, half: str, programme: Programme) -> dict[str, Assessment]:
    """The assessments of a progress file's plain data; raises ProgressError with the problem."""
    return _assessments(Content(doc, "", {}), half, programme)


def _assessments(content: Content, half: str, programme: Programme) -> dict[str, Assessment]:
    """The assessments of a file's content; raises ProgressError naming the file, line and field."""
    found = validate(_ProgressFile, content, ProgressError, half=half, goals=programme.goals)
    return {e.goal: Assessment(e.goal, e.state, e.assessment or "", e.assessor, e.date) for e in found.goals}


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
        return Progress(half, _assessments(load_file(path), half, programme), path=path)
    except (ContentError, ProgressError) as exc:
        error = str(exc)
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
    _assessments(load_text(text, progress.half), progress.half, load_programme())
    path = progress_path(progress.half, directory)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path

"""The coordinators' half-yearly assessments of the programme's goals (regions/<code>/progress/<half>.yaml).

One file per half-year, one entry per goal: its state, a short written assessment, who gave it
(an organisation or a role, never a person's contact details) and the date. Loading never raises:
a malformed file gives one clear message naming the file and the problem, and every goal then reads
"ei arvioitu". `dump_progress` writes the same shape back: the app's database (data_sources/records)
imports and exports its assessments in this format.
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
from data_sources.domain.content_yaml import Content, ContentError, load_bytes, load_file, load_text
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


# The stated limit of a written assessment: room for a paragraph or two, not a document (the form says so).
MAX_ASSESSMENT_CHARS = 5000
MAX_ASSESSOR_CHARS = 120
# Control characters other than line breaks and tabs have no place in a written assessment.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ProgressError(ValueError):
    """A progress file that cannot be used."""


def check_assessment_text(text: str) -> str:
    """A written assessment as stored: plain text of at most MAX_ASSESSMENT_CHARS, no control characters.

    Raises a content fault naming the problem (pydantic turns it into the file's line); the form uses the
    same rule, so the app and a file refuse the same texts."""
    if len(text) > MAX_ASSESSMENT_CHARS:
        raise fault(f"is {len(text)} characters long, over the limit of {MAX_ASSESSMENT_CHARS}")
    if _CONTROL.search(text):
        raise fault("contains control characters")
    return text


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
    assessor: Text | None = None  # an organisation or a role; needed unless the state is NOT_ASSESSED
    # when it was assessed: needed unless NOT_ASSESSED, and refused with it (a date there reads as an assessment)
    date: Annotated[dt.date | None, BeforeValidator(lambda v: v.date() if isinstance(v, dt.datetime) else v)] = None

    @field_validator("goal")
    @classmethod
    def _a_goal_of_the_programme(cls, goal: str, info: ValidationInfo) -> str:
        if goal not in given(info, "goals"):
            raise fault(f"{goal!r} is not a goal of the programme")
        return goal

    @field_validator("assessor")
    @classmethod
    def _no_contact_details(cls, assessor: str | None) -> str | None:
        if assessor is not None and _CONTACT.search(assessor):
            raise fault("must be an organisation or a role, not contact details")
        if assessor is not None and len(assessor) > MAX_ASSESSOR_CHARS:
            raise fault(f"is {len(assessor)} characters long, over the limit of {MAX_ASSESSOR_CHARS}")
        return assessor

    @field_validator("assessment")
    @classmethod
    def _short_plain_text(cls, text: str | None) -> str | None:
        return None if text is None else check_assessment_text(text)

    @model_validator(mode="after")
    def _assessed_in_words(self) -> _Entry:
        if self.state == NOT_ASSESSED:
            if self.date is not None:
                raise fault(f"{NOT_ASSESSED!r} takes no date (a date says when a goal was assessed)", at="date")
            return self
        needs = (("assessment", "a written assessment"), ("assessor", "an assessor"), ("date", "a date"))
        for name, what in needs:
            if not getattr(self, name):
                raise fault(f"a state of {self.state!r} needs {what}", at=name)
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
    return {e.goal: Assessment(e.goal, e.state, e.assessment or "", e.assessor or "", e.date) for e in found.goals}


def check_entry(entry: dict[str, object], programme: Programme) -> Assessment:
    """One goal's assessment as a form gives it, checked by the rules of the file; raises ProgressError."""
    found = validate(_Entry, Content(entry, "", {}), ProgressError, goals=programme.goals)
    return Assessment(found.goal, found.state, found.assessment or "", found.assessor or "", found.date)


def read_progress_upload(raw: bytes, name: str, half: str, programme: Programme) -> dict[str, Assessment]:
    """An uploaded progress file (import, bulk entry): bounded, alias-free, checked as the shipped files are.

    Raises ProgressError naming the file (`name`), the line and the problem."""
    try:
        return _assessments(load_bytes(raw, name), half, programme)
    except ContentError as exc:
        raise ProgressError(str(exc)) from None


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
        entry: dict[str, object] = {"goal": goal_id, "state": a.state, "assessment": a.assessment}
        if a.assessor:
            entry["assessor"] = a.assessor
        if a.date:
            entry["date"] = a.date
        entries.append(entry)
    return yaml.safe_dump({"half": progress.half, "goals": entries}, allow_unicode=True, sort_keys=False)


def save_progress(progress: Progress, directory: Path | None = None) -> Path:
    """Write a half-year's assessments atomically (checked first: a bad edit never replaces a good file)."""
    text = dump_progress(progress)
    _assessments(load_text(text, progress.half), progress.half, load_programme())
    path = progress_path(progress.half, directory)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path

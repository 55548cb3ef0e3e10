"""Figures no PxWeb API serves, entered per half-year with their source (regions/<code>/entered/<half>.yaml).

E.g. Finnish Customs' exports by region and Kela's municipal share of the labour market subsidy: the
programme's indicator names the figure (`entered: <key>`), and the file of a half-year gives its value,
unit, the period it covers, its source and who entered it when. Loading never raises: a malformed file
gives one line naming the file, line and field, and the figures then read "not entered".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import field_validator

from data_sources.domain.content_schema import Labels, Schema, Text, fault, first_repeat, validate
from data_sources.domain.content_yaml import ContentError, load_file
from data_sources.domain.periods import HalfYear, PeriodError
from data_sources.domain.region import REGIONS_DIR, load_region


class EnteredError(ValueError):
    """An entered-figures file that cannot be used."""


@dataclass(frozen=True)
class EnteredFigure:
    key: str  # the programme indicator's `entered:`
    value: float
    unit: dict[str, str]
    period: str  # what the figure covers, as its source says it ("2025", "2026H1", "1-6/2026")
    source: str
    entered_by: str  # an organisation or a role
    entered_on: dt.date


@dataclass(frozen=True)
class EnteredFigures:
    half: str
    figures: dict[str, EnteredFigure] = field(default_factory=dict)
    problem: str = ""  # the file's one-line problem, when it could not be read

    def get(self, key: str) -> EnteredFigure | None:
        return self.figures.get(key)


class _Figure(Schema):
    key: Text
    value: float
    unit: Labels
    period: Text
    source: Text
    entered_by: Text
    entered_on: dt.date


class _EnteredFile(Schema):
    half: str
    figures: list[_Figure] = []

    @field_validator("half")
    @classmethod
    def _a_half_year(cls, half: str) -> str:
        try:
            return HalfYear.parse(half).key
        except PeriodError as exc:
            raise fault(str(exc)) from None

    @field_validator("figures")
    @classmethod
    def _each_once(cls, figures: list[_Figure]) -> list[_Figure]:
        repeat = first_repeat(f.key for f in figures)
        if repeat is not None:
            raise fault(f"the figure {figures[repeat].key!r} is entered twice", at=(repeat, "key"))
        return figures


def entered_dir(region: str | None = None) -> Path:
    """The folder of the region's entered figures (regions/<code>/entered)."""
    return REGIONS_DIR / load_region(region).code / "entered"


def load_entered(half: str, folder: Path | None = None) -> EnteredFigures:
    """The figures entered for a half-year; none when its file is missing, and a one-line problem when malformed."""
    path = (folder or entered_dir()) / f"{half}.yaml"
    if not path.exists():
        return EnteredFigures(half)
    try:
        content = load_file(path)
        found = validate(_EnteredFile, content, EnteredError)
        if found.half != half:
            raise EnteredError(f"{content.shown}: half: {found.half!r}, but the file is {path.name}")
    except (ContentError, EnteredError) as exc:
        return EnteredFigures(half, problem=str(exc))
    figures = {f.key: EnteredFigure(**f.model_dump()) for f in found.figures}
    return EnteredFigures(half, figures)

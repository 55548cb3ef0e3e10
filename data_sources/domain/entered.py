"""Figures no PxWeb API serves, entered per half-year with their source (regions/<code>/entered/<half>.yaml).

E.g. Finnish Customs' exports by region and Kela's municipal share of the labour market subsidy: the
programme's indicator names the figure (`entered: <key>`), and the file of a half-year gives its value,
unit, the period it covers, its source and who entered it when. Loading never raises: a malformed file
gives one line naming the file, line and field, and the figures then read "not entered". The secretary writes
them in the app (data_sources/records): `check_figure` holds the rules a form's figure must meet, and the file
(`dump_entered`, `read_entered_upload`) stays the import and export format, as progress files are.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationInfo, field_validator

from data_sources.domain.content_schema import LANGUAGES, Labels, Schema, Text, fault, first_repeat, validate
from data_sources.domain.content_yaml import ContentError, load_bytes, load_file
from data_sources.domain.periods import HalfYear, PeriodError
from data_sources.domain.region import REGIONS_DIR, load_region

MAX_PERIOD_CHARS = 40  # "1-6/2026", "2025", "12 kk 7/2025-6/2026"
MAX_SOURCE_CHARS = 300
MAX_ENTERED_BY_CHARS = 120  # as an assessor: an organisation or a role
MAX_UNIT_CHARS = 40
MAX_VALUE = 1e15  # larger is a typo, not a figure of a region
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # one-line fields: no line breaks or other control characters
_CONTACT = re.compile(r"@|\+?\d[\d\s-]{6,}\d")  # an e-mail address or a phone number
_SPACES = re.compile(r"[\s\u00a0\u202f']")  # thousands separators: space, no-break spaces, apostrophe
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


class EnteredError(ValueError):
    """An entered-figures file, or a figure written in the app, that cannot be used (one line)."""


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


def parse_value(text: str | float) -> float:
    """A figure as written on a form: '1 234,5', '1234.5', '-3,2' (a decimal comma or point, spaces between
    thousands). Raises EnteredError: "'abc' is not a number (written e.g. 1 234,5)"."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        value = float(text)
    else:
        written = _SPACES.sub("", str(text))
        if not _NUMBER.fullmatch(written):
            shown = _CONTROL.sub(" ", str(text)).strip()[:40]
            if not shown:
                raise EnteredError("value: must not be empty")
            raise EnteredError(f"value: {shown!r} is not a number (written e.g. 1 234,5)")
        value = float(written.replace(",", "."))
    if not math.isfinite(value) or abs(value) > MAX_VALUE:
        raise EnteredError(f"value: {value!r} is not a figure (at most {MAX_VALUE:.0e} either way)")
    return value


def _line_problem(name: str, text: str, limit: int) -> str:
    """What is wrong with a one-line field ('' when nothing): empty, too long, control characters."""
    if not text.strip():
        return "must not be empty"
    if len(text) > limit:
        return f"is {len(text)} characters long, over the limit of {limit}"
    if _CONTROL.search(text):
        return "contains a line break or control characters"
    if name == "entered_by" and _CONTACT.search(text):
        return "must be an organisation or a role, not contact details"
    return ""


_LIMITS = {"period": MAX_PERIOD_CHARS, "source": MAX_SOURCE_CHARS, "entered_by": MAX_ENTERED_BY_CHARS}


class _Figure(Schema):
    key: Text
    value: float
    unit: Labels
    period: Text
    source: Text
    entered_by: Text
    entered_on: dt.date

    @field_validator("period", "source", "entered_by")
    @classmethod
    def _one_line(cls, text: str, info: ValidationInfo) -> str:
        name = info.field_name or ""
        if problem := _line_problem(name, text, _LIMITS[name]):
            raise fault(problem)
        return text

    @field_validator("unit")
    @classmethod
    def _short_units(cls, unit: dict[str, str]) -> dict[str, str]:
        for lang in LANGUAGES:
            if problem := _line_problem("unit", unit[lang], MAX_UNIT_CHARS):
                raise fault(problem, at=lang)
        return unit

    @field_validator("value")
    @classmethod
    def _a_figure(cls, value: float) -> float:
        if not math.isfinite(value) or abs(value) > MAX_VALUE:
            raise fault(f"{value!r} is not a figure (at most {MAX_VALUE:.0e} either way)")
        return value


def check_figure(
    key: str,
    value: str | float,
    unit: dict[str, str],
    period: str,
    source: str,
    entered_by: str,
    entered_on: dt.date,
    keys: tuple[str, ...] | list[str],
) -> EnteredFigure:
    """A figure as a form gives it, checked by the file's rules; raises EnteredError with one line, e.g.
    "value: 'abc' is not a number (written e.g. 1 234,5)" or "period: is 41 characters long, over the limit of 40".

    Texts are stripped; kept as written otherwise (shown as text wherever they are shown)."""
    if key not in keys:
        raise EnteredError(f"{key!r} is not a figure the programme asks to be entered ({', '.join(keys)})")
    number = parse_value(value)
    fields = {"period": period.strip(), "source": source.strip(), "entered_by": entered_by.strip()}
    for name, text in fields.items():
        if problem := _line_problem(name, text, _LIMITS[name]):
            raise EnteredError(f"{name}: {problem}")
    units = {lang: str(unit.get(lang) or "").strip() for lang in LANGUAGES}
    for lang, text in units.items():
        if problem := _line_problem("unit", text, MAX_UNIT_CHARS):
            raise EnteredError(f"unit ({lang}): {problem}")
    return EnteredFigure(key, number, units, entered_on=entered_on, **fields)


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


def entered_path(half: str, folder: Path | None = None) -> Path:
    return (folder or entered_dir()) / f"{half}.yaml"


def _figures(content, half: str, name: str) -> dict[str, EnteredFigure]:  # noqa: ANN001 (a Content)
    found = validate(_EnteredFile, content, EnteredError)
    if found.half != half:
        raise EnteredError(f"{content.shown}: half: {found.half!r}, but the file is {name}")
    return {f.key: EnteredFigure(**f.model_dump()) for f in found.figures}


def load_entered(half: str, folder: Path | None = None) -> EnteredFigures:
    """The figures entered for a half-year; none when its file is missing, and a one-line problem when malformed."""
    path = entered_path(half, folder)
    if not path.exists():
        return EnteredFigures(half)
    try:
        figures = _figures(load_file(path), half, path.name)
    except (ContentError, EnteredError) as exc:
        return EnteredFigures(half, problem=str(exc))
    return EnteredFigures(half, figures)


def read_entered_upload(raw: bytes, name: str, half: str) -> dict[str, EnteredFigure]:
    """An uploaded entered-figures file (a backup put back, bulk entry): bounded, alias-free, checked as the
    shipped files are. Raises EnteredError naming the file (`name`), the line and the problem."""
    try:
        return _figures(load_bytes(raw, name), half, f"for {half}")
    except ContentError as exc:
        raise EnteredError(str(exc)) from None


def figure_as_dict(figure: EnteredFigure) -> dict[str, object]:
    """A figure as the file writes it (and the records' history keeps it), dates as ISO text."""
    return {
        "key": figure.key,
        "value": figure.value,
        "unit": dict(figure.unit),
        "period": figure.period,
        "source": figure.source,
        "entered_by": figure.entered_by,
        "entered_on": figure.entered_on.isoformat(),
    }


def figure_from_dict(value: dict) -> EnteredFigure:
    return EnteredFigure(
        value["key"],
        float(value["value"]),
        dict(value["unit"]),
        value["period"],
        value["source"],
        value["entered_by"],
        dt.date.fromisoformat(value["entered_on"]),
    )


def dump_entered(entered: EnteredFigures) -> str:
    """The half-year's file as load_entered reads it (the export, and the template of an import)."""
    figures = []
    for figure in entered.figures.values():
        entry = figure_as_dict(figure)
        entry["entered_on"] = figure.entered_on
        figures.append(entry)
    return yaml.safe_dump({"half": entered.half, "figures": figures}, allow_unicode=True, sort_keys=False)

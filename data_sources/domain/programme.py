"""The region's employment programme (regions/<code>/programme.yaml) as typed, validated data.

This is the one place that links catalog series to the programme: an indicator's `series` names
them, with the direction the programme wants and the programme's own words that say so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, StrictBool, ValidationInfo, field_validator, model_validator

from data_sources.domain.catalog import Catalog, Series, load_catalog
from data_sources.domain.content_schema import (
    LANGUAGES,
    IsoDay,
    Labels,
    Schema,
    Text,
    fault,
    first_repeat,
    given,
    validate,
)
from data_sources.domain.content_yaml import Content, load_file
from data_sources.domain.region import load_region

Kind = Literal["statistical", "assessed"]
# How well a series measures what an indicator names: exactly, partly, or as a stand-in for it.
Fit = Literal["exact", "partial", "stand_in"]
Direction = Literal["up", "down"]
KINDS, FITS, DIRECTIONS = get_args(Kind), get_args(Fit), get_args(Direction)


class ProgrammeError(ValueError):
    """The programme file is not what the pages need."""


@dataclass(frozen=True)
class Indicator:
    """One of the programme's indicators (mittari).

    statistical: measured from statistics; `series` are the catalog series that serve it (empty when
    its source is not connected, then `unavailable` says why). assessed: measured by the group's own
    review, a survey or a project's follow-up, so it is told by the coordinators' assessment.
    """

    text: str
    source: str
    kind: str
    series: tuple[str, ...] = ()
    wanted: str | None = None  # "up" or "down": the direction the programme wants
    because: str = ""  # the programme's own words that say so
    unavailable: dict[str, str] | None = None  # why a statistical indicator has no figures here, in fi, sv and en
    entered: str = ""  # a figure no PxWeb API serves, entered per half-year (domain/entered.py): its key
    added: bool = False  # not in the programme's list: added for follow-up
    fit: str = "exact"  # how well its series measure what it names (FITS)
    judged: bool = True  # False: its series' direction does not mean the indicator's, so no status
    fit_note: dict[str, str] | None = None  # why it is partial or a stand-in, in fi, sv and en
    # How well it measures once its series are found by meaning (catalog `exact`): (fit, judged, note)
    when_exact: tuple[str, bool, dict[str, str] | None] | None = None

    def as_exact(self) -> Indicator:
        """The indicator measured by its series' exact figures (found by meaning), not by their stand-ins."""
        if self.when_exact is None:
            return self
        fit, judged, note = self.when_exact
        return replace(self, fit=fit, judged=judged, fit_note=note)


@dataclass(frozen=True)
class Goal:
    id: str  # "4.4.2": theme and number, as the programme numbers its goals
    title: str
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Measure:
    """A distinct figure a theme follows: one catalog series and the indicators it serves.

    Two linked series with the same figures (a proxy and the series it copies) are one measure,
    shown once, as the proxy.
    """

    series: Series
    indicators: tuple[Indicator, ...]
    wanted: str
    because: str

    @property
    def fit(self) -> str:
        """The weakest fit among the indicators it serves."""
        return max((i.fit for i in self.indicators), key=FITS.index)

    @property
    def judged(self) -> bool:
        """Whether a status may be given: only when its direction means the same for every indicator it serves."""
        return all(i.judged for i in self.indicators)

    def fit_notes(self, lang: str) -> tuple[str, ...]:
        return tuple(i.fit_note[lang] for i in self.indicators if i.fit_note)

    def shown_with(self, catalog: Catalog) -> Measure:
        """The measure with its series as `catalog` shows it: found by meaning, it is exact and so measures better."""
        series = catalog.series_by_id(self.series.id)
        if series == self.series:
            return self
        exact = series.exact is not None and series.proxy is None
        indicators = tuple(i.as_exact() for i in self.indicators) if exact else self.indicators
        return replace(self, series=series, indicators=indicators)


@dataclass(frozen=True)
class Theme:
    id: str
    names: dict[str, str]  # the short name in fi, sv and en ('Yhteistyö', 'Samarbete', 'Cooperation')
    title: str
    coordinator: str
    impacts: tuple[str, ...]
    goals: tuple[Goal, ...]
    indicators: tuple[Indicator, ...]
    participants: str
    resources: str
    target_groups: tuple[str, ...] = ()
    measures: tuple[Measure, ...] = ()

    def label(self, lang: str) -> str:
        """'4.4 Personer i sårbar ställning': the theme as tabs, tiles, decks and slide footers name it."""
        return f"{self.id} {self.names[lang]}"

    @property
    def assessed(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.kind == "assessed")

    @property
    def unavailable(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.kind == "statistical" and not i.series and not i.entered)

    @property
    def entered(self) -> tuple[Indicator, ...]:
        """Its figures entered per half-year with their source (regions/<code>/entered/<half>.yaml)."""
        return tuple(i for i in self.indicators if i.entered)


@dataclass(frozen=True)
class Programme:
    approved: str
    approved_by: str
    follow_up: str
    themes: tuple[Theme, ...]
    appendix3: dict

    @property
    def theme_ids(self) -> tuple[str, ...]:
        """The themes' ids in the programme's order ('4.1' … '4.4' in Kymenlaakso's)."""
        return tuple(theme.id for theme in self.themes)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    @property
    def goals(self) -> dict[str, Goal]:
        return {goal.id: goal for theme in self.themes for goal in theme.goals}


def _measures(indicators: tuple[Indicator, ...], catalog: Catalog) -> tuple[Measure, ...]:
    """The theme's distinct figures in the order first named; identical series merged into the proxy."""
    found: dict[tuple[str, str], Measure] = {}
    for indicator in indicators:
        for series_id in indicator.series:
            series = catalog.series_by_id(series_id)
            same = (series.table, series.content_code or series.id)  # by meaning only: no code until found
            if same not in found:
                if indicator.wanted is None:  # _indicator requires a direction of every indicator with series
                    raise ProgrammeError(f"{series_id} has no wanted direction")
                found[same] = Measure(series, (indicator,), indicator.wanted, indicator.because)
                continue
            kept = found[same]  # the same direction: _Theme checks it
            shown = kept.series if kept.series.id == series_id else catalog.without_copies([kept.series, series])[0]
            served = kept.indicators if indicator in kept.indicators else (*kept.indicators, indicator)
            found[same] = Measure(shown, served, kept.wanted, kept.because)
    return tuple(found.values())


# --- programme.yaml as pydantic models: its shape and rules; parse_programme builds the dataclasses above ---

NonEmpty = Field(min_length=1)


class _ExactMeasure(Schema):
    fit: Fit
    judged: StrictBool = True
    note: Labels | None = None

    @model_validator(mode="after")
    def _says_why(self) -> _ExactMeasure:
        if (self.fit != "exact" or not self.judged) and self.note is None:
            raise fault(f"must say why, in {', '.join(LANGUAGES)}", at="note")
        return self


class _Measure(_ExactMeasure):
    # how well it measures once its series are found by meaning (their own table, not the stand-in)
    exact: _ExactMeasure | None = None


class _Indicator(Schema):
    text: Text
    source: Text
    kind: Kind
    series: tuple[str, ...] = ()
    wanted: Direction | None = None
    because: str = ""
    unavailable: Labels | None = None
    entered: str = ""
    added: bool = False
    measure: _Measure | None = None

    @field_validator("series")
    @classmethod
    def _series_in_catalog(cls, series: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        known = {s.id for s in given(info, "catalog").series}
        for index, series_id in enumerate(series):
            if series_id not in known:
                raise fault(f"unknown series {series_id!r}", at=index)
        return series

    @model_validator(mode="after")
    def _says_how_it_is_told(self) -> _Indicator:
        if self.kind == "assessed" and (self.series or self.wanted):
            raise fault("an assessed indicator has no series and no wanted direction")
        if self.series and not self.wanted:
            raise fault("an indicator with series needs the direction wanted: up or down", at="wanted")
        if self.wanted and not self.because:
            raise fault("must quote the programme's words for the wanted direction", at="because")
        if self.kind == "statistical" and not self.series and not self.unavailable and not self.entered:
            raise fault("a statistical indicator needs series, an entered figure, or says why it is unavailable")
        if self.entered and (self.series or self.unavailable or self.kind != "statistical"):
            raise fault("an entered figure is a statistical indicator's only source", at="entered")
        if self.measure and not self.series:
            raise fault("describes the fit of an indicator's series, and this one has none", at="measure")
        return self


class _Goal(Schema):
    title: Text
    actions: tuple[str, ...]


class _Theme(Schema):
    id: Text
    short: Labels  # the short name in each language: the app's own words for the theme, not the programme's
    title: Text
    coordinator: Text
    impacts: Annotated[tuple[Text, ...], NonEmpty]
    goals: Annotated[tuple[_Goal, ...], NonEmpty]
    indicators: Annotated[tuple[_Indicator, ...], NonEmpty]
    participants: Text
    resources: Text
    target_groups: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _same_figures_same_direction(self, info: ValidationInfo) -> _Theme:
        first: dict[tuple[str, str], tuple[int, str, str | None]] = {}
        for index, indicator in enumerate(self.indicators):
            for series_id in indicator.series:
                series = given(info, "catalog").series_by_id(series_id)
                other, other_id, wanted = first.setdefault(
                    (series.table, series.content_code or series.id), (index, series_id, indicator.wanted)
                )
                if wanted != indicator.wanted:
                    problem = (
                        f"{indicator.wanted}, but indicators[{other}] wants {wanted} for the same figures ({other_id})"
                    )
                    raise fault(problem, at=("indicators", index, "wanted"))
        return self


class _Appendix3(Schema):
    columns: Annotated[list[Text], NonEmpty]
    unit: Labels
    rows: list[list[Any]]
    note: str = ""

    @model_validator(mode="after")
    def _a_value_for_every_column(self) -> _Appendix3:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise fault(f"needs a value for every column ({len(self.columns)}), has {len(row)}", at=("rows", index))
        return self


class _ProgrammeFile(Schema):
    approved: IsoDay = ""
    approved_by: str = ""
    follow_up: str = ""
    themes: tuple[_Theme, ...]
    appendix3: _Appendix3 | None = None

    @field_validator("themes")
    @classmethod
    def _the_programmes_themes(cls, themes: tuple[_Theme, ...]) -> tuple[_Theme, ...]:
        if not themes:
            raise fault("needs at least one theme")
        repeat = first_repeat(theme.id for theme in themes)
        if repeat is not None:
            raise fault(f"theme id {themes[repeat].id!r} is given twice", at=(repeat, "id"))
        return themes


def _indicator(raw: _Indicator) -> Indicator:
    measure = raw.measure or _Measure(fit="exact")
    exact = measure.exact
    return Indicator(
        **raw.model_dump(exclude={"measure"}),
        fit=measure.fit,
        judged=measure.judged,
        fit_note=measure.note,
        when_exact=None if exact is None else (exact.fit, exact.judged, exact.note),
    )


def _theme(raw: _Theme, catalog: Catalog) -> Theme:
    indicators = tuple(map(_indicator, raw.indicators))
    return Theme(
        **raw.model_dump(exclude={"goals", "indicators", "short"}),
        names=raw.short,
        goals=tuple(Goal(f"{raw.id}.{number}", g.title, g.actions) for number, g in enumerate(raw.goals, start=1)),
        indicators=indicators,
        measures=_measures(indicators, catalog),
    )


def parse_programme(doc: dict, catalog: Catalog) -> Programme:
    """The programme as typed data, after checking its shape and that linked series exist."""
    return _programme(Content(doc, "", {}), catalog)


def _programme(content: Content, catalog: Catalog) -> Programme:
    """The programme of a file's content; raises ProgrammeError naming the file, line and field."""
    found = validate(_ProgrammeFile, content, ProgrammeError, catalog=catalog)
    return Programme(
        **found.model_dump(include={"approved", "approved_by", "follow_up"}),
        themes=tuple(_theme(theme, catalog) for theme in found.themes),
        appendix3=found.appendix3.model_dump() if found.appendix3 else {},
    )


class NoProgrammeError(ProgrammeError):
    """The region served has no programme configured (its pack names none)."""


def programme_path() -> Path | None:
    """The programme file of the region served, or None when its pack names none."""
    files = load_region().programme
    return files.programme if files else None


def has_programme() -> bool:
    return programme_path() is not None


# The decks every region has: the monthly review and the Appendix 2 groups a presenter picks.
APP_DECKS = ("katsaus", "valinta")


def theme_ids() -> tuple[str, ...]:
    """The themes of the region's programme, in order; none when no programme is configured."""
    return load_programme().theme_ids if has_programme() else ()


def deck_ids() -> tuple[str, ...]:
    """Every slide deck: the app's own two, then one per theme of the programme."""
    return (*APP_DECKS, *theme_ids())


def wanted_direction(series: Series) -> str:
    """'up' or 'down': the programme's wanted direction where one of its goals names the series, else the
    catalog's `better` for it (so that no page keeps its own list of what counts as good)."""
    if has_programme():
        for theme in load_programme().themes:
            for measure in theme.measures:
                if measure.series.id == series.id and measure.wanted:
                    return measure.wanted
    return "down" if series.better == "lower" else "up"


def load_programme(path: Path | None = None) -> Programme:
    """The region's programme file, checked against the catalog, read once per process and file."""
    path = path or programme_path()
    if path is None:
        raise NoProgrammeError(f"no employment programme is configured for region {load_region().code}")
    return _load_programme(path)


@functools.cache
def _load_programme(path: Path) -> Programme:
    return _programme(load_file(path), load_catalog())

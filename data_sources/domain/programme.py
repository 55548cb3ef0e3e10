"""The employment programme (content/programme.yaml) as typed, validated data: themes, goals, indicators.

This is the one place that links catalog series to the programme: an indicator's `series` names
them, with the direction the programme wants and the programme's own words that say so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from data_sources.domain.catalog import Catalog, Series, load_catalog
from data_sources.domain.content_yaml import load_file

PROGRAMME_PATH = Path(__file__).resolve().parents[2] / "content" / "programme.yaml"
THEME_IDS = ("4.1", "4.2", "4.3", "4.4")
THEME_KEYS = ("id", "short", "title", "coordinator", "impacts", "goals", "indicators", "participants", "resources")
KINDS = ("statistical", "assessed")
# How well a series measures what an indicator names: exactly, partly, or as a stand-in for it.
FITS = ("exact", "partial", "stand_in")
LANGUAGES = ("fi", "sv", "en")
DIRECTIONS = ("up", "down")


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
    unavailable: str = ""  # why a statistical indicator has no figures here
    added: bool = False  # not in the programme's list: added for follow-up
    fit: str = "exact"  # how well its series measure what it names (FITS)
    judged: bool = True  # False: its series' direction does not mean the indicator's, so no status
    fit_note: dict[str, str] | None = None  # why it is partial or a stand-in, in fi, sv and en


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


@dataclass(frozen=True)
class Theme:
    id: str
    short: str
    title: str
    coordinator: str
    impacts: tuple[str, ...]
    goals: tuple[Goal, ...]
    indicators: tuple[Indicator, ...]
    participants: str
    resources: str
    target_groups: tuple[str, ...] = ()
    measures: tuple[Measure, ...] = ()

    @property
    def assessed(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.kind == "assessed")

    @property
    def unavailable(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.kind == "statistical" and not i.series)


@dataclass(frozen=True)
class Programme:
    approved: str
    approved_by: str
    follow_up: str
    themes: tuple[Theme, ...]
    appendix3: dict

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    @property
    def goals(self) -> dict[str, Goal]:
        return {goal.id: goal for theme in self.themes for goal in theme.goals}


def _indicator(raw: dict, where: str, known: set[str]) -> Indicator:
    if not raw.get("text") or not raw.get("source"):
        raise ProgrammeError(f"{where}: an indicator needs text and source")
    where = f"{where}, indicator {raw['text'][:40]!r}"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ProgrammeError(f"{where}: kind must be one of {', '.join(KINDS)}")
    series = tuple(raw.get("series") or ())
    unknown = [s for s in series if s not in known]
    if unknown:
        raise ProgrammeError(f"{where}: unknown series {unknown}")
    wanted = raw.get("wanted")
    if kind == "assessed":
        if series or wanted:
            raise ProgrammeError(f"{where}: an assessed indicator has no series and no wanted direction")
    else:
        if series and wanted not in DIRECTIONS:
            raise ProgrammeError(f"{where}: wanted must be up or down")
        if wanted and not raw.get("because"):
            raise ProgrammeError(f"{where}: 'because' must quote the programme's words for the wanted direction")
        if not series and not raw.get("unavailable"):
            raise ProgrammeError(f"{where}: a statistical indicator needs series or says why it is unavailable")
    return Indicator(
        text=str(raw["text"]),
        source=str(raw["source"]),
        kind=kind,
        series=series,
        wanted=wanted,
        because=str(raw.get("because", "")),
        unavailable=str(raw.get("unavailable", "")),
        added=bool(raw.get("added", False)),
        **_fit(raw.get("measure"), where, bool(series)),
    )


def _fit(raw: object, where: str, has_series: bool) -> dict:
    """The indicator's `measure:` block: fit, judged and the note that says why (required unless exact)."""
    if raw is None:
        return {}
    if not has_series or not isinstance(raw, dict):
        raise ProgrammeError(f"{where}: 'measure' describes the fit of an indicator's series")
    fit, judged, note = raw.get("fit"), raw.get("judged", True), raw.get("note")
    if fit not in FITS:
        raise ProgrammeError(f"{where}: measure.fit must be one of {', '.join(FITS)}")
    if not isinstance(judged, bool):
        raise ProgrammeError(f"{where}: measure.judged must be true or false")
    if fit != "exact" or not judged:
        if not isinstance(note, dict) or set(note) != set(LANGUAGES) or not all(note.values()):
            raise ProgrammeError(f"{where}: measure.note must say why, in {', '.join(LANGUAGES)}")
    return {"fit": fit, "judged": judged, "fit_note": {k: str(v) for k, v in note.items()} if note else None}


def _measures(theme_id: str, indicators: tuple[Indicator, ...], catalog: Catalog) -> tuple[Measure, ...]:
    """The theme's distinct figures in the order first named; identical series merged into the proxy."""
    found: dict[tuple[str, str], Measure] = {}
    for indicator in indicators:
        for series_id in indicator.series:
            series = catalog.series_by_id(series_id)
            same = (series.table, series.content_code)
            if same not in found:
                if indicator.wanted is None:  # _indicator requires a direction of every indicator with series
                    raise ProgrammeError(f"theme {theme_id}: {series_id} has no wanted direction")
                found[same] = Measure(series, (indicator,), indicator.wanted, indicator.because)
                continue
            kept = found[same]
            if kept.wanted != indicator.wanted:
                raise ProgrammeError(
                    f"theme {theme_id}: {kept.series.id} and {series_id} are the same figures but wanted "
                    f"{kept.wanted} and {indicator.wanted}"
                )
            shown = kept.series if kept.series.id == series_id else catalog.without_copies([kept.series, series])[0]
            served = kept.indicators if indicator in kept.indicators else (*kept.indicators, indicator)
            found[same] = Measure(shown, served, kept.wanted, kept.because)
    return tuple(found.values())


def parse_programme(doc: dict, catalog: Catalog) -> Programme:
    """The programme as typed data, after checking its shape and that linked series exist."""
    themes_raw = doc.get("themes") or []
    if tuple(t.get("id") for t in themes_raw) != THEME_IDS:
        raise ProgrammeError(f"themes must be {', '.join(THEME_IDS)} in order")
    known = {s.id for s in catalog.series}
    themes = []
    for raw in themes_raw:
        missing = [k for k in THEME_KEYS if not raw.get(k)]
        if missing:
            raise ProgrammeError(f"theme {raw['id']}: missing {', '.join(missing)}")
        where = f"theme {raw['id']}"
        goals = []
        for number, goal in enumerate(raw["goals"], start=1):
            if not goal.get("title") or not isinstance(goal.get("actions"), list):
                raise ProgrammeError(f"{where}: a goal needs a title and a list of actions")
            goals.append(Goal(f"{raw['id']}.{number}", str(goal["title"]), tuple(goal["actions"])))
        indicators = tuple(_indicator(i, where, known) for i in raw["indicators"])
        themes.append(
            Theme(
                id=str(raw["id"]),
                short=str(raw["short"]),
                title=str(raw["title"]),
                coordinator=str(raw["coordinator"]),
                impacts=tuple(raw["impacts"]),
                goals=tuple(goals),
                indicators=indicators,
                participants=str(raw["participants"]),
                resources=str(raw["resources"]),
                target_groups=tuple(raw.get("target_groups") or ()),
                measures=_measures(str(raw["id"]), indicators, catalog),
            )
        )
    table = doc.get("appendix3") or {}
    if any(len(row) != len(table.get("columns", [])) for row in table.get("rows", [])):
        raise ProgrammeError("appendix3: every row needs a value for every column")
    return Programme(
        approved=str(doc.get("approved", "")),
        approved_by=str(doc.get("approved_by", "")),
        follow_up=str(doc.get("follow_up", "")),
        themes=tuple(themes),
        appendix3=table,
    )


@functools.cache
def load_programme(path: Path = PROGRAMME_PATH) -> Programme:
    """The project's programme file, checked against the project's catalog, read once per process."""
    content = load_file(path)
    if not isinstance(content.data, dict):  # an empty file or a list: say so, not an AttributeError in the parser
        raise ProgrammeError(f"{content.shown}: the programme must be a mapping with 'themes'")
    return parse_programme(content.data, load_catalog())

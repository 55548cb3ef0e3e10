"""Pure: a series wanted by meaning, found in its table's own metadata by the texts of variables and values."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from data_sources.domain.catalog import ByMeaning, Catalog, ResolutionWords, Table, Want
from data_sources.pxweb.client import outside_text
from data_sources.pxweb.query import VariableSelection

# An age band as PxWeb's value texts write it: "15 - 19", "65 -", "- 19", "20-24", "25 - 29 v."
AGE_BAND = re.compile(r"^(\d+)?\s*-\s*(\d+)?\s*(v\.?)?$")
SHOWN_TEXTS = 3  # a line names at most this many candidates


@dataclass(frozen=True)
class Chosen:
    """One variable of the table and what was chosen of it: values summed into one figure, or none (eliminated)."""

    code: str
    text: str
    values: tuple[str, ...] = ()  # empty: the variable left out of the query, so the API gives its total
    texts: tuple[str, ...] = ()

    @property
    def shown(self) -> str:
        """'Ikäryhmät (ika) = ika15 "15 - 19" + ika20 "20 - 24"'; eliminated: 'Sukupuoli (sp): total (eliminated)'."""
        if not self.values:
            return f"{self.text} ({self.code}): total (eliminated)"
        picked = " + ".join(f'{value} "{text}"' for value, text in zip(self.values, self.texts, strict=True))
        return f"{self.text} ({self.code}) = {picked}"


@dataclass(frozen=True)
class Resolution:
    """Where a series wanted by meaning was found in one release of its table, or the one line why not."""

    series_id: str
    table_path: str
    area: str = ""  # the area variable's code
    time: str = ""  # the time variable's code
    chosen: tuple[Chosen, ...] = ()
    problem: str = ""

    @property
    def found(self) -> bool:
        return not self.problem

    @property
    def content_code(self) -> str:
        """The codes as stored with each figure: 'tiedot=rakyht; sp=*; ika=15-19+20-24' (* = eliminated)."""
        return "; ".join(f"{c.code}={'+'.join(c.values) or '*'}" for c in self.chosen)

    @property
    def line(self) -> str:
        """One line: the table, codes and texts found, or what was looked for and not found."""
        if not self.found:
            return f"{self.series_id}: not found in {self.table_path}: {self.problem}"
        chosen = "; ".join(c.shown for c in self.chosen)
        return f"{self.series_id}: {self.table_path}, area {self.area}, time {self.time}; {chosen}"

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, doc: dict) -> Resolution:
        chosen = tuple(
            Chosen(str(c["code"]), str(c["text"]), tuple(map(str, c["values"])), tuple(map(str, c["texts"])))
            for c in doc.get("chosen", [])
        )
        return cls(
            str(doc["series_id"]),
            str(doc["table_path"]),
            str(doc.get("area", "")),
            str(doc.get("time", "")),
            chosen,
            str(doc.get("problem", "")),
        )


@dataclass(frozen=True)
class _Variable:
    code: str
    text: str
    values: tuple[str, ...]
    texts: tuple[str, ...]
    eliminable: bool
    is_time: bool


class _NotFoundError(ValueError):
    """What was looked for and not found, as one line."""


def _plain(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _variables(metadata: object) -> list[_Variable]:
    variables = metadata.get("variables") if isinstance(metadata, dict) else None
    if not isinstance(variables, list) or not all(isinstance(v, dict) for v in variables):
        raise _NotFoundError("the table's metadata lists no variables")
    found = []
    for raw in variables:
        values, texts = raw.get("values") or [], raw.get("valueTexts") or []
        if not isinstance(values, list) or not isinstance(texts, list) or len(values) != len(texts):
            raise _NotFoundError(
                f"variable {outside_text(str(raw.get('code')), 30)!r} has values and texts that differ"
            )
        found.append(
            _Variable(
                str(raw.get("code", "")),
                str(raw.get("text", "")),
                tuple(map(str, values)),
                tuple(map(str, texts)),
                raw.get("elimination") is True,
                raw.get("time") is True,
            )
        )
    return found


def _one(candidates: list[_Variable], what: str) -> _Variable:
    if not candidates:
        raise _NotFoundError(f"no {what}")
    if len(candidates) > 1:
        raise _NotFoundError(f"two candidates for {what}: {', '.join(repr(v.text) for v in candidates[:SHOWN_TEXTS])}")
    return candidates[0]


def _by_words(variables: list[_Variable], words: tuple[str, ...]) -> list[_Variable]:
    plain = {_plain(w) for w in words}
    return [v for v in variables if _plain(v.text) in plain or _plain(v.code) in plain]


def _chosen(variable: _Variable, indexes: list[int]) -> Chosen:
    return Chosen(
        variable.code,
        variable.text,
        tuple(variable.values[i] for i in indexes),
        tuple(variable.texts[i] for i in indexes),
    )


def _candidates(variable: _Variable, indexes: list[int]) -> str:
    named = ", ".join(repr(variable.texts[i]) for i in indexes[:SHOWN_TEXTS])
    return f"{named}{' …' if len(indexes) > SHOWN_TEXTS else ''}"


def _starting(variable: _Variable, start: str) -> Chosen:
    hits = [i for i, text in enumerate(variable.texts) if _plain(text).startswith(_plain(start))]
    if not hits:
        raise _NotFoundError(f"no value of {variable.text!r} starts {start!r}")
    if len(hits) > 1:
        raise _NotFoundError(f"two candidates in {variable.text!r} start {start!r}: {_candidates(variable, hits)}")
    return _chosen(variable, hits)


def _starting_each(variable: _Variable, starts: tuple[str, ...]) -> Chosen:
    """The values whose texts start with each of `starts`, summed: each found exactly once, in the table's order."""
    picked: list[int] = []
    for start in starts:
        hits = [i for i, text in enumerate(variable.texts) if _plain(text).startswith(_plain(start))]
        if not hits:
            raise _NotFoundError(f"no value of {variable.text!r} starts {start!r}")
        if len(hits) > 1:
            raise _NotFoundError(f"two candidates in {variable.text!r} start {start!r}: {_candidates(variable, hits)}")
        if hits[0] in picked:
            raise _NotFoundError(f"the value {variable.texts[hits[0]]!r} of {variable.text!r} starts two of the texts")
        picked.append(hits[0])
    return _chosen(variable, sorted(picked))


def _total(variable: _Variable, words: tuple[str, ...]) -> Chosen:
    plain = [_plain(w) for w in words]
    hits = [
        i
        for i, (value, text) in enumerate(zip(variable.values, variable.texts, strict=True))
        if _plain(text) in plain or _plain(value) in plain or any(_plain(text).endswith(f" {w}") for w in plain)
    ]
    if len(hits) > 1:
        raise _NotFoundError(f"two candidates for the total of {variable.text!r}: {_candidates(variable, hits)}")
    if hits or len(variable.values) == 1:  # a dimension of one value is its own total
        return _chosen(variable, hits or [0])
    if variable.eliminable:
        return Chosen(variable.code, variable.text)
    raise _NotFoundError(f"no total of {variable.text!r} (no value {' / '.join(words)}, and it cannot be eliminated)")


def _age_bands(variable: _Variable, want: Want) -> Chosen:
    """The bands wholly under `ages_below`, or from `ages_from` on; a band across the limit makes it not found."""
    limit = want.ages_below if want.ages_below is not None else want.ages_from
    assert limit is not None
    bands: list[tuple[int, int | None, int | None]] = []
    for i, text in enumerate(variable.texts):
        match = AGE_BAND.match(" ".join(text.split()))
        if match and (match.group(1) or match.group(2)):
            low = int(match.group(1)) if match.group(1) else None
            high = int(match.group(2)) if match.group(2) else None
            bands.append((i, low, high))
    if not bands:
        raise _NotFoundError(f"no value of {variable.text!r} reads as an age band ('15 - 19')")
    across = [i for i, low, high in bands if (low is None or low < limit) and (high is None or high >= limit)]
    if across:
        raise _NotFoundError(f"the age band {variable.texts[across[0]]!r} of {variable.text!r} crosses {limit}")
    if want.ages_below is not None:
        picked = [band for band in bands if band[2] is not None and band[2] < limit]
    else:
        picked = [band for band in bands if band[1] is not None and band[1] >= limit]
    if not picked:
        raise _NotFoundError(f"no age band of {variable.text!r} for {want.words}")
    picked.sort(key=lambda band: -1 if band[1] is None else band[1])
    for (_, _, high), (i, low, _) in zip(picked, picked[1:], strict=False):
        if high is None or low is None or low != high + 1:
            raise _NotFoundError(f"the age bands of {variable.text!r} overlap or leave a gap at {variable.texts[i]!r}")
    return _chosen(variable, [i for i, _, _ in picked])


def _pick(variable: _Variable, want: Want, words: ResolutionWords) -> Chosen:
    if want.starts is not None:
        return _starting(variable, want.starts)
    if want.starts_any is not None:
        return _starting_each(variable, want.starts_any)
    if want.ages_below is not None or want.ages_from is not None:
        return _age_bands(variable, want)
    return _total(variable, words.total)


def resolve(series_id: str, wanted: ByMeaning, table: Table, metadata: object, words: ResolutionWords) -> Resolution:
    """The series found in one table's metadata: area and time variables by role, every other variable as it wants.

    A variable the series does not name is wanted as its total. Nothing found, or two candidates, is a
    Resolution with the one line saying what was looked for.
    """
    try:
        variables = _variables(metadata)
        area = _one(_by_words(variables, words.area), f"area variable ({' / '.join(words.area)})")
        times = [v for v in variables if v.is_time] or _by_words(variables, words.time)
        time = _one(times, f"time variable ({' / '.join(words.time)})")
        named: dict[str, tuple[_Variable, Want]] = {}
        for text, want in wanted.select.items():
            variable = _one(_by_words(variables, (text,)), f"variable {text!r} for {want.words}")
            named[variable.code] = (variable, want)
        chosen = tuple(
            _pick(v, named[v.code][1], words) if v.code in named else _total(v, words.total)
            for v in variables
            if v.code not in (area.code, time.code)
        )
    except _NotFoundError as exc:
        return Resolution(series_id, table.path, problem=_wanted_words(wanted) + str(exc))
    return Resolution(series_id, table.path, area.code, time.code, chosen)


def not_found(series_id: str, wanted: ByMeaning, table: Table, why: str) -> Resolution:
    """A series whose table could not be read at all (gone from its folder, metadata refused)."""
    return Resolution(series_id, table.path, problem=_wanted_words(wanted) + why.removeprefix(f"{table.path}: "))


def _wanted_words(wanted: ByMeaning) -> str:
    said = ", ".join(f"{text}: {want.words}" for text, want in wanted.select.items())
    return f"looked for {said}; "


def ratio_lines(table: Table, catalog: Catalog, resolutions: list[Resolution]) -> list[tuple[bool, str]]:
    """Each percentage computed from two series of the table (`ratio_of`): whether both were found, in one line."""
    found = {r.series_id for r in resolutions if r.found}
    lines = []
    for series in catalog.ratios_for_table(table.key):
        assert series.ratio_of is not None
        part, whole = series.ratio_of
        if {part, whole} <= found:
            lines.append((True, f"{series.id}: {table.path}, 100 × {part} / {whole}, computed from the two found"))
        else:
            lacking = " and ".join(p for p in (part, whole) if p not in found)
            lines.append((False, f"{series.id}: not computed from {table.path}: {lacking} not found"))
    return lines


def resolved_selections(
    resolution: Resolution, table: Table, metadata: dict, area_codes: tuple[str, ...]
) -> list[VariableSelection]:
    """The query of a resolved series: the areas the table has, periods from the table's first, each value chosen."""
    by_code = {str(v.get("code")): v for v in metadata.get("variables") or [] if isinstance(v, dict)}
    known_areas = set(map(str, by_code.get(resolution.area, {}).get("values") or []))
    periods = tuple(
        p for p in map(str, by_code.get(resolution.time, {}).get("values") or []) if p >= table.first_period
    )
    return [
        VariableSelection(resolution.area, tuple(a for a in area_codes if a in known_areas)),
        VariableSelection(resolution.time, periods),
        *(VariableSelection(c.code, c.values) for c in resolution.chosen if c.values),
    ]


def merged_queries(
    resolutions: list[Resolution], table: Table, metadata: dict, area_codes: tuple[str, ...]
) -> list[tuple[list[VariableSelection], list[Resolution]]]:
    """Series of one table asked together: one query per shape (the same variables eliminated), the values chosen
    by any of them, in the table's order. Each series then takes its own cells of the answer."""
    shapes: dict[tuple, list[Resolution]] = {}
    for resolution in resolutions:
        shape = (resolution.area, resolution.time, tuple((c.code, not c.values) for c in resolution.chosen))
        shapes.setdefault(shape, []).append(resolution)
    queries = []
    for group in shapes.values():
        first = resolved_selections(group[0], table, metadata, area_codes)
        order = {code: i for i, code in enumerate(_value_order(metadata))}
        merged = []
        for selection in first[2:]:
            values = {
                (selection.code, v) for r in group for c in r.chosen if c.code == selection.code for v in c.values
            }
            ordered = sorted(values, key=lambda key: order.get(key, 0))
            merged.append(VariableSelection(selection.code, tuple(value for _, value in ordered)))
        queries.append(([*first[:2], *merged], group))
    return queries


def _value_order(metadata: dict) -> list[tuple[str, str]]:
    return [
        (str(v.get("code")), str(value))
        for v in metadata.get("variables") or []
        if isinstance(v, dict)
        for value in v.get("values") or []
    ]

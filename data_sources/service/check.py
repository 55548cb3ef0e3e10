"""`python -m data_sources check`: does every catalog series still resolve against the live API?"""

from __future__ import annotations

import re
from dataclasses import dataclass

from data_sources.domain.catalog import Catalog, Series
from data_sources.pxweb.client import outside_text
from data_sources.pxweb.query import QueryError, metadata_values
from data_sources.pxweb.resolve import Resolution, not_found, resolve


@dataclass(frozen=True)
class SeriesCheck:
    series_id: str
    table_path: str
    ok: bool
    detail: str


def check_series(
    catalog: Catalog, listings: dict[str, list[dict]], metadata: dict[str, dict | str]
) -> list[SeriesCheck]:
    """Pure: each series against folder listings and table metadata (or the error text fetching it gave)."""
    results = []
    for series in catalog.series:
        if not series.codes:  # wanted by meaning only: see `resolutions`
            continue
        table = catalog.tables[series.table]
        listed = {str(e.get("id", "")).lower() for e in listings.get(table.folder, [])}
        meta = metadata.get(table.key)
        if table.file_name.lower() not in listed:
            results.append(SeriesCheck(series.id, table.path, False, "table not in the folder listing"))
            continue
        if not isinstance(meta, dict):
            results.append(SeriesCheck(series.id, table.path, False, f"metadata: {meta}"))
            continue
        try:
            codes = set(metadata_values(meta, table.content_variable))
            areas = set(metadata_values(meta, table.area_variable))
            metadata_values(meta, table.time_variable)
        except QueryError as exc:
            results.append(SeriesCheck(series.id, table.path, False, str(exc)))
            continue
        missing = [c for c in series.codes if c not in codes]
        missing_areas = [a for a in catalog.area_codes if a not in areas]
        if missing or missing_areas:
            results.append(SeriesCheck(series.id, table.path, False, f"missing codes {missing} areas {missing_areas}"))
            continue
        intended = series.proxy.intended_source["en"] if series.proxy else ""
        detail = f"ok (proxy; intended source: {intended})" if intended else "ok"
        results.append(SeriesCheck(series.id, table.path, True, detail))
    return results


# --- series wanted by meaning: their resolution, and where to look when one is not found ---------------------

WORD_STEM = 6  # Finnish inflects word ends ("rakennetyöttömät", "rakennetyöttömien"): words compare by their start
SHORTEST_WORD = 4
PROPOSED = 3  # tables proposed for a series not found
PROBED = 6  # tables of the folder whose metadata is read to score them better


def resolutions(catalog: Catalog, metadata: dict[str, dict | str]) -> list[Resolution]:
    """Every series wanted by meaning against its table's metadata (or the error text fetching it gave)."""
    found = []
    for series in catalog.series:
        if series.exact is None:
            continue
        table = catalog.tables[series.exact.table]
        meta = metadata.get(table.key)
        if isinstance(meta, dict):
            found.append(resolve(series.id, series.exact, table, meta, catalog.resolution))
        else:
            found.append(not_found(series.id, series.exact, table, f"metadata: {meta}"))
    return found


def stems(text: str) -> set[str]:
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return {word[:WORD_STEM] for word in words if len(word) >= SHORTEST_WORD}


def wanted_words(series: Series, catalog: Catalog) -> set[str]:
    """What a series wanted by meaning is about, in words: its name, its table's title, the texts it looks for."""
    assert series.exact is not None
    table = catalog.tables[series.exact.table]
    texts = [series.exact.label["fi"], table.title["fi"], *series.exact.select]
    texts += [want.starts for want in series.exact.select.values() if want.starts]
    texts += [text for want in series.exact.select.values() for text in want.starts_any or ()]
    return set().union(*(stems(text) for text in texts))


def table_words(entry: dict, meta: object) -> set[str]:
    """A folder entry's title and, when read, its variables' and values' texts."""
    words = stems(str(entry.get("text", "")))
    if isinstance(meta, dict):
        for variable in meta.get("variables") or []:
            if isinstance(variable, dict):
                words |= stems(str(variable.get("text", "")))
                words |= set().union(*(stems(str(v)) for v in variable.get("valueTexts") or []))
    return words


def proposals(
    series: Series, catalog: Catalog, listing: list[dict], metadata: dict[str, object]
) -> list[tuple[int, str, str]]:
    """Tables of the series' folder that could hold it, best first: (words in common, table id, title).

    `metadata` by table id (as the listing names it) for the tables whose metadata was read.
    """
    return _scored(series, catalog, listing, metadata)[:PROPOSED]


def _scored(
    series: Series, catalog: Catalog, listing: list[dict], metadata: dict[str, object]
) -> list[tuple[int, str, str]]:
    wanted = wanted_words(series, catalog)
    scored = []
    for entry in listing:
        if entry.get("type", "t") != "t":
            continue
        table_id = str(entry.get("id", ""))
        score = len(wanted & table_words(entry, metadata.get(table_id)))
        if score:
            scored.append((score, table_id, outside_text(str(entry.get("text", "")), 100)))
    return sorted(scored, key=lambda item: (-item[0], item[1]))


def to_probe(series: Series, catalog: Catalog, listing: list[dict]) -> list[str]:
    """The folder's tables whose titles share most words with the series: their metadata is read to score them."""
    return [table_id for _, table_id, _ in _scored(series, catalog, listing, {})][:PROBED]

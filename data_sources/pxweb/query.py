"""Pure PxWeb query building: selections from metadata, cell counts, splitting to the API limit."""

from __future__ import annotations

import math
from dataclasses import dataclass

from data_sources.domain.catalog import Table
from data_sources.pxweb.client import outside_text

SHOWN_CODES = 5  # an error names at most this many of the codes a table has


class QueryError(ValueError):
    """A query that cannot be built from the table's metadata."""


@dataclass(frozen=True)
class VariableSelection:
    code: str
    values: tuple[str, ...]


def metadata_values(metadata: dict, code: str) -> list[str]:
    """The value codes metadata lists for a variable; a clear error when the code is gone."""
    for variable in metadata.get("variables") or []:
        if variable.get("code") == code:
            return [str(v) for v in variable.get("values") or []]
    codes = [outside_text(str(v.get("code")), 30) for v in metadata.get("variables") or []]
    more = f" and {len(codes) - SHOWN_CODES} more" if len(codes) > SHOWN_CODES else ""
    raise QueryError(f"variable {code!r} is not in the table (it has: {', '.join(codes[:SHOWN_CODES])}{more})")


def table_selections(
    table: Table, metadata: dict, area_codes: tuple[str, ...], content_codes: tuple[str, ...]
) -> list[VariableSelection]:
    """Area × time × content selections for a table, checked against its metadata.

    Time is every period from the table's first configured period on, listed explicitly so the
    query (and so its cache key) says exactly what was asked.
    """
    known_areas = set(metadata_values(metadata, table.area_variable))
    missing_areas = [a for a in area_codes if a not in known_areas]
    if missing_areas:
        raise QueryError(f"{table.path}: area codes not in {table.area_variable}: {missing_areas}")
    known_codes = set(metadata_values(metadata, table.content_variable))
    missing_codes = [c for c in content_codes if c not in known_codes]
    if missing_codes:
        raise QueryError(f"{table.path}: content codes not in {table.content_variable}: {missing_codes}")
    periods = tuple(p for p in metadata_values(metadata, table.time_variable) if p >= table.first_period)
    if not periods:
        raise QueryError(f"{table.path}: no periods from {table.first_period} on")
    return [
        VariableSelection(table.area_variable, tuple(area_codes)),
        VariableSelection(table.time_variable, periods),
        VariableSelection(table.content_variable, tuple(content_codes)),
    ]


def cell_count(selections: list[VariableSelection]) -> int:
    return math.prod(len(s.values) for s in selections)


def split_selections(
    selections: list[VariableSelection], max_cells: int, keep_whole: frozenset[str]
) -> list[list[VariableSelection]]:
    """Split into queries of at most max_cells cells.

    Splits the largest variable not in keep_whole (time and content are never split, so a chunk
    always holds whole series), recursing to the next largest when one value still is too many.
    """
    if max_cells < 1:
        raise QueryError(f"maxValues {max_cells} leaves no room for a query")
    total = cell_count(selections)
    if total <= max_cells:
        return [selections]
    candidates = [s for s in selections if s.code not in keep_whole and len(s.values) > 1]
    if not candidates:
        raise QueryError(
            f"a query of {total} cells exceeds the API limit of {max_cells} and cannot be split "
            f"without splitting {', '.join(sorted(keep_whole))}"
        )
    target = max(candidates, key=lambda s: len(s.values))
    others = total // len(target.values)
    per_chunk = max(1, max_cells // others)
    parts: list[list[VariableSelection]] = []
    for start in range(0, len(target.values), per_chunk):
        chunk = VariableSelection(target.code, target.values[start : start + per_chunk])
        replaced = [chunk if s.code == target.code else s for s in selections]
        parts.extend(split_selections(replaced, max_cells, keep_whole))
    return parts


def query_body(selections: list[VariableSelection], response_format: str) -> dict:
    """The POST body PxWeb v1 expects."""
    return {
        "query": [{"code": s.code, "selection": {"filter": "item", "values": list(s.values)}} for s in selections],
        "response": {"format": response_format},
    }

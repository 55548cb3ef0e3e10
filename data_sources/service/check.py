"""`python -m data_sources check`: does every catalog series still resolve against the live API?"""

from __future__ import annotations

from dataclasses import dataclass

from data_sources.domain.catalog import Catalog
from data_sources.pxweb.query import QueryError, metadata_values


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

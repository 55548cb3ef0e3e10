"""`python -m data_sources.check`: does every catalog series still resolve against the live API?"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from data_sources.catalog import Catalog, load_catalog
from data_sources.pxweb_client import PxWebClient, PxWebError, outside_text
from data_sources.query import QueryError, metadata_values
from data_sources.settings import load_settings
from data_sources.store import cache_dir_from_env


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
        detail = "ok" if series.proxy is None else (f"ok (proxy; intended source: {series.proxy.intended_source})")
        results.append(SeriesCheck(series.id, table.path, True, detail))
    return results


def main(argv: list[str] | None = None) -> int:
    catalog = load_catalog()
    parser = argparse.ArgumentParser(prog="python -m data_sources.check", description=__doc__)
    parser.add_argument("--base-url", default=load_settings(default_base_url=catalog.base_url).base_url)
    parser.add_argument("--cache-dir", type=Path, default=cache_dir_from_env())
    args = parser.parse_args(argv)
    listings: dict[str, list[dict]] = {}
    metadata: dict[str, dict | str] = {}
    with PxWebClient(args.base_url, None, max_retries=1) as client:
        try:
            client.config()
        except PxWebError as exc:
            print(f"check failed: {exc}", file=sys.stderr)
            return 1
        for table in catalog.tables.values():
            try:
                if table.folder not in listings:
                    listings[table.folder] = client.list_folder(catalog.database, table.folder)
                metadata[table.key] = client.table_metadata(catalog.database, table.path)
            except PxWebError as exc:
                metadata[table.key] = str(exc)
    results = check_series(catalog, listings, metadata)
    for r in results:
        print(f"{'OK ' if r.ok else 'BAD'}  {r.series_id:<28} {r.table_path:<16} {r.detail}")
    print("\nTables in the folders (to find the intended sources of proxies):")
    for folder, entries in listings.items():
        for entry in entries:
            fields = (f"{folder}/{entry.get('id')}", entry.get("updated", ""), entry.get("text", ""))
            print("  " + "  ".join(outside_text(str(field), 80) for field in fields))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

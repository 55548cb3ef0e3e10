"""`python -m data_sources.refresh`: fetch what changed since the stored releases, keep what is good.

With `--watch` it stays in the foreground and refreshes every REFRESH_INTERVAL_S seconds (the
app's background refresher, for deployments that run it apart from the app); Ctrl-C ends it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from data_sources.catalog import Catalog, Table, load_catalog
from data_sources.jsonstat import JsonStatError, parse_jsonstat2, parse_px_json, parse_updated
from data_sources.pxweb_client import ApiConfig, PxWebClient, PxWebError
from data_sources.query import QueryError, query_body, split_selections, table_selections
from data_sources.series_frame import cells_to_series, release_problems
from data_sources.settings import load_settings
from data_sources.store import Attempt, Provenance, SnapshotStore, cache_dir_from_env

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


class ReleaseRejectedError(RuntimeError):
    """A fetched release failed validation; the stored one stays."""


@dataclass(frozen=True)
class TableResult:
    table_key: str
    table_path: str
    status: str  # "updated", "unchanged" or "failed"
    message: str
    release: str | None = None
    rows: int = 0


def canonical_release(updated: str) -> str:
    return parse_updated(updated).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def listed_release(table: Table, listing: list[dict]) -> str:
    for entry in listing:
        if str(entry.get("id", "")).lower() == table.file_name.lower():
            if not entry.get("updated"):
                raise PxWebError(f"{table.path}: folder listing gives no 'updated' stamp")
            return canonical_release(str(entry["updated"]))
    raise PxWebError(f"{table.path}: not in the folder listing of {table.folder} (renamed?)")


def parse_answer(doc: object, table: Table) -> pd.DataFrame:
    """A data answer as cells, checked to carry the table's area, time and content variables."""
    if table.format == "json-stat2":
        cells = parse_jsonstat2(doc)
    else:
        cells = parse_px_json(doc, table.content_variable)
    needed = [table.area_variable, table.time_variable, table.content_variable]
    lacking = [v for v in needed if v not in cells.columns]
    if lacking:
        raise JsonStatError(f"answer lacks dimension {', '.join(lacking)}")
    return cells


def fetch_table(
    table: Table,
    catalog: Catalog,
    client: PxWebClient,
    limits: ApiConfig,
    release: str,
    progress: Progress,
) -> tuple[pd.DataFrame, list[dict]]:
    """Every figure the catalog wants from one table release, split to the API's cell limit."""
    metadata = client.table_metadata(catalog.database, table.path)
    selections = table_selections(table, metadata, catalog.area_codes, catalog.content_codes(table.key))
    chunks = split_selections(selections, limits.max_values, frozenset({table.time_variable, table.content_variable}))
    cells, bodies = [], []
    for number, chunk in enumerate(chunks, start=1):
        progress(f"{table.path}: query {number}/{len(chunks)}")
        body = query_body(chunk, table.format)
        doc = client.query(catalog.database, table.path, body, release)
        try:
            cells.append(parse_answer(doc, table))
        except JsonStatError:
            client.forget(catalog.database, table.path, body, release)
            raise
        bodies.append(body)
    return pd.concat(cells, ignore_index=True), bodies


def refresh_table(
    table: Table,
    catalog: Catalog,
    client: PxWebClient,
    store: SnapshotStore,
    limits: ApiConfig,
    listings: dict[str, list[dict]],
    progress: Progress,
) -> TableResult:
    if table.folder not in listings:
        listings[table.folder] = client.list_folder(catalog.database, table.folder)
    release = listed_release(table, listings[table.folder])
    stored = store.current(table.key)
    if stored.provenance is not None and stored.provenance.release == release and not stored.notes:
        return TableResult(
            table.key, table.path, "unchanged", f"release {release} already stored", release, stored.provenance.rows
        )
    cells, bodies = fetch_table(table, catalog, client, limits, release, progress)
    frame = cells_to_series(cells, table, catalog)
    problems = release_problems(frame, table, catalog, stored.frame)
    if problems:
        raise ReleaseRejectedError("; ".join(problems))
    prov = store.write_release(
        frame,
        Provenance(
            table_key=table.key,
            table_path=table.path,
            release=release,
            fetched_at=now_utc(),
            source_url=f"{client.base_url}/{catalog.database}/{table.path}",
            kind="real",
            rows=len(frame),
            sha256="",
            queries=bodies,
        ),
    )
    return TableResult(table.key, table.path, "updated", f"stored release {release}", release, prov.rows)


FAILURES = (PxWebError, QueryError, JsonStatError, ReleaseRejectedError, OSError)


def refresh_all(
    catalog: Catalog,
    client: PxWebClient,
    store: SnapshotStore,
    progress: Progress = lambda message: None,
) -> list[TableResult]:
    """Refresh every table in the catalog; one table's failure keeps its stored data and the rest go on."""
    results = []
    with store.lock():
        try:
            limits = client.config()
        except FAILURES as exc:
            limits = None
            config_problem = f"API limits (?config) unavailable: {exc}"
        listings: dict[str, list[dict]] = {}
        for number, table in enumerate(catalog.tables.values(), start=1):
            progress(f"[{number}/{len(catalog.tables)}] {table.path}")
            if limits is None:
                result = TableResult(table.key, table.path, "failed", config_problem)
            else:
                try:
                    result = refresh_table(table, catalog, client, store, limits, listings, progress)
                except FAILURES as exc:
                    result = TableResult(table.key, table.path, "failed", str(exc).splitlines()[0])
            store.record_attempt(Attempt(table.key, now_utc(), result.status != "failed", result.message))
            results.append(result)
    return results


def summary(results: list[TableResult], client: PxWebClient, seconds: float) -> str:
    lines = [f"{r.status:>9}  {r.table_path}: {r.message} ({r.rows} figures)" for r in results]
    stats = client.stats
    lines.append(
        f"{stats.requests} requests, {stats.bytes} bytes downloaded, {stats.cache_hits} from cache, {seconds:.1f} s"
    )
    return "\n".join(lines)


def quarantine_if_corrupt(path: Path) -> str | None:
    """A damaged HTTP cache is moved aside (it only saves downloads), so the refresh can go on."""
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            db.execute("PRAGMA schema_version").fetchone()
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
    except sqlite3.DatabaseError as exc:
        aside = path.with_name(f"{path.name}.corrupt")
        os.replace(path, aside)
        return f"HTTP cache {path.name} was damaged ({exc}); moved to {aside.name}, starting a new one"
    return None


@dataclass(frozen=True)
class RefreshRun:
    results: list[TableResult]
    summary: str
    warning: str | None


def refresh_cache_dir(
    catalog: Catalog,
    cache_dir: Path,
    base_url: str,
    progress: Progress = lambda message: None,
    *,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
) -> RefreshRun:
    """One refresh of a cache folder: what both the command and the app's refresh button run."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    http_cache = cache_dir / "http_cache.sqlite"
    warning = quarantine_if_corrupt(http_cache)
    started = time.perf_counter()
    with PxWebClient(base_url, http_cache, timeout=(5.0, timeout), max_retries=retries, backoff=backoff) as client:
        results = refresh_all(catalog, client, SnapshotStore(cache_dir), progress)
        return RefreshRun(results, summary(results, client, time.perf_counter() - started), warning)


def main(argv: list[str] | None = None) -> int:
    catalog = load_catalog()
    parser = argparse.ArgumentParser(prog="python -m data_sources.refresh", description=__doc__)
    parser.add_argument("--base-url", default=load_settings(default_base_url=catalog.base_url).base_url)
    parser.add_argument("--cache-dir", type=Path, default=cache_dir_from_env())
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument("--timeout", type=float, default=30.0, help="read timeout per request, seconds")
    parser.add_argument("--retries", type=int, default=3, help="retries after a failed request")
    parser.add_argument("--backoff", type=float, default=1.0, help="first retry pause, seconds (doubles)")
    parser.add_argument("--watch", action="store_true", help="keep refreshing every --interval seconds")
    parser.add_argument(
        "--interval", type=int, default=None, help="seconds between rounds with --watch (default REFRESH_INTERVAL_S)"
    )
    args = parser.parse_args(argv)
    if args.watch:
        return watch(catalog, args)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    def progress(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    run = refresh_cache_dir(
        catalog,
        args.cache_dir,
        args.base_url,
        progress,
        timeout=args.timeout,
        retries=args.retries,
        backoff=args.backoff,
    )
    if run.warning:
        print(f"warning: {run.warning}", file=sys.stderr)
    print(run.summary)
    results = run.results
    failed = [r for r in results if r.status == "failed"]
    for result in failed:
        print(f"refresh failed: {result.table_path}: {result.message}; kept the stored data", file=sys.stderr)
    return 1 if failed else 0


def watch(catalog: Catalog, args: argparse.Namespace) -> int:
    """The background refresher in the foreground: rounds until Ctrl-C or SIGTERM, then a clean exit."""
    import signal

    from data_sources.refresher import Refresher

    interval = (
        load_settings(default_base_url=catalog.base_url).refresh_interval_s if args.interval is None else args.interval
    )
    if interval <= 0:
        print("refresh --watch: the interval is 0 (REFRESH_INTERVAL_S=0 turns refreshing off)", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    refresher = Refresher(
        catalog,
        args.cache_dir,
        args.base_url,
        interval,
        timeout=args.timeout,
        retries=args.retries,
        backoff=args.backoff,
    )
    previous = signal.signal(signal.SIGTERM, lambda *_: refresher.stop())
    try:
        refresher.run_forever()
    except KeyboardInterrupt:
        refresher.stop()
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(f"refresh --watch stopped after {refresher.rounds} rounds", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

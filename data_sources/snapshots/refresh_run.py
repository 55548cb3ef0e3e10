"""`python -m data_sources refresh`: fetch what changed since the stored releases, keep what is good.

With `--watch` it stays in the foreground and refreshes every REFRESH_INTERVAL_S seconds (the
app's background refresher, for deployments that run it apart from the app); Ctrl-C ends it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from data_sources.domain.catalog import Catalog, Series, Table
from data_sources.domain.settings import RefreshLimits, load_settings
from data_sources.pxweb.client import ApiConfig, PxWebClient, PxWebError, outside_text
from data_sources.pxweb.jsonstat import JsonStatError, parse_jsonstat2, parse_px_json, parse_updated
from data_sources.pxweb.query import QueryError, query_body, split_selections, table_selections
from data_sources.pxweb.resolve import Resolution, merged_queries, not_found, ratio_lines, resolve
from data_sources.snapshots.series_frame import (
    cells_to_series,
    in_catalog_order,
    judge_release,
    ratio_rows,
    resolved_series,
)
from data_sources.snapshots.store import (
    Attempt,
    LockTimeoutError,
    Provenance,
    SnapshotStore,
    StoreError,
    unusable_folder,
)

log = logging.getLogger(__name__)

ProgressLine = Callable[[str], object]  # what it returns is not used (st.markdown's element, say)
MAX_REASON = 400  # one failure line at most, in characters
FUTURE_ALLOWED = timedelta(days=1)  # a release stamp may be ahead of our clock by this much


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
    revised: int = 0  # figures of earlier months the new release revised
    resolutions: tuple[str, ...] = ()  # a table read by meaning: one line per series, found or not


def canonical_release(updated: str) -> str:
    return parse_updated(updated).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def listed_release(table: Table, listing: list[dict]) -> str:
    for entry in listing:
        if str(entry.get("id", "")).lower() == table.file_name.lower():
            if not entry.get("updated"):
                raise PxWebError(f"{table.path}: folder listing gives no 'updated' stamp")
            release = canonical_release(str(entry["updated"]))
            if parse_updated(release) > datetime.now(UTC) + FUTURE_ALLOWED:
                raise ReleaseRejectedError(
                    f"{table.path}: the folder listing's release {release} is later than now plus a day; refused"
                )
            return release
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
    progress: ProgressLine,
    bodies: list[dict],
) -> pd.DataFrame:
    """Every figure the catalog wants from one table release, split to the API's cell limit.

    Each query's body is appended to `bodies` once it is answered (so a refusal can forget the answers).
    """
    metadata = client.table_metadata(catalog.database, table.path)
    selections = table_selections(table, metadata, catalog.area_codes, catalog.content_codes(table.key))
    chunks = split_selections(selections, limits.max_values, frozenset({table.time_variable, table.content_variable}))
    cells = []
    for number, chunk in enumerate(chunks, start=1):
        progress(f"{table.path}: query {number}/{len(chunks)}")
        body = query_body(chunk, table.format)
        doc = client.query(catalog.database, table.path, body, release)
        bodies.append(body)
        cells.append(parse_answer(doc, table))
    frame = pd.concat(cells, ignore_index=True)
    frame.attrs["dropped_status"] = sum(chunk.attrs.get("dropped_status", 0) for chunk in cells)
    return frame


class NothingFoundError(RuntimeError):
    """No series a table read by meaning should hold was found in it: their stand-ins stay."""

    def __init__(self, resolutions: list[Resolution]) -> None:
        super().__init__("; ".join(r.line for r in resolutions))
        self.resolutions = resolutions


def resolve_table(table: Table, catalog: Catalog, metadata: dict) -> list[Resolution]:
    """Where each series the table should hold is, in this release's metadata."""
    return [
        resolve(series.id, series.exact, table, metadata, catalog.resolution)
        for series in catalog.wanted_by_meaning(table.key)
        if series.exact is not None
    ]


def fetch_by_meaning(
    table: Table,
    catalog: Catalog,
    client: PxWebClient,
    limits: ApiConfig,
    release: str,
    progress: ProgressLine,
    bodies: list[dict],
) -> tuple[pd.DataFrame, list[Resolution]]:
    """A table read by meaning: its series resolved in its metadata, then each found one queried by its codes."""
    metadata = client.table_metadata(catalog.database, table.path)
    resolutions = resolve_table(table, catalog, metadata)
    found = [r for r in resolutions if r.found]
    if not found:
        raise NothingFoundError(resolutions)
    frames = []
    for selections, group in merged_queries(found, table, metadata, catalog.area_codes):
        whole = frozenset(s.code for s in selections[1:])  # split by area only: every sum stays whole
        chunks = split_selections(selections, limits.max_values, whole)
        cells = []
        for number, chunk in enumerate(chunks, start=1):
            progress(f"{table.path}: query {number}/{len(chunks)}")
            body = query_body(chunk, "json-stat2")
            doc = client.query(catalog.database, table.path, body, release)
            bodies.append(body)
            answer = parse_jsonstat2(doc)
            if lacking := [s.code for s in chunk if s.code not in answer.columns]:
                raise JsonStatError(f"answer lacks dimension {', '.join(lacking)}")
            cells.append(answer)
        answers = pd.concat(cells, ignore_index=True)
        frames += [resolved_series(answers, resolution, table, catalog) for resolution in group]
    frames.append(ratio_rows(pd.concat(frames, ignore_index=True), table, catalog))
    frame = in_catalog_order(pd.concat(frames, ignore_index=True), catalog).reset_index(drop=True)
    frame.attrs["dropped_status"] = 0
    frame.attrs["areas"] = table_areas(metadata, found[0].area, catalog)
    return frame, resolutions


def table_areas(metadata: dict, area_variable: str, catalog: Catalog) -> tuple[str, ...]:
    """The catalog's areas a table read by meaning lists (a table of regions has no municipalities)."""
    listed = {
        str(value)
        for variable in metadata.get("variables") or []
        if isinstance(variable, dict) and variable.get("code") == area_variable
        for value in variable.get("values") or []
    }
    return tuple(code for code in catalog.area_codes if code in listed)


def judged_release(
    table: Table,
    catalog: Catalog,
    client: PxWebClient,
    limits: ApiConfig,
    release: str,
    previous: pd.DataFrame | None,
    progress: ProgressLine,
) -> tuple[pd.DataFrame, int, list[dict], list[Resolution]]:
    """A release fetched and judged: its figures, how many it revised, its queries, its series' resolutions.

    A refused release leaves the HTTP cache too: else a corrected one under the same stamp would never be asked for.
    The figures' `attrs["dropped_status"]` counts the status texts that were not PxWeb symbols.
    """
    bodies: list[dict] = []
    resolutions: list[Resolution] = []
    try:
        if table.by_meaning:
            frame, resolutions = fetch_by_meaning(table, catalog, client, limits, release, progress, bodies)
            if previous is not None:  # a series not found this time is not history lost: its stand-in shows
                previous = previous[previous["series"].isin(set(frame["series"]))]
            found = {r.series_id for r in resolutions if r.found}
            ratios = [s.id for s in catalog.ratios_for_table(table.key) if set(s.ratio_of or ()) <= found]
            series_ids: tuple[str, ...] | None = (*(r.series_id for r in resolutions if r.found), *ratios)
            areas: tuple[str, ...] | None = frame.attrs.get("areas")
        else:
            cells = fetch_table(table, catalog, client, limits, release, progress, bodies)
            frame = cells_to_series(cells, table, catalog)
            frame.attrs["dropped_status"] = cells.attrs.get("dropped_status", 0)
            series_ids, areas = None, None
        judgement = judge_release(frame, table, catalog, previous, series_ids, areas)
        if judgement.problems:
            raise ReleaseRejectedError("; ".join(judgement.problems))
    except (JsonStatError, ReleaseRejectedError):
        for body in bodies:
            client.forget(catalog.database, table.path, body, release)
        raise
    return frame, judgement.revised, bodies, resolutions


def refresh_table(
    table: Table,
    catalog: Catalog,
    client: PxWebClient,
    store: SnapshotStore,
    limits: ApiConfig,
    listings: dict[str, list[dict]],
    progress: ProgressLine,
) -> TableResult:
    if table.folder not in listings:
        listings[table.folder] = client.list_folder(catalog.database, table.folder)
    if table.by_meaning:
        try:
            release = listed_release(table, listings[table.folder])
        except PxWebError as exc:  # gone from the folder: its series' stand-ins show, one line each says why
            return stand_ins(table, catalog, store, unreadable(table, catalog, str(exc)))
    else:
        release = listed_release(table, listings[table.folder])
    stored = store.current(table.key, table.path)
    if stored.provenance is not None and stored.provenance.release == release and not stored.notes:
        return TableResult(
            table.key, table.path, "unchanged", f"release {release} already stored", release, stored.provenance.rows
        )
    if stored.provenance is not None and release < stored.provenance.release:
        raise ReleaseRejectedError(
            f"{table.path}: the folder listing's release {release} is older than the stored {stored.provenance.release}"
        )
    try:
        frame, revised, bodies, resolutions = judged_release(
            table, catalog, client, limits, release, stored.frame, progress
        )
    except NothingFoundError as exc:
        return stand_ins(table, catalog, store, exc.resolutions)
    except PxWebError as exc:
        if not table.by_meaning or "HTTP 400" not in str(exc):
            raise
        # the table's metadata refused (withdrawn or renamed since the listing): the stand-ins show
        return stand_ins(table, catalog, store, unreadable(table, catalog, failure_reason(exc)))
    earlier = stored.provenance.release if stored.provenance is not None and stored.frame is not None else ""
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
            revised=revised,
            revised_against=earlier,
            resolutions=[r.to_json() for r in resolutions],
        ),
    )
    if table.by_meaning:
        store.record_resolutions(table.key, [r.to_json() for r in resolutions])
    message = f"stored release {release}"
    if earlier:
        message += f"; {revised} figures of earlier months revised against release {earlier}"
    if dropped := frame.attrs.get("dropped_status", 0):
        message += f"; {dropped} status texts that are not PxWeb symbols dropped, the figures kept"
    lines = tuple(r.line for r in resolutions) + tuple(line for _, line in ratio_lines(table, catalog, resolutions))
    return TableResult(table.key, table.path, "updated", message, release, prov.rows, revised, lines)


def _wanted(table: Table, catalog: Catalog) -> tuple[Series, ...]:
    return catalog.wanted_by_meaning(table.key)


def unreadable(table: Table, catalog: Catalog, why: str) -> list[Resolution]:
    """Every series of a table read by meaning not found, for one reason: the table could not be read."""
    return [not_found(s.id, s.exact, table, why) for s in _wanted(table, catalog) if s.exact is not None]


def stand_ins(table: Table, catalog: Catalog, store: SnapshotStore, resolutions: list[Resolution]) -> TableResult:
    """Nothing of a table read by meaning found: recorded, so that every page shows the stand-ins, labelled."""
    store.record_resolutions(table.key, [r.to_json() for r in resolutions])
    lines = tuple(r.line for r in resolutions) + tuple(line for _, line in ratio_lines(table, catalog, resolutions))
    wanted = _wanted(table, catalog)
    standing_in = ", ".join(s.id for s in wanted if s.proxy is not None)
    missing = ", ".join([s.id for s in wanted if s.proxy is None] + [s.id for s in catalog.ratios_for_table(table.key)])
    said = [f"stand-ins shown for {standing_in}" if standing_in else "", f"no figures for {missing}" if missing else ""]
    message = f"not found, {'; '.join(part for part in said if part)}"
    return TableResult(table.key, table.path, "stand-in", message, resolutions=lines)


FAILURES = (PxWebError, QueryError, JsonStatError, ReleaseRejectedError, StoreError, OSError)


def failure_reason(exc: BaseException) -> str:
    """One line for a failure; a file system error names the file and the cause, not an errno tuple."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f" {Path(exc.filename).name}" if exc.filename else ""
        return f"could not write{where} in the cache folder: {exc.strerror}"
    lines = str(exc).splitlines()
    return outside_text(lines[0], MAX_REASON) if lines else type(exc).__name__


def refresh_all(
    catalog: Catalog,
    client: PxWebClient,
    store: SnapshotStore,
    progress: ProgressLine = lambda message: None,
    lock_wait: float = RefreshLimits().lock_wait_s,
) -> list[TableResult]:
    """Refresh every table in the catalog under the store's lock (see `refresh_tables`)."""
    with store.lock(lock_wait, progress):
        return refresh_tables(catalog, client, store, progress)


def refresh_tables(
    catalog: Catalog,
    client: PxWebClient,
    store: SnapshotStore,
    progress: ProgressLine = lambda message: None,
    warnings: list[str] | None = None,
) -> list[TableResult]:
    """Refresh every table; one table's failure keeps its stored data and the rest go on. Hold the lock."""
    results = []
    try:
        limits = client.config()
    except FAILURES as exc:
        limits = None
        config_problem = f"API limits (?config) unavailable: {failure_reason(exc)}"
    listings: dict[str, list[dict]] = {}
    for number, table in enumerate(catalog.tables.values(), start=1):
        progress(f"[{number}/{len(catalog.tables)}] {table.path}")
        if limits is None:
            result = TableResult(table.key, table.path, "failed", config_problem)
        else:
            try:
                result = refresh_table(table, catalog, client, store, limits, listings, progress)
            except FAILURES as exc:
                result = TableResult(table.key, table.path, "failed", failure_reason(exc))
        try:
            store.record_attempt(Attempt(table.key, now_utc(), result.status != "failed", result.message))
        except OSError as exc:
            log.warning("attempt of %s not recorded: %s", table.key, exc)
            if warnings is not None:
                warnings.append(f"the refresh attempt could not be recorded: {failure_reason(exc)}")
        results.append(result)
    return results


def summary(results: list[TableResult], client: PxWebClient, seconds: float) -> str:
    lines = []
    for r in results:
        lines.append(f"{r.status:>9}  {r.table_path}: {r.message} ({r.rows} figures)")
        lines += [f"           {line}" for line in r.resolutions]
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
        # As a URI (read-only), quoted: a '#', '?' or '%' in the folder's name would open another file.
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
            db.execute("PRAGMA schema_version").fetchone()
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
    except sqlite3.DatabaseError as exc:
        aside = path.with_name(f"{path.name}.corrupt")
        os.replace(path, aside)
        return f"HTTP cache {path.name} was damaged ({exc}); moved to {aside.name}, starting a new one"
    return None


def bound_http_cache(path: Path, max_bytes: int) -> str | None:
    """The HTTP cache only saves downloads: when it has grown past its bound it is emptied, not trimmed."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size <= max_bytes:
        return None
    for leftover in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
        leftover.unlink(missing_ok=True)
    return f"HTTP cache {path.name} was {size / 2**20:.0f} MB, over its {max_bytes / 2**20:g} MB bound; emptied"


@dataclass(frozen=True)
class RefreshRun:
    results: list[TableResult]
    summary: str
    warning: str | None
    problem: str | None = None  # why the whole refresh could not run (then every table failed with it)


def refresh_cache_dir(
    catalog: Catalog,
    cache_dir: Path,
    base_url: str,
    progress: ProgressLine = lambda message: None,
    *,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    limits: RefreshLimits | None = None,
    stop: threading.Event | None = None,
) -> RefreshRun:
    """One refresh of a cache folder: what both the command and the app's refresh button run.

    It waits for a refresh already running (at most `lock_wait_s`), then ends within
    `refresh_deadline_s` plus one read timeout whatever the server does, and as soon as `stop` is set.
    """
    limits = limits or load_settings(default_base_url=base_url).limits
    http_cache = cache_dir / "http_cache.sqlite"
    store = SnapshotStore(cache_dir)
    warnings: list[str] = []
    started = time.perf_counter()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with store.lock(limits.lock_wait_s, progress, stop):
            store.remove_stale_temp_files()
            if note := quarantine_if_corrupt(http_cache):
                warnings.append(note)
            client = PxWebClient(
                base_url,
                http_cache,
                timeout=(5.0, timeout),
                max_retries=retries,
                backoff=backoff,
                request_deadline=limits.request_deadline_s,
                max_answer_bytes=limits.max_answer_bytes,
                stop=stop,
            )
            with client:
                client.set_run_deadline(limits.refresh_deadline_s)
                results = refresh_tables(catalog, client, store, progress, warnings)
            try:
                if note := bound_http_cache(http_cache, limits.http_cache_max_bytes):
                    warnings.append(note)
            except OSError as exc:
                warnings.append(f"HTTP cache not emptied: {failure_reason(exc)}")
    except LockTimeoutError as exc:
        return _whole_run_failed(catalog, str(exc))
    except (OSError, sqlite3.Error) as exc:
        return _whole_run_failed(catalog, unusable_folder(cache_dir, exc))
    text = summary(results, client, time.perf_counter() - started)
    return RefreshRun(results, text, "; ".join(warnings) or None)


def _whole_run_failed(catalog: Catalog, problem: str) -> RefreshRun:
    results = [TableResult(t.key, t.path, "failed", problem) for t in catalog.tables.values()]
    return RefreshRun(results, f"refresh failed: {problem}", None, problem)

"""The commands: `python -m data_sources refresh | check` (see data_sources/__main__.py).

The service room is the only one that puts the rooms together: the PxWeb client, the snapshot store,
the refresh run and the refresher. Nothing below it imports it, so there is no circle.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import signal
import sys
from pathlib import Path

from data_sources.domain.catalog import Catalog, Series, load_catalog
from data_sources.domain.settings import load_settings
from data_sources.pxweb.client import PxWebClient, PxWebError, outside_text
from data_sources.pxweb.resolve import ratio_lines
from data_sources.service.check import check_series, proposals, resolutions, to_probe
from data_sources.service.refresher import Refresher
from data_sources.snapshots.refresh_run import refresh_cache_dir
from data_sources.snapshots.store import cache_dir_from_env


def refresh(argv: list[str] | None = None) -> int:
    """Fetch what changed since the stored releases and keep what is good; with --watch, keep refreshing."""
    catalog = load_catalog()
    parser = argparse.ArgumentParser(prog="python -m data_sources refresh", description=refresh.__doc__)
    parser.add_argument("--base-url", default=load_settings(default_base_url=catalog.base_url).base_url)
    parser.add_argument("--cache-dir", type=Path, default=cache_dir_from_env())
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument("--timeout", type=float, default=30.0, help="read timeout per request, seconds")
    parser.add_argument("--retries", type=int, default=3, help="retries after a failed request")
    parser.add_argument("--backoff", type=float, default=1.0, help="first retry pause, seconds (doubles)")
    limits = load_settings(default_base_url=catalog.base_url).limits
    parser.add_argument(
        "--deadline", type=float, default=limits.refresh_deadline_s, help="the whole refresh at most, seconds"
    )
    parser.add_argument(
        "--request-deadline", type=float, default=limits.request_deadline_s, help="one answer at most, seconds"
    )
    parser.add_argument(
        "--lock-wait", type=float, default=limits.lock_wait_s, help="wait for a refresh already running, seconds"
    )
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
        limits=dataclasses.replace(
            limits,
            refresh_deadline_s=args.deadline,
            request_deadline_s=args.request_deadline,
            lock_wait_s=args.lock_wait,
        ),
    )
    if run.problem:
        print(f"refresh failed: {run.problem}; kept the stored data", file=sys.stderr)
        return 1
    if run.warning:
        print(f"warning: {run.warning}", file=sys.stderr)
    print(run.summary)
    failed = [r for r in run.results if r.status == "failed"]
    for result in failed:
        print(f"refresh failed: {result.table_path}: {result.message}; kept the stored data", file=sys.stderr)
    return 1 if failed else 0


def watch(catalog: Catalog, args: argparse.Namespace) -> int:
    """The background refresher in the foreground: rounds until Ctrl-C or SIGTERM, then a clean exit."""
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
    # Both end it cleanly. SIGINT explicitly too: a process started in the background by a shell
    # inherits SIGINT ignored, and Python then never raises KeyboardInterrupt for Ctrl-C / kill -INT.
    previous = {sig: signal.signal(sig, lambda *_: refresher.stop()) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        refresher.run_forever()
    except KeyboardInterrupt:
        refresher.stop()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(f"refresh --watch stopped after {refresher.rounds} rounds", file=sys.stderr)
    return 0


def check(argv: list[str] | None = None) -> int:
    """Does every catalog series still resolve against the live API?"""
    catalog = load_catalog()
    parser = argparse.ArgumentParser(prog="python -m data_sources check", description=check.__doc__)
    parser.add_argument("--base-url", default=load_settings(default_base_url=catalog.base_url).base_url)
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
    print("\nSeries wanted by meaning (found by the texts of their table's variables and values):")
    found = resolutions(catalog, metadata)
    for resolution in found:
        print(f"{'OK ' if resolution.found else 'BAD'}  {resolution.line}")
        if not resolution.found:
            print_proposals(catalog, catalog.series_by_id(resolution.series_id), listings, client_for(args))
    computed = [line for table in catalog.tables.values() for line in ratio_lines(table, catalog, found)]
    for ok, line in computed:
        print(f"{'OK ' if ok else 'BAD'}  {line}")
    print("\nTables in the folders (to find the intended sources of proxies):")
    for folder, entries in listings.items():
        for entry in entries:
            fields = (f"{folder}/{entry.get('id')}", entry.get("updated", ""), entry.get("text", ""))
            print("  " + "  ".join(outside_text(str(field), 80) for field in fields))
    return 0 if all(r.ok for r in results) and all(r.found for r in found) and all(ok for ok, _ in computed) else 1


def client_for(args: argparse.Namespace) -> PxWebClient:
    return PxWebClient(args.base_url, None, max_retries=1)


def print_proposals(catalog: Catalog, series: Series, listings: dict[str, list[dict]], client: PxWebClient) -> None:
    """The tables of the series' folder that could hold it: titles scored by words, the best read to score better."""
    assert series.exact is not None
    table = catalog.tables[series.exact.table]
    listing = [e for e in listings.get(table.folder, []) if str(e.get("id", "")).lower() != table.file_name.lower()]
    probed: dict[str, object] = {}
    with client:
        for table_id in to_probe(series, catalog, listing):
            try:
                probed[table_id] = client.table_metadata(catalog.database, f"{table.folder}/{table_id}")
            except PxWebError:
                continue
    best = proposals(series, catalog, listing, probed)
    if not best:
        print(f"       no table of {table.folder} shares words with what it looks for")
    for score, table_id, title in best:
        print(f"       could hold it: {table.folder}/{table_id}  {title}  ({score} words in common)")


COMMANDS = {"refresh": refresh, "check": check}

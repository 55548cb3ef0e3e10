"""Refresh and load benchmark against the fake PxWeb server, with a naive client as the baseline.

Run: python -m bench.bench_refresh   (prints a table; no assertions; the machine is noisy, so
compare the ratios within one run, not seconds across runs)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from data_sources.domain.catalog import load_catalog
from data_sources.pxweb.client import PxWebClient
from data_sources.pxweb.jsonstat import parse_jsonstat2
from data_sources.pxweb.query import VariableSelection, query_body
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.refresh_run import refresh_all
from data_sources.snapshots.store import SnapshotStore
from tests.fake_pxweb import FakePxWeb


def naive_refresh(fake: FakePxWeb) -> tuple[int, int, float]:
    """The baseline: one uncached request per series and area, every time, no change detection.

    Only the series read by their codes: a naive client has no codes for the tables read by meaning (their codes
    are found in the metadata), so the baseline asks less than our refresh, which fetches those tables too.
    """
    catalog = load_catalog()
    client = PxWebClient(fake.base_url, None)
    client.config()
    started = time.perf_counter()
    frames = []
    for series in catalog.series:
        table = catalog.tables[series.table]
        if table.by_meaning or not series.codes:
            continue
        meta = client.table_metadata(catalog.database, table.path)
        periods = next(v["values"] for v in meta["variables"] if v["code"] == table.time_variable)
        for area in catalog.area_codes:
            body = query_body(
                [
                    VariableSelection(table.area_variable, (area,)),
                    VariableSelection(table.time_variable, tuple(periods)),
                    VariableSelection(table.content_variable, series.codes),
                ],
                "json-stat2",
            )
            client.session.cache.clear()
            frames.append(parse_jsonstat2(client.query(catalog.database, table.path, body, "naive")))
    pd.concat(frames)
    return client.stats.requests, client.stats.bytes, time.perf_counter() - started


def our_refresh(fake: FakePxWeb, cache_dir: Path) -> tuple[int, int, float]:
    catalog = load_catalog()
    with PxWebClient(fake.base_url, cache_dir / "http_cache.sqlite") as client:
        started = time.perf_counter()
        results = refresh_all(catalog, client, SnapshotStore(cache_dir))
        assert all(r.status != "failed" for r in results), results
        return client.stats.requests, client.stats.bytes, time.perf_counter() - started


def load_times(cache_dir: Path, repeats: int = 15) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        load_dataset(cache_dir)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    rows = []
    with FakePxWeb(max_calls=10_000) as fake, tempfile.TemporaryDirectory() as tmp:
        cache_dir = Path(tmp)
        rows.append(("naive: a request per series × area (by codes)", *naive_refresh(fake)))
        rows.append(("ours: full refresh", *our_refresh(fake, cache_dir)))
        rows.append(("ours: no-change refresh", *our_refresh(fake, cache_dir)))
        load_dataset(cache_dir)  # warm imports and the OS file cache
        loads = load_times(cache_dir)
        demo_loads = load_times(Path(tmp) / "none", repeats=5)
    print(f"{'run':<46} {'requests':>9} {'bytes':>11} {'seconds':>8}")
    for name, requests, size, seconds in rows:
        print(f"{name:<46} {requests:>9} {size:>11} {seconds:>8.3f}")
    naive, full = rows[0], rows[1]
    print(
        f"full refresh vs naive: {full[1] / naive[1]:.3f}× requests, {full[2] / naive[2]:.3f}× bytes, "
        f"{full[3] / naive[3]:.3f}× time"
    )
    print(
        f"snapshot load for the app (whole region, all months): median {statistics.median(loads) * 1000:.1f} ms, "
        f"max {max(loads) * 1000:.1f} ms over {len(loads)} loads (goal < 50 ms)"
    )
    print(f"demo dataset build when nothing is stored: median {statistics.median(demo_loads) * 1000:.1f} ms")


if __name__ == "__main__":
    main()

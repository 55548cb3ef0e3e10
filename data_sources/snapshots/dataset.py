"""What the app reads: the stored real snapshot, or the labelled demo dataset when there is none."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from data_sources.domain.catalog import Catalog, load_catalog
from data_sources.pxweb.jsonstat import MISSING_SYMBOLS
from data_sources.pxweb.resolve import Resolution
from data_sources.snapshots.demo import demo_resolutions, demo_tables
from data_sources.snapshots.series_frame import LOWER_BOUND
from data_sources.snapshots.store import Attempt, Provenance, SnapshotStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dataset:
    frame: pd.DataFrame
    provenance: dict[str, Provenance]  # table key -> where its figures came from
    kind: str  # "real" or "demo"
    notes: list[str] = field(default_factory=list)  # damaged files met on the way, and what was used instead
    attempts: dict[str, Attempt] = field(default_factory=dict)
    cache_missing: bool = False
    # The catalog the figures are shown with: a series found by meaning is exact in it, not its stand-in.
    catalog: Catalog | None = None
    resolutions: tuple[Resolution, ...] = ()  # where each series wanted by meaning was found, or why not

    @property
    def is_demo(self) -> bool:
        return self.kind == "demo"

    @property
    def shown_catalog(self) -> Catalog:
        """The catalog its figures are shown with: series found by meaning exact, the rest as catalog.yaml says."""
        return self.catalog or load_catalog()

    @property
    def version(self) -> str:
        """Changes whenever the figures do: what caches of derived figures are keyed on."""
        releases = "|".join(f"{k}:{p.release}:{p.fetched_at}" for k, p in sorted(self.provenance.items()))
        return f"{self.kind}|{releases}"


def load_dataset(cache_dir: Path, catalog: Catalog | None = None) -> Dataset:
    """Every stored table's current release; the demo only when no real table is stored at all.

    Real and demo figures are never mixed: a real table that is missing is simply absent.
    """
    catalog = catalog or load_catalog()
    store = SnapshotStore(cache_dir)
    frames, provenance, notes = [], {}, []
    # nothing fetched to this server yet: no store (the folder itself may hold the records' database already)
    cache_missing = not store.root.exists()
    for key in catalog.tables:
        try:
            stored = store.current(key, catalog.tables[key].path)
        except OSError as exc:
            notes.append(f"{key}: {exc}")
            continue
        notes.extend(f"{key}: {note}" for note in stored.notes)
        if stored.frame is not None and stored.provenance is not None:
            if stored.notes:
                which = "the older release" if stored.fallback else "release"
                notes.append(f"{key}: using {which} {stored.provenance.release}")
            frames.append(stored.frame)
            provenance[key] = stored.provenance
    attempts = store.attempts()
    resolutions = tuple(
        Resolution.from_json(doc)
        for key in catalog.tables
        for doc in store.resolutions().get(key, [])
        if _readable(doc)
    )
    if frames:
        frame, shown = exact_or_stand_in(pd.concat(frames, ignore_index=True), catalog, resolutions)
        frame = _missing_symbols_only(frame)
        return Dataset(frame, provenance, "real", notes, attempts, cache_missing, shown, resolutions)
    demo = demo_tables(catalog)
    # the demo's tables read by meaning are "found" as the demo built them: their series show as exact, labelled demo
    found = demo_resolutions(catalog)
    frame, shown = exact_or_stand_in(
        pd.concat([frame for frame, _ in demo.values()], ignore_index=True), catalog, found
    )
    return Dataset(
        frame,
        {key: prov for key, (_, prov) in demo.items()},
        "demo",
        notes,
        attempts,
        cache_missing,
        shown,
        (*found, *(r for r in resolutions if r.series_id not in {f.series_id for f in found})),
    )


def _readable(doc: dict) -> bool:
    """A stored resolution that reads whole (a damaged one is skipped: its series shows its stand-in)."""
    try:
        Resolution.from_json(doc)
    except (KeyError, TypeError, ValueError):
        return False
    return isinstance(doc.get("series_id"), str) and isinstance(doc.get("table_path"), str)


def exact_or_stand_in(
    frame: pd.DataFrame, catalog: Catalog, resolutions: tuple[Resolution, ...]
) -> tuple[pd.DataFrame, Catalog]:
    """Each series wanted by meaning from its exact table when its last refresh found it there, else its stand-in.

    A series is one figure on every page: never the exact and the stand-in rows together, and never the exact
    rows of an earlier release once its table no longer holds it (then its stand-in shows, labelled).
    """
    found = {r.series_id: r for r in resolutions if r.found}
    # each (series, table) pair's row positions in one pass, rather than comparing every row once per series
    grouped = frame.groupby(["series", "table"], sort=False, observed=True).indices
    positions = {
        (str(key[0]), str(key[1])): np.asarray(rows) for key, rows in grouped.items() if isinstance(key, tuple)
    }
    shown: dict[str, str] = {}
    drop: list[np.ndarray] = []
    for series in catalog.series:
        if series.exact is None:
            continue
        exact = positions.get((series.id, catalog.tables[series.exact.table].path))
        if exact is None:
            continue
        if series.id in found:
            shown[series.id] = found[series.id].content_code
            # the stand-in's own rows give way: every other table's rows of the series
            drop += [rows for (name, _), rows in positions.items() if name == series.id and rows is not exact]
        else:  # not found at the last refresh: its exact rows of an earlier release are not shown
            drop.append(exact)
    for series in catalog.series:  # a percentage of two series found by meaning: shown while both are
        if series.ratio_of is not None and not set(series.ratio_of) <= set(shown):
            drop += [rows for (name, _), rows in positions.items() if name == series.id]
    keep = np.ones(len(frame), dtype=bool)
    for rows in drop:
        keep[rows] = False
    frame = frame[keep]
    return frame.reset_index(drop=True), catalog.with_exact(shown)


def _missing_symbols_only(frame: pd.DataFrame) -> pd.DataFrame:
    """A status only as PxWeb's symbol of a missing figure, or as the lower-bound mark the store's own sums
    write beside a figure: a text stored before releases were checked (a formula, a symbol beside a figure)
    would hide the figure on every page."""
    symbol = frame["status"].str.strip()
    missing = symbol.isin(MISSING_SYMBOLS) & frame["value"].isna()
    bound = symbol.str.startswith(LOWER_BOUND).fillna(False).astype(bool) & frame["value"].notna()  # is_lower_bound
    return frame.assign(status=symbol.where(missing | bound))

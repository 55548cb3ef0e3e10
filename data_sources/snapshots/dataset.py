"""What the app reads: the stored real snapshot, or the labelled demo dataset when there is none."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from data_sources.domain.catalog import Catalog, load_catalog
from data_sources.pxweb.jsonstat import MISSING_SYMBOLS
from data_sources.snapshots.demo import demo_tables
from data_sources.snapshots.series_frame import is_lower_bound
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

    @property
    def is_demo(self) -> bool:
        return self.kind == "demo"

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
    cache_missing = not Path(cache_dir).exists()
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
    if frames:
        frame = _missing_symbols_only(pd.concat(frames, ignore_index=True))
        return Dataset(frame, provenance, "real", notes, attempts, cache_missing)
    demo = demo_tables(catalog)
    return Dataset(
        pd.concat([frame for frame, _ in demo.values()], ignore_index=True),
        {key: prov for key, (_, prov) in demo.items()},
        "demo",
        notes,
        attempts,
        cache_missing,
    )


def _missing_symbols_only(frame: pd.DataFrame) -> pd.DataFrame:
    """A status only as PxWeb's symbol of a missing figure, or as the lower-bound mark the store's own sums
    write beside a figure: a text stored before releases were checked (a formula, a symbol beside a figure)
    would hide the figure on every page."""
    symbol = frame["status"].str.strip()
    missing = symbol.isin(MISSING_SYMBOLS) & frame["value"].isna()
    bound = symbol.map(is_lower_bound).astype(bool) & frame["value"].notna()
    return frame.assign(status=symbol.where(missing | bound))

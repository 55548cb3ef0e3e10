"""The snapshot store under CACHE_DIR: one parquet per table release (vintages), atomic writes."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import MISSING, asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data_sources.domain.files import atomic_write_bytes
from data_sources.domain.region import region_setting
from data_sources.domain.settings import load_settings
from data_sources.snapshots.series_frame import SNAPSHOT_COLUMNS

log = logging.getLogger(__name__)


def cache_dir_from_env() -> Path:
    return load_settings().cache_dir


@dataclass(frozen=True)
class Provenance:
    """Where one table's figures came from; stored beside its parquet file."""

    table_key: str
    table_path: str
    release: str  # the table's `updated` stamp, ISO 8601 UTC
    fetched_at: str
    source_url: str
    kind: str  # "real" or "demo"
    rows: int
    sha256: str
    queries: list[dict] = field(default_factory=list)
    revised: int = 0  # figures of earlier months whose value differs from the release before
    revised_against: str = ""  # that earlier release (kept as a vintage); "" for a first release
    # a table read by meaning: where each series was found in this release (pxweb.resolve.Resolution as JSON)
    resolutions: list[dict] = field(default_factory=list)

    @classmethod
    def from_json(cls, doc: object) -> Provenance:
        """A provenance document checked field by field; StoreError says what is wrong."""
        if not isinstance(doc, dict):
            raise StoreError("not a JSON object")
        known = {f.name: f for f in fields(cls)}
        required = [name for name, f in known.items() if f.default is MISSING and f.default_factory is MISSING]
        lacking = [name for name in required if name not in doc]
        if lacking:
            raise StoreError(f"lacks {', '.join(lacking)}")
        for name, value in doc.items():
            if name not in known:
                raise StoreError(f"has an unknown field {outside(name)}")
            wanted = {"rows": int, "revised": int, "queries": list, "resolutions": list}.get(name, str)
            if not isinstance(value, wanted) or isinstance(value, bool):
                raise StoreError(f"{name} is not a {wanted.__name__}")
        return cls(**doc)


@dataclass(frozen=True)
class Attempt:
    """The last refresh attempt of a table, good or not."""

    table_key: str
    at: str
    ok: bool
    message: str


@dataclass(frozen=True)
class StoredTable:
    frame: pd.DataFrame | None
    provenance: Provenance | None
    notes: list[str]
    fallback: bool = False  # an older release than the manifest's, which is damaged


class StoreError(RuntimeError):
    """The store on disk is not readable as it should be."""


class LockTimeoutError(StoreError):
    """Another refresh held the store's lock for longer than this one would wait."""


def outside(value: object, limit: int = 60) -> str:
    """A value read from a damaged file, quoted short and on one line for a note."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def atomic_write_json(path: Path, doc: object) -> None:
    atomic_write_bytes(path, json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode())


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as parquet; the same frame always gives the same bytes."""
    table = pa.Table.from_pandas(frame[SNAPSHOT_COLUMNS], preserve_index=False)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd", use_dictionary=True)
    return sink.getvalue().to_pybytes()


STALE_TEMP_S = 3600  # a temp file of ours untouched this long belongs to a writer that was killed


def release_slug(release: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "", release)


def snapshots_root(cache_dir: Path, region: str | None = None) -> Path:
    """CACHE_DIR/snapshots/<REGION>: each region's figures, attempts and refresh requests apart, so that two
    regions can share one cache folder (a region's tables hold its own areas)."""
    region = region or region_setting()
    root = Path(cache_dir) / "snapshots" / region
    if not root.exists():
        _adopt_unscoped(root.parent, root, region)
    return root


def _adopt_unscoped(legacy: Path, root: Path, region: str) -> None:
    """Move a store written before regions had folders (always the default region's) into its region's folder.

    Entry by entry with renames, table folders first and the manifest last; a second process doing the same
    finds the entries gone and leaves them. Another region's folder (one holding a manifest) stays."""
    if region != region_setting({}) or not (legacy / "manifest.json").is_file():
        return
    root.mkdir(parents=True, exist_ok=True)
    entries = [e for e in legacy.iterdir() if e != root and not (e / "manifest.json").exists()]
    for entry in sorted(entries, key=lambda e: (e.name == "manifest.json", e.name)):
        with contextlib.suppress(FileNotFoundError):
            os.rename(entry, root / entry.name)
    log.warning("moved the snapshots stored before region folders into %s", root)


class SnapshotStore:
    """CACHE_DIR/snapshots/<REGION>/<table>/<release>.parquet + .json, and manifest.json naming current ones."""

    def __init__(self, cache_dir: Path, region: str | None = None) -> None:
        self.cache_dir = Path(cache_dir)
        self.root = snapshots_root(self.cache_dir, region)
        self.manifest_path = self.root / "manifest.json"
        self.attempts_path = self.root / "attempts.json"
        self.resolutions_path = self.root / "resolutions.json"

    # --- reading ---------------------------------------------------------------------------

    def stamp(self) -> str:
        """Changes whenever the stored figures or refresh attempts do: a small read and a few stats.

        Writes are atomic renames, so a new manifest or attempts file always has a new inode or mtime;
        the current releases' parquet files are in it too, so a file damaged in place is noticed.
        """
        paths = [self.root, self.manifest_path, self.attempts_path, self.resolutions_path]
        paths += [self.parquet_path(key, entry["release"]) for key, entry in sorted(self.manifest().items())]
        parts = [str(self.root)]  # the region's folder: two regions' empty stores are not the same state
        for path in paths:
            try:
                info = path.stat()
            except OSError:
                parts.append("-")
                continue
            parts.append(f"{info.st_ino}:{info.st_mtime_ns}:{info.st_size}")
        return "|".join(parts)

    def manifest(self) -> dict[str, dict]:
        """Table key -> the current release's entry; {} when nothing is stored or it is unreadable."""
        return self._manifest()[0]

    def _manifest(self) -> tuple[dict[str, dict], dict[str | None, str]]:
        """The manifest's well-formed entries, and notes on what is damaged: per table key, None for all."""
        name = self.manifest_path.name
        try:
            doc = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}, {}
        except (OSError, ValueError) as exc:
            log.warning("manifest %s unreadable: %s", self.manifest_path, exc)
            return {}, {None: f"{name}: unreadable ({type(exc).__name__})"}
        tables = doc.get("tables") if isinstance(doc, dict) else None
        if not isinstance(tables, dict):
            return {}, {None: f"{name}: has no table list"}
        entries, notes = {}, {}
        for key, entry in tables.items():
            if isinstance(entry, dict) and isinstance(entry.get("release"), str):
                entries[key] = entry
            else:
                notes[key] = f"{name}: the entry of {outside(key)} is not an object with a release"
        return entries, notes

    def attempts(self) -> dict[str, Attempt]:
        try:
            doc = json.loads(self.attempts_path.read_text(encoding="utf-8"))
            return {k: Attempt(**v) for k, v in doc.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}

    def resolutions(self) -> dict[str, list[dict]]:
        """Table key -> where its series were found at its last refresh, or why not (pxweb.resolve's JSON)."""
        try:
            doc = json.loads(self.resolutions_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(doc, dict):
            return {}
        return {
            key: [r for r in records if isinstance(r, dict)]
            for key, records in doc.items()
            if isinstance(records, list)
        }

    def vintages(self, table_key: str) -> list[Provenance]:
        """Every stored release of a table whose provenance reads, newest release first."""
        return self._vintages(table_key)[0]

    def _vintages(self, table_key: str) -> tuple[list[Provenance], list[str]]:
        """The readable provenances of a table, newest release first, and a note per one skipped."""
        found, notes = [], []
        for meta in sorted((self.root / table_key).glob("*.json")):
            try:
                try:
                    prov = Provenance.from_json(json.loads(meta.read_text(encoding="utf-8")))
                except (OSError, ValueError) as exc:
                    raise StoreError(f"unreadable ({type(exc).__name__})") from None
                if prov.table_key != table_key:
                    raise StoreError(f"belongs to table {outside(prov.table_key)}, not {table_key}")
                if release_slug(prov.release) != meta.stem:
                    raise StoreError(f"names release {outside(prov.release)}, not the one in its file name")
            except StoreError as exc:
                log.warning("provenance %s skipped: %s", meta, exc)
                notes.append(f"{meta.name}: {exc}; skipped")
                continue
            found.append(prov)
        return sorted(found, key=lambda p: p.release, reverse=True), notes

    def parquet_path(self, table_key: str, release: str) -> Path:
        return self.root / table_key / f"{release_slug(release)}.parquet"

    def read_release(self, prov: Provenance) -> pd.DataFrame:
        """One stored release, checked against its recorded hash and columns."""
        path = self.parquet_path(prov.table_key, prov.release)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"{path.name}: {exc.strerror or exc}") from None
        if hashlib.sha256(data).hexdigest() != prov.sha256:
            raise StoreError(f"{path.name}: contents do not match the recorded checksum")
        try:
            arrow = pq.read_table(pa.BufferReader(data))
            frame = arrow.to_pandas()
        except (pa.ArrowException, OSError) as exc:
            raise StoreError(f"{path.name}: not a readable parquet file ({exc})") from None
        if list(frame.columns) != SNAPSHOT_COLUMNS or len(frame) != prov.rows:
            raise StoreError(f"{path.name}: columns or row count differ from its provenance")
        tables = sorted(str(t) for t in arrow.column("table").unique().to_pylist())  # cheaper in Arrow than in pandas
        if tables and tables != [prov.table_path]:
            raise StoreError(f"{path.name}: holds figures of {', '.join(tables)}, not {prov.table_path}")
        return frame

    def current(self, table_key: str, table_path: str | None = None) -> StoredTable:
        """The manifest's release of a table or, if damaged, the newest intact one, with notes.

        With `table_path`, a release whose provenance names another table (a file copied over
        this one's) is skipped with a note, like a damaged one.
        """
        manifest, manifest_notes = self._manifest()
        current_release = manifest.get(table_key, {}).get("release")
        vintages, skipped = self._vintages(table_key)
        notes = [note for key, note in manifest_notes.items() if key in (None, table_key)] + skipped
        # The manifest's choice first; older vintages only as a fallback for damaged files.
        vintages.sort(key=lambda p: p.release != current_release)
        for prov in vintages:
            try:
                if table_path is not None and prov.table_path != table_path:
                    raise StoreError(
                        f"{release_slug(prov.release)}.json: names table {outside(prov.table_path)}, not {table_path}"
                    )
                fallback = current_release is not None and prov.release != current_release
                return StoredTable(self.read_release(prov), prov, notes, fallback)
            except StoreError as exc:
                notes.append(str(exc))
                log.warning("stored release unusable: %s", exc)
        return StoredTable(None, None, notes)

    # --- writing ---------------------------------------------------------------------------

    def remove_stale_temp_files(self, older_than: float = STALE_TEMP_S) -> None:
        """Temp files `atomic_write_bytes` left when its process was killed; a live writer's are recent."""
        now = time.time()
        for tmp in [*self.root.glob(".*.tmp"), *self.root.glob("*/.*.tmp")]:
            with contextlib.suppress(OSError):
                if now - tmp.stat().st_mtime > older_than:
                    tmp.unlink()

    def write_release(self, frame: pd.DataFrame, prov: Provenance) -> Provenance:
        """Store a validated release and make it current; returns the provenance as stored."""
        data = parquet_bytes(frame)
        stored = Provenance(**{**asdict(prov), "rows": len(frame), "sha256": hashlib.sha256(data).hexdigest()})
        atomic_write_bytes(self.parquet_path(prov.table_key, prov.release), data)
        meta_path = self.parquet_path(prov.table_key, prov.release).with_suffix(".json")
        atomic_write_json(meta_path, asdict(stored))
        manifest = self.manifest()
        manifest[prov.table_key] = {"release": prov.release, "fetched_at": prov.fetched_at}
        atomic_write_json(self.manifest_path, {"tables": manifest})
        return stored

    def record_attempt(self, attempt: Attempt) -> None:
        doc = {k: asdict(v) for k, v in self.attempts().items()}
        doc[attempt.table_key] = asdict(attempt)
        atomic_write_json(self.attempts_path, doc)

    def record_resolutions(self, table_key: str, records: list[dict]) -> None:
        doc = self.resolutions()
        doc[table_key] = records
        atomic_write_json(self.resolutions_path, doc)

    @contextlib.contextmanager
    def lock(
        self,
        wait: float = 300.0,
        progress: Callable[[str], object] = lambda message: None,
        stop: threading.Event | None = None,
    ) -> Iterator[None]:
        """One refresh at a time across processes; a second one waits for the first, at most `wait` seconds.

        The holder writes who it is into the lock file, so a waiting refresh can say what it waits for.
        Setting `stop` ends the wait at once.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        stop = stop or threading.Event()
        with open(self.root / ".refresh.lock", "a+", encoding="utf-8") as fh:
            give_up = time.monotonic() + wait
            told = False
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    fh.seek(0)
                    holder = outside_line(fh.read(200)) or "another refresh"
                    if time.monotonic() >= give_up:
                        raise LockTimeoutError(
                            f"{holder} still holds the store's lock after {wait:g} s of waiting; try again later"
                        ) from None
                    if not told:
                        progress(f"waiting for {holder} to finish (at most {wait:g} s)")
                        told = True
                    if stop.wait(min(0.2, max(0.0, give_up - time.monotonic()))):
                        raise LockTimeoutError(f"asked to end while waiting for {holder} to finish") from None
            try:
                fh.seek(0)
                fh.truncate()
                started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                fh.write(f"the refresh of process {os.getpid()} started {started}")
                fh.flush()
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def outside_line(text: str) -> str:
    """The first line of a file's text, printable only."""
    line = text.splitlines()[0] if text.strip() else ""
    return "".join(ch for ch in line if ch.isprintable())[:120]


def unusable_folder(cache_dir: Path, exc: Exception) -> str:
    """One line for a cache folder the file system refuses (read-only, full): the folder and the cause."""
    return f"cache folder {cache_dir} is not usable: {getattr(exc, 'strerror', None) or exc}"


def try_lock(path: Path) -> IO[str] | None:
    """An exclusive lock on `path` without waiting: the open file (keep it to hold the lock), or None if taken.

    The kernel drops the lock when the holder's file is closed or its process ends, so a killed
    holder never leaves a stale lock behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a")  # noqa: SIM115 - the open file is the lock, its owner closes it
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        return None
    return fh

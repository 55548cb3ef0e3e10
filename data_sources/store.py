"""The snapshot store under CACHE_DIR: one parquet per table release (vintages), atomic writes."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data_sources.series_frame import SNAPSHOT_COLUMNS
from data_sources.settings import load_settings

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


class StoreError(RuntimeError):
    """The store on disk is not readable as it should be."""


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temp file beside `path`, fsync, then rename over it: readers see old or new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_json(path: Path, doc: object) -> None:
    atomic_write_bytes(path, json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode())


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as parquet; the same frame always gives the same bytes."""
    table = pa.Table.from_pandas(frame[SNAPSHOT_COLUMNS], preserve_index=False)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd", use_dictionary=True)
    return sink.getvalue().to_pybytes()


def release_slug(release: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "", release)


class SnapshotStore:
    """CACHE_DIR/snapshots/<table>/<release>.parquet + .json, and manifest.json naming current ones."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)
        self.root = self.cache_dir / "snapshots"
        self.manifest_path = self.root / "manifest.json"
        self.attempts_path = self.root / "attempts.json"

    # --- reading ---------------------------------------------------------------------------

    def stamp(self) -> str:
        """Changes whenever the stored figures or refresh attempts do; one stat per file, no reading.

        Writes are atomic renames, so a new manifest or attempts file always has a new inode or mtime.
        """
        parts = []
        for path in (self.root, self.manifest_path, self.attempts_path):
            try:
                info = path.stat()
            except OSError:
                parts.append("-")
                continue
            parts.append(f"{info.st_ino}:{info.st_mtime_ns}:{info.st_size}")
        return "|".join(parts)

    def manifest(self) -> dict[str, dict]:
        """Table key -> the current release's entry; {} when nothing is stored or it is unreadable."""
        try:
            doc = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("manifest %s unreadable: %s", self.manifest_path, exc)
            return {}
        tables = doc.get("tables") if isinstance(doc, dict) else None
        return tables if isinstance(tables, dict) else {}

    def attempts(self) -> dict[str, Attempt]:
        try:
            doc = json.loads(self.attempts_path.read_text(encoding="utf-8"))
            return {k: Attempt(**v) for k, v in doc.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}

    def vintages(self, table_key: str) -> list[Provenance]:
        """Every stored release of a table whose provenance reads, newest release first."""
        found = []
        for meta in sorted((self.root / table_key).glob("*.json")):
            try:
                found.append(Provenance(**json.loads(meta.read_text(encoding="utf-8"))))
            except (OSError, ValueError, TypeError):
                log.warning("provenance %s unreadable; skipped", meta)
        return sorted(found, key=lambda p: p.release, reverse=True)

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
            frame = pq.read_table(pa.BufferReader(data)).to_pandas()
        except (pa.ArrowException, OSError) as exc:
            raise StoreError(f"{path.name}: not a readable parquet file ({exc})") from None
        if list(frame.columns) != SNAPSHOT_COLUMNS or len(frame) != prov.rows:
            raise StoreError(f"{path.name}: columns or row count differ from its provenance")
        return frame

    def current(self, table_key: str) -> StoredTable:
        """The manifest's release of a table or, if damaged, the newest intact one, with notes."""
        notes: list[str] = []
        current_release = self.manifest().get(table_key, {}).get("release")
        vintages = self.vintages(table_key)
        # The manifest's choice first; older vintages only as a fallback for damaged files.
        vintages.sort(key=lambda p: p.release != current_release)
        for prov in vintages:
            try:
                return StoredTable(self.read_release(prov), prov, notes)
            except StoreError as exc:
                notes.append(str(exc))
                log.warning("stored release unusable: %s", exc)
        return StoredTable(None, None, notes)

    # --- writing ---------------------------------------------------------------------------

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

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One refresh at a time across processes; a second one waits for the first."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".refresh.lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


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

"""Shared refresh requests and the refresher's status, as small files in CACHE_DIR read by every process.

A viewer's button never refreshes at will: it asks, and at most one request per interval is
accepted for everyone (all sessions, all app processes on the machine). The machine's refresher
honours an accepted request within a second; it publishes when its next round is due.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import logging
import os
import socket
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from data_sources.snapshots.store import atomic_write_json, snapshots_root, try_lock, unusable_folder

log = logging.getLogger(__name__)

REFRESHER_LOCK = ".refresher.lock"  # held by the machine's active refresher for as long as it runs
STATUS_FILE = "refresher.json"
REQUEST_FILE = "refresh_request.json"
# A request stamped later than this after now is taken as no request: clocks of the machines sharing a
# folder differ by seconds, not days, and a stamp of 9999 would otherwise block the button for ever
# (and overflow the date arithmetic of the next request).
REQUEST_CLOCK_SLACK = timedelta(days=1)


def snapshots_dir(cache_dir: Path) -> Path:
    """The region's folder in the store: its refresh requests and status sit beside its figures."""
    return snapshots_root(cache_dir)


def parse_stamp(text: object) -> datetime | None:
    """An ISO 8601 UTC stamp as an aware datetime; None for anything else."""
    if not isinstance(text, str):
        return None
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)


def iso(stamp: datetime) -> str:
    """UTC, to the microsecond: a request and a round in the same second must still compare right."""
    return stamp.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- pure decisions ---------------------------------------------------------------------------


def request_decision(now: datetime, last_accepted: datetime | None, interval_s: int) -> tuple[bool, datetime]:
    """Whether a refresh request made `now` is accepted, and from when the next one would be.

    One accepted request per `interval_s` for everyone: a request within the interval of the
    last accepted one is refused.
    """
    if last_accepted is not None and now < last_accepted + timedelta(seconds=interval_s):
        return False, last_accepted + timedelta(seconds=interval_s)
    return True, now + timedelta(seconds=interval_s)


@dataclass(frozen=True)
class RefresherStatus:
    """What the machine's active refresher publishes after every round."""

    pid: int
    host: str
    interval_s: int
    next_at: str  # ISO 8601 UTC: when its next round is due
    last_round_at: str | None = None
    failures: int = 0  # failed rounds in a row


@dataclass(frozen=True)
class RefreshOutlook:
    """What a viewer is told next to the refresh button."""

    automatic: bool  # a background refresher is running for this cache folder
    interval_s: int  # requests are accepted once per this many seconds
    next_refresh_at: datetime | None  # the refresher's next round; None without a refresher
    next_request_at: datetime  # from when a request is accepted again (in the past: now)
    problem: str | None = None  # why the cache folder cannot take a request ('cache folder … is not usable: …')

    def can_ask(self, now: datetime) -> bool:
        return self.problem is None and now >= self.next_request_at


@dataclass(frozen=True)
class RefreshAsk:
    accepted: bool
    outlook: RefreshOutlook


def outlook_from(
    status: RefresherStatus | None, alive: bool, last_accepted: datetime | None, fallback_interval_s: int
) -> RefreshOutlook:
    """The button's outlook from the refresher's status and the last accepted request (pure)."""
    interval = status.interval_s if (alive and status is not None and status.interval_s > 0) else fallback_interval_s
    next_refresh = parse_stamp(status.next_at) if (alive and status is not None) else None
    next_request = (
        last_accepted + timedelta(seconds=interval) if last_accepted is not None else datetime.min.replace(tzinfo=UTC)
    )
    return RefreshOutlook(alive, interval, next_refresh, next_request)


# --- the files --------------------------------------------------------------------------------


def refresher_alive(cache_dir: Path) -> bool:
    """True while some process holds the refresher lock of this cache folder (any process, this one too)."""
    held = try_lock(snapshots_dir(cache_dir) / REFRESHER_LOCK)
    if held is None:
        return True
    held.close()
    return False


def write_status(cache_dir: Path, status: RefresherStatus) -> None:
    atomic_write_json(snapshots_dir(cache_dir) / STATUS_FILE, asdict(status))


def read_status(cache_dir: Path) -> RefresherStatus | None:
    try:
        doc = json.loads((snapshots_dir(cache_dir) / STATUS_FILE).read_text(encoding="utf-8"))
        return RefresherStatus(**doc)
    except (OSError, ValueError, TypeError):
        return None


def last_accepted_request(cache_dir: Path) -> datetime | None:
    """When the last request was accepted; a malformed file or a stamp out of range is no request (logged)."""
    path = snapshots_dir(cache_dir) / REQUEST_FILE
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        return None
    except ValueError:
        log.warning("%s: not JSON; taken as no request", path)
        return None
    raw = doc.get("requested_at") if isinstance(doc, dict) else None
    stamp = parse_stamp(raw)
    if stamp is None or stamp > datetime.now(UTC) + REQUEST_CLOCK_SLACK:
        what = "not a date" if stamp is None else "out of range"
        log.warning("%s: requested_at %.40r is %s; taken as no request", path, raw, what)
        return None
    return stamp


@contextlib.contextmanager
def _request_lock(cache_dir: Path):
    """Held for the few microseconds of a request's read-decide-write, so two viewers cannot both win."""
    path = snapshots_dir(cache_dir) / ".refresh_request.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def refresh_outlook(cache_dir: Path, fallback_interval_s: int) -> RefreshOutlook:
    """When the next refresh is due and when the button may ask again, read from the shared files.

    A cache folder that cannot be written (read-only, full) gives an outlook with its `problem`.
    """
    try:
        alive = refresher_alive(cache_dir)
    except OSError as exc:
        never = datetime.min.replace(tzinfo=UTC)
        return RefreshOutlook(False, fallback_interval_s, None, never, unusable_folder(cache_dir, exc))
    return outlook_from(read_status(cache_dir), alive, last_accepted_request(cache_dir), fallback_interval_s)


def ask_for_refresh(cache_dir: Path, fallback_interval_s: int, now: datetime | None = None) -> RefreshAsk:
    """A viewer asks for a refresh: accepted at most once per interval for everyone, recorded for the refresher.

    `fallback_interval_s` applies when no background refresher runs (then the caller refreshes
    itself if accepted).
    """
    now = now or datetime.now(UTC)
    try:
        with _request_lock(cache_dir):
            before = refresh_outlook(cache_dir, fallback_interval_s)
            accepted, _ = request_decision(now, last_accepted_request(cache_dir), before.interval_s)
            if accepted:
                doc = {"requested_at": iso(now), "pid": os.getpid(), "host": socket.gethostname()}
                atomic_write_json(snapshots_dir(cache_dir) / REQUEST_FILE, doc)
                log.info("refresh requested at %s", doc["requested_at"])
    except OSError as exc:
        problem = unusable_folder(cache_dir, exc)
        return RefreshAsk(False, dataclasses.replace(refresh_outlook(cache_dir, fallback_interval_s), problem=problem))
    return RefreshAsk(accepted, refresh_outlook(cache_dir, fallback_interval_s))


class RequestWatch:
    """The refresher's view of the request file: a stat per look, the file read only when it changed."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)
        self.path = snapshots_dir(cache_dir) / REQUEST_FILE
        self._seen: tuple[int, int] | None = None
        self._requested: datetime | None = None

    def latest(self) -> datetime | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        key = (info.st_mtime_ns, info.st_size)
        if key != self._seen:
            self._seen = key
            self._requested = last_accepted_request(self.cache_dir)
        return self._requested

    def pending_since(self, since: datetime | None) -> bool:
        """A request was accepted after `since` (the start of the last round)."""
        requested = self.latest()
        return requested is not None and (since is None or requested > since)

"""The background refresher: the refresh command's routine every REFRESH_INTERVAL_S seconds, one per machine.

Several processes may each run a `Refresher` (every app process, a `--watch` command); the one
holding the cache folder's refresher lock refreshes, the others stand by and take over within a
second when it ends. A failed round keeps the stored data, is logged once per run of failures,
is recorded as the tables' last attempt (the pages' "not updated since" banner) and backs off.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from data_sources.domain.catalog import Catalog
from data_sources.service.refresh_requests import (
    REFRESHER_LOCK,
    RefresherStatus,
    RequestWatch,
    iso,
    parse_stamp,
    snapshots_dir,
    write_status,
)
from data_sources.snapshots.refresh_run import RefreshRun, now_utc, refresh_cache_dir
from data_sources.snapshots.store import Attempt, SnapshotStore, try_lock

log = logging.getLogger(__name__)

TICK_S = 1.0  # how often a waiting refresher looks at the request file and the lock (a stat and a flock)
MAX_BACKOFF_S = 3600


def backoff_s(interval_s: float, failures: int, cap_s: float = MAX_BACKOFF_S) -> float:
    """The pause before the next round: the interval, doubled for each failed round in a row, capped.

    The cap never shortens the interval itself.
    """
    if failures <= 0:
        return float(interval_s)
    return float(max(interval_s, min(interval_s * 2 ** min(failures, 30), cap_s)))


def last_attempt_at(attempts: dict[str, Attempt]) -> datetime | None:
    stamps = [s for s in (parse_stamp(a.at) for a in attempts.values()) if s is not None]
    return max(stamps) if stamps else None


def first_due(last_attempt: datetime | None, interval_s: float, now: datetime) -> datetime:
    """A refresher that starts (or takes over) keeps the machine's schedule: one interval after the last attempt."""
    if last_attempt is None:
        return now
    return max(now, last_attempt + timedelta(seconds=interval_s))


@dataclass(frozen=True)
class RoundResult:
    ran: bool  # False: another process is the refresher
    ok: bool
    message: str


RunRefresh = Callable[..., RefreshRun]


class Refresher:
    """One cache folder's refresher; `run_forever()` in a thread or in the foreground, `stop()` ends it."""

    def __init__(
        self,
        catalog: Catalog,
        cache_dir: Path | str,
        base_url: str,
        interval_s: float,
        *,
        tick_s: float = TICK_S,
        max_backoff_s: float = MAX_BACKOFF_S,
        run: RunRefresh = refresh_cache_dir,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
    ) -> None:
        if interval_s <= 0:
            raise ValueError("a refresher needs an interval above 0 seconds")
        self.catalog, self.cache_dir, self.base_url = catalog, Path(cache_dir), base_url
        self.interval_s, self.tick_s, self.max_backoff_s = interval_s, tick_s, max_backoff_s
        self._run, self._clock = run, clock
        self.failures = 0
        self.rounds = 0
        self.next_at: datetime | None = None
        self.last_round_at: datetime | None = None
        self._lock: IO[str] | None = None
        self._stop = threading.Event()
        # The event too: a refresh waiting for the API (its limit, Retry-After, a backoff) ends on stop().
        self._client_options = {"timeout": timeout, "retries": retries, "backoff": backoff, "stop": self._stop}
        self._requests = RequestWatch(self.cache_dir)
        self._standby_logged = False

    # --- the lock -------------------------------------------------------------------------

    def is_active(self) -> bool:
        """This refresher holds the machine's refresher lock (taken now if it is free)."""
        if self._lock is None:
            self._lock = try_lock(snapshots_dir(self.cache_dir) / REFRESHER_LOCK)
            if self._lock is not None:
                log.info("refresher active for %s (pid %d), every %s s", self.cache_dir, os.getpid(), self.interval_s)
                self._standby_logged = False
                self.next_at = first_due(
                    last_attempt_at(SnapshotStore(self.cache_dir).attempts()), self.interval_s, self._clock()
                )
                self._publish()
            elif not self._standby_logged:
                log.info("another process refreshes %s; this one stands by", self.cache_dir)
                self._standby_logged = True
        return self._lock is not None

    def release(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    # --- one round ------------------------------------------------------------------------

    def round(self) -> RoundResult:
        """One refresh if this process is the machine's refresher; skipped if another one is."""
        if not self.is_active():
            return RoundResult(False, True, "another process is the refresher")
        self.last_round_at = self._clock()
        try:
            run = self._run(self.catalog, self.cache_dir, self.base_url, **self._client_options)
            failed = [r for r in run.results if r.status == "failed"]
            ok = not failed
            message = "; ".join(f"{r.table_path}: {r.message}" for r in failed) or run.summary.splitlines()[-1]
        except Exception as exc:  # noqa: BLE001 - a background round must never end the refresher
            ok, message = False, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            self._record_failure(message)
        self._note(ok, message)
        self.rounds += 1
        self.next_at = self._clock() + timedelta(seconds=self.delay_s())
        self._publish()
        return RoundResult(True, ok, message)

    def delay_s(self) -> float:
        return backoff_s(self.interval_s, self.failures, self.max_backoff_s)

    def _note(self, ok: bool, message: str) -> None:
        """Logged once per run of failures, and once when refreshing works again."""
        if ok:
            if self.failures:
                log.warning("background refresh works again after %d failed rounds", self.failures)
            else:
                log.info("background refresh: %s", message)
            self.failures = 0
            return
        if self.failures == 0:
            log.warning("background refresh failed, stored data kept, retrying with backoff: %s", message)
        else:
            log.debug("background refresh failed again (%d in a row): %s", self.failures + 1, message)
        self.failures += 1

    def _record_failure(self, message: str) -> None:
        """A round that broke before refreshing any table still shows as every table's failed attempt."""
        store = SnapshotStore(self.cache_dir)
        try:
            with store.lock():
                for key in self.catalog.tables:
                    store.record_attempt(Attempt(key, now_utc(), False, message))
        except OSError as exc:
            log.debug("could not record the failed attempt: %s", exc)

    def _publish(self) -> None:
        if self.next_at is None:
            return
        status = RefresherStatus(
            pid=os.getpid(),
            host=socket.gethostname(),
            interval_s=int(self.interval_s),
            next_at=iso(self.next_at),
            last_round_at=iso(self.last_round_at) if self.last_round_at else None,
            failures=self.failures,
        )
        try:
            write_status(self.cache_dir, status)
        except OSError as exc:
            log.debug("could not publish the refresher status: %s", exc)

    # --- the loop -------------------------------------------------------------------------

    def due(self) -> bool:
        """A round is due: its time has come, or a viewer's request was accepted since the last round."""
        if not self.is_active() or self.next_at is None:
            return False
        return self._clock() >= self.next_at or self._requests.pending_since(self.last_round_at)

    def run_forever(self) -> None:
        """Rounds until `stop()`; between them a look at the lock and the request file every tick."""
        try:
            while not self._stop.is_set():
                if self.due():
                    self.round()
                self._stop.wait(self.tick_s)
        finally:
            self.release()

    def stop(self) -> None:
        self._stop.set()

    def start(self) -> threading.Thread:
        """`run_forever` in a daemon thread: it never holds up a page or the process's exit."""
        thread = threading.Thread(target=self.run_forever, name="refresher", daemon=True)
        thread.start()
        return thread

"""HTTP to the PxWeb v1 API on a requests-cache session: limits, retries, 429, timeouts."""

from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
import requests_cache

from data_sources.ratelimit import SlidingWindowLimiter

log = logging.getLogger(__name__)

# A cached data answer is valid exactly as long as the table's release is the same: the release
# stamp travels in this header and is part of the cache key, so a new release never reads an old
# answer, and an unchanged release never downloads twice.
RELEASE_HEADER = "X-Table-Release"
DATA_CACHE_LIFETIME = timedelta(days=400)
CONFIG_CACHE_LIFETIME = timedelta(hours=12)
USER_AGENT = "kymenlaakso-tyollisyys-dashboard/1.0 (+PxWeb v1 client)"


class PxWebError(RuntimeError):
    """A PxWeb call that failed for good; its message is one line a person can act on."""


@dataclass(frozen=True)
class ApiConfig:
    max_values: int
    max_calls: int
    time_window: float

    @classmethod
    def from_json(cls, doc: object) -> ApiConfig:
        if not isinstance(doc, dict):
            raise PxWebError("?config answer is not a JSON object")
        try:
            return cls(int(doc["maxValues"]), int(doc["maxCalls"]), float(doc["timeWindow"]))
        except (KeyError, TypeError, ValueError):
            raise PxWebError(f"?config answer lacks maxValues/maxCalls/timeWindow: {doc!r:.200}") from None


@dataclass
class TransferStats:
    requests: int = 0
    bytes: int = 0
    cache_hits: int = 0
    retries: int = 0
    stale_answers: int = 0
    waited_seconds: float = 0.0


def _is_json(response: requests.Response) -> bool:
    """Only well-formed JSON is cached, so a cut-off or garbled answer is never served again."""
    try:
        json.loads(response.content)
    except ValueError:
        return False
    return True


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


class PxWebClient:
    """One PxWeb API (base URL with language) over a cached, rate-limited session."""

    def __init__(
        self,
        base_url: str,
        cache_path: Path | None,
        *,
        timeout: tuple[float, float] = (5.0, 30.0),
        max_retries: int = 3,
        backoff: float = 1.0,
        max_retry_after: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        allow_stale: bool = False,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        # No path: a private in-memory cache (the named "memory" backend is shared per process).
        backend = requests_cache.SQLiteCache(str(cache_path)) if cache_path is not None else requests_cache.BaseCache()
        self.session = requests_cache.CachedSession(
            backend=backend,
            allowable_methods=("GET", "POST"),
            allowable_codes=(200,),
            match_headers=[RELEASE_HEADER],
            expire_after=requests_cache.EXPIRE_IMMEDIATELY,
            # A refresh must see the server's real answer (a stale copy would look like "no
            # change"); read-only tools such as `check` may accept the last cached answer.
            stale_if_error=allow_stale,
            filter_fn=_is_json,
        )
        self.session.headers["User-Agent"] = USER_AGENT
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self._sleep = sleep
        self._clock = clock
        self.stats = TransferStats()
        self.limiter: SlidingWindowLimiter | None = None
        self.api_config: ApiConfig | None = None

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> PxWebClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the API's calls -------------------------------------------------------------------

    def config(self) -> ApiConfig:
        """The API's limits from `?config`; installs the rate limiter they describe."""
        doc = self._json("GET", f"{self.base_url}/?config", expire_after=CONFIG_CACHE_LIFETIME)
        self.api_config = ApiConfig.from_json(doc)
        self.limiter = SlidingWindowLimiter(
            self.api_config.max_calls, self.api_config.time_window, self._clock, self._sleep
        )
        self.limiter.record()  # the ?config call itself counts against the limit
        return self.api_config

    def list_folder(self, database: str, folder: str) -> list[dict]:
        doc = self._json("GET", f"{self.base_url}/{database}/{folder}")
        if not isinstance(doc, list):
            raise PxWebError(f"folder listing {database}/{folder} is not a list")
        return doc

    def table_metadata(self, database: str, path: str) -> dict:
        doc = self._json("GET", f"{self.base_url}/{database}/{path}")
        if not isinstance(doc, dict) or not isinstance(doc.get("variables"), list):
            raise PxWebError(f"metadata of {path} has no variables")
        return doc

    def query(self, database: str, path: str, body: dict, release: str) -> object:
        """POST a data query; answers for the same release come from the cache."""
        return self._json(
            "POST",
            f"{self.base_url}/{database}/{path}",
            json_body=body,
            headers={RELEASE_HEADER: release},
            expire_after=DATA_CACHE_LIFETIME,
        )

    def forget(self, database: str, path: str, body: dict, release: str) -> None:
        """Drop a cached answer that turned out unusable, so a retry asks the server again."""
        request = requests.Request(
            "POST",
            f"{self.base_url}/{database}/{path}",
            json=body,
            headers={**self.session.headers, RELEASE_HEADER: release},
        ).prepare()
        self.session.cache.delete(self.session.cache.create_key(request))

    # --- transport ---------------------------------------------------------------------------

    def _json(
        self,
        method: str,
        url: str,
        *,
        json_body: dict | None = None,
        headers: dict | None = None,
        expire_after: timedelta | None = None,
    ) -> object:
        response = self._send(method, url, json_body=json_body, headers=headers, expire_after=expire_after)
        try:
            return json.loads(response.content)
        except ValueError:
            raise PxWebError(f"malformed JSON from {url}") from None

    def _send(
        self, method: str, url: str, *, json_body: dict | None, headers: dict | None, expire_after: timedelta | None
    ) -> requests.Response:
        last_problem = "no attempt made"
        for attempt in range(self.max_retries + 1):
            if attempt:
                self.stats.retries += 1
            if self.limiter is not None:
                self.stats.waited_seconds += self.limiter.wait()
            try:
                kwargs = {"expire_after": expire_after} if expire_after is not None else {}
                response = self.session.request(
                    method, url, json=json_body, headers=headers, timeout=self.timeout, **kwargs
                )
            except requests.Timeout:
                self._count_network_call(0)
                last_problem = f"timed out after {self.timeout[1]:g} s"
            except requests.exceptions.ChunkedEncodingError as exc:
                self._count_network_call(0)
                last_problem = f"body cut off midway ({_short(exc)})"
            except requests.ConnectionError as exc:
                self._count_network_call(0)
                last_problem = f"connection failed ({_short(exc)})"
            except requests.RequestException as exc:
                self._count_network_call(0)
                last_problem = f"request failed ({_short(exc)})"
            else:
                if getattr(response, "from_cache", False):
                    self.stats.cache_hits += 1
                    self.stats.stale_answers += int(bool(getattr(response, "is_expired", False)))
                else:
                    self._count_network_call(len(response.content))
                status = response.status_code
                if status == 200:
                    if _is_json(response):
                        return response
                    last_problem = "malformed JSON (body cut off or garbled)"
                elif status == 429:
                    wait = retry_after_seconds(response.headers.get("Retry-After"))
                    wait = self.backoff * 2**attempt if wait is None else wait
                    if wait > self.max_retry_after:
                        raise PxWebError(
                            f"{url}: rate limited (429) for {wait:.0f} s, more than "
                            f"{self.max_retry_after:.0f} s allowed"
                        )
                    last_problem = "rate limited (429)"
                    log.info("429 from %s: waiting %.1f s as Retry-After says", url, wait)
                    self._sleep(wait)
                    self.stats.waited_seconds += wait
                    continue
                elif status >= 500:
                    last_problem = f"server error HTTP {status}"
                else:
                    raise PxWebError(f"{method} {url}: HTTP {status} {_body_hint(response)}")
            if attempt < self.max_retries:
                pause = self.backoff * 2**attempt
                log.info("%s %s: %s; retrying in %.1f s", method, url, last_problem, pause)
                self._sleep(pause)
        raise PxWebError(f"{method} {url}: {last_problem} after {self.max_retries + 1} attempts")

    def _count_network_call(self, size: int) -> None:
        self.stats.requests += 1
        self.stats.bytes += size
        if self.limiter is not None:
            self.limiter.record()


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _body_hint(response: requests.Response) -> str:
    text = response.text.strip().replace("\n", " ")
    return f"({text[:160]})" if text else ""

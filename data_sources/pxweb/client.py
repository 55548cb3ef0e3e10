"""HTTP to the PxWeb v1 API on a requests-cache session: limits, retries, 429, timeouts, deadlines, size caps."""

from __future__ import annotations

import email.utils
import json
import logging
import math
import sqlite3
import threading
import time
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import requests
import requests_cache
import urllib3
from requests.adapters import HTTPAdapter

from data_sources.pxweb.jsonstat import MAX_CELLS
from data_sources.pxweb.ratelimit import SlidingWindowLimiter

log = logging.getLogger(__name__)
_T = TypeVar("_T")  # what an answer's parse function makes of its JSON

# A cached data answer is valid exactly as long as the table's release is the same: the release
# stamp travels in this header and is part of the cache key, so a new release never reads an old
# answer, and an unchanged release never downloads twice.
RELEASE_HEADER = "X-Table-Release"
DATA_CACHE_LIFETIME = timedelta(days=400)
CONFIG_CACHE_LIFETIME = timedelta(hours=12)
USER_AGENT = "kymenlaakso-tyollisyys-dashboard/1.0 (+PxWeb v1 client)"
DEFAULT_MAX_ANSWER_BYTES = 25 * 2**20
READ_CHUNK = 64 * 1024
MAX_OUTSIDE_TEXT = 160
MAX_TIME_WINDOW_S = 3600.0  # a ?config timeWindow beyond an hour is taken as an hour
MAX_REDIRECTS = 5  # each one counts against the API's call limit


class PxWebError(RuntimeError):
    """A PxWeb call that failed for good; its message is one line a person can act on."""


class AnswerTooLargeError(requests.RequestException):
    """An answer over the size cap, raw or decompressed; never retried (it would be as large again)."""


class AnswerTooSlowError(requests.RequestException):
    """An answer not complete by its deadline (a server trickling its body past every read timeout)."""


class ForeignRedirectError(requests.RequestException):
    """A redirect off the configured origin: another server's figures must never pass for StatFin's."""


REFUSED = (AnswerTooLargeError, ForeignRedirectError, requests.TooManyRedirects)  # never retried


def outside_text(text: str, limit: int = MAX_OUTSIDE_TEXT) -> str:
    """Text from outside (an error body, an exception) as one short line with no control characters.

    Control and format characters (newlines, escapes, bidi overrides) go; runs of white space become
    one space; the rest is cut to `limit` characters. Rendering it as text is still the reader's job.
    """
    kept = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    line = " ".join(kept.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


def _megabytes(size: int) -> str:
    return f"{size / 2**20:g} MB"


class BoundedAdapter(HTTPAdapter):
    """Reads every body itself: in chunks, against a total deadline and a size cap (raw and decompressed).

    The socket timeout bounds one read only; a server sending a byte every half second never trips
    it. Decompression here too, with a cap, so a small gzip body cannot expand without bound.
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_ANSWER_BYTES) -> None:
        super().__init__()
        self.max_bytes = max_bytes
        self.deadline: float | None = None  # time.monotonic() by which the current answer must be complete
        self.deadline_reason = ""

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):  # noqa: ANN001
        response = super().send(request, stream=True, timeout=timeout, verify=verify, cert=cert, proxies=proxies)
        if stream:
            return response
        try:
            body = self._read_body(response)
        except urllib3.exceptions.ReadTimeoutError as exc:
            response.raw.close()
            raise requests.ReadTimeout(exc, request=request) from None
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.DecodeError) as exc:
            response.raw.close()
            raise requests.exceptions.ChunkedEncodingError(exc, request=request) from None
        except urllib3.exceptions.HTTPError as exc:
            response.raw.close()
            raise requests.ConnectionError(exc, request=request) from None
        except BaseException:
            response.raw.close()
            raise
        response._content = body
        response._content_consumed = True
        response.headers.pop("Content-Encoding", None)
        response.headers["Content-Length"] = str(len(body))
        response.raw.release_conn()
        return response

    def _read_body(self, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise AnswerTooLargeError(f"answer of {_megabytes(int(declared))} is over the {self._cap()} cap")
        encoding = response.headers.get("Content-Encoding", "").strip().lower()
        decoder = (
            zlib.decompressobj(16 + zlib.MAX_WBITS)
            if encoding in ("gzip", "x-gzip")
            else zlib.decompressobj()
            if encoding == "deflate"
            else None
        )
        raw_size, parts, size = 0, [], 0
        while True:
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise AnswerTooSlowError(self.deadline_reason or "answer not complete by its deadline")
            chunk = response.raw.read1(READ_CHUNK, decode_content=False)
            if not chunk:
                break
            raw_size += len(chunk)
            if raw_size > self.max_bytes:
                raise AnswerTooLargeError(f"answer over the {self._cap()} cap")
            if decoder is not None:
                chunk = decoder.decompress(chunk, self.max_bytes - size + 1)
                if decoder.unconsumed_tail:
                    raise AnswerTooLargeError(f"answer expands to over the {self._cap()} cap when decompressed")
            size += len(chunk)
            if size > self.max_bytes:
                raise AnswerTooLargeError(f"answer expands to over the {self._cap()} cap when decompressed")
            parts.append(chunk)
        if declared.isdigit() and raw_size < int(declared):
            raise urllib3.exceptions.ProtocolError(f"{raw_size} bytes read, {int(declared) - raw_size} more expected")
        if decoder is not None:
            try:
                parts.append(decoder.flush())
            except zlib.error:
                pass  # a broken stream shows up as malformed JSON
        return b"".join(parts)

    def _cap(self) -> str:
        return _megabytes(self.max_bytes)


@dataclass(frozen=True)
class ApiConfig:
    max_values: int
    max_calls: int
    time_window: float

    @classmethod
    def from_json(cls, doc: object) -> ApiConfig:
        """The limits, each a number of at least 1; a cell limit over MAX_CELLS or a window over an hour is cut."""
        if not isinstance(doc, dict):
            raise PxWebError("?config answer is not a JSON object")
        numbers = []
        for key in ("maxValues", "maxCalls", "timeWindow"):
            if key not in doc:
                raise PxWebError(f"?config answer lacks maxValues/maxCalls/timeWindow: {outside_text(repr(doc))}")
            value = doc[key]
            number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else math.nan
            if not 1 <= number < math.inf:
                raise PxWebError(
                    f"?config answer has {key} {outside_text(repr(value), 40)}, not a number of at least 1; refused"
                )
            numbers.append(number)
        max_values, max_calls, window = numbers
        if window > MAX_TIME_WINDOW_S:
            log.warning("?config timeWindow %g s is implausible; taken as %g s", window, MAX_TIME_WINDOW_S)
        return cls(int(min(max_values, MAX_CELLS)), int(max_calls), min(window, MAX_TIME_WINDOW_S))


@dataclass
class TransferStats:
    requests: int = 0
    bytes: int = 0
    cache_hits: int = 0
    retries: int = 0


def _is_json(response: requests.Response) -> bool:
    """Only well-formed JSON is cached, so a cut-off, garbled or endlessly nested answer is never served again."""
    try:
        json.loads(response.content)
    except (ValueError, RecursionError):
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
        request_deadline: float = 120.0,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        stop: threading.Event | None = None,
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
        self.session.max_redirects = MAX_REDIRECTS
        self.adapter = BoundedAdapter(max_answer_bytes)
        self.session.mount("http://", self.adapter)
        self.session.mount("https://", self.adapter)
        self.session.hooks["response"].append(self._refuse_foreign_redirect)
        self.request_deadline = request_deadline
        # Set by the refresh: time.monotonic() by which the whole refresh must be over, and its length.
        self.run_deadline: float | None = None
        self.run_limit = 0.0
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self._sleep = sleep
        self._clock = clock
        self.stop = stop  # once set, every wait and every request not yet sent ends the refresh
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
        self.api_config = self._json(
            "GET", f"{self.base_url}/?config", expire_after=CONFIG_CACHE_LIFETIME, parse=ApiConfig.from_json
        )
        self.limiter = SlidingWindowLimiter(
            self.api_config.max_calls, self.api_config.time_window, self._clock, self._sleep
        )
        self.limiter.record()  # the ?config call itself counts against the limit
        return self.api_config

    def list_folder(self, database: str, folder: str) -> list[dict]:
        def parse(doc: object) -> list[dict]:
            if not isinstance(doc, list) or not all(isinstance(entry, dict) for entry in doc):
                raise PxWebError(f"folder listing {database}/{folder} is not a list of objects; refused")
            return doc

        return self._json("GET", f"{self.base_url}/{database}/{folder}", parse=parse)

    def table_metadata(self, database: str, path: str) -> dict:
        def parse(doc: object) -> dict:
            if not isinstance(doc, dict) or not isinstance(doc.get("variables"), list):
                raise PxWebError(f"metadata of {path} has no variables")
            if not all(isinstance(variable, dict) for variable in doc["variables"]):
                raise PxWebError(f"metadata of {path}: variables not objects; refused")
            return doc

        return self._json("GET", f"{self.base_url}/{database}/{path}", parse=parse)

    def query(self, database: str, path: str, body: dict, release: str) -> object:
        """POST a data query; answers for the same release come from the cache."""
        return self._json(
            "POST",
            f"{self.base_url}/{database}/{path}",
            json_body=body,
            headers={RELEASE_HEADER: release},
            expire_after=DATA_CACHE_LIFETIME,
            parse=lambda doc: doc,
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

    def _forget_answer(self, response: requests.Response) -> None:
        if key := getattr(response, "cache_key", None):
            self.session.cache.delete(key)

    # --- transport ---------------------------------------------------------------------------

    def _json(
        self,
        method: str,
        url: str,
        *,
        json_body: dict | None = None,
        headers: dict | None = None,
        expire_after: timedelta | None = None,
        parse: Callable[[object], _T],
    ) -> _T:
        """The answer's JSON through `parse`; an answer it refuses is dropped from the HTTP cache."""
        response = self._send(method, url, json_body=json_body, headers=headers, expire_after=expire_after)
        try:
            return parse(json.loads(response.content))
        except (ValueError, RecursionError):
            self._forget_answer(response)
            raise PxWebError(f"malformed JSON from {url}") from None
        except PxWebError:
            self._forget_answer(response)
            raise

    def _send(
        self, method: str, url: str, *, json_body: dict | None, headers: dict | None, expire_after: timedelta | None
    ) -> requests.Response:
        last_problem = "no attempt made"
        for attempt in range(self.max_retries + 1):
            if attempt:
                self.stats.retries += 1
            self._wait_for_limit(method, url)
            self._start_deadline(method, url)
            try:
                # expire_after None: the session's own expiry (requests_cache's default for the argument)
                response = self.session.request(
                    method, url, json=json_body, headers=headers, timeout=self.timeout, expire_after=expire_after
                )
            except REFUSED as exc:
                if isinstance(exc, AnswerTooLargeError):
                    self._count_network_call(0)  # a redirect is counted as it comes
                loop = isinstance(exc, requests.TooManyRedirects)
                reason = f"redirected more than {MAX_REDIRECTS} times" if loop else exc
                raise PxWebError(f"{method} {url}: {reason}; refused") from None
            except AnswerTooSlowError as exc:
                self._count_network_call(0)
                if self._run_left() <= 0:
                    raise PxWebError(f"{method} {url}: {exc}") from None
                last_problem = str(exc)
            except sqlite3.Error as exc:
                raise PxWebError(f"HTTP cache unusable ({outside_text(str(exc))})") from None
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
                else:
                    self._count_network_call(len(response.content))
                if origin(response.url) != origin(self.base_url):
                    raise PxWebError(f"{method} {url}: answer came from {response.url}, off {self.base_url}; refused")
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
                    if wait > self._run_left():
                        raise PxWebError(
                            f"{url}: rate limited (429) for {wait:.0f} s, past the refresh's {self.run_limit:g} s limit"
                        )
                    log.info("429 from %s: waiting %.1f s as Retry-After says", url, wait)
                    self._pause(wait, f"{method} {url}: waiting {wait:.0f} s as Retry-After says")
                    continue
                elif status >= 500:
                    last_problem = f"server error HTTP {status}"
                else:
                    raise PxWebError(f"{method} {url}: HTTP {status} {_body_hint(response)}")
            if attempt < self.max_retries:
                pause = self.backoff * 2**attempt
                if pause >= self._run_left():
                    raise PxWebError(
                        f"{method} {url}: {last_problem}; no time left to retry "
                        f"within the refresh's {self.run_limit:g} s limit"
                    )
                log.info("%s %s: %s; retrying in %.1f s", method, url, last_problem, pause)
                self._pause(pause, f"{method} {url}: {last_problem}; waiting to retry")
        raise PxWebError(f"{method} {url}: {last_problem} after {self.max_retries + 1} attempts")

    # --- waits, deadlines and origin --------------------------------------------------------------

    def _wait_for_limit(self, method: str, url: str) -> None:
        """Wait until the API's call limit allows one more call; never past the refresh's deadline."""
        if self.limiter is None:
            return
        calls = self.limiter.max_calls
        limit = f"the API's limit of {calls} call{'s' * (calls != 1)} per {self.limiter.window:g} s"
        while pause := self.limiter.delay():
            if pause > self._run_left():
                raise PxWebError(
                    f"{method} {url}: not sent, {limit} would wait past the refresh's {self.run_limit:g} s limit"
                )
            self._pause(pause, f"{method} {url}: waiting for {limit}")

    def _pause(self, seconds: float, why: str) -> None:
        """Sleep, or with a stop event wait on it: a refresh asked to end stops waiting at once."""
        if self.stop is None:
            self._sleep(seconds)
        elif self.stop.wait(seconds):
            raise PxWebError(f"{why}; stopped, the refresh was asked to end")

    def set_run_deadline(self, seconds: float) -> None:
        """Every request from now on must be over within `seconds` of now, whatever else it allows."""
        self.run_limit = seconds
        self.run_deadline = time.monotonic() + seconds

    def _run_left(self) -> float:
        return float("inf") if self.run_deadline is None else self.run_deadline - time.monotonic()

    def _start_deadline(self, method: str, url: str) -> None:
        left = self._run_left()
        if self.stop is not None and self.stop.is_set():
            raise PxWebError(f"{method} {url}: not sent, the refresh was asked to end")
        if left <= 0:
            raise PxWebError(f"{method} {url}: not sent, the refresh's {self.run_limit:g} s limit is over")
        if left < self.request_deadline:
            self.adapter.deadline = time.monotonic() + left
            self.adapter.deadline_reason = f"answer not complete when the refresh's {self.run_limit:g} s limit ran out"
        else:
            self.adapter.deadline = time.monotonic() + self.request_deadline
            self.adapter.deadline_reason = f"answer not complete after {self.request_deadline:g} s"

    def _refuse_foreign_redirect(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        """Each redirect is a call to the API: counted, and the next one waits for the call limit."""
        if response.is_redirect:
            self._count_network_call(0)
            target = urljoin(response.url, response.headers.get("Location", ""))
            if origin(target) != origin(self.base_url):
                response.close()
                raise ForeignRedirectError(
                    f"redirected (HTTP {response.status_code}) to {outside_text(target)}, off {self.base_url}"
                )
            self._wait_for_limit(response.request.method or "GET", outside_text(target))

    def _count_network_call(self, size: int) -> None:
        self.stats.requests += 1
        self.stats.bytes += size
        if self.limiter is not None:
            self.limiter.record()


def _short(exc: BaseException) -> str:
    lines = str(exc).splitlines()
    return outside_text(lines[0]) if lines else type(exc).__name__


def _body_hint(response: requests.Response) -> str:
    text = outside_text(response.text)
    return f"({text})" if text else ""

"""Settings read from the environment, in one place: what the app, the commands and the refresher use."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[2] / "cache"
DEFAULT_REFRESH_INTERVAL_S = 600
MB = 2**20


class SettingsError(ValueError):
    """An environment variable that does not parse."""


@dataclass(frozen=True)
class RefreshLimits:
    """How long and how large a refresh may get: a hostile or broken upstream must end in bounded time and memory."""

    refresh_deadline_s: float = 240.0  # the whole refresh, every request and retry included
    request_deadline_s: float = 120.0  # one answer, headers to last byte (a read timeout bounds one read only)
    lock_wait_s: float = 300.0  # how long a refresh waits for one already running before giving up
    max_answer_bytes: int = 25 * MB  # one answer, raw and decompressed
    http_cache_max_bytes: int = 64 * MB  # the HTTP cache file; emptied when a refresh leaves it larger


@dataclass(frozen=True)
class Settings:
    base_url: str  # PxWeb v1 API root with the language, e.g. https://pxdata.stat.fi/PxWeb/api/v1/fi
    cache_dir: Path  # snapshots, provenance, the HTTP cache
    refresh_interval_s: int  # background refresh period; 0 turns the refresher off
    limits: RefreshLimits = RefreshLimits()
    database_url: str = ""  # what people write in the app (data_sources/records); "" = SQLite in cache_dir


def database_url(environ: Mapping[str, str], cache_dir: Path) -> str:
    """`DATABASE_URL` when set (postgresql+psycopg://user:password@host/db), else an SQLite file in the cache folder."""
    url = (environ.get("DATABASE_URL") or "").strip()
    if url.startswith(("postgres://", "postgresql://")):  # as most hosts write it: the driver named here
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url or f"sqlite:///{Path(cache_dir).resolve() / 'records.sqlite'}"


def _int(environ: Mapping[str, str], name: str, default: int) -> int:
    text = (environ.get(name) or "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()):
        raise SettingsError(f"{name}={text!r} is not a whole number")
    return int(text)


def load_limits(environ: Mapping[str, str] | None = None) -> RefreshLimits:
    """REFRESH_DEADLINE_S, REQUEST_DEADLINE_S, LOCK_WAIT_S (seconds), MAX_ANSWER_MB, HTTP_CACHE_MAX_MB."""
    environ = os.environ if environ is None else environ
    default = RefreshLimits()
    return RefreshLimits(
        refresh_deadline_s=float(_int(environ, "REFRESH_DEADLINE_S", int(default.refresh_deadline_s))),
        request_deadline_s=float(_int(environ, "REQUEST_DEADLINE_S", int(default.request_deadline_s))),
        lock_wait_s=float(_int(environ, "LOCK_WAIT_S", int(default.lock_wait_s))),
        max_answer_bytes=_int(environ, "MAX_ANSWER_MB", default.max_answer_bytes // MB) * MB,
        http_cache_max_bytes=_int(environ, "HTTP_CACHE_MAX_MB", default.http_cache_max_bytes // MB) * MB,
    )


def load_settings(environ: Mapping[str, str] | None = None, default_base_url: str | None = None) -> Settings:
    """The settings from `environ` (the process environment by default); unset values take defaults."""
    environ = os.environ if environ is None else environ
    if default_base_url is None:
        from data_sources.domain.catalog import load_catalog

        default_base_url = load_catalog().base_url
    cache_dir = Path(environ.get("CACHE_DIR") or DEFAULT_CACHE_DIR)
    return Settings(
        base_url=(environ.get("PXWEB_BASE_URL") or default_base_url).rstrip("/"),
        cache_dir=cache_dir,
        refresh_interval_s=_int(environ, "REFRESH_INTERVAL_S", DEFAULT_REFRESH_INTERVAL_S),
        limits=load_limits(environ),
        database_url=database_url(environ, cache_dir),
    )

"""Settings read from the environment, in one place: what the app, the commands and the refresher use."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CACHE_DIR = Path(__file__).resolve().parent.parent / "cache"
DEFAULT_REFRESH_INTERVAL_S = 600


class SettingsError(ValueError):
    """An environment variable that does not parse."""


@dataclass(frozen=True)
class Settings:
    base_url: str  # PxWeb v1 API root with the language, e.g. https://pxdata.stat.fi/PxWeb/api/v1/fi
    cache_dir: Path  # snapshots, provenance, the HTTP cache
    refresh_interval_s: int  # background refresh period; 0 turns the refresher off


def _int(environ: Mapping[str, str], name: str, default: int) -> int:
    text = (environ.get(name) or "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()):
        raise SettingsError(f"{name}={text!r} is not a whole number of seconds")
    return int(text)


def load_settings(environ: Mapping[str, str] | None = None, default_base_url: str | None = None) -> Settings:
    """The settings from `environ` (the process environment by default); unset values take defaults."""
    environ = os.environ if environ is None else environ
    if default_base_url is None:
        from data_sources.catalog import load_catalog

        default_base_url = load_catalog().base_url
    return Settings(
        base_url=(environ.get("PXWEB_BASE_URL") or default_base_url).rstrip("/"),
        cache_dir=Path(environ.get("CACHE_DIR") or DEFAULT_CACHE_DIR),
        refresh_interval_s=_int(environ, "REFRESH_INTERVAL_S", DEFAULT_REFRESH_INTERVAL_S),
    )

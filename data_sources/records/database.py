"""The database: SQLite beside the snapshots by default, PostgreSQL by `DATABASE_URL`; migrated at start (Alembic)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def shown_url(url: str) -> str:
    """The URL without its password, for a log line or a page."""
    head, sep, tail = url.rpartition("@")
    if not sep:
        return url
    scheme, _, credentials = head.partition("://")
    return f"{scheme}://{credentials.split(':')[0]}:***@{tail}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 (SQLAlchemy's event signature)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 10000")  # several app processes on one file wait, never fail at once
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; several processes starting at once migrate it once."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":  # the first process migrates, the others wait and find it done
            connection.execute(text("SELECT pg_advisory_xact_lock(210021)"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(url: str) -> Engine:
    """The engine for `url`, migrated; one per URL and process."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, pool_pre_ping=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            migrate(engine)
            log.info("database %s ready", shown_url(url))
            _engines[url] = engine
        return engine


def exists(url: str) -> bool:
    """Whether there is a database to read (an SQLite file not yet made means nothing was written)."""
    return not url.startswith("sqlite:///") or Path(url.removeprefix("sqlite:///")).exists()

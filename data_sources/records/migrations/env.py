"""Alembic's environment: migrate the connection `database.migrate` hands over (no alembic.ini, no URL here)."""

from __future__ import annotations

from alembic import context

from data_sources.records.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

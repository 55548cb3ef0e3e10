"""Figures entered per half-year (Tulli's exports, Kela's municipal share, ...), and them frozen in a final mark."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entered_figure",
        sa.Column("half", sa.String(6), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.JSON, nullable=False),
        sa.Column("period", sa.String(64), nullable=False),
        sa.Column("source", sa.String(400), nullable=False),
        sa.Column("entered_by", sa.String(200), nullable=False),
        sa.Column("entered_on", sa.Date, nullable=False),
    )
    with op.batch_alter_table("final_half") as batch:
        batch.add_column(sa.Column("entered", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("final_half") as batch:
        batch.drop_column("entered")
    op.drop_table("entered_figure")

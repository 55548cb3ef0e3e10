"""The first schema: assessments, meeting dates, final half-years and the change history."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment",
        sa.Column("half", sa.String(6), primary_key=True),
        sa.Column("goal", sa.String(16), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("assessment", sa.Text, nullable=False),
        sa.Column("assessor", sa.String(200), nullable=False),
        sa.Column("day", sa.Date, nullable=True),
    )
    op.create_table(
        "meetings", sa.Column("id", sa.Integer, primary_key=True), sa.Column("days", sa.JSON, nullable=False)
    )
    op.create_table(
        "final_half",
        sa.Column("half", sa.String(6), primary_key=True),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("marked_by", sa.String(320), nullable=False),
        sa.Column("assessments", sa.JSON, nullable=False),
    )
    op.create_table(
        "change",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("who", sa.String(320), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("before", sa.JSON, nullable=True),
        sa.Column("after", sa.JSON, nullable=True),
    )


def downgrade() -> None:
    for table in ("change", "final_half", "meetings", "assessment"):
        op.drop_table(table)

"""The database's tables (SQLAlchemy 2): the current state, and every change with who, when, before and after."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class AssessmentRow(Base):
    """A goal's current assessment for a half-year (the newest change to it)."""

    __tablename__ = "assessment"

    half: Mapped[str] = mapped_column(String(6), primary_key=True)  # 2026H1
    goal: Mapped[str] = mapped_column(String(16), primary_key=True)  # 4.4.2
    state: Mapped[str] = mapped_column(String(16))
    assessment: Mapped[str] = mapped_column(Text, default="")
    assessor: Mapped[str] = mapped_column(String(200), default="")
    day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class EnteredRow(Base):
    """A figure no PxWeb API serves, as entered for a half-year (the newest change to it; migration 0002)."""

    __tablename__ = "entered_figure"

    half: Mapped[str] = mapped_column(String(6), primary_key=True)  # 2026H1
    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # the programme indicator's `entered:`
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[dict[str, str]] = mapped_column(JSON)  # {fi, sv, en}
    period: Mapped[str] = mapped_column(String(64))  # what the figure covers, as its source says it
    source: Mapped[str] = mapped_column(String(400))
    entered_by: Mapped[str] = mapped_column(String(200))  # an organisation or a role
    entered_on: Mapped[dt.date] = mapped_column(Date)


class MeetingsRow(Base):
    """The steering group's meeting dates as one list (one row: id 1); absent until the secretary enters them."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    days: Mapped[list[str]] = mapped_column(JSON)  # ISO dates, newest first


class FinalRow(Base):
    """A half-year marked final: the assessments and entered figures as they were then, which the report prints."""

    __tablename__ = "final_half"

    half: Mapped[str] = mapped_column(String(6), primary_key=True)
    marked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    marked_by: Mapped[str] = mapped_column(String(320))
    assessments: Mapped[dict[str, dict[str, str | None]]] = mapped_column(JSON)
    # the entered figures as they were then (by key); None for a half marked before they were kept here
    entered: Mapped[dict[str, dict] | None] = mapped_column(JSON, nullable=True)


class ChangeRow(Base):
    """One write, kept for ever: who, when, what (kind and target), the value before and after."""

    __tablename__ = "change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    who: Mapped[str] = mapped_column(String(320), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # assessment | entered | meetings | final | import
    target: Mapped[str] = mapped_column(String(64))  # e.g. "2026H1 4.1.1"
    before: Mapped[object] = mapped_column(JSON, nullable=True)
    after: Mapped[object] = mapped_column(JSON, nullable=True)

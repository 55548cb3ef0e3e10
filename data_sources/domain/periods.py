"""Months and half-years: one type for each period the statistics and the programme speak of.

The tidy snapshot keeps a month as the Timestamp of its first day (column `period`); PxWeb writes it
`2026M06`, the URL `2026-06`, the programme's follow-up speaks of half-years `2026H1`. Every
conversion between these forms is here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

_MONTH = re.compile(r"^(\d{4})(?:M|-)(\d{2})(?:-01)?$")
_HALF = re.compile(r"^(\d{4})H([12])$")


class PeriodError(ValueError):
    """A text that is not a month or half-year in any of the known forms."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 2200:
            raise PeriodError(f"no such month: {self.year}-{self.month}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """'2026M06', '2026-06' or '2026-06-01' -> Month(2026, 6); anything else raises PeriodError."""
        match = _MONTH.match(str(text).strip())
        if not match or not text.isascii():
            raise PeriodError(f"{text!r} is not a month like 2026-06 or 2026M06")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, stamp: pd.Timestamp) -> Month:
        return cls(stamp.year, stamp.month)

    @property
    def start(self) -> pd.Timestamp:
        """The first day, as the snapshot's `period` column holds it."""
        return pd.Timestamp(self.year, self.month, 1)

    @property
    def key(self) -> str:
        """'2026-06': the form in URLs and file names."""
        return f"{self.year:04d}-{self.month:02d}"

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)


@dataclass(frozen=True, order=True)
class HalfYear:
    year: int
    half: int  # 1 = January–June, 2 = July–December

    @classmethod
    def parse(cls, text: str) -> HalfYear:
        match = _HALF.match(str(text).strip().upper())
        if not match:
            raise PeriodError(f"half-year {text!r} is not like 2026H1 or 2025H2")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, month: Month) -> HalfYear:
        return cls(month.year, 1 if month.month <= 6 else 2)

    @property
    def key(self) -> str:
        return f"{self.year}H{self.half}"

    @property
    def last_month(self) -> Month:
        return Month(self.year, 6 if self.half == 1 else 12)

    @property
    def previous(self) -> HalfYear:
        return HalfYear(self.year, 1) if self.half == 2 else HalfYear(self.year - 1, 2)


# A table's periods in months: a month, a quarter or a year (catalog `frequency`). The snapshot keeps every period as
# the Month of its first day (a quarter as its first month, a year as January), so a period `step` months long
# starting at that Month is one figure, and the same period a year earlier is always 12 months back.
STEP_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


def last_period_by(month: Month, step: int) -> Month:
    """The first month of the latest period of `step` months that has ended by the end of `month`.

    3/2021: the month 3/2021 itself, the quarter 1–3/2021, the year 2020 (2021 had not ended).
    """
    months = month.year * 12 + month.month  # months up to and including `month`
    start = (months // step) * step - step
    return Month(start // 12, start % 12 + 1)


# Charts start here unless the user chooses otherwise.
DEFAULT_START = Month(2018, 1)


def halves_between(first: Month, last: Month) -> list[HalfYear]:
    """Every half-year whose last month lies within first..last, newest first."""
    halves = []
    half = HalfYear.containing(last)
    while half.last_month >= first:
        if half.last_month <= last:
            halves.append(half)
        half = half.previous
    return halves

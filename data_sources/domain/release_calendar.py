"""When a table's next release is expected, and whether a release is new: from stored periods and the catalog.

Statistics Finland publishes a table's next period about `release_lag_days` after that period
ends (catalog.yaml); the estimate is that, and says it is one. Dates are Finnish calendar days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from data_sources.domain.catalog import Catalog, Table
from data_sources.domain.periods import STEP_MONTHS

HELSINKI = "Europe/Helsinki"


def next_period(last_period: pd.Timestamp, frequency: str) -> pd.Timestamp:
    """The period after `last_period` (a period's first day): the next month, quarter or year."""
    return pd.Timestamp(last_period) + pd.DateOffset(months=STEP_MONTHS[frequency])


def period_end(period: pd.Timestamp, frequency: str) -> date:
    """The last day of a period given by its first day: 2026-07-01 monthly -> 31.7.2026, quarterly -> 30.9.2026."""
    return (next_period(period, frequency) - pd.Timedelta(days=1)).date()


def expected_release(table: Table, last_period: pd.Timestamp) -> date:
    """The day the period after `last_period` is expected out: its end plus the table's usual lag."""
    return period_end(next_period(last_period, table.frequency), table.frequency) + timedelta(
        days=table.release_lag_days
    )


def release_day(release: str | pd.Timestamp) -> date:
    """A release stamp (ISO 8601, UTC) as the Finnish calendar day it was published."""
    stamp = pd.Timestamp(release)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(HELSINKI).date()


@dataclass(frozen=True)
class ReleaseOutlook:
    table_key: str
    last_period: pd.Timestamp | None  # the newest period stored; None when the table has no figures
    released: date | None  # the day the stored release came out
    next_expected: date | None  # the estimate for the next period
    overdue: bool  # the expected day has passed and the next period is not stored yet


def release_outlook(table: Table, last_period: pd.Timestamp | None, release: str | None, today: date) -> ReleaseOutlook:
    """One table's stored release and the estimate of its next one, seen on `today`."""
    if last_period is None or pd.isna(last_period):
        return ReleaseOutlook(table.key, None, release_day(release) if release else None, None, False)
    expected = expected_release(table, last_period)
    return ReleaseOutlook(
        table.key, pd.Timestamp(last_period), release_day(release) if release else None, expected, today > expected
    )


def release_outlooks(
    frame: pd.DataFrame, releases: dict[str, str], catalog: Catalog, today: date
) -> dict[str, ReleaseOutlook]:
    """Every catalog table's outlook from a snapshot frame (columns `table`, `period`) and its release stamps."""
    last = frame.groupby("table")["period"].max() if len(frame) else pd.Series(dtype="datetime64[ns]")
    return {
        key: release_outlook(table, last.get(table.path), releases.get(key), today)
        for key, table in catalog.tables.items()
    }

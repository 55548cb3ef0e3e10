"""When the next release is expected and whether a release is new; the date-and-time format."""

from __future__ import annotations

from datetime import date

import pandas as pd

from data_sources.domain.release_calendar import expected_release, release_day, release_outlooks
from figures.formats import fmt_datetime


def test_the_next_monthly_release_is_the_next_months_end_plus_the_lag(catalog):
    table = catalog.tables["tyonv_12r5"]
    assert table.release_lag_days == 25
    # June stored -> July's figures, July ends 31.7., + 25 days
    assert expected_release(table, pd.Timestamp("2026-06-01")) == date(2026, 8, 25)
    assert expected_release(table, pd.Timestamp("2026-12-01")) == date(2027, 2, 25)


def test_the_next_yearly_release_is_the_next_years_end_plus_the_lag(catalog):
    table = catalog.tables["vaerak_11ra"]
    assert table.release_lag_days == 150
    assert expected_release(table, pd.Timestamp("2025-01-01")) == date(2027, 5, 30)


def test_the_next_quarterly_release_is_the_next_quarters_end_plus_the_lag(catalog):
    table = catalog.tables["aly_11yq"]
    assert (table.frequency, table.release_lag_days) == ("quarterly", 75)
    # 2025Q3 stored (its first day 1.7.2025) -> 2025Q4's figures, the quarter ends 31.12.2025, + 75 days = 16.3.2026
    assert expected_release(table, pd.Timestamp("2025-07-01")) == date(2026, 3, 16)
    # 2026Q1 stored -> 2026Q2 ends 30.6.2026, + 75 days = 13.9.2026
    assert expected_release(table, pd.Timestamp("2026-01-01")) == date(2026, 9, 13)


def test_a_release_day_is_the_finnish_calendar_day():
    assert release_day("2026-07-21T05:00:00Z") == date(2026, 7, 21)
    assert release_day("2026-07-20T22:30:00Z") == date(2026, 7, 21), "01.30 in Helsinki is already the 21st"


def test_outlooks_from_the_snapshot(real_cache, catalog):
    from data_sources.snapshots.dataset import load_dataset

    data = load_dataset(real_cache, catalog)
    releases = {key: prov.release for key, prov in data.provenance.items()}
    on_time = release_outlooks(data.frame, releases, catalog, date(2026, 8, 25))
    monthly = on_time["tyonv_12r5"]
    assert monthly.last_period == pd.Timestamp("2026-06-01")
    assert (monthly.released, monthly.next_expected, monthly.overdue) == (date(2026, 7, 21), date(2026, 8, 25), False)
    assert release_outlooks(data.frame, releases, catalog, date(2026, 8, 26))["tyonv_12r5"].overdue
    assert on_time["vaerak_11ra"].next_expected == date(2027, 5, 30)
    empty = release_outlooks(data.frame.iloc[0:0], {}, catalog, date(2026, 8, 25))["tyonv_12r5"]
    assert (empty.last_period, empty.next_expected, empty.overdue) == (None, None, False)


def test_fmt_datetime_in_finnish_time():
    assert fmt_datetime("2026-12-01T10:42:00Z", "fi") == "1.12.2026 klo 12.42"
    assert fmt_datetime("2026-12-01T10:42:00Z", "sv") == "1.12.2026 kl. 12.42"
    assert fmt_datetime("2026-07-01T06:05:00Z", "en") == "1 Jul 2026 9:05"
    assert fmt_datetime(None) == ".."

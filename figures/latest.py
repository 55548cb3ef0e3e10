"""The latest figure of a series for an area, with its changes, and ranks across areas."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from data_sources.snapshots.series_frame import is_lower_bound


@dataclass(frozen=True)
class Latest:
    """One series' latest figure for one area with its changes."""

    series_id: str
    area_code: str
    period: pd.Timestamp | None
    value: float
    status: str | None
    month_change: float
    year_change: float
    year_change_pct: float
    history: pd.DataFrame  # period, value: the last 25 months for a sparkline


def latest(frame: pd.DataFrame, series_id: str, area_code: str) -> Latest:
    rows = frame[(frame["series"] == series_id) & (frame["area_code"] == area_code)].sort_values("period")
    if rows.empty:
        return Latest(series_id, area_code, None, math.nan, None, math.nan, math.nan, math.nan, rows)
    # a sum with a suppressed part is only a lower bound: shown, never compared
    bound = rows["status"].map(is_lower_bound).astype(bool)
    by_period = rows[~bound].set_index("period")["value"]
    last = rows.iloc[-1]
    period = last["period"]
    value = float(last["value"])
    compared = value if period in by_period.index else math.nan
    previous = by_period.get(period - pd.DateOffset(months=1), math.nan)
    year_before = by_period.get(period - pd.DateOffset(years=1), math.nan)
    pct = 100 * (compared - year_before) / year_before if year_before and not math.isnan(year_before) else math.nan
    status = None if pd.isna(last["status"]) else str(last["status"])
    return Latest(
        series_id,
        area_code,
        period,
        value,
        status,
        compared - previous,
        compared - year_before,
        pct,
        # a lower bound is a gap in the sparkline, not a dip
        rows[["period"]].assign(value=rows["value"].where(~bound)).tail(25).reset_index(drop=True),
    )


def latest_table(
    frame: pd.DataFrame, series_ids: tuple[str, ...] | list[str], areas: tuple[str, ...] | list[str]
) -> dict[tuple[str, str], Latest]:
    """`latest` of every series in every area, the frame split once (not filtered again for each pair)."""
    wanted = frame[frame["series"].isin(series_ids) & frame["area_code"].isin(areas)]
    groups = {key: rows for key, rows in wanted.groupby(["series", "area_code"], sort=False)}
    return {(s, a): latest(groups.get((s, a), wanted.iloc[0:0]), s, a) for s in series_ids for a in areas}


def rank_areas(values: dict[str, float], descending: bool = True) -> dict[str, int]:
    """1 = highest (or lowest when not descending); missing values get no rank."""
    known = {k: v for k, v in values.items() if v is not None and not math.isnan(v)}
    ordered = sorted(known, key=lambda k: known[k], reverse=descending)
    return {code: i + 1 for i, code in enumerate(ordered)}

"""The latest figure of a series for an area, with its changes, and ranks across areas."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
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
    return _latest_of_rows(
        frame[(frame["series"] == series_id) & (frame["area_code"] == area_code)], series_id, area_code
    )


def _latest_of_rows(rows: pd.DataFrame, series_id: str, area_code: str) -> Latest:
    """`latest` of one series' rows in one area (in plain arrays: it runs for every row of every table)."""
    if rows.empty:
        return Latest(series_id, area_code, None, math.nan, None, math.nan, math.nan, math.nan, rows)
    if not rows["period"].is_monotonic_increasing:
        rows = rows.sort_values("period")
    periods = rows["period"].to_numpy()
    values = rows["value"].to_numpy(dtype=float)
    statuses = [None if pd.isna(s) else str(s) for s in rows["status"].tolist()]
    # a sum with a suppressed part is only a lower bound: shown, never compared
    bound = np.array([is_lower_bound(s) for s in statuses], dtype=bool)
    stamps = periods[~bound].astype("datetime64[ns]").astype(np.int64).tolist()
    compared_values = dict(zip(stamps, values[~bound], strict=True))
    period = pd.Timestamp(periods[-1])
    value = float(values[-1])
    compared = value if not bound[-1] else math.nan

    def before(offset: pd.DateOffset) -> float:
        return float(compared_values.get((period - offset).value, math.nan))

    previous, year_before = before(pd.DateOffset(months=1)), before(pd.DateOffset(years=1))
    pct = 100 * (compared - year_before) / year_before if year_before and not math.isnan(year_before) else math.nan
    # a lower bound is a gap in the sparkline, not a dip
    history = pd.DataFrame({"period": periods[-25:], "value": np.where(bound, np.nan, values)[-25:]})
    return Latest(
        series_id,
        area_code,
        period,
        value,
        statuses[-1],
        compared - previous,
        compared - year_before,
        pct,
        history,
    )


def latest_table(
    frame: pd.DataFrame, series_ids: tuple[str, ...] | list[str], areas: tuple[str, ...] | list[str]
) -> dict[tuple[str, str], Latest]:
    """`latest` of every series in every area, the frame split once (not filtered again for each pair)."""
    wanted = frame[frame["series"].isin(series_ids) & frame["area_code"].isin(areas)]
    groups = {key: rows for key, rows in wanted.groupby(["series", "area_code"], sort=False)}
    return {(s, a): _latest_of_rows(groups.get((s, a), wanted.iloc[0:0]), s, a) for s in series_ids for a in areas}


def rank_areas(values: dict[str, float], descending: bool = True) -> dict[str, int]:
    """1 = highest (or lowest when not descending); missing values get no rank."""
    known = {k: v for k, v in values.items() if v is not None and not math.isnan(v)}
    ordered = sorted(known, key=lambda k: known[k], reverse=descending)
    return {code: i + 1 for i, code in enumerate(ordered)}

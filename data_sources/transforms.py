"""Pure transforms over the tidy snapshot: views (level, share, index, yearly change), changes, ranks."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from data_sources.catalog import Catalog

INDEX_BASE = pd.Timestamp(2021, 3, 1)  # the programme was approved 23.3.2021
VIEWS = ("level", "share", "index", "yoy")


def select(frame: pd.DataFrame, series_id: str, areas: tuple[str, ...] | list[str],
           start: pd.Timestamp | None = None, end: pd.Timestamp | None = None) -> pd.DataFrame:
    """Rows of one series for some areas (in that order) within a period range."""
    rows = frame[(frame["series"] == series_id) & frame["area_code"].isin(areas)]
    if start is not None:
        rows = rows[rows["period"] >= start]
    if end is not None:
        rows = rows[rows["period"] <= end]
    order = {code: i for i, code in enumerate(areas)}
    return rows.sort_values(["area_code", "period"], key=lambda c: c.map(order) if c.name == "area_code" else c,
                            kind="mergesort").reset_index(drop=True)


def _population_by_month(frame: pd.DataFrame, periods: pd.Series, areas: pd.Series) -> pd.Series:
    """Population at the end of the previous year for each month (the latest known if newer is missing)."""
    pop = frame[frame["series"] == "population"][["area_code", "period", "value"]].dropna()
    if pop.empty:
        return pd.Series(math.nan, index=periods.index)
    pop = pop.assign(valid_from=pop["period"] + pd.DateOffset(years=1)).sort_values("valid_from")
    left = pd.DataFrame({"area_code": areas, "period": periods, "_row": periods.index}).sort_values("period")
    merged = pd.merge_asof(left, pop[["area_code", "valid_from", "value"]], left_on="period",
                           right_on="valid_from", by="area_code", direction="backward")
    # months before the first population figure use the earliest one
    first = pop.groupby("area_code")["value"].first()
    merged["value"] = merged["value"].fillna(merged["area_code"].map(first))
    return merged.set_index("_row")["value"].reindex(periods.index)


def view_supported(catalog: Catalog, series_id: str, view: str) -> bool:
    series = catalog.series_by_id(series_id)
    return not (view == "share" and series.per == "none")


def apply_view(rows: pd.DataFrame, view: str, catalog: Catalog, frame: pd.DataFrame) -> pd.DataFrame:
    """Adds `shown` (the figure in the chosen view) to rows of one series; NaN stays NaN."""
    rows = rows.copy()
    series = catalog.series_by_id(rows["series"].iloc[0]) if len(rows) else None
    if series is None or view == "level" or not view_supported(catalog, series.id, view):
        rows["shown"] = rows["value"]
    elif view == "share":
        if series.per == "labour_force":
            force = frame[frame["series"] == "labour_force"].set_index(["area_code", "period"])["value"]
            denominators = pd.MultiIndex.from_frame(rows[["area_code", "period"]]).map(force.to_dict())
            rows["shown"] = 100 * rows["value"] / pd.Series(denominators, index=rows.index, dtype=float)
        else:
            rows["shown"] = 1000 * rows["value"] / _population_by_month(frame, rows["period"], rows["area_code"])
    elif view == "index":
        base = rows[rows["period"] == INDEX_BASE].set_index("area_code")["value"]
        if base.empty:
            base = frame[(frame["series"] == series.id) & (frame["period"] == INDEX_BASE)].set_index(
                "area_code")["value"]
        rows["shown"] = 100 * rows["value"] / rows["area_code"].map(base)
    elif view == "yoy":
        rows["shown"] = rows["value"] - year_ago(rows, frame)
    else:
        raise ValueError(f"unknown view {view!r}")
    return rows


def year_ago(rows: pd.DataFrame, frame: pd.DataFrame) -> pd.Series:
    """The value of the same series and area twelve months before each row (NaN if unknown)."""
    series_ids = rows["series"].unique()
    known = frame[frame["series"].isin(series_ids)].set_index(["series", "area_code", "period"])["value"]
    keys = zip(rows["series"], rows["area_code"], rows["period"] - pd.DateOffset(years=1), strict=True)
    lookup = known.to_dict()
    return pd.Series([lookup.get(k, math.nan) for k in keys], index=rows.index, dtype=float)


def moving_average(rows: pd.DataFrame, column: str = "shown", months: int = 12) -> pd.Series:
    """Trailing mean per area over `months` months; missing when any month in the window is missing."""
    return rows.groupby("area_code", sort=False)[column].transform(
        lambda s: s.rolling(months, min_periods=months).mean())


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
    by_period = rows.set_index("period")["value"]
    last = rows.iloc[-1]
    period = last["period"]
    value = float(last["value"])
    previous = by_period.get(period - pd.DateOffset(months=1), math.nan)
    year_before = by_period.get(period - pd.DateOffset(years=1), math.nan)
    pct = 100 * (value - year_before) / year_before if year_before and not math.isnan(year_before) else math.nan
    status = None if pd.isna(last["status"]) else str(last["status"])
    return Latest(series_id, area_code, period, value, status, value - previous, value - year_before, pct,
                  rows[["period", "value"]].tail(25).reset_index(drop=True))


def rank_areas(values: dict[str, float], descending: bool = True) -> dict[str, int]:
    """1 = highest (or lowest when not descending); missing values get no rank."""
    known = {k: v for k, v in values.items() if v is not None and not math.isnan(v)}
    ordered = sorted(known, key=lambda k: known[k], reverse=descending)
    return {code: i + 1 for i, code in enumerate(ordered)}

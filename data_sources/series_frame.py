"""Pure steps from a table's raw cells to the tidy series frame the app reads, and its checks."""

from __future__ import annotations

import pandas as pd

from data_sources.catalog import Catalog, Table
from data_sources.jsonstat import period_start

SNAPSHOT_COLUMNS = [
    "series",
    "table",
    "content_code",
    "area_code",
    "area_name",
    "period",
    "value",
    "status",
]


def cells_to_series(cells: pd.DataFrame, table: Table, catalog: Catalog) -> pd.DataFrame:
    """One row per series × area × period, in catalog order.

    A formula series is the sum of its codes and is missing when any part is missing (a
    suppressed part would otherwise make the sum look smaller than it is).
    """
    area_order = {code: i for i, code in enumerate(catalog.area_codes)}
    cells = cells.rename(
        columns={
            table.area_variable: "area_code",
            table.time_variable: "time_code",
            table.content_variable: "code",
        }
    )
    cells = cells[cells["area_code"].isin(area_order)]
    periods = {code: period_start(code) for code in cells["time_code"].unique()}
    parts = []
    for series in catalog.series_for_table(table.key):
        wanted = cells[cells["code"].isin(series.codes)]
        if series.is_formula:
            values = wanted.pivot_table(
                index=["area_code", "time_code"], columns="code", values="value", aggfunc="first", dropna=False
            )
            values = values.reindex(columns=list(series.codes))
            summed = values.sum(axis=1, min_count=len(series.codes))
            summed[values.isna().any(axis=1)] = float("nan")
            status = wanted.dropna(subset=["status"]).groupby(["area_code", "time_code"])["status"].first()
            part = summed.rename("value").to_frame().join(status).reset_index()
        else:
            part = wanted[["area_code", "time_code", "value", "status"]].copy()
        part["series"] = series.id
        part["content_code"] = series.content_code
        parts.append(part)
    if not parts:
        return empty_snapshot()
    tidy = pd.concat(parts, ignore_index=True)
    tidy["table"] = table.path
    tidy["area_name"] = tidy["area_code"].map(lambda c: catalog.area(c).name["fi"])
    tidy["period"] = tidy["time_code"].map(periods).astype("datetime64[ns]")
    tidy["value"] = tidy["value"].astype(float)
    tidy["status"] = tidy["status"].astype("string")
    series_order = {s.id: i for i, s in enumerate(catalog.series)}
    tidy = tidy.sort_values(
        by=["series", "area_code", "period"],
        key=lambda col: (
            col.map(series_order) if col.name == "series" else col.map(area_order) if col.name == "area_code" else col
        ),
        kind="mergesort",
    )
    return tidy[SNAPSHOT_COLUMNS].reset_index(drop=True)


def empty_snapshot() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="string") for c in SNAPSHOT_COLUMNS})
    frame["period"] = pd.Series(dtype="datetime64[ns]")
    frame["value"] = pd.Series(dtype=float)
    return frame


def release_problems(new: pd.DataFrame, table: Table, catalog: Catalog, previous: pd.DataFrame | None) -> list[str]:
    """Reasons a fetched release must not replace the stored one; empty when it is fit to store."""
    if new.empty:
        return [f"{table.path}: the answer holds no figures"]
    problems = []
    expected = {(s.id, a) for s in catalog.series_for_table(table.key) for a in catalog.area_codes}
    present = set(zip(new["series"], new["area_code"], strict=True))
    missing_areas = sorted({a for _, a in expected - present})
    if missing_areas:
        problems.append(f"{table.path}: areas missing from the release: {', '.join(missing_areas)}")
    if new.duplicated(["series", "area_code", "period"]).any():
        problems.append(f"{table.path}: the same figure appears twice")
    if new["value"].isna().all():
        problems.append(f"{table.path}: every value in the release is missing")
    else:
        empty_series = sorted(s for s, g in new.groupby("series") if g["value"].isna().all())
        if empty_series:
            problems.append(f"{table.path}: all values missing for {', '.join(empty_series)}")
    if previous is not None and not previous.empty and not problems:
        if new["period"].max() < previous["period"].max():
            problems.append(
                f"{table.path}: latest period {new['period'].max():%Y-%m} is older than the "
                f"stored {previous['period'].max():%Y-%m}"
            )
        if len(new) < len(previous):
            problems.append(f"{table.path}: {len(new)} figures, fewer than the {len(previous)} stored")
        old_missing = previous["value"].isna().mean()
        new_missing = new["value"].isna().mean()
        if new_missing > old_missing + 0.10:
            problems.append(f"{table.path}: {new_missing:.0%} of values missing, was {old_missing:.0%}")
    return problems

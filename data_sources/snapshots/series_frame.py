"""Pure steps from a table's raw cells to the tidy series frame the app reads, and its checks."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data_sources.domain.catalog import COUNT_UNITS, Catalog, Table, ratio_content_code
from data_sources.pxweb.jsonstat import period_start
from data_sources.pxweb.resolve import Resolution

# A sum with a suppressed part is the sum of its known parts, a lower bound: its status names the
# missing parts ("≥ VALMENNUSLOP"), so it is shown as "vähintään 1 234" and never compared as if whole.
LOWER_BOUND = "≥"
ZERO_SYMBOLS = ("-", ".")


def lower_bound_status(missing: list[str] | tuple[str, ...]) -> str:
    return f"{LOWER_BOUND} {' '.join(missing)}"


def is_lower_bound(status: object) -> bool:
    return isinstance(status, str) and status.startswith(LOWER_BOUND)


def missing_parts(status: object) -> tuple[str, ...]:
    """The content codes a lower bound lacks; () for any other status."""
    return tuple(str(status)[len(LOWER_BOUND) :].split()) if is_lower_bound(status) else ()


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

    A formula series is the sum of its codes. When some parts are suppressed and others known, it is
    the sum of the known parts marked as a lower bound (its status names the missing parts); when every
    part is missing, it is missing with the parts' own symbol.
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
            # '-' is a true zero and '.' a category that does not apply: a sum over them is whole, not a bound
            zeros = wanted[wanted["status"].isin(ZERO_SYMBOLS)].pivot_table(
                index=["area_code", "time_code"], columns="code", values="status", aggfunc="first"
            )
            values = values.mask(zeros.reindex(index=values.index, columns=values.columns).notna(), 0.0)
            summed = values.sum(axis=1, min_count=1)
            symbols = wanted.dropna(subset=["status"]).groupby(["area_code", "time_code"])["status"].first()
            part = summed.rename("value").to_frame().join(symbols.rename("status"))
            gaps = values.isna()
            partial = gaps.any(axis=1) & ~gaps.all(axis=1)
            part.loc[part["value"].notna() & ~partial, "status"] = pd.NA  # a whole sum carries no symbol
            part.loc[partial, "status"] = [
                lower_bound_status([c for c, gap in zip(values.columns, row, strict=True) if gap])
                for row in gaps[partial].to_numpy()
            ]
            part = part.reset_index()
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
    return in_catalog_order(tidy, catalog)[SNAPSHOT_COLUMNS].reset_index(drop=True)


def resolved_cells(cells: pd.DataFrame, resolution: Resolution) -> pd.DataFrame:
    """The cells of a series found by meaning as one figure per area and period: the chosen values summed.

    A sum with a suppressed part is missing (never a part's zero), with the part's symbol; the parts are
    the table's own breakdown of one group, so a lower bound of them would read as the group's figure.
    """
    keys = [resolution.area, resolution.time]
    grouped = cells.groupby(keys, sort=False)
    values = grouped["value"].sum(min_count=1).where(grouped["value"].count() == grouped.size())
    symbols = grouped["status"].first()
    frame = pd.DataFrame({"value": values, "status": symbols.where(values.isna())}).reset_index()
    frame = frame.rename(columns={resolution.area: "area_code", resolution.time: "time_code"})
    frame["status"] = frame["status"].astype("string")
    return frame


def resolved_series(cells: pd.DataFrame, resolution: Resolution, table: Table, catalog: Catalog) -> pd.DataFrame:
    """A series found by meaning as snapshot rows; its content code says the codes chosen (`content_code`)."""
    mine = cells[resolution.area].isin(set(catalog.area_codes))
    for chosen in resolution.chosen:  # the answer may hold other series' values too (asked together)
        if chosen.values:
            mine &= cells[chosen.code].isin(chosen.values)
    tidy = resolved_cells(cells[mine], resolution)
    if tidy.empty:
        return empty_snapshot()
    tidy["series"] = resolution.series_id
    tidy["content_code"] = resolution.content_code
    tidy["table"] = table.path
    tidy["area_name"] = tidy["area_code"].map(lambda c: catalog.area(c).name["fi"])
    tidy["period"] = tidy["time_code"].map({c: period_start(c) for c in tidy["time_code"].unique()})
    tidy["period"] = tidy["period"].astype("datetime64[ns]")
    tidy["value"] = tidy["value"].astype(float)
    return tidy[SNAPSHOT_COLUMNS]


def ratio_rows(frame: pd.DataFrame, table: Table, catalog: Catalog) -> pd.DataFrame:
    """The table's percentages computed from two of its series (`ratio_of`), per area and period.

    100 × part / whole, rounded to the series' decimals; missing (never 0) where either is missing or the whole
    is 0, with the missing one's symbol. A ratio whose parts are not both in `frame` has no rows.
    """
    parts = []
    for series in catalog.ratios_for_table(table.key):
        assert series.ratio_of is not None
        part, whole = (
            frame[frame["series"] == name].set_index(["area_code", "period"])[["area_name", "value", "status"]]
            for name in series.ratio_of
        )
        if part.empty or whole.empty:
            continue
        both = part.join(whole[["value", "status"]].add_suffix("_whole"), how="inner")
        # a part that is only a lower bound (a sum with a suppressed part) gives no share, never a share too low
        bound = both["status"].str.startswith(LOWER_BOUND).fillna(False).astype(bool)
        bound |= both["status_whole"].str.startswith(LOWER_BOUND).fillna(False).astype(bool)
        share = 100 * both["value"] / both["value_whole"].where((both["value_whole"] != 0) & ~bound)
        value = share.map(lambda v, d=series.decimals: round(float(v), d) if pd.notna(v) else np.nan)
        symbol = both["status"].fillna(both["status_whole"]).astype("string")
        rows = pd.DataFrame(
            {"area_name": both["area_name"], "value": value.astype(float), "status": symbol.where(value.isna())}
        ).reset_index()
        rows["series"] = series.id
        rows["table"] = table.path
        rows["content_code"] = ratio_content_code(*series.ratio_of)
        parts.append(rows)
    if not parts:
        return empty_snapshot()
    tidy = pd.concat(parts, ignore_index=True)
    tidy["status"] = tidy["status"].astype("string")
    return tidy[SNAPSHOT_COLUMNS]


def in_catalog_order(rows: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Rows by series and area in catalog order, then by period."""
    series_order = {s.id: i for i, s in enumerate(catalog.series)}
    area_order = {code: i for i, code in enumerate(catalog.area_codes)}
    return rows.sort_values(
        by=["series", "area_code", "period"],
        key=lambda col: (
            col.map(series_order) if col.name == "series" else col.map(area_order) if col.name == "area_code" else col
        ),
        kind="mergesort",
    )


def empty_snapshot() -> pd.DataFrame:
    """No rows, with the dtypes of a table's rows (text as `str`, the status `string`), so that joining it to
    others changes no column's kind (a `string` area code turns a mapped figure's NaN into NA)."""
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in SNAPSHOT_COLUMNS})
    frame["status"] = pd.Series(dtype="string")
    frame["period"] = pd.Series(dtype="datetime64[ns]")
    frame["value"] = pd.Series(dtype=float)
    return frame


# How a release is judged against the last accepted one. Statistics Finland revises recent months
# a little; a broken export changes everything at once.
NEWEST_MONTH_MAX_MISSING = 0.5  # share of the newest month's figures that may be missing, at most…
NEWEST_MONTH_MORE_MISSING = 0.10  # …and at most this much more than in the stored newest month
LOST_FIGURES_ALLOWED = 2  # past figures of one series in one area that may turn missing (re-suppressed)
REVISION_PLAUSIBLE_SHARE = 0.10  # a revision within 10 % of the old value (or within 3) is plausible
REVISION_PLAUSIBLE_ABS = 3.0
IMPLAUSIBLE_REVISIONS_ALLOWED = 10  # figures revised beyond that, at most, and at most 0.5 % of them
IMPLAUSIBLE_REVISIONS_SHARE = 0.005

# What a figure may be at all, checked in every release (the first one too). Counts (persons,
# vacancies) are never negative and never above about twice Finland's population (5.6 million):
# 1e18 or 71 890 000 is a broken export, not a count. Percentages are within 0–100.
MAX_COUNT = 10_000_000
# A region or sub-region is the sum of its municipalities (`region_members`): register counts add up
# exactly, so the tolerance only absorbs rounding (1 %, and at least 2). With a member suppressed the
# region must still hold at least the sum of the known members.
SUM_TOLERANCE_SHARE = 0.01
SUM_TOLERANCE_ABS = 2.0
# A percentage with `share_of` against 100 × its parts: the published rate is rounded to one decimal,
# so a difference over 1 point (and over a tenth of the rate) means figures that do not belong together
# (a release scaled ×3, dimensions mislabelled).
SHARE_TOLERANCE_POINTS = 1.0
SHARE_TOLERANCE_SHARE = 0.1
# A new month against the month before, per area and series. Monthly register counts of an area of
# hundreds of people rarely move by more than 30–50 % (the seasons, a plant's layoffs), so a move of
# over half the previous figure is implausible, unless the area's stored history has seen moves as
# large (lay-offs in spring 2020 grew tenfold): up to twice its largest month-to-month move passes.
# Small municipalities' tiny counts (3 → 9 under-20s) swing by whole people, so a floor of 20 persons
# (5 points for a percentage) always passes.
JUMP_SHARE = 0.5
JUMP_HISTORY_FACTOR = 2.0
JUMP_FLOOR = {"percent": 5.0}
JUMP_FLOOR_COUNT = 20.0
LISTED = 3  # figures named in a refusal; the rest are counted


@dataclass(frozen=True)
class ReleaseJudgement:
    """Whether a fetched release may replace the stored one, and what it revised."""

    problems: list[str] = field(default_factory=list)  # reasons to refuse it; empty when it is fit to store
    revised: int = 0  # figures of months in both releases whose value changed
    compared: int = 0  # figures present in both releases


def judge_release(
    new: pd.DataFrame,
    table: Table,
    catalog: Catalog,
    previous: pd.DataFrame | None,
    series_ids: tuple[str, ...] | None = None,
    area_codes: tuple[str, ...] | None = None,
) -> ReleaseJudgement:
    """The release on its own, then per area and per series against the last accepted release.

    `series_ids`: the series the release should hold (by default the table's series read by their codes);
    `area_codes`: the areas it should hold (by default every catalog area; a table read by meaning holds the
    ones its metadata lists, e.g. regions and the whole country only).
    """
    if new.empty:
        return ReleaseJudgement([f"{table.path}: the answer holds no figures"])
    if series_ids is None:
        series_ids = tuple(s.id for s in catalog.series_for_table(table.key))
    areas = catalog.area_codes if area_codes is None else area_codes
    problems = _shape_problems(new, table, series_ids, areas) or _value_problems(new, table, catalog)
    if problems:
        return ReleaseJudgement(problems)
    # a sum with a suppressed part is checked as what it is, a partly suppressed figure: not summed, compared
    # with its history or revised against a whole figure
    new, previous = whole_figures(new), None if previous is None else whole_figures(previous)
    problems += _share_problems(new, table, catalog) + _sum_problems(new, table, catalog)
    problems += _newest_month_problems(new, table, previous)
    if previous is None or previous.empty:
        return ReleaseJudgement(problems)
    if new["period"].max() < previous["period"].max():
        problems.append(
            f"{table.path}: latest period {period_label(new['period'].max(), table.frequency)} is older than the "
            f"stored {period_label(previous['period'].max(), table.frequency)}"
        )
    problems += _jump_problems(new, table, catalog, previous)
    keys = ["series", "area_code", "period"]
    both = previous[[*keys, "value"]].merge(new[[*keys, "value"]], on=keys, how="left", suffixes=("_old", "_new"))
    problems += _lost_history(both, table)
    compared = both.dropna(subset=["value_old", "value_new"])
    problems += _implausible_revisions(compared, table)
    revised = int((compared["value_old"] != compared["value_new"]).sum())
    return ReleaseJudgement(problems, revised, len(compared))


def whole_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its lower bounds (sums with a suppressed part) as missing."""
    if "status" not in frame.columns or frame.empty:
        return frame
    bound = frame["status"].map(is_lower_bound).astype(bool)
    return frame.assign(value=frame["value"].where(~bound)) if bound.any() else frame


def _shape_problems(
    new: pd.DataFrame, table: Table, series_ids: tuple[str, ...], area_codes: tuple[str, ...]
) -> list[str]:
    problems = []
    expected = {(s, a) for s in series_ids for a in area_codes}
    present = set(zip(new["series"], new["area_code"], strict=True))
    missing_areas = sorted({a for _, a in expected - present})
    if missing_areas:
        problems.append(f"{table.path}: areas missing from the release: {', '.join(missing_areas)}")
    if new.duplicated(["series", "area_code", "period"]).any():
        problems.append(f"{table.path}: the same figure appears twice")
    known = new["value"].dropna()
    if known.empty:
        problems.append(f"{table.path}: every value in the release is missing")
        return problems
    empty_series = sorted(str(s) for s, g in new.groupby("series") if g["value"].isna().all())
    if empty_series:
        problems.append(f"{table.path}: all values missing for {', '.join(empty_series)}")
    empty_areas = sorted(str(a) for a, g in new.groupby("area_code") if g["value"].isna().all())
    if empty_areas:
        problems.append(f"{table.path}: every figure of {', '.join(empty_areas)} is missing")
    if (known == 0).all():
        problems.append(f"{table.path}: every figure in the release is 0 (a broken export?)")
    return problems


def _missing_share(frame: pd.DataFrame) -> tuple[pd.Timestamp, float]:
    newest = frame["period"].max()
    return newest, float(frame.loc[frame["period"] == newest, "value"].isna().mean())


def _newest_month_problems(new: pd.DataFrame, table: Table, previous: pd.DataFrame | None) -> list[str]:
    newest, share = _missing_share(new)
    stored = _missing_share(previous)[1] if previous is not None and not previous.empty else 0.0
    if share > NEWEST_MONTH_MAX_MISSING or share > stored + NEWEST_MONTH_MORE_MISSING:
        what = PERIOD_WORD[table.frequency]
        return [
            f"{table.path}: {share:.1%} of the figures of the newest {what} {period_label(newest, table.frequency)} "
            f"are missing (stored newest {what}: {stored:.1%})"
        ]
    return []


def _lost_history(both: pd.DataFrame, table: Table) -> list[str]:
    """Series × area whose past figures turned missing or vanished: a history must never shrink."""
    had = both.dropna(subset=["value_old"])
    lost = had[had["value_new"].isna()].groupby(["area_code", "series"]).size()
    lost = lost[lost > LOST_FIGURES_ALLOWED]
    if lost.empty:
        return []
    totals = had.groupby(["area_code", "series"]).size()
    pairs = zip(lost.index, lost, strict=True)  # (area, series) -> count; .items() keys type as a plain Hashable
    listed = [f"{area} {series} ({count} of {totals[(area, series)]})" for (area, series), count in pairs]
    more = f" and {len(listed) - 3} more" if len(listed) > 3 else ""
    return [f"{table.path}: past figures lost in {', '.join(listed[:3])}{more}"]


def _implausible_revisions(compared: pd.DataFrame, table: Table) -> list[str]:
    change = (compared["value_new"] - compared["value_old"]).abs()
    allowed = (compared["value_old"].abs() * REVISION_PLAUSIBLE_SHARE).clip(lower=REVISION_PLAUSIBLE_ABS)
    implausible = compared[change > allowed]
    if len(implausible) <= max(IMPLAUSIBLE_REVISIONS_ALLOWED, IMPLAUSIBLE_REVISIONS_SHARE * len(compared)):
        return []
    first = implausible.iloc[0]
    return [
        f"{table.path}: {len(implausible)} of {len(compared)} earlier figures revised by more than "
        f"{REVISION_PLAUSIBLE_SHARE:.0%}, e.g. {first['area_code']} {first['series']} {first['period']:%Y-%m}: "
        f"{first['value_old']:g} → {first['value_new']:g}"
    ]


PERIOD_WORD = {"monthly": "month", "quarterly": "quarter", "yearly": "year"}


def period_label(period: object, frequency: str) -> str:
    """A period (its first day) as its table writes it: '2026-06' monthly, '2025Q3' quarterly, '2024' yearly."""
    period = pd.Timestamp(period)  # type: ignore[arg-type]  # a period read from a frame
    if frequency == "yearly":
        return f"{period.year}"
    if frequency == "quarterly":
        return f"{period.year}Q{(period.month - 1) // 3 + 1}"
    return f"{period:%Y-%m}"


def _listed(table: Table, what: str, rows: pd.DataFrame, detail) -> list[str]:
    """One refusal naming the first figures (area, series, period and `detail(row)`) and counting the rest."""
    if rows.empty:
        return []
    named = [
        f"{r.area_code} {r.series} {period_label(r.period, table.frequency)}: {detail(r)}"
        for r in rows.head(LISTED).itertuples()
    ]
    more = f" and {len(rows) - LISTED} more" if len(rows) > LISTED else ""
    return [f"{table.path}: {what} in {', '.join(named)}{more}"]


def _units(frame: pd.DataFrame, catalog: Catalog) -> pd.Series:
    return frame["series"].map({s.id: s.unit for s in catalog.series})


def _value_problems(new: pd.DataFrame, table: Table, catalog: Catalog) -> list[str]:
    """Figures no release may hold: not finite, negative or huge counts, percentages outside 0–100."""
    units = _units(new, catalog)
    value, percent, count = new["value"], units == "percent", units.isin(COUNT_UNITS)
    known = value.notna() & ~np.isinf(value)
    checks = [
        ("figure not finite", np.isinf(value)),
        ("negative count", known & ~percent & (value < 0)),
        (f"count over {MAX_COUNT}", known & count & (value > MAX_COUNT)),
        ("percentage outside 0–100", known & percent & ((value < 0) | (value > 100))),
    ]
    return [p for what, bad in checks for p in _listed(table, what, new[bad], lambda r: f"{r.value:.10g}")]


def _share_problems(new: pd.DataFrame, table: Table, catalog: Catalog) -> list[str]:
    """Percentages against 100 × their parts (`share_of`), e.g. the unemployment rate against its counts."""
    wide = new.pivot_table(index=["area_code", "period"], columns="series", values="value")
    problems = []
    for series in catalog.series_for_table(table.key):
        if series.share_of is None or not {series.id, *series.share_of} <= set(wide.columns):
            continue
        part, whole = series.share_of
        computed = 100 * wide[part] / wide[whole].where(wide[whole] != 0)
        shown = wide[series.id]
        tolerance = (shown.abs() * SHARE_TOLERANCE_SHARE).clip(lower=SHARE_TOLERANCE_POINTS)
        off = (shown - computed).abs() > tolerance
        rows = pd.DataFrame({"series": series.id, "value": shown[off], "computed": computed[off]}).reset_index()
        what = f"percentage off its parts (100 × {part} / {whole})"
        problems += _listed(
            table, what, in_catalog_order(rows, catalog), lambda r: f"{r.value:.10g} against {r.computed:.1f}"
        )
    return problems


def _sum_problems(new: pd.DataFrame, table: Table, catalog: Catalog) -> list[str]:
    """Regions and sub-regions against the sum of their municipalities, counts only (not percentages)."""
    counts = new[_units(new, catalog) != "percent"]
    wide = counts.pivot_table(index=["series", "period"], columns="area_code", values="value", dropna=False)
    bad = []
    for parent, members in catalog.region_members.items():
        if parent not in wide or any(m not in wide for m in members):
            continue
        whole, parts = wide[parent], wide[list(members)]
        total, suppressed = parts.sum(axis=1), parts.isna().any(axis=1)
        tolerance = (whole.abs() * SUM_TOLERANCE_SHARE).clip(lower=SUM_TOLERANCE_ABS)
        off = whole.notna() & ((whole - total).abs() > tolerance) & ~(suppressed & (whole >= total - tolerance))
        bad.append(pd.DataFrame({"area_code": parent, "value": whole[off], "total": total[off]}).reset_index())
    rows = in_catalog_order(pd.concat(bad, ignore_index=True), catalog) if bad else pd.DataFrame()
    return _listed(table, "areas do not add up", rows, lambda r: f"{r.value:.10g} against {r.total:.10g} summed")


def _jump_problems(new: pd.DataFrame, table: Table, catalog: Catalog, previous: pd.DataFrame) -> list[str]:
    """Periods after the stored newest one that move further from the period before (of the table's own
    frequency: the month, quarter or year before) than the area's history allows."""
    keys = ["series", "area_code"]
    history = previous.dropna(subset=["value"]).sort_values("period", kind="mergesort")
    largest = history.groupby(keys)["value"].diff().abs().groupby([history[k] for k in keys]).max()
    fresh = new.dropna(subset=["value"]).sort_values("period", kind="mergesort")
    fresh = fresh.assign(before=fresh.groupby(keys)["value"].shift())
    fresh = fresh[(fresh["period"] > previous["period"].max()) & fresh["before"].notna()]
    if fresh.empty:
        return []
    floor = _units(fresh, catalog).map(JUMP_FLOOR).fillna(JUMP_FLOOR_COUNT)
    seen = pd.Series(list(zip(fresh["series"], fresh["area_code"], strict=True)), index=fresh.index).map(largest)
    allowed = pd.concat([floor, fresh["before"].abs() * JUMP_SHARE, seen.fillna(0) * JUMP_HISTORY_FACTOR], axis=1)
    jumps = in_catalog_order(fresh[(fresh["value"] - fresh["before"]).abs() > allowed.max(axis=1)], catalog)
    what = f"implausible change from the {PERIOD_WORD[table.frequency]} before"
    return _listed(table, what, jumps, lambda r: f"{r.before:.10g} → {r.value:.10g}")

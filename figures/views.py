"""Pure transforms over the tidy snapshot: views (level, share, index, yearly change), changes, ranks."""

from __future__ import annotations

import math

import pandas as pd

from data_sources.domain.catalog import Catalog, Series
from data_sources.domain.periods import last_period_by
from data_sources.domain.region import programme_baseline
from data_sources.snapshots.series_frame import whole_figures
from figures.formats import fmt_span
from figures.i18n import t

# The index's base: the mean of the 12 months to the programme's baseline month, as the scorecard's change
# since the programme began (a single March would be a seasonal month): the bold trend's last point is that
# change plus 100.


def index_base_months(step: int = 1) -> tuple:
    """The periods of the year to the programme's baseline month: the base (= 100) of every index.

    Months: the 12 to the baseline month; quarters: the four ending by it; years: the last whole year by it (2020).
    """
    last = last_period_by(programme_baseline(), step)
    return tuple(last.shift(-step * i).start for i in range(12 // step - 1, -1, -1))


def index_base_text(step: int = 1) -> str:
    """'4/2020–3/2021', '2020Q2–2021Q1' or '2020': the index base in words."""
    periods = index_base_months(step)
    return fmt_span(periods[0], periods[-1], step)


VIEWS = ("level", "share", "index", "yoy")


def select(
    frame: pd.DataFrame,
    series_id: str,
    areas: tuple[str, ...] | list[str],
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Rows of one series for some areas (in that order) within a period range."""
    rows = frame[(frame["series"] == series_id) & frame["area_code"].isin(areas)]
    if start is not None:
        rows = rows[rows["period"] >= start]
    if end is not None:
        rows = rows[rows["period"] <= end]
    order = {code: i for i, code in enumerate(areas)}
    return rows.sort_values(
        ["area_code", "period"], key=lambda c: c.map(order) if c.name == "area_code" else c, kind="mergesort"
    ).reset_index(drop=True)


def _population_by_month(frame: pd.DataFrame, periods: pd.Series, areas: pd.Series) -> pd.Series:
    """Population at the end of the previous year for each month (the latest known if newer is missing)."""
    pop = frame[frame["series"] == "population"][["area_code", "period", "value"]].dropna()
    if pop.empty:
        return pd.Series(math.nan, index=periods.index)
    pop = pop.assign(valid_from=pop["period"] + pd.DateOffset(years=1)).sort_values("valid_from")
    left = pd.DataFrame({"area_code": areas, "period": periods, "_row": periods.index}).sort_values("period")
    merged = pd.merge_asof(
        left,
        pop[["area_code", "valid_from", "value"]],
        left_on="period",
        right_on="valid_from",
        by="area_code",
        direction="backward",
    )
    # months before the first population figure use the earliest one
    first = pop.groupby("area_code")["value"].first()
    merged["value"] = merged["value"].fillna(merged["area_code"].map(first))
    return merged.set_index("_row")["value"].reindex(periods.index)


def view_supported_for(series: Series, view: str) -> bool:
    """Every view but 'share' applies to every series; 'share' needs a labour force or population."""
    return not (view == "share" and series.per == "none")


def view_supported(catalog: Catalog, series_id: str, view: str) -> bool:
    return view_supported_for(catalog.series_by_id(series_id), view)


def apply_view(rows: pd.DataFrame, view: str, catalog: Catalog, frame: pd.DataFrame) -> pd.DataFrame:
    """Adds `shown` (the figure in the chosen view) to rows of one series; NaN stays NaN."""
    # a sum with a suppressed part is only a lower bound: a gap in every view, never a dip, base or year-ago figure
    rows, frame = whole_figures(rows.copy()), whole_figures(frame)
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
        base = rows["area_code"].map(index_base(frame, series.id, catalog.step(series))).astype(float)  # NA: NaN
        rows["shown"] = 100 * rows["value"] / base
    elif view == "yoy":
        rows["shown"] = rows["value"] - year_ago(rows, frame)
    else:
        raise ValueError(f"unknown view {view!r}")
    return rows


def index_base(frame: pd.DataFrame, series_id: str, step: int = 1) -> pd.Series:
    """Per area, the mean of the base periods (`index_base_months`); missing unless all are whole and not 0."""
    periods = index_base_months(step)
    window = frame[(frame["series"] == series_id) & frame["period"].isin(periods)]
    grouped = window.groupby("area_code")["value"]
    base = grouped.mean().where(grouped.count() == len(periods))
    return base.where(base != 0)


def year_ago(rows: pd.DataFrame, frame: pd.DataFrame) -> pd.Series:
    """The value of the same series and area twelve months before each row (NaN if unknown)."""
    series_ids = rows["series"].unique()
    known = frame[frame["series"].isin(series_ids)].set_index(["series", "area_code", "period"])["value"]
    keys = zip(rows["series"], rows["area_code"], rows["period"] - pd.DateOffset(years=1), strict=True)
    lookup = known.to_dict()
    return pd.Series([lookup.get(k, math.nan) for k in keys], index=rows.index, dtype=float)


def moving_average(rows: pd.DataFrame, column: str = "shown", months: int = 12, step: int = 1) -> pd.Series:
    """Trailing mean per area over `months` months (of periods `step` months long); missing when any period in the
    window is missing."""
    periods = months // step
    return rows.groupby("area_code", sort=False)[column].transform(
        lambda s: s.rolling(periods, min_periods=periods).mean()
    )


def with_trend(rows: pd.DataFrame, view: str, step: int = 1) -> pd.DataFrame:
    """`rows` with a `trend` column: the trailing 12-month mean of what is shown, per area.

    The seasonally balanced trend beside the monthly figures. Chosen over a seasonal-trend decomposition
    (e.g. statsmodels' STL): it is the same 12-month mean the scorecard judges, so chart and verdict agree,
    and its latest value never moves when a later month arrives (a decomposition revises its ends). It lags
    about six months, which the legend's words ('12 kk:n liukuva keskiarvo') let a reader allow for. A change
    from a year earlier is balanced already and gets none. Call it before cutting the rows to a start month,
    so the trend reaches back to the chart's first month.
    """
    if view == "yoy" or rows.empty or step == 12:  # a yearly figure is its own year's level: no trend to add
        return rows
    return rows.assign(trend=moving_average(rows, step=step))


def view_unit(series: Series, view: str, lang: str, step: int = 1) -> str:
    """What the numbers of `series` in `view` are: 'henkilöä, kuukauden lopussa', '% työvoimasta', …"""
    if view == "share" and view_supported_for(series, view):
        return t("unit_share_labour_force" if series.per == "labour_force" else "unit_per_1000", lang)
    if view == "index":
        return t("unit_index", lang) if step == 1 else t("unit_index_from", lang, base=index_base_text(step))
    base = t(f"unit_{series.unit}", lang)
    return f"{t('unit_yoy', lang)}, {base}" if view == "yoy" else base


def view_title(series: Series, view: str, lang: str) -> str:
    """What a chart of `series` in `view` plots, as its title: 'Työttömät työnhakijat, % työvoimasta'."""
    if view == "level" or not view_supported_for(series, view):
        return series.label[lang]
    return f"{series.label[lang]}, {view_unit(series, view, lang)}"


def view_decimals(series: Series, view: str) -> int:
    """Relative views and the index carry one decimal; a level keeps the series' own decimals."""
    return 1 if view in ("share", "index") and view_supported_for(series, view) else series.decimals

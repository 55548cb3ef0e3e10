"""Figures as known on an earlier day beside today's: which release was current then, and what was revised since."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from data_sources.domain.catalog import Catalog
from data_sources.domain.release_calendar import release_day
from data_sources.snapshots.store import Provenance
from figures.comparisons import difference_text
from figures.formats import fmt_date, fmt_month, fmt_period
from figures.i18n import t
from figures.latest import latest
from figures.sentences import value_text

HELSINKI = "Europe/Helsinki"


def release_known_on(vintages: list[Provenance], day: dt.date) -> Provenance | None:
    """The newest release out on or before `day` (what a meeting that day saw); None if none was."""
    known = [p for p in vintages if release_day(p.release) <= day]
    return max(known, key=lambda p: p.release) if known else None


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (not math.isnan(a) and not math.isnan(b) and abs(a - b) < 1e-9)


def compare_vintages(
    then: pd.DataFrame, now: pd.DataFrame, series_ids: list[str] | tuple[str, ...], area: str
) -> pd.DataFrame:
    """Per series: the latest figure as known then, today's latest, the change between them, and
    whether the month known then has been revised since (today's figure for it differs).

    Columns: series, then_period, then_value, now_period, now_value, change, revised_value, revised.
    A series missing in either frame is left out, and so is one whose figures come from another table now
    than then (a stand-in then, found by meaning since): two measures, not a revision. Pure: the report can
    call it with two releases too.
    """
    records = []
    for series_id in series_ids:
        old_rows = then[(then["series"] == series_id) & (then["area_code"] == area)]
        old = latest(old_rows, series_id, area)
        new_rows = now[(now["series"] == series_id) & (now["area_code"] == area)]
        new_rows = new_rows[new_rows["table"].isin(set(old_rows["table"]))]
        new = latest(new_rows, series_id, area)
        if old.period is None or new.period is None:
            continue
        same_month = new_rows[new_rows["period"] == old.period]["value"]
        revised_value = float(same_month.iloc[0]) if len(same_month) else math.nan
        records.append(
            {
                "series": series_id,
                "then_period": old.period,
                "then_value": old.value,
                "now_period": new.period,
                "now_value": new.value,
                "change": new.value - old.value,
                "revised_value": revised_value,
                "revised": not _same(old.value, revised_value),
            }
        )
    return pd.DataFrame(
        records,
        columns=[
            "series",
            "then_period",
            "then_value",
            "now_period",
            "now_value",
            "change",
            "revised_value",
            "revised",
        ],
    )


def comparison_choices(
    vintages: list[Provenance], current_release: str, meetings: list[dt.date], lang: str
) -> dict[str, str]:
    """Days to compare with (ISO date -> label), newest first: each meeting that saw an earlier release
    than today's, then each earlier release itself. Both mean 'the figures as known on that day'.
    """
    earlier = [p for p in vintages if p.release < current_release]
    choices: dict[str, str] = {}
    for day in sorted(meetings, reverse=True):
        seen = release_known_on(vintages, day)
        if seen is not None and seen.release < current_release:
            release = fmt_date(str(release_day(seen.release)), lang)
            choices[day.isoformat()] = t("since_meeting", lang, date=fmt_date(str(day), lang), release=release)
    for prov in sorted(earlier, key=lambda p: p.release, reverse=True):
        released = release_day(prov.release).isoformat()
        choices.setdefault(released, t("since_release", lang, date=fmt_date(released, lang)))
    return choices


def last_meeting(
    vintages: list[Provenance], current_release: str, meetings: list[dt.date], day: dt.date
) -> tuple[dt.date, Provenance] | None:
    """The newest meeting on or before `day` that saw an earlier release than today's, and that release."""
    for meeting in sorted((m for m in meetings if m <= day), reverse=True):
        seen = release_known_on(vintages, meeting)
        if seen is not None and seen.release < current_release:
            return meeting, seen
    return None


def comparison_table(
    then: pd.DataFrame,
    now: pd.DataFrame,
    catalog: Catalog,
    series_ids: list[str] | tuple[str, ...],
    area: str,
    lang: str,
) -> pd.DataFrame:
    """The comparison as people read it (page and report alike): one row per figure, texts with units,
    a revised figure marked '*' with its old and new value. When every row is about the same two months,
    the months stand once in the headers instead of in every cell.
    """
    compared = compare_vintages(then, now, series_ids, area)
    monthly = all(catalog.step(catalog.series_by_id(s)) == 1 for s in compared["series"].unique())
    one_month = monthly and compared["then_period"].nunique() == 1 and compared["now_period"].nunique() == 1
    then_head, now_head, change_head = t("since_then", lang), t("since_now", lang), t("since_change", lang)
    if one_month and len(compared):
        then_head += f" ({fmt_month(compared['then_period'].iloc[0], lang)})"
        now_head += f" ({fmt_month(compared['now_period'].iloc[0], lang)})"

    def cell(number: float, period: pd.Timestamp, series) -> str:
        text = value_text(number, series, lang)
        return text if one_month else f"{text} ({fmt_period(period, catalog.step(series), lang)})"

    records = []
    for rec in compared.to_dict("records"):
        series = catalog.series_by_id(rec["series"])
        revised = ""
        if rec["revised"]:
            revised = t(
                "since_revised_text",
                lang,
                month=fmt_month(rec["then_period"], lang),
                old=value_text(rec["then_value"], series, lang),
                new=value_text(rec["revised_value"], series, lang),
            )
        records.append(
            {
                t("figure", lang): series.label[lang],
                then_head: cell(rec["then_value"], rec["then_period"], series) + (" *" if rec["revised"] else ""),
                now_head: cell(rec["now_value"], rec["now_period"], series),
                change_head: ".." if math.isnan(rec["change"]) else difference_text(rec["change"], series, lang),
                t("since_revised", lang): revised,
            }
        )
    columns = [t("figure", lang), then_head, now_head, change_head, t("since_revised", lang)]
    return pd.DataFrame(records, columns=columns)

"""The programme scorecard: each theme's figures against March 2021 and the whole country, with a status.

Pure functions over the tidy snapshot. Changes: relative (%) for counts, percentage points for rates.
Status rule (written out wherever a status is shown, text `status_rule`): moved in the wanted
direction since the baseline and did better than the whole country → progressed; moved against it
and did worse than the country → worsened; otherwise held; a missing or suppressed figure → unknown,
with the reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from data_sources.catalog import Catalog, Series
from data_sources.periods import PROGRAMME_BASELINE, HalfYear, Month
from data_sources.programme import Indicator, Measure, Theme
from figures.formats import fmt_month, fmt_number, fmt_percent
from figures.i18n import t

STATUSES = ("progressed", "held", "worsened", "unknown")
# Told by word and icon, never by colour alone.
STATUS_ICONS = {"progressed": "✔", "held": "=", "worsened": "✖", "unknown": "?"}
WANTED_ICONS = {"up": "↑", "down": "↓"}
# The figure columns of every scorecard and summary table, in order (texts in figures/i18n.py).
FIGURE_COLUMNS = ("col_latest", "col_half_change", "col_country_half", "col_since_change", "col_country_since")


@dataclass(frozen=True)
class Point:
    """One figure: its value (NaN when missing or suppressed) and the suppression symbol, if any."""

    value: float
    symbol: str | None = None  # '...' etc. when the cell is suppressed

    @property
    def known(self) -> bool:
        return not math.isnan(self.value)


MISSING = Point(math.nan)


def change(now: float, before: float, is_rate: bool) -> float:
    """Percentage points for a rate, relative change in % for a count; NaN when either is missing."""
    if math.isnan(now) or math.isnan(before):
        return math.nan
    if is_rate:
        return now - before
    return math.nan if before == 0 else 100 * (now - before) / before


def judge(region: float, country: float, wanted: str) -> str:
    """The status from the change since the baseline of the region and of the country.

    Both are compared as shown (one decimal), so a status never rests on a difference the reader cannot see.
    """
    if math.isnan(region) or math.isnan(country):
        return "unknown"
    sign = 1 if wanted == "up" else -1
    region, country = round(region, 1), round(country, 1)
    moved, versus = sign * region, round(sign * (region - country), 1)
    if moved > 0 and versus > 0:
        return "progressed"
    if moved < 0 and versus < 0:
        return "worsened"
    return "held"


@dataclass(frozen=True)
class ScoreRow:
    """One measure of a theme for the half-year ending `end`."""

    theme: str
    measure: Measure
    end: Month
    value: Point
    previous: Point  # the last month of the previous half
    baseline: Point
    country_value: Point
    country_previous: Point
    country_baseline: Point
    status: str
    reason: str  # why this status, in words

    @property
    def series(self) -> Series:
        return self.measure.series

    @property
    def is_rate(self) -> bool:
        return self.series.unit == "percent"

    @property
    def half_change(self) -> float:
        return change(self.value.value, self.previous.value, self.is_rate)

    @property
    def since_change(self) -> float:
        return change(self.value.value, self.baseline.value, self.is_rate)

    @property
    def country_half_change(self) -> float:
        return change(self.country_value.value, self.country_previous.value, self.is_rate)

    @property
    def country_since_change(self) -> float:
        return change(self.country_value.value, self.country_baseline.value, self.is_rate)


@dataclass(frozen=True)
class ThemeScore:
    theme: Theme
    end: Month
    rows: tuple[ScoreRow, ...]

    @property
    def unavailable(self) -> tuple[Indicator, ...]:
        return self.theme.unavailable

    @property
    def assessed(self) -> tuple[Indicator, ...]:
        return self.theme.assessed

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts


def points(frame: pd.DataFrame, series_id: str, area: str) -> dict[Month, Point]:
    """Every stored month of one series and area."""
    rows = frame[(frame["series"] == series_id) & (frame["area_code"] == area)]
    return {
        Month.of(period): Point(float(value), None if pd.isna(symbol) else str(symbol))
        for period, value, symbol in zip(rows["period"], rows["value"], rows["status"], strict=True)
    }


def change_text(value: float, is_rate: bool, lang: str) -> str:
    """'−3,2 %' for a count's relative change, '−0,5 %-yks.' for a rate's; '..' when unknown."""
    if math.isnan(value):
        return ".."
    if is_rate:
        return f"{fmt_number(value, 1, lang, signed=True)}\u00a0{t('points', lang)}"
    return fmt_percent(value, 1, lang, signed=True)


def _missing_reason(point: Point, month: Month, area: str, lang: str) -> str:
    key = "reason_suppressed" if point.symbol else "reason_missing"
    return t(key, lang, area=area, month=fmt_month(month.start, lang))


def score_row(
    theme_id: str, measure: Measure, frame: pd.DataFrame, catalog: Catalog, end: Month, lang: str
) -> ScoreRow:
    series_id = measure.series.id
    region, country = catalog.region.code, catalog.country.code
    here, there = points(frame, series_id, region), points(frame, series_id, country)
    previous = end.shift(-6)  # the last month of the previous half-year
    needed = {
        (region, end): here.get(end, MISSING),
        (region, PROGRAMME_BASELINE): here.get(PROGRAMME_BASELINE, MISSING),
        (country, end): there.get(end, MISSING),
        (country, PROGRAMME_BASELINE): there.get(PROGRAMME_BASELINE, MISSING),
    }
    missing = [
        _missing_reason(point, month, catalog.area(code).name[lang], lang)
        for (code, month), point in needed.items()
        if not point.known
    ]
    row = ScoreRow(
        theme_id,
        measure,
        end,
        needed[(region, end)],
        here.get(previous, MISSING),
        needed[(region, PROGRAMME_BASELINE)],
        needed[(country, end)],
        there.get(previous, MISSING),
        needed[(country, PROGRAMME_BASELINE)],
        "unknown",
        "",
    )
    if missing:
        return replace(row, status="unknown", reason="; ".join(missing))
    status = judge(row.since_change, row.country_since_change, measure.wanted)
    reason = t(
        f"reason_{status}",
        lang,
        region=change_text(row.since_change, row.is_rate, lang),
        country=change_text(row.country_since_change, row.is_rate, lang),
        wanted=t(f"wanted_{measure.wanted}", lang),
    )
    return replace(row, status=status, reason=reason)


def theme_score(theme: Theme, frame: pd.DataFrame, catalog: Catalog, end: Month, lang: str) -> ThemeScore:
    return ThemeScore(theme, end, tuple(score_row(theme.id, m, frame, catalog, end, lang) for m in theme.measures))


def latest_half_end(frame: pd.DataFrame, catalog: Catalog) -> Month | None:
    """The last month of the newest half-year whose last month is stored in the monthly table."""
    monthly = frame[frame["table"] == catalog.monthly_table.path]["period"]
    if monthly.empty:
        return None
    last = Month.of(monthly.max())
    half = HalfYear.containing(last)
    return half.last_month if half.last_month <= last else half.previous.last_month


def status_label(status: str, lang: str) -> str:
    """'✔ edennyt': the icon and the word, so that no colour is needed to tell them apart."""
    return f"{STATUS_ICONS[status]} {t(f'status_{status}', lang)}"


def wanted_label(wanted: str | None, lang: str) -> str:
    return f"{WANTED_ICONS[wanted]} {t(f'wanted_{wanted}', lang)}" if wanted else ""


def measure_view(series: Series) -> str:
    """A rate is drawn as the rate itself; a count as an index (3/2021 = 100) beside the country."""
    return "level" if series.unit == "percent" else "index"


def measure_title(series: Series, lang: str) -> str:
    """What the chart plots: 'Työttömien osuus työvoimasta, % (osuus)' or '…, indeksi 3/2021 = 100'."""
    key = "rate_title" if measure_view(series) == "level" else "index_title"
    return t(key, lang, label=series.label[lang])


def since_headline(row: ScoreRow, lang: str) -> str:
    """'+7,5 % maaliskuusta 2021, koko maa +5,3 %' (rates in %-points)."""
    return (
        f"{change_text(row.since_change, row.is_rate, lang)} {t('since_baseline', lang)}, "
        f"{t('country', lang).lower()} {change_text(row.country_since_change, row.is_rate, lang)}"
    )

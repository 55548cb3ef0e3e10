"""Every change the dashboard states, defined once: like with like, each with its basis in words.

- **A year earlier**: a month against the same month a year earlier, as KEHA-keskus's
  Työllisyyskatsaus and TEM compare. The seasons cancel. It is the change on every card, table,
  sentence and slide, and the scorecard's short-term change (the half-year's last month).
- **Since the programme began**: the mean of the latest 12 months against the mean of the 12 months
  to the programme's baseline month (4/2020–3/2021 for 3/2021). A 12-month mean holds every calendar
  month once, so it is seasonally balanced, and one unusual month moves it by a twelfth only; the same
  calendar month of 2021 against today's would rest on two single months. The baseline's twelve months
  hold the pandemic's peak for the region, the country and the comparable regions alike, which is why
  a status never judges the region's change alone but against theirs.
- Month-on-month changes are never the basis of a verdict.
- **Quarterly and yearly statistics** (business openings, establishments, R&D) compare the same way with their
  own periods: a quarter with the same quarter a year earlier, a year with the year before; since the
  programme began, the mean of the latest four quarters against the four to the programme's baseline month
  (2020Q2–2021Q1), a year against the last whole year before it (2020: the baseline year).

Counts change in % (relative), rates in percentage points. A missing, suppressed or lower-bound
figure anywhere in a comparison gives no change, and the comparison says which month and why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from data_sources.domain.catalog import Break, Series
from data_sources.domain.periods import Month, last_period_by
from data_sources.domain.region import programme_baseline
from data_sources.snapshots.series_frame import is_lower_bound
from figures.formats import fmt_date, fmt_number, fmt_percent, fmt_period, fmt_span
from figures.i18n import t

MEAN_MONTHS = 12  # the window of a seasonally balanced mean


@dataclass(frozen=True)
class Point:
    """One stored figure: its value (NaN when missing or suppressed) and its status symbol, if any."""

    value: float
    symbol: str | None = None  # '...' when suppressed; '≥ CODE' for a sum with a suppressed part

    @property
    def lower_bound(self) -> bool:
        return is_lower_bound(self.symbol)

    @property
    def whole(self) -> float:
        """The value when it is a whole figure, NaN otherwise."""
        return self.value if self.known else math.nan

    @property
    def known(self) -> bool:
        """A whole figure: present, finite, and not the lower bound of a sum with a suppressed part."""
        return math.isfinite(self.value) and not self.lower_bound


MISSING = Point(math.nan)


def points(frame: pd.DataFrame, series_id: str, area: str) -> dict[Month, Point]:
    """Every stored month of one series and area."""
    return area_points(frame, series_id).get(area, {})


def area_points(frame: pd.DataFrame, series_id: str) -> dict[str, dict[Month, Point]]:
    """Every stored month of one series, per area: one pass over the frame."""
    rows = frame[frame["series"] == series_id]
    periods = rows["period"]
    found: dict[str, dict[Month, Point]] = {}
    for area, year, month, value, symbol in zip(
        rows["area_code"], periods.dt.year, periods.dt.month, rows["value"], rows["status"], strict=True
    ):
        found.setdefault(str(area), {})[Month(int(year), int(month))] = Point(
            float(value), None if pd.isna(symbol) else str(symbol)
        )
    return found


def relative_or_points(now: float, before: float, is_rate: bool) -> float:
    """Percentage points for a rate, relative change in % for a count; NaN when either is unknown or 0."""
    if not (math.isfinite(now) and math.isfinite(before)):
        return math.nan
    if is_rate:
        return now - before
    return math.nan if before == 0 else 100 * (now - before) / before


@dataclass(frozen=True)
class Change:
    """One comparison of a series in one area: what was compared with what, and the change."""

    basis: str  # "year" or "programme"
    now_span: tuple[Month, Month]  # first and last month of the figure compared (one month: first == last)
    before_span: tuple[Month, Month]
    now: float
    before: float
    is_rate: bool
    gaps: tuple[tuple[Month, Point], ...] = ()  # months whose figure was not whole: why there is no change
    zero_base: bool = False  # the earlier figure is 0: no relative change exists
    overlap: bool = False  # the two 12-month windows share months: too early for a change since the programme
    step: int = 1  # months per period of the series: 1, 3 (quarters) or 12 (years)

    @property
    def value(self) -> float:
        return math.nan if self.overlap else relative_or_points(self.now, self.before, self.is_rate)

    @property
    def known(self) -> bool:
        return math.isfinite(self.value)

    def crosses(self, breaks: tuple[Break, ...]) -> tuple[Break, ...]:
        """The breaks in the series that fall between the compared periods."""
        first, last = self.before_span[0].start, self.now_span[1].start
        return tuple(b for b in breaks if first < pd.Timestamp(b.date) <= last)


def window_mean(
    series: dict[Month, Point], last: Month, months: int = MEAN_MONTHS, step: int = 1
) -> tuple[float, tuple[tuple[Month, Point], ...]]:
    """The mean of the periods (of `step` months) within the `months` months to `last`, and the periods that were
    not whole (then the mean is NaN)."""
    window = [last.shift(-step * i) for i in range(months // step - 1, -1, -1)]
    found = [(month, series.get(month, MISSING)) for month in window]
    gaps = tuple((month, point) for month, point in found if not point.known)
    if gaps:
        return math.nan, gaps
    return sum(point.value for _, point in found) / len(found), ()


def year_change(series: dict[Month, Point], month: Month, is_rate: bool, step: int = 1) -> Change:
    """`month` (or the quarter or year starting then) against the same period a year earlier."""
    before = month.shift(-12)
    now_point, before_point = series.get(month, MISSING), series.get(before, MISSING)
    gaps = tuple((m, p) for m, p in ((before, before_point), (month, now_point)) if not p.known)
    return Change(
        "year",
        (month, month),
        (before, before),
        now_point.whole,
        before_point.whole,
        is_rate,
        gaps,
        zero_base=not is_rate and before_point.known and before_point.value == 0,
        step=step,
    )


def programme_change(
    series: dict[Month, Point], last: Month, is_rate: bool, baseline: Month | None = None, step: int = 1
) -> Change:
    """The mean of the year's periods to `last` against the mean of those to the programme's baseline month.

    Months: 12-month means to `last` and to the baseline month. Quarters: the four quarters to each, the
    baseline's ending by the baseline month. Years: the year `last` against the last whole year by the baseline
    month (the programme's baseline year).
    """
    base = last_period_by(baseline or programme_baseline(), step)
    now, now_gaps = window_mean(series, last, step=step)
    before, before_gaps = window_mean(series, base, step=step)
    back = step - MEAN_MONTHS  # from the window's last period to its first
    return Change(
        "programme",
        (last.shift(back), last),
        (base.shift(back), base),
        now,
        before,
        is_rate,
        before_gaps + now_gaps,
        zero_base=not is_rate and before == 0,
        overlap=last.shift(back) <= base,
        step=step,
    )


def difference_text(value: float, series: Series, lang: str) -> str:
    """A change in the series' own unit: '+12' for a count, '+0,7 %-yks.' for a rate; '..' when unknown."""
    text = fmt_number(value, series.decimals, lang, signed=True)
    return f"{text} {t('points', lang)}" if series.unit == "percent" and text != ".." else text


def change_text(value: float, is_rate: bool, lang: str) -> str:
    """'−3,2 %' for a count's relative change, '−0,5 %-yks.' for a rate's; '..' when unknown."""
    if not math.isfinite(value):
        return ".."
    if is_rate:
        return f"{fmt_number(value, 1, lang, signed=True)}\u00a0{t('points', lang)}"
    return fmt_percent(value, 1, lang, signed=True)


def _span(span: tuple[Month, Month], step: int = 1) -> str:
    return fmt_span(span[0].start, span[1].start, step)


# The words of the change since the programme began, by the length of the series' periods.
PROGRAMME_BASIS = {1: "basis_programme", 3: "basis_programme_quarters", 12: "basis_programme_years"}


def basis_text(change: Change, lang: str) -> str:
    """The basis in words: 'kesäkuu 2026 vs. kesäkuu 2025' or '12 kk:n keskiarvo 7/2025–6/2026 vs. 4/2020–3/2021';
    for a yearly statistic 'vuosi 2024 vs. 2020 (ohjelman lähtövuosi)'."""
    if change.basis == "year":
        return t(
            "basis_year",
            lang,
            now=fmt_period(change.now_span[1].start, change.step, lang),
            before=fmt_period(change.before_span[1].start, change.step, lang),
        )
    return t(
        PROGRAMME_BASIS[change.step],
        lang,
        now=_span(change.now_span, change.step),
        before=_span(change.before_span, change.step),
    )


def why_unknown(change: Change, area: str, lang: str) -> str:
    """Why a change cannot be given, in words: the first month that is missing, suppressed or partial."""
    if change.overlap:
        first, base = change.now_span[0], change.before_span[1]
        after = base.shift(MEAN_MONTHS - change.step)  # the last period whose year still overlaps the baseline's
        key = "reason_overlap" if change.step == 1 else "reason_overlap_periods"
        return t(
            key, lang, area=area, first=_span((first, first), change.step), after=_span((after, after), change.step)
        )
    if change.zero_base:
        return t("reason_zero_base", lang, area=area)
    if not change.gaps:
        return t("reason_missing_any", lang, area=area)
    month, point = change.gaps[0]
    key = "reason_lower_bound" if point.lower_bound else "reason_suppressed" if point.symbol else "reason_missing"
    more = len(change.gaps) - 1
    text = t(key, lang, area=area, month=fmt_period(month.start, change.step, lang))
    return f"{text} (+{more})" if more else text


def break_note(breaks: tuple[Break, ...], lang: str) -> str:
    """'Vertailu ylittää 1.1.2025 tilastomuutoksen: …' for the breaks a comparison crosses; '' for none."""
    return " ".join(t("crosses_break", lang, day=fmt_date(b.date, lang), note=b.note[lang]) for b in breaks)

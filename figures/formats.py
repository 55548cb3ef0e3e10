"""Finnish-first number and date formats from CLDR (Babel): decimal comma, no-break space thousands, month names.

A page formats thousands of numbers, so the CLDR symbols and grouping are read once per language and
Python's own formatter writes the digits: Babel's `NumberPattern.apply`, even with its pattern built once,
costs 6–9 times as much per call for the same text (`python -m bench.bench_formats`; tests/test_formats.py
holds the two texts together).
"""

from __future__ import annotations

import functools
import math
from datetime import date, datetime

import pandas as pd
from babel import Locale
from babel.dates import DateTimePattern, parse_pattern

# The CLDR locale of each app language. Finland Swedish writes dates and times as Finland does
# (21.7.2026, 9.05; plain sv: 2026-07-21, 09:05).
LOCALES = {"fi": "fi", "sv": "sv_FI", "en": "en"}
NBSP = "\u00a0"
MINUS = "\u2212"  # in every language (CLDR's English minus is '-'), so signed columns read alike


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def _months(lang: str, width: str) -> list[str]:
    # Stand-alone names are the nominative in Finnish (kesäkuu); CLDR's format names are partitive (kesäkuuta).
    names = _locale(lang).months["stand-alone"][width]
    return [names[month] for month in range(1, 13)]


def _days(lang: str, width: str) -> list[str]:
    names = _locale(lang).days["stand-alone"][width]  # 0 is Monday
    return [names[(day + 6) % 7] for day in range(7)]  # d3 starts the week on Sunday


MONTHS = {lang: _months(lang, "wide") for lang in LOCALES}
SHORT_MONTHS = {lang: _months(lang, "abbreviated") for lang in LOCALES}
DAYS = {lang: _days(lang, "wide") for lang in LOCALES}
SHORT_DAYS = {lang: _days(lang, "short") for lang in LOCALES}


@functools.cache
def _number_style(lang: str, decimals: int) -> tuple[str, str, str]:
    """Python's format spec for the locale's CLDR decimal pattern, and the pattern's group and decimal symbols."""
    locale = _locale(lang)
    if locale.decimal_formats[None].grouping != (3, 3):  # what Python's ',' groups by
        raise ValueError(f"{locale} groups digits by {locale.decimal_formats[None].grouping}, not by threes")
    symbols = locale.number_symbols["latn"]
    return f",.{decimals}f", symbols["group"], symbols["decimal"]


def fmt_number(value: float | None, decimals: int = 0, lang: str = "fi", signed: bool = False) -> str:
    """10153 -> '10 153'; 14.4 -> '14,4' (fi, sv); English keeps 10,153 and 14.4. Missing -> '..'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ".."
    spec, group, decimal = _number_style(lang, decimals)
    # via NUL, so that a locale whose group symbol is '.' works too; str.translate costs twice as much
    text = format(abs(value), spec).replace(",", "\0").replace(".", decimal).replace("\0", group)
    shown = round(value, decimals)  # the sign of what is shown: −0,04 with one decimal is ±0,0, not −0,0
    sign = (MINUS if shown < 0 else "+" if shown > 0 else "±") if signed else (MINUS if shown < 0 else "")
    return f"{sign}{text}"


def fmt_percent(value: float | None, decimals: int = 1, lang: str = "fi", signed: bool = False) -> str:
    """CLDR's fi and sv percent pattern (#,##0 %); English keeps the no-break space too (CLDR: 12.8%), as the
    app's other '%' texts in every language do (%-points, the scorecard's band, chart units)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ".."
    return f"{fmt_number(value, decimals, lang, signed)}{NBSP}%"


@functools.cache
def _date_patterns(lang: str) -> tuple[DateTimePattern, DateTimePattern]:
    """(date, date and time): CLDR's short date and time, joined as CLDR's 'at time' does (klo, kl.).

    English keeps the app's '21 Jul 2026 9:05': CLDR's en writes 'Jul 21, 2026, 9:05 AM', en_GB '21 Sept 2026, 09:05'.
    """
    if lang == "en":
        return parse_pattern("d MMM y"), parse_pattern("d MMM y H:mm")
    locale = _locale(lang)
    date, time = locale.date_formats["short"].pattern, locale.time_formats["short"].pattern
    return parse_pattern(date), parse_pattern(locale.datetime_formats_relative["long"].format(time, date))


def fmt_date(stamp: str | pd.Timestamp | date | None, lang: str = "fi") -> str:
    """21.7.2026 in Finnish and Swedish, 21 Jul 2026 in English."""
    if stamp is None or stamp == "":
        return ".."
    ts = pd.Timestamp(stamp)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("Europe/Helsinki")
    return _date_patterns(lang)[0].apply(ts, _locale(lang))


def fmt_datetime(stamp: str | pd.Timestamp | datetime | None, lang: str = "fi") -> str:
    """A moment in Finnish time: 1.12.2026 klo 9.05 (fi), 1.12.2026 kl. 9.05 (sv), 1 Dec 2026 9:05 (en)."""
    if stamp is None or stamp == "":
        return ".."
    ts = pd.Timestamp(stamp)
    ts = (ts if ts.tzinfo is not None else ts.tz_localize("UTC")).tz_convert("Europe/Helsinki")
    return _date_patterns(lang)[1].apply(ts, _locale(lang))


@functools.lru_cache(maxsize=4096)
def _month_text(year: int, month: int, lang: str) -> str:
    # Charts name every point's month: a cache, as CLDR's pattern costs ~15× the table look-up it replaced.
    return _locale(lang).datetime_skeletons["yMMMM"].apply(datetime(year, month, 1), _locale(lang))


def fmt_month(period: pd.Timestamp, lang: str = "fi") -> str:
    """'kesäkuu 2026' (CLDR's year and month, yMMMM)."""
    return _month_text(period.year, period.month, lang)


# A quarter in words, as the statistics name it.
QUARTER = {"fi": "{q}. neljännes {year}", "sv": "kvartal {q} {year}", "en": "Q{q} {year}"}


def fmt_period(period: pd.Timestamp, step: int = 1, lang: str = "fi") -> str:
    """A period of `step` months starting at `period`: 'kesäkuu 2026', '3. neljännes 2025' or '2024'."""
    if step == 12:
        return str(period.year)
    if step == 3:
        return QUARTER[lang].format(q=(period.month - 1) // 3 + 1, year=period.year)
    return fmt_month(period, lang)


def fmt_span(first: pd.Timestamp, last: pd.Timestamp, step: int = 1) -> str:
    """Periods first..last in short form, as StatFin writes them: '4/2020–3/2021', '2020Q2–2021Q1', '2020'."""

    def short(period: pd.Timestamp) -> str:
        if step == 12:
            return str(period.year)
        if step == 3:
            return f"{period.year}Q{(period.month - 1) // 3 + 1}"
        return f"{period.month}/{period.year}"

    return short(first) if first == last else f"{short(first)}–{short(last)}"


def month_end_phrase(period: pd.Timestamp, lang: str = "fi", year: bool = False) -> str:
    """'kesäkuun lopussa' / 'i slutet av juni' / 'at the end of June'; with the year 'kesäkuun 2026 lopussa'."""
    when = f" {period.year}" if year else ""
    month = MONTHS[lang][period.month - 1]
    if lang == "fi":
        # CLDR has no genitive (only kesäkuu and kesäkuuta); every Finnish month ends in -kuu, whose genitive is -kuun.
        return f"{month}n{when} lopussa"
    if lang == "sv":
        return f"i slutet av {month}{when}"
    return f"at the end of {month}{when}"


def vega_locale(lang: str) -> dict:
    """d3 number and time locale for a chart's config, so the spec itself carries the formats."""
    symbols = _locale(lang).number_symbols["latn"]
    return {
        "number": {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": ["", f"{NBSP}€"],
        },
        "time": {
            "dateTime": "%-d.%-m.%Y %H.%M",
            "date": "%-d.%-m.%Y",
            "time": "%H.%M.%S",
            "periods": ["", ""],
            "days": DAYS[lang],
            "shortDays": SHORT_DAYS[lang],
            "months": MONTHS[lang],
            "shortMonths": SHORT_MONTHS[lang],
        },
    }

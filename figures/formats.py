"""Finnish-first number and date formats (decimal comma, no-break space thousands, month names)."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd

NBSP = "\u00a0"
MONTHS = {
    "fi": [
        "tammikuu",
        "helmikuu",
        "maaliskuu",
        "huhtikuu",
        "toukokuu",
        "kesäkuu",
        "heinäkuu",
        "elokuu",
        "syyskuu",
        "lokakuu",
        "marraskuu",
        "joulukuu",
    ],
    "sv": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
SHORT_MONTHS = {
    "fi": ["tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu"],
    "sv": ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
DAYS = {
    "fi": ["sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai"],
    "sv": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
    "en": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
}
MINUS = "\u2212"


def fmt_number(value: float | None, decimals: int = 0, lang: str = "fi", signed: bool = False) -> str:
    """10153 -> '10 153'; 14.4 -> '14,4' (fi, sv); English keeps 10,153 and 14.4. Missing -> '..'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ".."
    text = f"{abs(value):,.{decimals}f}"
    if lang in ("fi", "sv"):
        text = text.replace(",", NBSP).replace(".", ",")
    shown = round(value, decimals)  # the sign of what is shown: −0,04 with one decimal is ±0,0, not −0,0
    sign = (MINUS if shown < 0 else "+" if shown > 0 else "±") if signed else (MINUS if shown < 0 else "")
    return f"{sign}{text}"


def fmt_percent(value: float | None, decimals: int = 1, lang: str = "fi", signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ".."
    return f"{fmt_number(value, decimals, lang, signed)}{NBSP}%"


def fmt_date(stamp: str | pd.Timestamp | date | None, lang: str = "fi") -> str:
    """21.7.2026 in Finnish and Swedish, 21 Jul 2026 in English."""
    if stamp is None or stamp == "":
        return ".."
    ts = pd.Timestamp(stamp)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("Europe/Helsinki")
    if lang == "en":
        return f"{ts.day} {SHORT_MONTHS['en'][ts.month - 1]} {ts.year}"
    return f"{ts.day}.{ts.month}.{ts.year}"


def fmt_datetime(stamp: str | pd.Timestamp | datetime | None, lang: str = "fi") -> str:
    """A moment in Finnish time: 1.12.2026 klo 9.05 (fi), 1.12.2026 kl. 9.05 (sv), 1 Dec 2026 9:05 (en)."""
    if stamp is None or stamp == "":
        return ".."
    ts = pd.Timestamp(stamp)
    ts = (ts if ts.tzinfo is not None else ts.tz_localize("UTC")).tz_convert("Europe/Helsinki")
    if lang == "en":
        return f"{fmt_date(ts, lang)} {ts.hour}:{ts.minute:02d}"
    return f"{fmt_date(ts, lang)} {'klo' if lang == 'fi' else 'kl.'} {ts.hour}.{ts.minute:02d}"


def fmt_month(period: pd.Timestamp, lang: str = "fi") -> str:
    """'kesäkuu 2026'."""
    return f"{MONTHS[lang][period.month - 1]} {period.year}"


def month_end_phrase(period: pd.Timestamp, lang: str = "fi", year: bool = False) -> str:
    """'kesäkuun lopussa' / 'i slutet av juni' / 'at the end of June'; with the year 'kesäkuun 2026 lopussa'."""
    when = f" {period.year}" if year else ""
    if lang == "fi":
        return f"{MONTHS['fi'][period.month - 1]}n{when} lopussa"
    if lang == "sv":
        return f"i slutet av {MONTHS['sv'][period.month - 1]}{when}"
    return f"at the end of {MONTHS['en'][period.month - 1]}{when}"


def vega_locale(lang: str) -> dict:
    """d3 number and time locale for a chart's config, so the spec itself carries the formats."""
    decimal, thousands = (",", NBSP) if lang in ("fi", "sv") else (".", ",")
    return {
        "number": {"decimal": decimal, "thousands": thousands, "grouping": [3], "currency": ["", f"{NBSP}€"]},
        "time": {
            "dateTime": "%-d.%-m.%Y %H.%M",
            "date": "%-d.%-m.%Y",
            "time": "%H.%M.%S",
            "periods": ["", ""],
            "days": DAYS[lang],
            "shortDays": [d[:2] for d in DAYS[lang]],
            "months": MONTHS[lang],
            "shortMonths": SHORT_MONTHS[lang],
        },
    }

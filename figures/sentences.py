"""Generated plain-language sentences about the latest figures."""

from __future__ import annotations

import math

from data_sources.domain.catalog import Catalog, Series
from data_sources.snapshots.series_frame import is_lower_bound, missing_parts
from figures.formats import fmt_month, fmt_number, fmt_percent, month_end_phrase
from figures.i18n import t
from figures.latest import Latest

TEMPLATES = {
    "fi": {
        "main": "{where} oli {when} {count} työtöntä työnhakijaa",
        "same": ", yhtä monta kuin vuotta aiemmin",
        "change": ", {n} {direction} kuin vuotta aiemmin",
        "fewer": "vähemmän",
        "more": "enemmän",
        "rate": " Työttömien osuus työvoimasta oli {rate}.",
    },
    "sv": {
        "main": "{where} fanns {when} {count} arbetslösa arbetssökande",
        "same": ", lika många som ett år tidigare",
        "change": ", {n} {direction} än ett år tidigare",
        "fewer": "färre",
        "more": "fler",
        "rate": " Andelen arbetslösa av arbetskraften var {rate}.",
    },
    "en": {
        "main": "{where} there were {count} unemployed jobseekers {when}",
        "same": ", as many as a year earlier",
        "change": ", {n} {direction} than a year earlier",
        "fewer": "fewer",
        "more": "more",
        "rate": " The unemployed made up {rate} of the labour force.",
    },
}


def headline_sentence(where: str, unemployed: Latest, rate: Latest | None, lang: str) -> str:
    """'Kymenlaaksossa oli kesäkuun lopussa 10 153 työtöntä työnhakijaa, 312 vähemmän kuin vuotta aiemmin.'"""
    if unemployed.period is None or math.isnan(unemployed.value):
        return ""
    words = TEMPLATES[lang]
    text = words["main"].format(
        where=where, when=month_end_phrase(unemployed.period, lang), count=fmt_number(unemployed.value, 0, lang)
    )
    change = unemployed.year_change
    if not math.isnan(change):
        text += (
            words["same"]
            if change == 0
            else words["change"].format(
                n=fmt_number(abs(change), 0, lang), direction=words["fewer" if change < 0 else "more"]
            )
        )
    text += "."
    if rate is not None and not math.isnan(rate.value):
        text += words["rate"].format(rate=fmt_percent(rate.value, 1, lang))
    return text[:1].upper() + text[1:]


def value_text(value: float, series: Series, lang: str, status: object = None) -> str:
    """A series' figure with its decimals: '10 153', '14,4 %'; a sum with a suppressed part 'vähintään 1 234'."""
    text = (
        fmt_percent(value, series.decimals, lang)
        if series.unit == "percent"
        else fmt_number(value, series.decimals, lang)
    )
    return t("at_least", lang, value=text) if is_lower_bound(status) else text


def lower_bound_note(status: object, catalog: Catalog, lang: str) -> str:
    """'Alaraja: valmennuksessa olevien luku on salattu' for a sum with suppressed parts; '' otherwise."""
    parts = missing_parts(status)
    if not parts:
        return ""
    names = {s.code_label: s.label[lang] for s in catalog.series if not s.is_formula}
    named = ", ".join(names.get(code, code).lower() for code in parts)
    return t("lower_bound_note", lang, parts=named)


def year_change_text(fig: Latest, series: Series, lang: str, with_count: bool = False) -> str | None:
    """The change from a year earlier: '+0,5 %-yks.' for a rate, '−3,2 %' (or '−312 (−3,2 %)') for a count."""
    if math.isnan(fig.year_change):
        return None
    if series.unit == "percent":
        return f"{fmt_number(fig.year_change, 1, lang, signed=True)} {t('points', lang)}"
    pct = fmt_percent(fig.year_change_pct, 1, lang, signed=True)
    if not with_count:
        return pct
    count = fmt_number(fig.year_change, series.decimals, lang, signed=True)
    return count if math.isnan(fig.year_change_pct) else f"{count} ({pct})"


def value_with_unit(value: float, series: Series, lang: str, status: object = None) -> str:
    """A series' figure with its unit word: '10 153 henkilöä', '1 234 työpaikkaa', '14,4 %'."""
    text = value_text(value, series, lang, status)
    if series.unit == "percent" or text == "..":
        return text
    return f"{text}\u00a0{t(f'unit_short_{series.unit}', lang)}"


def proxy_note(series: Series, lang: str) -> str:
    """'Korvike: alle 25-vuotiaat työttömät; …' for a proxy series, '' for a series of its own."""
    return f"{t('proxy', lang)}: {series.proxy.note[lang]}" if series.proxy else ""


def sparkline_sentence(fig: Latest, series: Series, lang: str) -> str:
    """What a metric's sparkline shows, for screen readers: first and last month, lowest and highest."""
    history = fig.history.dropna(subset=["value"])
    if history.empty:
        return ""
    first, last = history.iloc[0], history.iloc[-1]
    low, high = history.iloc[history["value"].argmin()], history.iloc[history["value"].argmax()]

    def point(row) -> str:
        return f"{value_text(row['value'], series, lang)} ({fmt_month(row['period'], lang)})"

    return t(
        "sparkline",
        lang,
        label=series.label[lang],
        months=len(history),
        first=point(first),
        last=point(last),
        low=point(low),
        high=point(high),
    )

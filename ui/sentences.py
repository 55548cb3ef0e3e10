"""Generated plain-language sentences about the latest figures."""

from __future__ import annotations

import math

from data_sources.transforms import Latest
from ui.formats import fmt_number, fmt_percent, month_end_phrase


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def headline_sentence(where: str, unemployed: Latest, rate: Latest | None, lang: str) -> str:
    """'Kymenlaaksossa oli kesäkuun lopussa 10 153 työtöntä työnhakijaa, 312 vähemmän kuin vuotta aiemmin.'"""
    if unemployed.period is None or math.isnan(unemployed.value):
        return ""
    when = month_end_phrase(unemployed.period, lang)
    count = fmt_number(unemployed.value, 0, lang)
    change = unemployed.year_change
    if lang == "fi":
        text = f"{where} oli {when} {count} työtöntä työnhakijaa"
        if not math.isnan(change):
            text += (", yhtä monta kuin vuotta aiemmin" if change == 0 else
                     f", {fmt_number(abs(change), 0, lang)} {'vähemmän' if change < 0 else 'enemmän'} "
                     f"kuin vuotta aiemmin")
        text += "."
        if rate is not None and not math.isnan(rate.value):
            text += f" Työttömien osuus työvoimasta oli {fmt_percent(rate.value, 1, lang)}."
    elif lang == "sv":
        text = f"{where} fanns {when} {count} arbetslösa arbetssökande"
        if not math.isnan(change):
            text += (", lika många som ett år tidigare" if change == 0 else
                     f", {fmt_number(abs(change), 0, lang)} {'färre' if change < 0 else 'fler'} än ett år tidigare")
        text += "."
        if rate is not None and not math.isnan(rate.value):
            text += f" Andelen arbetslösa av arbetskraften var {fmt_percent(rate.value, 1, lang)}."
    else:
        text = f"{where} there were {count} unemployed jobseekers {when}"
        if not math.isnan(change):
            text += (", as many as a year earlier" if change == 0 else
                     f", {fmt_number(abs(change), 0, lang)} {'fewer' if change < 0 else 'more'} than a year earlier")
        text += "."
        if rate is not None and not math.isnan(rate.value):
            text += f" The unemployed made up {fmt_percent(rate.value, 1, lang)} of the labour force."
    return _cap(text)

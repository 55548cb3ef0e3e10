"""The formats are CLDR's (Babel): numbers written by Python's formatter read as Babel writes them."""

from __future__ import annotations

import copy
from decimal import Decimal

import pandas as pd
from babel import Locale
from hypothesis import given
from hypothesis import strategies as strat

from figures.formats import LOCALES, MINUS, fmt_datetime, fmt_month, fmt_number, month_end_phrase, vega_locale

NB = "\u00a0"


def babel_text(value: float, decimals: int, lang: str) -> str:
    """Babel's own text for the locale's decimal pattern; Decimal(value) is exact, so it rounds as Python does."""
    locale = Locale.parse(LOCALES[lang])
    pattern = copy.copy(locale.decimal_formats[None])
    pattern.frac_prec = (decimals, decimals)
    return pattern.apply(Decimal(abs(value)), locale)


@given(
    strat.one_of(strat.floats(-1e12, 1e12, allow_nan=False), strat.integers(-(10**12), 10**12)),
    strat.integers(0, 3),
    strat.sampled_from(sorted(LOCALES)),
)
def test_numbers_read_as_babel_writes_them(value, decimals, lang):
    assert fmt_number(value, decimals, lang).removeprefix(MINUS) == babel_text(value, decimals, lang)


def test_rounding_and_sign_agree_at_halves():
    # 0.05 and 2.675 are a little above and below their halves as binary floats: the shown digits and sign follow
    assert fmt_number(-0.05, 1, signed=True) == f"{MINUS}0,1" and fmt_number(-0.04, 1, signed=True) == "±0,0"
    assert fmt_number(2.675, 2, "en") == "2.67" and fmt_number(0.125, 2, "sv") == "0,12"
    assert fmt_number(-1234567.5, 0, "sv") == f"{MINUS}1{NB}234{NB}568"


def test_finland_swedish_dates_and_the_three_languages_months():
    assert fmt_datetime("2026-07-01T06:05:00Z", "fi") == "1.7.2026 klo 9.05"
    assert fmt_datetime("2026-07-01T06:05:00Z", "sv") == "1.7.2026 kl. 9.05"
    assert fmt_datetime("2026-09-01T06:05:00Z", "en") == "1 Sep 2026 9:05"
    june = pd.Timestamp(2026, 6, 1)
    assert [fmt_month(june, lang) for lang in ("fi", "sv", "en")] == ["kesäkuu 2026", "juni 2026", "June 2026"]
    assert month_end_phrase(pd.Timestamp(2026, 3, 1), year=True) == "maaliskuun 2026 lopussa"
    assert vega_locale("sv")["time"]["shortMonths"][:2] == ["jan.", "feb."]
    assert vega_locale("en")["time"]["shortDays"][0] == "Su" and vega_locale("fi")["time"]["days"][1] == "maanantai"

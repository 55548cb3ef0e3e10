"""Time per call of the number formats, which a page calls thousands of times.

Baseline: the hand-written formatter the CLDR one replaced (a Python format spec, then ',' and '.'
swapped by hand). Against it, in the same run: `fmt_number` (CLDR symbols read once, Python's
formatter), Babel's `NumberPattern.apply` with the pattern and locale built once, and Babel's
`format_decimal` as documented (locale and pattern looked up on every call).

    python -m bench.bench_formats [--quick]
"""

from __future__ import annotations

import argparse
import copy
import functools
import math
import random
import timeit
from collections.abc import Callable
from decimal import Decimal

import pandas as pd
from babel import Locale
from babel.numbers import format_decimal

from figures.formats import LOCALES, MINUS, NBSP, fmt_month, fmt_number

CALLS = 10_000


def hand_number(value: float | None, decimals: int = 0, lang: str = "fi", signed: bool = False) -> str:
    """The formatter before Babel (commit 54bc0ac), kept here as the baseline."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ".."
    text = f"{abs(value):,.{decimals}f}"
    if lang in ("fi", "sv"):
        text = text.replace(",", NBSP).replace(".", ",")
    shown = round(value, decimals)
    sign = (MINUS if shown < 0 else "+" if shown > 0 else "±") if signed else (MINUS if shown < 0 else "")
    return f"{sign}{text}"


@functools.cache
def _pattern(lang: str, decimals: int):
    pattern = copy.copy(Locale.parse(LOCALES[lang]).decimal_formats[None])
    pattern.frac_prec = (decimals, decimals)
    return pattern, Locale.parse(LOCALES[lang])


def babel_number(value: float, decimals: int = 0, lang: str = "fi", signed: bool = False) -> str:
    """Babel's own formatting of the same text: Decimal(value) is exact, so it rounds as Python does."""
    pattern, locale = _pattern(lang, decimals)
    shown = round(value, decimals)
    sign = (MINUS if shown < 0 else "+" if shown > 0 else "±") if signed else (MINUS if shown < 0 else "")
    return sign + pattern.apply(Decimal(abs(value)), locale)


def babel_format_decimal(value: float, decimals: int = 0, lang: str = "fi", signed: bool = False) -> str:
    return format_decimal(abs(value), f"#,##0.{'0' * decimals}" if decimals else "#,##0", locale=LOCALES[lang])


FORMATTERS = [
    ("hand-written (baseline)", hand_number),
    ("fmt_number (CLDR symbols, Python formatter)", fmt_number),
    ("Babel NumberPattern.apply, built once", babel_number),
    ("Babel format_decimal", babel_format_decimal),
]


def _run(fmt: Callable[..., str], values: list[float], decimals: int) -> list[str]:
    return [fmt(v, decimals, "fi") for v in values]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 15")
    rounds = 5 if parser.parse_args().quick else 15
    rng = random.Random(19)
    values = [rng.uniform(-200_000, 200_000) for _ in range(CALLS)]
    for value in values[:1000]:  # the same text, or the comparison means nothing
        for lang in LOCALES:
            assert fmt_number(value, 1, lang, True) == hand_number(value, 1, lang, True)
            assert babel_number(value, 1, lang, True) == hand_number(value, 1, lang, True)
    periods = [pd.Timestamp(2009 + i // 12 % 18, i % 12 + 1, 1) for i in range(CALLS)]  # a chart's 2009–2026
    # Round-robin, best of the rounds: on a shared machine each formatter meets the same load.
    best: dict[tuple[str, int], float] = {}
    for _ in range(rounds):
        for name, fmt in FORMATTERS:
            for decimals in (0, 1):
                seconds = timeit.timeit(functools.partial(_run, fmt, values, decimals), number=1)
                best[name, decimals] = min(seconds, best.get((name, decimals), math.inf))
        seconds = timeit.timeit(lambda: [fmt_month(p) for p in periods], number=1)
        best["fmt_month", 0] = min(seconds, best.get(("fmt_month", 0), math.inf))
    print(f"{CALLS} calls each, lang fi, best of {rounds} rounds")
    print(f"{'formatter':<46} {'decimals':>8} {'µs/call':>8} {'× baseline':>11}")
    for name, _ in FORMATTERS:
        for decimals in (0, 1):
            ratio = best[name, decimals] / best[FORMATTERS[0][0], decimals]
            print(f"{name:<46} {decimals:>8} {best[name, decimals] / CALLS * 1e6:>8.2f} {ratio:>10.1f}×")
    print(f"{'fmt_month (CLDR yMMMM, cached per month)':<46} {'':>8} {best['fmt_month', 0] / CALLS * 1e6:>8.2f}")


if __name__ == "__main__":
    main()

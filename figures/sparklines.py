"""A metric's sparkline as a small inline SVG, drawn on the server: no chart library in the browser.

The overview's ten sparklines were ten Vega embeds (st.metric's chart_data), most of the page's drawing
time. To a screen reader the SVG is one image whose name is a sentence saying what it shows
(figures.sentences.sparkline_sentence), or hidden where the figures beside it say it (the groups'
table). A missing month (suppressed, "..") is a gap in the line, never zero.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from figures.markup import Markup

WIDTH, HEIGHT, PAD = 240.0, 48.0, 3.0


def sparkline_points(values: Sequence[float | None], width: float = WIDTH, height: float = HEIGHT) -> list[str]:
    """One 'x,y x,y …' run per stretch of known months: x evenly spaced by month, y from the lowest value
    (bottom) to the highest (top), `PAD` from the edges; a flat series lies in the middle."""
    known = [v for v in values if v is not None and not math.isnan(v)]
    if not known:
        return []
    low, high = min(known), max(known)
    step = (width - 2 * PAD) / max(len(values) - 1, 1)
    runs: list[list[str]] = []
    run: list[str] = []
    for index, value in enumerate(values):
        if value is None or math.isnan(value):
            if run:
                runs.append(run)
            run = []
            continue
        share = 0.5 if high == low else (value - low) / (high - low)
        run.append(f"{PAD + index * step:.1f},{height - PAD - share * (height - 2 * PAD):.1f}")
    if run:
        runs.append(run)
    return [" ".join(r) for r in runs]


def sparkline_svg(values: Sequence[float | None], colour: str, label: str = "") -> Markup:
    """The SVG markup: numbers, a checked colour and the escaped `label` (its accessible name; without one
    the image is hidden from screen readers)."""
    if not colour.startswith("#") or not all(c in "0123456789abcdefABCDEF" for c in colour[1:]):
        raise ValueError(f"not a colour: {colour!r}")
    lines = "".join(
        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2" '
        'vector-effect="non-scaling-stroke" stroke-linejoin="round" stroke-linecap="round"/>'
        if " " in points
        else f'<circle cx="{points.split(",")[0]}" cy="{points.split(",")[1]}" r="2" fill="{colour}"/>'
        for points in sparkline_points(values)
    )
    name = f'role="img" aria-label="{html.escape(label)}"' if label else 'aria-hidden="true"'
    return Markup(
        f'<svg class="sparkline" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" preserveAspectRatio="none" '
        f'width="100%" height="{HEIGHT:.0f}" {name} focusable="false">{lines}</svg>'
    )

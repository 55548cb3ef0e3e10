"""The overview's headline figures as cards in one HTML block: label, figure, change, trend, source;
and the programme's themes as tiles in another.

One element for all ten cards instead of a metric, a container and a column each (about forty
elements the browser draws one by one); and a label wraps where a metric's was cut short.
Every text is escaped; the sparkline goes in only as the `Markup` figures/sparklines.py made.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from figures.markup import Markup

ARROWS = {"up": "↑", "down": "↓", "off": ""}


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    delta: str  # the change from a year earlier as text ('−48 (−20,0 %)'); empty when not known
    delta_description: str  # 'vuodentakaisesta'
    direction: str  # 'up', 'down' or 'off'
    tone: str  # 'good', 'bad' or 'neutral': the change measured against the direction the programme wants
    note: str  # the month's change, a proxy's note, the source in words
    sparkline: Markup | None = None


def change_tone(change: float, falling_is_good: bool) -> tuple[str, str]:
    """(direction, tone) of a change: green when it goes the programme's way, red when not, grey when the
    figure has no wanted direction or did not change."""
    if math.isnan(change) or change == 0:
        return "off", "neutral"
    direction = "down" if change < 0 else "up"
    if not falling_is_good:
        return direction, "neutral"
    return direction, "good" if change < 0 else "bad"


def _card(card: Card) -> str:
    esc = html.escape
    if card.sparkline is not None and not isinstance(card.sparkline, Markup):
        raise TypeError(f"a card's sparkline takes figures.markup.Markup, not {type(card.sparkline).__name__}")
    arrow = ARROWS[card.direction]
    mark = f'<span aria-hidden="true">{arrow}</span> ' if arrow else ""
    delta = (
        f'<p class="card-delta"><span class="delta {card.direction} {card.tone}">{mark}{esc(card.delta)}</span> '
        f"{esc(card.delta_description)}</p>"
        if card.delta
        else ""
    )
    return (
        f'<div class="card"><p class="card-label">{esc(card.label)}</p>'
        f'<p class="card-value">{esc(card.value)}</p>{delta}{card.sparkline or ""}'
        f'<p class="card-note">{esc(card.note)}</p></div>'
    )


def cards_html(cards: list[Card]) -> Markup:
    """All cards in one grid (three across on a wide screen; styled by ui/frame.css, `div.cards`)."""
    return Markup(f'<div class="cards">{"".join(_card(card) for card in cards)}</div>')


@dataclass(frozen=True)
class Tile:
    heading: str  # '4.1 Yhteistyö'
    lines: tuple[str, ...]  # '✔ edennyt: 0', …
    note: str = ""  # e.g. why a theme has no measured indicators


def tiles_html(tiles: list[Tile]) -> Markup:
    """The themes side by side, one bordered tile each (styled by ui/frame.css, `div.tiles`)."""
    esc = html.escape
    parts = [
        f'<div class="tile"><p class="tile-heading">{esc(tile.heading)}</p>'
        f"<p>{'<br/>'.join(esc(line) for line in tile.lines)}</p>"
        + (f'<p class="tile-note">{esc(tile.note)}</p>' if tile.note else "")
        + "</div>"
        for tile in tiles
    ]
    return Markup(f'<div class="tiles">{"".join(parts)}</div>')

"""The static tables of figures on an AppTest page (figures/tables.py), read back as data frames."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd

from tests.shown import shown_markup


def parse_table(markup: str) -> pd.DataFrame:
    """One table: its row headers as the index, every cell's text (a markup cell: its first element)."""
    table = ET.fromstring(markup)
    head = [th.text or "" for th in table.find("thead/tr")]
    rows = []
    for tr in table.find("tbody"):
        cells = list(tr)
        rows.append([cells[0].text] + [c[0] if c.get("class") == "markup" else (c.text or "") for c in cells[1:]])
    return pd.DataFrame(rows, columns=head).set_index(head[0])


def page_tables(at) -> list[pd.DataFrame]:
    """Every table of figures on the page, in page order."""
    return [parse_table(m) for m in shown_markup(at) if m.startswith('<table class="figures')]


def page_cards(at) -> dict[str, dict[str, str]]:
    """The overview's headline cards (figures/cards.py) by label: value, delta, its description, direction
    and tone (from the change's classes), note, and the sparkline's accessible name."""
    (markup,) = [m for m in shown_markup(at) if m.startswith('<div class="cards">')]
    cards = {}
    for card in ET.fromstring(markup):
        parts = {p.get("class"): p for p in card if p.tag == "p"}
        delta = parts.get("card-delta")
        change = delta.find("span") if delta is not None else None
        svg = card.find("svg")  # a sparkline (figures/sparklines.py writes no namespace)
        cards[parts["card-label"].text] = {
            "value": parts["card-value"].text,
            "delta": ((change[0].tail if len(change) else change.text) or "").strip() if change is not None else "",
            "delta_description": (change.tail or "").strip() if change is not None else "",
            "direction": change.get("class").split()[1] if change is not None else "off",
            "tone": change.get("class").split()[2] if change is not None else "neutral",
            "note": parts["card-note"].text,
            "sparkline": svg.get("aria-label") if svg is not None else None,
        }
    return cards


def page_tiles(at) -> dict[str, list[str]]:
    """The overview's theme tiles (figures/cards.py) by heading: their lines (a note last, if any)."""
    (markup,) = [m for m in shown_markup(at) if m.startswith('<div class="tiles">')]
    tiles = {}
    for tile in ET.fromstring(markup):
        heading, *rest = tile.findall("p")
        lines = [rest[0].text or ""] + [br.tail or "" for br in rest[0].findall("br")]
        tiles[heading.text] = lines + [p.text for p in rest[1:]]
    return tiles

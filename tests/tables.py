"""The static tables of figures on an AppTest page (figures/tables.py), read back as data frames."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd


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
    return [parse_table(m.value) for m in at.markdown if m.value.startswith('<table class="figures')]

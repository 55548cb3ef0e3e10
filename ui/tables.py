"""Static tables of figures on a page: one HTML element each (figures/tables.py), figures aligned right."""

from __future__ import annotations

import pandas as pd

from figures.tables import html_table
from ui.safe import show_markup


def figures_table(frame: pd.DataFrame, index: str, text_columns: tuple[str, ...] = ()) -> None:
    """`frame` with `index` as its row labels; long labels wrap, so every column fits at 1366 px (a data
    grid would cut them), and `st.table` would draw a component per cell."""
    show_markup(html_table(frame, index, text_columns))

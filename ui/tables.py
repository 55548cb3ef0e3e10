"""Static tables of figures: long labels wrap (so every column fits at 1366 px), numbers align right."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def figures_table(frame: pd.DataFrame, index: str, text_columns: tuple[str, ...] = ()) -> None:
    """`frame` with `index` as its row labels; every other column but `text_columns` holds numbers as text
    ('10 153', '−0,7 %-yks.') and is aligned right, as figures are read (a data grid would cut the labels)."""
    body = frame.set_index(index)
    numbers = [c for c in body.columns if c not in text_columns]
    # Streamlit writes its own text-align on every cell (left) and header cell (inherit): !important wins
    headers = [
        {"selector": f"th.col_heading.col{i}", "props": "text-align: right !important"}
        for i, c in enumerate(body.columns)
        if c in numbers
    ]
    st.table(body.style.set_properties(subset=numbers, **{"text-align": "right !important"}).set_table_styles(headers))

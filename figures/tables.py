"""Static tables of figures as one HTML table: the page draws one element, not a component per cell.

Every text is escaped; only `markup_columns` go in as markup, and only as `Markup` (e.g. sparklines
made by figures/sparklines.py from numbers). Figures align right (class
`num`), labels and units left; styled by ui/frame.css (`table.figures`).
"""

from __future__ import annotations

import html

import pandas as pd

from figures.markup import Markup


def html_table(
    frame: pd.DataFrame,
    index: str,
    text_columns: tuple[str, ...] = (),
    markup_columns: tuple[str, ...] = (),
    css_class: str = "figures",
) -> Markup:
    """`frame` with `index` as the row headers; every other column but `text_columns` and
    `markup_columns` holds figures written as text ('10 153', '−0,7 %-yks.') and aligns right."""
    columns = [c for c in frame.columns if c != index]

    def css(column: str) -> str:
        if column in markup_columns:
            return ' class="markup"'
        return "" if column in text_columns else ' class="num"'

    def cell(column: str, value: object) -> str:
        if column in markup_columns and not isinstance(value, Markup):
            raise TypeError(f"{column}: markup cells take figures.markup.Markup, not {type(value).__name__}")
        body = value if column in markup_columns else html.escape("" if value is None else str(value))
        return f"<td{css(column)}>{body}</td>"

    head = f'<th scope="col">{html.escape(index)}</th>' + "".join(
        f'<th scope="col"{css(c)}>{html.escape(c)}</th>' for c in columns
    )
    body = "".join(
        f'<tr><th scope="row">{html.escape(str(row[index]))}</th>' + "".join(cell(c, row[c]) for c in columns) + "</tr>"
        for row in frame.to_dict("records")
    )
    return Markup(
        f'<table class="{html.escape(css_class)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )

"""All Appendix 2 groups at a glance: one row per group with its latest figure, change and trend."""

from __future__ import annotations

import html

import pandas as pd

from data_sources.catalog import Series
from figures.formats import fmt_month
from figures.i18n import t
from figures.latest import Latest
from figures.sentences import value_text, year_change_text
from figures.sparklines import sparkline_svg


def group_glance(
    groups: tuple[Series, ...], figures: dict[tuple[str, str], Latest], area: str, lang: str
) -> pd.DataFrame:
    """Rows of label, month, figure with its unit, change from a year earlier, and the last 25 months."""
    rows = []
    for series in groups:
        fig = figures[(series.id, area)]
        known = fig.period is not None and fig.status is None
        rows.append(
            {
                t("group", lang): series.label[lang],
                t("month", lang): fmt_month(fig.period, lang) if fig.period is not None else "..",
                t("value", lang): value_text(fig.value, series, lang) if known else "..",
                t("from_year", lang).capitalize(): (year_change_text(fig, series, lang, with_count=True) or "..")
                if known
                else "..",
                t("col_trend", lang): [None if pd.isna(v) else float(v) for v in fig.history["value"]],
            }
        )
    return pd.DataFrame(rows)


def glance_html(glance: pd.DataFrame, colour: str, lang: str) -> str:
    """The glance as one static HTML table (class 'glance', styled in ui/frame.css): every text escaped,
    figures aligned right, each trend an inline SVG sparkline (hidden from screen readers, who read the
    row's figures). One element instead of a data grid: the page draws far sooner."""
    columns = list(glance.columns)
    trend = t("col_trend", lang)
    numbers = {t("value", lang), t("from_year", lang).capitalize()}
    num = ' class="num"'

    def cell(column: str, value) -> str:
        if column == trend:
            return f'<td class="trend">{sparkline_svg(value, colour)}</td>'
        return f"<td{num if column in numbers else ''}>{html.escape(str(value))}</td>"

    head = "".join(f'<th scope="col"{num if c in numbers else ""}>{html.escape(c)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(cell(c, row[c]) for c in columns) + "</tr>" for row in glance.to_dict("records"))
    return f'<table class="glance"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

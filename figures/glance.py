"""All Appendix 2 groups at a glance: one row per group with its latest figure, change and trend."""

from __future__ import annotations

import math

import pandas as pd

from data_sources.domain.catalog import Series
from figures.formats import fmt_month
from figures.i18n import t
from figures.latest import Latest
from figures.markup import Markup
from figures.sentences import value_text, year_change_text
from figures.sparklines import sparkline_svg
from figures.tables import html_table


def group_glance(
    groups: tuple[Series, ...], figures: dict[tuple[str, str], Latest], area: str, lang: str
) -> pd.DataFrame:
    """Rows of label, month, figure with its unit, change from a year earlier, and the last 25 months."""
    rows = []
    for series in groups:
        fig = figures[(series.id, area)]
        known = fig.period is not None and math.isfinite(fig.value)
        rows.append(
            {
                t("group", lang): series.label[lang],
                t("month", lang): fmt_month(fig.period, lang) if fig.period is not None else "..",
                t("value", lang): value_text(fig.value, series, lang, fig.status) if known else "..",
                t("from_year", lang).capitalize(): year_change_text(fig, series, lang, with_count=True) or "..",
                t("col_trend", lang): [None if pd.isna(v) else float(v) for v in fig.history["value"]],
            }
        )
    return pd.DataFrame(rows)


def glance_html(glance: pd.DataFrame, colour: str, lang: str) -> Markup:
    """The glance as one static HTML table, each trend an inline SVG sparkline (hidden from screen
    readers, who read the row's figures). One element instead of a data grid: the page draws far sooner."""
    trend = t("col_trend", lang)
    # object dtype: a string column would turn each Markup back into a plain str
    svgs = pd.Series([sparkline_svg(values, colour) for values in glance[trend]], index=glance.index, dtype=object)
    shown = glance.assign(**{trend: svgs})
    return html_table(shown, t("group", lang), (t("month", lang),), (trend,), css_class="figures glance")

"""All Appendix 2 groups at a glance: one row per group with its latest figure, change and trend."""

from __future__ import annotations

import pandas as pd

from data_sources.catalog import Series
from figures.formats import fmt_month
from figures.i18n import t
from figures.latest import Latest
from figures.sentences import value_text, year_change_text


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


def glance_summary(glance: pd.DataFrame, lang: str) -> str:
    """The table as one text, for screen readers: 'Työttömät työnhakijat 9 973 (−12,2 %); …'."""
    label, value, change = t("group", lang), t("value", lang), t("from_year", lang).capitalize()
    return "; ".join(f"{row[label]} {row[value]} ({row[change]})" for _, row in glance.iterrows())

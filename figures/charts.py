"""Altair chart builders: locale in the spec, one colour per area everywhere, source line on each chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from data_sources.catalog import Catalog
from figures.formats import fmt_number, vega_locale
from figures.i18n import t

EVENTS = (("2021-03-23", "event_programme"), ("2025-01-01", "event_reform"))
FONT = "Source Sans Pro, Arial, sans-serif"


def y_format(decimals: int) -> str:
    return f",.{decimals}f"


def chart_description(rows: pd.DataFrame, title: str, unit: str, lang: str, decimals: int) -> str:
    """A short text of what the chart shows, for screen readers and the caption under it."""
    parts = [f"{title} ({unit})."]
    for name, group in rows.dropna(subset=["shown"]).groupby("area_name", sort=False):
        first, last = group.iloc[0], group.iloc[-1]
        parts.append(
            f"{name}: {fmt_number(first['shown'], decimals, lang)} ({first['period'].month}/{first['period'].year})"
            f" → {fmt_number(last['shown'], decimals, lang)} ({last['period'].month}/{last['period'].year})."
        )
    return " ".join(parts)


def finish(chart: alt.TopLevelMixin, lang: str, large: bool = False) -> alt.TopLevelMixin:
    """Locale, fonts and sizes every chart shares; `large` for projector slides."""
    axis_size, title_size = (24, 48) if large else (12, 16)
    return (
        chart.configure(locale=vega_locale(lang), font=FONT)
        .configure_axis(
            labelFontSize=axis_size,
            titleFontSize=axis_size,
            grid=True,
            gridColor="#e6e6e6",
        )
        .configure_title(
            fontSize=title_size, subtitleFontSize=max(axis_size - 1, 11), anchor="start", subtitleColor="#333333"
        )
        .configure_legend(
            labelFontSize=axis_size,
            titleFontSize=axis_size,
            orient="bottom",
            labelLimit=400,
        )
        .configure_view(stroke=None)
    )


def trend_chart(
    rows: pd.DataFrame,
    *,
    catalog: Catalog,
    title: str,
    unit: str,
    source: str,
    lang: str,
    decimals: int = 0,
    average: bool = False,
    height: int = 320,
    large: bool = False,
) -> alt.TopLevelMixin:
    """Monthly lines per area; missing months are gaps, never zeros; events as dashed rules."""
    areas = [a for a in catalog.areas if a.code in set(rows["area_code"])]
    names = [a.name[lang] for a in areas]
    colours = [a.colour for a in areas]
    data = rows[["period", "area_code", "shown"]].copy()
    data["area_name"] = data["area_code"].map({a.code: a.name[lang] for a in areas})
    subtitle = [unit, source]  # the source line says DEMO when the figures are demo
    colour = alt.Color("area_name:N", title=None, scale=alt.Scale(domain=names, range=colours), sort=names)
    base = alt.Chart(data)
    line = base.mark_line(strokeWidth=4 if large else 2.5, invalid="break-paths-show-domains").encode(
        x=alt.X("period:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=6, labelOverlap=True)),
        y=alt.Y("shown:Q", title=None, axis=alt.Axis(format=y_format(decimals)), scale=alt.Scale(zero=False)),
        color=colour,
        strokeDash=alt.value([6, 3]) if average else alt.value([1, 0]),
    )
    points = base.mark_circle(size=36, opacity=0).encode(
        x="period:T",
        y="shown:Q",
        color=colour,
        tooltip=[
            alt.Tooltip("area_name:N", title=t("area", lang)),
            alt.Tooltip("period:T", title=t("month", lang), format="%B %Y"),
            alt.Tooltip("shown:Q", title=t("value", lang), format=y_format(decimals)),
        ],
    )
    start, end = data["period"].min(), data["period"].max()
    events = pd.DataFrame(
        [
            {"date": pd.Timestamp(day), "label": t(key, lang)}
            for day, key in EVENTS
            if start is not pd.NaT and start <= pd.Timestamp(day) <= end
        ]
    )
    layers = [line, points]
    if not events.empty:
        rules = alt.Chart(events).mark_rule(strokeDash=[4, 4], color="#555555").encode(x="date:T")
        labels = (
            alt.Chart(events)
            .mark_text(align="left", baseline="top", dx=4, dy=2, color="#333333", fontSize=20 if large else 11)
            .encode(x="date:T", y=alt.value(0), text="label:N")
        )
        layers += [rules, labels]
    chart = alt.layer(*layers).properties(
        height=height,
        width="container",
        title=alt.TitleParams(text=title, subtitle=subtitle),
        description=chart_description(rows.assign(area_name=data["area_name"]), title, unit, lang, decimals),
    )
    return finish(chart, lang, large)


def bar_ranking(
    values: pd.DataFrame,
    *,
    title: str,
    unit: str,
    source: str,
    lang: str,
    highlight: str,
    decimals: int,
    catalog: Catalog,
) -> alt.TopLevelMixin:
    """Horizontal bars of one figure across areas, the chosen one in its own colour."""
    colours = {a.code: a.colour for a in catalog.areas}
    data = values.assign(colour=values["area_code"].map(lambda c: colours[c] if c == highlight else "#9e9e9e"))
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("area_name:N", sort="-x", title=None),
            x=alt.X("value:Q", title=None, axis=alt.Axis(format=y_format(decimals))),
            color=alt.Color("colour:N", scale=None, legend=None),
            tooltip=[
                alt.Tooltip("area_name:N", title=t("area", lang)),
                alt.Tooltip("value:Q", title=t("value", lang), format=y_format(decimals)),
            ],
        )
        .properties(
            height=36 * len(data) + 110,
            width="container",  # the height holds title and axis too
            title=alt.TitleParams(text=title, subtitle=[unit, source]),
        )
    )
    return finish(chart, lang)

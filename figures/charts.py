"""Altair chart builders: locale in the spec, one colour per area everywhere, source line on each chart."""

from __future__ import annotations

import textwrap
from typing import Literal, TypeVar

import altair as alt
import pandas as pd

from data_sources.domain.catalog import Catalog
from data_sources.domain.region import load_region
from figures.formats import NBSP, fmt_date, fmt_number, fmt_period, fmt_span, vega_locale
from figures.i18n import t


def programme_events(lang: str) -> list[tuple[str, str]]:
    """The programme's approval, marked on every chart (none when the region has no programme)."""
    files = load_region().programme
    return [] if files is None else [(files.approved.isoformat(), t("event_programme", lang))]


# The app's own font first ("Source Sans" in Streamlit 1.67), so a chart's text matches the page's.
FONT = '"Source Sans", "Source Sans Pro", Arial, sans-serif'
# Axis and legend labels: Streamlit's theme draws them in a grey of 3.7:1; this is 10:1 on white (WCAG AA: 4.5).
LABEL_COLOUR = "#31333f"
_Chart = TypeVar("_Chart", bound=alt.TopLevelMixin)  # finish() returns the kind of chart it is given


def axis_format(decimals: int) -> str:
    """Ticks without needless decimals: 80, 90, 100 (not 80,0); 82,5 only where a tick needs it."""
    return f",.{decimals}~f"


def value_texts(values: pd.Series, decimals: int, unit: str, lang: str) -> pd.Series:
    """Tooltip texts with their unit: '10,0 % työvoimasta', '10 153 henkilöä, kuukauden lopussa'."""
    glue = NBSP if unit.startswith("%") else " "
    return values.map(
        lambda v: f"{fmt_number(v, decimals, lang)}{glue}{unit}" if unit else fmt_number(v, decimals, lang)
    )


def chart_description(rows: pd.DataFrame, title: str, unit: str, lang: str, decimals: int, step: int = 1) -> str:
    """A short text of what the chart shows, for screen readers and the caption under it."""
    parts = [f"{title} ({unit})."]
    for name, group in rows.dropna(subset=["shown"]).groupby("area_name", sort=False):
        first, last = group.iloc[0], group.iloc[-1]
        parts.append(
            f"{name}: {fmt_number(first['shown'], decimals, lang)} ({fmt_span(first['period'], first['period'], step)})"
            f" → {fmt_number(last['shown'], decimals, lang)} ({fmt_span(last['period'], last['period'], step)})."
        )
    return " ".join(parts)


def finish(chart: _Chart, lang: str, large: bool = False) -> _Chart:
    """Locale, fonts and sizes every chart shares; `large` for projector slides."""
    axis_size, title_size = (24, 48) if large else (12, 16)
    return (
        chart.configure(locale=vega_locale(lang), font=FONT)
        .configure_axis(
            labelFontSize=axis_size,
            titleFontSize=axis_size,
            labelColor=LABEL_COLOUR,
            titleColor=LABEL_COLOUR,
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
            labelLimit=640 if large else 400,  # a sub-region's whole Swedish name on a slide
            labelColor=LABEL_COLOUR,
        )
        .configure_view(stroke=None)
    )


def chart_title(title: str, unit: str, source: str, large: bool, show_title: bool) -> alt.TitleParams:
    """Title, unit and source line (which says DEMO when the figures are demo); without `show_title` the unit
    and source stand alone, in subtitle type."""
    if not show_title:
        return alt.TitleParams(
            text=unit, subtitle=[source], fontSize=23 if large else 12, fontWeight="normal", color="#333333"
        )
    if large:  # a slide's headline in a PNG of its own: lines of 30 px, not one cut-off line of 48 px
        return alt.TitleParams(text=textwrap.wrap(title, 60), subtitle=[unit, source], fontSize=30)
    return alt.TitleParams(text=title, subtitle=[unit, source])


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
    height: int | str = 320,
    large: bool = False,
    show_title: bool = True,
) -> alt.LayerChart | alt.FacetChart:
    """Monthly lines per area; missing months are gaps, never zeros; events and breaks as dashed rules.

    When `rows` has a `trend` column (figures.views.with_trend: the trailing 12-month mean, seasonally
    balanced), it is drawn bold over thin monthly lines, and the subtitle says which is which.
    Without `show_title` (a slide, whose headline is its title) the unit and source stand above it alone.
    """
    series = catalog.series_by_id(str(rows["series"].iloc[0])) if "series" in rows and len(rows) else None
    step = catalog.step(series) if series is not None else 1
    areas = [a for a in catalog.areas if a.code in set(rows["area_code"])]
    names = [a.name[lang] for a in areas]
    colours = [a.colour for a in areas]
    has_trend = "trend" in rows.columns and rows["trend"].notna().any()
    data = rows[["period", "area_code", "shown", *(["trend"] if has_trend else [])]].copy()
    data["area_name"] = data["area_code"].map({a.code: a.name[lang] for a in areas})
    data["shown_text"] = value_texts(data["shown"], decimals, unit, lang)
    # what a pointer over a month says (a tooltip in Vega, a hover title in the page's inline SVG)
    data["period_text"] = data["period"].map(lambda period: fmt_period(period, step, lang))
    data["tip"] = data["area_name"] + ", " + data["period_text"] + ": " + data["shown_text"]
    if has_trend:
        trend_texts = data["trend"].map(lambda v: "" if pd.isna(v) else fmt_number(v, decimals, lang))
        data["tip"] += trend_texts.map(lambda v: f" ({t('trend_short', lang)} {v})" if v else "")
        unit = f"{unit} · {t('trend_legend' if step == 1 else 'trend_legend_quarters', lang)}"
    colour = alt.Color("area_name:N", title=None, scale=alt.Scale(domain=names, range=colours), sort=names)
    base = alt.Chart(data)
    width = (4 if large else 2.5) if not has_trend else (2 if large else 1.2)
    line = base.mark_line(
        strokeWidth=width, opacity=0.55 if has_trend else 1, invalid="break-paths-show-domains"
    ).encode(
        # labels 8 px apart at least: the first, pushed inside the chart, ran into the second ('jan. 2018jan. 2019')
        x=alt.X(
            "period:T",
            title=None,
            axis=alt.Axis(
                format="%Y" if step == 12 else "%b %Y",
                # a quarter as StatFin writes it ('2026Q2'), not as the month it starts with
                labelExpr="year(datum.value) + 'Q' + (floor(month(datum.value) / 3) + 1)"
                if step == 3
                else alt.Undefined,
                labelAngle=0,
                tickCount="year" if step == 12 else 6,
                labelOverlap=True,
                labelSeparation=8,
            ),
        ),
        y=alt.Y("shown:Q", title=None, axis=alt.Axis(format=axis_format(decimals)), scale=alt.Scale(zero=False)),
        color=colour,
        strokeDash=alt.value([6, 3]) if average else alt.value([1, 0]),
    )
    # a quarter's or year's figures are few: each is drawn as a point too
    points = base.mark_circle(size=36, opacity=0 if step == 1 else 1).encode(
        x="period:T",
        y="shown:Q",
        color=colour,
        tooltip=[
            alt.Tooltip("area_name:N", title=t("area", lang)),
            alt.Tooltip("period_text:N", title=t("month" if step == 1 else "period", lang)),
            alt.Tooltip("shown_text:N", title=t("value", lang)),
        ],
        description="tip:N",
    )
    start, end = data["period"].min(), data["period"].max()
    breaks = catalog.breaks_for(series) if series is not None else catalog.breaks
    marked = [*programme_events(lang), *((b.date, b.label[lang]) for b in breaks)]
    events = pd.DataFrame(
        [
            {"date": pd.Timestamp(day), "label": label, "day": fmt_date(day, lang)}
            for day, label in marked
            if start is not pd.NaT and start <= pd.Timestamp(day) <= end
        ]
    )
    layers = [line, points]
    if has_trend:
        trend = base.mark_line(strokeWidth=5 if large else 3, invalid="break-paths-show-domains").encode(
            x="period:T", y="trend:Q", color=colour
        )
        layers = [line, trend, points]
    if not events.empty:
        # the tooltip's date as on every page (23.3.2021), not the chart's own default (maalis 23, 2021)
        tooltip = [alt.Tooltip("label:N", title=t("event", lang)), alt.Tooltip("day:N", title=t("date", lang))]
        events["tip"] = events["label"] + ", " + events["day"]
        rules = (
            alt.Chart(events)
            .mark_rule(strokeDash=[4, 4], color="#555555")
            .encode(x="date:T", tooltip=tooltip, description="tip:N")
        )
        # a label in the last third of the period goes left of its rule, so it is not cut at the right edge;
        # with labels on both sides, those on the left go a line lower, so the two never run into each other
        late = events["date"] > start + (end - start) * 2 / 3
        sides: list[tuple[pd.DataFrame, Literal["left", "right"]]] = [(events[~late], "left"), (events[late], "right")]
        size = 20 if large else 11
        lower = round(size * 1.3) if late.any() and not late.all() else 0
        labels = [
            alt.Chart(part)
            .mark_text(
                align=align,
                baseline="top",
                dx=4 if align == "left" else -4,
                dy=2 if align == "left" else 2 + lower,
                color="#333333",
                fontSize=size,
            )
            .encode(x="date:T", y=alt.value(0), text="label:N", tooltip=tooltip, description="tip:N")
            for part, align in sides
            if not part.empty
        ]
        layers += [rules, *labels]
    chart = alt.layer(*layers).properties(
        height=height,
        width="container",
        title=chart_title(title, unit, source, large, show_title),
        description=chart_description(rows.assign(area_name=data["area_name"]), title, unit, lang, decimals, step),
    )
    return finish(chart, lang, large)

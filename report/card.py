"""The one-page municipality card (PDF) for a council meeting: headline figures, rank, trend, the six side by side."""

from __future__ import annotations

import pandas as pd
from fpdf.fonts import FontFace

from data_sources.domain.catalog import Catalog
from data_sources.domain.periods import DEFAULT_START
from data_sources.snapshots.dataset import Dataset
from figures.charts import trend_chart
from figures.formats import fmt_month
from figures.i18n import t
from figures.latest import rank_areas
from figures.municipal import (
    display_table,
    municipality_rows,
    proxy_notes,
    side_by_side,
    six_display,
    six_municipalities,
)
from figures.provenance import source_line
from figures.views import select
from report.export import Document, fixed_width

CARD_CHART_WIDTH = 900  # px; on A4 portrait the chart is 182 mm wide


def _table(doc: Document, frame: pd.DataFrame, size: float = 8, first_width: float = 2.4) -> None:
    """A frame as a PDF table: the first column left and wider, the rest right-aligned."""
    pdf = doc.pdf
    pdf.set_font(doc.font, "", size)
    widths = (first_width, *([1.0] * (len(frame.columns) - 1)))
    align = ("LEFT", *(["RIGHT"] * (len(frame.columns) - 1)))
    with pdf.table(
        col_widths=widths,
        text_align=align,
        line_height=size * 0.5,
        padding=0.8,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
    ) as table:
        header = table.row()
        for name in frame.columns:
            header.cell(str(name))
        for values in frame.itertuples(index=False):
            row = table.row()
            for value in values:
                row.cell(str(value))
    pdf.ln(2)


def rate_trend_spec(data: Dataset, catalog: Catalog, area: str, lang: str) -> dict:
    """The unemployment rate of the municipality, the region and the country since DEFAULT_START."""
    series = catalog.series_by_id(catalog.rate_series)
    rows = select(data.frame, series.id, (area, catalog.region_code, catalog.country_code), DEFAULT_START.start)
    chart = trend_chart(
        rows.assign(shown=rows["value"]),
        catalog=catalog,
        title=series.label[lang],
        unit=t("unit_percent", lang),
        source=source_line(data, catalog, series.table, lang),
        lang=lang,
        decimals=series.decimals,
        height=210,
    )
    return fixed_width(chart.to_dict(), CARD_CHART_WIDTH)


def municipality_card(data: Dataset, catalog: Catalog, area: str, lang: str) -> bytes:
    """One A4 page: the municipality's key figures with changes, its rank among the six, trend and the six."""
    rows = municipality_rows(data.frame, catalog, area)
    headline = [r for r in rows if r.series.id in side_by_side(catalog)]
    name = catalog.area(area).name[lang]
    month = rows[0].mine.period
    assert month is not None  # municipality_rows keeps only the rows with a figure
    doc = Document(landscape=False)
    doc.page()
    doc.text(f"{t('page_municipality', lang)}: {name} – {fmt_month(month, lang)}", size=17, bold=True, gap=0.5)
    doc.text(source_line(data, catalog, catalog.monthly_table_key, lang), size=8, gap=2)
    if data.is_demo:
        doc.text(t("demo_short", lang), size=10, bold=True)
    doc.text(t("card_figures", lang), size=11, bold=True, gap=1)
    _table(doc, display_table(headline, catalog, area, lang).drop(columns=[t("col_unit", lang)]))
    for note in proxy_notes(headline, lang):
        doc.text(note, size=7, gap=0.3)
    doc.pdf.ln(1.5)
    six = six_municipalities(data.frame, catalog)
    ranks = rank_areas(dict(zip(six["area_code"], six[catalog.rate_series], strict=True)))
    if area in ranks:
        doc.text(t("card_rank", lang, rank=ranks[area], of=len(six)), size=9, bold=True)
    doc.chart(rate_trend_spec(data, catalog, area, lang))
    doc.text(t("six_title", lang), size=11, bold=True, gap=1)
    _table(doc, six_display(six, catalog, lang), size=7.5, first_width=1.4)
    doc.text(f"{t('note_licence', lang)}: {catalog.licence}, {catalog.producer}", size=7, gap=0)
    return doc.bytes()

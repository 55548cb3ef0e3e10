"""One municipality's figures beside the region and the country, and the region's municipalities side by side."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from data_sources.domain.catalog import Catalog, Series
from figures.comparisons import area_points, basis_text, change_text, difference_text, programme_change, year_change
from figures.formats import fmt_period
from figures.i18n import TEXTS, t
from figures.latest import Latest, latest_table, rank_areas
from figures.sentences import lower_bound_note, value_text, value_with_unit, year_change_text

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def side_by_side(catalog: Catalog) -> tuple[str, ...]:
    """The figures compared across the municipalities, in the order shown (table, card, map): the catalog's view."""
    return catalog.views["municipality_side_by_side"]


def short_label(series: Series, lang: str) -> str:
    """A column's short name ('six_<id>' in the texts), or the series' label when it has none."""
    return t(f"six_{series.id}", lang) if f"six_{series.id}" in TEXTS else series.label[lang]


@dataclass(frozen=True)
class FigureRow:
    """One row of the municipality table: a series once, with the proxies it also stands in for."""

    series: Series
    also_for: tuple[Series, ...]  # proxies whose figures are exactly this row's
    mine: Latest
    region: Latest
    country: Latest


def table_series(catalog: Catalog) -> list[tuple[Series, tuple[Series, ...]]]:
    """The monthly series, each set of content codes once.

    A proxy copies another series' codes (structurally unemployed = long-term unemployed); it is
    not a row of its own but named on the row it copies. A proxy copying nothing keeps its row.
    """
    # the labour force is the rate's denominator, not a figure of its own here (as before issue 11)
    denominators = {s.share_of[1] for s in catalog.series if s.share_of}  # the labour force: a rate's base, no row
    # the monthly figures: the monthly table's, and those found by meaning in other monthly tables (issue 20)
    monthly = [s for s in catalog.series if s.codes and catalog.tables[s.table].frequency == "monthly"]
    shown = [s for s in monthly if s.id not in denominators]
    groups: dict[tuple[str, ...], list[Series]] = {}
    for series in shown:
        groups.setdefault(series.codes, []).append(series)
    out = []
    for members in groups.values():
        main = next((s for s in members if s.proxy is None), members[0])
        out.append((main, tuple(s for s in members if s is not main)))
    return out


def municipality_rows(frame: pd.DataFrame, catalog: Catalog, area: str) -> list[FigureRow]:
    """The rows of the municipality table that have a figure for the area."""
    listed = table_series(catalog)
    places = (area, catalog.region_code, catalog.country_code)
    figures = latest_table(frame, [series.id for series, _ in listed], places)
    rows = []
    for series, also_for in listed:
        mine = figures[(series.id, area)]
        if mine.period is None:
            continue
        rows.append(
            FigureRow(
                series,
                also_for,
                mine,
                figures[(series.id, catalog.region_code)],
                figures[(series.id, catalog.country_code)],
            )
        )
    return rows


def six_municipalities(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Per municipality the latest figure and change from a year earlier of each side-by-side series,
    and its rank on the unemployment rate (1 = highest); one row per municipality, in catalog order.
    """
    codes = [a.code for a in catalog.municipalities]
    figures = latest_table(frame, side_by_side(catalog), codes)
    records = []
    for code in codes:
        record: dict[str, object] = {"area_code": code}
        for series_id in side_by_side(catalog):
            fig = figures[(series_id, code)]
            record[series_id] = fig.value
            record[f"{series_id}_year_change"] = fig.year_change
            record[f"{series_id}_year_change_pct"] = fig.year_change_pct
            if series_id == catalog.rate_series:
                record["period"] = fig.period
        records.append(record)
    table = pd.DataFrame(records)
    ranks = rank_areas(dict(zip(table["area_code"], table[catalog.rate_series], strict=True)))
    table["rank"] = table["area_code"].map(lambda c: ranks.get(c, math.nan))
    return table


def unit_text(series: Series, lang: str) -> str:
    """The unit of a row: 'henkilöä', 'työpaikkaa', '% työvoimasta'."""
    return t("unit_row_percent" if series.unit == "percent" else f"unit_short_{series.unit}", lang)


def label_text(row: FigureRow, lang: str, marker: str = "") -> str:
    return f"{row.series.label[lang]}{marker}"


def lower_bound_notes(rows: list[FigureRow], catalog: Catalog, lang: str) -> list[str]:
    """A line per figure that is the sum of its known parts only: which area, and which part is suppressed."""
    notes = []
    for row in rows:
        for fig in (row.mine, row.region, row.country):
            note = lower_bound_note(fig.status, catalog, lang)
            if note:
                notes.append(f"{row.series.label[lang]}, {catalog.area(fig.area_code).name[lang]}: {note}")
    return notes


def proxy_notes(rows: list[FigureRow], lang: str) -> list[str]:
    """The notes of proxy rows, and a line per row that also stands in for a proxy ('¹ Pitkäaikaistyöttömät on …')."""
    notes = [f"{row.series.label[lang]}: {row.series.proxy.note[lang]}" for row in rows if row.series.proxy]
    for row, marker in zip(rows, markers(rows), strict=True):
        if row.also_for:
            intended = ", ".join(p.proxy.intended[lang] for p in row.also_for if p.proxy)
            notes.append(f"{marker.strip()} {t('proxy_also', lang, label=row.series.label[lang], intended=intended)}")
    return notes


def markers(rows: list[FigureRow]) -> list[str]:
    """' ¹', ' ²' … on rows that also stand in for a proxy; '' elsewhere."""
    out, n = [], 0
    for row in rows:
        if row.also_for:
            n += 1
            out.append(" " + SUPERSCRIPTS[n % 10])
        else:
            out.append("")
    return out


def display_table(rows: list[FigureRow], catalog: Catalog, area: str, lang: str) -> pd.DataFrame:
    """The municipality table as the page and the card show it: every cell a text with its unit."""
    name = catalog.area
    records = []
    for row, marker in zip(rows, markers(rows), strict=True):
        series = row.series
        year = year_change_text(row.mine, series, lang, with_count=True) or ".."
        records.append(
            {
                t("figure", lang): label_text(row, lang, marker),
                t("col_unit", lang): unit_text(series, lang),
                name(area).name[lang]: value_text(row.mine.value, series, lang, row.mine.status),
                t("col_month_change", lang): difference_text(row.mine.month_change, series, lang),
                t("col_year_change", lang): year,
                name(catalog.region_code).name[lang]: value_text(row.region.value, series, lang, row.region.status),
                name(catalog.country_code).name[lang]: value_text(row.country.value, series, lang, row.country.status),
            }
        )
    return pd.DataFrame(records)


def codes_table(rows: list[FigureRow], catalog: Catalog, lang: str) -> pd.DataFrame:
    """Where each row comes from: table id and content code (the traceability the main table leaves out)."""
    return pd.DataFrame(
        [
            {
                t("figure", lang): row.series.label[lang],
                t("col_table", lang): f"StatFin {catalog.tables[row.series.table].short_id}",
                t("col_code", lang): row.series.code_label,
            }
            for row in rows
        ]
    )


def six_display(table: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """The municipalities side by side as texts: each figure, the rate's and the count's yearly change, rank."""
    records = []
    for rec in table.to_dict("records"):
        out = {t("municipality", lang): catalog.area(rec["area_code"]).name[lang]}
        for series_id in side_by_side(catalog):
            series = catalog.series_by_id(series_id)
            out[short_label(series, lang)] = value_text(rec[series_id], series, lang)
            if series_id in (catalog.count_series, catalog.rate_series):
                out[f"{short_label(series, lang)}, {t('six_year_change', lang)}"] = difference_text(
                    rec[f"{series_id}_year_change"], series, lang
                )
        out[t("rank_col", lang)] = ".." if math.isnan(rec["rank"]) else f"{int(rec['rank'])}/{len(table)}"
        records.append(out)
    return pd.DataFrame(records)


def periodic_table(frame: pd.DataFrame, catalog: Catalog, area: str, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """The area's quarterly and yearly statistics (the catalog's `municipality_periodic` view, e.g. businesses and
    education): the latest period, its change from the same period a year earlier, and the change since the
    programme began beside the region's and the country's; and the bases of those changes in words, once per
    frequency. A series the area has no figures of (R&D is by region only) is left out."""
    records: list[dict[str, str]] = []
    bases: dict[str, list[str]] = {}
    for series_id in catalog.views.get("municipality_periodic", ()):
        series = catalog.series_by_id(series_id)
        if not series.codes:  # read by meaning and not found at the last refresh
            continue
        stored = area_points(frame, series_id)
        here = stored.get(area, {})
        if not here:
            continue
        step, is_rate = catalog.step(series), series.unit == "percent"
        last = max(here)
        year = year_change(here, last, is_rate, step)
        since = {
            code: programme_change(stored.get(code, {}), last, is_rate, step=step)
            for code in (
                area,
                catalog.region_code,
                catalog.country_code,
            )
        }
        point = here[last]
        records.append(
            {
                t("figure", lang): series.label[lang],
                t("period", lang): fmt_period(last.start, step, lang),
                catalog.area(area).name[lang]: value_with_unit(point.value, series, lang, point.symbol),
                t("col_year_change", lang): change_text(year.value, is_rate, lang),
                **{
                    t("since_in", lang, area=catalog.area(code).name[lang]): change_text(change.value, is_rate, lang)
                    for code, change in since.items()
                },
            }
        )
        basis = f"{basis_text(year, lang)}; {basis_text(since[area], lang)}"
        bases.setdefault(basis, []).append(series.label[lang])
    # each basis once, naming its figures when the figures differ in their periods
    if len(bases) == 1:
        return pd.DataFrame(records), list(bases)
    return pd.DataFrame(records), [f"{', '.join(labels)}: {basis}" for basis, labels in bases.items()]

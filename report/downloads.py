"""Table downloads as CSV and Excel bytes: figures rounded as shown, a unit column, notes on source and licence."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from data_sources.domain.catalog import Catalog
from data_sources.pxweb.jsonstat import MISSING_SYMBOLS
from data_sources.snapshots.dataset import Dataset
from data_sources.snapshots.series_frame import missing_parts, period_label
from figures.formats import fmt_date, fmt_month
from figures.i18n import t
from figures.municipal import FigureRow, label_text, lower_bound_notes, markers, proxy_notes, unit_text
from figures.sentences import lower_bound_note
from report.export import file_stem

EXCEL_SHEET_CHARS = 31
EXCEL_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Number:
    """A figure with the decimals it is shown with; `signed` for changes (+12, −0,3)."""

    value: float
    decimals: int = 0
    signed: bool = False

    @property
    def rounded(self) -> int | float | None:
        """What the file holds: an int for a count, a float rounded to the decimals shown, None if missing."""
        if self.value is None or math.isnan(self.value):
            return None
        if self.decimals == 0:
            return int(round(self.value))
        rounded = round(self.value, self.decimals)
        return 0.0 if rounded == 0 else rounded  # no '-0,0'


Cell = str | Number


@dataclass(frozen=True)
class TableDownload:
    """One table as it goes into a file: translated headers, rows of text and numbers, and notes."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    sheet: str  # the data sheet's name, e.g. the municipality
    notes_sheet: str
    notes: tuple[tuple[str, str], ...]  # (what, text): source, table, release, licence, DEMO …


# A spreadsheet takes a cell starting with one of these as a formula (=HYPERLINK(…) from a status text,
# a note or a name); a single quote before it makes the cell text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """`text` as a cell no spreadsheet runs: prefixed with a single quote when it would start a formula."""
    if text in MISSING_SYMBOLS:  # PxWeb's '-' (nothing) is a symbol, not a formula
        return text
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def frame_csv(frame: pd.DataFrame) -> bytes:
    """A tidy frame as CSV (UTF-8, ',', CRLF), its text cells made formula-safe; numbers stay numbers.

    CRLF rows (RFC 4180) also make the writer quote a text holding a lone CR, which would split a row.
    """
    texts = frame.select_dtypes(include=["object", "string"]).columns
    safe = frame.assign(**{c: frame[c].map(formula_safe, na_action="ignore") for c in texts})
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def csv_number(number: Number) -> str:
    """'14,6', '376', '-0,1': the decimals shown, decimal comma, plain minus for spreadsheets."""
    value = number.rounded
    if value is None:
        return ""
    text = f"{value:.{number.decimals}f}".replace(".", ",")
    return f"+{text}" if number.signed and value > 0 else text


def to_csv(table: TableDownload) -> bytes:
    """UTF-8 with BOM, ';' and decimal comma (what Excel in Finland opens as is).

    The notes follow the figures after one empty row as 'what;text' rows: one file keeps the
    source and licence with the figures wherever it is sent, and a reader stops at the empty row.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([formula_safe(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([csv_number(c) if isinstance(c, Number) else formula_safe(c) for c in row])
    writer.writerow([])
    writer.writerows([[formula_safe(text) for text in note] for note in table.notes])
    return out.getvalue().encode("utf-8-sig")


def excel_format(number: Number) -> str:
    body = "#,##0" + ("." + "0" * number.decimals if number.decimals else "")
    return f"+{body};-{body};0" if number.signed else body


def sheet_name(text: str) -> str:
    return text.translate(EXCEL_FORBIDDEN).strip()[:EXCEL_SHEET_CHARS] or "Sheet"


def _fit_columns(sheet, widths: dict[int, int]) -> None:
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 70)


def to_xlsx(table: TableDownload) -> bytes:
    """The figures as numbers with number formats, bold frozen header, fitted widths; a notes sheet."""
    book = Workbook()
    data = book.active
    assert isinstance(data, Worksheet)  # a new workbook's one sheet
    data.title = sheet_name(table.sheet)
    data.append([formula_safe(h) for h in table.headers])
    widths = {i: len(h) for i, h in enumerate(table.headers, start=1)}
    for r, row in enumerate(table.rows, start=2):
        for c, cell in enumerate(row, start=1):
            target = data.cell(row=r, column=c)
            if isinstance(cell, Number):
                target.value = cell.rounded
                target.number_format = excel_format(cell)
                shown = len(csv_number(cell)) + 2
            else:
                target.value = formula_safe(cell)
                shown = len(cell)
            widths[c] = max(widths[c], shown)
    for header in data[1]:
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
    data.freeze_panes = "B2"
    _fit_columns(data, widths)

    notes = book.create_sheet(sheet_name(table.notes_sheet))
    for what, text in table.notes:
        notes.append([formula_safe(what), formula_safe(text)])
    for cell in notes["A"]:
        cell.font = Font(bold=True)
    _fit_columns(
        notes,
        {1: max((len(w) for w, _ in table.notes), default=8), 2: max((len(x) for _, x in table.notes), default=8)},
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def source_notes(data: Dataset, catalog: Catalog, table_key: str, lang: str, title: str) -> list[tuple[str, str]]:
    """Title, source, table, release, licence and whether the figures are official or DEMO."""
    table = catalog.tables[table_key]
    prov = data.provenance.get(table_key)
    return [
        (t("note_title", lang), title),
        (t("note_source", lang), table.source[lang]),
        (t("note_table", lang), f"{catalog.database} {table.path}: {table.title[lang]}"),
        (t("note_release", lang), fmt_date(prov.release, lang) if prov else ".."),
        (t("note_licence", lang), f"{catalog.licence}, {catalog.producer}"),
        (t("note_data", lang), t("demo_short", lang) if data.is_demo else t("note_official", lang)),
    ]


def municipality_download(
    rows: list[FigureRow], data: Dataset, catalog: Catalog, area: str, lang: str
) -> tuple[str, TableDownload]:
    """The municipality table's figures as numbers, with units, table ids and codes; and an ASCII file stem."""
    name = catalog.area(area).name[lang]
    month = rows[0].mine.period
    assert month is not None  # municipality_rows keeps only the rows with a figure
    headers = (
        t("figure", lang),
        t("col_unit", lang),
        t("month", lang),
        name,
        t("col_month_change", lang),
        t("col_year_change", lang),
        t("year_change_pct", lang),
        catalog.region.name[lang],
        catalog.country.name[lang],
        t("col_table", lang),
        t("col_code", lang),
    )
    body = []
    for row, marker in zip(rows, markers(rows), strict=True):
        series, d = row.series, row.series.decimals
        is_rate = series.unit == "percent"
        body.append(
            (
                label_text(row, lang, marker),
                t("unit_percent_changes", lang) if is_rate else unit_text(series, lang),
                f"{row.mine.period:%Y-%m}",
                Number(row.mine.value, d),
                Number(row.mine.month_change, d, signed=True),
                Number(row.mine.year_change, d, signed=True),
                Number(math.nan if is_rate else row.mine.year_change_pct, 1, signed=True),
                Number(row.region.value, d),
                Number(row.country.value, d),
                f"{catalog.database} {catalog.tables[series.table].path}",
                series.content_code,
            )
        )
    title = f"{t('page_municipality', lang)}: {name}, {fmt_month(month, lang)}"
    notes = source_notes(data, catalog, rows[0].series.table, lang, title)
    notes += [(t("note_proxies", lang), note) for note in proxy_notes(rows, lang)]
    notes += [(t("note_lower_bound", lang), note) for note in lower_bound_notes(rows, catalog, lang)]
    stem = file_stem(name, f"{month:%Y-%m}", "demo" if data.is_demo else "")
    return stem, TableDownload(headers, tuple(body), name, t("notes_sheet", lang), tuple(notes))


def history_download(
    data: Dataset, catalog: Catalog, series_ids: Sequence[str], areas: Sequence[str], lang: str
) -> tuple[str, TableDownload]:
    """The monthly history of the chosen series and areas for a memo: a row per month, a column per series and
    area (its unit in the header), and notes on source, licence, release, tables and codes, proxies, suppressed
    figures and breaks. A suppressed or missing figure is its status symbol ('...') or empty, never 0."""
    series_list = [catalog.series_by_id(s) for s in series_ids]
    frame = data.frame
    wanted = frame[frame["series"].isin(series_ids) & frame["area_code"].isin(areas)]
    cells: dict[tuple, tuple[float, object]] = {
        (r.series, r.area_code, r.period): (float(r.value), r.status)  # type: ignore[arg-type]
        for r in wanted.itertuples(index=False)
    }
    months = sorted(wanted["period"].unique())
    columns = [(s, a) for s in series_list for a in areas]
    frequency = history_frequency(catalog, series_ids)  # a quarter's or year's row is named as its table names it
    headers = (
        t("month" if frequency == "monthly" else "period", lang),
        *(f"{s.label[lang]}, {catalog.area(a).name[lang]} ({unit_text(s, lang)})" for s, a in columns),
    )
    body, suppressed, lower = [], False, []
    for month in months:
        row: list[Cell] = [period_label(month, frequency)]
        for series, area in columns:
            value, status = cells.get((series.id, area, month), (math.nan, None))
            symbol = str(status) if isinstance(status, str) and status in MISSING_SYMBOLS else ""
            if math.isnan(value):
                suppressed = suppressed or bool(symbol)
                row.append(symbol)
                continue
            row.append(Number(value, series.decimals))
            if missing_parts(status):
                note = lower_bound_note(status, catalog, lang)
                where = f"{series.label[lang]}, {catalog.area(area).name[lang]}, {period_label(month, frequency)}"
                lower.append(f"{where}: {note}")
        body.append(tuple(row))
    names = ", ".join(catalog.area(a).name[lang] for a in areas)
    title = f"{t('history_title', lang)}: {', '.join(s.label[lang] for s in series_list)} – {names}"
    notes: list[tuple[str, str]] = []
    for table_key in dict.fromkeys(s.table for s in series_list):
        table_notes = source_notes(data, catalog, table_key, lang, title)
        notes += table_notes if not notes else table_notes[1:4]  # a further table: its source, table and release
    notes += [
        (t("note_series", lang), f"{s.label[lang]}: {catalog.database} {catalog.tables[s.table].path}, {s.code_label}")
        for s in series_list
    ]
    notes += [(t("note_proxies", lang), f"{s.label[lang]}: {s.proxy.note[lang]}") for s in series_list if s.proxy]
    if suppressed:
        notes.append((t("note_suppressed", lang), t("history_suppressed", lang)))
    notes += [(t("note_lower_bound", lang), note) for note in lower]
    if months:
        first, last = pd.Timestamp(months[0]), pd.Timestamp(months[-1])
        breaks = {b.date: b for s in series_list for b in catalog.breaks_for(s)}.values()
        for b in breaks:
            if first < pd.Timestamp(b.date) <= last:
                notes.append((t("note_break", lang), f"{fmt_date(b.date, lang)}: {b.label[lang]}. {b.note[lang]}"))
    table = TableDownload(headers, tuple(body), t("history_sheet", lang), t("notes_sheet", lang), tuple(notes))
    return history_stem(data, catalog, areas, lang, series_ids), table


def history_frequency(catalog: Catalog, series_ids: Sequence[str]) -> str:
    """'monthly', 'quarterly' or 'yearly': the coarsest of the series' tables (a download names its rows by it)."""
    tables = [catalog.tables[catalog.series_by_id(s).table] for s in series_ids]
    return max(tables, key=lambda table: table.step).frequency if tables else "monthly"


def history_stem(
    data: Dataset, catalog: Catalog, areas: Sequence[str], lang: str, series_ids: Sequence[str] = ()
) -> str:
    """'kuukausiluvut_pyhtaa_2026-06': the history file's name (the area when one, the series' newest period;
    'tilastoluvut_…_2024' for a quarterly or yearly statistic)."""
    frequency = history_frequency(catalog, series_ids)
    rows = data.frame[data.frame["series"].isin(series_ids)] if series_ids else data.frame
    newest = rows["period"].max() if len(rows) else None
    end = period_label(newest, frequency) if newest is not None and not pd.isna(newest) else ""
    area_part = catalog.area(areas[0]).name[lang] if len(areas) == 1 else ""
    stem = "history_stem" if frequency == "monthly" else "history_stem_periodic"
    return file_stem(t(stem, lang), area_part, end, "demo" if data.is_demo else "")

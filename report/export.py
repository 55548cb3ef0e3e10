"""Server-side exports: charts as PNG and SVG (vl-convert), decks and reports as PDF (fpdf2) and HTML."""

from __future__ import annotations

import copy
import html
import io
import logging
import re
from pathlib import Path
from typing import cast

import vl_convert as vlc
from fpdf import FPDF, FontFace
from PIL import Image

log = logging.getLogger(__name__)

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONT_FILES = {
    "": ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
    "B": ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
}
EXPORT_WIDTH = 1100
EXPORT_HEIGHT = 600  # a chart as tall as its container on the page (a slide's) is this tall in a file


def fixed_width(spec: dict, width: int = EXPORT_WIDTH) -> dict:
    """A spec with a pixel width and height: 'container' only means something inside a page."""
    spec = copy.deepcopy(spec)
    if spec.get("width") in (None, "container"):
        spec["width"] = width
    if spec.get("height") == "container":
        spec["height"] = EXPORT_HEIGHT
    return spec


def chart_png(spec: dict, scale: float = 2.0) -> bytes:
    return vlc.vegalite_to_png(fixed_width(spec), scale=scale)


def chart_svg(spec: dict, width: int = EXPORT_WIDTH) -> str:
    return vlc.vegalite_to_svg(fixed_width(spec, width))


def file_stem(*parts: str) -> str:
    """'Työttömät työnhakijat', 'MK08', '2026-06' -> 'tyottomat-tyonhakijat_MK08_2026-06'."""
    table = str.maketrans("äöåÄÖÅ", "aoaAOA")
    cleaned = [re.sub(r"[^0-9A-Za-z]+", "-", p.translate(table)).strip("-") for p in parts if p]
    return "_".join(c for c in cleaned if c).lower()[:120] or "kaavio"


def _font(pdf: FPDF) -> str:
    """DejaVu (or Liberation) for the full character set; the core font only as a last resort."""
    for directory in FONT_DIRS:
        regular = next((directory / f for f in FONT_FILES[""] if (directory / f).exists()), None)
        bold = next((directory / f for f in FONT_FILES["B"] if (directory / f).exists()), None)
        if regular and bold:
            pdf.add_font("Body", "", str(regular))
            pdf.add_font("Body", "B", str(bold))
            return "Body"
    log.warning("no TrueType font found; PDF text falls back to Helvetica (Latin-1 only)")
    return "Helvetica"


def _safe(text: str, font: str) -> str:
    if font != "Helvetica":
        return text
    return text.replace("\u2212", "-").replace("\u2013", "-").encode("latin-1", "replace").decode("latin-1")


class _PDF(FPDF):
    """FPDF with an optional footer line; '{page}' and '{pages}' in it become the page numbers."""

    footer_text = ""
    body_font = "Helvetica"  # Document sets the font it registered
    alias_nb_pages_text = "{nb}"

    def footer(self) -> None:
        if not self.footer_text:
            return
        self.set_y(-10)
        self.set_font(self.body_font, "", 8)
        text = self.footer_text.replace("{page}", str(self.page_no())).replace("{pages}", self.alias_nb_pages_text)
        self.cell(0, 5, _safe(text, self.body_font), align="C")


class Document:
    """A small PDF writer for slides and reports: headings, paragraphs, tables, charts, page numbers."""

    def __init__(self, landscape: bool, footer: str = "") -> None:
        self.pdf = _PDF(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.pdf.alias_nb_pages_text = "{nb}"
        self.pdf.alias_nb_pages(self.pdf.alias_nb_pages_text)
        self.pdf.set_auto_page_break(auto=True, margin=14 if footer else 12)
        self.pdf.set_margins(14, 12, 14)
        self.font = _font(self.pdf)
        self.pdf.body_font = self.font
        self.pdf.footer_text = footer

    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    @property
    def room(self) -> float:
        """What is left of the page, in mm."""
        return self.pdf.h - self.pdf.b_margin - self.pdf.get_y()

    def page(self) -> None:
        self.pdf.add_page()

    def text(self, text: str, size: float = 11, bold: bool = False, gap: float = 1.5) -> None:
        self.pdf.set_font(self.font, "B" if bold else "", size)
        self.pdf.multi_cell(0, size * 0.45, _safe(text, self.font), new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.ln(gap)

    def heading(self, text: str, size: float = 14, keep: float = 30) -> None:
        """A bold heading that starts a new page rather than stand alone: `keep` mm must follow it."""
        if self.room < size * 0.9 + keep:
            self.page()
        self.text(text, size, bold=True, gap=1)

    def table(
        self, headers: list[str], rows: list[list[str]], widths: list[float], aligns: str = "", size: float = 8
    ) -> None:
        """A bordered table whose header repeats on every page it runs over; `aligns` e.g. 'LLRR' (L default).
        A row taller than a fifth of a page (a long assessment) goes on as further rows, over pages."""
        self.pdf.set_font(self.font, "", size)
        column_aligns = tuple((aligns or "").ljust(len(widths), "L"))
        line_height = size * 0.5
        column_mm = [w / sum(widths) * self.width for w in widths]
        rows = [part for values in rows for part in self._row_parts(values, column_mm, line_height)]
        with self.pdf.table(
            col_widths=tuple(widths),
            width=self.width,
            line_height=line_height,
            text_align=column_aligns,
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 238, 245)),
            first_row_as_headings=True,
        ) as table:
            for values in [headers, *rows]:
                row = table.row()
                for value in values:
                    row.cell(_safe(value, self.font))
        self.pdf.ln(2)

    def _row_parts(self, values: list[str], column_mm: list[float], line_height: float) -> list[list[str]]:
        """The row as it is, or, when taller than a fifth of a page, as rows of at most that many lines each
        (fpdf2 cannot break a row over pages: "row … too high"). Lines are measured a little narrower than
        the cell, so the parts wrap exactly where they were measured."""
        most = int((self.pdf.h - self.pdf.t_margin - self.pdf.b_margin) / 5 / line_height)
        # cheap first: a line of the cell wasted by wrapping at most half its width (the usual table row)
        if all(
            2 * self.pdf.get_string_width(str(value)) / width + str(value).count("\n") + 1 <= most
            for value, width in zip(values, column_mm, strict=True)
        ):
            return [values]
        lines = [
            cast(  # with output="LINES" multi_cell returns the lines alone
                list[str],
                self.pdf.multi_cell(
                    max(width - 2 * self.pdf.c_margin - 1, 5),
                    line_height,
                    _safe(str(value), self.font),
                    dry_run=True,
                    output="LINES",
                ),
            )
            for value, width in zip(values, column_mm, strict=True)
        ]
        parts = -(-max(map(len, lines)) // most)
        if parts <= 1:
            return [values]
        return [["\n".join(cell[part * most : (part + 1) * most]) for cell in lines] for part in range(parts)]

    def chart(self, spec: dict, heading: str = "", heading_size: float = 11, width_share: float = 1.0) -> None:
        """The chart as a picture, with its heading; both move to the next page when the chart would not fit."""
        png = chart_png(spec, scale=1.5)
        with Image.open(io.BytesIO(png)) as picture:
            ratio = picture.height / picture.width
        width = self.width * width_share
        need = width * ratio + (heading_size * 0.9 + 2 if heading else 0)
        if self.room < need:
            self.page()
        if heading:
            self.text(heading, heading_size, bold=True, gap=1)
        self.pdf.image(io.BytesIO(png), w=width)
        self.pdf.ln(2)

    def chart_in_box(self, spec: dict, top: float, height: float) -> None:
        """The chart fitted into a fixed box (full width from `top`, `height` mm high), centred; text goes below."""
        png = chart_png(spec, scale=1.5)
        with Image.open(io.BytesIO(png)) as picture:
            ratio = picture.height / picture.width
        box_width = self.pdf.w - self.pdf.l_margin - self.pdf.r_margin
        width = min(box_width, height / ratio)
        top = max(top, self.pdf.get_y())
        self.pdf.image(io.BytesIO(png), x=self.pdf.l_margin + (box_width - width) / 2, y=top, w=width)
        self.pdf.set_y(top + height + 2)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def html_page(title: str, body: str, lang: str = "fi") -> str:
    """A self-contained HTML file: inline CSS and inline SVG, nothing fetched."""
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; max-width: 1100px; margin: 2em auto;
       color: #111; line-height: 1.45; }}
h1 {{ font-size: 2em; }} h2 {{ border-bottom: 2px solid #0072B2; padding-bottom: .2em; margin-top: 2em; }}
table {{ border-collapse: collapse; width: 100%; margin: 1em 0; }}
th, td {{ border: 1px solid #bbb; padding: .35em .6em; text-align: left; }}
td.num {{ text-align: right; white-space: nowrap; }}
.note {{ color: #444; font-size: .9em; }} .demo {{ background: #fff3cd; padding: .6em; border: 1px solid #c90; }}
svg {{ max-width: 100%; height: auto; }} .chart {{ break-inside: avoid; margin: 1.5em 0; }}
.cover {{ border-bottom: 3px solid #0072B2; padding-bottom: 1em; }} small {{ color: #444; }}
</style></head><body>
{body}
</body></html>
"""

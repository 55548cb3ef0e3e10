"""Exports checked for what they hold: PNG pixels, SVG and PDF that parse, the report's figures."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import streamlit as st
from PIL import Image
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from data_sources.catalog import load_catalog
from data_sources.dataset import load_dataset
from figures.formats import fmt_number, fmt_percent
from figures.latest import latest
from report.export import chart_png, chart_svg, file_stem
from report.halfyear import ReportError, build_report, parse_half, to_html, to_pdf
from report.slides import build_deck, deck_pdf, slide_chart

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data(real_cache):
    return load_dataset(real_cache)


def pdf_text(body: bytes) -> str:
    """The PDF's text with no-break spaces as plain spaces (text extraction does not keep them)."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages).replace("\u00a0", " ")


def test_a_chart_png_has_its_size_and_real_pixels(data):
    slide = build_deck("valinta", data, load_catalog(), "fi")[1]
    png = chart_png(slide_chart(slide, data, load_catalog(), "fi").to_dict(), scale=1)
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.format == "PNG" and picture.width >= 1100 and picture.height >= 560
        colours = picture.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 50, "a blank or single-colour image is not a chart"


def test_a_chart_svg_parses_and_carries_title_source_and_finnish_formats(data):
    catalog = load_catalog()
    slide = build_deck("katsaus", data, catalog, "fi")[0]
    svg = chart_svg(slide_chart(slide, data, catalog, "fi", titled=True).to_dict())
    root = ET.fromstring(svg)
    texts = " ".join("".join(t.itertext()) for t in root.iter() if t.tag.endswith("}text"))
    assert slide.headline.startswith("Kymenlaakso: Työttömät työnhakijat ") and slide.headline in texts
    assert "Lähde: KEHA-keskus, Työnvälitystilasto, StatFin 12r5, päivitetty 21.7.2026" in texts
    assert "tammi 2020" in texts and "\u00a0" in texts
    # on the slide itself the headline is the one title: the chart does not repeat it
    on_slide = chart_svg(slide_chart(slide, data, catalog, "fi").to_dict())
    assert slide.headline not in on_slide and "Lähde: KEHA-keskus" in on_slide


def test_the_deck_pdf_has_a_page_per_slide_with_its_headline(data):
    catalog = load_catalog()
    slides = build_deck("4.4", data, catalog, "fi")
    body = deck_pdf(slides, data, catalog, "fi")
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) == len(slides) == 7
    for page, slide in zip(reader.pages[:-1], slides[:-1], strict=True):
        text = " ".join(page.extract_text().replace("\u00a0", " ").split())
        assert " ".join(slide.headline.replace("\u00a0", " ").split()) in text, slide.headline
        assert any(ch.isdigit() for ch in slide.headline), "a headline states its number"
    # the last page sums the deck up: every chart slide's headline once more
    closing = " ".join(reader.pages[-1].extract_text().replace("\u00a0", " ").split())
    assert slides[-1].headline == "Yhteenveto"
    assert all(" ".join(s.headline.replace("\u00a0", " ").split()) in closing for s in slides[:-1])
    # every chart page has its chart in the same box: the same width and left edge, the same top
    boxes = [image_matrices(page) for page in reader.pages[:-1]]
    assert all(len(b) == 1 for b in boxes), boxes
    # width, left edge and top edge (y + height in PDF units) of each chart picture
    assert len({(b[0][0], b[0][4], b[0][5] + b[0][3]) for b in boxes}) == 1, boxes


def image_matrices(page) -> list[tuple[float, ...]]:
    """Where each picture on a PDF page is drawn: its transformation matrix, rounded."""
    placed = []
    page.extract_text(visitor_operand_before=lambda op, args, cm, tm: placed.append(cm) if op == b"Do" else None)
    return [tuple(round(float(v), 1) for v in m) for m in placed]


def test_headlines_state_the_finding_in_numbers(data):
    catalog = load_catalog()
    unemployed = latest(data.frame, "unemployed", "MK08")
    review = build_deck("katsaus", data, catalog, "fi")
    assert review[0].headline == (
        f"Kymenlaakso: Työttömät työnhakijat {fmt_number(unemployed.value)}, "
        f"{fmt_percent(unemployed.year_change_pct, 1, signed=True)} vuodessa"
    )
    assert [s.areas[0] for s in review[:-1]] == ["MK08", "KU286", "KU285", "KU075", "KU624", "KU935", "KU489"]
    assert review[-1].closing and review[-1].points == tuple(s.headline for s in review[:-1])


def test_the_half_year_report_holds_the_figures_of_the_snapshot(data):
    catalog = load_catalog()
    report = build_report("2026H1", data, catalog)
    unemployed = next(f for t in report.themes for i in t.indicators for f in i.figures if f.series_id == "unemployed")
    frame = data.frame[(data.frame["series"] == "unemployed") & (data.frame["area_code"] == "MK08")].set_index("period")
    assert unemployed.value == frame.loc["2026-06-01", "value"]
    assert unemployed.change_half == frame.loc["2026-06-01", "value"] - frame.loc["2025-12-01", "value"]
    assert unemployed.change_since_start == frame.loc["2026-06-01", "value"] - frame.loc["2021-03-01", "value"]
    text = pdf_text(to_pdf(report))
    assert "puolivuosiraportti 2026H1" in text
    assert f"Työttömät työnhakijat: {fmt_number(unemployed.value)}".replace("\u00a0", " ") in text
    assert fmt_number(unemployed.change_half, signed=True).replace("\u00a0", " ") in text
    assert "Kelasto" in text and "Ei vielä kytketty" in text
    page = to_html(report)
    assert "<svg" in page and "http://" not in page.split("<svg", 1)[0] and "<script" not in page
    assert f"<td class='num'>{fmt_number(unemployed.value)}</td>" in page


def test_report_halves_and_errors():
    assert [str(d.date()) for d in parse_half("2025H2")] == ["2025-12-01", "2025-06-01"]
    with pytest.raises(ReportError):
        parse_half("2026Q1")
    assert file_stem("Työttömät työnhakijat", "MK08", "2026-06") == "tyottomat-tyonhakijat_mk08_2026-06"


def test_the_report_command_writes_pdf_and_html_from_the_snapshot(real_cache, tmp_path):
    env = {**os.environ, "CACHE_DIR": str(real_cache)}
    for name, kind in (("raportti.pdf", b"%PDF"), ("raportti.html", b"<!DOCTYPE html>")):
        args = [sys.executable, "-m", "report", "--half", "2026H1", "--out", str(tmp_path / name)]
        if name.endswith("html"):
            args += ["--format", "html"]
        done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).read_bytes().startswith(kind)
    late = subprocess.run(
        [sys.executable, "-m", "report", "--half", "2026H2", "--out", str(tmp_path / "x.pdf")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert late.returncode == 1
    assert late.stderr.strip() == (
        "report failed: the figures for 2026H2 are not out yet: the latest stored month is 2026-06"
    )
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("deck", ["katsaus", "valinta", "4.1", "4.2", "4.3", "4.4"])
def test_the_presentation_page_moves_through_every_deck(deck, real_cache, monkeypatch):
    monkeypatch.setenv("CACHE_DIR", str(real_cache))
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["deck"] = deck
    at.run()
    at.switch_page("pages/presentation.py")
    at.run()
    assert not at.exception
    headlines = [s.headline for s in build_deck(deck, load_dataset(real_cache), load_catalog(), "fi")]
    assert at.title[0].value == headlines[0]
    assert at.button(key="prev").disabled
    if len(headlines) == 1:
        assert at.button(key="next").disabled
        return
    at.button(key="next").click().run()
    assert (at.title[0].value, at.query_params["slide"]) == (headlines[1], "2")
    at.button(key="pgdn").click().run()
    shown = min(3, len(headlines))
    assert (at.title[0].value, at.query_params["slide"]) == (headlines[shown - 1], str(shown))
    at.button(key="pgup").click().run()
    assert at.title[0].value == headlines[shown - 2]


def test_a_slide_number_in_the_url_opens_that_slide_and_a_bad_one_falls_back(real_cache, monkeypatch):
    monkeypatch.setenv("CACHE_DIR", str(real_cache))
    headlines = [s.headline for s in build_deck("valinta", load_dataset(real_cache), load_catalog(), "fi")]
    for slide, expected in (("5", headlines[4]), ("99", headlines[-1]), ("x", headlines[0])):
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params.update({"deck": "valinta", "slide": slide})
        at.run()
        at.switch_page("pages/presentation.py")
        at.run()
        assert at.title[0].value == expected

"""Exports checked for what they hold: PNG pixels, SVG and PDF that parse, the report's figures."""

from __future__ import annotations

import html
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from PIL import Image
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from data_sources.domain.catalog import load_catalog
from data_sources.domain.programme import load_programme
from data_sources.snapshots.dataset import load_dataset
from figures.formats import fmt_number, fmt_percent
from figures.latest import latest
from report.export import chart_png, chart_svg, file_stem
from report.halfyear import ReportError, build_report, parse_half, to_html, to_pdf
from report.slides import build_deck, deck_pdf, slide_chart

ROOT = Path(__file__).resolve().parents[1]
BASE = pd.Timestamp("2021-03-01")


@pytest.fixture(scope="module")
def data(real_cache):
    return load_dataset(real_cache)


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
    assert "Lähde: KEHA-keskus, Työnvälitystilasto, päivitetty 21.7.2026" in texts
    assert "tammi 2020" in texts and "\u00a0" in texts
    # on the slide itself the headline is the one title: the chart does not repeat it
    on_slide = chart_svg(slide_chart(slide, data, catalog, "fi").to_dict())
    assert slide.headline not in on_slide and "Lähde: KEHA-keskus" in on_slide


def test_the_deck_pdf_has_a_page_per_slide_with_its_headline(data):
    catalog = data.shown_catalog
    slides = build_deck("4.4", data, catalog, "fi")
    body = deck_pdf(slides, data, catalog, "fi")
    reader = PdfReader(io.BytesIO(body))
    # a slide per measure of 4.4 with figures (the proxy and its copy are one measure), and a closing slide
    measures = [m for m in load_programme().theme("4.4").measures if (data.frame["series"] == m.series.id).any()]
    assert len(reader.pages) == len(slides) == len(measures) + 1 == 10
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


def expected_summary_rows(real_cache) -> list[list[str]]:
    """Theme 4.4's summary rows computed here from the stored parquet file (not by the report's code): the
    same month a year earlier; 12-month means against the 12 months to 3/2021; the five regions nearest in
    the unemployment rate then, their median; the rank among the 18 mainland regions; the ±2 % band."""

    def stored_table(key):
        (path,) = (real_cache / "snapshots" / "MK08" / key).glob("*.parquet")
        return pd.read_parquet(path)

    stored = stored_table("tyonv_12r5")
    catalog = load_catalog()
    mainland = ["MK08", *(a.code for a in catalog.other_regions)]
    june, year_ago = pd.Timestamp("2026-06-01"), pd.Timestamp("2025-06-01")

    def mean12(cells, area, last):
        return cells.loc[[(area, p) for p in pd.date_range(end=pd.Timestamp(last), periods=12, freq="MS")]].mean()

    rate = stored[stored["series"] == "unemployment_rate"].set_index(["area_code", "period"])["value"]
    start = {area: mean12(rate, area, BASE) for area in mainland}
    peers = sorted(mainland[1:], key=lambda a: (abs(start[a] - start["MK08"]), a))[:5]
    rows = []
    # the fake serves 12ub and 12t8: structural unemployment, its four parts and the age groups are exact
    partial, stand_in = "osittainen mittari", "korvike"
    for series_id, table_key, label, judged, fit in (
        ("long_term_unemployed", "tyonv_12ub", "Rakennetyöttömät", True, partial),
        ("structural_long_term", "tyonv_12ub", "Rakennetyöttömät: pitkäaikaistyöttömät", True, ""),
        ("structural_comparable", "tyonv_12ub", "Rakennetyöttömät: rinnasteiset pitkäaikaistyöttömät", True, ""),
        ("structural_from_services", "tyonv_12ub", "Rakennetyöttömät: palveluilta työttömäksi jääneet", True, ""),
        (
            "structural_service_to_service",
            "tyonv_12ub",
            "Rakennetyöttömät: palveluilta palveluille siirtyneet",
            True,
            "",
        ),
        (
            "unemployed_disabled",
            "tyonv_12r5",
            "Vammaiset ja pitkäaikaissairaat työttömät (korvike kaikille työnhakijoille)",
            False,
            stand_in,
        ),
        ("jobseekers_over55", "tyonv_12t8", "Yli 55-vuotiaat työnhakijat", False, partial),
        ("jobseekers_under30", "tyonv_12t8", "Alle 30-vuotiaat työnhakijat", True, partial),
        (
            "unemployed_foreign",
            "tyonv_12r5",
            "Työttömät ulkomaan kansalaiset (korvike kaikille ulkomaalaisille työnhakijoille)",
            False,
            stand_in,
        ),
    ):
        table = stored_table(table_key)
        cells = table[table["series"] == series_id].set_index(["area_code", "period"])["value"]
        since = {a: 100 * (mean12(cells, a, june) / mean12(cells, a, BASE) - 1) for a in [*mainland, "SSS"]}
        year = {a: 100 * (cells[(a, june)] / cells[(a, year_ago)] - 1) for a in ("MK08", "SSS")}
        region, country = round(since["MK08"], 1), round(since["SSS"], 1)
        status = (
            "– ei mitattavissa tästä tilastosta"
            if not judged
            else "✔ edennyt"
            if region < -2 and region - country < -2
            else "✖ heikentynyt"
            if region > 2 and region - country > 2
            else "= ennallaan"
        )
        better = sum(1 for a in mainland if round(since[a], 1) < region)
        rows.append(
            [
                "4.4",
                label,
                f"{fmt_number(cells[('MK08', june)])}\u00a0henkilöä",
                fmt_percent(year["MK08"], 1, signed=True),
                fmt_percent(year["SSS"], 1, signed=True),
                fmt_percent(since["MK08"], 1, signed=True),
                fmt_percent(since["SSS"], 1, signed=True),
                fmt_percent(float(pd.Series([since[a] for a in peers]).median()), 1, signed=True),
                f"{better + 1}./18" if judged else "–",  # no rank where no verdict
                f"{status} · {fit}" if fit else status,
            ]
        )
    return rows


def test_the_half_year_report_summary_equals_the_snapshot(data, real_cache):
    report = build_report("2026H1", data, data.shown_catalog)
    expected = expected_summary_rows(real_cache)
    body = to_pdf(report)
    pages = [page.extract_text().replace("\u00a0", " ") for page in PdfReader(io.BytesIO(body)).pages]
    cover = " ".join(pages[0].split())
    assert cover.startswith("Kymenlaakson työllisyysohjelma: puolivuosiraportti 2026H1")
    assert (
        "Luvut kesäkuun 2026 lopussa, Kymenlaakso. Muutos vuodentakaisesta: kesäkuu 2026 vs. kesäkuu 2025. Muutos "
        "ohjelman alusta: 12 kk:n keskiarvo 7/2025–6/2026 vs. 4/2020–3/2021." in cover
    )
    summary = "\n".join(pages[1:3])  # landscape: the summary runs over two pages
    assert summary.startswith("Yhteenveto")
    for theme in ("4.1 ", "4.2 ", "4.3 ", "4.4 "):
        assert f"\n{theme}" in summary, theme
    for row in expected:  # a label may wrap inside its cell in the PDF: its figures stand in order on a line
        assert " ".join(row[2:]).replace("\u00a0", " ") in summary, row
    assert all(f"Sivu {n}/{len(pages)}" in page for n, page in enumerate(pages, start=1))
    # codes and table ids only in the appendix, the last page
    assert pages[-1].startswith("Liite: lähteet ja koodit")
    for page in pages[:-1]:
        assert not any(code in page for code in ("TYOTTOMAT", "PITKAAIKAIS", "12r5", "MK08", "SSS")), page[:80]
    assert "TYOTTOMATULK" in pages[-1] and "StatFin tyonv/12r5.px" in pages[-1]
    assert "Ei vielä kytketty" not in "".join(pages)
    # a figure no PxWeb API serves is entered per half-year with its source: never "not connected"
    text = " ".join(" ".join(pages).split())
    assert "Kelaston tilastoa" not in text
    assert "Kuntien työmarkkinatuen maksuosuuksien kehitys: lukua ei ole vielä syötetty kaudelle 2026H1" in text
    page = to_html(report)
    assert "<svg" in page and "<script" not in page
    # nothing fetched: the only addresses are SVG's own namespace names, in the SVGs too
    namespaces = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")
    bare = page
    for name in namespaces:
        bare = bare.replace(name, "")
    assert "http://" not in bare and "https://" not in bare
    summary_html = page.split("<h2>Yhteenveto</h2>", 1)[1].split("</table>", 1)[0]
    for row in expected:
        cells = "".join(
            f"<td class='num'>{html.escape(c)}</td>" if 2 <= i <= 8 else f"<td>{html.escape(c)}</td>"
            for i, c in enumerate(row)
        )
        assert f"<tr>{cells}</tr>" in summary_html, row
    assert "TYOTTOMAT" not in page.split("<h2>Liite: lähteet ja koodit</h2>", 1)[0]


def test_the_report_in_swedish_and_english_uses_the_apps_texts(data):
    for lang, summary, label in (
        ("sv", "Sammanfattning", "Arbetslösa utländska medborgare"),
        ("en", "Summary", "Unemployed foreign nationals"),
    ):
        report = build_report("2026H1", data, load_catalog(), lang)
        page = to_html(report, lang)
        assert f"<h2>{summary}</h2>" in page and label in page
        assert f'<html lang="{lang}">' in page
        assert "Haavoittuvassa asemassa olevien työllisyyden edistäminen" in page, "the programme's text stays Finnish"


def test_report_halves_and_errors():
    assert [str(d.date()) for d in parse_half("2025H2")] == ["2025-12-01", "2025-06-01"]
    with pytest.raises(ReportError):
        parse_half("2026Q1")
    assert file_stem("Työttömät työnhakijat", "MK08", "2026-06") == "tyottomat-tyonhakijat_mk08_2026-06"


@pytest.mark.slow  # three report commands, each a process drawing every chart
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
    st.cache_resource.clear()  # the values derived from a dataset (ui.context.cached_on_data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["deck"] = deck
    at.run()
    at.switch_page("screens/presentation.py")
    at.run()
    assert not at.exception
    stored = load_dataset(real_cache)
    headlines = [s.headline for s in build_deck(deck, stored, stored.shown_catalog, "fi")]
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
    stored = load_dataset(real_cache)
    headlines = [s.headline for s in build_deck("valinta", stored, stored.shown_catalog, "fi")]
    for slide, expected in (("5", headlines[4]), ("99", headlines[-1]), ("x", headlines[0])):
        st.cache_data.clear()
        st.cache_resource.clear()  # the values derived from a dataset (ui.context.cached_on_data)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params.update({"deck": "valinta", "slide": slide})
        at.run()
        at.switch_page("screens/presentation.py")
        at.run()
        assert at.title[0].value == expected

"""Issue 11: the municipality page (one area picker, table, downloads, card, six side by side, map) and
'since the last meeting'. Expected figures come from the stored parquet directly, not from the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pypdf
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_sources.domain import meetings as meetings_module
from data_sources.domain.boundaries import load_boundaries
from data_sources.domain.meetings import MeetingsError, parse_meetings
from data_sources.service.commands import refresh as refresh_main
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.store import SnapshotStore
from figures.maps import LEVEL_RANGE, NEIGHBOUR_GREY
from figures.municipal import municipality_rows, six_municipalities
from figures.vintages import compare_vintages, comparison_choices, release_known_on
from report.card import municipality_card
from report.downloads import history_download, municipality_download, to_csv, to_xlsx
from tests.charts import page_charts
from tests.fake_pxweb import FakePxWeb
from tests.tables import page_tables
from ui.state import parse_params

APP = str(Path(__file__).resolve().parents[1] / "app.py")
NB = "\u00a0"
SIX = ["KU075", "KU285", "KU286", "KU489", "KU624", "KU935"]
FIRST, LAST = pd.Timestamp(2009, 1, 1), pd.Timestamp(2026, 6, 1)


def stored(cache: Path) -> pd.DataFrame:
    """The current release of the monthly table, read straight from its parquet file."""
    manifest = json.loads((cache / "snapshots" / "MK08" / "manifest.json").read_text())
    release = re.sub(r"[^0-9A-Za-z]+", "", manifest["tables"]["tyonv_12r5"]["release"])
    return pd.read_parquet(cache / "snapshots" / "MK08" / "tyonv_12r5" / f"{release}.parquet")


def value(frame: pd.DataFrame, series: str, area: str, period: str) -> float:
    rows = frame[(frame["series"] == series) & (frame["area_code"] == area) & (frame["period"] == pd.Timestamp(period))]
    assert len(rows) == 1
    return float(rows["value"].iloc[0])


def open_page(cache: Path, monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("CACHE_DIR", str(cache))
    st.cache_data.clear()
    st.cache_resource.clear()  # the values derived from a dataset (ui.context.cached_on_data)
    at = AppTest.from_file(APP, default_timeout=90)
    for key, text in params.items():
        at.query_params[key] = text
    at.run()
    at.switch_page("screens/municipality.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# --- one area picker -------------------------------------------------------------------------


def test_area_drives_the_page_and_old_muni_links_map_to_area(catalog):
    assert parse_params({"area": "KU624", "lang": "sv"}, catalog, FIRST, LAST).area == "KU624"
    assert parse_params({"muni": "KU075"}, catalog, FIRST, LAST).area == "KU075"
    assert parse_params({"muni": "KU075", "area": "KU285"}, catalog, FIRST, LAST).area == "KU285"
    assert parse_params({"muni": "MK08"}, catalog, FIRST, LAST).area == "MK08"
    assert parse_params({"since": "2026-06-24"}, catalog, FIRST, LAST).since == "2026-06-24"
    for bad in ("2026-02-30", "2026-6-24", "<b>", "2026-06-24x"):
        assert parse_params({"since": bad}, catalog, FIRST, LAST).since == ""


def test_kunta_with_area_ku624_in_swedish_is_about_pyttis(real_cache, monkeypatch):
    at = open_page(real_cache, monkeypatch, area="KU624", lang="sv")
    frame = stored(real_cache)
    assert at.title[0].value == "Min kommun: Pyttis"
    assert at.sidebar.selectbox(key="w_area").value == "KU624"
    assert not at.get("selectbox") or all(s.key != "w_muni" for s in at.selectbox)
    table = page_tables(at)[0]
    assert list(table.columns) == [
        "Enhet",
        "Pyttis",
        "Förändring på en månad",
        "Förändring på ett år",
        "Kymmenedalen",
        "Hela landet",
    ]
    unemployed = value(frame, "unemployed", "KU624", "2026-06")
    before = value(frame, "unemployed", "KU624", "2026-05")
    year = value(frame, "unemployed", "KU624", "2025-06")
    row = table.loc["Arbetslösa arbetssökande"]
    assert row["Enhet"] == "personer"
    assert row["Pyttis"] == f"{unemployed:.0f}"
    assert row["Förändring på en månad"] == f"{unemployed - before:+.0f}".replace("-", "\u2212")
    pct = f"{100 * (unemployed - year) / year:+.1f}".replace(".", ",").replace("-", "\u2212")
    assert row["Förändring på ett år"] == f"{unemployed - year:+.0f}".replace("-", "\u2212") + f" ({pct}{NB}%)"
    rate = table.loc["Andelen arbetslösa av arbetskraften"]
    rate_change = value(frame, "unemployment_rate", "KU624", "2026-06") - value(
        frame, "unemployment_rate", "KU624", "2025-06"
    )
    assert rate["Pyttis"] == f"{value(frame, 'unemployment_rate', 'KU624', '2026-06'):.1f}".replace(".", ",") + f"{NB}%"
    assert rate["Förändring på ett år"] == f"{rate_change:+.1f}".replace(".", ",").replace("-", "\u2212") + " %-enh."
    # one series per figure, one row each: structural unemployment found by meaning in the fake's 12ub, exact,
    # with its four parts; its stand-in (the long-term unemployed of 12r5) is no row of its own
    assert "Strukturellt arbetslösa" in table.index
    assert "Strukturellt arbetslösa: långtidsarbetslösa" in table.index
    assert not any(label.startswith("Långtidsarbetslösa (ersättande") for label in table.index)
    assert len(table) == 25
    assert "StatFin" not in " ".join(table.columns) and "contentscode" not in " ".join(table.columns)


def test_a_region_in_the_sidebar_asks_for_a_municipality_and_the_choice_sets_the_sidebar(real_cache, monkeypatch):
    at = open_page(real_cache, monkeypatch)
    assert at.title[0].value == "Oma kunta"
    assert at.info[0].value == "Kymenlaakso ei ole kunta. Valitse yksi Kymenlaakson kunnista:"
    pills = at.get("button_group")[0]
    pills.set_value("KU624").run()
    assert at.title[0].value == "Oma kunta: Pyhtää"
    assert at.session_state["w_area"] == "KU624" and at.query_params["area"] == "KU624"


# --- downloads -------------------------------------------------------------------------------


def test_csv_holds_the_figures_as_shown_with_units_and_notes(real_cache, catalog):
    data = load_dataset(real_cache)
    frame = stored(real_cache)
    stem, table = municipality_download(municipality_rows(data.frame, catalog, "KU624"), data, catalog, "KU624", "fi")
    assert stem == "pyhtaa_2026-06" and stem.isascii()
    raw = to_csv(table)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, body = lines[0], lines[1 : lines.index([])]
    notes = dict(lines[lines.index([]) + 1 :][i] for i in range(6))
    assert header == [
        "Luku",
        "Yksikkö",
        "Kuukausi",
        "Pyhtää",
        "Muutos kuukaudessa",
        "Muutos vuodessa",
        "Muutos vuodessa, %",
        "Kymenlaakso",
        "Koko maa",
        "Taulukko",
        "Koodi",
    ]
    numbers = [cell for row in body for cell in row[3:9] if cell]
    assert numbers and all(re.fullmatch(r"[+-]?\d+(,\d)?", n) for n in numbers), "no float noise, shown decimals"
    rows = {r[0]: r for r in body}
    unemployed = rows["Työttömät työnhakijat"]
    assert unemployed[1:4] == ["henkilöä", "2026-06", f"{value(frame, 'unemployed', 'KU624', '2026-06'):.0f}"]
    assert unemployed[7] == f"{value(frame, 'unemployed', 'MK08', '2026-06'):.0f}"
    assert unemployed[9:] == ["StatFin tyonv/12r5.px", "TYOTTOMATLOPUSSA"]
    rate = rows["Työttömien osuus työvoimasta"]
    change = round(
        value(frame, "unemployment_rate", "KU624", "2026-06") - value(frame, "unemployment_rate", "KU624", "2025-06"), 1
    )
    assert rate[5] == (f"{change:+.1f}" if change else "0,0").replace(".", ",")
    assert rate[1] == "% työvoimasta; muutokset %-yks."
    assert notes["Lisenssi"].startswith("CC BY 4.0")
    assert notes["Julkaistu"] == "21.7.2026" and notes["Aineisto"] == "virallinen tilasto"
    assert "tyonv/12r5.px" in notes["Taulukko"]


def test_excel_has_numbers_formats_widths_frozen_header_and_a_notes_sheet(real_cache, catalog):
    data = load_dataset(real_cache)
    frame = stored(real_cache)
    _, table = municipality_download(municipality_rows(data.frame, catalog, "KU624"), data, catalog, "KU624", "sv")
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(table)))
    assert book.sheetnames == ["Pyttis", "Uppgifter"]
    sheet = book["Pyttis"]
    assert sheet.freeze_panes == "B2"
    assert [c.value for c in sheet[1]][:4] == ["Uppgift", "Enhet", "Månad", "Pyttis"]
    assert sheet.column_dimensions["A"].width > 30
    by_label = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    unemployed = by_label["Arbetslösa arbetssökande"]
    assert unemployed[3].value == int(value(frame, "unemployed", "KU624", "2026-06"))
    assert isinstance(unemployed[3].value, int) and unemployed[3].number_format == "#,##0"
    assert unemployed[4].number_format == "+#,##0;-#,##0;0"
    rate = by_label["Andelen arbetslösa av arbetskraften"]
    assert rate[3].value == round(value(frame, "unemployment_rate", "KU624", "2026-06"), 1)
    assert rate[3].number_format == "#,##0.0"
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=9):
        for cell in row:
            assert cell.value is None or round(cell.value, 1) == cell.value
    notes = {r[0].value: r[1].value for r in book["Uppgifter"].iter_rows()}
    assert notes["Licens"].startswith("CC BY 4.0") and notes["Data"] == "officiell statistik"


def test_a_municipalitys_monthly_history_downloads_for_finnish_excel_and_as_xlsx(real_cache, catalog):
    """Issue 22: the memo's trend: every month of the municipality's figures, ';' and decimal comma after a BOM,
    the same numbers in the workbook, with source, licence, release, codes, proxies and the break."""
    data = load_dataset(real_cache)
    frame = stored(real_cache)
    series = [row.series.id for row in municipality_rows(data.frame, catalog, "KU624")]
    assert {"unemployed", "unemployment_rate"} <= set(series)
    stem, table = history_download(data, catalog, series, ["KU624"], "fi")
    assert stem == "kuukausiluvut_pyhtaa_2026-06"
    raw = to_csv(table)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))
    header, body = lines[0], lines[1 : lines.index([])]
    notes = lines[lines.index([]) + 1 :]
    named = dict(note for note in notes if note[0] not in ("Sarja ja koodit", "Korvikkeet"))
    assert header[0] == "Kuukausi"
    count = header.index("Työttömät työnhakijat, Pyhtää (henkilöä)")
    rate = header.index("Työttömien osuus työvoimasta, Pyhtää (% työvoimasta)")
    mine = frame[frame["area_code"] == "KU624"]
    months = sorted(mine["period"].unique())
    assert [row[0] for row in body] == [f"{pd.Timestamp(m):%Y-%m}" for m in months]
    by_month = {row[0]: row for row in body}
    for month in ("2009-01", "2021-03", "2025-06", "2026-06"):
        assert by_month[month][count] == f"{value(frame, 'unemployed', 'KU624', month):.0f}"
        assert by_month[month][rate] == f"{value(frame, 'unemployment_rate', 'KU624', month):.1f}".replace(".", ",")
    assert all(re.fullmatch(r"\d+(,\d)?|\.{1,4}|-|", cell) for row in body for cell in row[1:]), "no dots, no 0 for .."
    assert named["Lähde"] == "KEHA-keskus, Työnvälitystilasto"
    assert named["Lisenssi"].startswith("CC BY 4.0") and named["Julkaistu"] == "21.7.2026"
    assert named["Aineisto"] == "virallinen tilasto" and "tyonv/12r5.px" in named["Taulukko"]
    assert ["Sarja ja koodit", "Työttömät työnhakijat: StatFin tyonv/12r5.px, TYOTTOMATLOPUSSA"] in notes
    assert named["Tilastomuutos"].startswith("1.1.2025: TE-palvelut kuntiin")
    assert any(note[0] == "Korvikkeet" for note in notes), "the long-term unemployed stand in for another series"

    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(table)))
    assert book.sheetnames == ["Kuukausiluvut", "Tiedot"]
    sheet = book["Kuukausiluvut"]
    assert [c.value for c in sheet[1]] == header
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert len(cells) == len(months)
    june = cells["2026-06"]
    assert june[count].value == int(value(frame, "unemployed", "KU624", "2026-06"))
    assert june[rate].value == round(value(frame, "unemployment_rate", "KU624", "2026-06"), 1)
    assert june[rate].number_format == "#,##0.0"
    book_notes = {r[0].value: r[1].value for r in book["Tiedot"].iter_rows()}
    assert book_notes["Lisenssi"] == named["Lisenssi"] and book_notes["Lähde"] == named["Lähde"]


def test_a_suppressed_month_stays_marked_never_zero(tmp_path, catalog):
    data = load_dataset(tmp_path / "none")
    suppressed = data.frame[data.frame["status"] == "..."].iloc[0]
    month = f"{suppressed['period']:%Y-%m}"
    _, table = history_download(data, catalog, [suppressed["series"]], [suppressed["area_code"]], "sv")
    lines = list(csv.reader(io.StringIO(to_csv(table).decode("utf-8-sig")), delimiter=";"))
    assert lines[0][0] == "Månad" and "(personer)" in lines[0][1]
    assert dict((row[0], row[1]) for row in lines[1 : lines.index([])])[month] == "..."
    notes = dict(lines[lines.index([]) + 1 :])
    assert notes["Skyddade uppgifter"].startswith("'...' = uppgiften är skyddad") and notes["Licens"]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(table)))
    rows = {row[0].value: row[1].value for row in book.worksheets[0].iter_rows(min_row=2)}
    assert rows[month] == "..."


def test_demo_downloads_say_demo(tmp_path, catalog):
    data = load_dataset(tmp_path / "none")
    stem, table = municipality_download(municipality_rows(data.frame, catalog, "KU286"), data, catalog, "KU286", "en")
    assert stem.endswith("_demo")
    text = to_csv(table).decode("utf-8-sig")
    assert "Data;DEMO DATA, not official statistics" in text


# --- the six side by side, the card and the map ---------------------------------------------


def expected_six(frame: pd.DataFrame) -> dict[str, tuple[float, float, int]]:
    """Per municipality: June 2026 unemployed, rate, and rank on the rate (1 = highest)."""
    rates = {c: value(frame, "unemployment_rate", c, "2026-06") for c in SIX}
    order = sorted(SIX, key=lambda c: -rates[c])
    return {c: (value(frame, "unemployed", c, "2026-06"), rates[c], order.index(c) + 1) for c in SIX}


def test_six_municipalities_equal_the_snapshot(real_cache, catalog):
    frame = stored(real_cache)
    six = six_municipalities(load_dataset(real_cache).frame, catalog).set_index("area_code")
    for code, (unemployed, rate, rank) in expected_six(frame).items():
        assert six.loc[code, "unemployed"] == unemployed
        assert six.loc[code, "unemployment_rate"] == rate
        assert six.loc[code, "rank"] == rank
        assert six.loc[code, "unemployment_rate_year_change"] == pytest.approx(
            rate - value(frame, "unemployment_rate", code, "2025-06")
        )


def test_page_shows_the_six_side_by_side(real_cache, monkeypatch):
    frame = stored(real_cache)
    at = open_page(real_cache, monkeypatch, area="KU624")
    six = page_tables(at)[3]  # figures, codes, the quarterly and yearly statistics, then the six
    periodic = page_tables(at)[2]
    # straight from the quarterly table's parquet file, as `stored` reads the monthly one
    manifest = json.loads((real_cache / "snapshots" / "MK08" / "manifest.json").read_text())
    release = re.sub(r"[^0-9A-Za-z]+", "", manifest["tables"]["aly_11yq"]["release"])
    quarterly = pd.read_parquet(real_cache / "snapshots" / "MK08" / "aly_11yq" / f"{release}.parquet")
    openings = quarterly[(quarterly["series"] == "business_openings") & (quarterly["area_code"] == "KU624")]
    newest = openings.loc[openings["period"].idxmax()]
    assert newest["period"] == pd.Timestamp("2026-04-01")  # the fake's latest quarter, 2026Q2
    assert periodic.loc["Aloittaneet yritykset", "Ajanjakso"] == "2. neljännes 2026"
    assert periodic.loc["Aloittaneet yritykset", "Pyhtää"] == f"{int(newest['value'])}\u00a0yritystä"
    for code, (unemployed, rate, rank) in expected_six(frame).items():
        name = {"KU075": "Hamina", "KU285": "Kotka", "KU286": "Kouvola"}.get(code)
        if name:
            assert six.loc[name, "Työttömät"] == f"{unemployed:,.0f}".replace(",", NB)
            assert six.loc[name, "Työttömien osuus"] == f"{rate:.1f}".replace(".", ",") + f"{NB}%"
            assert six.loc[name, "Sija"] == f"{rank}/6"


def test_the_card_is_one_page_with_the_municipalitys_figures_and_the_six(real_cache, catalog):
    frame = stored(real_cache)
    pdf = pypdf.PdfReader(io.BytesIO(municipality_card(load_dataset(real_cache), catalog, "KU624", "fi")))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Oma kunta: Pyhtää – kesäkuu 2026" in text
    unemployed, rate, rank = expected_six(frame)["KU624"]
    assert f"{unemployed:.0f}" in text and f"{rate:.1f}".replace(".", ",") in text
    assert f"sija {rank}/6 Kymenlaakson kunnista" in text
    for code, (count, _, _) in expected_six(frame).items():
        assert f"{count:,.0f}".replace(",", NB) in text or f"{count:,.0f}".replace(",", " ") in text, code
    assert "Lähde: KEHA-keskus, Työnvälitystilasto, päivitetty 21.7.2026" in text
    assert "CC BY 4.0" in text and "DEMO" not in text


def test_the_map_shades_the_six_by_the_snapshots_rates_and_greys_the_neighbours(real_cache, monkeypatch):
    frame = stored(real_cache)
    at = open_page(real_cache, monkeypatch, area="KU624")
    (chart,) = [c for c in page_charts(at) if c.title == "Työttömien osuus työvoimasta kunnittain"]
    shapes = [
        [path.get("fill") for path in group.iter("{http://www.w3.org/2000/svg}path")]
        for group in chart.svg.iter()
        if "mark-shape" in group.get("class", "").split()
    ]
    assert shapes[0] == [NEIGHBOUR_GREY] * 8, "the eight neighbours in grey"
    members = [f["properties"]["namefin"] for f in load_boundaries()["features"] if f["properties"]["member"]]
    names = {"KU075": "Hamina", "KU285": "Kotka", "KU286": "Kouvola", "KU489": "Miehikkälä", "KU624": "Pyhtää"}
    rates = {names.get(c, "Virolahti"): value(frame, "unemployment_rate", c, "2026-06") for c in SIX}
    fills = dict(zip(members, shapes[1], strict=True))
    highest, lowest = max(rates, key=rates.get), min(rates, key=rates.get)
    rgb = ["rgb({}, {}, {})".format(*bytes.fromhex(colour[1:])) for colour in LEVEL_RANGE]  # as Vega writes it
    assert fills[highest] == rgb[-1] and fills[lowest] == rgb[0]
    shown = " ".join(chart.texts("mark"))  # the labels on the map
    summary = chart.svg.get("aria-label")  # the map to a screen reader
    for name, rate in rates.items():
        text = f"{rate:.1f}\u00a0%".replace(".", ",")
        assert name in shown and text in shown and f"{name} {text}" in summary, name
    top = f"{rates[highest]:.1f}".replace(".", ",")
    assert summary.startswith(f"Työttömien osuus työvoimasta kunnittain (%, kesäkuu 2026). {highest} {top}")
    assert any(line.startswith("Kuntarajat: Tilastokeskus") for line in chart.subtitle)


def test_the_stored_boundaries_are_the_six_and_their_neighbours_in_epsg3067():
    geo = load_boundaries()
    own = sorted(f["properties"]["area_code"] for f in geo["features"] if f["properties"]["member"])
    assert own == SIX and len(geo["features"]) == 14
    xs = [p[0] for f in geo["features"] for poly in f["geometry"]["coordinates"] for ring in poly for p in ring]
    assert 300_000 < min(xs) < max(xs) < 700_000, "metres in ETRS-TM35FIN, not degrees"


# --- since the last meeting ------------------------------------------------------------------

REVISED = 7.0  # Pyhtää's May 2026 unemployed, revised upwards in the June release


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory):
    """May's release (out 18.6.2026), then June's (21.7.2026) that revises Pyhtää's May figure."""
    cache = tmp_path_factory.mktemp("two-releases")
    with FakePxWeb() as server:
        server.publish("2026M05", "2026-06-18T05:00:00Z")
        assert refresh_main(["--quiet", "--base-url", server.base_url, "--cache-dir", str(cache)]) == 0
        server.publish("2026M06", "2026-07-21T05:00:00Z", {("KU624", "TYOTTOMATLOPUSSA", "2026M05"): REVISED})
        assert refresh_main(["--quiet", "--base-url", server.base_url, "--cache-dir", str(cache)]) == 0
    return cache


def release_parquet(cache: Path, stamp: str) -> pd.DataFrame:
    return pd.read_parquet(cache / "snapshots" / "MK08" / "tyonv_12r5" / f"{stamp}.parquet")


def test_vintage_comparison_equals_the_two_stored_releases(two_releases):
    then = release_parquet(two_releases, "20260618T050000Z")
    now = release_parquet(two_releases, "20260721T050000Z")
    compared = compare_vintages(then, now, ["unemployed", "unemployment_rate"], "KU624").set_index("series")
    may_then = value(then, "unemployed", "KU624", "2026-05")
    assert compared.loc["unemployed", "then_period"] == pd.Timestamp("2026-05-01")
    assert compared.loc["unemployed", "then_value"] == may_then
    assert compared.loc["unemployed", "now_value"] == value(now, "unemployed", "KU624", "2026-06")
    assert compared.loc["unemployed", "revised_value"] == may_then + REVISED
    assert bool(compared.loc["unemployed", "revised"])
    assert compared.loc["unemployment_rate", "then_value"] == value(then, "unemployment_rate", "KU624", "2026-05")
    other = compare_vintages(then, now, ["unemployed"], "KU286")
    assert not other["revised"].any(), "Kouvola's May figure was not revised"


def test_meetings_pick_the_release_known_on_the_day(two_releases):
    vintages = SnapshotStore(two_releases).vintages("tyonv_12r5")
    assert [v.release for v in vintages] == ["2026-07-21T05:00:00Z", "2026-06-18T05:00:00Z"]
    assert release_known_on(vintages, dt.date(2026, 6, 24)).release == "2026-06-18T05:00:00Z"
    assert release_known_on(vintages, dt.date(2026, 6, 17)) is None
    meetings = [dt.date(2026, 9, 16), dt.date(2026, 6, 24), dt.date(2026, 4, 22)]
    assert comparison_choices(vintages, "2026-07-21T05:00:00Z", meetings, "fi") == {
        "2026-06-24": "kokouksessa 24.6.2026 (julkaisu 18.6.2026)",
        "2026-06-18": "julkaisussa 18.6.2026",
    }
    with pytest.raises(MeetingsError, match="a date is listed twice"):
        parse_meetings({"meetings": [dt.date(2026, 1, 1), dt.date(2026, 1, 1)]})


def test_since_block_on_both_pages_marks_the_revised_figure(two_releases, monkeypatch, tmp_path):
    meetings = tmp_path / "meetings.yaml"  # the group's dates as its secretary would write them
    meetings.write_text("meetings:\n  - 2026-04-22\n  - 2026-06-24\n  - 2026-09-16\n", encoding="utf-8")
    monkeypatch.setattr(meetings_module, "meetings_path", lambda: meetings)
    then = release_parquet(two_releases, "20260618T050000Z")
    at = open_page(two_releases, monkeypatch, area="KU624")
    block = page_tables(at)[3]  # figures, codes, the quarterly and yearly statistics, then the comparison
    row = block.loc["Työttömät työnhakijat"]
    may = value(then, "unemployed", "KU624", "2026-05")
    assert list(block.columns) == ["Silloin (toukokuu 2026)", "Nyt (kesäkuu 2026)", "Muutos", "Korjattu"]
    assert row["Silloin (toukokuu 2026)"] == f"{may:.0f} *"
    assert (
        row["Nyt (kesäkuu 2026)"]
        == f"{value(release_parquet(two_releases, '20260721T050000Z'), 'unemployed', 'KU624', '2026-06'):.0f}"
    )
    assert row["Korjattu"] == f"toukokuu 2026: {may:.0f} → {may + REVISED:.0f}"
    assert at.selectbox(key="w_since").value == "2026-06-24"
    at.switch_page("screens/overview.py")
    at.run()
    assert at.title[0].value == "Yleiskatsaus: Pyhtää"
    overview = page_tables(at)[0]
    assert overview.loc["Työttömät työnhakijat", "Silloin (toukokuu 2026)"] == f"{may:.0f} *"
    now = release_parquet(two_releases, "20260721T050000Z")
    rows = (("Työttömien osuus työvoimasta", "unemployment_rate"),)
    # structural unemployment: 12r5's stand-in then, found by meaning in 12ub now: two measures, not compared
    assert not any(label.startswith(("Pitkäaikaistyöttömät", "Rakennetyöttömät")) for label in overview.index)
    for label, series in rows:
        revised = value(then, series, "KU624", "2026-05") != value(now, series, "KU624", "2026-05")
        assert (overview.loc[label, "Korjattu"] != "") == revised, label


def test_since_block_says_when_there_is_nothing_to_compare(real_cache, monkeypatch):
    at = open_page(real_cache, monkeypatch, area="KU624")
    assert any(c.value.startswith("Vain nykyinen julkaisu on tallessa") for c in at.caption)


def fi_count(number: float, signed: bool = False) -> str:
    """A count the Finnish way (no-break space between thousands, a real minus), written out here."""
    text = f"{abs(number):,.0f}".replace(",", NB)
    if signed:
        return ("+" if number > 0 else "−" if number < 0 else "±") + text if number else "0"
    return text


def test_the_report_compares_the_region_with_the_last_meeting_as_stored(two_releases, catalog, tmp_path):
    from report.earlier import earlier_figures
    from report.halfyear import build_report, to_html, to_pdf

    then = release_parquet(two_releases, "20260618T050000Z")
    now = release_parquet(two_releases, "20260721T050000Z")
    data = load_dataset(two_releases)
    meetings = [dt.date(2026, 11, 25), dt.date(2026, 6, 24), dt.date(2026, 4, 22)]
    earlier = earlier_figures(two_releases, data, catalog, dt.date(2026, 12, 1), meetings)
    # 25.11. already saw today's release, 22.4. saw none: the meeting of 24.6. is the one to compare with
    assert (earlier.meeting, earlier.release.release) == (dt.date(2026, 6, 24), "2026-06-18T05:00:00Z")
    report = build_report("2026H1", data, catalog, "fi", earlier)
    since = report.since
    assert (
        since.intro
        == "Kymenlaakso: luvut sellaisina kuin ne tiedettiin kokouksessa 24.6.2026 (julkaisu 18.6.2026), ja nyt."
    )
    assert since.table.headers == ["Luku", "Silloin (toukokuu 2026)", "Nyt (kesäkuu 2026)", "Muutos", "Korjattu"]
    rows = {row[0]: row for row in since.table.rows}
    may, june = value(then, "unemployed", "MK08", "2026-05"), value(now, "unemployed", "MK08", "2026-06")
    # Pyhtää's May was revised by +7, and the region is the sum of its municipalities
    assert value(now, "unemployed", "MK08", "2026-05") == may + REVISED
    assert rows["Työttömät työnhakijat"] == [
        "Työttömät työnhakijat",
        f"{fi_count(may)} *",
        fi_count(june),
        fi_count(june - may, signed=True),
        f"toukokuu 2026: {fi_count(may)} → {fi_count(may + REVISED)}",
    ]
    new_vacancies = rows["Uudet avoimet työpaikat kk:n aikana"]
    assert new_vacancies[1] == fi_count(value(then, "new_vacancies", "MK08", "2026-05"))  # not revised: no mark
    assert new_vacancies[4] == ""
    # structural unemployment was 12r5's stand-in then and is found by meaning (12ub) now: two measures, so
    # neither is compared as if one had been revised into the other
    assert not any(label.startswith(("Pitkäaikaistyöttömät", "Rakennetyöttömät")) for label in rows)
    # the PDF's text with every run of white space (no-break spaces and cell line breaks too) made one space
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(to_pdf(report))).pages)
    revised_cell = f"toukokuu 2026: {fi_count(may)} → {fi_count(may + REVISED)}".replace(NB, " ")
    assert "Edellisen kokouksen jälkeen" in text and revised_cell in text
    assert f"<td class='num'>{fi_count(may)} *</td>" in to_html(report)

    # no meeting entered, nothing to compare with, and a stored release that no longer reads: each says so
    unset = earlier_figures(two_releases, data, catalog, dt.date(2026, 12, 1), [])
    assert build_report("2026H1", data, catalog, "fi", unset).since.intro == (
        "Ei vertailua edelliseen kokoukseen: ohjausryhmän kokouspäiviä ei ole vielä merkitty."
    )
    before_any = earlier_figures(two_releases, data, catalog, dt.date(2026, 12, 1), [dt.date(2026, 4, 22)])
    none = build_report("2026H1", data, catalog, "fi", before_any)
    assert none.since.table is None and none.since.intro.startswith("Ei vertailua:")
    damaged = tmp_path / "cache"
    shutil.copytree(two_releases, damaged)
    (damaged / "snapshots" / "MK08" / "tyonv_12r5" / "20260618T050000Z.parquet").write_bytes(b"PAR1 broken")
    broken = earlier_figures(damaged, load_dataset(damaged), catalog, dt.date(2026, 12, 1), meetings)
    report = build_report("2026H1", load_dataset(damaged), catalog, "fi", broken)
    assert report.since.table is None
    assert report.since.intro == (
        "Kokouksen 24.6.2026 aikaista julkaisua ei voitu lukea "
        "(20260618T050000Z.parquet: contents do not match the recorded checksum); vertailu puuttuu."
    )


def test_map_labels_never_overlap_in_any_language(catalog):
    """Issue 22: in Swedish 'Vederlax' lay on 'Fredrikshamn'. Every pair of the region's label boxes (name over
    value, sized by their characters) is apart on the narrowest map, in fi, sv and en."""
    from figures.maps import (
        LABEL_GAP_PX,
        LABEL_HEIGHT_PX,
        NAME_PX_PER_CHAR,
        VALUE_PX_PER_CHAR,
        map_figures,
        pixels_per_unit,
        spread_labels,
    )

    boundaries = load_boundaries()
    scale = pixels_per_unit(boundaries, 600)
    for lang in ("fi", "sv", "en"):
        names = {a.code: a.name[lang] for a in catalog.areas}
        values = {a.code: 13.4 for a in catalog.municipalities}
        _, labels = map_figures(boundaries, values, lang, 1, "\u00a0%", signed=False, names=names)
        placed = spread_labels(labels, scale)
        own = placed[placed["member"]].to_dict("records")
        assert len(own) == len(catalog.municipalities)
        for i, a in enumerate(own):
            for b in own[i + 1 :]:
                half = (
                    max(len(a["name"]) * NAME_PX_PER_CHAR, len(a["text"]) * VALUE_PX_PER_CHAR)
                    + max(len(b["name"]) * NAME_PX_PER_CHAR, len(b["text"]) * VALUE_PX_PER_CHAR)
                ) / 2
                apart_x = abs(a["x"] - b["x"]) * scale >= half + LABEL_GAP_PX
                apart_y = abs(a["y"] - b["y"]) * scale >= LABEL_HEIGHT_PX + LABEL_GAP_PX
                assert apart_x or apart_y, (lang, a["name"], b["name"])
        # the neighbours' labels are not drawn and not moved
        others = labels[~labels["member"]]
        assert placed[~placed["member"]][["x", "y"]].equals(others[["x", "y"]])


def test_two_overlapping_labels_are_pushed_apart_along_the_shorter_overlap_by_half_each():
    from figures.maps import LABEL_GAP_PX, LABEL_HEIGHT_PX, NAME_PX_PER_CHAR, spread_labels

    labels = pd.DataFrame(
        [
            {"x": 0.0, "y": 0.0, "name": "abc", "text": "1", "member": True},  # 3 × 7.4 = 22.2 px wide
            {"x": 10.0, "y": 0.0, "name": "abc", "text": "1", "member": True},  # side by side: 16.2 px too close
            {"x": 500.0, "y": 0.0, "name": "far", "text": "1", "member": True},
            {"x": 500.0, "y": 100.0, "name": "abcdefghij", "text": "1", "member": True},  # 74 px wide
            {"x": 505.0, "y": 120.0, "name": "abcdefghij", "text": "1", "member": True},  # 14 px too close in height
        ]
    )
    placed = spread_labels(labels, px_per_unit=1.0)
    sideways = 3 * NAME_PX_PER_CHAR + LABEL_GAP_PX - 10  # 16.2: each moves half of it and half a pixel more
    assert placed.at[0, "x"] == pytest.approx(-(sideways / 2 + 0.5))
    assert placed.at[1, "x"] == pytest.approx(10 + sideways / 2 + 0.5)
    upwards = LABEL_HEIGHT_PX + LABEL_GAP_PX - 20  # 14 px, less than their 73 px of overlap across
    assert placed.at[3, "y"] == pytest.approx(100 - (upwards / 2 + 0.5))
    assert placed.at[4, "y"] == pytest.approx(120 + upwards / 2 + 0.5)
    assert list(placed["x"])[2:] == [500.0, 500.0, 505.0] and placed.at[2, "y"] == 0.0

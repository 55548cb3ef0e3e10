"""A sum with a suppressed part (the region's persons in services when coaching is suppressed, as in the June
2026 release): the sum of its known parts as a lower bound, named so, never missing, never zero, never compared."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data_sources.domain.catalog import load_catalog
from data_sources.service.commands import refresh as refresh_main
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.series_frame import cells_to_series
from figures.formats import fmt_number
from tests.browser import ROOT, require_chromium, streamlit_server
from tests.fake_pxweb import FakePxWeb
from tests.tables import page_cards
from tests.test_app import open_app

CATALOG = load_catalog()
PARTS = CATALOG.series_by_id("in_services").codes
LABEL = "Palveluissa olevat kk:n lopussa (korvike palveluissa aloittaneille)"


def test_a_sum_of_known_parts_is_a_lower_bound_naming_the_missing_ones():
    table = CATALOG.monthly_table
    rows = [("MK08", "2026M06", code, math.nan if code == "VALMENNUSLOP" else 10.0 + i) for i, code in enumerate(PARTS)]
    rows += [("MK08", "2026M05", code, math.nan) for code in PARTS]  # every part missing: missing, not 0
    rows += [("SSS", "2026M06", code, 1.0) for code in PARTS]
    cells = pd.DataFrame(rows, columns=[table.area_variable, table.time_variable, table.content_variable, "value"])
    cells["status"] = cells["value"].map(lambda v: "..." if math.isnan(v) else None)
    tidy = cells_to_series(cells, table, CATALOG)
    services = tidy[tidy["series"] == "in_services"].set_index(["area_code", "period"])
    june = services.loc[("MK08", pd.Timestamp("2026-06-01"))]
    assert june["value"] == 10 + 11 + 12 + 13 + 15  # every part but the fifth (VALMENNUSLOP)
    assert june["status"] == "≥ VALMENNUSLOP"
    may = services.loc[("MK08", pd.Timestamp("2026-05-01"))]
    assert math.isnan(may["value"]) and may["status"] == "..."
    assert services.loc[("SSS", pd.Timestamp("2026-06-01"))]["value"] == 6.0
    assert pd.isna(services.loc[("SSS", pd.Timestamp("2026-06-01"))]["status"])


@pytest.fixture(scope="module")
def suppressed_cache(tmp_path_factory):
    """A real snapshot from the fake server whose June 2026 answer hides the region's coaching figure."""
    cache = tmp_path_factory.mktemp("suppressed")
    with FakePxWeb() as fake:
        fake.inject("newest_cell_missing", times=50, arg="MK08:VALMENNUSLOP")
        assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(cache)]) == 0
        known = sum(fake.cell("tyonv/12r5.px", "MK08", "2026M06", code)[0] for code in PARTS if code != "VALMENNUSLOP")
    return cache, known


def test_the_overview_card_shows_at_least_the_known_parts(suppressed_cache, monkeypatch):
    cache, known = suppressed_cache
    card = page_cards(open_app(cache, monkeypatch))[LABEL]
    assert card["value"] == f"vähintään {fmt_number(known)}"
    assert card["note"].startswith("Alaraja: summasta puuttuu salattu osa (valmennuksessa)")
    assert card["delta"] == "", "a lower bound is not compared with a year earlier"


def test_the_municipality_table_and_download_say_lower_bound(suppressed_cache, monkeypatch):
    from figures.municipal import lower_bound_notes, municipality_rows
    from report.downloads import municipality_download, to_csv

    cache, known = suppressed_cache
    data = load_dataset(cache)
    rows = municipality_rows(data.frame, CATALOG, "KU286")
    assert lower_bound_notes(rows, CATALOG, "fi") == [
        f"{LABEL}, Kymenlaakso: Alaraja: summasta puuttuu salattu osa (valmennuksessa)"
    ]
    _, download = municipality_download(rows, data, CATALOG, "KU286", "fi")
    text = to_csv(download).decode("utf-8-sig")
    assert "Alaraja;" in text
    # the download keeps the parts: the coaching row is there, its region figure empty (suppressed), not 0
    coaching = next(line for line in text.splitlines() if line.startswith("Valmennuksessa;"))
    assert coaching.split(";")[7] == ""


def test_the_lower_bound_fits_its_card_in_chromium(suppressed_cache, browser):
    require_chromium()
    cache, known = suppressed_cache
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(cache)}) as server:
        for width, height in ((1366, 768), (1920, 1080)):
            page = browser.new_page(viewport={"width": width, "height": height}, base_url=server.url)
            page.goto("/")
            value = page.locator(".card", has_text="Palveluissa olevat").locator(".card-value")
            value.wait_for(timeout=60_000)
            assert value.inner_text() == f"vähintään {fmt_number(known)}"
            fits = (
                "e => [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right, "
                "e.closest('.card').getBoundingClientRect().right]"
            )
            scroll, client, right, card_right = value.evaluate(fits)
            assert scroll <= client and right <= card_right + 0.5, (width, scroll, client, right, card_right)
            page.close()


def test_a_lower_bound_is_a_gap_in_the_sparkline_and_changes():
    from figures.latest import latest

    months = pd.to_datetime(["2025-06-01", "2026-05-01", "2026-06-01"])
    frame = pd.DataFrame(
        {
            "series": "in_services",
            "area_code": "MK08",
            "period": months,
            "value": [9000.0, 9100.0, 7485.0],
            "status": [None, None, "≥ VALMENNUSLOP"],
        }
    )
    fig = latest(frame, "in_services", "MK08")
    assert fig.value == 7485.0 and fig.status == "≥ VALMENNUSLOP"
    assert math.isnan(fig.year_change) and math.isnan(fig.month_change)
    assert fig.history["value"].tolist()[:2] == [9000.0, 9100.0] and math.isnan(fig.history["value"].iloc[2])


def test_a_part_that_is_a_true_zero_or_not_applicable_leaves_the_sum_whole():
    # PxWeb's '-' is nothing (0) and '.' a category that does not apply: the sum is exact, not a lower bound
    table = CATALOG.monthly_table
    symbols = {"KOKEILULOP": "-", "VALMENNUSLOP": "."}
    rows = [("KU489", "2026M06", code, math.nan if code in symbols else 2.0, symbols.get(code)) for code in PARTS]
    cells = pd.DataFrame(
        rows, columns=[table.area_variable, table.time_variable, table.content_variable, "value", "status"]
    )
    tidy = cells_to_series(cells, table, CATALOG)
    services = tidy[tidy["series"] == "in_services"].iloc[0]
    assert services["value"] == 2.0 * 4 and pd.isna(services["status"])

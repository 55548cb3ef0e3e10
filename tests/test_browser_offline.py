"""In a real browser: no page asks for anything off the machine, outside text stays text, Swedish pages."""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

import pytest

from data_sources.snapshots.store import Attempt, SnapshotStore
from figures.i18n import t
from tests.browser import ARTIFACTS, ROOT, require_chromium, streamlit_server
from tests.browser import wait_for_charts as charts_ready

require_chromium()


PAGES = ["/", "/ryhmat", "/kunta", "/teemat", "/tiedot", "/esitys"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
HOSTILE = "**Huoltokatko** [Kirjaudu uudelleen](http://evil.example/login) ![seuranta](http://evil.example/t.gif)"


def off_machine(urls: list[str]) -> list[str]:
    """The requests that would leave the machine (data: and blob: URLs never do)."""
    return [u for u in urls if urlparse(u).scheme not in ("data", "blob") and urlparse(u).hostname not in LOCAL_HOSTS]


def test_no_page_requests_anything_off_the_machine(real_cache, browser):
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(real_cache)}) as server:
        page = browser.new_page(viewport={"width": 1366, "height": 768}, base_url=server.url)
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        for path in PAGES:
            page.goto(path)
            charts_ready(page, 1 if path in ("/ryhmat", "/kunta", "/esitys") else 0)
            page.wait_for_timeout(500)  # late requests: fonts, icons, images
        page.close()
    assert len(requested) > 20, "the recorder saw the page's own requests"
    assert off_machine(requested) == []


def test_the_recorder_would_catch_a_request_off_the_machine():
    assert off_machine(["http://127.0.0.1:8501/x", "data:image/png;base64,AA"]) == []
    assert off_machine(["https://fonts.gstatic.com/s/i/x.svg"]) == ["https://fonts.gstatic.com/s/i/x.svg"]


@pytest.fixture
def hostile_cache(real_cache, tmp_path):
    """A real snapshot whose last refresh failed with an upstream message full of Markdown."""
    cache = tmp_path / "cache"
    shutil.copytree(real_cache, cache)
    SnapshotStore(cache).record_attempt(
        Attempt("tyonv_12r5", "2026-12-01T08:00:00Z", False, f"HTTP 400 (Bad Request): {HOSTILE}")
    )
    return cache


def test_upstream_markdown_is_shown_as_plain_text_on_every_page(hostile_cache, browser):
    """A failed refresh is one plain line on every page (not the upstream's words, issue 22); its stored detail,
    Markdown and all, is shown as text in the data page's folded technical section, and nothing is fetched."""
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(hostile_cache)}) as server:
        page = browser.new_page(viewport={"width": 1366, "height": 768}, base_url=server.url)
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        for path in PAGES:
            page.goto(path)
            charts_ready(page, 0)
            main = page.locator('[data-testid="stMain"]')
            assert main.locator('a[href*="evil.example"], img[src*="evil.example"]').count() == 0, path
            if path == "/esitys":  # a slide shows no status at all (ui/context.page_frame)
                assert page.locator('[data-testid="stAlert"]').count() == 0
                continue
            assert "Huoltokatko" not in main.inner_text(), path  # the upstream's words only on the data page
        page.goto("/tiedot")
        charts_ready(page, 0)
        page.get_by_text(t("technical_details", "fi")).click()
        detail = page.locator('[data-testid="stExpander"] [data-testid="stCode"]', has_text="Huoltokatko").first
        detail.wait_for(timeout=30000)
        assert HOSTILE in detail.inner_text()  # every character, as text
        assert detail.locator("a, img, strong, b, em").count() == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "browser-hostile-detail.png"))
        page.close()
    assert not any("evil.example" in url for url in requested)


def test_a_page_in_swedish(real_cache, browser):
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(real_cache)}) as server:
        page = browser.new_page(viewport={"width": 1920, "height": 1080}, base_url=server.url)
        page.goto("/ryhmat?lang=sv&area=KU624")
        charts_ready(page, 1)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Grupper av arbetssökande" in main
        labels = page.evaluate(
            "Array.from(document.querySelectorAll('svg.marks .role-axis-label text')).map(t => t.textContent)"
        )
        assert any(label.startswith(("jan. ", "juli ")) for label in labels), labels
        assert "Källa: KEHA-centret, Arbetsförmedlingsstatistik" in page.content()
        page.screenshot(path=str(ARTIFACTS / "browser-ryhmat-sv.png"), full_page=True)
        page.close()

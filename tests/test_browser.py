"""A real browser: every page in headless Chromium, charts drawn, no exception box, Finnish month names."""

from __future__ import annotations

import pytest

from figures.formats import SHORT_MONTHS
from tests.browser import (
    ARTIFACTS,
    CHARTS,
    ROOT,
    require_chromium,
    streamlit_server,
    wait_for_charts,
)

require_chromium()


# path, the charts it must show (at least), a text the page must show
PAGES = [
    ("/", 0, "Yleiskatsaus: Kymenlaakso"),  # no Vega: ten sparklines, inline SVG
    ("/ryhmat", 1, "Työnhakijaryhmät"),
    ("/kunta?area=KU624", 2, "Oma kunta: Pyhtää"),  # the map and the chosen trend
    ("/teemat?theme=4.4", 1, "Ohjelman teemat"),
    ("/tiedot", 0, "Tiedot ja lähteet"),
]
SIZES = {"1920x1080": (1920, 1080), "1366x768": (1366, 768)}


def axis_texts(page) -> list[str]:
    return page.evaluate(
        "Array.from(document.querySelectorAll('svg.marks .role-axis-label text')).map(t => t.textContent)"
    )


def check_page(page, path: str, charts: int, text: str, shot: str) -> None:
    page.goto(path)
    wait_for_charts(page, charts)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert text in page.locator('[data-testid="stMain"]').inner_text()
    drawn = page.evaluate("(charts) => document.querySelectorAll(charts).length", CHARTS)
    assert drawn >= charts, f"{path}: {drawn} charts drawn, {charts} expected"
    if charts and path != "/":  # the overview's charts are sparklines without axes
        labels = axis_texts(page)
        assert any(month in label for label in labels for month in SHORT_MONTHS["fi"]), labels
        assert not any(month in label for label in labels for month in ("Jan", "Feb", "Jul")), labels
    if path.startswith("/kunta"):
        # the figures table: labels and units read left to right, every figure aligns right
        aligns = page.evaluate(
            "Array.from(document.querySelector('table.figures tbody tr').children)"
            ".map(c => getComputedStyle(c).textAlign)"
        )
        assert [a.replace("start", "left") for a in aligns] == ["left", "left", *["right"] * 5], aligns
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)


@pytest.mark.parametrize("size", SIZES)
def test_every_page_renders_in_chromium(real_cache, browser, size):
    width, height = SIZES[size]
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(real_cache)}) as server:
        url = server.url
        page = browser.new_page(viewport={"width": width, "height": height}, base_url=url)
        for path, charts, text in PAGES:
            name = path.strip("/").split("?")[0] or "yleiskatsaus"
            check_page(page, path, charts, text, f"browser-{name}-{size}.png")
        page.close()


def test_demo_data_is_labelled_on_every_page_and_chart(browser, tmp_path):
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(tmp_path / "empty")}) as server:
        url = server.url
        page = browser.new_page(viewport={"width": 1920, "height": 1080}, base_url=url)
        for path, charts, _ in PAGES:
            page.goto(path)
            wait_for_charts(page, charts)
            assert "DEMOAINEISTO" in page.locator('[data-testid="stAlert"]').first.inner_text()
            subtitles = page.evaluate(
                "Array.from(document.querySelectorAll('svg.marks .role-title-subtitle')).map(t => t.textContent)"
            )
            # the overview's sparklines have no subtitle; the themes page opens on a theme without a chart
            if charts and path not in ("/", "/teemat"):
                assert len(subtitles) >= 1, f"{path}: a trend chart with its source line"
            assert all("DEMOAINEISTO" in s for s in subtitles), subtitles
        page.goto("/ryhmat?lang=en&area=KU286&view=index")
        wait_for_charts(page, 1)
        assert "DEMO DATA" in page.locator('[data-testid="stAlert"]').first.inner_text()
        assert any("Jan" in label for label in axis_texts(page))
        page.screenshot(path=str(ARTIFACTS / "browser-ryhmat-en-demo.png"), full_page=True)
        page.close()


OVERFLOW = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] *'))
    .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > window.innerWidth + 1; })
    .map(el => el.tagName + '.' + (el.getAttribute('data-testid') || el.className || '')).slice(0, 5)"""


# What a person sees in the main area: controls and texts with a box inside the viewport.
SEEN = """() => {
  const inside = (e) => { const r = e.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight; };
  const main = document.querySelector('[data-testid="stMain"]');
  const controls = Array.from(main.querySelectorAll('button, summary, input, kbd, a')).filter(inside)
    .map((e) => e.tagName + ':' + e.textContent.trim());
  const texts = Array.from(main.querySelectorAll('*')).filter((e) => e.children.length === 0 && inside(e))
    .map((e) => e.textContent.trim()).filter(Boolean);
  return { controls, texts };
}"""


# A focus frame on the focused element or its ancestors: an outline or a shadow, on it or its ::before/::after.
FOCUS_FRAME = """() => {
  const frames = [];
  for (let e = document.activeElement; e && e.nodeType === 1; e = e.parentElement) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(e, pseudo);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      if (outline || s.boxShadow !== 'none') frames.push(e.tagName + (pseudo || '') + ' ' + s.boxShadow);
    }
  }
  return frames;
}"""


def test_presenting_a_deck_with_the_keyboard_at_1920x1080(real_cache, browser):
    from data_sources.snapshots.dataset import load_dataset
    from report.slides import build_deck

    stored = load_dataset(real_cache)
    slides = build_deck("4.4", stored, stored.shown_catalog, "fi")
    headlines = [s.headline for s in slides]
    assert headlines[-1] == "Yhteenveto" and slides[-1].points == tuple(headlines[:-1])
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(real_cache)}) as server:
        page = browser.new_page(viewport={"width": 1920, "height": 1080}, base_url=server.url)
        page.goto("/")  # a server's first request to a sub-page finds no pages registered yet
        wait_for_charts(page, 0)
        page.goto("/esitys?embed=true&deck=4.4")
        keys = ["ArrowRight", "PageDown"] * len(headlines)
        for number, expected in enumerate(headlines, start=1):
            page.wait_for_function(
                "(text) => { const h = document.querySelector('h1'); return h && h.innerText.trim() === text; }",
                arg=expected,
                timeout=60000,
            )
            closing = number == len(headlines)
            wait_for_charts(page, 0 if closing else 1)
            if number > 1:  # the slide number reaches the URL in the same script run as the headline
                page.wait_for_function("(n) => location.search.includes('slide=' + n)", arg=number, timeout=30000)
            assert page.evaluate(OVERFLOW) == [], f"slide {number} overflows"
            # large type, smaller only as far as a long headline needs to stay within two lines
            assert float(page.evaluate("getComputedStyle(document.querySelector('h1')).fontSize")[:-2]) >= 40
            assert page.evaluate(HEADLINE_LINES) <= 2
            if closing:  # the closing slide sums the deck up: every headline once more
                assert (
                    page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"] li').all_inner_texts()
                    == headlines[:-1]
                )
            else:
                sizes = page.evaluate(
                    "Array.from(document.querySelectorAll('svg.marks .role-axis-label text'))"
                    ".map(t => parseFloat(t.getAttribute('font-size')))"
                )
                assert sizes and min(sizes) >= 24
                # one title: the chart says its unit and source, not the headline again
                chart_texts = page.evaluate(
                    "Array.from(document.querySelectorAll('svg.marks text')).map(t => t.textContent)"
                )
                assert any(text.startswith("indeksi, 4/2020–3/2021 = 100") for text in chart_texts)
                assert "Lähde: KEHA-keskus" in " ".join(chart_texts)
                assert not any(expected in text for text in chart_texts), chart_texts
            assert page.locator('[data-testid="stSidebar"]').is_hidden()
            seen = page.evaluate(SEEN)
            assert seen["controls"] == [], seen["controls"]  # no button, key hint, expander or heading link
            assert not {"PgUp", "PgDn", "PageUp", "PageDown", f"{number} / {len(headlines)}"} & set(seen["texts"])
            assert not any("…" in text for text in seen["texts"]), seen["texts"]
            page.screenshot(path=str(ARTIFACTS / f"esitys-4.4-{number}.png"))
            if number == 2:  # a click on the slide focuses it: that draws no frame, neither then nor after a key
                page.mouse.click(960, 700)
                assert page.evaluate(FOCUS_FRAME) == [], page.evaluate(FOCUS_FRAME)
            elif number > 2:
                assert page.evaluate(FOCUS_FRAME) == [], page.evaluate(FOCUS_FRAME)
            if number < len(headlines):
                page.keyboard.press(keys[number - 1])
        for key, back in (("ArrowLeft", 2), ("PageUp", 3)):
            wait_for_charts(page, 0)  # a key pressed while the script still runs can be lost
            page.keyboard.press(key)
            page.wait_for_function(
                "(text) => document.querySelector('h1').innerText.trim() === text",
                arg=headlines[len(headlines) - back],
                timeout=60000,
            )
        page.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_theme_link_opens_that_theme_with_its_scorecard_in_view(real_cache, browser, size):
    width, height = SIZES[size]
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(real_cache)}) as server:
        page = browser.new_page(viewport={"width": width, "height": height}, base_url=server.url)
        page.goto("/")  # a fresh server's very first session says "Page not found" for any page (Streamlit)
        wait_for_charts(page, 0)
        for lang, tab, heading in (
            ("fi", "4.4 Haavoittuvassa asemassa olevat", "Mittaristo"),
            ("en", "4.4 People in a vulnerable position", "Scorecard"),
        ):
            page.goto(f"/teemat?theme=4.4&lang={lang}")
            wait_for_charts(page, 5)
            assert "Page not found" not in page.locator("body").inner_text()
            assert page.get_by_role("tab", name=tab).get_attribute("aria-selected") == "true"
            title = page.get_by_role("heading", name=heading, exact=True)
            box = title.bounding_box()
            assert box is not None and box["y"] + box["height"] < height, f"{heading} below the fold: {box}"
            table = page.locator('[data-testid="stMain"] table').first
            first_row = table.locator("tbody tr").first.bounding_box()
            assert first_row is not None and first_row["y"] < height, "the scorecard's first row is in view"
            assert "koko maa" in table.inner_text().lower() or "whole country" in table.inner_text().lower()
            assert "theme=4.4" in page.url
            page.screenshot(path=str(ARTIFACTS / f"browser-teemat-4.4-{lang}-{size}.png"))
        page.get_by_role("tab", name="4.2 Growth and business").click()  # the page is in English now
        page.wait_for_url("**theme=4.2**")
        wait_for_charts(page, 3)
        page.close()


# Chart texts that stick out of the chart's own box (a cut source line, a title running off the edge).
CUT_CHART_TEXTS = """() => {
  const svg = document.querySelector('svg.marks'); const box = svg.getBoundingClientRect();
  return Array.from(svg.querySelectorAll('text')).filter((t) => { const r = t.getBoundingClientRect();
    return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1); }).map((t) => t.textContent);
}"""


# The parts of a slide that lie (partly) outside the window: the chart, its axes, its legend, the headline.
OFF_SCREEN = """() => {
  const svg = document.querySelector('svg.marks');
  const parts = [['headline', document.querySelector('h1')], ['chart', svg],
    ...Array.from(svg.querySelectorAll('.role-axis')).map((e) => ['axis', e]),
    ...Array.from(svg.querySelectorAll('.role-legend')).map((e) => ['legend', e])];
  return parts.filter(([, e]) => { const r = e.getBoundingClientRect();
    return r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth; })
    .map(([name, e]) => { const r = e.getBoundingClientRect();
      return `${name} y ${r.top}–${r.bottom} x ${r.left}–${r.right}`; });
}"""
HEADLINE_LINES = """() => { const h = document.querySelector('h1');
  return Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)); }"""


def test_slides_fit_in_every_language_at_1920x1080_and_1366x768(real_cache, browser):
    """Nothing of a slide is cut, hidden off the edge or below the fold: headline, chart with its x-axis and
    legend, unit and source line; presenting (?embed=true) and on the page with its controls under the slide."""
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(real_cache)}) as server:
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height}, base_url=server.url)
            page.goto("/")
            wait_for_charts(page, 0)
            for lang, slide, embed in [
                *((lang, slide, "embed=true&") for lang in ("fi", "sv", "en") for slide in (1, 2, 3)),
                ("fi", 3, ""),
            ]:
                page.goto(f"/esitys?{embed}deck=4.4&slide={slide}&lang={lang}")
                wait_for_charts(page, 1)
                where = f"{lang} {size} slide {slide} {embed or 'not embedded'}"
                assert page.evaluate(OVERFLOW) == [], f"{where} overflows"
                assert page.evaluate(CUT_CHART_TEXTS) == [], where  # e.g. the English source line at 1366
                assert page.locator("svg.marks .role-legend").count() == 1, where
                assert page.evaluate(OFF_SCREEN) == [], where  # 4.4 slide 3 at 1366: the chart ran to y = 987
                assert page.evaluate(HEADLINE_LINES) <= 2, where
                texts = page.evaluate(SEEN)["texts"]
                assert not any("…" in text for text in texts), (where, texts)
                page.screenshot(path=str(ARTIFACTS / f"esitys-{lang}-{size}-{slide}{'-page' if not embed else ''}.png"))
            page.close()


def test_a_demo_slide_says_demo_in_one_small_line_and_nothing_else_of_the_frame(browser, tmp_path):
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(tmp_path / "empty")}) as server:
        page = browser.new_page(viewport={"width": 1366, "height": 768}, base_url=server.url)
        page.goto("/")
        wait_for_charts(page, 0)
        for lang, label in (("fi", "DEMOAINEISTO"), ("en", "DEMO DATA")):
            for embed in ("embed=true&", ""):
                page.goto(f"/esitys?{embed}deck=4.4&slide=3&lang={lang}")
                wait_for_charts(page, 1)
                alerts = page.locator('[data-testid="stMain"] [data-testid="stAlert"]')
                assert alerts.count() == 1 and label in alerts.first.inner_text()
                box = alerts.first.bounding_box()
                assert box is not None and box["height"] <= 40, box  # a line, not a banner
                main = page.locator('[data-testid="stMain"]').inner_text()
                assert "odotet" not in main and "expected" not in main  # no release line on a slide
                assert page.evaluate(OFF_SCREEN) == [], (lang, embed)
        page.screenshot(path=str(ARTIFACTS / "esitys-demo-1366.png"))
        page.close()

"""In Chromium: the document's language and tab title follow the chosen language, captions and axis labels
reach WCAG AA contrast (4.5:1), each chart is one tab stop, and sparklines carry a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_sources.domain.catalog import load_catalog
from data_sources.snapshots.dataset import load_dataset
from figures.i18n import t
from tests.browser import (
    ARTIFACTS,
    ROOT,
    require_chromium,
    streamlit_server,
    wait_for_charts,
)

require_chromium()

from playwright.sync_api import expect  # noqa: E402

# WCAG 2.x contrast of every caption text and chart axis/legend label against what is really behind it:
# colours composited with their alpha and the element's opacity over the first opaque background up the tree.
CONTRASTS = """() => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g); if (!m) return null;
    return { r: +m[0], g: +m[1], b: +m[2], a: m.length > 3 ? +m[3] : 1 }; };
  const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
                                   b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
  const background = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), { r: 255, g: 255, b: 255, a: 1 });
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      o *= +getComputedStyle(e).opacity;
      if (e.getAttribute('fill-opacity')) o *= +e.getAttribute('fill-opacity');
    }
    return o;
  };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratio = (fg, bg) => {
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  };
  const out = [];
  const measure = (el, kind, colour) => {
    if (!el.textContent.trim() || !el.getClientRects().length) return;
    const bg = background(el);
    const fg = parse(colour); fg.a *= opacity(el);
    out.push({ kind, text: el.textContent.trim().slice(0, 60), ratio: ratio(over(fg, bg), bg) });
  };
  document.querySelectorAll('[data-testid="stCaptionContainer"]').forEach((box) => {
    const leaves = Array.from(box.querySelectorAll('*')).filter((e) => e.children.length === 0);
    (leaves.length ? leaves : [box]).forEach((e) => measure(e, 'caption', getComputedStyle(e).color));
  });
  document.querySelectorAll('svg.marks :is(.role-axis-label, .role-legend-label, .role-title-subtitle) text')
    .forEach((e) => measure(e, 'chart label', getComputedStyle(e).fill));
  return out;
}"""

# Elements a Tab key reaches, grouped by the chart block they sit next to.
TAB_STOPS_PER_CHART = """() => {
  const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const charts = Array.from(document.querySelectorAll('svg.marks'));
  return charts.map((chart) => {
    // a chart's block: its own element and the elements after it up to the next chart
    const own = chart.closest('[data-testid="stElementContainer"]');
    const stops = [];
    for (let e = own; e; e = e.nextElementSibling) {
      if (e !== own && e.querySelector('svg.marks')) break;
      stops.push(...[e, ...e.querySelectorAll(focusable)].filter((x) =>
        x.matches(focusable) && x.tabIndex >= 0 && !x.disabled && x.getClientRects().length));
    }
    return stops.length;
  });
}"""


def wait_for_frame(page) -> None:
    """Until the frame's stylesheet and script (ui/frame.css, ui/frame.js) are in the page."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stHtml\"] style') && window.__frameObserver", timeout=30000
    )


@pytest.fixture(scope="module")
def server(real_cache):
    with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(real_cache)}) as running:
        yield running


def open_page(server, browser):
    """A 1366×768 page that has been to the front page once (a new session's sub-page needs that first)."""
    page = browser.new_page(viewport={"width": 1366, "height": 768}, base_url=server.url)
    page.goto("/")
    wait_for_charts(page, 0)
    return page


def test_the_document_language_and_tab_title_follow_the_chosen_language(server, browser):
    page = open_page(server, browser)
    for lang in ("fi", "sv", "en"):
        page.goto(f"/ryhmat?lang={lang}")
        wait_for_charts(page, 1)
        page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=lang, timeout=30000)
        assert page.title() == t("app_title", lang)
    # changing the language on the page, without a reload, changes both too
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Svenska").click()
    page.wait_for_function("() => document.documentElement.lang === 'sv'", timeout=30000)
    page.wait_for_function("(title) => document.title === title", arg=t("app_title", "sv"), timeout=30000)
    page.close()


@pytest.mark.parametrize("path, charts", [("/", 0), ("/ryhmat", 1)])
def test_every_caption_and_axis_label_has_at_least_aa_contrast(server, browser, path, charts):
    page = open_page(server, browser)
    page.goto(path)
    wait_for_charts(page, charts)
    wait_for_frame(page)
    measured = page.evaluate(CONTRASTS)
    kinds = {m["kind"] for m in measured}
    assert "caption" in kinds and (path == "/" or "chart label" in kinds), measured
    low = [m for m in measured if m["ratio"] < 4.5]
    assert low == [], low
    page.close()


def test_each_chart_is_one_tab_stop_with_its_menu_behind_it(server, browser, real_cache):
    page = open_page(server, browser)
    page.goto("/ryhmat")
    wait_for_charts(page, 1)
    stops = page.evaluate(TAB_STOPS_PER_CHART)
    assert len(stops) == 1 and set(stops) == {1}, stops
    # the one stop opens the menu: the chart's summary and its PNG and SVG
    menu = page.locator('[data-testid="stPopover"]').first
    menu.locator("button").focus()
    page.keyboard.press("Enter")
    body = page.locator('[data-testid="stPopoverBody"]')
    body.wait_for(timeout=30000)
    # the popover's contents arrive after its frame: wait for each part rather than read it at once
    expect(body).to_contain_text("Kuvaajan tiivistelmä", timeout=30000)
    expect(body.get_by_role("button", name="PNG")).to_have_count(1, timeout=30000)
    expect(body.get_by_role("button", name="SVG")).to_have_count(1, timeout=30000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "a11y-chart-menu.png"))
    # issue 22: the figures behind the chart, from the same menu, for Finnish Excel and as a workbook
    csv_button = body.get_by_role("button", name=t("history_csv", "fi"))
    expect(csv_button).to_have_count(1, timeout=30000)
    expect(body.get_by_role("button", name=t("history_xlsx", "fi"))).to_have_count(1, timeout=30000)
    with page.expect_download(timeout=60000) as download:
        csv_button.click()
    raw = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith(".csv")
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM: Excel reads UTF-8"
    lines = raw[3:].decode("utf-8").splitlines()
    assert lines[0].startswith("Kuukausi;"), lines[0]
    frame = load_dataset(real_cache).frame
    catalog = load_catalog()
    rows = frame[(frame["series"] == catalog.count_series) & (frame["area_code"] == catalog.region.code)]
    newest = rows[rows["period"] == rows["period"].max()].iloc[0]
    first = f"{newest['period']:%Y-%m};{newest['value']:.0f};"  # the region first, then its sub-regions
    assert any(line.startswith(first) for line in lines), first
    assert any(line.startswith("Lisenssi;CC BY 4.0") for line in lines)
    page.close()


def test_sparklines_are_a_sentence_to_screen_readers(server, browser, real_cache):

    frame = load_dataset(real_cache).frame
    rows = frame[(frame["series"] == "jobseekers_all") & (frame["area_code"] == "MK08")].sort_values("period").tail(25)
    first, last = rows.iloc[0], rows.iloc[-1]
    low, high = int(rows["value"].min()), int(rows["value"].max())
    nb = "\u00a0"
    page = open_page(server, browser)
    page.goto("/")
    wait_for_charts(page, 0)
    page.wait_for_function(
        "() => { const c = document.querySelectorAll('svg.sparkline');"
        " return c.length === 10 && Array.from(c).every((e) => e.getAttribute('role') === 'img'); }",
        timeout=30000,
    )
    # the first sparkline draws those 25 months: the highest at the top edge, the lowest at the bottom one
    points = page.evaluate("document.querySelector('svg.sparkline polyline').getAttribute('points')").split()
    assert len(points) == 25
    ys = [float(p.split(",")[1]) for p in points]
    assert ys[list(rows["value"]).index(high)] == 3.0 and ys[list(rows["value"]).index(low)] == 45.0
    # each sparkline is one image to a screen reader, named by the sentence (not "x: 0; y: 14630" per point)
    sentences = page.evaluate(
        "Array.from(document.querySelectorAll('svg.sparkline')).map((e) => e.getAttribute('aria-label'))"
    )
    assert len(sentences) == 10
    month = (
        "tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu marraskuu joulukuu"
    ).split()

    def shown(row) -> str:
        return f"{int(row['value']):,}".replace(",", nb) + f" ({month[row['period'].month - 1]} {row['period'].year})"

    assert sentences[0].startswith(f"Kaikki työnhakijat, 25 kuukautta: alussa {shown(first)}, lopussa {shown(last)}; ")
    assert f"pienin {low:,}".replace(",", nb) in sentences[0] and f"suurin {high:,}".replace(",", nb) in sentences[0]
    page.close()

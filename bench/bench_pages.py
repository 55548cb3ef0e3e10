"""Page speed: AppTest script time per page (warm caches), and time until charts are visible in Chromium.

Run: python -m bench.bench_pages [--quick]
The browser part compares each page with an empty Streamlit page measured in the same run
(goal: at most 1.5× the baseline), and with the same empty page at a sub-path (bench/empty_pages.py),
where every page but the overview is; the AppTest goal is a median under 150 ms per page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from data_sources.service.commands import refresh as refresh_main
from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server, wait_for_charts
from tests.fake_pxweb import FakePxWeb

# (path, charts to wait for): every chart is SVG drawn on the server (report/inline.py), in the page's HTML
PAGES = {
    "screens/overview.py": ("/", 0),  # sparklines only
    "screens/groups.py": ("/ryhmat", 1),
    "screens/municipality.py": ("/kunta?area=KU286", 2),  # Kouvola: the map and a trend (the region has neither)
    "screens/themes.py": ("/teemat", 1),  # the open theme's one indicator
    "screens/data.py": ("/tiedot", 0),
}


def apptest_times(cache_dir: Path, repeats: int) -> dict[str, list[float]]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["CACHE_DIR"] = str(cache_dir)
    os.environ["REFRESH_INTERVAL_S"] = "0"  # no background refresher polling the real API from a benchmark
    st.cache_data.clear()
    st.cache_resource.clear()  # the values derived from a dataset (ui.context.cached_on_data)
    times = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.switch_page(page)
        at.run()  # warm: data cache, imports, chart builders
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            at.run()
            runs.append(time.perf_counter() - started)
        assert not at.exception, page
        times[page] = runs
    return times


def browser_times(url: str, paths: list[tuple[str, int]], repeats: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path, charts in paths:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(url + path)
            wait_for_charts(page, charts)  # warm the server's caches for this page
            runs = []
            for _ in range(repeats):
                started = time.perf_counter()
                page.goto(url + path)
                wait_for_charts(page, charts)
                runs.append(time.perf_counter() - started)
            page.close()
            times[path] = runs
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repeats (CI)")
    args = parser.parse_args()
    repeats = 3 if args.quick else 10
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        with FakePxWeb() as fake:
            assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(cache)]) == 0
        script = apptest_times(cache, repeats)
        print(f"{'AppTest, warm caches':<28} {'median ms':>10} {'max ms':>8}  (goal: median < 150 ms)")
        for page, runs in script.items():
            print(f"{page:<28} {statistics.median(runs) * 1000:>10.1f} {max(runs) * 1000:>8.1f}")
        with streamlit_server(ROOT / "bench" / "empty_app.py", {}) as server:
            baseline = browser_times(server.url, [("/", 0)], repeats)["/"]
        with streamlit_server(ROOT / "bench" / "empty_pages.py", {}) as server:
            sub_path = browser_times(server.url, [("/toinen", 0)], repeats)["/toinen"]
        with streamlit_server(ROOT / "app.py", {"CACHE_DIR": str(cache)}) as server:
            pages = browser_times(server.url, list(PAGES.values()), repeats)
    base, sub = statistics.median(baseline), statistics.median(sub_path)
    print(f"\n{'Chromium, until charts visible':<32} {'median ms':>10} {'× baseline':>11} {'× sub-path':>11}")
    print(f"{'empty Streamlit page (baseline)':<32} {base * 1000:>10.0f} {1.0:>11.2f} {base / sub:>11.2f}")
    print(f"{'empty page at a sub-path':<32} {sub * 1000:>10.0f} {sub / base:>11.2f} {1.0:>11.2f}")
    for path, runs in pages.items():
        median_s = statistics.median(runs)
        print(f"{path:<32} {median_s * 1000:>10.0f} {median_s / base:>11.2f} {median_s / sub:>11.2f}")
    print("(goal: ≤ 1.5× the baseline; the sub-path column shows what Streamlit's sub-path probe alone costs)")


if __name__ == "__main__":
    main()

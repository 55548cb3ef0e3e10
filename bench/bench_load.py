"""Load: N concurrent viewers in headless Chromium against one app server (real snapshot from the fake API).

Each viewer opens the overview, the job-seeker groups for an area of its own, changes the view with a
click, and opens its municipality. Reported per N: errors (must be 0), median and 95th percentile
time until the page's charts are visible, and the server's peak resident memory.

Run: python -m bench.bench_load [--quick]   (quick: N = 5, one round; full: N = 5, 10, 20)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time

from data_sources.refresh import main as refresh_main
from tests.browser import CHARTS_READY_JS, CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server
from tests.fake_pxweb import FakePxWeb

AREAS = ["MK08", "KU286", "KU285", "KU075", "SK082"]
MUNICIPALITIES = ["KU286", "KU285", "KU075", "KU489", "KU624", "KU935"]


async def timed(page, action, charts: int, timings: list[float], errors: list[str], label: str) -> None:
    started = time.perf_counter()
    try:
        await action()
        await page.wait_for_function(CHARTS_READY_JS, arg=charts, timeout=90_000)
        if await page.locator('[data-testid="stException"]').count():
            errors.append(f"{label}: exception box")
        timings.append(time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - every failure of a viewer is counted, not raised
        errors.append(f"{label}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")


async def viewer(browser, url: str, number: int, rounds: int, timings: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await context.new_page()
    area, muni = AREAS[number % len(AREAS)], MUNICIPALITIES[number % len(MUNICIPALITIES)]
    for _ in range(rounds):
        await timed(page, lambda: page.goto(f"{url}/?area={area}"), 10, timings, errors, "overview")
        await timed(page, lambda: page.goto(f"{url}/ryhmat?area={area}&compare=SSS"), 11, timings, errors, "groups")
        await timed(
            page, lambda: page.get_by_text("Indeksi (3/2021 = 100)").click(), 11, timings, errors, "groups: view"
        )
        await timed(page, lambda: page.goto(f"{url}/kunta?muni={muni}"), 5, timings, errors, "municipality")
    await context.close()


async def run_load(url: str, viewers: int, rounds: int) -> tuple[list[float], list[str], float]:
    from playwright.async_api import async_playwright

    timings: list[float] = []
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        started = time.perf_counter()
        await asyncio.gather(*(viewer(browser, url, n, rounds, timings, errors) for n in range(viewers)))
        elapsed = time.perf_counter() - started
        await browser.close()
    return timings, errors, elapsed


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 2 else (values[0] if values else float("nan"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="N = 5 only, one round (CI)")
    args = parser.parse_args()
    levels, rounds = ([5], 1) if args.quick else ([5, 10, 20], 2)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        with FakePxWeb() as fake:
            assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", tmp]) == 0
        print(
            f"{'viewers':>7} {'page loads':>10} {'errors':>6} {'median s':>9} {'p95 s':>7} {'peak MiB':>9} "
            f"{'wall s':>7}"
        )
        for viewers in levels:
            with streamlit_server(ROOT / "app.py", {"CACHE_DIR": tmp}) as server:
                timings, errors, elapsed = asyncio.run(run_load(server.url, viewers, rounds))
                peak = server.peak_memory_mib()
            print(
                f"{viewers:>7} {len(timings):>10} {len(errors):>6} {statistics.median(timings):>9.2f} "
                f"{p95(timings):>7.2f} {peak:>9.0f} {elapsed:>7.1f}"
            )
            for error in errors[:5]:
                print(f"        error: {error}")
            failed = failed or bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

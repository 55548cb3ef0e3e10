"""Load: N concurrent viewer sessions against one app server, server and browsers on separate cores.

The server runs under `taskset -c 0`, this process and the Chromium it starts on core 1, so the
browsers' drawing does not hide the server's cost. One Chromium, one context per viewer. Each
viewer opens the overview, the job-seeker groups for an area of its own, changes the view with a
click, and opens its municipality. Reported per N: errors (must be 0), median and 95th percentile
time until the script is done (Streamlit idle, page content shown), server CPU seconds per page
view (utime + stime from /proc/<pid>/stat), server peak resident memory (VmHWM).

Run: python -m bench.bench_load [--quick]   (quick: N = 5, CI; full: N = 10, 25, 50)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from data_sources.service.commands import refresh as refresh_main
from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server
from tests.fake_pxweb import FakePxWeb

AREAS = ["MK08", "KU286", "KU285", "KU075", "SK082"]
MUNICIPALITIES = ["KU286", "KU285", "KU075", "KU489", "KU624", "KU935"]
ACTION_TIMEOUT_MS = 180_000
# Script done: Streamlit idle, the page's content shown, and the URL as the action leaves it.
SCRIPT_DONE_JS = """(expect) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMain"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && main && main.innerText.length > 40 && location.href.includes(expect);
}"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and all its threads so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def timed(page, action, expect: str, timings: list[float], errors: list[str], label: str) -> None:
    started = time.perf_counter()
    try:
        await action()
        await page.wait_for_function(SCRIPT_DONE_JS, arg=expect, timeout=ACTION_TIMEOUT_MS)
        if await page.locator('[data-testid="stException"]').count():
            errors.append(f"{label}: exception box")
        timings.append(time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - every failure of a viewer is counted, not raised
        errors.append(f"{label}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")


async def viewer(browser, url: str, number: int, rounds: int, timings: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = await context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    area, muni = AREAS[number % len(AREAS)], MUNICIPALITIES[number % len(MUNICIPALITIES)]
    try:
        # (what the viewer does, what the URL says once it is done, the step's name)
        steps = [
            (lambda: page.goto(f"{url}/?area={area}", wait_until="commit"), "/", "overview"),  # the region: no ?area=
            (lambda: page.goto(f"{url}/ryhmat?area={area}&compare=SSS", wait_until="commit"), "ryhmat", "groups"),
            (lambda: page.get_by_text("Indeksi (4/2020–3/2021 = 100)").click(), "view=index", "view"),
            (lambda: page.goto(f"{url}/kunta?muni={muni}", wait_until="commit"), "kunta", "municipality"),
        ]
        for _ in range(rounds):
            for action, expect, label in steps:
                await timed(page, action, expect, timings, errors, label)
    finally:
        await context.close()


async def run_load(url: str, viewers: int, rounds: int, bound_s: float) -> tuple[list[float], list[str], float]:
    from playwright.async_api import async_playwright

    timings: list[float] = []
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        started = time.perf_counter()
        tasks = [asyncio.create_task(viewer(browser, url, n, rounds, timings, errors)) for n in range(viewers)]
        done, pending = await asyncio.wait(tasks, timeout=bound_s)
        for task in pending:
            task.cancel()
            errors.append(f"viewer not done within {bound_s:.0f} s")
        await asyncio.gather(*pending, return_exceptions=True)
        elapsed = time.perf_counter() - started
        await browser.close()
    return timings, errors, elapsed


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 2 else (values[0] if values else float("nan"))


def measure_levels(levels: list[int], who: str, client: str, run, baseline=None) -> int:
    """The load protocol both load benchmarks share: the fake server's release stored once, then per level a
    fresh app server under `taskset -c 0` and `run(url, n)` (a coroutine giving timings, errors and wall
    time) from core 1; one table row per level. `baseline` (script, run) measures another app the same way at
    every level first (an empty Streamlit page), and the dashboard's CPU per view is also given as a multiple
    of it. Exit 1 if any level had an error."""
    pinned = len(os.sched_getaffinity(0)) >= 2 and os.path.exists("/usr/bin/taskset")
    prefix = ("taskset", "-c", "0") if pinned else ()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        with FakePxWeb() as fake:
            assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", tmp]) == 0
        if pinned:
            os.sched_setaffinity(0, {1})  # this process (and any Chromium it starts): core 1
        print(f"server on core 0, {client} on core 1: {'yes' if pinned else 'no (fewer than 2 cores)'}")
        print(
            f"{'server':<10} {who:>8} {'page views':>10} {'errors':>6} {'median s':>9} {'p95 s':>7} "
            f"{'CPU s/view':>10} {'× empty':>8} {'peak MiB':>9} {'wall s':>7} {'first round s':>13}"
        )
        for n in levels:
            runs = [("empty page", *baseline)] if baseline else []
            empty_cpu = None
            for name, script, level_run in [*runs, ("dashboard", ROOT / "app.py", run)]:
                with streamlit_server(script, {"CACHE_DIR": tmp}, prefix=prefix) as server:
                    # One session's round first, not counted: the server's imports and the snapshot's first
                    # load (a running server has done them before the meeting), timed in its own column.
                    warm_started = time.perf_counter()
                    _, warm_errors, _ = asyncio.run(level_run(server.url, 1))
                    first = time.perf_counter() - warm_started
                    cpu_before = cpu_seconds(server.pid)
                    timings, errors, elapsed = asyncio.run(level_run(server.url, n))
                    errors = warm_errors + errors
                    cpu_per_view = (cpu_seconds(server.pid) - cpu_before) / max(len(timings), 1)
                    peak = server.peak_memory_mib()
                empty_cpu = cpu_per_view if empty_cpu is None else empty_cpu
                times_empty = f"{cpu_per_view / empty_cpu:>8.2f}" if empty_cpu else f"{'':>8}"
                median = statistics.median(timings) if timings else float("nan")
                print(
                    f"{name:<10} {n:>8} {len(timings):>10} {len(errors):>6} {median:>9.2f} {p95(timings):>7.2f} "
                    f"{cpu_per_view:>10.3f} {times_empty} {peak:>9.0f} {elapsed:>7.1f} {first:>13.1f}"
                )
                for error in errors[:5]:
                    print(f"        error: {error}")
                failed = failed or bool(errors)
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="N = 5 only (CI, under ~2 minutes)")
    parser.add_argument("--levels", type=int, nargs="+", help="viewer counts instead of 10 25 50")
    args = parser.parse_args()
    levels, rounds = ([5], 1) if args.quick else (args.levels or [10, 25, 50], 1)
    return measure_levels(levels, "viewers", "browsers", lambda url, n: run_load(url, n, rounds, bound_s=120 + 15 * n))


if __name__ == "__main__":
    sys.exit(main())

"""Server memory per further viewer session, with the full monthly history.

Opens N viewer sessions one after another in headless Chromium and keeps them all open; each walks
the overview, the groups page, the municipality page and the themes page. After each session the
server's resident memory (VmRSS) is read; the cost of a further session is the slope of a straight line
through sessions 2..N (the first pays for imports and caches). The baseline is the same walk against an
empty Streamlit page in the same run (what a session costs Streamlit itself). Goal: at most 5 MiB
per further session.

Run: python -m bench.bench_memory [--quick]   (quick: N = 5; full: N = 11)
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from data_sources.service.commands import refresh as refresh_main
from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server, wait_for_charts
from tests.fake_pxweb import FakePxWeb

WALK = [("/", 0), ("/ryhmat", 1), ("/kunta", 1), ("/teemat", 0)]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def slope(values: list[float]) -> float:
    """Least-squares MiB per session through the points after the first."""
    points = list(enumerate(values))[1:]
    if len(points) < 2:
        return float("nan")
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)


def sessions(script: Path, env: dict[str, str], count: int, walk: list[tuple[str, int]]) -> list[float]:
    from playwright.sync_api import sync_playwright

    memory = []
    with streamlit_server(script, env) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for number in range(count):
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()  # kept open: its session stays alive on the server
            areas = ("KU286", "KU285", "KU075", "KU624", "KU935", "KU489")
            for path, charts in walk:
                separator = "&" if "?" in path else "?"
                page.goto(f"{server.url}{path}{separator}area={areas[number % len(areas)]}")
                wait_for_charts(page, charts)
            memory.append(rss_mib(server.pid))
        browser.close()
    return memory


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="5 sessions (CI)")
    parser.add_argument("--compare", type=Path, help="another checkout's app.py to measure in the same run")
    args = parser.parse_args()
    count = 5 if args.quick else 11
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        with FakePxWeb() as fake:
            assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(cache)]) == 0
        empty = sessions(ROOT / "bench" / "empty_app.py", {}, count, [("/", 0)] * len(WALK))
        app = sessions(ROOT / "app.py", {"CACHE_DIR": str(cache)}, count, WALK)
        runs = [("empty Streamlit page", empty), ("dashboard (full history)", app)]
        if args.compare:
            runs.append(
                (f"compare: {args.compare.parent.name}", sessions(args.compare, {"CACHE_DIR": str(cache)}, count, WALK))
            )
    print(f"{'server':<28} {'RSS after each session, MiB':<50} {'MiB per further session':>24}")
    for name, values in runs:
        print(f"{name:<28} {' '.join(f'{v:.0f}' for v in values):<50} {slope(values):>24.1f}")
    print(
        f"\ngoal: ≤ 5 MiB per further session; the dashboard's cost above Streamlit's own: "
        f"{slope(app) - slope(empty):.1f} MiB"
    )


if __name__ == "__main__":
    main()

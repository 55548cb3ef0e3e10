"""Server load without browsers: N concurrent Streamlit sessions speaking the app's own websocket protocol.

`bench_load` drives real Chromium viewers, but on a 2-core machine one pinned Chromium cannot draw for
more than a few viewers: it measures the browser. This benchmark measures the server alone. Each
session connects to `/_stcore/stream` as the browser does and sends the same `BackMsg.rerun_script`
the browser sends on navigation (page name and query string), then reads `ForwardMsg`s until
`script_finished`. Per session, one round: the overview of an area, its groups compared with the
country, the index view, and a municipality. The server runs under `taskset -c 0`, this client on core 1.

Every level is run first against an empty Streamlit page (bench/empty_app.py, the same number of page views
per session), and the dashboard's server CPU per view is also given as a multiple of the empty page's.
Then every page alone, asked again and again by one session (warm caches), against the empty page: the
server's CPU per view of each page.
Reported per N: errors (an exception element, a failed or missing script end: must be 0), median and
95th percentile time from the request to the script's end, server CPU seconds per page view, server
peak memory (VmHWM), and the wall time of the whole level.

Run: python -m bench.bench_sessions [--quick] [--levels N ...]   (quick: N = 5; full: N = 10, 30, 50)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.typing import Subprotocol

from bench.bench_load import AREAS, MUNICIPALITIES, cpu_seconds, measure_levels
from data_sources.service.commands import refresh as refresh_main
from tests.browser import ROOT, streamlit_server
from tests.fake_pxweb import FakePxWeb

STEP_TIMEOUT_S = 180


EMPTY_TITLE = "Tyhjä sivu"  # bench/empty_app.py


def empty_steps(number: int) -> list[tuple[str, str, str, str]]:
    """The baseline's round: the empty page as often as the dashboard's round has pages."""
    return [(f"empty {i}", "", "", EMPTY_TITLE) for i in range(len(steps(number)))]


def steps(number: int) -> list[tuple[str, str, str, str]]:
    """(label, page url path, query string, the start of the page's title) of one viewer's round."""
    area, muni = AREAS[number % len(AREAS)], MUNICIPALITIES[number % len(MUNICIPALITIES)]
    return [
        ("overview", "", f"area={area}", "Yleiskatsaus"),
        ("groups", "ryhmat", f"area={area}&compare=SSS", "Työnhakijaryhmät"),
        ("view", "ryhmat", f"area={area}&compare=SSS&view=index", "Työnhakijaryhmät"),
        ("municipality", "kunta", f"area={muni}", "Oma kunta"),
    ]


async def run_page(ws, page: str, query: str, title: str) -> str | None:
    """Ask for one page as the browser does; None when its script finished cleanly having drawn the page's
    title, else what went wrong."""
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.query_string = query
    await ws.send(msg.SerializeToString())
    titled = False
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await ws.recv())
        kind = reply.WhichOneof("type")
        element = reply.delta.new_element if kind == "delta" else None
        if element is not None and element.WhichOneof("type") == "exception":
            return f"exception: {element.exception.message[:100]}"
        if element is not None and element.WhichOneof("type") == "heading":
            titled = titled or element.heading.body.startswith(title)
        if kind == "page_not_found":
            return f"page not found: {page!r}"
        if kind == "script_finished":
            if reply.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the script reran by itself (a URL write-back): wait for that run's end
            if reply.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                return f"script ended with status {reply.script_finished}"
            return None if titled else f"no title starting {title!r}"


async def session(url: str, number: int, timings: list[float], errors: list[str], round_of=steps) -> None:
    try:
        async with websockets.connect(
            url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=[Subprotocol("streamlit")], max_size=None
        ) as ws:
            for label, page, query, title in round_of(number):
                started = time.perf_counter()
                try:
                    problem = await asyncio.wait_for(run_page(ws, page, query, title), STEP_TIMEOUT_S)
                except TimeoutError:
                    problem = f"no script end within {STEP_TIMEOUT_S} s"
                if problem:
                    errors.append(f"{label}: {problem}")
                else:
                    timings.append(time.perf_counter() - started)
    except (OSError, websockets.WebSocketException) as exc:
        errors.append(f"session {number}: {type(exc).__name__}: {exc}")


async def run_level(url: str, sessions: int, round_of=steps) -> tuple[list[float], list[str], float]:
    timings: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    await asyncio.gather(*(session(url, n, timings, errors, round_of) for n in range(sessions)))
    return timings, errors, time.perf_counter() - started


# Every page once, as a viewer who has them open asks again (warm: the same release, selection and language).
PAGES = [
    ("overview", "", "", "Yleiskatsaus"),
    ("groups", "ryhmat", "compare=SSS", "Työnhakijaryhmät"),
    ("groups, index", "ryhmat", "compare=SSS&view=index", "Työnhakijaryhmät"),
    ("municipality", "kunta", "area=KU286", "Oma kunta"),
    ("themes", "teemat", "", "Ohjelman teemat"),
    ("data", "tiedot", "", "Tiedot ja lähteet"),
    ("slide", "esitys", "deck=4.4&slide=3", ""),
]


async def page_costs(url: str, pid: int, pages, repeats: int) -> list[tuple[str, float, float, str | None]]:
    """Per page: server CPU ms and wall ms per view, asked `repeats` times after one unmeasured view."""
    costs = []
    async with websockets.connect(
        url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=[Subprotocol("streamlit")], max_size=None
    ) as ws:
        for label, page, query, title in pages:
            problem = await run_page(ws, page, query, title)
            cpu, started = cpu_seconds(pid), time.perf_counter()
            for _ in range(repeats):
                problem = problem or await run_page(ws, page, query, title)
            cpu_ms = 1000 * (cpu_seconds(pid) - cpu) / repeats
            costs.append((label, cpu_ms, 1000 * (time.perf_counter() - started) / repeats, problem))
    return costs


def per_page(repeats: int) -> int:
    """Server CPU per view of every page, against the empty page, one session, warm caches (server on core 0)."""
    pinned = len(os.sched_getaffinity(0)) >= 2 and os.path.exists("/usr/bin/taskset")
    prefix = ("taskset", "-c", "0") if pinned else ()
    with tempfile.TemporaryDirectory() as tmp:
        with FakePxWeb() as fake:
            assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", tmp]) == 0
        with streamlit_server(ROOT / "bench" / "empty_app.py", {}, prefix=prefix) as server:
            empty = asyncio.run(page_costs(server.url, server.pid, [("empty page", "", "", EMPTY_TITLE)], repeats))
        with streamlit_server(ROOT / "app.py", {"CACHE_DIR": tmp}, prefix=prefix) as server:
            pages = asyncio.run(page_costs(server.url, server.pid, PAGES, repeats))
    base = empty[0][1]
    print(f"\n{'one session, warm':<18} {'CPU ms/view':>11} {'× empty':>8} {'wall ms':>8}  (goal: CPU ≤ 3× empty)")
    for label, cpu_ms, wall_ms, problem in empty + pages:
        print(f"{label:<18} {cpu_ms:>11.1f} {cpu_ms / base:>8.2f} {wall_ms:>8.1f}  {problem or ''}")
    return 1 if any(problem for *_, problem in empty + pages) else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="N = 5 only (CI)")
    parser.add_argument("--levels", type=int, nargs="+", help="session counts instead of 10 30 50")
    args = parser.parse_args()
    levels = [5] if args.quick else (args.levels or [10, 30, 50])
    empty = (ROOT / "bench" / "empty_app.py", lambda url, n: run_level(url, n, empty_steps))
    failed = measure_levels(levels, "sessions", "client", run_level, baseline=empty)
    return per_page(5 if args.quick else 20) or failed


if __name__ == "__main__":
    sys.exit(main())

"""Helpers for browser tests and benchmarks: a Streamlit server in a subprocess, headless Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"


def require_chromium() -> None:
    """Skip a browser test module without Chromium; in CI its absence is an error, never a skip."""
    import pytest

    if not chromium_available():
        if os.environ.get("CI"):
            raise RuntimeError("CI must install Debian's chromium for the browser tests")
        pytest.skip("chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str
    pid: int

    def peak_memory_mib(self) -> float:
        """The server process's peak resident memory so far (VmHWM), in MiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


@contextlib.contextmanager
def streamlit_server(
    script: Path, env: dict[str, str], prefix: tuple[str, ...] = (), port: int = 0, args: tuple[str, ...] = ()
) -> Iterator[Server]:
    """`streamlit run` on a free loopback port; yields its URL and pid, and stops it afterwards.

    The background refresher is off unless `env` sets REFRESH_INTERVAL_S (by default it would
    poll the real API). `prefix` goes before the command, e.g. ("taskset", "-c", "0"); `args` after it
    (e.g. ("--secrets.files", path)); `port` 0 takes a free one.
    """
    port = port or free_port()
    env = {"REFRESH_INTERVAL_S": "0", **env}
    # The server's output goes to a file: an unread pipe fills up and then blocks the server.
    log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [
            *prefix,
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *args,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: {Path(log.name).read_text()[-2000:]}")
            time.sleep(0.2)
        yield Server(url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        os.unlink(log.name)


# True once Streamlit has finished the script run and `count` charts have their marks: drawn on the server
# (report/inline.py: SVG in the page's HTML) or by Vega in the browser (the presentation), both SVG of
# class "marks". (The overview's sparklines are inline SVG of their own, figures/sparklines.py.)
CHARTS = "svg.marks"
CHARTS_READY_JS = """(count) => {
    const marks = 'svg.marks .mark-line, svg.marks .mark-rect, svg.marks .mark-shape';
    const done = document.querySelectorAll(marks).length;  // lines, bars, map shapes
    const charts = document.querySelectorAll('svg.marks').length;
    const app = document.querySelector('[data-testid="stApp"]');
    const idle = app && app.getAttribute('data-test-script-state') === 'notRunning';
    const main = document.querySelector('[data-testid="stMain"]');
    return idle && charts >= count && (count === 0 || done > 0) && main && main.innerText.length > 40;
}"""


def wait_for_charts(page, count: int, timeout_ms: int = 60000) -> None:
    """Until `count` charts show their marks and Streamlit has stopped running the script."""
    page.wait_for_function(CHARTS_READY_JS, arg=count, timeout=timeout_ms)

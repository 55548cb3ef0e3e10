"""Scale-out with real parts: nginx with sticky sessions in front of two app processes, one refresher.

`deploy/local_cluster.py` starts it on loopback against the fake PxWeb server. Viewers in headless
Chromium browse through nginx while a new release arrives; then one app process is killed and its
viewers carry on on the other. Zero errors, no half-written snapshot read, both processes show the
new release.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from data_sources.snapshots.dataset import load_dataset
from deploy.local_cluster import COOKIE, Cluster, local_cluster
from figures.i18n import t
from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, chromium_available
from tests.fake_pxweb import FakePxWeb

if not (chromium_available() and (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx"))):
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium and nginx for the scale-out test")
    pytest.skip("chromium or nginx is not installed (apt-get install -y chromium nginx)", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

pytestmark = pytest.mark.slow  # whole minutes: nginx, app processes, a refresher, Chromium viewers

OLD = ("2026-07-21T05:00:00Z", "Viimeisin kuukausi: kesäkuu 2026")
NEW = ("2026-08-25T05:00:00Z", "Viimeisin kuukausi: heinäkuu 2026")
SUB_PATH_PROBE = re.compile(r"^/[^/_][^/]*/_stcore/")
PAGES = ["/ryhmat?area=KU286", "/kunta?muni=KU285", "/tiedot", "/"]
SETTLED_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMain"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning' && main && main.innerText.length > 40;
}"""


def upstream_for(cluster: Cluster, cookie: str) -> str:
    """The app process nginx sends a viewer with this sticky cookie to (from nginx's access log)."""
    since = len(cluster.access_log())
    request = urllib.request.Request(f"{cluster.url}/_stcore/health", headers={"Cookie": f"{COOKIE}={cookie}"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()
    return cluster.upstream_of(f'key={cookie} "GET /_stcore/health ', since)


def sticky_cookies(cluster: Cluster, upstreams: list[str], per_upstream: int) -> dict[str, list[str]]:
    """Cookie values that nginx's hash sends to each app process, `per_upstream` of each."""
    found: dict[str, list[str]] = {u: [] for u in upstreams}
    for number in range(500):
        value = f"viewer{number:03d}"
        chosen = found[upstream_for(cluster, value)]
        if len(chosen) < per_upstream:
            chosen.append(value)
        if all(len(v) == per_upstream for v in found.values()):
            return found
    raise AssertionError(f"nginx sent 500 cookies to fewer than {len(upstreams)} processes: {found}")


class Viewer:
    def __init__(self, browser, url: str, cookie: str, upstream: str, cluster: Cluster | None = None) -> None:
        self.url, self.cookie, self.upstream, self.cluster = url, cookie, upstream, cluster
        self.context = browser.new_context(viewport={"width": 1366, "height": 768})
        self.context.add_cookies([{"name": COOKIE, "value": cookie, "url": url}])
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.served_by: set[str] = set()
        # Streamlit's own probe of <page>/_stcore/health before /_stcore/health, which nginx's one line
        # in the page (deploy/nginx.conf.template) makes unneeded
        self.probes: list[str] = []
        self.page.on("request", lambda r: SUB_PATH_PROBE.match(urlsplit(r.url).path) and self.probes.append(r.url))

    def open(self, path: str) -> str:
        since = len(self.cluster.access_log()) if self.cluster else 0
        self.page.goto(f"{self.url}{path}")
        if self.cluster:  # nginx's access log says which process answered (after one died, the last it tried)
            self.served_by.add(self.cluster.upstream_of(f'key={self.cookie} "GET {path} ', since))
        self.page.wait_for_function(SETTLED_JS, timeout=60_000)
        return self.check()

    def check(self) -> str:
        text = self.page.locator('[data-testid="stMain"]').inner_text()
        if self.page.locator('[data-testid="stException"]').count():
            self.errors.append(f"exception box on {self.page.url}")
        if t("damaged", "fi", notes="").split(":")[0] in text:
            self.errors.append(f"damaged-store banner on {self.page.url}")
        return text

    def browse_until(self, expected: str, seconds: float = 90) -> None:
        """Walk the pages, back to the overview each round, until the overview shows `expected`."""
        deadline = time.monotonic() + seconds
        while True:
            for path in PAGES:
                text = self.open(path)
            if expected in text and "DEMO" not in text:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.upstream}: overview never showed {expected!r}: {text[:300]}")


def test_two_app_processes_behind_nginx_one_refresher_a_release_and_a_killed_process(tmp_path):
    cache = tmp_path / "cache"
    reads: list[tuple[str, str | None, list[str]]] = []
    reading = threading.Event()

    def read_forever() -> None:  # a third reader of the shared folder, reading as fast as it can
        while not reading.is_set():
            data = load_dataset(cache)
            prov = data.provenance.get("tyonv_12r5")
            reads.append((data.kind, prov.release if prov else None, list(data.notes)))

    with FakePxWeb() as fake, local_cluster(cache, fake.base_url, apps=2, interval_s=5) as cluster:
        upstreams = [f"127.0.0.1:{app.port}" for app in cluster.apps]
        cookies = sticky_cookies(cluster, upstreams, per_upstream=2)
        reader = threading.Thread(target=read_forever, daemon=True)
        reader.start()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            viewers = [Viewer(browser, cluster.url, c, u, cluster) for u in upstreams for c in cookies[u]]
            try:
                # The cache starts empty: the one refresher fills it, every viewer comes to the real release.
                for viewer in viewers:
                    viewer.browse_until(OLD[1])
                # A new release arrives while they browse; both processes show it without a restart.
                fake.publish("2026M07", NEW[0])
                for viewer in viewers:
                    viewer.browse_until(NEW[1])
                for viewer in viewers:
                    assert viewer.served_by == {viewer.upstream}, "sticky: every page from the same process"
                # One app process dies; its viewers' pages reconnect through nginx to the other.
                killed = cluster.kill_app(0)
                survivor = upstreams[1]
                for viewer in viewers:
                    if viewer.upstream == upstreams[0]:
                        viewer.page.wait_for_function(
                            f"() => document.querySelector('[data-testid=\"stMain\"]').innerText.includes({NEW[1]!r})",
                            timeout=60_000,
                        )
                        viewer.page.wait_for_function(SETTLED_JS, timeout=60_000)
                        viewer.check()
                        viewer.served_by.clear()
                        assert NEW[1] in viewer.open("/")
                        assert viewer.served_by == {survivor}
                        viewer.page.locator("div.cards .card-value").first.wait_for(timeout=60_000)
                        viewer.page.screenshot(path=str(ARTIFACTS / "scaleout-after-failover.png"), full_page=True)
                    else:
                        assert NEW[1] in viewer.open("/"), "the survivor's own viewers carry on"
                for viewer in viewers:
                    viewer.context.close()
            finally:
                browser.close()
        reading.set()
        reader.join(timeout=30)
        logs = {part.name: part.log_text() for part in cluster.parts()}

    assert [e for v in viewers for e in v.errors] == []
    assert [probe for v in viewers for probe in v.probes] == []
    assert killed.process.returncode == -9
    # No half-written snapshot was ever read: every read was demo, or the old or the new release, whole.
    assert reads, "the reader read"
    seen = {(kind, release if kind == "real" else "demo") for kind, release, _ in reads}
    assert seen <= {("demo", "demo"), ("real", OLD[0]), ("real", NEW[0])}
    assert ("real", NEW[0]) in seen
    assert [notes for *_, notes in reads if notes] == []
    for name, text in logs.items():
        assert "Traceback" not in text, (name, text[-2000:])
        assert "stored release unusable" not in text, name
    refresher_log = logs["refresher"]
    assert refresher_log.count("refresher active for") == 1, "one refresher wrote the folder"
    assert "background refresh failed" not in refresher_log


def test_one_app_started_as_the_readme_says_on_an_empty_cache_shows_the_real_release_by_itself(tmp_path):
    """`streamlit run app.py` with REFRESH_INTERVAL_S=5: the real figures within 90 s, nobody ran the command,
    and nobody touched the open page; then the next release appears on that same page by itself too."""
    from tests.browser import ROOT, streamlit_server

    cache = tmp_path / "cache"

    def wait_for(viewer: Viewer, wanted: str) -> None:
        deadline = time.monotonic() + 90
        while True:
            text = viewer.check()
            if wanted in text and "DEMO" not in text:
                return
            assert time.monotonic() < deadline, f"{wanted!r} not on the open page within 90 s: {text[:300]}"
            time.sleep(1)

    with FakePxWeb() as fake:
        env = {"CACHE_DIR": str(cache), "PXWEB_BASE_URL": fake.base_url, "REFRESH_INTERVAL_S": "5"}
        with streamlit_server(ROOT / "app.py", env) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                viewer = Viewer(browser, server.url, "none", server.url)
                viewer.open("/")  # once: from here on the page is left alone, as on a projector
                wait_for(viewer, OLD[1])
                fake.publish("2026M07", NEW[0])
                wait_for(viewer, NEW[1])
                assert viewer.errors == []
            finally:
                browser.close()
    assert load_dataset(cache).kind == "real"
    assert fake.requests("POST"), "the app's own refresher fetched the data"

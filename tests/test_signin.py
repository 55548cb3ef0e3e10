"""Sign-in against a real OpenID Connect provider on 127.0.0.1 (tests/oidc: the npm package oidc-provider),
in a real Chromium: a coordinator signs in, writes a goal, sees it on the theme page and in the report,
has no form on another theme, signs out; an anonymous viewer has no form at all."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from data_sources.domain.programme import load_programme
from data_sources.records.database import open_database
from data_sources.records.roles import Editor, NotAllowedError, Roles
from data_sources.records.store import Records
from tests.browser import ARTIFACTS, ROOT, free_port, require_chromium, streamlit_server

require_chromium()
PROVIDER = ROOT / "tests" / "oidc"
NODE = shutil.which("node")
if NODE is None and not os.environ.get("CI"):
    pytest.skip("node is not installed (apt-get install -y nodejs npm)", allow_module_level=True)
if not (PROVIDER / "node_modules" / "oidc-provider").exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must run `npm ci` in tests/oidc (.ci/run does)")
    pytest.skip("the test provider is not installed: (cd tests/oidc && npm ci)", allow_module_level=True)

COORDINATOR = "koordinaattori@kotka.fi"
TEXT = "Verkostotapaamisia pidettiin neljä. <b>ei lihavoitu</b> [ei linkki](https://evil.example)"
CLIENT_CREDENTIAL = "test-client-credential-not-real"  # the provider and the app share it


@contextlib.contextmanager
def oidc_provider(port: int, redirect_uri: str):
    log = open(os.devnull, "w")  # noqa: SIM115 (kept open for the provider's lifetime)
    process = subprocess.Popen(
        [NODE or "node", "provider.mjs", str(port), "kymen", CLIENT_CREDENTIAL, redirect_uri],
        cwd=PROVIDER,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the OIDC provider did not start")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def secrets_file(folder: Path, metadata_url: str, redirect_uri: str) -> Path:
    path = folder / "secrets.toml"
    path.write_text(
        "\n".join(
            [
                "[auth]",
                *(
                    f'{key} = "{value}"'
                    for key, value in {
                        "redirect_uri": redirect_uri,
                        "cookie_secret": "test-cookie-signing-not-real",
                        "client_id": "kymen",
                        "client_secret": CLIENT_CREDENTIAL,
                        "server_metadata_url": metadata_url,
                    }.items()
                ),
                # Streamlit asks for prompt=select_account by default, which oidc-provider does not offer
                "[auth.client_kwargs]",
                'prompt = "login"',
                "[editors]",
                'secretary = ["sihteeri@kouvola.fi"]',
                "[editors.coordinators]",
                f'"4.1" = ["{COORDINATOR}"]',
                '"4.4" = ["koordinaattori@kymsote.fi"]',
                "",
            ]
        ),
        encoding="utf-8",
    )
    return path


def crafted_session(server_url: str, cookies: list[dict]):
    """A websocket session as a browser would open it, carrying these cookies (a signed-in viewer's or none)."""
    from websockets.sync.client import connect
    from websockets.typing import Subprotocol

    jar = {c["name"]: c["value"] for c in cookies}
    xsrf = jar.get("_streamlit_xsrf", "")
    return connect(
        server_url.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=[Subprotocol("streamlit"), Subprotocol(xsrf)] if xsrf else [Subprotocol("streamlit")],
        additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else None,
        origin=server_url,
        max_size=None,
        open_timeout=30,
    )


def run_script(ws, query: str, widgets: list | None = None) -> tuple[list[str], list[str]]:
    """Send what the browser sends to (re)run the themes page; the widget ids by their keys, and the texts shown."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = BackMsg()
    message.rerun_script.page_name = "teemat"
    message.rerun_script.query_string = query
    for widget in widgets or []:
        message.rerun_script.widget_states.widgets.append(widget)
    ws.send(message.SerializeToString())
    ids: list[str] = []
    texts: list[str] = []
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(ws.recv(timeout=120))
        kind = reply.WhichOneof("type")
        if kind == "script_finished":
            return ids, texts
        if kind != "delta" or reply.delta.WhichOneof("type") != "new_element":
            continue
        element = reply.delta.new_element
        part = getattr(element, element.WhichOneof("type") or "empty", None)
        widget_id = getattr(part, "id", "")
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
            ids.append(widget_id)
        body = getattr(part, "body", "")
        if isinstance(body, str) and body:
            texts.append(body)


def form_widgets(ids: list[str], goal: str, text: str) -> list:
    """The goal's form submitted with `text`: its text area's value and its submit button's trigger."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    key = f"edit-2026H1-{goal}-text"
    text_id = next(i for i in ids if i.endswith(key))
    button_id = next(i for i in ids if "FormSubmitter:" in i and f"edit-2026H1-{goal}" in i)
    return [WidgetState(id=text_id, string_value=text), WidgetState(id=button_id, trigger_value=True)]


def wait_idle(page) -> None:
    page.wait_for_function(
        "() => { const a = document.querySelector('[data-testid=\"stApp\"]');"
        " return a && a.getAttribute('data-test-script-state') === 'notRunning'; }",
        timeout=180000,  # a shared 2-core machine: the first themes page of a process draws every chart
    )


def test_a_coordinator_signs_in_writes_sees_it_in_page_and_report_and_signs_out(browser, real_cache, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(real_cache, cache)
    app_port, provider_port = free_port(), free_port()
    redirect_uri = f"http://127.0.0.1:{app_port}/oauth2callback"
    with (
        oidc_provider(provider_port, redirect_uri) as metadata_url,
        streamlit_server(
            ROOT / "app.py",
            {"CACHE_DIR": str(cache)},
            port=app_port,
            args=("--secrets.files", str(secrets_file(tmp_path, metadata_url, redirect_uri))),
        ) as server,
    ):
        context = browser.new_context(base_url=server.url, accept_downloads=True)
        # nothing leaves the machine (the provider's login page asks for a web font)
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        page = context.new_page()
        page.goto("/teemat?theme=4.1")
        wait_idle(page)
        assert page.get_by_role("button", name="Tallenna").count() == 0, "anonymous: no form"
        page.get_by_role("button", name="Kirjaudu", exact=True).click()

        # the provider's own login form (oidc-provider's development interaction)
        page.wait_for_url(f"http://127.0.0.1:{provider_port}/**")
        page.fill("input[name=login]", COORDINATOR)
        page.fill("input[name=password]", "any")
        page.click("button[type=submit]")
        page.wait_for_url(f"{server.url}/**")
        page.goto("/teemat?theme=4.1")
        wait_idle(page)
        page.get_by_text(f"Kirjautunut: {COORDINATOR} – koordinaattori, teemat 4.1").wait_for(timeout=30000)

        goal = page.locator('[data-testid="stExpander"]').filter(
            has=page.locator("summary", has_text="4.1.1 Yhteistyön edistäminen verkostossa")
        )
        goal.locator("summary").click()
        form = goal.locator('[data-testid="stForm"]')
        option = page.get_by_role("option", name="käynnissä")
        for _ in range(3):  # the list opens on a click once the page is idle
            wait_idle(page)
            form.locator('[data-testid="stSelectbox"]').get_by_role("button", name="Open").click()
            with contextlib.suppress(Exception):
                option.wait_for(timeout=5000)
                break
        option.click()
        form.locator("textarea").fill(TEXT)
        form.get_by_role("textbox", name="Arvioija").fill("Kotkan kaupunki")
        form.get_by_role("button", name="Tallenna").click()
        page.get_by_text("Tavoitteen 4.1.1 arvio tallennettu.").wait_for(timeout=30000)
        wait_idle(page)
        table = page.locator("table.figures").filter(has_text="4.1.1 Yhteistyön edistäminen verkostossa").first
        assert TEXT in table.inner_text(), "shown as text: the tags and brackets as typed"
        assert table.locator("b").count() == 0 and table.locator("a").count() == 0
        page.screenshot(path=str(ARTIFACTS / "signin-coordinator.png"), full_page=True)

        # the report: the HTML download holds the new assessment, escaped
        with page.expect_download(timeout=120000) as download:
            page.get_by_role("button", name="HTML").click()
        report = Path(download.value.path()).read_text(encoding="utf-8")
        assert "Verkostotapaamisia pidettiin neljä. &lt;b&gt;ei lihavoitu&lt;/b&gt;" in report
        assert "<b>ei lihavoitu</b>" not in report

        # another coordinator's theme: no form on the page, and the server refuses the write itself
        page.goto("/teemat?theme=4.4")
        wait_idle(page)
        assert page.get_by_role("button", name="Tallenna").count() == 0
        records = Records(open_database(f"sqlite:///{cache / 'records.sqlite'}"), Roles(), load_programme())
        with pytest.raises(NotAllowedError):
            records.save_assessment(Editor(COORDINATOR), "2026H1", "4.4.1", "käynnissä", "x", "y", None)
        assert records.progress("2026H1").of("4.1.1").assessment == TEXT

        # a crafted websocket session with the coordinator's cookies: the real form's message writes 4.1.1 (so the
        # check below can fail), the same message naming 4.4.1 changes nothing, on either tab
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        other_before = records.progress("2026H1").of("4.4.1")
        with crafted_session(server.url, context.cookies()) as ws:
            ids, _ = run_script(ws, "theme=4.1")
            assert any(i.endswith("edit-2026H1-4.1.1-text") for i in ids), ids
            run_script(ws, "theme=4.1", form_widgets(ids, "4.1.1", "Websocketin kautta."))
            assert records.progress("2026H1").of("4.1.1").assessment == "Websocketin kautta."
            forged = [
                WidgetState(
                    id=w.id.replace("4.1.1", "4.4.1"), string_value="Väärennetty.", trigger_value=w.trigger_value
                )
                for w in form_widgets(ids, "4.1.1", "x")
            ]
            for query in ("theme=4.4", "theme=4.1"):
                _, texts = run_script(ws, query, forged)
                assert not any("4.4.1 arvio tallennettu" in t for t in texts)
        assert records.progress("2026H1").of("4.4.1") == other_before
        with crafted_session(server.url, []) as ws:  # anonymous, with the real form's ids
            run_script(ws, "theme=4.1", form_widgets(ids, "4.1.1", "Anonyymisti."))
        assert records.progress("2026H1").of("4.1.1").assessment == "Websocketin kautta."

        page.get_by_role("button", name="Kirjaudu ulos").click()
        page.wait_for_url(f"http://127.0.0.1:{provider_port}/**")  # the provider's own "sign out?" page
        page.click("button[name=logout][value=yes]")
        page.wait_for_url(f"{server.url}/**")
        page.goto("/teemat?theme=4.1")
        page.get_by_role("button", name="Kirjaudu", exact=True).wait_for(timeout=30000)
        page.goto("/teemat?theme=4.1")
        wait_idle(page)
        assert page.get_by_role("button", name="Tallenna").count() == 0, "signed out: no form"
        assert "Websocketin kautta." in page.locator("table.figures").filter(has_text="4.1.1").first.inner_text()
        context.close()

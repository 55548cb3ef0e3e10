"""Shared fixtures: a fake PxWeb server per test, a throw-away cache folder, the catalog; and the test kinds.

Every test gets one or more kind markers (registered in pyproject.toml), by what it really uses: its
code, the test helpers it calls and its fixtures, followed transitively (see `kinds_used`). A module
can add kinds by hand with `pytestmark`. A test with none of them is `unit`, the fast set:
`python -m pytest -m unit`.
"""

from __future__ import annotations

import inspect
import os
import types

import pytest

from data_sources.domain.catalog import load_catalog
from data_sources.service.commands import refresh as refresh_main
from tests.fake_pxweb import FakePxWeb

# No test may reach the network: the app's background refresher would poll the real API by default.
# Tests that want a refresher start one against the fake server themselves.
os.environ["REFRESH_INTERVAL_S"] = "0"

KINDS = ("e2e", "apptest", "browser", "slow")
# A name a test's code (or a helper's, or a fixture's) refers to, and the kind it makes the test.
# Names, not objects: a local `from streamlit.testing.v1 import AppTest` is a name in the code too.
KIND_OF_NAME = {
    "FakePxWeb": "e2e",  # an HTTP server on 127.0.0.1 (also behind the `fake` fixture)
    "subprocess": "e2e",  # another process: `python -m data_sources ...`, `python -m report ...`
    "AppTest": "apptest",  # streamlit.testing runs a page script
    "streamlit.testing.v1": "apptest",
    "sync_playwright": "browser",  # headless Chromium
    "playwright.sync_api": "browser",
    "streamlit_server": "browser",  # tests/browser.py: `streamlit run` in a subprocess for Chromium
    "require_chromium": "browser",
    "chromium_available": "browser",
    "wait_for_charts": "browser",
    "local_cluster": "slow",  # deploy/local_cluster.py: nginx, several app processes, a refresher
    "build_report": "slow",  # report/halfyear.py: the whole half-year report, every chart drawn (7 s and more)
}


def _is_test_helper(obj: object) -> bool:
    return isinstance(obj, types.FunctionType) and obj.__module__.split(".")[0] == "tests"


def _code_kinds(code: types.CodeType, namespace: dict, seen: set[types.CodeType]) -> set[str]:
    """The kinds named in `code`, its nested functions and the test helpers it calls, transitively."""
    if code in seen:
        return set()
    seen.add(code)
    kinds = {KIND_OF_NAME[name] for name in code.co_names if name in KIND_OF_NAME}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):  # a nested function, lambda or comprehension
            kinds |= _code_kinds(const, namespace, seen)
    for name in code.co_names:
        helper = namespace.get(name)
        if _is_test_helper(helper):
            kinds |= _code_kinds(helper.__code__, helper.__globals__, seen)
    return kinds


def kinds_used(item: pytest.Function) -> set[str]:
    """What `item` uses, from its code and the code of every fixture it requests (directly or not)."""
    test = item.function
    test = getattr(getattr(test, "hypothesis", None), "inner_test", test)  # @given wraps the test's own code
    functions = [inspect.unwrap(test)]
    for name in item.fixturenames:
        for fixturedef in item._fixtureinfo.name2fixturedefs.get(name, ()):
            if _is_test_helper(fixturedef.func):
                functions.append(fixturedef.func)
    seen: set[types.CodeType] = set()
    kinds = set()
    for function in functions:
        kinds |= _code_kinds(function.__code__, function.__globals__, seen)
    return kinds


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        explicit = {kind for kind in KINDS if item.get_closest_marker(kind)}
        used = kinds_used(item)
        for kind in sorted(used - explicit):
            item.add_marker(kind)
        if not explicit | used:
            item.add_marker("unit")


@pytest.fixture
def catalog():
    return load_catalog()


@pytest.fixture
def fake():
    with FakePxWeb() as server:
        yield server


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


@pytest.fixture
def good_cache(fake, tmp_path):
    """A cache folder after a good refresh of release 2026-07-21; the fake has published 2026-08-18 since."""
    cache = tmp_path / "cache"
    assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(cache)]) == 0
    fake.publish("2026M07", "2026-08-18T05:00:00Z")  # a new release is out, so the next refresh fetches
    return cache


@pytest.fixture(scope="session")
def real_cache(tmp_path_factory):
    """A cache folder holding a real (non-demo) snapshot refreshed from the fake server."""
    cache = tmp_path_factory.mktemp("real-cache")
    with FakePxWeb() as server:
        assert refresh_main(["--quiet", "--base-url", server.base_url, "--cache-dir", str(cache)]) == 0
    return cache


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per browser test module."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()

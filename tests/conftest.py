"""Shared fixtures: a fake PxWeb server per test, a throw-away cache folder, the catalog."""

from __future__ import annotations

import os

import pytest

from data_sources.domain.catalog import load_catalog
from data_sources.service.commands import refresh as refresh_main
from tests.fake_pxweb import FakePxWeb

# No test may reach the network: the app's background refresher would poll the real API by default.
# Tests that want a refresher start one against the fake server themselves.
os.environ["REFRESH_INTERVAL_S"] = "0"


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

"""Shared fixtures: a fake PxWeb server per test, a throw-away cache folder, the catalog."""

from __future__ import annotations

import pytest

from data_sources.catalog import load_catalog
from tests.fake_pxweb import FakePxWeb


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

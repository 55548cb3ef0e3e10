"""The kind markers of tests/conftest.py: a test is of the kind of what it uses, through helpers too."""

from __future__ import annotations

import pytest

from tests.conftest import _code_kinds
from tests.test_app import open_app


def uses_a_page(tmp_path, monkeypatch):
    return open_app(tmp_path, monkeypatch)


def starts_a_server_in_a_nested_function():
    from tests.fake_pxweb import FakePxWeb

    return lambda: FakePxWeb()


def runs_a_command():
    import subprocess

    return subprocess.run(["true"], check=True)


def adds():
    return sum([1, 2])


# Looked up in a dict, which the scan does not follow: the tests below stay unit tests themselves.
SAMPLES = {
    "apptest": uses_a_page,
    "e2e": starts_a_server_in_a_nested_function,
    "process": runs_a_command,
    "plain": adds,
}


def kinds(name: str) -> set[str]:
    function = SAMPLES[name]
    return _code_kinds(function.__code__, function.__globals__, set())


def test_a_helper_that_runs_a_page_makes_an_apptest():
    assert kinds("apptest") == {"apptest"}


def test_a_server_or_a_process_in_a_nested_function_makes_an_e2e():
    assert kinds("e2e") == {"e2e"}
    assert kinds("process") == {"e2e"}


def test_plain_code_is_of_no_kind_and_a_test_of_no_kind_is_a_unit_test(request):
    assert kinds("plain") == set()
    assert request.node.get_closest_marker("unit")
    assert not any(request.node.get_closest_marker(kind) for kind in ("e2e", "apptest", "browser", "slow"))


@pytest.mark.slow  # only to see an explicit kind kept; it takes no time
def test_an_explicit_kind_is_kept_and_is_no_unit(request):
    assert request.node.get_closest_marker("slow") and not request.node.get_closest_marker("unit")

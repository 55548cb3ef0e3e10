"""Issue 18: the data page over a read-only or full cache folder, and a refresh request from far in the future."""

from __future__ import annotations

import builtins
import errno
import json
import logging
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.tables import page_tables
from tests.test_app import open_app
from tests.test_faults import snapshot_bytes

# the good cache's releases of 12r5, 11ra, 12ub and 12t8, then of the four statistics tables, as the page writes them
RELEASES = ["21.7.2026", "29.5.2026", "21.7.2026", "21.7.2026", "20.5.2026", "20.5.2026", "20.5.2026", "20.5.2026"]


def unwritable(monkeypatch, folder: Path, code: int) -> None:
    """Writes under `folder` fail with `code`: EROFS every one (chmod does not bite as root), ENOSPC a new file's."""
    folder = str(folder)
    real_open, real_os_open = builtins.open, os.open

    def refused(path, creates: bool) -> bool:
        return str(path).startswith(folder) and (code == errno.EROFS or (creates and not os.path.exists(path)))

    def fake_open(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax+") and refused(file, True):
            raise OSError(code, os.strerror(code), str(file))
        return real_open(file, mode, *args, **kwargs)

    def fake_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and refused(path, bool(flags & os.O_CREAT)):
            raise OSError(code, os.strerror(code), str(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)


def data_page(cache_dir: Path, monkeypatch) -> AppTest:
    return open_app(cache_dir, monkeypatch, page="screens/data.py")


def folder_lines(at: AppTest, cache_dir: Path) -> list[str]:
    """The lines naming the folder: in the technical details only (issue 22), a line each."""
    assert not [e.value for e in [*at.warning, *at.error] if str(cache_dir) in e.value], "not in a plain alert"
    return [line for e in at.code for line in e.value.splitlines() if str(cache_dir) in line]


def folder_warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if w.value.startswith("Palvelin ei voi nyt tallentaa uusia tietoja")]


def test_a_read_only_cache_folder_shows_the_last_figures_and_one_line(good_cache, monkeypatch):
    (good_cache / "snapshots" / "MK08" / ".refresher.lock").unlink(missing_ok=True)  # the page would have to create it
    before = snapshot_bytes(good_cache)
    unwritable(monkeypatch, good_cache, errno.EROFS)
    at = data_page(good_cache, monkeypatch)
    assert page_tables(at)[0]["Julkaistu"].tolist() == RELEASES
    assert folder_lines(at, good_cache) == [f"cache folder {good_cache} is not usable: Read-only file system"]
    assert len(folder_warnings(at)) == 1
    assert at.button[0].disabled
    assert snapshot_bytes(good_cache) == before


def test_a_full_cache_folder_says_so_when_the_button_is_pressed(good_cache, monkeypatch):
    at = data_page(good_cache, monkeypatch)
    before = snapshot_bytes(good_cache)  # with the lock files the page made
    unwritable(monkeypatch, good_cache, errno.ENOSPC)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert folder_lines(at, good_cache) == [f"cache folder {good_cache} is not usable: No space left on device"]
    assert len(folder_warnings(at)) == 1
    assert page_tables(at)[0]["Julkaistu"].tolist() == RELEASES
    assert snapshot_bytes(good_cache) == before


@pytest.mark.parametrize("stamp, problem", [("9999-12-31T23:59:59Z", "out of range"), ("yesterday", "not a date")])
def test_a_refresh_request_stamped_9999_is_no_request(good_cache, monkeypatch, caplog, stamp, problem):
    request = good_cache / "snapshots" / "MK08" / "refresh_request.json"
    request.write_text(json.dumps({"requested_at": stamp, "pid": 1, "host": "x"}), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="data_sources.service.refresh_requests"):
        at = data_page(good_cache, monkeypatch)
    assert page_tables(at)[0]["Julkaistu"].tolist() == RELEASES
    assert not at.button[0].disabled, "a request from the far future blocks nobody"
    lines = [r.getMessage() for r in caplog.records if "refresh_request.json" in r.getMessage()]
    assert lines and set(lines) == {f"{request}: requested_at '{stamp}' is {problem}; taken as no request"}

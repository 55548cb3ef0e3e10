"""Faults from the API and on disk: a clear one-line reason, a non-zero exit, and nothing good lost."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_sources.service.commands import refresh as refresh_main
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.store import SnapshotStore
from tests.tables import page_tables

ROOT = Path(__file__).resolve().parents[1]
FAST = ["--quiet", "--timeout", "3", "--retries", "1", "--backoff", "0.01"]

FIRST_CELL = "MK08 jobseekers_all 2009-01: 188 → "  # the first figure stored, and its revised value
# kind, method, path, argument, the reason the refresh must give
FAULTS = [
    ("500", "POST", "12r5", "", "server error HTTP 500 after 2 attempts"),
    ("503", "POST", "12r5", "", "server error HTTP 503 after 2 attempts"),
    ("500", "GET", "StatFin/tyonv", "", "server error HTTP 500 after 2 attempts"),
    ("429", "POST", "12r5", "0", "rate limited (429) after 2 attempts"),
    ("timeout", "POST", "12r5", "6", "timed out after 3 s after 2 attempts"),
    ("cutoff", "POST", "12r5", "", "body cut off midway"),
    ("malformed", "POST", "12r5", "", "malformed JSON (body cut off or garbled) after 2 attempts"),
    ("missing_dimension", "POST", "12r5", "", "answer lacks dimension Alue"),
    ("wrong_size", "POST", "12r5", "", "dimension 'Alue' has 27 categories but size 28"),
    ("all_missing", "POST", "12r5", "", "tyonv/12r5.px: every value in the release is missing"),
    ("drop_area", "POST", "12r5", "KU489", "tyonv/12r5.px: areas missing from the release: KU489"),
    # issue 12: releases that would damage good data, and answers too large to hold
    ("zeros", "POST", "12r5", "", "tyonv/12r5.px: every figure in the release is 0 (a broken export?)"),
    (
        "revise",
        "POST",
        "12r5",
        "1.2",
        "116496 of 124204 earlier figures revised by more than 10%, e.g. " + FIRST_CELL + "225.6",
    ),
    ("revise", "POST", "12r5", "0", "earlier figures revised by more than 10%, e.g. " + FIRST_CELL + "0"),
    (
        "suppress_newest",
        "POST",
        "12r5",
        "0.935",
        "tyonv/12r5.px: 93.4% of the figures of the newest month 2026-07 are missing (stored newest month: 0.3%)",
    ),
    ("area_missing", "POST", "12r5", "KU286", "tyonv/12r5.px: every figure of KU286 is missing"),
    (
        "series_missing",
        "POST",
        "12r5",
        "KU286:TYOTTOMAT25",
        "tyonv/12r5.px: past figures lost in KU286 jobseekers_under30 (210 of 210)",
    ),
    ("huge", "POST", "12r5", "", "answer over the 25 MB cap; refused"),
    ("huge", "POST", "12r5", "declared", "answer of 50 MB is over the 25 MB cap; refused"),
    ("gzip_bomb", "POST", "12r5", "", "answer expands to over the 25 MB cap when decompressed; refused"),
]


def snapshot_bytes(cache_dir: Path) -> dict[str, str]:
    root = cache_dir / "snapshots" / "MK08"
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in ("attempts.json", ".refresh.lock")
    }


def data_page(cache_dir: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("CACHE_DIR", str(cache_dir))
    st.cache_data.clear()
    st.cache_resource.clear()  # the values derived from a dataset (ui.context.cached_on_data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("screens/data.py")
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize("kind, method, path, arg, reason", FAULTS, ids=[f"{f[0]}-{f[1]}-{f[3]}" for f in FAULTS])
def test_a_fault_fails_the_refresh_clearly_and_keeps_the_good_snapshot(
    fake, good_cache, monkeypatch, capsys, kind, method, path, arg, reason
):
    before = snapshot_bytes(good_cache)
    fake.inject(kind, method=method, path=path, times=50, arg=arg)
    capsys.readouterr()
    assert refresh_main([*FAST, "--base-url", fake.base_url, "--cache-dir", str(good_cache)]) == 1
    failures = [line for line in capsys.readouterr().err.splitlines() if line.startswith("refresh failed:")]
    assert failures and failures[0].startswith("refresh failed: tyonv/12r5.px: ")
    # a fault of the folder listing fails each table in it (12ub and 12t8, read by meaning, too), a line each
    assert len(failures) == (3 if path == "StatFin/tyonv" else 1)
    assert all(reason in line and line.endswith("; kept the stored data") for line in failures)
    assert snapshot_bytes(good_cache) == before
    at = data_page(good_cache, monkeypatch)
    # one plain line; the reason as stored only in the data page's folded technical details (issue 22)
    stale = [i.value for i in at.info if "luvut ovat 21.7.2026 julkaisusta" in i.value]
    assert len(stale) == 1 and reason not in stale[0]
    (details,) = [e for e in at.expander if e.label == "Tekniset tiedot ylläpitäjälle"]
    assert reason in details.code[0].value
    # 12r5, 11ra, 12ub and 12t8, then the four quarterly and yearly statistics tables (their own release)
    assert (
        page_tables(at)[0]["Julkaistu"].tolist()
        == ["21.7.2026", "29.5.2026", "21.7.2026", "21.7.2026"] + ["20.5.2026"] * 4
    )


def test_a_renamed_table_and_an_unreachable_api_fail_clearly(fake, good_cache, capsys):
    before = snapshot_bytes(good_cache)
    fake.state.renamed = True
    assert refresh_main([*FAST, "--base-url", fake.base_url, "--cache-dir", str(good_cache)]) == 1
    err = capsys.readouterr().err
    assert f"refresh failed: tyonv/12r5.px: GET {fake.base_url}/StatFin/tyonv/12r5.px: HTTP 400 (Bad Request)" in err
    dead = fake.base_url.replace(str(fake.server.server_address[1]), "9")
    assert refresh_main([*FAST, "--base-url", dead, "--cache-dir", str(good_cache)]) == 1
    assert (
        "API limits (?config) unavailable: GET http://127.0.0.1:9/PxWeb/api/v1/fi/?config: connection failed"
        in capsys.readouterr().err
    )
    assert snapshot_bytes(good_cache) == before


def test_a_one_off_429_is_waited_out_and_the_limit_is_never_exceeded(fake, good_cache):
    fake.state.max_calls, fake.state.time_window = 4, 1
    # the new limits read afresh (a cached ?config of the old ones would let the six folder listings through at once)
    (good_cache / "http_cache.sqlite").unlink()
    time.sleep(1.1)  # the good cache's own refresh (its last table answered just now) out of the window
    fake.inject("429", arg="1")
    earlier = len(fake.requests())
    assert refresh_main([*FAST, "--base-url", fake.base_url, "--cache-dir", str(good_cache)]) == 0
    stamps = [r[0] for r in fake.requests()[earlier:]]
    # ?config, the folder listing, 12r5's metadata, its query answered 429 and asked again, the other five folders
    # (12ub, 12t8 and the statistics tables unchanged, asked nothing)
    assert len(stamps) >= 5
    assert all(sum(1 for s in stamps if t <= s < t + 1) <= 4 for t in stamps)


def test_a_damaged_http_cache_is_moved_aside_and_the_refresh_goes_on(fake, good_cache, capsys):
    (good_cache / "http_cache.sqlite").write_bytes(b"this is not a database" * 100)
    assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(good_cache)]) == 0
    assert "HTTP cache http_cache.sqlite was damaged" in capsys.readouterr().err
    assert (good_cache / "http_cache.sqlite.corrupt").exists()
    with sqlite3.connect(good_cache / "http_cache.sqlite") as db:
        assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_a_truncated_parquet_is_detected_and_the_app_says_so(good_cache, monkeypatch):
    current = SnapshotStore(good_cache).parquet_path("tyonv_12r5", "2026-07-21T05:00:00Z")
    current.write_bytes(current.read_bytes()[:1000])
    data = load_dataset(good_cache)
    # the only release of 12r5 is unusable: its figures are absent (never demo mixed with real)
    others = {"vaerak/11ra.px", "tyonv/12ub.px", "tyonv/12t8.px", "aly/11yq.px", "alyr/13ww.px", "tkke/13ra.px"}
    assert data.kind == "real" and set(data.frame["table"]) == others | {"vkour/12bq.px"}
    at = data_page(good_cache, monkeypatch)
    assert any(w.value.startswith("Tallennetuissa tiedoissa oli vika") for w in at.warning)
    assert any("20260721T050000Z.parquet: contents do not match" in c.value for c in at.code), "in the details"
    for page in ("screens/overview.py", "screens/groups.py", "screens/municipality.py", "screens/themes.py"):
        at.switch_page(page)
        at.run()
        assert not at.exception, page


def test_a_missing_cache_folder_gives_the_labelled_demo_and_says_why(tmp_path, monkeypatch):
    at = data_page(tmp_path / "nowhere", monkeypatch)
    assert at.warning[0].value.startswith("DEMOAINEISTO")
    assert any(i.value.startswith("Tälle palvelimelle ei ole vielä haettu tietoja") for i in at.info)


def test_two_refreshes_at_once_do_not_corrupt_anything_and_readers_never_see_half_a_snapshot(fake, good_cache):
    env = {**os.environ, "PXWEB_BASE_URL": fake.base_url, "CACHE_DIR": str(good_cache)}
    stop, problems = threading.Event(), []

    def reader():
        while not stop.is_set():
            try:
                data = load_dataset(good_cache)
                assert data.kind == "real" and not data.notes, data.notes
            except Exception as exc:  # noqa: BLE001 - any failure of a reader is the finding
                problems.append(repr(exc))

    thread = threading.Thread(target=reader)
    thread.start()
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "data_sources", "refresh", "--quiet"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    stop.set()
    thread.join()
    assert [run.returncode for run in runs] == [0, 0], outputs
    statuses = sorted(out.splitlines()[0].split()[0] for out, _ in outputs)
    assert statuses == ["unchanged", "updated"], "the second waited for the lock and found the new release stored"
    assert problems == []
    data = load_dataset(good_cache)
    assert data.provenance["tyonv_12r5"].release == "2026-08-18T05:00:00Z" and not data.notes


def test_the_snapshot_survives_a_deleted_http_cache(fake, good_cache):
    shutil.rmtree(good_cache / "snapshots" / "MK08" / "tyonv_12r5", ignore_errors=False)
    assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(good_cache)]) == 0
    assert load_dataset(good_cache).provenance["tyonv_12r5"].release == "2026-08-18T05:00:00Z"

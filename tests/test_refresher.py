"""The background refresher, shared refresh requests and `refresh --watch`, against the fake PxWeb server."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_sources.service.refresh_requests import (
    ask_for_refresh,
    last_accepted_request,
    read_status,
    refresh_outlook,
    refresher_alive,
    request_decision,
)
from data_sources.service.refresher import Refresher, backoff_s, first_due
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.store import SnapshotStore
from figures.formats import fmt_datetime

ROOT = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 8, 25, 6, 0, tzinfo=UTC)


def store_stamp(cache_dir) -> str:
    return SnapshotStore(cache_dir).stamp()


def make(fake, cache_dir, catalog, interval=600, **options) -> Refresher:
    return Refresher(catalog, cache_dir, fake.base_url, interval, retries=0, backoff=0.01, **options)


def wait_until(condition, seconds=30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def test_backoff_doubles_per_failure_and_is_capped_never_below_the_interval():
    assert [backoff_s(600, n) for n in range(5)] == [600, 1200, 2400, 3600, 3600]
    assert backoff_s(5, 3, cap_s=3600) == 40
    assert backoff_s(5000, 4, cap_s=3600) == 5000


def test_a_starting_refresher_keeps_the_schedule_of_the_last_attempt():
    assert first_due(None, 600, T0) == T0
    assert first_due(T0 - timedelta(seconds=100), 600, T0) == T0 + timedelta(seconds=500)
    assert first_due(T0 - timedelta(seconds=700), 600, T0) == T0


def test_a_round_stores_the_release_and_a_poll_with_nothing_new_costs_a_small_get_per_folder(fake, cache_dir, catalog):
    refresher = make(fake, cache_dir, catalog)
    assert load_dataset(cache_dir, catalog).kind == "demo"
    first = refresher.round()
    assert first.ran and first.ok, first.message
    data = load_dataset(cache_dir, catalog)
    assert data.kind == "real"
    assert data.provenance["tyonv_12r5"].release == "2026-07-21T05:00:00Z"
    before = len(fake.requests())
    second = refresher.round()
    assert second.ok
    polls = fake.requests()[before:]
    folders = sorted({table.folder for table in catalog.tables.values()})
    assert folders == ["aly", "alyr", "tkke", "tyonv", "vaerak", "vkour"]
    assert [method for _, method, _, _ in polls] == ["GET"] * len(folders)
    assert sorted(path.rsplit("/", 1)[-1] for _, _, path, _ in polls) == folders
    assert all(size < 1000 for *_, size in polls)
    refresher.release()


def test_one_refresher_per_cache_folder_the_second_skips_and_takes_over_when_the_first_ends(fake, cache_dir, catalog):
    first, second = make(fake, cache_dir, catalog), make(fake, cache_dir, catalog)
    assert first.round().ran
    assert refresher_alive(cache_dir)
    before = len(fake.requests())
    skipped = second.round()
    assert (skipped.ran, skipped.message) == (False, "another process is the refresher")
    assert len(fake.requests()) == before, "a standby refresher asks the API nothing"
    first.release()
    assert not refresher_alive(cache_dir)
    assert second.round().ran
    assert read_status(cache_dir).pid == os.getpid(), "the active refresher publishes its status"
    second.release()


def test_a_failing_api_keeps_the_data_records_the_attempt_backs_off_and_logs_once(fake, cache_dir, catalog, caplog):
    refresher = make(fake, cache_dir, catalog, interval=10)
    assert refresher.round().ok
    fake.publish("2026M07", "2026-08-25T05:00:00Z")
    fake.inject("503", method="GET", times=1000)
    caplog.set_level(logging.DEBUG, logger="data_sources.service.refresher")
    outcomes = [refresher.round() for _ in range(3)]
    assert [o.ok for o in outcomes] == [False, False, False]
    assert refresher.failures == 3 and refresher.delay_s() == 80
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].getMessage().startswith("background refresh failed, stored data kept")
    data = load_dataset(cache_dir, catalog)
    assert data.provenance["tyonv_12r5"].release == "2026-07-21T05:00:00Z"
    assert {key: a.ok for key, a in data.attempts.items()} == dict.fromkeys(catalog.tables, False)  # every table
    assert read_status(cache_dir).failures == 3
    fake.state.faults.clear()
    assert refresher.round().ok
    assert refresher.failures == 0 and refresher.delay_s() == 10
    assert load_dataset(cache_dir, catalog).provenance["tyonv_12r5"].release == "2026-08-25T05:00:00Z"
    assert caplog.records[-1].getMessage() == "background refresh works again after 3 failed rounds"
    refresher.release()


def test_a_round_that_breaks_is_recorded_as_every_tables_failed_attempt(cache_dir, catalog):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    refresher = Refresher(catalog, cache_dir, "http://127.0.0.1:9/none", 60, run=broken)
    outcome = refresher.round()
    assert (outcome.ok, outcome.message) == (False, "RuntimeError: disk on fire")
    attempts = SnapshotStore(cache_dir).attempts()
    assert {key: (a.ok, a.message) for key, a in attempts.items()} == {
        key: (False, "RuntimeError: disk on fire")
        for key in catalog.tables  # 12r5, 11ra, the tables read by meaning
    }
    assert len(attempts) == len(catalog.tables)
    refresher.release()


def test_request_decision_accepts_one_request_per_interval():
    assert request_decision(T0, None, 600) == (True, T0 + timedelta(seconds=600))
    assert request_decision(T0, T0 - timedelta(seconds=599), 600) == (False, T0 + timedelta(seconds=1))
    assert request_decision(T0, T0 - timedelta(seconds=600), 600) == (True, T0 + timedelta(seconds=600))


def test_requests_are_shared_the_second_within_the_interval_is_refused(cache_dir):
    first = ask_for_refresh(cache_dir, 600, now=T0)
    assert first.accepted and not first.outlook.automatic
    second = ask_for_refresh(cache_dir, 600, now=T0 + timedelta(seconds=30))
    assert not second.accepted
    assert second.outlook.next_request_at == T0 + timedelta(seconds=600)
    assert ask_for_refresh(cache_dir, 600, now=T0 + timedelta(seconds=600)).accepted


def test_the_running_refresher_honours_an_accepted_request_and_stops_cleanly(fake, cache_dir, catalog):
    refresher = make(fake, cache_dir, catalog, interval=3600, tick_s=0.05)
    thread = refresher.start()
    # the round is over once its status is published (after the store is written): only then is the
    # next round's time the interval away
    wait_until(lambda: getattr(read_status(cache_dir), "last_round_at", None) is not None)
    assert load_dataset(cache_dir, catalog).kind == "real"
    stamp = store_stamp(cache_dir)
    outlook = refresh_outlook(cache_dir, 600)
    assert outlook.automatic and outlook.interval_s == 3600
    assert outlook.next_refresh_at > datetime.now(UTC) + timedelta(seconds=3500)
    fake.publish("2026M07", "2026-08-25T05:00:00Z")
    ask = ask_for_refresh(cache_dir, 600)
    assert ask.accepted and ask.outlook.automatic
    wait_until(lambda: load_dataset(cache_dir, catalog).provenance["tyonv_12r5"].release == "2026-08-25T05:00:00Z")
    assert store_stamp(cache_dir) != stamp
    assert not ask_for_refresh(cache_dir, 600).accepted, "one request per the refresher's interval"
    refresher.stop()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert not refresher_alive(cache_dir)


def test_store_stamp_changes_only_when_a_refresh_writes(fake, cache_dir, catalog):
    # the region's folder, then the manifest, attempts and resolutions files: nothing there yet
    assert store_stamp(cache_dir) == f"{cache_dir / 'snapshots' / 'MK08'}|-|-|-|-"
    refresher = make(fake, cache_dir, catalog)
    refresher.round()
    stamp = store_stamp(cache_dir)
    assert stamp == store_stamp(cache_dir)
    load_dataset(cache_dir, catalog)
    assert store_stamp(cache_dir) == stamp, "reading never changes the stamp"
    refresher.round()
    assert store_stamp(cache_dir) != stamp, "a poll records its attempt"
    refresher.release()


def test_watch_refreshes_in_the_foreground_and_ctrl_c_ends_it_cleanly(fake, cache_dir, catalog):
    # started as a shell starts a background job: SIGINT ignored; Ctrl-C / kill -INT must still end it
    process = subprocess.Popen(
        [sys.executable, "-m", "data_sources", "refresh", "--watch", "--interval", "600"]
        + ["--base-url", fake.base_url, "--cache-dir", str(cache_dir)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        # the round is over once its status is published (after the store is written)
        wait_until(lambda: getattr(read_status(cache_dir), "last_round_at", None) is not None, seconds=60)
        assert load_dataset(cache_dir, catalog).kind == "real"
        assert refresher_alive(cache_dir)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
    err = process.stderr.read()
    assert "Traceback" not in err
    assert err.rstrip().endswith("refresh --watch stopped after 1 rounds")
    assert not refresher_alive(cache_dir)


def test_watch_with_the_interval_zero_says_why_it_does_not_run(cache_dir):
    answer = subprocess.run(
        [sys.executable, "-m", "data_sources", "refresh", "--watch", "--cache-dir", str(cache_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"REFRESH_INTERVAL_S": "0", "PATH": "/usr/bin:/bin"},
    )
    assert answer.returncode == 2
    assert answer.stderr.strip() == "refresh --watch: the interval is 0 (REFRESH_INTERVAL_S=0 turns refreshing off)"


@pytest.fixture
def data_page(cache_dir, monkeypatch, fake):
    monkeypatch.setenv("CACHE_DIR", str(cache_dir))
    monkeypatch.setenv("PXWEB_BASE_URL", fake.base_url)

    def open_page() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.switch_page("screens/data.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


def test_the_data_page_button_asks_the_refresher_once_for_everyone(fake, cache_dir, catalog, data_page):
    refresher = make(fake, cache_dir, catalog, interval=900)
    refresher.round()  # this process is now the machine's refresher, as a --watch would be
    first = data_page()
    expected = f"Tiedot päivittyvät automaattisesti. Seuraava tarkistus: {fmt_datetime(refresher.next_at)}."
    assert expected in [c.value for c in first.caption]
    requests_before = len(fake.requests())
    first.button[0].click().run()
    assert [s.value for s in first.success] == [
        "Päivitys pyydetty: uudet tiedot haetaan hetken kuluttua kaikille katsojille."
    ]
    assert len(fake.requests()) == requests_before, "the page itself asks the API nothing"
    other = data_page()  # another viewer, another session
    assert other.button[0].disabled
    wait = [c.value for c in other.caption if c.value.startswith("Päivitystä on jo pyydetty")]
    next_request = refresh_outlook(cache_dir, 600).next_request_at
    assert next_request - last_accepted_request(cache_dir) == timedelta(seconds=900), "the refresher's interval"
    assert wait == [f"Päivitystä on jo pyydetty; seuraavan pyynnön voi tehdä {fmt_datetime(next_request)}."]
    refresher.release()

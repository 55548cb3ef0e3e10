"""Issue 18: an upstream whose limits, stamps, sizes or text are hostile; redirect loops; odd cache folders; orphans."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from data_sources.domain.catalog import load_catalog
from data_sources.pxweb.client import PxWebClient, PxWebError
from data_sources.pxweb.jsonstat import JsonStatError, parse_jsonstat2, parse_px_json
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.refresh_run import refresh_cache_dir
from data_sources.snapshots.store import SnapshotStore
from tests.test_client import BODY, TABLE
from tests.test_faults import ROOT, snapshot_bytes
from tests.test_hostile_upstream import NEW, failure_lines, refresh


def hostile_config(fake, cache, doc: str) -> None:
    """The next ?config answers `doc`; the HTTP cache goes, or its copy of the good one would be used."""
    (cache / "http_cache.sqlite").unlink(missing_ok=True)
    fake.inject("answer", method="GET", path="?config", times=50, arg=doc)


def within(seconds: float, call, *args):
    """`call(*args)` in a thread that must end within `seconds` (a hang fails the test, not the run)."""
    result = []
    thread = threading.Thread(target=lambda: result.append(call(*args)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return result[0]


def jsonstat(index: dict, ids: list | None = None, sizes: list | None = None) -> dict:
    """A json-stat2 dataset with the given category indexes (value left sparse and empty)."""
    return {
        "class": "dataset",
        "id": ids or list(index),
        "size": sizes or [len(codes) for codes in index.values()],
        "dimension": {dim: {"category": {"index": codes}} for dim, codes in index.items()},
        "value": {},
    }


# --- item 3: a call limit that would wait for ever ---------------------------------------------------


def test_a_call_limit_of_one_per_1e9_seconds_ends_the_refresh_within_its_deadline(fake, good_cache, capsys, caplog):
    before = snapshot_bytes(good_cache)
    hostile_config(fake, good_cache, '{"maxValues": 120000, "maxCalls": 1, "timeWindow": 1e9}')
    started = time.monotonic()
    assert within(30, refresh, fake, good_cache, "--deadline", "20") == 1
    assert time.monotonic() - started < 20
    # every table in the catalog's order, each failing at its folder's listing (12ub and 12t8 are in tyonv)
    tables = (
        "tyonv/12r5.px",
        "vaerak/11ra.px",
        "tyonv/12ub.px",
        "tyonv/12t8.px",
        "aly/11yq.px",
        "alyr/13ww.px",
        "tkke/13ra.px",
        "vkour/12bq.px",
    )
    assert tuple(t.path for t in load_catalog().tables.values()) == tables
    lines = [
        f"GET {fake.base_url}/StatFin/{table.split('/')[0]}: not sent, the API's limit of 1 call per 3600 s would "
        "wait past the refresh's 20 s limit"
        for table in tables
    ]
    assert failure_lines(capsys) == [
        f"refresh failed: {table}: {line}; kept the stored data" for table, line in zip(tables, lines, strict=True)
    ]
    assert "?config timeWindow 1e+09 s is implausible; taken as 3600 s" in caplog.messages
    attempts = SnapshotStore(good_cache).attempts()
    assert {key: a.message for key, a in attempts.items()} == dict(zip(load_catalog().tables, lines, strict=True))
    assert snapshot_bytes(good_cache) == before
    with SnapshotStore(good_cache).lock(wait=0):
        pass  # the store's lock is free again


def test_watch_ends_on_sigterm_while_waiting_for_the_call_limit(fake, good_cache):
    hostile_config(fake, good_cache, '{"maxValues": 120000, "maxCalls": 1, "timeWindow": 60}')
    asked = len(fake.requests())
    watch = subprocess.Popen(
        [sys.executable, "-m", "data_sources", "refresh", "--watch", "--quiet", "--interval", "1"]
        + ["--base-url", fake.base_url, "--cache-dir", str(good_cache)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        give_up = time.monotonic() + 30
        while not any("?config" in r[2] for r in fake.requests()[asked:]) and time.monotonic() < give_up:
            time.sleep(0.1)
        time.sleep(0.5)  # now waiting a minute for the API's call limit
        watch.send_signal(signal.SIGTERM)
        _, err = watch.communicate(timeout=5)
    finally:
        watch.kill()
        watch.wait()
    assert watch.returncode == 0
    assert err.splitlines()[-1] == "refresh --watch stopped after 1 rounds"
    attempt = SnapshotStore(good_cache).attempts()["tyonv_12r5"]
    assert attempt.message == (
        f"GET {fake.base_url}/StatFin/tyonv: waiting for the API's limit of 1 call per 60 s; "
        "stopped, the refresh was asked to end"
    )


def test_a_refresh_waiting_for_the_store_lock_ends_when_asked_to(fake, good_cache, catalog):
    stop, store = threading.Event(), SnapshotStore(good_cache)
    with store.lock():
        threading.Timer(0.5, stop.set).start()
        started = time.monotonic()
        run = refresh_cache_dir(catalog, good_cache, fake.base_url, stop=stop)
    assert time.monotonic() - started < 2
    assert run.problem.startswith("asked to end while waiting for the refresh of process ")


@pytest.mark.parametrize(
    "config, problem",
    [
        ('{"maxValues": 120000, "maxCalls": 0, "timeWindow": 10}', "maxCalls 0"),
        ('{"maxValues": Infinity, "maxCalls": 30, "timeWindow": 10}', "maxValues inf"),
        ('{"maxValues": 120000, "maxCalls": 30, "timeWindow": -5}', "timeWindow -5"),
        ('{"maxValues": 120000, "maxCalls": "many", "timeWindow": 10}', "maxCalls 'many'"),
    ],
)
def test_nonsense_api_limits_are_refused_in_one_line(fake, tmp_path, config, problem):
    client = PxWebClient(fake.base_url, None)
    fake.inject("answer", method="GET", path="?config", arg=config)
    with pytest.raises(PxWebError) as err:
        client.config()
    assert str(err.value) == f"?config answer has {problem}, not a number of at least 1; refused"


# --- item 4: a small answer declaring a huge size ----------------------------------------------------


def test_a_declared_size_over_the_cell_cap_is_refused_before_anything_is_allocated():
    codes = [f"K{i}" for i in range(101)]
    with pytest.raises(JsonStatError) as err:
        parse_jsonstat2(jsonstat({"Alue": codes, "timeperiod_m": codes, "contentscode": codes}))
    assert str(err.value) == "answer declares 1030301 cells, over the cap of 1000000; refused"


def test_a_52_kb_answer_with_a_huge_size_fails_the_refresh_in_one_line(fake, good_cache, capsys):
    before = snapshot_bytes(good_cache)
    codes = [f"K{i}" for i in range(1710)]
    doc = json.dumps(jsonstat({"Alue": codes, "timeperiod_m": codes, "contentscode": codes}))
    assert len(doc) < 52 * 1024
    fake.inject("answer", path="12r5", times=50, arg=doc)
    assert refresh(fake, good_cache) == 1
    assert failure_lines(capsys) == [
        "refresh failed: tyonv/12r5.px: answer declares 5000211000 cells, over the cap of 1000000; refused; "
        "kept the stored data"
    ]
    assert snapshot_bytes(good_cache) == before


# --- item 11: a refused answer must not stay in the HTTP cache -----------------------------------------


def test_a_refused_release_is_fetched_again_when_corrected_under_the_same_stamp(fake, good_cache, capsys):
    fake.inject("zeros", times=50)
    assert refresh(fake, good_cache) == 1
    assert "every figure in the release is 0" in failure_lines(capsys)[0]
    fake.state.faults.clear()  # the export is corrected; the release stamp stays
    assert refresh(fake, good_cache) == 0
    assert load_dataset(good_cache).provenance["tyonv_12r5"].release == NEW


def test_refused_api_limits_are_asked_again_next_time(fake, good_cache, capsys):
    hostile_config(fake, good_cache, '{"maxValues": 120000, "maxCalls": 0, "timeWindow": 10}')
    assert refresh(fake, good_cache) == 1
    fake.state.faults.clear()
    assert refresh(fake, good_cache) == 0


# --- item 13: malformed answers each end in one line -----------------------------------------------------

MIXED_INDEX = jsonstat({"Alue": {"MK08": 0, "SSS": "1"}, "timeperiod_m": ["2026M07"], "contentscode": ["TYOTTOMAT"]})
UNHASHABLE_ID = {**jsonstat({"Alue": ["MK08"]}), "id": [["Alue"]]}
MALFORMED = [
    ("GET", "StatFin/tyonv", "[1, 2, 3]", "folder listing StatFin/tyonv is not a list of objects; refused"),
    ("GET", "StatFin/tyonv", "[" * 100_000 + "]" * 100_000, "GET {url}/StatFin/tyonv: malformed JSON (body cut off "),
    ("POST", "12r5", json.dumps(MIXED_INDEX), "dimension 'Alue' has a category.index of other than whole numbers"),
    ("POST", "12r5", json.dumps(UNHASHABLE_ID), "dataset's id holds ['Alue'], not a dimension name"),
    ("GET", "12r5.px", '{"variables": ["Alue", "contentscode"]}', "metadata of tyonv/12r5.px: variables not objects"),
    ("GET", "?config", '{"maxValues": 9, "maxCalls": 0, "timeWindow": 9}', "?config answer has maxCalls 0, not a"),
    ("GET", "?config", '{"maxValues": 9, "maxCalls": Infinity, "timeWindow": 9}', "?config answer has maxCalls inf"),
]


@pytest.mark.parametrize("method, path, body, reason", MALFORMED, ids=[f"{m[1]}-{i}" for i, m in enumerate(MALFORMED)])
def test_a_malformed_answer_ends_in_one_line_and_keeps_the_data(fake, good_cache, capsys, method, path, body, reason):
    before = snapshot_bytes(good_cache)
    (good_cache / "http_cache.sqlite").unlink()
    fake.inject("answer", method=method, path=path, times=50, arg=body)
    assert refresh(fake, good_cache) == 1
    failures = failure_lines(capsys)
    reason = reason.format(url=fake.base_url)
    assert failures and all(line.endswith("; kept the stored data") for line in failures)
    assert failures[0].startswith("refresh failed: tyonv/12r5.px: ") and reason in failures[0]
    assert reason in SnapshotStore(good_cache).attempts()["tyonv_12r5"].message
    assert snapshot_bytes(good_cache) == before


@pytest.mark.parametrize(
    "doc, reason",
    [
        ({"columns": [1], "data": []}, "px json answer's columns or data are not lists of objects with codes"),
        (
            {"columns": [{"code": ["A"]}], "data": []},
            "px json answer's columns or data are not lists of objects with codes",
        ),
        ({"columns": [{"code": "A", "type": "c"}], "data": "rows"}, "px json answer's columns or data are not lists"),
        (
            {
                "columns": [{"code": "A", "type": "d"}, {"code": "v", "type": "c"}],
                "data": [{"key": [["x"]], "values": ["1"]}],
            },
            "px json row key [['x']] does not match columns ['A']",
        ),
    ],
)
def test_a_px_json_answer_of_another_shape_is_one_clear_error(doc, reason):
    with pytest.raises(JsonStatError) as err:
        parse_px_json(doc, "contentscode")
    assert str(err.value).startswith(reason)


# --- item 15: text, redirects, odd folder names, orphans --------------------------------------------------


def test_control_characters_and_endless_text_from_metadata_stay_out(fake, good_cache, capsys):
    variables = [{"code": f"\x1b[31m{i}\x1b[0m" + "x" * 5000, "values": ["a"]} for i in range(300)]
    fake.inject("answer", method="GET", path="12r5.px", times=50, arg=json.dumps({"variables": variables}))
    assert refresh(fake, good_cache) == 1
    message = SnapshotStore(good_cache).attempts()["tyonv_12r5"].message
    shown = ", ".join(f"[31m{i} [0m{'x' * 20}…" for i in range(5))
    assert message == f"variable 'Alue' is not in the table (it has: {shown} and 295 more)"
    assert failure_lines(capsys)[0] == f"refresh failed: tyonv/12r5.px: {message}; kept the stored data"


def test_a_redirect_loop_is_cut_short_and_counted_by_the_rate_limiter(fake):
    client = PxWebClient(fake.base_url, None, sleep=lambda s: None)
    client.config()
    fake.inject("redirect", times=1000, arg=fake.base_url)
    with pytest.raises(PxWebError) as err:
        client.query("StatFin", TABLE, BODY, "r1")
    assert str(err.value) == f"POST {fake.base_url}/StatFin/{TABLE}: redirected more than 5 times; refused"
    assert len(fake.requests("POST")) == 6
    assert client.limiter.calls_in_window() == 7, "?config and every POST"


def test_a_cache_folder_named_with_url_characters_keeps_its_files_inside(fake, good_cache, tmp_path, capsys):
    odd = tmp_path / "a#b?c%41d"
    shutil.copytree(good_cache, odd)
    (odd / "http_cache.sqlite").write_bytes(b"this is not a database" * 100)
    outside = sorted(tmp_path.iterdir())
    assert refresh(fake, odd) == 0
    assert "HTTP cache http_cache.sqlite was damaged" in capsys.readouterr().err
    assert sorted(tmp_path.iterdir()) == outside, "no stray files beside the folder"
    assert (odd / "http_cache.sqlite.corrupt").exists()


def test_stale_temp_files_of_a_killed_writer_are_removed_and_live_ones_kept(fake, good_cache):
    root = good_cache / "snapshots" / "MK08"
    orphans = [root / ".manifest.json.k1ll3d.tmp", root / "tyonv_12r5" / ".20260721T050000Z.parquet.x9y8z7.tmp"]
    live = root / ".attempts.json.l1v3.tmp"
    for path in [*orphans, live]:
        path.write_bytes(b"half")
    hours_ago = time.time() - 7200
    for path in orphans:
        os.utime(path, (hours_ago, hours_ago))
    assert refresh(fake, good_cache) == 0
    assert [p for p in orphans if p.exists()] == []
    assert live.exists()

"""Issue 12: an upstream that trickles, redirects, goes back in time, revises history or answers with markup."""

from __future__ import annotations

import json
import math
import re
import sqlite3
import tracemalloc

import pandas as pd
import pytest

from data_sources.pxweb.client import PxWebClient, PxWebError
from data_sources.service.commands import refresh as refresh_main
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.store import SnapshotStore
from tests.fake_pxweb import FakePxWeb
from tests.test_client import BODY, TABLE
from tests.test_faults import FAST, snapshot_bytes

OLD, NEW = "2026-07-21T05:00:00Z", "2026-08-18T05:00:00Z"


def refresh(fake, cache, *extra):
    return refresh_main([*FAST, "--base-url", fake.base_url, "--cache-dir", str(cache), *extra])


def failure_lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("refresh failed:")]


# --- deadlines and the lock --------------------------------------------------------------------


def test_a_trickling_body_ends_the_refresh_at_its_deadline(fake, good_cache, capsys):
    before = snapshot_bytes(good_cache)
    fake.inject("trickle", times=50, arg="0.2")  # one byte every 0.2 s: no read ever times out
    assert refresh(fake, good_cache, "--request-deadline", "5", "--deadline", "60") == 1
    failures = failure_lines(capsys)
    assert failures == [
        f"refresh failed: tyonv/12r5.px: POST {fake.base_url}/StatFin/{TABLE}: answer not complete after 5 s "
        "after 2 attempts; kept the stored data"
    ]
    assert snapshot_bytes(good_cache) == before


def test_the_refresh_deadline_bounds_every_retry(fake, good_cache, capsys):
    before = snapshot_bytes(good_cache)
    fake.inject("trickle", times=50, arg="0.2")
    assert refresh(fake, good_cache, "--request-deadline", "60", "--deadline", "8") == 1
    assert failure_lines(capsys) == [
        f"refresh failed: tyonv/12r5.px: POST {fake.base_url}/StatFin/{TABLE}: answer not complete when the "
        "refresh's 8 s limit ran out; kept the stored data",
        f"refresh failed: vaerak/11ra.px: GET {fake.base_url}/StatFin/vaerak: not sent, the refresh's 8 s limit "
        "is over; kept the stored data",
        # 12ub and 12t8 unchanged in tyonv's listing, asked nothing; the statistics tables' own folders not asked
        *(
            f"refresh failed: {folder}/{table}.px: GET {fake.base_url}/StatFin/{folder}: not sent, the refresh's 8 s "
            "limit is over; kept the stored data"
            for folder, table in [("aly", "11yq"), ("alyr", "13ww"), ("tkke", "13ra"), ("vkour", "12bq")]
        ),
    ]
    assert snapshot_bytes(good_cache) == before


def test_a_second_refresh_says_what_it_waits_for_and_gives_up(fake, good_cache, capsys):
    store = SnapshotStore(good_cache)
    before, asked = snapshot_bytes(good_cache), len(fake.requests())
    with store.lock():
        holder = (store.root / ".refresh.lock").read_text(encoding="utf-8")
        assert holder.startswith("the refresh of process ")
        code = refresh_main(
            ["--timeout", "1", "--lock-wait", "0.5", "--base-url", fake.base_url, "--cache-dir", str(good_cache)]
        )
    err = capsys.readouterr().err
    assert code == 1
    assert f"waiting for {holder} to finish (at most 0.5 s)" in err.splitlines()
    assert err.splitlines()[-1] == (
        f"refresh failed: {holder} still holds the store's lock after 0.5 s of waiting; try again later; "
        "kept the stored data"
    )
    assert len(fake.requests()) == asked, "nothing asked while waiting"
    assert snapshot_bytes(good_cache) == before


# --- releases judged against the last accepted one ---------------------------------------------


def test_a_redirect_to_another_origin_is_refused(fake, good_cache, capsys):
    before = snapshot_bytes(good_cache)
    with FakePxWeb(factor=2.0) as other:
        fake.inject("redirect", times=50, arg=other.base_url)
        assert refresh(fake, good_cache) == 1
        assert other.requests() == [], "the other server was never asked"
    assert failure_lines(capsys) == [
        f"refresh failed: tyonv/12r5.px: POST {fake.base_url}/StatFin/{TABLE}: redirected (HTTP 307) to "
        f"{other.base_url}/StatFin/{TABLE}, off {fake.base_url}; refused; kept the stored data"
    ]
    assert snapshot_bytes(good_cache) == before
    assert load_dataset(good_cache).provenance["tyonv_12r5"].release == OLD


def test_a_redirect_within_the_origin_is_followed(fake, tmp_path):
    client = PxWebClient(fake.base_url, None, sleep=lambda s: None)
    fake.inject("redirect", arg=fake.base_url)
    assert client.query("StatFin", TABLE, BODY, "r1")["value"] == [
        fake.cell(TABLE, "MK08", "2026M06", "TYOTTOMATLOPUSSA")[0]
    ]
    assert len(fake.requests("POST")) == 2


@pytest.mark.parametrize(
    "stamp, reason",
    [
        ("2026-06-30T05:00:00Z", f"is older than the stored {OLD}"),
        ("2999-01-01T00:00:00Z", "is later than now plus a day; refused"),  # issue 18: else every later one is older
    ],
)
def test_a_release_older_than_the_stored_one_or_in_the_future_is_refused(fake, good_cache, capsys, stamp, reason):
    before = snapshot_bytes(good_cache)
    fake.publish("2026M07", stamp)
    posts = len(fake.requests("POST"))
    assert refresh(fake, good_cache) == 1
    assert failure_lines(capsys) == [
        f"refresh failed: tyonv/12r5.px: tyonv/12r5.px: the folder listing's release {stamp} {reason}; "
        "kept the stored data"
    ]
    assert len(fake.requests("POST")) == posts, "no data downloaded for it"
    assert snapshot_bytes(good_cache) == before
    manifest = json.loads((good_cache / "snapshots" / "MK08" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["tyonv_12r5"]["release"] == OLD


def expected_revisions(fake, catalog, stored: pd.DataFrame, factor: float, months: int) -> int:
    """Figures of the `months` months before the newest whose value the fake's revision changes, from its cells."""
    periods = sorted(stored["period"].unique())[-months:]
    count = 0
    for row in stored[stored["period"].isin(periods) & stored["value"].notna()].itertuples():
        key = f"{row.period.year}M{row.period.month:02d}"
        parts = [fake.cell(TABLE, row.area_code, key, code)[0] for code in catalog.series_by_id(row.series).codes]
        revised = sum(round(v * factor, 1) for v in parts)
        count += not math.isclose(revised, row.value, abs_tol=1e-9)
    return count


def test_plausible_revisions_are_accepted_counted_and_the_earlier_release_kept(fake, good_cache, catalog, capsys):
    store = SnapshotStore(good_cache)
    old_prov = store.current("tyonv_12r5").provenance
    old_path = store.parquet_path("tyonv_12r5", OLD)
    old_bytes = old_path.read_bytes()
    stored = store.current("tyonv_12r5").frame
    expected = expected_revisions(fake, catalog, stored, 1.02, 3)
    assert expected > 100, "the revision must change many figures"
    fake.inject("revise", arg="1.02:3", times=50)  # the three months before the new one, +2 %
    capsys.readouterr()
    assert refresh(fake, good_cache) == 0
    out = capsys.readouterr().out
    figures = len(catalog.series_for_table("tyonv_12r5")) * len(catalog.area_codes) * (17 * 12 + 7)  # to 2026M07
    assert (
        f"updated  tyonv/12r5.px: stored release {NEW}; {expected} figures of earlier months revised against "
        f"release {OLD} ({figures} figures)" in out
    )
    prov = store.current("tyonv_12r5").provenance
    assert (prov.release, prov.revised, prov.revised_against) == (NEW, expected, OLD)
    assert [p.release for p in store.vintages("tyonv_12r5")] == [NEW, OLD]
    assert old_path.read_bytes() == old_bytes and store.read_release(old_prov).equals(stored)


# --- text from outside, size caps, the HTTP cache ---------------------------------------------------


def test_an_upstream_error_with_markup_is_stored_as_one_short_plain_line(fake, good_cache):
    body = "**Huoltokatko**\r\n[Kirjaudu uudelleen](http://x)\t\x1b ![seuranta](http://x)\u202e\x00" + "." * 300
    fake.inject("status400", times=50, arg=body)
    assert refresh(fake, good_cache) == 1
    message = SnapshotStore(good_cache).attempts()["tyonv_12r5"].message
    text = "**Huoltokatko** [Kirjaudu uudelleen](http://x) ![seuranta](http://x) "
    assert message == f"POST {fake.base_url}/StatFin/{TABLE}: HTTP 400 ({text}{'.' * (159 - len(text))}…)"
    assert message.isprintable()


def test_a_huge_answer_is_refused_in_bounded_memory(fake):
    client = PxWebClient(fake.base_url, None, max_retries=0)
    fake.inject("huge")
    tracemalloc.start()
    try:
        with pytest.raises(PxWebError) as err:
            client.query("StatFin", TABLE, BODY, "r1")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(err.value) == f"POST {fake.base_url}/StatFin/{TABLE}: answer over the 25 MB cap; refused"
    assert peak < 40 * 2**20, f"peak {peak / 2**20:.0f} MB for a 50 MB answer"


def test_a_gzip_bomb_is_refused_and_never_cached(fake, tmp_path):
    client = PxWebClient(fake.base_url, tmp_path / "http.sqlite", max_retries=0, max_answer_bytes=2**20)
    fake.inject("gzip_bomb")
    with pytest.raises(PxWebError) as err:
        client.query("StatFin", TABLE, BODY, "r1")
    assert str(err.value) == (
        f"POST {fake.base_url}/StatFin/{TABLE}: answer expands to over the 1 MB cap when decompressed; refused"
    )
    assert len(client.session.cache.responses) == 0
    assert (tmp_path / "http.sqlite").stat().st_size < 2**20


def test_an_http_cache_past_its_bound_is_emptied(fake, good_cache, monkeypatch, capsys):
    with sqlite3.connect(good_cache / "http_cache.sqlite") as db:
        db.execute("CREATE TABLE IF NOT EXISTS filler (data BLOB)")
        db.execute("INSERT INTO filler VALUES (?)", (b"\0" * 3 * 2**20,))
    monkeypatch.setenv("HTTP_CACHE_MAX_MB", "2")
    assert refresh(fake, good_cache) == 0
    # the filler's 3 MB and the answers of the release just fetched
    warning = re.search(
        r"warning: HTTP cache http_cache.sqlite was (\d+) MB, over its 2 MB bound; emptied", capsys.readouterr().err
    )
    assert warning and int(warning.group(1)) >= 3
    assert not (good_cache / "http_cache.sqlite").exists()
    assert load_dataset(good_cache).provenance["tyonv_12r5"].release == NEW

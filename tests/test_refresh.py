"""End to end: `python -m data_sources refresh` against the fake PxWeb server."""

import hashlib
import math
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from data_sources.domain.catalog import load_catalog
from data_sources.service.commands import refresh as main
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.store import SnapshotStore
from tests.fake_pxweb import months as months_between

ROOT = Path(__file__).resolve().parents[1]


def refresh(fake, cache_dir, *extra):
    return main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(cache_dir), *extra])


def frame_of(data, series, area):
    return data.frame[(data.frame["series"] == series) & (data.frame["area_code"] == area)]


def stored_files(cache_dir):
    root = Path(cache_dir) / "snapshots" / "MK08"
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.parquet"))
    }


def test_a_full_refresh_stores_every_series_for_every_area(fake, cache_dir, catalog):
    assert refresh(fake, cache_dir) == 0
    data = load_dataset(cache_dir, catalog)
    assert data.kind == "real"
    months = pd.date_range("2009-01-01", "2026-06-01", freq="MS")
    for series in catalog.series_for_table("tyonv_12r5"):
        for area in catalog.area_codes:
            rows = data.frame[(data.frame["series"] == series.id) & (data.frame["area_code"] == area)]
            assert list(rows["period"]) == list(months), (series.id, area)
    assert data.provenance["tyonv_12r5"].release == "2026-07-21T05:00:00Z"
    assert data.provenance["vaerak_11ra"].release == "2026-05-29T05:00:00Z"


def test_stored_figures_equal_the_source_exactly_and_suppressed_stay_missing(fake, cache_dir, catalog):
    assert refresh(fake, cache_dir) == 0
    frame = load_dataset(cache_dir, catalog).frame
    frame = frame[frame["table"] == "tyonv/12r5.px"]
    months = {pd.Timestamp(int(m[:4]), int(m[5:]), 1): m for m in months_between("2009M01", "2026M06")}
    expected, expected_status = [], []
    for row in frame.itertuples():
        parts = [
            fake.cell("tyonv/12r5.px", row.area_code, months[row.period], code)
            for code in catalog.series_by_id(row.series).codes
        ]
        hidden = any(value is None for value, _ in parts)
        expected.append(math.nan if hidden else sum(value for value, _ in parts))
        expected_status.append("..." if hidden else None)
    assert frame["value"].tolist() == pytest.approx(expected, nan_ok=True, abs=0)
    assert [None if pd.isna(s) else s for s in frame["status"]] == expected_status
    assert expected_status.count("...") > 10, "the fake must exercise suppression"
    assert not (frame["value"] == 0).any()
    population = frame_of(load_dataset(cache_dir, catalog), "population", "MK08")
    assert population["value"].tolist() == [156198.0]


def test_the_six_municipalities_sum_to_the_region_every_month(fake, cache_dir, catalog):
    assert refresh(fake, cache_dir) == 0
    frame = load_dataset(cache_dir, catalog).frame
    unemployed = frame[frame["series"] == "unemployed"].pivot(index="period", columns="area_code", values="value")
    members = list(catalog.region_members["MK08"])
    assert len(unemployed) == 210
    assert (unemployed[members].sum(axis=1) == unemployed["MK08"]).all()
    assert (unemployed[["KU075", "KU285", "KU489", "KU624", "KU935"]].sum(axis=1) == unemployed["SK082"]).all()


def test_a_second_refresh_downloads_no_data(fake, cache_dir, capsys):
    assert refresh(fake, cache_dir) == 0
    posts_before = len(fake.requests("POST"))
    files_before = stored_files(cache_dir)
    capsys.readouterr()
    assert refresh(fake, cache_dir) == 0
    assert len(fake.requests("POST")) == posts_before
    assert stored_files(cache_dir) == files_before
    out = capsys.readouterr().out
    assert "unchanged  tyonv/12r5.px: release 2026-07-21T05:00:00Z already stored" in out


def test_refresh_is_byte_for_byte_reproducible(fake, tmp_path):
    assert refresh(fake, tmp_path / "one") == 0
    assert refresh(fake, tmp_path / "two") == 0
    assert stored_files(tmp_path / "one") == stored_files(tmp_path / "two")
    assert len(stored_files(tmp_path / "one")) == len(load_catalog().tables)


def test_splitting_to_a_small_cell_limit_gives_the_same_figures(fake, tmp_path):
    assert refresh(fake, tmp_path / "whole") == 0
    whole_posts = len(fake.requests("POST"))
    fake.state.max_values = 10000
    fake.state.max_calls = 100  # two whole refreshes within the minute, one of them in many parts
    assert refresh(fake, tmp_path / "split") == 0
    areas = len(load_catalog().area_codes)
    months = 17 * 12 + 6  # 2009M01-2026M06
    # 11ra whole, 12r5 2 areas a part; 12ub's five contents and 12t8's six age bands asked together, area by area;
    # the four quarterly and yearly statistics tables whole (aly's 27 areas × 54 quarters × 3 contents the largest)
    by_meaning = math.ceil(areas / (10000 // (months * 5))) + math.ceil(areas / (10000 // (months * 6)))
    assert len(fake.requests("POST")) - whole_posts == 1 + math.ceil(areas / 2) + by_meaning + 4
    assert stored_files(tmp_path / "whole") == stored_files(tmp_path / "split")


def test_a_new_release_is_fetched_and_the_old_one_kept_as_a_vintage(fake, cache_dir):
    assert refresh(fake, cache_dir) == 0
    fake.publish("2026M07", "2026-08-18T05:00:00Z")
    assert refresh(fake, cache_dir) == 0
    store = SnapshotStore(cache_dir)
    assert [p.release for p in store.vintages("tyonv_12r5")] == ["2026-08-18T05:00:00Z", "2026-07-21T05:00:00Z"]
    data = load_dataset(cache_dir)
    assert data.frame[data.frame["table"] == "tyonv/12r5.px"]["period"].max() == pd.Timestamp(2026, 7, 1)


def test_no_snapshot_means_the_labelled_demo_and_a_refresh_replaces_it(fake, cache_dir):
    demo = load_dataset(cache_dir)
    assert demo.kind == "demo" and demo.is_demo
    assert {p.kind for p in demo.provenance.values()} == {"demo"}
    june = demo.frame[(demo.frame["series"] == "unemployed") & (demo.frame["period"] == "2026-06-01")]
    june = june[june["area_code"].isin(load_catalog().local_area_codes)]
    assert dict(zip(june["area_code"], june["value"], strict=True)) == {
        "MK08": 10153,
        "SK081": 4765,
        "SK082": 5388,
        "KU075": 1159,
        "KU285": 3715,
        "KU286": 4765,
        "KU489": 98,
        "KU624": 249,
        "KU935": 167,
        "SSS": 352000,
    }
    assert not (Path(cache_dir) / "snapshots").exists(), "demo data is never written to the store"
    assert refresh(fake, cache_dir) == 0
    assert load_dataset(cache_dir).kind == "real"


def test_a_damaged_current_file_falls_back_to_the_previous_release(fake, cache_dir):
    assert refresh(fake, cache_dir) == 0
    fake.publish("2026M07", "2026-08-18T05:00:00Z")
    assert refresh(fake, cache_dir) == 0
    newest = SnapshotStore(cache_dir).parquet_path("tyonv_12r5", "2026-08-18T05:00:00Z")
    newest.write_bytes(newest.read_bytes()[:500])
    data = load_dataset(cache_dir)
    assert data.kind == "real"
    assert data.provenance["tyonv_12r5"].release == "2026-07-21T05:00:00Z"
    assert data.notes == [
        "tyonv_12r5: 20260818T050000Z.parquet: contents do not match the recorded checksum",
        "tyonv_12r5: using the older release 2026-07-21T05:00:00Z",
    ]
    # and the next refresh repairs it
    assert refresh(fake, cache_dir) == 0
    assert load_dataset(cache_dir).provenance["tyonv_12r5"].release == "2026-08-18T05:00:00Z"


def test_the_command_honours_pxweb_base_url_and_cache_dir(fake, tmp_path):
    env = {**os.environ, "PXWEB_BASE_URL": fake.base_url, "CACHE_DIR": str(tmp_path / "env-cache")}
    done = subprocess.run(
        [sys.executable, "-m", "data_sources", "refresh"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    catalog = load_catalog()
    tables = len(catalog.tables)
    assert f"[1/{tables}] tyonv/12r5.py" not in done.stderr and f"[1/{tables}] tyonv/12r5.px" in done.stderr
    figures = len(catalog.series_for_table("tyonv_12r5")) * len(catalog.area_codes) * (17 * 12 + 6)  # to 2026M06
    assert f"updated  tyonv/12r5.px: stored release 2026-07-21T05:00:00Z ({figures} figures)" in done.stdout
    assert (tmp_path / "env-cache" / "snapshots" / "MK08" / "manifest.json").exists()


def test_the_command_fails_clearly_when_the_api_is_unreachable(tmp_path):
    env = {**os.environ, "PXWEB_BASE_URL": "http://127.0.0.1:9/PxWeb/api/v1/fi", "CACHE_DIR": str(tmp_path / "c")}
    done = subprocess.run(  # every retry made, none waited for (the backoff's doubling: test_client.py)
        [sys.executable, "-m", "data_sources", "refresh", "--quiet", "--backoff", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "refresh failed: tyonv/12r5.px: API limits (?config) unavailable: GET http://127.0.0.1:9" in done.stderr


def test_check_reports_every_series_against_the_live_metadata(fake, capsys):
    from data_sources.service.commands import check as check_main

    assert check_main(["--base-url", fake.base_url]) == 0
    out = capsys.readouterr().out
    assert "OK   unemployed                   tyonv/12r5.px    ok" in out
    assert "OK   long_term_unemployed         tyonv/12r5.px    ok (proxy; intended source:" in out
    assert "  tyonv/12r7.px  2026-07-21T05:00:00Z  Työnhakijat (12r7)" in out
    fake.state.renamed = True
    assert check_main(["--base-url", fake.base_url]) == 1
    assert "BAD  unemployed                   tyonv/12r5.px    metadata: GET" in capsys.readouterr().out

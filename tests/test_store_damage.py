"""Issue 12: damaged or foreign store files are notes with a fallback; an unwritable cache folder is one line."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_sources.service.commands import refresh as refresh_main
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.store import SnapshotStore
from tests.test_faults import snapshot_bytes

ROOT = Path(__file__).resolve().parents[1]
OLD = "2026-07-21T05:00:00Z"


def pages_run(cache_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("CACHE_DIR", str(cache_dir))
    st.cache_data.clear()
    st.cache_resource.clear()  # the values derived from a dataset (ui.context.cached_on_data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    for page in ("screens/overview.py", "screens/data.py"):
        at.switch_page(page)
        at.run()
        assert not at.exception, page


def test_a_manifest_entry_that_is_not_an_object_is_a_note(fake, good_cache, monkeypatch):
    manifest = good_cache / "snapshots" / "MK08" / "manifest.json"
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    doc["tables"]["tyonv_12r5"] = "2026-07-21T05:00:00Z"
    manifest.write_text(json.dumps(doc), encoding="utf-8")
    data = load_dataset(good_cache)
    assert data.provenance["tyonv_12r5"].release == OLD
    assert data.notes == [
        "tyonv_12r5: manifest.json: the entry of 'tyonv_12r5' is not an object with a release",
        f"tyonv_12r5: using release {OLD}",
    ]
    pages_run(good_cache, monkeypatch)
    assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(good_cache)]) == 0
    assert load_dataset(good_cache).notes == [], "the refresh repaired the manifest"


def test_a_provenance_whose_release_is_not_a_string_is_skipped_with_a_note(fake, good_cache, monkeypatch):
    fake.publish("2026M06", OLD)  # nothing new upstream: only the damage is to be handled
    meta = SnapshotStore(good_cache).parquet_path("tyonv_12r5", OLD).with_suffix(".json")
    doc = json.loads(meta.read_text(encoding="utf-8"))
    doc["release"] = 20260721
    meta.write_text(json.dumps(doc), encoding="utf-8")
    data = load_dataset(good_cache)
    assert "tyonv_12r5" not in data.provenance and data.kind == "real"
    assert data.notes == ["tyonv_12r5: 20260721T050000Z.json: release is not a str; skipped"]
    pages_run(good_cache, monkeypatch)
    assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", str(good_cache)]) == 0
    assert load_dataset(good_cache).provenance["tyonv_12r5"].release == OLD


def test_another_tables_files_copied_over_12r5s_are_refused(good_cache):
    store = SnapshotStore(good_cache)
    own = store.parquet_path("tyonv_12r5", OLD)
    other = store.parquet_path("vaerak_11ra", "2026-05-29T05:00:00Z")
    shutil.copy(other, own)
    shutil.copy(other.with_suffix(".json"), own.with_suffix(".json"))
    data = load_dataset(good_cache)
    statistics = {"aly/11yq.px", "alyr/13ww.px", "tkke/13ra.px", "vkour/12bq.px"}
    assert set(data.frame["table"]) == {"vaerak/11ra.px", "tyonv/12ub.px", "tyonv/12t8.px"} | statistics
    assert "tyonv_12r5" not in data.provenance
    assert data.notes == ["tyonv_12r5: 20260721T050000Z.json: belongs to table 'vaerak_11ra', not tyonv_12r5; skipped"]


def test_a_foreign_parquet_under_12r5s_own_provenance_is_refused(good_cache):
    store = SnapshotStore(good_cache)
    own = store.current("tyonv_12r5").provenance
    other = store.current("vaerak_11ra").provenance
    meta = store.parquet_path("tyonv_12r5", OLD).with_suffix(".json")
    # someone copied 11ra's parquet and fixed up the checksum and row count to match
    shutil.copy(store.parquet_path("vaerak_11ra", other.release), store.parquet_path("tyonv_12r5", OLD))
    doc = json.loads(meta.read_text(encoding="utf-8"))
    meta.write_text(json.dumps({**doc, "sha256": other.sha256, "rows": other.rows}), encoding="utf-8")
    data = load_dataset(good_cache)
    assert "tyonv_12r5" not in data.provenance
    assert data.notes == [
        f"tyonv_12r5: 20260721T050000Z.parquet: holds figures of vaerak/11ra.px, not {own.table_path}"
    ]


def run_refresh(fake, cache: Path, wrap: list[str] | None = None, preexec=None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "data_sources", "refresh", "--quiet", "--timeout", "5", "--retries", "0"]
    return subprocess.run(
        [*(wrap or []), *command, "--base-url", fake.base_url, "--cache-dir", str(cache)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=preexec,
    )


def test_a_read_only_cache_folder_is_one_line(fake, good_cache):
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rm", "true"]).returncode != 0:
        pytest.skip("needs unshare with user namespaces to mount the cache folder read-only")
    before = snapshot_bytes(good_cache)
    mount = f'mount --bind {good_cache} {good_cache} && mount -o remount,bind,ro {good_cache} && exec "$@"'
    done = run_refresh(fake, good_cache, ["unshare", "-rm", "sh", "-c", mount, "sh"])
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.splitlines() == [
        f"refresh failed: cache folder {good_cache} is not usable: Read-only file system; kept the stored data"
    ]
    assert snapshot_bytes(good_cache) == before


def test_a_full_cache_folder_is_one_line_per_table_and_loses_nothing(fake, good_cache):
    before = snapshot_bytes(good_cache)

    def full_disk() -> None:  # every file may grow to 64 KB: the new parquet and the HTTP cache cannot
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    done = run_refresh(fake, good_cache, preexec=full_disk)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    failures = [line for line in done.stderr.splitlines() if line.startswith("refresh failed:")]
    assert failures[0].startswith("refresh failed: tyonv/12r5.px: ") and "File too large" in failures[0]
    assert all(line.startswith(("refresh failed:", "warning:")) for line in done.stderr.splitlines())
    assert snapshot_bytes(good_cache) == before
    assert os.path.getsize(good_cache / "snapshots" / "MK08" / "manifest.json") < 64 * 1024
    assert load_dataset(good_cache).provenance["tyonv_12r5"].release == OLD

"""What a viewer sees when part of the data is missing, and the event markers on every trend chart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_sources.domain.catalog import load_catalog
from data_sources.service.commands import refresh as refresh_main
from data_sources.snapshots.dataset import load_dataset
from figures.charts import trend_chart
from figures.views import select

APP = str(Path(__file__).resolve().parents[1] / "app.py")
# A generous timeout: only the injected fault may fail, even on a loaded machine.
FAST = ["--quiet", "--timeout", "10", "--retries", "1", "--backoff", "0.01"]


def test_a_failing_population_table_is_said_on_every_page_and_the_monthly_figures_stay(
    fake, tmp_path, monkeypatch, capsys
):
    cache = tmp_path / "cache"
    fake.inject("500", method="POST", path="11ra", times=50)
    assert refresh_main([*FAST, "--base-url", fake.base_url, "--cache-dir", str(cache)]) == 1
    failed = [line for line in capsys.readouterr().err.splitlines() if line.startswith("refresh failed:")]
    assert len(failed) == 1 and failed[0].startswith("refresh failed: vaerak/11ra.px: ")
    assert failed[0].endswith("server error HTTP 500 after 2 attempts; kept the stored data")
    data = load_dataset(cache)
    # every other table stays: the monthly 12r5, 12ub and 12t8, and the themes' statistics; only the population
    assert data.kind == "real" and set(data.frame["table"]) == {
        "tyonv/12r5.px",
        "tyonv/12ub.px",
        "tyonv/12t8.px",
        "aly/11yq.px",
        "alyr/13ww.px",
        "tkke/13ra.px",
        "vkour/12bq.px",
    }
    monkeypatch.setenv("CACHE_DIR", str(cache))
    st.cache_data.clear()
    st.cache_resource.clear()  # the values derived from a dataset (ui.context.cached_on_data)
    for page in ("screens/overview.py", "screens/groups.py"):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["view"] = "share"
        at.run()
        at.switch_page(page)
        at.run()
        assert not at.exception
        # one plain line naming the figures it affects; the HTTP detail is on the data page only (issue 22)
        notes = [i.value for i in at.info if "väestöön suhteutetut luvut" in i.value]
        assert notes == ["Tilastokeskuksen palveluun ei saada yhteyttä; väestöön suhteutetut luvut puuttuvat."], page
        assert not any("DEMO" in w.value for w in at.warning)


def test_event_markers_stand_at_their_dates_inside_the_range_only():
    catalog = load_catalog()
    frame = load_dataset(Path("/nonexistent-cache")).frame  # the labelled demo: enough months for both ranges
    rows = select(frame, "unemployed", ("MK08",), pd.Timestamp(2020, 1, 1)).assign(shown=lambda r: r["value"])
    spec = trend_chart(rows, catalog=catalog, title="T", unit="u", source="s", lang="fi").to_dict()
    (rule,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    events = spec["datasets"][rule["data"]["name"]]
    assert [e["date"][:10] for e in events] == ["2021-03-23", "2025-01-01"]
    labels = [
        e["label"]
        for layer in spec["layer"]
        if layer["mark"]["type"] == "text"
        for e in spec["datasets"][layer["data"]["name"]]
    ]
    assert sorted(labels) == ["Ohjelma hyväksytty", "TE-palvelut kuntiin – tilasto muuttui"]
    later = trend_chart(
        rows[rows["period"] >= pd.Timestamp(2025, 6, 1)], catalog=catalog, title="T", unit="u", source="s", lang="sv"
    ).to_dict()
    assert [layer["mark"]["type"] for layer in later["layer"]] == ["line", "circle"], json.dumps(later["layer"])[:300]


def test_a_parquet_damaged_under_a_running_app_is_noticed_at_the_next_run(real_cache, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    shutil.copytree(real_cache, cache)
    monkeypatch.setenv("CACHE_DIR", str(cache))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception and not at.warning
    (current,) = (cache / "snapshots" / "MK08" / "tyonv_12r5").glob("20260721*.parquet")
    current.write_bytes(current.read_bytes()[:1000])  # damaged in place: same name, other size
    at.run()
    assert not at.exception
    assert any(w.value.startswith("Tallennetuissa tiedoissa oli vika") for w in at.warning)


def test_every_page_says_when_the_next_release_is_expected_and_what_is_new(real_cache):
    from datetime import date

    from ui.context import Context, release_line
    from ui.state import Selection

    catalog = load_catalog()
    data = load_dataset(real_cache)
    ctx = Context(data, catalog, Selection.default(catalog), data.frame["period"].min(), data.frame["period"].max())
    # June's figures came out 21.7.2026; July's are expected 25 days after the end of August's first day
    assert release_line(ctx, date(2026, 7, 30)) == "Uutta 21.7.2026 alkaen · Seuraava julkaisu odotetaan 25.8.2026"
    assert release_line(ctx, date(2026, 8, 25)) == "Seuraava julkaisu odotetaan 25.8.2026"
    # once the day has passed with nothing new fetched, the line says the release is late
    assert release_line(ctx, date(2026, 12, 1)) == "Seuraavaa julkaisua odotettiin 25.8.2026; sitä ei ole vielä haettu"

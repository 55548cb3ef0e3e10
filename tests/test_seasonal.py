"""A release where every year repeats the same seasonal pattern: nothing changed, so every change the
scorecard, the overview's tiles and the report's summary state is 0,0 and nothing progressed or worsened."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

import data_sources.snapshots.dataset
from data_sources.domain.catalog import load_catalog
from data_sources.snapshots.dataset import load_dataset
from report.halfyear import build_report
from tests.tables import page_tiles
from tests.test_app import open_app

CATALOG = load_catalog()
ZERO = re.compile(r"^±0,0\u00a0(%|%-yks\.)$")


def repeat_2019(frame: pd.DataFrame) -> pd.DataFrame:
    """Every month's figure replaced by the same calendar month's figure of 2019: a purely seasonal release."""
    monthly = frame[frame["series"] != "population"]
    key = monthly.set_index(["series", "area_code", "period"])["value"].to_dict()
    same = [
        key.get((s, a, pd.Timestamp(2019, p.month, 1)), math.nan)
        for s, a, p in zip(monthly["series"], monthly["area_code"], monthly["period"], strict=True)
    ]
    frame = frame.copy()
    frame.loc[monthly.index, "value"] = same
    return frame


@pytest.fixture()
def seasonal_demo(monkeypatch):
    """The app's labelled demo dataset made purely seasonal (the app falls back to it on an empty cache)."""
    real = data_sources.snapshots.dataset.demo_tables

    def seasonal_tables(catalog):
        return {key: (repeat_2019(frame), prov) for key, (frame, prov) in real(catalog).items()}

    monkeypatch.setattr(data_sources.snapshots.dataset, "demo_tables", seasonal_tables)


def test_the_report_summary_is_all_zero_and_held(seasonal_demo, tmp_path):
    data = load_dataset(tmp_path / "empty")
    report = build_report("2026H1", data, CATALOG, "fi")
    headers = report.summary.headers
    changes = [i for i, h in enumerate(headers) if h.startswith(("Muutos", "Koko maa", "Vertailu"))]
    assert len(changes) == 5
    scored = [row for row in report.summary.rows if row[2] not in ("..", "–")]
    assert len(scored) == 10
    for row in scored:
        assert all(ZERO.match(row[i]) for i in changes), row
        assert row[-1].startswith(("= ennallaan", "– ei mitattavissa")), row
    assert not any("edennyt" in row[-1] or "heikentynyt" in row[-1] for row in report.summary.rows)


def test_the_overview_tiles_show_nothing_progressed_or_worsened(seasonal_demo, tmp_path, monkeypatch):
    at = open_app(tmp_path / "empty", monkeypatch)
    for heading, lines in page_tiles(at).items():
        counts = dict(line.split(": ") for line in lines if ": " in line)
        assert counts["✔ edennyt"] == "0" and counts["✖ heikentynyt"] == "0", heading


def test_the_theme_scorecard_is_all_zero(seasonal_demo, tmp_path, monkeypatch):
    at = open_app(tmp_path / "empty", monkeypatch, page="screens/themes.py", theme="4.4")
    rows = at.markdown[2].value.splitlines()[2:]
    assert len(rows) == 5
    for row in rows:
        cells = [c.strip() for c in row.strip(" |").split(" | ")]
        changes = re.findall(r"[+−±]\d+,\d\u00a0(?:%-yks\.|%)", " ".join(cells[2:4]))
        assert len(changes) == 5 and all(ZERO.match(c) for c in changes), cells
        assert cells[-1].startswith(("**= ennallaan**", "**– ei mitattavissa tästä tilastosta**"))

"""Issue 18, item 2: a release whose baseline is 0 (or Infinity) for one series leaves every page and the report
rendering, and the scorecard says in one line why that figure cannot be judged."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import data_sources.snapshots.dataset
from data_sources.domain.catalog import load_catalog
from data_sources.snapshots.dataset import load_dataset
from report.halfyear import build_report, to_pdf
from tests.test_app import PAGES, open_app

CATALOG = load_catalog()
BASELINE_YEAR = pd.date_range("2020-04-01", "2021-03-01", freq="MS")


@pytest.fixture(params=[0.0, math.inf], ids=["zero", "infinity"])
def broken_baseline(request, monkeypatch):
    """The demo dataset with the region's unemployed 4/2020–3/2021 set to 0 (or Infinity)."""
    real = data_sources.snapshots.dataset.demo_tables

    def tables(catalog):
        out = {}
        for key, (frame, prov) in real(catalog).items():
            hit = (
                (frame["series"] == "unemployed") & (frame["area_code"] == "MK08") & frame["period"].isin(BASELINE_YEAR)
            )
            frame = frame.copy()
            frame.loc[hit, "value"] = request.param
            out[key] = (frame, prov)
        return out

    monkeypatch.setattr(data_sources.snapshots.dataset, "demo_tables", tables)
    return request.param


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(broken_baseline, page, tmp_path, monkeypatch):
    at = open_app(tmp_path / "empty", monkeypatch, page)
    assert at.title


def test_the_theme_says_why_and_the_report_builds(broken_baseline, tmp_path, monkeypatch):
    at = open_app(tmp_path / "empty", monkeypatch, page="screens/themes.py", theme="4.2")
    why = (
        "Kymenlaakso: lähtötaso on 0, joten suhteellista muutosta ei ole"
        if broken_baseline == 0
        else ("Kymenlaakso, huhtikuu 2020: luku puuttuu (+11)")
    )
    assert f"? ei arvioitavissa – Työttömät työnhakijat: {why}" in " ".join(c.value for c in at.caption)
    report = build_report("2026H1", load_dataset(tmp_path / "empty"), CATALOG, "fi")
    row = next(r for r in report.summary.rows if r[1] == "Työttömät työnhakijat")
    assert row[5] == ".." and row[-1] == "? ei arvioitavissa"
    assert to_pdf(report).startswith(b"%PDF")

"""Issue 18: implausible figures are refused before a release is stored, the first release too."""

from __future__ import annotations

import pandas as pd
import pytest

from data_sources.catalog import load_catalog
from data_sources.dataset import load_dataset
from data_sources.demo import demo_tables
from data_sources.refresh import main as refresh_main
from data_sources.series_frame import judge_release
from tests.fake_pxweb import MONTH_INDEX, municipal_value
from tests.test_faults import FAST, snapshot_bytes

TABLE = "tyonv/12r5.px"
NEW = "2026-08-18T05:00:00Z"


def refresh(fake, cache) -> int:
    return refresh_main([*FAST, "--base-url", fake.base_url, "--cache-dir", str(cache)])


def failure_lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("refresh failed:")]


def refused(reason: str) -> list[str]:
    return [f"refresh failed: {TABLE}: {TABLE}: {reason}; kept the stored data"]


def stored_12r5(cache) -> list[str]:
    return [name for name in snapshot_bytes(cache) if "12r5" in name]


# --- the first release is checked too -----------------------------------------------------------

FIRST_RELEASE = [
    ("KU286:TYOTTOMATLOPUSSA:inf", "figure not finite in KU286 unemployed 2026-06: inf"),
    ("KU286:TYOTTOMATLOPUSSA:-5", "negative count in KU286 unemployed 2026-06: -5"),
    ("KU286:TYOTTOMATLOPUSSA:1e18", "count over 10000000 in KU286 unemployed 2026-06: 1e+18"),
    ("KU286:TYOTOSUUS:250", "percentage outside 0–100 in KU286 unemployment_rate 2026-06: 250"),
]


@pytest.mark.parametrize("arg, reason", FIRST_RELEASE, ids=[a for a, _ in FIRST_RELEASE])
def test_an_implausible_figure_refuses_the_first_release(fake, cache_dir, capsys, arg, reason):
    fake.inject("set", path="12r5", times=50, arg=arg)
    assert refresh(fake, cache_dir) == 1
    assert failure_lines(capsys) == refused(reason)
    assert stored_12r5(cache_dir) == [], "nothing of the table stored"


def test_municipalities_that_do_not_add_up_to_their_region_are_refused(fake, cache_dir, capsys):
    kouvola = fake.cell(TABLE, "KU286", "2026M06", "TYOTTOMATLOPUSSA")[0]
    region = fake.cell(TABLE, "MK08", "2026M06", "TYOTTOMATLOPUSSA")[0]
    fake.inject("set", path="12r5", times=50, arg=f"KU286:TYOTTOMATLOPUSSA:{2 * kouvola}")
    assert refresh(fake, cache_dir) == 1
    assert failure_lines(capsys) == refused(
        f"areas do not add up in MK08 unemployed 2026-06: {region:g} against {region + kouvola:g} summed, "
        f"SK081 unemployed 2026-06: {kouvola:g} against {2 * kouvola:g} summed"
    )
    assert stored_12r5(cache_dir) == []


def test_dimensions_in_another_order_give_the_same_figures(fake, cache_dir, tmp_path):
    assert refresh(fake, tmp_path / "plain") == 0
    fake.inject("transpose", path="12r5", times=50)
    assert refresh(fake, cache_dir) == 0
    frame = load_dataset(cache_dir).frame
    pd.testing.assert_frame_equal(frame, load_dataset(tmp_path / "plain").frame)
    kouvola = frame[(frame["series"] == "unemployed") & (frame["area_code"] == "KU286")]
    assert kouvola["value"].iloc[-1] == fake.cell(TABLE, "KU286", "2026M06", "TYOTTOMATLOPUSSA")[0]


def test_dimensions_relabelled_without_their_values_are_refused(fake, cache_dir, capsys):
    fake.inject("misorder", path="12r5", times=50)
    assert refresh(fake, cache_dir) == 1
    (line,) = failure_lines(capsys)
    assert line.startswith(f"refresh failed: {TABLE}: {TABLE}: percentage outside 0–100 in MK08 unemployment_rate ")
    assert line.endswith("; kept the stored data")
    assert stored_12r5(cache_dir) == []


# --- a new month against the stored history -----------------------------------------------------


def test_one_municipality_times_ten_in_a_new_month_is_refused(fake, good_cache, capsys):
    before = snapshot_bytes(good_cache)
    tenfold = 9 * municipal_value("KU286", "TYOTTOMAT50", MONTH_INDEX["2026M07"])
    fake.publish("2026M07", NEW, revisions={("KU286", "TYOTTOMAT50", "2026M07"): tenfold})
    assert refresh(fake, good_cache) == 1
    moves = [
        f"{area} jobseekers_over55 2026-07: {fake.cell(TABLE, area, '2026M06', 'TYOTTOMAT50')[0]:g} → "
        f"{fake.cell(TABLE, area, '2026M07', 'TYOTTOMAT50')[0]:g}"
        for area in ("MK08", "SK081", "KU286")  # Kouvola, and the sub-region and region it is part of
    ]
    more = " and 1 more"  # the whole country, Kouvola's figure in it too
    assert failure_lines(capsys) == refused(f"implausible change from the month before in {', '.join(moves)}{more}")
    assert snapshot_bytes(good_cache) == before


def test_the_fake_servers_next_release_and_the_demo_data_pass(fake, good_cache, capsys):
    assert refresh(fake, good_cache) == 0
    catalog = load_catalog()
    for key, (frame, _) in demo_tables(catalog).items():
        table = catalog.tables[key]
        assert judge_release(frame, table, catalog, None).problems == [], key
        earlier = frame[frame["period"] < frame["period"].max()]
        assert judge_release(frame, table, catalog, earlier).problems == [], key


def test_a_suppressed_municipality_leaves_the_region_at_least_the_sum_of_the_others():
    catalog = load_catalog()
    table = catalog.tables["tyonv_12r5"]
    frame = demo_tables(catalog)["tyonv_12r5"][0]
    newest = frame["period"].max()

    def cell(area: str) -> pd.Series:
        return (frame["series"] == "unemployed") & (frame["area_code"] == area) & (frame["period"] == newest)

    hidden = frame.copy()
    hidden.loc[cell("KU489"), "value"] = float("nan")  # Miehikkälä suppressed
    assert judge_release(hidden, table, catalog, None).problems == []
    known = sum(frame.loc[cell(m), "value"].item() for m in catalog.region_members["MK08"] if m != "KU489")
    hidden.loc[cell("MK08"), "value"] = known - 200  # beyond the 1 % tolerance
    assert judge_release(hidden, table, catalog, None).problems == [
        f"{TABLE}: areas do not add up in MK08 unemployed {newest:%Y-%m}: {known - 200:g} against {known:g} summed"
    ]

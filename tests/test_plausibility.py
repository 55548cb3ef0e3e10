"""Issue 18: implausible figures are refused before a release is stored, the first release too."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from data_sources.domain.catalog import CATALOG_PATH, CatalogError, load_catalog, parse_catalog
from data_sources.domain.region import load_region, with_region
from data_sources.service.commands import refresh as refresh_main
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.demo import demo_tables
from data_sources.snapshots.series_frame import judge_release
from tests.fake_pxweb import MONTH_INDEX, FakePxWeb, municipal_value
from tests.test_faults import FAST, snapshot_bytes

TABLE = "tyonv/12r5.px"
NEW = "2026-08-18T05:00:00Z"
RATE_PARTS = ("TYOTTOMATLOPUSSA", "TYOVOIMATK", "TYOTOSUUS")  # unemployed, labour force, their rate


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


def test_the_real_release_times_three_is_refused(cache_dir, capsys):
    with FakePxWeb(factor=3.0) as fake:
        assert refresh(fake, cache_dir) == 1

        def rate(area: str, month: str) -> str:
            unemployed, force, shown = (fake.cell(TABLE, area, month, c)[0] for c in RATE_PARTS)
            computed = 100 * unemployed / force
            return f"{area} unemployment_rate {month.replace('M', '-')}: {shown * 3.0:.10g} against {computed:.1f}"

    months_listed = ", ".join(rate("MK08", month) for month in ("2009M01", "2009M02", "2009M03"))
    # every area's rate in every month (2009-01..2026-06) is off, three of them named
    off = len(load_catalog().area_codes) * (17 * 12 + 6) - 3
    population = 3.0 * fake.cell("vaerak/11ra.px", "SSS", "2025", "vaerak-vaesto")[0]
    assert failure_lines(capsys) == [
        *refused(f"percentage off its parts (100 × unemployed / labour_force) in {months_listed} and {off} more"),
        "refresh failed: vaerak/11ra.px: vaerak/11ra.px: count over 10000000 in SSS population 2025: "
        f"{population:.10g}; kept the stored data",
    ]
    # neither refused table stored (12ub and 12t8 are the fake's own figures, not tripled: stored)
    assert not any(name.startswith(("tyonv_12r5/", "vaerak_11ra/")) for name in snapshot_bytes(cache_dir))


def test_municipalities_that_do_not_add_up_to_their_region_are_refused(fake, cache_dir, capsys):
    kouvola = fake.cell(TABLE, "KU286", "2026M06", "TYOTTOMAT50")[0]
    region = fake.cell(TABLE, "MK08", "2026M06", "TYOTTOMAT50")[0]
    fake.inject("set", path="12r5", times=50, arg=f"KU286:TYOTTOMAT50:{2 * kouvola}")
    assert refresh(fake, cache_dir) == 1
    assert failure_lines(capsys) == refused(
        f"areas do not add up in MK08 jobseekers_over55 2026-06: {region:.10g} against {region + kouvola:.10g} "
        f"summed, SK081 jobseekers_over55 2026-06: {kouvola:.10g} against {2 * kouvola:.10g} summed"
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
        f"{area} jobseekers_over55 2026-07: {fake.cell(TABLE, area, '2026M06', 'TYOTTOMAT50')[0]:.10g} → "
        f"{fake.cell(TABLE, area, '2026M07', 'TYOTTOMAT50')[0]:.10g}"
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
        f"{TABLE}: areas do not add up in MK08 unemployed {newest:%Y-%m}: {known - 200:.10g} against "
        f"{known:.10g} summed"
    ]


def test_a_share_of_series_of_another_table_is_a_catalog_error():
    raw = with_region(yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8")), load_region())
    (rate,) = [s for s in raw["series"] if s.get("share_of")]
    rate["share_of"] = ["unemployed", "population"]
    with pytest.raises(CatalogError, match=r"^series\[3\]\.share_of: must name two series of its table"):
        parse_catalog(raw)


def test_a_jump_the_areas_history_has_seen_before_passes():
    catalog = load_catalog()
    table = catalog.tables["tyonv_12r5"]
    frame = demo_tables(catalog)["tyonv_12r5"][0]
    newest = frame["period"].max()
    laid_off = (frame["series"] == "laid_off") & (frame["area_code"] == "SSS")  # a sum of no listed members
    before = frame.loc[laid_off & (frame["period"] == newest - pd.DateOffset(months=1)), "value"].item()
    new = frame.copy()
    new.loc[laid_off & (new["period"] == newest), "value"] = 3 * before + 100  # spring 2020 again
    stored = new[new["period"] < newest].copy()
    assert judge_release(new, table, catalog, stored).problems == [
        f"{TABLE}: implausible change from the month before in SSS laid_off {newest:%Y-%m}: "
        f"{before:.10g} → {3 * before + 100:.10g}"
    ]
    spring_2020 = laid_off & (stored["period"] == pd.Timestamp(2020, 4, 1))
    stored.loc[spring_2020, "value"] += 2 * before  # a history that has seen a move of that size
    assert judge_release(new, table, catalog, stored).problems == []

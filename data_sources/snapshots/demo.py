"""A deterministic demo dataset, shaped like the real series and anchored to June 2026 levels.

Shown only when no real snapshot exists; every row's provenance says kind "demo".
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from data_sources.domain.catalog import Catalog
from data_sources.snapshots.series_frame import cells_to_series
from data_sources.snapshots.store import Provenance

DEMO_RELEASE = "2026-07-21T05:00:00Z"
DEMO_LAST_PERIOD = "2026M06"

# June 2026 unemployed jobseekers (real figures quoted in the data-layer issue).
UNEMPLOYED_2026M06 = {
    "KU286": 4765,
    "KU285": 3715,
    "KU075": 1159,
    "KU624": 249,
    "KU935": 167,
    "KU489": 98,
}
JOBSEEKERS_MK08_2026M06 = 15334
RATE_MK08_2026M06 = 14.4
RATE_SSS_2026M06 = 12.8
UNEMPLOYED_SSS_2026M06 = 352_000
# Rates relative to the region's, to give the municipalities their own profile.
RATE_PROFILE = {"KU286": 1.02, "KU285": 1.12, "KU075": 0.86, "KU624": 0.68, "KU935": 0.70, "KU489": 0.74}
# Shares of unemployed (or of all jobseekers' ratio) by content code.
SHARES = {
    "TYOTTOMATMIEHET": 0.56,
    "TYOTTOMAT20": 0.035,
    "TYOTTOMAT25": 0.11,
    "TYOTTOMAT50": 0.42,
    "TYOTTOMATSAIR": 0.09,
    "TYOTTOMATULK": 0.08,
    "PITKAAIKAISTYOTTOMAT": 0.36,
    "LOMAUTETTU": 0.06,
    "TYOLLISTETTYLOP": 0.09,
    "TYOHARJOITTELULOP": 0.005,
    "KOKEILULOP": 0.03,
    "TVKOULUTUSLOP": 0.06,
    "VALMENNUSLOP": 0.04,
    "MTPPALVELUTLOP": 0.05,
    "AVPAIKATLOPUSSA": 0.25,
    "UUDETAVP": 0.15,
}
# Unemployment level through the years relative to mid-2026 (finance crisis, 2015 peak,
# 2020 pandemic, 2022 low, rise since 2023).
YEAR_LEVEL = {
    2009: 0.95,
    2010: 1.0,
    2011: 0.97,
    2012: 1.02,
    2013: 1.1,
    2014: 1.18,
    2015: 1.25,
    2016: 1.21,
    2017: 1.07,
    2018: 0.92,
    2019: 0.86,
    2020: 1.12,
    2021: 0.98,
    2022: 0.84,
    2023: 0.87,
    2024: 0.95,
    2025: 1.01,
    2026: 1.02,
}
# Month-end seasonality of job-seeker counts: high in summer and midwinter.
SEASON = [1.05, 1.03, 1.0, 0.98, 0.95, 1.0, 1.05, 0.98, 0.95, 0.96, 0.99, 1.03]
# Population 31.12.2025 (StatFin 11ra), extrapolated back with a steady decline.
POPULATION_2025 = {
    "SSS": 5_652_881,
    "MK08": 156_198,
    "SK081": 77_625,
    "SK082": 78_573,
    "KU075": 19_113,
    "KU285": 50_029,
    "KU286": 77_625,
    "KU489": 1_664,
    "KU624": 5_016,
    "KU935": 2_751,
    # the other mainland regions, for the same table's areas (population only; their counts are demo)
    "MK01": 1_799_629,
    "MK02": 497_800,
    "MK04": 210_112,
    "MK05": 168_957,
    "MK06": 548_910,
    "MK07": 204_522,
    "MK09": 124_238,
    "MK10": 128_144,
    "MK11": 248_512,
    "MK12": 161_418,
    "MK13": 273_731,
    "MK14": 189_474,
    "MK15": 179_555,
    "MK16": 67_498,
    "MK17": 417_939,
    "MK18": 69_193,
    "MK19": 176_215,
}
# The other mainland regions (demo only, not official figures): unemployed jobseekers in June 2026, the
# unemployment rate then, and a yearly drift of their own since 2021, so that each region moved its own way
# and the scorecard's comparable regions and ranks have something to tell.
OTHER_REGIONS_2026M06 = {
    "MK01": (108_000, 11.8, -0.010),
    "MK02": (33_000, 12.0, 0.004),
    "MK04": (12_500, 12.3, 0.012),
    "MK05": (9_500, 11.6, -0.006),
    "MK06": (39_000, 13.8, 0.015),
    "MK07": (17_000, 15.2, -0.012),
    "MK09": (9_800, 14.0, 0.008),
    "MK10": (9_000, 12.6, -0.018),
    "MK11": (15_500, 12.9, -0.004),
    "MK12": (12_000, 15.6, -0.020),
    "MK13": (20_000, 15.0, 0.010),
    "MK14": (8_000, 9.3, 0.006),
    "MK15": (7_500, 8.6, 0.002),
    "MK16": (2_800, 8.9, -0.008),
    "MK17": (25_000, 12.8, 0.000),
    "MK18": (4_300, 14.2, -0.014),
    "MK19": (10_000, 12.7, -0.016),
}
SMALL_COUNT_LIMIT = 5  # municipal counts below this are suppressed ('...'), as StatFin does
SUPPRESSED_CODES = ("TYOTTOMAT20", "TYOTTOMATULK", "TYOTTOMATSAIR")


def _months(last: str) -> list[str]:
    year, month = (int(x) for x in last.split("M"))
    return [f"{y}M{m:02d}" for y in range(2009, year + 1) for m in range(1, 13) if (y, m) <= (year, month)]


def _shape(months: list[str], anchor: str, wobble: float) -> np.ndarray:
    """Level multipliers over months, exactly 1.0 at the anchor month."""
    values: list[float] = []
    for code in months:
        year, month = (int(x) for x in code.split("M"))
        here = YEAR_LEVEL[year]
        there = YEAR_LEVEL.get(year + 1, here)
        level = here + (there - here) * (month - 1) / 12
        if year == 2020 and 4 <= month <= 6:
            level *= 1.22  # pandemic lay-offs
        values.append(level * SEASON[month - 1] * (1 + 0.01 * math.sin(wobble + len(values) / 2.7)))
    shape = np.array(values)
    return shape / shape[months.index(anchor)]


def _municipal_cells(months: list[str]) -> dict[str, dict[str, np.ndarray]]:
    target_lf = sum(UNEMPLOYED_2026M06.values()) / (RATE_MK08_2026M06 / 100)
    raw_lf = {a: u / (RATE_MK08_2026M06 * RATE_PROFILE[a] / 100) for a, u in UNEMPLOYED_2026M06.items()}
    scale = target_lf / sum(raw_lf.values())
    ratio = JOBSEEKERS_MK08_2026M06 / sum(UNEMPLOYED_2026M06.values())
    out = {}
    years_back = (len(months) - 1 - np.arange(len(months))) / 12  # labour force shrinks slowly
    for i, (area, june) in enumerate(UNEMPLOYED_2026M06.items()):
        shape = _shape(months, DEMO_LAST_PERIOD, wobble=i * 1.3)
        unemployed = np.round(june * shape)
        cells = {
            "TYOTTOMATLOPUSSA": unemployed,
            "HAKIJALOPUSSA": np.round(unemployed * ratio),
            "TYOVOIMATK": np.round(raw_lf[area] * scale * (1 - 0.004 * years_back)),
        }
        for code, share in SHARES.items():
            local = share * (1.4 if code == "TYOTTOMATULK" and area == "KU285" else 1.0)
            cells[code] = np.round(unemployed * local * (1 + 0.05 * np.sin(np.arange(len(months)) / 5 + i)))
        cells["TYOTTOMATNAISET"] = unemployed - cells["TYOTTOMATMIEHET"]
        out[area] = cells
    return out


def _country_cells(months: list[str]) -> dict[str, np.ndarray]:
    unemployed = np.round(UNEMPLOYED_SSS_2026M06 * _shape(months, DEMO_LAST_PERIOD, wobble=9.0))
    cells = {
        "TYOTTOMATLOPUSSA": unemployed,
        "HAKIJALOPUSSA": np.round(unemployed * 1.55),
        "TYOVOIMATK": np.full(len(months), round(UNEMPLOYED_SSS_2026M06 / RATE_SSS_2026M06 * 100)),
    }
    for code, share in SHARES.items():
        cells[code] = np.round(unemployed * share * (1.6 if code == "TYOTTOMATULK" else 1.0))
    cells["TYOTTOMATNAISET"] = unemployed - cells["TYOTTOMATMIEHET"]
    return cells


def _other_region_cells(months: list[str], catalog: Catalog) -> dict[str, dict[str, np.ndarray]]:
    out = {}
    years_to_anchor = (np.arange(len(months)) - (len(months) - 1)) / 12
    for i, area in enumerate(a.code for a in catalog.other_regions if a.code in OTHER_REGIONS_2026M06):
        june, rate, drift = OTHER_REGIONS_2026M06[area]
        unemployed = np.round(june * _shape(months, DEMO_LAST_PERIOD, wobble=2.0 + i) * (1 + drift * years_to_anchor))
        cells = {
            "TYOTTOMATLOPUSSA": unemployed,
            "HAKIJALOPUSSA": np.round(unemployed * 1.5),
            "TYOVOIMATK": np.full(len(months), round(june / rate * 100)),
        }
        for code, share in SHARES.items():
            cells[code] = np.round(unemployed * share)
        cells["TYOTTOMATNAISET"] = unemployed - cells["TYOTTOMATMIEHET"]
        out[area] = cells
    return out


def _rows(area: str, months: list[str], cells: dict[str, np.ndarray], suppress: bool) -> list[tuple]:
    rows = []
    rate = np.round(100 * cells["TYOTTOMATLOPUSSA"] / cells["TYOVOIMATK"], 1)
    for code, values in [*cells.items(), ("TYOTOSUUS", rate)]:
        for month, value in zip(months, values, strict=True):
            hidden = suppress and code in SUPPRESSED_CODES and 0 < value < SMALL_COUNT_LIMIT
            rows.append((area, month, code, math.nan if hidden else float(value), "..." if hidden else None))
    return rows


def demo_tables(catalog: Catalog) -> dict[str, tuple[pd.DataFrame, Provenance]]:
    """Table key -> (tidy frame, provenance) for every catalog table, all flagged demo."""
    months = _months(DEMO_LAST_PERIOD)
    municipal = _municipal_cells(months)
    rows = []
    for area, cells in municipal.items():
        rows += _rows(area, months, cells, suppress=True)
    for parent, members in catalog.region_members.items():
        summed = {code: np.sum([municipal[m][code] for m in members], axis=0) for code in municipal[members[0]]}
        rows += _rows(parent, months, summed, suppress=False)
    rows += _rows("SSS", months, _country_cells(months), suppress=False)
    for area, cells in _other_region_cells(months, catalog).items():
        rows += _rows(area, months, cells, suppress=False)
    tables = {}
    for table in catalog.tables.values():
        if table.frequency == "yearly":  # the population table
            years = [str(y) for y in range(2009, 2026)]
            table_rows = [
                (a, y, "vaerak-vaesto", float(round(p * (1 + 0.006 * (2025 - int(y))))), None)
                for a, p in POPULATION_2025.items()
                for y in years
            ]
        else:
            table_rows = rows
        table_cells = pd.DataFrame(
            table_rows, columns=[table.area_variable, table.time_variable, table.content_variable, "value", "status"]
        )
        frame = cells_to_series(table_cells, table, catalog)
        tables[table.key] = (
            frame,
            Provenance(
                table_key=table.key,
                table_path=table.path,
                release=DEMO_RELEASE,
                fetched_at=DEMO_RELEASE,
                source_url="demo",
                kind="demo",
                rows=len(frame),
                sha256="",
            ),
        )
    return tables

"""A deterministic demo dataset, shaped like the real series and anchored to June 2026 levels.

Shown only when no real snapshot exists; every row's provenance says kind "demo".
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from data_sources.domain.catalog import Catalog, Table
from data_sources.domain.content_yaml import load_file
from data_sources.domain.region import CLASSIFICATION_DIR, Region, load_region
from data_sources.pxweb.jsonstat import period_start
from data_sources.pxweb.resolve import Chosen, Resolution
from data_sources.snapshots.series_frame import SNAPSHOT_COLUMNS, cells_to_series, in_catalog_order, ratio_rows
from data_sources.snapshots.store import Provenance

DEMO_YAML = Path(__file__).with_name("demo.yaml")


@functools.cache
def anchors() -> dict:
    """The national anchors (demo.yaml), read once."""
    data = load_file(DEMO_YAML).data
    if not isinstance(data, dict):
        raise ValueError(f"{DEMO_YAML}: the demo anchors must be a mapping")
    return data


def demo_release() -> str:
    return str(anchors()["release"])


@functools.cache
def population_2025() -> dict[str, int]:
    """Every area's population on 31.12.2025 from Statistics Finland's real 11ra answer shipped in the repository."""
    doc = json.loads((CLASSIFICATION_DIR / anchors()["population_file"]).read_text(encoding="utf-8"))
    return {row["key"][0]: int(row["values"][0]) for row in doc["data"]}


def municipal_anchors(region: Region) -> dict:
    """The region's June anchors: its pack's, or the region's national anchor split by population."""
    if region.demo:
        return region.demo
    june, rate, _ = anchors()["regions"][region.code]
    munis = region.members[region.code]
    population = population_2025()
    total = sum(population[m] for m in munis)
    return {
        "count": {m: max(1, round(june * population[m] / total)) for m in munis},
        "everyone": round(june * anchors()["region_jobseeker_ratio"]),
        "rate": rate,
        # a steady spread of rates around the region's, so that the municipalities differ
        "rate_profile": {m: 0.8 + 0.4 * ((int(m[2:]) * 37) % 100) / 100 for m in munis},
    }


def _months(last: str) -> list[str]:
    year, month = (int(x) for x in last.split("M"))
    return [f"{y}M{m:02d}" for y in range(2009, year + 1) for m in range(1, 13) if (y, m) <= (year, month)]


def _shape(months: list[str], anchor: str, wobble: float) -> np.ndarray:
    """Level multipliers over months, exactly 1.0 at the anchor month."""
    values: list[float] = []
    for code in months:
        year, month = (int(x) for x in code.split("M"))
        year_level = anchors()["year_level"]
        here = year_level[year]
        there = year_level.get(year + 1, here)
        level = here + (there - here) * (month - 1) / 12
        if year == 2020 and 4 <= month <= 6:
            level *= 1.22  # pandemic lay-offs
        values.append(level * anchors()["season"][month - 1] * (1 + 0.01 * math.sin(wobble + len(values) / 2.7)))
    shape = np.array(values)
    return shape / shape[months.index(anchor)]


def _municipal_cells(months: list[str], region: Region) -> dict[str, dict[str, np.ndarray]]:
    own = municipal_anchors(region)
    unemployed_june, rate, profile = own["count"], own["rate"], own["rate_profile"]
    codes, last = anchors()["codes"], anchors()["last_period"]
    target_lf = sum(unemployed_june.values()) / (rate / 100)
    raw_lf = {a: u / (rate * profile[a] / 100) for a, u in unemployed_june.items()}
    scale = target_lf / sum(raw_lf.values())
    ratio = own["everyone"] / sum(unemployed_june.values())
    factors = own.get("share_factor") or {}
    out = {}
    years_back = (len(months) - 1 - np.arange(len(months))) / 12  # labour force shrinks slowly
    for i, (area, june) in enumerate(unemployed_june.items()):
        shape = _shape(months, last, wobble=i * 1.3)
        unemployed = np.round(june * shape)
        cells = {
            codes["count"]: unemployed,
            codes["everyone"]: np.round(unemployed * ratio),
            codes["base"]: np.round(raw_lf[area] * scale * (1 - 0.004 * years_back)),
        }
        for code, share in anchors()["shares"].items():
            local = share * (factors.get(area) or {}).get(code, 1.0)
            cells[code] = np.round(unemployed * local * (1 + 0.05 * np.sin(np.arange(len(months)) / 5 + i)))
        cells[codes["women"]] = unemployed - cells[codes["men"]]
        out[area] = cells
    return out


def _country_cells(months: list[str]) -> dict[str, np.ndarray]:
    country, codes = anchors()["country"], anchors()["codes"]
    unemployed = np.round(country["count"] * _shape(months, anchors()["last_period"], wobble=9.0))
    cells = {
        codes["count"]: unemployed,
        codes["everyone"]: np.round(unemployed * country["jobseeker_ratio"]),
        codes["base"]: np.full(len(months), round(country["count"] / country["rate"] * 100)),
    }
    for code, share in anchors()["shares"].items():
        cells[code] = np.round(unemployed * share * (country["foreign_factor"] if code == codes["foreign"] else 1.0))
    cells[codes["women"]] = unemployed - cells[codes["men"]]
    return cells


def _other_region_cells(months: list[str], catalog: Catalog) -> dict[str, dict[str, np.ndarray]]:
    out = {}
    codes, regions = anchors()["codes"], anchors()["regions"]
    years_to_anchor = (np.arange(len(months)) - (len(months) - 1)) / 12
    for i, area in enumerate(a.code for a in catalog.other_regions if a.code in regions):
        june, rate, drift = regions[area]
        shape = _shape(months, anchors()["last_period"], wobble=2.0 + i)
        unemployed = np.round(june * shape * (1 + drift * years_to_anchor))
        cells = {
            codes["count"]: unemployed,
            codes["everyone"]: np.round(unemployed * anchors()["region_jobseeker_ratio"]),
            codes["base"]: np.full(len(months), round(june / rate * 100)),
        }
        for code, share in anchors()["shares"].items():
            cells[code] = np.round(unemployed * share)
        cells[codes["women"]] = unemployed - cells[codes["men"]]
        out[area] = cells
    return out


def _rows(area: str, months: list[str], cells: dict[str, np.ndarray], suppress: bool) -> list[tuple]:
    rows = []
    codes, limit, suppressed = anchors()["codes"], anchors()["small_count_limit"], anchors()["suppressed"]
    rate = np.round(100 * cells[codes["count"]] / cells[codes["base"]], 1)
    for code, values in [*cells.items(), (codes["rate"], rate)]:
        for month, value in zip(months, values, strict=True):
            hidden = suppress and code in suppressed and 0 < value < limit
            rows.append((area, month, code, math.nan if hidden else float(value), "..." if hidden else None))
    return rows


def demo_tables(catalog: Catalog) -> dict[str, tuple[pd.DataFrame, Provenance]]:
    """Table key -> (tidy frame, provenance) for every catalog table, all flagged demo."""
    months = _months(anchors()["last_period"])
    municipal = _municipal_cells(months, load_region(catalog.region_code))
    rows = []
    for area, cells in municipal.items():
        rows += _rows(area, months, cells, suppress=True)
    for parent, members in catalog.region_members.items():
        summed = {code: np.sum([municipal[m][code] for m in members], axis=0) for code in municipal[members[0]]}
        rows += _rows(parent, months, summed, suppress=False)
    rows += _rows(anchors()["country"]["code"], months, _country_cells(months), suppress=False)
    for area, cells in _other_region_cells(months, catalog).items():
        rows += _rows(area, months, cells, suppress=False)
    tables = {}
    for table in catalog.tables.values():
        if table.by_meaning:
            if table.key in demo_by_meaning_tables(catalog):
                tables[table.key] = (frame := by_meaning_frame(table, catalog)), _provenance(table, len(frame))
            continue  # the others show their series' stand-ins, labelled
        if table.frequency == "yearly":  # the population table
            years = [str(y) for y in range(2009, 2026)]
            population = population_2025()
            table_rows = [
                (
                    a,
                    y,
                    anchors()["population_content"],
                    float(round(population[a] * (1 + 0.006 * (2025 - int(y))))),
                    None,
                )
                for a in catalog.area_codes
                for y in years
            ]
        else:
            table_rows = rows
        table_cells = pd.DataFrame(
            table_rows, columns=[table.area_variable, table.time_variable, table.content_variable, "value", "status"]
        )
        frame = cells_to_series(table_cells, table, catalog)
        tables[table.key] = (frame, _provenance(table, len(frame)))
    return tables


def _provenance(table: Table, rows: int) -> Provenance:
    return Provenance(
        table_key=table.key,
        table_path=table.path,
        release=demo_release(),
        fetched_at=demo_release(),
        source_url="demo",
        kind="demo",
        rows=rows,
        sha256="",
    )


# --- tables read by meaning: demo figures for those none of whose series stands in for another ----------------


def demo_by_meaning_tables(catalog: Catalog) -> tuple[str, ...]:
    """The tables read by meaning the demo has figures for: those whose series are theirs alone (no stand-in
    from another table shows until they are found), e.g. the enterprise, R&D and education tables."""
    return tuple(
        key
        for key, table in catalog.tables.items()
        if table.by_meaning
        and catalog.wanted_by_meaning(key)
        and all(s.proxy is None and not s.codes for s in catalog.wanted_by_meaning(key))
    )


def demo_resolutions(catalog: Catalog) -> tuple[Resolution, ...]:
    """Every series of the demo's tables read by meaning as found, by the demo: what the data page lists."""
    found = []
    for key in demo_by_meaning_tables(catalog):
        table = catalog.tables[key]
        for series in catalog.wanted_by_meaning(key):
            chosen = Chosen("demo", "demo", (series.id,), (series.label["fi"],))
            found.append(Resolution(series.id, table.path, "demo", "demo", (chosen,)))
    return tuple(found)


def _demo_periods(table: Table) -> list[str]:
    own = anchors()["by_meaning"]
    first = int(own["first_year"])
    if table.frequency == "quarterly":
        last_year, last_quarter = (int(x) for x in str(own["last_quarter"]).split("Q"))
        return [
            f"{y}Q{q}" for y in range(first, last_year + 1) for q in range(1, 5) if (y, q) <= (last_year, last_quarter)
        ]
    return [str(y) for y in range(first, int(own["last_year"]) + 1)]


def _demo_areas(table: Table, catalog: Catalog) -> list[str]:
    """The areas a demo table has: R&D by region only (the region, the other regions and the country)."""
    if table.key in anchors()["by_meaning"]["regions_only"]:
        return [a.code for a in catalog.areas if a.kind in ("region", "other_region", "country")]
    return list(catalog.area_codes)


def _level(series_id: str, area: str, periods: list[str], table: Table) -> np.ndarray:
    """One area's demo figures: the region's level per inhabitant times the area's, a growth and a wobble."""
    own = anchors()["by_meaning"]
    level, growth = own["levels"][series_id]
    per_year = 4 if table.frequency == "quarterly" else 1
    steps = np.arange(len(periods)) - (len(periods) - 1)  # 0 at the newest period
    phase = sum(map(ord, area + series_id)) % 17
    shape = (1 + growth) ** (steps / per_year) * (1 + 0.02 * np.sin(phase + steps / 1.7))
    if series_id in own["seasonal"] and per_year == 4:
        shape = shape * np.array([own["season"][int(p[-1]) - 1] for p in periods])
    return level * population_2025()[area] / own["population"] * shape


def by_meaning_frame(table: Table, catalog: Catalog) -> pd.DataFrame:
    """A demo table read by meaning as snapshot rows; a region and sub-region the sum of its municipalities."""
    periods = _demo_periods(table)
    starts = [period_start(p) for p in periods]
    areas = _demo_areas(table, catalog)
    rows = []
    for series in catalog.wanted_by_meaning(table.key):
        figures = {a: _level(series.id, a, periods, table) for a in areas}
        for parent, members in catalog.region_members.items():
            if parent in figures and all(m in figures for m in members):
                figures[parent] = np.sum([np.round(figures[m], series.decimals) for m in members], axis=0)
        for area in areas:
            for start, value in zip(starts, np.round(figures[area], series.decimals), strict=True):
                rows.append(
                    (
                        series.id,
                        table.path,
                        f"demo={series.id}",
                        area,
                        catalog.area(area).name["fi"],
                        start,
                        float(value),
                        None,
                    )
                )
    frame = pd.DataFrame(rows, columns=SNAPSHOT_COLUMNS)
    frame["period"] = frame["period"].astype("datetime64[ns]")
    frame["status"] = frame["status"].astype("string")
    frame = pd.concat([frame, ratio_rows(frame, table, catalog)], ignore_index=True)
    return in_catalog_order(frame, catalog)[SNAPSHOT_COLUMNS].reset_index(drop=True)

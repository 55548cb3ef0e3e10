"""Municipality boundaries for the map: the region's municipalities and their neighbours, EPSG:3067.

The repository keeps Statistics Finland's boundaries of all 308 municipalities (data_sources/domain/geo/,
source and licence in its README); the region's own and their neighbours are taken from it once per process.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from data_sources.domain.region import load_region, region_setting

BOUNDARIES_PATH = Path(__file__).resolve().parent / "geo" / "kunnat_2026_2km.geojson"
TOUCH_METRES = 1.0  # shared borders of the generalised file share their vertices exactly


def area_code(natcode: str) -> str:
    """Statistics Finland's municipality number '624' as an area code of the monthly table, 'KU624'."""
    return f"KU{natcode}"


def _points(feature: dict) -> list[tuple[float, float]]:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [tuple(p) for polygon in polygons for ring in polygon for p in ring]


def extract(full: dict, municipalities: set[str]) -> dict:
    """The features of `municipalities` (area codes) and of every municipality touching one of them.

    Each keeps natcode/namefin/nameswe and gains `area_code` and `member` (true for the region's own).
    Touching: a vertex within TOUCH_METRES of one of the region's (the generalised file's shared borders
    share their vertices), looked up in a 1 km grid of the region's vertices.
    """
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for feature in full["features"]:
        if area_code(feature["properties"]["natcode"]) in municipalities:
            for x, y in _points(feature):
                grid.setdefault((round(x / 1000), round(y / 1000)), []).append((x, y))

    def touches(points: list[tuple[float, float]]) -> bool:
        return any(
            math.dist(p, q) < TOUCH_METRES
            for p in points
            for q in grid.get((round(p[0] / 1000), round(p[1] / 1000)), ())
        )

    kept = []
    for feature in full["features"]:
        code = area_code(feature["properties"]["natcode"])
        member = code in municipalities
        if member or touches(_points(feature)):
            props = {k: feature["properties"][k] for k in ("natcode", "namefin", "nameswe")}
            kept.append({**feature, "properties": {**props, "area_code": code, "member": member}})
    return {"type": "FeatureCollection", "crs": full.get("crs"), "features": kept}


def load_boundaries(region: str | None = None) -> dict:
    """The region's municipalities and their neighbours as GeoJSON (metres, EPSG:3067); made once per process."""
    return _boundaries(region or region_setting())


@functools.cache
def _boundaries(code: str) -> dict:
    full = json.loads(BOUNDARIES_PATH.read_text(encoding="utf-8"))
    return extract(full, set(load_region(code).members[code]))

"""Municipality boundaries for the map: the region's municipalities and their neighbours, EPSG:3067.

The repository keeps its own copy (data_sources/domain/geo/, source and licence in its README). To make
it again from Statistics Finland's full file: `python -m data_sources boundaries FULL.geojson`.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

BOUNDARIES_PATH = Path(__file__).resolve().parent / "geo" / "kymenlaakso_kunnat_2026_2km.geojson"
TOUCH_METRES = 1.0  # shared borders of the generalised file share their vertices exactly


def area_code(natcode: str) -> str:
    """Statistics Finland's municipality number '624' as an area code of the monthly table, 'KU624'."""
    return f"KU{natcode}"


def _points(feature: dict) -> list[tuple[float, float]]:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [tuple(p) for polygon in polygons for ring in polygon for p in ring]


def _touches(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    cells = {(round(x / 1000), round(y / 1000)) for x, y in b}
    near = [(x, y) for x, y in a if (round(x / 1000), round(y / 1000)) in cells]
    return any(math.dist(p, q) < TOUCH_METRES for p in near for q in b)


def extract(full: dict, municipalities: set[str]) -> dict:
    """The features of `municipalities` (area codes) and of every municipality touching one of them.

    Each keeps natcode/namefin/nameswe and gains `area_code` and `member` (true for the region's own).
    """
    own = [f for f in full["features"] if area_code(f["properties"]["natcode"]) in municipalities]
    own_points = [_points(f) for f in own]
    kept = []
    for feature in full["features"]:
        code = area_code(feature["properties"]["natcode"])
        member = code in municipalities
        if member or any(_touches(_points(feature), pts) for pts in own_points):
            props = {k: feature["properties"][k] for k in ("natcode", "namefin", "nameswe")}
            kept.append({**feature, "properties": {**props, "area_code": code, "member": member}})
    return {"type": "FeatureCollection", "crs": full.get("crs"), "features": kept}


@functools.cache
def load_boundaries(path: Path = BOUNDARIES_PATH) -> dict:
    """The stored boundaries as GeoJSON (coordinates in metres, EPSG:3067); read once per process."""
    return json.loads(path.read_text(encoding="utf-8"))

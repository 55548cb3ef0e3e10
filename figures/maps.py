"""The municipality map: the region's municipalities shaded by a figure, neighbours grey, names and values on it."""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

from figures.charts import finish
from figures.formats import fmt_number

NEIGHBOUR_GREY = "#d9d9d9"
# Sequential from light to the charts' blue; diverging blue (fewer) – white – vermillion (more), Okabe-Ito ends.
LEVEL_RANGE = ["#e8f1f8", "#0072B2"]
CHANGE_RANGE = ["#0072B2", "#f7f7f7", "#D55E00"]


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid of a polygon ring (shoelace)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def label_point(geometry: dict) -> tuple[float, float]:
    """Where a municipality's name goes: the centroid of its largest polygon's outer ring."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best = max((_ring_centroid(p[0]) for p in polygons), key=lambda c: abs(c[0]))
    return best[1], best[2]


# A label's size on the map, in pixels: names in bold 12 px above the point, the value under it.
NAME_PX_PER_CHAR, VALUE_PX_PER_CHAR, LABEL_HEIGHT_PX, LABEL_GAP_PX = 7.4, 6.8, 30.0, 4.0
NARROWEST_MAP_PX = 600  # the map is at least this wide on a 1366 px screen (it fills the page's column)


def pixels_per_unit(boundaries: dict, height: int, width: int = NARROWEST_MAP_PX) -> float:
    """How many pixels one coordinate unit (a metre) takes when every feature is fitted in `width` × `height`."""
    xs, ys = [], []
    for feature in boundaries["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            for x, y in polygon[0]:
                xs.append(x)
                ys.append(y)
    return min(width / ((max(xs) - min(xs)) or 1.0), height / ((max(ys) - min(ys)) or 1.0))


def spread_labels(labels: pd.DataFrame, px_per_unit: float, rounds: int = 50) -> pd.DataFrame:
    """The member labels moved apart where their boxes (name over value) would overlap on the map.

    Each overlapping pair is pushed apart along the axis where it overlaps less, each by half, until no two
    boxes overlap (or `rounds` passes): 'Fredrikshamn' and 'Vederlax' side by side, not on top of each other.
    """
    rows = labels.to_dict("records")
    own = [row for row in rows if row["member"]]
    width = [max(len(str(row["name"])) * NAME_PX_PER_CHAR, len(str(row["text"])) * VALUE_PX_PER_CHAR) for row in own]
    for _ in range(rounds):
        clear = True
        for i, first in enumerate(own):
            for j in range(i + 1, len(own)):
                second = own[j]
                dx = (second["x"] - first["x"]) * px_per_unit
                dy = (second["y"] - first["y"]) * px_per_unit
                over_x = (width[i] + width[j]) / 2 + LABEL_GAP_PX - abs(dx)
                over_y = LABEL_HEIGHT_PX + LABEL_GAP_PX - abs(dy)
                if over_x <= 0 or over_y <= 0:
                    continue
                clear = False
                axis, over, sign = ("x", over_x, dx) if over_x <= over_y else ("y", over_y, dy)
                step = (over / 2 + 0.5) / px_per_unit * (1 if sign >= 0 else -1)
                first[axis] -= step
                second[axis] += step
        if clear:
            break
    return pd.DataFrame(rows, columns=labels.columns)


def area_names(boundaries: dict, lang: str, names: dict[str, str] | None = None) -> dict[str, str]:
    """Each feature's name by area code: the catalog's (`names`, in the page's language) where it has one, so
    that the map says 'Vederlax' beside a table saying 'Vederlax'; the boundaries' own name elsewhere."""
    key = "nameswe" if lang == "sv" else "namefin"
    given = names or {}
    return {
        f["properties"]["area_code"]: given.get(f["properties"]["area_code"]) or f["properties"][key]
        for f in boundaries["features"]
    }


def map_figures(
    boundaries: dict,
    values: dict[str, float],
    lang: str,
    decimals: int,
    suffix: str,
    signed: bool,
    names: dict[str, str] | None = None,
):
    """Features with `name`, `value`, `text` ('Pyhtää 9,7 %') and `member`; and label points as a frame."""
    named = area_names(boundaries, lang, names)
    features, labels = [], []
    for feature in boundaries["features"]:
        props = feature["properties"]
        name = named[props["area_code"]]
        value = values.get(props["area_code"], math.nan) if props["member"] else math.nan
        shown = fmt_number(value, decimals, lang, signed=signed)
        text = f"{shown}{suffix}" if shown != ".." else ".."
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "name": name,
                    "member": props["member"],
                    "value": None if math.isnan(value) else value,
                    "text": text if props["member"] else "",
                    "tip": f"{name}: {text}" if props["member"] else name,
                },
            }
        )
        x, y = label_point(feature["geometry"])
        labels.append({"x": x, "y": y, "name": name, "text": text, "member": props["member"]})
    return features, pd.DataFrame(labels)


def map_description(
    labels: pd.DataFrame, title: str, unit: str, values: dict[str, float], codes: dict[str, str]
) -> str:
    """The map as text: every municipality's figure, highest first."""
    own = labels[labels["member"]]
    order = sorted(own.itertuples(), key=lambda r: -values.get(codes.get(str(r.name), ""), -math.inf))
    return f"{title} ({unit}). " + "; ".join(f"{r.name} {r.text}" for r in order) + "."


def municipality_map(
    boundaries: dict,
    values: dict[str, float],
    *,
    title: str,
    unit: str,
    source: str,
    lang: str,
    decimals: int,
    suffix: str = "",
    change: bool = False,
    highlight: str = "",
    height: int = 600,
    names: dict[str, str] | None = None,
) -> alt.LayerChart | alt.FacetChart:
    """Municipalities shaded by `values` (area code -> figure); `change` uses a diverging scale centred on 0.

    Coordinates are EPSG:3067 metres, drawn with the identity projection (y flipped), so no reprojection.
    `names`: area code -> name in `lang` (the catalog's), used before the boundaries' own names.
    """
    features, labels = map_figures(boundaries, values, lang, decimals, suffix, signed=change, names=names)
    named = area_names(boundaries, lang, names)
    codes = {name: code for code, name in named.items()}
    known = [v for v in values.values() if not math.isnan(v)]
    if change:
        reach = max((abs(v) for v in known), default=1.0) or 1.0
        scale = alt.Scale(domain=[-reach, 0, reach], range=CHANGE_RANGE)
    else:
        scale = alt.Scale(domain=[min(known, default=0), max(known, default=1)], range=LEVEL_RANGE)
    data = alt.Data(values=features)
    neighbours = (
        alt.Chart(data)
        .mark_geoshape(fill=NEIGHBOUR_GREY, stroke="white", strokeWidth=0.8)
        .transform_filter("!datum.properties.member")
        .encode(tooltip=alt.Tooltip("properties.name:N", title=None), description="properties.tip:N")
    )
    shaded = (
        alt.Chart(data)
        .mark_geoshape(stroke="#333333", strokeWidth=0.8)
        .transform_filter("datum.properties.member")
        .encode(
            color=alt.Color("properties.value:Q", scale=scale, legend=None),
            tooltip=[alt.Tooltip("properties.name:N", title=None), alt.Tooltip("properties.text:N", title=unit)],
            description="properties.tip:N",
        )
    )
    own = spread_labels(labels, pixels_per_unit(boundaries, height))
    own = own[own["member"]]
    base = alt.Chart(own).encode(longitude="x:Q", latitude="y:Q", text="name:N")
    style: dict[str, Any] = {"fontSize": 12, "fontWeight": "bold"}
    halo = base.mark_text(stroke="white", strokeWidth=3, dy=-7, **style)
    name_text = base.mark_text(color="#111111", dy=-7, **style)
    value_style: dict[str, Any] = {"fontSize": 12, "dy": 8}
    values_halo = base.mark_text(stroke="white", strokeWidth=3, **value_style).encode(text="text:N")
    value_text = base.mark_text(color="#111111", **value_style).encode(text="text:N")
    layers = [neighbours, shaded]
    if highlight:
        outline = (
            alt.Chart(data)
            .mark_geoshape(fill=None, stroke="#000000", strokeWidth=3)
            .transform_filter(f"datum.properties.name == {_js(named.get(highlight, ''))}")
        )
        layers.append(outline)
    chart = (
        alt.layer(*layers, halo, name_text, values_halo, value_text)
        .project(type="identity", reflectY=True)
        .properties(
            width="container",
            height=height,
            title=alt.TitleParams(text=title, subtitle=[unit, *source.split("\n")]),
            description=map_description(labels, title, unit, values, codes),
        )
    )
    return finish(chart, lang)


def _js(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"

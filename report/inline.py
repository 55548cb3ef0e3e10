"""Charts drawn on the server for the page: the same SVG as the download, made to sit inside the page.

A page that draws its charts in the browser loads and runs the whole Vega library for them (about
half a second of a small machine's time per page). Drawn here once per release and selection, the
page gets finished SVG: the same marks, title, source line and Finnish formats as the SVG download.

What a pointer over a month showed as a Vega tooltip becomes a hover title: one invisible column per
month, over the plot's full height, naming every line's figure that month (the `description` the
chart gives its points). The chart as a whole is one image named by its text summary, so a screen
reader reads the summary, not hundreds of marks; the marks' own ARIA attributes are dropped.
Coordinates are cut to one decimal (a tenth of a pixel): the page parses every byte of this markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from figures.markup import Markup
from report.export import chart_svg

# drawn for a 1366-pixel screen's column; shown as wide as the column, up to 1.3 times that on a larger one
WIDTH = 900

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

_GEOMETRY = ("d", "transform", "x", "y", "x1", "x2", "y1", "y2", "width", "height")
_DECIMALS = re.compile(r"(\d+\.\d)\d+")
_TRANSLATE = re.compile(r"translate\(([-\d.e]+),\s*([-\d.e]+)\)")
_ARIA = ("role", "aria-roledescription", "aria-label", "aria-hidden")


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _month_columns(container: ET.Element, height: float) -> None:
    """The container's points (one per line and month) replaced by one hover column per month."""
    points = []
    for point in list(container):
        found = _TRANSLATE.search(point.get("transform", ""))
        if _tag(point) == "path" and found and (label := point.get("aria-label")):
            points.append((float(found.group(1)), label))
            container.remove(point)
    by_x: dict[float, list[str]] = {}
    for x, label in points:
        by_x.setdefault(round(x, 1), []).append(label)
    xs = sorted(by_x)
    for i, x in enumerate(xs):
        left = (x + xs[i - 1]) / 2 if i else x
        right = (x + xs[i + 1]) / 2 if i + 1 < len(xs) else x
        left, right = (left, right) if len(xs) > 1 else (x - 3, x + 3)
        column = ET.SubElement(
            container,
            f"{{{SVG}}}rect",
            {"x": f"{left:.1f}", "y": "0", "width": f"{max(right - left, 1):.1f}", "height": f"{height:g}"},
        )
        column.set("fill", "transparent")
        ET.SubElement(column, f"{{{SVG}}}title").text = "\n".join(by_x[x])


def inline_chart(spec: dict, description: str, width: int = WIDTH) -> Markup:
    """`spec` as SVG for the page: one image named `description`, as wide as its column."""
    root = ET.fromstring(chart_svg(spec, width))
    for container in root.iter():
        if "mark-symbol" in container.get("class", ""):
            _month_columns(container, float(spec.get("height", 0)))
    for element in root.iter():
        for name in _ARIA:
            element.attrib.pop(name, None)
        for name in _GEOMETRY:
            if name in element.attrib:
                element.set(name, _DECIMALS.sub(r"\1", element.attrib[name]))
    root.set("class", "marks chart")
    root.set("role", "img")
    root.set("aria-label", description)
    root.set("style", f"width:100%;height:auto;max-width:{float(root.get('width', width)) * 1.3:.0f}px")
    # a hover title's line breaks as character references, the markup one line (the browser reads both as a
    # line break; they were for st.markdown, which the page no longer parses it with: ui/safe.markup_script)
    return Markup(ET.tostring(root, encoding="unicode").replace("\n", "&#10;"))

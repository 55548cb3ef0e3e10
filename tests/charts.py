"""The charts on an AppTest page, drawn on the server as SVG (report/inline.py), read back."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from tests.shown import shown_markup

NS = {"svg": "http://www.w3.org/2000/svg"}


@dataclass(frozen=True)
class PageChart:
    markup: str

    @property
    def svg(self) -> ET.Element:
        return ET.fromstring(self.markup)

    def texts(self, role: str) -> list[str]:
        """The text of every mark of a Vega role: 'title-text', 'title-subtitle', 'axis-label', 'legend-label'."""
        lines = []
        for group in self.svg.iter():
            if f"role-{role}" in group.get("class", "").split():
                for text in group.iterfind(".//svg:text", NS):
                    spans = text.findall("svg:tspan", NS)  # a text of several lines: a tspan each
                    lines += ["".join(span.itertext()) for span in spans] if spans else ["".join(text.itertext())]
        return lines

    @property
    def title(self) -> str:
        return " ".join(self.texts("title-text"))

    @property
    def subtitle(self) -> list[str]:
        return self.texts("title-subtitle")

    @property
    def hover(self) -> list[str]:
        """Each hover title (a month's figures, a line each)."""
        return ["".join(t.itertext()) for t in self.svg.iterfind(".//svg:title", NS)]


def page_charts(at) -> list[PageChart]:
    """Every chart on the page, in page order."""
    return [PageChart(m) for m in shown_markup(at) if m.startswith("<svg") and 'class="marks chart"' in m]

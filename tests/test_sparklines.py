"""The overview's sparklines, drawn on the server as inline SVG: positions worked out by hand, gaps for missing."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from figures.sparklines import sparkline_points, sparkline_svg


def test_points_span_the_box_lowest_at_the_bottom_highest_at_the_top():
    # 3 months over 240 × 48 with 3 px padding: x = 3, 120, 237; y = 45 (lowest), 3 (highest)
    assert sparkline_points([10.0, 30.0, 20.0]) == ["3.0,45.0 120.0,3.0 237.0,24.0"]


def test_a_missing_month_is_a_gap_never_zero_and_a_flat_line_lies_in_the_middle():
    # 5 months: x step 58.5; the None and the NaN split the line into three runs
    assert sparkline_points([1.0, None, 3.0, math.nan, 2.0]) == ["3.0,45.0", "120.0,3.0", "237.0,24.0"]
    assert sparkline_points([5.0, 5.0]) == ["3.0,24.0 237.0,24.0"]
    assert sparkline_points([None, math.nan]) == []


def test_the_svg_parses_is_named_or_hidden_for_screen_readers_and_takes_only_a_colour():
    svg = ET.fromstring(sparkline_svg([1.0, None, 3.0, 2.0, 4.0], "#0072B2"))
    assert svg.get("aria-hidden") == "true" and svg.get("class") == "sparkline"
    assert [e.tag for e in svg] == ["circle", "polyline"]  # a lone month is a dot, a run is a line
    assert svg[1].get("stroke") == "#0072B2"
    named = ET.fromstring(sparkline_svg([1.0, 2.0], "#000000", 'Työttömät <b>"9 973"</b>'))
    assert named.get("role") == "img" and named.get("aria-label") == 'Työttömät <b>"9 973"</b>'  # text, not markup
    assert named.get("aria-hidden") is None
    with pytest.raises(ValueError, match="not a colour"):
        sparkline_svg([1.0], '#000" onload="alert(1)')

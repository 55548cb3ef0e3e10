"""Every area's line can be seen on a projector and told apart from the others, colour-blind vision included.

Contrast is WCAG 2's (relative luminance of sRGB); lines need 3:1 against the white chart (WCAG 1.4.11,
graphical objects). Colours are told apart by their CIE76 difference in CIELAB, in normal vision and in
protanopia, deuteranopia and tritanopia simulated with Machado, Oliveira & Fernandes (2009), severity 1.
"""

from __future__ import annotations

import itertools
import math

import pytest

from data_sources.domain.catalog import load_catalog
from data_sources.domain.region import OTHER_REGION_COLOUR, PALETTE, REGIONS_DIR, load_region

WHITE = "#ffffff"
MIN_CONTRAST = 3.0
MIN_DIFFERENCE = 12.0  # ΔE*ab between any two of a region's areas, normal vision
MIN_DIFFERENCE_CVD = 9.0  # … and in each simulated colour-blind vision (the old Okabe-Ito set had 2.0)

# Machado et al. (2009), severity 1.0, on linear sRGB
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
NORMAL = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def linear(colour: str) -> tuple[float, float, float]:
    """'#0072B2' as linear sRGB (WCAG 2's formula)."""
    value = colour.lstrip("#")
    assert len(value) == 6, colour
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return r, g, b


def luminance(colour: str) -> float:
    r, g, b = linear(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str = WHITE) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def lab(colour: str, matrix=NORMAL) -> tuple[float, float, float]:
    rgb = linear(colour)
    r, g, b = (min(max(sum(m * c for m, c in zip(row, rgb, strict=True)), 0.0), 1.0) for row in matrix)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def closest(colours: dict[str, str], matrix=NORMAL) -> tuple[float, str, str]:
    """The two areas whose colours lie closest, and how far apart."""
    return min(
        (math.dist(lab(ca, matrix), lab(cb, matrix)), a, b)
        for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2)
    )


def test_the_formulas_give_the_known_figures():
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#ffffff") == pytest.approx(1.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey of AA text on white
    assert contrast("#F0E442") == pytest.approx(1.32, abs=0.01)  # Okabe-Ito's yellow: too pale for a line
    assert lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.05)
    assert math.dist(lab("#D55E00"), lab("#009E73")) > 80  # vermillion and bluish green
    # Okabe-Ito's orange and a vermillion of the same lightness: one colour to a deuteranope
    assert math.dist(lab("#C08400", CVD["deuteranopia"]), lab("#D55E00", CVD["deuteranopia"])) < 5
    # the old Kotka-Hamina sub-region beside the country: one colour to a protanope
    assert math.dist(lab("#b07aa1", CVD["protanopia"]), lab("#CC79A7", CVD["protanopia"])) < 3


PACKS = sorted(folder.name for folder in REGIONS_DIR.iterdir() if (folder / "region.yaml").exists())


def region_colours(code: str) -> dict[str, str]:
    """Every area a chart of region `code` can draw: the region, its sub-regions and municipalities, the country."""
    region = load_region(code)
    country = load_catalog(region=code).country
    areas = (region.place, *region.subregions, *region.municipalities, country)
    return {area.code: area.colour for area in areas}


@pytest.mark.parametrize("code", [*PACKS, "MK01"])  # every shipped pack and a region without one (PALETTE)
def test_every_area_line_stands_out_on_white_and_from_the_others(code):
    colours = region_colours(code)
    faint = {area: round(contrast(colour), 2) for area, colour in colours.items() if contrast(colour) < MIN_CONTRAST}
    assert faint == {}, f"{code}: lines under {MIN_CONTRAST}:1 on white"
    if code == "MK01":  # more municipalities than colours: the palette repeats, so only its own colours count
        colours = {f"palette {i}": colour for i, colour in enumerate(PALETTE)}
        colours |= {"region": load_region(code).colour, "country": load_catalog(region=code).country.colour}
    distance, a, b = closest(colours)
    assert distance >= MIN_DIFFERENCE, f"{code}: {a} and {b} look alike (ΔE {distance:.1f})"
    for vision, matrix in CVD.items():
        distance, a, b = closest(colours, matrix)
        assert distance >= MIN_DIFFERENCE_CVD, f"{code}, {vision}: {a} and {b} look alike (ΔE {distance:.1f})"


def test_the_palette_and_the_other_regions_colour_stand_out_on_white():
    assert PACKS, "the shipped region packs"
    for colour in (*PALETTE, OTHER_REGION_COLOUR):
        assert contrast(colour) >= MIN_CONTRAST, (colour, round(contrast(colour), 2))
    assert len({colour.lower() for colour in PALETTE}) == len(PALETTE)

"""Comparable regions chosen from the data, and a region's rank among the mainland regions.

The peers are the mainland regions whose figure of the catalog's `comparison.peer_series` (the
unemployment rate) was nearest the region's over the 12 months to the programme's baseline month:
regions that started where the region started, so that their change since is a fair yardstick (ONS's
nearest neighbours and Jobindsats's comparable municipalities work the same way, on more variables).
Ties go to the lower area code, so the choice is reproducible from the data alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from data_sources.domain.catalog import Catalog
from data_sources.domain.periods import Month
from data_sources.domain.region import programme_baseline
from figures.comparisons import area_points, window_mean


@dataclass(frozen=True)
class Peers:
    """The chosen regions (nearest first) and every mainland region's figure they were chosen by."""

    codes: tuple[str, ...]
    series_id: str
    baseline: Month
    basis: dict[str, float]  # area code -> 12-month mean of the series to the baseline (NaN if not whole)

    @property
    def known(self) -> bool:
        return bool(self.codes)


def comparable_regions(frame: pd.DataFrame, catalog: Catalog, baseline: Month | None = None) -> Peers:
    """The `comparison.peers` other regions nearest the region in the peer series at the baseline."""
    baseline = baseline or programme_baseline()
    series_id = catalog.comparison.peer_series
    areas = (catalog.region.code, *(a.code for a in catalog.other_regions))
    stored = area_points(frame, series_id)
    basis = {code: window_mean(stored.get(code, {}), baseline)[0] for code in areas}
    own = basis[catalog.region.code]
    if math.isnan(own):
        return Peers((), series_id, baseline, basis)
    known = [code for code in areas[1:] if not math.isnan(basis[code])]
    nearest = sorted(known, key=lambda code: (abs(basis[code] - own), code))
    return Peers(tuple(nearest[: catalog.comparison.peers]), series_id, baseline, basis)


def rank(changes: dict[str, float], area: str, wanted: str) -> tuple[int | None, int]:
    """(rank, of how many): 1 = moved furthest the wanted way; equal figures (to one decimal) share a rank."""
    known = {code: round(value, 1) for code, value in changes.items() if math.isfinite(value)}
    if area not in known:
        return None, len(known)
    sign = 1 if wanted == "up" else -1
    better = sum(1 for value in known.values() if sign * value > sign * known[area])
    return better + 1, len(known)

"""The on-screen selection as URL parameters: parsed strictly, anything unknown falls back to defaults.

Kept by hand although Streamlit 1.67 binds widgets to the URL (`bind="query-params"`; issue 19), as the
binding cannot keep today's URLs: a bound parameter is named after the widget's key (ours are `w_area`,
`w_period`, … and the tests address them so); the period slider would write `w_period=…&w_period=…`,
not `start=` and `end=`, and the comparison repeats its parameter instead of `compare=a,b`; a bound parameter
leaves the URL when its widget is not drawn or its page is left (`remove_stale_bindings`), while ours
carries the whole selection on every page; the slide is chosen by buttons, not a widget, so nothing
could bind it; and a bound value is checked against its own widget's options only: no rule across
values (`end` not before `start`) and no old alias (`muni`). So one Selection is parsed here and
written back by `ui.context.write_url`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

import pandas as pd

from data_sources.domain.catalog import Catalog
from data_sources.domain.periods import DEFAULT_START, Month, PeriodError
from data_sources.domain.programme import deck_ids, theme_ids
from figures.i18n import DEFAULT_LANGUAGE, LANGUAGES
from figures.views import VIEWS


@dataclass(frozen=True)
class Selection:
    """What the user has chosen on screen; the defaults for area and compare come from the catalog."""

    lang: str = DEFAULT_LANGUAGE
    area: str = ""
    compare: tuple[str, ...] = ()
    start: str = DEFAULT_START.key
    end: str = ""  # empty: the latest month
    view: str = "level"
    ma: bool = False
    group: str = ""  # the Appendix 2 group whose full chart the groups page shows (default: the headline count)
    since: str = ""  # an earlier release or meeting date (YYYY-MM-DD) to compare with; empty: none
    deck: str = "katsaus"
    slide: int = 1
    theme: str = ""  # the open tab of the themes page (default: the programme's first theme)

    @classmethod
    def default(cls, catalog: Catalog) -> Selection:
        """The region, compared with its sub-regions; the headline count's group; the programme's first theme."""
        subregions = tuple(a.code for a in catalog.areas if a.kind == "subregion")
        themes = theme_ids()
        return cls(
            area=catalog.region.code, compare=subregions, group=catalog.count_series, theme=themes[0] if themes else ""
        )

    def to_params(self, catalog: Catalog) -> dict[str, str]:
        """Only what differs from the defaults, so a plain URL stays plain."""
        defaults = asdict(Selection.default(catalog))
        out = {}
        for key, value in asdict(self).items():
            if value == defaults[key]:
                continue
            if isinstance(value, tuple):
                out[key] = ",".join(value)
            elif isinstance(value, bool):
                out[key] = "1" if value else "0"
            else:
                out[key] = str(value)
        return out


def _month(text: str, first: pd.Timestamp, last: pd.Timestamp) -> str | None:
    try:
        month = Month.parse(text)
    except PeriodError:
        return None
    return month.key if month.key == text and first <= month.start <= last else None


def _is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def parse_params(
    params: Mapping[str, str | list[str]], catalog: Catalog, first: pd.Timestamp, last: pd.Timestamp
) -> Selection:
    """A Selection from URL parameters; each bad or stale value silently takes its default."""

    def one(key: str) -> str:
        value = params.get(key, "")
        if isinstance(value, list):
            value = value[-1] if value else ""
        return str(value)[:200]

    default = Selection.default(catalog)
    areas = set(catalog.local_area_codes)
    municipalities = {a.code for a in catalog.municipalities}
    chosen: dict[str, Any] = {}  # Selection's field -> its value from the URL
    if one("lang") in LANGUAGES:
        chosen["lang"] = one("lang")
    if one("area") in areas:
        chosen["area"] = one("area")
    elif one("muni") in municipalities:  # links from before the one area picker (issue 11)
        chosen["area"] = one("muni")
    if "compare" in params:
        codes = [c for c in one("compare").split(",") if c in areas]
        chosen["compare"] = tuple(dict.fromkeys(codes))[:6]
    start = _month(one("start"), first, last)
    end = _month(one("end"), first, last)
    if start:
        chosen["start"] = start
    if end and end >= (start or default.start):
        chosen["end"] = end
    if one("view") in VIEWS:
        chosen["view"] = one("view")
    if one("ma") in ("0", "1"):
        chosen["ma"] = one("ma") == "1"
    if one("group") in {s.id for s in catalog.appendix2}:
        chosen["group"] = one("group")
    if _is_date(one("since")):
        chosen["since"] = one("since")
    if one("deck") in deck_ids():
        chosen["deck"] = one("deck")
    if one("theme") in theme_ids():
        chosen["theme"] = one("theme")
    if one("slide").isascii() and one("slide").isdigit() and 1 <= int(one("slide")) <= 99:
        chosen["slide"] = int(one("slide"))
    return replace(default, **chosen)


def period_bounds(selection: Selection, last: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    start = pd.Timestamp(selection.start + "-01")
    end = pd.Timestamp(selection.end + "-01") if selection.end else last
    return start, end

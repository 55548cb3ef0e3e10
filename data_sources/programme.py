"""The employment programme's themes, goals and indicators (content/programme.yaml), validated."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from data_sources.catalog import Catalog, load_catalog

PROGRAMME_PATH = Path(__file__).resolve().parent.parent / "content" / "programme.yaml"
THEME_IDS = ("4.1", "4.2", "4.3", "4.4")
THEME_KEYS = ("id", "short", "title", "coordinator", "impacts", "goals", "indicators", "participants", "resources")


class ProgrammeError(ValueError):
    """The programme file is not what the pages need."""


def validate_programme(doc: dict, catalog: Catalog) -> dict:
    """The programme as read, after checking its shape and that linked series exist."""
    themes = doc.get("themes") or []
    if tuple(t.get("id") for t in themes) != THEME_IDS:
        raise ProgrammeError(f"themes must be {', '.join(THEME_IDS)} in order")
    known = {s.id for s in catalog.series}
    for theme in themes:
        missing = [k for k in THEME_KEYS if not theme.get(k)]
        if missing:
            raise ProgrammeError(f"theme {theme['id']}: missing {', '.join(missing)}")
        for goal in theme["goals"]:
            if not goal.get("title") or not isinstance(goal.get("actions"), list):
                raise ProgrammeError(f"theme {theme['id']}: a goal needs a title and a list of actions")
        for indicator in theme["indicators"]:
            if not indicator.get("text") or not indicator.get("source"):
                raise ProgrammeError(f"theme {theme['id']}: an indicator needs text and source")
            unknown = [s for s in indicator.get("series", []) if s not in known]
            if unknown:
                raise ProgrammeError(f"theme {theme['id']}: unknown series {unknown}")
    table = doc.get("appendix3") or {}
    if any(len(row) != len(table.get("columns", [])) for row in table.get("rows", [])):
        raise ProgrammeError("appendix3: every row needs a value for every column")
    return doc


@functools.cache
def load_programme(path: Path = PROGRAMME_PATH) -> dict:
    """The project's programme file, checked against the project's catalog, read once per process."""
    with open(path, encoding="utf-8") as fh:
        return validate_programme(yaml.safe_load(fh), load_catalog())

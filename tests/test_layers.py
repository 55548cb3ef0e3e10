"""The top-level packages import one way only: screens → ui → report → figures → data_sources.

Inside data_sources the rooms import one way too: service → records → snapshots → pxweb → domain. The domain
(catalog, region, programme, periods, settings) knows no HTTP and no store; the PxWeb client knows
the domain only; the snapshots (store, validation, refresh run, demo, dataset) use both; only the
service (refresher, refresh requests, commands) puts them together. So the import graph has no circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["screens", "ui", "report", "figures", "data_sources"]  # each may import only those after it
NO_STREAMLIT = {"report", "figures", "data_sources"}


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def package_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {layer: set() for layer in LAYERS}
    for layer in LAYERS:
        for path in (ROOT / layer).rglob("*.py"):
            edges[layer] |= imports_of(path) & (set(LAYERS) | {"streamlit", "requests"}) - {layer}
    return edges


def test_each_layer_imports_only_the_layers_below_it():
    edges = package_edges()
    for position, layer in enumerate(LAYERS):
        upward = edges[layer] & set(LAYERS[:position])
        assert not upward, f"{layer} imports {sorted(upward)}, which sit above it"


def test_report_figures_and_the_data_layer_never_import_streamlit_and_pages_no_http():
    edges = package_edges()
    for layer in NO_STREAMLIT:
        assert "streamlit" not in edges[layer], layer
    assert "requests" not in edges["screens"] and "requests" not in edges["ui"]


ROOMS = ["service", "records", "snapshots", "pxweb", "domain"]  # each may import only those after it


def room_imports_of(path: Path) -> set[str]:
    rooms = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        rooms.update(m.split(".")[1] for m in modules if m.startswith("data_sources.") and m.count(".") >= 1)
    return rooms


def test_the_data_layer_rooms_import_one_way():
    loose = [p.name for p in (ROOT / "data_sources").glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert not loose, f"every module of the data layer lives in a room: {loose}"
    for position, room in enumerate(ROOMS):
        for path in (ROOT / "data_sources" / room).rglob("*.py"):
            upward = room_imports_of(path) & set(ROOMS[:position])
            assert not upward, f"{path.relative_to(ROOT)} imports {sorted(upward)}, which sit above {room}"


def test_the_checker_sees_an_upward_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from ui.context import page_frame\nimport streamlit as st\n", encoding="utf-8")
    assert imports_of(module) == {"ui", "streamlit"}
    module.write_text("from data_sources.service.refresher import Refresher\n", encoding="utf-8")
    assert room_imports_of(module) == {"service"}

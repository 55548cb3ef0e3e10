"""The top-level packages import one way only: screens → ui → report → figures → data_sources."""

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


def test_the_checker_sees_an_upward_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from ui.context import page_frame\nimport streamlit as st\n", encoding="utf-8")
    assert imports_of(module) == {"ui", "streamlit"}

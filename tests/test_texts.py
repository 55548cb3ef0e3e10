"""Every interface text in figures/i18n.py is used: its key is named in the app's code, or the code builds it
from a prefix listed here."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from figures.i18n import TEXTS

ROOT = Path(__file__).resolve().parents[1]
APP_CODE = [
    ROOT / "app.py",
    *(p for d in ("data_sources", "figures", "report", "ui", "screens") for p in (ROOT / d).rglob("*.py")),
]

# Keys the code builds at run time, `t(f"<prefix>{value}", lang)`: every key with such a prefix counts as used.
# A new prefix must be added here (the test below finds every one in the code), a prefix gone must go.
BUILT_FROM = {
    "view_": "screens/groups.py: the views of figures/views.py VIEWS",
    "unit_": "figures/views.py: a catalog series' unit",
    "unit_short_": "figures/sentences.py, figures/municipal.py: a catalog series' unit but percent",
    "status_": "figures/scorecard.py: a scorecard status",
    "reason_": "figures/scorecard.py: the reason of a verdict (progressed, held, worsened)",
    "wanted_": "figures/scorecard.py: a measure's wanted direction",
    "fit_": "figures/scorecard.py: how a measure fits its indicator (but exact)",
    "state_": "screens/themes.py, report/halfyear.py: a coordinator's assessment state",
    "six_": "figures/municipal.py: a series of the six municipalities side by side",
}


@functools.cache
def trees() -> list[ast.AST]:
    return [ast.parse(path.read_text(encoding="utf-8")) for path in APP_CODE if path.name != "i18n.py"]


def named_strings() -> set[str]:
    """Every string in the code but a subscript's (`row["rank"]`) or a dict's key: a column or a field, no text."""
    strings = set()
    for tree in trees():
        not_texts = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Subscript):
                not_texts.add(id(node.slice))
            elif isinstance(node, ast.Dict):
                not_texts.update(id(key) for key in node.keys if key is not None)
        strings |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in not_texts
        }
    return strings


def built_prefixes() -> set[str]:
    """The literal start of every `t(f"...{...}", ...)` in the code."""
    prefixes = set()
    for tree in trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args:
                key = node.args[0]
                if isinstance(key, ast.JoinedStr):
                    first = key.values[0]
                    prefixes.add(first.value if isinstance(first, ast.Constant) else "")
    return prefixes


def test_every_text_key_is_used():
    named = named_strings()
    unused = [key for key in TEXTS if key not in named and not key.startswith(tuple(BUILT_FROM))]
    assert unused == [], "texts no code asks for: remove them from figures/i18n.py"


def test_the_prefixes_of_built_keys_are_the_codes():
    assert built_prefixes() == set(BUILT_FROM)


def test_every_built_prefix_has_its_texts():
    for prefix in BUILT_FROM:
        assert any(key.startswith(prefix) for key in TEXTS), prefix

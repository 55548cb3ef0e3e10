"""The README says what the code is: its map ("How it is built") names every module of the app and no
module that is gone, and its table of settings lists exactly the environment variables the code reads."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAPPED = ("data_sources", "figures", "report", "ui", "screens")  # every module under these is in the map
APP_CODE = (*MAPPED, "deploy")  # where the environment is read


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else len(README)]


def mapped_modules(text: str) -> set[str]:
    """Every `*.py` the map names, as a path from the root. A bullet that starts with a folder
    ("- `figures/`: ...", nested ones too) holds that folder's modules by their names alone."""
    named = set()
    for bullet in re.split(r"\n(?=\s*- )", text):
        folder = re.match(r"\s*- `([\w/]+/)`", bullet)
        for name in re.findall(r"`([\w/]+\.py)`", bullet):
            named.add(name if "/" in name or not folder else folder.group(1) + name)
    return named


def code_modules() -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for folder in MAPPED
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "__init__.py"  # package markers, a docstring at most
    }


def test_the_map_names_every_module_of_the_app():
    missing = code_modules() - mapped_modules(section("How it is built"))
    assert not missing, f"not in the README's map (How it is built): {sorted(missing)}"


def test_every_module_the_map_names_exists():
    gone = {name for name in mapped_modules(section("How it is built")) if not (ROOT / name).is_file()}
    assert not gone, f"the README's map names modules that do not exist: {sorted(gone)}"


def test_the_map_parser_reads_folders_nested_bullets_and_full_paths():
    text = "- `a/`: `one.py` (x),\n  `two.py`.\n  - `a/b/`: `three.py`\n- `app.py`: see `tests/x.py`"
    assert mapped_modules(text) == {"a/one.py", "a/two.py", "a/b/three.py", "app.py", "tests/x.py"}


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "environ") or (
        isinstance(node, ast.Attribute) and node.attr == "environ"
    )


def environment_reads(source: str) -> set[str]:
    """Names read from the environment: `os.environ["X"]`, `environ.get("X")`, `os.getenv("X")`,
    `"X" in os.environ`, and a helper handed the environment with the name (`_int(environ, "X", 0)`)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        texts: list[ast.AST] = []
        if isinstance(node, ast.Subscript) and _is_environ(node.value) and isinstance(node.ctx, ast.Load):
            texts = [node.slice]
        elif isinstance(node, ast.Call):
            func = node.func
            reads = isinstance(func, ast.Attribute) and (
                (func.attr == "get" and _is_environ(func.value)) or func.attr == "getenv"
            )
            if reads:
                texts = node.args[:1]  # the name, not the default
            elif any(_is_environ(arg) for arg in node.args):
                texts = [arg for arg in node.args if isinstance(arg, ast.Constant)][:1]
        elif isinstance(node, ast.Compare) and any(_is_environ(c) for c in node.comparators):
            texts = [node.left]
        names |= {t.value for t in texts if isinstance(t, ast.Constant) and isinstance(t.value, str)}
    return names


def code_environment() -> set[str]:
    sources = [ROOT / "app.py", *(p for folder in APP_CODE for p in (ROOT / folder).rglob("*.py"))]
    return set().union(*(environment_reads(p.read_text(encoding="utf-8")) for p in sources))


def readme_environment() -> set[str]:
    table = README.split("| variable | default | meaning |", 1)[1].split("\n\n", 1)[0]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", table, flags=re.MULTILINE))


def test_the_environment_table_lists_exactly_what_the_code_reads():
    code, readme = code_environment(), readme_environment()
    assert code, "the reader finds the settings (data_sources/domain/settings.py)"
    assert code - readme == set(), "read by the code, missing in the README's table"
    assert readme - code == set(), "in the README's table, read by no code"


def test_the_environment_reader_sees_every_way_of_reading():
    source = (
        'import os\nfrom os import environ\na = os.environ["A"]\nb = environ.get("B", "")\nc = os.getenv("C")\n'
        'd = "D" in os.environ\ne = _int(environ, "E", 3)\nos.environ["X"] = "1"\nf = {**os.environ, "Y": "2"}\n'
    )
    assert environment_reads(source) == {"A", "B", "C", "D", "E"}

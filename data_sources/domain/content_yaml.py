"""The one way YAML from content files is read (programme, meetings, progress, catalog): safe and bounded.

Hand-edited files are outside input. A file over `MAX_BYTES` is refused unread; aliases (`*name`) are
refused when the parser meets them, before anything is expanded (a 5 KB "billion laughs" file would
otherwise cost minutes and gigabytes); a date that is no date, a syntax error or nesting too deep for
the parser are refused too. Each refusal is one `ContentError` line naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
MAX_BYTES = 512 * 1024  # the largest content file today is 21 KB


class ContentError(ValueError):
    """A content file that cannot be used; the message is one line: '<file>: line <n>: <problem>'."""


def shown_path(path: Path) -> str:
    """The file as a person finds it: relative to the project when inside it ('regions/MK08/meetings.yaml')."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases, with a line number on every construction error."""

    def compose_node(self, parent, index):  # noqa: ANN001 (PyYAML's signature)
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.MarkedYAMLError(problem="aliases (*name) are not allowed", problem_mark=mark)
        return super().compose_node(parent, index)

    def construct_timestamp(self, node: yaml.ScalarNode) -> dt.date:
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(self, node)
        except ValueError as exc:
            problem = f"{node.value!r} is not a date ({exc})"
            raise yaml.MarkedYAMLError(problem=problem, problem_mark=node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_timestamp)


@dataclass(frozen=True)
class Content:
    """A content file's plain data, and the line of each value (keys and list indexes as a path); `shown` may be ''."""

    data: object
    shown: str
    lines: dict[tuple, int]

    def error(self, where: tuple, problem: str) -> ContentError:
        """A ContentError at the value `where` (e.g. ('meetings', 2)), or the nearest enclosing one found."""
        while where not in self.lines and where:
            where = where[:-1]
        line = self.lines.get(where)
        return ContentError(": ".join(part for part in (self.shown, line and f"line {line}", problem) if part))


def _lines(node: yaml.Node, path: tuple, found: dict[tuple, int], line: int | None = None) -> None:
    """Each value's line; a mapping's value is found on its key's line (`label:` above its `fi:`)."""
    found[path] = line or node.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), found)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _lines(value, (*path, key.value), found, key.start_mark.line + 1)


def load_text(text: str, shown: str) -> Content:
    """`text` (from the file `shown`) as plain data; raises ContentError naming the file and line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise ContentError(f"{shown}: {at}not valid YAML: {exc.problem or exc.context}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        problem = "nested too deeply" if isinstance(exc, RecursionError) else type(exc).__name__
        raise ContentError(f"{shown}: not valid YAML: {problem}") from None
    finally:
        loader.dispose()
    found: dict[tuple, int] = {}
    if node is not None:
        _lines(node, (), found)
    return Content(data, shown, found)


def load_file(path: Path, max_bytes: int = MAX_BYTES) -> Content:
    """A content file as plain data; raises ContentError for a missing, unreadable, oversized or invalid file."""
    shown = shown_path(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise ContentError(f"{shown}: the file is missing") from None
    except OSError as exc:
        raise ContentError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    return load_bytes(raw, shown, max_bytes)


def load_bytes(raw: bytes, shown: str, max_bytes: int = MAX_BYTES) -> Content:
    """Uploaded or read bytes (named `shown`) as plain data: refused over `max_bytes`, unless UTF-8, with aliases."""
    if len(raw) > max_bytes:
        raise ContentError(f"{shown}: over the {max_bytes // 1024} KB limit for a content file; not read")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(f"{shown}: not UTF-8 text (byte {exc.start})") from None
    return load_text(text, shown)

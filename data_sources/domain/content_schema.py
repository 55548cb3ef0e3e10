"""What the content files' pydantic models share, and the one error line naming file, line and field.

Each file's model sits beside the dataclasses it builds (catalog.py, programme.py, meetings.py,
progress.py): the file's shape as types, its cross-field rules as validators. `validate` runs one on a
file read by `content_yaml` and turns the first problem into one line, e.g.
`content/programme.yaml: line 42: themes[2].goals[0].indicators[1].measure.fit: Input should be ...`;
the line is found by following the error's path through the file's YAML nodes (`Content.lines`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError, ValidationInfo
from pydantic_core import ErrorDetails, PydanticCustomError

from data_sources.domain.content_yaml import Content

LANGUAGES = ("fi", "sv", "en")
Model = TypeVar("Model", bound=BaseModel)


class Schema(BaseModel):
    """A mapping of a content file: a key the model does not know (a typo) is an error, not ignored."""

    model_config = ConfigDict(extra="forbid")


def fault(problem: str, at: str | int | tuple = ()) -> PydanticCustomError:
    """A rule broken, for a validator to raise; `at`: the field (or path) inside the value validated that it names."""
    return PydanticCustomError(
        "content", "{problem}", {"problem": problem, "at": at if isinstance(at, tuple) else (at,)}
    )


def given(info: ValidationInfo, key: str) -> Any:
    """What `validate` was given for a rule that needs more than the file (the catalog, the programme's goals)."""
    return (info.context or {})[key]


def first_repeat(values: Iterable[Hashable]) -> int | None:
    """The index of the first value seen before, or None."""
    seen: set[Hashable] = set()
    for index, value in enumerate(values):
        if value in seen:
            return index
        seen.add(value)
    return None


def _not_blank(text: str) -> str:
    if not text.strip():
        raise fault("must not be empty")
    return text


Text = Annotated[str, AfterValidator(_not_blank)]
# A day as ISO text: YAML reads 2021-03-23 as a date, "2021-03-23" as text; both are the same day.
IsoDay = Annotated[str, BeforeValidator(lambda v: v.isoformat() if isinstance(v, dt.date) else v)]


class Labels(Schema):
    """A text in each of the app's languages, none empty."""

    fi: Text
    sv: Text
    en: Text


def field_path(loc: tuple) -> str:
    """('themes', 2, 'goals', 0) as 'themes[2].goals[0]'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


_PLAIN = {"model_type": "Input should be a mapping (key: value)", "extra_forbidden": "unknown field"}


def _problem(error: ErrorDetails) -> str:
    """Pydantic's message, with the value where it helps and without a model's class name."""
    kind, value = error["type"], error.get("input")
    if kind == "literal_error":
        return f"{error['msg']}, not {value!r}"
    if kind.startswith("date"):
        return f"{value!r} is not a date written as YYYY-MM-DD" if value not in (None, "") else "no date (YYYY-MM-DD)"
    return _PLAIN.get(kind, error["msg"])


def validate(model: type[Model], content: Content, error: type[ValueError], **context: object) -> Model:
    """The file's data as `model`; raises `error`: '<file>: line <n>: <field>: <problem>' for the first problem."""
    try:
        return model.model_validate(content.data, context=context)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        loc = (*first["loc"], *(first.get("ctx") or {}).get("at", ()))
        field = field_path(loc)
        raise error(str(content.error(loc, f"{field}: {_problem(first)}" if field else _problem(first)))) from None

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
STRICT_KEYS = ConfigDict(extra="forbid")  # a key the model does not know (a typo) is an error, not ignored


class Schema(BaseModel):
    """A mapping of a content file."""

    model_config = STRICT_KEYS


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
    seen = list(values)
    return next((index for index, value in enumerate(seen) if value in seen[:index]), None)


def _not_blank(text: str) -> str:
    if not text.strip():
        raise fault("must not be empty")
    return text


def _iso_day(value: object) -> object:
    """YAML reads 2021-03-23 as a date, "2021-03-23" as text: both are that day, kept as ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat() if isinstance(value, str) else value
    except ValueError:
        raise fault(f"{value!r} is not a date written as YYYY-MM-DD") from None


Text = Annotated[str, AfterValidator(_not_blank)]
IsoDay = Annotated[str, BeforeValidator(_iso_day)]


def _in_each_language(labels: dict[str, str]) -> dict[str, str]:
    if unknown := sorted(set(labels) - set(LANGUAGES)):
        raise fault(f"labels are in {', '.join(LANGUAGES)} only", at=unknown[0])
    for lang in LANGUAGES:
        if not labels.get(lang, "").strip():
            raise fault("must not be empty" if lang in labels else "Field required", at=lang)
    return {lang: labels[lang] for lang in LANGUAGES}


Labels = Annotated[dict[str, str], AfterValidator(_in_each_language)]  # a text in each language, none empty


def field_path(loc: tuple) -> str:
    """('themes', 2, 'goals', 0) as 'themes[2].goals[0]'."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).removeprefix(".")


_MAPPING, _UNKNOWN = "Input should be a mapping (key: value)", "unknown field"
_PLAIN = {"model_type": _MAPPING, "dataclass_type": _MAPPING, "extra_forbidden": _UNKNOWN}
_PLAIN["unexpected_keyword_argument"] = _UNKNOWN  # a key a dataclass read straight from the file does not know


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

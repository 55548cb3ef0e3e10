"""Text from outside (API errors, file notes) shown as text: Streamlit renders Markdown in alerts and st.write."""

from __future__ import annotations

import re

import streamlit as st

from figures.markup import Markup

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_BACKTICKS = re.compile(r"`+")


def plain(text: object, limit: int = 500) -> str:
    """`text` as one Markdown code span: shown character for character, cut at `limit`.

    Backslash escapes are not enough: Streamlit's GitHub-flavoured Markdown turns any "http://…" or
    "www.…" left in the text into a link after escapes are resolved. Inside a code span nothing is
    emphasis, link, image, directive (:red[…], :material/…:) or HTML.
    """
    line = _CONTROL.sub(" ", str(text)).strip()
    if not line:
        return ""
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(line)), default=0) + 1)
    return f"{fence} {line} {fence}"  # CommonMark strips one space each side: content may start with `


def show_markup(markup: Markup) -> None:
    """The one place a page shows HTML: only `Markup` the figure layer built (escaped texts, numbers)."""
    if not isinstance(markup, Markup):
        raise TypeError(f"show_markup takes figures.markup.Markup, not {type(markup).__name__}")
    st.markdown(markup, unsafe_allow_html=True)

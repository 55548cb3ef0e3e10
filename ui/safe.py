"""Text from outside (API errors, file notes) shown as text: Streamlit renders Markdown in alerts and st.write."""

from __future__ import annotations

import json
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


def markup_script(markup: Markup) -> str:
    """`markup` as one script that puts it, parsed by the browser, in the script's own place.

    `st.markdown(unsafe_allow_html=True)` parses raw HTML in JavaScript, character by character
    (rehype-raw): a quarter of a chart page's script time. `st.html` lets the browser parse, but its
    sanitiser drops SVG (charts, sparklines). So the markup travels as a JSON string, every "<" written
    "\\u003c" so that no text in it can end the script; the page's only other input is `Markup`, in which
    every text is already escaped.
    """
    if not isinstance(markup, Markup):
        raise TypeError(f"show_markup takes figures.markup.Markup, not {type(markup).__name__}")
    payload = json.dumps(str(markup), ensure_ascii=False).replace("<", "\\u003c")
    return f"<script>document.currentScript.outerHTML = {payload};</script>"


def show_markup(markup: Markup) -> None:
    """The one place a page shows HTML: only `Markup` the figure layer built (escaped texts, numbers)."""
    st.html(markup_script(markup), unsafe_allow_javascript=True)

"""Text from outside (API errors, file notes) shown as text: Streamlit renders Markdown in alerts and st.write."""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
# leaves no emphasis, link, image, heading, directive (:red[..], :material/..:) or HTML from outside.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def plain(text: object, limit: int = 500) -> str:
    """`text` as one line of Markdown that renders as exactly these characters, cut at `limit`."""
    line = _CONTROL.sub(" ", str(text)).strip()
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    return _PUNCTUATION.sub(r"\\\1", line)

"""Markup the figure layer builds itself (tables of figures, sparklines): the only HTML a page shows.

`Markup` marks a string made here from numbers and escaped text; `ui.safe.show_markup` renders nothing
else, so no text from outside can reach the page as HTML.
"""

from __future__ import annotations


class Markup(str):
    """HTML built by figures/tables.py or figures/sparklines.py: every text in it is escaped."""

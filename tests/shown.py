"""The HTML an AppTest page shows through ui.safe.show_markup, read back from its st.html elements."""

from __future__ import annotations

import json
import re

# ui/safe.markup_script: the markup as a JSON string in a one-line script that replaces itself with it
_SCRIPT = re.compile(r"<script>document\.currentScript\.outerHTML = (\".*\");</script>", re.DOTALL)


def shown_markup(at) -> list[str]:
    """Every piece of markup on the page, in page order (the frame's own style and script left out)."""
    found = []
    for element in at.get("html"):
        match = _SCRIPT.fullmatch(element.proto.body)
        if match:
            found.append(json.loads(match.group(1)))
    return found

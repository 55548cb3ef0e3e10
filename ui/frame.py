"""What every page gets from the frame: the stylesheet and the small script of ui/frame.css and ui/frame.js."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit as st

from figures.i18n import LANGUAGES

HERE = Path(__file__).resolve().parent


def frame_assets(lang: str) -> None:
    """Captions' contrast, one tab stop per chart, table styles, and `<html lang>` set to `lang`."""
    if lang not in LANGUAGES:  # only a known code ever goes into the script
        raise ValueError(f"unknown language {lang!r}")
    style, script = _assets()
    st.html(style)
    st.html(f"<script>window.__frameLang = {json.dumps(lang)};\n{script}</script>", unsafe_allow_javascript=True)


@functools.cache
def _assets() -> tuple[str, str]:
    """ui/frame.css as a <style> element and ui/frame.js, read once per process (every page view shows them)."""
    css = (HERE / "frame.css").read_text(encoding="utf-8")
    return f"<style>{css}</style>", (HERE / "frame.js").read_text(encoding="utf-8")


def headline_length(chars: int) -> None:
    """A slide headline's length in characters for ui/projector.css, which sizes its type to two lines at most.
    Only a whole number goes into the style."""
    st.html(f"<style>.st-key-slide {{ --headline-chars: {max(int(chars), 1):d}; }}</style>")

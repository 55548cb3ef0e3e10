"""Bad input and a public deployment: fuzzed URL parameters, no injected markup, hardened config."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as strat
from streamlit.testing.v1 import AppTest

from data_sources.domain.catalog import load_catalog
from data_sources.domain.programme import deck_ids
from figures.i18n import LANGUAGES
from figures.views import VIEWS
from tests.shown import shown_markup
from ui.state import Selection, parse_params

ROOT = Path(__file__).resolve().parents[1]
FIRST, LAST = pd.Timestamp(2009, 1, 1), pd.Timestamp(2026, 6, 1)
KEYS = ["lang", "area", "compare", "start", "end", "view", "ma", "muni", "since", "deck", "slide", "x"]
NASTY = [
    "<script>alert(1)</script>",
    "**bold** [x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "KU286\u202e",
    "2026-06\x00",
    "ä" * 5000,
    "MK08,MK08,SSS",
    "2018-00",
    "9999-12",
    "",
    " ",
    "%00",
    "²",
    "①",
    "٣",
    "4.4",
    "0",
    "100",
    "-1",
]
values = strat.one_of(
    strat.sampled_from(NASTY), strat.text(max_size=300), strat.lists(strat.text(max_size=20), max_size=3)
)
params = strat.dictionaries(strat.sampled_from(KEYS), values, max_size=len(KEYS))


@given(params)
@settings(max_examples=400, deadline=None)
def test_any_parameters_give_a_valid_selection(raw):
    catalog = load_catalog()
    sel = parse_params(raw, catalog, FIRST, LAST)
    assert sel.lang in LANGUAGES and sel.area in catalog.area_codes and sel.view in VIEWS
    assert set(sel.compare) <= set(catalog.area_codes) and len(sel.compare) <= 6
    assert sel.deck in deck_ids() and isinstance(sel.slide, int) and 1 <= sel.slide <= 99
    assert sel.since == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", sel.since)
    for month in (sel.start, sel.end):
        assert month == "" or (re.fullmatch(r"\d{4}-\d{2}", month) and FIRST <= pd.Timestamp(month + "-01") <= LAST)


def test_slide_numbers_are_ascii_digits_only_and_decks_known_ones():
    catalog = load_catalog()
    for raw in ("²", "①", "٣", "３", "1e1", " 3", "3 ", "+3", "0", "100", ""):
        assert parse_params({"slide": raw}, catalog, FIRST, LAST).slide == Selection().slide, raw
    assert parse_params({"slide": "3", "deck": "4.4"}, catalog, FIRST, LAST).slide == 3
    assert parse_params({"deck": "4.4"}, catalog, FIRST, LAST).deck == "4.4"
    assert parse_params({"deck": "4.5"}, catalog, FIRST, LAST).deck == Selection().deck


@given(
    params,
    strat.sampled_from(
        ["screens/overview.py", "screens/groups.py", "screens/municipality.py", "screens/presentation.py"]
    ),
)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzzed_urls_never_raise_and_never_render_injected_markup(real_cache, monkeypatch, raw, page):
    monkeypatch.setenv("CACHE_DIR", str(real_cache))
    st.cache_data.clear()
    st.cache_resource.clear()  # the values derived from a dataset (ui.context.cached_on_data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in raw.items():
        at.query_params[key] = value if isinstance(value, str) else ",".join(value)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception
    shown = " ".join([*(str(e.value) for e in [*at.markdown, *at.title, *at.caption]), *shown_markup(at)])
    for text in NASTY[:3]:
        assert text not in shown


def test_the_public_config_is_hardened():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True  # CORS protection on
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "viewer" and config["client"]["showErrorDetails"] == "none"
    assert config["client"]["showErrorLinks"] is False  # no "Ask Google" / "Ask ChatGPT" in the error box
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()


def test_no_code_renders_raw_html_and_pages_do_no_http():
    for path in [*ROOT.glob("screens/*.py"), *ROOT.glob("ui/*.py"), ROOT / "app.py"]:
        text = path.read_text(encoding="utf-8")
        # HTML only through ui.safe.show_markup, which takes only the figure layer's escaped Markup
        assert "unsafe_allow_html" not in text or path.name == "safe.py", path
        # st.html only ever gets the project's own static files, text escaped in ui/frame.py, or in ui/safe.py
        # the figure layer's Markup as a JSON string (markup_script checks the type)
        for call in re.findall(r"st\.html\((.*)\)", text):
            static = call.startswith("HERE / ") and call.endswith(('.css"', '.css")'))
            escaped = path.name == "frame.py" and (
                "html.escape(text)" in call or "json.dumps(lang)" in call or "max(int(chars), 1):d" in call
            )
            markup = path.name == "safe.py" and call.startswith("markup_script(markup)")
            assert static or escaped or markup, (path, call)
        assert "import requests" not in text, path
    for path in ROOT.glob("data_sources/*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path


def test_no_secrets_are_committed():
    pattern = re.compile(r"(api[_-]?key|secret|password|token)\s*[=:]\s*['\"][^'\"]{8,}", re.IGNORECASE)
    for path in ROOT.rglob("*"):
        if (
            path.is_file()
            and path.suffix in {".py", ".toml", ".yaml", ".yml", ".md", ".txt"}
            and ".git" not in path.parts
            and "test-artifacts" not in path.parts
            and "node_modules" not in path.parts  # the test OIDC provider's packages, git-ignored (tests/oidc)
        ):
            assert not pattern.search(path.read_text(encoding="utf-8", errors="ignore")), path


MARKUP = [text for text in NASTY if any(mark in text for mark in ("<", "**", "]("))] + [
    "[Kirjaudu uudelleen](http://evil.example/login)",
    "![seuranta](http://evil.example/t.gif)",
    ":red[HUOMIO] <b>x</b>",
]
SCREENS = [
    "screens/overview.py",
    "screens/groups.py",
    "screens/municipality.py",
    "screens/themes.py",
    "screens/data.py",
    "screens/presentation.py",
]


@pytest.mark.parametrize("payload", MARKUP)
def test_every_markup_payload_in_every_parameter_renders_on_no_screen(payload, real_cache, monkeypatch):
    monkeypatch.setenv("CACHE_DIR", str(real_cache))
    for screen in SCREENS:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key in KEYS:
            at.query_params[key] = payload
        at.run()
        at.switch_page(screen)
        at.run()
        assert not at.exception, screen
        shown = " ".join(
            str(e.value) for kind in ("markdown", "title", "caption", "header", "subheader") for e in getattr(at, kind)
        )
        assert payload not in shown and "alert(1)" not in shown, (screen, payload)

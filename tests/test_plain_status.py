"""Issue 22: after a failed refresh every page says so in one plain line; the detail only on the data page,
folded; sources in words and no content code on the overview; no developer text on the pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from data_sources.domain.catalog import CATALOG_PATH, load_catalog
from data_sources.service.commands import refresh as refresh_main
from data_sources.snapshots.dataset import load_dataset
from figures.notices import refresh_notice, technical_details, unreachable
from tests.shown import _SCRIPT
from tests.test_app import PAGES, open_app

FAST = ["--quiet", "--timeout", "3", "--retries", "1", "--backoff", "0.01"]
ALL_PAGES = [*PAGES, "screens/presentation.py"]
FAILURE = ("http", "Error", "HTTPConnectionPool", "Traceback")  # an address, an exception, its text
TECHNICAL = (*FAILURE, "tyonv/", "vaerak/", ".yaml", "python -m")  # and table paths, files, commands
_TAG = re.compile(r"<[^>]+>")


def visible_texts(at: AppTest, *, folded: bool) -> list[str]:
    """What a viewer can read on the page, element by element; the folded sections' only when `folded`.

    Markup (cards, tables, charts drawn as SVG) counts by its text, not its tags and attributes
    (an SVG's namespace is no address shown); a chart's spec by its texts.
    """
    texts: list[str] = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            kind = getattr(child, "type", "")
            if kind == "expander":
                texts.append(child.label)
                if not folded:
                    continue
            if kind == "html":
                if match := _SCRIPT.fullmatch(child.proto.body):  # ui.safe.show_markup's
                    texts.append(_TAG.sub(" ", json.loads(match.group(1))))
            elif kind == "arrow_vega_lite_chart":
                spec = json.loads(child.proto.spec)
                texts.extend(str(spec.get(k, "")) for k in ("title", "description"))
            elif not getattr(child, "children", None):
                value = getattr(child, "value", None)
                label = getattr(child, "label", None)
                texts.extend(str(x) for x in (value, label) if isinstance(x, str))
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return texts


def found(texts: list[str], words: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each word that stands whole in a text (a code 'aloitt' is not found in "aloittaneet yritykset")."""
    patterns = [(word, re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")) for word in words]
    return [(word, text[:300]) for text in texts for word, pattern in patterns if pattern.search(text)]


def page(cache: Path, monkeypatch, name: str, **params) -> AppTest:
    return open_app(cache, monkeypatch, name, **params)


@pytest.fixture
def unreachable_cache(fake, good_cache, capsys):
    """The good cache after a refresh against a port nothing listens on: every table failed, none lost."""
    dead = fake.base_url.replace(str(fake.server.server_address[1]), "9")
    assert refresh_main([*FAST, "--base-url", dead, "--cache-dir", str(good_cache)]) == 1
    assert "HTTPConnectionPool" in capsys.readouterr().err
    return good_cache


@pytest.mark.parametrize("name", ALL_PAGES)
def test_after_an_unreachable_service_a_page_says_one_plain_line_and_no_technical_detail(
    unreachable_cache, monkeypatch, name
):
    at = page(unreachable_cache, monkeypatch, name)
    # the data page names its tables (the catalog's traceability), other pages do not
    assert not found(visible_texts(at, folded=False), FAILURE if name == "screens/data.py" else TECHNICAL)
    line = "Tilastokeskuksen palveluun ei saada yhteyttä; luvut ovat 21.7.2026 julkaisusta"
    notices = [i.value for i in at.info if i.value.startswith("Tilastokeskuksen palveluun")]
    if name == "screens/presentation.py":
        assert notices == [], "never on a slide"
    else:
        assert len(notices) == 1 and notices[0].startswith(line), notices
    if name == "screens/data.py":
        (details,) = [e for e in at.expander if e.label == "Tekniset tiedot ylläpitäjälle"]
        text = "\n".join(c.value for c in details.code)
        assert "HTTPConnectionPool" in text and "API limits (?config) unavailable: GET http://127.0.0.1:9/" in text
        assert "tyonv/12r5.px" in text and "vaerak/11ra.px" in text


def test_the_plain_line_in_swedish_and_english(unreachable_cache, monkeypatch):
    for lang, start in (
        ("sv", "Statistikcentralens tjänst kan inte nås; siffrorna är från publiceringen 21.7.2026"),
        ("en", "Statistics Finland's service cannot be reached; the figures are from the release of 21 Jul 2026"),
    ):
        at = page(unreachable_cache, monkeypatch, "screens/overview.py", lang=lang)
        assert [i.value for i in at.info if i.value.startswith(start)], [i.value for i in at.info]
        assert not found(visible_texts(at, folded=False), TECHNICAL)


def test_a_missing_population_table_says_which_figures_it_affects_in_words(fake, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    fake.inject("status400", method="GET", path="vaerak", times=50, arg='{"error": "not found"}')
    assert refresh_main([*FAST, "--base-url", fake.base_url, "--cache-dir", str(cache)]) == 1
    data = load_dataset(cache)
    assert "vaerak_11ra" not in data.provenance and "http" in data.attempts["vaerak_11ra"].message
    notice = refresh_notice(data, load_catalog(), "fi")
    assert notice == "Tietoja ei saatu päivitettyä; väestöön suhteutetut luvut puuttuvat."
    for name in ("screens/overview.py", "screens/data.py"):
        at = page(cache, monkeypatch, name)
        assert [i.value for i in at.info if i.value == notice] == [notice]
        assert not found(visible_texts(at, folded=False), FAILURE if name == "screens/data.py" else TECHNICAL)
    assert any('{"error": "not found"}' in c.value for c in at.code), "the data page keeps the detail"


def test_the_refresh_buttons_failure_is_a_sentence_and_its_lines_are_folded(fake, good_cache, monkeypatch):
    dead = fake.base_url.replace(str(fake.server.server_address[1]), "9")
    monkeypatch.setenv("PXWEB_BASE_URL", dead)
    at = page(good_cache, monkeypatch, "screens/data.py")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    (status,) = at.status
    assert (status.label, status.state) == ("Tietoja ei saatu päivitettyä; aiemmat luvut ovat ennallaan.", "error")
    assert not status.proto.expanded, "its lines (addresses, reasons) folded under the sentence"


def test_the_notice_tells_an_unreachable_service_from_a_refused_release():
    assert unreachable("API limits (?config) unavailable: GET http://x/?config: connection failed (…)")
    assert unreachable("POST http://x/StatFin/tyonv/12r5.px: server error HTTP 500 after 2 attempts")
    assert not unreachable("tyonv/12r5.px: every figure in the release is 0 (a broken export?)")
    assert not unreachable("GET http://x/StatFin/vaerak: HTTP 404 (not found)")


def test_a_good_refresh_has_no_notice_and_the_details_say_so(real_cache):
    data = load_dataset(real_cache)
    assert refresh_notice(data, load_catalog(), "fi") is None
    assert technical_details(data, load_catalog(), "fi") == []


def content_codes(cache: Path) -> set[str]:
    """Every content code of the catalog, and the codes its series read by meaning were found under."""
    doc = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    codes = set()
    for series in doc["series"]:
        codes.update([series["code"]] if "code" in series else series.get("formula", ()))
    for resolution in load_dataset(cache).resolutions:
        for chosen in resolution.chosen:
            codes.update(value for value in chosen.values if len(value) > 3)  # 'rt_yht', not a bare 'sp'
    return codes


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_overview_shows_no_content_code_and_names_its_sources_in_words(real_cache, monkeypatch, lang):
    codes = content_codes(real_cache)
    assert "TYOTTOMATLOPUSSA" in codes and "HAKIJALOPUSSA" in codes
    at = page(real_cache, monkeypatch, "screens/overview.py", lang=lang)
    texts = visible_texts(at, folded=True)
    words = tuple(sorted(codes)) + tuple(f"StatFin {t.short_id}" for t in load_catalog().tables.values())
    assert not found(texts, (*words, "12r5", "11ra")), found(texts, words)
    source = {"fi": "Lähde: KEHA-keskus, Työnvälitystilasto", "sv": "Källa: KEHA-centret", "en": "Source: KEHA"}
    assert sum(text.count(source[lang]) for text in texts) >= 10, "under the headline and every card"


@pytest.mark.parametrize("name", ["screens/groups.py", "screens/themes.py", "screens/municipality.py"])
def test_the_other_pages_show_no_content_code_outside_the_traceability_section(real_cache, monkeypatch, name):
    at = page(real_cache, monkeypatch, name)
    texts = visible_texts(at, folded=False)
    assert not found(texts, (*sorted(content_codes(real_cache)), "StatFin 12r5", "StatFin 11ra"))


def test_the_themes_page_has_no_developer_text(real_cache, monkeypatch):
    at = page(real_cache, monkeypatch, "screens/themes.py")
    texts = visible_texts(at, folded=True)
    assert not found(texts, ("python -m", ".yaml", "regions/", "--half", "--out", "secrets.toml", "README"))
    assert any("toimittavat arviot kojelaudan ylläpitäjälle" in text for text in texts)


def test_the_data_page_says_a_missing_cache_folder_and_demo_fetch_dates_in_words(tmp_path, monkeypatch):
    at = page(tmp_path / "nowhere", monkeypatch, "screens/data.py")
    texts = visible_texts(at, folded=False)
    assert any(i.value.startswith("Tälle palvelimelle ei ole vielä haettu tietoja") for i in at.info)
    assert not found(texts, ("Välimuisti", "kansio", " .."))

"""Issue 22: every page in Swedish and English writes no Finnish of the app's own.

Every text of every element of every page (titles, markdown, captions, tab, button and widget labels and
options, tables, cards, chart specs) is searched for words that only the app's own Finnish texts use. The
programme's own quoted text (goals, titles, indicators, sources …) may stay Finnish: the pages say so once
("The programme's text is in Finnish, as approved.") and it is taken out before the search, as are the
coordinators' assessments (their own words, in the language they wrote them).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import pytest
from google.protobuf.json_format import MessageToDict

from data_sources.domain.programme import Programme, load_programme
from data_sources.domain.progress import load_progress
from data_sources.snapshots.dataset import load_dataset
from tests.shown import _SCRIPT
from tests.test_app import PAGES, open_app

# Words of the app's own Finnish texts (figures/i18n.py, the catalog's labels, the notes): none of them is a
# name, and none is a word of Swedish or English. Whole words, any case.
FINNISH_ONLY = (
    "työttömät",
    "työttömien",
    "työnhakijat",
    "kunta",
    "kunnan",
    "ohjelman",
    "ohjelma",
    "haavoittuvassa",
    "henkilöä",
    "kuukaudessa",
    "kuukauden",
    "vuodessa",
    "vuodentakaisesta",
    "lähde",
    "päivitetty",
    "julkaistu",
    "sovellukseen",
    "tilastoa",
    "työpaikkaa",
    "yhteistyö",
    "muutos",
    "luku",
    "luvut",
    "tiedot",
    "korvike",
    "teemat",
    "mittarit",
    "tammi",
    "kesäkuu",
)
TELLTALE = re.compile(r"(?<!\w)(" + "|".join(FINNISH_ONLY) + r")(?!\w)", re.IGNORECASE)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _protos(node) -> Iterator:
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield proto
    for child in getattr(node, "children", {}).values():
        yield from _protos(child)


STYLE_OR_SCRIPT = re.compile(r"<(style|script)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


def shown(text: str) -> str:
    """What a string shows: the markup ui.safe sends inside a script read back, style and scripts left out."""
    markup = _SCRIPT.fullmatch(text)
    if markup:
        text = json.loads(markup.group(1))
    return html.unescape(STYLE_OR_SCRIPT.sub(" ", text))


def page_strings(at) -> list[str]:
    """Every string of every element the page sent: its texts, labels, options, tables and chart specs."""
    return [shown(text) for proto in _protos(at._tree) for text in _strings(MessageToDict(proto))]


def quoted(programme: Programme) -> list[str]:
    """The programme's own words, which the pages quote in Finnish, longest first (a title before its part)."""
    texts = [programme.approved_by, programme.follow_up]
    for theme in programme.themes:
        texts += [theme.title, theme.coordinator, theme.participants, theme.resources]
        texts += [*theme.impacts, *theme.target_groups]
        for goal in theme.goals:
            texts += [goal.title, *goal.actions]
        for indicator in theme.indicators:
            texts += [indicator.text, indicator.source, indicator.because]
    texts += [*programme.appendix3.get("columns", ()), programme.appendix3.get("note", "")]
    for theme in programme.themes:
        progress = load_progress("2026H1")
        for goal in theme.goals:
            told = progress.of(goal.id)
            texts += [told.assessment or "", told.assessor or ""]
    return sorted({text for text in texts if text}, key=len, reverse=True)


def finnish_words(strings: list[str], exempt: list[str]) -> list[str]:
    """Each telltale word found, with the words around it, after the programme's quoted text is taken out."""
    found = []
    for text in strings:
        for words in exempt:
            text = text.replace(words, " ")
        for match in TELLTALE.finditer(text):
            found.append(f"{match.group(0)!r} in …{text[max(0, match.start() - 60) : match.end() + 40]}…")
    return found


def test_the_telltale_words_are_finnish_of_the_apps_own_texts():
    """The list is honest: each word is in the app's Finnish texts and in none of its Swedish or English ones."""
    from figures.i18n import TEXTS

    finnish = " ".join(texts["fi"] for texts in TEXTS.values())
    others = " ".join(texts[lang] for texts in TEXTS.values() for lang in ("sv", "en"))
    assert not TELLTALE.findall(others)
    assert len({m.lower() for m in TELLTALE.findall(finnish)}) >= 10


def source_texts(cache) -> list[str]:
    """The statistics' own variable and value texts and codes (StatFin's, asked in Finnish), which the data page
    shows as found for each series read by meaning: the source's words, like the programme's."""
    data = load_dataset(cache)
    texts = [s.code_label for s in data.shown_catalog.series]
    for found in data.resolutions:
        texts.append(found.line.split(": ", 1)[-1])
        for chosen in found.chosen:
            texts += [chosen.shown, chosen.text, *chosen.texts]
    return sorted({text for text in texts if text}, key=len, reverse=True)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("page", [*PAGES, "screens/presentation.py"])
def test_no_finnish_of_the_apps_own_on_swedish_and_english_pages(page, lang, real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, page, lang=lang)
    found = finnish_words(page_strings(at), quoted(load_programme()) + source_texts(real_cache))
    assert not found, "\n".join(found[:20])


def test_the_search_sees_the_finnish_pages_words(real_cache, monkeypatch):
    """The same search on the Finnish overview finds the app's words in its cards, tiles, charts and texts:
    a search that saw nothing would pass every page."""
    at = open_app(real_cache, monkeypatch, "screens/overview.py")
    strings = page_strings(at)
    found = {word.split("'")[1].lower() for word in finnish_words(strings, quoted(load_programme()))}
    assert {"työttömät", "haavoittuvassa", "lähde", "päivitetty", "vuodentakaisesta"} <= found, found

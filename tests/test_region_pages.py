"""REGION=MK09 with an empty cache and no network: every page shows Etelä-Karjala, labelled demo, and no
page names Kymenlaakso (AppTest, every language)."""

from __future__ import annotations

import pytest

from tests.test_app import PAGES, open_app, page_text

ELSEWHERE = ("Kymenlaak", "Kymmenedal", "Kouvola", "Kotka", "Hamina", "Fredrikshamn")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("page", [*PAGES, "screens/presentation.py"])
def test_another_region_is_served_by_one_setting(page, lang, tmp_path, monkeypatch):
    monkeypatch.setenv("REGION", "MK09")
    at = open_app(tmp_path / "empty", monkeypatch, page, lang=lang, area="KU405")
    text = page_text(at) + " ".join(e.value for e in at.subheader) + " ".join(str(e.proto) for e in at.selectbox)
    assert at.warning[0].value.startswith(("DEMOAINEISTO", "DEMODATA", "DEMO DATA")), at.warning[0].value
    assert not [word for word in ELSEWHERE if word in text], [word for word in ELSEWHERE if word in text]
    assert (
        "Lappeenranta" in text
        or "Villmanstrand" in text
        or "Etelä-Karjala" in text
        or "Södra Karelen" in text
        or "South Karelia" in text
    ), text[:500]


def test_a_region_without_a_programme_says_so_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("REGION", "MK09")
    at = open_app(tmp_path / "empty", monkeypatch, "screens/themes.py")
    assert [i.value for i in at.info] == [
        "Alueelle Etelä-Karjala ei ole määritetty työllisyysohjelmaa, joten ohjelman tavoitteita ei seurata; "
        "tilastosivut näyttävät alueen luvut."
    ]
    overview = open_app(tmp_path / "empty", monkeypatch, "screens/overview.py")
    assert overview.title[0].value == "Yleiskatsaus: Etelä-Karjala"
    assert any(i.value.startswith("Alueelle Etelä-Karjala ei ole määritetty") for i in overview.info)

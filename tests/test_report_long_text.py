"""The half-year report with long hand-written assessments: the text wraps over rows and pages, and a
download that cannot be made says so in its button's place."""

from __future__ import annotations

import io

import pytest
import yaml
from pypdf import PdfReader

from data_sources.domain import progress as progress_module
from data_sources.domain.progress import progress_dir
from data_sources.snapshots.dataset import load_dataset

SENTENCE = (
    "Työllisyyspalveluiden yhteistyö Kotkan, Kouvolan ja Haminan kesken eteni suunnitellusti; "
    "pitkäaikaistyöttömille järjestettiin 14 ryhmävalmennusta ja yrityskäyntejä tehtiin 212. "
)
LONG_WORD = "https://www.kymenlaakso.fi/tyollisyys/" + "raportti-" * 12  # no place to break a line


def assessment(chars: int) -> str:
    """Numbered sentences, a paragraph every third one (as coordinators write), a long address at the end."""
    text, number = "", 1
    while len(text) < chars:
        text += f"({number}) {SENTENCE}" + ("\n" if number % 3 == 0 else "")
        number += 1
    return (text[: chars - len(LONG_WORD) - 1] + " " + LONG_WORD).strip()


def progress_with(text: str) -> str:
    doc = yaml.safe_load((progress_dir() / "2026H1.yaml").read_text(encoding="utf-8"))
    doc["goals"][0].update(state="käynnissä", assessment=text, assessor="Kymsote", date="2026-06-30")
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def squeezed(text: str) -> str:
    return "".join(text.split())


def column_text(page, left_mm: float, right_mm: float) -> str:
    """The text a PDF page draws between two distances from its left edge (one column of a table)."""
    found: list[str] = []

    def visit(text, cm, tm, font, size):  # noqa: ARG001 (pypdf's visitor signature)
        x_mm = (tm[4] * cm[0] + cm[4]) * 25.4 / 72
        if left_mm <= x_mm < right_mm:
            found.append(text)

    page.extract_text(visitor_text=visit)
    return "".join(found)


@pytest.mark.parametrize("chars", [2000, 5000])
def test_a_long_assessment_wraps_over_rows_and_pages_of_the_pdf(real_cache, catalog, tmp_path, monkeypatch, chars):
    from report.halfyear import build_report, to_pdf

    text = assessment(chars)
    (tmp_path / "2026H1.yaml").write_text(progress_with(text), encoding="utf-8")
    monkeypatch.setattr(progress_module, "progress_dir", lambda: tmp_path)
    report = build_report("2026H1", load_dataset(real_cache), catalog, "fi")
    assert report.themes[0].assessments.rows[0][2] == text
    pages = PdfReader(io.BytesIO(to_pdf(report))).pages
    # the assessment column: after the goal's and the state's, from the 14 mm margin, of 269 mm (A4 landscape)
    widths = report.themes[0].assessments.widths
    left, right = (14 + sum(widths[:n]) / sum(widths) * 269 for n in (2, 3))
    column = squeezed("".join(column_text(page, left, right) for page in pages)).replace("Arvio", "")
    assert squeezed(text) in column, "every character of the assessment, in order, in its own column"
    assert column.count(squeezed(SENTENCE)) == text.count(SENTENCE), "no line twice"
    whole = squeezed(" ".join(page.extract_text() for page in pages))
    assert squeezed("4.1.2 Yhteistyön ja yhteisöllisyyden tukeminen") in whole, "the next goal follows"


def test_a_report_that_cannot_be_made_says_so_in_its_buttons_place(real_cache, monkeypatch):
    from tests.test_app import open_app
    from ui import figures as ui_figures

    at = open_app(real_cache, monkeypatch, "screens/themes.py")
    half = at.selectbox(key="report_half").value
    labels = lambda: [b.proto.label for b in at.get("download_button")]  # noqa: E731
    assert labels()[-2:] == ["PDF", "HTML"]

    def fails() -> bytes:
        raise ValueError("The row with index 1 is too high and cannot be rendered on a single page")

    # what the deferred download runs when the button is pressed (AppTest has no runtime to press it)
    # its key: the language, the release and the records' newest change (0: nothing written in the app)
    button = f"pdf-fi-{load_dataset(real_cache).version}-0raportti_{half}.pdf"
    monkeypatch.setattr(ui_figures, "_FAILED", {})
    with pytest.raises(ValueError):
        ui_figures.remembering(fails, button)()
    at.run()
    assert labels()[-1] == "HTML" and "PDF" not in labels()
    # in words; the exception is in the server's log, not on the page (issue 22)
    assert at.caption[-1].value == f"Tiedostoa raportti_{half}.pdf ei voitu tehdä; syy on kirjattu palvelimen lokiin."
    assert not any("ValueError" in c.value for c in at.caption)

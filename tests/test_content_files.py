"""Hand-edited content files (meetings, progress, programme, catalog): one safe loader, one line per fault.

A typo in regions/MK08/meetings.yaml, a "billion laughs" progress file or Markdown in a goal id must not
break a page or the report: the file is named with its line and problem, as text, and everything else
is shown.
"""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from data_sources.domain import meetings as meetings_module
from data_sources.domain import progress as progress_module
from data_sources.domain.content_yaml import MAX_BYTES, ContentError, load_file
from data_sources.domain.meetings import MeetingsError, load_meetings, meetings_path
from data_sources.domain.progress import load_progress, progress_dir
from tests.test_app import open_app

SHIPPED_MEETINGS = meetings_path().read_text(encoding="utf-8")
# A meetings file as a secretary fills it in: the dates on lines 8 to 12 (meetings[i] on line 8 + i).
EXAMPLE_MEETINGS = (
    "# The steering group's meetings.\n" * 6
    + "meetings:\n"
    + "".join(f"  - {day}\n" for day in ("2026-02-11", "2026-04-22", "2026-06-24", "2026-09-16", "2026-11-25"))
)
SHIPPED_PROGRESS = (progress_dir() / "2026H1.yaml").read_text(encoding="utf-8")


def bomb(levels: int = 9) -> str:
    """A 'billion laughs' progress file: nine lists of nine references, nine deep, as a goal id."""
    lines = ["half: 2026H1", 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    lines += ["goals:", f"  - goal: *l{levels}", "    state: ei arvioitu", "    assessor: x"]
    return "\n".join(lines) + "\n"


# --- meetings ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, problem",
    [
        (
            EXAMPLE_MEETINGS.replace("2026-06-24", "24.6.2026"),
            "line 10: meetings[2]: '24.6.2026' is not a date written as YYYY-MM-DD",
        ),
        (
            EXAMPLE_MEETINGS.replace("2026-09-16", "2026-06-24"),
            "line 11: meetings[3]: a date is listed twice: 2026-06-24",
        ),
        (
            EXAMPLE_MEETINGS.replace("  - 2026-09-16", "\t- 2026-09-16"),
            "line 11, column 1: not valid YAML: found character '\\t' that cannot start any token",
        ),
        (
            EXAMPLE_MEETINGS.replace("2026-06-24", "2026-06-31"),
            "line 10, column 5: not valid YAML: '2026-06-31' is not a date (day is out of range for month)",
        ),
        (None, "the file is missing"),
    ],
    ids=["finnish-date", "repeated", "syntax", "no-such-day", "missing"],
)
def test_a_hand_edited_meetings_file_is_named_with_its_line_and_problem(tmp_path, text, problem):
    path = tmp_path / "meetings.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(MeetingsError) as caught:
        load_meetings(path)
    assert str(caught.value) == f"{path}: {problem}"


@pytest.fixture
def broken_meetings(tmp_path, monkeypatch):
    path = tmp_path / "meetings.yaml"
    path.write_text(EXAMPLE_MEETINGS.replace("2026-06-24", "24.6.2026"), encoding="utf-8")
    monkeypatch.setattr(meetings_module, "meetings_path", lambda: path)
    return f"{path}: line 10: meetings[2]: '24.6.2026' is not a date written as YYYY-MM-DD"


@pytest.mark.parametrize("page", ["screens/overview.py", "screens/municipality.py"])
def test_pages_render_and_say_why_no_meeting_can_be_compared(real_cache, monkeypatch, broken_meetings, page):
    at = open_app(real_cache, monkeypatch, page, area="KU624")  # asserts no exception
    captions = [c.value for c in at.caption]
    said = f"Kokouspäiviä ei voitu lukea, joten kokouksia ei voi valita vertailuun: ` {broken_meetings} `"
    assert said in captions
    assert any(c.startswith("Vain nykyinen julkaisu on tallessa") for c in captions)
    assert at.title[0].value.endswith("Pyhtää")


def test_the_report_builds_and_says_why_there_is_no_comparison(real_cache, catalog, broken_meetings):
    from data_sources.snapshots.dataset import load_dataset
    from report.earlier import earlier_figures
    from report.halfyear import build_report, to_pdf

    data = load_dataset(real_cache)
    report = build_report("2026H1", data, catalog, "fi", earlier_figures(real_cache, data, catalog, dt.date.today()))
    assert report.since.table is None
    assert report.since.intro == f"Ei vertailua: kokouspäiviä ei voitu lukea ({broken_meetings})."
    assert to_pdf(report).startswith(b"%PDF")


def test_the_shipped_meetings_file_has_no_placeholder_dates_and_pages_say_none_are_entered(real_cache, monkeypatch):
    assert load_meetings() == [] and "meetings: []" in SHIPPED_MEETINGS
    at = open_app(real_cache, monkeypatch, "screens/overview.py")
    captions = [c.value for c in at.caption]
    assert (
        "Ohjausryhmän kokouspäiviä ei ole vielä merkitty, joten kokouksia ei ole vertailtavaksi; "
        "sihteeri merkitsee ne Ohjelman teemat -sivulla." in captions
    )
    assert not any("kokouksessa" in c for c in captions), "no meeting offered to compare with"


def test_the_report_says_no_meeting_dates_are_entered(real_cache, catalog):
    from data_sources.snapshots.dataset import load_dataset
    from report.earlier import earlier_figures
    from report.halfyear import build_report

    data = load_dataset(real_cache)
    report = build_report("2026H1", data, catalog, "fi", earlier_figures(real_cache, data, catalog, dt.date.today()))
    assert report.since.table is None
    assert report.since.intro == "Ei vertailua edelliseen kokoukseen: ohjausryhmän kokouspäiviä ei ole vielä merkitty."


# --- one safe loader ---------------------------------------------------------------------------------


def test_a_billion_laughs_progress_file_is_refused_in_milliseconds(tmp_path):
    path = tmp_path / "2026H1.yaml"
    path.write_text(bomb(), encoding="utf-8")
    assert path.stat().st_size < 1000
    started = time.perf_counter()
    progress = load_progress("2026H1", tmp_path)
    assert time.perf_counter() - started < 0.5
    assert progress.error == f"{path}: line 3, column 10: not valid YAML: aliases (*name) are not allowed"
    assert progress.assessments == {}


@pytest.mark.parametrize(
    "text, problem",
    [
        ("x" * (MAX_BYTES + 1), "over the 512 KB limit for a content file; not read"),
        ("meetings: " + "[" * 20_000 + "]" * 20_000, "not valid YAML: nested too deeply"),
        (b"meetings: [\xff]", "not UTF-8 text (byte 11)"),
        ("base: &b [2026-01-01]\nmeetings: *b\n", "line 2, column 11: not valid YAML: aliases (*name) are not allowed"),
    ],
    ids=["too-large", "too-deep", "not-utf8", "alias"],
)
def test_every_content_file_goes_through_the_one_bounded_loader(tmp_path, text, problem):
    path = tmp_path / "content.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ContentError, match=re.escape(f"{path}: {problem}")):
        load_file(path)
    with pytest.raises(MeetingsError, match=re.escape(f"{path}: {problem}")):
        load_meetings(path)


def test_no_content_yaml_is_read_but_through_the_loader():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    readers = [
        str(p.relative_to(root))
        for folder in ("data_sources", "figures", "report", "ui", "screens")
        for p in (root / folder).rglob("*.py")
        if re.search(r"yaml\.(safe_load|load|full_load|unsafe_load|compose)\(", p.read_text(encoding="utf-8"))
    ]
    assert readers == []


# --- text from files stays text ----------------------------------------------------------------------

LINK, IMAGE = "[klik](https://evil.example)", "![x](https://evil.example/i.png)"
_CODE_SPAN = re.compile(r"(`+) .*? \1")


def hostile_progress(kind: str, half: str) -> str:
    text = SHIPPED_PROGRESS.replace("half: 2026H1", f"half: {half}")
    if kind == "goal":
        return text.replace('goal: "4.1.1"', f'goal: "{LINK} {IMAGE}"', 1)
    return text.replace('    assessment: ""', f'    assessment: ""\n    "{LINK}{IMAGE}": 1', 1)


@pytest.mark.parametrize("kind", ["goal", "field"])
def test_markdown_in_a_progress_file_is_shown_as_text(real_cache, tmp_path, monkeypatch, kind):
    for half in ("2026H1", "2026H2", "2025H2"):
        (tmp_path / f"{half}.yaml").write_text(hostile_progress(kind, half), encoding="utf-8")
    monkeypatch.setattr(progress_module, "progress_dir", lambda: tmp_path)
    at = open_app(real_cache, monkeypatch, "screens/themes.py")
    bodies = [e.proto.body for k in ("markdown", "caption", "warning", "info", "error") for e in getattr(at, k)]
    shown = [b for b in bodies if "evil.example" in b]
    assert shown, "the file's problem is shown"
    for body in shown:  # outside a code span nothing would be a link or an image
        rest = _CODE_SPAN.sub("", body)
        assert "evil.example" not in rest and "](" not in rest, body

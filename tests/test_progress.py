"""Coordinators' progress files: the shipped one is valid and complete; each kind of fault has its own message."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from data_sources.domain.programme import load_programme
from data_sources.domain.progress import (
    NOT_ASSESSED,
    dump_progress,
    load_progress,
    progress_dir,
    save_progress,
)

SHIPPED = progress_dir() / "2026H1.yaml"


def write(tmp_path, text: str):
    path = tmp_path / "2026H1.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def dumped(doc: dict) -> str:
    """The doc as YAML: 'half' on line 1, 'goals:' on 2, goals[i] on lines 3 + 3i to 5 + 3i (goal, state, ...)."""
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)


def shipped_doc() -> dict:
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def test_the_shipped_file_covers_every_goal_not_yet_assessed():
    progress = load_progress("2026H1")
    assert progress.error is None
    programme = load_programme()
    assert list(progress.assessments) == list(programme.goals) and len(programme.goals) == 18
    assert {a.state for a in progress.assessments.values()} == {NOT_ASSESSED}
    # nobody has assessed them: no assessor and no date, which would read as if someone had (issue 21)
    assert {(a.assessor, a.date) for a in progress.assessments.values()} == {("", None)}
    assert "date:" not in SHIPPED.read_text(encoding="utf-8").split("goals:")[1]


def test_a_valid_file_loads(tmp_path):
    doc = shipped_doc()
    assessed = {"assessment": "Tapaamiset pidetty.", "assessor": "Työllisyysjohtoryhmän sihteeri", "date": "2026-12-01"}
    doc["goals"][0].update(state="käynnissä", **assessed)
    write(tmp_path, yaml.safe_dump(doc, allow_unicode=True))
    progress = load_progress("2026H1", tmp_path)
    assert progress.error is None
    first = progress.of("4.1.1")
    assert (first.state, first.assessment, first.date) == ("käynnissä", "Tapaamiset pidetty.", dt.date(2026, 12, 1))
    assert progress.counts(["4.1.1", "4.1.2", "4.1.3"]) == {
        "ei aloitettu": 0,
        "käynnissä": 1,
        "toteutunut": 0,
        "ei arvioitu": 2,
    }


ASSESSED = {"state": "käynnissä", "assessment": "Tapaamiset pidetty.", "assessor": "Kymsote"}


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["goals"][0].update(goal="4.9.1"), "line 3: goals[0].goal: '4.9.1' is not a goal of the programme"),
        (
            lambda d: d["goals"][2].update(state="valmis"),
            "line 10: goals[2].state: Input should be 'ei aloitettu', 'käynnissä', 'toteutunut' or 'ei arvioitu', "
            "not 'valmis'",
        ),
        (lambda d: d["goals"][4].update(ASSESSED), "line 15: goals[4].date: a state of 'käynnissä' needs a date"),
        (
            lambda d: d["goals"][4].update(date="2026-12-01"),
            "line 18: goals[4].date: 'ei arvioitu' takes no date (a date says when a goal was assessed)",
        ),
        (
            lambda d: d["goals"][5].update(assessor="Maija Meikäläinen, maija@example.fi"),
            "line 21: goals[5].assessor: must be an organisation or a role, not contact details",
        ),
        (
            lambda d: d["goals"][5].update(ASSESSED, assessment="x" * 5001, date="2026-12-01"),
            "line 20: goals[5].assessment: is 5001 characters long, over the limit of 5000",
        ),
        (lambda d: d["goals"][1].update(goal="4.1.1"), "line 6: goals[1].goal: goal 4.1.1 is given twice"),
        (lambda d: d.update(half="2026H2"), "line 1: half: '2026H2', but the file name says 2026H1"),
        (lambda d: d["goals"][0].update(note="x"), "line 6: goals[0].note: unknown field"),
        (
            lambda d: d["goals"][6].update(state="toteutunut"),
            "line 23: goals[6].assessment: a state of 'toteutunut' needs a written assessment",
        ),
    ],
)
def test_each_fault_gives_its_own_message_naming_the_file(tmp_path, change, message):
    doc = shipped_doc()
    change(doc)
    path = write(tmp_path, dumped(doc))
    progress = load_progress("2026H1", tmp_path)
    assert progress.error == f"{path}: {message}"
    assert progress.assessments == {}
    assert progress.of("4.1.1").state == NOT_ASSESSED, "the app goes on as if nothing were assessed"


def test_broken_yaml_says_where(tmp_path):
    path = write(tmp_path, "half: 2026H1\ngoals:\n  - goal: '4.1.1'\n    state: [ei arvioitu\n")
    assert load_progress("2026H1", tmp_path).error == (
        f"{path}: line 5, column 1: not valid YAML: expected ',' or ']', but got '<stream end>'"
    )


def test_what_an_editor_saves_reads_back_the_same(tmp_path):
    progress = load_progress("2026H1")
    path = save_progress(progress, tmp_path)
    again = load_progress("2026H1", tmp_path)
    assert again.error is None and again.assessments == progress.assessments
    assert path.read_text(encoding="utf-8") == dump_progress(progress)

"""The records database: roles checked by every write, every change kept, rate limits, final half-years, imports."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import yaml
from sqlalchemy import inspect

from data_sources.domain.programme import load_programme
from data_sources.domain.progress import ProgressError, progress_dir
from data_sources.records.database import open_database
from data_sources.records.roles import Editor, NotAllowedError, Roles, RolesError, parse_roles
from data_sources.records.store import FinalError, RateLimitedError, Records

PROGRAMME = load_programme()
THEMES = PROGRAMME.theme_ids
CONFIG = {
    "secretary": ["Sihteeri@Kouvola.fi"],
    "coordinators": {"4.1": ["koordinaattori@kotka.fi"], "4.4": ["group:kymsote-tyollisyys"]},
    "writes_per_minute": 3,
}
SECRETARY = Editor("sihteeri@kouvola.fi")
COORDINATOR_41 = Editor("koordinaattori@kotka.fi")
KYMSOTE = Editor("someone@kymsote.fi", frozenset({"kymsote-tyollisyys"}))
READER = Editor("lukija@hamina.fi")
START = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def records(tmp_path, clock):
    engine = open_database(f"sqlite:///{tmp_path / 'records.sqlite'}")
    return Records(engine, parse_roles(CONFIG, THEMES), PROGRAMME, clock=clock)


def test_the_database_is_made_by_the_migrations(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    assert set(inspect(engine).get_table_names()) == {
        "alembic_version",
        "assessment",
        "meetings",
        "final_half",
        "change",
    }
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0001"


def test_roles_come_from_configuration_and_mistakes_are_named():
    roles = parse_roles(CONFIG, THEMES)
    assert roles.is_secretary(SECRETARY) and not roles.is_secretary(COORDINATOR_41)
    assert roles.themes_of(SECRETARY, THEMES) == list(THEMES)
    assert roles.themes_of(COORDINATOR_41, THEMES) == ["4.1"]
    assert roles.themes_of(KYMSOTE, THEMES) == ["4.4"], "a group claim gives the theme"
    assert roles.themes_of(READER, THEMES) == [] and roles.themes_of(None, THEMES) == []
    assert not Roles().configured and roles.configured
    with pytest.raises(RolesError, match=r"editors.coordinators.4.9: not a theme of the programme"):
        parse_roles({"coordinators": {"4.9": ["a@b.fi"]}}, THEMES)
    with pytest.raises(RolesError, match=r"editors.secretary: 'Maija' is not an e-mail address"):
        parse_roles({"secretary": ["Maija"]}, THEMES)
    with pytest.raises(RolesError, match=r"editors.secretry: unknown key"):
        parse_roles({"secretry": ["a@b.fi"]}, THEMES)


def test_a_coordinator_writes_their_theme_only_and_readers_and_anonymous_nothing(records):
    saved = records.save_assessment(
        COORDINATOR_41, "2026H1", "4.1.1", "käynnissä", "Verkosto kokoontui.", "Kotkan kaupunki", dt.date(2026, 6, 30)
    )
    assert records.progress("2026H1").of("4.1.1") == saved
    for editor, goal in ((COORDINATOR_41, "4.4.1"), (READER, "4.1.1"), (None, "4.1.1"), (KYMSOTE, "4.1.2")):
        with pytest.raises(NotAllowedError):
            records.save_assessment(editor, "2026H1", goal, "toteutunut", "x", "y", dt.date(2026, 6, 30))
    assert records.progress("2026H1").of("4.4.1").state == "ei arvioitu"
    records.save_assessment(KYMSOTE, "2026H1", "4.4.1", "ei aloitettu", "Ei vielä.", "Kymsote", dt.date(2026, 6, 1))
    with pytest.raises(NotAllowedError, match="only the secretary may edit the meeting dates"):
        records.save_meetings(COORDINATOR_41, [dt.date(2026, 2, 11)])
    with pytest.raises(NotAllowedError, match="only the secretary may read the history"):
        records.history(COORDINATOR_41)


def test_every_change_is_kept_with_who_when_before_and_after(records, clock):
    records.save_assessment(COORDINATOR_41, "2026H1", "4.1.1", "käynnissä", "Eka.", "Kotka", dt.date(2026, 6, 1))
    clock.now += dt.timedelta(hours=1)
    records.save_assessment(COORDINATOR_41, "2026H1", "4.1.1", "toteutunut", "Toka.", "Kotka", dt.date(2026, 6, 2))
    changes = records.history(SECRETARY)
    assert [(c.kind, c.who, c.target) for c in changes] == [
        ("assessment", "koordinaattori@kotka.fi", "2026H1 4.1.1"),
        ("assessment", "koordinaattori@kotka.fi", "2026H1 4.1.1"),
        ("import", "regions/MK08/progress/2026H1.yaml", "2026H1"),  # the file, copied in at the first write
    ]
    newest, first, imported = changes
    assert newest.at == START + dt.timedelta(hours=1) and first.at == START
    assert first.before == {"state": "ei arvioitu", "assessment": "", "assessor": "", "date": None}
    assert first.after == {"state": "käynnissä", "assessment": "Eka.", "assessor": "Kotka", "date": "2026-06-01"}
    assert newest.before == first.after
    assert newest.after == {"state": "toteutunut", "assessment": "Toka.", "assessor": "Kotka", "date": "2026-06-02"}
    assert len(imported.after) == 18
    current = records.progress("2026H1")
    assert len(current.assessments) == 18, "every goal stays, the others as the file had them"
    assert current.counts(list(PROGRAMME.goals)) == {
        "ei aloitettu": 0,
        "käynnissä": 0,
        "toteutunut": 1,
        "ei arvioitu": 17,
    }


def test_the_rules_of_the_file_hold_for_the_form(records):
    cases = [
        (("ei arvioitu", "", "", dt.date(2026, 6, 1)), "'ei arvioitu' takes no date"),
        (("käynnissä", "", "Kotka", dt.date(2026, 6, 1)), "needs a written assessment"),
        (("käynnissä", "x", "Kotka", None), "needs a date"),
        (("käynnissä", "x" * 5001, "Kotka", dt.date(2026, 6, 1)), "is 5001 characters long, over the limit of 5000"),
        (("käynnissä", "x", "maija@kotka.fi", dt.date(2026, 6, 1)), "not contact details"),
        (("valmis", "x", "Kotka", dt.date(2026, 6, 1)), "Input should be 'ei aloitettu'"),
        (("käynnissä", "a\x1bb", "Kotka", dt.date(2026, 6, 1)), "contains control characters"),
    ]
    for (state, text, assessor, day), problem in cases:
        with pytest.raises(ProgressError, match=problem):
            records.save_assessment(SECRETARY, "2026H1", "4.1.1", state, text, assessor, day)
    html = "<script>alert(1)</script> [klik](https://evil.example) ![x](https://evil.example/i.png)"
    kept = records.save_assessment(SECRETARY, "2026H1", "4.1.1", "käynnissä", html, "Kotka", dt.date(2026, 6, 1))
    assert kept.assessment == html, "kept as written: shown as text wherever it is shown"
    assert records.progress("2026H1").of("4.1.1").assessment == html
    assert len(records.history(SECRETARY)) == 2, "refused writes leave no change"


def test_writes_are_rate_limited_per_person(records, clock):
    for n in range(3):
        records.save_assessment(COORDINATOR_41, "2026H1", "4.1.1", "käynnissä", f"versio {n}", "Kotka", START.date())
    with pytest.raises(RateLimitedError, match="over 3 changes a minute"):
        records.save_assessment(COORDINATOR_41, "2026H1", "4.1.1", "käynnissä", "versio 3", "Kotka", START.date())
    records.save_assessment(SECRETARY, "2026H1", "4.1.2", "käynnissä", "muu", "Kotka", START.date())  # not theirs
    clock.now += dt.timedelta(seconds=61)
    records.save_assessment(COORDINATOR_41, "2026H1", "4.1.1", "käynnissä", "versio 3", "Kotka", START.date())
    assert records.progress("2026H1").of("4.1.1").assessment == "versio 3"


def test_a_final_half_year_is_what_the_report_prints_until_reopened(records, clock):
    records.save_assessment(SECRETARY, "2026H1", "4.2.1", "toteutunut", "Valmis.", "ELY-keskus", dt.date(2026, 6, 1))
    with pytest.raises(NotAllowedError):
        records.mark_final(COORDINATOR_41, "2026H1")
    records.mark_final(SECRETARY, "2026H1")
    with pytest.raises(FinalError, match="2026H1 is marked final"):
        records.save_assessment(SECRETARY, "2026H1", "4.2.1", "käynnissä", "Muutos.", "ELY", dt.date(2026, 6, 2))
    printed = records.printed_progress("2026H1")
    assert printed.of("4.2.1").assessment == "Valmis." and len(printed.assessments) == 18
    clock.now += dt.timedelta(minutes=2)
    records.mark_final(SECRETARY, "2026H1", final=False)
    records.save_assessment(SECRETARY, "2026H1", "4.2.1", "käynnissä", "Muutos.", "ELY", dt.date(2026, 6, 2))
    assert records.printed_progress("2026H1").of("4.2.1").assessment == "Muutos."
    assert [c.kind for c in records.history(SECRETARY)[:3]] == ["assessment", "final", "final"]


def test_meeting_dates_entered_by_the_secretary(records):
    assert records.meetings() is None, "none entered in the app: the file is read"
    days = [dt.date(2026, 2, 11), dt.date(2026, 6, 24), dt.date(2026, 2, 11)]
    assert records.save_meetings(SECRETARY, days) == [dt.date(2026, 6, 24), dt.date(2026, 2, 11)]
    assert records.meetings() == [dt.date(2026, 6, 24), dt.date(2026, 2, 11)]
    assert records.history(SECRETARY)[0].after == ["2026-06-24", "2026-02-11"]


def filled(changes: dict[str, dict]) -> bytes:
    doc = yaml.safe_load((progress_dir() / "2026H1.yaml").read_text(encoding="utf-8"))
    for entry in doc["goals"]:
        entry.update(changes.get(entry["goal"], {}))
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode()


def test_a_filled_in_template_imports_the_writers_own_themes(records):
    template = records.export_progress("2026H1").encode()
    assert records.import_progress(SECRETARY, "2026H1", template, "2026H1.yaml") == 0, "as it was: no change"
    done = {"state": "toteutunut", "assessment": "Tehty.", "assessor": "Kotka", "date": "2026-06-30"}
    with pytest.raises(NotAllowedError, match="may not assess theme 4.4"):
        records.import_progress(COORDINATOR_41, "2026H1", filled({"4.1.1": done, "4.4.1": done}), "täytetty.yaml")
    assert records.import_progress(COORDINATOR_41, "2026H1", filled({"4.1.1": done}), "täytetty.yaml") == 1
    assert records.progress("2026H1").of("4.1.1").assessment == "Tehty."
    exported = yaml.safe_load(records.export_progress("2026H1"))["goals"][0]
    assert exported == {"goal": "4.1.1", **done, "date": dt.date(2026, 6, 30)}


def test_an_import_refuses_a_yaml_bomb_and_an_oversize_file_quickly_naming_them(records):
    lines = ["half: 2026H1", 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, 10)]
    bomb = "\n".join([*lines, "goals: *l9", ""]).encode()
    started = time.perf_counter()
    with pytest.raises(ProgressError) as caught:
        records.import_progress(SECRETARY, "2026H1", bomb, "pommi.yaml")
    assert time.perf_counter() - started < 0.5
    assert str(caught.value) == "pommi.yaml: line 3, column 10: not valid YAML: aliases (*name) are not allowed"
    with pytest.raises(ProgressError, match=r"^iso.yaml: over the 512 KB limit for a content file; not read$"):
        records.import_progress(SECRETARY, "2026H1", b"#" * (512 * 1024 + 1), "iso.yaml")
    assert records.history(SECRETARY) == []


def test_the_report_reads_the_file_until_a_write_and_then_the_final_mark(tmp_path, monkeypatch):
    from data_sources.records.current import current_meetings, open_records, printed_progress, records_stamp

    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache"))
    assert printed_progress("2026H1").path is not None, "nothing written: the progress file"
    assert current_meetings() == [] and records_stamp() == 0
    assert not (tmp_path / "cache" / "records.sqlite").exists(), "reading makes no database"
    records = open_records(parse_roles(CONFIG, THEMES), PROGRAMME)
    records.save_assessment(SECRETARY, "2026H1", "4.3.1", "toteutunut", "Valmis.", "ELY-keskus", dt.date(2026, 6, 1))
    records.mark_final(SECRETARY, "2026H1")
    records.save_meetings(SECRETARY, [dt.date(2026, 6, 24)])
    assert printed_progress("2026H1").of("4.3.1").assessment == "Valmis."
    assert current_meetings() == [dt.date(2026, 6, 24)]
    assert records_stamp() == 4  # the file copied in, the assessment, the final mark, the meetings

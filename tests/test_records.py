"""The records database: roles checked by every write, every change kept, rate limits, final half-years, imports."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import yaml
from sqlalchemy import create_engine, inspect

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
        "entered_figure",
        "meetings",
        "final_half",
        "change",
    }
    assert "entered" in {c["name"] for c in inspect(engine).get_columns("final_half")}
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0002"


def test_a_database_of_the_first_schema_is_migrated_keeping_what_was_written(tmp_path):
    from alembic import command
    from alembic.config import Config

    from data_sources.records.database import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "INSERT INTO final_half VALUES ('2025H2', '2026-01-10 09:00:00', 'sihteeri@kouvola.fi', '{}')"
        )
    old.dispose()
    records = Records(open_database(url), parse_roles(CONFIG, THEMES), PROGRAMME)
    assert records.final("2025H2").entered is None, "marked before entered figures were kept: none frozen"
    assert records.printed_entered("2025H2").figures == {}


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


# --- figures entered per half-year (no PxWeb source): the secretary's, kept with their history ---------------

UNIT = {"fi": "milj. €", "sv": "milj. €", "en": "EUR million"}
EXPORTS_FILE = """half: 2026H1
figures:
  - key: exports
    value: 1523.4
    unit: {fi: milj. €, sv: milj. €, en: EUR million}
    period: "2025"
    source: Tulli, ulkomaankauppatilasto
    entered_by: Kymenlaakson liitto
    entered_on: 2026-08-15
"""


@pytest.fixture
def entered_folder(tmp_path):
    folder = tmp_path / "entered"
    folder.mkdir()
    return folder


@pytest.fixture
def with_file(tmp_path, clock, entered_folder):
    (entered_folder / "2026H1.yaml").write_text(EXPORTS_FILE, encoding="utf-8")
    engine = open_database(f"sqlite:///{tmp_path / 'records.sqlite'}")
    return Records(engine, parse_roles(CONFIG, THEMES), PROGRAMME, clock=clock, entered_dir=entered_folder)


def test_an_entered_figure_round_trips_with_its_history(with_file, clock):
    records = with_file
    assert records.entered_keys == ("exports", "recruitment_difficulties", "municipal_labour_market_subsidy")
    assert records.entered("2026H1").get("exports").value == 1523.4, "nothing written: the file is the state"
    saved = records.save_entered(
        SECRETARY, "2026H1", "municipal_labour_market_subsidy", "1 234,5", UNIT, "1-6/2026", " Kelasto ", "Liitto"
    )
    assert (saved.value, saved.source, saved.entered_on) == (1234.5, "Kelasto", START.date())
    current = records.entered("2026H1")
    assert current.get("municipal_labour_market_subsidy") == saved
    assert current.get("exports").value == 1523.4, "the file's figure copied in at the first write"
    clock.now += dt.timedelta(days=1)
    records.save_entered(SECRETARY, "2026H1", "exports", "1600", UNIT, "2025", "Tulli, 2. julkaisu", "Liitto")
    changes = records.history(SECRETARY)
    assert [(c.kind, c.who, c.target) for c in changes] == [
        ("entered", "sihteeri@kouvola.fi", "2026H1 exports"),
        ("entered", "sihteeri@kouvola.fi", "2026H1 municipal_labour_market_subsidy"),
        ("import", str(records.entered_dir / "2026H1.yaml"), "2026H1 entered"),
    ]
    newest, first, imported = changes
    assert first.before is None and first.after["value"] == 1234.5 and first.after["entered_on"] == "2026-12-03"
    assert (
        newest.before
        == imported.after["exports"]
        == {
            "key": "exports",
            "value": 1523.4,
            "unit": UNIT,
            "period": "2025",
            "source": "Tulli, ulkomaankauppatilasto",
            "entered_by": "Kymenlaakson liitto",
            "entered_on": "2026-08-15",
        }
    )
    assert newest.after["value"] == 1600.0 and newest.after["entered_on"] == "2026-12-04"
    # saved again unchanged (another day): no change kept
    clock.now += dt.timedelta(days=1)
    records.save_entered(SECRETARY, "2026H1", "exports", "1 600,0", UNIT, "2025", "Tulli, 2. julkaisu", "Liitto")
    assert len(records.history(SECRETARY)) == 3
    exported = yaml.safe_load(records.export_entered("2026H1"))
    assert [f["key"] for f in exported["figures"]] == ["exports", "municipal_labour_market_subsidy"]
    assert exported["figures"][0]["entered_on"] == dt.date(2026, 12, 4)


def test_only_the_secretary_enters_figures_and_the_rules_are_one_line_each(with_file):
    records = with_file
    args = ("2026H1", "exports", "12", UNIT, "2025", "Tulli", "Liitto")
    for editor in (COORDINATOR_41, KYMSOTE, READER, None):
        with pytest.raises(NotAllowedError, match="only the secretary may enter figures"):
            records.save_entered(editor, *args)
    cases = [
        ({"value": "abc"}, "value: 'abc' is not a number (written e.g. 1 234,5)"),
        ({"value": ""}, "value: must not be empty"),
        ({"value": "1,234.5"}, "is not a number"),
        ({"source": "  "}, "source: must not be empty"),
        ({"period": "x" * 41}, "period: is 41 characters long, over the limit of 40"),
        ({"entered_by": "maija@kotka.fi"}, "entered_by: must be an organisation or a role, not contact details"),
        ({"unit": {**UNIT, "sv": ""}}, "unit (sv): must not be empty"),
        ({"source": "Tulli\nrivi 2"}, "source: contains a line break"),
        ({"key": "bogus"}, "'bogus' is not a figure the programme asks to be entered"),
    ]
    from data_sources.domain.entered import EnteredError

    fields = dict(zip(("half", "key", "value", "unit", "period", "source", "entered_by"), args, strict=True))
    for change, problem in cases:
        with pytest.raises(EnteredError) as caught:
            records.save_entered(SECRETARY, **{**fields, **change})
        assert problem in str(caught.value) and "\n" not in str(caught.value)
    hostile = "<script>alert(1)</script> [klik](https://evil.example) ![x](https://evil.example/i.png)"
    kept = records.save_entered(SECRETARY, **{**fields, "source": hostile})
    assert records.entered("2026H1").get("exports").source == kept.source == hostile, "kept as written, shown as text"
    assert len(records.history(SECRETARY)) == 2, "refused writes leave no change (the file's import, the write)"


def test_entering_figures_is_rate_limited_with_the_assessments(with_file):
    records = with_file
    for n in range(3):
        records.save_entered(SECRETARY, "2026H1", "exports", str(n), UNIT, "2025", "Tulli", "Liitto")
    with pytest.raises(RateLimitedError, match="over 3 changes a minute"):
        records.save_entered(SECRETARY, "2026H1", "exports", "9", UNIT, "2025", "Tulli", "Liitto")


def test_a_final_half_year_freezes_its_entered_figures_for_the_report(with_file, clock):
    records = with_file
    records.save_entered(SECRETARY, "2026H1", "exports", "1 700", UNIT, "2025", "Tulli", "Liitto")
    records.mark_final(SECRETARY, "2026H1")
    with pytest.raises(FinalError, match="2026H1 is marked final"):
        records.save_entered(SECRETARY, "2026H1", "exports", "1 800", UNIT, "2025", "Tulli", "Liitto")
    with pytest.raises(FinalError):
        records.import_entered(SECRETARY, "2026H1", EXPORTS_FILE.encode(), "takaisin.yaml")
    assert records.printed_entered("2026H1").get("exports").value == 1700.0
    clock.now += dt.timedelta(minutes=2)
    records.mark_final(SECRETARY, "2026H1", final=False)
    records.save_entered(SECRETARY, "2026H1", "exports", "1 800", UNIT, "2025", "Tulli", "Liitto")
    assert records.printed_entered("2026H1").get("exports").value == 1800.0, "reopened: as now"
    clock.now += dt.timedelta(minutes=2)
    records.mark_final(SECRETARY, "2026H1")
    assert records.printed_entered("2026H1").get("exports").value == 1800.0


def test_a_half_year_marked_final_on_its_file_prints_the_file_as_it_was(with_file, entered_folder):
    records = with_file
    records.mark_final(SECRETARY, "2026H1")
    (entered_folder / "2026H1.yaml").write_text(EXPORTS_FILE.replace("1523.4", "9999"), encoding="utf-8")
    assert records.entered("2026H1").get("exports").value == 9999.0, "the file is still the state"
    assert records.printed_entered("2026H1").get("exports").value == 1523.4, "the report: as marked"


def test_the_file_is_imported_on_the_first_write_and_an_upload_is_checked(with_file, entered_folder):
    records = with_file
    # a half-year with no file: the first write copies nothing in
    records.save_entered(SECRETARY, "2025H2", "exports", "1 400", UNIT, "2024", "Tulli", "Liitto")
    assert [c.kind for c in records.history(SECRETARY)] == ["entered"]
    # the file is read no more once the half-year is written: the database is the state
    (entered_folder / "2026H1.yaml").write_text(EXPORTS_FILE, encoding="utf-8")
    assert records.import_entered(SECRETARY, "2026H1", EXPORTS_FILE.encode(), "takaisin.yaml") == 0, "as it was"
    (entered_folder / "2026H1.yaml").write_text(EXPORTS_FILE.replace("1523.4", "1"), encoding="utf-8")
    assert records.entered("2026H1").get("exports").value == 1523.4
    changed = EXPORTS_FILE.replace("1523.4", "1600.5")
    with pytest.raises(NotAllowedError):
        records.import_entered(COORDINATOR_41, "2026H1", changed.encode(), "uusi.yaml")
    assert records.import_entered(SECRETARY, "2026H1", changed.encode(), "uusi.yaml") == 1
    assert records.entered("2026H1").get("exports").value == 1600.5
    from data_sources.domain.entered import EnteredError

    with pytest.raises(EnteredError, match=r"^pommi.yaml: line 2, column 10: not valid YAML: aliases"):
        records.import_entered(SECRETARY, "2026H1", b"half: 2026H1\nfigures: *x\n", "pommi.yaml")
    with pytest.raises(EnteredError, match=r"half: '2025H2', but the file is for 2026H1"):
        records.import_entered(SECRETARY, "2026H1", changed.replace("2026H1", "2025H2").encode(), "väärä.yaml")


def test_pages_and_the_report_read_entered_figures_from_the_records(tmp_path, monkeypatch):
    from data_sources.records import current

    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache"))
    assert current.current_entered("2026H1").figures == {}, "the shipped file: nothing entered"
    assert current.printed_entered("2026H1").figures == {}
    assert not (tmp_path / "cache" / "records.sqlite").exists(), "reading makes no database"
    records = current.open_records(parse_roles({**CONFIG, "writes_per_minute": 20}, THEMES), PROGRAMME)
    records.save_entered(SECRETARY, "2026H1", "exports", "1 523,4", UNIT, "2025", "Tulli", "Kymenlaakson liitto")
    assert current.current_entered("2026H1").get("exports").value == 1523.4, "a write shows at the next read"
    calls = []
    monkeypatch.setattr(Records, "entered", lambda self, half: calls.append(half))
    assert current.current_entered("2026H1").get("exports").value == 1523.4
    assert calls == [], "nothing changed: the figures are not read again"
    monkeypatch.undo()
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache"))
    records.mark_final(SECRETARY, "2026H1")
    assert current.printed_entered("2026H1").get("exports").value == 1523.4
    records.mark_final(SECRETARY, "2026H1", final=False)
    records.save_entered(SECRETARY, "2026H1", "exports", "1 600", UNIT, "2025", "Tulli", "Kymenlaakson liitto")
    assert current.current_entered("2026H1").get("exports").value == 1600.0
    assert current.printed_entered("2026H1").get("exports").value == 1600.0

"""PostgreSQL started by the test in a temporary folder: two app processes migrate it at once, each sees the
other's edit, and the history keeps both versions. (SQLite is tested in tests/test_records.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from deploy.postgres import postgres_bin, postgres_server
from tests.browser import ROOT

if postgres_bin() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's postgresql for the database tests")
    pytest.skip("postgresql is not installed (apt-get install -y postgresql)", allow_module_level=True)

# One app process's part: open the records of DATABASE_URL (migrating it), write when asked, print what it reads.
APP_PROCESS = """
import datetime as dt, json, sys
from data_sources.records.current import open_records
from data_sources.records.roles import Editor, parse_roles
from data_sources.domain.programme import load_programme
programme = load_programme()
editors = {"secretary": ["sihteeri@kouvola.fi"], "coordinators": {"4.1": ["k@kotka.fi"]}}
roles = parse_roles(editors, programme.theme_ids)
records = open_records(roles, programme)
if sys.argv[1]:
    day = dt.date(2026, 6, 30)
    records.save_assessment(Editor(sys.argv[2]), "2026H1", "4.1.1", "käynnissä", sys.argv[1], "Kotka", day)
a = records.progress("2026H1").of("4.1.1")
print(json.dumps({"assessment": a.assessment, "meetings": [d.isoformat() for d in records.meetings() or []]}))
"""


def app_process(url: str, text: str = "", who: str = "k@kotka.fi") -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", APP_PROCESS, text, who]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def answer(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err[-2000:]
    return json.loads(out.strip().splitlines()[-1])


def test_two_app_processes_share_the_records_and_the_history_keeps_both_versions():
    with postgres_server() as url:
        # both start at once on an empty database: the migration runs once, neither fails
        first, second = app_process(url), app_process(url)
        assert answer(first) == answer(second) == {"assessment": "", "meetings": []}

        assert answer(app_process(url, "Ensimmäinen versio."))["assessment"] == "Ensimmäinen versio."
        assert answer(app_process(url))["assessment"] == "Ensimmäinen versio.", "the other process sees it"
        assert answer(app_process(url, "Toinen versio.", "sihteeri@kouvola.fi"))["assessment"] == "Toinen versio."
        assert answer(app_process(url))["assessment"] == "Toinen versio."

        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT who, kind, target, before, after FROM change ORDER BY id")).all()
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
        engine.dispose()
        assert [(r.who, r.kind, r.target) for r in rows] == [
            ("regions/MK08/progress/2026H1.yaml", "import", "2026H1"),
            ("k@kotka.fi", "assessment", "2026H1 4.1.1"),
            ("sihteeri@kouvola.fi", "assessment", "2026H1 4.1.1"),
        ]
        first_edit, second_edit = rows[1], rows[2]
        assert first_edit.before["state"] == "ei arvioitu" and first_edit.after["assessment"] == "Ensimmäinen versio."
        assert second_edit.before == first_edit.after
        assert second_edit.after == {
            "state": "käynnissä",
            "assessment": "Toinen versio.",
            "assessor": "Kotka",
            "date": "2026-06-30",
        }
        entered_figures_on_postgres(url)


def entered_figures_on_postgres(url: str) -> None:
    """The secretary's entered figure on PostgreSQL: written, read back, kept in the history, frozen when final."""
    from data_sources.domain.programme import load_programme
    from data_sources.records.database import open_database
    from data_sources.records.roles import Editor, parse_roles
    from data_sources.records.store import FinalError, Records

    programme = load_programme()
    roles = parse_roles({"secretary": ["sihteeri@kouvola.fi"]}, programme.theme_ids)
    records = Records(open_database(url), roles, programme)
    secretary, unit = Editor("sihteeri@kouvola.fi"), {"fi": "milj. €", "sv": "milj. €", "en": "EUR million"}
    records.save_entered(secretary, "2026H1", "exports", "1 523,4", unit, "2025", "Tulli", "Kymenlaakson liitto")
    assert records.entered("2026H1").get("exports").value == 1523.4
    newest = records.history(secretary)[0]
    assert (newest.kind, newest.target, newest.before, newest.after["value"]) == (
        "entered",
        "2026H1 exports",
        None,
        1523.4,
    )
    records.mark_final(secretary, "2026H1")
    with pytest.raises(FinalError):
        records.save_entered(secretary, "2026H1", "exports", "1", unit, "2025", "Tulli", "Kymenlaakson liitto")
    assert records.printed_entered("2026H1").get("exports").unit == unit

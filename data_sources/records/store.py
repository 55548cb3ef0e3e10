"""Reading and writing the records: every write checks the writer's role and rate, and keeps the change.

Pages and the report read the current state (`progress`, `entered`, `meetings`); a half-year marked final is
read as it was marked (`printed_progress`, `printed_entered`). The progress files' and the entered-figure files'
YAML is the import and export format: until the first write of a half-year the file is the state, and the first
write copies it in (a change by the file).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from data_sources.domain.content_yaml import shown_path
from data_sources.domain.entered import (
    EnteredFigure,
    EnteredFigures,
    check_figure,
    dump_entered,
    entered_path,
    figure_as_dict,
    figure_from_dict,
    load_entered,
    read_entered_upload,
)
from data_sources.domain.programme import Programme
from data_sources.domain.progress import (
    NOT_ASSESSED,
    Assessment,
    Progress,
    check_entry,
    dump_progress,
    load_progress,
    progress_path,
    read_progress_upload,
)
from data_sources.records.roles import Editor, NotAllowedError, Roles
from data_sources.records.tables import AssessmentRow, ChangeRow, EnteredRow, FinalRow, MeetingsRow

log = logging.getLogger(__name__)
MAX_MEETINGS = 60  # a steering group meeting monthly for five years


class RateLimitedError(RuntimeError):
    """Too many writes by one person within a minute."""


class FinalError(ValueError):
    """A write to a half-year marked final."""


@dataclass(frozen=True)
class Change:
    """One kept change, as the secretary's history shows it."""

    at: dt.datetime
    who: str
    kind: str
    target: str
    before: object
    after: object


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)  # SQLite gives back naive times


def _as_json(a: Assessment | None) -> dict[str, str | None] | None:
    if a is None:
        return None
    return {
        "state": a.state,
        "assessment": a.assessment,
        "assessor": a.assessor,
        "date": a.date.isoformat() if a.date else None,
    }


def _from_json(goal: str, value: dict[str, str | None]) -> Assessment:
    day = value.get("date")
    return Assessment(
        goal,
        value["state"] or NOT_ASSESSED,
        value["assessment"] or "",
        value["assessor"] or "",
        dt.date.fromisoformat(day) if day else None,
    )


def _from_row(row: AssessmentRow) -> Assessment:
    return Assessment(row.goal, row.state, row.assessment, row.assessor, row.day)


def _entered_json(figure: EnteredFigure | None) -> dict[str, object] | None:
    return None if figure is None else figure_as_dict(figure)


def _entered_from_row(row: EnteredRow) -> EnteredFigure:
    return EnteredFigure(row.key, row.value, dict(row.unit), row.period, row.source, row.entered_by, row.entered_on)


def _same_figure(a: EnteredFigure | None, b: EnteredFigure) -> bool:
    """The same figure whatever day it was entered (saving a form unchanged is no change)."""
    return a is not None and figure_as_dict(a) | {"entered_on": ""} == figure_as_dict(b) | {"entered_on": ""}


def entered_meetings(engine: Engine) -> list[dt.date] | None:
    """The meeting dates entered in the app, newest first; None when none were ever entered (any region)."""
    with Session(engine) as session:
        row = session.get(MeetingsRow, 1)
    return None if row is None else [dt.date.fromisoformat(d) for d in row.days]


class Records:
    """The database's records for one programme, with the configured roles."""

    def __init__(
        self,
        engine: Engine,
        roles: Roles,
        programme: Programme,
        progress_dir: Path | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        entered_dir: Path | None = None,
    ) -> None:
        self.engine = engine
        self.roles = roles
        self.programme = programme
        self.progress_dir = progress_dir
        self.entered_dir = entered_dir
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))

    # --- reading --------------------------------------------------------------------------------------

    def progress(self, half: str) -> Progress:
        """The half-year's current assessments: the database's once written, the progress file before that."""
        with Session(self.engine) as session:
            rows = session.scalars(select(AssessmentRow).where(AssessmentRow.half == half)).all()
        if not rows:
            return load_progress(half, self.progress_dir, self.programme)
        return Progress(half, {row.goal: _from_row(row) for row in rows})

    def final(self, half: str) -> FinalRow | None:
        with Session(self.engine) as session:
            return session.get(FinalRow, half)

    def printed_progress(self, half: str) -> Progress:
        """What the report prints: the assessments as marked final, or the current ones while not final."""
        mark = self.final(half)
        if mark is None:
            return self.progress(half)
        return Progress(half, {goal: _from_json(goal, value) for goal, value in mark.assessments.items()})

    @property
    def entered_keys(self) -> tuple[str, ...]:
        """The figures the programme asks to be entered (its indicators' `entered:`), in the programme's order."""
        return tuple(i.entered for theme in self.programme.themes for i in theme.entered)

    def entered(self, half: str) -> EnteredFigures:
        """The half-year's entered figures: the database's once written, the half-year's file before that."""
        with Session(self.engine) as session:
            rows = session.scalars(select(EnteredRow).where(EnteredRow.half == half)).all()
        if not rows:
            return load_entered(half, self.entered_dir)
        return EnteredFigures(half, {row.key: _entered_from_row(row) for row in rows})

    def printed_entered(self, half: str) -> EnteredFigures:
        """What the report prints: the figures as they were when the half-year was marked final, else as now."""
        mark = self.final(half)
        if mark is None or mark.entered is None:  # not final, or marked before entered figures were kept here
            return self.entered(half)
        return EnteredFigures(half, {key: figure_from_dict(value) for key, value in mark.entered.items()})

    def export_entered(self, half: str) -> str:
        """The half-year's current entered figures in the file's format (a backup, or a template)."""
        return dump_entered(self.entered(half))

    def meetings(self) -> list[dt.date] | None:
        """The meeting dates entered in the app, newest first; None when none were ever entered here."""
        return entered_meetings(self.engine)

    def history(self, editor: Editor | None, limit: int = 500) -> list[Change]:
        """Every kept change, newest first: for the secretary only."""
        self.roles.check_secretary(editor, "read the history of changes")
        with Session(self.engine) as session:
            rows = session.scalars(select(ChangeRow).order_by(ChangeRow.id.desc()).limit(limit)).all()
        return [Change(_utc(r.at), r.who, r.kind, r.target, r.before, r.after) for r in rows]

    def stamp(self) -> int:
        """The newest change's number: it grows with every write, in every process."""
        with Session(self.engine) as session:
            return session.scalar(select(func.max(ChangeRow.id))) or 0

    def export_progress(self, half: str) -> str:
        """The half-year's current assessments in the progress file's format (a backup, or a template)."""
        return dump_progress(self.progress(half), self.programme)

    # --- writing: each checks the role and the rate first, in the same transaction as the write ----------

    def _begin(self, session: Session, editor: Editor) -> dt.datetime:
        now = self.clock()
        since = now - dt.timedelta(minutes=1)
        recent = session.scalar(
            select(func.count()).select_from(ChangeRow).where(ChangeRow.who == editor.who, ChangeRow.at > since)
        )
        if (recent or 0) >= self.roles.writes_per_minute:
            limit = self.roles.writes_per_minute
            raise RateLimitedError(f"{editor.who}: over {limit} changes a minute; try again shortly")
        return now

    def _open_half(self, session: Session, half: str, now: dt.datetime) -> None:
        """Refuse a final half-year; on its first write, copy the progress file in (so every goal stays)."""
        if session.get(FinalRow, half) is not None:
            raise FinalError(f"{half} is marked final; the secretary can reopen it")
        if session.scalar(select(func.count()).select_from(AssessmentRow).where(AssessmentRow.half == half)):
            return
        from_file = load_progress(half, self.progress_dir, self.programme)
        if from_file.error or not from_file.assessments:
            return
        who = shown_path(from_file.path or progress_path(half, self.progress_dir))
        for a in from_file.assessments.values():
            session.add(
                AssessmentRow(
                    half=half, goal=a.goal, state=a.state, assessment=a.assessment, assessor=a.assessor, day=a.date
                )
            )
        session.add(
            ChangeRow(
                at=now,
                who=who,
                kind="import",
                target=half,
                before=None,
                after={g: _as_json(a) for g, a in from_file.assessments.items()},
            )
        )

    def _open_entered(self, session: Session, half: str, now: dt.datetime) -> None:
        """Refuse a final half-year; on its first write of a figure, copy the half-year's file in."""
        if session.get(FinalRow, half) is not None:
            raise FinalError(f"{half} is marked final; the secretary can reopen it")
        if session.scalar(select(func.count()).select_from(EnteredRow).where(EnteredRow.half == half)):
            return
        from_file = load_entered(half, self.entered_dir)
        if from_file.problem or not from_file.figures:
            return
        for figure in from_file.figures.values():
            session.add(EnteredRow(half=half, **figure_as_dict(figure) | {"entered_on": figure.entered_on}))
        after = {key: figure_as_dict(f) for key, f in from_file.figures.items()}
        who = shown_path(entered_path(half, self.entered_dir))
        session.add(ChangeRow(at=now, who=who, kind="import", target=f"{half} entered", before=None, after=after))

    def _put_entered(
        self, session: Session, half: str, figure: EnteredFigure, editor: Editor, now: dt.datetime, kind: str
    ) -> bool:
        row = session.get(EnteredRow, (half, figure.key))
        before = _entered_from_row(row) if row else None
        if _same_figure(before, figure):
            return False
        if row is None:
            row = EnteredRow(half=half, key=figure.key)
            session.add(row)
        row.value, row.unit, row.period = figure.value, dict(figure.unit), figure.period
        row.source, row.entered_by, row.entered_on = figure.source, figure.entered_by, figure.entered_on
        before_json, after_json = _entered_json(before), _entered_json(figure)
        target = f"{half} {figure.key}"
        session.add(ChangeRow(at=now, who=editor.who, kind=kind, target=target, before=before_json, after=after_json))
        return True

    def save_entered(
        self,
        editor: Editor | None,
        half: str,
        key: str,
        value: str | float,
        unit: dict[str, str],
        period: str,
        source: str,
        entered_by: str,
    ) -> EnteredFigure:
        """The secretary writes one figure of a half-year, entered today; `value` as written ('1 234,5').

        Raises NotAllowedError, RateLimitedError, FinalError, EnteredError (one line naming the field)."""
        editor = self.roles.check_secretary(editor, "enter figures")
        today = self.clock().date()
        figure = check_figure(key, value, unit, period, source, entered_by, today, self.entered_keys)
        with Session(self.engine) as session, session.begin():
            now = self._begin(session, editor)
            self._open_entered(session, half, now)
            if not self._put_entered(session, half, figure, editor, now, "entered"):
                row = session.get(EnteredRow, (half, key))
                figure = _entered_from_row(row) if row else figure
        log.info("entered figure %s %s by %s", half, key, editor.who)
        return figure

    def import_entered(self, editor: Editor | None, half: str, raw: bytes, name: str) -> int:
        """A half-year's entered-figures file (a backup put back, bulk entry): the secretary's; returns how many
        figures changed. Checked as a shipped file is (size, aliases, every rule); a figure the programme does
        not ask for is refused."""
        editor = self.roles.check_secretary(editor, "enter figures")
        found = read_entered_upload(raw, name, half)
        checked = [
            check_figure(f.key, f.value, f.unit, f.period, f.source, f.entered_by, f.entered_on, self.entered_keys)
            for f in found.values()
        ]
        with Session(self.engine) as session, session.begin():
            now = self._begin(session, editor)
            self._open_entered(session, half, now)
            return sum(self._put_entered(session, half, f, editor, now, "entered") for f in checked)

    def _put(self, session: Session, half: str, a: Assessment, editor: Editor, now: dt.datetime, kind: str) -> bool:
        row = session.get(AssessmentRow, (half, a.goal))
        before = _from_row(row) if row else None
        if before == a:
            return False
        if row is None:
            row = AssessmentRow(half=half, goal=a.goal)
            session.add(row)
        row.state, row.assessment, row.assessor, row.day = a.state, a.assessment, a.assessor, a.date
        session.add(
            ChangeRow(
                at=now, who=editor.who, kind=kind, target=f"{half} {a.goal}", before=_as_json(before), after=_as_json(a)
            )
        )
        return True

    def save_assessment(
        self,
        editor: Editor | None,
        half: str,
        goal: str,
        state: str,
        assessment: str = "",
        assessor: str = "",
        day: dt.date | None = None,
    ) -> Assessment:
        """Write one goal's assessment; raises NotAllowedError, RateLimitedError, FinalError, ProgressError."""
        theme_id = goal.rsplit(".", 1)[0]
        editor = self.roles.check_assess(editor, theme_id)
        entry: dict[str, object] = {"goal": goal, "state": state, "assessment": assessment or None}
        if assessor:
            entry["assessor"] = assessor
        if day is not None:
            entry["date"] = day
        checked = check_entry(entry, self.programme)
        with Session(self.engine) as session, session.begin():
            now = self._begin(session, editor)
            self._open_half(session, half, now)
            self._put(session, half, checked, editor, now, "assessment")
        log.info("assessment of %s %s by %s", half, goal, editor.who)
        return checked

    def import_progress(self, editor: Editor | None, half: str, raw: bytes, name: str) -> int:
        """A filled-in progress file (bulk entry, or a backup put back); returns how many goals changed.

        Checked as a shipped file is (size, aliases, every rule); every goal it changes must be of a theme
        the writer may assess (a coordinator's file may hold the other themes as they are)."""
        if not self.roles.themes_of(editor, self.programme.theme_ids):
            raise NotAllowedError(f"{editor.who if editor else 'an anonymous viewer'} may not assess any theme")
        assert editor is not None
        found = read_progress_upload(raw, name, half, self.programme)
        with Session(self.engine) as session, session.begin():
            now = self._begin(session, editor)
            self._open_half(session, half, now)
            rows = session.scalars(select(AssessmentRow).where(AssessmentRow.half == half)).all()
            current = {row.goal: _from_row(row) for row in rows}
            changed = [a for goal, a in found.items() if current.get(goal, Assessment(goal)) != a]
            for theme_id in sorted({a.goal.rsplit(".", 1)[0] for a in changed}):
                self.roles.check_assess(editor, theme_id)
            return sum(self._put(session, half, a, editor, now, "import") for a in changed)

    def save_meetings(self, editor: Editor | None, days: list[dt.date]) -> list[dt.date]:
        """The secretary's meeting dates (each once, at most MAX_MEETINGS), newest first."""
        editor = self.roles.check_secretary(editor, "edit the meeting dates")
        unique = sorted(set(days), reverse=True)
        if len(unique) > MAX_MEETINGS:
            raise ValueError(f"{len(unique)} meeting dates, over the limit of {MAX_MEETINGS}")
        after = [d.isoformat() for d in unique]
        with Session(self.engine) as session, session.begin():
            now = self._begin(session, editor)
            row = session.get(MeetingsRow, 1)
            before = None if row is None else list(row.days)
            if before != after:
                if row is None:
                    session.add(MeetingsRow(id=1, days=after))
                else:
                    row.days = after
                session.add(
                    ChangeRow(at=now, who=editor.who, kind="meetings", target="meetings", before=before, after=after)
                )
        return unique

    def mark_final(self, editor: Editor | None, half: str, final: bool = True) -> None:
        """Mark a half-year final (the report then prints it as it is now), or reopen it."""
        editor = self.roles.check_secretary(editor, "mark a half-year final")
        with Session(self.engine) as session, session.begin():
            now = self._begin(session, editor)
            mark = session.get(FinalRow, half)
            if final and mark is None:
                current = self.progress(half)
                snapshot = {goal: _as_json(current.of(goal)) for goal in self.programme.goals}
                figures = {key: figure_as_dict(f) for key, f in self.entered(half).figures.items()}
                session.add(
                    FinalRow(half=half, marked_at=now, marked_by=editor.who, assessments=snapshot, entered=figures)
                )
                session.add(ChangeRow(at=now, who=editor.who, kind="final", target=half, before=False, after=True))
            elif not final and mark is not None:
                session.execute(delete(FinalRow).where(FinalRow.half == half))
                session.add(ChangeRow(at=now, who=editor.who, kind="final", target=half, before=True, after=False))

"""Writing in the app: sign-in (st.login), the roles of the signed-in person, and the forms that write.

Every write goes through data_sources.records, which checks the role itself: the forms are shown only to
those who may use them, but a crafted message from any other session is refused there too.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from data_sources.domain.entered import MAX_ENTERED_BY_CHARS, MAX_PERIOD_CHARS, MAX_SOURCE_CHARS, EnteredFigure
from data_sources.domain.meetings import MeetingsError
from data_sources.domain.periods import HalfYear, halves_between
from data_sources.domain.programme import Indicator, Programme, Theme
from data_sources.domain.progress import (
    MAX_ASSESSMENT_CHARS,
    MAX_ASSESSOR_CHARS,
    NOT_ASSESSED,
    STATES,
    Progress,
    ProgressError,
)
from data_sources.domain.region import programme_baseline
from data_sources.domain.settings import load_settings
from data_sources.records.current import open_records
from data_sources.records.database import open_database
from data_sources.records.roles import Editor, NotAllowedError, Roles, RolesError, parse_roles
from data_sources.records.store import FinalError, RateLimitedError, Records
from figures.formats import fmt_date
from figures.i18n import t
from figures.scorecard import entered_lines
from ui.safe import plain

log = logging.getLogger(__name__)
REFUSED = (NotAllowedError, RateLimitedError, FinalError, ProgressError, MeetingsError, ValueError)
_FLASH = "edit_flash"


def _secrets_section(name: str) -> Mapping[str, Any] | None:
    try:
        section = st.secrets.get(name)
    except Exception:  # noqa: BLE001 (no secrets file, or one that does not parse: no sign-in, read-only)
        return None
    return section if isinstance(section, Mapping) else None


def sign_in_configured() -> bool:
    return _secrets_section("auth") is not None


def configured_roles(programme: Programme) -> Roles:
    """The `[editors]` table of the secrets; a mistake there is logged and leaves everyone a reader."""
    try:
        return parse_roles(_secrets_section("editors"), programme.theme_ids)
    except RolesError as exc:
        log.error("editing is off: %s", exc)
        return Roles()


def _logged_in() -> bool:
    return bool(st.user.get("is_logged_in", False))


def signed_in(roles: Roles) -> Editor | None:
    """The person the identity provider signed in (e-mail and group claims), or None."""
    if not sign_in_configured() or not _logged_in():
        return None
    email = st.user.get("email")
    if not isinstance(email, str) or "@" not in email:
        return None
    claim = st.user.get(roles.groups_claim)
    groups: list[object] = list(claim) if isinstance(claim, list) else []
    return Editor(email.strip().lower(), frozenset(str(g) for g in groups if isinstance(g, str | int)))


@st.cache_resource(show_spinner=False)
def prepare_database() -> str:
    """Create and migrate the records' database once per process, at start; '' or why it is not usable."""
    try:
        open_database(load_settings().database_url)
    except (SQLAlchemyError, OSError) as exc:
        log.error("the records' database is not usable: %s", exc)
        return str(exc).splitlines()[0][:300]
    return ""


def records_for(programme: Programme) -> tuple[Records | None, Editor | None]:
    """The records with the configured roles, and who is signed in; None when the database is not usable."""
    roles = configured_roles(programme)
    if prepare_database():
        return None, None
    return open_records(roles, programme), signed_in(roles)


def _flash(kind: str, text: str) -> None:
    st.session_state[_FLASH] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop(_FLASH, (None, ""))
    if kind == "ok":
        st.success(text, icon=":material/check:")
    elif kind == "error":
        st.error(text, icon=":material/block:")


def _write(action, done: str, lang: str) -> None:  # noqa: ANN001 (a closure over the form's values)
    """Run one write; what it refused is shown as text after the rerun."""
    try:
        action()
    except REFUSED as exc:
        _flash("error", t("edit_refused", lang, error=plain(exc)))
    else:
        _flash("ok", done)


def sign_in_bar(records: Records, editor: Editor | None, programme: Programme, lang: str) -> None:
    """One line: how to enable editing, the sign-in button, or who is signed in with which role."""
    if not sign_in_configured():
        st.caption(t("edit_not_configured", lang))
        return
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    if editor is None and not _logged_in():
        row.caption(t("edit_sign_in_hint", lang))
        row.button(t("sign_in", lang), on_click=st.login, icon=":material/login:", key="sign_in")
        return
    roles = records.roles
    if roles.is_secretary(editor):
        role = t("role_secretary", lang)
    elif themes := roles.themes_of(editor, programme.theme_ids):
        role = t("role_coordinator", lang, themes=", ".join(themes))
    else:
        role = t("role_reader", lang)
    who = editor.who if editor else str(st.user.get("email") or "")
    row.caption(t("signed_in_as", lang, who=plain(who), role=role))
    row.button(t("sign_out", lang), on_click=st.logout, icon=":material/logout:", key="sign_out")


def assessment_forms(records: Records, editor: Editor | None, theme: Theme, half: str, lang: str) -> None:
    """Per goal of `theme`, a form for whoever may assess it; the template and an import beside them."""
    if editor is None or not records.roles.may_assess(editor, theme.id):
        return
    final = records.final(half)
    st.markdown(f"#### {t('edit_title', lang, half=half)}")
    if final is not None:
        st.info(t("edit_final", lang, half=half), icon=":material/lock:")
        return
    progress = records.progress(half)
    st.caption(t("edit_limits", lang, chars=f"{MAX_ASSESSMENT_CHARS:,}".replace(",", " ")))
    for goal in theme.goals:
        with st.expander(f"{goal.id} {goal.title}"):
            _goal_form(records, editor, progress, half, goal.id, lang)
    _template(records, editor, half, lang)


def _goal_form(records: Records, editor: Editor, progress: Progress, half: str, goal: str, lang: str) -> None:
    a = progress.of(goal)
    key = f"edit-{half}-{goal}"
    with st.form(key, border=False):
        state = st.selectbox(
            t("col_state", lang),
            STATES,
            index=STATES.index(a.state),
            format_func=lambda s: t(f"state_{s}", lang),
            key=f"{key}-state",
        )
        text = st.text_area(
            t("edit_text", lang, chars=MAX_ASSESSMENT_CHARS),
            a.assessment,
            max_chars=MAX_ASSESSMENT_CHARS,
            key=f"{key}-text",
        )
        assessor = st.text_input(
            t("col_assessor", lang),
            a.assessor,
            max_chars=MAX_ASSESSOR_CHARS,
            help=t("assessor_help", lang),
            key=f"{key}-assessor",
        )
        day = st.date_input(
            t("col_date", lang),
            a.date or dt.date.today(),
            format="DD.MM.YYYY",
            help=t("edit_date_help", lang),
            key=f"{key}-date",
        )
        if st.form_submit_button(t("edit_save", lang), icon=":material/save:"):
            when = None if state == NOT_ASSESSED else (day if isinstance(day, dt.date) else None)
            _write(
                lambda: records.save_assessment(editor, half, goal, state, text, assessor, when),
                t("edit_saved", lang, goal=goal),
                lang,
            )
            st.rerun()


def _template(records: Records, editor: Editor, half: str, lang: str) -> None:
    with st.expander(t("template_title", lang)):
        st.caption(t("template_help", lang))
        st.download_button(
            t("template_download", lang),
            records.export_progress(half).encode(),
            file_name=f"{half}.yaml",
            mime="application/yaml",
            icon=":material/download:",
            on_click="ignore",
            key=f"template-{half}",
        )
        upload = st.file_uploader(t("template_upload", lang), type=["yaml", "yml"], key=f"import-{half}")
        if upload is not None and st.button(t("template_import", lang), key=f"import-go-{half}"):
            raw, name = upload.getvalue(), upload.name
            _write(
                lambda: records.import_progress(editor, half, raw, name), t("template_imported", lang, file=name), lang
            )
            st.rerun()


def _written_value(value: float) -> str:
    """A stored figure as the form shows it to be edited: '1523,4' (no exponent, a decimal comma)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def entered_forms(records: Records, editor: Editor | None, theme: Theme, half: str, lang: str) -> None:
    """The secretary's form per figure of `theme` that no PxWeb API serves (Tulli's exports, Kela's municipal
    share...), for a chosen half-year (the scorecard's `half` first, then the earlier ones); the half-year's file
    to download and import beside them. Others see the figures read-only, in the scorecard's entered lines."""
    if not theme.entered or editor is None or not records.roles.is_secretary(editor):
        return
    try:
        halves = [h.key for h in halves_between(programme_baseline(), HalfYear.parse(half).last_month)] or [half]
    except ValueError:
        halves = [half]
    st.markdown(f"#### {t('entered_edit_title', lang)}")
    chosen = st.selectbox(t("half", lang), halves, key=f"entered-half-{theme.id}")
    current = records.entered(chosen)
    for line in entered_lines(theme, current, lang):  # the figures as they stand, as text
        st.caption(plain(line))
    if records.final(chosen) is not None:
        st.info(t("edit_final", lang, half=chosen), icon=":material/lock:")
        return
    earlier = records.entered(HalfYear.parse(chosen).previous.key)
    st.caption(t("entered_edit_help", lang, period=MAX_PERIOD_CHARS))
    for indicator in theme.entered:
        key = indicator.entered
        with st.expander(indicator.text):
            _entered_form(records, editor, chosen, indicator, current.get(key), earlier.get(key), lang)
    _entered_file(records, editor, chosen, theme, lang)


def _entered_form(
    records: Records,
    editor: Editor,
    half: str,
    indicator: Indicator,
    figure: EnteredFigure | None,
    earlier: EnteredFigure | None,
    lang: str,
) -> None:
    """One figure's form: as entered, else the unit, source and who of the half-year before (the value empty)."""
    key = f"entered-{half}-{indicator.entered}"
    like = figure or earlier
    with st.form(key, border=False):
        value = st.text_input(
            t("entered_value", lang), _written_value(figure.value) if figure else "", max_chars=40, key=f"{key}-value"
        )
        row = st.container(horizontal=True, gap="small")
        units = {
            code: row.text_input(
                t("entered_unit", lang, code=code), like.unit.get(code, "") if like else "", key=f"{key}-unit-{code}"
            )
            for code in ("fi", "sv", "en")
        }
        period = st.text_input(t("entered_period", lang), figure.period if figure else "", key=f"{key}-period")
        source = st.text_input(
            t("entered_source", lang), like.source if like else "", max_chars=MAX_SOURCE_CHARS, key=f"{key}-source"
        )
        who = st.text_input(
            t("entered_who", lang),
            like.entered_by if like else "",
            max_chars=MAX_ENTERED_BY_CHARS,
            help=t("assessor_help", lang),
            key=f"{key}-by",
        )
        if st.form_submit_button(t("edit_save", lang), icon=":material/save:"):
            _write(
                lambda: records.save_entered(editor, half, indicator.entered, value, units, period, source, who),
                t("entered_saved", lang, figure=indicator.text, half=half),
                lang,
            )
            st.rerun()


def _entered_file(records: Records, editor: Editor, half: str, theme: Theme, lang: str) -> None:
    with st.expander(t("entered_file", lang)):
        st.caption(t("entered_file_help", lang))
        st.download_button(
            t("entered_download", lang),
            records.export_entered(half).encode(),
            file_name=f"{half}.yaml",
            mime="application/yaml",
            icon=":material/download:",
            on_click="ignore",
            key=f"entered-export-{theme.id}-{half}",
        )
        upload = st.file_uploader(t("template_upload", lang), type=["yaml", "yml"], key=f"entered-import-{theme.id}")
        if upload is not None and st.button(t("entered_import", lang), key=f"entered-import-go-{theme.id}"):
            raw, name = upload.getvalue(), upload.name
            _write(
                lambda: records.import_entered(editor, half, raw, name), t("template_imported", lang, file=name), lang
            )
            st.rerun()


def _parse_days(text: str) -> list[dt.date]:
    days = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            day, month, year = (int(part) for part in line.split("."))
            days.append(dt.date(year, month, day))
        except ValueError:
            raise ValueError(f"line {number}: {line[:40]!r} is not a date written as 24.6.2026") from None
    return days


def secretary_tools(records: Records, editor: Editor | None, halves: list[str], lang: str) -> None:
    """Meeting dates, the final mark of a half-year and the history of changes: the secretary's only."""
    if editor is None or not records.roles.is_secretary(editor):
        return
    st.subheader(t("secretary_title", lang))
    entered = records.meetings() or []
    with st.form("meetings", border=True):
        st.markdown(f"**{t('meetings_title', lang)}**")
        text = st.text_area(
            t("meetings_field", lang),
            "\n".join(fmt_date(d, "fi") for d in sorted(entered)),
            max_chars=60 * 11,
            help=t("meetings_help", lang),
            key="meetings-text",
        )
        if st.form_submit_button(t("edit_save", lang), icon=":material/save:"):
            _write(lambda: records.save_meetings(editor, _parse_days(text)), t("meetings_saved", lang), lang)
            st.rerun()
    if halves:
        row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
        half = row.selectbox(t("half", lang), halves, key="final-half")
        mark = records.final(half)
        if mark is None:
            if row.button(t("final_mark", lang), icon=":material/lock:", key="final-mark"):
                _write(lambda: records.mark_final(editor, half), t("final_marked", lang, half=half), lang)
                st.rerun()
        else:
            row.caption(t("final_state", lang, half=half, date=fmt_date(mark.marked_at.date(), lang)))
            if row.button(t("final_reopen", lang), icon=":material/lock_open:", key="final-reopen"):
                _write(
                    lambda: records.mark_final(editor, half, final=False), t("final_reopened", lang, half=half), lang
                )
                st.rerun()
    with st.expander(t("changes_title", lang)):
        changes = records.history(editor, limit=200)
        table = pd.DataFrame(
            [
                {
                    t("col_when", lang): c.at.strftime("%d.%m.%Y %H.%M"),
                    t("col_who", lang): c.who,
                    t("col_what", lang): f"{c.kind} {c.target}",
                    t("col_before", lang): "" if c.before is None else str(c.before)[:400],
                    t("col_after", lang): "" if c.after is None else str(c.after)[:400],
                }
                for c in changes
            ]
        )
        if table.empty:
            st.caption(t("changes_empty", lang))
        else:
            st.dataframe(table, hide_index=True)

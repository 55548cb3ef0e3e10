"""Writing on the themes page (AppTest): read-only without sign-in, a coordinator's form for their own theme,
the secretary's meeting dates; every write lands in the records with its history."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.testing.v1 import AppTest

from data_sources.domain.programme import load_programme
from data_sources.records.current import open_records
from tests.tables import page_tables
from tests.test_app import APP

AUTH = {  # what a deployment puts in .streamlit/secrets.toml; never contacted by these tests
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "only-for-this-test",
    "client_id": "kymen",
    "client_secret": "only-for-this-test",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
EDITORS = {"secretary": ["sihteeri@kouvola.fi"], "coordinators": {"4.1": ["koordinaattori@kotka.fi"]}}
NOT_CONFIGURED = (  # in words for the viewer; the how-to is the README's (issue 22: no developer text on pages)
    "Vain luku: arvioita ei voi vielä kirjoittaa tässä sovelluksessa. Kojelaudan ylläpitäjä ottaa kirjoittamisen "
    "käyttöön määrittämällä kirjautumisen ja roolit; siihen asti koordinaattorit toimittavat arviot kojelaudan "
    "ylläpitäjälle."
)


def themes_page(cache_dir, monkeypatch, user: dict | None = None, auth: bool = True, **params) -> AppTest:
    monkeypatch.setenv("CACHE_DIR", str(cache_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    if auth:
        at.secrets["auth"] = AUTH
        at.secrets["editors"] = EDITORS
    if user is not None:
        at.user = user
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("screens/themes.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def saves(at: AppTest) -> list:
    return [b for b in at.button if b.label == "Tallenna"]


def test_with_no_sign_in_configured_the_page_is_read_only_and_says_how_to_enable_editing(tmp_path, monkeypatch):
    at = themes_page(tmp_path / "cache", monkeypatch, auth=False)
    assert NOT_CONFIGURED in [c.value for c in at.caption]
    assert not saves(at) and not at.text_area and not [b for b in at.button if b.label == "Kirjaudu"]


def test_anonymous_and_a_reader_see_no_form(tmp_path, monkeypatch):
    at = themes_page(tmp_path / "cache", monkeypatch)
    assert [b.label for b in at.button if b.label == "Kirjaudu"] == ["Kirjaudu"]
    assert not saves(at)
    reader = themes_page(tmp_path / "cache", monkeypatch, {"is_logged_in": True, "email": "lukija@hamina.fi"})
    assert "Kirjautunut: ` lukija@hamina.fi ` – vain luku (ei kirjoitusoikeutta)" in [c.value for c in reader.caption]
    assert not saves(reader) and not reader.text_area


def test_a_coordinator_writes_their_goal_and_the_page_shows_it_as_text(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    user = {"is_logged_in": True, "email": "Koordinaattori@Kotka.fi"}
    at = themes_page(cache, monkeypatch, user)
    assert "Kirjautunut: ` koordinaattori@kotka.fi ` – koordinaattori, teemat 4.1" in [c.value for c in at.caption]
    assert [t.key for t in at.text_area] == [f"edit-2026H1-4.1.{n}-text" for n in (1, 2, 3)]
    text = "Verkosto kokoontui 4 kertaa. <b>lihava</b> [klik](https://evil.example)"
    at.selectbox(key="edit-2026H1-4.1.1-state").set_value("käynnissä")
    at.text_area(key="edit-2026H1-4.1.1-text").set_value(text)
    at.text_input(key="edit-2026H1-4.1.1-assessor").set_value("Kotkan kaupunki")
    at.date_input(key="edit-2026H1-4.1.1-date").set_value(dt.date(2026, 6, 30))
    saves(at)[0].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == ["Tavoitteen 4.1.1 arvio tallennettu."]
    saved = open_records(programme=load_programme()).progress("2026H1").of("4.1.1")
    assert (saved.state, saved.assessment, saved.assessor, saved.date) == (
        "käynnissä",
        text,
        "Kotkan kaupunki",
        dt.date(2026, 6, 30),
    )
    # the page's table shows it character for character: parsed back, the cell's text is the text written
    table = next(t for t in page_tables(at) if t.index.name == "Tavoite")
    row = table.loc["4.1.1 Yhteistyön edistäminen verkostossa"]
    assert (row["Tila"], row["Arvio"], row["Arvioija"], row["Päivämäärä"]) == (
        "käynnissä",
        text,
        "Kotkan kaupunki",
        "30.6.2026",
    )
    assert set(table["Päivämäärä"].iloc[1:]) == {"–"}, "no date on a goal not assessed"
    # the coordinator of 4.1 has no form on 4.4's tab
    other = themes_page(cache, monkeypatch, user, theme="4.4")
    assert not other.text_area and not saves(other)


def test_the_secretary_enters_meeting_dates_and_reads_the_history(tmp_path, monkeypatch):
    at = themes_page(tmp_path / "cache", monkeypatch, {"is_logged_in": True, "email": "sihteeri@kouvola.fi"})
    at.text_area(key="meetings-text").set_value("11.2.2026\n24.6.2026\n")
    next(b for b in at.button if b.label == "Tallenna" and "meetings" in str(b.form_id)).click()
    at.run()
    assert [s.value for s in at.success] == ["Kokouspäivät tallennettu."]
    records = open_records(programme=load_programme())
    assert records.meetings() == [dt.date(2026, 6, 24), dt.date(2026, 2, 11)]
    history = at.dataframe[0].value
    assert list(history["Kuka"]) == ["sihteeri@kouvola.fi"]
    assert list(history["Jälkeen"]) == ["['2026-06-24', '2026-02-11']"]


def save_in(at: AppTest, form: str):
    return next(b for b in at.button if b.label == "Tallenna" and str(b.form_id).endswith(form))


def test_the_secretary_enters_a_figure_and_the_theme_shows_it_with_its_source(tmp_path, monkeypatch):
    from data_sources.domain.entered import load_entered
    from figures.formats import fmt_date
    from figures.scorecard import entered_lines

    cache = tmp_path / "cache"
    secretary = {"is_logged_in": True, "email": "sihteeri@kouvola.fi"}
    at = themes_page(cache, monkeypatch, secretary, theme="4.2")
    key = "entered-2026H1-exports"
    assert at.selectbox(key="entered-half-4.2").value == "2026H1"
    hostile = "Tulli <b>ulkomaankauppa</b> [klik](https://evil.example)"
    for field, value in {"value": "abc", "unit-fi": "milj. €", "unit-sv": "milj. €", "unit-en": "EUR million"}.items():
        at.text_input(key=f"{key}-{field}").set_value(value)
    at.text_input(key=f"{key}-period").set_value("2025")
    at.text_input(key=f"{key}-source").set_value(hostile)
    at.text_input(key=f"{key}-by").set_value("Kymenlaakson liitto")
    save_in(at, key).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == ["Ei tallennettu: ` value: 'abc' is not a number (written e.g. 1 234,5) `"]
    records = open_records(programme=load_programme())
    assert records.entered("2026H1").figures == {} and records.stamp() == 0, "nothing written"

    at.text_input(key=f"{key}-value").set_value("1 523,4")
    save_in(at, key).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == ["Tallennettu kaudelle 2026H1: Vienti Kymenlaaksosta."] and not at.error
    saved = records.entered("2026H1").get("exports")
    assert (saved.value, saved.source, saved.entered_by) == (1523.4, hostile, "Kymenlaakson liitto")
    line = (
        "Vienti Kymenlaaksosta: 1\u00a0523,4\u00a0milj. € (2025) – lähde: "
        f"{hostile}; syöttänyt Kymenlaakson liitto {fmt_date(saved.entered_on, 'fi')}"
    )
    assert entered_lines(load_programme().theme("4.2"), records.entered("2026H1"), "fi")[0] == line
    # the theme's table of entered figures shows it at once, as text (escaped in the table: no link, no HTML)
    (entered,) = [table for table in page_tables(at) if "Syöttänyt" in table.columns]
    assert entered.loc["Vienti Kymenlaaksosta", "Luku"] == "1\u00a0523,4\u00a0milj. €"
    assert entered.loc["Vienti Kymenlaaksosta", "Lähde"] == hostile
    assert entered.loc["Vienti Kymenlaaksosta", "Ajanjakso"] == "2025"
    assert load_entered("2026H1").figures == {}, "the shipped file is untouched: the database is the state"

    # a reader sees the figure read-only, with no form
    reader = themes_page(cache, monkeypatch, {"is_logged_in": True, "email": "lukija@hamina.fi"}, theme="4.2")
    (entered,) = [table for table in page_tables(reader) if "Syöttänyt" in table.columns]
    assert entered.loc["Vienti Kymenlaaksosta", "Lähde"] == hostile
    assert not [w for w in reader.text_input if str(w.key).startswith("entered-")]

"""AppTest: every page opens, every widget and URL parameter path works, figures equal the snapshot's."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_sources.domain.programme import load_programme
from data_sources.snapshots.dataset import load_dataset
from figures.formats import fmt_number, fmt_percent
from figures.i18n import t
from figures.latest import latest
from tests.charts import PageChart, page_charts
from tests.fake_pxweb import FakePxWeb
from tests.shown import shown_markup
from tests.tables import page_cards, page_tables, page_tiles

APP = str(Path(__file__).resolve().parents[1] / "app.py")
KIND_MISSING = t("kind_missing", "fi")
PAGES = ["screens/overview.py", "screens/groups.py", "screens/municipality.py", "screens/themes.py", "screens/data.py"]


def open_app(cache_dir, monkeypatch, page=None, **params) -> AppTest:
    monkeypatch.setenv("CACHE_DIR", str(cache_dir))
    st.cache_data.clear()
    st.cache_resource.clear()  # the values derived from a dataset (ui.context.cached_on_data)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> list[PageChart]:
    return page_charts(at)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_demo_data_and_says_demo(page, tmp_path, monkeypatch):
    at = open_app(tmp_path / "empty", monkeypatch, page)
    assert at.warning[0].value.startswith("DEMOAINEISTO – luvut ovat keksittyjä esimerkkejä")
    assert at.title, "every page has a title"


def page_text(at: AppTest) -> str:
    """Everything a page writes as text: titles, markdown, captions, alerts, metric labels and values."""
    parts = [e.value for kind in ("title", "markdown", "caption", "warning", "info") for e in getattr(at, kind)]
    if any(m.startswith('<div class="cards">') for m in shown_markup(at)):
        parts += [f"{label} {card['value']}" for label, card in page_cards(at).items()]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_real_data_without_a_demo_label(page, real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, page)
    assert not any("DEMO" in w.value for w in at.warning)
    text = page_text(at)
    assert "DEMO" not in text
    drawn = charts(at)
    if page in ("screens/groups.py", "screens/municipality.py", "screens/themes.py"):
        assert drawn, f"{page} draws charts"
    for chart in drawn:
        assert "DEMO" not in chart.markup
        assert any(line.startswith("Lähde: ") for line in chart.subtitle), "a source line under it"
    if page in ("screens/overview.py", "screens/municipality.py"):
        assert "Lähde: KEHA-keskus, Työnvälitystilasto, päivitetty 21.7.2026" in text


def fake_figure(fake: FakePxWeb, series, area: str, period: str) -> float:
    """A headline figure as the fake server computes it (a formula is the sum of its codes; a series found by
    meaning as tests/test_exact_series.py computes it from the base cells of 12ub or 12t8)."""
    if series.exact is not None and series.proxy is None:
        from tests.test_exact_series import EXPECTED  # here: that module opens pages with this one's open_app

        return EXPECTED[series.id](area, period)
    values = [fake.cell("tyonv/12r5.px", area, period, code)[0] for code in series.codes]
    return math.nan if any(v is None for v in values) else sum(values)


def test_overview_figures_equal_the_fake_servers_for_all_ten(real_cache, monkeypatch, catalog):
    at = open_app(real_cache, monkeypatch)
    assert at.title[0].value == "Yleiskatsaus: Kymenlaakso"
    # structural unemployment and the age groups as found by meaning in the fake's 12ub and 12t8
    headline = [s for s in load_dataset(real_cache).shown_catalog.series if s.headline]
    metrics = page_cards(at)
    assert len(headline) == len(metrics) == 10
    with FakePxWeb() as fake:
        for series in headline:
            now = fake_figure(fake, series, "MK08", "2026M06")
            year_ago = fake_figure(fake, series, "MK08", "2025M06")
            metric = metrics[series.label["fi"]]
            if series.unit == "percent":
                assert metric["value"] == fmt_percent(now, series.decimals), series.id
                points = fmt_number(now - year_ago, 1, signed=True)
                assert metric["delta"] == f"{points} %-yks.", series.id
                assert "%-yks. edellisestä kuukaudesta" in metric["note"], "the month's change has its unit"
            else:
                assert metric["value"] == fmt_number(now), series.id
                count = fmt_number(now - year_ago, signed=True)
                pct = fmt_percent(100 * (now - year_ago) / year_ago, 1, signed=True)
                assert metric["delta"] == f"{count} ({pct})", series.id
            # one minus sign (−) in the text; the arrow and colour follow the change and the wanted direction
            assert not metric["delta"].startswith("-") and metric["delta_description"] == "vuodentakaisesta", series.id
            assert metric["direction"] == ("down" if now < year_ago else "up"), series.id
            wanted = series.id not in ("open_vacancies", "in_services")  # fewer is better, but not for these
            assert metric["tone"] == ("neutral" if not wanted else "good" if now < year_ago else "bad"), series.id
            # the source in words; the table and code are on the data page (issue 22)
            assert metric["note"].endswith("Lähde: KEHA-keskus, Työnvälitystilasto"), series.id
            assert not any(code in metric["note"] for code in series.codes), series.id
        unemployed = fake_figure(fake, catalog.series_by_id("unemployed"), "MK08", "2026M06")
        change = unemployed - fake_figure(fake, catalog.series_by_id("unemployed"), "MK08", "2025M06")
    sentence = at.markdown[0].value
    assert sentence.startswith(
        f"#### Kymenlaaksossa oli kesäkuun lopussa {fmt_number(unemployed)} työtöntä työnhakijaa, "
        f"{fmt_number(abs(change))} {'vähemmän' if change < 0 else 'enemmän'} kuin vuotta aiemmin."
    )
    assert "\u00a0" in fmt_number(unemployed)


def test_demo_overview_says_the_anchored_june_2026_figures(tmp_path, monkeypatch):
    at = open_app(tmp_path / "none", monkeypatch)
    assert at.markdown[0].value.startswith("#### Kymenlaaksossa oli kesäkuun lopussa 10\u00a0153 työtöntä")
    assert page_cards(at)["Työttömien osuus työvoimasta"]["value"] == "14,4\u00a0%"


def test_url_parameters_choose_area_language_and_view(real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, area="KU286", lang="sv")
    assert at.title[0].value == "Översikt: Kouvola"
    at.switch_page("screens/groups.py")
    at.run()
    assert at.query_params["area"] == "KU286" and at.query_params["lang"] == "sv"
    assert len(charts(at)) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"area": "<script>alert(1)</script>"},
        {"lang": "de"},
        {"view": "pie"},
        {"start": "1999-01"},
        {"end": "2099-13"},
        {"compare": "XX,,SSS"},
        {"ma": "yes"},
        {"muni": "MK08"},
    ],
)
def test_bad_url_parameters_fall_back_to_defaults(params, real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, page="screens/groups.py", **params)
    sel = at.session_state["selection"]
    assert sel.area == "MK08" and sel.lang == "fi" and sel.view == "level" and sel.start == "2018-01"
    assert sel.compare in (("SK081", "SK082"), ("SSS",))
    assert len(charts(at)) == 1


def test_groups_widgets_change_charts_and_the_url(real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, page="screens/groups.py")
    at.radio(key="w_view").set_value("index").run()
    at.checkbox(key="w_ma").check().run()
    at.multiselect(key="w_compare").set_value(["SSS"]).run()
    at.select_slider(key="w_period").set_value(("2020-01", "2025-12")).run()
    assert not at.exception
    assert at.query_params["view"] == "index" and at.query_params["ma"] == "1"
    assert at.query_params["compare"] == "SSS" and at.query_params["start"] == "2020-01"
    assert at.query_params["end"] == "2025-12"
    (chart,) = charts(at)
    assert "indeksi, 4/2020–3/2021 = 100" in chart.markup and "12 kuukauden liukuva keskiarvo" in chart.markup
    first = chart.hover[0].split("\n")[0]  # a month's figures on hover: Finnish month, decimal comma
    month = "(tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuu"
    unit = "indeksi, 4/2020–3/2021 = 100 · 12 kuukauden liukuva keskiarvo"
    assert re.fullmatch(rf"Kymenlaakso, {month} 20\d\d: \d+,\d {unit}", first)


def test_views_share_and_yoy_render_for_every_group(real_cache, monkeypatch):
    for view in ("share", "yoy"):
        at = open_app(real_cache, monkeypatch, page="screens/groups.py", view=view)
        assert len(charts(at)) == 1


def test_sidebar_area_and_language_persist_across_pages(real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch)
    # AppTest reruns only the page after an interaction, so both sidebar choices go in one run
    at.sidebar.selectbox(key="w_area").set_value("KU285")
    at.sidebar.selectbox(key="w_lang").set_value("en")
    at.run()
    assert at.title[0].value == "Overview: Kotka"
    at.switch_page("screens/groups.py")
    at.run()
    assert at.title[0].value == "Job-seeker groups"
    assert at.query_params["area"] == "KU285" and at.query_params["lang"] == "en"


def test_municipality_table_equals_the_snapshot_and_downloads(real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, page="screens/municipality.py", area="KU075")
    frame = load_dataset(real_cache).frame
    assert at.title[0].value == "Oma kunta: Hamina"
    table = page_tables(at)[0]
    row = table.loc["Työttömät työnhakijat"]
    assert row["Hamina"] == fmt_number(latest(frame, "unemployed", "KU075").value)
    assert row["Kymenlaakso"] == fmt_number(latest(frame, "unemployed", "MK08").value)
    assert row["Koko maa"] == fmt_number(latest(frame, "unemployed", "SSS").value)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[:3] == ["Lataa CSV", "Lataa Excel", "Lataa kuntakortti (PDF)"]
    assert labels[3:5] == ["Lataa kuukausiluvut (CSV)", "Lataa kuukausiluvut (Excel)"]
    # the trend chart's menu: its PNG and SVG, and the figures behind it (issue 22)
    assert labels[5:] == ["PNG", "SVG", "Lataa kuukausiluvut (CSV)", "Lataa kuukausiluvut (Excel)"]
    # one trend chart at a time: the one chosen
    assert charts(at)[-1].title.startswith("Työttömät työnhakijat")
    at.selectbox(key="municipality_trend").set_value("long_term_unemployed")
    at.run()
    assert charts(at)[-1].title.startswith("Rakennetyöttömät")  # found by meaning in the fake's 12ub
    at.sidebar.selectbox(key="w_area").set_value("KU489")
    at.run()
    assert at.title[0].value == "Oma kunta: Miehikkälä"
    assert at.query_params["area"] == "KU489"


def test_themes_page_lists_all_four_themes_and_opens_the_first(real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, page="screens/themes.py")
    assert [tab.label for tab in at.tabs] == [
        "4.1 Yhteistyö",
        "4.2 Kasvu ja yritystoiminta",
        "4.3 Osaava työvoima",
        "4.4 Haavoittuvassa asemassa olevat",
    ]
    theme = load_programme().theme("4.1")
    assert len(charts(at)) == len(theme.measures) == 1, "only the open tab's charts are drawn"
    assert not any("Ei vielä kytketty" in m.value for m in at.markdown)
    assert at.selectbox(key="report_half").options[:3] == ["2026H1", "2025H2", "2025H1"]
    assert at.selectbox(key="report_half").options[-1] == "2021H1"


def test_themes_page_opens_theme_44_from_the_url_with_its_scorecard(real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, page="screens/themes.py", theme="4.4")
    assert at.query_params["theme"] == "4.4", "the URL keeps the theme"
    texts = [m.value for m in at.markdown]
    assert texts[0].startswith("**Koordinointi / vastuu:** Kaakkois-Suomen TE-toimisto")
    assert texts[1] == "#### Mittaristo", "the tab opens with its scorecard"
    table = texts[2]
    assert table.startswith(
        "| Mittari | Arvo, kesäkuu 2026 | Vuodessa (koko maa) | Ohjelman alusta (koko maa, vertailu\u00admaakunnat) "
        "| Sija (1 = paras) | Toivottu suunta | Tila |"
    )
    frame = load_dataset(real_cache).frame
    rows = table.splitlines()[2:]
    assert len(rows) == len(load_programme().theme("4.4").measures) == 9
    june = frame[(frame["period"] == "2026-06-01") & (frame["area_code"] == "MK08")].set_index("series")["value"]
    assert f"| {fmt_number(june['unemployed_foreign'])}\u00a0henkilöä |" in rows[8]
    # the fake serves 12ub and 12t8: structural unemployment, its four parts and the age groups are exact
    assert rows[0].startswith("| [Rakennetyöttömät](#") and "Työttömyysjaksojen kesto" in rows[0]
    assert f"| {fmt_number(june['long_term_unemployed'])}\u00a0henkilöä |" in rows[0]
    assert "[Rakennetyöttömät: palveluilta palveluille siirtyneet](#" in rows[4]
    assert rows[6].startswith("| [Yli 55-vuotiaat työnhakijat](#") and rows[7].startswith("| [Alle 30-vuotiaat")
    assert not any("korvike" in row.split(" | ")[0] for row in [*rows[:5], *rows[6:8]])
    assert all("↓ vähenee · “" in row for row in rows), "the programme's own words beside each direction"
    # stocks for flows and a count for a rate get no verdict, and every stand-in says so where its status is
    cells = [[c.strip() for c in row.strip(" |").split(" | ")] for row in rows]
    assert [c[-1].rpartition(" · ")[2] if " · " in c[-1] else "" for c in cells] == [
        "osittainen mittari",
        *[""] * 4,
        "korvike",
        "osittainen mittari",
        "osittainen mittari",
        "korvike",
    ]
    assert [c[-1] for c in cells][5:7] == [
        "**– ei mitattavissa tästä tilastosta** · korvike",
        "**– ei mitattavissa tästä tilastosta** · osittainen mittari",
    ]
    assert "**– ei mitattavissa tästä tilastosta**" in rows[8]
    captions = [c.value for c in at.caption]
    # the region beside the whole country and named comparable regions
    peers = next(c for c in captions if c.startswith("Vertailumaakunnat: "))
    assert "5 manner-Suomen maakuntaa, joiden työttömien osuus työvoimasta oli 4/2020–3/2021 lähimpänä" in peers
    # the rule with its band, right under the table the statuses stand in
    assert "Tila verrataan ohjelman alusta" in peers and "±0,3\u00a0%-yks." in peers and "±2\u00a0%" in peers
    assert any("Vertailu ylittää 1.1.2025 tilastomuutoksen" in c for c in captions)
    assert len(charts(at)) == 9
    assert "Koordinaattorien arviot 2026H1" in " ".join(texts)
    assessments = next(t for t in (t.reset_index() for t in page_tables(at)) if "Tavoite" in t.columns)
    assert assessments["Tila"].tolist() == ["ei arvioitu"] * 7
    assert assessments["Tavoite"].iloc[3] == "4.4.4 Pitkäaikaistyöttömyyden ennaltaehkäisy ja katkaisu"


def test_a_bad_theme_in_the_url_opens_the_first(real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, page="screens/themes.py", theme="9.9")
    assert at.markdown[0].value == "**Koordinointi / vastuu:** Kymenlaakson työllisyysjohtoryhmä"
    assert "theme" not in at.query_params


def test_overview_has_a_four_theme_strip(real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch)
    tiles = page_tiles(at)
    assert list(tiles) == ["4.1 Yhteistyö", "4.2 Kasvu ja yritystoiminta", "4.3 Osaava työvoima",
                           "4.4 Haavoittuvassa asemassa olevat"]  # fmt: skip
    for counts in tiles.values():
        assert [c.split(": ")[0] for c in counts][:3] == ["✔ edennyt", "= ennallaan", "✖ heikentynyt"]
    lines = tiles["4.4 Haavoittuvassa asemassa olevat"]
    numbers = [int(part.rsplit(": ", 1)[1]) for part in lines if ": " in part]
    assert [b.label for b in at.button][-4:] == [f"Avaa teema 4.{n}" for n in range(1, 5)]
    assert sum(numbers) == 9  # structural unemployment's four parts beside it
    # what the tile judges against, and how many of its measures are stand-ins, on the tile itself
    assert lines[-2:] == [
        "korvike- tai osittaisia mittareita 5",
        "Ohjelman alusta (vuoden keskiarvot) koko maahan verrattuna",
    ]
    at.button(key="open-4.4").click().run()
    assert at.query_params["theme"] == "4.4"
    assert at.markdown[0].value.startswith("**Koordinointi / vastuu:** Kaakkois-Suomen TE-toimisto")


def test_data_page_shows_release_and_refresh_against_the_fake(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    with FakePxWeb() as fake:
        monkeypatch.setenv("PXWEB_BASE_URL", fake.base_url)
        at = open_app(cache, monkeypatch, page="screens/data.py")
        # 12ub and 12t8 have no demo: their series show their stand-ins until the first refresh; the four statistics
        # tables (no stand-ins) have demo figures
        assert page_tables(at)[0]["Laji"].tolist() == ["DEMO", "DEMO", KIND_MISSING, KIND_MISSING] + ["DEMO"] * 4
        at.button[0].click().run()
        assert not at.exception
        # the run's outcome as a sentence, its lines folded under it (issue 22: not "Päivitä tiedot nyt: 2/2 ok")
        assert [(e.label, e.state) for e in at.status] == [("Tiedot päivitettiin.", "complete")]
        at.run()
    table = page_tables(at)[0]
    assert table["Julkaistu"].tolist() == ["21.7.2026", "29.5.2026", "21.7.2026", "21.7.2026"] + ["20.5.2026"] * 4
    assert table["Laji"].tolist() == ["virallinen"] * 8
    assert not any("DEMO" in w.value for w in at.warning)


@pytest.mark.parametrize("lang, released, kind", [("sv", "Publicerad", "officiell"), ("en", "Released", "official")])
def test_data_and_theme_pages_speak_swedish_and_english(lang, released, kind, real_cache, monkeypatch):
    at = open_app(real_cache, monkeypatch, page="screens/data.py", lang=lang)
    table = page_tables(at)[0]
    tyonv, vaerak = ("21.7.2026", "29.5.2026") if lang == "sv" else ("21 Jul 2026", "29 May 2026")
    statistics = "20.5.2026" if lang == "sv" else "20 May 2026"
    # 12r5, 11ra, 12ub, 12t8, then aly, alyr, tkke and vkour
    assert table[released].tolist() == [tyonv, vaerak, tyonv, tyonv] + [statistics] * 4
    assert table[{"sv": "Typ", "en": "Kind"}[lang]].tolist() == [kind] * 8
    at.switch_page("screens/themes.py")
    at.run()
    assert not at.exception
    expected = {
        "sv": "Programmets text på finska, såsom den godkändes.",
        "en": "The programme's text is in Finnish, as approved.",
    }[lang]
    assert expected in [c.value for c in at.caption]


def test_groups_page_shows_every_group_once_with_the_snapshots_figures(real_cache, monkeypatch, catalog):
    at = open_app(real_cache, monkeypatch, page="screens/groups.py", area="KU624", group="unemployed_foreign")
    assert at.select_slider(key="w_period").options[-1] == "kesäkuu 2026", "months as the charts name them"
    glance = page_tables(at)[0].reset_index()
    frame = load_dataset(real_cache).frame
    june = frame[(frame["area_code"] == "KU624") & (frame["period"] == "2026-06-01")].set_index("series")["value"]
    # Appendix 2's groups, each under the name its figure has on every page: structural unemployment (with its
    # four parts) and the age groups exact, as the fake serves 12ub and 12t8; the others say what they stand in for
    assert glance["Ryhmä"].tolist() == [
        "Kaikki työnhakijat",
        "Työttömät työnhakijat",
        "Rakennetyöttömät",
        "Rakennetyöttömät: pitkäaikaistyöttömät",
        "Rakennetyöttömät: rinnasteiset pitkäaikaistyöttömät",
        "Rakennetyöttömät: palveluilta työttömäksi jääneet",
        "Rakennetyöttömät: palveluilta palveluille siirtyneet",
        "Alle 30-vuotiaat työnhakijat",
        "Yli 55-vuotiaat työnhakijat",
        "Työttömät ulkomaan kansalaiset (korvike kaikille ulkomaalaisille työnhakijoille)",
        "Vammaiset ja pitkäaikaissairaat työttömät (korvike kaikille työnhakijoille)",
        "Palveluissa olevat kk:n lopussa (korvike palveluissa aloittaneille)",
        "Avoimet työpaikat kk:n lopussa (korvike – avoinna olleet)",
    ]
    row = glance.set_index("Ryhmä").loc["Työttömät työnhakijat"]
    assert row["Arvo"] == f"{int(june['unemployed']):,}".replace(",", "\u00a0")
    assert row["Kuukausi"] == "kesäkuu 2026"
    # the row's sparkline draws 25 months: the lowest at the bottom edge, the highest at the top one
    (line,) = row["Kehitys 25 kk"]
    points = line.get("points").split()
    history = frame[(frame["area_code"] == "KU624") & (frame["series"] == "unemployed")].sort_values("period").tail(25)
    ys = [float(p.split(",")[1]) for p in points]
    assert len(points) == 25
    assert ys[list(history["value"]).index(history["value"].max())] == 3.0
    assert ys[list(history["value"]).index(history["value"].min())] == 45.0
    (chart,) = charts(at)
    assert chart.title == "Työttömät ulkomaan kansalaiset (korvike kaikille ulkomaalaisille työnhakijoille)"
    at.selectbox(key="w_group").set_value("open_vacancies").run()
    assert at.query_params["group"] == "open_vacancies"
    assert charts(at)[0].title.startswith("Avoimet työpaikat")

"""regions/MK08/programme.yaml: complete, linked to the catalog, and faithful to the programme's own text."""

import re
from pathlib import Path

import pytest
import yaml

from data_sources.domain.catalog import load_catalog
from data_sources.domain.programme import ProgrammeError, load_programme, parse_programme, programme_path

PROGRAMME_PATH = programme_path()

SEED = Path(__file__).resolve().parent / "data" / "kymenlaakson-tyollisyysohjelma-2021.txt"


def normalised(text: str) -> str:
    """Joins words the PDF text broke over lines ('kiih-\\ndyttäminen') and folds white space."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = text.replace("–", "-").replace("−", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.fixture(scope="module")
def seed():
    return normalised(SEED.read_text(encoding="utf-8"))


def test_four_themes_with_goals_indicators_and_coordinators():
    programme = load_programme()
    assert [t.id for t in programme.themes] == ["4.1", "4.2", "4.3", "4.4"]
    assert [len(t.goals) for t in programme.themes] == [3, 4, 4, 7]
    assert [g.id for g in programme.theme("4.1").goals] == ["4.1.1", "4.1.2", "4.1.3"]
    assert [t.coordinator for t in programme.themes] == [
        "Kymenlaakson työllisyysjohtoryhmä",
        "Kaakkois-Suomen ELY-keskus ja TE-toimisto",
        "Kaakkois-Suomen ELY-keskus",
        "Kaakkois-Suomen TE-toimisto ja Kymenlaakson Monialainen työelämäpalvelu",
    ]
    assert programme.approved == "2021-03-23"


def test_titles_goals_and_impacts_are_the_programmes_own_words(seed):
    programme = load_programme()
    for theme in programme.themes:
        assert normalised(theme.title) in seed, theme.title
        for goal in theme.goals:
            assert normalised(goal.title) in seed, goal.title
        for impact in theme.impacts:
            assert normalised(impact) in seed, impact
        for group in theme.target_groups:
            assert normalised(group) in seed, group


def test_every_wanted_direction_quotes_the_programme(seed):
    """The direction is traceable to the text: its `because` words stand in the programme."""
    programme = load_programme()
    directed = [i for t in programme.themes for i in t.indicators if i.wanted]
    assert len(directed) == 17  # 10, and theme 4.2's and 4.3's own statistics (issue 20)
    for indicator in directed:
        assert normalised(indicator.because) in seed, indicator.because
    by_text = {i.text: i for t in programme.themes for i in t.indicators}
    assert (by_text["Työttömyysjaksojen kesto"].wanted, by_text["Työttömyysjaksojen kesto"].because) == (
        "down",
        "Työttömyysjaksot lyhenevät",
    )
    assert by_text["Työmarkkinatilanne alueella (avoimet ja uudet työpaikat)"].wanted == "up"


def test_every_indicator_is_statistical_or_assessed_and_says_how_it_is_told():
    programme = load_programme()
    kinds = {}
    for theme in programme.themes:
        for indicator in theme.indicators:
            kinds.setdefault(indicator.kind, []).append(indicator.text)
            if indicator.kind == "statistical":  # its series, a figure entered per half-year, or why neither
                assert indicator.series or indicator.entered or indicator.unavailable, indicator.text
    assert set(kinds) == {"statistical", "assessed"}
    assessed = [i.text for i in programme.theme("4.1").assessed]
    assert assessed == [
        "Työllisyysjohtoryhmä arvioi tavoitteiden toteutumista yhteisen keskustelun kautta kahdesti vuodessa."
    ]
    assert "Verkostomainen ohjaus- ja urapalvelu on käynnistynyt; yhteistyösopimus" in kinds["assessed"]


def test_indicators_name_sources_and_the_open_data_ones_link_to_series(catalog):
    programme = load_programme()
    linked = {s for t in programme.themes for i in t.indicators for s in i.series}
    assert {"long_term_unemployed", "jobseekers_under30", "unemployed_foreign"} <= linked
    assert linked <= {s.id for s in catalog.series}
    sources = {i.source for t in programme.themes for i in t.indicators if not i.series}
    assert {"Kelasto", "Tulli (puolivuosittain)", "TEM:n seuranta"} <= sources


def test_a_series_serving_two_indicators_is_one_measure_with_both_fits():
    theme = load_programme().theme("4.4")
    measures = [m.series.id for m in theme.measures]
    assert measures[0] == "long_term_unemployed" and measures.count("long_term_unemployed") == 1
    first = theme.measures[0]
    assert [i.fit for i in first.indicators] == ["partial", "stand_in"]
    assert first.fit == "stand_in" and first.judged  # the weakest fit; both directions mean the same
    assert len(first.fit_notes("en")) == 2
    # found by meaning, the series measures both better: structural unemployment itself for the one
    shown = first.shown_with(exact_catalog("long_term_unemployed"))
    assert [i.fit for i in shown.indicators] == ["partial", "exact"] and shown.series.label["fi"] == "Rakennetyöttömät"
    for theme in load_programme().themes:
        figures = [(m.series.table, m.series.content_code or m.series.id) for m in theme.measures]
        assert len(figures) == len(set(figures)), theme.id


def exact_catalog(*series_ids: str):
    """The catalog as a refresh that found these series by meaning leaves it."""
    return load_catalog().with_exact({series_id: "found" for series_id in series_ids})


def test_appendix3_is_the_municipal_resources_table():
    table = load_programme().appendix3
    assert table["columns"] == [
        "Kunta",
        "Työllisyyden edistäminen",
        "Ohjaamo",
        "Nuorten työpajatoiminta",
        "Etsivä nuorisotyö",
    ]
    assert table["rows"][0] == ["Kouvola", 3, 1, 13, 6]
    assert [r[0] for r in table["rows"]] == ["Kouvola", "Kotka", "Pyhtää", "Hamina", "Virolahti", "Miehikkälä"]


def test_a_broken_programme_file_is_refused(catalog):
    doc = yaml.safe_load(PROGRAMME_PATH.read_text(encoding="utf-8"))
    doc["themes"][3]["indicators"][1]["series"] = ["no_such_series"]
    with pytest.raises(ProgrammeError) as err:
        parse_programme(doc, catalog)
    assert doc["themes"][3]["indicators"][1]["text"] == "Ns. rakennetyöttömien määrän kehitys"
    assert str(err.value) == "themes[3].indicators[1].series[0]: unknown series 'no_such_series'"


def test_a_direction_without_the_programmes_words_is_refused(catalog):
    doc = yaml.safe_load(PROGRAMME_PATH.read_text(encoding="utf-8"))
    del doc["themes"][3]["indicators"][0]["because"]
    with pytest.raises(ProgrammeError) as err:
        parse_programme(doc, catalog)
    assert doc["themes"][3]["indicators"][0]["text"] == "Työttömyysjaksojen kesto"
    assert str(err.value) == (
        "themes[3].indicators[0].because: must quote the programme's words for the wanted direction"
    )


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "fit: partial\n          note:\n            fi: Pitkäaikaistyöttömien",
            "fit: partly\n          note:\n            fi: Pitkäaikaistyöttömien",
            "themes[3].indicators[0].measure.fit: Input should be 'exact', 'partial' or 'stand_in', not 'partly'",
        ),
        (
            "wanted: down\n        because: Pitkäaikaistyöttömyyden",
            "wanted: up\n        because: Pitkäaikaistyöttömyyden",
            "themes[3].indicators[1].wanted: up, but indicators[0] wants down for the same figures "
            "(long_term_unemployed)",
        ),
    ],
    ids=["field", "cross-field"],
)
def test_a_broken_programme_file_is_named_with_its_line_and_field(tmp_path, old, new, message):
    text = PROGRAMME_PATH.read_text(encoding="utf-8")
    path = tmp_path / "programme.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProgrammeError) as err:
        load_programme(path)
    assert str(err.value) == f"{path}: line {line_of(text, old)}: {message}"


def test_no_indicator_of_the_programme_is_left_not_connected():
    """Every statistical indicator has series (read by codes or by meaning) or a figure entered per half-year with
    its source: no theme shows a "not connected" row (issue 20)."""
    programme = load_programme()
    assert [i.text for theme in programme.themes for i in theme.unavailable] == []
    statistical = [i for theme in programme.themes for i in theme.indicators if i.kind == "statistical"]
    assert all(i.series or i.entered for i in statistical)
    theme_42 = {s for i in programme.theme("4.2").indicators for s in i.series}
    assert {"business_openings", "business_stock", "establishments", "rd_expenditure", "rd_person_years"} <= theme_42
    assert {i.entered for theme in programme.themes for i in theme.indicators if i.entered} == {
        "exports",
        "recruitment_difficulties",
        "municipal_labour_market_subsidy",
    }

"""Figures no PxWeb API serves, entered per half-year with their source: the file, its problems, the lines shown."""

from __future__ import annotations

from data_sources.domain.entered import entered_dir, load_entered
from data_sources.domain.programme import load_programme
from figures.scorecard import entered_lines

FILE = """half: 2026H1
figures:
  - key: exports
    value: 1523.4
    unit: {fi: milj. €, sv: milj. €, en: EUR million}
    period: "2025"
    source: Tulli, ulkomaankauppatilasto
    entered_by: Kymenlaakson liitto
    entered_on: 2026-08-15
"""


def test_the_programme_names_its_entered_figures_and_they_are_no_longer_unavailable():
    programme = load_programme()
    exports = next(i for i in programme.theme("4.2").indicators if i.text == "Vienti Kymenlaaksosta")
    assert exports.entered == "exports" and exports.unavailable is None
    assert exports not in programme.theme("4.2").unavailable and exports in programme.theme("4.2").entered
    assert [i.entered for i in programme.theme("4.4").entered] == ["municipal_labour_market_subsidy"]
    # the shipped file of the half-year reads, with nothing entered yet
    assert load_entered("2026H1", entered_dir()).figures == {} and not load_entered("2026H1").problem


def test_an_entered_figure_is_shown_with_its_period_and_source(tmp_path):
    (tmp_path / "2026H1.yaml").write_text(FILE, encoding="utf-8")
    entered = load_entered("2026H1", tmp_path)
    assert entered.get("exports").value == 1523.4
    lines = entered_lines(load_programme().theme("4.2"), entered, "fi")
    assert lines == [
        "Vienti Kymenlaaksosta: 1\u00a0523,4\u00a0milj. € (2025) – lähde: Tulli, ulkomaankauppatilasto; "
        "syöttänyt Kymenlaakson liitto 15.8.2026"
    ]


def test_a_figure_not_entered_says_so_for_its_half_year(tmp_path):
    lines = entered_lines(load_programme().theme("4.4"), load_entered("2025H2", tmp_path), "en")
    assert lines == ["Kuntien työmarkkinatuen maksuosuuksien kehitys: not entered for 2025H2 yet"]


def test_a_malformed_file_is_one_line_naming_file_line_and_field(tmp_path):
    (tmp_path / "2026H1.yaml").write_text(FILE.replace("2026-08-15", "15.8.2026"), encoding="utf-8")
    entered = load_entered("2026H1", tmp_path)
    assert entered.figures == {}
    assert "2026H1.yaml: line 9: figures[0].entered_on:" in entered.problem and "\n" not in entered.problem
    lines = entered_lines(load_programme().theme("4.2"), entered, "fi")
    assert lines[0] == entered.problem and lines[1].startswith("Vienti Kymenlaaksosta: lukua ei ole vielä syötetty")
    (tmp_path / "2026H1.yaml").write_text(FILE + FILE.split("figures:\n")[1], encoding="utf-8")
    assert "figures[1].key: the figure 'exports' is entered twice" in load_entered("2026H1", tmp_path).problem
    (tmp_path / "2026H1.yaml").write_text(FILE.replace("half: 2026H1", "half: 2025H2"), encoding="utf-8")
    assert "half: '2025H2', but the file is 2026H1.yaml" in load_entered("2026H1", tmp_path).problem


def test_the_report_prints_the_figure_the_secretary_entered_as_marked_final(real_cache, catalog, tmp_path, monkeypatch):
    """The report reads the records (not the file): the figure written in the app, its source escaped."""
    from data_sources.records.current import open_records
    from data_sources.records.roles import Editor, parse_roles
    from data_sources.snapshots.dataset import load_dataset
    from report.halfyear import build_report, to_html

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'records.sqlite'}")
    programme = load_programme()
    records = open_records(parse_roles({"secretary": ["sihteeri@kouvola.fi"]}, programme.theme_ids), programme)
    secretary, unit = Editor("sihteeri@kouvola.fi"), {"fi": "milj. €", "sv": "milj. €", "en": "EUR million"}
    records.save_entered(secretary, "2026H1", "exports", "1 523,4", unit, "2025", "Tulli <b>vienti</b>", "Liitto")
    records.mark_final(secretary, "2026H1")
    page = to_html(build_report("2026H1", load_dataset(real_cache), catalog, "fi"))
    page = page.replace("&nbsp;", " ").replace("\u00a0", " ")
    assert "Vienti Kymenlaaksosta: 1 523,4 milj. € (2025) – lähde: Tulli &lt;b&gt;vienti&lt;/b&gt;; syöttänyt" in page
    assert "<b>vienti</b>" not in page

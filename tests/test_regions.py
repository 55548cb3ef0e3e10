"""One region is configuration: the region pack, the classification, any mainland region by REGION.

Expected figures are read here from the shipped source files themselves (Statistics Finland's
classification CSV and the real 11ra population answer), not from the code under test.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from data_sources.domain.catalog import CATALOG_PATH, PER_KINDS, UNITS, load_catalog
from data_sources.domain.programme import NoProgrammeError, deck_ids, has_programme, load_programme, theme_ids
from data_sources.domain.region import REGIONS_DIR, RegionError, load_region, programme_baseline, region_setting
from data_sources.snapshots.demo import demo_tables
from data_sources.snapshots.store import Provenance, SnapshotStore

ROOT = Path(__file__).resolve().parents[1]
CLASSIFICATION = ROOT / "data_sources" / "domain" / "classification"


def municipalities_of(region: str) -> list[str]:
    with (CLASSIFICATION / "kunnat_maakunnat_2026.csv").open(encoding="utf-8") as fh:
        return sorted(row["municipality_code"] for row in csv.DictReader(fh) if row["region_code"] == region)


def population() -> dict[str, int]:
    doc = json.loads((CLASSIFICATION / "statfin_vaerak_11ra_2025.json").read_text(encoding="utf-8"))
    return {row["key"][0]: int(row["values"][0]) for row in doc["data"]}


def test_the_default_region_is_the_catalogs_and_region_picks_another(monkeypatch):
    monkeypatch.delenv("REGION", raising=False)
    assert region_setting() == yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))["roles"]["default_region"]
    assert region_setting({"REGION": " mk09 "}) == "MK09"


def test_etela_karjala_has_its_nine_municipalities_and_two_sub_regions():
    region = load_region("MK09")
    assert [p.code for p in region.municipalities] == municipalities_of("MK09")
    assert len(region.municipalities) == 9
    names = {p.code: p.name for p in region.municipalities}
    assert names["KU405"] == {"fi": "Lappeenranta", "sv": "Villmanstrand", "en": "Lappeenranta"}
    assert region.members["SK091"] == ("KU405", "KU416", "KU441", "KU739", "KU831")
    assert region.members["SK093"] == ("KU153", "KU580", "KU689", "KU700")
    assert region.where["fi"] == "Etelä-Karjalassa" and region.of["fi"] == "Etelä-Karjalan"
    assert region.programme is None and "MK08" in {p.code for p in region.other_regions}


def test_every_listed_sub_region_is_the_sum_of_its_municipalities_populations():
    people = population()
    members: dict[str, list[str]] = {}
    with (CLASSIFICATION / "seutukunnat_2026.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            members.setdefault(row["subregion_code"], []).append(row["municipality_code"])
    assert {"SK081", "SK082", "SK091", "SK093"} <= set(members)
    for subregion, codes in members.items():
        assert sum(people[m] for m in codes) == people[subregion], subregion


def test_the_catalog_is_composed_for_the_region_served():
    mk08, mk09 = load_catalog(region="MK08"), load_catalog(region="MK09")
    assert mk08.region_code == "MK08" and mk09.region_code == "MK09"
    assert [a.code for a in mk09.municipalities] == municipalities_of("MK09")
    assert mk09.region_members["MK09"] == tuple(municipalities_of("MK09"))
    assert "MK08" in {a.code for a in mk09.other_regions} and "MK09" not in {a.code for a in mk09.other_regions}
    assert not {a.code for a in mk09.local_areas} & {"MK08", "SK081", "KU286"}
    assert len(mk09.other_regions) == len(mk08.other_regions) == 17
    # what is the same for every region
    assert mk08.series == mk09.series and mk08.tables == mk09.tables


def test_a_mainland_region_without_a_pack_is_served_from_the_classification():
    assert not (REGIONS_DIR / "MK02").exists()
    region = load_region("MK02")
    assert [p.code for p in region.municipalities] == municipalities_of("MK02")
    assert region.subregions == () and region.programme is None and region.pack is None
    aura = next(p for p in region.municipalities if p.name["fi"] == "Aura")
    assert aura.where == {"fi": "kunnassa Aura", "sv": "i Aura", "en": "in Aura"}
    assert programme_baseline(region).key == "2021-03"


def test_an_unknown_region_is_refused_in_one_line():
    with pytest.raises(RegionError, match=r"^REGION='MK21' is not a mainland region; one of MK01, MK02, "):
        load_region("MK21")


def test_a_typo_in_a_region_pack_names_the_file_line_and_field(tmp_path, monkeypatch):
    from data_sources.domain import region as region_module

    pack = tmp_path / "MK09"
    pack.mkdir()
    text = (
        (REGIONS_DIR / "MK09" / "region.yaml").read_text(encoding="utf-8").replace("  - code: SK093", "  - kode: SK093")
    )
    (pack / "region.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(region_module, "REGIONS_DIR", tmp_path)
    line = text.splitlines().index("  - kode: SK093") + 1
    with pytest.raises(RegionError) as err:
        region_module._load_region.__wrapped__("MK09")  # not the cached one
    assert str(err.value) == f"{pack / 'region.yaml'}: line {line}: subregions[1].code: Field required"


def test_without_a_programme_there_are_no_themes_and_only_the_apps_decks(monkeypatch):
    monkeypatch.setenv("REGION", "MK09")
    assert not has_programme() and theme_ids() == () and deck_ids() == ("katsaus", "valinta")
    with pytest.raises(NoProgrammeError, match="^no employment programme is configured for region MK09$"):
        load_programme()
    monkeypatch.setenv("REGION", "MK08")
    assert theme_ids() == ("4.1", "4.2", "4.3", "4.4")


def test_the_demo_data_of_a_region_adds_up_and_uses_its_own_municipalities():
    catalog = load_catalog(region="MK09")
    frame, prov = demo_tables(catalog)["tyonv_12r5"]
    assert prov.kind == "demo"
    june = frame[(frame["series"] == "unemployed") & (frame["period"] == pd.Timestamp(2026, 6, 1))]
    value = dict(zip(june["area_code"], june["value"], strict=True))
    assert set(municipalities_of("MK09")) <= set(value)
    assert value["MK09"] == sum(value[m] for m in municipalities_of("MK09")) == 9800
    assert value["SK093"] == sum(value[m] for m in ("KU153", "KU580", "KU689", "KU700"))
    assert "KU286" not in value


def release(key: str, stamp: str, area: str) -> tuple[pd.DataFrame, Provenance]:
    frame = pd.DataFrame(
        {
            "series": ["unemployed"],
            "table": ["tyonv/12r5.px"],
            "content_code": ["TYOTTOMATLOPUSSA"],
            "area_code": [area],
            "area_name": [area],
            "period": [pd.Timestamp(2026, 6, 1)],
            "value": [1.0],
            "status": [None],
        }
    )
    return frame, Provenance(key, "tyonv/12r5.px", stamp, stamp, "test", "real", 1, "")


def test_two_regions_share_one_cache_folder_without_mixing(tmp_path):
    for region, area in (("MK08", "KU286"), ("MK09", "KU405")):
        store = SnapshotStore(tmp_path, region)
        store.write_release(*release("tyonv_12r5", "2026-07-21T05:00:00Z", area))
    for region, area in (("MK08", "KU286"), ("MK09", "KU405")):
        stored = SnapshotStore(tmp_path, region).current("tyonv_12r5")
        assert stored.frame is not None and list(stored.frame["area_code"]) == [area]
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == ["MK08", "MK09"]


def test_a_store_from_before_region_folders_is_moved_into_the_default_regions(tmp_path, monkeypatch):
    monkeypatch.delenv("REGION", raising=False)
    legacy = SnapshotStore(tmp_path / "x", "MK08")  # write one the old way: into snapshots/ itself
    legacy.root = tmp_path / "snapshots"
    legacy.manifest_path, legacy.attempts_path = legacy.root / "manifest.json", legacy.root / "attempts.json"
    legacy.write_release(*release("tyonv_12r5", "2026-07-21T05:00:00Z", "KU286"))
    assert (tmp_path / "snapshots" / "manifest.json").exists()
    assert SnapshotStore(tmp_path, "MK09").current("tyonv_12r5").frame is None  # another region adopts nothing
    stored = SnapshotStore(tmp_path).current("tyonv_12r5")
    assert stored.frame is not None and list(stored.frame["area_code"]) == ["KU286"]
    assert not (tmp_path / "snapshots" / "manifest.json").exists()
    assert (tmp_path / "snapshots" / "MK08" / "manifest.json").exists()


# --- nothing in Python names a region, a theme, a programme's series or a code --------------------------

APP_CODE = ["app.py", "data_sources", "figures", "report", "ui", "screens"]


def literals(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_python_module_names_a_region_a_theme_a_programmes_series_or_a_code():
    regions = yaml.safe_load((CLASSIFICATION / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    names = {text for forms in regions.values() for labels in forms.values() for text in labels.values()}
    catalog = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    # 'population': also a `per` kind's name; 'establishments': also a unit's
    series_ids = {s["id"] for s in catalog["series"]} - set(PER_KINDS) - set(UNITS)
    codes = {c for s in catalog["series"] for c in ([s["code"]] if "code" in s else s.get("formula", []))}
    programme = yaml.safe_load((REGIONS_DIR / "MK08" / "programme.yaml").read_text(encoding="utf-8"))
    themes = {theme["id"] for theme in programme["themes"]}
    area = re.compile(r"^(MK\d\d|SK\d{3}|KU\d{3}|SSS)$")
    found = []
    for root in APP_CODE:
        for path in [ROOT / root] if root.endswith(".py") else sorted((ROOT / root).rglob("*.py")):
            for line, text in literals(path):
                if text in series_ids | codes | themes | names or area.match(text) or any(n in text for n in names):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert not found, "\n".join(found)


def test_the_two_sub_regions_are_named_as_the_2025_employment_areas_too():
    pack = yaml.safe_load((REGIONS_DIR / "MK08" / "region.yaml").read_text(encoding="utf-8"))
    named = {sub["code"]: sub["employment_area"]["fi"] for sub in pack["subregions"]}
    catalog = load_catalog(region="MK08")
    assert {code: catalog.area(code).employment_area["fi"] for code in named} == named
    assert sorted(named.values()) == ["Etelä-Kymenlaakson työllisyysalue", "Kouvolan työllisyysalue"]
    assert catalog.region_members["SK082"] == ("KU075", "KU285", "KU489", "KU624", "KU935")  # Kotka and the four
    assert load_catalog(region="MK09").area("SK091").employment_area is None  # a pack that names none

"""The region the app serves, as data: one setting (REGION, e.g. MK08) picks a region pack.

A region pack (`regions/<code>/region.yaml`) holds only what is the region's own: its sub-regions'
names and colours, its municipalities' colours and names in a sentence, its programme with the
baseline, meetings and assessments, notes on breaks, the demo dataset's anchors. Everything else
comes from Statistics Finland's classification shipped in `classification/` (which municipality
belongs to which region and sub-region, names in Finnish and Swedish) and from the catalog. A
mainland region without a pack is served too: its municipalities from the classification, no
sub-regions, no programme (the programme pages say so in one line).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from data_sources.domain.content_schema import STRICT_KEYS, Labels, Schema, validate
from data_sources.domain.content_yaml import load_file
from data_sources.domain.periods import Month

ROOT = Path(__file__).resolve().parents[2]
REGIONS_DIR = ROOT / "regions"
CLASSIFICATION_DIR = Path(__file__).resolve().parent / "classification"
MUNICIPALITIES_CSV = CLASSIFICATION_DIR / "kunnat_maakunnat_2026.csv"
SUBREGIONS_CSV = CLASSIFICATION_DIR / "seutukunnat_2026.csv"
REGIONS_YAML = CLASSIFICATION_DIR / "regions.yaml"
CATALOG_YAML = Path(__file__).with_name("catalog.yaml")  # read here for its default region only
LANGUAGES = ("fi", "sv", "en")
# Colours for municipalities a pack gives none, in code order: Okabe-Ito and Tol's hues dark enough for a
# projector (lines of at least 3:1 on white) and told apart in colour-blind vision (tests/test_colours.py).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#882255", "#939331", "#332288", "#8C6D31", "#AA3377", "#6293C5")
OTHER_REGION_COLOUR = "#8c8c8c"
# A municipality's name in a sentence when its pack gives none: Finnish locatives (-ssa / -lla) follow no
# rule a program can trust, so the neutral "kunnassa Lemi" stands in.
WHERE_FALLBACK = {"fi": "kunnassa {name}", "sv": "i {name}", "en": "in {name}"}


class RegionError(ValueError):
    """The REGION setting or a region pack is not what the app needs."""


AreaKind = Literal["region", "subregion", "municipality", "country", "other_region"]
AREA_KINDS = get_args(AreaKind)


@dataclass(frozen=True)
class Area:
    """An area with its code, kind, colour on every chart and names (read straight from catalog.yaml too)."""

    __pydantic_config__ = STRICT_KEYS

    code: str
    kind: AreaKind
    colour: str
    name: Labels
    where: Labels  # the name as it stands in a sentence (Finnish locative)
    employment_area: Labels | None = None  # a sub-region that is also an employment area (since 1.1.2025): its name

    def as_raw(self) -> dict:
        raw = {"code": self.code, "kind": self.kind, "colour": self.colour, "name": self.name, "where": self.where}
        return raw | ({"employment_area": self.employment_area} if self.employment_area else {})


@dataclass(frozen=True)
class ProgrammeFiles:
    """Where the region's programme and its companions are, and the month its figures are followed from."""

    programme: Path
    meetings: Path
    progress_dir: Path
    approved: dt.date

    @property
    def baseline(self) -> Month:
        return Month(self.approved.year, self.approved.month)


@dataclass(frozen=True)
class Region:
    code: str
    name: dict[str, str]
    where: dict[str, str]  # 'Kymenlaaksossa': the name as it stands in a sentence
    of: dict[str, str]  # 'Kymenlaakson': the genitive, as in 'Kymenlaakson kunnat'
    colour: str
    subregions: tuple[Area, ...]
    municipalities: tuple[Area, ...]
    members: dict[str, tuple[str, ...]]  # the region and each sub-region -> its municipalities
    other_regions: tuple[Area, ...]  # the other mainland regions, for comparable regions and ranks
    programme: ProgrammeFiles | None = None
    pack: Path | None = None
    break_notes: dict[str, dict[str, str]] = field(default_factory=dict)
    demo: dict = field(default_factory=dict)

    @property
    def place(self) -> Area:
        return Area(self.code, "region", self.colour, self.name, self.where)

    @property
    def places(self) -> tuple[Area, ...]:
        """Every area the region's figures are fetched for, in the pickers' order, the other regions last."""
        return (self.place, *self.subregions, *self.municipalities, *self.other_regions)

    def forms(self, lang: str) -> dict[str, str]:
        """The region's name in the forms interface texts use: {region_name}, {region_where}, {region_of}."""
        return {"region_name": self.name[lang], "region_where": self.where[lang], "region_of": self.of[lang]}


def region_setting(environ: Mapping[str, str] | None = None) -> str:
    """REGION from the environment, or the catalog's `roles.default_region`."""
    environ = os.environ if environ is None else environ
    code = (environ.get("REGION") or "").strip().upper()
    return code or _default_region()


@functools.cache
def _default_region() -> str:
    """The catalog's `roles.default_region`, read once per process (every page asks for the region)."""
    data = load_file(CATALOG_YAML).data
    roles = data.get("roles") if isinstance(data, dict) else None
    return str((roles or {}).get("default_region", ""))


# --- the files as pydantic models (one message naming file, line and field; content_schema.py) ----------


class _Forms(Schema):
    name: Labels
    where: Labels
    of: Labels


class _Baseline(Schema):
    baseline: str


class _RegionsFile(Schema):
    without_programme: _Baseline
    regions: dict[str, _Forms]


class _SubRegion(Schema):
    code: str
    colour: str = "#7f7f7f"
    name: Labels
    where: Labels
    members: tuple[str, ...] = ()  # only where the classification has none for it
    employment_area: Labels | None = None  # the employment area (since 1.1.2025) it also is


class _Municipality(Schema):
    colour: str | None = None
    where: Labels | None = None


class _Programme(Schema):
    file: str
    approved: dt.date
    meetings: str
    progress: str


class _Pack(Schema):
    code: str
    colour: str = "#000000"
    subregions: tuple[_SubRegion, ...] = ()
    municipalities: dict[str, _Municipality] = {}
    programme: _Programme | None = None
    break_notes: dict[str, Labels] = {}
    demo: dict[str, Any] = {}


@functools.cache
def _classification() -> tuple[dict[str, dict], dict[str, str]]:
    """Municipality code -> its row (names, region); municipality code -> sub-region code."""
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as fh:
        municipalities = {row["municipality_code"]: row for row in csv.DictReader(fh)}
    subregion_of: dict[str, str] = {}
    if SUBREGIONS_CSV.exists():
        with SUBREGIONS_CSV.open(encoding="utf-8", newline="") as fh:
            subregion_of = {row["municipality_code"]: row["subregion_code"] for row in csv.DictReader(fh)}
    return municipalities, subregion_of


@functools.cache
def _regions() -> _RegionsFile:
    return validate(_RegionsFile, load_file(REGIONS_YAML), RegionError)


def _municipalities(code: str, pack: _Pack) -> tuple[Area, ...]:
    rows = sorted(row for row, r in _classification()[0].items() if r["region_code"] == code)
    unknown = sorted(set(pack.municipalities) - set(rows))
    if unknown:
        raise RegionError(f"region {code}: {', '.join(unknown)} are not its municipalities in the classification")
    places = []
    for i, muni in enumerate(rows):
        row = _classification()[0][muni]
        name = {"fi": row["municipality_fi"], "sv": row["municipality_sv"], "en": row["municipality_fi"]}
        mine = pack.municipalities.get(muni) or _Municipality()
        where = mine.where or {lang: text.format(name=name[lang]) for lang, text in WHERE_FALLBACK.items()}
        places.append(Area(muni, "municipality", mine.colour or PALETTE[i % len(PALETTE)], name, where))
    return tuple(places)


def _subregions(code: str, pack: _Pack, municipalities: tuple[str, ...]) -> tuple[tuple[Area, ...], dict]:
    subregion_of = _classification()[1]
    places, members = [], {}
    for sub in pack.subregions:
        listed = sub.members or tuple(m for m in municipalities if subregion_of.get(m) == sub.code)
        if not listed or not set(listed) <= set(municipalities):
            raise RegionError(
                f"region {code} sub-region {sub.code}: its municipalities are not the region's ({', '.join(listed)})"
            )
        places.append(Area(sub.code, "subregion", sub.colour, sub.name, sub.where, sub.employment_area))
        members[sub.code] = listed
    return tuple(places), members


def load_region(code: str | None = None) -> Region:
    """The region REGION names (MK08 by default), from its pack and the classification; read once per process."""
    return _load_region(region_setting() if code is None else code)


@functools.cache
def _load_region(code: str) -> Region:
    regions = _regions().regions
    if code not in regions:
        raise RegionError(f"REGION={code!r} is not a mainland region; one of {', '.join(sorted(regions))}")
    folder = REGIONS_DIR / code
    found = (folder / "region.yaml").exists()
    pack = validate(_Pack, load_file(folder / "region.yaml"), RegionError) if found else _Pack(code=code)
    if pack.code != code:
        raise RegionError(f"{folder / 'region.yaml'}: code {pack.code!r} is not {code}")
    municipalities = _municipalities(code, pack)
    codes = tuple(p.code for p in municipalities)
    subregions, members = _subregions(code, pack, codes)
    others = tuple(
        Area(other, "other_region", OTHER_REGION_COLOUR, forms.name, forms.where)
        for other, forms in sorted(regions.items())
        if other != code
    )
    programme = pack.programme
    return Region(
        code=code,
        name=regions[code].name,
        where=regions[code].where,
        of=regions[code].of,
        colour=pack.colour,
        subregions=subregions,
        municipalities=municipalities,
        members={code: codes, **members},
        other_regions=others,
        programme=None
        if programme is None
        else ProgrammeFiles(
            folder / programme.file, folder / programme.meetings, folder / programme.progress, programme.approved
        ),
        pack=folder if found else None,
        break_notes=dict(pack.break_notes),
        demo=dict(pack.demo),
    )


def programme_baseline(region: Region | None = None) -> Month:
    """The month the programme's figures are followed from (its approval); the classification's
    `without_programme.baseline` for a region with no programme, so that indices still have a base."""
    region = region or load_region()
    if region.programme is not None:
        return region.programme.baseline
    return Month.parse(_regions().without_programme.baseline)


def with_region(raw: dict, region: Region) -> dict:
    """The catalog's plain data with the region's areas, members and role added: what parse_catalog reads."""
    return {
        **raw,
        "areas": [p.as_raw() for p in region.places] + list(raw.get("areas") or ()),
        "region_members": {**region.members, **(raw.get("region_members") or {})},
        "roles": {**(raw.get("roles") or {}), "region": region.code},
        "breaks": [
            {**b, "note": {lang: f"{b['note'][lang]} {region.break_notes[str(b['date'])][lang]}" for lang in LANGUAGES}}
            if str(b.get("date")) in region.break_notes
            else b
            for b in raw.get("breaks") or ()
        ],
    }

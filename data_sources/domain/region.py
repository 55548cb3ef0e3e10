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

from data_sources.domain.content_yaml import ContentError, load_file
from data_sources.domain.periods import Month

ROOT = Path(__file__).resolve().parents[2]
REGIONS_DIR = ROOT / "regions"
CLASSIFICATION_DIR = Path(__file__).resolve().parent / "classification"
MUNICIPALITIES_CSV = CLASSIFICATION_DIR / "kunnat_maakunnat_2026.csv"
SUBREGIONS_CSV = CLASSIFICATION_DIR / "seutukunnat_2026.csv"
REGIONS_YAML = CLASSIFICATION_DIR / "regions.yaml"
CATALOG_YAML = Path(__file__).with_name("catalog.yaml")  # read here for its default region only
LANGUAGES = ("fi", "sv", "en")
# Colours for municipalities a pack gives none (Okabe-Ito and Tol's muted, colour-blind safe), in code order.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC6677", "#882255", "#44AA99", "#332288")
OTHER_REGION_COLOUR = "#8c8c8c"
# A municipality's name in a sentence when its pack gives none: Finnish locatives (-ssa / -lla) follow no
# rule a program can trust, so the neutral "kunnassa Lemi" stands in.
WHERE_FALLBACK = {"fi": "kunnassa {name}", "sv": "i {name}", "en": "in {name}"}


class RegionError(ValueError):
    """The REGION setting or a region pack is not what the app needs."""


@dataclass(frozen=True)
class Place:
    """An area of the region as the catalog needs it: code, kind, colour, names."""

    code: str
    kind: str
    colour: str
    name: dict[str, str]
    where: dict[str, str]

    def as_raw(self) -> dict:
        return {"code": self.code, "kind": self.kind, "colour": self.colour, "name": self.name, "where": self.where}


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
    subregions: tuple[Place, ...]
    municipalities: tuple[Place, ...]
    members: dict[str, tuple[str, ...]]  # the region and each sub-region -> its municipalities
    other_regions: tuple[Place, ...]  # the other mainland regions, for comparable regions and ranks
    programme: ProgrammeFiles | None = None
    pack: Path | None = None
    break_notes: dict[str, dict[str, str]] = field(default_factory=dict)
    demo: dict = field(default_factory=dict)

    @property
    def place(self) -> Place:
        return Place(self.code, "region", self.colour, self.name, self.where)

    @property
    def places(self) -> tuple[Place, ...]:
        """Every area the region's figures are fetched for, in the pickers' order, the other regions last."""
        return (self.place, *self.subregions, *self.municipalities, *self.other_regions)

    def forms(self, lang: str) -> dict[str, str]:
        """The region's name in the forms interface texts use: {region_name}, {region_where}, {region_of}."""
        return {"region_name": self.name[lang], "region_where": self.where[lang], "region_of": self.of[lang]}


def region_setting(environ: Mapping[str, str] | None = None) -> str:
    """REGION from the environment, or the catalog's `roles.default_region`."""
    environ = os.environ if environ is None else environ
    code = (environ.get("REGION") or "").strip().upper()
    return code or str((load_file(CATALOG_YAML).data.get("roles") or {}).get("default_region", ""))


def _labels(raw: object, where: str) -> dict[str, str]:
    if (
        not isinstance(raw, dict)
        or set(raw) != set(LANGUAGES)
        or not all(isinstance(v, str) and v for v in raw.values())
    ):
        raise RegionError(f"{where}: needs a text in each of {', '.join(LANGUAGES)}")
    return {lang: str(raw[lang]) for lang in LANGUAGES}


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
def _regions() -> dict[str, dict]:
    raw = load_file(REGIONS_YAML).data
    return dict(sorted((raw.get("regions") or {}).items()))


def _municipalities(code: str, pack: dict) -> tuple[Place, ...]:
    rows = sorted(row for row, r in _classification()[0].items() if r["region_code"] == code)
    own = pack.get("municipalities") or {}
    unknown = sorted(set(own) - set(rows))
    if unknown:
        raise RegionError(f"region {code}: {', '.join(unknown)} are not its municipalities in the classification")
    places = []
    for i, muni in enumerate(rows):
        row = _classification()[0][muni]
        name = {"fi": row["municipality_fi"], "sv": row["municipality_sv"], "en": row["municipality_fi"]}
        mine = own.get(muni) or {}
        where = (
            _labels(mine["where"], f"region {code} municipality {muni}")
            if "where" in mine
            else {lang: text.format(name=name[lang]) for lang, text in WHERE_FALLBACK.items()}
        )
        places.append(Place(muni, "municipality", str(mine.get("colour") or PALETTE[i % len(PALETTE)]), name, where))
    return tuple(places)


def _subregions(code: str, pack: dict, municipalities: tuple[str, ...]) -> tuple[tuple[Place, ...], dict]:
    subregion_of = _classification()[1]
    places, members = [], {}
    for raw in pack.get("subregions") or ():
        sub = str(raw.get("code", ""))
        where = f"region {code} sub-region {sub or '?'}"
        listed = tuple(str(m) for m in raw.get("members") or ()) or tuple(
            m for m in municipalities if subregion_of.get(m) == sub
        )
        if not listed or not set(listed) <= set(municipalities):
            raise RegionError(f"{where}: its municipalities are not the region's ({', '.join(listed) or 'none'})")
        places.append(
            Place(
                sub,
                "subregion",
                str(raw.get("colour", "#7f7f7f")),
                _labels(raw.get("name"), where),
                _labels(raw.get("where"), where),
            )
        )
        members[sub] = listed
    return tuple(places), members


def _programme(code: str, folder: Path, raw: object) -> ProgrammeFiles | None:
    if not raw:
        return None
    if not isinstance(raw, dict) or not {"file", "approved", "meetings", "progress"} <= set(raw):
        raise RegionError(f"region {code}: programme needs file, approved, meetings and progress")
    approved = raw["approved"]
    if not isinstance(approved, dt.date):
        raise RegionError(f"region {code}: programme approved {approved!r} is not a date written as YYYY-MM-DD")
    return ProgrammeFiles(
        folder / str(raw["file"]), folder / str(raw["meetings"]), folder / str(raw["progress"]), approved
    )


@functools.cache
def load_region(code: str | None = None) -> Region:
    """The region REGION names (MK08 by default), from its pack and the classification; read once per process."""
    code = region_setting() if code is None else code
    regions = _regions()
    if code not in regions:
        raise RegionError(f"REGION={code!r} is not a mainland region; one of {', '.join(regions)}")
    folder = REGIONS_DIR / code
    pack = load_file(folder / "region.yaml").data if (folder / "region.yaml").exists() else {}
    if pack and pack.get("code") != code:
        raise RegionError(f"{folder / 'region.yaml'}: code {pack.get('code')!r} is not {code}")
    forms = regions[code]
    municipalities = _municipalities(code, pack)
    codes = tuple(p.code for p in municipalities)
    subregions, members = _subregions(code, pack, codes)
    others = tuple(
        Place(other, "other_region", OTHER_REGION_COLOUR, _labels(r["name"], other), _labels(r["where"], other))
        for other, r in regions.items()
        if other != code
    )
    return Region(
        code=code,
        name=_labels(forms["name"], code),
        where=_labels(forms["where"], code),
        of=_labels(forms["of"], code),
        colour=str(pack.get("colour", "#000000")),
        subregions=subregions,
        municipalities=municipalities,
        members={code: codes, **members},
        other_regions=others,
        programme=_programme(code, folder, pack.get("programme")),
        pack=folder if pack else None,
        break_notes={
            str(day): _labels(note, f"region {code} break note {day}")
            for day, note in (pack.get("break_notes") or {}).items()
        },
        demo=dict(pack.get("demo") or {}),
    )


def programme_baseline(region: Region | None = None) -> Month:
    """The month the programme's figures are followed from (its approval); the classification's
    `without_programme.baseline` for a region with no programme, so that indices still have a base."""
    region = region or load_region()
    if region.programme is not None:
        return region.programme.baseline
    return Month.parse(str(load_file(REGIONS_YAML).data["without_programme"]["baseline"]))


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


__all__ = [
    "ContentError",
    "Region",
    "RegionError",
    "load_region",
    "programme_baseline",
    "region_setting",
    "with_region",
]

"""The catalog: tables, areas and series read from catalog.yaml, validated on load."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from data_sources.domain.content_yaml import load_file

CATALOG_PATH = Path(__file__).with_name("catalog.yaml")
LANGUAGES = ("fi", "sv", "en")
AREA_KINDS = ("region", "subregion", "municipality", "country", "other_region")
UNITS = ("persons", "percent", "vacancies")
PER_KINDS = ("labour_force", "population", "none")
# What a proxy's label must say in each language. Swedish: "ersättande mått" (a substitute measure);
# "ersättare" reads as a stand-in person.
PROXY_MARKERS = {"fi": "korvike", "sv": "ersättande mått", "en": "proxy"}


class CatalogError(ValueError):
    """The catalog YAML is not what the code needs."""


@dataclass(frozen=True)
class Table:
    key: str
    path: str
    folder: str
    frequency: str
    first_period: str
    area_variable: str
    time_variable: str
    content_variable: str
    format: str
    release_lag_days: int
    title: dict[str, str]
    source: dict[str, str]

    @property
    def file_name(self) -> str:
        return self.path.split("/", 1)[1]

    @property
    def short_id(self) -> str:
        """The id people recognise, e.g. '12r5' for 'tyonv/12r5.px'."""
        return self.file_name.removesuffix(".px")


@dataclass(frozen=True)
class Area:
    code: str
    kind: str
    colour: str
    name: dict[str, str]
    where: dict[str, str]  # "Kymenlaaksossa": the name as it stands in a sentence


@dataclass(frozen=True)
class Proxy:
    intended: dict[str, str]
    intended_source: str
    note: dict[str, str]


@dataclass(frozen=True)
class Series:
    id: str
    table: str
    codes: tuple[str, ...]
    is_formula: bool
    unit: str
    per: str
    label: dict[str, str]
    decimals: int = 0
    appendix2: bool = False
    headline: bool = False
    proxy: Proxy | None = None
    no_rate: dict[str, str] | None = None  # why no rate of this group can be computed from the data
    share_of: tuple[str, str] | None = None  # a percentage that is 100 × one series of its table over another

    @property
    def content_code(self) -> str:
        """The code as stored with each figure; a formula is written as 'A+B+C'."""
        return "+".join(self.codes)

    @property
    def code_label(self) -> str:
        """The code as a page shows it: a formula as 'A + B + C', so that a table cell or a card can wrap it."""
        return " + ".join(self.codes)


@dataclass(frozen=True)
class Comparison:
    """How the scorecard compares: how many comparable regions, chosen by which series; the band of no verdict."""

    peers: int = 5
    peer_series: str = "unemployment_rate"
    band_rate_points: float = 0.3
    band_count_percent: float = 2.0


@dataclass(frozen=True)
class Break:
    """A break in the series (a reform, a register change): marked on charts, named where a comparison crosses it."""

    date: str  # ISO day
    label: dict[str, str]
    note: dict[str, str]


@dataclass(frozen=True)
class Catalog:
    base_url: str
    database: str
    licence: str
    producer: str
    tables: dict[str, Table]
    areas: tuple[Area, ...]
    series: tuple[Series, ...]
    region_code: str = ""
    country_code: str = ""
    monthly_table_key: str = ""
    population_table_key: str = ""
    region_members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    comparison: Comparison = field(default_factory=Comparison)
    breaks: tuple[Break, ...] = ()

    @property
    def region(self) -> Area:
        """The programme's region (Kymenlaakso)."""
        return self.area(self.region_code)

    @property
    def country(self) -> Area:
        """The whole country, the comparison."""
        return self.area(self.country_code)

    @property
    def monthly_table(self) -> Table:
        """The monthly job-seeker table most figures come from."""
        return self.tables[self.monthly_table_key]

    @property
    def population_table(self) -> Table:
        return self.tables[self.population_table_key]

    def area(self, code: str) -> Area:
        for area in self.areas:
            if area.code == code:
                return area
        raise KeyError(code)

    def series_by_id(self, series_id: str) -> Series:
        for series in self.series:
            if series.id == series_id:
                return series
        raise KeyError(series_id)

    def without_copies(self, series: tuple[Series, ...] | list[Series]) -> tuple[Series, ...]:
        """One series per distinct figure (same table and codes): a proxy appears once, as the proxy.

        E.g. 'foreign nationals among job seekers' is proxied by unemployed foreign nationals; the two
        would draw the same line twice.
        """
        kept: dict[tuple[str, tuple[str, ...]], Series] = {}
        for item in series:
            key = (item.table, item.codes)
            if key not in kept or (item.proxy is not None and kept[key].proxy is None):
                kept[key] = item
        chosen = set(map(id, kept.values()))
        return tuple(item for item in series if id(item) in chosen)

    @property
    def appendix2(self) -> tuple[Series, ...]:
        """The programme's Appendix 2 groups, each figure once."""
        return self.without_copies([s for s in self.series if s.appendix2])

    def series_for_table(self, table_key: str) -> tuple[Series, ...]:
        return tuple(s for s in self.series if s.table == table_key)

    def content_codes(self, table_key: str) -> tuple[str, ...]:
        """Every content code a table's series need, in first-use order, without repeats."""
        codes: dict[str, None] = {}
        for series in self.series_for_table(table_key):
            codes.update(dict.fromkeys(series.codes))
        return tuple(codes)

    @property
    def area_codes(self) -> tuple[str, ...]:
        """Every area fetched and stored, the other regions included."""
        return tuple(a.code for a in self.areas)

    @property
    def local_areas(self) -> tuple[Area, ...]:
        """The areas the pages offer: the region, its parts and the country (not the other regions)."""
        return tuple(a for a in self.areas if a.kind != "other_region")

    @property
    def local_area_codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.local_areas)

    @property
    def other_regions(self) -> tuple[Area, ...]:
        """The mainland regions beside the programme's: candidates for comparable regions and ranks."""
        return tuple(a for a in self.areas if a.kind == "other_region")

    @property
    def municipalities(self) -> tuple[Area, ...]:
        return tuple(a for a in self.areas if a.kind == "municipality")


def _labels(raw: object, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or set(raw) != set(LANGUAGES):
        raise CatalogError(f"{where}: needs labels in exactly {', '.join(LANGUAGES)}")
    for lang, text in raw.items():
        if not isinstance(text, str) or not text.strip():
            raise CatalogError(f"{where}: empty {lang} label")
    return {lang: str(raw[lang]) for lang in LANGUAGES}


def _require(raw: dict, keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if k not in raw]
    if missing:
        raise CatalogError(f"{where}: missing {', '.join(missing)}")


def _table(key: str, raw: dict) -> Table:
    where = f"table {key}"
    _require(
        raw,
        (
            "path",
            "folder",
            "frequency",
            "first_period",
            "area_variable",
            "time_variable",
            "content_variable",
            "format",
            "release_lag_days",
            "title",
            "source",
        ),
        where,
    )
    path = str(raw["path"])
    if not path.startswith(f"{raw['folder']}/") or not path.endswith(".px"):
        raise CatalogError(f"{where}: path {path!r} must be '<folder>/<id>.px'")
    if raw["frequency"] not in ("monthly", "yearly"):
        raise CatalogError(f"{where}: frequency must be monthly or yearly")
    return Table(
        key=key,
        path=path,
        folder=str(raw["folder"]),
        frequency=str(raw["frequency"]),
        first_period=str(raw["first_period"]),
        area_variable=str(raw["area_variable"]),
        time_variable=str(raw["time_variable"]),
        content_variable=str(raw["content_variable"]),
        format=str(raw["format"]),
        release_lag_days=int(raw["release_lag_days"]),
        title=_labels(raw["title"], where),
        source=_labels(raw["source"], where),
    )


def _series(raw: dict, tables: dict[str, Table]) -> Series:
    where = f"series {raw.get('id', '?')}"
    _require(raw, ("id", "table", "unit", "per", "label"), where)
    if raw["table"] not in tables:
        raise CatalogError(f"{where}: unknown table {raw['table']!r}")
    if ("code" in raw) == ("formula" in raw):
        raise CatalogError(f"{where}: give exactly one of code or formula")
    codes = (str(raw["code"]),) if "code" in raw else tuple(str(c) for c in raw["formula"])
    if not codes or len(set(codes)) != len(codes):
        raise CatalogError(f"{where}: formula needs distinct codes")
    if raw["unit"] not in UNITS:
        raise CatalogError(f"{where}: unit must be one of {UNITS}")
    if raw["per"] not in PER_KINDS:
        raise CatalogError(f"{where}: per must be one of {PER_KINDS}")
    proxy = None
    if "proxy" in raw:
        p = raw["proxy"]
        _require(p, ("intended", "intended_source", "note"), f"{where} proxy")
        proxy = Proxy(
            intended=_labels(p["intended"], f"{where} proxy.intended"),
            intended_source=str(p["intended_source"]),
            note=_labels(p["note"], f"{where} proxy.note"),
        )
    label = _labels(raw["label"], where)
    if proxy is not None:
        for lang, marker in PROXY_MARKERS.items():
            if marker not in label[lang].lower():
                raise CatalogError(f"{where}: a proxy's {lang} label must say {marker!r}")
            if proxy.note[lang].lower().startswith(marker):  # pages put "Korvike:" before the note
                raise CatalogError(f"{where}: a proxy's {lang} note must not start with {marker!r}")
    return Series(
        id=str(raw["id"]),
        table=str(raw["table"]),
        codes=codes,
        is_formula="formula" in raw,
        unit=str(raw["unit"]),
        per=str(raw["per"]),
        label=label,
        decimals=int(raw.get("decimals", 0)),
        appendix2=bool(raw.get("appendix2", False)),
        headline=bool(raw.get("headline", False)),
        proxy=proxy,
        no_rate=_labels(raw["no_rate"], f"{where} no_rate") if "no_rate" in raw else None,
        share_of=tuple(str(i) for i in raw["share_of"]) if "share_of" in raw else None,  # type: ignore[arg-type]
    )


def parse_catalog(raw: dict) -> Catalog:
    """Build and validate a Catalog from the YAML's plain data."""
    _require(raw, ("api", "tables", "areas", "series"), "catalog")
    api = raw["api"]
    _require(api, ("base_url", "database", "licence", "producer"), "api")
    tables = {key: _table(key, t) for key, t in raw["tables"].items()}
    areas = []
    for a in raw["areas"]:
        _require(a, ("code", "kind", "colour", "name", "where"), f"area {a.get('code', '?')}")
        if a["kind"] not in AREA_KINDS:
            raise CatalogError(f"area {a['code']}: kind must be one of {AREA_KINDS}")
        areas.append(
            Area(
                str(a["code"]),
                str(a["kind"]),
                str(a["colour"]),
                _labels(a["name"], f"area {a['code']}"),
                _labels(a["where"], f"area {a['code']}"),
            )
        )
    codes = [a.code for a in areas]
    if len(set(codes)) != len(codes):
        raise CatalogError("areas: duplicate area code")
    series = tuple(_series(s, tables) for s in raw["series"])
    ids = [s.id for s in series]
    if len(set(ids)) != len(ids):
        raise CatalogError("series: duplicate series id")
    tables_of = {s.id: s.table for s in series}
    for s in series:
        parts = [tables_of.get(p) == s.table for p in s.share_of or ()]
        if s.share_of is not None and (s.unit != "percent" or parts != [True, True]):
            raise CatalogError(f"series {s.id}: share_of must name two series of its table, for a percent unit")
    roles = raw.get("roles") or {}
    _require(roles, ("region", "country", "monthly_table", "population_table"), "roles")
    kinds = {a.code: a.kind for a in areas}
    for role in ("region", "country"):
        if kinds.get(roles[role]) != role:
            raise CatalogError(f"roles: {role} must be an area of kind {role}, not {roles[role]!r}")
    for role in ("monthly_table", "population_table"):
        if roles[role] not in tables:
            raise CatalogError(f"roles: {role} {roles[role]!r} is not a table")
    members = {}
    for parent, children in (raw.get("region_members") or {}).items():
        unknown = [c for c in [parent, *children] if c not in codes]
        if unknown:
            raise CatalogError(f"region_members: unknown areas {unknown}")
        members[str(parent)] = tuple(str(c) for c in children)
    comparison = _comparison(raw.get("comparison") or {}, {s.id for s in series})
    breaks = tuple(
        Break(str(b["date"]), _labels(b.get("label"), "breaks label"), _labels(b.get("note"), "breaks note"))
        for b in raw.get("breaks") or ()
    )
    return Catalog(
        base_url=str(api["base_url"]).rstrip("/"),
        database=str(api["database"]),
        licence=str(api["licence"]),
        producer=str(api["producer"]),
        tables=tables,
        areas=tuple(areas),
        series=series,
        region_code=str(roles["region"]),
        country_code=str(roles["country"]),
        monthly_table_key=str(roles["monthly_table"]),
        population_table_key=str(roles["population_table"]),
        region_members=members,
        comparison=comparison,
        breaks=breaks,
    )


def _comparison(raw: dict, series_ids: set[str]) -> Comparison:
    band = raw.get("band") or {}
    comparison = Comparison(
        peers=int(raw.get("peers", 5)),
        peer_series=str(raw.get("peer_series", "unemployment_rate")),
        band_rate_points=float(band.get("rate_points", 0.3)),
        band_count_percent=float(band.get("count_percent", 2.0)),
    )
    if comparison.peer_series not in series_ids:
        raise CatalogError(f"comparison: unknown peer_series {comparison.peer_series!r}")
    if comparison.peers < 0 or comparison.band_rate_points < 0 or comparison.band_count_percent < 0:
        raise CatalogError("comparison: peers and band must not be negative")
    return comparison


@functools.cache
def load_catalog(path: Path = CATALOG_PATH) -> Catalog:
    """The project's catalog, parsed once per process."""
    content = load_file(path)
    if not isinstance(content.data, dict):  # an empty file or a list: say so, not a TypeError in the parser
        raise CatalogError(f"{content.shown}: the catalog must be a mapping with api, tables, areas and series")
    return parse_catalog(content.data)

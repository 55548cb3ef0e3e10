"""The catalog: tables, areas and series read from catalog.yaml, validated on load."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, get_args

from pydantic import NonNegativeFloat, NonNegativeInt, PositiveInt, model_validator

from data_sources.domain.content_schema import LANGUAGES as LANGUAGES  # the app's languages, read from here too
from data_sources.domain.content_schema import STRICT_KEYS, IsoDay, Labels, Schema, Text, fault, first_repeat, validate
from data_sources.domain.content_yaml import Content, load_file
from data_sources.domain.periods import STEP_MONTHS
from data_sources.domain.region import Area, load_region, region_setting, with_region

CATALOG_PATH = Path(__file__).with_name("catalog.yaml")
Unit = Literal[
    "persons", "percent", "vacancies", "enterprises", "establishments", "person_years", "eur_thousand", "eur_million"
]
# Units that are counts of things (never negative, never above MAX_COUNT); money is no count.
COUNT_UNITS = ("persons", "vacancies", "enterprises", "establishments", "person_years")
Frequency = Literal["monthly", "quarterly", "yearly"]
PerKind = Literal["labour_force", "population", "none"]
UNITS, PER_KINDS = get_args(Unit), get_args(PerKind)
# What a proxy's label must say in each language. Swedish: "ersättande mått" (a substitute measure);
# "ersättare" reads as a stand-in person.
PROXY_MARKERS = {"fi": "korvike", "sv": "ersättande mått", "en": "proxy"}


def ratio_content_code(part: str, whole: str) -> str:
    """How a percentage computed from two series (`ratio_of`) is stored in place of a content code."""
    return f"100*{part}/{whole}"


class CatalogError(ValueError):
    """The catalog YAML is not what the code needs."""


@dataclass(frozen=True)
class Table:
    key: str
    path: str
    folder: str
    frequency: str
    first_period: str
    format: str
    release_lag_days: int
    title: dict[str, str]
    source: dict[str, str]
    # A table read by its codes names its variables here; a table read by meaning (`by_meaning`) has its
    # variables found in its own metadata at every refresh (data_sources/pxweb/resolve.py), and these are unused.
    area_variable: str = ""
    time_variable: str = ""
    content_variable: str = ""
    by_meaning: bool = False

    @property
    def file_name(self) -> str:
        return self.path.split("/", 1)[1]

    @property
    def step(self) -> int:
        """How many months one of its periods spans: 1, 3 (a quarter) or 12 (a year)."""
        return STEP_MONTHS[self.frequency]

    @property
    def short_id(self) -> str:
        """The id people recognise, e.g. '12r5' for 'tyonv/12r5.px'."""
        return self.file_name.removesuffix(".px")


@dataclass(frozen=True)
class Proxy:
    __pydantic_config__ = STRICT_KEYS

    intended: Labels
    intended_source: Labels  # where its own figures would come from, in fi, sv and en
    note: Labels


class Want(Schema):
    """What a series wants of one variable of its table, in words: exactly one of these.

    `starts`: the one value whose text starts so ("Rakennetyöttömät yhteensä"); `starts_any`: the sum of the
    values whose texts start so, each found exactly once ("Alin korkea-aste", "Alempi korkeakouluaste", …);
    `total`: the dimension's total (its value "Yhteensä", or the variable eliminated); `ages_below` /
    `ages_from`: the sum of the age bands read from the value texts ("15 - 19", "65 -") wholly under that age,
    or from it on.
    """

    starts: Text | None = None
    starts_any: tuple[Text, ...] | None = None
    total: bool | None = None
    ages_below: PositiveInt | None = None
    ages_from: PositiveInt | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Want:
        given = (self.starts, self.starts_any, self.total, self.ages_below, self.ages_from)
        if sum(value is not None for value in given) != 1:
            raise fault("give exactly one of starts, starts_any, total, ages_below or ages_from")
        if self.total is False:
            raise fault("total: true, or leave the variable out (its total is the default)", at="total")
        if self.starts_any is not None and (not self.starts_any or first_repeat(self.starts_any) is not None):
            raise fault("needs distinct texts", at="starts_any")
        return self

    @property
    def words(self) -> str:
        """What is wanted, as the one line of a series not found says it."""
        if self.starts is not None:
            return f"the value starting {self.starts!r}"
        if self.starts_any is not None:
            return f"the sum of the values starting {' + '.join(map(repr, self.starts_any))}"
        if self.ages_below is not None:
            return f"the age bands under {self.ages_below}"
        if self.ages_from is not None:
            return f"the age bands from {self.ages_from} on"
        return "the total"


@dataclass(frozen=True)
class ByMeaning:
    """A series chosen by meaning: its table and, per variable (by its text), what it wants.

    A variable of the table not named here is wanted as its total.
    """

    table: str
    select: dict[str, Want]
    label: dict[str, str]  # the exact series' name, shown once it is found


@dataclass(frozen=True)
class ResolutionWords:
    """The words that find a table's variables by role and a dimension's total (catalog.yaml `resolution`)."""

    area: tuple[str, ...] = ()
    time: tuple[str, ...] = ()
    content: tuple[str, ...] = ()
    total: tuple[str, ...] = ()


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
    # A percentage computed from two series found by meaning in its table: 100 × the first / the second,
    # per area and period, once both are found (missing, never 0, where either is).
    ratio_of: tuple[str, str] | None = None
    better: Literal["lower", "higher"] = "lower"  # which way is good where no goal of the programme names it
    # Its exact figures, found by meaning in another table; until they are, this series stands in (`proxy`).
    # A series with no codes of its own is by meaning only, and has no figures until found.
    exact: ByMeaning | None = None

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
    peer_series: str = ""  # catalog.yaml names it
    band_rate_points: float = 0.3
    band_count_percent: float = 2.0


@dataclass(frozen=True)
class Break:
    """A break in the series (a reform, a register change): marked on charts, named where a comparison crosses it."""

    __pydantic_config__ = STRICT_KEYS

    date: IsoDay  # ISO day
    label: Labels
    note: Labels
    folders: tuple[str, ...] = ()  # the StatFin folders whose statistics it breaks; none named: every series


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
    count_series: str = ""  # the headline count (roles): the overview's sentence, the slides' region line
    rate_series: str = ""  # the headline rate (roles): sentences, municipal ranks, the card's trend
    views: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the series some views show, by id
    resolution: ResolutionWords = field(default_factory=ResolutionWords)

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

    def step(self, series: Series) -> int:
        """How many months one period of the series spans in its (shown) table: 1, 3 or 12."""
        return self.tables[series.table].step

    def breaks_for(self, series: Series) -> tuple[Break, ...]:
        """The breaks in this series' statistics (a break that names its folders breaks only theirs)."""
        folder = self.tables[series.table].folder
        return tuple(b for b in self.breaks if not b.folders or folder in b.folders)

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
            key = (item.table, item.codes or (item.id,))
            if key not in kept or (item.proxy is not None and kept[key].proxy is None):
                kept[key] = item
        chosen = set(map(id, kept.values()))
        return tuple(item for item in series if id(item) in chosen)

    @property
    def appendix2(self) -> tuple[Series, ...]:
        """The programme's Appendix 2 groups, each figure once; a series by meaning only once it is found."""
        return self.without_copies([s for s in self.series if s.appendix2 and s.codes])

    def series_for_table(self, table_key: str) -> tuple[Series, ...]:
        """The series read from a table by their codes."""
        return tuple(s for s in self.series if s.table == table_key and s.codes)

    def wanted_by_meaning(self, table_key: str) -> tuple[Series, ...]:
        """The series a table read by meaning should hold."""
        return tuple(s for s in self.series if s.exact is not None and s.exact.table == table_key)

    def ratios_for_table(self, table_key: str) -> tuple[Series, ...]:
        """The percentages computed from two series a table read by meaning holds (`ratio_of`)."""
        return tuple(s for s in self.series if s.ratio_of is not None and s.table == table_key)

    def with_exact(self, found: dict[str, str]) -> Catalog:
        """This catalog with the series found by meaning (id -> the content code stored) as exact series.

        Each takes its exact table, name and stored code; it is no longer a stand-in. A percentage of two of them
        (`ratio_of`) takes its stored code once both are found.
        """
        series = tuple(
            replace(s, table=s.exact.table, codes=(found[s.id],), is_formula=False, label=s.exact.label, proxy=None)
            if s.exact is not None and s.id in found
            else replace(s, codes=(ratio_content_code(*s.ratio_of),))
            if s.ratio_of is not None and set(s.ratio_of) <= set(found)
            else s
            for s in self.series
        )
        return replace(self, series=series)

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


# --- catalog.yaml as pydantic models: its shape and rules; parse_catalog builds the dataclasses above -------
# (Area, Proxy and Break, shaped as the file is, are read straight into the dataclasses.)


class _Api(Schema):
    base_url: str
    database: str
    licence: str
    producer: str


class _Table(Schema):
    path: str
    folder: str
    frequency: Frequency
    first_period: str
    area_variable: str = ""
    time_variable: str = ""
    content_variable: str = ""
    by_meaning: bool = False
    format: str
    release_lag_days: int
    title: Labels
    source: Labels

    @model_validator(mode="after")
    def _path_in_folder(self) -> _Table:
        if not self.path.startswith(f"{self.folder}/") or not self.path.endswith(".px"):
            raise fault(f"{self.path!r} must be '<folder>/<id>.px'", at="path")
        for name in ("area_variable", "time_variable", "content_variable"):
            if not self.by_meaning and not getattr(self, name):
                raise fault("a table read by its codes names it (or say by_meaning: true)", at=name)
        return self


class _ByMeaning(Schema):
    table: str
    select: dict[str, Want]
    label: Labels


class _Resolution(Schema):
    area: tuple[Text, ...]
    time: tuple[Text, ...]
    content: tuple[Text, ...]
    total: tuple[Text, ...]


class _Series(Schema):
    id: str
    table: str
    code: str | None = None
    formula: tuple[str, ...] | None = None
    unit: Unit
    per: PerKind
    label: Labels
    decimals: int = 0
    appendix2: bool = False
    headline: bool = False
    proxy: Proxy | None = None
    no_rate: Labels | None = None
    share_of: tuple[str, str] | None = None
    ratio_of: tuple[str, str] | None = None
    better: Literal["lower", "higher"] = "lower"
    exact: _ByMeaning | None = None

    @model_validator(mode="after")
    def _one_code_or_formula(self) -> _Series:
        if self.code is not None and self.formula is not None:
            raise fault("give exactly one of code or formula")
        if self.ratio_of is not None:
            if self.code is not None or self.formula is not None or self.exact is not None or self.proxy is not None:
                raise fault("a ratio of two series has no code, formula, exact or proxy of its own", at="ratio_of")
        elif self.code is None and self.formula is None:
            if self.exact is None or self.exact.table != self.table or self.proxy is not None:
                raise fault("give code, formula, or exact with the series' own table (and no proxy)")
        elif self.exact is not None and self.proxy is None:
            raise fault("a series with codes and an exact source stands in for it: it needs a proxy", at="exact")
        if self.formula is not None and (not self.formula or first_repeat(self.formula) is not None):
            raise fault("needs distinct codes", at="formula")
        return self

    @model_validator(mode="after")
    def _a_proxy_says_so(self) -> _Series:
        if self.proxy is None:
            return self
        for lang, marker in PROXY_MARKERS.items():
            if marker not in self.label[lang].lower():
                raise fault(f"a proxy's label must say {marker!r}", at=("label", lang))
            if self.proxy.note[lang].lower().startswith(marker):  # pages put "Korvike:" before the note
                raise fault(f"a proxy's note must not start with {marker!r}", at=("proxy", "note", lang))
        return self


class _Roles(Schema):
    default_region: str
    region: str  # added from the region served (region.with_region)
    country: str
    monthly_table: str
    population_table: str
    count_series: str
    rate_series: str


class _Band(Schema):
    rate_points: NonNegativeFloat = 0.3
    count_percent: NonNegativeFloat = 2.0


class _Comparison(Schema):
    peers: NonNegativeInt = 5
    peer_series: str
    band: _Band = _Band()


class _CatalogFile(Schema):
    api: _Api
    tables: dict[str, _Table]
    areas: tuple[Area, ...]
    roles: _Roles
    comparison: _Comparison
    breaks: tuple[Break, ...] = ()
    region_members: dict[str, list[str]] = {}
    series: list[_Series]
    views: dict[str, list[str]] = {}
    resolution: _Resolution

    @model_validator(mode="after")
    def _exact_from_tables_by_meaning(self) -> _CatalogFile:
        for index, series in enumerate(self.series):
            if series.exact is None:
                continue
            table = self.tables.get(series.exact.table)
            if table is None or not table.by_meaning:
                raise fault(f"{series.exact.table!r} is not a table read by meaning", at=("series", index, "exact"))
        return self

    @model_validator(mode="after")
    def _areas_known_once(self) -> _CatalogFile:
        kinds = {area.code: area.kind for area in self.areas}
        repeat = first_repeat(area.code for area in self.areas)
        if repeat is not None:
            raise fault(f"duplicate area code {self.areas[repeat].code!r}", at=("areas", repeat, "code"))
        for role in ("region", "country"):
            if kinds.get(code := getattr(self.roles, role)) != role:
                raise fault(f"must be an area of kind {role}, not {code!r}", at=("roles", role))
        for parent, children in self.region_members.items():
            if unknown := [code for code in (parent, *children) if code not in kinds]:
                raise fault(f"unknown areas {unknown}", at=("region_members", parent))
        return self

    @model_validator(mode="after")
    def _tables_known(self) -> _CatalogFile:
        for role in ("monthly_table", "population_table"):
            if (key := getattr(self.roles, role)) not in self.tables:
                raise fault(f"{key!r} is not a table", at=("roles", role))
        for index, series in enumerate(self.series):
            if series.table not in self.tables:
                raise fault(f"unknown table {series.table!r}", at=("series", index, "table"))
        return self

    def _ratio_parts_fit(self, series: _Series) -> bool:
        parts = [s for s in self.series if series.ratio_of and s.id in series.ratio_of]
        return (
            series.unit == "percent"
            and len(parts) == 2
            and all(p.exact is not None and p.exact.table == series.table and p.proxy is None for p in parts)
        )

    @model_validator(mode="after")
    def _series_known_once(self) -> _CatalogFile:
        repeat = first_repeat(series.id for series in self.series)
        if repeat is not None:
            raise fault(f"duplicate series id {self.series[repeat].id!r}", at=("series", repeat, "id"))
        table_of = {series.id: series.table for series in self.series}
        for index, series in enumerate(self.series):
            if series.share_of and (
                series.unit != "percent" or {table_of.get(p) for p in series.share_of} != {series.table}
            ):
                raise fault("must name two series of its table, for a percent unit", at=("series", index, "share_of"))
            if series.ratio_of and not self._ratio_parts_fit(series):
                raise fault(
                    "must name two distinct series found by meaning in its table, for a percent unit",
                    at=("series", index, "ratio_of"),
                )
        if self.comparison.peer_series not in table_of:
            raise fault(f"unknown series {self.comparison.peer_series!r}", at=("comparison", "peer_series"))
        for role in ("count_series", "rate_series"):
            if (series_id := getattr(self.roles, role)) not in table_of:
                raise fault(f"unknown series {series_id!r}", at=("roles", role))
        for view, ids in self.views.items():
            if unknown := [i for i in ids if i not in table_of]:
                raise fault(f"unknown series {unknown}", at=("views", view))
        return self


def _series(raw: _Series) -> Series:
    exact = raw.exact
    return Series(
        **raw.model_dump(exclude={"code", "formula", "proxy", "exact"}),
        codes=raw.formula or ((str(raw.code),) if raw.code is not None else ()),
        is_formula=raw.formula is not None,
        proxy=raw.proxy,
        exact=None if exact is None else ByMeaning(exact.table, dict(exact.select), dict(exact.label)),
    )


def parse_catalog(raw: dict) -> Catalog:
    """Build and validate a Catalog from the YAML's plain data."""
    return _catalog(Content(raw, "", {}))


def _catalog(content: Content) -> Catalog:
    """The catalog of a file's content; raises CatalogError naming the file, line and field."""
    found = validate(_CatalogFile, content, CatalogError)
    comparison, roles = found.comparison, found.roles
    return Catalog(
        **found.api.model_dump(exclude={"base_url"}),
        base_url=found.api.base_url.rstrip("/"),
        tables={key: Table(key=key, **table.model_dump()) for key, table in found.tables.items()},
        areas=found.areas,
        series=tuple(map(_series, found.series)),
        region_code=roles.region,
        country_code=roles.country,
        monthly_table_key=roles.monthly_table,
        population_table_key=roles.population_table,
        region_members={parent: tuple(children) for parent, children in found.region_members.items()},
        comparison=Comparison(
            comparison.peers, comparison.peer_series, comparison.band.rate_points, comparison.band.count_percent
        ),
        breaks=found.breaks,
        count_series=roles.count_series,
        rate_series=roles.rate_series,
        views={view: tuple(ids) for view, ids in found.views.items()},
        resolution=ResolutionWords(**found.resolution.model_dump()),
    )


def load_catalog(path: Path = CATALOG_PATH, region: str | None = None) -> Catalog:
    """The catalog with the areas of the region REGION names (or `region`), parsed once per process and region."""
    return _load_catalog(path, region_setting() if region is None else region)


@functools.cache
def _load_catalog(path: Path, region: str) -> Catalog:
    content = load_file(path)
    if not isinstance(content.data, dict):  # an empty file or a list: say so, not a TypeError in the parser
        raise CatalogError(f"{content.shown}: the catalog must be a mapping with api, tables, areas and series")
    return _catalog(Content(with_region(content.data, load_region(region)), content.shown, content.lines))

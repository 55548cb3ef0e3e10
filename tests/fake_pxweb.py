"""A fake PxWeb v1 API on 127.0.0.1 that speaks the real protocol, with injectable faults.

Serves `?config`, folder listings, table metadata and POST data queries (json-stat2 and json)
for StatFin `tyonv/12r5.px` (generated, deterministic figures) and `vaerak/11ra.px` (the real
answer in tests/data). Unknown tables or codes answer 400, as the real API does since June 2026.
"""

from __future__ import annotations

import functools
import json
import math
import socket
import sys
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REFERENCE_DATA = Path(__file__).resolve().parent / "data"  # real StatFin answers, see data/README.md
VAERAK_FILE = REFERENCE_DATA / "statfin_vaerak_11ra_2025.json"

CONTENTS_12R5 = {
    "HAKIJALOPUSSA": "Työnhakijat yhteensä kuukauden lopussa",
    "TYOTTOMATLOPUSSA": "Työttömät työnhakijat kuukauden lopussa",
    "TYOVOIMATK": "Työvoima",
    "TYOTOSUUS": "Työttömien osuus työvoimasta, %",
    "TYOTTOMATMIEHET": "Työttömät miehet",
    "TYOTTOMATNAISET": "Työttömät naiset",
    "TYOTTOMAT20": "Alle 20-vuotiaat työttömät",
    "TYOTTOMAT25": "Alle 25-vuotiaat työttömät",
    "TYOTTOMAT50": "Yli 50-vuotiaat työttömät",
    "TYOTTOMATSAIR": "Vammaiset ja pitkäaikaissairaat työttömät",
    "TYOTTOMATULK": "Työttömät ulkomaan kansalaiset",
    "PITKAAIKAISTYOTTOMAT": "Pitkäaikaistyöttömät",
    "KASSASSA": "Työttömyyskassan jäsenet",
    "LOMAUTETTU": "Lomautetut",
    "LYHTYOVKO": "Lyhennetyllä työviikolla olevat",
    "TYOLLISTETTYLOP": "Tukityöllistetyt",
    "TYOHARJOITTELULOP": "Työharjoittelussa",
    "KOKEILULOP": "Työkokeilussa",
    "TVKOULUTUSLOP": "Työvoimakoulutuksessa",
    "VALMENNUSLOP": "Valmennuksessa",
    "MTPPALVELUTLOP": "Muissa palveluissa",
    "AVPAIKATLOPUSSA": "Avoimet työpaikat kuukauden lopussa",
    "UUDETAVP": "Uudet avoimet työpaikat kuukauden aikana",
}
# Municipal base sizes (unemployed level) and the areas built from them.
MUNICIPALITIES = {
    "KU075": ("Hamina", 1100),
    "KU285": ("Kotka", 3600),
    "KU286": ("Kouvola", 4700),
    "KU489": ("Miehikkälä", 95),
    "KU624": ("Pyhtää", 240),
    "KU935": ("Virolahti", 160),
    "KU091": ("Helsinki", 52000),
    "KU405": ("Lappeenranta", 5200),
}
AGGREGATES = {
    "MK08": ("Kymenlaakso", ["KU075", "KU285", "KU286", "KU489", "KU624", "KU935"]),
    "SK081": ("Kouvolan seutukunta", ["KU286"]),
    "SK082": ("Kotkan-Haminan seutukunta", ["KU075", "KU285", "KU489", "KU624", "KU935"]),
    "MK01": ("Uusimaa", ["KU091"]),
    "SSS": ("KOKO MAA", list(MUNICIPALITIES)),
}
# The other mainland regions, served as areas of their own (not summed into the country): name, unemployed
# level and labour force per unemployed person, so that their rates differ and comparable regions can be chosen.
OTHER_REGIONS = {
    "MK02": ("Varsinais-Suomi", 30000, 8.4),
    "MK04": ("Satakunta", 11000, 8.2),
    "MK05": ("Kanta-Häme", 8000, 8.8),
    "MK06": ("Pirkanmaa", 36000, 7.2),
    "MK07": ("Päijät-Häme", 15000, 6.6),
    "MK09": ("Etelä-Karjala", 9000, 7.1),
    "MK10": ("Etelä-Savo", 8500, 7.9),
    "MK11": ("Pohjois-Savo", 14000, 7.8),
    "MK12": ("Pohjois-Karjala", 11000, 6.4),
    "MK13": ("Keski-Suomi", 18000, 6.7),
    "MK14": ("Etelä-Pohjanmaa", 7000, 10.8),
    "MK15": ("Pohjanmaa", 6500, 11.6),
    "MK16": ("Keski-Pohjanmaa", 2500, 11.2),
    "MK17": ("Pohjois-Pohjanmaa", 23000, 7.8),
    "MK18": ("Kainuu", 4000, 7.0),
    "MK19": ("Lappi", 9000, 7.9),
}
SHARE = {code: 0.02 + (i * 0.037) % 0.5 for i, code in enumerate(CONTENTS_12R5)}
SHARE.update({"TYOTTOMAT20": 0.03, "TYOTTOMATULK": 0.04, "TYOTTOMATSAIR": 0.05})
SUPPRESS_BELOW = 5
TRANSPORT_FAULTS = frozenset(
    {"500", "503", "429", "timeout", "malformed", "cutoff", "status400", "redirect", "huge", "gzip_bomb", "answer"}
)
HUGE_BYTES = 50 * 2**20  # the "huge" answer
BOMB_BYTES = 200 * 2**20  # what the "gzip_bomb" answer expands to
SUPPRESSED_CODES = ("TYOTTOMAT20", "TYOTTOMATULK", "TYOTTOMATSAIR")


def months(first: str, last: str) -> list[str]:
    y0, m0 = (int(x) for x in first.split("M"))
    y1, m1 = (int(x) for x in last.split("M"))
    return [f"{y}M{m:02d}" for y in range(y0, y1 + 1) for m in range(1, 13) if (y0, m0) <= (y, m) <= (y1, m1)]


def municipal_value(area: str, code: str, index: int) -> float:
    """A municipality's (or another region's) figure; each area's own phase and, for regions, its own trend."""
    if area in OTHER_REGIONS:
        _, base, force = OTHER_REGIONS[area]
        level = base * (1 + 0.15 * math.sin(index / 9 + int(area[2:]))) * (1 + (int(area[2:]) % 5 - 2) * index / 4000)
    else:
        base, force = MUNICIPALITIES[area][1], 7.5
        level = base * (1 + 0.15 * math.sin(index / 9 + len(area)))
    if code == "TYOTTOMATLOPUSSA":
        return float(round(level))
    if code == "TYOVOIMATK":
        return float(round(base * force))
    return float(round(level * SHARE[code] * (1 + 0.1 * math.cos(index / 4))))


MONTH_INDEX = {code: i for i, code in enumerate(months("2009M01", "2030M12"))}
MONTHS_BY_INDEX = months("2009M01", "2030M12")


# --- tables read by meaning: shaped as the real ones, with codes of their own ---------------------------------
# tyonv/12ub and tyonv/12t8 as StatFin's metadata has them (titles, variable and value texts, an eliminable
# Sukupuoli, a total value, suppressed small cells), with codes that are deliberately neither the catalog's
# examples nor 12r5's. A figure is the sum of its base cells: a total value or an eliminated variable sums over
# the variable's other values, a region over its municipalities; a municipality's cell of 1–4 is suppressed.


@dataclass(frozen=True)
class Dimension:
    code: str
    text: str
    values: dict[str, str]  # code -> text
    shares: dict[str, float]  # the base values' shares of their total
    total: str | None = None  # the value that is every base value's sum
    elimination: bool = False

    def base(self, value: str | None) -> list[str]:
        """The base values a value (None: the variable eliminated) sums."""
        return list(self.shares) if value is None or value == self.total else [value]

    def meta(self) -> dict:
        doc = {
            "code": self.code,
            "text": self.text,
            "values": list(self.values),
            "valueTexts": list(self.values.values()),
        }
        return doc | ({"elimination": True} if self.elimination else {})


SEX_12UB = Dimension("sukup", "Sukupuoli", {"1": "Miehet", "2": "Naiset"}, {"1": 0.57, "2": 0.43}, elimination=True)
EDUCATION_12UB = Dimension(
    "koulast",
    "Koulutusaste",
    {"ka_yht": "Yhteensä", "ka_1": "Perusaste tai tuntematon", "ka_3": "Toinen aste", "ka_5": "Korkea-aste"},
    {"ka_1": 0.38, "ka_3": 0.47, "ka_5": 0.15},
    total="ka_yht",
)
STRUCTURAL_12UB = Dimension(
    "tiedot",
    "Tiedot",
    {
        "rt_yht": "Rakennetyöttömät yhteensä",
        "rt_pitk": "Pitkäaikaistyöttömät",
        "rt_rinn": "Rinnasteiset pitkäaikaistyöttömät",
        "rt_palvt": "Palveluilta työttömäksi jääneet",
        "rt_palvp": "Palveluilta palveluille siirtyneet",
    },
    {"rt_pitk": 0.24, "rt_rinn": 0.07, "rt_palvt": 0.05, "rt_palvp": 0.04},
    total="rt_yht",
)
SEX_12T8 = Dimension(
    "Sukupuoli", "Sukupuoli", {"S1": "Miehet", "S2": "Naiset"}, {"S1": 0.54, "S2": 0.46}, elimination=True
)
AGE_BANDS_12T8 = {
    "ika15": ("15 - 19", 0.03),
    "ika20": ("20 - 24", 0.09),
    "ika25": ("25 - 29", 0.11),
    "ika30": ("30 - 34", 0.11),
    "ika35": ("35 - 39", 0.10),
    "ika40": ("40 - 44", 0.10),
    "ika45": ("45 - 49", 0.10),
    "ika50": ("50 - 54", 0.11),
    "ika55": ("55 - 59", 0.12),
    "ika60": ("60 - 64", 0.11),
    "ika65": ("65 -", 0.02),
}
AGES_12T8 = Dimension(
    "Ikaryhma",
    "Ikäryhmät",
    {"ika_sss": "Yhteensä"} | {code: text for code, (text, _) in AGE_BANDS_12T8.items()},
    {code: share for code, (_, share) in AGE_BANDS_12T8.items()},
    total="ika_sss",
)
EMPLOYMENT_CODE_12T8 = Dimension(
    "Tyollisyyskoodi",
    "Työllisyyskoodi",
    {
        "tk_sss": "Kaikki työllisyyskoodit yhteensä",
        "01": "Työllinen",
        "02": "Työtön",
        "03": "Lomautettu",
        "05": "Palveluissa",
        "09": "Muut työnhakijat",
    },
    {"01": 0.24, "02": 0.46, "03": 0.06, "05": 0.14, "09": 0.10},
    total="tk_sss",
)
JOBSEEKERS_12T8 = Dimension(
    "ContentCode", "Tiedot", {"hakijat_kk": "Työnhakijat kuukauden lopussa"}, {"hakijat_kk": 1.0}
)


@dataclass(frozen=True, eq=False)  # hashed by identity: its base cells are cached per cube
class Cube:
    """A table of several dimensions in the real table's order; `time_at`: where the period sits among them.

    A quarterly or yearly cube's periods ("2013Q1", "2013") take the figures of their first month's index, so the
    same level and wobble functions give them; `regions_only`: served for the regions and the country alone;
    `confidential`: (municipality, value code) cells always suppressed (a municipality of few establishments).
    """

    title: str
    area_code: str
    time_code: str
    dimensions: tuple[Dimension, ...]
    time_at: int
    scale: float  # the base cells' level against the area's unemployed
    symbol: str  # how this table writes a suppressed cell
    frequency: str = "monthly"
    first: str = "2009M01"
    regions_only: bool = False
    confidential: tuple[tuple[str, str], ...] = ()
    varied: tuple[str, ...] = ()  # the dimensions whose every value warm_cubes sums (default: the largest one)

    @property
    def time_text(self) -> str:
        return {"monthly": "Kuukausi", "quarterly": "Vuosineljännes", "yearly": "Vuosi"}[self.frequency]

    def order(self) -> list[str]:
        codes = [d.code for d in self.dimensions]
        return [self.area_code, *codes[: self.time_at - 1], self.time_code, *codes[self.time_at - 1 :]]


CUBES = {
    "tyonv/12ub.px": Cube(
        "Rakennetyöttömät sukupuolen ja koulutusasteen mukaan kk:n lopussa muuttujina Alue, Sukupuoli, "
        "Koulutusaste, Kuukausi ja Tiedot",
        "alue",
        "kuukausi",
        (SEX_12UB, EDUCATION_12UB, STRUCTURAL_12UB),
        3,
        1.0,
        "..",
    ),
    "tyonv/12t8.px": Cube(
        "Työnhakijat työllisyyskoodin mukaan kk:n lopussa muuttujina Alue, Sukupuoli, Ikäryhmät, "
        "Työllisyyskoodi, Kuukausi ja Tiedot",
        "Alue",
        "Kuukausi",
        (SEX_12T8, AGES_12T8, EMPLOYMENT_CODE_12T8, JOBSEEKERS_12T8),
        4,
        2.2,
        "...",
    ),
}


# --- theme 4.2's and 4.3's statistics, quarterly and yearly: aly, alyr, tkke and vkour, shaped as StatFin's ----------
INDUSTRY_ALY = Dimension(
    "Toimiala",
    "Toimiala",
    {
        "SSS": "Toimialat yhteensä",
        "A": "A Maatalous, metsätalous ja kalatalous",
        "BCDE": "B-E Teollisuus, kaivostoiminta ja energiahuolto",
        "F": "F Rakentaminen",
        "GHI": "G-I Kauppa, kuljetus ja majoitus",
        "X": "Muut toimialat ja tuntematon",
    },
    {"A": 0.12, "BCDE": 0.09, "F": 0.14, "GHI": 0.27, "X": 0.38},
    total="SSS",
)
CONTENTS_ALY = Dimension(
    "Tiedot",
    "Tiedot",
    {"aloitt": "Aloittaneet yritykset", "lopett": "Lopettaneet yritykset", "kanta": "Yrityskanta"},
    {"aloitt": 0.025, "lopett": 0.022, "kanta": 1.0},
)
INDUSTRY_ALYR = Dimension(
    "toimiala_tol2008",
    "Toimiala",
    {
        "tol_yht": "Kaikki toimialat",
        "tol_bcde": "BCDE Teollisuus",
        "tol_f": "F Rakentaminen",
        "tol_g": "G Tukku- ja vähittäiskauppa",
        "tol_muut": "Muut toimialat",
    },
    {"tol_bcde": 0.11, "tol_f": 0.16, "tol_g": 0.21, "tol_muut": 0.52},
    total="tol_yht",
)
CONTENTS_ALYR = Dimension(
    "contentscode",
    "Tiedot",
    {
        "tp_lkm": "Toimipaikkojen lukumäärä",
        "htv": "Henkilöstö (henkilötyövuosina)",
        "lvaihto": "Liikevaihto (1000 euroa)",
    },
    {"tp_lkm": 1.0, "htv": 3.5, "lvaihto": 1100.0},
)
SECTOR_TKKE = Dimension(
    "Sektori",
    "Sektori",
    {"S_yht": "Sektorit yhteensä", "S_yr": "Yritykset", "S_jul": "Julkinen sektori", "S_kk": "Korkeakoulusektori"},
    {"S_yr": 0.66, "S_jul": 0.09, "S_kk": 0.25},
    total="S_yht",
)
CONTENTS_TKKE = Dimension(
    "Tiedot",
    "Tiedot",
    {
        "tk_menot": "Tutkimus- ja kehittämistoiminnan menot (milj. euroa)",
        "tk_htv": "Tutkimus- ja kehittämistoiminnan henkilöstö, henkilötyövuodet",
        "tk_hlo": "Tutkimus- ja kehittämistoiminnan henkilöstö, lukumäärä",
    },
    {"tk_menot": 0.12, "tk_htv": 1.0, "tk_hlo": 1.6},
)
EDUCATION_VKOUR = Dimension(
    "Koulutusaste",
    "Koulutusaste",
    {
        "SSS": "Yhteensä",
        "9": "Perusaste tai tuntematon",
        "3_4": "Toinen aste",
        "5": "Alin korkea-aste",
        "6": "Alempi korkeakouluaste",
        "7": "Ylempi korkeakouluaste",
        "8": "Tutkijakoulutusaste",
    },
    {"9": 0.27, "3_4": 0.44, "5": 0.10, "6": 0.09, "7": 0.08, "8": 0.02},
    total="SSS",
)
SEX_VKOUR = Dimension(
    "Sukupuoli", "Sukupuoli", {"1": "Miehet", "2": "Naiset"}, {"1": 0.49, "2": 0.51}, elimination=True
)
AGE_VKOUR = Dimension(
    "Ika",
    "Ikä",
    {"SSS": "Yhteensä", "15-34": "15 - 34", "35-54": "35 - 54", "55-": "55 -"},
    {"15-34": 0.3, "35-54": 0.31, "55-": 0.39},
    total="SSS",
)
CONTENTS_VKOUR = Dimension("Tiedot", "Tiedot", {"vaesto": "15 vuotta täyttänyt väestö"}, {"vaesto": 1.0})
CUBES.update(
    {
        "aly/11yq.px": Cube(
            "Aloittaneet ja lopettaneet yritykset kunnittain neljännesvuosittain muuttujina Alue, Vuosineljännes, "
            "Toimiala ja Tiedot",
            "Kunta",
            "Vuosineljannes",
            (INDUSTRY_ALY, CONTENTS_ALY),
            1,
            1.1,
            "..",
            frequency="quarterly",
            first="2010Q1",
            varied=("Tiedot",),
        ),
        "alyr/13ww.px": Cube(
            "Toimipaikkojen lukumäärä, henkilöstö ja liikevaihto kunnittain muuttujina Alue, Vuosi, Toimiala ja Tiedot",
            "alue",
            "vuosi",
            (INDUSTRY_ALYR, CONTENTS_ALYR),
            1,
            1.3,
            "..",
            frequency="yearly",
            first="2010",
            confidential=(("KU489", "lvaihto"),),  # Miehikkälä's turnover: too few establishments to publish
            varied=("contentscode",),
        ),
        "tkke/13ra.px": Cube(
            "Tutkimus- ja kehittämistoiminnan menot ja henkilöstö alueittain muuttujina Alue, Vuosi, Sektori ja Tiedot",
            "Alue",
            "Vuosi",
            (SECTOR_TKKE, CONTENTS_TKKE),
            1,
            0.05,
            "..",
            frequency="yearly",
            first="2010",
            regions_only=True,
            varied=("Tiedot",),
        ),
        "vkour/12bq.px": Cube(
            "15 vuotta täyttänyt väestö koulutusasteen, kunnan, sukupuolen ja ikäryhmän mukaan muuttujina Alue, Vuosi, "
            "Koulutusaste, Sukupuoli, Ikä ja Tiedot",
            "Alue",
            "Vuosi",
            (EDUCATION_VKOUR, SEX_VKOUR, AGE_VKOUR, CONTENTS_VKOUR),
            1,
            14.0,
            "..",
            frequency="yearly",
            first="2010",
            confidential=(("KU489", "8"),),  # Miehikkälä's doctors: too few to publish
            varied=("Koulutusaste",),
        ),
    }
)
STATISTICS_CUBES = ("aly/11yq.px", "alyr/13ww.px", "tkke/13ra.px", "vkour/12bq.px")


def quarters(first: str, last: str) -> list[str]:
    y0, q0 = (int(x) for x in first.split("Q"))
    y1, q1 = (int(x) for x in last.split("Q"))
    return [f"{y}Q{q}" for y in range(y0, y1 + 1) for q in range(1, 5) if (y0, q0) <= (y, q) <= (y1, q1)]


def periods_of(cube: Cube, last: str) -> list[str]:
    """A cube's time values from its first to `last`: months, quarters or years."""
    if cube.frequency == "quarterly":
        return quarters(cube.first, last)
    if cube.frequency == "yearly":
        return [str(y) for y in range(int(cube.first), int(last) + 1)]
    return months(cube.first, last)


def period_index(period: str) -> int:
    """A month's index; a quarter or a year takes its first month's ("2025Q3" -> 2025M07, "2024" -> 2024M01)."""
    if "Q" in period:
        year, quarter = period.split("Q")
        return MONTH_INDEX[f"{year}M{3 * int(quarter) - 2:02d}"]
    if "M" not in period:
        return MONTH_INDEX[f"{period}M01"]
    return MONTH_INDEX[period]


def served_areas(cube: Cube) -> dict[str, str]:
    """The areas a cube lists: every area, or (regions_only) the country and the regions."""
    areas = area_texts()
    return {c: t for c, t in areas.items() if c == "SSS" or c.startswith("MK")} if cube.regions_only else areas


def area_texts() -> dict[str, str]:
    texts = {code: name for code, (name, _) in MUNICIPALITIES.items()}
    texts.update({code: name for code, (name, _) in AGGREGATES.items()})
    texts.update({code: name for code, (name, _, _) in OTHER_REGIONS.items()})
    return dict(sorted(texts.items(), key=lambda kv: (kv[0] != "SSS", kv[0])))


def cube_metadata(table: str, last_month: str = "2026M06", recode: str = "") -> dict:
    """A cube table's metadata as GET on the table gives it, the variables in the real table's order.

    `last_month`: the last period (of the cube's frequency: "2026M06", "2026Q2", "2024");
    `recode`: a suffix on every variable code and on every value code but areas' and months' (a rename)."""
    cube = CUBES[table]
    areas = served_areas(cube)
    periods = periods_of(cube, last_month)
    variables = {d.code: d.meta() for d in cube.dimensions}
    for variable in variables.values():
        variable["values"] = [f"{value}{recode}" for value in variable["values"]]
    area = {"code": cube.area_code, "text": "Alue", "values": list(areas), "valueTexts": list(areas.values())}
    time = {"code": cube.time_code, "text": cube.time_text, "values": periods, "valueTexts": periods, "time": True}
    variables |= {cube.area_code: area, cube.time_code: time}
    ordered = [variables[code] | {"code": f"{code}{recode}"} for code in cube.order()]
    return {"title": cube.title, "variables": ordered}


def base_cell(cube: Cube, area: str, index: int, values: dict[str, str]) -> float:
    """One base cell of a municipality or another region: its unemployed level times every value's share."""
    level = municipal_value(area, "TYOTTOMATLOPUSSA", index) * cube.scale
    return _share_of(cube, level, index, tuple(values[d.code] for d in cube.dimensions))


def _share_of(cube: Cube, level: float, index: int, values: tuple[str, ...]) -> float:
    shares = math.prod(d.shares[v] for d, v in zip(cube.dimensions, values, strict=True))
    wobble = 1 + 0.08 * math.sin(index / 5 + sum(map(ord, "".join(values))) % 7)
    return float(round(level * shares * wobble))


def cube_cell(cube: Cube, area: str, index: int, chosen: dict[str, str | None]) -> tuple[float | None, str | None]:
    """A served figure: the sum of its base cells over the members and the totals; small municipal cells suppressed."""
    items = tuple(chosen.get(d.code) for d in cube.dimensions)
    members = AGGREGATES[area][1] if area in AGGREGATES else [area]
    value = sum(_member_cell(cube, m, index, items) for m in members)
    if area in MUNICIPALITIES and (0 < value < SUPPRESS_BELOW or any((area, v) in cube.confidential for v in items)):
        return None, cube.symbol
    return value, None


LAST_WARMED = {"monthly": "2026M08", "quarterly": "2026Q4", "yearly": "2025"}


@functools.cache
def warm_cubes() -> None:
    """Every member figure a refresh asks of the cube tables, summed once per process before any server answers:
    summed while a client waits, they would overrun a fault test's 3-second read timeout on a busy machine."""
    for cube in CUBES.values():
        fixed = tuple(None if d.elimination else (d.total or next(iter(d.values))) for d in cube.dimensions)
        combos: list[tuple[str | None, ...]] = [fixed]
        if cube.varied:  # every value of each varied dimension, the others at their totals
            for at, dim in enumerate(cube.dimensions):
                if dim.code in cube.varied:
                    combos = [(*c[:at], value, *c[at + 1 :]) for c in combos for value in dim.values]
        else:
            varied = max((d for d in cube.dimensions if not d.elimination), key=lambda d: len(d.values))
            at = cube.dimensions.index(varied)
            combos = [(*fixed[:at], value, *fixed[at + 1 :]) for value in varied.values]
        indexes = sorted({period_index(p) for p in periods_of(cube, LAST_WARMED[cube.frequency])})
        for chosen in combos:
            for area in [*MUNICIPALITIES, *OTHER_REGIONS]:
                for index in indexes:
                    _member_cell(cube, area, index, chosen)


@functools.cache  # a refresh with a short timeout must not wait for the sums of months already served
def _member_cell(cube: Cube, area: str, index: int, chosen: tuple[str | None, ...]) -> float:
    """One municipality's (or other region's) figure: its base cells summed over the totals and eliminations."""
    level = municipal_value(area, "TYOTTOMATLOPUSSA", index) * cube.scale
    combos: list[tuple[str, ...]] = [()]
    for dim, value in zip(cube.dimensions, chosen, strict=True):
        combos = [c + (v,) for c in combos for v in dim.base(value)]
    return sum(_share_of(cube, level, index, combo) for combo in combos)


@dataclass
class Fault:
    """One injected misbehaviour: `kind` for the next `times` requests matching `method` and `path`."""

    kind: str
    method: str = "POST"
    path: str = ""
    times: int = 1
    arg: str = ""


@dataclass
class Release:
    last_month: str = "2026M06"
    updated: str = "2026-07-21T05:00:00Z"


@dataclass
class StatisticsRelease:
    last_quarter: str = "2026Q2"
    last_year: str = "2024"
    updated: str = "2026-05-20T05:00:00Z"


@dataclass
class FakeState:
    max_values: int = 120000
    max_calls: int = 100  # a refresh asks some 25 times (StatFin's own limit is 30 calls per 10 s)
    time_window: int = 60
    release: Release = field(default_factory=Release)
    faults: list[Fault] = field(default_factory=list)
    log: list[tuple[float, str, str, int]] = field(default_factory=list)  # (time, method, path, bytes)
    lock: threading.Lock = field(default_factory=threading.Lock)
    renamed: bool = False  # when true the tables answer 400 as if their ids were renamed
    factor: float = 1.0  # every figure multiplied by this: another server's figures
    # (municipality, content code, month) -> amount added: a revised figure in a later release;
    # the region, sub-regions, country and rates are computed from the revised figures.
    revisions: dict[tuple[str, str, str], float] = field(default_factory=dict)
    gone: set[str] = field(default_factory=set)  # tables (paths) no longer served: not listed, metadata 400
    moved: dict[str, str] = field(default_factory=dict)  # a table (path) served under another id, its codes kept
    recode: str = ""  # the cube tables' variable and value codes renamed with this suffix, their texts kept
    cube_release: Release = field(default_factory=Release)  # the tables read by meaning publish on their own
    # the quarterly and yearly statistics (aly, alyr, tkke, vkour) publish on their own too
    statistics_release: StatisticsRelease = field(default_factory=lambda: StatisticsRelease())


class FakePxWeb:
    """Start with `with FakePxWeb() as fake:`; `fake.base_url` is the API root with language."""

    def __init__(self, **state: object) -> None:
        warm_cubes()
        self.state = FakeState(**state)  # type: ignore[arg-type]
        self.vaerak = json.loads(VAERAK_FILE.read_text(encoding="utf-8"))
        handler = type("Handler", (_Handler,), {"fake": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False  # a thread sleeping in a timeout fault must not hold up the test
        self.server.handle_error = self._handle_error  # type: ignore[method-assign]  # this server's own handler
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        """A client that hung up (what deadlines and size caps do) is no error of the fake's."""
        if not isinstance(sys.exc_info()[1], OSError):
            ThreadingHTTPServer.handle_error(self.server, request, client_address)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/PxWeb/api/v1/fi"

    def __enter__(self) -> FakePxWeb:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- test controls --------------------------------------------------------------------

    def inject(self, kind: str, method: str = "POST", path: str = "", times: int = 1, arg: str = "") -> None:
        if kind in ("gzip_bomb", "huge"):
            gzip_bomb() if kind == "gzip_bomb" else huge_answer()  # made now, not while a client waits
        with self.state.lock:
            self.state.faults.append(Fault(kind, method, path, times, arg))

    def publish(self, last_month: str, updated: str, revisions: dict | None = None, cubes: bool = False) -> None:
        """A new release of 12r5; with `cubes`, of the tables read by meaning (12ub, 12t8) too."""
        self.state.release = Release(last_month, updated)
        self.state.revisions = dict(revisions or {})
        if cubes:
            self.state.cube_release = Release(last_month, updated)

    def publish_statistics(self, last_quarter: str, last_year: str, updated: str) -> None:
        """A new release of the quarterly and yearly statistics (aly, alyr, tkke, vkour)."""
        self.state.statistics_release = StatisticsRelease(last_quarter, last_year, updated)

    def last_period(self, table: str) -> str:
        """The newest period a cube table serves, of its own frequency."""
        frequency = CUBES[table].frequency
        if frequency == "quarterly":
            return self.state.statistics_release.last_quarter
        if frequency == "yearly":
            return self.state.statistics_release.last_year
        return self.state.cube_release.last_month

    def updated(self, table: str) -> str:
        """A cube table's release stamp."""
        if CUBES[table].frequency == "monthly":
            return self.state.cube_release.updated
        return self.state.statistics_release.updated

    def _revised(self, area: str, code: str, index: int) -> float:
        return municipal_value(area, code, index) + self.state.revisions.get((area, code, MONTHS_BY_INDEX[index]), 0)

    def requests(self, method: str | None = None) -> list[tuple[float, str, str, int]]:
        with self.state.lock:
            return [r for r in self.state.log if method is None or r[1] == method]

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self.state.lock:
            for fault in self.state.faults:
                if fault.method == method and fault.path in path and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    # --- the tables -----------------------------------------------------------------------

    def area_texts_12r5(self) -> dict[str, str]:
        return area_texts()

    def cube_metadata(self, table: str) -> dict:
        return cube_metadata(table, self.last_period(table), self.state.recode)

    def cube_figure(self, table: str, area: str, period: str, chosen: dict[str, str | None]) -> float | None:
        """What a test expects: the served figure of one cell (None when suppressed); `chosen` None = eliminated."""
        return cube_cell(CUBES[table], area, period_index(period), chosen)[0]

    def cube_answer(self, table: str, selected: dict[str, list[str]]) -> dict:
        cube = CUBES[table]
        meta = self.cube_metadata(table)
        recode = self.state.recode
        dims = [f"{code}{recode}" for code in cube.order() if f"{code}{recode}" in selected]
        positions: list[dict[str, str]] = [{}]
        for code in dims:
            positions = [p | {code.removesuffix(recode): v} for p in positions for v in selected[code]]
        figures = [
            cube_cell(
                cube,
                p[cube.area_code],
                period_index(p[cube.time_code]),
                {d.code: p[d.code].removesuffix(recode) if d.code in p else None for d in cube.dimensions},
            )
            for p in positions
        ]
        texts = {v["code"]: dict(zip(v["values"], v["valueTexts"], strict=True)) for v in meta["variables"]}
        return {
            "version": "2.0",
            "class": "dataset",
            "label": meta["title"],
            "source": "Tilastokeskus",
            "updated": self.updated(table),
            "id": dims,
            "size": [len(selected[d]) for d in dims],
            "dimension": {
                d: {
                    "label": d,
                    "category": {
                        "index": {v: i for i, v in enumerate(selected[d])},
                        "label": {v: texts[d][v] for v in selected[d]},
                    },
                }
                for d in dims
            },
            "value": [v for v, _ in figures],
            "status": {str(i): s for i, (_, s) in enumerate(figures) if s},
            "role": {"time": [f"{cube.time_code}{recode}"]},
        }

    def statistics_listing(self, folder: str) -> list[dict]:
        """A folder of the quarterly and yearly statistics: its cube (unless gone; under its new id if moved) and a
        table of another subject beside it, as the real folders list more than one."""
        entries = [
            {
                "id": served.split("/")[1],
                "type": "t",
                "updated": self.state.statistics_release.updated,
                "text": f"{CUBES[path].title.split(' muuttujina')[0]} ({Path(served).stem})",
            }
            for path in STATISTICS_CUBES
            if path.startswith(f"{folder}/") and path not in self.state.gone
            for served in [self.state.moved.get(path, path)]
        ]
        other = {
            "id": "11zz.px",
            "type": "t",
            "updated": "2026-01-15T05:00:00Z",
            "text": "Konkurssit kuukausittain (11zz)",
        }
        return [*entries, other]

    def served_as(self, table: str) -> str | None:
        """The table a path serves: its own unless gone or moved away; a moved table under its new path."""
        if table in self.state.gone or table in self.state.moved:
            return None
        return next((old for old, new in self.state.moved.items() if new == table), table)

    def metadata(self, table: str) -> dict | None:
        served = self.served_as(table)
        if served is None:
            return None
        table = served
        if table in CUBES:
            return self.cube_metadata(table)
        if table == "tyonv/12r5.px":
            areas = self.area_texts_12r5()
            periods = months("2009M01", self.state.release.last_month)
            return {
                "title": "Työttömät työnhakijat eri ryhmissä, palveluissa olevat ja avoimet "
                "työpaikat kuukauden lopussa muuttujina Alue, Kuukausi ja Tiedot",
                "variables": [
                    {"code": "Alue", "text": "Alue", "values": list(areas), "valueTexts": list(areas.values())},
                    {
                        "code": "timeperiod_m",
                        "text": "Kuukausi",
                        "values": periods,
                        "valueTexts": periods,
                        "time": True,
                    },
                    {
                        "code": "contentscode",
                        "text": "Tiedot",
                        "values": list(CONTENTS_12R5),
                        "valueTexts": list(CONTENTS_12R5.values()),
                    },
                ],
            }
        if table == "vaerak/11ra.px":
            columns = self.vaerak["columns"]
            area_codes = [row["key"][0] for row in self.vaerak["data"]]
            contents = [c for c in columns if c["type"] == "c"]
            return {
                "title": self.vaerak["metadata"][0]["label"],
                "variables": [
                    {"code": "alue_23_20260101", "text": "Alue", "values": area_codes, "valueTexts": area_codes},
                    {"code": "timeperiod_y", "text": "Vuosi", "values": ["2025"], "valueTexts": ["2025"], "time": True},
                    {
                        "code": "contentscode",
                        "text": "Tiedot",
                        "values": [c["code"] for c in contents],
                        "valueTexts": [c["text"] for c in contents],
                    },
                ],
            }
        return None

    def cell(self, table: str, area: str, period: str, code: str) -> tuple[float | None, str | None]:
        """The true figure of one cell, and its status symbol when suppressed."""
        if table == "vaerak/11ra.px":
            codes = [c["code"] for c in self.vaerak["columns"] if c["type"] == "c"]
            for row in self.vaerak["data"]:
                if row["key"] == [area, period]:
                    return float(row["values"][codes.index(code)]), None
            return None, "..."
        index = MONTH_INDEX[period]
        # the plain function unless a figure is revised: the fault tests' short timeouts need the speed
        value_of = self._revised if self.state.revisions else municipal_value
        if area in AGGREGATES:
            members = AGGREGATES[area][1]
            if code == "TYOTOSUUS":
                unemployed = sum(value_of(m, "TYOTTOMATLOPUSSA", index) for m in members)
                force = sum(value_of(m, "TYOVOIMATK", index) for m in members)
                return round(100 * unemployed / force, 1), None
            return float(sum(value_of(m, code, index) for m in members)), None
        if code == "TYOTOSUUS":
            return round(100 * value_of(area, "TYOTTOMATLOPUSSA", index) / value_of(area, "TYOVOIMATK", index), 1), None
        value = value_of(area, code, index)
        if code in SUPPRESSED_CODES and 0 < value < SUPPRESS_BELOW:
            return None, "..."
        return value, None

    def answer(self, table: str, query: dict) -> tuple[int, dict | str]:
        meta = self.metadata(table)
        if meta is None or self.state.renamed:
            return 400, "Bad Request"
        known = {v["code"]: v for v in meta["variables"]}
        selected: dict[str, list[str]] = {}
        for item in query.get("query", []):
            code = item.get("code")
            if code not in known:
                return 400, f"Unknown variable {code}"
            sel = item.get("selection", {})
            values = known[code]["values"]
            if sel.get("filter") == "all":
                chosen = values
            elif sel.get("filter") == "top":
                chosen = values[-int(sel["values"][0]) :]
            elif sel.get("filter") == "item":
                chosen = list(sel.get("values", []))
                if any(v not in values for v in chosen):
                    return 400, f"Unknown value in {code}"
            else:
                return 400, "Unknown filter"
            selected[code] = chosen
        for code, variable in known.items():
            if not variable.get("elimination"):  # an eliminable variable left out is summed over
                selected.setdefault(code, variable["values"])
        cells = math.prod(len(v) for v in selected.values())
        if cells > self.state.max_values:
            return 403, "Too many values selected"
        if self.served_as(table) in CUBES:
            return 200, self.cube_answer(str(self.served_as(table)), selected)
        dims = [v["code"] for v in meta["variables"]]
        fmt = query.get("response", {}).get("format", "json")
        area_var, time_var, content_var = dims
        figures = [
            self.cell(table, a, t, c)
            for a in selected[area_var]
            for t in selected[time_var]
            for c in selected[content_var]
        ]
        if self.state.factor != 1.0:
            figures = [(None if v is None else v * self.state.factor, s) for v, s in figures]
        updated = self.state.release.updated if table.startswith("tyonv") else "2026-05-29T05.00.00Z"
        if fmt == "json-stat2":
            texts = {code: dict(zip(v["values"], v["valueTexts"], strict=True)) for code, v in known.items()}
            return 200, {
                "version": "2.0",
                "class": "dataset",
                "label": meta["title"],
                "source": "Tilastokeskus",
                "updated": updated,
                "id": dims,
                "size": [len(selected[d]) for d in dims],
                "dimension": {
                    d: {
                        "label": known[d]["text"],
                        "category": {
                            "index": {v: i for i, v in enumerate(selected[d])},
                            "label": {v: texts[d][v] for v in selected[d]},
                        },
                    }
                    for d in dims
                },
                "value": [v for v, _ in figures],
                "status": {str(i): s for i, (_, s) in enumerate(figures) if s},
                "role": {"time": [time_var], "metric": [content_var]},
            }
        rows, position = [], 0
        for a in selected[area_var]:
            for t in selected[time_var]:
                values = []
                for _ in selected[content_var]:
                    value, status = figures[position]
                    position += 1
                    values.append(status if value is None else f"{value:g}")
                rows.append({"key": [a, t], "values": values})
        return 200, {
            "columns": [
                {"code": area_var, "text": "Alue", "type": "d"},
                {"code": time_var, "text": "Aika", "type": "t"},
            ]
            + [{"code": c, "text": c, "type": "c"} for c in selected[content_var]],
            "comments": [],
            "data": rows,
            "metadata": [{"updated": updated}],
        }


def corrupt(kind: str, doc: dict, arg: str) -> dict:
    """A json-stat2 answer (made fresh for each request, so changed in place) broken as a fault test needs."""
    if kind == "missing_dimension":  # consistent, but the area dimension was eliminated
        doc["value"] = doc["value"][: math.prod(doc["size"][1:])]
        doc["status"] = {}
        doc["id"] = doc["id"][1:]
        doc["size"] = doc["size"][1:]
        del doc["dimension"][list(doc["dimension"])[0]]
    elif kind == "wrong_size":
        doc["size"][0] += 1
    elif kind == "all_missing":
        doc["value"] = [None] * len(doc["value"])
        doc["status"] = {str(i): "..." for i in range(len(doc["value"]))}
    elif kind == "drop_area":
        area_dim = doc["id"][0]
        codes = list(doc["dimension"][area_dim]["category"]["index"])
        keep = [c for c in codes if c != arg]
        stride = math.prod(doc["size"][1:])
        values = []
        for i, code in enumerate(codes):
            if code != arg:
                values += doc["value"][i * stride : (i + 1) * stride]
        doc["dimension"][area_dim]["category"]["index"] = {c: i for i, c in enumerate(keep)}
        doc["size"][0] = len(keep)
        doc["value"] = values
        doc["status"] = {}
    elif kind == "zeros":  # a broken export: every figure 0
        doc["value"] = [0] * len(doc["value"])
        doc["status"] = {}
    elif kind == "set":  # arg "area:code:value": that figure of the newest month set to a float ("inf", "1e18")
        area, code, value = arg.split(":")
        for i, (a, t, n, c) in enumerate(cell_positions(doc)):
            if (a, c, t) == (area, code, n - 1):
                doc["value"][i] = float(value)
    elif kind == "status":  # arg "area:text": every figure of the area given that status text, the figure kept
        area, text = arg.split(":", 1)
        status = {int(k): v for k, v in doc.get("status", {}).items()}
        status.update({i: text for i, (a, *_) in enumerate(cell_positions(doc)) if a == area})
        doc["status"] = {str(k): v for k, v in sorted(status.items())}
    elif kind in ("transpose", "misorder"):  # dimensions in reverse order: values moved along, or (misorder) not
        _reverse_dimensions(doc, move_values=kind == "transpose")
    else:
        _hide_or_revise(kind, doc, arg)
    return doc


def _reverse_dimensions(doc: dict, move_values: bool) -> None:
    """The same dataset with `id` and `size` reversed (json-stat2 allows any order); its values too if asked."""
    if move_values:
        areas, periods, contents = (list(doc["dimension"][d]["category"]["index"]) for d in doc["id"])
        status = {int(k): v for k, v in doc.get("status", {}).items()}
        old = {(a, t, c): i for i, (a, t, c) in enumerate((a, t, c) for a in areas for t in periods for c in contents)}
        order = [old[(a, t, c)] for c in contents for t in periods for a in areas]
        doc["value"] = [doc["value"][i] for i in order]
        doc["status"] = {str(new): status[i] for new, i in enumerate(order) if i in status}
    doc["id"] = doc["id"][::-1]
    doc["size"] = doc["size"][::-1]


def cell_positions(doc: dict) -> list[tuple[str, int, int, str]]:
    """(area, time position, number of periods, content code) of every value, in value order."""
    areas, periods, contents = (list(doc["dimension"][d]["category"]["index"]) for d in doc["id"])
    return [(a, t, len(periods), c) for a in areas for t in range(len(periods)) for c in contents]


def _hide_or_revise(kind: str, doc: dict, arg: str) -> None:
    """Faults that change chosen cells: revised history, a suppressed newest month, a lost area or series."""
    status = {int(k): v for k, v in doc.get("status", {}).items()}
    positions = cell_positions(doc)
    if kind == "revise":  # arg "factor" or "factor:months": past months (not the newest) times factor
        factor, _, count = arg.partition(":")
        for i, (_, t, n, _) in enumerate(positions):
            if t < n - 1 and (not count or t >= n - 1 - int(count)) and doc["value"][i] is not None:
                doc["value"][i] = round(doc["value"][i] * float(factor), 1)
        return
    if kind == "suppress_newest":  # arg: the share of the newest month's cells shown as "..."
        newest = [i for i, (_, t, n, _) in enumerate(positions) if t == n - 1]
        hidden = newest[: round(float(arg) * len(newest))]
    elif kind == "area_missing":  # arg: an area whose every figure is "..."
        hidden = [i for i, (a, *_) in enumerate(positions) if a == arg]
    elif kind == "series_missing":  # arg "area:code": one series' whole history "..." in one area
        area, code = arg.split(":")
        hidden = [i for i, (a, _, _, c) in enumerate(positions) if a == area and c == code]
    elif kind == "newest_cell_missing":  # arg "area:code": one series' newest month "..." in one area
        area, code = arg.split(":")
        hidden = [i for i, (a, t, n, c) in enumerate(positions) if a == area and c == code and t == n - 1]
    else:
        raise ValueError(f"unknown fault {kind}")
    for i in hidden:
        doc["value"][i] = None
        status[i] = "..."
    doc["status"] = {str(k): v for k, v in sorted(status.items())}


_BOMB: list[bytes] = []
_HUGE: list[bytes] = []


def huge_answer() -> bytes:
    """HUGE_BYTES of well-formed JSON (made once)."""
    if not _HUGE:
        _HUGE.append(b'{"class": "dataset", "pad": "' + b"x" * HUGE_BYTES + b'"}')
    return _HUGE[0]


def gzip_bomb() -> bytes:
    """A small gzip body that expands to BOMB_BYTES of JSON (made once)."""
    if not _BOMB:
        packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        block = b" " * 2**20
        parts = [packer.compress(b'{"class": "dataset", "pad": "')]
        parts += [packer.compress(block) for _ in range(BOMB_BYTES // len(block))]
        parts.append(packer.compress(b'"}') + packer.flush())
        _BOMB.append(b"".join(parts))
    return _BOMB[0]


class _Handler(BaseHTTPRequestHandler):
    fake: FakePxWeb
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: object, headers: dict | None = None) -> None:
        data = body.encode() if isinstance(body, str) else json.dumps(body, ensure_ascii=False).encode()
        # Logged before the answer goes out, so a client that has its answer always finds it logged.
        with self.fake.state.lock:
            self.fake.state.log.append((time.monotonic(), self.command, self.path, len(data)))
        self.send_response(status)
        self.send_header(
            "Content-Type",
            "application/json; charset=utf-8" if not isinstance(body, str) else "text/plain; charset=utf-8",
        )
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _rate_limited(self) -> bool:
        state = self.fake.state
        now = time.monotonic()
        with state.lock:
            recent = [r for r in state.log if now - r[0] < state.time_window]
        return len(recent) >= state.max_calls

    def _route(self) -> str | None:
        prefix = "/PxWeb/api/v1/fi"
        return self.path[len(prefix) :].lstrip("/") if self.path.startswith(prefix) else None

    def _transport_fault(self, fault: Fault) -> None:
        """Misbehave at the HTTP level instead of answering."""
        if fault.kind in ("500", "503"):
            self._send(int(fault.kind), "Service unavailable")
        elif fault.kind == "429":
            self._send(429, "Too many requests", {"Retry-After": fault.arg or "1"})
        elif fault.kind == "timeout":
            time.sleep(float(fault.arg or 2))
            self.close_connection = True
        elif fault.kind == "malformed":
            self._send(200, '{"class": "dataset", "value": [1, 2,')
        elif fault.kind == "cutoff":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'{"class": "dataset", "id": ["Alue"')
            self.close_connection = True
        elif fault.kind == "status400":  # arg: the body, e.g. a maintenance notice with markup
            self._send(400, fault.arg)
        elif fault.kind == "redirect":  # arg: another server's API root to send the client to
            route = self._route() or ""
            self._send(307, "", {"Location": f"{fault.arg}/{route}"})
        elif fault.kind == "huge":  # arg "declared": with Content-Length; else ended by closing
            self._raw(200, huge_answer(), fault.arg == "declared")
        elif fault.kind == "gzip_bomb":
            self._raw(200, gzip_bomb(), True, {"Content-Encoding": "gzip"})
        elif fault.kind == "answer":  # arg: the whole body of a 200 answer, e.g. a hostile ?config or listing
            self._raw(200, fault.arg.encode(), True)

    def _raw(self, status: int, data: bytes, declared: bool, headers: dict | None = None) -> None:
        with self.fake.state.lock:
            self.fake.state.log.append((time.monotonic(), self.command, self.path, len(data)))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if declared:
            self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.close_connection = True
        try:
            view = memoryview(data)
            for start in range(0, len(data), 2**16):
                self.wfile.write(view[start : start + 2**16])
        except OSError:
            pass  # the client stopped reading: what a size cap does

    def _trickle(self, body: dict, pause: float) -> None:
        """The whole answer announced, then sent one byte every `pause` seconds, each read well within any timeout."""
        data = json.dumps(body, ensure_ascii=False).encode()
        with self.fake.state.lock:
            self.fake.state.log.append((time.monotonic(), self.command, self.path, len(data)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.close_connection = True
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(pause)
        except OSError:
            pass  # the client gave up

    def do_GET(self) -> None:  # noqa: N802
        if self._rate_limited():
            return self._send(429, "Too many requests", {"Retry-After": "1"})
        fault = self.fake.take_fault("GET", self.path)
        if fault is not None:
            return self._transport_fault(fault)
        route = self._route()
        if route is None:
            return self._send(404, "Not found")
        if route in ("?config", ""):
            state = self.fake.state
            return self._send(
                200,
                {
                    "maxValues": state.max_values,
                    "maxCalls": state.max_calls,
                    "timeWindow": state.time_window,
                    "CORS": True,
                },
            )
        if route == "StatFin/tyonv":
            return self._send(
                200,
                [
                    {
                        "id": "12r5.px",
                        "type": "t",
                        "updated": self.fake.state.release.updated,
                        "text": "Työttömät työnhakijat eri ryhmissä (12r5)",
                    },
                    {"id": "12r7.px", "type": "t", "updated": "2026-07-21T05:00:00Z", "text": "Työnhakijat (12r7)"},
                    *(
                        {
                            "id": served.split("/")[1],
                            "type": "t",
                            "updated": self.fake.state.cube_release.updated,
                            "text": f"{cube.title.split(' muuttujina')[0]} ({Path(served).stem})",
                        }
                        for path, cube in CUBES.items()
                        if path.startswith("tyonv/") and path not in self.fake.state.gone
                        for served in [self.fake.state.moved.get(path, path)]
                    ),
                ],
            )
        folder = route.removeprefix("StatFin/")
        if folder in {path.split("/")[0] for path in STATISTICS_CUBES}:
            return self._send(200, self.fake.statistics_listing(folder))
        if route == "StatFin/vaerak":
            return self._send(
                200,
                [
                    {
                        "id": "11ra.px",
                        "type": "t",
                        "updated": "2026-05-29T05.00.00Z",
                        "text": self.fake.vaerak["metadata"][0]["label"],
                    }
                ],
            )
        if route.startswith("StatFin/"):
            meta = self.fake.metadata(route.removeprefix("StatFin/"))
            if meta is None or self.fake.state.renamed:
                return self._send(400, "Bad Request")
            return self._send(200, meta)
        return self._send(404, "Not found")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self._rate_limited():
            return self._send(429, "Too many requests", {"Retry-After": "1"})
        fault = self.fake.take_fault("POST", self.path)
        if fault is not None and fault.kind in TRANSPORT_FAULTS:
            return self._transport_fault(fault)
        route = self._route() or ""
        try:
            query = json.loads(raw)
        except ValueError:
            return self._send(400, "Bad Request")
        status, body = self.fake.answer(route.removeprefix("StatFin/"), query)
        if status == 200 and fault is not None and fault.kind == "trickle" and isinstance(body, dict):
            return self._trickle(body, float(fault.arg or 0.5))
        # the answer faults reshape area × month × content answers: the tables read by meaning (more dimensions,
        # asked after 12r5) answer as they are
        if (
            status == 200
            and fault is not None
            and isinstance(body, dict)
            and self.fake.served_as(route.removeprefix("StatFin/")) not in CUBES
        ):
            body = corrupt(fault.kind, body, fault.arg)
        return self._send(status, body)

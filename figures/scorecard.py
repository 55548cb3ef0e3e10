"""The programme scorecard: each theme's figures, like with like, beside the country and comparable regions.

Pure functions over the tidy snapshot; every change is one of figures/comparisons.py's two bases.
Status rule (written out wherever a status is shown, `status_rule`): the change since the programme
began (12-month means) is judged against the whole country's, with a band of no verdict:
- ✔ progressed: moved the wanted way by more than the band, and beat the country by more than the band;
- ✖ worsened: moved against it by more than the band, and did worse than the country by more than it;
- = held: everything else, so that no status rests on a difference inside the band;
- – not measurable from this statistic: a stand-in whose direction does not mean the indicator's;
- ? cannot be assessed: a figure missing, suppressed or partial, with the month and reason.

The band (catalog `comparison.band`): ±0,3 %-points for rates, ±2 % for counts. Rates are published
to one decimal, so two rounded rates differ by up to 0,1 point by rounding alone, and a regional rate
moves by a few tenths from one year to the next without any change of course; counts of a region are
revised by up to about a per cent after first publication, and the 2025 register change moved some by
more, so a relative difference under 2 % is not a difference a reader should act on.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, replace

import pandas as pd

from data_sources.domain.catalog import Break, Catalog, Series
from data_sources.domain.entered import EnteredFigures
from data_sources.domain.periods import HalfYear, Month, last_period_by
from data_sources.domain.programme import Indicator, Measure, Theme
from figures.comparisons import (
    MISSING,
    Change,
    Point,
    area_points,
    basis_text,
    break_note,
    change_text,
    programme_change,
    why_unknown,
    year_change,
)
from figures.formats import fmt_date, fmt_number, fmt_period
from figures.i18n import t
from figures.peers import Peers, comparable_regions, rank
from figures.sentences import value_with_unit
from figures.views import index_base_text

STATUSES = ("progressed", "held", "worsened", "unmeasurable", "unknown")
# Told by word and icon, never by colour alone.
STATUS_ICONS = {"progressed": "✔", "held": "=", "worsened": "✖", "unmeasurable": "–", "unknown": "?"}
WANTED_ICONS = {"up": "↑", "down": "↓"}
# The figure columns of every scorecard and summary table, in order (texts in figures/i18n.py).
FIGURE_COLUMNS = (
    "col_latest",
    "col_change_year",
    "col_country_year",
    "col_since_change",
    "col_country_since",
    "col_peers_since",
    "col_rank",
)


def band_for(is_rate: bool, catalog: Catalog) -> float:
    return catalog.comparison.band_rate_points if is_rate else catalog.comparison.band_count_percent


def judge(region: float, country: float, wanted: str, band: float) -> str:
    """The status from the change since the programme began of the region and of the country.

    Both are compared as shown (one decimal), and a difference of at most `band` is no difference.
    """
    if not (math.isfinite(region) and math.isfinite(country)):
        return "unknown"
    sign = 1 if wanted == "up" else -1
    region, country = round(region, 1), round(country, 1)
    moved, versus = sign * region, round(sign * (region - country), 1)
    if moved > band and versus > band:
        return "progressed"
    if moved < -band and versus < -band:
        return "worsened"
    return "held"


@dataclass(frozen=True)
class ScoreRow:
    """One measure of a theme for the half-year ending `end`."""

    theme: str
    measure: Measure
    end: Month
    period: Month  # the period of `value`: `end` for a monthly series, else its latest quarter or year by `end`
    value: Point  # the region's figure in the half-year's last month (or the latest quarter or year by then)
    year: Change  # that period against the same period a year earlier
    country_year: Change
    since: Change  # 12-month mean to `end` against the 12 months to the programme's baseline
    country_since: Change
    peers_since: tuple[tuple[str, Change], ...]  # each comparable region's change since the programme began
    rank: tuple[int | None, int]  # the region's rank among the mainland regions in `since`, 1 = best
    breaks: tuple[Break, ...]  # breaks in the series the comparisons cross
    status: str
    reason: str  # why this status, in words

    @property
    def series(self) -> Series:
        return self.measure.series

    @property
    def is_rate(self) -> bool:
        return self.series.unit == "percent"

    @property
    def step(self) -> int:
        """Months per period of its series: 1, 3 or 12."""
        return self.year.step

    @property
    def peers_median(self) -> float:
        """The median of the comparable regions' changes; NaN unless every one is known."""
        values = [change.value for _, change in self.peers_since]
        return statistics.median(values) if values and all(math.isfinite(v) for v in values) else math.nan


@dataclass(frozen=True)
class ThemeScore:
    theme: Theme
    end: Month
    rows: tuple[ScoreRow, ...]
    peers: Peers
    # measures read by meaning only (no stand-in) whose series the last refresh did not find: no figures, so no
    # row; each is listed with why (missing_lines), never left out in silence
    missing: tuple[Measure, ...] = ()
    demo: bool = False  # scored on the demo dataset, which has no figures of some tables read by meaning

    @property
    def unavailable(self) -> tuple[Indicator, ...]:
        return self.theme.unavailable

    @property
    def assessed(self) -> tuple[Indicator, ...]:
        return self.theme.assessed

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        counts["unknown"] += len(self.missing)  # not found at the last refresh: cannot be assessed
        return counts

    @property
    def not_exact(self) -> int:
        """How many of its measures are partial or stand-ins."""
        return sum(1 for row in self.rows if row.measure.fit != "exact")


def score_row(
    theme_id: str,
    measure: Measure,
    frame: pd.DataFrame,
    catalog: Catalog,
    end: Month,
    lang: str,
    peers: Peers | None = None,
) -> ScoreRow:
    series = measure.series
    is_rate = series.unit == "percent"
    region, country = catalog.region.code, catalog.country.code
    peers = peers if peers is not None else comparable_regions(frame, catalog)
    stored = area_points(frame, series.id)
    here, there = stored.get(region, {}), stored.get(country, {})
    step = catalog.step(series)
    last = latest_period(here, end, step)
    mainland = (region, *(a.code for a in catalog.other_regions))
    since_all = {code: programme_change(stored.get(code, {}), last, is_rate, step=step) for code in mainland}
    since, country_since = since_all[region], programme_change(there, last, is_rate, step=step)
    row = ScoreRow(
        theme=theme_id,
        measure=measure,
        end=end,
        period=last,
        value=here.get(last, MISSING),
        year=year_change(here, last, is_rate, step),
        country_year=year_change(there, last, is_rate, step),
        since=since,
        country_since=country_since,
        peers_since=tuple((code, since_all[code]) for code in peers.codes),
        rank=rank({code: change.value for code, change in since_all.items()}, region, measure.wanted),
        breaks=since.crosses(catalog.breaks_for(series)),
        status="unknown",
        reason="",
    )
    if not measure.judged:
        # no rank either: 'best' would be a verdict by another name
        return replace(row, status="unmeasurable", reason=" ".join(measure.fit_notes(lang)), rank=(None, row.rank[1]))
    unknown = [
        why_unknown(change, catalog.area(code).name[lang], lang)
        for code, change in ((region, since), (country, country_since))
        if not change.known
    ]
    if unknown:
        return replace(row, status="unknown", reason="; ".join(unknown))
    status = judge(since.value, country_since.value, measure.wanted, band_for(is_rate, catalog))
    reason = t(
        f"reason_{status}",
        lang,
        region=change_text(since.value, is_rate, lang),
        country=change_text(country_since.value, is_rate, lang),
        wanted=t(f"wanted_{measure.wanted}", lang),
        band=band_text(is_rate, catalog, lang),
    )
    return replace(row, status=status, reason=reason)


def latest_period(stored: dict[Month, Point], end: Month, step: int) -> Month:
    """The period a row of the half-year ending `end` shows: the month `end` itself for a monthly series; for a
    quarterly or yearly one the latest period stored that ended by `end` (those statistics come out months or a
    year later), or the last that ended by `end` when none is stored, so that it reads as missing."""
    by = last_period_by(end, step)
    if step == 1:
        return by
    published = [period for period in stored if period <= by]
    return max(published) if published else by


def theme_score(
    theme: Theme,
    frame: pd.DataFrame,
    catalog: Catalog,
    end: Month,
    lang: str,
    peers: Peers | None = None,
    demo: bool = False,
) -> ThemeScore:
    """`peers` once for every theme (they are the region's, not a theme's), or chosen here.

    Each measure's series as `catalog` shows it: a series found by meaning is scored as the exact figure it is.
    """
    peers = peers if peers is not None else comparable_regions(frame, catalog)
    # a series read by meaning only (no stand-in) and not found has no figures: no row, but a line saying why
    measures = [m.shown_with(catalog) for m in theme.measures if catalog.series_by_id(m.series.id).codes]
    missing = tuple(m for m in theme.measures if not catalog.series_by_id(m.series.id).codes)
    rows = tuple(score_row(theme.id, m, frame, catalog, end, lang, peers) for m in measures)
    return ThemeScore(theme, end, rows, peers, missing, demo)


def missing_reasons(score: ThemeScore, catalog: Catalog, lang: str) -> list[tuple[str, str]]:
    """(label, why) of each measure the last refresh did not find: 'tilaston taulukosta … ei löytynyt …'."""
    key = "series_not_in_demo" if score.demo else "series_not_found"
    return [
        (m.series.label[lang], t(key, lang, table=catalog.tables[m.series.table].title[lang])) for m in score.missing
    ]


def latest_half_end(frame: pd.DataFrame, catalog: Catalog) -> Month | None:
    """The last month of the newest half-year whose last month is stored in the monthly table."""
    monthly = frame[frame["table"] == catalog.monthly_table.path]["period"]
    if monthly.empty:
        return None
    last = Month.of(monthly.max())
    half = HalfYear.containing(last)
    return half.last_month if half.last_month <= last else half.previous.last_month


def status_label(status: str, lang: str) -> str:
    """'✔ edennyt': the icon and the word, so that no colour is needed to tell them apart."""
    return f"{STATUS_ICONS[status]} {t(f'status_{status}', lang)}"


def wanted_label(wanted: str | None, lang: str) -> str:
    return f"{WANTED_ICONS[wanted]} {t(f'wanted_{wanted}', lang)}" if wanted else ""


def band_text(is_rate: bool, catalog: Catalog, lang: str) -> str:
    """'±0,3 %-yks.' for a rate, '±2 %' for a count."""
    band = band_for(is_rate, catalog)
    number = fmt_number(band, 1 if band % 1 else 0, lang)
    return f"±{number}\u00a0{t('points', lang)}" if is_rate else f"±{number}\u00a0%"


def status_rule(catalog: Catalog, lang: str) -> str:
    """The rule in words, with its band and basis: shown wherever a status is."""
    return t(
        "status_rule",
        lang,
        rate_band=band_text(True, catalog, lang),
        count_band=band_text(False, catalog, lang),
    )


def fit_label(measure: Measure, lang: str) -> str:
    """'' for an exact measure; 'osittainen mittari' or 'korvike' for the others."""
    return "" if measure.fit == "exact" else t(f"fit_{measure.fit}", lang)


def rank_text(row: ScoreRow, lang: str) -> str:
    """'3./18' (1 = moved furthest the wanted way); '..' when the region's change is unknown; '–' with no verdict."""
    place, of = row.rank
    if row.status == "unmeasurable":
        return "–"
    return ".." if place is None else f"{place}./{of}"


def peer_names(score: ThemeScore, catalog: Catalog, lang: str) -> str:
    """'Etelä-Karjala, Pohjois-Karjala, …' nearest first; '' when none could be chosen."""
    return ", ".join(catalog.area(code).name[lang] for code in score.peers.codes)


def peers_line(score: ThemeScore, catalog: Catalog, lang: str) -> str:
    """Who the comparable regions are and how they were chosen, in one sentence."""
    if not score.peers.known:
        return t("peers_none", lang, area=catalog.region.name[lang])
    rate = catalog.series_by_id(score.peers.series_id).label[lang].lower()
    base = score.peers.baseline
    return t(
        "peers_line",
        lang,
        peers=peer_names(score, catalog, lang),
        count=len(score.peers.codes),
        area=catalog.region.name[lang],
        series=rate,
        span=f"{base.shift(-11).month}/{base.shift(-11).year}–{base.month}/{base.year}",
    )


def row_figures(row: ScoreRow, lang: str) -> list[str]:
    """The figure columns of a row, in FIGURE_COLUMNS order."""
    rate = row.is_rate
    value = value_with_unit(row.value.value, row.series, lang, row.value.symbol)
    if row.period != row.end or row.step != 1:  # a quarter's or year's figure says which
        value = f"{value} ({fmt_period(row.period.start, row.step, lang)})"
    return [
        value,
        change_text(row.year.value, rate, lang),
        change_text(row.country_year.value, rate, lang),
        change_text(row.since.value, rate, lang),
        change_text(row.country_since.value, rate, lang),
        change_text(row.peers_median, rate, lang),
        rank_text(row, lang),
    ]


COMPACT_COLUMNS = ("col_value_in", "col_change_year_with", "col_since_change_with", "col_rank_short")


def compact_figures(row: ScoreRow, lang: str) -> list[str]:
    """The figure columns for a page's width, in COMPACT_COLUMNS order: each change with its comparisons
    beside it ('−5,8 % (koko maa −5,1 %, vertailumaakunnat −12,2 %)')."""
    latest, year, country_year, since, country_since, peers, place = row_figures(row, lang)
    country = t("country", lang).lower()
    return [
        latest,
        f"{year} ({country} {country_year})",
        f"{since} ({country} {country_since}, {t('peers_short', lang)} {peers})",
        place,
    ]


def bases_line(end: Month, lang: str) -> str:
    """The two bases of the scorecard's changes in words, for the line above its table."""
    sample_year = year_change({}, end, False)
    sample_since = programme_change({}, end, False)
    return t("scorecard_bases", lang, year=basis_text(sample_year, lang), since=basis_text(sample_since, lang))


def measure_notes(score: ThemeScore, lang: str) -> list[str]:
    """Under a scorecard: why each judged stand-in or partial measure measures what it does, and the breaks in
    the series its comparisons cross (each once)."""
    notes = [
        f"{fit_label(r.measure, lang).capitalize()} – {r.series.label[lang]}: {' '.join(r.measure.fit_notes(lang))}"
        for r in score.rows
        if r.measure.judged and r.measure.fit != "exact"
    ]
    notes += row_bases(score.rows, lang)
    crossed = {b.date: b for r in score.rows for b in r.breaks}
    return [*notes, break_note(tuple(crossed.values()), lang)] if crossed else notes


FREQUENCY_WORDS = {3: "frequency_quarterly", 12: "frequency_yearly"}  # plural: the rows of a basis


def row_bases(rows: tuple[ScoreRow, ...], lang: str) -> list[str]:
    """The quarterly and yearly rows' own bases in words, one line per basis naming its rows: 'Vuositilastot
    (Toimipaikat, Henkilöstö): muutos vuodessa 2024 vs. 2023; ohjelman alusta vuosi 2024 vs. 2020 (…).'"""
    named: dict[tuple[int, str, str], list[str]] = {}
    for row in rows:
        if row.step != 1:
            bases = (row.step, basis_text(row.year, lang), basis_text(row.since, lang))
            named.setdefault(bases, []).append(row.series.label[lang])
    return [
        t("row_bases", lang, kind=t(FREQUENCY_WORDS[step], lang), labels=", ".join(labels), year=year, since=since)
        for (step, year, since), labels in named.items()
    ]


def measure_view(series: Series) -> str:
    """A rate is drawn as the rate itself; a count as an index (4/2020–3/2021 = 100) beside the country."""
    return "level" if series.unit == "percent" else "index"


def measure_title(series: Series, lang: str, step: int = 1) -> str:
    """What the chart plots: 'Työttömien osuus työvoimasta, % (osuus)' or "…, indeksi 4/2020–3/2021 = 100"
    ('…, indeksi 2020 = 100' for a yearly statistic)."""
    if measure_view(series) == "level":
        return t("rate_title", lang, label=series.label[lang])
    if step == 1:
        return t("index_title", lang, label=series.label[lang])
    return t("index_title_from", lang, label=series.label[lang], base=index_base_text(step))


def since_headline(row: ScoreRow, lang: str) -> str:
    """'+7,5 % ohjelman alusta (12 kk:n keskiarvot), koko maa +5,3 %' (rates in %-points).

    Where either change cannot be given, the headline says so and why, never '..' where a figure should be:
    'ei muutosta ohjelman alusta (12 kk:n keskiarvot): Kymenlaakso, maaliskuu 2021: luku puuttuu'.
    """
    base = index_base_text(row.step)
    if not (row.since.known and row.country_since.known):
        missing = [change for change in (row.since, row.country_since) if not change.known]
        why = row.reason if row.status == "unknown" else "; ".join(why_unknown(c, "", lang) for c in missing)
        return f"{t(SINCE_WORDS[row.step][1], lang, base=base)}: {why.lstrip(': ,')}"
    since = t(SINCE_WORDS[row.step][0], lang, base=base)
    return (
        f"{change_text(row.since.value, row.is_rate, lang)} {since}, "
        f"{t('country', lang).lower()} {change_text(row.country_since.value, row.is_rate, lang)}"
    )


# The words of a change since the programme began, by the series' periods: 12-month or four-quarter means, or
# the baseline year.
SINCE_WORDS = {
    1: ("since_baseline", "no_change_since"),
    3: ("since_baseline_quarters", "no_change_since_quarters"),
    12: ("since_baseline_years", "no_change_since_years"),
}


def entered_table(theme: Theme, entered: EnteredFigures, lang: str) -> pd.DataFrame:
    """The theme's figures entered for the half-year as a table: indicator, figure, what it covers, source, who
    entered it and when; a figure not entered yet says so for the half-year."""
    rows = []
    for indicator in theme.entered:
        figure = entered.get(indicator.entered)
        if figure is None:
            rows.append({t("col_indicator", lang): indicator.text, t("figure", lang): t("entered_not_yet", lang)})
            continue
        decimals = 0 if float(figure.value).is_integer() else 1
        rows.append(
            {
                t("col_indicator", lang): indicator.text,
                t("figure", lang): f"{fmt_number(figure.value, decimals, lang)}\u00a0{figure.unit[lang]}",
                t("period", lang): figure.period,
                t("col_source", lang): figure.source,
                t("col_entered_by", lang): f"{figure.entered_by}, {fmt_date(figure.entered_on, lang)}",
            }
        )
    return pd.DataFrame(rows).fillna("–")


def entered_lines(theme: Theme, entered: EnteredFigures, lang: str) -> list[str]:
    """The theme's figures entered for the half-year, one line each with value, period and source; or that it is
    not entered yet, naming the file. A malformed file's one-line problem first."""
    lines = [entered.problem] if entered.problem else []
    for indicator in theme.entered:
        figure = entered.get(indicator.entered)
        if figure is None:
            lines.append(f"{indicator.text}: {t('entered_missing', lang, half=entered.half)}")
            continue
        decimals = 0 if float(figure.value).is_integer() else 1
        value = f"{fmt_number(figure.value, decimals, lang)}\u00a0{figure.unit[lang]}"
        lines.append(
            f"{indicator.text}: {value} ({figure.period}) – "
            + t("entered_by", lang, source=figure.source, who=figure.entered_by, day=fmt_date(figure.entered_on, lang))
        )
    return lines

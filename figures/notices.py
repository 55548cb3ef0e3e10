"""What a viewer is told when the data could not be refreshed: one plain line in the page's language.

The technical detail (addresses, HTTP answers, file names) stays stored as the refresh wrote it; only the
data page shows it, folded (`technical_details`).
"""

from __future__ import annotations

from data_sources.domain.catalog import Catalog
from data_sources.snapshots.dataset import Dataset
from figures.formats import fmt_date
from figures.i18n import t

# A failure with one of these in its stored reason is the service out of reach (network, timeouts, the
# server's own errors, its rate limit), not a release that was refused or a table that was not found.
UNREACHABLE = (
    "connection failed",
    "timed out",
    "server error",
    "rate limited",
    "request failed",
    "?config",
    "not sent",
    "body cut off",
    "no time left",
)


def unreachable(message: str) -> bool:
    """The stored reason of a failed attempt says the service could not be reached."""
    return any(mark in message for mark in UNREACHABLE)


def affected(catalog: Catalog, table_key: str, lang: str) -> str:
    """Which figures a table carries, in words: 'luvut' for the monthly table, 'väestöön suhteutetut luvut' …"""
    if table_key == catalog.monthly_table_key:
        return t("notice_monthly_figures", lang)
    if table_key == catalog.population_table_key:
        return t("notice_population_figures", lang)
    table = catalog.tables.get(table_key)
    return t("notice_table_figures", lang, table=table.title[lang] if table else table_key)


def refresh_notice(data: Dataset, catalog: Catalog, lang: str) -> str | None:
    """One sentence when the last refresh of some table failed, None when all went well.

    'Tilastokeskuksen palveluun ei saada yhteyttä; luvut ovat 21.7.2026 julkaisusta.' A table never
    fetched says which figures are missing ('väestöön suhteutetut luvut puuttuvat'). No address, no
    exception and no HTTP answer: those are on the data page.
    """
    failed = [key for key in (*catalog.tables, *data.attempts) if key in data.attempts]
    failed = [key for key in dict.fromkeys(failed) if not data.attempts[key].ok]
    if not failed:
        return None
    lead = "notice_unreachable" if any(unreachable(data.attempts[k].message) for k in failed) else "notice_failed"
    parts = [t(lead, lang)]
    if not data.is_demo:  # the demo's banner says already that the real figures come once the service answers
        for key in failed:
            prov = data.provenance.get(key)
            what = affected(catalog, key, lang)
            if prov is None:
                parts.append(t("notice_missing", lang, what=what))
            else:
                parts.append(t("notice_from_release", lang, what=what, date=fmt_date(prov.release, lang)))
    return "; ".join(parts) + "."


def damage_notice(data: Dataset, lang: str) -> str | None:
    """One sentence when a stored file was damaged and skipped; which one is on the data page."""
    return t("damaged", lang) if data.notes else None


def technical_details(data: Dataset, catalog: Catalog, lang: str) -> list[str]:
    """The stored reasons as they are, one line each: the last failed attempt of each table, then damage notes."""
    lines = []
    for key, attempt in data.attempts.items():
        if attempt.ok:
            continue
        table = catalog.tables.get(key)
        lines.append(f"{table.path if table else key} ({fmt_date(attempt.at, lang)}): {attempt.message}")
    lines += data.notes
    return lines

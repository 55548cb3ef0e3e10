"""The provenance line under every figure: the source in words, release date, and DEMO when demo."""

from __future__ import annotations

from data_sources.domain.catalog import Catalog
from data_sources.snapshots.dataset import Dataset
from figures.formats import fmt_date
from figures.i18n import t


def source_line(data: Dataset, catalog: Catalog, table_key: str, lang: str, with_table: bool = False) -> str:
    """'Lähde: KEHA-keskus, Työnvälitystilasto, päivitetty 21.7.2026', marked when demo.

    With the table id ('…, StatFin 12r5, …') only where codes belong: the data page and the report's
    appendix. Every other page and file names the source in words.
    """
    table = catalog.tables[table_key]
    prov = data.provenance.get(table_key)
    line = t(
        "source_line" if with_table else "source_line_plain",
        lang,
        source=table.source[lang],
        table=table.short_id,
        date=fmt_date(prov.release, lang) if prov else "..",
    )
    return f"{line} – {t('demo_short', lang)}" if data.is_demo else line


def source_words(catalog: Catalog, table_key: str, lang: str) -> str:
    """'Lähde: KEHA-keskus, Työnvälitystilasto': a card's or a table's source, without a code."""
    return t("source_short", lang, source=catalog.tables[table_key].source[lang])

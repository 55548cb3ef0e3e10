"""`python -m report --half 2026H1 --out raportti.pdf [--format html]`: the half-yearly report from the snapshot."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from data_sources.domain.catalog import LANGUAGES
from data_sources.domain.files import atomic_write_bytes
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.store import cache_dir_from_env
from report.earlier import earlier_figures
from report.halfyear import ReportError, build_report, to_html, to_pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report", description=__doc__)
    parser.add_argument("--half", required=True, help="half-year, e.g. 2026H1")
    parser.add_argument("--out", required=True, type=Path, help="file to write")
    parser.add_argument(
        "--format", choices=("pdf", "html"), default=None, help="pdf or html (default: from the file name, else pdf)"
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="fi", help="fi, sv or en (the programme's own text stays Finnish)"
    )
    args = parser.parse_args(argv)
    fmt = args.format or ("html" if args.out.suffix.lower() in (".html", ".htm") else "pdf")
    cache_dir = cache_dir_from_env()
    data = load_dataset(cache_dir)
    catalog = data.shown_catalog
    earlier = earlier_figures(cache_dir, data, catalog, dt.date.today())
    try:
        report = build_report(args.half, data, catalog, args.lang, earlier)
    except ReportError as exc:
        print(f"report failed: {exc}", file=sys.stderr)
        return 1
    body = to_html(report, args.lang).encode() if fmt == "html" else to_pdf(report, args.lang)
    atomic_write_bytes(args.out, body)
    print(f"wrote {args.out} ({fmt}, {len(body)} bytes, {'DEMO data' if data.is_demo else 'official figures'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

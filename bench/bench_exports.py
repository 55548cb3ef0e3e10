"""Meeting exports: time to build one slide, one PNG export, a deck PDF and the full half-year report.

Run: python -m bench.bench_exports [--quick]   (prints medians; the first vl-convert call, which starts
its engine, is reported apart as the cold start)
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from data_sources.domain.catalog import load_catalog
from data_sources.service.commands import refresh as refresh_main
from data_sources.snapshots.dataset import load_dataset
from report.export import chart_png, chart_svg
from report.halfyear import build_report, to_html, to_pdf
from report.slides import build_deck, deck_pdf, slide_chart
from tests.fake_pxweb import FakePxWeb


def timed(action, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    repeats = 2 if parser.parse_args().quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        with FakePxWeb() as fake:
            assert refresh_main(["--quiet", "--base-url", fake.base_url, "--cache-dir", tmp]) == 0
        data, catalog = load_dataset(Path(tmp)), load_catalog()
        slides = build_deck("4.4", data, catalog, "fi")
        spec = slide_chart(slides[0], data, catalog, "fi").to_dict()
        started = time.perf_counter()
        chart_svg(spec)
        cold = time.perf_counter() - started
        rows = [
            (
                "one slide: deck + chart spec",
                timed(
                    lambda: slide_chart(build_deck("4.4", data, catalog, "fi")[0], data, catalog, "fi").to_dict(),
                    repeats,
                )[0],
            ),
            ("one PNG export (scale 2)", timed(lambda: chart_png(spec), repeats)[0]),
            ("one SVG export", timed(lambda: chart_svg(spec), repeats)[0]),
            (f"deck PDF ({len(slides)} slides)", timed(lambda: deck_pdf(slides, data, catalog, "fi"), repeats)[0]),
            ("half-year report, PDF", timed(lambda: to_pdf(build_report("2026H1", data, catalog)), repeats)[0]),
            ("half-year report, HTML", timed(lambda: to_html(build_report("2026H1", data, catalog)), repeats)[0]),
        ]
    print(f"vl-convert cold start (first chart): {cold:.2f} s")
    print(f"{'export':<34} {'median s':>9}")
    for name, seconds in rows:
        print(f"{name:<34} {seconds:>9.3f}")


if __name__ == "__main__":
    main()

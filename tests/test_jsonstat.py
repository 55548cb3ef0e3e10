"""json-stat2 and px json parsing, without HTTP."""

import json
import math
from datetime import UTC, datetime

import pandas as pd
import pytest

from data_sources.pxweb.jsonstat import (
    JsonStatError,
    parse_jsonstat2,
    parse_px_json,
    parse_updated,
    period_start,
)
from tests.fake_pxweb import VAERAK_FILE


def dataset(**changes):
    doc = {
        "class": "dataset",
        "id": ["Alue", "timeperiod_m", "contentscode"],
        "size": [2, 2, 1],
        "dimension": {
            "Alue": {"category": {"index": {"MK08": 0, "KU489": 1}}},
            "timeperiod_m": {"category": {"index": ["2026M05", "2026M06"]}},
            "contentscode": {"category": {"index": {"TYOTTOMATULK": 0}}},
        },
        "value": [812, 830, None, 4],
        "status": {"2": "..."},
    }
    doc.update(changes)
    return doc


def test_cells_in_row_major_order_with_suppressed_cells_missing_not_zero():
    cells = parse_jsonstat2(dataset())
    assert cells[["Alue", "timeperiod_m"]].values.tolist() == [
        ["MK08", "2026M05"],
        ["MK08", "2026M06"],
        ["KU489", "2026M05"],
        ["KU489", "2026M06"],
    ]
    assert cells["value"].tolist()[:2] == [812.0, 830.0]
    assert math.isnan(cells["value"][2]) and cells["status"][2] == "..."
    assert cells["value"][3] == 4.0 and pd.isna(cells["status"][3])


def test_sparse_values_and_status_lists_are_read():
    cells = parse_jsonstat2(dataset(value={"0": 1, "3": 7}, status=[None, None, "..", None]))
    assert cells["value"].isna().tolist() == [False, True, True, False]
    assert cells["status"][2] == ".."


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"size": [3, 2, 1]}, "dimension 'Alue' has 2 categories but size 3"),
        (
            {"id": ["Alue", "timeperiod_m", "contentscode", "Sukupuoli"], "size": [2, 2, 1, 1]},
            "dimension 'Sukupuoli' is listed in id but missing",
        ),
        ({"value": [1, 2, 3]}, "value has 3 items but size says 4"),
        ({"value": [1, 2, "x", 4]}, "value 'x' is not a number"),
        ({"class": "collection"}, "answer is not a json-stat2 dataset"),
        ({"size": [2, 2]}, "id has 3 dimensions but size has 2"),
    ],
)
def test_malformed_json_stat_is_refused_with_the_reason(changes, message):
    with pytest.raises(JsonStatError) as err:
        parse_jsonstat2(dataset(**changes))
    assert str(err.value) == message


def test_the_real_11ra_answer_parses_to_the_known_population():
    doc = json.loads(VAERAK_FILE.read_text(encoding="utf-8"))
    cells = parse_px_json(doc, "contentscode")
    assert len(cells) == 568 * 4
    population = cells[(cells["contentscode"] == "vaerak-vaesto") & (cells["timeperiod_y"] == "2025")]
    by_area = population.set_index("alue_23_20260101")["value"]
    assert by_area["MK08"] == 156198
    assert by_area["SSS"] == 5652881
    assert by_area[["KU075", "KU285", "KU286", "KU489", "KU624", "KU935"]].sum() == 156198


def test_px_json_missing_symbols_stay_missing():
    doc = {
        "columns": [
            {"code": "Alue", "type": "d"},
            {"code": "timeperiod_y", "type": "t"},
            {"code": "vaerak-vaesto", "type": "c"},
        ],
        "data": [{"key": ["KU489", "2025"], "values": ["..."]}],
    }
    cells = parse_px_json(doc, "contentscode")
    assert math.isnan(cells["value"][0]) and cells["status"][0] == "..."


def test_release_stamps_in_every_pxweb_spelling_mean_utc():
    expected = datetime(2026, 5, 29, 5, 0, tzinfo=UTC)
    assert parse_updated("2026-05-29T05.00.00Z") == expected
    assert parse_updated("2026-05-29T05:00:00Z") == expected
    assert parse_updated("2026-05-29T05:00:00") == expected
    with pytest.raises(JsonStatError):
        parse_updated("yesterday")


def test_period_codes_become_period_starts():
    assert period_start("2026M06") == pd.Timestamp(2026, 6, 1)
    assert period_start("2025") == pd.Timestamp(2025, 1, 1)
    assert period_start("2026Q2") == pd.Timestamp(2026, 4, 1)
    with pytest.raises(JsonStatError):
        period_start("2026M13x")

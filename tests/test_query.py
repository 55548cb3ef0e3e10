"""Query building and splitting to the API's cell limit, without HTTP."""

import pytest

from data_sources.pxweb.query import (
    QueryError,
    VariableSelection,
    cell_count,
    query_body,
    split_selections,
    table_selections,
)

KEEP = frozenset({"timeperiod_m", "contentscode"})


def selections(areas=10, months=200, codes=20):
    return [
        VariableSelection("Alue", tuple(f"A{i}" for i in range(areas))),
        VariableSelection("timeperiod_m", tuple(f"2010M{i:03d}" for i in range(months))),
        VariableSelection("contentscode", tuple(f"C{i}" for i in range(codes))),
    ]


def test_a_query_under_the_limit_is_one_query():
    assert split_selections(selections(), 40000, KEEP) == [selections()]


def test_splitting_cuts_areas_only_and_covers_every_cell_once():
    parts = split_selections(selections(), 12000, KEEP)
    assert [len(p[0].values) for p in parts] == [3, 3, 3, 1]
    assert all(cell_count(p) <= 12000 for p in parts)
    assert all(p[1] == selections()[1] and p[2] == selections()[2] for p in parts)
    assert [a for p in parts for a in p[0].values] == list(selections()[0].values)


def test_time_and_content_are_never_split():
    with pytest.raises(QueryError) as err:
        split_selections(selections(areas=2), 3999, KEEP)
    assert str(err.value) == (
        "a query of 4000 cells exceeds the API limit of 3999 and cannot be "
        "split without splitting contentscode, timeperiod_m"
    )


def test_query_body_is_the_pxweb_v1_shape():
    body = query_body([VariableSelection("Alue", ("MK08",))], "json-stat2")
    assert body == {
        "query": [{"code": "Alue", "selection": {"filter": "item", "values": ["MK08"]}}],
        "response": {"format": "json-stat2"},
    }


def test_selections_check_codes_against_metadata(catalog):
    table = catalog.tables["tyonv_12r5"]
    metadata = {
        "variables": [
            {"code": "Alue", "values": ["SSS", "MK08"]},
            {"code": "timeperiod_m", "values": ["2008M12", "2009M01", "2009M02"]},
            {"code": "contentscode", "values": ["TYOTTOMATLOPUSSA"]},
        ]
    }
    chosen = table_selections(table, metadata, ("MK08",), ("TYOTTOMATLOPUSSA",))
    assert chosen[1].values == ("2009M01", "2009M02")
    with pytest.raises(QueryError) as err:
        table_selections(table, metadata, ("MK08", "KU286"), ("TYOTTOMATLOPUSSA",))
    assert str(err.value) == "tyonv/12r5.px: area codes not in Alue: ['KU286']"
    with pytest.raises(QueryError) as err:
        table_selections(table, metadata, ("MK08",), ("TYOTTOMAT",))
    assert str(err.value) == "tyonv/12r5.px: content codes not in contentscode: ['TYOTTOMAT']"
    renamed = {"variables": [{"code": "Alue", "values": ["MK08"]}]}
    with pytest.raises(QueryError) as err:
        table_selections(table, renamed, ("MK08",), ("TYOTTOMATLOPUSSA",))
    assert str(err.value) == "variable 'contentscode' is not in the table (it has: Alue)"

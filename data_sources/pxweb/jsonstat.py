"""Pure parsers for PxWeb answers (json-stat2 and the plain px json) into tidy cell frames."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from data_sources.domain.periods import Month

# PxWeb writes suppressed or missing cells as these symbols; all of them stay missing.
MISSING_SYMBOLS = frozenset({".", "..", "...", "....", "-"})
# The most cells one answer may declare: checked before anything is allocated for them (a few
# bytes of json-stat2 can declare billions). The API's own limit is 120 000 per query.
MAX_CELLS = 1_000_000


class JsonStatError(ValueError):
    """An answer that does not have the shape json-stat2 (or px json) promises."""


def _category_codes(dim_id: str, dimension: dict) -> list[str]:
    try:
        index = dimension["category"]["index"]
    except (KeyError, TypeError):
        raise JsonStatError(f"dimension {dim_id!r} has no category.index") from None
    if isinstance(index, list):
        return [str(code) for code in index]
    if isinstance(index, dict):
        if not all(isinstance(pos, int) and not isinstance(pos, bool) for pos in index.values()):
            raise JsonStatError(f"dimension {dim_id!r} has a category.index of other than whole numbers")
        ordered = sorted(index.items(), key=lambda kv: kv[1])
        if [pos for _, pos in ordered] != list(range(len(ordered))):
            raise JsonStatError(f"dimension {dim_id!r} has a category.index with gaps")
        return [str(code) for code, _ in ordered]
    raise JsonStatError(f"dimension {dim_id!r} has a category.index of type {type(index).__name__}")


def _dense(raw: object, n: int, what: str) -> list:
    """json-stat2 allows value and status as a list or as a sparse {index: item} object."""
    if raw is None:
        return [None] * n
    if isinstance(raw, list):
        if len(raw) != n:
            raise JsonStatError(f"{what} has {len(raw)} items but size says {n}")
        return raw
    if isinstance(raw, dict):
        out: list = [None] * n
        for key, item in raw.items():
            try:
                pos = int(key)
            except ValueError:
                raise JsonStatError(f"{what} has a non-numeric index {key!r}") from None
            if not 0 <= pos < n:
                raise JsonStatError(f"{what} index {pos} is outside size {n}")
            out[pos] = item
        return out
    if isinstance(raw, str) and what == "status":
        return [raw] * n  # a single status applies to every cell
    raise JsonStatError(f"{what} is neither a list nor an object")


def _symbols(status: list, values: np.ndarray) -> tuple[list[str | None], int]:
    """Statuses kept only as PxWeb's symbol of a missing figure, and how many other texts were dropped.

    Any other text (a formula, markup, a symbol on a figure that exists) would hide the figure on
    every page and reach the downloads; the figure is shown instead.
    """
    kept: list[str | None] = []
    dropped = 0
    for item, value in zip(status, values, strict=True):
        symbol = None if item is None else str(item).strip()
        if symbol and not (symbol in MISSING_SYMBOLS and math.isnan(value)):
            symbol, dropped = None, dropped + 1
        kept.append(symbol or None)
    return kept, dropped


def _to_float(item: object) -> float:
    if item is None:
        return math.nan
    if isinstance(item, bool):
        raise JsonStatError(f"value {item!r} is not a number")
    if isinstance(item, (int, float)):
        return float(item)
    if isinstance(item, str):
        if item.strip() in MISSING_SYMBOLS:
            return math.nan
        try:
            return float(item)
        except ValueError:
            pass
    raise JsonStatError(f"value {item!r} is not a number")


def parse_jsonstat2(doc: object) -> pd.DataFrame:
    """A json-stat2 dataset as one row per cell: a column per dimension code, value, status.

    Null values stay NaN (never 0); their symbol ('...') is kept in `status`, any other status text
    is dropped and counted in `frame.attrs["dropped_status"]`.
    """
    if not isinstance(doc, dict) or doc.get("class") != "dataset":
        raise JsonStatError("answer is not a json-stat2 dataset")
    ids, sizes, dims = doc.get("id"), doc.get("size"), doc.get("dimension")
    if not isinstance(ids, list) or not isinstance(sizes, list) or not isinstance(dims, dict):
        raise JsonStatError("dataset lacks id, size or dimension")
    if len(ids) != len(sizes):
        raise JsonStatError(f"id has {len(ids)} dimensions but size has {len(sizes)}")
    for dim_id in ids:
        if not isinstance(dim_id, str):
            raise JsonStatError(f"dataset's id holds {dim_id!r:.60}, not a dimension name")
    if not all(isinstance(size, int) and not isinstance(size, bool) and size >= 0 for size in sizes):
        raise JsonStatError("dataset's size holds other than whole numbers")
    n = math.prod(sizes) if sizes else 0
    if n > MAX_CELLS:
        raise JsonStatError(f"answer declares {n} cells, over the cap of {MAX_CELLS}; refused")
    categories = []
    for dim_id, size in zip(ids, sizes, strict=True):
        if dim_id not in dims:
            raise JsonStatError(f"dimension {dim_id!r} is listed in id but missing")
        codes = _category_codes(dim_id, dims[dim_id])
        if len(codes) != size:
            raise JsonStatError(f"dimension {dim_id!r} has {len(codes)} categories but size {size}")
        categories.append(codes)
    values = np.array([_to_float(v) for v in _dense(doc.get("value"), n, "value")], dtype=float)
    status = _dense(doc.get("status"), n, "status")
    if n == 0:
        frame = pd.DataFrame({dim_id: pd.Series(dtype=str) for dim_id in ids})
    else:
        frame = pd.MultiIndex.from_product(categories, names=ids).to_frame(index=False)
    frame["value"] = values
    symbols, dropped = _symbols(status, values)
    frame["status"] = pd.array(symbols, dtype="string")
    frame.attrs["dropped_status"] = dropped  # status texts that were no PxWeb symbol: the refresh counts them
    return frame


def parse_px_json(doc: object, content_variable: str) -> pd.DataFrame:
    """PxWeb's plain 'json' answer in the same shape as parse_jsonstat2.

    Content columns (type 'c') become one `content_variable` dimension; '..' symbols become NaN.
    """
    if not isinstance(doc, dict) or "columns" not in doc or "data" not in doc:
        raise JsonStatError("answer is not a px json table (columns, data)")
    columns, data = doc["columns"], doc["data"]
    if not _objects(columns) or not all(isinstance(c.get("code"), str) for c in columns) or not _objects(data):
        raise JsonStatError("px json answer's columns or data are not lists of objects with codes")
    dim_cols = [c["code"] for c in doc["columns"] if c.get("type") in ("d", "t")]
    content_cols = [c["code"] for c in doc["columns"] if c.get("type") == "c"]
    if not content_cols:
        raise JsonStatError("px json answer has no content column")
    rows = []
    for record in doc["data"]:
        key, vals = record.get("key"), record.get("values")
        if not isinstance(key, list) or len(key) != len(dim_cols) or not all(isinstance(k, str) for k in key):
            raise JsonStatError(f"px json row key {key!r:.80} does not match columns {dim_cols}")
        if not isinstance(vals, list) or len(vals) != len(content_cols):
            raise JsonStatError(f"px json row values {vals!r:.80} do not match {content_cols}")
        for code, raw in zip(content_cols, vals, strict=True):
            symbol = raw.strip() if isinstance(raw, str) and raw.strip() in MISSING_SYMBOLS else None
            rows.append([*key, code, _to_float(raw), symbol])
    frame = pd.DataFrame(rows, columns=[*dim_cols, content_variable, "value", "status"])
    frame["value"] = frame["value"].astype(float)
    frame["status"] = frame["status"].astype("string")
    return frame


def _objects(items: object) -> bool:
    return isinstance(items, list) and all(isinstance(item, dict) for item in items)


def parse_updated(text: str) -> datetime:
    """PxWeb release stamps as aware UTC datetimes.

    PxWeb writes them as '2026-05-29T05.00.00Z' (dots) as well as '2026-07-21T05:00:00Z' or
    without a zone; all mean UTC.
    """
    cleaned = text.strip()
    if "T" in cleaned:
        day, clock = cleaned.split("T", 1)
        cleaned = f"{day}T{clock.replace('.', ':', 2)}"
    cleaned = cleaned.replace("Z", "+00:00")
    try:
        stamp = datetime.fromisoformat(cleaned)
    except ValueError:
        raise JsonStatError(f"release timestamp {text!r} is not a date") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC)


def period_start(code: str) -> pd.Timestamp:
    """'2026M06' -> 2026-06-01; '2025' -> 2025-01-01; '2026Q2' -> 2026-04-01."""
    text = str(code).strip()
    try:
        if "M" in text:
            return Month.parse(text).start
        if "Q" in text:
            year, quarter = text.split("Q")
            return pd.Timestamp(int(year), 3 * int(quarter) - 2, 1)
        return pd.Timestamp(int(text), 1, 1)
    except ValueError:
        raise JsonStatError(f"period {code!r} is not a PxWeb time code") from None

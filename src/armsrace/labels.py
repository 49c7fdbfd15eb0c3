"""Human labels for column ids: one table used by the CLI, the report and the dashboard.

The table is the packaged ``labels.csv`` (``column_id,label,unit``). A label carries its
unit in brackets ("Gap to 3.5% (USD bn, 2025 GDP)"); ``{year}`` in a label is the base year
of the numbers, filled in by the caller (or "base year" when not given).

>>> from armsrace import labels
>>> labels.label("gap_3_5pct_usd_bn", year=2025)
'Gap to 3.5% (USD bn, 2025 GDP)'
>>> labels.label("no_such_column")          # unknown ids come back unchanged
'no_such_column'

Machine formats (CSV, JSON, the API) keep the raw ids; only what people read is relabelled.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["label", "label_table", "relabel", "unit"]


@cache
def _rows() -> dict[str, tuple[str, str]]:
    text = resources.files("armsrace").joinpath("labels.csv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        out[row["column_id"]] = (row["label"], row["unit"])
    return out


def label(column_id: str, *, year: int | None = None) -> str:
    """The human label of ``column_id`` (with its unit); the id itself when unknown."""
    entry = _rows().get(str(column_id))
    if entry is None:
        return str(column_id)
    text = entry[0]
    return text.replace("{year}", "base year" if year is None else str(year))


def unit(column_id: str) -> str | None:
    """The unit id of ``column_id`` (e.g. ``usd_billion``), or None if it has none/unknown."""
    entry = _rows().get(str(column_id))
    return entry[1] or None if entry is not None else None


def label_table() -> pd.DataFrame:
    """The whole table: column_id, label (``{year}`` unfilled), unit."""
    import pandas as pd

    rows = [(k, lab, u or None) for k, (lab, u) in _rows().items()]
    return pd.DataFrame(rows, columns=["column_id", "label", "unit"])


def relabel(frame: pd.DataFrame, *, year: int | None = None) -> pd.DataFrame:
    """A copy of ``frame`` whose columns carry human labels (unknown ids kept as they are)."""
    return frame.rename(columns={c: label(str(c), year=year) for c in frame.columns})

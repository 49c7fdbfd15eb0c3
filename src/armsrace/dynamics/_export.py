"""JSON-ready records of result tables (NaN -> None, numpy scalars -> Python)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["records"]


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    if isinstance(value, complex):
        return [value.real, value.imag]
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """One dict per row, with plain Python values."""
    return [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]

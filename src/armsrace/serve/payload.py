"""Turning library results into JSON-safe values for the API (NaN -> null, numpy -> Python)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.serve.models import SourceRow

__all__ = ["clean", "records", "source_rows"]


def clean(value: Any) -> Any:
    """A JSON-safe copy: NaN/inf -> None, numpy scalars -> Python, dates -> ISO strings."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is not None and not isinstance(value, str | int | float | bool):
        if hasattr(value, "isoformat"):
            return value.isoformat()
        try:
            import pandas as pd

            if pd.isna(value):
                return None
        except (TypeError, ValueError):
            pass
        return str(value)
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [clean(r) for r in frame.to_dict(orient="records")]


def source_rows(store: FactStore, ids: Iterable[str]) -> list[SourceRow]:
    """The source table's rows for ``ids`` (unknown ids are listed with no details)."""
    from armsrace.facts import queries
    from armsrace.serve.models import SourceRow

    wanted = sorted({str(i) for i in ids if i})
    if not wanted:
        return []
    frame = queries.sources(store)
    frame = frame[frame["source_id"].isin(wanted)]
    found = {str(r["source_id"]): r for r in records(frame)}
    out = []
    for sid in wanted:
        r = found.get(sid, {"source_id": sid})
        out.append(
            SourceRow(
                source_id=sid,
                publisher=r.get("publisher"),
                title=r.get("title"),
                url=r.get("url"),
                date_published=None
                if r.get("date_published") is None
                else str(r["date_published"]),
                license=r.get("license"),
                claim_type=r.get("claim_type"),
            )
        )
    return out

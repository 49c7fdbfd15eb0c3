"""Figures the store knows it lacks: publisher tables that could not be sourced.

The list is data (``facts/data/known_gaps.yml``), read when asked for; the report prints it
in its appendix and the README keeps the same list for readers of the repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from armsrace.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["known_gaps"]

COLUMNS = ("release", "what", "missing")


def known_gaps(data_dir: Path | None = None) -> pd.DataFrame:
    """One row per known gap: release, what (the table), missing (what the store lacks)."""
    import pandas as pd
    import yaml

    from armsrace.facts.store import packaged_data_dir

    path = (packaged_data_dir() if data_dir is None else data_dir) / "known_gaps.yml"
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path.name}: cannot read the list of known gaps ({exc})") from exc
    entries = doc.get("gaps") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise DataError(f"{path.name}: expected a mapping with a 'gaps' list")
    rows = []
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or any(not entry.get(c) for c in COLUMNS):
            raise DataError(f"{path.name}: gap {i} needs {', '.join(COLUMNS)}")
        rows.append({c: str(entry[c]).strip() for c in COLUMNS})
    return pd.DataFrame(rows, columns=list(COLUMNS))

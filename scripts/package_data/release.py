"""A primary release: its source row and the builder of its observation rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from package_data.files import Row


@dataclass(frozen=True)
class Release:
    """One publisher table. ``source`` is its row in sources.csv (without date_accessed);
    ``observations(ref)`` reads the reference folder and returns observation rows."""

    source: Row
    observations: Callable[[Path], list[Row]]

    @property
    def source_id(self) -> str:
        return str(self.source["source_id"])

    @property
    def label(self) -> str:
        return str(self.source["release"])

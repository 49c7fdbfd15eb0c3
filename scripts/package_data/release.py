"""A primary release: its source row and the builder of its observation rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from package_data.files import Row


@dataclass(frozen=True)
class Inputs:
    """Where the build reads: the shared reference folder (starter set and its ``primary/``
    copies) and the project's own ``data/primary/`` (publisher copies obtained later)."""

    reference: Path
    primary: Path

    def copies(self, pattern: str) -> list[Path]:
        """Publisher copies matching ``pattern`` in either primary folder, by name."""
        found = list((self.reference / "primary").glob(pattern)) + list(self.primary.glob(pattern))
        return sorted(found, key=lambda p: p.name)


@dataclass(frozen=True)
class Release:
    """One publisher table. ``source`` is its row in sources.csv (without date_accessed);
    ``observations(inputs)`` reads the publisher copy (or the transcription of relayed
    figures) and returns observation rows."""

    source: Row
    observations: Callable[[Inputs], list[Row]]
    #: Sources of figures relayed one by one (when the full table is not at hand).
    relay_sources: tuple[Row, ...] = ()

    @property
    def source_id(self) -> str:
        return str(self.source["source_id"])

    @property
    def label(self) -> str:
        return str(self.source["release"])

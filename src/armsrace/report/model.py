"""What a report section is made of: text, tables and charts, each with its sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Block", "Chart", "Section", "Table", "Text"]


@dataclass(frozen=True)
class Text:
    """A paragraph of plain text (escaped when rendered)."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table; ``source_ids`` name the fact-store sources of its numbers.

    Column ids are shown under their human labels (:mod:`armsrace.labels`); ``label_year``
    fills the base year into labels that name one ("Gap to 3.5% (USD bn, 2025 GDP)").
    """

    frame: pd.DataFrame
    caption: str
    source_ids: tuple[str, ...] = ()
    note: str = ""
    label_year: int | None = None


@dataclass(frozen=True)
class Chart:
    """A plotly figure (never shown); ``source_ids`` name where its numbers come from."""

    figure: Any
    caption: str
    source_ids: tuple[str, ...] = ()
    note: str = ""


Block = Text | Table | Chart


@dataclass(frozen=True)
class Section:
    """One titled part of the report."""

    id: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def source_ids(self) -> set[str]:
        ids: set[str] = set()
        for b in self.blocks:
            if isinstance(b, Table | Chart):
                ids.update(b.source_ids)
        return ids

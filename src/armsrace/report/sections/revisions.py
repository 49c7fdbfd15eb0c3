"""Report section: what changed between the two newest releases of each publisher."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from armsrace.report.model import Section, Table, Text

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.settings import Settings

__all__ = ["HEADLINE", "TOP", "build", "headline_revisions"]

#: The indicator shown for a pair of releases: the first of these that was revised.
HEADLINE = ("milex_share_gdp", "milex_usd_current", "milex_usd_constant", "gdp_usd_current")
TOP = 8
_SHOWN = [
    "entity",
    "year",
    "indicator",
    "unit",
    "old_value",
    "new_value",
    "change",
    "from_source_id",
    "to_source_id",
]


def headline_revisions(frame: pd.DataFrame, top: int = TOP) -> pd.DataFrame:
    """The ``top`` largest revisions of the first headline indicator present in ``frame``."""
    for indicator in HEADLINE:
        part = frame[frame["indicator"] == indicator]
        if not part.empty:
            order = part["change"].abs().sort_values(ascending=False, kind="stable").index
            return part.loc[order[:top]].reset_index(drop=True)
    return frame.iloc[0:0]


def build(
    store: FactStore, settings: Settings, *, progress: Callable[[int, int], None] | None = None
) -> Section:
    from armsrace.facts import diff

    pairs = diff.latest_pairs(store)
    blocks: list[Text | Table] = [
        Text(
            "Publishers revise their back-series with every release. For each publisher with two "
            "releases in the store, the newest is compared with the one before it, figure by "
            "figure (same country, year, indicator and price base); changes within the rounding "
            "of the printed figures are left out. The publisher's own table speaks for a release "
            "where the store has it, press relays of the release only where it is silent. "
            "The command armsrace data diff --from RELEASE --to RELEASE lists every revision."
        )
    ]
    for i, (old, new) in enumerate(pairs):
        frame = diff.revisions(store, from_release=old, to_release=new)
        counts = frame.groupby("indicator").size()
        compared = int(frame.attrs.get("compared", 0))
        if compared == 0:
            blocks.append(
                Text(
                    f"{old} → {new}: no figure is in both releases with the same year and "
                    "price base, so nothing can be compared."
                )
            )
        elif frame.empty:
            blocks.append(
                Text(f"{old} → {new}: {compared} figures in both releases, none revised.")
            )
        else:
            listed = ", ".join(f"{ind} {n}" for ind, n in counts.items())
            shown = headline_revisions(frame)
            ids = tuple(sorted(set(shown["from_source_id"]) | set(shown["to_source_id"])))
            cols = list(_SHOWN)
            if shown["definition"].astype(str).str.contains("->").any():
                cols.insert(cols.index("change") + 1, "definition")
            blocks.append(
                Table(
                    shown[cols],
                    caption=f"{old} → {new}: largest revisions of {shown['indicator'].iloc[0]}",
                    source_ids=ids,
                    note=f"{len(frame)} of {compared} figures in both releases revised "
                    f"({listed}). change = new - old, in the figure's unit; a definition "
                    "column shows where the publisher changed what it measures (A -> B).",
                )
            )
        if progress is not None:
            progress(i + 1, len(pairs))
    if not pairs:
        blocks.append(Text("No publisher has two releases in the store."))
    return Section(
        id="revisions", title="What changed in the latest releases", blocks=tuple(blocks)
    )

"""Report section: production estimates side by side, with ranges and claimants."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from armsrace.report.model import Chart, Section, Table, Text

if TYPE_CHECKING:
    from armsrace.facts.store import FactStore
    from armsrace.settings import Settings

__all__ = ["build"]

TITLES = {
    "artillery_ammunition": "Artillery ammunition",
    "tanks": "Tanks",
    "armoured_vehicles": "Armoured vehicles",
    "artillery_pieces": "Artillery pieces",
    "combat_aircraft": "Combat aircraft and helicopters",
    "interceptors": "Air-defence interceptors",
    "long_range_missiles": "Long-range missiles",
    "drones": "Drones",
}


def build(
    store: FactStore, settings: Settings, *, progress: Callable[[int, int], None] | None = None
) -> Section:
    from armsrace.facts import queries
    from armsrace.report import charts

    prod = queries.production(store)
    prod = prod[prod["kind"] != "multiple"]
    blocks: list[Text | Chart | Table] = [
        Text(
            "Every estimate in the store, by item: circles are reported output, open diamonds "
            "capacity, targets and plans. Bars show the source's own low–high range. Claim types: "
            "official (a government or ministry), independent estimate (a research institute), "
            "press claim (an unnamed official relayed by the press), political statement. "
            "Russian and Ukrainian official figures are self-reported and unverified."
        )
    ]
    items = list(TITLES)
    for i, item in enumerate(items):
        d = prod[prod["item"] == item]
        if d.empty:
            blocks.append(Text(f"{TITLES[item]}: no sourced estimate in the store — left missing."))
            continue
        sides = sorted(set(d["side"]))
        lacking = sorted({"NATO", "RUS"} - set(sides))
        blocks.append(
            Chart(
                charts.production_chart(d, item, f"{TITLES[item]}: estimates by source"),
                caption=f"{TITLES[item]}: {len(d)} estimate(s) from {d['source_id'].nunique()} source(s)."
                + (f" No estimate for {', '.join(lacking)}." if lacking else ""),
                source_ids=tuple(sorted(set(d["source_id"]))),
            )
        )
        if progress is not None:
            progress(i + 1, len(items))
    blocks.append(
        Table(
            prod[
                [
                    "item",
                    "item_label",
                    "kind",
                    "side",
                    "producer",
                    "year",
                    "period",
                    "low",
                    "central",
                    "high",
                    "unit",
                    "claimant",
                    "claim_type",
                    "source_id",
                ]
            ],
            caption="All production estimates (monthly figures as stated, not annualised).",
            source_ids=tuple(sorted(set(prod["source_id"]))),
        )
    )
    return Section(
        id="production",
        title="Who produces what: estimates and their claimants",
        blocks=tuple(blocks),
    )

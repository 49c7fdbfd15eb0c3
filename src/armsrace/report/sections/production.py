"""Report section: production estimates side by side, with ranges and claimants.

Per item a chart of every estimate and a table of the claimant spread: estimates of one side
that measure the same thing (kind, year, period, unit and, where the production table has
them, scope, basis and subtype) are one row, with the lowest and highest central estimate,
the number of distinct estimates (relays of one claim count once when ``claim_id`` groups
them), claimants and sources. Nothing is added up here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from armsrace.facts.schema import COUNTRY_SCOPES
from armsrace.report.model import Chart, Section, Table, Text

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.settings import Settings

__all__ = ["build", "claimant_spread"]

# columns of the production table v2 that split estimates into things that can be compared
_COMPARABLE = ["scope", "basis", "subtype"]

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
            "Russian and Ukrainian official figures are self-reported and unverified. Under each "
            "chart, the claimant spread: estimates of one side for the same kind, year, period "
            "and unit in one row, with the lowest and highest central figure and how many "
            "claimants and sources stand behind them (every single estimate: "
            "`armsrace data show --item ITEM`)."
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
        blocks.append(
            Table(
                claimant_spread(d).drop(columns=["item"]),
                caption=f"{TITLES[item]}: claimant spread per side, kind and year "
                "(monthly figures as stated, not annualised).",
                source_ids=tuple(sorted(set(d["source_id"]))),
            )
        )
        if progress is not None:
            progress(i + 1, len(items))
    totals = _totals_frame(store, prod)
    if not totals.empty:
        blocks.append(
            Table(
                totals.drop(columns=["source_ids"]),
                caption="Totals that add up: for each item and side, the latest year's output "
                "(or capacity where no output can be summed) from claims of one basis and "
                "subtype, each producer once, with the allies it covers "
                "(`armsrace data totals`).",
                source_ids=tuple(
                    sorted({s for ids in totals["source_ids"] for s in ids.split(";") if s})
                ),
            )
        )
    return Section(
        id="production",
        title="Who produces what: estimates and their claimants",
        blocks=tuple(blocks),
    )


def claimant_spread(prod: pd.DataFrame) -> pd.DataFrame:
    """One row per item, side and comparable measure, with the spread between claimants.

    Rows are grouped by item, side, the v2 columns present (scope, basis, subtype, and
    ``covers``: the producer of a plant or company figure, the country of a country figure),
    kind, year, period and unit; each row gives ``central_min``/``central_max`` (NaN when no
    estimate in the group has a central figure), the lowest ``low`` and highest ``high`` of
    the sources' own ranges (``low_min``, ``high_max``), ``estimates`` (distinct ``claim_id`` when the
    table has one, else rows), ``claimants`` and ``sources`` (distinct counts).
    """
    import pandas as pd

    frame = prod.copy()
    has_scope = "scope" in frame.columns
    if has_scope:
        # a plant's or a company's figure is not a claimant's view of another one's
        whose = (
            frame["producer"]
            if "producer" in frame.columns
            else pd.Series("", index=frame.index, dtype=object)
        )
        if "country" in frame.columns:
            whose = whose.where(frame["scope"] != "country", frame["country"])
        frame["covers"] = whose.where(frame["scope"].isin(COUNTRY_SCOPES), "").fillna("")
    keys = [
        "item",
        "side",
        *[c for c in _COMPARABLE if c in frame.columns],
        *(["covers"] if has_scope else []),
        "kind",
        "year",
        "period",
        "unit",
    ]
    if "claim_id" in frame.columns:
        frame["_estimate"] = (
            frame["claim_id"]
            .astype("string")
            .fillna(
                pd.Series(
                    [f"row-{i}" for i in range(len(frame))], index=frame.index, dtype="string"
                )
            )
        )
    else:
        frame["_estimate"] = [f"row-{i}" for i in range(len(frame))]
    grouped = frame.groupby(keys, dropna=False, sort=True)
    out = grouped.agg(
        central_min=("central", "min"),
        central_max=("central", "max"),
        low_min=("low", "min"),
        high_max=("high", "max"),
        estimates=("_estimate", "nunique"),
        claimants=("claimant", "nunique"),
        sources=("source_id", "nunique"),
    ).reset_index()
    order = {k: i for i, k in enumerate(TITLES)}
    side_order = {"NATO": 0, "RUS": 1}
    out = out.sort_values(
        ["item", "side", "year"],
        key=lambda col: (
            col.map(order)
            if col.name == "item"
            else col.map(lambda v: side_order.get(v, 2))
            if col.name == "side"
            else col
        ),
        kind="stable",
    )
    return out.reset_index(drop=True)


def _totals_frame(store: FactStore, prod: pd.DataFrame) -> pd.DataFrame:
    """Per item and side, the defendable total of the latest year with output or capacity."""
    import pandas as pd

    from armsrace.facts.totals import production_total

    rows = []
    for item in TITLES:
        for side in ("NATO", "RUS"):
            d = prod[
                (prod["item"] == item)
                & (prod["side"] == side)
                & (prod["kind"].isin(["output", "capacity"]))
            ]
            if d.empty:
                continue
            year = int(d["year"].max())
            total = production_total(store, item=item, side=side, year=year)
            if total.empty:
                continue
            rows.append(
                {
                    "item": item,
                    "side": side,
                    "year": year,
                    "kind": total.kind,
                    "basis": total.basis,
                    "subtype": total.subtype,
                    "low": total.low,
                    "central": total.central,
                    "high": total.high,
                    "unit": f"{total.unit}/year",
                    "covers": ", ".join([*total.covered, *(f"{c} (part)" for c in total.partial)]),
                    "not covered": len(total.not_covered),
                    "source_ids": ";".join(total.source_ids),
                }
            )
    return pd.DataFrame(rows)

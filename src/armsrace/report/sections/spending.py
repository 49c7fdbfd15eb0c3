"""Report section: NATO against Russia in military spending over time (SIPRI, constant USD)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from armsrace.report.model import Chart, Section, Table, Text

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.settings import Settings

__all__ = ["bloc_series", "build"]

SIPRI = "sipri-milex-2025"


def bloc_series(store: FactStore, indicator: str = "milex_usd_constant") -> pd.DataFrame:
    """SIPRI series for RUS, USA and NATO Europe + Canada (sum of members in each year).

    A bloc year is summed only over the allies that were members that year; a year where a
    member has no SIPRI figure is reported with ``members_missing``.
    """
    import pandas as pd

    from armsrace.facts import queries

    obs = queries.observations(store, indicator=indicator, source_id=SIPRI)
    years = sorted(obs["year"].unique())
    rows = []
    for ent in ("RUS", "USA", "CHN"):
        s = obs[obs["entity"] == ent]
        for r in s.itertuples():
            rows.append(
                {"entity": ent, "year": int(r.year), "value": r.value, "members_missing": ""}
            )
    for y in years:
        members = queries.members(store, "NATO_EUCA", int(y))
        s = obs[(obs["year"] == y) & (obs["entity"].isin(members))].dropna(subset=["value"])
        missing = sorted(set(members) - set(s["entity"]) - {"ISL"})
        rows.append(
            {
                "entity": "NATO_EUCA",
                "year": int(y),
                "value": float(s["value"].sum()),
                "members_missing": ", ".join(missing),
            }
        )
    return pd.DataFrame(rows)


def build(
    store: FactStore, settings: Settings, *, progress: Callable[[int, int], None] | None = None
) -> Section:
    from armsrace.facts import queries
    from armsrace.report import charts

    series = bloc_series(store)
    labels = {
        "RUS": "Russia",
        "USA": "United States",
        "NATO_EUCA": "NATO Europe + Canada",
        "CHN": "China",
    }
    series["label"] = series["entity"].map(labels)
    latest = int(series["year"].max())
    last = series[series["year"] == latest].set_index("entity")["value"]
    share = queries.observations(
        store, indicator="milex_share_gdp", source_id=SIPRI, entity=["RUS", "USA", "UKR", "CHN"]
    )
    share = share.assign(label=share["entity"].map({**labels, "UKR": "Ukraine"}))
    ratio = last["NATO_EUCA"] / last["RUS"]
    gaps_note = series[(series["entity"] == "NATO_EUCA") & (series["members_missing"] != "")]
    blocks: list[Text | Chart | Table] = [
        Text(
            f"In {latest}, by SIPRI's estimate in constant {2023} US dollars, Russia spent USD "
            f"{last['RUS'] / 1000:,.0f} bn on its military, the United States USD {last['USA'] / 1000:,.0f} bn "
            f"and NATO Europe + Canada together USD {last['NATO_EUCA'] / 1000:,.0f} bn — "
            f"{ratio:.1f} times Russia at market exchange rates. Market rates understate what a rouble "
            "buys in Russia's own defence industry; SIPRI calls its Russian figures highly uncertain."
        ),
        Chart(
            charts.spending_chart(
                series,
                "Military expenditure, constant 2023 USD million (SIPRI 2025 release)",
                "USD million, constant 2023 prices",
            ),
            caption="NATO Europe + Canada = sum of the allies that were members in each year "
            "(Finland from 2023, Sweden from 2024). SIPRI 2025 release; never mixed with other releases.",
            source_ids=(
                SIPRI,
                "thenational-2023-04-04-nato-members",
                "natopa-finland-sweden-accession",
            ),
            note=""
            if gaps_note.empty
            else "Years with members lacking a SIPRI figure: "
            + "; ".join(f"{r.year}: {r.members_missing}" for r in gaps_note.itertuples()),
        ),
        Chart(
            charts.spending_chart(
                share.dropna(subset=["value"]),
                "Military expenditure as % of GDP (SIPRI 2025 release)",
                "% of GDP",
            ),
            caption="SIPRI's definition, which differs from NATO's (e.g. for pensions and paramilitary forces).",
            source_ids=(SIPRI,),
        ),
        Table(
            queries.observations(
                store,
                entity="RUS",
                year=[2024, 2025, 2026, 2027],
                indicator=["milex_usd_current", "milex_share_gdp", "budget_defence_lcu"],
            )[["year", "indicator", "value", "unit", "definition", "release", "source_id"]],
            caption="Russia 2024–2027: every estimate kept (SIPRI, IISS, official and budget figures disagree).",
            source_ids=tuple(
                sorted(
                    set(
                        queries.observations(store, entity="RUS", year=[2024, 2025, 2026, 2027])[
                            "source_id"
                        ]
                    )
                )
            ),
        ),
    ]
    if progress is not None:
        progress(1, 1)
    return Section(
        id="spending", title="NATO and Russia: military spending over time", blocks=tuple(blocks)
    )

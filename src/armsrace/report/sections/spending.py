"""Report section: NATO against Russia in military spending over time (SIPRI, constant USD)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from armsrace.facts.queries import membership_sources
from armsrace.report.model import Chart, Section, Table, Text

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.settings import Settings

__all__ = ["bloc_series", "build", "sipri_release"]


def sipri_release(store: FactStore) -> tuple[str, str]:
    """The newest SIPRI release whose own table is in the store, and that table's source id.

    Releases known only from relays (SIPRI 2026 today) are not used: the chart needs every
    ally's series in one price base.
    """
    from armsrace.errors import MissingValueError
    from armsrace.facts import queries

    release = queries.latest_table_release(store, "SIPRI", indicator="milex_usd_constant")
    source = None if release is None else queries.table_source(store, release)
    if release is None or source is None:
        raise MissingValueError("the store has no SIPRI table with constant-price spending")
    return release, source


def bloc_series(
    store: FactStore, release: str | None = None
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """SIPRI constant-USD series for RUS, USA, CHN and NATO Europe + Canada, and their sources.

    The bloc is summed over the allies that were members in each year, by the same rule the
    dynamics fits use (:func:`armsrace.dynamics.series.load_series`); a year with a member
    missing is left missing and named in ``members_missing``.
    """
    import pandas as pd

    from armsrace.dynamics.series import load_series

    if release is None:
        release = sipri_release(store)[0]
    parts = []
    source_ids: set[str] = set()
    for entity in ("RUS", "USA", "CHN", "NATO_EUCA"):
        series = load_series(store, entity, release=release)
        source_ids.update(series.source_ids)
        frame = series.frame[["year", "value", "missing_members"]]
        parts.append(
            frame.rename(columns={"missing_members": "members_missing"}).assign(entity=entity)
        )
    return pd.concat(parts, ignore_index=True), tuple(sorted(source_ids))


def build(
    store: FactStore, settings: Settings, *, progress: Callable[[int, int], None] | None = None
) -> Section:
    from armsrace.facts import queries
    from armsrace.report import charts

    release, sipri = sipri_release(store)
    series, series_sources = bloc_series(store, release)
    base = queries.observations(
        store, indicator="milex_usd_constant", source_id=sipri, entity="RUS"
    )["price_base"].iloc[0]
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
        store, indicator="milex_share_gdp", source_id=sipri, entity=["RUS", "USA", "UKR", "CHN"]
    )
    share = share.assign(label=share["entity"].map({**labels, "UKR": "Ukraine"}))
    ratio = last["NATO_EUCA"] / last["RUS"]
    russia = queries.observations(
        store,
        entity="RUS",
        year=[2024, 2025, 2026, 2027],
        indicator=["milex_usd_current", "milex_share_gdp", "budget_defence_lcu"],
    )
    gaps_note = series[(series["entity"] == "NATO_EUCA") & (series["members_missing"] != "")]
    blocks: list[Text | Chart | Table] = [
        Text(
            f"In {latest}, by SIPRI's estimate in constant {base} US dollars ({release} release), Russia spent USD "
            f"{last['RUS'] / 1000:,.0f} bn on its military, the United States USD {last['USA'] / 1000:,.0f} bn "
            f"and NATO Europe + Canada together USD {last['NATO_EUCA'] / 1000:,.0f} bn — "
            f"{ratio:.1f} times Russia at market exchange rates. Market rates understate what a rouble "
            "buys in Russia's own defence industry; SIPRI calls its Russian figures highly uncertain."
        ),
        Chart(
            charts.spending_chart(
                series,
                f"Military expenditure, constant {base} USD million ({release} release)",
                f"USD million, constant {base} prices",
            ),
            caption="NATO Europe + Canada = sum of the allies that were members in each year "
            f"(Finland from 2023, Sweden from 2024). {release} release; never mixed with other releases.",
            source_ids=(*series_sources, *membership_sources(store)),
            note=""
            if gaps_note.empty
            else "Years with members lacking a SIPRI figure: "
            + "; ".join(f"{r.year}: {r.members_missing}" for r in gaps_note.itertuples()),
        ),
        Chart(
            charts.spending_chart(
                share.dropna(subset=["value"]),
                f"Military expenditure as % of GDP ({release} release)",
                "% of GDP",
            ),
            caption="SIPRI's definition, which differs from NATO's (e.g. for pensions and paramilitary forces).",
            source_ids=(sipri,),
        ),
        Table(
            russia[["year", "indicator", "value", "unit", "definition", "release", "source_id"]],
            caption="Russia 2024–2027: every estimate kept (SIPRI, IISS, official and budget figures disagree).",
            source_ids=tuple(sorted(set(russia["source_id"]))),
        ),
    ]
    if progress is not None:
        progress(1, 1)
    return Section(
        id="spending", title="NATO and Russia: military spending over time", blocks=tuple(blocks)
    )

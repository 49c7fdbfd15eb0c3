"""Report section: shares of GDP against NATO's targets, money gaps, burden sharing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from armsrace.report.model import Chart, Section, Table, Text

if TYPE_CHECKING:
    from armsrace.facts.store import FactStore
    from armsrace.settings import Settings

__all__ = ["build"]


def build(
    store: FactStore, settings: Settings, *, progress: Callable[[int, int], None] | None = None
) -> Section:
    from armsrace.report import charts
    from armsrace.targets import compute_gaps

    g = compute_gaps(store, growth_pct=settings.gdp_growth_pct)
    lv = g.levels
    nato = g.blocs.set_index("entity")
    below_core = int(nato.loc["NATO", "allies_below_3_5pct"])
    share_ids = tuple(sorted(set(g.allies["share_source"].dropna()) | set(lv.source_ids)))
    gdp_ids = tuple(sorted(set(g.allies["gdp_source"].dropna())))
    intro = Text(
        f"In {g.year}, NATO as a whole spent {nato.loc['NATO', 'share_gdp_pct_published']:.2f}% of "
        f"GDP on defence by NATO's own estimate ({g.release}); NATO Europe and Canada "
        f"{nato.loc['NATO_EUCA', 'share_gdp_pct_published']:.2f}%. {below_core} of "
        f"{int(nato.loc['NATO', 'members_with_data'])} allies with data were below the "
        f"{lv.core_pct:g}% core level agreed at The Hague for {lv.deadline_year}. Bringing every ally "
        f"below it up to {lv.core_pct:g}% would cost about "
        f"USD {nato.loc['NATO', 'gap_3_5pct_usd_bn']:,.0f} bn a year at {g.year} GDP, and up to "
        f"{lv.total_pct:g}% about USD {nato.loc['NATO', 'gap_5pct_usd_bn']:,.0f} bn. NATO's "
        "expenditure figures measure core defence only: the 1.5% of defence- and security-related "
        "spending in the 5% is not in them, so the gap to 5% is an upper bound."
    )
    blocks: list[Text | Chart | Table] = [
        intro,
        Chart(
            charts.share_chart(
                g.allies, lv, f"Defence spending as % of GDP, {g.year}, against NATO's targets"
            ),
            caption="Share of GDP by ally. Lines: 2% floor (Wales 2014 / Vilnius 2023), 3.5% core and "
            "5% total by 2035 (The Hague 2025).",
            source_ids=share_ids,
            note="Germany has no figure in NATO's August 2025 release (budget pending); its value comes "
            "from NATO's March 2026 annual report as relayed by the press, rounded to 0.1. Iceland has "
            "no armed forces and no figure.",
        ),
        Chart(
            charts.gap_chart(
                g.allies,
                lv.deadline_year,
                f"Money gap to {lv.core_pct:g}% and {lv.total_pct:g}% of GDP (largest 15)",
            ),
            caption="USD bn a year at the base year's GDP (IMF, market exchange rates); allies above a level show 0.",
            source_ids=share_ids + gdp_ids,
        ),
        Table(
            g.allies[
                [
                    "entity",
                    "name",
                    "share_gdp_pct",
                    "share_release",
                    "gdp_usd_bn",
                    "spending_usd_bn",
                    "gap_2pct_pp",
                    "gap_3_5pct_pp",
                    "gap_3_5pct_usd_bn",
                    "gap_5pct_pp",
                    "gap_5pct_usd_bn",
                    "pp_per_year_to_3_5pct",
                    f"gap_3_5pct_usd_bn_{lv.deadline_year}",
                ]
            ],
            caption=f"Gaps per ally (pp of GDP and USD bn). The {lv.deadline_year} column assumes nominal "
            f"GDP growth of {g.growth_pct:g}% a year and today's spending held flat.",
            source_ids=share_ids + gdp_ids,
            note="Defence spending in USD bn is derived: NATO share × IMF GDP.",
            label_year=g.year,
        ),
        Table(
            g.blocs,
            caption="NATO and NATO Europe + Canada. The share of GDP is recomputed from members; "
            "the share as published is NATO's own aggregate.",
            source_ids=share_ids + gdp_ids,
            label_year=g.year,
        ),
        Chart(
            charts.burden_chart(
                g.burden, "Burden sharing: share of NATO GDP vs share of NATO defence spending"
            ),
            caption="Above the dotted line an ally carries more of NATO's spending than of its GDP.",
            source_ids=share_ids + gdp_ids,
        ),
    ]
    if g.missing:
        blocks.append(
            Text("Missing figures (left missing, not estimated): " + "; ".join(g.missing) + ".")
        )
    if progress is not None:
        progress(1, 1)
    return Section(
        id="targets", title="NATO's spending targets: who is where", blocks=tuple(blocks)
    )

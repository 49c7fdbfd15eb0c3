"""`armsrace targets`: gaps to 2%, 3.5% core and 5% total, in points and money."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from armsrace.cli._output import DbOption, Format, FormatOption, WideOption

__all__ = ["register"]


class View(StrEnum):
    allies = "allies"
    blocs = "blocs"
    paths = "paths"
    burden = "burden"


# Columns that matter per view in an 80-column terminal; --wide shows every column.
NARROW = {
    "allies": [
        "entity",
        "share_gdp_pct",
        "gap_3_5pct_pp",
        "gap_3_5pct_usd_bn",
        "gap_5pct_usd_bn",
        "pp_per_year_to_3_5pct",
    ],
    "blocs": [
        "entity",
        "share_gdp_pct",
        "gap_3_5pct_usd_bn",
        "gap_5pct_usd_bn",
        "allies_below_3_5pct",
    ],
    "paths": ["entity", "target", "year", "share_gdp_pct", "spending_usd_bn"],
    "burden": [
        "entity",
        "share_gdp_pct",
        "share_of_nato_gdp_pct",
        "share_of_nato_spending_pct",
        "spending_minus_gdp_share_pp",
    ],
}


def register(app: typer.Typer) -> None:
    app.command("targets")(targets)


def targets(
    year: int = typer.Option(2025, "--year", help="Base year of shares and GDP."),
    release: str | None = typer.Option(
        None,
        "--release",
        help="NATO release of the shares (default: the newest NATO table in the store).",
    ),
    growth: float = typer.Option(
        1.5, "--growth", help="Nominal GDP growth assumed to the deadline, % a year."
    ),
    view: View = typer.Option(
        View.allies, "--view", help="Table to print: allies, blocs, paths or burden."
    ),
    fmt: Format = FormatOption,
    wide: bool = WideOption,
    db: Path | None = DbOption,
) -> None:
    """Gap of every ally, NATO and NATO Europe + Canada to NATO's spending targets.

    Shares from the newest NATO table in the store, today August 2025 (NATO's July 2026
    figures are known only from relays), or NATO's 2026 annual report where that release has
    no figure; GDP from the IMF (market exchange rates). Allies above a target show 0.

    Example:
        armsrace targets --format json
        armsrace targets --view burden
    """
    from armsrace.cli._output import (
        console,
        frame_records,
        open_cli_store,
        render_frame,
        render_json,
    )
    from armsrace.targets import compute_gaps

    with open_cli_store(db) as store:
        gaps = compute_gaps(store, year=year, release=release, growth_pct=growth)
    if fmt is Format.json:
        render_json(
            {
                "year": gaps.year,
                "release": gaps.release,
                "growth_pct": gaps.growth_pct,
                "levels": {
                    "floor_pct": gaps.levels.floor_pct,
                    "core_pct": gaps.levels.core_pct,
                    "total_pct": gaps.levels.total_pct,
                    "deadline_year": gaps.levels.deadline_year,
                },
                "allies": frame_records(gaps.allies),
                "blocs": frame_records(gaps.blocs),
                "burden": frame_records(gaps.burden),
                "missing": list(gaps.missing),
                "source_ids": list(gaps.source_ids),
                "run_info": gaps.run_info.to_dict() if gaps.run_info else None,
            }
        )
        return
    frames = {
        View.allies: gaps.allies,
        View.blocs: gaps.blocs,
        View.paths: gaps.paths,
        View.burden: gaps.burden,
    }
    render_frame(
        frames[view],
        fmt,
        title=f"Gaps to {gaps.levels.core_pct:g}% core and {gaps.levels.total_pct:g}% total by "
        f"{gaps.levels.deadline_year} (base {gaps.year}, {gaps.release}; USD bn at IMF GDP)",
        columns=NARROW[view.value],
        wide=wide,
        year=gaps.year,
    )
    if fmt is Format.table:
        if view is View.allies:
            render_frame(
                gaps.blocs,
                fmt,
                title="Blocs",
                columns=NARROW["blocs"],
                wide=wide,
                year=gaps.year,
            )
        for m in gaps.missing:
            console().print(f"[yellow]missing:[/] {m}")
        console().print("sources: " + ", ".join(gaps.source_ids))

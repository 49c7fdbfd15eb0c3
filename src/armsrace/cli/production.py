"""`armsrace data totals` and `armsrace data storage`: production sums and Russia's storage."""

from __future__ import annotations

from pathlib import Path

import typer

from armsrace.cli._output import DbOption, Format, FormatOption, WideOption

__all__ = ["register"]

TOTAL_ROWS = ["covers", "period", "per_year_low", "per_year_central", "per_year_high", "source_id"]
EXCLUDED_ROWS = ["claim_id", "basis", "subtype", "reason"]
STORAGE_TABLE = ["item", "as_of", "measure", "low", "central", "high", "source_id"]


def register(data_app: typer.Typer) -> None:
    data_app.command("totals")(totals)
    data_app.command("storage")(storage)


def totals(
    item: str = typer.Option(..., "--item", help="Production item, e.g. tanks."),
    side: str = typer.Option(..., "--side", help="NATO, RUS or UKR."),
    year: int = typer.Option(..., "--year", "-y", help="Year of the output."),
    kind: list[str] = typer.Option(
        None,
        "--kind",
        help="output or capacity (default: output, else capacity); never mixed.",
    ),
    basis: str = typer.Option(
        None, "--basis", help="Only this basis, e.g. new_build or new_plus_refurbished."
    ),
    scope: list[str] = typer.Option(None, "--scope", help="Only these scopes."),
    subtype: str = typer.Option(None, "--subtype", help="Only this subtype, e.g. 155mm."),
    fmt: Format = FormatOption,
    wide: bool = WideOption,
    db: Path | None = DbOption,
) -> None:
    """A side's yearly output of one item from estimates that add up, with its coverage.

    Only one basis, subtype and kind are summed; a producer inside a wider row (a plant in
    its company, a country in "NATO Europe") counts once; supplies for Ukraine never count
    as output. The coverage line names the countries covered and the side's members with
    no estimate.

    Example:
        armsrace data totals --item tanks --side NATO --year 2024
        armsrace data totals --item artillery_ammunition --side RUS --year 2024 --basis produced_or_refurbished
    """
    from armsrace.cli._output import frame_records, open_cli_store, render_frame, render_json
    from armsrace.facts.totals import production_total

    with open_cli_store(db) as store:
        total = production_total(
            store,
            item=item,
            side=side,
            year=year,
            kind=tuple(kind) if kind else ("output", "capacity"),
            basis=basis,
            scope=list(scope) if scope else None,
            subtype=subtype,
        )
    if fmt is Format.json:
        out = total.to_dict()
        out["rows"] = frame_records(total.rows)
        out["excluded"] = frame_records(total.excluded[["claim_id", "reason"]])
        render_json(out)
        return
    if fmt is Format.csv:
        render_frame(total.rows, fmt)
        return
    typer.echo(total.coverage_line())
    if total.empty:
        return
    render_frame(total.rows, fmt, title="Claims summed (per year)", columns=TOTAL_ROWS, wide=wide)
    if not total.excluded.empty:
        render_frame(total.excluded, fmt, title="Claims left out", columns=EXCLUDED_ROWS, wide=wide)
    for alt in total.alternatives:
        typer.echo(f"other set: {alt}")
    for note in total.notes:
        typer.echo(f"note: {note}")


def storage(
    item: list[str] = typer.Option(None, "--item", help="tanks, armoured_vehicles, …"),
    fmt: Format = FormatOption,
    wide: bool = WideOption,
    db: Path | None = DbOption,
) -> None:
    """Russia's equipment in storage, pre-war and wartime counts, each with its claimant.

    Example:
        armsrace data storage --item tanks
    """
    from armsrace.cli._output import open_cli_store, render_frame
    from armsrace.facts import queries

    with open_cli_store(db) as store:
        frame = queries.storage(store, item=item or None)
        src = queries.sources(store)[["source_id", "publisher", "url"]]
    frame = frame.merge(src, on="source_id", how="left")
    render_frame(
        frame,
        fmt,
        title="Equipment in storage (every claimant kept)",
        columns=STORAGE_TABLE,
        wide=wide,
    )

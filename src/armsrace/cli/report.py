"""`armsrace report`: the main job — a self-contained HTML report on the embedded data."""

from __future__ import annotations

from pathlib import Path

import typer

from armsrace.cli._output import DbOption

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    out: Path = typer.Option(
        Path("armsrace-report.html"), "--out", "-o", help="Where to write the HTML file."
    ),
    section: list[str] = typer.Option(
        None, "--section", help="Only these section ids (default: all)."
    ),
    db: Path | None = DbOption,
) -> None:
    """Write the full HTML report (opens offline) and print its path.

    Example:
        armsrace report --out report.html
    """
    from armsrace.cli._output import cli_settings, console, open_cli_store, progress_bar
    from armsrace.report.html import write_report

    settings = cli_settings(db)
    with open_cli_store(db) as store, progress_bar("Building report sections") as progress:
        result = write_report(
            store, settings, out, only=tuple(section) if section else None, progress=progress
        )
    console().print(
        f"{len(result.sections)} sections, {result.charts} charts, {len(result.source_ids)} sources"
    )
    typer.echo(str(result.path))

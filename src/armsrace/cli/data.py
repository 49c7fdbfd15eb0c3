"""`armsrace data`: build, show, import and export the sourced fact store."""

from __future__ import annotations

from pathlib import Path

import typer

from armsrace.cli._output import DbOption, Format, FormatOption, WideOption
from armsrace.facts.schema import TABLES

__all__ = ["register"]

data_app = typer.Typer(
    help="Build, query, import and export the sourced fact store.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

SHOW_COLUMNS = [c for c in TABLES["observation"].columns if c != "note"] + ["publisher", "url"]


OBS_TABLE = ["entity", "year", "indicator", "value", "unit", "release", "source_id"]
PROD_TABLE = ["item", "side", "producer", "year", "kind", "basis", "central", "period", "source_id"]
SOURCE_TABLE = ["source_id", "publisher", "date_published"]


def register(app: typer.Typer) -> None:
    from armsrace.cli.production import register as register_production

    register_production(data_app)
    app.add_typer(data_app, name="data")


@data_app.command("build")
def build(db: Path | None = DbOption) -> None:
    """Build (or rebuild) the fact store from the packaged CSV files.

    Example:
        armsrace data build --db facts.duckdb
    """
    import time

    from armsrace.cli._output import cli_settings, console
    from armsrace.facts.store import rebuild_store

    path = cli_settings(db).store_path()
    t0 = time.perf_counter()
    with console().status("Building the fact store…"):
        rebuild_store(path)
    from armsrace.facts.store import open_store

    with open_store(path) as store:
        counts = store.sql(
            "SELECT 'source' AS tbl, count(*) AS n FROM source UNION ALL "
            "SELECT 'observation', count(*) FROM observation UNION ALL "
            "SELECT 'production', count(*) FROM production UNION ALL "
            "SELECT 'statement', count(*) FROM statement UNION ALL "
            "SELECT 'target', count(*) FROM target UNION ALL "
            "SELECT 'membership', count(*) FROM membership"
        )
    summary = ", ".join(f"{r.tbl} {r.n}" for r in counts.itertuples())
    console().print(f"built {path} in {time.perf_counter() - t0:.2f} s: {summary}")


@data_app.command("show")
def show(
    country: list[str] = typer.Option(
        None,
        "--country",
        "-c",
        help="ISO3 code(s) or name(s), e.g. POL, Poland, Israel; blocs and regions too "
        "(NATO, EU, WLD, SIPRI_MIDDLE_EAST). Capitals and adjectives are not accepted.",
    ),
    bloc: str = typer.Option(
        None,
        "--bloc",
        help="All members of a bloc or region (NATO, NATO_EUCA, EU, SIPRI_EUROPE …) in "
        "--year, and its own rows.",
    ),
    year: list[int] = typer.Option(None, "--year", "-y", help="Year(s)."),
    metric: list[str] = typer.Option(
        None, "--metric", "-m", help="Indicator(s), e.g. milex_share_gdp, gdp_usd_current."
    ),
    item: list[str] = typer.Option(
        None, "--item", help="Show production estimates of these items instead (e.g. tanks)."
    ),
    release: str = typer.Option(None, "--release", help="Only this release, e.g. 'NATO 2025-08'."),
    fmt: Format = FormatOption,
    wide: bool = WideOption,
    db: Path | None = DbOption,
) -> None:
    """Show facts with the source of every row.

    Example:
        armsrace data show --country POL --year 2025 --format json
        armsrace data show --item tanks
    """
    from armsrace.cli._output import open_cli_store, render_frame
    from armsrace.facts import queries

    with open_cli_store(db) as store:
        src = queries.sources(store)[["source_id", "publisher", "url"]]
        if item:
            frame = queries.production(store, item=item, year=year or None)
            frame = frame.merge(src, on="source_id", how="left")
            render_frame(
                frame,
                fmt,
                title="Production claims (every claim kept; relays listed after the source)",
                columns=PROD_TABLE,
                wide=wide,
            )
            return
        from armsrace.facts.aliases import AliasIndex

        index = AliasIndex.from_store(store)
        entities: list[str] | None = [index.require(c) for c in country] if country else None
        if bloc:
            bloc = index.require(bloc)
            if not year or len(year) != 1:
                from armsrace.errors import DataError

                raise DataError("--bloc needs exactly one --year (membership changes by year)")
            entities = [*(entities or []), *queries.members(store, bloc, year[0]), bloc]
        frame = queries.observations(
            store, entity=entities, year=year or None, indicator=metric or None, release=release
        )
        frame = frame.merge(src, on="source_id", how="left")[SHOW_COLUMNS]
        render_frame(frame, fmt, title="Facts (every row sourced)", columns=OBS_TABLE, wide=wide)


@data_app.command("entities")
def entities(
    kind: str = typer.Option(None, "--kind", help="Only country, bloc or region."),
    aliases: bool = typer.Option(
        False, "--aliases", help="List every alias with its kind instead."
    ),
    fmt: Format = FormatOption,
    db: Path | None = DbOption,
) -> None:
    """List the countries, blocs and regions the store knows, or their aliases.

    Example:
        armsrace data entities --kind region
        armsrace data entities --aliases --format csv
    """
    from armsrace.cli._output import open_cli_store, render_frame
    from armsrace.facts import queries

    with open_cli_store(db) as store:
        if aliases:
            ids = None
            if kind:
                ids = queries.entities(store, kind=kind)["entity_id"].tolist()
            render_frame(queries.aliases(store, entity=ids), fmt, title="Aliases")
            return
        frame = queries.entities(store, kind=kind)
        if fmt is Format.table:
            frame = frame.drop(columns=["aliases"])
        render_frame(frame, fmt, title="Countries, blocs and regions")


DIFF_TABLE = [
    "entity",
    "year",
    "indicator",
    "old_value",
    "new_value",
    "change",
    "pct_change",
    "definition",
    "from_source_id",
    "to_source_id",
]


@data_app.command("diff")
def diff(
    from_release: str = typer.Option(
        None, "--from", help="The older release, e.g. 'NATO 2024-06'."
    ),
    to_release: str = typer.Option(None, "--to", help="The newer release, e.g. 'NATO 2025-08'."),
    country: list[str] = typer.Option(
        None, "--country", "-c", help="Only these countries, blocs or regions (ids or names)."
    ),
    metric: list[str] = typer.Option(
        None, "--metric", "-m", help="Only these indicators, e.g. milex_share_gdp."
    ),
    top: int = typer.Option(
        None, "--top", min=1, help="Only the N largest revisions of each indicator."
    ),
    fmt: Format = FormatOption,
    db: Path | None = DbOption,
) -> None:
    """What changed between two releases of one publisher, largest revision first.

    Compares the same country, year, indicator and price base; changes within the rounding
    of the printed figures are not revisions. Without --from/--to, lists the releases.

    Example:
        armsrace data diff --from "NATO 2024-06" --to "NATO 2025-08" --metric milex_share_gdp
    """
    from armsrace.cli._output import open_cli_store, render_frame
    from armsrace.errors import ReleaseError
    from armsrace.facts import diff as revisions_of

    with open_cli_store(db) as store:
        if from_release is None and to_release is None:
            frame = revisions_of.releases(store)
            if fmt is Format.table:
                frame = frame.drop(columns=["source_ids"])
            render_frame(frame, fmt, title="Releases (publisher = first word of the label)")
            return
        if from_release is None or to_release is None:
            raise ReleaseError("give both --from and --to (or neither, to list the releases)")
        entities = None
        if country:
            from armsrace.facts.aliases import AliasIndex

            index = AliasIndex.from_store(store)
            entities = [index.require(c) for c in country]
        frame = revisions_of.revisions(
            store,
            from_release=from_release,
            to_release=to_release,
            entity=entities,
            indicator=list(metric) if metric else None,
        )
        if top is not None:  # rows come largest first within each indicator
            frame = frame.groupby("indicator", sort=False).head(top).reset_index(drop=True)
        if fmt is Format.table:
            changed = frame["definition"].astype(str).str.contains("->").any()
            frame = frame[[c for c in DIFF_TABLE if c != "definition" or changed]]
        render_frame(
            frame,
            fmt,
            title=f"Revisions {from_release} -> {to_release} ({len(frame)} figure(s))",
        )


@data_app.command("sources")
def sources(
    source_id: list[str] = typer.Option(None, "--id", help="Only these source ids."),
    claim: list[str] = typer.Option(
        None, "--claim", help="Every source of these production claims, in relay order."
    ),
    fmt: Format = FormatOption,
    wide: bool = WideOption,
    db: Path | None = DbOption,
) -> None:
    """List the sources behind the facts.

    Example:
        armsrace data sources --format csv > sources.csv
        armsrace data sources --claim tass-mirror-2025-04-03-cavoli-testimony/tanks/2025
    """
    from armsrace.cli._output import open_cli_store, render_frame
    from armsrace.facts import queries

    with open_cli_store(db) as store:
        if claim:
            frame = queries.claim_sources(store, claim_id=claim)
            render_frame(
                frame,
                fmt,
                title="Sources of each claim (1 = original)",
                columns=["relay_order", "source_id", "claimant"],
                wide=wide,
            )
            return
        frame = queries.sources(store, source_id=source_id or None)
        render_frame(frame, fmt, title="Sources", columns=SOURCE_TABLE, wide=wide)


@data_app.command("import")
def import_(
    file: Path = typer.Argument(
        ..., help="CSV of observations, production estimates or statements."
    ),
    db: Path | None = DbOption,
) -> None:
    """Add facts and their sources from a CSV file, all rows or none.

    Observation files need: entity, year, indicator, value, unit, source_id. A new
    source is described inline with source_publisher, source_title, source_url (and
    optionally source_date).

    Example:
        armsrace data import my_figures.csv
    """
    from armsrace.cli._output import console, open_cli_store

    with open_cli_store(db, read_only=False) as store:
        from armsrace.facts.imports import import_csv

        report = import_csv(store, file)
    console().print(
        f"imported {report.inserted} {report.table} row(s) from {file}"
        f" ({report.unchanged} already present, {len(report.new_sources)} new source(s))"
    )


@data_app.command("export")
def export(
    out: Path = typer.Option(
        Path("armsrace-export"), "--out", "-o", help="Directory to write CSV files into."
    ),
    db: Path | None = DbOption,
) -> None:
    """Write every table of the store as CSV files.

    Example:
        armsrace data export --out facts-csv
    """
    from armsrace.cli._output import console, open_cli_store
    from armsrace.facts.imports import export_store

    with open_cli_store(db) as store:
        files = export_store(store, out)
    console().print(f"wrote {len(files)} files to {out}")
    for f in files:
        typer.echo(str(f))

"""`armsrace check`: extract an article's quantitative claims and judge them against the facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from armsrace.cli._output import DbOption, Format, FormatOption

__all__ = ["register"]

_STYLE = {"supported": "green", "contradicted": "red", "unverifiable": "yellow"}


def register(app: typer.Typer) -> None:
    """Add the 'check' command to the root app."""
    app.command("check")(check)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD", param_hint="--date"
        ) from None


def check(
    article: str = typer.Argument(..., help="Article file (text or HTML), or - for stdin."),
    date: str | None = typer.Option(
        None, "--date", help="Article date YYYY-MM-DD (default: read from the article)."
    ),
    fmt: Format = FormatOption,
    html_out: Path | None = typer.Option(
        None, "--html", help="Also write the article as HTML with every claim highlighted."
    ),
    db: Path | None = DbOption,
) -> None:
    """Check the quantitative claims of an article: supported, contradicted or unverifiable.

    Each claim is matched to sourced facts (spending, GDP, production, statements,
    targets); the verdict names the measure, the tolerance and the sources used.

    Example:
        armsrace check article.txt --date 2025-05-30
        armsrace check page.html --format json --html claims.html
        cat article.txt | armsrace check -
    """
    from armsrace.claims.match import Checker
    from armsrace.claims.reader import read_article
    from armsrace.cli._output import console, open_cli_store, render_frame, render_json

    day = _parse_date(date)
    art = read_article(article, date=day)
    with open_cli_store(db) as store:
        result = Checker(store).check(art)
    if html_out is not None:
        from armsrace.claims.render import render_html

        html_out.write_text(render_html(result), encoding="utf-8")
        console().print(f"wrote {html_out}")
    counts = result.counts()
    summary = (
        f"{len(result.checks)} claims in {art.name} (date {art.date or 'unknown'}): "
        f"{counts['supported']} supported, {counts['contradicted']} contradicted, "
        f"{counts['unverifiable']} unverifiable"
    )
    if fmt is Format.json:
        render_json(result.to_dict())
    elif fmt is Format.csv:
        frame = result.to_frame()
        render_frame(frame, fmt)
    else:
        _render_table(result)
    console().print(summary)


def _render_table(result: object) -> None:
    from rich.table import Table

    from armsrace.claims.verdict import ArticleCheck
    from armsrace.cli._output import table_console

    if not isinstance(result, ArticleCheck):  # pragma: no cover - typed helper
        return
    table = Table(title=f"Claims: {result.article.title or result.article.name}", show_lines=True)
    for col in ("#", "claim", "value", "subject", "metric", "year", "verdict", "evidence"):
        table.add_column(col, overflow="fold", no_wrap=col in ("#", "verdict"))
    for n, c in enumerate(result.checks, start=1):
        cl = c.claim
        subject = cl.subject if cl.versus is None else f"{cl.subject} vs {cl.versus}"
        value = f"{cl.qualifier + ' ' if cl.qualifier else ''}{cl.value:,.6g} {cl.unit}"
        used = [e for e in c.evidence if e.agrees is not None] or list(c.evidence)
        lines = [
            f"{'✓' if e.agrees else ('✗' if e.agrees is False else '·')} {e.description} [{e.source_id or 'store'}]"
            for e in used[:3]
        ]
        if len(used) > 3:
            lines.append(f"… {len(used) - 3} more")
        if c.measure:
            lines.append(f"measure: {c.measure}")
        if c.code and c.verdict.value == "unverifiable":
            lines.append(f"reason: {c.code}")
        if c.reason:
            lines.append(c.reason)
        lines.extend(c.notes)
        verdict = _STYLE.get(c.verdict.value, "white")
        table.add_row(
            str(n),
            " ".join(cl.text.split()),
            value,
            subject or "",
            cl.metric,
            "" if cl.year is None else str(cl.year),
            f"[{verdict}]{c.verdict.value}[/{verdict}]",
            "\n".join(lines),
        )
    table_console(False).print(table)

"""Shared CLI options and rendering: data to stdout, progress and messages to stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from armsrace.facts.store import FactStore
    from armsrace.settings import Settings

__all__ = [
    "DbOption",
    "Format",
    "FormatOption",
    "WideOption",
    "console",
    "open_cli_store",
    "progress_bar",
    "render_frame",
    "render_json",
    "run_app",
    "set_debug",
    "table_console",
]

_STATE: dict[str, bool] = {}  # per-process CLI flag, set by the root callback only


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = typer.Option(
    Format.table, "--format", "-f", help="Output format: table, json or csv."
)
WideOption = typer.Option(
    False, "--wide", help="Tables: show every column (default: the ones that fit 80 columns)."
)
DbOption = typer.Option(
    None, "--db", "--store", help="Fact store file (default: ARMSRACE_DB or the user data dir)."
)


def set_debug(flag: bool) -> None:
    _STATE["debug"] = flag


def console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def cli_settings(db: Path | None) -> Settings:
    from armsrace.settings import resolve

    return resolve(db_path=db)


def open_cli_store(db: Path | None, *, read_only: bool = True) -> FactStore:
    """Open (building if needed) the store named by ``--db`` / ARMSRACE_DB / default."""
    from armsrace.facts.store import open_store

    settings = cli_settings(db)
    with console().status("Opening the fact store…"):
        return open_store(settings.store_path(), read_only=read_only)


def _jsonable(value: Any) -> Any:
    import math

    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return _jsonable(value.item())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {str(k): _jsonable(v) for k, v in row.items()} for row in frame.to_dict(orient="records")
    ]


def render_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False, default=_jsonable) + "\n")


def render_frame(
    frame: pd.DataFrame,
    fmt: Format,
    *,
    title: str | None = None,
    caption: str | None = None,
    columns: Sequence[str] | None = None,
    wide: bool = False,
    year: int | None = None,
) -> None:
    """Write a frame to stdout as a rich table, JSON records or CSV.

    JSON and CSV always carry every column under its raw id. A table shows ``columns``
    (the ones that matter, chosen to fit an 80-column terminal) unless ``wide``, with
    human labels from :mod:`armsrace.labels` (``year`` fills "{year}" in them) and is
    fitted to the terminal's width (80 when not a terminal); ``wide`` lets it grow.
    """
    if fmt is Format.json:
        render_json(frame_records(frame))
        return
    if fmt is Format.csv:
        frame.to_csv(sys.stdout, index=False)
        return
    from rich.table import Table

    from armsrace.labels import label

    if columns is not None and not wide:
        frame = frame[[c for c in columns if c in frame.columns]]
    table = Table(title=title, caption=caption, show_lines=False)
    for col in frame.columns:
        table.add_column(label(str(col), year=year), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*("" if _is_missing(v) else _fmt_cell(v) for v in row))
    table_console(wide, table).print(table)


def table_console(wide: bool, table: Any = None) -> Console:
    """A stdout console for tables: the terminal's width, or as wide as ``table`` needs."""
    from rich.console import Console

    out = Console(soft_wrap=False)
    if wide and table is not None:
        title, caption = table.title, table.caption
        table.title = table.caption = None  # a title would be measured as one long line
        need = Console(width=100_000).measure(table).maximum
        table.title, table.caption = title, caption
        out = Console(soft_wrap=False, width=max(out.width, need))
    return out


def _is_missing(v: Any) -> bool:
    try:
        return v is None or (isinstance(v, float) and v != v)
    except Exception:  # pragma: no cover - exotic objects
        return False


def _fmt_cell(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
    return str(v)


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar on stderr, exposed as a ``progress(done, total)`` callback."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(),
        console=console(),
        transient=True,
    ) as prog:
        task = prog.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            prog.update(task, completed=done, total=total)

        yield update


def run_app(app: typer.Typer, argv: list[str] | None) -> int:
    """Run the typer app; ArmsraceError prints one line (exit 1), usage errors exit 2."""
    from armsrace.errors import ArmsraceError

    exits, usage, aborts = _click_exceptions()
    try:
        app(args=argv, standalone_mode=False)
    except ArmsraceError as exc:
        if _STATE.get("debug"):
            raise
        sys.stderr.write(f"error: {exc}\n")
        return 1
    except exits as exc:
        return int(getattr(exc, "exit_code", 0) or 0)
    except usage as exc:
        exc.show()  # type: ignore[attr-defined]
        return int(getattr(exc, "exit_code", 2))
    except aborts:
        sys.stderr.write("aborted\n")
        return 1
    return 0


def _click_exceptions() -> tuple[tuple[type[BaseException], ...], ...]:
    """Exit / usage / abort exception classes of click and of typer's vendored copy, if any."""
    import importlib

    exits: list[type[BaseException]] = []
    usage: list[type[BaseException]] = []
    aborts: list[type[BaseException]] = []
    for name in ("click.exceptions", "typer._click.exceptions", "typer.exceptions"):
        try:
            mod = importlib.import_module(name)
        except ImportError:
            continue
        for bucket, attr in ((exits, "Exit"), (usage, "ClickException"), (aborts, "Abort")):
            cls = getattr(mod, attr, None)
            if isinstance(cls, type) and issubclass(cls, BaseException):
                bucket.append(cls)
    return tuple(exits), tuple(usage), tuple(aborts)

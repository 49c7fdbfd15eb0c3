"""The ``armsrace`` command line: one module per command group, each with ``register(app)``.

Heavy libraries are imported inside the commands, so ``armsrace --help`` stays fast.
"""

from __future__ import annotations

import sys

import typer

from armsrace.cli import check, data, dynamics, report, serve, simulate, targets

__all__ = ["app", "main"]

app = typer.Typer(
    name="armsrace",
    help="Sourced facts and simulations of the NATO–Russia defence-production race.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors."),
) -> None:
    """armsrace: who spends what, who produces what, and when NATO could out-produce Russia."""
    from armsrace.cli import _output

    _output.set_debug(debug)


for _module in (data, targets, simulate, dynamics, check, report, serve):
    _module.register(app)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: ArmsraceError -> one clean line on stderr, exit 1."""
    from armsrace.cli._output import run_app

    sys.exit(run_app(app, argv))

"""CLI group 'check' (placeholder until the capability lands)."""

from __future__ import annotations

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the 'check' commands to the root app."""
    _ = app

"""Settings: one frozen value passed explicitly, resolved as cli > env ARMSRACE_* > defaults.

Nothing here runs at import time; :func:`resolve` reads the environment when called.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = ["Settings", "default_db_path", "resolve"]


def default_db_path() -> Path:
    """Where the fact store lives unless told otherwise: the user's data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("armsrace", appauthor=False)) / "facts.duckdb"


@dataclass(frozen=True)
class Settings:
    """Everything a command may need to know about where and how much.

    ``db_path`` None means the default data-directory file.
    """

    db_path: Path | None = None
    max_runs: int = 10_000_000
    max_horizon_months: int = 600
    gdp_growth_pct: float = 1.5

    def store_path(self) -> Path:
        return self.db_path if self.db_path is not None else default_db_path()

    def with_overrides(self, **changes: object) -> Settings:
        clean = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **clean)  # type: ignore[arg-type]


def resolve(
    *, db_path: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Build settings from explicit values first, then ``ARMSRACE_*`` variables, then defaults."""
    env = os.environ if environ is None else environ
    chosen = db_path if db_path is not None else env.get("ARMSRACE_DB") or None
    settings = Settings()
    if chosen is not None:
        settings = replace(settings, db_path=Path(chosen).expanduser())
    if "ARMSRACE_MAX_RUNS" in env:
        settings = replace(settings, max_runs=int(env["ARMSRACE_MAX_RUNS"]))
    return settings

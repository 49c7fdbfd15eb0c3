"""SIPRI Military Expenditure Database: one long-format publisher copy per release."""

from __future__ import annotations

from pathlib import Path

from package_data.entities import KEEP
from package_data.files import Row, read

MEASURES = {
    # measure in the copy: (indicator, unit, constant prices?)
    "constant_usd_million": ("milex_usd_constant", "usd_million", True),
    "current_usd_million": ("milex_usd_current", "usd_million", False),
    "share_gdp_pct": ("milex_share_gdp", "pct_gdp", False),
}


def observations(
    path: Path, *, source_id: str, release: str, price_base: str, keep: set[str] | None = None
) -> list[Row]:
    """Rows of one SIPRI copy; ``price_base`` is the release's constant-price year."""
    keep = KEEP if keep is None else keep
    rows: list[Row] = []
    for r in read(path):
        if r["iso3"] not in keep or r["measure"] not in MEASURES:
            continue
        ind, unit, constant = MEASURES[r["measure"]]
        rows.append(
            dict(
                entity=r["iso3"],
                year=r["year"],
                indicator=ind,
                value=r["value"],
                unit=unit,
                price_base=price_base if constant else "",
                estimate="true" if "estimate" in r["note"].lower() else "false",
                definition="SIPRI",
                release=release,
                source_id=source_id,
                note=r["note"],
            )
        )
    return rows

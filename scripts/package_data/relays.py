"""Figures of one release relayed one by one, when the publisher's full table is not at hand.

The transcription file (``data/primary/<release>.relays.csv``) holds each figure as the
relay printed it: ``entity, year, indicator, value, unit, price_base, estimate, source_id,
note``. A relay that prints USD billion is written here in USD million by a decimal shift
of its digits (never recomputed); every row keeps its own source.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from package_data.files import Row, read

UNITS = {
    # unit in the transcription -> (unit in the store, decimal shift)
    "usd_million": ("usd_million", 0),
    "usd_billion": ("usd_million", 3),
    "pct_gdp": ("pct_gdp", 0),
    "pct_milex": ("pct_milex", 0),
    "pct": ("pct", 0),
}


def observations(path: Path, *, release: str, definition: str) -> list[Row]:
    rows: list[Row] = []
    for line, r in enumerate(read(path), start=2):
        if r["unit"] not in UNITS:
            raise SystemExit(f"{path.name} line {line}: unknown unit {r['unit']!r}")
        unit, shift = UNITS[r["unit"]]
        value = r["value"]
        note = r["note"]
        if shift:
            value = format(Decimal(value).scaleb(shift), "f")
            note = f"{note}; USD billion in the relay, written here in USD million"
        rows.append(
            dict(
                entity=r["entity"],
                year=r["year"],
                indicator=r["indicator"],
                value=value,
                unit=unit,
                price_base=r["price_base"],
                estimate=r["estimate"],
                definition=definition,
                release=release,
                source_id=r["source_id"],
                note=note,
            )
        )
    return rows

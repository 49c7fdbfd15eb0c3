"""Figures of one release relayed one by one, when the publisher's full table is not at hand.

The transcription file (``data/primary/<release>.relays.csv``) holds each figure as the
relay printed it: ``entity, year, indicator, value, unit, price_base, estimate, source_id,
note``. A relay that prints USD billion is written here in USD million (RUB trillion in RUB
billion) by a decimal shift of its digits (never recomputed); every row keeps its own source.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from armsrace.facts.schema import LCU_CURRENCIES, LCU_UNITS
from package_data.files import Row, read

UNITS = {
    # unit in the transcription -> (unit in the store, decimal shift)
    "usd_million": ("usd_million", 0),
    "usd_billion": ("usd_million", 3),
    "pct_gdp": ("pct_gdp", 0),
    "pct_milex": ("pct_milex", 0),
    "pct": ("pct", 0),
    # national currencies are kept in their own currency (never converted): a relay's
    # "RUB 13.1 trillion" is written in RUB billion by a decimal shift of its digits
    **{u: (u, 0) for u in LCU_UNITS},
    **{f"{c}_trillion": (f"{c}_billion", 3) for c in LCU_CURRENCIES},
}


def observations(path: Path, *, release: str, definition: str) -> list[Row]:
    rows: list[Row] = []
    for line, r in enumerate(read(path), start=2):
        if r["unit"] not in UNITS:
            raise SystemExit(
                f"{path.name} line {line}, field unit: unknown unit {r['unit']!r}; "
                f"use one of {', '.join(UNITS)}"
            )
        unit, shift = UNITS[r["unit"]]
        value = r["value"]
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            raise SystemExit(
                f"{path.name} line {line}, field value: {value!r} is not a number "
                "(digits and '.', as the relay printed it)"
            )
        note = r["note"]
        if shift:
            value = format(number.scaleb(shift), "f")
            note = f"{note}; {_words(r['unit'])} in the relay, written here in {_words(unit)}"
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


def _words(unit: str) -> str:
    """'usd_billion' -> 'USD billion'."""
    currency, scale = unit.split("_", 1)
    return f"{currency.upper()} {scale}"

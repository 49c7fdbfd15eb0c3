"""Ratio statements from the starter set's production table.

The production estimates themselves (``production.csv``) are curated by hand since
production table v2: each starter row was classified once (claim, basis, scope, subtype),
relays of one claim were grouped (``relays.csv``), and the file is no longer rebuilt from
the starter set. Its history is in git; the starter's own rows stay in
``shared/reference-data/production_estimates.csv``.
"""

from __future__ import annotations

from pathlib import Path

from package_data.files import Row, read

SIDES = {"Russia": "RUS", "NATO": "NATO", "Ukraine": "UKR"}


def _statement(r: dict[str, str]) -> Row:
    num, _, den = r["country_or_bloc"].partition(":")
    if not den:  # "NATO vs Russia" rows naming one side only compare it with the other
        den = "Russia" if num == "NATO" else "NATO"
    metric = {
        "ammunition output ratio": "ammunition_output_ratio",
        "economy size ratio": "gdp_ratio",
    }[r["item"]]
    return dict(
        metric=metric,
        numerator=SIDES.get(num, num),
        denominator=SIDES.get(den, den),
        year=r["year"],
        value=r["quantity_central"],
        low=r["quantity_low"],
        high=r["quantity_high"],
        claimant=r["claimant"],
        claim_type=r["claim_type"],
        source_id=r["source_id"],
        note=r["note"],
    )


def build_statements(ref: Path) -> list[Row]:
    """Published ratio statements (the starter table's ``ratio`` rows, none derived)."""
    stmts: list[Row] = []
    for r in read(ref / "production_estimates.csv"):
        if r["source_id"] == "globalresearch-2025-05-30":
            continue  # the article under test is not evidence for itself
        if r["unit"] == "ratio" and not r["claimant"].startswith("derived"):
            stmts.append(_statement(r))
    return stmts

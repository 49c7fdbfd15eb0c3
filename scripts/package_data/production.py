"""Production estimates and ratio statements from the starter set's production table."""

from __future__ import annotations

import re
from pathlib import Path

from package_data.files import Row, read

ITEM_PATTERNS = [
    (r"shell|ammunition|artillery round", "artillery_ammunition"),
    (r"tank|T-90", "tanks"),
    (r"armoured|armored", "armoured_vehicles"),
    (r"aircraft|helicopter", "combat_aircraft"),
    (r"PAC-3|interceptor", "interceptors"),
    (r"missile", "long_range_missiles"),
    (r"drone|UAV", "drones"),
]
UP_TO_CORRECTIONS = {
    "pravda-ua-2025-09-06": "source says 'up to 2,700 a month': stored as high, not central",
    "onlineua-2025-janes": "source says 'up to 400' new tanks a year: stored as high, not central",
}
SIDES = {"Russia": "RUS", "NATO": "NATO", "Ukraine": "UKR"}


def classify_item(label: str) -> str:
    for pat, item in ITEM_PATTERNS:
        if re.search(pat, label, re.IGNORECASE):
            return item
    raise SystemExit(f"no item category for {label!r}")


def classify_kind(label: str, unit: str) -> str:
    low = label.lower()
    if unit.startswith("multiple"):
        return "multiple"
    if "target" in low:
        return "target"
    if "capacity" in low:
        return "capacity"
    if "plan" in low or "forecast" in low:
        return "plan"
    return "output"


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


def build_production(ref: Path) -> tuple[list[Row], list[Row]]:
    """Production rows and ratio statements (two packaged tables from one starter table)."""
    prod: list[Row] = []
    stmts: list[Row] = []
    for r in read(ref / "production_estimates.csv"):
        if r["source_id"] == "globalresearch-2025-05-30":
            continue  # the article under test is not evidence for itself
        if r["unit"] == "ratio":
            if r["claimant"].startswith("derived"):
                continue  # computed by the compiler, not published; armsrace derives its own
            stmts.append(_statement(r))
            continue
        if r["source_id"] in UP_TO_CORRECTIONS and r["quantity_central"]:
            # the source says "up to N": a ceiling, not a central value (spot-check 2026-11-26)
            r = dict(r, quantity_high=r["quantity_central"], quantity_central="")
            r["note"] = (r["note"] + "; " if r["note"] else "") + UP_TO_CORRECTIONS[r["source_id"]]
        prod.append(
            dict(
                item=classify_item(r["item"]),
                item_label=r["item"],
                kind=classify_kind(r["item"], r["unit"]),
                side=SIDES[r["side"]],
                producer=r["country_or_bloc"],
                year=r["year"],
                period=r["period"],
                low=r["quantity_low"],
                central=r["quantity_central"],
                high=r["quantity_high"],
                unit=r["unit"],
                claimant=r["claimant"],
                claim_type=r["claim_type"],
                source_id=r["source_id"],
                note=r["note"],
            )
        )
    return prod, stmts

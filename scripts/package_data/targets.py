"""NATO spending targets as data, from the starter set's targets table."""

from __future__ import annotations

from pathlib import Path

from package_data.files import Row, read

DISPUTED = ("hague-2025-spain-2.1", "press-2032-variant")


def build_targets(ref: Path) -> list[Row]:
    rows: list[Row] = []
    for r in read(ref / "targets.csv"):
        base = "defence_expenditure" if "equip" in r["target_id"] else "gdp"
        share = r["share_gdp_pct"]
        if r["target_id"] == "wales-2014-dip-20pct-equip":
            share = "20"
        rows.append(
            dict(
                target_id=r["target_id"],
                name=r["name"],
                share_pct=share,
                share_of=base,
                deadline_year=r["deadline_year"],
                agreed_at=r["agreed_at"],
                agreed_date=r["agreed_date"],
                applies_to="ESP" if r["target_id"] == "hague-2025-spain-2.1" else "NATO",
                status="disputed" if r["target_id"] in DISPUTED else "agreed",
                scope_note=r["scope_note"],
                source_id=r["source_id"],
            )
        )
    return rows

"""NATO 'Defence Expenditure of NATO Countries': one long-format publisher copy per release."""

from __future__ import annotations

from pathlib import Path

from package_data.files import Row, read

AGGREGATE_NAMES = {"NATO Europe and Canada": "NATO_EUCA", "NATO Total": "NATO"}
MEASURES = {
    "share_gdp_pct": ("milex_share_gdp", "pct_gdp", ""),
    "real_change_pct": ("milex_real_change", "pct", ""),
    "usd_million_current": ("milex_usd_current", "usd_million", ""),
    "usd_million_constant_2015": ("milex_usd_constant", "usd_million", "2015"),
    "equipment_share_pct": ("equipment_share", "pct_milex", ""),
}


def observations(path: Path, *, source_id: str, release: str) -> list[Row]:
    """Rows of one NATO copy; aggregates are mapped to the NATO / NATO_EUCA blocs."""
    rows: list[Row] = []
    for r in read(path):
        entity = r["iso3"] or AGGREGATE_NAMES.get(r["country"], "")
        if not entity:
            raise SystemExit(f"{path.name}: unknown aggregate {r['country']!r}")
        ind, unit, base = MEASURES[r["measure"]]
        rows.append(
            dict(
                entity=entity,
                year=r["year"],
                indicator=ind,
                value=r["value"],
                unit=unit,
                price_base=base,
                estimate=r["estimate"],
                definition="NATO",
                release=release,
                source_id=source_id,
                note=r["note"] if r["value"] == "" or "*" in r["note"] else "",
            )
        )
    return rows

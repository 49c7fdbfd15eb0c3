"""SIPRI Military Expenditure Database: one long-format publisher copy per release.

Every country SIPRI publishes is loaded (ISO3 ids), and so are its world, regional and
sub-regional totals, under the fixed ids of ``REGIONS``. SIPRI prints the totals in USD
billion; they are written here in USD million (the unit of ``milex_usd_*``), by a decimal
shift of the published digits, stated in each row's note.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from package_data.files import Row, read

MEASURES = {
    # measure in the copy: (indicator, unit, constant prices?, USD billion in the copy?)
    "constant_usd_million": ("milex_usd_constant", "usd_million", True, False),
    "current_usd_million": ("milex_usd_current", "usd_million", False, False),
    "share_gdp_pct": ("milex_share_gdp", "pct_gdp", False, False),
    "constant_usd_billion_region": ("milex_usd_constant", "usd_million", True, True),
    "current_usd_billion_region": ("milex_usd_current", "usd_million", False, True),
}
#: SIPRI's aggregate rows -> entity id; WLD is kind "world", the rest kind "region".
REGIONS = {
    "World": "WLD",
    "Africa": "SIPRI_AFRICA",
    "North Africa": "SIPRI_NORTH_AFRICA",
    "sub-Saharan Africa": "SIPRI_SUB_SAHARAN_AFRICA",
    "Americas": "SIPRI_AMERICAS",
    "Central America and the Caribbean": "SIPRI_CENTRAL_AMERICA_CARIBBEAN",
    "North America": "SIPRI_NORTH_AMERICA",
    "South America": "SIPRI_SOUTH_AMERICA",
    "Asia & Oceania": "SIPRI_ASIA_OCEANIA",
    "Oceania": "SIPRI_OCEANIA",
    "South Asia": "SIPRI_SOUTH_ASIA",
    "East Asia": "SIPRI_EAST_ASIA",
    "South East Asia": "SIPRI_SOUTH_EAST_ASIA",
    "Central Asia": "SIPRI_CENTRAL_ASIA",
    "Europe": "SIPRI_EUROPE",
    "Central Europe": "SIPRI_CENTRAL_EUROPE",
    "Eastern Europe": "SIPRI_EASTERN_EUROPE",
    "Western Europe": "SIPRI_WESTERN_EUROPE",
    "Middle East": "SIPRI_MIDDLE_EAST",
}
BILLION_NOTE = "USD billion in the source, written here in USD million"


def entity_id(r: dict[str, str], path: Path) -> str:
    if r["iso3"]:
        return r["iso3"]
    if r["country"] in REGIONS:
        return REGIONS[r["country"]]
    raise SystemExit(f"{path.name}: aggregate {r['country']!r} has no entity id in sipri.REGIONS")


def _millions(billions: str) -> str:
    return format(Decimal(billions) * 1000, "f")


def observations(path: Path, *, source_id: str, release: str, price_base: str) -> list[Row]:
    """Rows of one SIPRI copy; ``price_base`` is the release's constant-price year."""
    rows: list[Row] = []
    for r in read(path):
        ind, unit, constant, billions = MEASURES[r["measure"]]
        note = r["note"]
        if billions:
            note = f"{note}; {BILLION_NOTE}" if note else BILLION_NOTE
        rows.append(
            dict(
                entity=entity_id(r, path),
                year=r["year"],
                indicator=ind,
                value=_millions(r["value"]) if billions else r["value"],
                unit=unit,
                price_base=price_base if constant else "",
                estimate="true" if "estimate" in r["note"].lower() else "false",
                definition="SIPRI",
                release=release,
                source_id=source_id,
                note=note,
            )
        )
    return rows

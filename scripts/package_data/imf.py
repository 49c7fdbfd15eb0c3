"""IMF World Economic Outlook: GDP at market exchange rates and at PPP, one copy per release."""

from __future__ import annotations

from pathlib import Path

from package_data.files import Row, read

MEASURES = {
    "gdp_usd_billion_current": ("gdp_usd_current", "usd_billion"),
    "gdp_ppp_intl_billion_current": ("gdp_ppp_current", "intl_usd_billion"),
}


def observations(path: Path, *, source_id: str, release: str) -> list[Row]:
    rows: list[Row] = []
    for r in read(path):
        ind, unit = MEASURES[r["measure"]]
        rows.append(
            dict(
                entity=r["iso3"],
                year=r["year"],
                indicator=ind,
                value=r["value"],
                unit=unit,
                price_base="",
                estimate="",
                definition="IMF",
                release=release,
                source_id=source_id,
                note="",
            )
        )
    return rows
